//! Baselines: findings a team has accepted, recorded in a YAML file and matched by
//! fingerprint (never by line), so old tensions stop drowning new ones.
//!
//! `claimcheck baseline write` records the current findings, each with a reason and an
//! optional expiry; `check --baseline FILE` hides the findings it lists, reports entries
//! that match nothing as stale (a failure until `claimcheck baseline prune` removes them)
//! and lets findings whose entry expired show again. Called by the run driver and the CLI.

use crate::check::Report;
use crate::model::FuzzyDate;
use crate::report::{BaselineStatus, Review, StaleEntry};
use crate::resolve::Corpus;
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::path::Path;

/// The file `baseline write` and `baseline prune` use when none is named.
pub const DEFAULT_FILE: &str = "claimcheck-baseline.yaml";

impl Baseline {
    /// The file `baseline write` and `baseline prune` use when none is named.
    pub const DEFAULT_FILE_NAME: &str = DEFAULT_FILE;
}

/// Version of the file layout.
pub const VERSION: u32 = 2;

/// Largest baseline file read, in bytes.
const MAX_BYTES: u64 = 64 << 20;

/// One accepted finding.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The finding's fingerprint (the only field used for matching).
    pub fingerprint: String,
    /// Its check code (for people reading the file).
    pub check: String,
    /// Its claims (for people).
    pub claims: Vec<String>,
    /// Its file, when it involves no claim (for people).
    pub path: Option<String>,
    /// Its message when recorded (for people).
    pub message: String,
    /// Why it is accepted.
    pub reason: String,
    /// After this day the entry no longer hides its finding.
    pub expires: Option<FuzzyDate>,
    /// Line of the entry in its file (0 for entries not read from a file).
    pub line: u32,
}

/// A baseline file's entries.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Baseline {
    /// The entries, in file order.
    pub entries: Vec<Entry>,
}

/// A baseline file that cannot be read or is malformed, located in the file (exit 2).
pub type BaselineError = crate::load::FileError;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    version: Spanned<u32>,
    #[serde(default)]
    findings: Vec<Spanned<RawEntry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    fingerprint: Spanned<String>,
    check: String,
    #[serde(default)]
    claims: Vec<String>,
    path: Option<String>,
    #[serde(default)]
    message: String,
    reason: Spanned<String>,
    expires: Option<Spanned<String>>,
}

use crate::load::{parse_yaml, read_text};

impl Baseline {
    /// Reads a baseline file.
    pub fn read(path: &Path) -> Result<Self, BaselineError> {
        let text = read_text(path, MAX_BYTES)?;
        Self::parse(&path.display().to_string(), &text)
    }

    /// Reads a baseline file that is about to be written again: one written by an older
    /// claimcheck (a lower `version`) holds nothing that can match, so it reads as none.
    pub fn read_for_rewrite(path: &Path) -> Result<Option<Self>, BaselineError> {
        #[derive(Deserialize)]
        struct VersionOnly {
            version: u32,
        }
        let text = read_text(path, MAX_BYTES)?;
        let shown = path.display().to_string();
        if let Ok(v) = parse_yaml::<VersionOnly>(&shown, &text)
            && v.version < VERSION
        {
            return Ok(None);
        }
        Self::parse(&shown, &text).map(Some)
    }

