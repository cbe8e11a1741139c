//! JUnit XML (GitLab `artifacts:reports:junit`, CI test dashboards): one test suite per
//! claim file, one test case per finding, named by check, claims and fingerprint so names
//! are unique and stable (GitLab keeps only the first of equal names). A shown finding is a
//! failure; a suppressed or baselined one is skipped with its reason. Stale baseline
//! entries are failures in a suite named after the baseline file.

use super::Ctx;
use crate::check::{Finding, Report};
use std::io::{self, Write};

/// Escapes text for XML content and attribute values; characters XML 1.0 cannot hold
/// become U+FFFD.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' => out.push_str("&#9;"),
            c if (c as u32) < 0x20 || matches!(c, '\u{fffe}' | '\u{ffff}') => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Escapes element text (line breaks kept).
fn escape_text(s: &str) -> String {
    escape(s).replace("&#10;", "\n").replace("&#9;", "\t")
}

struct Case {
    name: String,
    classname: String,
    file: String,
    line: u32,
    /// (message, type, body) of a failure, or the reason it is skipped.
    outcome: Result<(String, String, String), String>,
}

fn case(cx: &Ctx<'_>, i: usize, f: &Finding) -> Case {
    let claims: Vec<&str> = f
        .claims
        .iter()
        .map(|&c| cx.corpus.claims[c as usize].id())
        .collect();
    let fp = &cx.reviewed(i).fingerprint;
    let name = if claims.is_empty() {
        format!("{} {} [{fp}]", f.check.code, f.check.name)
    } else {
        format!(
            "{} {}: {} [{fp}]",
            f.check.code,
            f.check.name,
            claims.join(" vs ")
        )
    };
    let outcome = match cx.hidden(i, f) {
        Some(super::Hidden::InSource(r)) => Err(format!("suppressed: {r}")),
        Some(super::Hidden::Baseline(r)) => Err(format!("in the baseline: {r}")),
        None => {
            let mut body = cx.place(f.primary.span);
            for r in cx.related_text(f) {
                body.push_str(&format!("\nsee also {r}"));
            }
            if !f.help.is_empty() {
                body.push_str(&format!("\nhelp: {}", f.help));
            }
            Ok((f.message.clone(), f.severity.as_str().to_string(), body))
        }
    };
    Case {
        name,
        classname: format!("claimcheck.{}", f.check.code),
        file: cx.path(f.primary.span.file).to_string(),
        line: f.primary.span.line,
        outcome,
    }
}

/// Writes the JUnit report.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    // Suites in order of first appearance (the report is sorted by location already).
    let mut suites: Vec<(String, Vec<Case>)> = Vec::new();
    for (i, f) in report.findings.iter().enumerate() {
        let c = case(cx, i, f);
        match suites.iter_mut().find(|(n, _)| *n == c.file) {
            Some((_, cases)) => cases.push(c),
            None => suites.push((c.file.clone(), vec![c])),
        }
    }
    if let Some(b) = cx.review.baseline.as_ref().filter(|b| !b.stale.is_empty()) {
        let cases = b
            .stale
            .iter()
            .map(|e| Case {
                name: format!("stale baseline entry [{}]", e.fingerprint),
                classname: "claimcheck.baseline".to_string(),
                file: b.path.clone(),
                line: e.line,
                outcome: Ok((
                    format!(
                        "baseline entry {} ({} {}) matches no finding",
                        e.fingerprint,
                        e.check,
                        e.claims.join(", ")
                    ),
                    "error".to_string(),
                    "run `claimcheck baseline prune`".to_string(),
                )),
            })
            .collect();
        suites.push((b.path.clone(), cases));
    }
    let tally = |cases: &[Case]| {
        let failures = cases.iter().filter(|c| c.outcome.is_ok()).count();
        (cases.len(), failures, cases.len() - failures)
    };
    let all: Vec<&Case> = suites.iter().flat_map(|(_, c)| c).collect();
    let failures = all.iter().filter(|c| c.outcome.is_ok()).count();
    let mut out = io::BufWriter::new(out);
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="claimcheck" tests="{}" failures="{failures}" errors="0" skipped="{}">"#,
        all.len(),
        all.len() - failures
    )?;
    for (name, cases) in &suites {
        let (tests, failures, skipped) = tally(cases);
        writeln!(
            out,
            r#"  <testsuite name="{}" tests="{tests}" failures="{failures}" errors="0" skipped="{skipped}">"#,
            escape(name)
        )?;
        for c in cases {
            write!(
                out,
                r#"    <testcase classname="{}" name="{}" file="{}" line="{}""#,
                escape(&c.classname),
                escape(&c.name),
                escape(&c.file),
                c.line
            )?;
            match &c.outcome {
                Ok((message, kind, body)) => writeln!(
                    out,
                    ">\n      <failure message=\"{}\" type=\"{}\">{}</failure>\n    </testcase>",
                    escape(message),
                    escape(kind),
                    escape_text(body)
                )?,
                Err(reason) => writeln!(
                    out,
                    ">\n      <skipped message=\"{}\"/>\n    </testcase>",
                    escape(reason)
                )?,
            }
        }
        writeln!(out, "  </testsuite>")?;
    }
    writeln!(out, "</testsuites>")?;
    out.flush()
}
