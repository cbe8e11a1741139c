//! The JSON report. These wire types are the spec: fields are only ever added, and
//! `schema_version` changes when anything else does.

use super::Ctx;
use crate::check::{Finding, Report, Severity};
use crate::model::{Attribution, Modality, Polarity, Span};
use crate::resolve::{ClaimIdx, Corpus};
use serde::Serialize;
use std::io::{self, Write};

/// Version of this JSON layout.
pub const SCHEMA_VERSION: u32 = 1;

/// The whole report.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    /// Layout version.
    pub schema_version: u32,
    /// The tool.
    pub tool: JsonTool,
    /// Counts.
    pub summary: JsonSummary,
    /// Findings, sorted by location, then code.
    pub findings: Vec<JsonFinding>,
    /// Statements independent sources agree on.
    pub corroborations: Vec<JsonCorroboration>,
    /// Findings grouped by the question they dispute.
    pub disputes: Vec<JsonDispute>,
    /// With `--new-since`: the ref and the findings resolved since.
    pub new_since: Option<JsonSince>,
    /// With `--baseline`: the file and its stale entries.
    pub baseline: Option<JsonBaseline>,
}

/// The comparison with a git ref.
#[derive(Debug, Serialize)]
pub struct JsonSince {
    /// The ref as given.
    #[serde(rename = "ref")]
    pub reference: String,
    /// Shown findings new since the ref.
    pub new: usize,
    /// Findings at the ref that are gone now.
    pub resolved: Vec<JsonGone>,
}

/// A finding resolved since the ref.
#[derive(Debug, Serialize)]
pub struct JsonGone {
    /// Check code.
    pub code: &'static str,
    /// Check name.
    pub name: &'static str,
    /// Severity it had.
    pub severity: Severity,
    /// Its message.
    pub message: String,
    /// Its fingerprint.
    pub fingerprint: String,
    /// Path at the ref.
    pub path: String,
    /// Line at the ref.
    pub line: u32,
}

/// The baseline after matching.
#[derive(Debug, Serialize)]
pub struct JsonBaseline {
    /// The baseline file.
    pub path: String,
    /// Entries that hide a finding.
    pub matched: usize,
    /// Entries past their `expires` date.
    pub expired: usize,
    /// Entries that match no finding (each fails the run until pruned).
    pub stale: Vec<JsonStale>,
}

/// A stale baseline entry.
#[derive(Debug, Serialize)]
pub struct JsonStale {
    /// Its fingerprint.
    pub fingerprint: String,
    /// The check it recorded.
    pub check: String,
    /// The claims it recorded.
    pub claims: Vec<String>,
    /// The message it recorded.
    pub message: String,
    /// Its line in the baseline file.
    pub line: u32,
}

/// Tool name and version.
#[derive(Debug, Serialize)]
pub struct JsonTool {
    /// `claimcheck`.
    pub name: &'static str,
    /// Crate version.
    pub version: &'static str,
}

/// Counts of unsuppressed findings by severity.
#[derive(Debug, Serialize)]
pub struct JsonSummary {
    /// Errors.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// Notes.
    pub notes: usize,
    /// Suppressed findings (any severity).
    pub suppressed: usize,
    /// Findings hidden by the baseline (any severity).
    pub baselined: usize,
    /// Findings left out by `--min-level`.
    pub below_min_level: usize,
    /// Claims checked.
    pub claims: usize,
    /// Claim files that could not be read or parsed, in path order, with about how many
    /// claims each holds (`null` when its text could not be read).
    pub unreadable_files: Vec<super::UnreadFile>,
}

/// A place in a file.
#[derive(Debug, Serialize, Clone)]
pub struct JsonLocation {
    /// Path, `/`-separated.
    pub path: String,
    /// 1-based line.
    pub line: u32,
    /// 1-based column (characters).
    pub column: u32,
    /// Byte offset.
    pub byte_offset: u32,
    /// Byte length.
    pub byte_length: u32,
}

/// A labelled place.
#[derive(Debug, Serialize)]
pub struct JsonLabel {
    /// Where.
    #[serde(flatten)]
    pub location: JsonLocation,
    /// What is there.
    pub text: String,
}

