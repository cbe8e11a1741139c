use super::statements::{Draft, SameSpeaker, excerpt, finding, same_speaker, who};
use super::{Context, Finding, declare_check};
use crate::model::{StatementWord, word};
use rustc_hash::{FxHashMap, FxHashSet};

declare_check! {
    /// ## What it does
    /// With `check --suggest`, compares each outlet's reported speech of a speaker with
    /// that speaker's quoted words in the other articles, and flags a paraphrase of the
    /// same sentence (at least 3 content words, 60% of the paraphrase's, in common; the
    /// same speaker; no different speech dates) that drops or adds a hedge ("I think",
    /// "probably") or a negation the quotation has: hardened, softened or turned around.
    ///
    /// ## Why is this bad?
    /// "I don't think we're less friends" and "he wanted to make clear they are still
    /// friends" do not say the same thing: the paraphrase states as certain what the
    /// speaker only believed. The quotation is the better evidence of what was said.
    ///
    /// ## Example
    /// ```text
    /// daily.txt:   “I think the deal will probably close in May,” Lee said.
    /// weekly.txt:  Lee said the deal will close in May.
    /// ```
    /// Reported: Weekly's paraphrase drops the hedge of Lee's quoted words.
    ///
    /// Resolved by: writing the claim from the quotation (hedged, with `modality:
    /// hedged`), or checking the paraphrase against the interview it reports.
    ///
    /// ## Not flagged
    /// - Paraphrases of other sentences, of another speaker, or of the same speaker on a
    ///   different date (`revised-account` territory).
    /// - A negation that is part of a hedge ("I don't think"): that is the hedge.
    /// - Quotations and paraphrases in the same article.
    ///
    /// ## Options
    /// None. It rests on the extractor's reading: listed with the suggestions, never
    /// failing the run.
    pub PARAPHRASE_SHIFT {
        code: "CC305",
        name: "paraphrase-shift",
        category: Reporting,
        severity: Warning,
        summary: "an outlet's paraphrase drops or adds a hedge or a negation of the speaker's quoted words",
    }
}

/// Fewest content words a paraphrase shares with the quoted sentence.
const MIN_SHARED: usize = 3;
/// Least share of the paraphrase's content words found in the quoted sentence.
const MIN_SHARE: f64 = 0.6;

/// A content word, reduced to a crude stem so "friends" meets "friend".
fn content(w: &StatementWord) -> Option<String> {
    if w.flags & word::FUNCTION != 0 || w.norm.chars().count() < 3 || w.norm == "…" {
        return None;
    }
    let n = w.norm.as_str();
    let stem = n
        .strip_suffix("ing")
        .or_else(|| n.strip_suffix("ed"))
        .or_else(|| n.strip_suffix('s'))
        .filter(|s| s.len() >= 3)
        .unwrap_or(n);
    Some(stem.to_string())
}

fn content_set(words: &[StatementWord]) -> FxHashSet<String> {
    words.iter().filter_map(content).collect()
}

/// Negated (outside a hedge) and hedged.
fn markers(words: &[StatementWord]) -> (bool, bool) {
    let neg = words
        .iter()
        .any(|w| w.flags & word::NEGATION != 0 && w.flags & word::HEDGE == 0);
    let hedge = words.iter().any(|w| w.flags & word::HEDGE != 0);
    (neg, hedge)
}

/// The sentences of a quotation (word ranges).
fn sentences(words: &[StatementWord]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for (k, w) in words.iter().enumerate() {
        if k > start && w.flags & word::SENTENCE != 0 {
            out.push(start..k);
            start = k;
        }
    }
    if start < words.len() {
        out.push(start..words.len());
    }
    out
}

