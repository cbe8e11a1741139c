use super::compare::{Clash, Frame, Relation, latest_said};
use super::describe::{
    MORE_CLAIMS_SHOWN, claim_label, clash_finding, clash_findings, extracted_only, hedge_cap,
    involves_draft, question, quote_label, suppress_help, times, voices,
};
use super::{Context, DisputeKey, Finding, Severity, Side, declare_check};
use crate::model::{Number, figure_gap};
use crate::resolve::{ClaimIdx, Object};
use rustc_hash::FxHashMap;

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

/// Whether a clash is between figures, listed pair by pair (mergeable per dispute).
fn figure_clash(cx: &Context<'_>, c: &Clash) -> bool {
    let figure = |i: ClaimIdx| {
        matches!(
            cx.corpus.claims[i as usize].object,
            Some(Object::Quantity(_))
        )
    };
    !c.pairs.is_empty() && figure(c.primary) && figure(c.other)
}

/// Reports value clashes with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Disputes whose figures clash in more than one pair of positions: one finding each.
    let mut figure_disputes: FxHashMap<DisputeKey, Vec<&Clash>> = FxHashMap::default();
    let mut order: Vec<DisputeKey> = Vec::new();
    for c in cx
        .comparison
        .clashes
        .iter()
        .filter(|c| taken(c) && figure_clash(cx, c))
    {
        figure_disputes
            .entry(c.dispute)
            .or_insert_with(|| {
                order.push(c.dispute);
                Vec::new()
            })
            .push(c);
    }
    figure_disputes.retain(|_, v| v.len() > 1);
    order.retain(|k| figure_disputes.contains_key(k));
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
    let quantity = |i: ClaimIdx| {
        corpus.claims[i as usize]
            .object
            .as_ref()
            .and_then(Object::quantity)
    };
    // Positions: the figures, each with the claims that give it.
    let mut positions: Vec<(String, Vec<ClaimIdx>)> = Vec::new();
    for c in clashes {
        for side in &c.sides {
            let label = super::describe::side_label(cx, side);
            match positions.iter_mut().find(|(l, _)| *l == label) {
                Some((_, v)) => v.extend(side.iter().copied()),
                None => positions.push((label, side.clone())),
            }
        }
    }
    for (_, v) in &mut positions {
        v.sort_unstable();
        v.dedup();
    }
    let low = |v: &[ClaimIdx]| quantity(v[0]).map_or(f64::NAN, |q| q.low);
    positions.sort_by(|a, b| low(&a.1).total_cmp(&low(&b.1)).then(a.0.cmp(&b.0)));
    let mut pairs: Vec<(ClaimIdx, ClaimIdx)> = clashes
        .iter()
        .flat_map(|c| c.pairs.iter().copied())
        .collect();
    pairs.sort_unstable();
    pairs.dedup();
    let mut claims: Vec<ClaimIdx> = positions
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .collect();
    claims.sort_unstable();
    claims.dedup();
    let primary = latest_said(corpus, &claims).unwrap_or(claims[0]);
    let question = question(cx, key, &corpus.claims[primary as usize]);
    // The latest claim of every other figure is a related location, a few at most.
    let mut related = Vec::new();
    let mut flat = vec![primary];
    for (_, v) in &positions {
        if let Some(l) = latest_said(corpus, v).filter(|l| !v.contains(&primary) && *l != primary) {
            if related.len() <= MORE_CLAIMS_SHOWN {
                related.push(claim_label(cx, l));
            }
            flat.push(l);
        }
    }
    related.extend(quote_label(cx, primary));
    for &i in &claims {
        if !flat.contains(&i) {
            flat.push(i);
        }
    }
    // The gaps, one line per pair of figures that cannot both hold.
    let mut gaps: Vec<String> = Vec::new();
    for c in clashes {
        let (a, b) = (quantity(c.primary), quantity(c.other));
        if let (Some(a), Some(b)) = (a, b) {
            gaps.push(format!(
                "{a} against {b}: a gap of {}",
                Number(figure_gap(a.interval(), b.interval()))
            ));
        }
    }
    gaps.sort();
    gaps.dedup();
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
    let listed: Vec<String> = positions
        .iter()
        .map(|(label, v)| format!("\n  - {label}: {}", voices(cx, v).join("; ")))
        .collect();
    // Capped only when every clash is (hedged figures on one side of each).
    let cap = clashes
        .iter()
        .map(|c| hedge_cap(cx, &c.sides))
        .try_fold(Severity::Note, |acc, cap| cap.map(|c| acc.max(c)));
    let mut primary_label = claim_label(cx, primary);
    primary_label.text.push_str(" — this claim");
    let predicate = &corpus
        .vocabulary
        .def(corpus.claims[primary as usize].predicate)
        .name;
    Finding {
        check: &FUNCTIONAL_VALUE_CONFLICT,
        severity: FUNCTIONAL_VALUE_CONFLICT.severity,
        message: format!(
            "{question} {} figures that cannot all hold ({} pairs apart)",
            positions.len(),
            gaps.len()
        ),
        primary: primary_label,
        related,
        extracted_only: extracted_only(cx, &flat),
        suggested: involves_draft(cx, &flat),
        cap,
        positions: positions
            .iter()
            .map(|(label, v)| Side {
                label: label.clone(),
                claims: v.clone(),
            })
            .collect(),
        pairs,
        claims: flat,
        explanation: format!(
            "`{predicate}` has one value; these figures, for overlapping times, cannot all be it. Apart: {gap_text}.\n{question}{}",
            listed.concat()
        ),
        help: format!(
            "find which figure each source relies on (`via`), whether they measure the same thing (`scope`), and correct or suppress: add to `{}`: `suppress: [{{check: functional-value-conflict, reason: \"…\"}}]`",
            corpus.claims[primary as usize].claim.id.value
        ),
        dispute: Some(key),
        suppressed: None,
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
        let id = |i: u32| r.corpus.claims[i as usize].claim.id.value.as_str();
        let mut pairs: Vec<(&str, &str)> = f.pairs.iter().map(|&(x, y)| (id(x), id(y))).collect();
        pairs.sort_unstable();
        // (later, earlier): the Weekly and the Monthly said it after the Daily.
        assert_eq!(pairs, [("c", "a"), ("d", "b")]);
    }
}
