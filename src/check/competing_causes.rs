use super::compare::{Clash, Relation, latest_said};
use super::describe::{
    claim_label, extracted_only, involves_draft, proposition, question, related_positions, voices,
};
use super::{Context, DisputeKey, Finding, Side, declare_check};
use crate::resolve::ClaimIdx;
use rustc_hash::FxHashMap;

declare_check! {
    /// ## What it does
    /// Lists, once per event, the different causes different accounts give for it: "Why
    /// did the friendship end? 3 causes given: his support for the candidate (Ann, quoted
    /// by the Daily, said 2022-08-04); not backing the campaign (Ann, as paraphrased by the
    /// Weekly, said 2022-09); …". One note per dispute, however many outlets print each
    /// account.
    ///
    /// ## Why is this bad?
    /// Causes are compatible by default (an event can have several), so this is a note,
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
    /// Suppress with `suppress: [{check: competing-causes, reason: "…"}]` on any of the
    /// claims.
    ///
    /// ## Not flagged
    /// - Several causes in one account: one source listing reasons, or one speaker giving
    ///   several reasons in one speech act (same said date), whichever outlets print them.
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
        severity: Note,
        summary: "different accounts give different causes for the same event (one note per event)",
    }
}

/// Lists the causes of each event that different accounts give, one note per dispute.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    // The clashes are sorted by claim; gather them per dispute in order of first clash.
    let mut order: Vec<DisputeKey> = Vec::new();
    let mut by_dispute: FxHashMap<DisputeKey, Vec<&Clash>> = FxHashMap::default();
    for c in cx
        .comparison
        .clashes
        .iter()
        .filter(|c| c.relation == Relation::CauseTension)
    {
        by_dispute
            .entry(c.dispute)
            .or_insert_with(|| {
                order.push(c.dispute);
                Vec::new()
            })
            .push(c);
    }
    for key in order {
        out.push(finding(cx, key, &by_dispute[&key]));
    }
}

fn finding(cx: &Context<'_>, key: DisputeKey, clashes: &[&Clash]) -> Finding {
    let corpus = cx.corpus;
    // Every claim in a clash, grouped by cause (the position), causes in order of their
    // first claim.
    let mut claims: Vec<ClaimIdx> = clashes
        .iter()
        .flat_map(|c| c.sides.iter().flatten().copied())
        .collect();
    claims.sort_unstable();
    claims.dedup();
    let mut causes: Vec<(String, Vec<ClaimIdx>)> = Vec::new();
    for &i in &claims {
        let text = proposition(cx, &corpus.claims[i as usize]);
        match causes.iter_mut().find(|(t, _)| *t == text) {
            Some((_, v)) => v.push(i),
            None => causes.push((text, vec![i])),
        }
    }
    // The primary claim: the latest said of all; its cause is listed first.
    let latest = |side: &[ClaimIdx]| latest_said(corpus, side);
    let primary = latest(&claims).unwrap_or(claims[0]);
    causes.sort_by_key(|(_, v)| std::cmp::Reverse(v.contains(&primary)));
    let question = question(cx, key, &corpus.claims[primary as usize]);
    let accounts: Vec<String> = causes
        .iter()
        .map(|(text, v)| format!("\n  - {text}: {}", voices(cx, v).join("; ")))
        .collect();
    let (related, flat) = related_positions(
        cx,
        primary,
        causes.iter().map(|(_, v)| v.as_slice()),
        &claims,
        usize::MAX,
    );
    let mut primary_label = claim_label(cx, primary);
    primary_label.text.push_str(" — this claim");
    let p = &corpus.claims[primary as usize];
    Finding {
        check: &COMPETING_CAUSES,
        severity: COMPETING_CAUSES.severity,
        message: format!(
            "{question} {} causes given by different accounts",
            causes.len()
        ),
        primary: primary_label,
        related,
        extracted_only: extracted_only(cx, &flat),
        suggested: involves_draft(cx, &flat),
        cap: None,
        positions: causes
            .iter()
            .map(|(label, v)| Side {
                label: label.clone(),
                claims: v.clone(),
            })
            .collect(),
        pairs: Vec::new(),
        claims: flat,
        explanation: format!(
            "{question}{}\nCauses are compatible unless one is exclusive, so this is a note, not a contradiction.",
            accounts.concat()
        ),
        help: format!(
            "if one source calls its cause the only one, mark that claim `exclusive: true`; or, if the accounts are understood, add to `{}`: `suppress: [{{check: competing-causes, reason: \"…\"}}]`",
            p.claim.id.value
        ),
        dispute: Some(key),
        suppressed: None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

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

    #[test]
    fn one_note_per_event_however_many_outlets_print_each_account() {
        // Pat gives c1 and c2 in one interview, printed by two outlets; Quinn gives c3.
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2022-01-05, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, speaker: p, said: 2022-01-05, subject: x, predicate: ended-because-of, object: c2}
  - {id: c, source: s3, speaker: p, said: 2022-01-05, subject: x, predicate: ended-because-of, object: c1}
  - {id: d, source: s3, speaker: q, said: 2022-02, subject: x, predicate: ended-because-of, object: c3}
",
        );
        let got = codes(&r);
        assert_eq!(got.len(), 1, "{got:?}");
        let f = &r.findings[0];
        assert_eq!(f.check.name, "competing-causes");
        assert_eq!(f.severity, crate::check::Severity::Note);
        let labels: Vec<&str> = f.positions.iter().map(|p| p.label.as_str()).collect();
        assert_eq!(labels.len(), 3, "{labels:?}");
        assert!(
            f.message.starts_with("Why did Ex end? 3 causes"),
            "{}",
            f.message
        );
    }

    #[test]
    fn not_flagged_for_causes_of_one_speech_act_in_two_outlets() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, said: 2022-01-05, subject: x, predicate: ended-because-of, object: c1}
  - {id: b, source: s2, speaker: p, said: 2022-01-05, subject: x, predicate: ended-because-of, object: c2}
",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
