//! Terminal output: rustc-style diagnostics with labelled spans across files (claim files
//! and articles), then disputes, corroborations and a count; or one line per finding.

use super::Change;
use super::Ctx;
use crate::check::{Finding, Label, Report, Severity};
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    }
}

/// Lines `[first, last]` (1-based) around a byte range, as (excerpt start byte, excerpt).
fn excerpt(text: &str, range: std::ops::Range<usize>) -> (usize, &str) {
    let start = text[..range.start.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    let end = text[range.end.min(text.len())..]
        .find('\n')
        .map_or(text.len(), |i| range.end.min(text.len()) + i);
    // Drop a CRLF file's carriage return so it does not render as a visible mark.
    let end = if end > start && text.as_bytes()[end - 1] == b'\r' {
        end - 1
    } else {
        end
    };
    // A pathological line (a whole article on one line) is cut to a window around the span
    // so rendering stays fast (the header column then counts from the window; machine
    // formats keep the true column); the renderer elides it further to the terminal width.
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let start = if range.start - start > WINDOW {
        floor(range.start - WINDOW)
    } else {
        start
    };
    let end = if end - range.end.min(end) > WINDOW {
        floor(range.end + WINDOW)
    } else {
        end
    };
    (start, &text[start..end])
}

/// Bytes of context kept on each side of a span in an overlong line.
const WINDOW: usize = 16 * 1024;

fn snippets<'a>(
    cx: &'a Ctx<'_>,
    primary: &'a Label,
    related: &'a [Label],
) -> Vec<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let labels = std::iter::once((primary, true)).chain(related.iter().map(|l| (l, false)));
    let mut out = Vec::new();
    for (label, is_primary) in labels {
        let file = cx.corpus.map.get(label.span.file);
        let text: &str = file.text();
        let range = label.span.range();
        let (base, lines) = excerpt(text, range.clone());
        let kind = if is_primary {
            AnnotationKind::Primary
        } else {
            AnnotationKind::Context
        };
        let local = (range.start - base).min(lines.len())..(range.end - base).min(lines.len());
        out.push(
            Snippet::source(lines)
                .line_start(label.span.line as usize)
                .path(cx.corpus.map.display(label.span.file))
                .annotation(kind.span(local).label(label.text.as_str())),
        );
    }
    out
}

fn finding_group<'a>(cx: &'a Ctx<'_>, i: usize, f: &'a Finding) -> Group<'a> {
    let title = level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.check.code);
    let mut group = title.elements(snippets(cx, &f.primary, &f.related));
    let mut kind = format!("{} ({})", f.check.category.label(), f.check.name);
    if f.extracted_only {
        kind.push_str("; rests only on extracted claims: a suggestion to review");
    }
    group = group.element(Level::NOTE.message(kind));
    if let (Some(change), Some(since)) = (cx.reviewed(i).change, &cx.review.since) {
        let what = match change {
            Change::New => format!("new since `{}`", since.reference),
            Change::Joined => format!(
                "already there at `{}`; a new claim joined one of its sides",
                since.reference
            ),
            Change::Unchanged => format!("already there at `{}`", since.reference),
        };
        group = group.element(Level::NOTE.message(what));
    }
    if !f.explanation.is_empty() {
        group = group.element(Level::NOTE.no_name().message(f.explanation.as_str()));
    }
    if !f.help.is_empty() {
        group = group.element(Level::HELP.message(f.help.as_str()));
    }
    group
}

