//! What the cross-outlet statement checks share (`misattributed-quote`, `quote-drift`,
//! `paraphrase-shift`): which statements of different articles may be the same words
//! (an index of word pairs), a word alignment of two versions, whether two speakers are
//! the same person, and the finding they build. The statements are the extractor's
//! reading of the source documents (`check --suggest`); their findings are suggestions.

use super::{CheckInfo, Finding, Label, Severity};
use crate::model::{Statement, StatementSpeaker, StatementWord, word};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// An ellipsis word: the outlet left words out.
pub(super) const ELLIPSIS: &str = "…";

/// Versions longer than this (words) are not aligned.
const MAX_WORDS: usize = 400;
/// A word pair in more statements than this is too common to pair them.
const MAX_POSTING: usize = 64;

/// One step of a word alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Op {
    /// `a[i]` and `b[j]` are the same word.
    Same(usize, usize),
    /// `a[i]` only.
    Del(usize),
    /// `b[j]` only.
    Ins(usize),
}

/// The longest common subsequence of two versions' words (ellipses never match), as two
/// alignments: matching early and matching late.
pub(super) fn align(a: &[StatementWord], b: &[StatementWord]) -> Option<[Vec<Op>; 2]> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 || n > MAX_WORDS || m > MAX_WORDS {
        return None;
    }
    let w = m + 1;
    let mut dp = vec![0u16; (n + 1) * w];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            dp[i * w + j] = if a[i].norm == b[j].norm && a[i].norm != ELLIPSIS {
                dp[(i + 1) * w + j + 1] + 1
            } else {
                dp[(i + 1) * w + j].max(dp[i * w + j + 1])
            };
        }
    }
    Some([false, true].map(|late| traceback(a, b, &dp, late)))
}

/// One alignment of the table: matching a word as soon as possible, or (`late`) as late
/// as the longest common subsequence allows ("it happened to our people. And — my …"
/// against "And — my …" matches the second "and").
fn traceback(a: &[StatementWord], b: &[StatementWord], dp: &[u16], late: bool) -> Vec<Op> {
    let (n, m) = (a.len(), b.len());
    let w = m + 1;
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n && j < m {
        let here = dp[i * w + j];
        let same = a[i].norm == b[j].norm && a[i].norm != ELLIPSIS;
        if same && !(late && (dp[(i + 1) * w + j] == here || dp[i * w + j + 1] == here)) {
            ops.push(Op::Same(i, j));
            i += 1;
            j += 1;
        } else if dp[(i + 1) * w + j] >= dp[i * w + j + 1] {
            ops.push(Op::Del(i));
            i += 1;
        } else {
            ops.push(Op::Ins(j));
            j += 1;
        }
    }
    ops.extend((i..n).map(Op::Del));
    ops.extend((j..m).map(Op::Ins));
    ops
}

/// A difference inside the passage two versions share: words only in `a`, words only in
/// `b` (indices).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Change {
    pub removed: Vec<usize>,
    pub added: Vec<usize>,
}

/// How two versions of a quotation compare over the passage they share (from their first
/// to their last common word; words before and after it are a different cut, not a
/// difference).
#[derive(Debug, Clone, Default)]
pub(super) struct Comparison {
    /// Common words.
    pub same: usize,
    /// Words of the shared passage in each version (ellipses not counted).
    pub len_a: usize,
    pub len_b: usize,
    /// The longest run of consecutive common words.
    pub longest_run: usize,
    /// The differences; words one version leaves out with an ellipsis are none.
    pub changes: Vec<Change>,
}

impl Comparison {
    /// Common words over the longer shared passage.
    pub fn similarity(&self) -> f64 {
        let longer = self.len_a.max(self.len_b);
        if longer == 0 {
            0.0
        } else {
            self.same as f64 / longer as f64
        }
    }
}

/// Compares two versions, by the alignment that finds fewer differences.
pub(super) fn compare(a: &[StatementWord], b: &[StatementWord]) -> Option<Comparison> {
    let [early, late] = align(a, b)?;
    let x = compare_ops(a, b, &early)?;
    let y = compare_ops(a, b, &late)?;
    let cost = |c: &Comparison| {
        let words: usize = c
            .changes
            .iter()
            .map(|x| x.removed.len() + x.added.len())
            .sum();
        (c.changes.len(), words)
    };
    Some(if cost(&y) < cost(&x) { y } else { x })
}

