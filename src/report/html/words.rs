//! "The words": each claim a finding, dispute or corroboration names, with who said it,
//! when, what it says, where it is written (`file:line`, a forge link with
//! `--link-template`), and the quoted words in the article with a few lines around them,
//! the quoted span highlighted. Also the one-line excerpts findings show for a place in
//! a claim file.

use super::Page;
use super::escape::{push, push_inline};
use super::view::{manner, said};
use crate::model::{FileId, Span};
use crate::resolve::ClaimIdx;
use crate::resolve::quote::QuoteMatch;

/// Lines of context shown before and after the quoted lines.
const CONTEXT_LINES: usize = 1;
/// Characters kept of a context line (the rest elided).
const CONTEXT_CHARS: usize = 240;
/// Blank lines passed over (not counted as context) on each side.
const BLANKS_SKIPPED: usize = 2;
/// Characters kept on each side of a span in a long line.
const SPAN_WINDOW: usize = 400;

/// Writes the claims marked in `wanted` (by claim index), grouped by claim file: in full
/// while the page is under `limit` bytes, then in one line each.
pub fn section(p: &mut Page<'_>, wanted: &[bool], limit: usize) {
    let n = wanted.iter().filter(|w| **w).count();
    if n == 0 {
        return;
    }
    p.out.push_str(&format!(
        "<section id=\"words\" aria-labelledby=\"words-h\"><h2 id=\"words-h\">The words ({n} claims)</h2>\n<p class=\"quiet\">Each claim the findings name: who said it, when, what it says, where it is written, and the words it quotes in the article, highlighted.</p>\n"
    ));
    let claims: Vec<ClaimIdx> = (0..wanted.len())
        .filter(|&i| wanted[i])
        .map(|i| i as ClaimIdx)
        .collect();
    let mut file: Option<FileId> = None;
    p.brief_claims = p.items(claims.len(), limit, "claims", |p, k, full| {
        let i = claims[k];
        if !full {
            brief(p, i);
            return;
        }
        let f = p.cx.corpus.claims[i as usize].claim.id.span.file;
        if file != Some(f) {
            if file.is_some() {
                p.out.push_str("</div>\n");
            }
            file = Some(f);
            p.out.push_str("<div class=\"file\"><h3>");
            push(&mut p.out, p.cx.path(f));
            p.out.push_str("</h3>\n");
        }
        claim(p, i, wanted);
    });
    if file.is_some() {
        p.out.push_str("</div>\n");
    }
    p.out.push_str("</section>\n");
}

/// One claim's entry.
fn claim(p: &mut Page<'_>, i: ClaimIdx, wanted: &[bool]) {
    let corpus = p.cx.corpus;
    let c = &corpus.claims[i as usize];
    let source = &corpus.sources[c.source as usize];
    p.out
        .push_str(&format!("<article class=\"claim\" id=\"c{i}\"><h4><code>"));
    push(&mut p.out, &c.claim.id.value);
    p.out.push_str("</code></h4>\n<p>");
    let who = who(p, c);
    push(&mut p.out, &who);
    p.out.push_str(", said ");
    push(&mut p.out, &said(c));
    p.out.push_str(": ");
    push_inline(&mut p.out, &super::proposition(corpus, c));
    p.out.push_str(" (holds ");
    push(&mut p.out, &super::view::holds(c));
    p.out.push_str(").</p>\n<p class=\"where\">Written at ");
    p.place(c.claim.id.span);
    if c.claim.origin == crate::model::Origin::Extracted {
        p.out.push_str(" · drafted by the extractor");
    }
    p.out.push_str("</p>\n");
    for (what, other) in [
        ("Takes back", c.retracts),
        ("Taken back by", c.retracted_by),
    ] {
        if let Some(o) = other {
            p.out.push_str(&format!("<p class=\"retraction\">{what} "));
            if wanted[o as usize] {
                p.claim_link(o);
            } else {
                p.out.push_str("<code>");
                push(&mut p.out, &corpus.claims[o as usize].claim.id.value);
                p.out.push_str("</code> at ");
                p.place(corpus.claims[o as usize].claim.id.span);
            }
            p.out.push_str("</p>\n");
        }
    }
    let quote = c.claim.quote.as_ref().map(|q| q.value.as_str());
    match (c.quote.as_deref(), source.document, quote) {
        (Some(QuoteMatch::Found(range)), Some(doc), _) => {
            let span = corpus.map.span_of(doc, range.clone());
            p.out.push_str("<figure class=\"quote\"><figcaption>In ");
            p.place(span);
            p.out.push_str("</figcaption>\n");
            excerpt(p, span, CONTEXT_LINES);
            p.out.push_str("</figure>\n");
        }
        (Some(QuoteMatch::NearMiss { range, similarity }), Some(doc), Some(q)) => {
            let span = corpus.map.span_of(doc, range.clone());
            p.out.push_str("<blockquote class=\"unfound\"><p>");
            push(&mut p.out, q);
            p.out
                .push_str("</p><footer>not found in the article</footer></blockquote>\n");
            p.out.push_str(&format!(
                "<figure class=\"quote near\"><figcaption>The closest passage ({:.0}% alike), in ",
                similarity * 100.0
            ));
            p.place(span);
            p.out.push_str("</figcaption>\n");
            excerpt(p, span, 0);
            p.out.push_str("</figure>\n");
        }
        (_, _, Some(q)) => {
            p.out.push_str("<blockquote class=\"unfound\"><p>");
            push(&mut p.out, q);
            p.out.push_str("</p><footer>");
            p.out.push_str(match source.document {
                Some(_) => "not found in the article",
                None => "the source names no article",
            });
            p.out.push_str("</footer></blockquote>\n");
        }
        _ => {}
    }
    if let Some(note) = &c.claim.note() {
        p.out.push_str("<p class=\"note\">Note: ");
        push(&mut p.out, note);
        p.out.push_str("</p>\n");
    }
    p.out.push_str("</article>\n");
}

