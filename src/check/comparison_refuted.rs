use super::describe::{
    claim_label, extracted_only, involves_draft, proposition, quote_label, voices,
};
use super::{Context, DisputeKey, Finding, Severity, Side, declare_check};
use crate::model::{Comparison, DEFAULT_ABOUT, Number, Polarity, figures_agree};
use crate::resolve::{ClaimIdx, Corpus, Object, Quantity, Reference, ResolvedClaim, Term};
use crate::rules::PredicateId;
use rustc_hash::FxHashMap;

declare_check! {
    /// ## What it does
    /// Checks records ("the largest audience ever": `{rank: 1, among: inaugurations}`) and
    /// relative figures (`{more-than: …}`, `{less-than: …}`, `{change: -18%, from: …}`)
    /// against the figures the claim files hold for the same predicate and scope, and flags
    /// the ones those figures refute, naming the claims that refute them.
    ///
    /// ## Why is this bad?
    /// A record or a comparison is a claim about other figures. When the corpus holds those
    /// figures and they say otherwise (another member's audience is larger; the change from
    /// 38 million to 30 million is not -5 %), one side is wrong.
    ///
    /// ## Example
    /// ```yaml
    /// entities:
    ///   - {id: inaugurations, kind: class}
    ///   - {id: inauguration-2009, part-of: [inaugurations]}
    ///   - {id: inauguration-2017, part-of: [inaugurations]}
    /// claims:
    ///   - {id: a, source: daily, subject: inauguration-2009, predicate: attendance, object: 1800000}
    ///   - {id: b, source: daily, subject: inauguration-2017, predicate: attendance, object: {max: 600000}}
    ///   - {id: c, source: briefing, speaker: spicer, subject: inauguration-2017, predicate: attendance, object: {rank: 1, among: inaugurations}}
    /// ```
    /// Resolved by: correcting the record or the figures, or suppressing with the reason.
    ///
    /// ## Not flagged
    /// - A comparison with no figure to check it against (the subject's or the reference's
    ///   figures missing): nothing is known to refute it.
    /// - Any reading of the figures that makes it true: with several reported figures, a
    ///   comparison is refuted only when every pairing of them refutes it.
    /// - Figures of another scope (`scope:` keys that differ) or another unit.
    ///
    /// ## Options
    /// Members of a class are the entities `part-of` it (transitively) or of `kind` equal
    /// to its id. A change is checked within ±5 % of the implied figure, plus the
    /// predicate's `tolerance`.
    pub COMPARISON_REFUTED {
        code: "CC107",
        name: "comparison-refuted",
        category: Contradiction,
        severity: Error,
        summary: "a record or relative figure that the corpus's figures refute",
    }
}

/// The figures each (subject, predicate) has: affirmed quantity claims not retracted.
type Figures = FxHashMap<(Term, PredicateId), Vec<ClaimIdx>>;

/// Checks every record and relative figure.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let corpus = cx.corpus;
    if !corpus.claims.iter().any(|c| {
        matches!(
            c.object,
            Some(Object::Rank { .. } | Object::Relative { .. })
        )
    }) {
        return;
    }
    let mut figures: Figures = FxHashMap::default();
    for (i, c) in corpus.claims.iter().enumerate() {
        if c.polarity() == Polarity::Affirmed
            && c.retracted_by.is_none()
            && matches!(c.object, Some(Object::Quantity(_)))
        {
            figures
                .entry((c.subject, c.predicate))
                .or_default()
                .push(i as ClaimIdx);
        }
    }
    for (i, c) in corpus.claims.iter().enumerate() {
        if c.polarity() != Polarity::Affirmed || c.retracted_by.is_some() {
            continue;
        }
        let verdict = match &c.object {
            Some(Object::Rank { rank, among }) => rank_refuted(corpus, &figures, c, *rank, *among),
            Some(Object::Relative { relation, to }) => {
                relative_refuted(corpus, &figures, c, *relation, to)
            }
            _ => None,
        };
        if let Some((refuting, why)) = verdict {
            out.push(finding(cx, i as ClaimIdx, refuting, why));
        }
    }
}

/// The figures of `subject` for the predicate that a claim's scope allows comparing.
fn figures_of<'c>(
    corpus: &'c Corpus,
    figures: &Figures,
    c: &ResolvedClaim,
    subject: Term,
) -> Vec<(ClaimIdx, &'c Quantity)> {
    figures
        .get(&(subject, c.predicate))
        .into_iter()
        .flatten()
        .filter_map(|&i| {
            let f = &corpus.claims[i as usize];
            let q = f.object.as_ref()?.quantity()?;
            compatible_scope(c.claim.scope(), f.claim.scope()).then_some((i, q))
        })
        .collect()
}

fn compatible_scope(a: &[(String, String)], b: &[(String, String)]) -> bool {
    !super::compare::scopes_differ(a, b)
}

