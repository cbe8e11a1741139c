use super::statements::{
    Draft, Groups, candidate_pairs, change_flags, compare, diff_text, excerpt, finding, kinds,
    plain_words, who,
};
use super::{Context, Finding, Severity, declare_check};
use crate::model::{Statement, word};
use rustc_hash::FxHashMap;

declare_check! {
    /// ## What it does
    /// With `check --suggest`, compares the quotations the extractor reads in the source
    /// documents and flags one quotation printed differently by two outlets: the same
    /// passage (at least 5 words in common, 60% of the longer version's words) with
    /// different words in it. The finding shows the word diff and names the version most
    /// other outlets print.
    ///
    /// ## Why is this bad?
    /// Quotation marks promise the speaker's exact words. When two outlets disagree, at
    /// most one of them has them; a changed negation, hedge ("I think"), number or name
    /// changes what the speaker is reported to have said (a warning), other changed words
    /// are a looser quotation or another translation (a note).
    ///
    /// ## Example
    /// ```text
    /// skift.txt:             “I am angry. This happened to Alaska Airlines,” Minicucci said.
    /// immigrationactu.txt:   “I’m indignant. This occurred to Alaska Airways,” Minicucci mentioned.
    /// ```
    /// Reported: `-angry +indignant, -happened +occurred, -Airlines +Airways` (a changed
    /// name: a warning).
    ///
    /// Resolved by: checking the words against the original (the interview, the
    /// statement) and quoting the outlet that has them right in the claims you write.
    /// Translated quotations differ by nature: `--severity quote-drift=off` silences the
    /// check.
    ///
    /// ## Not flagged
    /// - Differences of punctuation, case and contractions ("I'm" and "I am"), and one
    ///   word spelled as two or with a hyphen ("anytime" and "any time", "e-mail").
    /// - Words one version leaves out with an ellipsis, and a different cut of the same
    ///   words (one outlet quotes more of the sentence).
    /// - Reported speech (see `paraphrase-shift`), and two quotations of one article.
    /// - Without `--suggest`: the check reads only what the extractor found.
    ///
    /// ## Options
    /// None. Like every finding that rests on the extractor's reading, it is listed with
    /// the suggestions and never fails the run.
    pub QUOTE_DRIFT {
        code: "CC304",
        name: "quote-drift",
        category: Reporting,
        severity: Warning,
        summary: "two outlets print the same quotation with different words",
    }
}

/// Fewest common words for two versions to be one quotation.
const MIN_SAME: usize = 5;
/// Least share of the longer version's words in common.
const MIN_SIMILARITY: f64 = 0.6;

