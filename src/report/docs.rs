//! Documentation generated from the check registry: `claimcheck explain`, `list-checks
//! --format json`, `docs/checks.md` and SARIF rule metadata all come from here.

use crate::check::{CheckInfo, registry};

/// The JSON Schema of claim files (a copy lives in docs/).
pub const CLAIM_FILE_SCHEMA: &str = include_str!("../../docs/claim-file.schema.json");

/// The docs of one check, as `claimcheck explain` prints them.
pub fn explain(info: &CheckInfo) -> String {
    format!(
        "# {} ({})\n\nSeverity: {} · Type: {} · Since: {}\n\n{}\n\n{}",
        info.name,
        info.code,
        info.severity.as_str(),
        info.category.label(),
        info.since,
        info.summary,
        unindent(info.docs).trim_end()
    )
}

/// Doc comments captured by `declare_check!` keep one leading space per line; drop it.
fn unindent(docs: &str) -> String {
    docs.lines()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A check's metadata as JSON.
pub fn info_json(info: &CheckInfo) -> serde_json::Value {
    serde_json::json!({
        "code": info.code,
        "name": info.name,
        "severity": info.severity.as_str(),
        "type": info.category.label(),
        "summary": info.summary,
        "docs": unindent(info.docs).trim_end(),
        "since": info.since,
    })
}

/// The full text of docs/checks.md.
pub fn checks_markdown() -> String {
    let mut out = String::from(
        "# Checks\n\n<!-- Generated from the check registry (src/check/). Do not edit: run `CLAIMCHECK_UPDATE=1 cargo test --test docs`. -->\n\n| Code | Name | Severity | Type | What it flags |\n|---|---|---|---|---|\n",
    );
    for e in registry::CHECKS {
        let i = e.info;
        out.push_str(&format!(
            "| {} | [`{}`](#{}) | {} | {} | {} |\n",
            i.code,
            i.name,
            i.name,
            i.severity.as_str(),
            i.category.label(),
            i.summary
        ));
    }
    for e in registry::CHECKS {
        let i = e.info;
        let body = unindent(i.docs).replace("\n## ", "\n### ");
        let body = body
            .strip_prefix("## ")
            .map_or(body.clone(), |b| format!("### {b}"));
        out.push_str(&format!(
            "\n## {}\n\n`{}` · severity {} · {} · since {}\n\n{}\n\n{}\n",
            i.name,
            i.code,
            i.severity.as_str(),
            i.category.label(),
            i.since,
            i.summary,
            body.trim_end()
        ));
    }
    out
}

/// A check's documentation as Markdown (what `explain` prints after its header).
pub fn markdown(info: &CheckInfo) -> String {
    unindent(info.docs).trim_end().to_string()
}

/// A check's documentation as plain text: the Markdown with its heading marks and code
/// fences dropped.
pub fn plain(info: &CheckInfo) -> String {
    markdown(info)
        .lines()
        .filter(|l| !l.starts_with("```"))
        .map(|l| l.strip_prefix("## ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The text of one `## heading` section of a check's docs, on one line.
pub fn section(info: &CheckInfo, heading: &str) -> Option<String> {
    let md = markdown(info);
    let start = md.find(&format!("## {heading}\n"))? + heading.len() + 4;
    let body = &md[start..];
    let end = body.find("\n## ").unwrap_or(body.len());
    let text = body[..end].split_whitespace().collect::<Vec<_>>().join(" ");
    (!text.is_empty()).then_some(text)
}