/// One claim as a finding shows it.
#[derive(Debug, Serialize)]
pub struct JsonClaim {
    /// Claim id.
    pub id: String,
    /// Source id.
    pub source: String,
    /// The source's outlet.
    pub outlet: String,
    /// The source's document path, if any.
    pub document: Option<String>,
    /// Speaker entity id; `null` when the outlet asserts it.
    pub speaker: Option<String>,
    /// Speaker display name.
    pub speaker_name: Option<String>,
    /// When it was said (as written or defaulted).
    pub said: Option<String>,
    /// When the stated thing holds.
    pub valid: String,
    /// `affirmed` or `denied`.
    pub polarity: Polarity,
    /// `asserted` or `hedged`.
    pub modality: Modality,
    /// `direct` or `paraphrase`.
    pub attribution: Attribution,
    /// The proposition in words.
    pub proposition: String,
    /// Where the claim is written.
    pub location: JsonLocation,
    /// The quote, if any.
    pub quote: Option<String>,
    /// Where the quote is in the article, when found.
    pub quote_location: Option<JsonLocation>,
    /// `written` or `extracted`.
    pub origin: crate::model::Origin,
    /// The relays (entity ids), nearest the outlet first; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub via: Vec<String>,
    /// Who said it through whom in which outlet ("the ministry, via AP, in Salon"); absent
    /// without relays.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chain: Option<String>,
    /// How the figure was measured; absent when not given.
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub scope: std::collections::BTreeMap<String, String>,
    /// The claim this one takes back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retracts: Option<String>,
    /// The claim that takes this one back.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retracted_by: Option<String>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct JsonFinding {
    /// Check code.
    pub code: &'static str,
    /// Check name.
    pub name: &'static str,
    /// Severity.
    pub severity: Severity,
    /// Type label (contradiction, tension, revised account, …).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// What is wrong.
    pub message: String,
    /// Why.
    pub explanation: String,
    /// How to resolve or suppress.
    pub help: String,
    /// The primary location.
    pub location: JsonLocation,
    /// Related locations.
    pub related: Vec<JsonLabel>,
    /// Claims involved, primary first.
    pub claims: Vec<JsonClaim>,
    /// For a clash between positions: each position with every claim that holds it (the
    /// primary claim's side first); empty for findings about one claim or one file.
    pub positions: Vec<JsonSide>,
    /// The claim-id pairs (later, earlier) across the sides that the finding is about,
    /// when not every pair across the sides is (the others are explained otherwise, e.g.
    /// by time); empty means every pair across the sides.
    pub pairs: Vec<[String; 2]>,
    /// The reason, when a claim's `suppress` hides it.
    pub suppressed: Option<String>,
    /// Every claim involved was drafted by the extractor.
    pub extracted_only: bool,
    /// A claim involved is an unreviewed draft of the extractor: the finding is a
    /// suggestion (at most a note, listed in its own section, never fails the run).
    pub suggested: bool,
    /// Stable identity (`v2:` and 16 hex digits), as in SARIF, GitLab and the baseline.
    pub fingerprint: String,
    /// The reason, when a baseline entry hides it.
    pub baseline: Option<String>,
    /// With `--new-since`: `new`, `joined` (a new claim joined a side of a finding that was
    /// already there) or `unchanged`.
    pub change: Option<&'static str>,
}

/// One side of a clash.
#[derive(Debug, Serialize)]
pub struct JsonSide {
    /// The position in words.
    pub label: String,
    /// Every claim that holds it.
    pub claims: Vec<JsonClaim>,
}

/// A corroboration.
#[derive(Debug, Serialize)]
pub struct JsonCorroboration {
    /// The shared proposition.
    pub proposition: String,
    /// Distinct outlets.
    pub outlets: Vec<String>,
    /// Independent voices (speakers, and outlets speaking for themselves).
    pub voices: usize,
    /// The claims.
    pub claims: Vec<JsonClaim>,
}

/// A dispute.
#[derive(Debug, Serialize)]
pub struct JsonDispute {
    /// The question.
    pub question: String,
    /// Positions taken.
    pub positions: Vec<JsonPosition>,
    /// Indices into `findings`.
    pub findings: Vec<usize>,
}

