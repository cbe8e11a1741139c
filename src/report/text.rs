//! Terminal output: rustc-style diagnostics with labelled spans across files (claim files
//! and articles), then disputes, corroborations and a count; or one line per finding.

use super::RenderCtx;
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
    (start, &text[start..end])
}

fn snippets<'a>(
    cx: &'a RenderCtx<'_>,
    primary: &'a Label,
    related: &'a [Label],
) -> Vec<Snippet<'a, annotate_snippets::Annotation<'a>>> {
    let labels = std::iter::once((primary, true)).chain(related.iter().map(|l| (l, false)));
    let mut out = Vec::new();
    for (label, is_primary) in labels {
        let file = cx.corpus.map.get(label.span.file);
        let text: &str = &file.text;
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

fn finding_group<'a>(cx: &'a RenderCtx<'_>, f: &'a Finding) -> Group<'a> {
    let title = level(f.severity)
        .primary_title(f.message.as_str())
        .id(f.check.code);
    let mut group = title.elements(snippets(cx, &f.primary, &f.related));
    let mut kind = format!("{} ({})", f.check.category.label(), f.check.name);
    if f.extracted_only {
        kind.push_str("; rests only on extracted claims: a suggestion to review");
    }
    group = group.element(Level::NOTE.message(kind));
    if !f.explanation.is_empty() {
        group = group.element(Level::NOTE.no_name().message(f.explanation.as_str()));
    }
    if !f.help.is_empty() {
        group = group.element(Level::HELP.message(f.help.as_str()));
    }
    group
}

/// Renders the text report (`concise`: one line per finding).
pub fn render(
    report: &Report,
    cx: &RenderCtx<'_>,
    out: &mut dyn Write,
    concise: bool,
) -> io::Result<()> {
    let renderer = if cx.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let live: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .collect();
    for f in &live {
        if concise {
            let s = f.primary.span;
            writeln!(
                out,
                "{}:{}:{}: {}[{}] {}: {}",
                cx.corpus.map.display(s.file),
                s.line,
                s.column,
                f.severity.as_str(),
                f.check.code,
                f.check.name,
                f.message
            )?;
        } else {
            writeln!(out, "{}\n", renderer.render(&[finding_group(cx, f)]))?;
        }
    }
    if !concise {
        summary(report, cx, out)?;
    }
    let count = |s: Severity| live.iter().filter(|f| f.severity == s).count();
    let suppressed = report.findings.len() - live.len();
    let plural = |n: usize, w: &str| {
        if n == 1 {
            format!("{n} {w}")
        } else {
            format!("{n} {w}s")
        }
    };
    write!(
        out,
        "{}, {}, {} in {}",
        plural(count(Severity::Error), "error"),
        plural(count(Severity::Warning), "warning"),
        plural(count(Severity::Note), "note"),
        plural(cx.corpus.claims.len(), "claim")
    )?;
    if suppressed > 0 {
        write!(out, " ({suppressed} suppressed)")?;
    }
    writeln!(out)
}

fn summary(report: &Report, cx: &RenderCtx<'_>, out: &mut dyn Write) -> io::Result<()> {
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
        writeln!(out, "Corroborated by independent sources:")?;
        for c in &report.corroborations {
            let ids: Vec<&str> = c
                .claims
                .iter()
                .map(|&i| cx.corpus.claims[i as usize].claim.id.value.as_str())
                .collect();
            writeln!(
                out,
                "  - {} ({}; claims {})",
                c.proposition,
                c.outlets.join(", "),
                ids.join(", ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}
