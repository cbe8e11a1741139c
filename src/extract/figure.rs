//! Figures as reporting writes them, for the number slots of extraction cues: exact
//! ("471", "eight", "1.3 million", "1.3m"), bounded ("at least 500", "up to 50"), ranged
//! ("between 100 and 300", "1 million to 1.3 million", "500,000 – 800,000", "40 or 50"),
//! approximate ("nearly 500"), estimated ("an estimated 1.3 million": exact, hedged) and
//! vague ("dozens of", "more than a dozen"), with a unit ("$5 million", "25%") and what
//! they count ("eight candle factory employees", "eight of the 110 employees"). Every word
//! list is in the lexicon (`figures:`) and the rules (`amounts:`).
//!
//! Not a figure: a year ("in 2016"), a measure ("3 p.m.", "1.5 miles"), a number after
//! "of" or another number ("five of 8 people").

use super::lexicon::{Lexicon, Phrases};
use super::text::{Doc, Kind};
use crate::model::Amount;
use std::ops::Range;

/// The value of a figure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Value {
    /// A number, bound, range or approximation.
    Amount(Amount),
    /// A vague amount of the rules, by index into [`super::cues::CueSet::amounts`].
    Vague(u32),
}

/// A figure found in the text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Figure {
    pub value: Value,
    pub unit: Option<String>,
    /// Written as an estimate ("an estimated").
    pub hedged: bool,
    /// Whether the words give it a bound or an approximation of their own.
    pub bounded: bool,
    /// What it counts, when the figure took those words ("factory workers").
    pub counted: Option<Range<usize>>,
    /// Its tokens.
    pub toks: Range<usize>,
}

/// A number read at a token: its value, the token after it, and whether a multiplier
/// ("million") was part of it.
#[derive(Debug, Clone, Copy)]
struct Num {
    value: f64,
    next: usize,
    multiplied: bool,
    /// A plain integer that could be a year.
    plain: bool,
}

/// Digits with optional thousands commas and decimals ("1,300,000", "1.3"), and an
/// attached multiplier suffix ("1.3m"): the value, the suffix.
fn digits(t: &str) -> Option<(f64, &str, bool)> {
    let end = t
        .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
        .unwrap_or(t.len());
    let (num, suffix) = t.split_at(end);
    if num.is_empty() || !num.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let (int, frac) = match num.split_once('.') {
        Some((i, f)) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => (i, Some(f)),
        Some(_) => return None,
        None => (num, None),
    };
    let groups: Vec<&str> = int.split(',').collect();
    let grouped = groups.len() > 1;
    if grouped
        && (groups[0].is_empty() || groups[0].len() > 3 || groups[1..].iter().any(|g| g.len() != 3))
    {
        return None;
    }
    let mut text: String = groups.concat();
    if let Some(f) = frac {
        text.push('.');
        text.push_str(f);
    }
    let value: f64 = text.parse().ok()?;
    let plain = !grouped && frac.is_none();
    Some((value, suffix, plain))
}

fn number_word(lex: &Lexicon, w: &str) -> Option<f64> {
    if let Some(&n) = lex.numbers.get(w) {
        return Some(f64::from(n));
    }
    // "twenty-five"
    let (a, b) = w.split_once('-')?;
    let (a, b) = (*lex.numbers.get(a)?, *lex.numbers.get(b)?);
    (a >= 20 && a % 10 == 0 && (1..10).contains(&b)).then(|| f64::from(a + b))
}

/// A number starting at token `i`.
fn number(doc: &Doc<'_>, lex: &Lexicon, i: usize, hi: usize) -> Option<Num> {
    if i >= hi || !doc.is_word(i) {
        return None;
    }
    let t = doc.norm(i);
    let mult_after = |mut k: usize, mut v: f64| -> (f64, usize, bool) {
        let mut m = false;
        while k < hi && doc.is_word(k) {
            let w = doc.norm(k);
            match lex.fig.multipliers.get(w) {
                Some(x) if w.len() > 2 => {
                    v *= x;
                    m = true;
                    k += 1;
                }
                _ => break,
            }
        }
        (v, k, m)
    };
    if let Some((v, suffix, plain)) = digits(t) {
        let v = if suffix.is_empty() {
            v
        } else {
            v * lex.fig.multipliers.get(suffix)?
        };
        let (value, next, m) = mult_after(i + 1, v);
        return Some(Num {
            value,
            next,
            multiplied: m || !suffix.is_empty(),
            plain: plain && suffix.is_empty() && !m,
        });
    }
    if matches!(t, "a" | "an" | "couple") {
        // Only with a multiplier: "a million".
        let (value, next, m) = mult_after(i + 1, 1.0);
        return m.then_some(Num {
            value,
            next,
            multiplied: true,
            plain: false,
        });
    }
    let v = number_word(lex, t)?;
    let (value, next, m) = mult_after(i + 1, v);
    Some(Num {
        value,
        next,
        multiplied: m,
        plain: false,
    })
}

