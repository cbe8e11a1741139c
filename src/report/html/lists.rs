//! The lists after the disputes: findings outside disputes by kind (most severe kinds
//! first), the extractor's suggestions, hidden findings, corroborations, findings resolved
//! since `--new-since` and stale baseline entries.

use super::escape::{push, push_inline};
use super::{Page, finding};
use crate::check::{Category, Report};
use crate::report::Ctx;

/// Which findings go in which section outside the disputes.
pub(super) struct Sections {
    /// Shown findings outside disputes, by kind (most severe kinds first, then in
    /// [`Category`] order).
    pub(super) by_kind: Vec<(Category, Vec<usize>)>,
    /// Shown suggestions outside disputes.
    pub(super) suggested: Vec<usize>,
    /// Hidden findings outside disputes.
    pub(super) hidden: Vec<usize>,
}

impl Sections {
    pub(super) fn of(report: &Report, cx: &Ctx<'_>, in_dispute: &[bool]) -> Self {
        let mut by_kind: Vec<(Category, Vec<usize>)> = Vec::new();
        let mut suggested = Vec::new();
        let mut hidden = Vec::new();
        for (i, f) in report.findings.iter().enumerate() {
            if in_dispute[i] {
                continue;
            }
            if cx.hidden(i, f).is_some() {
                hidden.push(i);
            } else if f.suggested {
                suggested.push(i);
            } else {
                match by_kind.iter_mut().find(|(k, _)| *k == f.check.category) {
                    Some((_, v)) => v.push(i),
                    None => by_kind.push((f.check.category, vec![i])),
                }
            }
        }
        // Most severe kinds first (they get the room for full detail), then kind order.
        let top = |v: &[usize]| v.iter().map(|&i| report.findings[i].severity).max();
        by_kind.sort_by_key(|(k, v)| (std::cmp::Reverse(top(v)), *k));
        Self {
            by_kind,
            suggested,
            hidden,
        }
    }

    pub(super) fn others(&self) -> usize {
        self.by_kind.iter().map(|(_, v)| v.len()).sum()
    }
}

/// Findings outside disputes: by kind, then suggestions, then hidden ones.
pub(super) fn others(p: &mut Page<'_>, report: &Report, s: &Sections) {
    if s.others() > 0 {
        p.out.push_str(&format!(
            "<section id=\"other\" aria-labelledby=\"other-h\"><h2 id=\"other-h\">Other findings ({})</h2>\n",
            s.others()
        ));
        for (kind, list) in &s.by_kind {
            p.out.push_str(&format!(
                "<section class=\"group\"><h3>{} ({})</h3>\n",
                capitalise(kind.label()),
                list.len()
            ));
            p.items(list.len(), p.full, "findings", |p, k, full| {
                finding::article(p, list[k], &report.findings[list[k]], None, full);
            });
            p.out.push_str("</section>\n");
        }
        p.out.push_str("</section>\n");
    }
    for (id, title, note, list) in [
        (
            "suggested",
            "Suggested by the extractor",
            "Findings that involve a claim the extractor drafted and nobody has reviewed: notes only, they never fail the run.",
            &s.suggested,
        ),
        (
            "hidden",
            "Hidden findings",
            "Findings a <code>suppress:</code> entry or the baseline hides, with the reason given.",
            &s.hidden,
        ),
    ] {
        if list.is_empty() {
            continue;
        }
        p.out.push_str(&format!(
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\"><h2 id=\"{id}-h\">{title} ({})</h2>\n<p class=\"quiet\">{note}</p>\n<details><summary>Show them</summary>\n",
            list.len()
        ));
        for &i in list {
            let full = p.roomy();
            finding::article(p, i, &report.findings[i], None, full);
        }
        p.out.push_str("</details></section>\n");
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
}

/// Statements several independent outlets agree on.
pub(super) fn corroborations(p: &mut Page<'_>, report: &Report) {
    if report.corroborations.is_empty() {
        return;
    }
    p.out.push_str(&format!(
        "<section id=\"corroborations\" aria-labelledby=\"corroborations-h\"><h2 id=\"corroborations-h\">Stated by several outlets ({})</h2>\n<ul class=\"corr\">\n",
        report.corroborations.len()
    ));
    let n = report.corroborations.len();
    p.items(n, p.full, "corroborations", |p, k, full| {
        corroboration(p, &report.corroborations[k], full);
    });
    p.out.push_str("</ul></section>\n");
}

/// One corroboration: in full its claims link to their words; in brief they are ids.
fn corroboration(p: &mut Page<'_>, c: &crate::check::Corroboration, full: bool) {
    {
        p.out.push_str("<li>");
        push_inline(&mut p.out, &c.proposition);
        let backing = if c.voices == 1 {
            format!("1 voice, repeated by {} outlets", c.outlets.len())
        } else {
            format!("{} voices in {} outlets", c.voices, c.outlets.len())
        };
        p.out
            .push_str(&format!(" <span class=\"quiet\">({backing}: "));
        push(&mut p.out, &c.outlets.join(", "));
        p.out.push_str(")</span>: ");
        for (n, &i) in c.claims.iter().enumerate() {
            if n > 0 {
                p.out.push_str(", ");
            }
            if full || p.wanted[i as usize] {
                p.claim_link(i);
            } else {
                p.out.push_str("<code>");
                push(&mut p.out, &p.cx.corpus.claims[i as usize].claim.id.value);
                p.out.push_str("</code>");
            }
        }
        p.out.push_str("</li>\n");
    }
}

/// Findings resolved since the `--new-since` ref; stale baseline entries.
pub(super) fn review_sections(p: &mut Page<'_>) {
    let cx = p.cx;
    if let Some(since) = cx.review.since.as_ref().filter(|s| !s.resolved.is_empty()) {
        p.out.push_str("<section id=\"resolved\" aria-labelledby=\"resolved-h\"><h2 id=\"resolved-h\">Resolved since <code>");
        push(&mut p.out, &since.reference);
        p.out
            .push_str(&format!("</code> ({})</h2>\n<ul>\n", since.resolved.len()));
        for g in &since.resolved {
            p.out.push_str(&format!(
                "<li><span class=\"sev {0}\">{0}</span> <code>{1}</code> {2}: ",
                g.severity.as_str(),
                g.code,
                g.name
            ));
            push_inline(&mut p.out, &g.message);
            p.out.push_str(" <span class=\"quiet\">(was at <code>");
            push(&mut p.out, &format!("{}:{}", g.path, g.line));
            p.out.push_str("</code>)</span></li>\n");
        }
        p.out.push_str("</ul></section>\n");
    }
    if let Some(b) = cx.review.baseline.as_ref().filter(|b| !b.stale.is_empty()) {
        p.out.push_str(&format!(
            "<section id=\"stale\" aria-labelledby=\"stale-h\"><h2 id=\"stale-h\">Stale baseline entries ({})</h2>\n<p>They match no finding and fail the run; <code>claimcheck baseline prune</code> removes them.</p>\n<ul>\n",
            b.stale.len()
        ));
        for e in &b.stale {
            p.out.push_str("<li><code>");
            push(&mut p.out, &format!("{}:{}", b.path, e.line));
            p.out.push_str("</code> <code>");
            push(&mut p.out, &e.fingerprint);
            p.out.push_str("</code> ");
            push(
                &mut p.out,
                &format!("{} {}: ", e.check, e.claims.join(", ")),
            );
            push_inline(&mut p.out, &e.message);
            p.out.push_str("</li>\n");
        }
        p.out.push_str("</ul></section>\n");
    }
}
