//! Claims between people: status ("we aren't friends"), support ("I didn't support his
//! run") and ages ("Legend, 39,").

use super::*;

impl Pass<'_, '_, '_, '_> {
    // --- status -------------------------------------------------------------------------

    pub(super) fn status(&self, u: &Unit, seg: Range<usize>, out: &mut Vec<Draft>) {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        if lex.reason.find(doc, seg.start, seg.end).is_some() {
            return; // a causal statement, read by the cause pass
        }
        let mut done: Vec<String> = Vec::new();
        let mut k = seg.start;
        while k < seg.end {
            let Some((n, p)) = lex.status.at(doc, k, seg.end) else {
                k += 1;
                continue;
            };
            if doc.has(k, IN_TITLE) {
                k += n;
                continue;
            }
            let verbal = p >= 1000;
            let mut predicate = lex.status_predicates[(p % 1000) as usize].clone();
            // The subject, back over negations, auxiliaries and copulas.
            let mut j = k;
            let mut copula = false;
            let mut steps = 0;
            while j > seg.start && steps < 6 {
                let w = doc.norm(j - 1);
                let base = neg_base(w);
                let is_copula = lex.copulas.contains(base.as_str());
                if is_copula
                    || lex.auxiliaries.contains(base.as_str())
                    || a.is_aux(j - 1)
                    || self.negation_at(j - 1, j).is_some()
                    || lex.past_status.starts(doc, j - 1, k)
                    || lex.g.intensifiers.contains(w)
                    || lex.g.degree_before.contains(w)
                {
                    copula |= is_copula;
                    j -= 1;
                    steps += 1;
                } else {
                    break;
                }
            }
            if (j..k).any(|x| lex.past_status.starts(doc, x, k)) {
                k += n;
                continue;
            }
            let Some((pair, subj_start, subj_copula)) = self.pair_before(u, seg.start, j) else {
                k += n;
                continue;
            };
            if !(copula || subj_copula || verbal) {
                k += n;
                continue;
            }
            let mut neg = self.negated(subj_start..k, &(0..0));
            let after = k + n;
            if lex.g.no_longer_after.starts(doc, after, seg.end) {
                neg = true;
            }
            let degree = lex
                .degree
                .find(doc, subj_start, (after + 4).min(seg.end))
                .is_some()
                || (subj_start..k).any(|x| lex.g.less.contains(doc.norm(x)));
            if degree && predicate == "friends-with" {
                predicate = "close-to".to_string();
                neg = true;
            }
            if done.contains(&predicate) {
                k += n;
                continue;
            }
            done.push(predicate.clone());
            let window = seg.start.max(subj_start.saturating_sub(12))..(after + 8).min(seg.end);
            let modality = if self.hedged(window) {
                Modality::Hedged
            } else {
                Modality::Asserted
            };
            let mut d = self.draft(
                u,
                a.idx.ents[pair.0].id.clone(),
                &predicate,
                Some(DraftObject::Entity(a.idx.ents[pair.1].id.clone())),
                if neg {
                    Polarity::Denied
                } else {
                    Polarity::Affirmed
                },
                modality,
                subj_start..after,
                0.75,
                "status",
            );
            let at = u.said.or(self.ctx.published);
            if at.is_some() {
                d.valid = Some(DraftValid {
                    at,
                    from: None,
                    to: None,
                });
            }
            out.push(d);
            k = after;
        }
    }

