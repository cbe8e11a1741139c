use super::statements::{
    Draft, Groups, SameSpeaker, candidate_pairs, compare, excerpt, finding, same_speaker, who,
};
use super::{Context, Finding, declare_check};
use crate::model::Statement;

declare_check! {
    /// ## What it does
    /// With `check --suggest`, flags the same quoted words (a run of at least 6 words,
    /// normalised) that outlets give to different speakers: each version that names a
    /// speaker other than the one most outlets name, against a version of the majority.
    ///
    /// ## Why is this bad?
    /// A quotation given to the wrong person puts words in their mouth. Outlets that copy
    /// each other spread the error; the speaker most outlets name, from independent
    /// reporting, is the likelier one.
    ///
    /// ## Example
    /// ```text
    /// skift.txt:   “I think this is the straw that broke the camel’s back,” Kirby said.
    /// blog.txt:    “I think this is the straw that broke the camel’s back,” Minicucci said.
    /// ```
    /// Resolved by: checking who said the words in the original interview or statement,
    /// and writing the claim with that speaker.
    ///
    /// ## Not flagged
    /// - The same speaker under different names: one entity, a surname alone ("Ferguson"
    ///   and "Bob Ferguson"), a title before the name, a misspelling ("Furguson").
    /// - A speaker given by description only ("a spokesman"): it may be the named one.
    /// - An organisation and a person: the person may speak for it ("Boeing" and its
    ///   executive Stan Deal).
    /// - Quotations without a speaker, reported speech, shorter shared runs, and two
    ///   quotations of one article (a speaker quoting someone else).
    ///
    /// ## Options
    /// None. It rests on the extractor's speakers: listed with the suggestions, never
    /// failing the run.
    pub MISATTRIBUTED_QUOTE {
        code: "CC303",
        name: "misattributed-quote",
        category: Reporting,
        severity: Warning,
        summary: "outlets give the same quoted words to different speakers",
    }
}

/// Fewest consecutive common words for two quotations to be the same words.
const MIN_RUN: usize = 6;

/// Flags quoted words that outlets give to different speakers.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    let st = &cx.corpus.statements;
    let named = |s: &Statement| s.direct && s.speaker.is_some();
    let mut groups = Groups::new(st.len());
    let mut linked: Vec<(usize, usize)> = Vec::new();
    for (i, j) in candidate_pairs(st, named) {
        if compare(&st[i].words, &st[j].words).is_some_and(|c| c.longest_run >= MIN_RUN) {
            groups.join(i, j);
            linked.push((i, j));
        }
    }
    // Each set of the same words: its statements, in corpus order.
    let mut sets: Vec<Vec<usize>> = Vec::new();
    let mut root_of = rustc_hash::FxHashMap::default();
    for &(i, j) in &linked {
        for k in [i, j] {
            let r = groups.find(k);
            let slot = *root_of.entry(r).or_insert_with(|| {
                sets.push(Vec::new());
                sets.len() - 1
            });
            if !sets[slot].contains(&k) {
                sets[slot].push(k);
            }
        }
    }
    for set in &mut sets {
        set.sort_unstable();
        // Speakers: groups of statements whose speakers are the same person.
        let mut sides: Vec<Vec<usize>> = Vec::new();
        for &k in set.iter() {
            let sp = st[k].speaker.as_ref().expect("named");
            let mut unknown = false;
            let side = sides.iter().position(|side| {
                let other = st[side[0]].speaker.as_ref().expect("named");
                match same_speaker(sp, other) {
                    SameSpeaker::Yes => true,
                    SameSpeaker::Unknown => {
                        unknown = true;
                        false
                    }
                    SameSpeaker::No => false,
                }
            });
            match side {
                Some(s) => sides[s].push(k),
                None if !unknown => sides.push(vec![k]),
                None => {}
            }
        }
        if sides.len() < 2 {
            continue;
        }
        let outlets = |side: &[usize]| {
            let mut o: Vec<&str> = side.iter().map(|&k| st[k].outlet.as_str()).collect();
            o.sort_unstable();
            o.dedup();
            o.len()
        };
        // The majority side: most outlets, then the earliest.
        let major = (0..sides.len())
            .max_by_key(|&s| (outlets(&sides[s]), std::cmp::Reverse(sides[s][0])))
            .unwrap_or(0);
        let total: usize = outlets(set);
        for (s, side) in sides.iter().enumerate() {
            if s == major {
                continue;
            }
            for &k in side {
                // A majority version that shares the run with this one.
                let Some(&m) = sides[major]
                    .iter()
                    .find(|&&m| linked.contains(&(m.min(k), m.max(k))))
                else {
                    continue;
                };
                let (d, r) = (&st[k], &st[m]);
                out.push(finding(Draft {
                    check: &MISATTRIBUTED_QUOTE,
                    severity: MISATTRIBUTED_QUOTE.severity,
                    message: format!(
                        "{} gives to {} the words {} gives to {}: “{}”",
                        d.outlet,
                        who(d),
                        r.outlet,
                        who(r),
                        excerpt(d)
                    ),
                    primary: (d, format!("{} quoted, per {}", who(d), d.outlet)),
                    related: vec![(r, format!("{} quoted, per {}", who(r), r.outlet))],
                    explanation: format!(
                        "The two quotations share a run of at least {MIN_RUN} words. {} of the {total} outlets printing these words give them to {}.",
                        outlets(&sides[major]),
                        who(r)
                    ),
                    help: String::from(
                        "check who said the words in the original interview or statement and write the claim with that speaker",
                    ),
                }));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::check::statements::testing::st;
    use crate::check::testing::with_statements;

    fn messages(r: &crate::check::testing::Checked) -> Vec<String> {
        r.findings
            .iter()
            .filter(|f| f.check.name == "misattributed-quote")
            .map(|f| f.message.clone())
            .collect()
    }

    #[test]
    fn fires_on_the_minority_speaker() {
        let words = "I think this is the straw that broke the camel's back for us";
        let r = with_statements(vec![
            st("a", Some("Scott Kirby"), true, words),
            st("b", Some("Kirby"), true, words),
            st("c", Some("Ben Minicucci"), true, words),
        ]);
        let m = messages(&r);
        assert_eq!(m.len(), 1, "{m:?}");
        assert!(
            m[0].starts_with("C gives to Ben Minicucci the words A gives to Scott Kirby"),
            "{}",
            m[0]
        );
        assert!(r.findings[0].explanation.contains("2 of the 3 outlets"));
    }

    #[test]
    fn not_flagged_for_one_speaker_descriptions_short_runs_or_one_article() {
        let words = "I think this is the straw that broke the camel's back for us";
        let r = with_statements(vec![
            st("a", Some("Bob Ferguson"), true, words),
            st("b", Some("Bob Furguson"), true, words),
            st("c", Some("a spokesman"), true, words),
            st(
                "d",
                Some("Ann Lee"),
                true,
                "this is the straw and nothing else",
            ),
        ]);
        assert!(messages(&r).is_empty(), "{:?}", messages(&r));
        let r = with_statements(vec![
            st("a", Some("Bob Ferguson"), true, words),
            st("a", Some("Ann Lee"), true, words),
        ]);
        assert!(messages(&r).is_empty(), "{:?}", messages(&r));
    }
}
