//! Causes: "because (of)", "due to", "over" after a dispute word, "could not withstand",
//! "it's (more) about" with a "why" clause, "not so much X … but Y", and "upset about".

use super::*;

impl Pass<'_, '_, '_, '_> {
    // --- causes -------------------------------------------------------------------------

    pub(super) fn emit_cause(&self, u: &Unit, seg: &Range<usize>, c: Cause, out: &mut Vec<Draft>) {
        let predicate = match c.effect.kind {
            EffKind::Ended => "ended-because-of",
            EffKind::Strained => "strained-by",
            EffKind::Upset => "upset-about",
        };
        let window = seg
            .start
            .max(c.effect_clause.start.min(c.marker).saturating_sub(12))
            ..c.cause.end.min(seg.end).max(c.marker + 1);
        let modality = if self.hedged(window) {
            Modality::Hedged
        } else {
            Modality::Asserted
        };
        let parts = self.parts(c.cause.clone());
        let objects: Vec<(Range<usize>, DraftObject, f64)> = parts
            .into_iter()
            .filter_map(|p| self.object(p.clone()).map(|(o, k)| (p, o, k)))
            .collect();
        let any_named = objects
            .iter()
            .any(|(_, o, _)| !matches!(o, DraftObject::Literal(_)));
        for (p, o, k) in objects {
            if any_named && matches!(o, DraftObject::Literal(_)) {
                continue;
            }
            // The words: effect clause to cause when the effect comes first, else marker to
            // cause (an effect in the next sentence is not quoted).
            let from = if c.effect_clause.start < c.marker {
                c.effect_clause.start
            } else {
                c.marker.min(p.start)
            };
            let to = if c.effect_clause.start < c.marker {
                p.end.max(c.effect.span.end.min(p.end))
            } else {
                p.end
            };
            out.push(self.draft(
                u,
                c.subject.clone(),
                predicate,
                Some(o),
                c.polarity,
                modality,
                from..to,
                c.conf * k,
                c.rule,
            ));
        }
    }

