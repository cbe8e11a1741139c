use super::compare::{Clash, Frame, Relation};
use super::describe::{
    clash_finding, clash_findings, figure_clash, figure_disputes, figure_gaps, gather,
    suppress_help, times,
};
use super::{Context, DisputeKey, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Flags two different values of a functional predicate (one value at a time: `age`,
    /// `married-to`, `led-by`, `lives-in`) for times that overlap. Numbers within the
    /// predicate's `tolerance` count as the same value. One finding per pair of values,
    /// listing every claim that gives each; figures (numbers, bounds, ranges) that clash
    /// in several pairs about one thing are one finding for the dispute, listing every
    /// figure with its voices and the gaps between those that cannot both hold.
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
    /// - Numbers in different written units (`{number: 570000, unit: riders}` against
    ///   `{number: 570000, unit: station entries}`): different measures, not rival values.
    /// - Dates that overlap at their precision: `2022-08` and `2022-08-04` agree (a date is
    ///   the interval it names); `2022-08-03` and `2022-08-04` clash.
    /// - Joint values: entities one account (one source, one voice, one said date) gives
    ///   together, "led by Kim and Lee", are one side, not rivals; another account's value
    ///   clashes with the pair once. Two numbers or dates from one account still clash.
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

fn taken(c: &Clash) -> bool {
    c.relation == Relation::ValueClash && c.frame == Frame::Plain
}

/// Reports value clashes with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Disputes whose figures clash in more than one pair of positions: one finding each.
    let (figure_disputes, order) = figure_disputes(cx, taken);
    for key in &order {
        out.push(figures_finding(cx, *key, &figure_disputes[key]));
    }
    clash_findings(
        cx,
        out,
        |c| taken(c) && !(figure_clash(cx, c) && figure_disputes.contains_key(&c.dispute)),
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

/// One finding for a dispute whose figures clash in several pairs: every figure with its
/// voices (lowest first), and each pair that cannot both hold with its gap.
fn figures_finding(cx: &Context<'_>, key: DisputeKey, clashes: &[&Clash]) -> Finding {
    let corpus = cx.corpus;
    let g = gather(cx, key, clashes);
    // The gaps, one line per pair of figures that cannot both hold.
    let gaps = figure_gaps(cx, clashes);
    let shown_gaps = 6;
    let more = gaps.len().saturating_sub(shown_gaps);
    let mut gap_text = gaps
        .iter()
        .take(shown_gaps)
        .cloned()
        .collect::<Vec<_>>()
        .join("; ");
    if more > 0 {
        gap_text.push_str(&format!("; and {more} more"));
    }
    let primary = g.primary;
    let predicate = &corpus
        .vocabulary
        .def(corpus.claims[primary as usize].predicate)
        .name;
    Finding {
        check: &FUNCTIONAL_VALUE_CONFLICT,
        severity: FUNCTIONAL_VALUE_CONFLICT.severity,
        message: format!(
            "{} {} figures that cannot all hold ({} pairs apart)",
            g.question,
            g.positions.len(),
            gaps.len()
        ),
        explanation: format!(
            "`{predicate}` has one value; these figures, for overlapping times, cannot all be it. Apart: {gap_text}.\n{}{}",
            g.question, g.listed
        ),
        help: format!(
            "find which figure each source relies on (`via`), whether they measure the same thing (`scope`), and correct or suppress: add to `{}`: `suppress: [{{check: functional-value-conflict, reason: \"…\"}}]`",
            corpus.claims[primary as usize].claim.id.value
        ),
        ..g.finding(cx, &FUNCTIONAL_VALUE_CONFLICT)
    }
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
        // The Docs article: led by Ex and Why, in the same words (co-leaders); the Weekly:
        // led by Zed. The Daily gives two values without quoting one sentence: rivals.
        let r = fixture(
            r"
claims:
  - {id: a, source: sd, subject: p, predicate: led-by, object: x, valid: {at: 2021}, quote: it became too much}
  - {id: b, source: sd, subject: p, predicate: led-by, object: y, valid: {at: 2021}, quote: too much for us}
  - {id: c, source: s2, subject: p, predicate: led-by, object: z, valid: {at: 2021}}
  - {id: f, source: s1, subject: y, predicate: led-by, object: x, valid: {at: 2021}}
  - {id: g, source: s1, subject: y, predicate: led-by, object: z, valid: {at: 2021}}
  - {id: d, source: s3, subject: q, predicate: led-by, object: {number: 1}, valid: {at: 2021}}
  - {id: e, source: s3, subject: q, predicate: led-by, object: {number: 2}, valid: {at: 2021}}
",
        );
        let got = codes(&r);
        assert_eq!(got.len(), 3, "{got:?}");
        assert!(
            got.contains(&"functional-value-conflict g f".to_string()),
            "{got:?}"
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.claims.len() == 3)
            .expect("one finding for the co-leaders against Zed");
        let labels: Vec<&str> = f.positions.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels, ["`p` led-by `x` and `y`", "`p` led-by `z`"]);
        // Two numbers from one account are not joint: they still clash.
        assert!(
            got.contains(&"functional-value-conflict e d".to_string()),
            "{got:?}"
        );
    }

    #[test]
    fn a_clash_lists_its_pairs_when_time_explains_the_others() {
        // o39 and o49 clash in 2016 (a, c) and in 2024 (b, d); the cross pairs do not
        // overlap in time, so the finding names its two pairs.
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: lives-in, object: rome, valid: {at: 2016}}
  - {id: b, source: s1, subject: x, predicate: lives-in, object: rome, valid: {at: 2024}}
  - {id: c, source: s2, subject: x, predicate: lives-in, object: oslo, valid: {at: 2016}}
  - {id: d, source: s3, subject: x, predicate: lives-in, object: oslo, valid: {at: 2024}}
",
        );
        let f = r
            .findings
            .iter()
            .find(|f| f.check.name == "functional-value-conflict")
            .expect("a value clash");
        let id = |i: u32| r.corpus.claims[i as usize].id();
        let mut pairs: Vec<(&str, &str)> = f.pairs.iter().map(|&(x, y)| (id(x), id(y))).collect();
        pairs.sort_unstable();
        // (later, earlier): the Weekly and the Monthly said it after the Daily.
        assert_eq!(pairs, [("c", "a"), ("d", "b")]);
    }
}
