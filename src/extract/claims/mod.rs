//! Draft claims from quoted, reported and narrative sentences.
//!
//! A *unit* is a run of words with one voice: a quotation or reported clause whose speaker
//! is a story entity, or a stretch of narrative (the outlet's own voice). Within each
//! sentence of a unit:
//!
//! - causes: `EFFECT because (of) CAUSE`, `due to`, `EFFECT over CAUSE` after a dispute or
//!   ending word, `could not withstand CAUSE`, `it's (more) about CAUSE` (the effect from a
//!   "why …" clause of the sentence), `not so much CAUSE … but CAUSE2` (the first denied,
//!   the second affirmed); a sentence-initial "because …" takes its effect from the next
//!   sentence of the same quote. The effect must be an ending, a strain or being upset
//!   (`effects` in the lexicon); its subject is the relationship entity of the people
//!   involved (see the module doc of `extract`), or the upset person;
//! - status between two people ("we aren't friends as much as we used to be", "the duo
//!   has seen each other"): "we" is the speaker and the other member of the speaker's
//!   only relationship; "the duo" is the one relationship whose members were both named in
//!   the last three paragraphs;
//! - ages: "Name, 39," and "the 41-year-old rapper" (the epithet resolved like a speaker),
//!   valid at the publication date.
//!
//! Negation (outside the matched effect words) denies, hedges make the claim hedged.

use super::attribution::Said;
use super::names::EntKind;
use super::speaker::{Article, Gender, Np, NpKind, Who, is_number, neg_base};
use super::text::{IN_QUOTE, IN_TITLE, Kind};
use super::{Draft, DraftObject, DraftValid, Evidence};
use crate::model::{Attribution, FuzzyDate, Modality, Polarity};
use std::ops::Range;

/// What the claim pass needs from the rest of the extraction.
pub(crate) struct Ctx<'c, 'd, 't> {
    pub article: &'c Article<'d, 't>,
    pub said: &'c [Said],
    pub dates: &'c [super::SpeechDate],
    pub published: Option<FuzzyDate>,
    pub outlet: Option<&'c str>,
}