    /// Parses the text of a baseline file (`path` is used in errors).
    pub fn parse(path: &str, text: &str) -> Result<Self, BaselineError> {
        let raw: RawFile = parse_yaml(path, text)?;
        let at = |loc: &serde_saphyr::Location, message: String| BaselineError {
            path: path.to_string(),
            line: loc.line(),
            column: loc.column(),
            message,
        };
        if raw.version.value < VERSION {
            return Err(at(
                &raw.version.referenced,
                format!(
                    "baseline version {} was written by an older claimcheck, whose findings were one per claim pair; findings are now one per clash of positions (fingerprints `v2:`), so none of its entries can match. Write it again: `claimcheck baseline write --reason \"…\"` replaces it",
                    raw.version.value
                ),
            ));
        }
        if raw.version.value != VERSION {
            return Err(at(
                &raw.version.referenced,
                format!(
                    "baseline version {} is not supported (this claimcheck reads version {VERSION})",
                    raw.version.value
                ),
            ));
        }
        let mut entries = Vec::with_capacity(raw.findings.len());
        for e in raw.findings {
            let line = u32::try_from(e.referenced.line()).unwrap_or(u32::MAX);
            let e = e.value;
            if e.reason.value.trim().is_empty() {
                return Err(at(
                    &e.reason.referenced,
                    "`reason` is empty: say why this finding is accepted".to_string(),
                ));
            }
            if !e.fingerprint.value.starts_with("v2:") {
                return Err(at(
                    &e.fingerprint.referenced,
                    format!(
                        "`{}` is not a claimcheck fingerprint (`v2:` and 16 hex digits)",
                        e.fingerprint.value
                    ),
                ));
            }
            let expires = match e.expires {
                Some(d) => Some(FuzzyDate::parse(&d.value).map_err(|m| at(&d.referenced, m))?),
                None => None,
            };
            entries.push(Entry {
                fingerprint: e.fingerprint.value,
                check: e.check,
                claims: e.claims,
                path: e.path,
                message: e.message,
                reason: e.reason.value,
                expires,
                line,
            });
        }
        Ok(Self { entries })
    }

    /// The file's text.
    pub fn to_yaml(&self) -> String {
        let q = |s: &str| serde_json::to_string(s).unwrap_or_else(|_| String::from("\"\""));
        let mut out = String::from(
            "# claimcheck baseline: accepted findings, matched by fingerprint (not by line).\n\
             # `claimcheck check --baseline FILE` hides them; an entry that matches no finding is\n\
             # stale and fails the run until `claimcheck baseline prune FILE` removes it.\n",
        );
        out.push_str(&format!("version: {VERSION}\n"));
        if self.entries.is_empty() {
            out.push_str("findings: []\n");
            return out;
        }
        out.push_str("findings:\n");
        for e in &self.entries {
            out.push_str(&format!("  - fingerprint: {}\n", q(&e.fingerprint)));
            // Unquoted only for a real check code or name: anything else ("-", "null")
            // could read back as another YAML value.
            let plain = crate::check::registry::find(&e.check).is_some()
                && e.check
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-');
            if plain {
                out.push_str(&format!("    check: {}\n", e.check));
            } else {
                out.push_str(&format!("    check: {}\n", q(&e.check)));
            }
            if !e.claims.is_empty() {
                let claims: Vec<String> = e.claims.iter().map(|c| q(c)).collect();
                out.push_str(&format!("    claims: [{}]\n", claims.join(", ")));
            }
            if let Some(p) = &e.path {
                out.push_str(&format!("    path: {}\n", q(p)));
            }
            out.push_str(&format!("    message: {}\n", q(&e.message)));
            out.push_str(&format!("    reason: {}\n", q(&e.reason)));
            if let Some(d) = e.expires {
                out.push_str(&format!("    expires: {d}\n"));
            }
        }
        out
    }

    /// Writes the file atomically.
    pub fn write(&self, path: &Path) -> std::io::Result<()> {
        crate::report::write_atomically(path, self.to_yaml().as_bytes())
    }