/// Flags quotations that outlets print differently.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = &cx.corpus.statements;
    let quoted = |s: &Statement| s.direct && plain_words(s).count() >= MIN_SAME;
    // Versions of one quotation: joined when similar enough; `identical` when the shared
    // passage has no difference.
    let mut groups = Groups::new(st.len());
    let mut edges = Vec::new();
    for (i, j) in candidate_pairs(st, quoted) {
        let Some(c) = compare(&st[i].words, &st[j].words) else {
            continue;
        };
        if c.same >= MIN_SAME && c.similarity() >= MIN_SIMILARITY {
            groups.join(i, j);
            edges.push((i, j, c));
        }
    }
    // Support of a version: the other outlets that print it the same.
    let mut support: FxHashMap<usize, Vec<&str>> = FxHashMap::default();
    for (i, j, c) in &edges {
        if c.changes.is_empty() {
            support.entry(*i).or_default().push(&st[*j].outlet);
            support.entry(*j).or_default().push(&st[*i].outlet);
        }
    }
    let count = |i: usize| -> usize {
        support.get(&i).map_or(0, |v| {
            let mut v = v.clone();
            v.sort_unstable();
            v.dedup();
            v.retain(|o| *o != st[i].outlet);
            v.len()
        })
    };
    // One finding per deviating version, against the best-supported version it differs
    // from (the earlier one when both are as well supported).
    let mut best: FxHashMap<usize, (usize, usize)> = FxHashMap::default(); // deviating → (reference, edge)
    for (k, (i, j, c)) in edges.iter().enumerate() {
        if c.changes.is_empty() {
            continue;
        }
        let (dev, reference) = if count(*i) >= count(*j) {
            (*j, *i)
        } else {
            (*i, *j)
        };
        let better = best.get(&dev).is_none_or(|&(r, _)| {
            (count(reference), std::cmp::Reverse(reference)) > (count(r), std::cmp::Reverse(r))
        });
        if better {
            best.insert(dev, (reference, k));
        }
    }
    let mut found: Vec<(usize, usize, usize)> =
        best.into_iter().map(|(d, (r, k))| (d, r, k)).collect();
    found.sort_unstable();
    for (dev, reference, k) in found {
        let (i, _, c) = &edges[k];
        let (d, r) = (&st[dev], &st[reference]);
        // Words as `-reference +deviating`.
        let (a, b) = (&r.words, &d.words);
        let changes = if *i == reference {
            c.changes.clone()
        } else {
            c.changes
                .iter()
                .map(|x| super::statements::Change {
                    removed: x.added.clone(),
                    added: x.removed.clone(),
                })
                .collect()
        };
        let flags = change_flags(a, b, &changes)
            & (word::NEGATION | word::HEDGE | word::NUMBER | word::NAME);
        let severity = if flags == 0 {
            Severity::Note
        } else {
            Severity::Warning
        };
        let what = kinds(flags);
        let changed = if what.is_empty() {
            String::new()
        } else {
            format!(" (a changed {})", what.join(", "))
        };
        let others = count(reference);
        let majority = if others > 0 {
            format!(
                "; {}'s version is also printed by {others} other outlet{}",
                r.outlet,
                if others == 1 { "" } else { "s" }
            )
        } else {
            String::new()
        };
        out.push(finding(Draft {
            check: &QUOTE_DRIFT,
            severity,
            message: format!(
                "{} quotes {} differently from {}: {}{changed}",
                d.outlet,
                if d.speaker.is_some() { who(d) } else { who(r) },
                r.outlet,
                diff_text(a, b, &changes),
            ),
            primary: (d, format!("{}'s version", d.outlet)),
            related: vec![(r, format!("{}'s version: “{}”", r.outlet, excerpt(r)))],
            explanation: format!(
                "Both print these words as a quotation of {}; {} of the {} words of the passage they share agree{majority}. A changed negation, hedge, number or name is a warning; other changed words, a note.",
                who(r),
                c.same,
                c.len_a.max(c.len_b)
            ),
            help: String::from(
                "check the words against the original (the interview, the statement) and quote the outlet that has them right; for translated quotations, `--severity quote-drift=off`",
            ),
        }));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::statements::testing::st;
    use crate::check::testing::with_statements;

    #[test]
    fn fires_on_a_changed_name_and_names_the_majority_version() {
        let r = with_statements(vec![
            st(
                "a",
                Some("Ann Lee"),
                true,
                "I am angry. This happened to Alaska Airlines today",
            ),
            st(
                "b",
                Some("Ann Lee"),
                true,
                "I am angry. This happened to Alaska Airlines today",
            ),
            st(
                "c",
                Some("Ann Lee"),
                true,
                "I am indignant. This occurred to Alaska Airways today",
            ),
        ]);
        let f: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.check.name == "quote-drift")
            .collect();
        assert_eq!(
            f.len(),
            1,
            "{:?}",
            f.iter().map(|f| &f.message).collect::<Vec<_>>()
        );
        assert!(
            f[0].message
                .starts_with("C quotes Ann Lee differently from A"),
            "{}",
            f[0].message
        );
        assert!(
            f[0].message.contains("-Airlines +Airways"),
            "{}",
            f[0].message
        );
        assert!(f[0].explanation.contains("also printed by 1 other outlet"));
        assert_eq!(f[0].severity, Severity::Warning);
        assert!(f[0].suggested);
    }

    #[test]
    fn a_looser_wording_is_a_note_and_a_negation_a_warning() {
        let r = with_statements(vec![
            st(
                "a",
                None,
                true,
                "we made the decision to go to Miami next year",
            ),
            st(
                "b",
                None,
                true,
                "we made the choice to go to Miami next year",
            ),
        ]);
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].severity, Severity::Note);
        let r = with_statements(vec![
            st(
                "a",
                None,
                true,
                "we will not go to Miami next year with the team",
            ),
            st(
                "b",
                None,
                true,
                "we will go to Miami next year with the team",
            ),
        ]);
        assert_eq!(r.findings[0].severity, Severity::Warning);
        assert!(
            r.findings[0].message.contains("(a changed negation)"),
            "{}",
            r.findings[0].message
        );
    }

    #[test]
    fn not_flagged_for_cuts_ellipses_one_article_or_reported_speech() {
        let r = with_statements(vec![
            st(
                "a",
                None,
                true,
                "so we said it: I am angry at the way things went today",
            ),
            st("b", None, true, "I am angry … things went today"),
            st("b", None, true, "I am upset at the way things went today"),
            // One word spelled as two.
            st("d", None, true, "I am angry at the way things went to day"),
            st(
                "c",
                None,
                false,
                "he was upset at the way things went today",
            ),
        ]);
        let names: Vec<_> = r.findings.iter().map(|f| f.message.clone()).collect();
        assert!(
            names
                .iter()
                .all(|m| m.starts_with("B quotes") || m.starts_with("A quotes")),
            "{names:?}"
        );
        // Only "upset" against "angry" (b's second version against a); nothing for c.
        assert_eq!(names.len(), 1, "{names:?}");
    }
}
