//! The HTML report (`--format html`, `--output html=report.html`): one self-contained page
//! for the people who read a contradiction report (editors, fact-checkers), to open from a
//! CI artifact or `file://`. Inline CSS and SVG and a few lines of script (keyboard
//! navigation, open collapsed parts before printing); a Content-Security-Policy that
//! allows nothing else, so the page fetches nothing. Same report, same bytes.
//!
//! Layout: the [`overview`] (counts by kind and severity, the disputes most severe first,
//! the files and settings of the run, files that could not be read); each [`dispute`] with
//! its positions × voices matrix ([`view`]), its [`timeline`] and its findings
//! ([`finding`]); the [`lists`] after them (findings outside disputes by kind, most severe
//! kinds first; the extractor's suggestions; hidden findings; corroborations; findings
//! resolved since `--new-since`; stale baseline entries); then the [`words`] of every claim
//! named. Every string from the user's files is escaped ([`escape`]). Disputes are listed
//! most severe first (ties keep the report's order); findings keep the report's order
//! within their list. Past a byte budget the rest of each list is shown in brief inside a
//! closed `<details>` (see [`FULL_BYTES`]).

mod dispute;
mod escape;
mod finding;
mod lists;
mod overview;
mod timeline;
mod view;
mod words;

use super::{Change, Ctx};
use crate::check::Report;
use crate::model::Span;
use crate::resolve::{ClaimIdx, Corpus, ResolvedClaim};
use escape::push;
use std::io::{self, Write};

/// The stylesheet, inlined.
const STYLE: &str = include_str!("style.css");
/// The script, inlined; the Content-Security-Policy allows it by its hash.
const SCRIPT: &str = include_str!("script.js");
/// `sha256-` and the base64 SHA-256 of [`SCRIPT`] (the browser test checks it:
/// `openssl dgst -sha256 -binary src/report/html/script.js | base64`).
const SCRIPT_HASH: &str = "sha256-yU/Q6GXtLHjqEwT2IgITYp3pWChR6HyTlDxC6rnO00w=";

/// Colours positions cycle through (the letters tell them apart beyond that).
const PALETTE: usize = 7;

/// Claims linked per side of a finding before "and N more".
const CLAIMS_PER_SIDE: usize = 24;

/// Findings and disputes are shown in full while the page body is under this many bytes;
/// the rest of each list in brief (severity, code, message, place) inside a closed
/// `<details>`, which a browser parses but does not lay out until it is opened. So a
/// report of any size opens quickly (a 100k-claim report in about two seconds; see
/// docs/performance.md); claims' words are listed for what is shown in full.
const FULL_BYTES: usize = 5 << 20;
/// The words of claims are shown with their article excerpt while the body is under this
/// many bytes, then as one line each (who, when, what, where), collapsed.
const WORDS_BYTES: usize = 7 << 20;

/// A position's letter: A … Z, then AA, AB, …
fn letter(i: usize) -> String {
    let mut s = String::new();
    let mut n = i + 1;
    while n > 0 {
        let r = (n - 1) % 26;
        s.insert(0, char::from(b'A' + r as u8));
        n = (n - 1) / 26;
    }
    s
}

/// "`subject` [not ]predicate `object`", worded as the findings word positions.
fn proposition(corpus: &Corpus, c: &ResolvedClaim) -> String {
    corpus.position_text(c)
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn plural(n: usize, w: &str) -> String {
    if n == 1 {
        format!("{n} {w}")
    } else {
        format!("{n} {w}s")
    }
}

/// The page being written.
pub struct Page<'a> {
    /// The render context.
    cx: &'a Ctx<'a>,
    /// The page so far.
    out: String,
    /// Findings are shown in full while `out` is under this many bytes.
    full: usize,
    /// The claims named so far (by claim index): their words are listed at the end.
    wanted: Vec<bool>,
    /// Findings shown in brief (past [`FULL_BYTES`]).
    brief: usize,
    /// Disputes shown without matrix and timeline (past [`FULL_BYTES`]).
    brief_disputes: usize,
    /// Claims whose words are one line (past [`WORDS_BYTES`]).
    brief_claims: usize,
}

