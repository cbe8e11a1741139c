//! Drafts from the predicates' extraction cues (`extract.cues` in the rules): any
//! predicate of the vocabulary, built-in or the user's, gets drafts from the phrases its
//! definition lists.
//!
//! A cue matches inside one sentence of a unit (a quotation, a reported clause or
//! narrative). Matching starts at its anchor word and extends both ways; alternatives and
//! optional words are tried in the order written, the first match wins. Slots:
//!
//! - `{subject}`, `{object}`: a story entity, exactly as the claim files name it (an
//!   alias or name, with or without "the"), of a kind the cue block allows; `{object}` at
//!   the end of a cue may also be a concept through its forms. A slot that starts or ends
//!   the match must stand at a clause boundary (punctuation, the clause's start, "that",
//!   "when", …, or a function word after it), so "the tornado warning" is not "the
//!   tornado" and "hit Mayfield" does not make Mayfield a subject. Precision first: an
//!   unnamed subject ("the death toll rose to 125") gives no draft.
//! - `{number}`: a figure (module `figure`): its bounds, range or approximation, unit and
//!   what it counts (recorded as `scope: {counted: …}` when that narrows it).
//!
//! A match gives no draft in a question, or after a hypothetical word ("could", "is
//! expected to"); a negation in it denies a claim with an object and drops a figure; an
//! "undetermined" phrase in the sentence ("could not be confirmed", "did not know") makes
//! it `polarity: undetermined`; hedges make it hedged, and so does an estimate.

use super::{Pass, Unit};
use crate::extract::cues::CompiledCue;
use crate::extract::figure::{self, Figure, Value};
use crate::extract::{Draft, DraftObject};
use crate::model::{Amount, Modality, Polarity};
use crate::rules::cue::{Bound, CueElem, GAP, Slot};
use std::cell::Cell;
use std::ops::Range;

/// Branches tried per anchor, so that matching stays linear in the text.
const BUDGET: u32 = 256;

/// What a match has bound so far.
#[derive(Debug, Clone, Default)]
struct Bind {
    subject: Option<(Range<usize>, usize)>,
    object: Option<(Range<usize>, DraftObject, f64)>,
    figure: Option<(Figure, Option<Bound>)>,
    start: usize,
    end: usize,
}

/// One match attempt.
struct Cx<'c> {
    cue: &'c CompiledCue,
    /// The sentence part the match must stay in.
    seg: Range<usize>,
    budget: Cell<u32>,
}

/// A slot's filling.
enum Fill {
    Entity(usize),
    Object(DraftObject, f64),
    Figure(Figure),
}

impl Pass<'_, '_, '_, '_> {
    /// Drafts from every cue that matches in `seg` (one sentence of the unit).
    pub(super) fn cues(&self, u: &Unit, seg: Range<usize>, out: &mut Vec<Draft>) {
        let a = self.a;
        let doc = a.doc;
        let set = &a.lex.cues;
        if set.cues.is_empty() || seg.is_empty() {
            return;
        }
        let mut found: Vec<Draft> = Vec::new();
        for k in seg.clone() {
            let Some(list) = set.anchors.get(doc.norm(k)) else {
                continue;
            };
            for &(c, alt) in list {
                let cue = &set.cues[c as usize];
                let Some(b) = self.match_cue(cue, alt as usize, k, seg.clone()) else {
                    continue;
                };
                if let Some(d) = self.cue_draft(u, cue, &b, seg.clone())
                    && !found.iter().any(|f| {
                        f.predicate == d.predicate && f.subject == d.subject && f.object == d.object
                    })
                {
                    found.push(d);
                }
            }
        }
        out.extend(found);
    }

