//! The HTML report (`--format html`, `--output html=report.html`): one self-contained page
//! for the people who read a contradiction report (editors, fact-checkers), to open from a
//! CI artifact or `file://`. Inline CSS and SVG and a few lines of script (keyboard
//! navigation, open collapsed parts before printing); a Content-Security-Policy that
//! allows nothing else, so the page fetches nothing. Same report, same bytes.
//!
//! Layout: an overview (counts by kind and severity, the disputes most severe first, the
//! files and settings of the run, files that could not be read); each dispute with its
//! positions × voices matrix ([`view`]), its timeline ([`timeline`]) and its findings
//! ([`finding`]); the findings outside disputes by kind; the extractor's suggestions;
//! hidden findings; corroborations; findings resolved since `--new-since` and stale
//! baseline entries; then the words of every claim named ([`words`]). Every string from
//! the user's files is escaped ([`escape`]). Disputes are listed most severe first (ties
//! keep the report's order); everything else keeps the report's order.

mod escape;
mod finding;
mod timeline;
mod view;
mod words;

use super::{Change, Ctx};
use crate::check::{Category, Finding, Report, Severity};
use crate::model::{Polarity, Span};
use crate::resolve::{ClaimIdx, Corpus, ResolvedClaim};
use escape::{push, push_inline};
use std::io::{self, Write};
use view::View;

/// The stylesheet, inlined.
const STYLE: &str = include_str!("style.css");
/// The script, inlined; the Content-Security-Policy allows it by its hash.
const SCRIPT: &str = include_str!("script.js");
/// `sha256-` and the base64 SHA-256 of [`SCRIPT`] (the browser test checks it:
/// `openssl dgst -sha256 -binary src/report/html/script.js | base64`).
const SCRIPT_HASH: &str = "sha256-yU/Q6GXtLHjqEwT2IgITYp3pWChR6HyTlDxC6rnO00w=";

/// Colours positions cycle through (the letters tell them apart beyond that).
const PALETTE: usize = 7;

/// Disputes the overview lists before the rest are collapsed.
const RANKED_SHOWN: usize = 20;

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

/// "`subject` [not ]predicate `object`" ("undetermined whether …" for "not known"): ids
/// and values as code, worded as the findings word positions.
fn proposition(corpus: &Corpus, c: &ResolvedClaim) -> String {
    let (not, open) = match c.polarity() {
        Polarity::Denied => ("not ", ""),
        Polarity::Undetermined => ("", "undetermined whether "),
        Polarity::Affirmed => ("", ""),
    };
    let subject = &corpus.term(c.subject).id;
    let predicate = &corpus.vocabulary.def(c.predicate).name;
    match &c.object {
        Some(o) => format!(
            "{open}`{subject}` {not}{predicate} `{}`",
            corpus.object_text(Some(o)).trim_matches('"')
        ),
        None => format!("{open}`{subject}` {not}{predicate}"),
    }
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
    let ranked = rank(report, cx);
    let in_dispute: Vec<bool> = {
        let mut v = vec![false; report.findings.len()];
        for d in &report.disputes {
            for &i in &d.findings {
                v[i] = true;
            }
        }
        v
    };
    let sections = Sections::of(report, cx, &in_dispute);
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
            dispute(p, report, ranked[k], roomy);
        });
        p.out.push_str("</section>\n");
    }
    others(&mut p, report, &sections);
    corroborations(&mut p, report);
    review_sections(&mut p);
    let wanted = std::mem::take(&mut p.wanted);
    words::section(&mut p, &wanted, words);
    let body = std::mem::take(&mut p.out);
    head(&mut p, &line);
    nav(&mut p, report, &sections);
    p.out.push_str("<main id=\"main\">\n");
    overview(&mut p, report, &line, &ranked);
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

