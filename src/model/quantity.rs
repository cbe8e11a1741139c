//! Figures as reporting gives them: exact (`471`), bounded (`at least 500`, `at most 10`),
//! ranges (`100 to 300`) and approximations (`nearly 500`), and the tolerance a predicate
//! allows between two figures. Every figure is a closed interval; two figures agree when
//! the gap between their intervals is within the tolerance.

use std::fmt;

/// How a figure was stated.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Amount {
    /// Exactly this number (`number: 471`).
    Exact(f64),
    /// At least this number (`min: 500`).
    AtLeast(f64),
    /// At most this number (`max: 50`).
    AtMost(f64),
    /// Between the two, inclusive (`min: 100, max: 300`).
    Between(f64, f64),
    /// Approximately this number (`about: 500`): within the predicate's relative tolerance,
    /// ±5 % when it has none.
    About(f64),
}

/// The relative width `about` takes when the predicate gives no relative tolerance.
pub const DEFAULT_ABOUT: f64 = 0.05;

impl Amount {
    /// The closed interval the figure allows; `about` is widened by `about_width` (a
    /// fraction of the number).
    pub fn interval(self, about_width: f64) -> (f64, f64) {
        match self {
            Self::Exact(n) => (n, n),
            Self::AtLeast(n) => (n, f64::INFINITY),
            Self::AtMost(n) => (f64::NEG_INFINITY, n),
            Self::Between(a, b) => (a, b),
            Self::About(n) => {
                let d = (n * about_width).abs();
                (n - d, n + d)
            }
        }
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::Exact(n) => write!(f, "{}", Number(n)),
            Self::AtLeast(n) => write!(f, "at least {}", Number(n)),
            Self::AtMost(n) => write!(f, "at most {}", Number(n)),
            Self::Between(a, b) => write!(f, "{}–{}", Number(a), Number(b)),
            Self::About(n) => write!(f, "about {}", Number(n)),
        }
    }
}

/// A number printed the way people write it: no trailing `.0`, thousands grouped.
#[derive(Debug, Clone, Copy)]
pub struct Number(pub f64);

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0;
        if n.is_infinite() {
            return f.write_str(if n > 0.0 { "∞" } else { "-∞" });
        }
        if n.fract() != 0.0 || n.abs() >= 1e15 {
            // A difference of two written figures (`321 - 276.65`) carries binary noise
            // (`44.35000000000002`): nine significant digits are more than any source gives.
            let rounded: f64 = format!("{n:.9e}").parse().unwrap_or(n);
            return write!(f, "{rounded}");
        }
        let digits = format!("{}", n.abs() as u64);
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
        if n < 0.0 {
            out.push('-');
        }
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i) % 3 == 0 && digits.len() > 4 {
                out.push(',');
            }
            out.push(c);
        }
        f.write_str(&out)
    }
}

/// How far apart two figures of a predicate may be and still be the same value: an
/// absolute distance (`tolerance: 2`) or a fraction of the figures (`tolerance: 2%`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Tolerance {
    /// Exactly equal (the default).
    #[default]
    None,
    /// Within this distance.
    Absolute(f64),
    /// Within this fraction of the larger figure (0.02 for `2%`).
    Relative(f64),
}

impl Tolerance {
    /// Parses `2`, `0.5` or `2%`; a negative value or a percentage above 100 % is an error.
    pub fn parse(text: &str) -> Result<Self, String> {
        let t = text.trim();
        if let Some(p) = t.strip_suffix('%') {
            let v: f64 = p.trim().parse().map_err(|_| {
                format!("`{t}` is not a tolerance: write a number or a percentage like `2%`")
            })?;
            if !(0.0..=100.0).contains(&v) {
                return Err(format!(
                    "tolerance `{t}` is out of range: a percentage is between 0% and 100%"
                ));
            }
            return Ok(if v == 0.0 {
                Self::None
            } else {
                Self::Relative(v / 100.0)
            });
        }
        let v: f64 = t.parse().map_err(|_| {
            format!("`{t}` is not a tolerance: write a number or a percentage like `2%`")
        })?;
        if !v.is_finite() || v < 0.0 {
            return Err(format!("tolerance `{t}` must be a number of at least 0"));
        }
        Ok(if v == 0.0 {
            Self::None
        } else {
            Self::Absolute(v)
        })
    }

    /// The width `about` figures take under this tolerance (its fraction, or ±5 %).
    pub fn about_width(self) -> f64 {
        match self {
            Self::Relative(r) => r,
            _ => DEFAULT_ABOUT,
        }
    }

    /// The largest gap allowed between two intervals whose nearest ends are `a` and `b`.
    fn allowed(self, a: f64, b: f64) -> f64 {
        match self {
            Self::None => 0.0,
            Self::Absolute(t) => t,
            Self::Relative(r) => r * a.abs().max(b.abs()),
        }
    }
}

