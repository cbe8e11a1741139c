//! Extraction cues: the phrases a predicate's definition gives the extractor, with slots
//! for the subject, the object and a number (`"{number} (were|was) killed in {subject}"`).
//! This module parses and validates the pattern text; `extract` compiles and matches it.
//!
//! Syntax (words are matched case-insensitively, as whole tokens):
//!
//! | Written | Matches |
//! |---|---|
//! | `killed` | that word |
//! | `(died\|were killed)` | one of the alternatives (each one or more words) |
//! | `[the]`, `[have\|had]` | optionally one of them |
//! | `{subject}` | a story entity (an alias or name in the claim files) |
//! | `{object}` | a story entity, or a concept through its forms |
//! | `{number}` | a figure: `471`, `at least 500`, `between 100 and 300`, `nearly 500`, `dozens`, with what it counts (`people`, `factory workers`) |
//! | `{number:min}`, `{number:max}`, `{number:about}` | a figure read as a bound when it has none of its own ("exceeded 125" is at least 125) |
//! | `{subject}'s` | the subject in the possessive ("the tornado's death toll") |
//! | `...` | up to six words of the same clause ("the death toll from {subject} ... rose to {number}": "the stampede *at a football match in Indonesia* rose to") |
//! | `,` `;` `:` | that punctuation mark |

use std::fmt;

/// What a slot stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    /// The claim's subject: a story entity.
    Subject,
    /// The claim's object: a story entity or concept.
    Object,
    /// The claim's object: a figure, with the bound a bare number takes.
    Number(Option<Bound>),
}

/// The bound a cue gives a bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// At least the number.
    Min,
    /// At most the number.
    Max,
    /// About the number.
    About,
}

/// One element of a cue pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CueElem {
    /// One of these word sequences (normalised: lower case, straight apostrophes); with
    /// `optional`, also nothing.
    Words {
        /// The alternatives, each a non-empty sequence of words.
        alternatives: Vec<Vec<String>>,
        /// Whether the element may match nothing.
        optional: bool,
    },
    /// Up to [`GAP`] words of the same clause.
    Gap,
    /// A slot.
    Slot {
        /// What it stands for.
        slot: Slot,
        /// Written `{subject}'s`: the words end in a possessive.
        possessive: bool,
    },
}

/// The most words a `...` stands for.
pub const GAP: usize = 6;

/// A parsed cue pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CuePattern {
    /// The elements in order.
    pub elems: Vec<CueElem>,
}

impl CuePattern {
    /// Whether the pattern has this kind of slot (numbers of any bound count as one kind).
    pub fn has(&self, want: Slot) -> bool {
        self.elems.iter().any(|e| match (e, want) {
            (CueElem::Slot { slot, .. }, Slot::Number(_)) => matches!(slot, Slot::Number(_)),
            (CueElem::Slot { slot, .. }, w) => *slot == w,
            _ => false,
        })
    }
}

/// A malformed cue: what is wrong and where in the cue's text (0-based character).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CueError {
    /// Character offset in the cue text.
    pub at: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for CueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (at character {})", self.message, self.at + 1)
    }
}

