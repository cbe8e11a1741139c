//! SARIF 2.1.0, as GitHub code scanning (`github/codeql-action/upload-sarif`) and other
//! SARIF viewers read it. Rules come from the check registry and its docs. Each result's
//! first location is the primary claim; the other claim and the article words are
//! `relatedLocations`, linked from the message with `[text](id)`. URIs are relative to
//! `%SRCROOT%` (the project root), columns count Unicode code points, fingerprints are
//! [`super::fingerprint`]'s, and suppressed findings carry `suppressions` (`inSource` for a
//! claim's `suppress:`, `external` for the baseline) with the reason as `justification`.

use super::{Ctx, Hidden, docs, fingerprint};
use crate::check::{Finding, Report, Severity, registry};
use crate::model::Span;
use serde_json::{Value, json};
use std::io::{self, Write};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// GitHub rejects rule descriptions longer than this.
const MAX_DESCRIPTION: usize = 1024;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Percent-encodes a relative path for a URI reference (`/` kept; `:` encoded so the first
/// segment never reads as a scheme).
pub fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Plain-text SARIF messages treat `[text](n)` as a link: literal brackets and backslashes
/// are escaped with a backslash (SARIF §3.11.6).
fn escape_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '[' | ']' | '\\') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut t: String = s.chars().take(max - 1).collect();
    t.push('…');
    t
}

fn rule(info: &crate::check::CheckInfo) -> Value {
    let markdown = docs::markdown(info);
    let what = docs::section(info, "What it does").unwrap_or_else(|| info.summary.to_string());
    let problem_severity = match info.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "recommendation",
    };
    json!({
        "id": info.code,
        "name": info.name,
        "shortDescription": {"text": truncate(info.summary, MAX_DESCRIPTION)},
        "fullDescription": {"text": truncate(&what, MAX_DESCRIPTION)},
        "help": {
            "text": format!("{}\n\n{}", info.summary, docs::plain(info)),
            "markdown": format!("**{}** ({})\n\n{}", info.name, info.code, markdown),
        },
        "defaultConfiguration": {"level": level(info.severity)},
        "properties": {
            "tags": [info.category.label()],
            "precision": "high",
            "problem.severity": problem_severity,
        },
    })
}

fn physical(cx: &Ctx<'_>, span: Span) -> Value {
    let r = cx.region(span);
    let region = if r.empty {
        json!({"startLine": r.start_line, "startColumn": r.start_column})
    } else {
        json!({
            "startLine": r.start_line,
            "startColumn": r.start_column,
            "endLine": r.end_line,
            "endColumn": r.end_column,
        })
    };
    json!({
        "artifactLocation": {"uri": uri(cx.path(span.file)), "uriBaseId": "%SRCROOT%"},
        "region": region,
    })
}

fn result(cx: &Ctx<'_>, i: usize, f: &Finding) -> Value {
    let reviewed = cx.reviewed(i);
    let mut text = escape_text(&f.message);
    if !f.related.is_empty() {
        let links: Vec<String> = f
            .related
            .iter()
            .enumerate()
            .map(|(k, l)| {
                format!(
                    "[{}]({})",
                    escape_text(&format!("{}:{}", cx.path(l.span.file), l.span.line)),
                    k + 1
                )
            })
            .collect();
        text = format!("{text}. See {}.", links.join(", "));
    } else {
        text.push('.');
    }
    let related: Vec<Value> = f
        .related
        .iter()
        .enumerate()
        .map(|(k, l)| {
            json!({
                "id": k + 1,
                "message": {"text": escape_text(&l.text)},
                "physicalLocation": physical(cx, l.span),
            })
        })
        .collect();
    let suppressions = match cx.hidden(i, f) {
        None => json!([]),
        Some(h) => {
            let kind = match h {
                Hidden::InSource(_) => "inSource",
                Hidden::Baseline(_) => "external",
            };
            json!([{"kind": kind, "status": "accepted", "justification": h.reason()}])
        }
    };
    let claims: Vec<&str> = f
        .claims
        .iter()
        .map(|&c| cx.corpus.claims[c as usize].id())
        .collect();
    let rule_index = registry::CHECKS
        .iter()
        .position(|e| std::ptr::eq(e.info, f.check))
        .unwrap_or(0);
    let mut result = json!({
        "ruleId": f.check.code,
        "ruleIndex": rule_index,
        "level": level(f.severity),
        "message": {"text": text},
        "locations": [{"physicalLocation": physical(cx, f.primary.span)}],
        "partialFingerprints": {fingerprint::SARIF_KEY: reviewed.fingerprint},
        "fingerprints": {fingerprint::SARIF_KEY: reviewed.fingerprint},
        "suppressions": suppressions,
        "properties": {"claims": claims, "type": f.check.category.label()},
    });
    if f.suggested {
        // SARIF has no sections: a property marks the extractor's unreviewed suggestions.
        result["properties"]["suggested"] = json!(true);
    }
    if !related.is_empty() {
        result["relatedLocations"] = Value::Array(related);
    }
    if let Some(change) = reviewed.change {
        // SARIF's words: a finding a new claim joined is `updated`.
        let state = match change {
            super::Change::Joined => "updated",
            other => other.as_str(),
        };
        result["baselineState"] = json!(state);
    }
    result
}

/// Stale baseline entries are the run's problems, not a check's: tool notifications.
fn notifications(cx: &Ctx<'_>) -> Vec<Value> {
    let Some(b) = &cx.review.baseline else {
        return Vec::new();
    };
    b.stale
        .iter()
        .map(|e| {
            json!({
                "descriptor": {"id": "stale-baseline-entry"},
                "level": "error",
                "message": {"text": format!(
                    "Baseline entry {} ({} {}) matches no finding; run `claimcheck baseline prune`.",
                    e.fingerprint, e.check, e.claims.join(", ")
                )},
                "locations": [{"physicalLocation": {
                    "artifactLocation": {"uri": uri(&b.path), "uriBaseId": "%SRCROOT%"},
                    "region": {"startLine": e.line},
                }}],
            })
        })
        .collect()
}

/// Writes the SARIF log.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let rules: Vec<Value> = registry::CHECKS.iter().map(|e| rule(e.info)).collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| result(cx, i, f))
        .collect();
    let notifications = notifications(cx);
    let mut invocation = json!({"executionSuccessful": true});
    if !notifications.is_empty() {
        invocation["toolExecutionNotifications"] = Value::Array(notifications);
    }
    let log = json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "claimcheck",
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "automationDetails": {"id": "claimcheck/"},
            "columnKind": "unicodeCodePoints",
            "invocations": [invocation],
            "results": results,
        }],
    });
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &log)?;
    writeln!(out)?;
    out.flush()
}