    pub(super) fn causes(
        &self,
        u: &Unit,
        seg: Range<usize>,
        next: Option<Range<usize>>,
        out: &mut Vec<Draft>,
    ) {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        let mut last: Option<(Effect, String, Range<usize>)> = None;
        let mut i = seg.start;
        while i < seg.end {
            // "not so much X (but Y)": X denied as a cause of the last effect.
            if let Some((n, _)) = lex.deny_before.at(doc, i, seg.end)
                && let Some((eff, subject, _)) = last.clone()
            {
                {
                    let end = self.cause_end(i + n, seg.end);
                    if end > i + n {
                        self.emit_cause(
                            u,
                            &seg,
                            Cause {
                                marker: i,
                                effect: eff.clone(),
                                subject: subject.clone(),
                                effect_clause: i..i,
                                cause: i + n..end,
                                polarity: Polarity::Denied,
                                rule: "cause:not-so-much",
                                conf: 0.8,
                            },
                            out,
                        );
                        let mut j = end;
                        while j < seg.end
                            && (doc.is_punct(j, ",")
                                || matches!(doc.toks[j].kind, Kind::Ellipsis | Kind::Dash))
                        {
                            j += 1;
                        }
                        if let Some((m, _)) = lex.affirm_after.at(doc, j, seg.end) {
                            let end2 = self.cause_end(j + m, seg.end);
                            self.emit_cause(
                                u,
                                &seg,
                                Cause {
                                    marker: j,
                                    effect: eff,
                                    subject,
                                    effect_clause: j..j,
                                    cause: j + m..end2,
                                    polarity: Polarity::Affirmed,
                                    rule: "cause:but-rather",
                                    conf: 0.8,
                                },
                                out,
                            );
                            i = end2.max(j + m);
                        } else {
                            i = end;
                        }
                        continue;
                    }
                }
            }
            // "X but (more so / instead) Y" after a cause: Y affirmed.
            if let Some((n, _)) = lex.affirm_after.at(doc, i, seg.end)
                && let Some((eff, subject, _)) = last.clone()
                && i > seg.start
                && (doc.is_punct(i - 1, ",")
                    || matches!(doc.toks[i - 1].kind, Kind::Ellipsis | Kind::Dash))
            {
                let mut s = i + n;
                while s < seg.end
                    && (doc.is_punct(s, ",") || lex.g.cause_openers.contains(doc.norm(s)))
                {
                    s += 1;
                }
                let end = self.cause_end(s, seg.end);
                if end > s {
                    self.emit_cause(
                        u,
                        &seg,
                        Cause {
                            marker: i,
                            effect: eff,
                            subject,
                            effect_clause: i..i,
                            cause: s..end,
                            polarity: Polarity::Affirmed,
                            rule: "cause:but-rather",
                            conf: 0.7,
                        },
                        out,
                    );
                    i = end;
                    continue;
                }
            }
            let reason = lex
                .reason
                .at(doc, i, seg.end)
                .map(|(n, _)| (n, "cause:because"));
            let over = (lex.over.contains(doc.norm(i))
                && !lex.over_blockers.starts(doc, i + 1, seg.end)
                && !is_number(doc.norm(i + 1))
                && (i.saturating_sub(4).max(seg.start)..i)
                    .any(|j| lex.over_triggers.starts(doc, j, i)))
            .then_some((1, "cause:over"));
            let topic = (lex.topic.contains(doc.norm(i)) && self.topic_frame(seg.start, i))
                .then_some((1, "cause:about"));
            let endurance = (lex.endurance.contains(doc.norm(i))
                && i > seg.start
                && self.negation_at(i - 1, i).is_some())
            .then_some((1, "cause:withstand"));
            let Some((n, rule)) = reason.or(over).or(topic).or(endurance) else {
                i += 1;
                continue;
            };
            let cause = i + n..self.cause_end(i + n, seg.end);
            // The effect: the clause before the marker, else the clause after the cause,
            // else the next sentence of the unit; for "about", a "why" clause.
            let clause = self.clause_before(seg.start, i);
            let found = if rule == "cause:about" {
                self.why_effect(i)
            } else if rule == "cause:withstand" {
                Some((
                    Effect {
                        kind: EffKind::Ended,
                        span: i - 1..i + 1,
                    },
                    clause.clone(),
                ))
            } else {
                self.effect(clause.clone())
                    .map(|e| (e, clause.clone()))
                    .or_else(|| {
                        let content = clause
                            .clone()
                            .filter(|&k| {
                                doc.is_word(k) && !lex.hedge_first.starts(doc, k, clause.end)
                            })
                            .count();
                        if content > 3 {
                            return None;
                        }
                        let after = cause.end..seg.end;
                        self.effect(after.clone()).map(|e| (e, after)).or_else(|| {
                            let nx = next.clone()?;
                            self.effect(nx.clone()).map(|e| (e, nx))
                        })
                    })
            };
            let Some((eff, eclause)) = found else {
                i = cause.end.max(i + n);
                continue;
            };
            let subject = match eff.kind {
                EffKind::Upset => self.upset_subject(u, eclause.start, eff.span.start),
                _ => self
                    .relation(u, eclause.clone())
                    .map(|r| a.idx.ents[r].id.clone()),
            };
            let Some(subject) = subject else {
                i = cause.end.max(i + n);
                continue;
            };
            let polarity = if self.negated(eclause.clone(), &eff.span) {
                Polarity::Denied
            } else {
                Polarity::Affirmed
            };
            let conf = match rule {
                "cause:because" => 0.85,
                "cause:withstand" => 0.8,
                "cause:about" => 0.75,
                _ => 0.6,
            };
            if cause.end > cause.start {
                self.emit_cause(
                    u,
                    &seg,
                    Cause {
                        marker: i,
                        effect: eff.clone(),
                        subject: subject.clone(),
                        effect_clause: eclause.clone(),
                        cause: cause.clone(),
                        polarity,
                        rule,
                        conf,
                    },
                    out,
                );
            }
            last = Some((eff, subject, eclause));
            i = cause.end.max(i + n);
        }
        self.upset(u, seg, out);
    }