/// A position in a dispute.
#[derive(Debug, Serialize)]
pub struct JsonPosition {
    /// The proposition.
    pub proposition: String,
    /// Who holds it.
    pub holders: Vec<String>,
    /// Claim ids.
    pub claims: Vec<String>,
}

/// A span as a JSON location.
pub fn location_json(corpus: &Corpus, span: Span) -> JsonLocation {
    JsonLocation {
        path: corpus.map.display(span.file),
        line: span.line,
        column: span.column,
        byte_offset: span.start,
        byte_length: span.len,
    }
}

/// A claim as JSON.
pub fn claim_json(corpus: &Corpus, i: ClaimIdx) -> JsonClaim {
    let c = &corpus.claims[i as usize];
    let source = &corpus.sources[c.source as usize];
    let quote_location = source
        .document
        .zip(c.quote_range())
        .map(|(doc, r)| location_json(corpus, corpus.map.span_of(doc, r)));
    JsonClaim {
        id: c.id().to_string(),
        source: source.id.clone(),
        outlet: source.outlet.clone(),
        document: source.document.map(|d| corpus.map.display(d)),
        speaker: c.speaker.map(|s| corpus.entities[s as usize].id.clone()),
        speaker_name: c.speaker.map(|s| corpus.entities[s as usize].name.clone()),
        said: c.said_date.map(|d| d.to_string()),
        valid: c.valid.describe(),
        polarity: c.polarity(),
        modality: c.claim.modality,
        attribution: c.claim.attribution,
        proposition: corpus.proposition(c),
        location: location_json(corpus, c.claim.id.span),
        quote: c.claim.quote.as_ref().map(|q| q.value.clone()),
        quote_location,
        origin: c.claim.origin,
        via: c
            .via
            .iter()
            .map(|&v| corpus.entities[v as usize].id.clone())
            .collect(),
        chain: (!c.via.is_empty()).then(|| corpus.chain(c)),
        scope: c.claim.scope().iter().cloned().collect(),
        retracts: c
            .retracts
            .map(|r| corpus.claims[r as usize].id().to_string()),
        retracted_by: c
            .retracted_by
            .map(|r| corpus.claims[r as usize].id().to_string()),
    }
}

fn finding_json(cx: &Ctx<'_>, i: usize, f: &Finding) -> JsonFinding {
    let corpus = cx.corpus;
    let reviewed = cx.reviewed(i);
    JsonFinding {
        code: f.check.code,
        name: f.check.name,
        severity: f.severity,
        kind: f.check.category.label(),
        message: f.message.clone(),
        explanation: f.explanation.clone(),
        help: f.help.clone(),
        location: location_json(corpus, f.primary.span),
        related: f
            .related
            .iter()
            .map(|l| JsonLabel {
                location: location_json(corpus, l.span),
                text: l.text.clone(),
            })
            .collect(),
        claims: f.claims.iter().map(|&i| claim_json(corpus, i)).collect(),
        positions: f
            .positions
            .iter()
            .map(|s| JsonSide {
                label: s.label.clone(),
                claims: s.claims.iter().map(|&i| claim_json(corpus, i)).collect(),
            })
            .collect(),
        pairs: f
            .pairs
            .iter()
            .map(|&(a, b)| {
                let id = |i: ClaimIdx| corpus.claims[i as usize].id().to_string();
                [id(a), id(b)]
            })
            .collect(),
        suppressed: f.suppressed.clone(),
        extracted_only: f.extracted_only,
        suggested: f.suggested,
        fingerprint: reviewed.fingerprint.clone(),
        baseline: reviewed.baseline.clone(),
        change: reviewed.change.map(super::Change::as_str),
    }
}

fn summary(report: &Report, cx: &Ctx<'_>) -> JsonSummary {
    let c = cx.counts(report);
    JsonSummary {
        errors: c.errors,
        warnings: c.warnings,
        notes: c.notes,
        suppressed: c.suppressed,
        baselined: c.baselined,
        below_min_level: cx.review.below_min_level,
        claims: cx.corpus.claims.len(),
        unreadable_files: super::unread_files(cx.corpus),
    }
}

