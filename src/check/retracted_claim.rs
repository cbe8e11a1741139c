use super::describe::{
    claim_label, extracted_only, involves_draft, proposition, quote_label, voice,
};
use super::{Context, Finding, Side, declare_check};

declare_check! {
    /// ## What it does
    /// Notes a claim its speaker took back (`retracts:` on the later claim), once, with the
    /// retraction. The retracted claim takes part in no other finding.
    ///
    /// ## Why is this bad?
    /// It is not: a retraction settles the speaker's account. The note keeps the history
    /// visible, so a reader who meets the old figure in an article knows it was withdrawn.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: sat, source: daily, speaker: spicer, said: 2017-01-21, subject: inauguration, predicate: audience, object: {rank: 1, among: inaugurations}}
    ///   - {id: mon, source: weekly, speaker: spicer, said: 2017-01-23, retracts: sat, subject: inauguration, predicate: audience, object: {rank: 1, among: inaugurations}, polarity: undetermined}
    /// ```
    /// Resolved by: nothing to resolve; suppress with the reason if the note is not wanted.
    ///
    /// ## Not flagged
    /// - Other reports of the same statement (the same speaker saying the same thing, said
    ///   no later than the retraction, in any outlet or through any relay): they are taken
    ///   back with it and listed in its note.
    /// - Outlets that state the retracted claim in their own voice, or the speaker saying
    ///   it again after the retraction: claims of their own, compared as usual.
    /// - A later statement without `retracts:`: a change of account is `revised-account`.
    ///
    /// ## Options
    /// `retracts: <claim id>` names a claim of the same speaker said earlier; anything
    /// else is an `unknown-reference` error.
    pub RETRACTED_CLAIM {
        code: "CC311",
        name: "retracted-claim",
        category: Revision,
        severity: Note,
        summary: "a speaker took a claim back; it no longer takes part in findings",
    }
}

/// Notes each retraction once.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let corpus = cx.corpus;
    for (i, c) in corpus.claims.iter().enumerate() {
        let Some(old) = c.retracts else {
            continue;
        };
        let (new, old_c) = (i as u32, &corpus.claims[old as usize]);
        // Other reports of the same statement, taken back with it.
        let echoes: Vec<u32> = corpus
            .claims
            .iter()
            .enumerate()
            .filter(|&(k, e)| e.retracted_by == Some(new) && k as u32 != old)
            .map(|(k, _)| k as u32)
            .collect();
        let mut taken_back = vec![old];
        taken_back.extend(&echoes);
        let mut claims = vec![new];
        claims.extend(&taken_back);
        let also = match echoes.len() {
            0 => String::new(),
            1 => " (with 1 other report of it)".to_string(),
            n => format!(" (with {n} other reports of it)"),
        };
        let mut primary = claim_label(cx, new);
        primary.text.push_str(" — the retraction");
        let mut related = vec![claim_label(cx, old)];
        related[0].text.push_str(" — taken back");
        related.extend(quote_label(cx, new));
        related.extend(quote_label(cx, old));
        out.push(Finding {
            check: &RETRACTED_CLAIM,
            severity: RETRACTED_CLAIM.severity,
            message: format!(
                "{} took back `{}` ({}){also} in `{}`",
                corpus.voice(c),
                old_c.claim.id.value,
                old_c.said.describe(),
                c.claim.id.value
            ),
            primary,
            related,
            extracted_only: extracted_only(cx, &claims),
            suggested: involves_draft(cx, &claims),
            cap: None,
            positions: vec![
                Side {
                    label: proposition(cx, c),
                    claims: vec![new],
                },
                Side {
                    label: format!("{} (retracted)", proposition(cx, old_c)),
                    claims: taken_back,
                },
            ],
            pairs: Vec::new(),
            claims,
            explanation: format!(
                "{} said {}; later, {} took it back and said {}. The retracted claim{} takes part in no other finding.",
                voice(cx, old_c),
                proposition(cx, old_c),
                voice(cx, c),
                proposition(cx, c),
                if echoes.is_empty() {
                    ""
                } else {
                    ", like every report of it said no later than the retraction,"
                }
            ),
            help: format!(
                "nothing to fix; to hide this note, add to `{}`: `suppress: [{{check: retracted-claim, reason: \"…\"}}]`",
                c.claim.id.value
            ),
            dispute: Some(super::DisputeKey {
                subject: old_c.subject,
                family: corpus.vocabulary.family(old_c.predicate),
            }),
            suppressed: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn a_retracted_figure_is_quiet_but_noted() {
        // Pat said 500, then took it back and said 471; Quinn said 10-50.
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2021-06-01, subject: x, predicate: age, object: 50}
  - {id: b, source: s2, speaker: p, said: 2022-01-10, retracts: a, subject: x, predicate: age, object: 41}
  - {id: c, source: s3, speaker: q, said: 2022-01-10, subject: x, predicate: age, object: 41}
",
        );
        assert_eq!(codes(&r), ["retracted-claim b a"]);
    }

    #[test]
    fn retracting_another_speakers_claim_or_a_later_one_is_an_error() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: q, said: 2021-06-01, subject: x, predicate: age, object: 50}
  - {id: b, source: s2, speaker: p, said: 2022-01-10, retracts: a, subject: x, predicate: age, object: 41}
  - {id: c, source: s1, speaker: p, said: 2021-06-01, retracts: d, subject: x, predicate: age, object: 41}
  - {id: d, source: s2, speaker: p, said: 2022-01-10, subject: x, predicate: age, object: 41}
",
        );
        let got = codes(&r);
        assert_eq!(
            got.iter()
                .filter(|c| c.starts_with("unknown-reference"))
                .count(),
            2,
            "{got:?}"
        );
        assert!(
            !got.iter().any(|c| c.starts_with("retracted-claim")),
            "{got:?}"
        );
    }
}
