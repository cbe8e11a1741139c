//! The positions × voices view of a clash (a dispute, or one finding's sides): which
//! voice holds which position. A voice is a speaker (or an outlet in its own words) as
//! printed by one outlet, so "John Legend quoted by OK!" and "John Legend as paraphrased
//! by TMZ" are two columns under one "John Legend" heading. The matrix lists the claims in
//! each cell; the timeline draws the same lanes over time.

use super::escape::{push, push_inline};
use super::{Page, letter};
use crate::resolve::{ClaimIdx, Corpus, ResolvedClaim};
use rustc_hash::FxHashMap;

/// Claims listed per matrix cell before "and N more".
const MARKS_PER_CELL: usize = 12;

/// How a claim reached print after its origin: "in OK!", "via AP, in Salon" (the
/// relays nearest the origin first), or "own report" for an outlet's own words.
pub fn route(corpus: &Corpus, c: &ResolvedClaim) -> String {
    let outlet = &corpus.sources[c.source as usize].outlet;
    let mut relays: Vec<&str> = c
        .via
        .iter()
        .rev()
        .map(|&v| corpus.entities[v as usize].name.as_str())
        .collect();
    if c.speaker.is_none() && !relays.is_empty() {
        // The farthest relay is the origin, the lane's heading.
        relays.remove(0);
    } else if c.speaker.is_none() {
        return String::from("own report");
    }
    if relays.is_empty() {
        format!("in {outlet}")
    } else {
        format!("via {}, in {outlet}", relays.join(", "))
    }
}

/// When a claim says its content holds: "from 2020-07 on", or "at some time before
/// 2019-12-31" when it held at an unstated time ([`ResolvedClaim::valid_text`]).
pub fn holds(c: &ResolvedClaim) -> String {
    c.valid_text()
}

/// Who speaks: a speaker entity (or the origin of a relayed report), or an outlet in its
/// own words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Who {
    /// A speaker or the origin of a relayed report (entity index).
    Speaker(u32),
    /// An outlet speaking for itself.
    Outlet(String),
}

/// One column of the matrix and lane of the timeline.
#[derive(Debug, Clone)]
pub struct Lane {
    /// Who speaks.
    pub who: Who,
    /// How it reached print: "in OK!", "via AP, in Salon", or "own report".
    pub outlet: String,
    /// The claims in this lane, in position order.
    pub claims: Vec<ClaimIdx>,
}

/// Positions and the voices that hold them.
#[derive(Debug, Clone)]
pub struct View {
    /// The positions: label and claims, in the order given.
    pub positions: Vec<(String, Vec<ClaimIdx>)>,
    /// The lanes, grouped by who speaks (in order of first appearance).
    pub lanes: Vec<Lane>,
    /// Each claim's position (the first that lists it).
    pos_of: FxHashMap<ClaimIdx, usize>,
}

impl View {
    /// The view of some positions (label, claims).
    pub fn new(corpus: &Corpus, positions: Vec<(String, Vec<ClaimIdx>)>) -> Self {
        let mut lanes: Vec<Lane> = Vec::new();
        for (_, claims) in &positions {
            for &i in claims {
                let c = &corpus.claims[i as usize];
                let outlet = route(corpus, c);
                let who = match corpus.origin(c) {
                    Some(s) => Who::Speaker(s),
                    None => Who::Outlet(corpus.sources[c.source as usize].outlet.clone()),
                };
                match lanes
                    .iter_mut()
                    .find(|l| l.who == who && l.outlet == outlet)
                {
                    Some(l) => l.claims.push(i),
                    None => lanes.push(Lane {
                        who,
                        outlet,
                        claims: vec![i],
                    }),
                }
            }
        }
        // Group by who speaks, keeping first appearance (a stable sort on the first index
        // of each `who`).
        let first = |w: &Who, lanes: &[Lane]| lanes.iter().position(|l| l.who == *w);
        let keys: Vec<usize> = lanes
            .iter()
            .map(|l| first(&l.who, &lanes).unwrap_or(0))
            .collect();
        let mut order: Vec<usize> = (0..lanes.len()).collect();
        order.sort_by_key(|&i| (keys[i], i));
        let lanes: Vec<Lane> = order.into_iter().map(|i| lanes[i].clone()).collect();
        let mut pos_of = FxHashMap::default();
        for (k, (_, claims)) in positions.iter().enumerate() {
            for &c in claims {
                pos_of.entry(c).or_insert(k);
            }
        }
        Self {
            positions,
            lanes,
            pos_of,
        }
    }