/// Renders the text report (`concise`: one line per finding).
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write, concise: bool) -> io::Result<()> {
    let renderer = if cx.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    // Each finding renders on its own: render batches in parallel, write them in order.
    let render_one = |i: usize, f: &Finding| -> Option<String> {
        if cx.hidden(i, f).is_some() {
            return None;
        }
        Some(if concise {
            let new = match cx.reviewed(i).change {
                Some(Change::New) => " (new)",
                Some(Change::Joined) => " (joined)",
                _ => "",
            };
            format!("{}{new}\n", concise_line(&cx.corpus.map, f))
        } else {
            format!("{}\n\n", renderer.render(&[finding_group(cx, i, f)]))
        })
    };
    // The extractor's suggestions are sorted last and get their own heading.
    let reviewed_end = report.findings.partition_point(|f| !f.suggested);
    const BATCH: usize = 4096;
    let mut heading = false;
    for (b, batch) in report.findings.chunks(BATCH).enumerate() {
        use rayon::prelude::*;
        let rendered: Vec<Option<String>> = batch
            .par_iter()
            .enumerate()
            .map(|(k, f)| render_one(b * BATCH + k, f))
            .collect();
        for (k, text) in rendered.iter().enumerate() {
            let Some(text) = text else { continue };
            if b * BATCH + k >= reviewed_end && !heading {
                heading = true;
                out.write_all(SUGGESTED_HEADING.as_bytes())?;
                out.write_all(if concise { b"\n" } else { b"\n\n" })?;
            }
            out.write_all(text.as_bytes())?;
        }
    }
    if !concise {
        summary(report, cx, out)?;
    }
    review_sections(cx, out)?;
    let counts = cx.counts(report);
    write!(
        out,
        "{}",
        summary_line(
            &counts,
            cx.corpus.claims.len(),
            cx.review.below_min_level,
            &super::unread_files(cx.corpus)
        )
    )?;
    if let Some(since) = &cx.review.since {
        let new = cx
            .review
            .findings
            .iter()
            .enumerate()
            .filter(|(i, r)| {
                r.change == Some(Change::New) && cx.hidden(*i, &report.findings[*i]).is_none()
            })
            .count();
        write!(
            out,
            "; since `{}`: {new} new, {} resolved",
            since.reference,
            since.resolved.len()
        )?;
    }
    writeln!(out)
}

/// The heading of the section that lists findings involving the extractor's drafts.
pub const SUGGESTED_HEADING: &str = "Suggested by the extractor (unreviewed; never fail the run):";

/// One finding of the concise report (without the ` (new)` mark).
pub fn concise_line(map: &crate::model::SourceMap, f: &Finding) -> String {
    let s = f.primary.span;
    concise_text(
        &map.display(s.file),
        s.line,
        s.column,
        f.severity,
        f.check,
        &f.message,
    )
}

/// The words of a concise line: `path:line:column: severity[code] name: message`.
pub fn concise_text(
    path: &str,
    line: u32,
    column: u32,
    severity: Severity,
    check: &crate::check::CheckInfo,
    message: &str,
) -> String {
    format!(
        "{path}:{line}:{column}: {}[{}] {}: {message}",
        severity.as_str(),
        check.code,
        check.name
    )
}

/// The count line that ends a text or concise report (before any `--new-since` part):
/// "1 error, 2 warnings, 0 notes in 39 claims (1 suppressed)", then the claim files that
/// could not be read ([`unread_phrase`]).
pub fn summary_line(
    counts: &super::Counts,
    claims: usize,
    below_min_level: usize,
    unread: &[super::UnreadFile],
) -> String {
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    let mut line = format!(
        "{}, {}, {} in {}",
        plural(counts.errors, "error"),
        plural(counts.warnings, "warning"),
        plural(counts.notes, "note"),
        plural(claims, "claim")
    );
    let mut hidden = Vec::new();
    if counts.suppressed > 0 {
        hidden.push(format!("{} suppressed", counts.suppressed));
    }
    if counts.baselined > 0 {
        hidden.push(format!("{} in the baseline", counts.baselined));
    }
    if below_min_level > 0 {
        hidden.push(format!("{below_min_level} below --min-level"));
    }
    if !hidden.is_empty() {
        line.push_str(&format!(" ({})", hidden.join(", ")));
    }
    if let Some(unread) = unread_phrase(unread) {
        line.push_str("; ");
        line.push_str(&unread);
    }
    line
}

/// Names the claim files that could not be read or parsed and says what that left out:
/// "1 file could not be read (claims/bad.claims.yaml); about 12 claims were not checked",
/// or "…; its claims were not checked" when a file's text could not be read at all.
/// Names the first three files; `None` when every file was read.
pub fn unread_phrase(unread: &[super::UnreadFile]) -> Option<String> {
    const NAMED: usize = 3;
    let n = unread.len();
    if n == 0 {
        return None;
    }
    let mut names: Vec<&str> = unread.iter().take(NAMED).map(|u| u.path.as_str()).collect();
    let more = format!("and {} more", n.saturating_sub(NAMED));
    if n > NAMED {
        names.push(&more);
    }
    let (file, it) = if n == 1 {
        (String::from("1 file"), "its")
    } else {
        (format!("{n} files"), "their")
    };
    let what = match unread
        .iter()
        .map(|u| u.claims_not_checked)
        .sum::<Option<usize>>()
    {
        Some(0) if n == 1 => String::from("nothing in it was loaded"),
        Some(0) => String::from("nothing in them was loaded"),
        Some(1) => String::from("about 1 claim was not checked"),
        Some(claims) => format!("about {claims} claims were not checked"),
        None => format!("{it} claims were not checked"),
    };
    Some(format!(
        "{file} could not be read ({}); {what}",
        names.join(", ")
    ))
}