    fn match_cue(
        &self,
        cue: &CompiledCue,
        alt: usize,
        k: usize,
        seg: Range<usize>,
    ) -> Option<Bind> {
        let doc = self.a.doc;
        let CueElem::Words { alternatives, .. } = &cue.elems[cue.anchor] else {
            return None;
        };
        let words = &alternatives[alt];
        let end = k + words.len();
        if end > seg.end || !words.iter().enumerate().all(|(i, w)| doc.norm(k + i) == w) {
            return None;
        }
        // Required words right next to the anchor must be there: most anchors ("was")
        // end here, before any slot is looked for.
        let at = |e: &CueElem, p: usize, back: bool| match e {
            CueElem::Words {
                alternatives,
                optional: false,
            } => alternatives.iter().any(|alt| {
                let s = if back {
                    match p.checked_sub(alt.len()) {
                        Some(s) if s >= seg.start => s,
                        _ => return false,
                    }
                } else {
                    p
                };
                s + alt.len() <= seg.end
                    && alt.iter().enumerate().all(|(i, w)| doc.norm(s + i) == w)
            }),
            _ => true,
        };
        if cue
            .elems
            .get(cue.anchor + 1)
            .is_some_and(|e| !at(e, end, false))
            || (cue.anchor > 0 && !at(&cue.elems[cue.anchor - 1], k, true))
        {
            return None;
        }
        let cx = Cx {
            cue,
            seg,
            budget: Cell::new(BUDGET),
        };
        // Backwards first: a subject before the anchor is cheap to miss, and a missing
        // one spares the search for a concept object after it.
        let b = Bind {
            end,
            ..Bind::default()
        };
        self.bwd(&cx, cue.anchor, k, b)
    }

    /// Matches elements `i..` from token `pos` on, after the elements before the anchor.
    fn fwd(&self, cx: &Cx<'_>, i: usize, pos: usize, b: Bind) -> Option<Bind> {
        if !spend(cx) {
            return None;
        }
        let doc = self.a.doc;
        let Some(e) = cx.cue.elems.get(i) else {
            let mut b = b;
            b.end = pos;
            return self.boundaries(cx, &b).then_some(b);
        };
        match e {
            CueElem::Words {
                alternatives,
                optional,
            } => {
                for alt in alternatives {
                    let end = pos + alt.len();
                    if end <= cx.seg.end
                        && alt.iter().enumerate().all(|(k, w)| doc.norm(pos + k) == w)
                        && let Some(r) = self.fwd(cx, i + 1, end, b.clone())
                    {
                        return Some(r);
                    }
                }
                if *optional {
                    return self.fwd(cx, i + 1, pos, b);
                }
                None
            }
            CueElem::Gap => (0..=GAP)
                .take_while(|&n| n == 0 || self.gap_word(pos + n - 1, cx.seg.end))
                .find_map(|n| self.fwd(cx, i + 1, pos + n, b.clone())),
            CueElem::Slot { slot, possessive } => {
                let last = i + 1 == cx.cue.elems.len();
                for (r, fill) in self.slot_fwd(cx, *slot, *possessive, pos, last) {
                    let end = r.end;
                    let nb = bind(b.clone(), *slot, r, fill);
                    if let Some(r) = self.fwd(cx, i + 1, end, nb) {
                        return Some(r);
                    }
                }
                None
            }
        }
    }

    /// Matches elements `..i` backwards, ending at token `pos` (exclusive), then the
    /// elements after the anchor (whose end `b.end` holds until then).
    fn bwd(&self, cx: &Cx<'_>, i: usize, pos: usize, b: Bind) -> Option<Bind> {
        if !spend(cx) {
            return None;
        }
        let doc = self.a.doc;
        if i == 0 {
            let mut b = b;
            b.start = pos;
            let end = b.end;
            return self.fwd(cx, cx.cue.anchor + 1, end, b);
        }
        match &cx.cue.elems[i - 1] {
            CueElem::Words {
                alternatives,
                optional,
            } => {
                for alt in alternatives {
                    let Some(start) = pos.checked_sub(alt.len()) else {
                        continue;
                    };
                    if start >= cx.seg.start
                        && alt
                            .iter()
                            .enumerate()
                            .all(|(k, w)| doc.norm(start + k) == w)
                        && let Some(r) = self.bwd(cx, i - 1, start, b.clone())
                    {
                        return Some(r);
                    }
                }
                if *optional {
                    return self.bwd(cx, i - 1, pos, b);
                }
                None
            }
            CueElem::Gap => (0..=GAP)
                .take_while(|&n| {
                    n == 0 || (pos >= n + cx.seg.start && self.gap_word(pos - n, cx.seg.end))
                })
                .find_map(|n| self.bwd(cx, i - 1, pos - n, b.clone())),
            CueElem::Slot { slot, possessive } => {
                let (r, fill) = self.slot_bwd(cx, *slot, *possessive, pos)?;
                let start = r.start;
                self.bwd(cx, i - 1, start, bind(b, *slot, r, fill))
            }
        }
    }

