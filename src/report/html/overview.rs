//! The top of the page: the head (policy, title, style), the header, the table of
//! contents and the overview (counts by kind and severity, the disputes most severe first,
//! the files and settings of the run, what could not be read or is shown in brief).

use super::escape::{self, push, push_inline};
use super::lists::Sections;
use super::{Change, Page, SCRIPT_HASH, STYLE, join_and, plural};
use crate::check::{Category, Finding, Report, Severity};
use crate::report::Ctx;

/// Disputes the overview lists before the rest are collapsed.
const RANKED_SHOWN: usize = 20;

/// Doctype, head (policy, title, style) and the page header.
pub(super) fn head(p: &mut Page<'_>, line: &str) {
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
pub(super) fn rank(report: &Report, cx: &Ctx<'_>) -> Vec<usize> {
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

/// The table of contents.
pub(super) fn nav(p: &mut Page<'_>, report: &Report, s: &Sections) {
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
pub(super) fn overview(p: &mut Page<'_>, report: &Report, line: &str, ranked: &[usize]) {
    let cx = p.cx;
    p.out.push_str("<section id=\"overview\" aria-labelledby=\"overview-h\"><h2 id=\"overview-h\">Overview</h2>\n");
    let unread = crate::report::unread_files(cx.corpus);
    if let Some(phrase) = crate::report::text::unread_phrase(&unread) {
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
        p.out.push_str("<p class=\"ok\">No findings shown: ");
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
    run_facts(p, report);
    p.out.push_str("</section>\n");
}

/// The files read and the run's settings.
fn run_facts(p: &mut Page<'_>, report: &Report) {
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
        let new = (0..report.findings.len())
            .filter(|&i| {
                cx.hidden(i, &report.findings[i]).is_none()
                    && cx.reviewed(i).change == Some(Change::New)
            })
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
