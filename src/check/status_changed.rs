use super::compare::{Clash, Frame};
use super::describe::{
    clash_finding, clash_findings, figure_clash, figure_disputes, gather, join_and, voices,
};
use super::{Context, DisputeKey, Finding, declare_check};

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
    /// - Figures of one question that changed several times (a delay announced as 15
    ///   minutes, then 30, then 35) are one note listing each figure with its time, not
    ///   one note per pair.
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

fn taken(c: &Clash) -> bool {
    c.frame == Frame::TimeExplained
}

/// Notes clashes that time explains.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Figures of one question that changed more than once: one note each.
    let (disputes, order) = figure_disputes(cx, taken);
    for key in &order {
        out.push(figures_over_time(cx, *key, &disputes[key]));
    }
    clash_findings(
        cx,
        out,
        |c| taken(c) && !(figure_clash(cx, c) && disputes.contains_key(&c.dispute)),
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
                    b.valid_text(),
                    p.voice(a),
                    p.says(a),
                    p.proposition(a),
                    a.valid_text()
                ),
                String::from("nothing to resolve; if either time is wrong, correct its `valid`"),
            )
        },
    );
}

/// One note for a question whose figures changed over time: each figure with the times
/// it was given for, earliest first.
fn figures_over_time(cx: &Context<'_>, key: DisputeKey, clashes: &[&Clash]) -> Finding {
    let corpus = cx.corpus;
    let g = gather(cx, key, clashes);
    let mut lines: Vec<(i64, String)> = g
        .positions
        .iter()
        .map(|side| {
            let claims = side.claims.iter().map(|&i| &corpus.claims[i as usize]);
            let start = claims.clone().map(|c| c.valid.start).min().unwrap_or(0);
            let mut times: Vec<String> = claims.map(|c| c.valid_text()).collect();
            times.sort();
            times.dedup();
            let times: Vec<&str> = times.iter().map(String::as_str).collect();
            let line = format!(
                "\n  - {}, valid {}: {}",
                side.label,
                join_and(&times),
                voices(cx, &side.claims).join("; ")
            );
            (start, line)
        })
        .collect();
    lines.sort();
    let listed: String = lines.into_iter().map(|(_, l)| l).collect();
    Finding {
        message: format!(
            "{} {} figures, each given for another time",
            g.question,
            g.positions.len()
        ),
        explanation: format!(
            "The figure changed over time: where these figures differ, their valid times do not overlap, so this is a change, not a contradiction.\n{}{listed}",
            g.question
        ),
        help: String::from("nothing to resolve; if a time is wrong, correct its `valid`"),
        ..g.finding(cx, &STATUS_CHANGED)
    }
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
