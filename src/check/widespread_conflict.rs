use super::compare::{AggregateConflict, Relation};
use super::describe::{claim_label, extracted_only, proposition, quote_label};
use super::{Context, Finding, Severity, declare_check};
use crate::resolve::ClaimIdx;

declare_check! {
    /// ## What it does
    /// Reports, once, a contradiction with many claims on each side: a story every outlet
    /// covered, where thousands of claims say one thing and thousands the other. It gives
    /// the counts and the sources of each side instead of one finding per pair.
    ///
    /// ## Why is this bad?
    /// The sides cannot both be right for the overlapping times; at this scale the
    /// question is which side the evidence favours, not which pair of articles to fix.
    ///
    /// ## Example
    /// 12,000 claims `{subject: acme, predicate: led-by, object: jane-roe}` and 8,000
    /// claims `{subject: acme, predicate: led-by, object: john-doe}`, all for 2021.
    /// Resolved by: settling the fact, then correcting or suppressing the wrong side.
    ///
    /// ## Not flagged
    /// - Groups whose valid times never overlap.
    /// - Small groups: when each pair of claims can be listed (at most 256 pairs), the
    ///   pairwise checks report them (`polarity-contradiction`, `functional-value-conflict`,
    ///   `contrary-status`, `competing-causes`, `cause-contradiction`, and the time,
    ///   revision and reporting checks that explain pairs).
    ///
    /// ## Options
    /// The thresholds (256 claim pairs, 48 distinct values per subject and predicate) are
    /// fixed; only the largest 48 values of a subject are compared.
    pub WIDESPREAD_CONFLICT {
        code: "CC106",
        name: "widespread-conflict",
        category: Contradiction,
        severity: Error,
        summary: "many claims on each side of a contradiction, reported once with counts",
    }
}

/// Reports each aggregated clash.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for a in &cx.comparison.aggregates {
        out.push(finding(cx, a));
    }
}

fn side_text(cx: &Context<'_>, side: &[ClaimIdx]) -> String {
    let outlets = cx.corpus.outlets(side);
    let shown = outlets
        .iter()
        .take(5)
        .copied()
        .collect::<Vec<_>>()
        .join(", ");
    let more = outlets.len().saturating_sub(5);
    let more = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    format!(
        "{} claim{} say {} (from {} source{}: {shown}{more})",
        side.len(),
        if side.len() == 1 { "" } else { "s" },
        proposition(cx, &cx.corpus.claims[side[0] as usize]),
        outlets.len(),
        if outlets.len() == 1 { "" } else { "s" },
    )
}

fn finding(cx: &Context<'_>, a: &AggregateConflict) -> Finding {
    let latest = |side: &[ClaimIdx]| {
        *side
            .iter()
            .max_by_key(|&&i| (cx.corpus.claims[i as usize].said.end, i))
            .unwrap_or(&side[0])
    };
    let (p, o) = (latest(&a.sides[0]), latest(&a.sides[1]));
    let mut related = vec![claim_label(cx, o)];
    related.extend(quote_label(cx, p));
    let omitted = if a.omitted_positions > 0 {
        format!(
            " The subject has {} more values with fewer claims, not compared.",
            a.omitted_positions
        )
    } else {
        String::new()
    };
    let claims = vec![p, o];
    let tension = a.relation == Relation::CauseTension;
    Finding {
        check: &WIDESPREAD_CONFLICT,
        severity: if tension {
            Severity::Warning
        } else {
            WIDESPREAD_CONFLICT.severity
        },
        message: format!(
            "{} claims against {} on one question",
            a.sides[0].len(),
            a.sides[1].len()
        ),
        primary: claim_label(cx, p),
        related,
        extracted_only: extracted_only(cx, &a.sides[0]) && extracted_only(cx, &a.sides[1]),
        claims,
        explanation: format!(
            "{}; {}. Their valid times overlap{}. Reported once for the {} pairs.{omitted}",
            side_text(cx, &a.sides[0]),
            side_text(cx, &a.sides[1]),
            if tension {
                ", and the causes differ (a tension)"
            } else {
                ""
            },
            a.sides[0].len() * a.sides[1].len(),
        ),
        help: String::from(
            "settle which side the evidence supports, then correct or suppress the claims of the other side",
        ),
        dispute: Some(a.dispute),
        suppressed: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::testing::{codes, fixture};
    use std::fmt::Write as _;

    #[test]
    fn fires_once_for_many_against_many() {
        let mut yaml = String::from("claims:\n");
        for i in 0..40 {
            let _ = writeln!(
                yaml,
                "  - {{id: a{i}, source: s1, subject: x, predicate: lives-in, object: paris, valid: {{at: 2021}}}}"
            );
            let _ = writeln!(
                yaml,
                "  - {{id: b{i}, source: s2, subject: x, predicate: lives-in, object: rome, valid: {{at: 2021}}}}"
            );
        }
        let r = fixture(&yaml);
        assert_eq!(codes(&r), ["widespread-conflict b39 a39"]);
        assert!(
            r.findings[0]
                .explanation
                .starts_with("40 claims say `x` lives-in `rome`"),
            "{}",
            r.findings[0].explanation
        );
    }

    #[test]
    fn not_flagged_for_small_groups_or_disjoint_times() {
        let mut yaml = String::from("claims:\n");
        for i in 0..40 {
            let _ = writeln!(
                yaml,
                "  - {{id: a{i}, source: s1, subject: x, predicate: lives-in, object: paris, valid: {{at: 2019}}}}"
            );
            let _ = writeln!(
                yaml,
                "  - {{id: b{i}, source: s2, subject: x, predicate: lives-in, object: rome, valid: {{at: 2021}}}}"
            );
        }
        yaml.push_str("  - {id: c, source: s1, subject: y, predicate: lives-in, object: oslo, valid: {at: 2021}}\n");
        yaml.push_str("  - {id: d, source: s2, subject: y, predicate: lives-in, object: bern, valid: {at: 2021}}\n");
        let r = fixture(&yaml);
        assert_eq!(codes(&r), ["functional-value-conflict d c"]);
    }
}
