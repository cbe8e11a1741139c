use super::compare::{Frame, Relation};
use super::describe::{clash_finding, clash_findings, suppress_help, times};
use super::{Context, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Flags two different values of a functional predicate (one value at a time: `age`,
    /// `married-to`, `led-by`, `lives-in`) for times that overlap. Numbers within the
    /// predicate's `tolerance` count as the same value.
    ///
    /// ## Why is this bad?
    /// A functional predicate has one value at a time, so two sources giving different
    /// values for the same time cannot both be right.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: jane-roe, predicate: age, object: 41, valid: {at: 2018-10}}
    ///   - {id: b, source: weekly, subject: jane-roe, predicate: age, object: 45, valid: {at: 2018-10}}
    /// ```
    /// Resolved by: correcting the wrong value, or giving each claim the time it was true.
    ///
    /// ## Not flagged
    /// - Values for times that do not overlap (an age in 2018 and in 2022): `status-changed`.
    /// - Numbers within the predicate's `tolerance`.
    /// - Predicates that are not `functional` (a person can support several candidates).
    /// - The same speaker at different dates (`revised-account`) or through an outlet's
    ///   paraphrase (`reporting-conflict`).
    ///
    /// ## Options
    /// `functional` and `tolerance` are set per predicate in the rules' vocabulary.
    pub FUNCTIONAL_VALUE_CONFLICT {
        code: "CC102",
        name: "functional-value-conflict",
        category: Contradiction,
        severity: Error,
        summary: "two values of a one-value-at-a-time predicate for overlapping times",
    }
}

/// Reports value clashes with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| c.relation == Relation::ValueClash && c.frame == Frame::Plain,
        |p| {
            let (a, b) = (p.later, p.earlier);
            let predicate = &cx.corpus.vocabulary.def(a.predicate).name;
            clash_finding(
                cx,
                &FUNCTIONAL_VALUE_CONFLICT,
                p,
                format!(
                    "`{}` gives another `{predicate}` than `{}`{}",
                    a.claim.id.value,
                    b.claim.id.value,
                    p.counts()
                ),
                format!(
                    "`{predicate}` is functional (one value at a time). {}, for overlapping valid times ({}).",
                    p.but(),
                    times(a, b)
                ),
                format!(
                    "correct the wrong value, or give each claim the time it held; {}",
                    suppress_help(&FUNCTIONAL_VALUE_CONFLICT, a, b)
                ),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_on_two_values() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: age, object: 41, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: age, object: 45, valid: {at: 2018}}
",
        );
        assert_eq!(codes(&r), ["functional-value-conflict b a"]);
    }

    #[test]
    fn not_flagged_within_tolerance_or_other_times() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: age, object: 41, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: age, object: 42, valid: {at: 2018}}
  - {id: e, source: s3, subject: x, predicate: age, object: {number: 41, unit: years}, valid: {at: 2018}}
  - {id: c, source: s2, subject: x, predicate: supports, object: y, valid: {at: 2018}}
  - {id: d, source: s1, subject: x, predicate: supports, object: z, valid: {at: 2018}}
",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }

    #[test]
    fn dates_compare_as_intervals() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: happened-on, object: {date: 2022-08}}
  - {id: b, source: s2, subject: x, predicate: happened-on, object: {date: 2022-08-04}}
  - {id: c, source: s1, subject: y, predicate: happened-on, object: {date: 2022-08-03}}
  - {id: d, source: s2, subject: y, predicate: happened-on, object: {date: 2022-08-04}}
",
        );
        assert_eq!(codes(&r), ["functional-value-conflict d c"]);
    }

    #[test]
    fn numbers_in_different_units_are_different_measures() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: count, object: {number: 570000, unit: riders}}
  - {id: b, source: s2, subject: x, predicate: count, object: {number: 570000, unit: station entries}}
  - {id: c, source: s2, subject: x, predicate: count, object: {number: 600000, unit: station entries}}
",
        );
        // Riders against entries: never a clash; 570,000 against 600,000 entries: a clash.
        assert_eq!(codes(&r), ["functional-value-conflict c b"]);
    }

    #[test]
    fn joint_values_from_one_account_are_one_side() {
        // The Daily: led by Ex and Why (co-leaders); the Weekly: led by Zed.
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: p, predicate: led-by, object: x, valid: {at: 2021}}
  - {id: b, source: s1, subject: p, predicate: led-by, object: y, valid: {at: 2021}}
  - {id: c, source: s2, subject: p, predicate: led-by, object: z, valid: {at: 2021}}
  - {id: d, source: s3, subject: q, predicate: led-by, object: {number: 1}, valid: {at: 2021}}
  - {id: e, source: s3, subject: q, predicate: led-by, object: {number: 2}, valid: {at: 2021}}
",
        );
        let got = codes(&r);
        assert_eq!(got.len(), 2, "{got:?}");
        let f = r
            .findings
            .iter()
            .find(|f| f.claims.len() == 3)
            .expect("one finding for the co-leaders against Zed");
        let labels: Vec<&str> = f.positions.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["`p` led-by `z`", "`p` led-by `x` and `y`"]);
        // Two numbers from one account are not joint: they still clash.
        assert!(
            got.contains(&"functional-value-conflict e d".to_string()),
            "{got:?}"
        );
    }
}
