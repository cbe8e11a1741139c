//! GitLab Code Quality (`artifacts:reports:codequality`): a JSON array, one issue per shown
//! finding, with the finding's fingerprint (GitLab compares fingerprints with the target
//! branch's report to show what a merge request adds or fixes). An issue has one location,
//! so the other claim and the article words are named in the description.

use super::Ctx;
use crate::check::{Report, Severity};
use serde_json::{Value, json};
use std::io::{self, Write};

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "major",
        Severity::Warning => "minor",
        Severity::Note => "info",
    }
}

/// Writes the Code Quality report.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let mut issues: Vec<Value> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        if cx.hidden(i, f).is_some() {
            continue;
        }
        let related = cx.related_text(f);
        let mut description = format!("{} {}: {}", f.check.code, f.check.name, f.message);
        if !related.is_empty() {
            description.push_str(&format!(" (see also {})", related.join("; ")));
        }
        let r = cx.region(f.primary.span);
        issues.push(json!({
            "type": "issue",
            "description": description.replace(['\r', '\n'], " "),
            "check_name": f.check.code,
            "categories": ["Bug Risk"],
            "fingerprint": cx.reviewed(i).fingerprint,
            "severity": severity(f.severity),
            "location": {
                "path": cx.path(f.primary.span.file),
                "lines": {"begin": r.start_line, "end": r.end_line},
            },
        }));
    }
    if let Some(b) = &cx.review.baseline {
        for e in &b.stale {
            issues.push(json!({
                "type": "issue",
                "description": format!(
                    "stale baseline entry {} ({} {}) matches no finding; run `claimcheck baseline prune`",
                    e.fingerprint, e.check, e.claims.join(", ")
                ),
                "check_name": "stale-baseline-entry",
                "categories": ["Bug Risk"],
                "fingerprint": format!("stale-{}", e.fingerprint),
                "severity": "major",
                "location": {"path": b.path, "lines": {"begin": e.line, "end": e.line}},
            }));
        }
    }
    let mut out = io::BufWriter::new(out);
    serde_json::to_writer_pretty(&mut out, &issues)?;
    writeln!(out)?;
    out.flush()
}
