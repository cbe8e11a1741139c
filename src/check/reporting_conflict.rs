use super::compare::{Clash, Frame};
use super::describe::{
    clash_finding, clash_findings, figure_gaps, gather, possessive, speaker_figure_findings,
    suppress_help,
};
use super::{Context, Finding, declare_check};
use crate::model::Attribution;

declare_check! {
    /// ## What it does
    /// Flags an outlet's paraphrase of a speaker ("John says it was not so much X") that
    /// contradicts that speaker's own words as quoted elsewhere ("… his supporting X"),
    /// two outlets whose paraphrases of one speaker contradict each other, or two outlets
    /// (or relay chains) printing one speech act of his differently. One speaker's figure
    /// printed three or more ways is one finding, listing every version with its outlets.
    ///
    /// ## Why is this bad?
    /// Either the speaker changed his account or an outlet misreported him. The speaker's
    /// direct quote is the better evidence; the paraphrase needs checking against the
    /// interview it reports.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, speaker: ann, subject: the-split, predicate: ended-because-of, object: politics, quote: "because of politics"}
    ///   - {id: b, source: weekly, speaker: ann, attribution: paraphrase, subject: the-split, predicate: ended-because-of, object: politics, polarity: denied}
    /// ```
    /// Resolved by: checking the paraphrase against the interview it reports and
    /// correcting the claim, or suppressing with the reason once the source is settled.
    ///
    /// ## Not flagged
    /// - Both sides are the speaker's own words at different said dates: `revised-account`;
    ///   in one outlet's report of one speech act: a contradiction check (he said both).
    /// - Different speakers: the contradiction checks.
    /// - Different causes that do not exclude each other: `competing-causes`.
    ///
    /// ## Options
    /// A claim is a paraphrase with `attribution: paraphrase` (the default when it has no
    /// `speaker`, where the outlet speaks for itself).
    pub REPORTING_CONFLICT {
        code: "CC302",
        name: "reporting-conflict",
        category: Reporting,
        severity: Error,
        summary: "an outlet's paraphrase of a speaker contradicts the speaker's own words",
    }
}

fn taken(c: &Clash) -> bool {
    c.frame == Frame::Reporting && c.relation.is_contradiction()
}

/// Reports paraphrases that contradict the speaker's own words.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // One speaker's figure printed differently in more than one pair: one finding each.
    let grouped = speaker_figure_findings(cx, out, taken, |key, clashes| {
        versions_finding(cx, key, clashes)
    });
    clash_findings(
        cx,
        out,
        |c| taken(c) && !grouped.covers(cx, c),
        |p| {
            let (a, b) = (p.later, p.earlier);
            let who = cx.corpus.voice(a);
            let outlet = |x: &crate::resolve::ResolvedClaim| {
                cx.corpus.sources[x.source as usize].outlet.clone()
            };
            let (para, direct) = if a.claim.attribution == Attribution::Paraphrase {
                (a, b)
            } else {
                (b, a)
            };
            let message = if a.is_direct() && b.is_direct() {
                // One speaker's own words, printed differently along two chains of relays.
                format!(
                    "outlets quote {who} differently (`{}`, `{}`){}",
                    b.claim.id.value,
                    a.claim.id.value,
                    p.counts()
                )
            } else if direct.claim.attribution == Attribution::Direct {
                format!(
                    "{} paraphrase of {who} contradicts {} own words in `{}`{}",
                    possessive(&outlet(para)),
                    possessive(&who),
                    direct.claim.id.value,
                    p.counts()
                )
            } else {
                format!(
                    "outlets' paraphrases of {who} contradict each other (`{}`, `{}`){}",
                    b.claim.id.value,
                    a.claim.id.value,
                    p.counts()
                )
            };
            let date = |c: &crate::resolve::ResolvedClaim| {
                c.said_date
                    .map_or_else(|| "undated".to_string(), |d| d.to_string())
            };
            let when = if a.said == b.said {
                String::from("They report the same speech act, so one account of it is wrong.")
            } else if a.said.overlaps(&b.said) {
                // One date only known to the month (or day) takes in the other.
                format!(
                    "Their dates ({} and {}) overlap, so they may report one speech act (then one account of it is wrong); a more precise `said` can tell.",
                    date(b),
                    date(a)
                )
            } else {
                format!(
                    "They report different dates, so either {who} changed the account or the paraphrase misreports it."
                )
            };
            clash_finding(
                cx,
                &REPORTING_CONFLICT,
                p,
                message,
                format!(
                    "{} {} {}; {} {} {}. {when}",
                    p.voice(para),
                    p.says(para),
                    p.proposition(para),
                    p.voice(direct),
                    p.says(direct),
                    p.proposition(direct)
                ),
                format!(
                    "check the paraphrase against the interview it reports; {}",
                    suppress_help(&REPORTING_CONFLICT, a, b)
                ),
            )
        },
    );
}

