//! Dates with year, month or day precision and an optional time of day, closed day
//! intervals (what the extractor reasons in), and closed minute periods (when a claim was
//! said and when it holds).

use std::fmt;

/// A calendar date known to year, month or day precision: `2022`, `2022-08`, `2022-08-04`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct FuzzyDate {
    /// The year.
    pub year: i32,
    /// The month (1–12), if known.
    pub month: Option<u8>,
    /// The day of the month, if known (only with a month).
    pub day: Option<u8>,
    /// The time of day, if known (only with a day).
    #[serde(default)]
    pub time: Option<TimeOfDay>,
}

/// A time of day, `18:00`, with its UTC offset when written (`Z`, `+02:00`).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct TimeOfDay {
    /// Minutes since midnight, local to the offset, plus one (so an absent time costs no
    /// space in a date): see [`TimeOfDay::minute`].
    minute1: std::num::NonZeroU16,
    /// Minutes east of UTC, when written (`Z` is 0).
    /// Minutes east of UTC; [`NO_OFFSET`] when not written.
    offset: i16,
}

/// The stored offset of a time written without one.
const NO_OFFSET: i16 = i16::MIN;

/// Minutes in a day.
const DAY_MINUTES: i64 = 1440;

impl FuzzyDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, optionally followed by a time of day
    /// (`2023-10-17T18:00`, `T18:00:30`, with `Z` or an offset like `+02:00`), checking the
    /// calendar and the clock.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        if let Some((date, time)) = text.split_once(['T', 't', ' ']) {
            let mut d = Self::parse(date)?;
            if d.day.is_none() {
                return Err(format!(
                    "`{text}` is not a date: a time of day needs a full date (2023-10-17T18:00)"
                ));
            }
            d.time = Some(
                TimeOfDay::parse(time.trim())
                    .map_err(|m| format!("`{text}` is not a date: {m}"))?,
            );
            return Ok(d);
        }
        let parts: Vec<&str> = text.split('-').collect();
        let number = |s: &str, what: &str, len: usize| -> Result<u32, String> {
            if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!(
                    "`{text}` is not a date: the {what} must be {len} digits (use 2022, 2022-08 or 2022-08-04)"
                ));
            }
            s.parse::<u32>().map_err(|e| e.to_string())
        };
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!(
                "`{text}` is not a date (use 2022, 2022-08 or 2022-08-04)"
            ));
        }
        let year = number(parts[0], "year", 4)? as i32;
        let month = match parts.get(1) {
            Some(m) => {
                let m = number(m, "month", 2)?;
                if !(1..=12).contains(&m) {
                    return Err(format!("`{text}` is not a date: month {m} is out of range"));
                }
                Some(m as u8)
            }
            None => None,
        };
        let day = match (parts.get(2), month) {
            (Some(d), Some(m)) => {
                let d = number(d, "day", 2)?;
                let max = days_in_month(year, m);
                if d == 0 || d > u32::from(max) {
                    return Err(format!(
                        "`{text}` is not a date: {year}-{m:02} has {max} days"
                    ));
                }
                Some(d as u8)
            }
            _ => None,
        };
        Ok(Self {
            year,
            month,
            day,
            time: None,
        })
    }

    /// A day-precision date.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
            time: None,
        }
    }

    /// The first minute this date may mean (minutes since 1970-01-01T00:00 UTC; a time
    /// without an offset is taken as UTC).
    pub fn first_minute(&self) -> i64 {
        match self.time {
            Some(t) => self.first_day() * DAY_MINUTES + t.utc_minute(),
            None => self.first_day() * DAY_MINUTES,
        }
    }

    /// The last minute this date may mean.
    pub fn last_minute(&self) -> i64 {
        match self.time {
            Some(t) => self.first_day() * DAY_MINUTES + t.utc_minute(),
            None => self.last_day() * DAY_MINUTES + DAY_MINUTES - 1,
        }
    }

    /// The whole date as a period of minutes.
    pub fn period(&self) -> Period {
        Period {
            start: self.first_minute(),
            end: self.last_minute(),
        }
    }

    /// The same date without its time of day.
    pub fn date_only(self) -> Self {
        Self { time: None, ..self }
    }

    /// The first day this date may mean, as a day number (days since 1970-01-01).
    pub fn first_day(&self) -> i64 {
        days_from_civil(self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// The last day this date may mean, as a day number.
    pub fn last_day(&self) -> i64 {
        let month = self.month.unwrap_or(12);
        let day = self.day.unwrap_or_else(|| days_in_month(self.year, month));
        days_from_civil(self.year, month, day)
    }

    /// The whole date as an interval.
    pub fn interval(&self) -> Interval {
        Interval {
            start: self.first_day(),
            end: self.last_day(),
        }
    }

    /// The day-precision date of a day number.
    pub fn from_day(day: i64) -> Self {
        let (y, m, d) = civil_from_days(day);
        Self::ymd(y, m, d)
    }
}

impl fmt::Display for FuzzyDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        if let Some(t) = self.time {
            write!(f, "T{t}")?;
        }
        Ok(())
    }
}