/// "100-300" in one token.
fn hyphen_range(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<(f64, f64)> {
    let t = doc.norm(i);
    let (a, b) = t.split_once(['-', '\u{2013}'])?;
    let (a, sa, _) = digits(a)?;
    let (b, sb, _) = digits(b)?;
    let m = |s: &str| {
        if s.is_empty() {
            Some(1.0)
        } else {
            lex.fig.multipliers.get(s).copied()
        }
    };
    Some((a * m(sa)?, b * m(sb)?))
}

fn phrase(p: &Phrases, doc: &Doc<'_>, i: usize, hi: usize) -> Option<(usize, u32)> {
    p.at(doc, i, hi)
}

/// A dash or a range join at `k`: its length.
fn join_at(doc: &Doc<'_>, p: &Phrases, k: usize, hi: usize) -> Option<usize> {
    if k < hi && doc.toks[k].kind == Kind::Dash {
        return Some(1);
    }
    phrase(p, doc, k, hi).map(|(n, _)| n)
}

/// Two numbers of a range; a multiplier on the second alone applies to both ("between 1
/// and 1.3 million").
fn range(a: Num, b: Num) -> Option<Amount> {
    let mut lo = a.value;
    if b.multiplied && !a.multiplied {
        // Find the multiplier of b: the power of ten that makes its mantissa < 1000.
        let mut m = 1.0;
        while b.value / m >= 1000.0 {
            m *= 1000.0;
        }
        if lo * m <= b.value {
            lo *= m;
        }
    }
    (lo < b.value).then_some(Amount::Between(lo, b.value))
}

/// The core of a figure at `j`: a range, a number or a vague amount.
fn core(doc: &Doc<'_>, lex: &Lexicon, j: usize, hi: usize) -> Option<(Value, usize, bool)> {
    let f = &lex.fig;
    if let Some((n, _)) = phrase(&f.range_openers, doc, j, hi) {
        let a = number(doc, lex, j + n, hi)?;
        let len = join_at(doc, &f.joins_after_opener, a.next, hi)?;
        let b = number(doc, lex, a.next + len, hi)?;
        return Some((Value::Amount(range(a, b)?), b.next, false));
    }
    if let Some((n, id)) = phrase(&lex.cues.amount_phrases, doc, j, hi) {
        let mut next = j + n;
        if doc.norm(next) == "of" && next < hi {
            next += 1;
        }
        return Some((Value::Vague(id), next, false));
    }
    if let Some((a, b)) = hyphen_range(doc, lex, j) {
        return (a < b).then_some((Value::Amount(Amount::Between(a, b)), j + 1, false));
    }
    let a = number(doc, lex, j, hi)?;
    if let Some(len) = join_at(doc, &f.joins, a.next, hi)
        && let Some(b) = number(doc, lex, a.next + len, hi)
    {
        return Some((Value::Amount(range(a, b)?), b.next, false));
    }
    Some((Value::Amount(Amount::Exact(a.value)), a.next, a.plain))
}

/// The figures starting at token `s` and ending by `hi`, longest first: with the words it
/// counts, then ending before fewer of them (so a cue's own noun can follow: "{number}
/// viewers").
pub(crate) fn at(doc: &Doc<'_>, lex: &Lexicon, s: usize, hi: usize) -> Vec<Figure> {
    let f = &lex.fig;
    let hi = hi.min(doc.toks.len());
    // Not inside another number or a partitive ("five of 8 people").
    if s > 0 && (number(doc, lex, s - 1, s).is_some() || matches!(doc.norm(s - 1), "of" | "than")) {
        return Vec::new();
    }
    let mut j = s;
    let mut hedged = false;
    let mut bound: Option<u8> = None;
    let mut unit: Option<String> = None;
    for _ in 0..3 {
        if let Some((n, _)) = phrase(&f.estimated, doc, j, hi) {
            hedged = true;
            j += n;
        } else if bound.is_none()
            && let Some((n, b)) = [(&f.at_least, 0u8), (&f.at_most, 1), (&f.about, 2)]
                .iter()
                .find_map(|(p, b)| phrase(p, doc, j, hi).map(|(n, _)| (n, *b)))
        {
            bound = Some(b);
            j += n;
        } else if unit.is_none()
            && let Some((n, id)) = phrase(&f.units_before, doc, j, hi)
        {
            unit = f.units.get(id as usize).cloned();
            j += n;
        } else {
            break;
        }
    }
    let Some((value, mut k, plain)) = core(doc, lex, j, hi) else {
        return Vec::new();
    };
    let value = match (value, bound) {
        (v, None) => v,
        (Value::Amount(Amount::Exact(n)), Some(b)) => Value::Amount(match b {
            0 => Amount::AtLeast(n),
            1 => Amount::AtMost(n),
            _ => Amount::About(n),
        }),
        (Value::Vague(id), Some(b)) => match lex.cues.amounts.get(id as usize) {
            Some((_, Amount::Exact(n) | Amount::About(n))) => Value::Amount(match b {
                0 => Amount::AtLeast(*n),
                1 => Amount::AtMost(*n),
                _ => Amount::About(*n),
            }),
            _ => return Vec::new(),
        },
        // "about 40 or 50": the range says it.
        (v, Some(_)) => v,
    };
    if unit.is_none()
        && let Some((n, id)) = phrase(&f.units_after, doc, k, hi)
    {
        unit = f.units.get(id as usize).cloned();
        k += n;
    }
    if k < hi && f.measures.contains(doc.norm(k).trim_end_matches('.')) {
        return Vec::new();
    }
    let counted = counted(doc, lex, k, hi);
    // A plain four-digit number counting nothing, or after "in", is a year.
    if plain
        && (counted.is_none() || (s > 0 && lex.year_prepositions.contains(doc.norm(s - 1))))
        && let Value::Amount(Amount::Exact(n)) = value
        && (1000.0..=2100.0).contains(&n)
    {
        return Vec::new();
    }
    let figure = |end: usize, counted: Option<Range<usize>>| Figure {
        value,
        unit: unit.clone(),
        hedged,
        bounded: bound.is_some() || !matches!(value, Value::Amount(Amount::Exact(_))),
        counted,
        toks: s..end,
    };
    let mut out = Vec::new();
    if let Some((np, modifiers)) = counted {
        out.push(figure(np.end, Some(np)));
        for m in (0..=modifiers).rev() {
            out.push(figure(k + m, None));
        }
    } else {
        out.push(figure(k, None));
    }
    out
}

/// What a figure ending at `k` counts: up to three words before a counted noun ("candle
/// factory employees"), or a partitive ("of the 110 employees"). The words' range (the
/// noun phrase, without "of the 110") and how many words stand before the noun in a plain
/// phrase.
fn counted(doc: &Doc<'_>, lex: &Lexicon, k: usize, hi: usize) -> Option<(Range<usize>, usize)> {
    let f = &lex.fig;
    let head = |from: usize| -> Option<usize> {
        (from..(from + 4).min(hi))
            .take_while(|&i| {
                doc.is_word(i)
                    && (f.counted.contains(doc.base(i))
                        || (!lex.function_words.contains(doc.norm(i))
                            && number(doc, lex, i, hi).is_none()))
            })
            .find(|&i| f.counted.contains(doc.base(i)))
    };
    if let Some(h) = head(k) {
        return Some((k..h + 1, h - k));
    }
    // "eight of the 110 employees"
    if doc.norm(k) == "of" {
        let mut i = k + 1;
        if i < hi
            && (lex.g.definite.contains(doc.norm(i)) || lex.g.possessive.contains(doc.norm(i)))
        {
            i += 1;
        }
        if let Some(n) = number(doc, lex, i, hi) {
            i = n.next;
        }
        let h = head(i)?;
        // The words counted, without the partitive: "employees".
        return Some((k..h + 1, 0));
    }
    None
}

/// The longest figure ending exactly at token `e`, starting at or after `lo`.
pub(crate) fn ending_at(doc: &Doc<'_>, lex: &Lexicon, e: usize, lo: usize) -> Option<Figure> {
    // A figure ends in a number, a counted noun, a unit or a vague amount.
    let last = e.checked_sub(1).filter(|&l| l >= lo)?;
    let w = doc.norm(last);
    if !(w.starts_with(|c: char| c.is_ascii_digit())
        || lex.numbers.contains_key(w)
        || w.contains('-')
        || lex.fig.last_words.contains(w)
        || lex.fig.counted.contains(doc.base(last))
        || lex.cues.amount_last_words.contains(w))
    {
        return None;
    }
    (lo.max(e.saturating_sub(14))..e)
        .find_map(|s| at(doc, lex, s, e).into_iter().find(|f| f.toks.end == e))
}

/// The words a figure counts, for its scope: none when they narrow nothing ("people").
pub(crate) fn counted_scope(doc: &Doc<'_>, lex: &Lexicon, f: &Figure) -> Option<String> {
    let r = f.counted.clone()?;
    // Skip a partitive "of the 110".
    let mut s = r.start;
    if doc.norm(s) == "of" {
        s = r.end - 1;
        while s > r.start + 1
            && doc.is_word(s - 1)
            && !lex.function_words.contains(doc.norm(s - 1))
            && number(doc, lex, s - 1, r.end).is_none()
        {
            s -= 1;
        }
    }
    let words: Vec<&str> = (s..r.end).map(|i| doc.norm(i)).collect();
    if words.len() == 1 && lex.fig.generic.contains(doc.base(r.end - 1)) {
        return None;
    }
    Some(words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::Doc;

    /// The first figure at the start of `text`, written like a claim's object.
    fn fig(text: &str) -> Option<String> {
        let lex = Lexicon::defaults();
        let doc = Doc::new(text, &lex);
        let f = at(&doc, &lex, 0, doc.toks.len()).into_iter().next()?;
        let counted = counted_scope(&doc, &lex, &f)
            .map(|c| format!(" [{c}]"))
            .unwrap_or_default();
        let v = match f.value {
            Value::Amount(Amount::Exact(n)) => format!("{n}"),
            Value::Amount(Amount::AtLeast(n)) => format!("min {n}"),
            Value::Amount(Amount::AtMost(n)) => format!("max {n}"),
            Value::Amount(Amount::Between(a, b)) => format!("{a}..{b}"),
            Value::Amount(Amount::About(n)) => format!("about {n}"),
            Value::Vague(id) => lex.cues.amounts[id as usize].0.clone(),
        };
        let unit = f.unit.map(|u| format!(" {u}")).unwrap_or_default();
        let hedged = if f.hedged { " hedged" } else { "" };
        Some(format!("{v}{unit}{hedged}{counted}"))
    }

    #[test]
    fn numbers_bounds_ranges_and_approximations() {
        for (text, want) in [
            ("471 people were killed", "471"),
            ("eight people died", "8"),
            ("1.3 million fans", "1300000 [fans]"),
            ("1,300,000 people", "1300000"),
            ("1.3m people", "1300000"),
            ("a million people", "1000000"),
            ("twenty-five workers", "25 [workers]"),
            ("at least 500 people", "min 500"),
            ("more than 300 people", "min 300"),
            ("up to 50 people", "max 50"),
            ("no more than 50", "max 50"),
            ("nearly 500 people", "about 500"),
            ("about 500", "about 500"),
            ("between 100 and 300 people", "100..300"),
            (
                "anywhere from 1 million to 1.3 million people",
                "1000000..1300000",
            ),
            ("between 1 and 1.3 million", "1000000..1300000"),
            ("500,000 – 800,000 people", "500000..800000"),
            ("100-300 people", "100..300"),
            ("40 or 50 people", "40..50"),
            (
                "an estimated 1.3 million revelers",
                "1300000 hedged [revelers]",
            ),
            ("dozens of people", "dozens"),
            ("hundreds of fans", "hundreds [fans]"),
            ("more than a dozen people", "min 12"),
            ("$5 million", "5000000 USD"),
            ("25% of voters", "25 percent [voters]"),
            (
                "Eight candle factory employees",
                "8 [candle factory employees]",
            ),
            ("eight of the 110 employees", "8 [employees]"),
        ] {
            assert_eq!(fig(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn years_measures_and_non_numbers_are_no_figures() {
        for text in [
            "2016 was the year",
            "3 p.m. on Friday",
            "1.5 miles long",
            "the parade",
            "a man",
            "between friends",
            "between 300 and 100",
        ] {
            assert_eq!(fig(text), None, "{text}");
        }
    }

    #[test]
    fn a_figure_ending_at_a_token() {
        let lex = Lexicon::defaults();
        let doc = Doc::new("so at least 500 people were killed", &lex);
        let f = ending_at(&doc, &lex, 5, 0).unwrap();
        assert_eq!(f.toks, 1..5);
        assert_eq!(f.value, Value::Amount(Amount::AtLeast(500.0)));
        assert!(
            ending_at(&doc, &lex, 6, 0).is_none(),
            "\"were\" ends no figure"
        );
    }
}
