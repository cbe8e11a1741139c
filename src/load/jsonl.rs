//! JSON-lines claim files (`*.claims.jsonl`): one item per line, `{"claim": {…}}`,
//! `{"source": {…}}`, `{"entity": {…}}` or `{"concept": {…}}`, the inner object holding
//! exactly the fields of the YAML item. This is what `claimcheck export` writes (a claim
//! line may also carry `"resolved": {…}`, the canonical form for other engines, which is
//! derived and ignored here).
//!
//! The items go through the same raw types and conversion as YAML (`raw.rs`,
//! `convert.rs`), so both formats accept the same fields with the same messages. A bad
//! line is one located problem and every other line is still read; limits are per line.
//! Large files are read in chunks of lines on every core.

use super::raw::{RawClaim, RawConcept, RawEntity, RawFile, RawSource};
use super::{ClaimFile, Limits, convert, json, jsonl_fast};
use crate::model::{FileId, Problem, ProblemKind, SourceMap, Span};
use rayon::prelude::*;
use serde::Deserialize;
use serde_saphyr::Spanned;

/// One line: exactly one item.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLine {
    source: Option<Spanned<RawSource>>,
    entity: Option<Spanned<RawEntity>>,
    concept: Option<Spanned<RawConcept>>,
    claim: Option<Spanned<RawClaim>>,
    /// `claimcheck export`'s canonical form of a claim: derived, not read.
    #[allow(dead_code)]
    resolved: Option<serde::de::IgnoredAny>,
}

/// Lines parsed together on one core.
const CHUNK_LINES: usize = 2048;

/// Which lines of a JSON-lines file to read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lines {
    /// Every line.
    All,
    /// The `{"claim": …}` lines only.
    Claims,
    /// Every line but the `{"claim": …}` ones (declarations, and anything else).
    NotClaims,
}

impl Lines {
    fn wants(self, line: &str) -> bool {
        match self {
            Self::All => true,
            Self::Claims => is_claim_line(line),
            Self::NotClaims => !is_claim_line(line),
        }
    }
}

/// Whether a line is a claim item as `export` writes it (`{"claim": …`).
pub fn is_claim_line(line: &str) -> bool {
    line.trim_start().starts_with("{\"claim\"")
}

/// A run of whole lines of a JSON-lines file: (start byte, end byte, first line).
pub type Run = (usize, usize, u32);

/// Parses and converts a JSON-lines claim file.
#[cfg(test)]
pub fn parse_file(
    map: &SourceMap,
    file: FileId,
    text: &str,
    limits: &Limits,
) -> (ClaimFile, Vec<Problem>) {
    parse_file_lines(map, file, text, limits, Lines::All)
}

/// [`parse_file`], reading only `lines`; also returns the file's runs of lines.
pub fn parse_file_lines(
    map: &SourceMap,
    file: FileId,
    text: &str,
    limits: &Limits,
    lines: Lines,
) -> (ClaimFile, Vec<Problem>) {
    let mut out = ClaimFile {
        file,
        ..ClaimFile::default()
    };
    if text.trim().is_empty() {
        let problem = Problem::new(
            ProblemKind::InvalidFile,
            map.span_of(file, 0..0),
            "claim file is empty",
        )
        .with_help(
            "add one item per line: `{\"claim\": {…}}`, `{\"source\": {…}}`, …, or delete the file",
        );
        return (out, vec![problem]);
    }
    let parts: Vec<(ClaimFile, Vec<Problem>)> = runs(text)
        .into_par_iter()
        .map(|run| parse_run(file, text, run, limits, lines, 0))
        .collect();
    let mut problems = Vec::new();
    let claims = parts.iter().map(|(f, _)| f.claims.len()).sum();
    out.claims.reserve_exact(claims);
    for (part, p) in parts {
        out.sources.extend(part.sources);
        out.entities.extend(part.entities);
        out.concepts.extend(part.concepts);
        out.claims.extend(part.claims);
        problems.extend(p);
    }
    (out, problems)
}

/// About how many claims a JSON-lines file that could not be read holds: its lines that
/// name a claim.
pub fn estimate_claims(text: &str) -> usize {
    text.lines()
        .filter(|l| l.trim_start().starts_with("{\"claim\""))
        .count()
}