impl TimeOfDay {
    /// Parses `18:00`, `18:00:30` (seconds are dropped), `18:00Z`, `18:00+02:00`, `18:00-0500`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let bad = || format!("`{text}` is not a time of day (use 18:00, 18:00Z or 18:00+02:00)");
        let (clock, offset) = if let Some(c) = text.strip_suffix(['Z', 'z']) {
            (c, Some(0))
        } else if let Some(i) = text.rfind(['+', '-']) {
            let (c, o) = text.split_at(i);
            let sign: i16 = if o.starts_with('-') { -1 } else { 1 };
            let digits: String = o[1..].chars().filter(|c| *c != ':').collect();
            if digits.len() != 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(bad());
            }
            let (h, m): (i16, i16) = (
                digits[..2].parse().map_err(|_| bad())?,
                digits[2..].parse().map_err(|_| bad())?,
            );
            if h > 14 || m > 59 {
                return Err(bad());
            }
            (c, Some(sign * (h * 60 + m)))
        } else {
            (text, None)
        };
        let parts: Vec<&str> = clock.split(':').collect();
        if !(2..=3).contains(&parts.len())
            || parts
                .iter()
                .any(|p| p.len() != 2 || !p.bytes().all(|b| b.is_ascii_digit()))
        {
            return Err(bad());
        }
        let h: u16 = parts[0].parse().map_err(|_| bad())?;
        let m: u16 = parts[1].parse().map_err(|_| bad())?;
        let s: u16 = parts
            .get(2)
            .map_or(Ok(0), |s| s.parse().map_err(|_| bad()))?;
        if h > 23 || m > 59 || s > 60 {
            return Err(bad());
        }
        Ok(Self::new(h * 60 + m, offset))
    }

    /// A time `minute` minutes after midnight (below 1440), with its UTC offset if known.
    pub fn new(minute: u16, offset: Option<i16>) -> Self {
        Self {
            minute1: std::num::NonZeroU16::new(minute.min(1439) + 1)
                .unwrap_or(std::num::NonZeroU16::MIN),
            offset: offset.unwrap_or(NO_OFFSET),
        }
    }

    /// Minutes since midnight, local to the offset.
    pub fn minute(self) -> u16 {
        self.minute1.get() - 1
    }

    /// Minutes east of UTC, when written.
    pub fn offset(self) -> Option<i16> {
        (self.offset != NO_OFFSET).then_some(self.offset)
    }

    /// Minutes after the date's midnight in UTC (may fall on the day before or after).
    fn utc_minute(self) -> i64 {
        i64::from(self.minute()) - i64::from(self.offset().unwrap_or(0))
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minute() / 60, self.minute() % 60)?;
        match self.offset() {
            None => Ok(()),
            Some(0) => f.write_str("Z"),
            Some(o) => {
                let sign = if o < 0 { '-' } else { '+' };
                write!(f, "{sign}{:02}:{:02}", o.abs() / 60, o.abs() % 60)
            }
        }
    }
}

/// A closed period of minutes since 1970-01-01T00:00 UTC; `i64::MIN`/`i64::MAX` stand for
/// an open end. When a claim was said and when it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    /// First minute (inclusive).
    pub start: i64,
    /// Last minute (inclusive).
    pub end: i64,
}

impl Period {
    /// All time.
    pub const ALWAYS: Period = Period {
        start: i64::MIN,
        end: i64::MAX,
    };

    /// Whether two periods share at least one minute.
    pub fn overlaps(&self, other: &Period) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// Whether this period lies wholly inside another.
    pub fn within(&self, other: &Period) -> bool {
        other.start <= self.start && self.end <= other.end
    }

    /// A short human form: `2018`, `2020-01-01 onwards`, `until 2019-12-31`,
    /// `2023-10-17T18:00`, `at any time`.
    pub fn describe(&self) -> String {
        let day = |m: i64| m.div_euclid(DAY_MINUTES);
        let whole_days = |p: &Period| {
            (p.start == i64::MIN || p.start.rem_euclid(DAY_MINUTES) == 0)
                && (p.end == i64::MAX || p.end.rem_euclid(DAY_MINUTES) == DAY_MINUTES - 1)
        };
        if whole_days(self) {
            let days = Interval {
                start: if self.start == i64::MIN {
                    i64::MIN
                } else {
                    day(self.start)
                },
                end: if self.end == i64::MAX {
                    i64::MAX
                } else {
                    day(self.end)
                },
            };
            return days.describe();
        }
        let at = |m: i64| {
            let mut d = FuzzyDate::from_day(day(m));
            d.time = Some(TimeOfDay::new(m.rem_euclid(DAY_MINUTES) as u16, Some(0)));
            d.to_string()
        };
        match (self.start, self.end) {
            (i64::MIN, e) => format!("until {}", at(e)),
            (s, i64::MAX) => format!("from {} on", at(s)),
            (s, e) if s == e => at(s),
            (s, e) => format!("{} to {}", at(s), at(e)),
        }
    }
}

