use super::compare::{Clash, Frame, Relation};
use super::describe::{clash_finding, clash_findings, gather, several_per_dispute, suppress_help};
use super::{Context, DisputeKey, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Flags a cause that one account gives and another denies ("it was not so much his
    /// support for the candidate"), and different causes where one is exclusive ("the
    /// only reason was …"). Several such clashes about one event are one finding that
    /// lists every position on its cause with its voices.
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
fn taken(c: &Clash) -> bool {
    matches!(c.relation, Relation::CauseDenied | Relation::CauseExclusive)
        && c.frame == Frame::Plain
}

pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // Questions where causes are denied in several pairs of positions: one finding each.
    let (disputes, order) = several_per_dispute(cx, taken);
    for key in &order {
        out.push(disputed_causes(cx, *key, &disputes[key]));
    }
    clash_findings(
        cx,
        out,
        |c| taken(c) && (c.pairs.is_empty() || !disputes.contains_key(&c.dispute)),
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

/// One finding for a question whose causes are denied (or excluded) in several pairs of
/// positions: every position with its voices.
fn disputed_causes(cx: &Context<'_>, key: DisputeKey, clashes: &[&Clash]) -> Finding {
    let g = gather(cx, key, clashes);
    let exclusive = clashes
        .iter()
        .any(|c| c.relation == Relation::CauseExclusive);
    let primary = &cx.corpus.claims[g.primary as usize].claim.id.value;
    Finding {
        message: format!(
            "{} {} positions on the cause that cannot all hold ({} clashes)",
            g.question,
            g.positions.len(),
            clashes.len()
        ),
        explanation: format!(
            "Some accounts deny a cause that others give (or a narrower one){}: these cannot all be right.\n{}{}",
            if exclusive {
                ", or give a cause as the only one"
            } else {
                ""
            },
            g.question,
            g.listed
        ),
        help: format!(
            "correct the claim that misstates the cause; to suppress, add to `{primary}`: `suppress: [{{check: cause-contradiction, reason: \"…\"}}]`"
        ),
        ..g.finding(cx, &CAUSE_CONTRADICTION)
    }
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
        // Both clashes are about why x ended: one finding, naming the exclusive cause.
        assert_eq!(codes(&r), ["cause-contradiction c a b"]);
        assert_eq!(r.findings[0].pairs.len(), 2);
        assert!(
            r.findings[0]
                .explanation
                .contains("or give a cause as the only one"),
            "{}",
            r.findings[0].explanation
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

    #[test]
    fn denials_of_several_causes_of_one_event_are_one_finding() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: caused-by, object: c1}
  - {id: b, source: s2, subject: x, predicate: caused-by, object: c2}
  - {id: c, source: s3, subject: x, predicate: caused-by, object: c1, polarity: denied}
  - {id: d, source: s3, subject: x, predicate: caused-by, object: c2, polarity: denied}
",
        );
        let got = codes(&r);
        let contradictions: Vec<&String> = got
            .iter()
            .filter(|c| c.starts_with("cause-contradiction"))
            .collect();
        assert_eq!(contradictions.len(), 1, "{got:?}");
        let f = r
            .findings
            .iter()
            .find(|f| f.check.name == "cause-contradiction")
            .unwrap();
        assert_eq!(f.positions.len(), 4);
        assert_eq!(f.pairs.len(), 2, "a–c and b–d, not a–d");
    }
}
