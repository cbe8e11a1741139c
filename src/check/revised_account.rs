use super::compare::Frame;
use super::describe::{clash_finding, clash_findings, suppress_help};
use super::{Context, Finding, declare_check};

declare_check! {
    /// ## What it does
    /// Reports a speaker who, in his own words (direct quotes), says conflicting things at
    /// different dates: "I don't think we're less friends because of it" (2020) against
    /// "we fell out because of it" (2022).
    ///
    /// ## Why is this bad?
    /// Neither outlet is wrong: each quoted him faithfully. But the account changed, and a
    /// reader citing either quote should know the other exists.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, speaker: ann, said: 2020, subject: the-split, predicate: strained-by, object: politics, polarity: denied}
    ///   - {id: b, source: weekly, speaker: ann, said: 2022-08-04, subject: the-split, predicate: ended-because-of, object: politics}
    /// ```
    /// Resolved by: nothing to correct; cite the later account, or suppress with a reason.
    ///
    /// ## Not flagged
    /// - The same speaker contradicting himself in one speech act (overlapping said dates):
    ///   reported by the contradiction checks.
    /// - One side is an outlet's paraphrase: `reporting-conflict`.
    /// - Valid times that do not overlap: `status-changed`.
    ///
    /// ## Options
    /// None.
    pub REVISED_ACCOUNT {
        code: "CC301",
        name: "revised-account",
        category: Revision,
        severity: Warning,
        summary: "the same speaker, in their own words, says conflicting things at different dates",
    }
}

/// Reports a speaker's changed account.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| c.frame == Frame::Revision && c.relation.is_contradiction(),
        |p| {
            let (a, b) = (p.later, p.earlier);
            let who = cx.corpus.voice(a);
            clash_finding(
                cx,
                &REVISED_ACCOUNT,
                p,
                format!(
                    "{who} revised the account given in `{}`{}",
                    b.claim.id.value,
                    p.counts()
                ),
                format!(
                    "Earlier, {} said {}. Later, {} said {}. Both are direct quotes of the same speaker at different dates, so {who} revised the account; neither outlet is wrong.",
                    p.voice(b),
                    p.proposition(b),
                    p.voice(a),
                    p.proposition(a)
                ),
                format!(
                    "cite the later account where it matters; {}",
                    suppress_help(&REVISED_ACCOUNT, a, b)
                ),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_for_one_speaker_at_two_dates() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2020, subject: x, predicate: strained-by, object: c1, polarity: denied}
  - {id: b, source: s2, speaker: p, said: 2022-08-04, subject: x, predicate: ended-because-of, object: c1}
",
        );
        assert_eq!(codes(&r), ["revised-account b a"]);
    }

    #[test]
    fn not_flagged_for_two_speakers_or_one_speech_act() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2020, subject: x, predicate: strained-by, object: c1, polarity: denied}
  - {id: b, source: s2, speaker: q, said: 2022, subject: x, predicate: ended-because-of, object: c1}
  - {id: c, source: s3, speaker: q, said: 2022, subject: x, predicate: strained-by, object: c1, polarity: denied}
",
        );
        let got = codes(&r);
        assert!(
            !got.iter().any(|c| c.starts_with("revised-account")),
            "{got:?}"
        );
        // p's denial against q's cause: a contradiction; q's two statements of 2022 printed
        // by two outlets: a reporting conflict (a misprint, or a change the dates cannot
        // order), not a revision.
        assert_eq!(got, ["cause-contradiction b a", "reporting-conflict c b"]);
    }
}
