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
    pair: &Pair<'_>,
    message: String,
    explanation: String,
    help: String,
) -> Finding {
    let conflict = pair.conflict;
    let (p, o) = (conflict.later, conflict.earlier);
    let label = |c: &ResolvedClaim| Label {
        span: c.claim.id.span,
        text: format!("{}: {}", pair.voice(c), pair.proposition(c)),
    };
    let mut primary = label(pair.later);
    primary.text.push_str(" — this claim");
    let mut related = vec![label(pair.earlier)];
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

/// The two claims of a conflict, later first, with the words for each computed once (a
/// finding names each claim's voice and proposition twice: in its explanation and labels).
pub struct Pair<'a> {
    /// The conflict.
    pub conflict: &'a Conflict,
    /// The later claim (primary).
    pub later: &'a ResolvedClaim,
    /// The earlier claim.
    pub earlier: &'a ResolvedClaim,
    voices: [String; 2],
    propositions: [String; 2],
}

impl<'a> Pair<'a> {
    fn new(cx: &'a Context<'_>, conflict: &'a Conflict) -> Self {
        let later = &cx.corpus.claims[conflict.later as usize];
        let earlier = &cx.corpus.claims[conflict.earlier as usize];
        Self {
            conflict,
            later,
            earlier,
            voices: [voice(cx, later), voice(cx, earlier)],
            propositions: [proposition(cx, later), proposition(cx, earlier)],
        }
    }

    fn side(&self, c: &ResolvedClaim) -> usize {
        usize::from(!std::ptr::eq(c, self.later))
    }

    /// [`voice`] of one of the two claims.
    pub fn voice(&self, c: &ResolvedClaim) -> &str {
        &self.voices[self.side(c)]
    }

    /// [`proposition`] of one of the two claims.
    pub fn proposition(&self, c: &ResolvedClaim) -> &str {
        &self.propositions[self.side(c)]
    }

    /// "A says X, but B says Y" (later first): the two sides of a contradiction.
    pub fn but(&self) -> String {
        format!(
            "{} says {}, but {} says {}",
            self.voices[0], self.propositions[0], self.voices[1], self.propositions[1]
        )
    }
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
    finding: impl Fn(&Pair<'_>) -> Finding + Sync + Send,
) {
    use rayon::prelude::*;
    out.par_extend(
        cx.comparison
            .conflicts
            .par_iter()
            .filter(|c| takes(c))
            .map(|c| finding(&Pair::new(cx, c))),
    );
}
