use super::compare::{Frame, Relation};
use super::describe::{clash_finding, clash_findings, suppress_help, times};
use super::{Context, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Flags two contrary predicates (`friends-with` and `estranged-from`, `supports` and
    /// `opposes`) both affirmed of the same subject and object for times that overlap.
    ///
    /// ## Why is this bad?
    /// Contrary statuses cannot hold at once, so one source describes the relationship
    /// wrongly for that time.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann, predicate: friends-with, object: bob, valid: {at: 2021}}
    ///   - {id: b, source: weekly, subject: bob, predicate: estranged-from, object: ann, valid: {at: 2021}}
    /// ```
    /// Resolved by: correcting one claim, or giving each the period it held
    /// (`valid: {to: 2020}` / `valid: {from: 2021}`).
    ///
    /// ## Not flagged
    /// - Periods that do not overlap ("friends in 2018, estranged since 2020"):
    ///   `status-changed`.
    /// - The same speaker revising himself (`revised-account`) or an outlet's paraphrase
    ///   of him (`reporting-conflict`).
    ///
    /// ## Options
    /// `contrary` pairs are set per predicate in the rules' vocabulary; a predicate is
    /// also contrary to whatever is contrary to what it `implies`.
    pub CONTRARY_STATUS {
        code: "CC103",
        name: "contrary-status",
        category: Contradiction,
        severity: Error,
        summary: "contrary statuses (friends / estranged) affirmed for overlapping times",
    }
}

/// Reports contrary statuses with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| c.relation == Relation::Contrary && c.frame == Frame::Plain,
        |p| {
            let (a, b) = (p.later, p.earlier);
            clash_finding(
                cx,
                &CONTRARY_STATUS,
                p,
                format!(
                    "`{}` states a status contrary to `{}`{}",
                    a.claim.id.value,
                    b.claim.id.value,
                    p.counts()
                ),
                format!(
                    "{}; the predicates are contrary and the valid times ({}) overlap.",
                    p.but(),
                    times(a, b)
                ),
                format!(
                    "correct one claim, or give each the period it held; {}",
                    suppress_help(&CONTRARY_STATUS, a, b)
                ),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_on_friends_and_estranged() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: friends-with, object: y, valid: {at: 2021}}
  - {id: b, source: s2, subject: y, predicate: estranged-from, object: x, valid: {at: 2021}}
",
        );
        assert_eq!(codes(&r), ["contrary-status b a"]);
    }

    #[test]
    fn not_flagged_for_successive_periods() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: friends-with, object: y, valid: {to: 2019}}
  - {id: b, source: s2, subject: y, predicate: estranged-from, object: x, valid: {from: 2020}}
",
        );
        assert_eq!(codes(&r), ["status-changed b a"]);
    }
}