    /// Two people ending at `j`: "we", "X and I", "X and Y", "the duo". Returns the pair,
    /// the subject's first token, and whether a copula was contracted onto it ("we're").
    pub(super) fn pair_before(
        &self,
        u: &Unit,
        lo: usize,
        j: usize,
    ) -> Option<((usize, usize), usize, bool)> {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        if j <= lo {
            return None;
        }
        let t = j - 1;
        let w = doc.norm(t);
        let (head, contracted) = match w.split_once('\'') {
            Some((h, _)) => (h, true),
            None => (w, false),
        };
        if lex.first_plural.contains(head) && !lex.g.possessive.contains(head) {
            let s = u.speaker?;
            let p = self.partner(s, Gender::Unknown)?;
            return Some(((s, p), t, contracted));
        }
        // "X and I" / "X and Y"
        if t >= lo + 2 && lex.g.conjunctions.contains(doc.norm(t - 1)) {
            let right = self.person_at(u, t)?;
            let left_end = t - 1;
            let left = a
                .ent_ending(left_end)
                .filter(|m| a.is_person(m.ent))
                .map(|m| (m.ent, m.start))
                .or_else(|| self.person_at(u, left_end - 1).map(|p| (p, left_end - 1)))?;
            if left.0 == right {
                return None;
            }
            let pair = if Some(right) == u.speaker {
                (right, left.0)
            } else {
                (left.0, right)
            };
            return Some((pair, left.1, contracted));
        }
        // "the duo", "the two"
        if lex.group_nouns.contains(head) && t > lo && lex.g.definite.contains(doc.norm(t - 1)) {
            let rel = self.salient_relationship(t)?;
            let m = &a.idx.ents[rel].members;
            if m.len() == 2 {
                let pair = if Some(m[1]) == u.speaker {
                    (m[1], m[0])
                } else {
                    (m[0], m[1])
                };
                return Some((pair, t - 1, contracted));
            }
        }
        None
    }