    /// Candidates for a slot starting at `pos`, preferred first.
    fn slot_fwd(
        &self,
        cx: &Cx<'_>,
        slot: Slot,
        possessive: bool,
        pos: usize,
        last: bool,
    ) -> Vec<(Range<usize>, Fill)> {
        let hi = cx.seg.end;
        match slot {
            Slot::Number(_) => figure::at(self.a.doc, self.a.lex, pos, hi)
                .into_iter()
                .map(|f| (f.toks.clone(), Fill::Figure(f)))
                .collect(),
            Slot::Subject | Slot::Object => {
                let kinds = if slot == Slot::Subject {
                    &cx.cue.subject_kinds
                } else {
                    &cx.cue.object_kinds
                };
                if let Some((r, e)) = self.entity_fwd(pos, hi, possessive)
                    && self.a.idx.ents[e].kind_in(kinds)
                {
                    let fill = if slot == Slot::Subject {
                        Fill::Entity(e)
                    } else {
                        Fill::Object(DraftObject::Entity(self.a.idx.ents[e].id.clone()), 1.0)
                    };
                    return vec![(r, fill)];
                }
                // A concept object ends the cue: its phrase runs to the clause's end.
                if slot == Slot::Object && last && !possessive {
                    let end = self.cause_end(pos, hi);
                    if let Some((o @ DraftObject::Concept(_), conf)) = self.object(pos..end) {
                        return vec![(pos..end, Fill::Object(o, conf))];
                    }
                }
                Vec::new()
            }
        }
    }

    /// The slot ending at `pos` (exclusive).
    fn slot_bwd(
        &self,
        cx: &Cx<'_>,
        slot: Slot,
        possessive: bool,
        pos: usize,
    ) -> Option<(Range<usize>, Fill)> {
        let a = self.a;
        let lo = cx.seg.start;
        match slot {
            Slot::Number(_) => {
                let f = figure::ending_at(a.doc, a.lex, pos, lo)?;
                Some((f.toks.clone(), Fill::Figure(f)))
            }
            Slot::Subject | Slot::Object => {
                let m = a.ent_ending(pos)?;
                if m.start < lo || self.possessive(m.end) != possessive {
                    return None;
                }
                let kinds = if slot == Slot::Subject {
                    &cx.cue.subject_kinds
                } else {
                    &cx.cue.object_kinds
                };
                if !a.idx.ents[m.ent].kind_in(kinds) {
                    return None;
                }
                let mut start = m.start;
                if start > lo && a.lex.g.definite.contains(a.doc.norm(start - 1)) {
                    start -= 1;
                }
                let fill = if slot == Slot::Subject {
                    Fill::Entity(m.ent)
                } else {
                    Fill::Object(DraftObject::Entity(a.idx.ents[m.ent].id.clone()), 1.0)
                };
                Some((start..m.end, fill))
            }
        }
    }

    /// An entity named at `pos` ("the" may come first): its tokens and index.
    fn entity_fwd(&self, pos: usize, hi: usize, possessive: bool) -> Option<(Range<usize>, usize)> {
        let a = self.a;
        let at = |p: usize| {
            a.ents_in(p..p + 1)
                .first()
                .copied()
                .filter(|m| m.start == p)
        };
        let m = at(pos).or_else(|| {
            a.lex
                .g
                .definite
                .contains(a.doc.norm(pos))
                .then(|| at(pos + 1))
                .flatten()
        })?;
        (m.end <= hi && self.possessive(m.end) == possessive).then_some((pos..m.end, m.ent))
    }