/// Units of two figure sets agree (a missing unit takes the predicate's).
fn same_units(a: &[(ClaimIdx, &Quantity)], b: &[(ClaimIdx, &Quantity)]) -> bool {
    let units: Vec<&str> = a
        .iter()
        .chain(b)
        .filter_map(|(_, q)| q.unit.as_deref())
        .collect();
    units.windows(2).all(|w| w[0] == w[1])
}

/// A record is refuted when at least `rank` other members of the class are larger than
/// the subject under every reading of the reported figures.
fn rank_refuted(
    corpus: &Corpus,
    figures: &Figures,
    c: &ResolvedClaim,
    rank: u32,
    among: Term,
) -> Option<(Vec<ClaimIdx>, String)> {
    let own = figures_of(corpus, figures, c, c.subject);
    let own_high = own
        .iter()
        .map(|(_, q)| q.high)
        .fold(f64::NEG_INFINITY, f64::max);
    if own.is_empty() || own_high.is_infinite() {
        return None;
    }
    let class = &corpus.term(among).id;
    let mut larger: Vec<(Term, Vec<(ClaimIdx, &Quantity)>)> = Vec::new();
    for (e, info) in corpus.entities.iter().enumerate() {
        let t = Term::Entity(e as u32);
        if t == c.subject || !(corpus.within(t, among) && t != among || &info.kind == class) {
            continue;
        }
        let theirs = figures_of(corpus, figures, c, t);
        if theirs.is_empty() || !same_units(&own, &theirs) {
            continue;
        }
        let their_low = theirs
            .iter()
            .map(|(_, q)| q.low)
            .fold(f64::INFINITY, f64::min);
        if their_low > own_high {
            larger.push((t, theirs));
        }
    }
    if larger.len() < rank as usize {
        return None;
    }
    let mut refuting: Vec<ClaimIdx> = own.iter().map(|(i, _)| *i).collect();
    let names: Vec<String> = larger
        .iter()
        .map(|(t, fs)| {
            refuting.extend(fs.iter().map(|(i, _)| *i));
            let low = fs.iter().map(|(_, q)| q.low).fold(f64::INFINITY, f64::min);
            format!("{} (at least {})", corpus.term(*t).name, Number(low))
        })
        .collect();
    refuting.sort_unstable();
    refuting.dedup();
    Some((
        refuting,
        format!(
            "{} of `{class}` had more: {} against at most {} for {}",
            larger.len(),
            names.join(", "),
            Number(own_high),
            corpus.term(c.subject).name
        ),
    ))
}

/// A relative figure is refuted when no pairing of the subject's and the reference's
/// figures makes it true.
fn relative_refuted(
    corpus: &Corpus,
    figures: &Figures,
    c: &ResolvedClaim,
    relation: Comparison,
    to: &Reference,
) -> Option<(Vec<ClaimIdx>, String)> {
    let own = figures_of(corpus, figures, c, c.subject);
    let reference: Vec<(ClaimIdx, &Quantity)> = match to {
        Reference::Term(t) => figures_of(corpus, figures, c, *t),
        Reference::Claim(id) => corpus
            .claims
            .iter()
            .enumerate()
            .filter(|(_, r)| r.id() == id.as_str() && r.retracted_by.is_none())
            .filter_map(|(i, r)| Some((i as ClaimIdx, r.object.as_ref()?.quantity()?)))
            .collect(),
    };
    if own.is_empty() || reference.is_empty() || !same_units(&own, &reference) {
        return None;
    }
    let tolerance = corpus.vocabulary.def(c.predicate).tolerance;
    let holds = |s: &Quantity, r: &Quantity| match relation {
        Comparison::MoreThan => s.high > r.low,
        Comparison::LessThan => s.low < r.high,
        Comparison::Change(k) => {
            let (lo, hi) = (r.low * (1.0 + k), r.high * (1.0 + k));
            let widen = DEFAULT_ABOUT * lo.abs().max(hi.abs());
            figures_agree(s.interval(), (lo - widen, hi + widen), tolerance)
        }
    };
    if own
        .iter()
        .any(|(_, s)| reference.iter().any(|(_, r)| holds(s, r)))
    {
        return None;
    }
    let list = |fs: &[(ClaimIdx, &Quantity)]| {
        let mut v: Vec<String> = fs.iter().map(|(_, q)| q.to_string()).collect();
        v.dedup();
        v.join(", ")
    };
    let mut refuting: Vec<ClaimIdx> = own.iter().chain(&reference).map(|(i, _)| *i).collect();
    refuting.sort_unstable();
    refuting.dedup();
    let why = match relation {
        Comparison::MoreThan => "is not more than",
        Comparison::LessThan => "is not less than",
        Comparison::Change(_) => "is not that change from",
    };
    Some((
        refuting,
        format!(
            "the figures held for {} ({}) {why} the reference's ({})",
            corpus.term(c.subject).name,
            list(&own),
            list(&reference)
        ),
    ))
}

