use super::compare::{Clash, Frame, Relation};
use super::describe::{
    clash_finding, clash_findings, figure_clash, figure_disputes, gather, suppress_help, times,
};
use super::{Context, DisputeKey, Finding, declare_check};
use crate::model::Polarity;

declare_check! {
    /// ## What it does
    /// Flags the same proposition affirmed by one claim and denied by another, for times
    /// that overlap, said by different voices (or by one voice in one speech act).
    ///
    /// ## Why is this bad?
    /// Both cannot be true: at least one source is wrong, or the claims are not written
    /// precisely enough (a missing `valid` time, a wrong subject).
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: acme, predicate: led-by, object: jane-roe, valid: {at: 2021}}
    ///   - {id: b, source: weekly, subject: acme, predicate: led-by, object: jane-roe, polarity: denied, valid: {at: 2021}}
    /// ```
    /// Resolved by: correcting the wrong claim, or narrowing `valid` when each was true at a
    /// different time (`valid: {to: 2020}` on one of them).
    ///
    /// ## Not flagged
    /// - Valid times that do not overlap: `status-changed` notes the change instead.
    /// - The same speaker in his own words at different dates: `revised-account`.
    /// - An outlet's paraphrase against the speaker's own words: `reporting-conflict`.
    /// - Causes: `cause-contradiction` judges a denied cause.
    /// - A range or bound that merely reaches a denied figure: "1 to 1.3 million" against
    ///   "1.3 million is impossible" (only a figure within the denied one, or an exact or
    ///   approximate figure at it, is what the denial denies). A denial that meets several
    ///   figures of one question is one finding listing them all.
    /// - A predicate implied by another (`ended-because-of` implies `strained-by`) counts
    ///   as the same proposition when the stronger one is affirmed.
    ///
    /// ## Options
    /// Severity: `severity: {polarity-contradiction: warning}` in a rules file.
    pub POLARITY_CONTRADICTION {
        code: "CC101",
        name: "polarity-contradiction",
        category: Contradiction,
        severity: Error,
        summary: "the same proposition is affirmed and denied for overlapping times",
    }
}

fn taken(c: &Clash) -> bool {
    c.relation == Relation::Opposed && c.frame == Frame::Plain
}

/// Reports opposed claims with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Questions where denied figures meet several affirmed ones: one finding each.
    let (disputes, order) = figure_disputes(cx, taken);
    for key in &order {
        out.push(denied_figures_finding(cx, *key, &disputes[key]));
    }
    clash_findings(
        cx,
        out,
        |c| taken(c) && !(figure_clash(cx, c) && disputes.contains_key(&c.dispute)),
        |p| {
            let (a, b) = (p.later, p.earlier);
            clash_finding(
                cx,
                &POLARITY_CONTRADICTION,
                p,
                format!(
                    "`{}` contradicts `{}`{}",
                    a.claim.id.value,
                    b.claim.id.value,
                    p.counts()
                ),
                format!(
                    "{}; their valid times ({}) overlap, so both cannot hold.",
                    p.but(),
                    times(a, b)
                ),
                format!(
                    "correct the claim that is wrong, or narrow `valid` if each held at a different time; {}",
                    suppress_help(&POLARITY_CONTRADICTION, a, b)
                ),
            )
        },
    );
}