    /// Whether token `k` may stand in a `...` gap: a word of the same clause.
    fn gap_word(&self, k: usize, hi: usize) -> bool {
        let a = self.a;
        let doc = a.doc;
        let w = doc.norm(k);
        k < hi
            && doc.is_word(k)
            && !a.lex.clause_openers.contains(w)
            && !a.lex.g.complementizers.contains(w)
            && !a.lex.g.relatives.contains(w)
            && !a.lex.wh_words.contains(w)
            && a.lex.cue_lemma(w).is_none()
    }

    /// Whether the word before token `end` is a possessive ("the tornado's").
    fn possessive(&self, end: usize) -> bool {
        let w = self.a.doc.norm(end.saturating_sub(1));
        end > 0 && (w.ends_with("'s") || (w.ends_with('\'') && w.len() > 1))
    }

    /// A name that starts or ends the match must stand at a clause boundary.
    fn boundaries(&self, cx: &Cx<'_>, b: &Bind) -> bool {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        let names = b
            .subject
            .iter()
            .map(|s| s.0.clone())
            .chain(b.object.iter().map(|o| o.0.clone()));
        // A figure that ends the match counts nothing else ("had 3 floats").
        if let Some((f, _)) = &b.figure
            && f.toks.end == b.end
            && b.end < cx.seg.end
            && f.counted.is_none()
            && doc.is_word(b.end)
            && !lex.function_words.contains(doc.norm(b.end))
        {
            return false;
        }
        for r in names {
            if r.start == b.start && r.start > cx.seg.start {
                let p = r.start - 1;
                let w = doc.norm(p);
                let open = !doc.is_word(p)
                    || lex.clause_openers.contains(w)
                    || lex.g.complementizers.contains(w)
                    || lex.g.relatives.contains(w)
                    || lex.wh_words.contains(w);
                if !open {
                    return false;
                }
            }
            if r.end == b.end && r.end < cx.seg.end {
                let w = doc.norm(r.end);
                // A person's name ends where a lower-case word follows ("Ray spoke");
                // other names may go on ("the tornado warning", "Acme facility").
                let person = doc.is_upper(r.end - 1)
                    && !doc.is_upper(r.end)
                    && a.ents_in(r.clone())
                        .last()
                        .is_some_and(|m| a.is_person(m.ent));
                let closed = !doc.is_word(r.end) || lex.function_words.contains(w) || person;
                if !closed {
                    return false;
                }
            }
        }
        true
    }

