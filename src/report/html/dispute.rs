//! One dispute: its question, the positions × voices matrix, the timeline and its
//! findings; past the page's budget, the positions as a list and the findings in brief.

use super::escape::push_inline;
use super::view::{self, View};
use super::{Page, finding, plural, timeline};
use crate::check::{Category, Report};
use crate::resolve::ClaimIdx;

/// One dispute: question, matrix, timeline, findings.
pub(super) fn dispute(p: &mut Page<'_>, report: &Report, k: usize, full: bool) {
    let corpus = p.cx.corpus;
    let d = &report.disputes[k];
    let view = View::new(
        corpus,
        d.positions
            .iter()
            .map(|pos| (pos.text.clone(), pos.claims.clone()))
            .collect(),
    );
    p.out.push_str(&format!(
        "<section class=\"dispute\" id=\"d{k}\" aria-labelledby=\"d{k}-h\"><h3 id=\"d{k}-h\">"
    ));
    push_inline(&mut p.out, &d.question);
    p.out.push_str(&format!(
        "</h3>\n<p class=\"quiet\">{} held by {}; {}.</p>\n",
        plural(d.positions.len(), "position"),
        plural(view.lanes.len(), "voice"),
        plural(d.findings.len(), "finding")
    ));
    if !full {
        p.out.push_str("<ol class=\"positions\" type=\"A\">");
        for pos in &d.positions {
            p.out.push_str("<li>");
            push_inline(&mut p.out, &pos.text);
            p.out.push_str(&format!(
                " <span class=\"quiet\">({})</span></li>",
                plural(pos.claims.len(), "claim")
            ));
        }
        p.out.push_str("</ol>\n");
        for &i in &d.findings {
            finding::article(p, i, &report.findings[i], None, false);
        }
        p.out.push_str("</section>\n");
        return;
    }
    view::matrix(p, &view);
    let links = revisions(report, &d.findings);
    p.out.push_str("<figure class=\"tl\">\n");
    timeline::svg(p, &view, &links);
    p.out.push_str("<figcaption>Said dates left to right, one lane per voice; a letter is the position (filled: asserted, hollow: hedged), the bar under it the time it says the thing holds (pale: at some time within), a dashed arc a revised account, a dotted arc a retraction, a struck-through mark a statement taken back.</figcaption></figure>\n");
    p.items(d.findings.len(), p.full, "findings", |p, k, full| {
        let i = d.findings[k];
        finding::article(p, i, &report.findings[i], Some(&view), full);
    });
    p.out.push_str("</section>\n");
}

/// The claim pairs revised-account findings join (first claim of each side).
fn revisions(report: &Report, findings: &[usize]) -> Vec<(ClaimIdx, ClaimIdx)> {
    findings
        .iter()
        .map(|&i| &report.findings[i])
        .filter(|f| f.check.category == Category::Revision)
        .filter_map(|f| match (f.positions.first(), f.positions.get(1)) {
            (Some(a), Some(b)) => Some((*a.claims.first()?, *b.claims.first()?)),
            _ => f.claims.get(..2).map(|c| (c[0], c[1])),
        })
        .collect()
}
