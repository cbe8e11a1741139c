//! What a run knows about its findings beyond what the checks found: each finding's
//! fingerprint, whether the baseline hides it, whether it is new since a git ref; and, for
//! the run as a whole, the findings resolved since that ref and the stale baseline
//! entries. Computed once by the run driver, read by every format.

use super::fingerprint;
use crate::check::{Report, Severity};
use crate::resolve::Corpus;

/// Run-level facts about a report; `findings` is parallel to [`Report::findings`].
#[derive(Debug, Clone, Default)]
pub struct Review {
    /// One entry per finding, in report order.
    pub findings: Vec<Reviewed>,
    /// Set with `--new-since`.
    pub since: Option<Since>,
    /// Set with `--baseline`.
    pub baseline: Option<BaselineStatus>,
    /// Findings left out by `--min-level`.
    pub below_min_level: usize,
}

/// One finding's identity and state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reviewed {
    /// Stable identity (`v2:` and 16 hex digits); see [`fingerprint`].
    pub fingerprint: String,
    /// The reason of the baseline entry that hides it.
    pub baseline: Option<String>,
    /// New or still open since the `--new-since` ref.
    pub change: Option<Change>,
}

/// A finding compared with the `--new-since` ref.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// Not there at the ref: this change introduced it. Only these can fail the run.
    New,
    /// Already there at the ref, and a claim that was not there joined one of its sides:
    /// shown, but it does not fail the run (the dispute is not new).
    Joined,
    /// Already there at the ref.
    Unchanged,
}

impl Change {
    /// `new`, `joined` or `unchanged` (SARIF's `baselineState` words, and `joined`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::New => "new",
            Self::Joined => "joined",
            Self::Unchanged => "unchanged",
        }
    }
}

/// The comparison with a git ref.
#[derive(Debug, Clone, Default)]
pub struct Since {
    /// The ref as given (`origin/main`).
    pub reference: String,
    /// Findings at the ref that are gone now.
    pub resolved: Vec<Gone>,
}

/// A finding that was reported at the ref and is not any more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
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
    /// Where it was, at the ref: project-relative path.
    pub path: String,
    /// Line, at the ref.
    pub line: u32,
}

/// The baseline's state after matching.
#[derive(Debug, Clone, Default)]
pub struct BaselineStatus {
    /// The baseline file, as given.
    pub path: String,
    /// Entries that hide a finding.
    pub matched: usize,
    /// Entries past their `expires` date (their findings show again).
    pub expired: usize,
    /// Entries that match no finding: each fails the run until `baseline prune`.
    pub stale: Vec<StaleEntry>,
}

/// A baseline entry that matches no finding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEntry {
    /// Its fingerprint.
    pub fingerprint: String,
    /// The check code it recorded.
    pub check: String,
    /// The claims it recorded.
    pub claims: Vec<String>,
    /// The message it recorded.
    pub message: String,
    /// Its line in the baseline file.
    pub line: u32,
}

impl Review {
    /// A review with fingerprints only (no baseline, no ref): what a plain run reports.
    pub fn new(report: &Report, corpus: &Corpus, paths: &[String]) -> Self {
        Self {
            findings: fingerprint::compute(corpus, &report.findings, paths)
                .into_iter()
                .map(|fingerprint| Reviewed {
                    fingerprint,
                    baseline: None,
                    change: None,
                })
                .collect(),
            ..Self::default()
        }
    }
}