    /// The draft of a match, unless the sentence makes it doubtful.
    fn cue_draft(&self, u: &Unit, cue: &CompiledCue, b: &Bind, seg: Range<usize>) -> Option<Draft> {
        let a = self.a;
        let doc = a.doc;
        let fig = &a.lex.fig;
        let (_, subject) = b.subject.clone()?;
        if cue.unit_required && b.figure.as_ref().is_some_and(|f| f.0.unit.is_none()) {
            return None;
        }
        // A question asks; it states no figure.
        let sent = doc.toks[b.start].sent as usize;
        let st = &doc.sent_toks[sent];
        if (b.end..st.end).any(|k| doc.is_punct(k, "?")) {
            return None;
        }
        let before = |n: usize| seg.start.max(b.start.saturating_sub(n));
        let undetermined = fig.undetermined.find(doc, seg.start, seg.end);
        if fig.hypothetical.find(doc, before(5), b.end).is_some() {
            return None;
        }
        // In the outlet's own voice, a sentence with a speech cue is someone's statement
        // that attribution did not catch ("…, Listyo told a press conference"), and a
        // clause after "that" is embedded ("it has been accepted as gospel that …"): whose
        // claim it is would be a guess.
        if u.speaker.is_none() {
            let quiet = |k: &usize| {
                !(b.start..b.end).contains(k)
                    && !undetermined.is_some_and(|(s, n, _)| (s..s + n).contains(k))
            };
            // A passive ("nine deaths were confirmed") reports no speaker.
            let speech = (st.start..st.end).filter(quiet).any(|k| {
                (a.lex.cue_lemma(doc.norm(k)).is_some()
                    && !(k > st.start && a.lex.g.be.contains(doc.norm(k - 1))))
                    || a.lex.according_to.starts(doc, k, st.end)
            });
            let embedded =
                (st.start..b.start).any(|k| a.lex.g.complementizers.contains(doc.norm(k)));
            if speech || embedded {
                return None;
            }
        }
        let mut skip: Vec<Range<usize>> = Vec::new();
        if let Some((s, n, _)) = undetermined {
            skip.push(s..s + n);
        }
        let object = match (&b.object, &b.figure) {
            (Some((_, o, _)), _) => Some(o.clone()),
            (None, Some((f, bound))) => {
                skip.push(f.toks.clone());
                Some(self.figure_object(f, *bound))
            }
            (None, None) => None,
        };
        if let Some(DraftObject::Entity(o)) = &object
            && *o == a.idx.ents[subject].id
        {
            return None;
        }
        let negated = {
            let end = b.end;
            let mut i = before(3);
            let mut hit = false;
            while i < end {
                if let Some(r) = skip.iter().find(|r| r.contains(&i)) {
                    i = r.end;
                    continue;
                }
                if let Some((n, _)) = a.lex.pseudo_negation.at(doc, i, end) {
                    i += n;
                    continue;
                }
                if self.negation_at(i, end).is_some() {
                    hit = true;
                    break;
                }
                i += 1;
            }
            hit
        };
        let polarity = match (undetermined, negated) {
            (Some(_), _) => Polarity::Undetermined,
            // A figure said not to be is no figure.
            (None, true) if b.figure.is_some() => return None,
            (None, true) => Polarity::Denied,
            (None, false) => Polarity::Affirmed,
        };
        let hedged = b.figure.as_ref().is_some_and(|f| f.0.hedged) || self.hedged(before(6)..b.end);
        let modality = if hedged {
            Modality::Hedged
        } else {
            Modality::Asserted
        };
        let conf = 0.8 * b.object.as_ref().map_or(1.0, |o| o.2);
        let mut d = self.draft(
            u,
            a.idx.ents[subject].id.clone(),
            &cue.predicate,
            object,
            polarity,
            modality,
            b.start..b.end,
            conf,
            &cue.rule,
        );
        if let Some((f, _)) = &b.figure
            && let Some(counted) = figure::counted_scope(doc, a.lex, f)
        {
            d.scope.push(("counted".to_string(), counted));
        }
        Some(d)
    }

    /// A figure as a draft's object; a cue's bound applies to a bare number.
    fn figure_object(&self, f: &Figure, bound: Option<Bound>) -> DraftObject {
        let unit = f.unit.clone();
        match f.value {
            Value::Vague(id) => DraftObject::Vague(
                self.a
                    .lex
                    .cues
                    .amounts
                    .get(id as usize)
                    .map_or_else(String::new, |x| x.0.clone()),
            ),
            Value::Amount(Amount::Exact(n)) => match bound {
                Some(b) if !f.bounded => DraftObject::Figure {
                    amount: match b {
                        Bound::Min => Amount::AtLeast(n),
                        Bound::Max => Amount::AtMost(n),
                        Bound::About => Amount::About(n),
                    },
                    unit,
                },
                _ => DraftObject::Number { value: n, unit },
            },
            Value::Amount(amount) => DraftObject::Figure { amount, unit },
        }
    }
}

fn spend(cx: &Cx<'_>) -> bool {
    let left = cx.budget.get();
    cx.budget.set(left.saturating_sub(1));
    left > 0
}