/// A noun phrase the claim pass needs resolved in document order: an age epithet ("the
/// 41-year-old rapper", with its age) or the subject of a support verb ("the rapper has
/// often praised …").
#[derive(Debug, Clone)]
pub(crate) struct Request {
    pub np: Np,
    pub age: Option<u32>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum EffKind {
    Ended,
    Strained,
    Upset,
}

#[derive(Debug, Clone)]
struct Effect {
    kind: EffKind,
    span: Range<usize>,
}

struct Unit {
    toks: Range<usize>,
    speaker: Option<usize>,
    /// The relay the words came through, when the story knows it ("told CNN").
    via: Option<usize>,
    direct: bool,
    said: Option<FuzzyDate>,
    conf: f64,
}

/// A cause found in text, before it becomes drafts.
struct Cause {
    /// The first token of the cause marker ("because").
    marker: usize,
    effect: Effect,
    subject: String,
    effect_clause: Range<usize>,
    cause: Range<usize>,
    polarity: Polarity,
    rule: &'static str,
    conf: f64,
}

fn age_of(w: &str, suffixes: &[String]) -> Option<u32> {
    for s in suffixes {
        if let Some(n) = w.strip_suffix(s.as_str()).and_then(|x| x.strip_suffix('-'))
            && is_number(n)
        {
            return n.parse().ok();
        }
    }
    None
}

/// Noun phrases to resolve: age epithets with no alias ("the 41-year-old rapper") and
/// pronoun or epithet subjects of support verbs, outside quotations.
pub(crate) fn requests(a: &Article<'_, '_>) -> Vec<Request> {
    let doc = a.doc;
    let mut out = Vec::new();
    for (t, tok) in doc.toks.iter().enumerate() {
        if tok.kind != Kind::Word || doc.has(t, IN_QUOTE) || t == 0 {
            continue;
        }
        if a.lex.support.starts(doc, t, doc.toks.len()) {
            let lo = doc.sent_toks[tok.sent as usize].start;
            let j = subject_end(a, lo, t);
            if let Some(np) = a.np_ending_at(j, lo)
                && matches!(np.kind, NpKind::Pronoun(_) | NpKind::Epithet { .. })
            {
                out.push(Request { np, age: None });
            }
        }
        let Some(age) = age_of(doc.norm(t), &a.lex.age_suffixes) else {
            continue;
        };
        if !a.lex.g.definite.contains(doc.norm(t - 1)) {
            continue;
        }
        if let Some(np) = a.np_starting_at(t - 1, (t + 6).min(doc.toks.len()))
            && matches!(np.kind, NpKind::Epithet { definite: true, .. })
        {
            out.push(Request { np, age: Some(age) });
        }
    }
    out
}

/// Where the subject of a verb at `k` ends: back over auxiliaries, copulas, negations,
/// intensifiers and adverbs.
fn subject_end(a: &Article<'_, '_>, lo: usize, k: usize) -> usize {
    let doc = a.doc;
    let lex = a.lex;
    let mut j = k;
    let mut steps = 0;
    while j > lo && steps < 4 {
        let w = doc.norm(j - 1);
        let base = neg_base(w);
        let skip = lex.copulas.contains(base.as_str())
            || lex.auxiliaries.contains(base.as_str())
            || a.is_aux(j - 1)
            || w.ends_with("n't")
            || lex.negation_words.contains(w)
            || lex.g.intensifiers.contains(w);
        if !skip {
            break;
        }
        j -= 1;
        steps += 1;
    }
    j
}

/// All drafts of a document.
pub(crate) fn drafts(
    ctx: &Ctx<'_, '_, '_>,
    requests: &[Request],
    answers: &[Option<Who>],
) -> Vec<Draft> {
    let a = ctx.article;
    let doc = a.doc;
    let mut out = Vec::new();
    let mut covered = vec![false; doc.toks.len()];
    let mut units = Vec::new();
    for (k, s) in ctx.said.iter().enumerate() {
        for c in &mut covered[s.toks.clone()] {
            *c = true;
        }
        let Some(Who::Ent(e)) = s.who else { continue };
        units.push(Unit {
            toks: s.toks.clone(),
            speaker: Some(e),
            via: match s.via_who {
                Some(Who::Ent(v)) if v != e => Some(v),
                _ => None,
            },
            direct: s.direct,
            said: ctx.dates[k].as_ref().map(|d| d.0),
            conf: s.conf,
        });
    }
    // Narrative: what no quotation or report covers.
    let mut i = 0;
    while i < doc.toks.len() {
        if covered[i] || doc.has(i, IN_QUOTE) {
            i += 1;
            continue;
        }
        let sent = doc.toks[i].sent;
        let start = i;
        while i < doc.toks.len() && !covered[i] && !doc.has(i, IN_QUOTE) && doc.toks[i].sent == sent
        {
            i += 1;
        }
        units.push(Unit {
            toks: start..i,
            speaker: None,
            via: None,
            direct: false,
            said: None,
            conf: 0.9,
        });
    }
    let resolved = requests
        .iter()
        .zip(answers)
        .filter_map(|(r, w)| match w {
            Some(Who::Ent(e)) => Some((r.np.start, *e)),
            _ => None,
        })
        .collect();
    let p = Pass { ctx, a, resolved };
    for u in &units {
        p.unit(u, &mut out);
    }
    p.ages(requests, answers, &mut out);
    out
}

struct Pass<'p, 'c, 'd, 't> {
    ctx: &'p Ctx<'c, 'd, 't>,
    a: &'p Article<'d, 't>,
    /// Resolved request noun phrases: first token → entity.
    resolved: rustc_hash::FxHashMap<usize, usize>,
}

impl Pass<'_, '_, '_, '_> {
    fn unit(&self, u: &Unit, out: &mut Vec<Draft>) {
        let doc = self.a.doc;
        if u.toks.is_empty() {
            return;
        }
        let first = doc.toks[u.toks.start].sent as usize;
        let last = doc.toks[u.toks.end - 1].sent as usize;
        let segs: Vec<Range<usize>> = (first..=last)
            .map(|s| {
                let r = &doc.sent_toks[s];
                r.start.max(u.toks.start)..r.end.min(u.toks.end)
            })
            .filter(|r| !r.is_empty())
            .collect();
        for (k, seg) in segs.iter().enumerate() {
            self.causes(u, seg.clone(), segs.get(k + 1).cloned(), out);
            self.status(u, seg.clone(), out);
            self.support(u, seg.clone(), out);
            self.cues(u, seg.clone(), out);
        }
    }