/// Doctype, head (policy, title, style) and the page header.
fn head(p: &mut Page<'_>, line: &str) {
    p.out
        .push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    p.out.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; script-src '{SCRIPT_HASH}'; img-src data:; base-uri 'none'; form-action 'none'\">\n"
    ));
    p.out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"claimcheck\">\n<title>claimcheck: ");
    push(&mut p.out, line);
    p.out.push_str("</title>\n<style>\n");
    p.out.push_str(STYLE);
    p.out.push_str("</style>\n</head>\n<body>\n<a class=\"skip\" href=\"#main\">Skip to the report</a>\n<header>\n<h1>claimcheck report</h1>\n<p class=\"lead\">");
    push_inline(&mut p.out, line);
    p.out.push_str("</p>\n</header>\n");
}

/// Disputes by (highest shown severity, shown findings) descending; ties keep the
/// report's order.
fn rank(report: &Report, cx: &Ctx<'_>) -> Vec<usize> {
    let key = |d: &crate::check::sink::Dispute| {
        let shown: Vec<&Finding> = d
            .findings
            .iter()
            .filter(|&&i| cx.hidden(i, &report.findings[i]).is_none())
            .map(|&i| &report.findings[i])
            .collect();
        let top = shown.iter().map(|f| f.severity).max();
        (std::cmp::Reverse(top), std::cmp::Reverse(shown.len()))
    };
    let mut order: Vec<usize> = (0..report.disputes.len()).collect();
    order.sort_by_key(|&k| (key(&report.disputes[k]), k));
    order
}

/// Which findings go in which section outside the disputes.
struct Sections {
    /// Shown findings outside disputes, by kind (most severe kinds first, then in
    /// [`Category`] order).
    by_kind: Vec<(Category, Vec<usize>)>,
    /// Shown suggestions outside disputes.
    suggested: Vec<usize>,
    /// Hidden findings outside disputes.
    hidden: Vec<usize>,
}