fn bind(mut b: Bind, slot: Slot, r: Range<usize>, fill: Fill) -> Bind {
    match (slot, fill) {
        (_, Fill::Entity(e)) => b.subject = Some((r, e)),
        (_, Fill::Object(o, conf)) => b.object = Some((r, o, conf)),
        (Slot::Number(bound), Fill::Figure(f)) => b.figure = Some((f, bound)),
        (_, Fill::Figure(f)) => b.figure = Some((f, None)),
    }
    b
}

#[cfg(test)]
mod tests {
    use crate::extract::{Document, DraftObject, Lexicon, Names, extract};
    use crate::model::{Amount, FuzzyDate, Modality, Polarity};

    const NAMES: &str = r"
entities:
  - {id: storm, name: the storm, kind: event, aliases: [the tornado, the Dec. 10 storm]}
  - {id: parade, name: the parade, kind: event, aliases: [the Cavs parade]}
  - {id: acme, name: Acme, kind: organisation, aliases: [Acme Corp]}
  - {id: ann, name: Ann Lee, kind: person, aliases: [Lee]}
  - {id: bo, name: Bo Ray, kind: person, aliases: [Ray]}
  - {id: cnn, name: CNN, kind: organisation}
  - {id: town, name: Mayfield, kind: place}
";

    /// `subject predicate object [scope] polarity modality speaker via` of each draft from
    /// a cue.
    pub(crate) fn cue_drafts(text: &str, lexicon: &Lexicon) -> Vec<String> {
        let names = Names::from_yaml(NAMES).unwrap();
        let doc = Document {
            text,
            published: FuzzyDate::parse("2022-08-05").ok(),
            outlet: Some("Daily"),
        };
        extract(&doc, lexicon, &names)
            .drafts
            .iter()
            .filter(|d| d.rule.starts_with("cue:"))
            .map(|d| {
                let o = match &d.object {
                    Some(DraftObject::Entity(c) | DraftObject::Concept(c)) => c.clone(),
                    Some(DraftObject::Vague(v)) => v.clone(),
                    Some(DraftObject::Number { value, unit }) => {
                        format!("{value}{}", unit.as_deref().unwrap_or(""))
                    }
                    Some(DraftObject::Figure { amount, unit }) => {
                        let a = match amount {
                            Amount::AtLeast(n) => format!("min {n}"),
                            Amount::AtMost(n) => format!("max {n}"),
                            Amount::Between(a, b) => format!("{a}-{b}"),
                            Amount::About(n) => format!("about {n}"),
                            Amount::Exact(n) => format!("{n}"),
                        };
                        format!("{a}{}", unit.as_deref().unwrap_or(""))
                    }
                    _ => "-".into(),
                };
                let mut s = format!("{} {} {o}", d.subject, d.predicate);
                for (k, v) in &d.scope {
                    s.push_str(&format!(" [{k}: {v}]"));
                }
                match d.polarity {
                    Polarity::Denied => s.push_str(" denied"),
                    Polarity::Undetermined => s.push_str(" undetermined"),
                    Polarity::Affirmed => {}
                }
                if d.modality == Modality::Hedged {
                    s.push_str(" hedged");
                }
                if let Some(sp) = &d.speaker {
                    s.push_str(&format!(" by {sp}"));
                }
                if !d.via.is_empty() {
                    s.push_str(&format!(" via {}", d.via.join(",")));
                }
                s
            })
            .collect()
    }

    fn drafts(text: &str) -> Vec<String> {
        cue_drafts(text, &Lexicon::defaults())
    }

    /// Each case: the text and the drafts it must give (none: it must give none).
    fn check(cases: &[(&str, &[&str])]) {
        for (text, want) in cases {
            assert_eq!(drafts(text), *want, "{text}");
        }
    }