/// The gap between two intervals (0 when they overlap), with the nearest ends.
fn gap(a: (f64, f64), b: (f64, f64)) -> (f64, f64, f64) {
    if a.1 < b.0 {
        (b.0 - a.1, a.1, b.0)
    } else if b.1 < a.0 {
        (a.0 - b.1, b.1, a.0)
    } else {
        (0.0, 0.0, 0.0)
    }
}

/// Whether two figures (as intervals) can be the same value under a tolerance.
pub fn figures_agree(a: (f64, f64), b: (f64, f64), tolerance: Tolerance) -> bool {
    let (g, x, y) = gap(a, b);
    g <= tolerance.allowed(x, y) + f64::EPSILON * x.abs().max(y.abs())
}

/// Whether affirming the figure `affirmed` (its amount and interval) says what denying the
/// interval `denied` denies: the affirmed interval lies within the denied one, or the affirmed
/// figure names one value (exact or approximate) that agrees with it. A range or bound that
/// merely reaches the denied value does not ("1 to 1.3 million" against "1.3 million is
/// impossible"), nor does one that reaches past it.
pub fn figure_asserts(
    affirmed: Amount,
    affirmed_interval: (f64, f64),
    denied: (f64, f64),
    tolerance: Tolerance,
) -> bool {
    match affirmed {
        Amount::Exact(n) | Amount::About(n) => figures_agree((n, n), denied, tolerance),
        _ => {
            let (a, d) = (affirmed_interval, denied);
            let slack = |x: f64, y: f64| {
                if x.is_finite() && y.is_finite() {
                    tolerance.allowed(x, y) + f64::EPSILON * x.abs().max(y.abs())
                } else {
                    0.0
                }
            };
            a.0 >= d.0 - slack(a.0, d.0) && a.1 <= d.1 + slack(a.1, d.1)
        }
    }
}

/// The distance between two figures that do not agree, for the report ("a gap of 450").
pub fn figure_gap(a: (f64, f64), b: (f64, f64)) -> f64 {
    gap(a, b).0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_show_without_binary_noise() {
        assert_eq!(Number(321.0 - 276.65).to_string(), "44.35");
        assert_eq!(Number(0.1 + 0.2).to_string(), "0.3");
        assert_eq!(Number(1.5).to_string(), "1.5");
        assert_eq!(Number(1234567.0).to_string(), "1,234,567");
    }

    #[test]
    fn bounds_and_ranges_are_intervals() {
        assert_eq!(
            Amount::AtLeast(500.0).interval(0.05),
            (500.0, f64::INFINITY)
        );
        assert_eq!(Amount::Between(100.0, 300.0).interval(0.05), (100.0, 300.0));
        assert_eq!(Amount::About(500.0).interval(0.05), (475.0, 525.0));
    }

    #[test]
    fn compatible_figures_agree_and_separate_ones_do_not() {
        let none = Tolerance::None;
        // at least 500 vs 500; 100–300 vs 200–300; 471 vs nearly 500.
        assert!(figures_agree((500.0, f64::INFINITY), (500.0, 500.0), none));
        assert!(figures_agree((100.0, 300.0), (200.0, 300.0), none));
        assert!(figures_agree(
            (471.0, 471.0),
            Amount::About(500.0).interval(0.06),
            none
        ));
        assert!(!figures_agree((500.0, 500.0), (10.0, 50.0), none));
        assert_eq!(figure_gap((500.0, 500.0), (10.0, 50.0)), 450.0);
    }

    #[test]
    fn tolerances_absolute_and_relative() {
        assert!(figures_agree(
            (41.0, 41.0),
            (42.0, 42.0),
            Tolerance::parse("1").unwrap()
        ));
        assert!(!figures_agree(
            (41.0, 41.0),
            (43.0, 43.0),
            Tolerance::parse("1").unwrap()
        ));
        let two = Tolerance::parse("2%").unwrap();
        assert!(figures_agree((100.0, 100.0), (102.0, 102.0), two));
        assert!(!figures_agree((100.0, 100.0), (103.0, 103.0), two));
        assert!(Tolerance::parse("150%").is_err());
        assert!(Tolerance::parse("-1").is_err());
        assert!(Tolerance::parse("x").is_err());
    }

    #[test]
    fn numbers_print_as_people_write_them() {
        assert_eq!(Number(38_000_000.0).to_string(), "38,000,000");
        assert_eq!(Number(2022.0).to_string(), "2022");
        assert_eq!(Number(0.25).to_string(), "0.25");
        assert_eq!(Amount::Between(100.0, 300.0).to_string(), "100–300");
    }
}
