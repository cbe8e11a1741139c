//! reviewdog's diagnostic format (`reviewdog -f=rdjson`): a `DiagnosticResult` with one
//! `Diagnostic` per shown finding; the other claim and the article words are
//! `related_locations`. Columns are 1-based UTF-8 byte counts and `end` is exclusive, as
//! reviewdog's proto says.

use super::Ctx;
use crate::check::{Report, Severity};
use crate::model::Span;
use serde_json::{Value, json};
use std::io::{self, Write};

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "ERROR",
        Severity::Warning => "WARNING",
        Severity::Note => "INFO",
    }
}

fn location(cx: &Ctx<'_>, span: Span) -> Value {
    let r = cx.region(span);
    json!({
        "path": cx.path(span.file),
        "range": {
            "start": {"line": r.start_line, "column": r.start_byte_column},
            "end": {"line": r.end_line, "column": r.end_byte_column},
        },
    })
}

/// Writes the rdjson report.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut diagnostics: Vec<Value> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        if cx.hidden(i, f).is_some() {
            continue;
        }
        let related: Vec<Value> = f
            .related
            .iter()
            .map(|l| json!({"message": l.text, "location": location(cx, l.span)}))
            .collect();
        let mut d = json!({
            "message": f.message,
            "location": location(cx, f.primary.span),
            "severity": severity(f.severity),
            "source": {"name": "claimcheck"},
            "code": {"value": f.check.code},
        });
        if !related.is_empty() {
            d["related_locations"] = Value::Array(related);
        }
        diagnostics.push(d);
    }
    if let Some(b) = &cx.review.baseline {
        for e in &b.stale {
            diagnostics.push(json!({
                "message": format!(
                    "stale baseline entry {} ({} {}) matches no finding; run `claimcheck baseline prune`",
                    e.fingerprint, e.check, e.claims.join(", ")
                ),
                "location": {"path": b.path, "range": {"start": {"line": e.line}}},
                "severity": "ERROR",
                "source": {"name": "claimcheck"},
                "code": {"value": "stale-baseline-entry"},
            }));
        }
    }
    let result = json!({
        "source": {"name": "claimcheck"},
        "diagnostics": diagnostics,
    });
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &result)?;
    writeln!(out)?;
    out.flush()
}
