use super::compare::Frame;
use super::describe::{clash_finding, clash_findings};
use super::{Context, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Notes claims that would clash if they were about the same time, but whose valid
    /// times do not overlap: "friends in 2018" and "not close since 2020". The status
    /// changed; nobody contradicts anybody.
    ///
    /// ## Why is this bad?
    /// It is not: this is a note, never an error. It tells the reader when a status
    /// changed and which sources bracket the change.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann, predicate: close-to, object: bob, valid: {at: 2018}}
    ///   - {id: b, source: weekly, subject: ann, predicate: close-to, object: bob, polarity: denied, valid: {from: 2020}}
    /// ```
    /// Resolved by: nothing to resolve; set the severity to `off` to hide these notes.
    ///
    /// ## Not flagged
    /// - Overlapping times: the contradiction checks report those.
    /// - A claim without `valid` holds at its said date (or its source's date), so two
    ///   articles years apart do not clash unless a claim says how long a status lasted.
    ///
    /// ## Options
    /// None.
    pub STATUS_CHANGED {
        code: "CC201",
        name: "status-changed",
        category: TimeExplained,
        severity: Note,
        summary: "a difference explained by time: the valid times do not overlap",
    }
}

/// Notes clashes that time explains.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| c.frame == Frame::TimeExplained,
        |p| {
            let (a, b) = (p.later, p.earlier);
            clash_finding(
                cx,
                &STATUS_CHANGED,
                p,
                format!(
                    "status changed between `{}` and `{}`{}",
                    b.claim.id.value,
                    a.claim.id.value,
                    p.counts()
                ),
                format!(
                    "{} {} {} (valid {}); {} {} {} (valid {}). The times do not overlap, so this is a change over time, not a contradiction.",
                    p.voice(b),
                    p.says(b),
                    p.proposition(b),
                    b.valid.describe(),
                    p.voice(a),
                    p.says(a),
                    p.proposition(a),
                    a.valid.describe()
                ),
                String::from("nothing to resolve; if either time is wrong, correct its `valid`"),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn notes_a_change_over_time() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: close-to, object: y, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: close-to, object: y, polarity: denied, valid: {from: 2020}}
",
        );
        assert_eq!(codes(&r), ["status-changed b a"]);
    }

    #[test]
    fn not_flagged_when_times_overlap() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: close-to, object: y, valid: {at: 2021}}
  - {id: b, source: s2, subject: x, predicate: close-to, object: y, polarity: denied, valid: {from: 2020}}
",
        );
        assert_eq!(codes(&r), ["polarity-contradiction b a"]);
    }
}