    // --- helpers -------------------------------------------------------------------------

    fn negation_at(&self, i: usize, end: usize) -> Option<usize> {
        let doc = self.a.doc;
        let lex = self.a.lex;
        if lex.pseudo_negation.starts(doc, i, end) {
            return None;
        }
        if let Some((n, _)) = lex.negation_phrases.at(doc, i, end) {
            return Some(n);
        }
        let w = doc.norm(i);
        (doc.is_word(i) && (w.ends_with("n't") || lex.negation_words.contains(w))).then_some(1)
    }

    fn negated(&self, r: Range<usize>, skip: &Range<usize>) -> bool {
        let doc = self.a.doc;
        let mut i = r.start;
        while i < r.end {
            if skip.contains(&i) {
                i += 1;
                continue;
            }
            if let Some((n, _)) = self.a.lex.pseudo_negation.at(doc, i, r.end) {
                i += n;
                continue;
            }
            if self.negation_at(i, r.end).is_some() {
                return true;
            }
            i += 1;
        }
        false
    }

    fn hedged(&self, r: Range<usize>) -> bool {
        let doc = self.a.doc;
        let lex = self.a.lex;
        r.clone().any(|i| {
            lex.hedge_first.starts(doc, i, r.end)
                || lex.hedge_phrases.starts(doc, i, r.end)
                || lex.attenuators.starts(doc, i, r.end)
                || lex.hedge_words.contains(doc.norm(i))
        })
    }

    /// The end of a cause phrase starting at `from`.
    fn cause_end(&self, from: usize, limit: usize) -> usize {
        let doc = self.a.doc;
        let lex = self.a.lex;
        let limit = limit.min(from + 25);
        let mut k = from;
        while k < limit {
            let t = &doc.toks[k];
            let stop = doc.is_terminal(k)
                || matches!(t.kind, Kind::Dash | Kind::Ellipsis)
                || (matches!(t.kind, Kind::Quote(_)) && !doc.has(k, IN_TITLE))
                || doc.is_punct(k, "(")
                || (k > from
                    && (lex.deny_before.starts(doc, k, limit)
                        || lex.affirm_after.starts(doc, k, limit)
                        || lex.reason.starts(doc, k, limit)))
                || (doc.is_punct(k, ",")
                    && k + 1 < limit
                    && (lex.g.clause_joiners.contains(doc.norm(k + 1))
                        || lex.wh_words.contains(doc.norm(k + 1))));
            if stop {
                break;
            }
            k += 1;
        }
        while k > from && doc.is_punct(k - 1, ",") {
            k -= 1;
        }
        k
    }

    /// The parts of a cause phrase: prefixes ("the fact") dropped, split at commas, and at
    /// "and" when both sides have two content words or more ("his run for office and
    /// support of Donald Trump").
    fn parts(&self, r: Range<usize>) -> Vec<Range<usize>> {
        let doc = self.a.doc;
        let lex = self.a.lex;
        let mut s = r.start;
        loop {
            if let Some((n, _)) = lex.cause_prefixes.at(doc, s, r.end) {
                s += n;
            } else if s < r.end
                && (doc.is_punct(s, ",") || lex.g.cause_openers.contains(doc.norm(s)))
            {
                s += 1;
            } else {
                break;
            }
        }
        let mut chunks = Vec::new();
        let mut start = s;
        for k in s..=r.end {
            if k == r.end || doc.is_punct(k, ",") {
                if k > start {
                    chunks.push(start..k);
                }
                start = k + 1;
            }
        }
        let content = |r: Range<usize>| {
            self.a
                .idx
                .keys(doc, r, lex)
                .iter()
                .filter(|k| !k.starts_with('~'))
                .count()
        };
        let mut out = Vec::new();
        for c in chunks {
            let mut from = c.start;
            for k in c.clone() {
                if lex.g.conjunctions.contains(doc.norm(k))
                    && content(from..k) >= 2
                    && content(k + 1..c.end) >= 2
                {
                    out.push(from..k);
                    from = k + 1;
                }
            }
            out.push(from..c.end);
        }
        out
    }

