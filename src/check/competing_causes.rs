use super::compare::{Frame, Relation};
use super::describe::{conflict_findings, pair_finding, suppress_help};
use super::{Context, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Flags different causes given for the same event by different accounts: "the
    /// friendship ended because of his support for the candidate" against "it ended because
    /// I did not back his campaign".
    ///
    /// ## Why is this bad?
    /// Causes are compatible by default (an event can have several), so this is a tension,
    /// not an error: a reader should know the sources explain the event differently.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: the-split, predicate: ended-because-of, object: money}
    ///   - {id: b, source: weekly, subject: the-split, predicate: ended-because-of, object: politics}
    /// ```
    /// Resolved by: nothing, if both causes are plausible; mark one `exclusive: true` if a
    /// source says it was "the only reason" (then `cause-contradiction` reports it).
    ///
    /// ## Not flagged
    /// - Several causes in one source: one account listing reasons, or the source itself
    ///   presenting how an account changed.
    /// - Causes of different events: `strained-by` and `ended-because-of` are different
    ///   predicates even though one implies the other.
    /// - A cause affirmed by one and denied by the other, or an exclusive cause:
    ///   `cause-contradiction` (or `revised-account` / `reporting-conflict` for one speaker).
    ///
    /// ## Options
    /// `cause: true` marks a predicate as a cause; `exclusive: true` makes all its causes
    /// conflict.
    pub COMPETING_CAUSES {
        code: "CC104",
        name: "competing-causes",
        category: Tension,
        severity: Warning,
        summary: "different causes are given for the same event",
    }
}

/// Reports different causes for one event from different accounts.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    conflict_findings(
        cx,
        out,
        |c| c.relation == Relation::CauseTension,
        |p| {
            let (c, a, b) = (p.conflict, p.later, p.earlier);
            let same_voice = match c.frame {
                Frame::Revision => " The same speaker gave each cause at a different date.",
                Frame::Reporting => {
                    " The same speaker is behind both, at least once through an outlet's paraphrase."
                }
                _ => "",
            };
            pair_finding(
                cx,
                &COMPETING_CAUSES,
                p,
                format!(
                    "`{}` gives a different cause than `{}`",
                    a.claim.id.value, b.claim.id.value
                ),
                format!(
                    "{} says {}, while {} says {}. Causes are compatible unless one is exclusive, so this is a tension, not a contradiction.{same_voice}",
                    p.voice(a),
                    p.proposition(a),
                    p.voice(b),
                    p.proposition(b)
                ),
                format!(
                    "if one source calls its cause the only one, mark that claim `exclusive: true`; {}",
                    suppress_help(&COMPETING_CAUSES, a, b)
                ),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::testing::{codes, fixture};

    #[test]
    fn fires_on_two_causes_from_two_sources() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, subject: x, predicate: ended-because-of, object: c2}
",
        );
        assert_eq!(codes(&r), ["competing-causes b a"]);
    }

    #[test]
    fn not_flagged_within_one_source_or_for_another_event() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s1, speaker: q, subject: x, predicate: ended-because-of, object: c2}
  - {id: c, source: s2, subject: x, predicate: strained-by, object: c3}
",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