    /// The clause before token `i` in the segment: back to a semicolon, colon or dash.
    pub(super) fn clause_before(&self, lo: usize, i: usize) -> Range<usize> {
        let doc = self.a.doc;
        let lo = lo.max(i.saturating_sub(40));
        let mut s = i;
        while s > lo
            && !(doc.is_punct(s - 1, ";")
                || doc.is_punct(s - 1, ":")
                || doc.toks[s - 1].kind == Kind::Dash)
        {
            s -= 1;
        }
        s..i
    }

    /// "it's (more) about": the word before is a form of "be" after "it", perhaps with
    /// a degree word.
    pub(super) fn topic_frame(&self, lo: usize, i: usize) -> bool {
        let doc = self.a.doc;
        let mut j = i;
        let mut n = 0;
        while j > lo && n < 3 && self.a.lex.topic_degree.contains(doc.norm(j - 1)) {
            j -= 1;
            n += 1;
        }
        if j == lo {
            return false;
        }
        let g = &self.a.lex.g;
        let w = doc.norm(j - 1);
        if let Some((head, tail)) = w.split_once('\'') {
            return g.topic_subjects.contains(head) && g.be.contains(format!("'{tail}").as_str());
        }
        g.be.contains(w) && j >= lo + 2 && g.topic_subjects.contains(doc.norm(j - 2))
    }

    /// The effect of "it's about X": a "why …" clause earlier in the sentence.
    pub(super) fn why_effect(&self, i: usize) -> Option<(Effect, Range<usize>)> {
        let doc = self.a.doc;
        let sent = &doc.sent_toks[doc.toks[i].sent as usize];
        let lo = sent.start.max(i.saturating_sub(40));
        let w = (lo..i).find(|&k| self.a.lex.g.why.contains(doc.norm(k)))?;
        let mut e = w + 1;
        while e < i && !doc.is_punct(e, ",") && e < w + 13 {
            e += 1;
        }
        let clause = w + 1..e.min(i);
        self.effect(clause.clone()).map(|eff| (eff, clause))
    }

    pub(super) fn upset_subject(&self, u: &Unit, lo: usize, at: usize) -> Option<String> {
        let a = self.a;
        let doc = a.doc;
        let mut j = at;
        while j > lo
            && (a.is_aux(j - 1)
                || a.lex.copulas.contains(doc.norm(j - 1))
                || a.lex.g.intensifiers.contains(doc.norm(j - 1)))
        {
            j -= 1;
        }
        if j == lo || j == 0 {
            return None;
        }
        let w = doc.norm(j - 1);
        let who = if let Some((h, _)) = w.split_once('\'') {
            self.person_at(u, j - 1).or_else(|| {
                if a.lex.first_singular.contains(h) {
                    u.speaker
                } else {
                    None
                }
            })
        } else {
            self.person_at(u, j - 1)
        }?;
        Some(a.idx.ents[who].id.clone())
    }

    /// "X was upset that/about Y".
    pub(super) fn upset(&self, u: &Unit, seg: Range<usize>, out: &mut Vec<Draft>) {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        for k in seg.clone() {
            let Some((n, _)) = lex.upset.at(doc, k, seg.end) else {
                continue;
            };
            let j = k + n;
            if j >= seg.end || !lex.g.upset_complements.contains(doc.norm(j)) {
                continue;
            }
            let Some(subject) = self.upset_subject(u, seg.start, k) else {
                continue;
            };
            let cause = j + 1..self.cause_end(j + 1, seg.end);
            let eff = Effect {
                kind: EffKind::Upset,
                span: k..j,
            };
            let polarity = if self.negated(seg.start..k, &eff.span) {
                Polarity::Denied
            } else {
                Polarity::Affirmed
            };
            let clause = seg.start..k;
            self.emit_cause(
                u,
                &seg,
                Cause {
                    marker: j,
                    effect: eff,
                    subject,
                    effect_clause: clause,
                    cause,
                    polarity,
                    rule: "cause:upset",
                    conf: 0.75,
                },
                out,
            );
        }
    }
}
