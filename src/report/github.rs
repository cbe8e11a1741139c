//! GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per
//! finding, shown on the primary claim's lines in the pull request. The other claim and the
//! article words go in the message (an annotation has one location).
//!
//! GitHub keeps at most 10 error, 10 warning and 10 notice annotations per step (and 50
//! per job) and drops the rest without a word, so this format picks which findings become
//! annotations: the most severe first, and within a severity the findings new since the
//! `--new-since` ref before older ones. The others are still printed, one plain line each,
//! after a notice that says how many; the Markdown job summary lists them all.
//!
//! Escaping follows actions/toolkit: `%`, CR and LF in the message; also `:` and `,` in
//! properties. `col`/`endColumn` are left out when a span covers more than one line
//! (GitHub drops such an annotation otherwise).

use super::{Change, Ctx};
use crate::check::{Finding, Report, Severity};
use std::io::{self, Write};

/// Annotations GitHub keeps per step and level.
pub const PER_LEVEL: usize = 10;

/// Escapes a message (`%`, CR, LF).
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`%`, CR, LF, `:`, `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn command(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "notice",
    }
}

fn annotation(cx: &Ctx<'_>, f: &Finding) -> String {
    let r = cx.region(f.primary.span);
    let mut props = format!(
        "file={},line={},endLine={}",
        escape_property(cx.path(f.primary.span.file)),
        r.start_line,
        r.end_line
    );
    if r.start_line == r.end_line {
        props.push_str(&format!(",col={}", r.start_column));
        if !r.empty {
            props.push_str(&format!(",endColumn={}", r.end_column));
        }
    }
    let title = format!("{} {}", f.check.code, f.check.name);
    props.push_str(&format!(",title={}", escape_property(&title)));
    let mut message = f.message.clone();
    for related in cx.related_text(f) {
        message.push_str("\nsee also ");
        message.push_str(&related);
    }
    if !f.help.is_empty() {
        message.push_str("\nhelp: ");
        message.push_str(&f.help);
    }
    format!(
        "::{} {props}::{}",
        command(f.severity),
        escape_data(&message)
    )
}

/// Writes the annotations.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let shown: Vec<usize> = (0..report.findings.len())
        .filter(|&i| cx.hidden(i, &report.findings[i]).is_none())
        .collect();
    // The caps decide what GitHub shows, so the choice is part of the layout: most severe
    // first, new before old, then report order.
    let mut by_priority = shown.clone();
    by_priority.sort_by_key(|&i| {
        let f = &report.findings[i];
        let old = cx.reviewed(i).change == Some(Change::Unchanged);
        (std::cmp::Reverse(f.severity), old, i)
    });
    let slot = |s: Severity| match s {
        Severity::Error => 0,
        Severity::Warning => 1,
        Severity::Note => 2,
    };
    let stale = cx
        .review
        .baseline
        .as_ref()
        .map_or(&[][..], |b| &b.stale[..]);
    let mut wanted = [stale.len(), 0, 0];
    for &i in &shown {
        wanted[slot(report.findings[i].severity)] += 1;
    }
    let overflow = wanted.iter().any(|&n| n > PER_LEVEL);
    // With an overflow, one notice slot is kept for the message that says so.
    let caps = [PER_LEVEL, PER_LEVEL, PER_LEVEL - usize::from(overflow)];
    let mut used = [stale.len().min(caps[0]), 0, 0];
    let mut annotated = vec![false; report.findings.len()];
    for &i in &by_priority {
        let s = slot(report.findings[i].severity);
        if used[s] < caps[s] {
            used[s] += 1;
            annotated[i] = true;
        }
    }
    if let Some(b) = &cx.review.baseline {
        for e in b.stale.iter().take(caps[0]) {
            writeln!(
                out,
                "::error file={},line={},title={}::{}",
                escape_property(&b.path),
                e.line,
                escape_property("stale baseline entry"),
                escape_data(&format!(
                    "baseline entry {} ({} {}) matches no finding; run `claimcheck baseline prune`",
                    e.fingerprint,
                    e.check,
                    e.claims.join(", ")
                ))
            )?;
        }
    }
    for &i in by_priority.iter().filter(|&&i| annotated[i]) {
        writeln!(out, "{}", annotation(cx, &report.findings[i]))?;
    }
    let rest: Vec<usize> = shown.into_iter().filter(|&i| !annotated[i]).collect();
    if overflow {
        writeln!(
            out,
            "::notice title=claimcheck::{}",
            escape_data(&format!(
                "{} more findings are listed below and in the job summary (GitHub shows at most {PER_LEVEL} annotations of each level per step)",
                rest.len() + stale.len().saturating_sub(caps[0])
            ))
        )?;
        for i in rest {
            let f = &report.findings[i];
            writeln!(
                out,
                "{}: {}[{}] {}: {}",
                cx.place(f.primary.span),
                f.severity.as_str(),
                f.check.code,
                f.check.name,
                f.message.replace(['\r', '\n'], " ")
            )?;
        }
        if let Some(b) = &cx.review.baseline {
            for e in b.stale.iter().skip(caps[0]) {
                writeln!(
                    out,
                    "{}:{}: stale baseline entry {}",
                    b.path, e.line, e.fingerprint
                )?;
            }
        }
    }
    Ok(())
}