/// The file cut into runs of [`CHUNK_LINES`] lines: (start byte, end byte, first line).
pub fn runs(text: &str) -> Vec<Run> {
    let mut out = Vec::new();
    let (mut start, mut line) = (0, 1u32);
    for (n, i) in memchr::memchr_iter(b'\n', text.as_bytes()).enumerate() {
        if (n + 1) % CHUNK_LINES == 0 {
            out.push((start, i + 1, line));
            line = line.saturating_add(CHUNK_LINES as u32);
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push((start, text.len(), line));
    }
    out
}

/// Parses the wanted lines of a run (whole lines; the first is line `line`) of `text`,
/// which starts at byte `base` of the file (0: `text` is the whole file).
pub fn parse_run(
    file: FileId,
    text: &str,
    run: Run,
    limits: &Limits,
    lines: Lines,
    base: usize,
) -> (ClaimFile, Vec<Problem>) {
    parse_run_with(file, text, run, limits, lines, base, true)
}

/// [`parse_run`], with or without the fast path for claim lines.
fn parse_run_with(
    file: FileId,
    text: &str,
    (start, end, mut line): Run,
    limits: &Limits,
    lines: Lines,
    base: usize,
    fast: bool,
) -> (ClaimFile, Vec<Problem>) {
    let range = start..end;
    let mut raw = RawFile::default();
    // Claims in line order, from the fast path or converted one by one.
    let mut claims: Vec<Box<crate::model::Claim>> = Vec::new();
    // The fast path's lines nest three levels deep.
    let fast = fast && limits.max_depth >= 3;
    let mut problems = Vec::new();
    let mut pos = range.start;
    while pos < range.end {
        let next = memchr::memchr(b'\n', &text.as_bytes()[pos..range.end])
            .map_or(range.end, |i| pos + i + 1);
        let end = text[pos..next].trim_end_matches(['\n', '\r']).len() + pos;
        let line_text = &text[pos..end];
        let problem = |at: usize, message: String| {
            let span = Span {
                file,
                line,
                column: json::column(line_text, pos, at),
                start: (at + base) as u32,
                len: 0,
            };
            Problem::new(ProblemKind::InvalidFile, span, message)
        };
        if line_text.trim().is_empty() || !lines.wants(line_text) {
        } else if line_text.len() > limits.max_jsonl_line_bytes {
            problems.push(
                problem(
                    pos,
                    format!(
                        "line of {} bytes, over the limit of {} bytes for one line",
                        line_text.len(),
                        limits.max_jsonl_line_bytes
                    ),
                )
                .with_help(
                    "one item per line; split a longer text (a quote, a note) or shorten it",
                ),
            );
        } else if let Some(c) = fast
            .then(|| jsonl_fast::claim_line(file, text, pos, end, line, base))
            .flatten()
        {
            claims.push(Box::new(c));
        } else {
            match json::from_line_at::<RawLine>(text, pos, end, line, limits.max_depth, base) {
                Ok(item) => {
                    let count = usize::from(item.source.is_some())
                        + usize::from(item.entity.is_some())
                        + usize::from(item.concept.is_some())
                        + usize::from(item.claim.is_some());
                    if count == 1 {
                        raw.sources.extend(item.source);
                        raw.entities.extend(item.entity);
                        raw.concepts.extend(item.concept);
                        if let Some(claim) = item.claim {
                            let mut one = ClaimFile {
                                file,
                                ..ClaimFile::default()
                            };
                            let item = RawFile {
                                claims: vec![claim],
                                ..RawFile::default()
                            };
                            convert::convert_items(&mut one, item, &mut problems);
                            claims.extend(one.claims);
                        }
                    } else {
                        problems.push(
                            problem(
                                pos,
                                format!(
                                    "a line holds one item, found {count}: `claim`, `source`, `entity` or `concept`"
                                ),
                            )
                            .with_help("write each item on a line of its own: `{\"claim\": {\"id\": …}}`"),
                        );
                    }
                }
                Err(err) => {
                    let p = problem(err.at.unwrap_or(pos), err.message);
                    problems.push(match err.help {
                        Some(help) => p.with_help(help),
                        None => p,
                    });
                }
            }
        }
        line = line.saturating_add(1);
        pos = next;
    }
    let mut out = ClaimFile {
        file,
        ..ClaimFile::default()
    };
    convert::convert_items(&mut out, raw, &mut problems);
    out.claims = claims;
    (out, problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;
    use std::sync::Arc;

    fn parse(text: &str) -> (ClaimFile, Vec<Problem>) {
        let mut map = SourceMap::default();
        let file = map.add(PathBuf::from("a.claims.jsonl"), Arc::from(text));
        parse_file(&map, file, text, &Limits::default())
    }

    /// Both paths on one line: the claims (as debug text) and the problems.
    fn both(text: &str) -> [(Vec<String>, Vec<String>); 2] {
        let mut map = SourceMap::default();
        let file = map.add(PathBuf::from("a.claims.jsonl"), Arc::from(text));
        [true, false].map(|fast| {
            let run = (0, text.len(), 7);
            let (f, problems) =
                parse_run_with(file, text, run, &Limits::default(), Lines::All, 100, fast);
            (
                f.claims.iter().map(|c| format!("{c:?}")).collect(),
                problems.iter().map(|p| format!("{p:?}")).collect(),
            )
        })
    }

    #[test]
    fn the_fast_path_reads_claim_lines_as_the_general_path_does() {
        let fields = [
            r#""id":"c1""#,
            r#""source":"s""#,
            r#""subject":"kim""#,
            r#""predicate":"p""#,
        ];
        let extras = [
            "",
            r#","object":"left the band""#,
            r#","object":"Mixed Case  name""#,
            r#","object":41"#,
            r#","object":{"number":41}"#,
            r#","speaker":"kim","attribution":"paraphrase""#,
            r#","speaker":"kim""#,
            r#","polarity":"denied","modality":"hedged""#,
            r#","polarity":"undetermined""#,
            r#","polarity":"Denied""#,
            r#","origin":"extracted","exclusive":true"#,
            r#","exclusive":false"#,
            r#","said":"2020-05-01T10:00+02:00""#,
            r#","said":"2020-13""#,
            r#","said":2020"#,
            r#","valid":{"from":"2016","to":"2021"}"#,
            r#","valid":{"to":"2016","from":"2021"}"#,
            r#","valid":{"at":"2016","from":"2015"}"#,
            r#","valid":{"after":"2016","before":"2016"}"#,
            r#","valid":{"before":"2016-05"}"#,
            r#","valid":{}"#,
            r#","valid":"2016""#,
            r#","valid":{"at":"2016","at":"2017"}"#,
            r#","quote":"we "quit"""#,
            r#","quote":"plain words","note":"a note""#,
            r#","quote":"é""#,
            r#","id":"again""#,
            r#","via":["ap"]"#,
            r#","scope":{"measure":"x"}"#,
            r#","confidence":0.5"#,
            r#","unknown":1"#,
        ];
        let mut lines = Vec::new();
        for extra in extras {
            let body = format!("{}{extra}", fields.join(","));
            lines.push(format!(r#"{{"claim":{{{body}}}}}"#));
            lines.push(format!(
                r#" {{ "claim" : {{ {} {extra} }} }} "#,
                fields.join(" , ")
            ));
            lines.push(format!(r#"{{"claim":{{{body}}},"resolved":{{"x":[1]}}}}"#));
            lines.push(format!(r#"{{"claim":{{{body}}}}}trailing"#));
        }
        // Each required field missing in turn; an empty claim; other items.
        for skip in 0..fields.len() {
            let kept: Vec<&str> = (0..fields.len())
                .filter(|&i| i != skip)
                .map(|i| fields[i])
                .collect();
            lines.push(format!(r#"{{"claim":{{{}}}}}"#, kept.join(",")));
        }
        lines.push(r#"{"claim":{}}"#.to_string());
        lines.push(r#"{"source":{"id":"s"}}"#.to_string());
        lines.push(r#"{"claim":{"id":"c1"},"entity":{"id":"x"}}"#.to_string());
        let mut fast_lines = 0;
        for line in &lines {
            let [fast, general] = both(line);
            assert_eq!(fast, general, "{line}");
            fast_lines += usize::from(
                super::jsonl_fast::claim_line(FileId(0), line, 0, line.len(), 1, 0).is_some(),
            );
        }
        // The common lines do take the fast path: 15 of the forms above, each compact and
        // spaced.
        assert_eq!(fast_lines, 30);
    }

    #[test]
    fn reads_every_item_kind_with_exact_spans() {
        let text = concat!(
            "{\"source\": {\"id\": \"s\", \"published\": 2020}}\n",
            "\n",
            "{\"entity\": {\"id\": \"kim\", \"kind\": \"person\", \"aliases\": [\"Kim K\"]}}\r\n",
            "{\"concept\": {\"id\": \"money\", \"forms\": [\"cash\"]}}\n",
            "{\"claim\": {\"id\": \"c1\", \"source\": \"s\", \"subject\": \"kim\", \"predicate\": \"age\", \"object\": 41, \"valid\": {\"at\": \"2020\"}}, \"resolved\": {\"x\": [1]}}\n",
        );
        let (f, problems) = parse(text);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(f.sources[0].id.value, "s");
        assert_eq!(f.entities[0].aliases[0].value, "Kim K");
        assert_eq!(f.concepts[0].forms[0].value, "cash");
        let c = &f.claims[0];
        assert_eq!(c.subject.value, "kim");
        let at = text.find("\"kim\", \"pred").unwrap();
        assert_eq!(
            (
                c.subject.span.line,
                c.subject.span.start,
                c.subject.span.len
            ),
            (5, at as u32, 5)
        );
        let line_start = text.find("{\"claim\"").unwrap();
        assert_eq!(c.subject.span.column as usize, at - line_start + 1);
    }

    #[test]
    fn a_bad_line_is_one_problem_and_the_others_are_read() {
        let text = concat!(
            "{\"claim\": {\"id\": \"a\", \"source\": \"s\", \"subject\": \"x\", \"predicate\": \"p\"}}\n",
            "{\"claim\": {\"id\": \"b\", \"sourse\": \"s\", \"subject\": \"x\", \"predicate\": \"p\"}}\n",
            "{\"claim\": {\"id\": \"c\", \"source\": \"s\", \"subject\": \"x\", \"predicate\": \"p\"}, \"entity\": {\"id\": \"x\"}}\n",
            "not json\n",
            "{\"claim\": {\"id\": \"d\", \"source\": \"s\", \"subject\": \"x\", \"predicate\": \"p\", \"said\": \"2020-13\"}}\n",
            "{\"claim\": {\"id\": \"e\", \"source\": \"s\", \"subject\": \"x\", \"predicate\": \"p\"}}",
        );
        let (f, problems) = parse(text);
        let ids: Vec<&str> = f.claims.iter().map(|c| c.id.value.as_str()).collect();
        assert_eq!(ids, ["a", "e"]);
        let at: Vec<(u32, u32)> = problems
            .iter()
            .map(|p| (p.span.line, p.span.column))
            .collect();
        assert_eq!(at, [(2, 23), (3, 1), (4, 1), (5, 80)], "{problems:#?}");
        assert!(problems[0].message.contains("unknown field `sourse`"));
        assert_eq!(problems[0].help.as_deref(), Some("did you mean `source`?"));
        assert!(problems[1].message.contains("found 2"));
        assert!(problems[3].message.contains("invalid `said` date"));
    }

    #[test]
    fn limits_are_per_line() {
        let long = format!(
            "{{\"claim\": {{\"id\": \"a\", \"source\": \"s\", \"subject\": \"x\", \"predicate\": \"p\", \"note\": \"{}\"}}}}\n",
            "n".repeat(200)
        );
        let short = "{\"claim\": {\"id\": \"b\", \"source\": \"s\", \"subject\": \"x\", \"predicate\": \"p\"}}\n";
        let text = format!("{long}{short}");
        let mut map = SourceMap::default();
        let file = map.add(PathBuf::from("a.claims.jsonl"), Arc::from(text.as_str()));
        let limits = Limits {
            max_jsonl_line_bytes: 150,
            ..Limits::default()
        };
        let (f, problems) = parse_file(&map, file, &text, &limits);
        assert_eq!(f.claims.len(), 1);
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("over the limit of 150 bytes"));
        assert_eq!(problems[0].span.line, 1);
    }

    #[test]
    fn chunks_cover_every_line_once_with_the_right_numbers() {
        let text: String = (0..5000).map(|i| format!("line {i}\n")).collect();
        let chunks = runs(&text);
        assert_eq!(chunks.len(), 3);
        assert_eq!(chunks[1].2, 2049);
        assert_eq!(chunks[2].2, 4097);
        assert_eq!(chunks[2].1, text.len());
        assert!(chunks.windows(2).all(|w| w[0].1 == w[1].0));
        assert!(text[chunks[1].0..].starts_with("line 2048\n"));
    }
}