    /// The position of a claim (the first that lists it).
    pub fn position_of(&self, claim: ClaimIdx) -> Option<usize> {
        self.pos_of.get(&claim).copied()
    }
}

/// The name of who speaks.
pub fn who_name<'a>(corpus: &'a Corpus, w: &'a Who) -> &'a str {
    match w {
        Who::Speaker(s) => &corpus.entities[*s as usize].name,
        Who::Outlet(o) => o,
    }
}

/// How a claim reached the page: "quoted", "paraphrased", "reported" (a relayed report),
/// "own words"; "hedged" added.
pub fn manner(c: &ResolvedClaim) -> String {
    let how = match (c.speaker, c.is_direct()) {
        (None, _) if !c.via.is_empty() => "reported",
        (None, _) => "own words",
        (Some(_), true) => "quoted",
        (Some(_), false) => "paraphrased",
    };
    if c.is_hedged() {
        format!("{how}, hedged")
    } else {
        how.to_string()
    }
}

/// The said date as shown: `2022-08-04`, or `undated`.
pub fn said(c: &ResolvedClaim) -> String {
    c.said_date
        .map_or_else(|| String::from("undated"), |d| d.to_string())
}

/// Writes the matrix: one row per position, one column per lane, grouped under who
/// speaks; each cell lists the claims (a link to their words), filled mark for asserted,
/// hollow for hedged, with the said date and the manner in words.
pub fn matrix(p: &mut Page<'_>, view: &View) {
    let corpus = p.cx.corpus;
    for (pi, _) in view.positions.iter().enumerate() {
        for l in &view.lanes {
            let here = l
                .claims
                .iter()
                .filter(|&&c| view.position_of(c) == Some(pi));
            for &i in here.take(MARKS_PER_CELL) {
                p.wanted[i as usize] = true;
            }
        }
    }
    let o = &mut p.out;
    o.push_str("<div class=\"scroll\"><table class=\"matrix\"><caption>Positions × voices: who holds which position (● asserted, ○ hedged; each mark links to the claim's words)</caption>\n<thead><tr><th scope=\"col\" rowspan=\"2\">Position</th>");
    let mut k = 0;
    while k < view.lanes.len() {
        let who = &view.lanes[k].who;
        let n = view.lanes[k..].iter().take_while(|l| l.who == *who).count();
        o.push_str(&format!("<th scope=\"colgroup\" colspan=\"{n}\">"));
        push(o, who_name(corpus, who));
        o.push_str("</th>");
        k += n;
    }
    o.push_str("</tr>\n<tr>");
    for l in &view.lanes {
        o.push_str("<th scope=\"col\" class=\"outlet\">");
        push(o, &l.outlet);
        o.push_str("</th>");
    }
    o.push_str("</tr></thead>\n<tbody>\n");
    for (pi, (label, _)) in view.positions.iter().enumerate() {
        o.push_str(&format!(
            "<tr><th scope=\"row\"><span class=\"key p{}\">{}</span> ",
            pi % super::PALETTE,
            letter(pi)
        ));
        push_inline(o, label);
        o.push_str("</th>");
        for l in &view.lanes {
            let here: Vec<ClaimIdx> = l
                .claims
                .iter()
                .copied()
                .filter(|&c| view.position_of(c) == Some(pi))
                .collect();
            if here.is_empty() {
                o.push_str("<td class=\"empty\"><span class=\"sr\">none</span></td>");
                continue;
            }
            o.push_str("<td>");
            for &i in here.iter().take(MARKS_PER_CELL) {
                let c = &corpus.claims[i as usize];
                let mark = if c.is_hedged() { '○' } else { '●' };
                o.push_str(&format!(
                    "<a class=\"m k{}\" href=\"#c{i}\"><span aria-hidden=\"true\">{mark}</span> ",
                    pi % super::PALETTE
                ));
                push(o, &said(c));
                o.push_str(" <small>");
                push(o, &manner(c));
                if c.retracted_by.is_some() {
                    o.push_str(", <span class=\"gone\">taken back</span>");
                }
                if c.retracts.is_some() {
                    o.push_str(", a retraction");
                }
                o.push_str("</small><span class=\"sr\"> claim ");
                push(o, &c.claim.id.value);
                o.push_str("</span></a>");
            }
            if here.len() > MARKS_PER_CELL {
                o.push_str(&format!(
                    "<span class=\"more\">and {} more</span>",
                    here.len() - MARKS_PER_CELL
                ));
            }
            o.push_str("</td>");
        }
        o.push_str("</tr>\n");
    }
    o.push_str("</tbody></table></div>\n");
}