/// A closed interval of day numbers; `i64::MIN`/`i64::MAX` stand for an open end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Interval {
    /// First day (inclusive).
    pub start: i64,
    /// Last day (inclusive).
    pub end: i64,
}

impl Interval {
    /// All time.
    pub const ALWAYS: Interval = Interval {
        start: i64::MIN,
        end: i64::MAX,
    };

    /// Whether two intervals share at least one day.
    pub fn overlaps(&self, other: &Interval) -> bool {
        self.start <= other.end && other.start <= self.end
    }

    /// A short human form: `2018`, `2020-01-01 onwards`, `until 2019-12-31`, `always`.
    pub fn describe(&self) -> String {
        match (self.start, self.end) {
            (i64::MIN, i64::MAX) => "at any time".to_string(),
            (i64::MIN, e) => format!("until {}", FuzzyDate::from_day(e)),
            (s, i64::MAX) => format!("from {} on", FuzzyDate::from_day(s)),
            (s, e) => {
                let (a, b) = (FuzzyDate::from_day(s), FuzzyDate::from_day(e));
                if a.year == b.year
                    && a.month == Some(1)
                    && a.day == Some(1)
                    && b.month == Some(12)
                    && b.day == Some(31)
                {
                    format!("{}", a.year)
                } else if a == b {
                    a.to_string()
                } else {
                    format!("{a} to {b}")
                }
            }
        }
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day number.
fn civil_from_days(z: i64) -> (i32, u8, u8) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    ((y + i64::from(m <= 2)) as i32, m, d)
}

/// Today's date: `CLAIMCHECK_TODAY` (for reproducible runs and tests) or the system clock.
pub fn today() -> FuzzyDate {
    if let Some(date) = std::env::var("CLAIMCHECK_TODAY")
        .ok()
        .and_then(|t| FuzzyDate::parse(&t).ok())
    {
        return date;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    FuzzyDate::from_day((secs / 86_400) as i64)
}

#[cfg(test)]
mod time_tests {
    use super::*;

    #[test]
    fn times_of_day_order_updates_of_one_day() {
        let morning = FuzzyDate::parse("2023-10-17T09:30").unwrap();
        let evening = FuzzyDate::parse("2023-10-17T18:00+02:00").unwrap();
        assert_eq!(evening.to_string(), "2023-10-17T18:00+02:00");
        assert!(morning.period().end < evening.period().start);
        // The whole day contains both.
        let day = FuzzyDate::parse("2023-10-17").unwrap().period();
        assert!(morning.period().within(&day) && evening.period().within(&day));
        assert_eq!(
            FuzzyDate::parse("2023-10-17T16:00Z").unwrap().period(),
            evening.period()
        );
    }

    #[test]
    fn bad_times_are_refused() {
        for bad in [
            "2023-10T18:00",
            "2023-10-17T25:00",
            "2023-10-17T18",
            "2023-10-17T18:00+2",
            "2023-10-17T18:61",
        ] {
            assert!(FuzzyDate::parse(bad).is_err(), "{bad}");
        }
        assert!(FuzzyDate::parse("2023-10-17T18:00:30").is_ok());
    }

    #[test]
    fn periods_describe_like_dates() {
        assert_eq!(
            FuzzyDate::parse("2018").unwrap().period().describe(),
            "2018"
        );
        assert_eq!(
            FuzzyDate::parse("2023-10-17T18:00Z")
                .unwrap()
                .period()
                .describe(),
            "2023-10-17T18:00Z"
        );
        assert_eq!(Period::ALWAYS.describe(), "at any time");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision() {
        assert_eq!(FuzzyDate::parse("2022").unwrap().to_string(), "2022");
        assert_eq!(FuzzyDate::parse("2022-08").unwrap().to_string(), "2022-08");
        assert_eq!(
            FuzzyDate::parse("2022-08-04").unwrap().to_string(),
            "2022-08-04"
        );
    }

    #[test]
    fn rejects_impossible_dates() {
        assert!(FuzzyDate::parse("2022-02-30").is_err());
        assert!(FuzzyDate::parse("2022-13").is_err());
        assert!(FuzzyDate::parse("22-08-04").is_err());
        assert!(FuzzyDate::parse("August 2022").is_err());
        assert!(FuzzyDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn precision_sets_the_interval() {
        let y = FuzzyDate::parse("2020").unwrap().interval();
        let d = FuzzyDate::parse("2020-12-31").unwrap().interval();
        let next = FuzzyDate::parse("2021-01").unwrap().interval();
        assert!(y.overlaps(&d));
        assert!(!y.overlaps(&next));
        assert_eq!(y.end - y.start, 365);
    }

    #[test]
    fn day_numbers_round_trip() {
        for day in [-800_000, -1, 0, 1, 19_000, 20_000, 2_000_000] {
            let d = FuzzyDate::from_day(day);
            assert_eq!(d.first_day(), day, "{d}");
        }
        assert_eq!(FuzzyDate::ymd(1970, 1, 1).first_day(), 0);
    }
}
