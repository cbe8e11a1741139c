//! Finding a claim's `quote` in its source document, tolerant of typography: whitespace,
//! curly and straight quotes, dashes, ellipses and case. A miss reports the closest passage.

/// Where a quote was found, or the closest passage when it was not.
#[derive(Debug, Clone, PartialEq)]
pub enum QuoteMatch {
    /// Found: the byte range in the document.
    Found(std::ops::Range<usize>),
    /// Not found; the most similar passage, its byte range, and a similarity in 0..=1.
    NearMiss {
        range: std::ops::Range<usize>,
        similarity: f64,
    },
    /// Nothing similar at all.
    Missing,
}

/// A document normalised for matching, with a map back to original byte offsets.
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original it came from.
    pub origin: Vec<usize>,
    /// Original length, to close ranges at the end.
    original_len: usize,
}

fn fold(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' | '`' | '\u{b4}' => '\'',
        '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}' | '\u{bb}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        c if c.is_whitespace() => ' ',
        c => return Some(c),
    })
}

/// Normalises text: typography folded, case folded, runs of whitespace collapsed to one
/// space, ellipses written as `...`.
pub fn normalize(text: &str) -> Normalized {
    let mut out = String::with_capacity(text.len());
    let mut origin = Vec::with_capacity(text.len());
    let mut last_space = true;
    for (i, c) in text.char_indices() {
        let c = fold(c).unwrap_or(c);
        if c == '\u{2026}' {
            for _ in 0..3 {
                out.push('.');
                origin.push(i);
            }
            last_space = false;
            continue;
        }
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        for lc in c.to_lowercase() {
            let before = out.len();
            out.push(lc);
            origin.extend(std::iter::repeat_n(i, out.len() - before));
        }
    }
    while out.ends_with(' ') {
        out.pop();
        origin.pop();
    }
    Normalized {
        text: out,
        origin,
        original_len: text.len(),
    }
}

impl Normalized {
    /// The original byte range of a normalised byte range.
    pub fn original(&self, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let start = self
            .origin
            .get(range.start)
            .copied()
            .unwrap_or(self.original_len);
        let end = if range.end == 0 {
            start
        } else {
            self.origin
                .get(range.end - 1)
                .map_or(self.original_len, |&o| o + 1)
        };
        // Widen the end to the character boundary of the original.
        start..end.max(start)
    }
}

/// Splits a quote at elisions (`...`, `…`, `[…]`, `[...]`) into the parts that must appear in order.
fn parts(quote: &str) -> Vec<String> {
    let q = normalize(quote).text.replace("[...]", "...");
    q.split("...")
        .map(|p| {
            p.trim_matches(|c: char| c == ' ' || c == '"' || c == '\'')
                .to_string()
        })
        .filter(|p| !p.is_empty())
        .collect()
}

/// The longest gap an elided quote may span, in normalised bytes.
const MAX_ELISION: usize = 2000;

/// Finds `quote` in `doc`.
pub fn find(doc: &Normalized, original: &str, quote: &str) -> QuoteMatch {
    let parts = parts(quote);
    if parts.is_empty() {
        return QuoteMatch::Missing;
    }
    // Exact (normalised) match of every part, in order, each gap bounded.
    let mut search_from = 0;
    while let Some(first) = doc.text[search_from..]
        .find(&parts[0])
        .map(|i| i + search_from)
    {
        let mut end = first + parts[0].len();
        let mut ok = true;
        for part in &parts[1..] {
            let window_end = (end + MAX_ELISION + part.len()).min(doc.text.len());
            let window_end = floor_boundary(&doc.text, window_end);
            match doc.text[end..window_end].find(part.as_str()) {
                Some(i) => end = end + i + part.len(),
                None => {
                    ok = false;
                    break;
                }
            }
        }
        if ok {
            return QuoteMatch::Found(trim_range(original, doc.original(first..end)));
        }
        search_from = first + parts[0].chars().next().map_or(1, char::len_utf8);
    }
    near_miss(doc, original, &parts.join(" "))
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn trim_range(original: &str, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let mut end = r.end.min(original.len());
    while end < original.len() && !original.is_char_boundary(end) {
        end += 1;
    }
    r.start..end
}

/// The closest passage: windows of the quote's word count around words the quote shares
/// with the document, scored by normalised Levenshtein similarity. Linear in the document
/// (bounded candidates per anchor word), so long articles stay fast.
fn near_miss(doc: &Normalized, original: &str, quote: &str) -> QuoteMatch {
    let quote_words: Vec<&str> = quote.split(' ').filter(|w| !w.is_empty()).collect();
    if quote_words.is_empty() {
        return QuoteMatch::Missing;
    }
    let words: Vec<(usize, &str)> = word_spans(&doc.text);
    let n = quote_words.len();
    let mut anchors: Vec<usize> = Vec::new();
    let rare: Vec<&str> = {
        let mut q = quote_words.clone();
        q.sort_by_key(|w| std::cmp::Reverse(w.len()));
        q.into_iter().take(4).collect()
    };
    for (i, (_, w)) in words.iter().enumerate() {
        if let Some(pos) = quote_words
            .iter()
            .position(|q| q == w)
            .filter(|_| rare.contains(w))
        {
            anchors.push(i.saturating_sub(pos));
        }
        if anchors.len() > 400 {
            break;
        }
    }
    anchors.sort_unstable();
    anchors.dedup();
    let mut best: Option<(f64, usize, usize)> = None;
    for &start in &anchors {
        for len in [n.saturating_sub(2).max(1), n, n + 2] {
            let end = (start + len).min(words.len());
            if start >= end {
                continue;
            }
            let from = words[start].0;
            let to = words[end - 1].0 + words[end - 1].1.len();
            let score = strsim::normalized_levenshtein(quote, &doc.text[from..to]);
            if best.is_none_or(|(b, _, _)| score > b) {
                best = Some((score, from, to));
            }
        }
    }
    match best {
        Some((similarity, from, to)) if similarity >= 0.6 => QuoteMatch::NearMiss {
            range: trim_range(original, doc.original(from..to)),
            similarity,
        },
        _ => QuoteMatch::Missing,
    }
}

fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == ' ' {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// A word-level difference between a quote and a passage: `-missing` `+extra` words.
pub fn word_diff(quote: &str, passage: &str) -> String {
    let a: Vec<String> = normalize(quote)
        .text
        .split(' ')
        .map(str::to_string)
        .collect();
    let b: Vec<String> = normalize(passage)
        .text
        .split(' ')
        .map(str::to_string)
        .collect();
    let (n, m) = (a.len(), b.len());
    if n * m > 250_000 {
        return String::from("(too long to compare word by word)");
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out: Vec<String> = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("-{}", a[i]));
            i += 1;
        } else {
            out.push(format!("+{}", b[j]));
            j += 1;
        }
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(doc: &str, quote: &str) -> Option<String> {
        match find(&normalize(doc), doc, quote) {
            QuoteMatch::Found(r) => Some(doc[r].to_string()),
            _ => None,
        }
    }

    #[test]
    fn typography_and_case_do_not_matter() {
        let doc = "He said: \u{201c}I don\u{2019}t   know \u{2014} really.\u{201d}";
        assert_eq!(
            found(doc, "i don't know - really").as_deref(),
            Some("I don\u{2019}t   know \u{2014} really")
        );
    }

    #[test]
    fn elisions_match_parts_in_order() {
        let doc = "We aren't friends. He was upset. And we really haven't been close since then.";
        assert!(found(doc, "We aren't friends ... haven't been close").is_some());
        assert!(found(doc, "haven't been close … We aren't friends").is_none());
    }

    #[test]
    fn near_miss_names_the_passage_and_difference() {
        let doc = "Intro. I think it became too much for us to sustain our friendship. Outro.";
        match find(
            &normalize(doc),
            doc,
            "it became too much for us to keep our friendship",
        ) {
            QuoteMatch::NearMiss { range, .. } => {
                assert!(doc[range].contains("sustain"));
            }
            other => panic!("expected a near miss, got {other:?}"),
        }
        assert_eq!(word_diff("to keep our", "to sustain our"), "-keep +sustain");
    }

    #[test]
    fn unrelated_text_is_missing() {
        let doc = "Completely different words about gardening and weather.";
        assert_eq!(
            find(&normalize(doc), doc, "presidential campaign betrayal"),
            QuoteMatch::Missing
        );
    }
}
