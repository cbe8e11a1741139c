use super::compare::{Frame, Relation};
use super::describe::{clash_finding, clash_findings, suppress_help};
use super::{Context, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Flags a cause that one account gives and another denies ("it was not so much his
    /// support for the candidate"), and different causes where one is exclusive ("the
    /// only reason was …").
    ///
    /// ## Why is this bad?
    /// Unlike competing causes, these cannot both be right: one account says a cause did
    /// not count, or that no other cause did.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: the-split, predicate: ended-because-of, object: politics}
    ///   - {id: b, source: weekly, subject: the-split, predicate: ended-because-of, object: politics, polarity: denied}
    /// ```
    /// Resolved by: correcting the claim that misstates the cause, or recording which
    /// source is right in a `note` and suppressing.
    ///
    /// ## Not flagged
    /// - Different causes, none exclusive: `competing-causes` (a tension).
    /// - The same speaker in his own words at different dates: `revised-account`.
    /// - An outlet's paraphrase against the speaker's own words: `reporting-conflict`.
    /// - A cause predicate implies weaker ones (`ended-because-of` implies `strained-by`),
    ///   so denying that X strained it contradicts affirming that X ended it.
    ///
    /// ## Options
    /// `exclusive: true` on a claim or on a predicate.
    pub CAUSE_CONTRADICTION {
        code: "CC105",
        name: "cause-contradiction",
        category: Contradiction,
        severity: Error,
        summary: "a cause is affirmed by one account and denied or excluded by another",
    }
}

/// Reports denied or excluded causes with nothing to explain them.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| {
            matches!(c.relation, Relation::CauseDenied | Relation::CauseExclusive)
                && c.frame == Frame::Plain
        },
        |p| {
            let (c, a, b) = (p.clash, p.later, p.earlier);
            let why = if c.relation == Relation::CauseExclusive {
                "one of the causes is exclusive, so no other cause can hold"
            } else {
                "one denies the cause the other gives"
            };
            clash_finding(
                cx,
                &CAUSE_CONTRADICTION,
                p,
                format!(
                    "`{}` contradicts the cause in `{}`{}",
                    a.claim.id.value,
                    b.claim.id.value,
                    p.counts()
                ),
                format!("{}: {why}.", p.but()),
                format!(
                    "correct the claim that misstates the cause; {}",
                    suppress_help(&CAUSE_CONTRADICTION, a, b)
                ),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_on_denied_and_exclusive_causes() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, subject: x, predicate: strained-by, object: c1, polarity: denied}
  - {id: c, source: s3, subject: x, predicate: ended-because-of, object: c2, exclusive: true}
",
        );
        assert_eq!(
            codes(&r),
            ["cause-contradiction b a", "cause-contradiction c a"]
        );
    }

    #[test]
    fn not_flagged_when_the_weaker_cause_is_affirmed_and_the_stronger_denied() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: strained-by, object: c1}
  - {id: b, source: s2, subject: x, predicate: ended-because-of, object: c1, polarity: denied}
",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