/// One finding for a speaker whose figure outlets print in several ways: every version
/// with its outlets, and the gaps between those that cannot both be his words.
fn versions_finding(cx: &Context<'_>, key: super::DisputeKey, clashes: &[&Clash]) -> Finding {
    let corpus = cx.corpus;
    let g = gather(cx, key, clashes);
    let who = corpus.voice(&corpus.claims[g.primary as usize]);
    let gaps = figure_gaps(cx, clashes);
    Finding {
        check: &REPORTING_CONFLICT,
        severity: REPORTING_CONFLICT.severity,
        message: format!(
            "outlets report {} figures from {who} that cannot all be {} words",
            g.positions.len(),
            possessive(&who)
        ),
        explanation: format!(
            "One speaker, {} versions of his figure: either he changed it or outlets misreport him. Apart: {}.\n{}{}",
            g.positions.len(),
            gaps.join("; "),
            g.question,
            g.listed
        ),
        help: format!(
            "check each report against {} own words (a direct quote is the better evidence) and correct the misreport, or suppress: add to `{}`: `suppress: [{{check: reporting-conflict, reason: \"…\"}}]`",
            possessive(&who),
            corpus.claims[g.primary as usize].id()
        ),
        ..g.finding(cx, &REPORTING_CONFLICT)
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_on_paraphrase_against_direct_quote() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2022-08-04, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, speaker: p, attribution: paraphrase, said: 2022-09, subject: x, predicate: ended-because-of, object: c1, polarity: denied}
",
        );
        assert_eq!(codes(&r), ["reporting-conflict b a"]);
    }

    #[test]
    fn not_flagged_for_an_outlet_speaking_for_itself() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2022-08-04, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, said: 2022-09, subject: x, predicate: ended-because-of, object: c1, polarity: denied}
",
        );
        assert_eq!(codes(&r), ["cause-contradiction b a"]);
    }

    #[test]
    fn a_month_that_takes_in_a_day_may_be_one_speech_act_not_surely() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, attribution: paraphrase, said: 2022-08, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, speaker: p, attribution: paraphrase, said: 2022-08-04, subject: x, predicate: ended-because-of, object: c1, polarity: denied}
  - {id: c, source: s1, speaker: q, attribution: paraphrase, said: 2022-08-04, subject: y, predicate: ended-because-of, object: c1}
  - {id: d, source: s2, speaker: q, attribution: paraphrase, said: 2022-08-04, subject: y, predicate: ended-because-of, object: c1, polarity: denied}
",
        );
        let explanation = |id: &str| {
            r.findings
                .iter()
                .find(|f| {
                    f.check.name == "reporting-conflict"
                        && f.claims
                            .iter()
                            .any(|&i| r.corpus.claims[i as usize].id() == id)
                })
                .map(|f| f.explanation.clone())
                .unwrap()
        };
        assert!(
            explanation("a").contains("Their dates (2022-08 and 2022-08-04) overlap")
                || explanation("a").contains("Their dates (2022-08-04 and 2022-08) overlap"),
            "{}",
            explanation("a")
        );
        assert!(explanation("c").contains("They report the same speech act"));
    }

    #[test]
    fn one_speakers_figure_printed_three_ways_is_one_finding() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2022-08-04, subject: x, predicate: death-toll, object: 100}
  - {id: b, source: s2, speaker: p, attribution: paraphrase, said: 2022-08-04, subject: x, predicate: death-toll, object: 120}
  - {id: c, source: s3, speaker: p, attribution: paraphrase, said: 2022-08-04, subject: x, predicate: death-toll, object: 150}
  - {id: d, source: s1, speaker: q, said: 2022-08-04, subject: x, predicate: death-toll, object: 90}
",
        );
        let conflicts: Vec<String> = codes(&r)
            .into_iter()
            .filter(|c| c.starts_with("reporting-conflict"))
            .collect();
        assert_eq!(conflicts, ["reporting-conflict c a b"]);
        let f = r
            .findings
            .iter()
            .find(|f| f.check.name == "reporting-conflict")
            .unwrap();
        assert_eq!(f.positions.len(), 3);
        assert_eq!(
            f.message,
            "outlets report 3 figures from Pat that cannot all be Pat's words"
        );
    }
}