fn since_json(report: &Report, cx: &Ctx<'_>) -> Option<JsonSince> {
    let since = cx.review.since.as_ref()?;
    let new = report
        .findings
        .iter()
        .enumerate()
        .filter(|&(i, f)| {
            cx.hidden(i, f).is_none() && cx.reviewed(i).change == Some(super::Change::New)
        })
        .count();
    Some(JsonSince {
        reference: since.reference.clone(),
        new,
        resolved: since
            .resolved
            .iter()
            .map(|g| JsonGone {
                code: g.code,
                name: g.name,
                severity: g.severity,
                message: g.message.clone(),
                fingerprint: g.fingerprint.clone(),
                path: g.path.clone(),
                line: g.line,
            })
            .collect(),
    })
}

fn baseline_json(cx: &Ctx<'_>) -> Option<JsonBaseline> {
    let b = cx.review.baseline.as_ref()?;
    Some(JsonBaseline {
        path: b.path.clone(),
        matched: b.matched,
        expired: b.expired,
        stale: b
            .stale
            .iter()
            .map(|e| JsonStale {
                fingerprint: e.fingerprint.clone(),
                check: e.check.clone(),
                claims: e.claims.clone(),
                message: e.message.clone(),
                line: e.line,
            })
            .collect(),
    })
}

fn corroboration_json(corpus: &Corpus, c: &crate::check::Corroboration) -> JsonCorroboration {
    JsonCorroboration {
        proposition: c.proposition.clone(),
        outlets: c.outlets.clone(),
        voices: c.voices,
        claims: c.claims.iter().map(|&i| claim_json(corpus, i)).collect(),
    }
}

fn dispute_json(corpus: &Corpus, d: &crate::check::sink::Dispute) -> JsonDispute {
    JsonDispute {
        question: d.question.clone(),
        positions: d
            .positions
            .iter()
            .map(|p| JsonPosition {
                proposition: p.text.clone(),
                holders: p.holders.clone(),
                claims: p
                    .claims
                    .iter()
                    .map(|&i| corpus.claims[i as usize].id().to_string())
                    .collect(),
            })
            .collect(),
        findings: d.findings.clone(),
    }
}

/// Items per chunk: one chunk is built and serialised by one rayon task into one buffer
/// (about 250 KB of findings).
const CHUNK: usize = 64;

/// Chunks per batch: a batch is rendered in parallel, written, and its buffers reused for
/// the next one, so only one batch of rendered items is ever held in memory (a few MB,
/// however big the report). Several chunks per thread keep the threads evenly loaded.
fn batch() -> usize {
    (8 * rayon::current_num_threads()).max(16)
}

/// Writes the JSON report (the layout of [`JsonReport`]).
///
/// The output is byte for byte what `serde_json::to_writer_pretty` writes for a
/// [`JsonReport`] followed by a newline, but the report is never built whole: the top-level
/// object is written here field by field, and the three big arrays (findings,
/// corroborations, disputes) are rendered by `write_array`, which builds and serialises
/// their elements in parallel chunks. Building the wire values (cloning strings, mapping
/// spans to paths) and pretty-printing them is most of the time a large report takes to
/// render, and each element's text depends only on the element and its depth, so chunks
/// can be rendered independently and concatenated in order.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    let corpus = cx.corpus;
    let mut w = io::BufWriter::new(&mut *out);
    w.write_all(b"{")?;
    write_field(&mut w, true, "schema_version", &SCHEMA_VERSION)?;
    let tool = JsonTool {
        name: "claimcheck",
        version: env!("CARGO_PKG_VERSION"),
    };
    write_field(&mut w, false, "tool", &tool)?;
    write_field(&mut w, false, "summary", &summary(report, cx))?;
    write_key(&mut w, false, "findings")?;
    write_array(&mut w, &report.findings, CHUNK, batch(), |i, f| {
        finding_json(cx, i, f)
    })?;
    write_key(&mut w, false, "corroborations")?;
    write_array(&mut w, &report.corroborations, CHUNK, batch(), |_, c| {
        corroboration_json(corpus, c)
    })?;
    write_key(&mut w, false, "disputes")?;
    write_array(&mut w, &report.disputes, CHUNK, batch(), |_, d| {
        dispute_json(corpus, d)
    })?;
    write_field(&mut w, false, "new_since", &since_json(report, cx))?;
    write_field(&mut w, false, "baseline", &baseline_json(cx))?;
    // The top-level object has fields, so it closes on its own line; then the final newline.
    w.write_all(b"\n}\n")?;
    w.flush()
}

