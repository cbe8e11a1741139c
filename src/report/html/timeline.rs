//! The timeline of a clash, as inline SVG: said dates on the x-axis, one lane per voice
//! (the matrix's columns), each statement a mark coloured and lettered by its position
//! (filled when asserted, hollow when hedged), the time each statement says its content
//! holds as a thin bar under it (paler when it held at some unstated time within), revised
//! accounts joined by a dashed arc, retractions by a dotted one, a retracted statement
//! struck through. Every mark
//! links to the claim's words and carries a `<title>` (a tooltip, read by screen readers).

use super::escape::push;
use super::view::{View, manner, said, who_name};
use super::{PALETTE, Page, letter};
use crate::model::{FuzzyDate, Period};
use crate::resolve::ClaimIdx;

/// Lanes drawn; the matrix lists them all.
const MAX_LANES: usize = 30;
/// Marks drawn; the matrix lists them all.
const MAX_MARKS: usize = 2000;

const WIDTH: i64 = 960;
const LABEL: i64 = 190;
const RIGHT: i64 = 16;
const TOP: i64 = 26;
/// Height of one row of marks in a lane.
const ROW: i64 = 22;
/// Space above and below the rows of a lane.
const LANE_PAD: i64 = 10;
/// Rows of marks stacked in a lane before marks overlap.
const MAX_ROWS: usize = 5;
/// Radius of a mark.
const MARK_R: i64 = 8;
const UNDATED: i64 = 46;

/// A day as a fraction of the plotted range, mapped to an x coordinate.
struct Scale {
    lo: i64,
    hi: i64,
    x0: i64,
    x1: i64,
}

impl Scale {
    fn x(&self, day: i64) -> i64 {
        let day = day.clamp(self.lo, self.hi);
        let span = (self.hi - self.lo).max(1);
        self.x0 + (day - self.lo) * (self.x1 - self.x0) / span
    }
}

/// A period of minutes as days (open ends stay open).
fn day_range(p: Period) -> (i64, i64) {
    let day = |m: i64| {
        if m == i64::MIN || m == i64::MAX {
            m
        } else {
            m.div_euclid(24 * 60)
        }
    };
    (day(p.start), day(p.end))
}

/// The middle day of a bounded period.
fn middle(p: Period) -> Option<i64> {
    let (start, end) = day_range(p);
    (start != i64::MIN && end != i64::MAX).then(|| start + (end - start) / 2)
}

