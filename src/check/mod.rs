//! Checking: compares resolved claims and turns every tension into a [`Finding`].
//!
//! `compare` buckets claims by (subject, predicate family) and classifies each conflicting
//! pair once (what clashes, and whether time, a revision or a paraphrase explains it).
//! Each check is one file that declares its code, name and docs with `declare_check!`
//! and picks its findings; `registry` lists them all, sorted by code. `sink` applies
//! severity overrides and suppressions in one place. `testing` (tests only) runs the
//! pipeline up to here on a YAML snippet, for the checks' and the reports' unit tests.

pub mod compare;
mod describe;
pub mod registry;
pub mod sink;
#[cfg(test)]
pub(crate) mod testing;

mod cause_contradiction;
mod comparison_refuted;
mod competing_causes;
mod contrary_status;
mod corroboration;
mod duplicate_id;
mod expired_suppression;
#[cfg(test)]
mod forms_tests;
mod functional_value_conflict;
mod invalid_claim_file;
mod invalid_date;
mod misattributed_quote;
mod missing_document;
mod paraphrase_shift;
mod polarity_contradiction;
mod quote_drift;
mod quote_not_found;
mod reporting_conflict;
mod retracted_claim;
mod revised_account;
mod stated_as_fact;
mod statements;
mod status_changed;
mod unknown_predicate;
mod unknown_reference;
mod unused_suppression;

use crate::model::Span;
use crate::resolve::{ClaimIdx, Corpus, Term};
use crate::rules::{PredicateId, Rules};
use serde::Serialize;

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Informational: worth knowing, never a problem.
    Note,
    /// Worth a reviewer's look.
    Warning,
    /// A contradiction or broken input.
    Error,
}

impl Severity {
    /// Lowercase name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Note => "note",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// What family of finding a check produces; shown as the finding's type label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// Broken or inconsistent input (CC0xx).
    Integrity,
    /// Two sources cannot both be right (CC1xx).
    Contradiction,
    /// Sources differ in a way that may be compatible (CC1xx).
    Tension,
    /// A difference explained by time (CC2xx).
    TimeExplained,
    /// A speaker changed his account (CC3xx).
    Revision,
    /// An outlet's account differs from the speaker's own words (CC3xx).
    Reporting,
    /// Independent sources agree (CC4xx); never a problem.
    Support,
    /// Suppressions and other meta findings (CC9xx).
    Meta,
}

impl Category {
    /// The label shown on findings.
    pub fn label(self) -> &'static str {
        match self {
            Self::Integrity => "integrity",
            Self::Contradiction => "contradiction",
            Self::Tension => "tension",
            Self::TimeExplained => "explained by time",
            Self::Revision => "revised account",
            Self::Reporting => "reporting conflict",
            Self::Support => "corroboration",
            Self::Meta => "suppression",
        }
    }
}

/// The static description of one check: the single source of truth for `explain`,
/// `docs/checks.md` and SARIF rule metadata.
#[derive(Debug)]
pub struct CheckInfo {
    /// Stable code, `CC` and three digits.
    pub code: &'static str,
    /// Stable kebab-case name.
    pub name: &'static str,
    /// Family of the findings.
    pub category: Category,
    /// Severity unless overridden.
    pub severity: Severity,
    /// One line: what it flags.
    pub summary: &'static str,
    /// The full documentation (Markdown, headings in a fixed order).
    pub docs: &'static str,
    /// Version that introduced it.
    pub since: &'static str,
}

/// Declares a check: its doc comment becomes its documentation.
macro_rules! declare_check {
    (
        $(#[doc = $doc:expr])*
        $vis:vis $ident:ident {
            code: $code:literal,
            name: $name:literal,
            category: $cat:ident,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $vis static $ident: $crate::check::CheckInfo = $crate::check::CheckInfo {
            code: $code,
            name: $name,
            category: $crate::check::Category::$cat,
            severity: $crate::check::Severity::$sev,
            summary: $summary,
            docs: concat!($($doc, "\n"),*),
            since: "0.1.0",
        };
    };
}
pub(crate) use declare_check;

/// A labelled place in a file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Label {
    /// Where.
    #[serde(skip)]
    pub span: Span,
    /// What is there.
    pub text: String,
}

/// A dispute: all claims in one (subject, predicate family) bucket that are in conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DisputeKey {
    /// The subject.
    pub subject: Term,
    /// The predicate family.
    pub family: PredicateId,
}

/// One side of a clash: a position and every claim that holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct Side {
    /// The position in words (`subject [not ]predicate object`).
    pub label: String,
    /// The claims that hold it, in corpus order.
    pub claims: Vec<ClaimIdx>,
}

