//! What a run is given: [`Settings`] (from the CLI, a config file, or a library caller),
//! the rules and severity overrides they name, and what can stop a run ([`RunError`]).
//! Shared by the run driver and the re-check, which keys its snapshot on them.

use super::since::SinceError;
use crate::check::{Severity, registry};
use crate::load::{self, Limits};
use crate::model::FuzzyDate;
use crate::rules::{Level, Rules};
use std::collections::BTreeMap;
use std::path::PathBuf;

/// What to check and how.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Files and folders to check.
    pub paths: Vec<PathBuf>,
    /// Rules folders merged over the defaults, in order.
    pub rules_dirs: Vec<PathBuf>,
    /// Severity overrides by check code or name (over the rules' own).
    pub severity: BTreeMap<String, Level>,
    /// Input limits.
    pub limits: Limits,
    /// "Today", for suppression and baseline expiry.
    pub today: FuzzyDate,
    /// Folder of the parse cache; `None` runs uncached.
    pub cache_dir: Option<PathBuf>,
    /// Run the extractor over every source document and check its suggestions too.
    pub extract: bool,
    /// The project root: machine reports and fingerprints use paths relative to it (the
    /// paths as given when `None`).
    pub root: Option<PathBuf>,
    /// Lowest severity that fails the run.
    pub fail_on: Severity,
    /// Lowest severity shown (findings below are left out of the report, but still count
    /// for `fail_on`).
    pub min_level: Severity,
    /// A baseline file whose findings are hidden.
    pub baseline: Option<PathBuf>,
    /// A git ref: findings already there are not new, and only new ones fail the run.
    pub new_since: Option<String>,
    /// Write the snapshot `recheck::fast` re-checks from (the concise report's runs).
    pub recheck: bool,
    /// Keep every parsed claim beside the corpus (`export` writes claims as written).
    pub keep_parsed: bool,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            paths: vec![PathBuf::from(".")],
            rules_dirs: Vec::new(),
            severity: BTreeMap::new(),
            limits: Limits::default(),
            today: crate::model::today(),
            cache_dir: Some(PathBuf::from(load::cache::DEFAULT_DIR)),
            extract: false,
            root: None,
            fail_on: Severity::Error,
            min_level: Severity::Note,
            baseline: None,
            new_since: None,
            recheck: false,
            keep_parsed: false,
        }
    }
}

/// A failure that stops the run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A path could not be read.
    #[error(transparent)]
    Load(#[from] load::LoadError),
    /// A rules, config or baseline file is wrong (located in it).
    #[error(transparent)]
    File(#[from] crate::load::FileError),
    /// An extraction lexicon in a rules folder is wrong.
    #[error(transparent)]
    Lexicon(#[from] crate::extract::LexiconError),
    /// A setting is wrong.
    #[error("{0}")]
    Settings(String),
    /// `--new-since` could not read the ref.
    #[error(transparent)]
    Since(#[from] SinceError),
}

/// Loads the rules and validates every severity key against the registry.
pub fn rules_and_severity(
    settings: &Settings,
) -> Result<(Rules, BTreeMap<String, Level>), RunError> {
    let rules = Rules::load(&settings.rules_dirs)?;
    let mut severity = BTreeMap::new();
    let names: Vec<&str> = registry::CHECKS.iter().map(|e| e.info.name).collect();
    let unknown = |key: &str, at: &str| {
        let hint = load::closest_name(key, &names)
            .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
        RunError::Settings(format!(
            "{at}unknown check `{key}` in severity settings{hint}"
        ))
    };
    for (key, level, at) in &rules.severity {
        let info = registry::find(key).ok_or_else(|| unknown(key, &format!("{at}: ")))?;
        severity.insert(info.code.to_string(), *level);
    }
    for (key, level) in &settings.severity {
        let info = registry::find(key).ok_or_else(|| unknown(key, ""))?;
        severity.insert(info.code.to_string(), *level);
    }
    Ok((rules, severity))
}