    #[test]
    fn bounds() {
        check(&[
            (
                "At least 500 people were killed in the storm.",
                &["storm death-toll min 500"],
            ),
            (
                "More than 300 people were injured in the storm.",
                &["storm injured min 300"],
            ),
            (
                "Up to 50 people were injured in the storm.",
                &["storm injured max 50"],
            ),
            (
                "No more than 50 people were killed in the storm.",
                &["storm death-toll max 50"],
            ),
            (
                "The death toll from the storm has exceeded 125.",
                &["storm death-toll min 125"],
            ),
            ("The storm killed eight people.", &["storm death-toll 8"]),
        ]);
    }

    #[test]
    fn ranges_and_approximations() {
        check(&[
            (
                "Between 100 and 300 people died in the storm.",
                &["storm death-toll 100-300"],
            ),
            (
                "A throng estimated at anywhere from 1 million to 1.3 million people showed up to witness the Cavs' parade and rally.",
                &["parade attendance 1000000-1300000 hedged"],
            ),
            (
                "Nearly 500 people were killed in the storm.",
                &["storm death-toll about 500"],
            ),
            (
                "About 40,000 fans attended the parade on Friday.",
                &["parade attendance about 40000 [counted: fans]"],
            ),
            (
                "An estimated 1.3 million people went to the parade.",
                &["parade attendance 1300000 hedged"],
            ),
        ]);
    }

    #[test]
    fn vague_amounts() {
        check(&[
            (
                "Dozens of people were injured in the storm.",
                &["storm injured dozens"],
            ),
            (
                "Hundreds of fans attended the parade.",
                &["parade attendance hundreds [counted: fans]"],
            ),
            (
                "More than a dozen people died in the storm.",
                &["storm death-toll min 12"],
            ),
        ]);
    }

    #[test]
    fn what_a_figure_counts_narrows_it() {
        check(&[
            (
                "Eight candle factory employees were killed in the tornado.",
                &["storm death-toll 8 [counted: candle factory employees]"],
            ),
            (
                "Nine deaths in the storm were confirmed.",
                &["storm death-toll 9"],
            ),
        ]);
    }

    #[test]
    fn a_doubtful_subject_is_left_out() {
        check(&[
            ("The death toll rose to 125.", &[]),
            ("Eight people were killed by a tornado.", &[]),
            ("The tornado warning killed eight people.", &[]),
            ("Eight people died in the storm's aftermath.", &[]),
            ("Eight people were killed at Acme.", &[]),
            ("A storm that hit Mayfield killed eight people.", &[]),
        ]);
    }

    #[test]
    fn figures_that_are_not_stated() {
        check(&[
            ("The storm could kill up to 500 people.", &[]),
            (
                "Up to 800,000 people are expected to attend the parade.",
                &[],
            ),
            ("1.3 million people went to the parade?", &[]),
            ("Eight people were not killed in the storm.", &[]),
            ("In 2016 fans went to the parade.", &[]),
            ("The parade drew 3 floats.", &[]),
        ]);
    }

    #[test]
    fn undetermined_figures() {
        check(&[(
            "At least 500 people were killed in the storm, a figure that could not be independently confirmed.",
            &["storm death-toll min 500 undetermined"],
        )]);
    }

    #[test]
    fn speakers_relays_and_missed_attributions() {
        check(&[
            (
                "\u{201c}At least 20 people died in the storm,\u{201d} Lee said.",
                &["storm death-toll min 20 by ann"],
            ),
            (
                "Lee told CNN that eight people were killed in the storm.",
                &["storm death-toll 8 by ann via cnn"],
            ),
            // Someone's words, whoever said them: not the outlet's.
            (
                "Eight people were killed in the storm, Smithers told a press conference on Sunday.",
                &[],
            ),
            (
                "It has been accepted as gospel that 1.3 million people went to the parade.",
                &[],
            ),
        ]);
    }

    #[test]
    fn costs_audiences_and_relations() {
        check(&[
            ("The parade cost $5 million.", &["parade cost 5000000USD"]),
            ("The parade cost five lives.", &[]),
            (
                "The parade drew 30 million viewers.",
                &["parade audience 30000000"],
            ),
            ("Lee married Ray in 2019.", &["ann married-to bo"]),
            ("Lee's husband Ray spoke first.", &["ann married-to bo"]),
            ("Lee is not married to Ray.", &[]),
            ("Lee works for Acme.", &["ann works-for acme"]),
        ]);
    }