/// Lower-cases a cue word and folds curly apostrophes, as the extractor normalises text
/// (and its word lists).
pub fn norm_word(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' | '\u{2bc}' => '\'',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

const SLOTS: &str =
    "`{subject}`, `{object}`, `{number}`, `{number:min}`, `{number:max}` or `{number:about}`";

fn is_special(c: char) -> bool {
    matches!(c, '(' | ')' | '[' | ']' | '{' | '}' | '|' | ',' | ';' | ':')
}

/// Parses a cue pattern; see the module doc for the syntax.
pub fn parse(text: &str) -> Result<CuePattern, CueError> {
    let chars: Vec<char> = text.chars().collect();
    let err = |at: usize, message: String| Err(CueError { at, message });
    let mut elems: Vec<CueElem> = Vec::new();
    // Where each element starts, for messages.
    let mut starts: Vec<usize> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        match c {
            '(' | '[' => {
                let close = if c == '(' { ')' } else { ']' };
                let optional = c == '[';
                let mut alternatives: Vec<Vec<String>> = vec![Vec::new()];
                i += 1;
                loop {
                    let Some(&d) = chars.get(i) else {
                        return err(start, format!("`{c}` is never closed with `{close}`"));
                    };
                    if d == close {
                        i += 1;
                        break;
                    }
                    match d {
                        '|' => alternatives.push(Vec::new()),
                        '(' | '[' => {
                            return err(i, "a group cannot hold another group".into());
                        }
                        '{' => {
                            return err(i, "a slot cannot stand inside a group".into());
                        }
                        ')' | ']' | '}' => {
                            return err(i, format!("`{d}` does not close `{c}`"));
                        }
                        d if d.is_whitespace() => {}
                        _ => {
                            let (w, next) = word(&chars, i);
                            alternatives.last_mut().expect("one alternative").push(w);
                            i = next;
                            continue;
                        }
                    }
                    i += 1;
                }
                if let Some(k) = alternatives.iter().position(Vec::is_empty) {
                    let message = if alternatives.len() == 1 {
                        "an empty group".to_string()
                    } else if optional {
                        format!("alternative {} of the group is empty", k + 1)
                    } else {
                        format!(
                            "alternative {} of the group is empty: write an optional group as `[…]`",
                            k + 1
                        )
                    };
                    return err(start, message);
                }
                elems.push(CueElem::Words {
                    alternatives,
                    optional,
                });
            }
            '{' => {
                let Some(len) = chars[i + 1..].iter().position(|&d| d == '}') else {
                    return err(start, "`{` is never closed with `}`".into());
                };
                let name: String = chars[i + 1..i + 1 + len].iter().collect();
                let slot = match name.trim() {
                    "subject" => Slot::Subject,
                    "object" => Slot::Object,
                    "number" => Slot::Number(None),
                    "number:min" => Slot::Number(Some(Bound::Min)),
                    "number:max" => Slot::Number(Some(Bound::Max)),
                    "number:about" => Slot::Number(Some(Bound::About)),
                    other => {
                        return err(start, format!("unknown slot `{{{other}}}`: write {SLOTS}"));
                    }
                };
                i += len + 2;
                // `{subject}'s`
                let mut possessive = false;
                if let (Some(&a), Some(&s)) = (chars.get(i), chars.get(i + 1))
                    && matches!(a, '\'' | '\u{2019}')
                    && s == 's'
                    && chars
                        .get(i + 2)
                        .is_none_or(|c| c.is_whitespace() || is_special(*c))
                {
                    possessive = true;
                    i += 2;
                }
                elems.push(CueElem::Slot { slot, possessive });
            }
            ')' | ']' | '}' | '|' => {
                return err(start, format!("unexpected `{c}`"));
            }
            '.' | '\u{2026}' if c == '\u{2026}' || chars[i..].starts_with(&['.', '.', '.']) => {
                i += if c == '.' { 3 } else { 1 };
                elems.push(CueElem::Gap);
            }
            _ => {
                let (w, next) = word(&chars, i);
                i = next;
                // Consecutive words form one sequence.
                if let Some(CueElem::Words {
                    alternatives,
                    optional: false,
                }) = elems.last_mut()
                    && alternatives.len() == 1
                    && starts
                        .last()
                        .is_some_and(|&s| !matches!(chars[s], '(' | '['))
                {
                    alternatives[0].push(w);
                    continue;
                }
                elems.push(CueElem::Words {
                    alternatives: vec![vec![w]],
                    optional: false,
                });
            }
        }
        starts.push(start);
    }
    validate(&elems, &starts)?;
    Ok(CuePattern { elems })
}

/// A word starting at `i` (a punctuation mark is a word of its own): its normal form and
/// where it ends.
fn word(chars: &[char], i: usize) -> (String, usize) {
    if matches!(chars[i], ',' | ';' | ':') {
        return (chars[i].to_string(), i + 1);
    }
    let mut j = i;
    while j < chars.len() && !chars[j].is_whitespace() && !is_special(chars[j]) {
        j += 1;
    }
    (norm_word(&chars[i..j].iter().collect::<String>()), j)
}