    /// The claim object for a cause part.
    fn object(&self, part: Range<usize>) -> Option<(DraftObject, f64)> {
        let a = self.a;
        let keys = a.idx.keys(a.doc, part.clone(), a.lex);
        if keys.is_empty() {
            return None;
        }
        if let Some((c, cov)) = a.idx.concept(&keys) {
            return Some((
                DraftObject::Concept(a.idx.concept_id(c).to_string()),
                0.6 + 0.4 * cov,
            ));
        }
        if keys.len() == 1
            && let Some(id) = keys[0].strip_prefix('@')
        {
            return Some((DraftObject::Entity(id.to_string()), 0.8));
        }
        let words = (part.clone()).filter(|&k| a.doc.is_word(k)).count();
        if keys.len() >= 2 && words <= 15 {
            return Some((
                DraftObject::Literal(a.doc.span_text(part.start, part.end).to_string()),
                0.4,
            ));
        }
        None
    }

    /// The first effect (ending, strain, upset) in `r`.
    fn effect(&self, r: Range<usize>) -> Option<Effect> {
        let doc = self.a.doc;
        let lex = self.a.lex;
        for k in r.clone() {
            if doc.has(k, IN_TITLE) {
                continue;
            }
            let found = if let Some((n, _)) = lex.ended.at(doc, k, r.end) {
                Some((EffKind::Ended, n))
            } else if let Some((n, _)) = lex.strained.at(doc, k, r.end) {
                Some((EffKind::Strained, n))
            } else if let Some((n, _)) = lex.upset.at(doc, k, r.end) {
                Some((EffKind::Upset, n))
            } else if lex.endurance.contains(doc.norm(k)) && k > r.start {
                let too_much = lex.g.infinitive.contains(doc.norm(k - 1))
                    && (r.start.max(k.saturating_sub(9))..k)
                        .any(|j| lex.g.too_much.starts(doc, j, k));
                let neg = self.negation_at(k - 1, k).is_some();
                (too_much || neg).then_some((EffKind::Ended, 1))
            } else {
                None
            };
            if let Some((kind, n)) = found {
                let mut end = k + n;
                if let Some((m, _)) = lex.g.no_longer_after.at(doc, end, r.end) {
                    end += m;
                }
                let start =
                    if kind == EffKind::Ended && lex.endurance.contains(doc.norm(k)) && k > r.start
                    {
                        k - 1
                    } else {
                        k
                    };
                return Some(Effect {
                    kind,
                    span: start..end,
                });
            }
        }
        None
    }

    /// The other member of the speaker's only two-person relationship (gender-compatible).
    fn partner(&self, speaker: usize, g: Gender) -> Option<usize> {
        let rels = self.a.idx.relationships_with(&[speaker]);
        let [rel] = rels.as_slice() else { return None };
        let members = &self.a.idx.ents[*rel].members;
        if members.len() != 2 {
            return None;
        }
        let other = if members[0] == speaker {
            members[1]
        } else {
            members[0]
        };
        let og = self
            .a
            .gender
            .get(&Who::Ent(other))
            .copied()
            .unwrap_or(Gender::Unknown);
        (g == Gender::Unknown || og == Gender::Unknown || og == g).then_some(other)
    }