    /// The entries for a report's shown findings (those no `suppress:` hides). Entries of
    /// `previous` that still match keep their reason and expiry; new ones get `reason` and
    /// `expires`.
    pub fn record(
        report: &Report,
        review: &Review,
        corpus: &Corpus,
        paths: &[String],
        previous: Option<&Baseline>,
        reason: &str,
        expires: Option<FuzzyDate>,
    ) -> Self {
        let mut entries = Vec::new();
        for (f, r) in report.findings.iter().zip(&review.findings) {
            if f.suppressed.is_some() {
                continue;
            }
            let old =
                previous.and_then(|p| p.entries.iter().find(|e| e.fingerprint == r.fingerprint));
            let claims: Vec<String> = f
                .claims
                .iter()
                .map(|&c| corpus.claims[c as usize].id().to_string())
                .collect();
            entries.push(Entry {
                fingerprint: r.fingerprint.clone(),
                check: f.check.code.to_string(),
                path: claims
                    .is_empty()
                    .then(|| paths[f.primary.span.file.0 as usize].clone()),
                claims,
                message: f.message.clone(),
                reason: old.map_or_else(|| reason.to_string(), |o| o.reason.clone()),
                expires: old.map_or(expires, |o| o.expires),
                line: 0,
            });
        }
        Self { entries }
    }

    /// Hides the findings this baseline lists (`review.findings[i].baseline`), and says
    /// which entries are stale or expired. `today` decides expiry.
    pub fn apply(
        &self,
        path: &str,
        report: &Report,
        review: &mut Review,
        today: FuzzyDate,
    ) -> BaselineStatus {
        let today = today.first_day();
        let mut status = BaselineStatus {
            path: path.to_string(),
            ..BaselineStatus::default()
        };
        let by_fingerprint: rustc_hash::FxHashMap<&str, usize> = review
            .findings
            .iter()
            .enumerate()
            .map(|(i, r)| (r.fingerprint.as_str(), i))
            .collect();
        let mut hides = Vec::new();
        for e in &self.entries {
            let Some(&i) = by_fingerprint.get(e.fingerprint.as_str()) else {
                status.stale.push(StaleEntry {
                    fingerprint: e.fingerprint.clone(),
                    check: e.check.clone(),
                    claims: e.claims.clone(),
                    message: e.message.clone(),
                    line: e.line,
                });
                continue;
            };
            if e.expires.is_some_and(|d| d.last_day() < today) {
                status.expired += 1;
                continue;
            }
            if report.findings[i].suppressed.is_none() {
                hides.push((i, e.reason.clone()));
            }
        }
        status.matched = hides.len();
        for (i, reason) in hides {
            review.findings[i].baseline = Some(reason);
        }
        status
    }

    /// The entries that still match a finding of the review.
    pub fn pruned(&self, review: &Review) -> Self {
        let live: rustc_hash::FxHashSet<&str> = review
            .findings
            .iter()
            .map(|r| r.fingerprint.as_str())
            .collect();
        Self {
            entries: self
                .entries
                .iter()
                .filter(|e| live.contains(e.fingerprint.as_str()))
                .cloned()
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_files_read_back_the_same() {
        let b = Baseline {
            entries: vec![Entry {
                fingerprint: "v2:0123456789abcdef".into(),
                check: "CC302".into(),
                claims: vec!["a".into(), "b: \"quoted\"".into()],
                path: None,
                message: "a message with `ticks`, # hashes and: colons\nand a newline".into(),
                reason: "accepted – see ticket #12".into(),
                expires: Some(FuzzyDate::ymd(2027, 1, 31)),
                line: 0,
            }],
        };
        let text = b.to_yaml();
        let back = Baseline::parse("b.yaml", &text).unwrap();
        assert_eq!(back.entries[0].line, 6, "{text}");
        let mut b = b;
        b.entries[0].line = 6;
        assert_eq!(back, b, "{text}");
    }

    #[test]
    fn errors_point_into_the_file() {
        let e = Baseline::parse(
            "b.yaml",
            "version: 2\nfindings:\n  - fingerprint: v2:00\n    check: CC101\n    reason: \"  \"\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.message.contains("reason")), (5, true), "{e}");
        let e = Baseline::parse("b.yaml", "version: 2\nfindings:\n  - fingerprint: v2:00\n    check: CC101\n    reason: ok\n    colour: red\n").unwrap_err();
        assert_eq!(e.line, 6, "{e}");
    }
}