/// Writes the timeline of `view`; `links` are claim pairs to join (revised accounts),
/// earlier and later.
pub fn svg(p: &mut Page<'_>, view: &View, links: &[(ClaimIdx, ClaimIdx)]) {
    let corpus = p.cx.corpus;
    let lanes = &view.lanes[..view.lanes.len().min(MAX_LANES)];
    for &i in lanes.iter().flat_map(|l| &l.claims).take(MAX_MARKS) {
        p.wanted[i as usize] = true;
    }
    let out = &mut p.out;
    let mut days: Vec<i64> = Vec::new();
    for l in lanes {
        for &i in &l.claims {
            let c = &corpus.claims[i as usize];
            days.extend(middle(c.said));
            days.extend(
                <[i64; 2]>::from(day_range(c.valid))
                    .into_iter()
                    .filter(|d| *d != i64::MIN && *d != i64::MAX),
            );
        }
    }
    let undated = lanes.iter().flat_map(|l| &l.claims).any(|&i| {
        let c = &corpus.claims[i as usize];
        middle(c.said).is_none()
    });
    let (Some(&lo), Some(&hi)) = (days.iter().min(), days.iter().max()) else {
        out.push_str(
            "<p class=\"quiet\">No statement here has a date, so there is no timeline.</p>\n",
        );
        return;
    };
    // Pad the range: half a year around a single day, 4% otherwise.
    let pad = ((hi - lo) / 25).max(if hi == lo { 183 } else { 15 });
    let x0 = LABEL + if undated { UNDATED } else { 0 } + 8;
    let scale = Scale {
        lo: lo - pad,
        hi: hi + pad,
        x0,
        x1: WIDTH - RIGHT,
    };
    // Where each mark goes: x by said date (undated ones in their own column), and a
    // row within its lane so marks on the same date stack instead of hiding each other.
    let mut marks: Vec<Vec<(ClaimIdx, i64, usize)>> = Vec::new();
    let mut drawn = 0;
    for l in lanes {
        let mut lane: Vec<(ClaimIdx, i64, usize)> = Vec::new();
        for &i in l.claims.iter().take(MAX_MARKS - drawn) {
            let c = &corpus.claims[i as usize];
            let x = middle(c.said).map_or(LABEL + UNDATED / 2, |d| scale.x(d));
            lane.push((i, x, 0));
        }
        drawn += lane.len();
        let mut order: Vec<usize> = (0..lane.len()).collect();
        order.sort_by_key(|&k| (lane[k].1, k));
        let mut last_x: Vec<i64> = Vec::new();
        for k in order {
            let x = lane[k].1;
            let row = match last_x.iter().position(|&lx| lx + 2 * MARK_R + 2 <= x) {
                Some(r) => r,
                None if last_x.len() < MAX_ROWS => {
                    last_x.push(i64::MIN / 2);
                    last_x.len() - 1
                }
                // Full: the row whose last mark is furthest left.
                None => (0..last_x.len()).min_by_key(|&r| last_x[r]).unwrap_or(0),
            };
            last_x[row] = x;
            lane[k].2 = row;
        }
        marks.push(lane);
    }
    let rows = |lane: &[(ClaimIdx, i64, usize)]| lane.iter().map(|m| m.2 + 1).max().unwrap_or(1);
    let mut tops = Vec::with_capacity(lanes.len());
    let mut y = TOP;
    for lane in &marks {
        tops.push(y);
        y += LANE_PAD + ROW * rows(lane) as i64;
    }
    let height = y + 8;
    out.push_str(&format!(
        "<svg class=\"timeline\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"group\" aria-label=\"Timeline: when each voice said what; letters are the positions of the matrix\">\n"
    ));
    ticks(out, &scale, height);
    if undated {
        out.push_str(&format!(
            "<text class=\"tick\" x=\"{}\" y=\"14\" text-anchor=\"middle\">undated</text>\n",
            LABEL + UNDATED / 2
        ));
    }
    let row_y = |lane: usize, row: usize| tops[lane] + LANE_PAD / 2 + ROW / 2 + ROW * row as i64;
    // Lane labels and guides.
    for (k, l) in lanes.iter().enumerate() {
        let y = row_y(k, 0);
        if k > 0 {
            out.push_str(&format!(
                "<line class=\"sep\" x1=\"0\" x2=\"{WIDTH}\" y1=\"{0}\" y2=\"{0}\"/>",
                tops[k]
            ));
        }
        out.push_str(&format!(
            "<line class=\"lane\" x1=\"{LABEL}\" x2=\"{}\" y1=\"{y}\" y2=\"{y}\"/>",
            WIDTH - RIGHT
        ));
        let name = format!("{} · {}", who_name(corpus, &l.who), l.outlet);
        let shown: String = if name.chars().count() > 28 {
            name.chars().take(27).chain(['…']).collect()
        } else {
            name.clone()
        };
        out.push_str(&format!(
            "<text class=\"who\" x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>",
            LABEL - 6,
            y + 4
        ));
        push(out, &name);
        out.push_str("</title>");
        push(out, &shown);
        out.push_str("</text>\n");
    }
    let at: Vec<(ClaimIdx, i64, i64)> = marks
        .iter()
        .enumerate()
        .flat_map(|(k, lane)| lane.iter().map(move |&(i, x, row)| (i, x, k, row)))
        .map(|(i, x, k, row)| (i, x, row_y(k, row)))
        .collect();
    let place = |i: ClaimIdx| at.iter().find(|(c, _, _)| *c == i).map(|&(_, x, y)| (x, y));
    let retractions: Vec<(ClaimIdx, ClaimIdx)> = at
        .iter()
        .filter_map(|&(i, _, _)| Some((corpus.claims[i as usize].retracts?, i)))
        .collect();
    for (class, title, pairs) in [
        ("rev", "revised account", links),
        ("retr", "retraction", &retractions[..]),
    ] {
        for &(a, b) in pairs {
            if let (Some((x1, y1)), Some((x2, y2))) = (place(a), place(b)) {
                let mid = (y1.min(y2)) - 12;
                out.push_str(&format!(
                    "<path class=\"{class}\" d=\"M{x1} {y1} Q{} {mid} {x2} {y2}\"><title>{title}</title></path>\n",
                    (x1 + x2) / 2
                ));
            }
        }
    }
    for &(i, x, y) in &at {
        let c = &corpus.claims[i as usize];
        let pos = view.position_of(i).unwrap_or(0);
        let colour = pos % PALETTE;
        out.push_str(&format!("<a href=\"#c{i}\"><title>"));
        push(
            out,
            &format!("{}: position {}", c.claim.id.value, letter(pos)),
        );
        push(out, &format!("; said {} ({})", said(c), manner(c)));
        push(out, &format!("; holds {}", super::view::holds(c)));
        if let Some(t) = c.retracts {
            push(
                out,
                &format!("; takes back {}", corpus.claims[t as usize].claim.id.value),
            );
        }
        if let Some(t) = c.retracted_by {
            push(
                out,
                &format!(
                    "; taken back by {}",
                    corpus.claims[t as usize].claim.id.value
                ),
            );
        }
        out.push_str("</title>");
        let (vs, ve) = day_range(c.valid);
        if let Some((s, e)) = bounded_part(vs, ve) {
            let (xs, xe) = (scale.x(s), scale.x(e));
            let somewhere = if c.valid_somewhere { " somewhere" } else { "" };
            out.push_str(&format!(
                "<rect class=\"valid k{colour}{somewhere}\" x=\"{xs}\" y=\"{}\" width=\"{}\" height=\"3\"/>",
                y + MARK_R + 1,
                (xe - xs).max(2)
            ));
        }
        let hedged = if c.is_hedged() { " hedged" } else { "" };
        out.push_str(&format!(
            "<circle class=\"mk k{colour}{hedged}\" cx=\"{x}\" cy=\"{y}\" r=\"{MARK_R}\"/><text class=\"lt{hedged}\" x=\"{x}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
            y + 4,
            letter(pos)
        ));
        if c.retracted_by.is_some() {
            out.push_str(&format!(
                "<line class=\"strike\" x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>",
                x - MARK_R - 2,
                y + MARK_R + 2,
                x + MARK_R + 2,
                y - MARK_R - 2
            ));
        }
        out.push_str("</a>\n");
    }
    out.push_str("</svg>\n");
    let hidden_lanes = view.lanes.len() - lanes.len();
    let total: usize = lanes.iter().map(|l| l.claims.len()).sum();
    if hidden_lanes > 0 || total > drawn {
        out.push_str(&format!(
            "<p class=\"quiet\">The timeline draws {drawn} statements in {} voices; the matrix lists all {} voices.</p>\n",
            lanes.len(),
            view.lanes.len()
        ));
    }
}