    /// The relationship entity a clause talks about.
    fn relation(&self, u: &Unit, r: Range<usize>) -> Option<usize> {
        let a = self.a;
        let doc = a.doc;
        let lex = a.lex;
        let mut people: Vec<usize> = Vec::new();
        for m in a.ents_in(r.clone()) {
            match a.idx.ents[m.ent].kind {
                EntKind::Relationship => return Some(m.ent),
                EntKind::Person => people.push(m.ent),
                _ => {}
            }
        }
        let has = |set: &super::lexicon::WordSet| {
            r.clone().any(|k| {
                let w = doc.norm(k);
                set.contains(w)
                    || w.split('\'')
                        .next()
                        .is_some_and(|h| set.contains(h) && w.contains('\''))
            })
        };
        let first = has(&lex.first_plural) || has(&lex.first_singular);
        let third = has(&lex.male_pronouns) || has(&lex.female_pronouns);
        let plural = has(&lex.plural_pronouns)
            && r.clone()
                .any(|k| lex.relationship_nouns.contains(doc.norm(k)));
        if let Some(s) = u.speaker
            && (first || (!u.direct && third) || (people.is_empty() && plural))
        {
            people.push(s);
        }
        people.sort_unstable();
        people.dedup();
        if people.is_empty() {
            return None;
        }
        let rels = a.idx.relationships_with(&people);
        if let [one] = rels.as_slice() {
            Some(*one)
        } else {
            None
        }
    }