/// A claim in one line: id, who, when, what, where.
fn brief(p: &mut Page<'_>, i: ClaimIdx) {
    let c = &p.cx.corpus.claims[i as usize];
    p.out
        .push_str(&format!("<p class=\"claim brief\" id=\"c{i}\"><code>"));
    push(&mut p.out, &c.claim.id.value);
    p.out.push_str("</code> ");
    let line = format!("{}, said {}: ", who(p, c), said(c));
    push(&mut p.out, &line);
    push_inline(&mut p.out, &super::proposition(p.cx.corpus, c));
    p.out.push_str(" · ");
    p.place(c.claim.id.span);
    p.out.push_str("</p>\n");
}

/// Who said it and how it reached print: "John Legend, in OK! (quoted, hedged)", "the
/// health ministry, via AP, in Salon (quoted)", "TMZ (own words)".
fn who(p: &Page<'_>, c: &crate::resolve::ResolvedClaim) -> String {
    format!("{} ({})", p.cx.corpus.chain(c), manner(c))
}

/// Writes the lines around `span` (with `context` more lines each side), numbered, the
/// span inside a `<mark>`.
pub fn excerpt(p: &mut Page<'_>, span: Span, context: usize) {
    let text: &str = p.cx.corpus.map.get(span.file).text();
    let range = span.range();
    let start = range.start.min(text.len());
    let end = range.end.min(text.len()).max(start);
    // Whole lines from `context` lines before the span to `context` lines after; blank
    // lines (paragraph breaks) do not count, up to `BLANKS_SKIPPED` of them.
    let mut first = text[..start].rfind('\n').map_or(0, |k| k + 1);
    let mut line_no = span.line as usize;
    let (mut wanted, mut blanks) = (context, 0);
    while wanted > 0 && first > 0 {
        first = text[..first - 1].rfind('\n').map_or(0, |k| k + 1);
        line_no -= 1;
        let line = text[first..].split('\n').next().unwrap_or("");
        if line.trim().is_empty() && blanks < BLANKS_SKIPPED {
            blanks += 1;
        } else {
            wanted -= 1;
        }
    }
    let mut last = text[end..].find('\n').map_or(text.len(), |k| end + k);
    let (mut wanted, mut blanks) = (context, 0);
    while wanted > 0 && last < text.len() {
        let next = text[last + 1..]
            .find('\n')
            .map_or(text.len(), |k| last + 1 + k);
        if text[last + 1..next].trim().is_empty() && blanks < BLANKS_SKIPPED {
            blanks += 1;
        } else {
            wanted -= 1;
        }
        last = next;
    }
    p.out.push_str("<pre class=\"ctx\">");
    let mut at = first;
    for line in text[first..last].split('\n') {
        let (ls, le) = (at, at + line.len());
        at = le + 1;
        p.out.push_str(&format!(
            "<span class=\"ln\" aria-hidden=\"true\">{line_no}</span>"
        ));
        line_no += 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let le = ls + line.len();
        if le < start || ls > end || (ls == end && start != end) {
            // A context line.
            push(&mut p.out, &clip(line, CONTEXT_CHARS));
        } else {
            let (a, b) = (start.max(ls), end.min(le));
            let before = &text[ls..a];
            let after = &text[b..le];
            push(&mut p.out, &tail(before, SPAN_WINDOW));
            p.out.push_str("<mark>");
            push(&mut p.out, &text[a..b]);
            p.out.push_str("</mark>");
            push(&mut p.out, &clip(after, SPAN_WINDOW));
        }
        p.out.push('\n');
    }
    p.out.push_str("</pre>\n");
}

/// The first `n` characters of `s`, with `…` when cut.
fn clip(s: &str, n: usize) -> String {
    match s.char_indices().nth(n) {
        Some((k, _)) => format!("{}…", &s[..k]),
        None => s.to_string(),
    }
}

/// The last `n` characters of `s`, with `…` when cut.
fn tail(s: &str, n: usize) -> String {
    let count = s.chars().count();
    if count <= n {
        return s.to_string();
    }
    let k = s.char_indices().nth(count - n).map_or(0, |(k, _)| k);
    format!("…{}", &s[k..])
}