/// Flags paraphrases that drop or add a hedge or a negation.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = &cx.corpus.statements;
    // Quoted sentences by content word.
    let mut index: FxHashMap<String, Vec<(usize, usize)>> = FxHashMap::default();
    let mut quoted: Vec<(usize, std::ops::Range<usize>, FxHashSet<String>)> = Vec::new();
    for (i, s) in st.iter().enumerate() {
        if !s.direct || s.speaker.is_none() {
            continue;
        }
        for r in sentences(&s.words) {
            let set = content_set(&s.words[r.clone()]);
            let q = quoted.len();
            for w in &set {
                index.entry(w.clone()).or_default().push((q, i));
            }
            quoted.push((i, r, set));
        }
    }
    for para in st {
        let Some(speaker) = &para.speaker else {
            continue;
        };
        if para.direct {
            continue;
        }
        let mine = content_set(&para.words);
        if mine.len() < MIN_SHARED {
            continue;
        }
        let mut shared: FxHashMap<usize, usize> = FxHashMap::default();
        for w in &mine {
            for &(q, i) in index.get(w).map_or(&[][..], Vec::as_slice) {
                if st[i].source != para.source {
                    *shared.entry(q).or_default() += 1;
                }
            }
        }
        // The best quoted sentence of the same speaker (most shared words, then earliest).
        let best = shared
            .into_iter()
            .filter(|&(q, n)| {
                let d = &st[quoted[q].0];
                n >= MIN_SHARED
                    && n as f64 >= MIN_SHARE * mine.len() as f64
                    && d.speaker
                        .as_ref()
                        .is_some_and(|s| same_speaker(s, speaker) == SameSpeaker::Yes)
                    && match (d.said, para.said) {
                        (Some(a), Some(b)) => a.interval().overlaps(&b.interval()),
                        _ => true,
                    }
            })
            .max_by_key(|&(q, n)| (n, std::cmp::Reverse(q)));
        let Some((q, n)) = best else { continue };
        let (i, r, _) = &quoted[q];
        let d = &st[*i];
        let (q_neg, q_hedge) = markers(&d.words[r.clone()]);
        let (p_neg, p_hedge) = markers(&para.words);
        let shift = if q_neg != p_neg {
            if q_neg {
                "drops the negation of"
            } else {
                "adds a negation to"
            }
        } else if q_hedge && !p_hedge {
            "drops the hedge of"
        } else if p_hedge && !q_hedge {
            "adds a hedge to"
        } else {
            continue;
        };
        let sentence: Vec<&str> = d.words[r.clone()].iter().map(|w| w.text.as_str()).collect();
        out.push(finding(Draft {
            check: &PARAPHRASE_SHIFT,
            severity: PARAPHRASE_SHIFT.severity,
            message: format!(
                "{}'s paraphrase of {} {shift} {} quoted words in {}",
                para.outlet,
                who(para),
                if who(d) == who(para) { "the" } else { "the speaker's" },
                d.outlet
            ),
            primary: (para, format!("{}'s paraphrase", para.outlet)),
            related: vec![(d, format!("{} quoted by {}: “{}”", who(d), d.outlet, excerpt(d)))],
            explanation: format!(
                "The paraphrase shares {n} of its {} content words with the quoted sentence “{}”.",
                mine.len(),
                sentence.join(" ")
            ),
            help: String::from(
                "write the claim from the quotation (with `modality: hedged` for a hedge), or check the paraphrase against the interview it reports",
            ),
        }));
    }
}

#[cfg(test)]
mod tests {
    use crate::check::statements::testing::st;
    use crate::check::testing::with_statements;

    fn messages(v: Vec<crate::model::Statement>) -> Vec<String> {
        with_statements(v)
            .findings
            .iter()
            .filter(|f| f.check.name == "paraphrase-shift")
            .map(|f| f.message.clone())
            .collect()
    }

    #[test]
    fn fires_when_a_paraphrase_drops_a_hedge_or_a_negation() {
        let m = messages(vec![
            st(
                "a",
                Some("Ann Lee"),
                true,
                "I think the deal will probably close in May",
            ),
            st("b", Some("Lee"), false, "the deal will close in May"),
        ]);
        assert_eq!(
            m,
            ["B's paraphrase of Lee drops the hedge of the speaker's quoted words in A"]
        );
        let m = messages(vec![
            st(
                "a",
                Some("Ann Lee"),
                true,
                "We will not close the Hickory plant soon",
            ),
            st(
                "b",
                Some("Ann Lee"),
                false,
                "the company will close the Hickory plant soon",
            ),
        ]);
        assert_eq!(
            m,
            ["B's paraphrase of Ann Lee drops the negation of the quoted words in A"]
        );
    }

    #[test]
    fn not_flagged_for_faithful_paraphrases_other_speakers_or_sentences() {
        assert!(
            messages(vec![
                st(
                    "a",
                    Some("Ann Lee"),
                    true,
                    "We will not close the Hickory plant soon"
                ),
                st(
                    "b",
                    Some("Ann Lee"),
                    false,
                    "the company will not close the Hickory plant"
                ),
            ])
            .is_empty()
        );
        assert!(
            messages(vec![
                st(
                    "a",
                    Some("Ann Lee"),
                    true,
                    "I think the deal will probably close in May"
                ),
                st("b", Some("Bo Ray"), false, "the deal will close in May"),
            ])
            .is_empty()
        );
        assert!(
            messages(vec![
                st(
                    "a",
                    Some("Ann Lee"),
                    true,
                    "I think the weather is fine. The deal closes in May"
                ),
                st("b", Some("Ann Lee"), false, "the deal closes in May"),
            ])
            .is_empty()
        );
    }
}