fn validate(elems: &[CueElem], starts: &[usize]) -> Result<(), CueError> {
    let err = |at: usize, message: &str| {
        Err(CueError {
            at,
            message: message.to_string(),
        })
    };
    if elems.is_empty() {
        return err(0, "an empty cue");
    }
    let count = |want: Slot| elems.iter().filter(|e| slot_is(e, want)).count();
    if count(Slot::Subject) != 1 {
        return err(0, "a cue needs exactly one `{subject}`");
    }
    if count(Slot::Object) > 1 {
        return err(0, "a cue has at most one `{object}`");
    }
    if count(Slot::Number(None)) > 1 {
        return err(0, "a cue has at most one number slot");
    }
    if count(Slot::Object) == 1 && count(Slot::Number(None)) == 1 {
        return err(0, "a cue has an `{object}` or a number slot, not both");
    }
    // A gap stands between words or after a slot, never at an end, next to another gap
    // or before a slot (where the slot would start is a guess).
    for (k, e) in elems.iter().enumerate() {
        if *e != CueElem::Gap {
            continue;
        }
        if k == 0 || k + 1 == elems.len() {
            return err(starts[k], "`...` cannot start or end a cue");
        }
        if matches!(elems[k + 1], CueElem::Gap | CueElem::Slot { .. }) {
            return err(
                starts[k],
                "`...` must be followed by a word that is always there",
            );
        }
        if !matches!(
            elems[k + 1],
            CueElem::Words {
                optional: false,
                ..
            }
        ) {
            return err(
                starts[k],
                "`...` must be followed by a word that is always there",
            );
        }
    }
    // Two slots need words between them that are always there, or their boundary is a
    // guess.
    let mut last_slot: Option<usize> = None;
    for (k, e) in elems.iter().enumerate() {
        match e {
            CueElem::Slot { .. } => {
                if last_slot.is_some() {
                    return err(
                        starts[k],
                        "two slots need a word that is always there between them",
                    );
                }
                last_slot = Some(k);
            }
            CueElem::Words {
                optional: false, ..
            } => last_slot = None,
            CueElem::Words { .. } | CueElem::Gap => {}
        }
    }
    if !elems.iter().any(|e| {
        matches!(
            e,
            CueElem::Words {
                optional: false,
                ..
            }
        )
    }) {
        return err(0, "a cue needs at least one word that is always there");
    }
    Ok(())
}

fn slot_is(e: &CueElem, want: Slot) -> bool {
    match (e, want) {
        (CueElem::Slot { slot, .. }, Slot::Number(_)) => matches!(slot, Slot::Number(_)),
        (CueElem::Slot { slot, .. }, w) => *slot == w,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(e: &CueElem) -> Vec<String> {
        match e {
            CueElem::Words { alternatives, .. } => {
                alternatives.iter().map(|a| a.join(" ")).collect()
            }
            CueElem::Slot { .. } => vec!["{slot}".into()],
            CueElem::Gap => vec!["...".into()],
        }
    }

    #[test]
    fn words_groups_options_and_slots() {
        let p = parse("{number} (were|was) [later] killed in {subject}'s Raid, ").unwrap();
        assert_eq!(p.elems.len(), 6);
        assert_eq!(
            p.elems[0],
            CueElem::Slot {
                slot: Slot::Number(None),
                possessive: false
            }
        );
        assert_eq!(words(&p.elems[1]), ["were", "was"]);
        assert!(matches!(p.elems[2], CueElem::Words { optional: true, .. }));
        assert_eq!(words(&p.elems[3]), ["killed in"]);
        assert_eq!(
            p.elems[4],
            CueElem::Slot {
                slot: Slot::Subject,
                possessive: true
            }
        );
        assert_eq!(
            words(&p.elems[5]),
            ["raid ,"],
            "lower case; a comma is a word"
        );
        let p = parse("death toll from {subject} ... rose to {number}").unwrap();
        assert_eq!(p.elems[2], CueElem::Gap);
        let p = parse("{subject} exceeded {number:min}").unwrap();
        assert!(p.has(Slot::Number(None)) && !p.has(Slot::Object));
        assert_eq!(
            p.elems[2],
            CueElem::Slot {
                slot: Slot::Number(Some(Bound::Min)),
                possessive: false
            }
        );
    }

    #[test]
    fn malformed_cues_say_what_and_where() {
        for (cue, at, message) in [
            ("{number} killed in {subject} (were|was", 29, "never closed"),
            (
                "{number} (were|) killed in {subject}",
                9,
                "write an optional group",
            ),
            ("{number} killed in {subjet}", 19, "unknown slot `{subjet}`"),
            ("{number} killed in", 0, "exactly one `{subject}`"),
            ("{subject} {number} killed", 10, "two slots"),
            ("{subject} [of] {number}", 15, "two slots"),
            ("{subject} killed {object} and {number}", 0, "not both"),
            ("{subject} (killed|[died])", 18, "another group"),
            ("{subject} killed )", 17, "unexpected `)`"),
            ("{subject} (killed {number})", 18, "inside a group"),
            ("[the] {subject}", 0, "always there"),
            ("   ", 0, "empty cue"),
            ("{subject} killed {number", 17, "never closed"),
            ("... killed {subject}", 0, "cannot start or end"),
            ("{subject} killed ... {number}", 17, "followed by a word"),
            ("{subject} killed ... [the] ten", 17, "followed by a word"),
        ] {
            let e = parse(cue).unwrap_err();
            assert!(e.message.contains(message), "{cue}: {e}");
            assert_eq!(e.at, at, "{cue}: {e}");
        }
    }
}
