//! A statement's words for comparing outlets' versions of it: normalised, contractions
//! spelled out ("I'm" → "i am", "don't" → "do not"), and flagged when they are a
//! negation, part of a hedge, a number or a name (see [`crate::model::word`]).

use super::lexicon::Lexicon;
use super::text::{Doc, Kind};
use crate::model::{StatementWord, word};
use std::ops::Range;

/// Contractions spelled out: (suffix, its word).
const CONTRACTIONS: &[(&str, &str)] = &[
    ("n't", "not"),
    ("'m", "am"),
    ("'re", "are"),
    ("'ve", "have"),
    ("'ll", "will"),
    ("'d", "would"),
];

fn stem_of(head: &str, suffix: &str) -> String {
    match (head, suffix) {
        ("ca", "n't") => "can".to_string(),
        ("wo", "n't") => "will".to_string(),
        ("sha", "n't") => "shall".to_string(),
        _ => head.to_string(),
    }
}

/// The words of tokens `r`.
pub(crate) fn statement_words(doc: &Doc<'_>, lex: &Lexicon, r: Range<usize>) -> Vec<StatementWord> {
    let mut flags = vec![0u8; r.len()];
    let at = |k: usize| k - r.start;
    let mut k = r.start;
    while k < r.end {
        // Phrases first: a hedge or negation phrase flags all its words.
        let phrase = [
            (lex.hedge_first.at(doc, k, r.end), word::HEDGE),
            (lex.hedge_phrases.at(doc, k, r.end), word::HEDGE),
            (lex.attenuators.at(doc, k, r.end), word::HEDGE),
            (lex.negation_phrases.at(doc, k, r.end), word::NEGATION),
        ];
        if lex.pseudo_negation.at(doc, k, r.end).is_none() {
            for (hit, flag) in phrase {
                if let Some((len, _)) = hit {
                    for f in &mut flags[at(k)..at(k + len)] {
                        *f |= flag;
                    }
                }
            }
        }
        k += 1;
    }
    let mut out = Vec::with_capacity(r.len());
    let mut sentence_start = true;
    for k in r.clone() {
        match doc.toks[k].kind {
            Kind::Ellipsis => {
                out.push(StatementWord {
                    norm: "…".to_string(),
                    flags: 0,
                    text: doc.span_text(k, k + 1).to_string(),
                });
                continue;
            }
            Kind::Word => {}
            _ => {
                if doc.is_terminal(k) {
                    sentence_start = true;
                }
                continue;
            }
        }
        let norm = doc.norm(k);
        let text = doc.span_text(k, k + 1).to_string();
        let mut f = flags[at(k)];
        if lex.negation_words.contains(norm) {
            f |= word::NEGATION;
        }
        if lex.hedge_words.contains(norm) {
            f |= word::HEDGE;
        }
        let digits = norm.bytes().any(|b| b.is_ascii_digit());
        if digits || (lex.numbers.contains_key(norm) && !matches!(norm, "a" | "an")) {
            f |= word::NUMBER;
        }
        let first_person = norm == "i" || norm.starts_with("i'");
        if doc.is_upper(k) && !sentence_start && !first_person && !digits {
            f |= word::NAME;
        }
        if sentence_start {
            f |= word::SENTENCE;
        }
        sentence_start = false;
        let split = CONTRACTIONS
            .iter()
            .find(|(suffix, _)| norm.len() > suffix.len() && norm.ends_with(suffix));
        match split {
            Some((suffix, full)) => {
                let head = &norm[..norm.len() - suffix.len()];
                let head = stem_of(head, suffix);
                let function = |w: &str| {
                    if lex.function_words.contains(w) {
                        word::FUNCTION
                    } else {
                        0
                    }
                };
                out.push(StatementWord {
                    flags: (f & !word::NEGATION) | function(&head),
                    norm: head,
                    text: text.clone(),
                });
                let neg = if *suffix == "n't" { word::NEGATION } else { 0 };
                out.push(StatementWord {
                    norm: (*full).to_string(),
                    flags: (f & !(word::NAME | word::SENTENCE)) | neg | function(full),
                    text,
                });
            }
            None => out.push(StatementWord {
                norm: norm.to_string(),
                flags: if lex.function_words.contains(norm) {
                    f | word::FUNCTION
                } else {
                    f
                },
                text,
            }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::Doc;

    fn words(text: &str) -> Vec<(String, u8)> {
        let lex = Lexicon::defaults();
        let doc = Doc::new(text, &lex);
        statement_words(&doc, &lex, 0..doc.toks.len())
            .into_iter()
            .map(|w| (w.norm, w.flags))
            .collect()
    }

    #[test]
    fn contractions_negations_hedges_numbers_and_names() {
        let w = words("I don't think Boeing fired nine people … I'm sure.");
        let norms: Vec<&str> = w.iter().map(|x| x.0.as_str()).collect();
        assert_eq!(
            norms,
            [
                "i", "do", "not", "think", "boeing", "fired", "nine", "people", "…", "i", "am",
                "sure"
            ]
        );
        let flag = |n: &str| w.iter().find(|x| x.0 == n).unwrap().1;
        assert_ne!(flag("not") & word::NEGATION, 0);
        assert_ne!(flag("think") & word::HEDGE, 0);
        assert_ne!(flag("nine") & word::NUMBER, 0);
        assert_ne!(flag("boeing") & word::NAME, 0);
        assert_eq!(
            w[0].1 & word::NAME,
            0,
            "the first word and `I` are no names"
        );
        assert_eq!(flag("fired"), 0);
        assert_ne!(flag("not") & word::FUNCTION, 0);
        assert_ne!(w[0].1 & word::SENTENCE, 0);
        assert_eq!(w[9].1 & word::SENTENCE, 0, "an ellipsis ends no sentence");
    }
}