/// Resolved findings (`--new-since`) and stale baseline entries.
fn review_sections(cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    if let Some(since) = cx.review.since.as_ref().filter(|s| !s.resolved.is_empty()) {
        writeln!(out, "Resolved since `{}`:", since.reference)?;
        for g in &since.resolved {
            writeln!(
                out,
                "  - {}[{}] {}: {} (was at {}:{})",
                g.severity.as_str(),
                g.code,
                g.name,
                g.message,
                g.path,
                g.line
            )?;
        }
        writeln!(out)?;
    }
    if let Some(b) = cx.review.baseline.as_ref().filter(|b| !b.stale.is_empty()) {
        writeln!(
            out,
            "Stale baseline entries (they match no finding; `claimcheck baseline prune` removes them):"
        )?;
        for e in &b.stale {
            writeln!(
                out,
                "  - {}:{}: {} {} [{}] {}",
                b.path,
                e.line,
                e.fingerprint,
                e.check,
                e.claims.join(", "),
                e.message
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

fn summary(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    if !report.disputes.is_empty() {
        writeln!(out, "Disputes:")?;
        for d in &report.disputes {
            let n = d.positions.len();
            writeln!(
                out,
                "  {} {} position{}, {} finding{}",
                d.question,
                n,
                if n == 1 { "" } else { "s" },
                d.findings.len(),
                if d.findings.len() == 1 { "" } else { "s" }
            )?;
            for p in &d.positions {
                writeln!(out, "    - {}", p.text)?;
                for h in &p.holders {
                    writeln!(out, "        held by {h}")?;
                }
            }
        }
        writeln!(out)?;
    }
    if !report.corroborations.is_empty() {
        writeln!(
            out,
            "Stated by several outlets (independent voices, outlets):"
        )?;
        for c in &report.corroborations {
            let ids: Vec<&str> = c
                .claims
                .iter()
                .map(|&i| cx.corpus.claims[i as usize].id())
                .collect();
            let backing = if c.voices == 1 {
                format!("1 voice, repeated by {} outlets", c.outlets.len())
            } else {
                format!("{} voices in {} outlets", c.voices, c.outlets.len())
            };
            writeln!(
                out,
                "  - {} ({backing}: {}; claims {})",
                c.proposition,
                c.outlets.join(", "),
                ids.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::unread_phrase;
    use crate::report::UnreadFile;

    fn files(claims: &[Option<usize>]) -> Vec<UnreadFile> {
        claims
            .iter()
            .enumerate()
            .map(|(i, &c)| UnreadFile {
                path: format!("f{i}.claims.yaml"),
                claims_not_checked: c,
            })
            .collect()
    }

    #[test]
    fn unread_files_are_named_with_what_was_left_out() {
        for (claims, want) in [
            (
                &[Some(12)][..],
                "1 file could not be read (f0.claims.yaml); about 12 claims were not checked",
            ),
            (
                &[Some(1)],
                "1 file could not be read (f0.claims.yaml); about 1 claim was not checked",
            ),
            (
                &[None],
                "1 file could not be read (f0.claims.yaml); its claims were not checked",
            ),
            (
                &[Some(0)],
                "1 file could not be read (f0.claims.yaml); nothing in it was loaded",
            ),
            (
                &[Some(2), None],
                "2 files could not be read (f0.claims.yaml, f1.claims.yaml); their claims were not checked",
            ),
            (
                &[Some(2), Some(3), Some(0), Some(1)],
                "4 files could not be read (f0.claims.yaml, f1.claims.yaml, f2.claims.yaml, and 1 more); about 6 claims were not checked",
            ),
        ] {
            assert_eq!(unread_phrase(&files(claims)).as_deref(), Some(want));
        }
        assert_eq!(unread_phrase(&[]), None);
    }
}