    #[test]
    fn a_users_own_predicates_get_drafts() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("mine.yaml"),
            r#"
predicates:
  fired-from:
    functional: true
    extract:
      subject-kinds: [person]
      object-kinds: [organisation]
      cues:
        - "{subject} was fired (by|from) {object}"
        - "{object} fired {subject}"
  tv-viewers:
    extract:
      cues:
        - "{subject} scored {number} viewers"
amounts:
  a-slew: {min: 5, max: 30, aliases: [a slew of]}
"#,
        )
        .unwrap();
        let rules = crate::rules::Rules::load(&[dir.path().to_path_buf()]).unwrap();
        let lexicon = Lexicon::defaults().with_rules(&rules);
        let d = |t: &str| cue_drafts(t, &lexicon);
        assert_eq!(
            d("Lee was fired by Acme on Monday."),
            ["ann fired-from acme"]
        );
        assert_eq!(d("Acme fired Lee."), ["ann fired-from acme"]);
        assert_eq!(
            d("Acme fired CNN."),
            Vec::<String>::new(),
            "CNN is no person"
        );
        assert_eq!(
            d("The parade scored some 2.5 million viewers."),
            ["parade tv-viewers about 2500000"]
        );
        assert_eq!(
            d("A slew of people were injured in the storm."),
            ["storm injured a-slew"],
            "the rules' own vague amounts"
        );
        assert_eq!(
            drafts("Lee was fired by Acme."),
            Vec::<String>::new(),
            "without the rules folder"
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 256,
            failure_persistence: None,
            ..Default::default()
        })]

        /// Any cue a user may write, malformed or not, over any text: parsing gives a
        /// pattern or an error, never a panic, and a draft's evidence lies in the text.
        #[test]
        fn any_cue_over_any_text_never_panics(
            cue in proptest::collection::vec(proptest::sample::select(vec![
                "{subject}", "{object}", "{number}", "{number:min}", "{subject}'s", "(", ")",
                "[", "]", "|", "...", "killed", "in", "the", ",", "{", "}", "were", "at",
            ]), 0..9),
            text in proptest::collection::vec(proptest::sample::select(vec![
                "the", "storm", "killed", "8", "people", "in", "Lee", "at", "least", ",",
                ".", "…", "\u{201c}", "\u{201d}", "were", "between", "and", "1.3", "million",
                "dozens", "of", "Ray", "'s", "?", "not",
            ]), 0..40),
        ) {
            let cue = cue.join(" ");
            let text = text.join(" ");
            if let Ok(pattern) = crate::rules::cue::parse(&cue) {
                proptest::prop_assert!(pattern.has(crate::rules::Slot::Subject));
                let mut rules = crate::rules::Rules::defaults().unwrap();
                rules.cues.push(crate::rules::PredicateCues {
                    predicate: "p".into(),
                    subject_kinds: Vec::new(),
                    object_kinds: Vec::new(),
                    unit_required: false,
                    cues: vec![crate::rules::Cue { text: cue.clone(), pattern }],
                });
                let lexicon = Lexicon::defaults().with_rules(&rules);
                let names = Names::from_yaml(NAMES).unwrap();
                let doc = Document { text: &text, published: None, outlet: None };
                for d in extract(&doc, &lexicon, &names).drafts {
                    proptest::prop_assert!(d.evidence.range.end <= text.len());
                    proptest::prop_assert!(text.is_char_boundary(d.evidence.range.start));
                }
            }
        }
    }

    #[test]
    fn a_gap_spans_the_rest_of_a_subject() {
        check(&[(
            "The death toll from the storm in western Kentucky has been revised down to 77.",
            &["storm death-toll 77"],
        )]);
    }
}