/// The part of a valid-time interval worth a bar: open ends run to the edge of the plot;
/// "at any time" has no bar.
fn bounded_part(start: i64, end: i64) -> Option<(i64, i64)> {
    match (start, end) {
        (i64::MIN, i64::MAX) => None,
        (i64::MIN, e) => Some((i64::MIN + 1, e)),
        (s, e) => Some((s, e)),
    }
}

/// Year ticks (month ticks under two years, day ticks under four months) with their
/// labels and grid lines.
fn ticks(out: &mut String, scale: &Scale, height: i64) {
    let first = FuzzyDate::from_day(scale.lo);
    let last = FuzzyDate::from_day(scale.hi);
    let years = i64::from(last.year - first.year);
    let mut marks: Vec<(i64, String)> = Vec::new();
    let span = scale.hi - scale.lo;
    if span <= 120 {
        // Days: every 1, 2, 7 or 14 days.
        let step = [1, 2, 7, 14]
            .into_iter()
            .find(|s| span / s <= 10)
            .unwrap_or(28);
        let mut day = scale.lo + 1;
        while day <= scale.hi {
            marks.push((day, FuzzyDate::from_day(day).to_string()));
            day += step;
        }
    } else if years >= 2 {
        let step = [1, 2, 5, 10, 20, 50, 100]
            .into_iter()
            .find(|s| years / s <= 10)
            .unwrap_or(200);
        let mut y = i64::from(first.year) + 1;
        y += (step - y.rem_euclid(step)) % step;
        while y <= i64::from(last.year) {
            let year = i32::try_from(y).unwrap_or(i32::MAX);
            marks.push((FuzzyDate::ymd(year, 1, 1).first_day(), y.to_string()));
            y += step;
        }
    } else {
        let months =
            years * 12 + i64::from(last.month.unwrap_or(1)) - i64::from(first.month.unwrap_or(1));
        let step = [1, 2, 3, 6]
            .into_iter()
            .find(|s| months / s <= 10)
            .unwrap_or(12);
        let (mut y, mut m) = (first.year, i64::from(first.month.unwrap_or(1)));
        loop {
            m += 1;
            if m > 12 {
                m = 1;
                y += 1;
            }
            let day = FuzzyDate::ymd(y, m as u8, 1).first_day();
            if day > scale.hi {
                break;
            }
            if (m - 1) % step == 0 {
                marks.push((day, format!("{y}-{m:02}")));
            }
        }
    }
    for (day, label) in marks {
        let x = scale.x(day);
        out.push_str(&format!(
            "<line class=\"grid\" x1=\"{x}\" x2=\"{x}\" y1=\"18\" y2=\"{}\"/><text class=\"tick\" x=\"{x}\" y=\"14\" text-anchor=\"middle\">{label}</text>\n",
            height - 4
        ));
    }
}