/// One finding for a question where denials of a figure meet several affirmed figures:
/// every position with its voices.
fn denied_figures_finding(cx: &Context<'_>, key: DisputeKey, clashes: &[&Clash]) -> Finding {
    let g = gather(cx, key, clashes);
    let corpus = cx.corpus;
    let denied = |side: &super::Side| {
        side.claims
            .first()
            .is_some_and(|&i| corpus.claims[i as usize].polarity() == Polarity::Denied)
    };
    let denials = g.positions.iter().filter(|s| denied(s)).count();
    let affirmed = g.positions.len() - denials;
    let plural =
        |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let primary = &corpus.claims[g.primary as usize].claim.id.value;
    Finding {
        message: format!(
            "{} {} against {}",
            g.question,
            plural(denials, "denial", "denials"),
            plural(affirmed, "figure that states it", "figures that state it")
        ),
        explanation: format!(
            "Each affirmed figure is within a figure another voice denies, for overlapping times: both cannot hold.\n{}{}",
            g.question, g.listed
        ),
        help: format!(
            "correct the claim that is wrong, or narrow `valid` if each held at a different time; to suppress, add to `{primary}`: `suppress: [{{check: polarity-contradiction, reason: \"…\"}}]`"
        ),
        ..g.finding(cx, &POLARITY_CONTRADICTION)
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_on_affirmed_and_denied() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: in-contact-with, object: y, valid: {at: 2021}}
  - {id: b, source: s2, subject: y, predicate: in-contact-with, object: x, polarity: denied, valid: {at: 2021-05}}
",
        );
        assert_eq!(codes(&r), ["polarity-contradiction b a"]);
    }

    #[test]
    fn not_flagged_for_disjoint_times_or_same_polarity() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: in-contact-with, object: y, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: in-contact-with, object: y, polarity: denied, valid: {from: 2020}}
  - {id: c, source: s2, subject: x, predicate: in-contact-with, object: y, valid: {at: 2018}}
",
        );
        assert!(
            !codes(&r)
                .iter()
                .any(|c| c.starts_with("polarity-contradiction")),
            "{:?}",
            codes(&r)
        );
    }

    #[test]
    fn one_finding_per_position_pair_with_every_claim_and_hedges_lower_the_severity() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: in-contact-with, object: y, valid: {at: 2021}}
  - {id: b, source: s2, subject: x, predicate: in-contact-with, object: y, valid: {at: 2021}}
  - {id: c, source: s3, subject: x, predicate: in-contact-with, object: y, valid: {at: 2021}}
  - {id: d, source: s2, subject: x, predicate: in-contact-with, object: y, polarity: denied, valid: {at: 2021}}
  - {id: e, source: s3, subject: x, predicate: in-contact-with, object: y, polarity: denied, valid: {at: 2021}}
  - {id: f, source: s1, subject: z, predicate: in-contact-with, object: y, modality: hedged, valid: {at: 2021}}
  - {id: g, source: s2, subject: z, predicate: in-contact-with, object: y, polarity: denied, valid: {at: 2021}}
  - {id: h, source: s1, subject: p, predicate: in-contact-with, object: y, modality: hedged, valid: {at: 2021}}
  - {id: i, source: s2, subject: p, predicate: in-contact-with, object: y, modality: hedged, polarity: denied, valid: {at: 2021}}
",
        );
        use crate::check::Severity;
        let sev = |id: &str| {
            r.findings
                .iter()
                .find(|f| r.corpus.claims[f.claims[0] as usize].id() == id)
                .map(|f| (f.claims.len(), f.severity))
        };
        assert_eq!(r.findings.len(), 3, "{:?}", codes(&r));
        // Six claim pairs, one finding.
        assert_eq!(sev("e"), Some((5, Severity::Error)));
        // One side hedged: at most a warning; both sides hedged: a note.
        assert_eq!(sev("g"), Some((2, Severity::Warning)));
        assert_eq!(sev("i"), Some((2, Severity::Note)));
    }

    #[test]
    fn a_denied_figure_against_several_figures_is_one_finding_with_every_pair() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: attendance, object: 1300000}
  - {id: b, source: s2, subject: x, predicate: attendance, object: {about: 1300000}}
  - {id: c, source: s3, subject: x, predicate: attendance, object: 1300000, polarity: denied}
  - {id: d, source: s1, subject: x, predicate: attendance, object: {min: 1000000, max: 1300000}}
",
        );
        assert_eq!(codes(&r), ["polarity-contradiction c b a"]);
        let f = &r.findings[0];
        assert_eq!(f.positions.len(), 3, "the denial and two figures");
        let id = |i: u32| r.corpus.claims[i as usize].id();
        let mut pairs: Vec<(&str, &str)> = f
            .pairs
            .iter()
            .map(|&(x, y)| (id(x).min(id(y)), id(x).max(id(y))))
            .collect();
        pairs.sort_unstable();
        assert_eq!(pairs, [("a", "c"), ("b", "c")], "the range is in no pair");
        assert!(
            f.message.contains("1 denial against 2 figures"),
            "{}",
            f.message
        );
    }
}
