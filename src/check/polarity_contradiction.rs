use super::compare::{Frame, Relation};
use super::describe::{clash_finding, clash_findings, suppress_help, times};
use super::{Context, Finding, declare_check};

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

/// Reports opposed claims with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| c.relation == Relation::Opposed && c.frame == Frame::Plain,
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
                .find(|f| r.corpus.claims[f.claims[0] as usize].claim.id.value == id)
                .map(|f| (f.claims.len(), f.severity))
        };
        assert_eq!(r.findings.len(), 3, "{:?}", codes(&r));
        // Six claim pairs, one finding.
        assert_eq!(sev("e"), Some((5, Severity::Error)));
        // One side hedged: at most a warning; both sides hedged: a note.
        assert_eq!(sev("g"), Some((2, Severity::Warning)));
        assert_eq!(sev("i"), Some((2, Severity::Note)));
    }
}