    /// The one relationship whose members were all named in the last three paragraphs.
    pub(super) fn salient_relationship(&self, at: usize) -> Option<usize> {
        let a = self.a;
        let doc = a.doc;
        let para = doc.toks[at].para as usize;
        let lo = doc.para_toks[para.saturating_sub(3)].start;
        let mut seen: Vec<usize> = a
            .ents_in(lo..at)
            .iter()
            .filter(|m| a.is_person(m.ent))
            .map(|m| m.ent)
            .collect();
        seen.sort_unstable();
        seen.dedup();
        let rels: Vec<usize> = a
            .idx
            .ents
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EntKind::Relationship
                    && e.members.len() >= 2
                    && e.members.iter().all(|m| seen.contains(m))
            })
            .map(|(i, _)| i)
            .collect();
        if let [one] = rels.as_slice() {
            Some(*one)
        } else {
            None
        }
    }

    // --- support ------------------------------------------------------------------------

    /// "X (didn't) support/back/praise Y": a person and an entity or concept.
    pub(super) fn support(&self, u: &Unit, seg: Range<usize>, out: &mut Vec<Draft>) {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        let mut k = seg.start;
        while k < seg.end {
            let Some((n, p)) = lex.support.at(doc, k, seg.end) else {
                k += 1;
                continue;
            };
            let next = k + n;
            if doc.has(k, IN_TITLE) {
                k = next;
                continue;
            }
            let j = subject_end(a, seg.start, k);
            if j == seg.start || lex.g.possessive.contains(doc.norm(j - 1)) {
                k = next;
                continue;
            }
            let subject = match u.speaker {
                Some(_) => self.person_at(u, j - 1),
                None => a.np_ending_at(j, seg.start).and_then(|np| match np.kind {
                    NpKind::Ent(e) if a.is_person(e) => Some(e),
                    NpKind::Pronoun(_) | NpKind::Epithet { .. } => {
                        self.resolved.get(&np.start).copied()
                    }
                    _ => None,
                }),
            };
            let Some(subject) = subject else {
                k = next;
                continue;
            };
            let subj_start = a
                .ent_ending(j)
                .filter(|m| m.ent == subject)
                .map_or(j - 1, |m| m.start);
            let end = self.cause_end(next, (next + 10).min(seg.end));
            let keys = a.idx.keys(doc, next..end, lex);
            let object = match keys.first() {
                Some(k0) if k0.starts_with('@') => Some(DraftObject::Entity(k0[1..].to_string())),
                _ => a
                    .idx
                    .concept(&keys)
                    .map(|(c, _)| DraftObject::Concept(a.idx.concept_id(c).to_string())),
            };
            let Some(object) = object else {
                k = next;
                continue;
            };
            if object == DraftObject::Entity(a.idx.ents[subject].id.clone()) {
                k = next;
                continue;
            }
            // The object's words: up to the end of the entity mention, or the phrase.
            let obj_end = a
                .ents_in(next..end)
                .first()
                .filter(|m| m.start == next)
                .map_or(end, |m| m.end);
            let polarity = if self.negated(subj_start..k, &(0..0)) {
                Polarity::Denied
            } else {
                Polarity::Affirmed
            };
            let window = seg.start.max(subj_start.saturating_sub(12))..obj_end;
            let modality = if self.hedged(window) {
                Modality::Hedged
            } else {
                Modality::Asserted
            };
            let predicate = lex.support_predicates[p as usize].clone();
            out.push(self.draft(
                u,
                a.idx.ents[subject].id.clone(),
                &predicate,
                Some(object),
                polarity,
                modality,
                subj_start..obj_end,
                0.7,
                "support",
            ));
            k = obj_end.max(next);
        }
    }

    // --- ages ---------------------------------------------------------------------------

    pub(super) fn ages(&self, requests: &[Request], answers: &[Option<Who>], out: &mut Vec<Draft>) {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        let narrative = Unit {
            toks: 0..0,
            speaker: None,
            via: None,
            direct: false,
            said: None,
            conf: 0.9,
        };
        let push = |out: &mut Vec<Draft>,
                    ent: usize,
                    age: u32,
                    quote: Range<usize>,
                    conf: f64,
                    rule: &str| {
            if age < lex.age_min || age > lex.age_max || !a.is_person(ent) {
                return;
            }
            let unit = Some(lex.age_unit.clone());
            let mut d = self.draft(
                &narrative,
                a.idx.ents[ent].id.clone(),
                "age",
                Some(DraftObject::Number {
                    value: f64::from(age),
                    unit,
                }),
                Polarity::Affirmed,
                Modality::Asserted,
                quote,
                conf,
                rule,
            );
            if let Some(p) = self.ctx.published {
                d.valid = Some(DraftValid {
                    at: Some(p),
                    from: None,
                    to: None,
                });
            }
            out.push(d);
        };
        for m in &a.ents {
            if doc.has(m.start, IN_QUOTE) {
                continue;
            }
            // "Legend, 39," / "Legend (39)"
            let e = m.end;
            let apposition = doc.is_punct(e, ",")
                && is_number(doc.norm(e + 1))
                && (doc.is_punct(e + 2, ",") || doc.is_terminal(e + 2) || e + 2 >= doc.toks.len());
            let bracket =
                doc.is_punct(e, "(") && is_number(doc.norm(e + 1)) && doc.is_punct(e + 2, ")");
            if (apposition || bracket)
                && let Ok(age) = doc.norm(e + 1).parse::<u32>()
            {
                push(out, m.ent, age, m.start..e + 3, 0.9, "age:apposition");
            }
            // "Legend, aged 39," / "Legend, 39 years old,"
            if doc.is_punct(e, ",") {
                if lex.age_before.contains(doc.norm(e + 1)) && is_number(doc.norm(e + 2)) {
                    if let Ok(age) = doc.norm(e + 2).parse::<u32>() {
                        push(out, m.ent, age, m.start..e + 3, 0.9, "age:apposition");
                    }
                } else if is_number(doc.norm(e + 1))
                    && let Some((n, _)) = lex.age_after.at(doc, e + 2, doc.toks.len())
                    && let Ok(age) = doc.norm(e + 1).parse::<u32>()
                {
                    push(out, m.ent, age, m.start..e + 2 + n, 0.9, "age:apposition");
                }
            }
            // An alias that contains "41-year-old".
            for t in m.start..m.end {
                if let Some(age) = age_of(doc.norm(t), &lex.age_suffixes) {
                    push(out, m.ent, age, m.start..m.end, 0.85, "age:epithet");
                }
            }
        }
        for (r, who) in requests.iter().zip(answers) {
            if let (Some(Who::Ent(e)), Some(age)) = (who, r.age) {
                push(out, *e, age, r.np.start..r.np.end, 0.7, "age:epithet");
            }
        }
    }
}
