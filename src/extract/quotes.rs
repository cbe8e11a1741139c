//! Pairing quotation marks, one paragraph at a time (so an unbalanced mark costs at most
//! its paragraph): straight and curly marks, single marks nested in double ones (and
//! British-style single marks at the top level), and quotes continued across paragraphs
//! (a paragraph left open whose successor opens with a mark). Spans shorter than
//! `quotes.min_words` or in Title Case are titles and scare quotes, not speech.

use super::lexicon::Lexicon;
use super::text::{Doc, IN_QUOTE, IN_TITLE, Kind, Role};
use std::ops::Range;

/// A quoted span.
#[derive(Debug, Clone)]
pub(crate) struct QSpan {
    /// Token of the opening mark.
    pub open: usize,
    /// Token of the closing mark; `None` when the quote runs on into the next paragraph.
    pub close: Option<usize>,
    /// Tokens inside the marks.
    pub inner: Range<usize>,
    /// Bytes inside the marks.
    pub bytes: Range<usize>,
    /// Speech (long enough and not a title).
    pub speech: bool,
    /// Quotes inside this one (byte ranges).
    pub nested: Vec<Range<usize>>,
    /// Continues a quote left open at the end of the previous paragraph.
    pub cont_prev: bool,
}

/// All quoted spans of a document, and how many marks could not be paired.
#[derive(Debug, Default)]
pub(crate) struct QuoteScan {
    pub spans: Vec<QSpan>,
    pub unbalanced: usize,
    pub first_unbalanced: Option<usize>,
}

impl QuoteScan {
    fn stray(&mut self, byte: usize) {
        self.unbalanced += 1;
        if self.first_unbalanced.is_none() {
            self.first_unbalanced = Some(byte);
        }
    }
}