/// serde_json's `PrettyFormatter` (two-space indent), starting `level` objects or arrays
/// deep.
///
/// `PrettyFormatter` keeps its depth private, so this repeats its logic method for method:
/// a value serialised with `Pretty::at(n)` is byte for byte what `PrettyFormatter` writes
/// for that value when it sits `n` levels deep in a larger document. (The `has_value` flag
/// is reset by every `begin_*`, so its starting value never shows in the output.)
struct Pretty {
    /// Current depth, in two-space steps.
    level: usize,
    /// Whether the innermost open object or array has had a value written.
    has_value: bool,
}

impl Pretty {
    /// A formatter for a value at depth `level` (0 is a whole document).
    fn at(level: usize) -> Self {
        Self {
            level,
            has_value: false,
        }
    }
}

/// Writes `level` two-space indents.
fn indent<W: ?Sized + Write>(w: &mut W, level: usize) -> io::Result<()> {
    const SPACES: &[u8; 32] = b"                                ";
    let mut n = level * 2;
    while n > 0 {
        let k = n.min(SPACES.len());
        w.write_all(&SPACES[..k])?;
        n -= k;
    }
    Ok(())
}

impl serde_json::ser::Formatter for Pretty {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        w.write_all(b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.level)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            indent(w, self.level)?;
        }
        w.write_all(b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        indent(w, self.level)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Writes `value` pretty-printed as it appears `level` deep in the document.
fn write_value<W: ?Sized + Write, T: ?Sized + Serialize>(
    w: &mut W,
    level: usize,
    value: &T,
) -> io::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(
        w,
        Pretty::at(level),
    ))?;
    Ok(())
}

/// Writes the key of a top-level field and the `: ` after it, as `PrettyFormatter` does
/// inside the report object (depth 1).
fn write_key<W: ?Sized + Write>(w: &mut W, first: bool, key: &str) -> io::Result<()> {
    w.write_all(if first { b"\n" } else { b",\n" })?;
    indent(w, 1)?;
    serde_json::to_writer(&mut *w, key)?;
    w.write_all(b": ")
}

/// Writes a whole top-level field: key, then value at depth 1.
fn write_field<W: ?Sized + Write, T: ?Sized + Serialize>(
    w: &mut W,
    first: bool,
    key: &str,
    value: &T,
) -> io::Result<()> {
    write_key(w, first, key)?;
    write_value(w, 1, value)
}