impl Sections {
    fn of(report: &Report, cx: &Ctx<'_>, in_dispute: &[bool]) -> Self {
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

    fn others(&self) -> usize {
        self.by_kind.iter().map(|(_, v)| v.len()).sum()
    }
}

/// The table of contents.
fn nav(p: &mut Page<'_>, report: &Report, s: &Sections) {
    p.out.push_str(
        "<nav aria-label=\"Sections\"><ul>\n<li><a href=\"#overview\">Overview</a></li>\n",
    );
    let mut item = |id: &str, label: &str, n: usize| {
        if n > 0 {
            p.out
                .push_str(&format!("<li><a href=\"#{id}\">{label} ({n})</a></li>\n"));
        }
    };
    item("disputes", "Disputes", report.disputes.len());
    item("other", "Other findings", s.others());
    item("suggested", "Suggestions", s.suggested.len());
    item("hidden", "Hidden", s.hidden.len());
    item(
        "corroborations",
        "Corroborated",
        report.corroborations.len(),
    );
    let resolved = p.cx.review.since.as_ref().map_or(0, |s| s.resolved.len());
    item("resolved", "Resolved", resolved);
    let stale = p.cx.review.baseline.as_ref().map_or(0, |b| b.stale.len());
    item("stale", "Stale baseline", stale);
    p.out
        .push_str("<li><a href=\"#words\">The words</a></li>\n</ul></nav>\n");
}

/// Counts, ranked disputes, files and settings.
fn overview(p: &mut Page<'_>, report: &Report, line: &str, ranked: &[usize]) {
    let cx = p.cx;
    p.out.push_str("<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">Overview</h2>\n");
    let unread = super::unread_files(cx.corpus);
    if let Some(phrase) = super::text::unread_phrase(&unread) {
        p.out.push_str(
            "<p class=\"alert\" role=\"alert\"><strong>Not everything was checked:</strong> ",
        );
        push(&mut p.out, &phrase);
        p.out.push_str(".</p>\n");
    }
    let brief: Vec<String> = [
        (p.brief_disputes, "dispute"),
        (p.brief, "finding"),
        (p.brief_claims, "claim"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, w)| plural(n, w))
    .collect();
    if !brief.is_empty() {
        p.out.push_str(&format!(
            "<p class=\"alert\">This report is large. To keep the page quick to open, {} are listed in brief (without matrix, timeline, explanation or article words), collapsed at the end of their lists; the JSON report (<code>--output json=PATH</code>) has every detail.</p>\n",
            join_and(&brief)
        ));
    }
    // Counts by kind and severity (shown findings).
    let mut rows: Vec<(Category, [usize; 3])> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        if cx.hidden(i, f).is_some() {
            continue;
        }
        let col = match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        };
        match rows.iter_mut().find(|(k, _)| *k == f.check.category) {
            Some((_, r)) => r[col] += 1,
            None => {
                let mut r = [0; 3];
                r[col] = 1;
                rows.push((f.check.category, r));
            }
        }
    }
    rows.sort_by_key(|(k, _)| *k);
    if rows.is_empty() {
        p.out.push_str("<p class=\"ok\">No findings: ");
        push_inline(&mut p.out, line);
        p.out.push_str(".</p>\n");
    } else {
        p.out.push_str("<table class=\"counts\"><caption>Findings shown, by kind and severity</caption>\n<thead><tr><th scope=\"col\">Kind</th><th scope=\"col\"><span class=\"sev error\">error</span></th><th scope=\"col\"><span class=\"sev warning\">warning</span></th><th scope=\"col\"><span class=\"sev note\">note</span></th><th scope=\"col\">All</th></tr></thead>\n<tbody>\n");
        let mut total = [0; 3];
        for (k, r) in &rows {
            p.out.push_str(&format!(
                "<tr><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                k.label(),
                r[0],
                r[1],
                r[2],
                r.iter().sum::<usize>()
            ));
            for c in 0..3 {
                total[c] += r[c];
            }
        }
        p.out.push_str(&format!(
            "</tbody>\n<tfoot><tr><th scope=\"row\">All</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr></tfoot></table>\n",
            total[0],
            total[1],
            total[2],
            total.iter().sum::<usize>()
        ));
    }
    if !ranked.is_empty() {
        p.out
            .push_str("<h3>Disputes, most severe first</h3>\n<ol class=\"ranked\">\n");
        for (n, &k) in ranked.iter().enumerate() {
            if n == RANKED_SHOWN {
                p.out.push_str(&format!(
                    "</ol>\n<details><summary>{} more disputes</summary>\n<ol class=\"ranked\" start=\"{}\">\n",
                    ranked.len() - n,
                    n + 1
                ));
            }
            let d = &report.disputes[k];
            let mut sev = [0; 3];
            for &i in &d.findings {
                if cx.hidden(i, &report.findings[i]).is_none() {
                    sev[match report.findings[i].severity {
                        Severity::Error => 0,
                        Severity::Warning => 1,
                        Severity::Note => 2,
                    }] += 1;
                }
            }
            let parts: Vec<String> = [("error", sev[0]), ("warning", sev[1]), ("note", sev[2])]
                .into_iter()
                .filter(|(_, n)| *n > 0)
                .map(|(w, n)| format!("<span class=\"sev {w}\">{}</span>", plural(n, w)))
                .collect();
            p.out.push_str(&format!("<li><a href=\"#d{k}\">"));
            push_inline(&mut p.out, &d.question);
            p.out.push_str(&format!(
                "</a> {}; {}</li>\n",
                parts.join(" "),
                plural(d.positions.len(), "position")
            ));
        }
        p.out.push_str("</ol>\n");
        if ranked.len() > RANKED_SHOWN {
            p.out.push_str("</details>\n");
        }
    }
    run_facts(p);
    p.out.push_str("</section>\n");
}