fn compare_ops(a: &[StatementWord], b: &[StatementWord], ops: &[Op]) -> Option<Comparison> {
    let first = ops.iter().position(|o| matches!(o, Op::Same(..)))?;
    let last = ops.iter().rposition(|o| matches!(o, Op::Same(..)))?;
    let mut out = Comparison::default();
    let mut run = 0;
    let mut prev: Option<(usize, usize)> = None;
    let mut current = Change::default();
    let (mut ell_a, mut ell_b) = (false, false);
    // "any time" and "anytime", "e-mail" and "email": one spelling, no change.
    let spelled = |words: &[StatementWord], idx: &[usize]| -> String {
        idx.iter()
            .flat_map(|&i| words[i].norm.chars().filter(|c| c.is_alphanumeric()))
            .collect()
    };
    let flush = |c: &mut Change, ell_a: &mut bool, ell_b: &mut bool, out: &mut Comparison| {
        let elided = (c.removed.is_empty() && *ell_a) || (c.added.is_empty() && *ell_b);
        let respelled = !c.removed.is_empty()
            && !c.added.is_empty()
            && spelled(a, &c.removed) == spelled(b, &c.added);
        if !elided && !respelled && (!c.removed.is_empty() || !c.added.is_empty()) {
            out.changes.push(std::mem::take(c));
        }
        *c = Change::default();
        *ell_a = false;
        *ell_b = false;
    };
    // A last (or first) word or two replaced on both sides is a change, not a cut.
    let edge = |ops: &[Op]| {
        let dels = ops
            .iter()
            .filter(|o| matches!(o, Op::Del(i) if a[*i].norm != ELLIPSIS))
            .count();
        let ins = ops
            .iter()
            .filter(|o| matches!(o, Op::Ins(j) if b[*j].norm != ELLIPSIS))
            .count();
        (1..=2).contains(&dels) && (1..=2).contains(&ins)
    };
    let first = if edge(&ops[..first]) { 0 } else { first };
    let last = if edge(&ops[last + 1..]) {
        ops.len() - 1
    } else {
        last
    };
    for op in &ops[first..=last] {
        match *op {
            Op::Same(i, j) => {
                flush(&mut current, &mut ell_a, &mut ell_b, &mut out);
                out.same += 1;
                out.len_a += 1;
                out.len_b += 1;
                run = match prev {
                    Some((pi, pj)) if pi + 1 == i && pj + 1 == j => run + 1,
                    _ => 1,
                };
                out.longest_run = out.longest_run.max(run);
                prev = Some((i, j));
            }
            Op::Del(i) if a[i].norm == ELLIPSIS => ell_a = true,
            Op::Ins(j) if b[j].norm == ELLIPSIS => ell_b = true,
            Op::Del(i) => {
                out.len_a += 1;
                current.removed.push(i);
            }
            Op::Ins(j) => {
                out.len_b += 1;
                current.added.push(j);
            }
        }
    }
    flush(&mut current, &mut ell_a, &mut ell_b, &mut out);
    Some(out)
}

/// The flags of the words a change touches.
pub(super) fn change_flags(a: &[StatementWord], b: &[StatementWord], changes: &[Change]) -> u8 {
    let mut f = 0;
    for c in changes {
        f |= c.removed.iter().fold(0, |f, &i| f | a[i].flags);
        f |= c.added.iter().fold(0, |f, &j| f | b[j].flags);
    }
    f
}

