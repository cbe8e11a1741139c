//! One finding as an `<article>`: severity (in words and colour), kind, code and name,
//! the message, its sides with the claims that hold each (linked to their words), where
//! it is, the explanation and the help; then its fingerprint and whether it is new, hidden
//! or a suggestion.

use super::escape::{push, push_inline};
use super::view::View;
use super::{Page, letter};
use crate::check::Finding;
use crate::report::{Change, Hidden};

/// Writes finding `i`, in full or in brief. In a dispute, `view` gives the sides the
/// dispute's letters.
pub fn article(p: &mut Page<'_>, i: usize, f: &Finding, view: Option<&View>, full: bool) {
    if !full {
        brief(p, i, f);
        return;
    }
    let cx = p.cx;
    let sev = f.severity.as_str();
    let reviewed = cx.reviewed(i);
    p.out.push_str(&format!(
        "<article class=\"finding sev-{sev}\" id=\"f{i}\" data-fingerprint=\""
    ));
    push(&mut p.out, &reviewed.fingerprint);
    p.out.push_str(&format!(
        "\">\n<h4><span class=\"sev {sev}\">{sev}</span> <span class=\"kind\">{}</span> <code>{}</code> <span class=\"name\">{}</span>",
        f.check.category.label(),
        f.check.code,
        f.check.name
    ));
    let mut badges: Vec<String> = Vec::new();
    if let (Some(change), Some(since)) = (reviewed.change, &cx.review.since) {
        let what = match change {
            Change::New => "new since",
            Change::Joined => "a claim joined it since",
            Change::Unchanged => "already there at",
        };
        badges.push(format!("{what} {}", super::escape::esc(&since.reference)));
    }
    if f.suggested {
        badges.push(String::from("suggestion: involves an extractor draft"));
    } else if f.extracted_only {
        badges.push(String::from("rests only on extracted claims"));
    }
    for b in badges {
        p.out
            .push_str(&format!(" <span class=\"badge\">{b}</span>"));
    }
    p.out.push_str("</h4>\n");
    if let Some(h) = cx.hidden(i, f) {
        let by = match h {
            Hidden::InSource(_) => "Hidden by a <code>suppress:</code> entry",
            Hidden::Baseline(_) => "Hidden by the baseline",
        };
        p.out.push_str(&format!("<p class=\"hidden\">{by}: "));
        push(&mut p.out, h.reason());
        p.out.push_str("</p>\n");
    }
    p.out.push_str("<p class=\"msg\">");
    push_inline(&mut p.out, &f.message);
    p.out.push_str("</p>\n");
    if !f.positions.is_empty() {
        p.out.push_str("<ul class=\"sides\">");
        for (k, side) in f.positions.iter().enumerate() {
            let pos = view
                .and_then(|v| side.claims.first().and_then(|&c| v.position_of(c)))
                .unwrap_or(k);
            p.out.push_str(&format!(
                "<li><span class=\"key p{}\">{}</span> ",
                pos % super::PALETTE,
                letter(pos)
            ));
            push_inline(&mut p.out, &side.label);
            p.out.push_str(": ");
            for (n, &c) in side.claims.iter().take(super::CLAIMS_PER_SIDE).enumerate() {
                if n > 0 {
                    p.out.push_str(", ");
                }
                p.claim_link(c);
            }
            if side.claims.len() > super::CLAIMS_PER_SIDE {
                p.out.push_str(&format!(
                    " and {} more",
                    side.claims.len() - super::CLAIMS_PER_SIDE
                ));
            }
            p.out.push_str("</li>");
        }
        p.out.push_str("</ul>\n");
    }
    p.out.push_str("<p class=\"where\">At ");
    p.place(f.primary.span);
    // A clash's places are its claims', listed with their words; others show the line.
    let clash = !f.positions.is_empty();
    if !clash && !f.primary.text.is_empty() {
        p.out.push_str(" (");
        push_inline(&mut p.out, &f.primary.text);
        p.out.push(')');
    }
    p.out.push_str("</p>\n");
    if !clash {
        super::words::excerpt(p, f.primary.span, 0);
    }
    if !clash && !f.related.is_empty() {
        p.out.push_str("<ul class=\"related\">");
        for l in &f.related {
            p.out.push_str("<li>");
            p.place(l.span);
            if !l.text.is_empty() {
                p.out.push_str(": ");
                push_inline(&mut p.out, &l.text);
            }
            p.out.push_str("</li>");
        }
        p.out.push_str("</ul>\n");
    }
    if !f.explanation.is_empty() {
        p.out.push_str("<p class=\"expl\">");
        push_inline(&mut p.out, &f.explanation);
        p.out.push_str("</p>\n");
    }
    if !f.help.is_empty() {
        p.out.push_str("<p class=\"help\"><strong>Help:</strong> ");
        push_inline(&mut p.out, &f.help);
        p.out.push_str("</p>\n");
    }
    p.out.push_str("</article>\n");
}

/// A finding in one line: severity, code, message, place (and why it is hidden).
fn brief(p: &mut Page<'_>, i: usize, f: &Finding) {
    p.brief += 1;
    let sev = f.severity.as_str();
    p.out.push_str(&format!(
        "<p class=\"finding brief\" id=\"f{i}\" data-fingerprint=\""
    ));
    push(&mut p.out, &p.cx.reviewed(i).fingerprint);
    p.out.push_str(&format!(
        "\"><span class=\"sev {sev}\">{sev}</span> <code>{}</code> <span class=\"msg\">",
        f.check.code
    ));
    push_inline(&mut p.out, &f.message);
    p.out.push_str("</span> · ");
    p.place(f.primary.span);
    if let Some(h) = p.cx.hidden(i, f) {
        p.out.push_str(" <span class=\"hidden\">(hidden: ");
        push(&mut p.out, h.reason());
        p.out.push_str(")</span>");
    }
    p.out.push_str("</p>\n");
}
