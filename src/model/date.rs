//! Dates with year, month or day precision, and closed day intervals.

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
}

impl FuzzyDate {
    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, checking the calendar.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
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
        Ok(Self { year, month, day })
    }

    /// A day-precision date.
    pub fn ymd(year: i32, month: u8, day: u8) -> Self {
        Self {
            year,
            month: Some(month),
            day: Some(day),
        }
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
        Ok(())
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
