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
    /// The reason, when a claim's `suppress` hides it.
    pub suppressed: Option<String>,
    /// Every claim involved was drafted by the extractor.
    pub extracted_only: bool,
    /// Stable identity (`v1:` and 16 hex digits), as in SARIF, GitLab and the baseline.
    pub fingerprint: String,
    /// The reason, when a baseline entry hides it.
    pub baseline: Option<String>,
    /// With `--new-since`: `new` or `unchanged`.
    pub change: Option<&'static str>,
}

/// A corroboration.
#[derive(Debug, Serialize)]
pub struct JsonCorroboration {
    /// The shared proposition.
    pub proposition: String,
    /// Distinct outlets.
    pub outlets: Vec<String>,
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
        id: c.claim.id.value.clone(),
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
        suppressed: f.suppressed.clone(),
        extracted_only: f.extracted_only,
        fingerprint: reviewed.fingerprint.clone(),
        baseline: reviewed.baseline.clone(),
        change: reviewed.change.map(super::Change::as_str),
    }
}

/// Serialises items one at a time, so a large report is never built in memory whole.
struct Streamed<F>(F);

impl<I, F> Serialize for Streamed<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
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
                    .map(|&i| corpus.claims[i as usize].claim.id.value.clone())
                    .collect(),
            })
            .collect(),
        findings: d.findings.clone(),
    }
}

/// Writes the JSON report (the layout of [`JsonReport`]), streaming findings.
pub fn render(report: &Report, cx: &Ctx<'_>, out: &mut dyn Write) -> io::Result<()> {
    use serde::ser::SerializeStruct;
    let corpus = cx.corpus;
    let mut ser = serde_json::Serializer::pretty(io::BufWriter::new(&mut *out));
    let write = |ser: &mut serde_json::Serializer<_, _>| -> Result<(), serde_json::Error> {
        let mut st = serde::Serializer::serialize_struct(ser, "JsonReport", 8)?;
        st.serialize_field("schema_version", &SCHEMA_VERSION)?;
        st.serialize_field(
            "tool",
            &JsonTool {
                name: "claimcheck",
                version: env!("CARGO_PKG_VERSION"),
            },
        )?;
        st.serialize_field("summary", &summary(report, cx))?;
        st.serialize_field(
            "findings",
            &Streamed(|| {
                report
                    .findings
                    .iter()
                    .enumerate()
                    .map(|(i, f)| finding_json(cx, i, f))
            }),
        )?;
        st.serialize_field(
            "corroborations",
            &Streamed(|| {
                report
                    .corroborations
                    .iter()
                    .map(|c| corroboration_json(corpus, c))
            }),
        )?;
        st.serialize_field(
            "disputes",
            &Streamed(|| report.disputes.iter().map(|d| dispute_json(corpus, d))),
        )?;
        st.serialize_field("new_since", &since_json(report, cx))?;
        st.serialize_field("baseline", &baseline_json(cx))?;
        st.end()
    };
    write(&mut ser)?;
    let mut inner = ser.into_inner();
    writeln!(inner)?;
    inner.flush()
}
