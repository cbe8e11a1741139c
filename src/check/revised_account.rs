use super::compare::{Clash, Frame};
use super::describe::{
    clash_finding, clash_findings, gather, speaker_figure_findings, suppress_help,
};
use super::{Context, Finding, declare_check};
use crate::resolve::Object;

declare_check! {
    /// ## What it does
    /// Reports a speaker who, in his own words (direct quotes), says conflicting things at
    /// different dates: "I don't think we're less friends because of it" (2020) against
    /// "we fell out because of it" (2022). Reports of him at different dates count as his
    /// account when neither is in his own words, or when both give a figure ("police said
    /// 290", then "359": counts are updated). A speaker who revised one figure several
    /// times is one finding, listing his figures in the order he gave them.
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
    /// - One side is an outlet's paraphrase and the other his own words, not figures:
    ///   `reporting-conflict` (the paraphrase may misreport him).
    /// - Valid times that do not overlap: `status-changed`.
    ///
    /// ## Options
    /// None.
    pub REVISED_ACCOUNT {
        code: "CC301",
        name: "revised-account",
        category: Revision,
        severity: Warning,
        summary: "the same speaker says conflicting things at different dates",
    }
}

fn taken(c: &Clash) -> bool {
    c.frame == Frame::Revision && c.relation.is_contradiction()
}

/// Reports a speaker's changed account.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // A figure one speaker revised several times: one finding, his figures in order.
    let grouped = speaker_figure_findings(cx, out, taken, |key, clashes| {
        figures_finding(cx, key, clashes)
    });
    clash_findings(
        cx,
        out,
        |c| taken(c) && !grouped.covers(cx, c),
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
                    "Earlier, {} said {}. Later, {} said {}. Both give the same speaker's account at different dates, so {who} revised it; neither outlet need be wrong.",
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

/// One finding for a figure a speaker revised several times: each figure he gave, in the
/// order he gave it, with when.
fn figures_finding(cx: &Context<'_>, key: super::DisputeKey, clashes: &[&Clash]) -> Finding {
    let corpus = cx.corpus;
    let g = gather(cx, key, clashes);
    let who = corpus.voice(&corpus.claims[g.primary as usize]);
    // Each position by the first time he gave it.
    let mut given: Vec<(i64, String)> = g
        .positions
        .iter()
        .map(|side| {
            let first = side
                .claims
                .iter()
                .map(|&i| &corpus.claims[i as usize])
                .min_by_key(|c| c.said.start)
                .expect("a position has claims");
            let figure = first
                .object
                .as_ref()
                .and_then(Object::quantity)
                .map_or_else(
                    || corpus.object_text(first.object.as_ref()),
                    |q| q.to_string(),
                );
            let when = first
                .said_date
                .map_or_else(|| "undated".to_string(), |d| d.to_string());
            (first.said.start, format!("{figure} ({when})"))
        })
        .collect();
    given.sort();
    let steps: Vec<&str> = given.iter().map(|(_, t)| t.as_str()).collect();
    Finding {
        check: &REVISED_ACCOUNT,
        severity: REVISED_ACCOUNT.severity,
        message: format!(
            "{who} revised the figure {} times: {}",
            steps.len() - 1,
            steps.join(" → ")
        ),
        explanation: format!(
            "The same speaker gave these figures at different dates, so {who} revised the account; neither outlet need be wrong. The latest is {}.\n{}{}",
            steps.last().copied().unwrap_or_default(),
            g.question,
            g.listed
        ),
        help: format!(
            "cite the latest figure where it matters, or suppress: add to `{}`: `suppress: [{{check: revised-account, reason: \"…\"}}]`",
            corpus.claims[g.primary as usize].id()
        ),
        ..g.finding(cx, &REVISED_ACCOUNT)
    }
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
    fn a_count_updated_day_by_day_is_one_revision_in_order() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, attribution: paraphrase, said: 2019-04-21, subject: x, predicate: death-toll, object: 207}
  - {id: b, source: s1, speaker: p, attribution: paraphrase, said: 2019-04-22, subject: x, predicate: death-toll, object: 290}
  - {id: c, source: s2, speaker: p, attribution: paraphrase, said: 2019-04-23, subject: x, predicate: death-toll, object: 321}
  - {id: d, source: s3, speaker: p, said: 2019-04-24, subject: x, predicate: death-toll, object: 359}
",
        );
        assert_eq!(codes(&r), ["revised-account d a b c"]);
        assert_eq!(
            r.findings[0].message,
            "Pat revised the figure 3 times: 207 (2019-04-21) → 290 (2019-04-22) → 321 (2019-04-23) → 359 (2019-04-24)"
        );
    }

    #[test]
    fn a_paraphrase_against_his_own_words_on_a_cause_stays_a_reporting_conflict() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2022-08-04, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, speaker: p, attribution: paraphrase, said: 2022-09, subject: x, predicate: ended-because-of, object: c1, polarity: denied}
  - {id: c, source: s3, speaker: p, attribution: paraphrase, said: 2022-10, subject: x, predicate: ended-because-of, object: c1}
",
        );
        // Two paraphrases at different dates: his account changed; a paraphrase against
        // his own words: it may misreport him.
        assert_eq!(codes(&r), ["reporting-conflict b a", "revised-account c b"]);
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