/// Finds quoted spans and flags their tokens (`IN_QUOTE` for speech, `IN_TITLE` for
/// titles and scare quotes).
pub(crate) fn scan(doc: &mut Doc<'_>, lex: &Lexicon) -> QuoteScan {
    let mut out = QuoteScan::default();
    let mut pending_cont = false;
    for pi in 0..doc.para_toks.len() {
        let r = doc.para_toks[pi].clone();
        let mut open_d: Option<usize> = None;
        let mut single_in: Option<usize> = None; // nested single inside a double
        let mut single_top: Option<usize> = None;
        let mut nested: Vec<Range<usize>> = Vec::new();
        let cont_here = pending_cont
            && r.start < r.end
            && doc
                .mark(r.start)
                .is_some_and(|m| m.double && m.role != Role::Close);
        pending_cont = false;
        for i in r.clone() {
            let Some(m) = doc.mark(i) else { continue };
            if m.double {
                if single_top.is_some() {
                    // A double mark inside a single-quoted span (British nesting): ignore.
                    continue;
                }
                match (open_d, m.role) {
                    (None, Role::Open | Role::Either) => {
                        open_d = Some(i);
                        single_in = None;
                        nested.clear();
                    }
                    (None, Role::Close) => out.stray(doc.toks[i].start as usize),
                    (Some(o), Role::Close | Role::Either) => {
                        let cont_prev = cont_here && o == r.start;
                        push(
                            doc,
                            lex,
                            &mut out,
                            o,
                            Some(i),
                            r.end,
                            false,
                            std::mem::take(&mut nested),
                            cont_prev,
                        );
                        open_d = None;
                        single_in = None;
                    }
                    (Some(o), Role::Open) => {
                        out.stray(doc.toks[o].start as usize);
                        open_d = Some(i);
                        single_in = None;
                        nested.clear();
                    }
                }
            } else if open_d.is_some() {
                match (single_in, m.role) {
                    (None, Role::Open) => single_in = Some(i),
                    (Some(s), Role::Close | Role::Either) => {
                        nested.push(doc.toks[s].end as usize..doc.toks[i].start as usize);
                        single_in = None;
                    }
                    (Some(_), Role::Open) => single_in = Some(i),
                    _ => {}
                }
            } else {
                match (single_top, m.role) {
                    (None, Role::Open) => single_top = Some(i),
                    (Some(s), Role::Close | Role::Either) => {
                        push(
                            doc,
                            lex,
                            &mut out,
                            s,
                            Some(i),
                            r.end,
                            true,
                            Vec::new(),
                            false,
                        );
                        single_top = None;
                    }
                    (Some(_), Role::Open) => single_top = Some(i),
                    _ => {}
                }
            }
        }
        if let Some(o) = open_d {
            let next_opens = doc.para_toks.get(pi + 1).is_some_and(|n| {
                n.start < n.end
                    && doc
                        .mark(n.start)
                        .is_some_and(|m| m.double && m.role != Role::Close)
            });
            if next_opens && o + 1 < r.end {
                let cont_prev = cont_here && o == r.start;
                push(doc, lex, &mut out, o, None, r.end, false, nested, cont_prev);
                pending_cont = true;
            } else {
                out.stray(doc.toks[o].start as usize);
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn push(
    doc: &mut Doc<'_>,
    lex: &Lexicon,
    out: &mut QuoteScan,
    open: usize,
    close: Option<usize>,
    para_end: usize,
    single: bool,
    nested: Vec<Range<usize>>,
    cont_prev: bool,
) {
    let inner = open + 1..close.unwrap_or(para_end);
    if inner.is_empty() {
        return;
    }
    let bytes = doc.toks[open].end as usize
        ..close.map_or(doc.toks[para_end - 1].end as usize, |c| {
            doc.toks[c].start as usize
        });
    let mut words = 0usize;
    let mut capitalised = 0usize;
    let mut lower = 0usize;
    for t in inner.clone() {
        if doc.toks[t].kind != Kind::Word {
            continue;
        }
        words += 1;
        let n = doc.norm(t);
        if lex.title_small_words.contains(n) {
            continue;
        }
        if doc.is_upper(t) || n.starts_with(|c: char| c.is_ascii_digit()) {
            capitalised += 1;
        } else {
            lower += 1;
        }
    }
    let title = lower == 0 && capitalised > 0;
    let min = if single {
        lex.min_words_single
    } else {
        lex.min_words
    };
    let speech = words >= min && !title;
    let flag = if speech { IN_QUOTE } else { IN_TITLE };
    let flagged = if speech {
        inner.clone()
    } else {
        open..close.map_or(para_end, |c| c + 1)
    };
    for t in flagged {
        doc.toks[t].flags |= flag;
    }
    out.spans.push(QSpan {
        open,
        close,
        inner,
        bytes,
        speech,
        nested,
        cont_prev,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> (Vec<(String, bool)>, usize) {
        let lex = Lexicon::defaults();
        let mut doc = Doc::new(text, &lex);
        let s = scan(&mut doc, &lex);
        (
            s.spans
                .iter()
                .map(|q| (text[q.bytes.clone()].to_string(), q.speech))
                .collect(),
            s.unbalanced,
        )
    }

    #[test]
    fn pairs_curly_and_straight_with_nesting() {
        let (s, bad) = spans(
            "“I was stunned, ‘Well, I’m glad I said it,’ then,” he said. He says, \"I don't feel like it.\"",
        );
        assert_eq!(bad, 0);
        assert_eq!(s[0].0, "I was stunned, ‘Well, I’m glad I said it,’ then,");
        assert_eq!(s[1].0, "I don't feel like it.");
        assert!(s.iter().all(|(_, speech)| *speech));
    }

    #[test]
    fn titles_and_scare_quotes_are_not_speech() {
        let (s, _) = spans(
            "The “Yikes” rapper sang “All Of Me” and ‘Sees Some Aspects of Himself’ twice, 'Tired!'",
        );
        assert_eq!(s.len(), 4);
        assert!(s.iter().all(|(_, speech)| !speech), "{s:?}");
    }

    #[test]
    fn unbalanced_marks_resynchronise_at_the_paragraph() {
        let (s, bad) = spans(
            "“Open and never closed, he said.\n\nPlain.\n\n“A proper quote here,” she said.\n\nso long!\",\" Teigen said",
        );
        assert_eq!(bad, 3, "{s:?}");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].0, "A proper quote here,");
    }

    #[test]
    fn quotes_continue_across_paragraphs() {
        let lex = Lexicon::defaults();
        let text = "“First part of it all.\n\n“Second part of it,” he said.";
        let mut doc = Doc::new(text, &lex);
        let s = scan(&mut doc, &lex);
        assert_eq!(s.unbalanced, 0);
        assert_eq!(s.spans.len(), 2);
        assert!(s.spans[0].close.is_none() && s.spans[1].cont_prev);
    }
}