impl Page<'_> {
    /// `path:line:column` of a span: a link with `--link-template`, text otherwise.
    fn place(&mut self, span: Span) {
        let path = self.cx.path(span.file);
        let shown = format!("{path}:{}:{}", span.line, span.column);
        match &self.cx.links {
            Some(t) => {
                self.out.push_str("<a href=\"");
                push(&mut self.out, &t.link(path, span.line, span.column));
                self.out.push_str("\">");
                push(&mut self.out, &shown);
                self.out.push_str("</a>");
            }
            None => {
                self.out.push_str("<code>");
                push(&mut self.out, &shown);
                self.out.push_str("</code>");
            }
        }
    }

    /// A link to a claim's words (`<code>id</code>`), marking the claim as wanted.
    fn claim_link(&mut self, i: ClaimIdx) {
        // (While the words themselves are written, `wanted` is taken and stays as is.)
        if let Some(w) = self.wanted.get_mut(i as usize) {
            *w = true;
        }
        let id = &self.cx.corpus.claims[i as usize].claim.id.value;
        self.out.push_str(&format!("<a href=\"#c{i}\"><code>"));
        push(&mut self.out, id);
        self.out.push_str("</code></a>");
    }

    /// Whether there is room left to show things in full.
    fn roomy(&self) -> bool {
        self.out.len() < self.full
    }

    /// Writes `n` items with `each(page, k, full)`: in full while the body is under
    /// `limit` bytes, the rest in brief inside a closed `<details>` that says how many
    /// `what` it holds. Returns how many were brief.
    fn items(
        &mut self,
        n: usize,
        limit: usize,
        what: &str,
        mut each: impl FnMut(&mut Self, usize, bool),
    ) -> usize {
        let mut brief = 0;
        for k in 0..n {
            if brief == 0 && self.out.len() >= limit {
                brief = n - k;
                self.out.push_str(&format!(
                    "<details class=\"rest\"><summary>{} more {what}, in brief</summary>\n",
                    n - k
                ));
            }
            each(self, k, brief == 0);
        }
        if brief > 0 {
            self.out.push_str("</details>\n");
        }
        brief
    }
}

/// Writes the HTML report.
pub fn render(report: &Report, cx: &Ctx<'_>, w: &mut dyn Write) -> io::Result<()> {
    render_within(report, cx, w, FULL_BYTES, WORDS_BYTES)
}

/// Writes the HTML report with findings in full while the body is under `full` bytes and
/// claims' words in full while it is under `words` bytes.
fn render_within(
    report: &Report,
    cx: &Ctx<'_>,
    w: &mut dyn Write,
    full: usize,
    words: usize,
) -> io::Result<()> {
    let counts = cx.counts(report);
    let line = super::text::summary_line(
        &counts,
        cx.corpus.claims.len(),
        cx.review.below_min_level,
        &super::unread_files(cx.corpus),
    );
    let ranked = overview::rank(report, cx);
    let in_dispute: Vec<bool> = {
        let mut v = vec![false; report.findings.len()];
        for d in &report.disputes {
            for &i in &d.findings {
                v[i] = true;
            }
        }
        v
    };
    let sections = lists::Sections::of(report, cx, &in_dispute);
    // The body first (what it shows in brief is said in the overview), then the head.
    let mut p = Page {
        cx,
        out: String::new(),
        full,
        wanted: vec![false; cx.corpus.claims.len()],
        brief: 0,
        brief_disputes: 0,
        brief_claims: 0,
    };
    if !report.disputes.is_empty() {
        p.out.push_str(&format!(
            "<section id=\"disputes\" aria-labelledby=\"disputes-h\"><h2 id=\"disputes-h\">Disputes ({})</h2>\n",
            report.disputes.len()
        ));
        p.brief_disputes = p.items(ranked.len(), full, "disputes", |p, k, roomy| {
            dispute::dispute(p, report, ranked[k], roomy);
        });
        p.out.push_str("</section>\n");
    }
    lists::others(&mut p, report, &sections);
    lists::corroborations(&mut p, report);
    lists::review_sections(&mut p);
    let wanted = std::mem::take(&mut p.wanted);
    words::section(&mut p, &wanted, words);
    let body = std::mem::take(&mut p.out);
    overview::head(&mut p, &line);
    overview::nav(&mut p, report, &sections);
    p.out.push_str("<main id=\"main\">\n");
    overview::overview(&mut p, report, &line, &ranked);
    let mut w = io::BufWriter::new(w);
    w.write_all(p.out.as_bytes())?;
    w.write_all(body.as_bytes())?;
    w.write_all(b"</main>\n<footer><p>Made by claimcheck ")?;
    w.write_all(env!("CARGO_PKG_VERSION").as_bytes())?;
    w.write_all(b". Keys: <kbd>j</kbd> and <kbd>k</kbd> move to the next and previous finding.</p></footer>\n<script>")?;
    w.write_all(SCRIPT.as_bytes())?;
    w.write_all(b"</script>\n</body>\n</html>\n")?;
    w.flush()
}

#[cfg(test)]
mod tests;