    /// The person a pronoun or name at token `i` stands for, inside a unit.
    fn person_at(&self, u: &Unit, i: usize) -> Option<usize> {
        let a = self.a;
        let doc = a.doc;
        let w = doc.norm(i);
        if a.lex.first_singular.contains(w) || w.starts_with("i'") {
            return u.speaker;
        }
        let g = if a.lex.male_pronouns.contains(w) || w.starts_with("he'") {
            Gender::Male
        } else if a.lex.female_pronouns.contains(w) || w.starts_with("she'") {
            Gender::Female
        } else {
            return a
                .ent_ending(i + 1)
                .filter(|m| a.is_person(m.ent))
                .map(|m| m.ent);
        };
        if u.direct {
            self.partner(u.speaker?, g)
        } else {
            None
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn draft(
        &self,
        u: &Unit,
        subject: String,
        predicate: &str,
        object: Option<DraftObject>,
        polarity: Polarity,
        modality: Modality,
        quote: Range<usize>,
        conf: f64,
        rule: &str,
    ) -> Draft {
        let a = self.a;
        let doc = a.doc;
        let range = doc.byte_range(quote.start, quote.end);
        let sent = &doc.sents[doc.toks[quote.start].sent as usize];
        Draft {
            subject,
            predicate: predicate.to_string(),
            object,
            polarity,
            modality,
            speaker: u.speaker.map(|s| a.idx.ents[s].id.clone()),
            via: u
                .via
                .map(|v| a.idx.ents[v].id.clone())
                .into_iter()
                .collect(),
            scope: Vec::new(),
            attribution: if u.direct {
                Attribution::Direct
            } else {
                Attribution::Paraphrase
            },
            reporter: if u.direct {
                None
            } else {
                self.ctx.outlet.map(str::to_string)
            },
            said: u.said,
            valid: None,
            quote: doc.text[range.clone()].to_string(),
            confidence: (conf * u.conf * 100.0).round() / 100.0,
            rule: rule.to_string(),
            evidence: Evidence {
                line: 0,
                column: 0,
                sentence: super::text::sentence_excerpt(doc.text, sent.clone(), range.start),
                range,
            },
        }
    }
}

mod causes;
mod cues;
mod people;

#[cfg(test)]
mod tests {
    use crate::extract::{Document, DraftObject, Lexicon, Names, extract};
    use crate::model::{FuzzyDate, Modality, Polarity};

    const NAMES: &str = r#"
entities:
  - {id: ann, name: Ann Lee, kind: person, aliases: [Lee]}
  - {id: bo, name: Bo Ray, kind: person, aliases: [Ray]}
  - {id: tom, name: Tom Hill, kind: person, aliases: [Hill]}
  - {id: lee-ray-friendship, name: the Lee-Ray friendship, kind: relationship}
concepts:
  - {id: money, forms: ["the money", "his money problems"]}
  - {id: the-vote, forms: ["who she voted for"]}
"#;

    /// `subject predicate object polarity modality` of each draft.
    fn drafts(text: &str) -> Vec<String> {
        let names = Names::from_yaml(NAMES).unwrap();
        let doc = Document {
            text,
            published: FuzzyDate::parse("2022-08-05").ok(),
            outlet: Some("Daily"),
        };
        extract(&doc, &Lexicon::defaults(), &names)
            .drafts
            .iter()
            .map(|d| {
                let o = match &d.object {
                    Some(
                        DraftObject::Concept(c) | DraftObject::Entity(c) | DraftObject::Literal(c),
                    ) => c.clone(),
                    Some(DraftObject::Number { value, .. }) => value.to_string(),
                    Some(o) => format!("{o:?}"),
                    None => "-".into(),
                };
                let p = if d.polarity == Polarity::Denied {
                    " denied"
                } else {
                    ""
                };
                let m = if d.modality == Modality::Hedged {
                    " hedged"
                } else {
                    ""
                };
                format!("{} {} {o}{p}{m}", d.subject, d.predicate)
            })
            .collect()
    }

    #[test]
    fn causes_need_an_effect_and_a_relationship() {
        assert_eq!(
            drafts("“Our friendship ended because of the money,” Lee said."),
            ["lee-ray-friendship ended-because-of money"]
        );
        assert_eq!(
            drafts("“I left early because of the money,” Lee said."),
            Vec::<String>::new(),
            "no ending or strain"
        );
        assert_eq!(
            drafts("“Their friendship ended because of the money,” Hill said."),
            Vec::<String>::new(),
            "whose friendship?"
        );
    }

    #[test]
    fn denied_and_substituted_causes() {
        assert_eq!(
            drafts("“I don't think we're less friends because of the money,” Lee said."),
            ["lee-ray-friendship strained-by money denied hedged"]
        );
        assert_eq!(
            drafts(
                "Lee says her friendship with Ray ended because of who she voted for -- not so much his money problems."
            ),
            [
                "lee-ray-friendship ended-because-of the-vote",
                "lee-ray-friendship ended-because-of money denied"
            ]
        );
    }

    #[test]
    fn over_only_after_a_dispute_word() {
        assert_eq!(
            drafts("“We split over the money,” Lee said."),
            ["lee-ray-friendship ended-because-of money"]
        );
        assert_eq!(
            drafts("“We split over the weekend,” Lee said."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn status_between_two_people() {
        assert_eq!(
            drafts("“We aren't friends anymore,” Lee said."),
            ["ann friends-with bo denied"]
        );
        assert_eq!(
            drafts("“We are not as close as we used to be,” Lee said."),
            ["ann close-to bo denied"]
        );
        assert_eq!(
            drafts("“We talked last week,” Lee said."),
            ["ann in-contact-with bo"]
        );
        assert_eq!(
            drafts("Lee and Ray met. The duo has seen each other since."),
            ["ann in-contact-with bo"]
        );
        assert_eq!(
            drafts("“We used to be friends,” Lee said."),
            Vec::<String>::new(),
            "a past state"
        );
        assert_eq!(
            drafts("“They are friends,” Hill said."),
            Vec::<String>::new(),
            "who are they?"
        );
    }

    #[test]
    fn ages_and_support() {
        assert_eq!(drafts("Lee, 39, left. A man, 40, stayed."), ["ann age 39"]);
        assert_eq!(
            drafts("Hill is frequently outspoken against Ray."),
            ["tom opposes bo"]
        );
        assert_eq!(
            drafts("“I didn't support Ray,” Hill said."),
            ["tom supports bo denied"]
        );
        assert_eq!(
            drafts("His support for Ray was clear."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn hedges() {
        assert_eq!(
            drafts("“I guess our friendship ended because of the money,” Lee said."),
            ["lee-ray-friendship ended-because-of money hedged"]
        );
    }
}
