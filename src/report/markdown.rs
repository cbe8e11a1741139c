//! GitHub-flavoured Markdown: a pull-request comment, or the job summary
//! (`--output github-summary=$GITHUB_STEP_SUMMARY` appends it). A heading with the counts,
//! one table row per shown finding (the other claim in its own column), then collapsed
//! sections for hidden findings, findings resolved since the `--new-since` ref and stale
//! baseline entries. GitHub refuses a step summary over 1 MiB, so rows stop before that
//! with a note saying how many were left out.

use super::{Change, Ctx, Hidden};
use crate::check::{Finding, Report};
use std::io::{self, Write};

/// Bytes the summary may take (GitHub's limit is 1 MiB per step; some is kept for the
/// closing note).
pub const LIMIT: usize = 1_000_000;

/// Escapes text for a table cell: Markdown and HTML marks are escaped outside code spans,
/// `|` everywhere (GFM splits cells before reading code spans), line breaks become `<br>`.
pub fn cell(s: &str) -> String {
    let balanced = s.matches('`').count().is_multiple_of(2);
    let mut out = String::with_capacity(s.len() + 8);
    let mut in_code = false;
    for c in s.chars() {
        match c {
            '`' if balanced => {
                in_code = !in_code;
                out.push(c);
            }
            '|' => out.push_str("\\|"),
            '\r' => {}
            '\n' if in_code => out.push(' '),
            '\n' => out.push_str("<br>"),
            _ if in_code => out.push(c),
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\\' | '*' | '_' | '[' | ']' | '~' | '`' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

fn code(s: &str) -> String {
    format!("`{}`", s.replace('`', "'").replace('|', "\\|"))
}

fn plural(n: usize, w: &str) -> String {
    if n == 1 {
        format!("{n} {w}")
    } else {
        format!("{n} {w}s")
    }
}

/// Rows written until a byte budget runs out.
struct Budget {
    text: String,
    limit: usize,
    dropped: usize,
}

impl Budget {
    /// A table row or list item: counted when it does not fit.
    fn push(&mut self, row: &str) {
        if self.dropped > 0 || self.text.len() + row.len() > self.limit {
            self.dropped += 1;
        } else {
            self.text.push_str(row);
        }
    }

    /// A heading or the end of a section: left out silently once rows are left out.
    fn frame(&mut self, text: &str) {
        if self.dropped == 0 {
            self.text.push_str(text);
        }
    }
}

fn finding_row(cx: &Ctx<'_>, i: usize, f: &Finding) -> String {
    let mut level = f.severity.as_str().to_string();
    match cx.reviewed(i).change {
        Some(Change::New) => level.push_str(" (new)"),
        Some(Change::Joined) => level.push_str(" (a claim joined)"),
        Some(Change::Unchanged) => level.push_str(" (not new)"),
        None => {}
    }
    let related: Vec<String> = f
        .related
        .iter()
        .map(|l| code(&format!("{}:{}", cx.path(l.span.file), l.span.line)))
        .collect();
    format!(
        "| {level} | `{}` {} | {} | {} | {} |\n",
        f.check.code,
        f.check.name,
        code(&format!(
            "{}:{}",
            cx.path(f.primary.span.file),
            f.primary.span.line
        )),
        related.join("<br>"),
        cell(&f.message)
    )
}

/// Writes the Markdown report.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    render_within(report, cx, out, LIMIT)
}

/// Writes the Markdown report in at most about `limit` bytes.
pub fn render_within(
    report: &Report,
    cx: &Ctx<'_>,
    out: &mut dyn Write,
    limit: usize,
) -> io::Result<()> {
    let counts = cx.counts(report);
    let mut b = Budget {
        text: String::new(),
        limit,
        dropped: 0,
    };
    b.text.push_str(&format!(
        "### claimcheck: {}, {}, {} in {}\n\n",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note"),
        plural(cx.corpus.claims.len(), "claim")
    ));
    let mut facts = Vec::new();
    if let Some(since) = &cx.review.since {
        let new = (0..report.findings.len())
            .filter(|&i| {
                cx.hidden(i, &report.findings[i]).is_none()
                    && cx.reviewed(i).change == Some(Change::New)
            })
            .count();
        facts.push(format!(
            "since {}: {new} new, {} resolved",
            code(&since.reference),
            since.resolved.len()
        ));
    }
    if counts.suppressed > 0 {
        facts.push(format!("{} suppressed", counts.suppressed));
    }
    if counts.baselined > 0 {
        facts.push(format!("{} in the baseline", counts.baselined));
    }
    if cx.review.below_min_level > 0 {
        facts.push(format!("{} below `--min-level`", cx.review.below_min_level));
    }
    let unread: Vec<super::UnreadFile> = cx
        .corpus
        .unread
        .iter()
        .map(|u| super::UnreadFile {
            path: code(cx.path(u.file)),
            claims_not_checked: u.claims,
        })
        .collect();
    if let Some(unread) = super::text::unread_phrase(&unread) {
        facts.push(unread);
    }
    if !facts.is_empty() {
        b.text.push_str(&format!("{}\n\n", facts.join(" · ")));
    }
    let shown: Vec<usize> = (0..report.findings.len())
        .filter(|&i| cx.hidden(i, &report.findings[i]).is_none())
        .collect();
    // The extractor's suggestions (sorted last) get a table of their own.
    let (reviewed, suggested): (Vec<usize>, Vec<usize>) =
        shown.iter().partition(|&&i| !report.findings[i].suggested);
    const HEAD: &str = "| Level | Check | Claim | Related | Message |\n|---|---|---|---|---|\n";
    if shown.is_empty() {
        b.text.push_str("No findings.\n");
    } else if !reviewed.is_empty() {
        b.text.push_str(HEAD);
        for &i in &reviewed {
            b.push(&finding_row(cx, i, &report.findings[i]));
        }
    }
    if !suggested.is_empty() {
        b.frame(&format!(
            "\n#### {}\n\n{HEAD}",
            super::text::SUGGESTED_HEADING.trim_end_matches(':')
        ));
        for &i in &suggested {
            b.push(&finding_row(cx, i, &report.findings[i]));
        }
    }
    let hidden: Vec<(usize, Hidden<'_>)> = (0..report.findings.len())
        .filter_map(|i| cx.hidden(i, &report.findings[i]).map(|h| (i, h)))
        .collect();
    if !hidden.is_empty() {
        b.frame(&format!(
            "\n<details><summary>Hidden findings ({})</summary>\n\n| Check | Claim | Hidden by | Reason |\n|---|---|---|---|\n",
            hidden.len()
        ));
        for (i, h) in &hidden {
            let f = &report.findings[*i];
            let by = match h {
                Hidden::InSource(_) => "`suppress:`",
                Hidden::Baseline(_) => "baseline",
            };
            b.push(&format!(
                "| `{}` {} | {} | {by} | {} |\n",
                f.check.code,
                f.check.name,
                code(&format!(
                    "{}:{}",
                    cx.path(f.primary.span.file),
                    f.primary.span.line
                )),
                cell(h.reason())
            ));
        }
        b.frame("\n</details>\n");
    }
    if let Some(since) = cx.review.since.as_ref().filter(|s| !s.resolved.is_empty()) {
        b.frame(&format!(
            "\n<details><summary>Resolved since {} ({})</summary>\n\n| Level | Check | Was at | Message |\n|---|---|---|---|\n",
            cell(&since.reference),
            since.resolved.len()
        ));
        for g in &since.resolved {
            b.push(&format!(
                "| {} | `{}` {} | {} | {} |\n",
                g.severity.as_str(),
                g.code,
                g.name,
                code(&format!("{}:{}", g.path, g.line)),
                cell(&g.message)
            ));
        }
        b.frame("\n</details>\n");
    }
    if let Some(base) = cx.review.baseline.as_ref().filter(|x| !x.stale.is_empty()) {
        b.frame(&format!(
            "\n**Stale baseline entries ({})**: they match no finding and fail the run; `claimcheck baseline prune` removes them.\n\n",
            base.stale.len()
        ));
        for e in &base.stale {
            b.push(&format!(
                "- {} {} {}\n",
                code(&format!("{}:{}", base.path, e.line)),
                code(&e.fingerprint),
                cell(&format!("{} {}", e.check, e.claims.join(", ")))
            ));
        }
    }
    if b.dropped > 0 {
        if b.text.matches("<details>").count() > b.text.matches("</details>").count() {
            b.text.push_str("\n</details>\n");
        }
        b.text.push_str(&format!(
            "\n_{} more rows left out: a job summary is limited to 1 MiB. The SARIF or JSON report has every finding._\n",
            b.dropped
        ));
    }
    out.write_all(b.text.as_bytes())
}