/// `-removed +added` for each change, as printed.
pub(super) fn diff_text(a: &[StatementWord], b: &[StatementWord], changes: &[Change]) -> String {
    // A contraction is two words with one text: shown once.
    let words = |ws: &[StatementWord], ix: &[usize]| {
        let mut texts: Vec<&str> = Vec::new();
        let mut prev = usize::MAX;
        for &i in ix {
            if !(prev.wrapping_add(1) == i && ws[prev].text == ws[i].text) {
                texts.push(ws[i].text.as_str());
            }
            prev = i;
        }
        texts.join(" ")
    };
    changes
        .iter()
        .map(|c| match (c.removed.is_empty(), c.added.is_empty()) {
            (false, false) => format!("-{} +{}", words(a, &c.removed), words(b, &c.added)),
            (false, true) => format!("-{}", words(a, &c.removed)),
            _ => format!("+{}", words(b, &c.added)),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The kinds of word a set of flags names, for messages ("negation, number").
pub(super) fn kinds(flags: u8) -> Vec<&'static str> {
    [
        (word::NEGATION, "negation"),
        (word::HEDGE, "hedge"),
        (word::NUMBER, "number"),
        (word::NAME, "name"),
    ]
    .into_iter()
    .filter(|(f, _)| flags & f != 0)
    .map(|(_, k)| k)
    .collect()
}

/// Words without ellipses.
pub(super) fn plain_words(s: &Statement) -> impl Iterator<Item = &StatementWord> {
    s.words.iter().filter(|w| w.norm != ELLIPSIS)
}

/// Pairs `(i, j)`, `i < j`, of the statements `pick` keeps, from different sources, that
/// share two consecutive words.
pub(super) fn candidate_pairs(
    statements: &[Statement],
    pick: impl Fn(&Statement) -> bool,
) -> Vec<(usize, usize)> {
    let mut index: FxHashMap<[&str; 2], Vec<usize>> = FxHashMap::default();
    for (i, s) in statements.iter().enumerate() {
        if !pick(s) {
            continue;
        }
        let w: Vec<&str> = plain_words(s).map(|w| w.norm.as_str()).collect();
        for t in w.windows(2) {
            let v = index.entry([t[0], t[1]]).or_default();
            if v.last() != Some(&i) {
                v.push(i);
            }
        }
    }
    let mut pairs = BTreeSet::new();
    for v in index.values() {
        if v.len() > MAX_POSTING {
            continue;
        }
        for (k, &i) in v.iter().enumerate() {
            for &j in &v[k + 1..] {
                if statements[i].source != statements[j].source {
                    pairs.insert((i, j));
                }
            }
        }
    }
    pairs.into_iter().collect()
}

/// Whether two speakers are the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum SameSpeaker {
    Yes,
    No,
    /// A description ("a spokesman") may be anyone.
    Unknown,
}

fn name_words(name: &str) -> Vec<String> {
    name.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A description rather than a name: it starts with a lower-case word or an article.
fn described(name: &str) -> bool {
    let first = name.split_whitespace().next().unwrap_or("");
    first.chars().next().is_some_and(char::is_lowercase)
        || matches!(first.to_lowercase().as_str(), "a" | "an" | "the")
}

/// Same entity, or names that are the same, one part of the other ("Minicucci", "Alaska
/// CEO Ben Minicucci") or one misspelt ("Furguson"). An organisation and a person cannot
/// be compared: its people speak for it ("Boeing" and "Stan Deal, CEO of Boeing
/// Commercial Airplanes").
pub(super) fn same_speaker(a: &StatementSpeaker, b: &StatementSpeaker) -> SameSpeaker {
    if a.organisation != b.organisation {
        return SameSpeaker::Unknown;
    }
    if let (Some(x), Some(y)) = (&a.id, &b.id) {
        return if x == y {
            SameSpeaker::Yes
        } else {
            SameSpeaker::No
        };
    }
    // A description may be anyone.
    if a.described || b.described || described(&a.name) || described(&b.name) {
        return SameSpeaker::Unknown;
    }
    let (x, y) = (name_words(&a.name), name_words(&b.name));
    let within = |p: &[String], q: &[String]| !p.is_empty() && p.iter().all(|w| q.contains(w));
    if x == y || within(&x, &y) || within(&y, &x) {
        return SameSpeaker::Yes;
    }
    if x.len() == y.len() && x.len() > 1 && strsim::jaro_winkler(&x.join(" "), &y.join(" ")) >= 0.9
    {
        return SameSpeaker::Yes;
    }
    SameSpeaker::No
}

/// The speaker's name for messages.
pub(super) fn who(s: &Statement) -> String {
    s.speaker
        .as_ref()
        .map_or_else(|| String::from("an unnamed speaker"), |p| p.name.clone())
}

/// The first words of a statement, for labels.
pub(super) fn excerpt(s: &Statement) -> String {
    let words: Vec<&str> = s.text.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        format!("{} …", words[..12].join(" "))
    }
}

/// Union–find over statement indices.
pub(super) struct Groups(Vec<usize>);

impl Groups {
    pub fn new(n: usize) -> Self {
        Self((0..n).collect())
    }
    pub fn find(&mut self, mut i: usize) -> usize {
        while self.0[i] != i {
            self.0[i] = self.0[self.0[i]];
            i = self.0[i];
        }
        i
    }
    pub fn join(&mut self, a: usize, b: usize) {
        let (a, b) = (self.find(a), self.find(b));
        if a != b {
            self.0[a.max(b)] = a.min(b);
        }
    }
}

/// A statement finding: the primary statement, the other one, and what to say.
pub(super) struct Draft<'a> {
    pub check: &'static CheckInfo,
    pub severity: Severity,
    pub message: String,
    pub primary: (&'a Statement, String),
    pub related: Vec<(&'a Statement, String)>,
    pub explanation: String,
    pub help: String,
}

/// The finding: no claims, a suggestion of the extractor's reading.
pub(super) fn finding(d: Draft<'_>) -> Finding {
    Finding {
        check: d.check,
        severity: d.severity,
        message: d.message,
        primary: Label {
            span: d.primary.0.span,
            text: d.primary.1,
        },
        related: d
            .related
            .into_iter()
            .map(|(s, text)| Label { span: s.span, text })
            .collect(),
        claims: Vec::new(),
        positions: Vec::new(),
        pairs: Vec::new(),
        explanation: d.explanation,
        help: d.help,
        dispute: None,
        suppressed: None,
        extracted_only: false,
        suggested: true,
        cap: None,
    }
}

#[cfg(test)]
pub(super) mod testing {
    use crate::model::{Statement, StatementSpeaker, StatementWord, word};

    /// A statement for unit tests: words split on spaces, capitalised words inside the
    /// text are names, `not`/`never` negations, `think`/`probably` hedges.
    pub fn st(source: &str, speaker: Option<&str>, direct: bool, text: &str) -> Statement {
        let mut after_stop = true;
        let words = text
            .split_whitespace()
            .map(|w| {
                let starts = after_stop;
                after_stop = w.ends_with(['.', '!', '?']);
                (starts, w)
            })
            .map(|(starts, w)| {
                let norm = w
                    .trim_matches(|c: char| !c.is_alphanumeric() && c != '…')
                    .to_lowercase();
                let mut flags = 0;
                if starts {
                    flags |= word::SENTENCE;
                } else if w.chars().next().is_some_and(char::is_uppercase) {
                    flags |= word::NAME;
                }
                match norm.as_str() {
                    "not" | "never" => flags |= word::NEGATION | word::FUNCTION,
                    "think" | "probably" => flags |= word::HEDGE,
                    "the" | "a" | "to" | "of" | "we" | "i" | "is" | "was" | "it" => {
                        flags |= word::FUNCTION;
                    }
                    n if n.bytes().all(|b| b.is_ascii_digit()) => flags |= word::NUMBER,
                    _ => {}
                }
                StatementWord {
                    text: w
                        .trim_matches(|c: char| !c.is_alphanumeric() && c != '…')
                        .to_string(),
                    norm,
                    flags,
                }
            })
            .collect();
        Statement {
            source: source.to_string(),
            outlet: source.to_uppercase(),
            span: crate::model::Span::default(),
            text: text.to_string(),
            direct,
            speaker: speaker.map(|n| StatementSpeaker {
                id: None,
                name: n.to_string(),
                described: false,
                organisation: false,
            }),
            said: None,
            words,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::testing::st;
    use super::*;

    #[test]
    fn the_shared_passage_is_compared_and_ellipses_are_no_difference() {
        let a = st(
            "a",
            None,
            true,
            "I am angry. This happened to Alaska Airlines.",
        );
        let b = st(
            "b",
            None,
            true,
            "I am indignant. This occurred to Alaska Airways.",
        );
        let c = compare(&a.words, &b.words).unwrap();
        assert_eq!(c.same, 5);
        assert_eq!(
            diff_text(&a.words, &b.words, &c.changes),
            "-angry +indignant, -happened +occurred, -Airlines +Airways"
        );
        assert_ne!(change_flags(&a.words, &b.words, &c.changes) & word::NAME, 0);
        // A different cut of the same words, and words left out with an ellipsis.
        let long = st(
            "c",
            None,
            true,
            "so we said it: I am angry at the way things went today",
        );
        let cut = st("d", None, true, "I am angry … things went today");
        let c = compare(&long.words, &cut.words).unwrap();
        assert!(c.changes.is_empty(), "{:?}", c.changes);
        assert_eq!(c.longest_run, 3);
    }

    #[test]
    fn speakers_match_by_entity_name_part_or_spelling() {
        let sp = |id: Option<&str>, name: &str| StatementSpeaker {
            id: id.map(str::to_string),
            name: name.to_string(),
            described: false,
            organisation: false,
        };
        let same = |a, b| same_speaker(&a, &b);
        assert_eq!(
            same(sp(None, "Ferguson"), sp(None, "Bob Ferguson")),
            SameSpeaker::Yes
        );
        assert_eq!(
            same(sp(None, "Bob Furguson"), sp(None, "Bob Ferguson")),
            SameSpeaker::Yes
        );
        assert_eq!(
            same(sp(None, "Stan Deal"), sp(None, "Ben Minicucci")),
            SameSpeaker::No
        );
        assert_eq!(
            same(sp(Some("a"), "A"), sp(Some("b"), "A")),
            SameSpeaker::No
        );
        assert_eq!(
            same(sp(None, "a spokesman"), sp(None, "Bob Ferguson")),
            SameSpeaker::Unknown
        );
    }
}