/// Writes a top-level field's array value: `json(i, &items[i])` for each item, as
/// `PrettyFormatter` writes a sequence at depth 1 (elements at depth 2).
///
/// Items are taken `chunk * batch` at a time; each batch is split into chunks of `chunk`
/// items that rayon builds and serialises into their own buffers in parallel. The buffers
/// come back in order and are written out before the next batch starts, so memory stays
/// bounded by one batch. Each element is preceded by the separator `PrettyFormatter` would
/// write (`\n` before the first, `,\n` before the rest, then the indent), and the array is
/// closed the same way (`[]` when empty, `]` on its own line otherwise).
fn write_array<W, T, J, F>(
    w: &mut W,
    items: &[T],
    chunk: usize,
    batch: usize,
    json: F,
) -> io::Result<()>
where
    W: ?Sized + Write,
    T: Sync,
    J: Serialize,
    F: Fn(usize, &T) -> J + Sync,
{
    use rayon::prelude::*;
    w.write_all(b"[")?;
    let per_batch = chunk * batch;
    // One buffer per chunk of a batch, reused from batch to batch: their memory is touched
    // once, not allocated afresh (and faulted in) for every chunk.
    let mut bufs: Vec<Vec<u8>> = Vec::new();
    for (b, items) in items.chunks(per_batch).enumerate() {
        let chunks = items.len().div_ceil(chunk);
        if bufs.len() < chunks {
            bufs.resize_with(chunks, Vec::new);
        }
        let bufs = &mut bufs[..chunks];
        bufs.par_iter_mut()
            .zip(items.par_chunks(chunk))
            .enumerate()
            .try_for_each(|(c, (buf, items))| -> io::Result<()> {
                buf.clear();
                let start = b * per_batch + c * chunk;
                for (k, item) in items.iter().enumerate() {
                    let i = start + k;
                    buf.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
                    indent(buf, 2)?;
                    write_value(buf, 2, &json(i, item))?;
                }
                Ok(())
            })?;
        for buf in bufs.iter() {
            w.write_all(buf)?;
        }
    }
    if items.is_empty() {
        w.write_all(b"]")
    } else {
        w.write_all(b"\n")?;
        indent(w, 1)?;
        w.write_all(b"]")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    /// An element with the shapes the report has: nested objects and arrays, empty ones,
    /// `null`s, flattened fields, and strings that need escaping.
    #[derive(Serialize)]
    struct Item {
        n: usize,
        text: String,
        none: Option<String>,
        some: Option<Vec<u32>>,
        empty: Vec<u32>,
        empty_map: BTreeMap<String, u32>,
        nested: Vec<Vec<Inner>>,
        #[serde(flatten)]
        flat: Inner,
    }

    #[derive(Serialize, Clone)]
    struct Inner {
        a: Vec<String>,
        b: BTreeMap<String, Vec<u32>>,
    }

    /// The same document through serde_json's own pretty printer.
    #[derive(Serialize)]
    struct Doc<'a> {
        head: &'a Inner,
        items: &'a [Item],
        empty: &'a [Item],
        tail: Option<u32>,
    }

    fn item(n: usize) -> Item {
        let inner = Inner {
            a: (0..n % 3).map(|k| format!("a{k}\n\"q\"\t\u{1}é")).collect(),
            b: (0..n % 4)
                .map(|k| (format!("k{k}"), (0..k as u32).collect()))
                .collect(),
        };
        Item {
            n,
            text: format!("line\nbreak {n} \\ \u{2028}"),
            none: None,
            some: n.is_multiple_of(2).then(|| vec![n as u32; n % 5]),
            empty: Vec::new(),
            empty_map: BTreeMap::new(),
            nested: (0..n % 3).map(|k| vec![inner.clone(); k]).collect(),
            flat: inner,
        }
    }

    fn render_doc(doc: &Doc<'_>, chunk: usize, batch: usize) -> Vec<u8> {
        let mut w = Vec::new();
        w.write_all(b"{").unwrap();
        write_field(&mut w, true, "head", doc.head).unwrap();
        write_key(&mut w, false, "items").unwrap();
        write_array(&mut w, doc.items, chunk, batch, |i, it: &Item| {
            assert_eq!(i, it.n);
            &doc.items[i]
        })
        .unwrap();
        write_key(&mut w, false, "empty").unwrap();
        write_array(&mut w, doc.empty, chunk, batch, |i, _| &doc.empty[i]).unwrap();
        write_field(&mut w, false, "tail", &doc.tail).unwrap();
        w.write_all(b"\n}\n").unwrap();
        w
    }

    #[test]
    fn chunked_rendering_matches_serde_json_pretty() {
        let head = item(7).flat;
        for len in [0, 1, 2, 3, 4, 5, 7, 8, 9, 16, 17, 50] {
            let items: Vec<Item> = (0..len).map(item).collect();
            let doc = Doc {
                head: &head,
                items: &items,
                empty: &[],
                tail: Some(3),
            };
            let mut want = serde_json::to_vec_pretty(&doc).unwrap();
            want.push(b'\n');
            for (chunk, batch) in [(1, 1), (1, 3), (2, 2), (3, 1), (4, 4), (256, 32)] {
                let got = render_doc(&doc, chunk, batch);
                assert_eq!(
                    String::from_utf8(got).unwrap(),
                    String::from_utf8(want.clone()).unwrap(),
                    "len {len}, chunk {chunk}, batch {batch}"
                );
            }
        }
    }

    #[test]
    fn deep_indent_matches() {
        // Deeper than the 32-byte run of spaces `indent` writes at once.
        let mut v = serde_json::json!([1]);
        for _ in 0..40 {
            v = serde_json::json!({ "x": [v, {}], "y": [] });
        }
        let mut got = Vec::new();
        write_value(&mut got, 0, &v).unwrap();
        assert_eq!(got, serde_json::to_vec_pretty(&v).unwrap());
    }
}
