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

/// What a finding is and how its severity is chosen: the part of docs/checks.md that is
/// about every check.
pub const FINDINGS_AND_SEVERITY: &str = r#"
## What a finding is

Claims that share a subject and a predicate family form a **dispute** (the report titles
it with the predicate's `question`: "Why did the Legend–West friendship end?"). Within a
dispute, claims that say the same thing hold one **position**. A finding is **one clash
between two positions, of one kind**: however many claims hold each side, and however
many outlets reprint them, the clash is reported once. Its text gives the dispute's
question and each side with its **voices**: a speaker in one speech act (the same said
date) is one voice, whichever outlets printed the words; an outlet speaking for itself is
another. The primary claim (the latest said) is labelled, the latest claim of the other
side and a few more are related locations ("7 claims in all; 2 more are not shown"), and
the JSON report lists every claim of each side under `positions`. An outlet's paraphrase
of words the same speaker is quoted saying in the same speech act (the same position,
the same said date) is an echo of them: it is listed under "Stated by several outlets", not
as a claim of the clash.

The claim pairs between two positions are grouped by what explains them, and each group
is its own finding of its own kind:

| The pairs are | Finding |
|---|---|
| different voices, overlapping valid times | a contradiction (`CC101`–`CC103`, `CC105`) |
| one speaker's own words at different said dates | `revised-account` (`CC301`) |
| an outlet's paraphrase against the speaker's own words | `reporting-conflict` (`CC302`) |
| valid times that do not overlap | `status-changed` (`CC201`) |

When one pair of positions has several kinds, each finding says so ("between the same
two positions there is also a possible misreport"). Different causes of one event are
one `competing-causes` note per event, listing every cause, never one per pair.

A worked example from a real story (tests/stories/cavs-parade-crowd): six outlets printed
"1.3 million" for the 2016 Cavaliers parade crowd; cleveland.com estimated about 1
million; a crowd expert, quoted in 2019, said 1.3 million "is just impossible". That is
two findings, not twelve: `CC101` (the expert against the six claims of 1.3 million, one
finding) and `CC102` (1.3 million against 1 million, a warning because cleveland.com's
estimate is hedged). Cleveland 19's "the Sports Commission said 1.3 million" against the
Commission's own "we actually have no involvement in that" is a `CC302` misreport.

## Severity follows the verdict

- **error**: two different voices state facts that cannot both be true (`CC101`, `CC102`,
  `CC103`, `CC105`), or an outlet's paraphrase contradicts the speaker's own words
  (`CC302`, also when the speaker's words were hedged: stating flatly what was hedged is
  part of the misreport); and broken input (`CC0xx`).
- **warning**: a speaker revised their account (`CC301`); a contradiction where
  one side rests only on hedged words ("I think", "reportedly").
- **note**: a change over time (`CC201`), competing causes (`CC104`), and any clash where
  both sides rest only on hedged words.
- A finding that involves a claim the extractor drafted (`check --suggest`,
  `origin: extracted`) is at most a note, is listed apart as "Suggested by the extractor
  (unreviewed)", and never fails the run.
- The cross-outlet statement checks (`CC303`–`CC305`, with `check --suggest`) compare
  the articles' own quotations and reported speech as the extractor read them: no claim
  is involved, so they keep their level (a changed negation, hedge, number or name is a
  warning), but they are listed with the suggestions and never fail the run.

`severity:` in a rules file and `--severity CODE=LEVEL` change a check's level; the hedge
and suggestion caps apply after them. `CC106 widespread-conflict` is retired: a clash
with many claims on each side is now the same single finding as any other clash.
"#;

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
    out.push_str(FINDINGS_AND_SEVERITY);
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
