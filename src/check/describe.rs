//! Words for findings: who said what, when, where; shared by every check so findings read
//! the same way.

use super::compare::Conflict;
use super::{CheckInfo, Context, Finding, Label};
use crate::model::{Attribution, Origin, Polarity};
use crate::resolve::{ClaimIdx, ResolvedClaim};

/// `subject predicate object`, with `not` for a denial, ids in backticks.
pub fn proposition(cx: &Context<'_>, c: &ResolvedClaim) -> String {
    let corpus = cx.corpus;
    let subject = &corpus.term(c.subject).id;
    let predicate = &corpus.vocabulary.def(c.predicate).name;
    let not = if c.polarity() == Polarity::Denied {
        "not "
    } else {
        ""
    };
    match &c.object {
        Some(o) => format!(
            "`{subject}` {not}{predicate} `{}`",
            corpus.object_text(Some(o)).trim_matches('"')
        ),
        None => format!("`{subject}` {not}{predicate}"),
    }
}

/// Who says it and through whom: "John Legend (quoted by OK!, said 2022-08-04)".
pub fn voice(cx: &Context<'_>, c: &ResolvedClaim) -> String {
    let corpus = cx.corpus;
    let outlet = &corpus.sources[c.source as usize].outlet;
    let said = c
        .said_date
        .map_or_else(|| "date unknown".to_string(), |d| format!("said {d}"));
    let hedge = if c.is_hedged() { ", hedged" } else { "" };
    match c.speaker {
        Some(s) => {
            let how = match c.claim.attribution {
                Attribution::Direct => "quoted by",
                Attribution::Paraphrase => "as paraphrased by",
            };
            format!(
                "{} ({how} {outlet}, {said}{hedge})",
                corpus.entities[s as usize].name
            )
        }
        None => format!("{outlet} ({said}{hedge})"),
    }
}

/// The label on a claim: its voice and proposition.
pub fn claim_label(cx: &Context<'_>, i: ClaimIdx) -> Label {
    let c = &cx.corpus.claims[i as usize];
    Label {
        span: c.claim.id.span,
        text: format!("{}: {}", voice(cx, c), proposition(cx, c)),
    }
}

/// The label on the article words a claim quotes, when they were found.
pub fn quote_label(cx: &Context<'_>, i: ClaimIdx) -> Option<Label> {
    let c = &cx.corpus.claims[i as usize];
    let doc = cx.corpus.sources[c.source as usize].document?;
    let range = c.quote_range()?;
    Some(Label {
        span: cx.corpus.map.span_of(doc, range),
        text: format!("`{}` quotes these words", c.claim.id.value),
    })
}

/// "the valid times (2018; from 2020-01-01 on)".
pub fn times(a: &ResolvedClaim, b: &ResolvedClaim) -> String {
    format!("{} and {}", a.valid.describe(), b.valid.describe())
}

/// Whether every claim involved was drafted by the extractor.
pub fn extracted_only(cx: &Context<'_>, claims: &[ClaimIdx]) -> bool {
    claims
        .iter()
        .all(|&i| cx.corpus.claims[i as usize].claim.origin == Origin::Extracted)
}

/// A finding about a pair of claims: the later claim is primary, the earlier one and both
/// quotes in their articles are related locations.
pub fn pair_finding(
    cx: &Context<'_>,
    check: &'static CheckInfo,
    conflict: &Conflict,
    message: String,
    explanation: String,
    help: String,
) -> Finding {
    let (p, o) = (conflict.later, conflict.earlier);
    let mut primary = claim_label(cx, p);
    primary.text = format!("{} — {}", primary.text, "this claim");
    let mut related = vec![claim_label(cx, o)];
    related.extend(quote_label(cx, p));
    related.extend(quote_label(cx, o));
    let claims = vec![p, o];
    Finding {
        check,
        severity: check.severity,
        message,
        primary,
        related,
        extracted_only: extracted_only(cx, &claims),
        claims,
        explanation,
        help,
        dispute: Some(conflict.dispute),
        suppressed: None,
    }
}

/// The two claims of a conflict, later first.
pub fn pair<'a>(
    cx: &'a Context<'_>,
    conflict: &Conflict,
) -> (&'a ResolvedClaim, &'a ResolvedClaim) {
    (
        &cx.corpus.claims[conflict.later as usize],
        &cx.corpus.claims[conflict.earlier as usize],
    )
}

/// The standard suppression hint for a pair finding.
pub fn suppress_help(check: &CheckInfo, a: &ResolvedClaim, b: &ResolvedClaim) -> String {
    format!(
        "or, if the difference is understood, add to `{}`: `suppress: [{{check: {}, claim: {}, reason: \"…\"}}]`",
        a.claim.id.value, check.name, b.claim.id.value
    )
}

/// The findings a pair check makes of the conflicts it `takes`: built in parallel, pushed
/// in conflict order (so the result does not depend on the thread count).
pub fn conflict_findings(
    cx: &Context<'_>,
    out: &mut Vec<Finding>,
    takes: impl Fn(&Conflict) -> bool + Sync,
    finding: impl Fn(&Conflict) -> Finding + Sync + Send,
) {
    use rayon::prelude::*;
    out.par_extend(
        cx.comparison
            .conflicts
            .par_iter()
            .filter(|c| takes(c))
            .map(finding),
    );
}

/// "A says X, but B says Y": the two sides of a contradiction in one sentence.
pub fn but(cx: &Context<'_>, a: &ResolvedClaim, b: &ResolvedClaim) -> String {
    format!(
        "{} says {}, but {} says {}",
        voice(cx, a),
        proposition(cx, a),
        voice(cx, b),
        proposition(cx, b)
    )
}