/// The files read and the run's settings.
fn run_facts(p: &mut Page<'_>) {
    let cx = p.cx;
    let corpus = cx.corpus;
    // Claim files: where claims, sources, entities and concepts are declared, and the
    // unreadable ones; articles: the sources' documents.
    let mut claim_files: Vec<(String, usize)> = Vec::new();
    let mut count = vec![0usize; corpus.map.len()];
    let mut is_claim_file = vec![false; corpus.map.len()];
    for c in &corpus.claims {
        count[c.claim.id.span.file.0 as usize] += 1;
        is_claim_file[c.claim.id.span.file.0 as usize] = true;
    }
    let declared = corpus
        .sources
        .iter()
        .map(|s| s.span)
        .chain(corpus.entities.iter().map(|e| e.span))
        .chain(corpus.concepts.iter().map(|e| e.span));
    for s in declared {
        is_claim_file[s.file.0 as usize] = true;
    }
    for u in &corpus.unread {
        is_claim_file[u.file.0 as usize] = true;
    }
    for (f, yes) in is_claim_file.iter().enumerate() {
        if *yes {
            claim_files.push((cx.paths[f].clone(), count[f]));
        }
    }
    claim_files.sort();
    let mut articles: Vec<&str> = corpus
        .sources
        .iter()
        .filter_map(|s| s.document)
        .map(|d| cx.path(d))
        .collect();
    articles.sort_unstable();
    articles.dedup();
    p.out.push_str("<h3>The run</h3>\n<dl class=\"facts\">\n");
    p.out.push_str(&format!(
        "<dt>Checked</dt><dd>{} in {}, quoting {}</dd>\n",
        plural(corpus.claims.len(), "claim"),
        plural(claim_files.len(), "claim file"),
        plural(articles.len(), "article")
    ));
    let list = |p: &mut Page<'_>, title: &str, items: &mut dyn Iterator<Item = String>| {
        p.out.push_str(&format!(
            "<dt>{title}</dt><dd><details><summary>Show the list</summary><ul class=\"files\">"
        ));
        for item in items {
            p.out.push_str("<li>");
            p.out.push_str(&item);
            p.out.push_str("</li>");
        }
        p.out.push_str("</ul></details></dd>\n");
    };
    if !claim_files.is_empty() {
        list(
            p,
            "Claim files",
            &mut claim_files.iter().map(|(path, n)| {
                format!(
                    "<code>{}</code> ({})",
                    escape::esc(path),
                    plural(*n, "claim")
                )
            }),
        );
    }
    if !articles.is_empty() {
        list(
            p,
            "Articles",
            &mut articles
                .iter()
                .map(|a| format!("<code>{}</code>", escape::esc(a))),
        );
    }
    if let Some(b) = &cx.review.baseline {
        p.out.push_str("<dt>Baseline</dt><dd><code>");
        push(&mut p.out, &b.path);
        p.out.push_str(&format!(
            "</code>: hides {}; {} expired; {} stale</dd>\n",
            plural(b.matched, "finding"),
            b.expired,
            b.stale.len()
        ));
    }
    if let Some(s) = &cx.review.since {
        let new = cx
            .review
            .findings
            .iter()
            .filter(|r| r.change == Some(Change::New))
            .count();
        p.out.push_str("<dt>New since</dt><dd><code>");
        push(&mut p.out, &s.reference);
        p.out.push_str(&format!(
            "</code>: {} new, {} resolved; only new findings fail the run</dd>\n",
            new,
            s.resolved.len()
        ));
    }
    if cx.review.below_min_level > 0 {
        p.out.push_str(&format!(
            "<dt>Left out</dt><dd>{} below <code>--min-level</code></dd>\n",
            plural(cx.review.below_min_level, "finding")
        ));
    }
    p.out.push_str("</dl>\n");
}

/// One dispute: question, matrix, timeline, findings.
fn dispute(p: &mut Page<'_>, report: &Report, k: usize, full: bool) {
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

/// Findings outside disputes: by kind, then suggestions, then hidden ones.
fn others(p: &mut Page<'_>, report: &Report, s: &Sections) {
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
fn corroborations(p: &mut Page<'_>, report: &Report) {
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
fn review_sections(p: &mut Page<'_>) {
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

#[cfg(test)]
mod tests;