/// One finding, as data. Formats only render these.
#[derive(Debug, Clone)]
pub struct Finding {
    /// The check that found it.
    pub check: &'static CheckInfo,
    /// Severity after overrides.
    pub severity: Severity,
    /// What is wrong at the primary spot: lowercase, no final period.
    pub message: String,
    /// The primary location and its label.
    pub primary: Label,
    /// Other locations (the other claim, the article words).
    pub related: Vec<Label>,
    /// The claims involved, primary first.
    pub claims: Vec<ClaimIdx>,
    /// For a clash between positions: each position with the claims that hold it (the
    /// primary claim's side first). Empty for findings about one claim or one file.
    pub positions: Vec<Side>,
    /// The claim pairs across the sides that this finding is about (later, earlier), when
    /// not every pair across the sides is (some are explained otherwise, e.g. by time);
    /// empty means every pair across the sides.
    pub pairs: Vec<(ClaimIdx, ClaimIdx)>,
    /// Why: which rule, which times, who said what.
    pub explanation: String,
    /// How to resolve or suppress.
    pub help: String,
    /// The dispute it belongs to.
    pub dispute: Option<DisputeKey>,
    /// Set when a claim's `suppress` hides this finding: the reason.
    pub suppressed: Option<String>,
    /// Every claim involved was drafted by the extractor.
    pub extracted_only: bool,
    /// A claim involved was drafted by the extractor and not reviewed: the finding is a
    /// suggestion (at most a note, in its own section, never fails the run).
    pub suggested: bool,
    /// The highest severity the verdict allows (hedged sides), applied after overrides.
    pub cap: Option<Severity>,
}

/// Independent sources that state the same thing.
#[derive(Debug, Clone)]
pub struct Corroboration {
    /// The claims, in file order.
    pub claims: Vec<ClaimIdx>,
    /// The distinct outlets (reports).
    pub outlets: Vec<String>,
    /// The independent voices: distinct speakers, and outlets speaking for themselves.
    pub voices: usize,
    /// The shared proposition, in words.
    pub proposition: String,
}

/// Everything a check may read.
pub struct Context<'a> {
    /// The resolved corpus.
    pub corpus: &'a Corpus,
    /// The rules.
    pub rules: &'a Rules,
    /// The classified clashes, computed once.
    pub comparison: compare::Comparison,
}

/// What the checks produce.
#[derive(Debug, Default)]
pub struct Report {
    /// Findings, sorted.
    pub findings: Vec<Finding>,
    /// Corroborations, sorted.
    pub corroborations: Vec<Corroboration>,
    /// Disputes, in order of first finding.
    pub disputes: Vec<sink::Dispute>,
}

/// Runs every check over a corpus.
pub fn run(corpus: &Corpus, rules: &Rules, options: &sink::Options) -> Report {
    let cx = Context {
        corpus,
        rules,
        comparison: compare::compare(corpus),
    };
    // Checks run in parallel; their findings join in registry order, and the sink sorts.
    let (per_check, corroborations) = rayon::join(
        || {
            use rayon::prelude::*;
            registry::CHECKS
                .par_iter()
                .filter_map(|entry| entry.run)
                .map(|run| {
                    let mut found = Vec::new();
                    run(&cx, &mut found);
                    found
                })
                .collect::<Vec<_>>()
        },
        || {
            let mut corroborations = Vec::new();
            corroboration::collect(&cx, &mut corroborations);
            corroborations
        },
    );
    let findings = per_check.into_iter().flatten().collect();
    sink::finish(&cx, findings, corroborations, options)
}

/// Turns the input problems of one kind into findings of one check.
fn problem_findings(
    cx: &Context<'_>,
    kind: crate::model::ProblemKind,
    check: &'static CheckInfo,
    out: &mut Vec<Finding>,
) {
    for p in cx.corpus.problems.iter().filter(|p| p.kind == kind) {
        out.push(Finding {
            check,
            severity: check.severity,
            message: p.message.clone(),
            primary: Label {
                span: p.span,
                text: String::new(),
            },
            related: Vec::new(),
            claims: Vec::new(),
            explanation: check.summary.to_string(),
            help: p.help.clone().unwrap_or_default(),
            dispute: None,
            suppressed: None,
            extracted_only: false,
            positions: Vec::new(),
            pairs: Vec::new(),
            suggested: false,
            cap: None,
        });
    }
}

/// Adds the relations the checks found to the statement graph.
pub fn derive_edges(report: &Report, graph: &mut crate::graph::StatementGraph) {
    use crate::graph::Edge;
    for f in &report.findings {
        let edge = match f.check.category {
            Category::Contradiction => Edge::Contradicts,
            Category::Tension => Edge::InTensionWith,
            Category::Revision => Edge::Revises,
            Category::Reporting => Edge::Misreports,
            Category::TimeExplained => Edge::ChangedFrom,
            _ => continue,
        };
        if let [a, b, ..] = f.claims[..] {
            graph.relate(a, b, edge);
        }
    }
    for c in &report.corroborations {
        for w in c.claims.windows(2) {
            graph.relate(w[1], w[0], Edge::Corroborates);
        }
    }
}