fn finding(cx: &Context<'_>, claim: ClaimIdx, refuting: Vec<ClaimIdx>, why: String) -> Finding {
    let corpus = cx.corpus;
    let c = &corpus.claims[claim as usize];
    let mut primary = claim_label(cx, claim);
    primary.text.push_str(" — this claim");
    let mut related: Vec<_> = refuting
        .iter()
        .take(super::describe::MORE_CLAIMS_SHOWN + 1)
        .map(|&i| {
            let mut l = claim_label(cx, i);
            l.text.push_str(" — a figure it is checked against");
            l
        })
        .collect();
    related.extend(quote_label(cx, claim));
    let mut claims = vec![claim];
    claims.extend(refuting.iter().copied());
    let figures_label = {
        let mut labels: Vec<String> = refuting
            .iter()
            .map(|&i| proposition(cx, &corpus.claims[i as usize]))
            .collect();
        labels.dedup();
        labels.join("; ")
    };
    let hedged = c.is_hedged();
    Finding {
        check: &COMPARISON_REFUTED,
        severity: COMPARISON_REFUTED.severity,
        message: format!(
            "`{}` says {}, but the figures held refute it: {why}",
            c.claim.id.value,
            proposition(cx, c)
        ),
        primary,
        related,
        extracted_only: extracted_only(cx, &claims),
        suggested: involves_draft(cx, &claims),
        cap: hedged.then_some(Severity::Warning),
        positions: vec![
            Side {
                label: proposition(cx, c),
                claims: vec![claim],
            },
            Side {
                label: figures_label,
                claims: refuting.clone(),
            },
        ],
        pairs: Vec::new(),
        explanation: format!(
            "{} says {}. The figures the claim files hold for the same predicate and scope: {}. {why}.",
            voices(cx, &[claim]).join("; "),
            proposition(cx, c),
            voices(cx, &refuting).join("; ")
        ),
        help: format!(
            "correct the record or the figures; or, if the difference is understood, add to `{}`: `suppress: [{{check: comparison-refuted, reason: \"…\"}}]`",
            c.claim.id.value
        ),
        claims,
        dispute: Some(DisputeKey {
            subject: c.subject,
            family: corpus.vocabulary.family(c.predicate),
        }),
        suppressed: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    const CLASS: &str = r"
entities:
  - {id: inaugurations, kind: class}
  - {id: i09, name: 2009 inauguration, part-of: [inaugurations]}
  - {id: i17, name: 2017 inauguration, part-of: [inaugurations]}
";

    #[test]
    fn a_record_refuted_by_a_larger_member() {
        let r = fixture(&format!(
            "{CLASS}claims:
  - {{id: a, source: s1, subject: i09, predicate: attendance, object: 1800000}}
  - {{id: b, source: s2, subject: i17, predicate: attendance, object: {{max: 600000}}}}
  - {{id: c, source: s3, speaker: p, subject: i17, predicate: attendance, object: {{rank: 1, among: inaugurations}}}}
"
        ));
        assert_eq!(codes(&r), ["comparison-refuted c a b"]);
    }

    #[test]
    fn a_record_that_some_reading_allows_is_not_flagged() {
        // One outlet's figure for 2017 is above 2009's: the record may hold.
        let r = fixture(&format!(
            "{CLASS}claims:
  - {{id: a, source: s1, subject: i09, predicate: attendance, object: 1800000}}
  - {{id: b, source: s2, subject: i17, predicate: attendance, object: {{min: 2000000}}}}
  - {{id: c, source: s3, speaker: p, subject: i17, predicate: attendance, object: {{rank: 1, among: inaugurations}}}}
"
        ));
        assert!(
            !codes(&r)
                .iter()
                .any(|c| c.starts_with("comparison-refuted")),
            "{:?}",
            codes(&r)
        );
    }

    #[test]
    fn a_percent_change_against_the_two_figures() {
        let yaml = |change: &str| {
            format!(
                "{CLASS}claims:
  - {{id: a, source: s1, subject: i09, predicate: attendance, object: 38000000}}
  - {{id: b, source: s2, subject: i17, predicate: attendance, object: 30600000}}
  - {{id: c, source: s3, subject: i17, predicate: attendance, object: {{change: {change}, from: i09}}}}
"
            )
        };
        // 30.6 / 38 is -19.5 %: "down 18 %" is within the rounding allowed, "down 5 %" not.
        assert!(
            !codes(&fixture(&yaml("-18%")))
                .iter()
                .any(|c| c.starts_with("comparison"))
        );
        assert_eq!(codes(&fixture(&yaml("-5%"))), ["comparison-refuted c a b"]);
    }

    #[test]
    fn more_than_a_claim_and_less_than_an_entity() {
        let r = fixture(&format!(
            "{CLASS}claims:
  - {{id: a, source: s1, subject: i09, predicate: attendance, object: 1800000}}
  - {{id: b, source: s2, subject: i17, predicate: attendance, object: 600000}}
  - {{id: c, source: s3, subject: i17, predicate: attendance, object: {{more-than: a}}}}
  - {{id: d, source: s3, subject: i17, predicate: attendance, object: {{less-than: i09}}}}
"
        ));
        assert_eq!(codes(&r), ["comparison-refuted c a b"]);
    }
}
