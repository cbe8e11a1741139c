//! The run driver: load → resolve → check, with the settings the CLI (or a config file)
//! gives. Returns data; printing is the caller's job.

use crate::check::{self, Report, registry};
use crate::load::{self, Limits};
use crate::model::FuzzyDate;
use crate::resolve::{self, Corpus};
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
    /// "Today", for suppression expiry.
    pub today: FuzzyDate,
    /// Folder of the parse cache; `None` runs uncached.
    pub cache_dir: Option<PathBuf>,
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
        }
    }
}

/// A failure that stops the run (exit code 2).
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    /// A path could not be read.
    #[error(transparent)]
    Load(#[from] load::LoadError),
    /// A rules file is wrong.
    #[error(transparent)]
    Rules(#[from] crate::rules::RulesError),
    /// A setting is wrong.
    #[error("{0}")]
    Settings(String),
}

/// The result of a run.
#[derive(Debug)]
pub struct Outcome {
    /// The resolved corpus.
    pub corpus: Corpus,
    /// The finished report.
    pub report: Report,
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

/// Checks the claim files under `settings.paths`.
pub fn check(settings: &Settings) -> Result<Outcome, RunError> {
    let (rules, severity) = rules_and_severity(settings)?;
    let cache = settings
        .cache_dir
        .as_deref()
        .and_then(load::cache::Cache::open);
    let loaded = load::load_paths_cached(&settings.paths, &settings.limits, cache.as_ref())?;
    let corpus = resolve::resolve(loaded, &rules);
    let options = check::sink::Options {
        severity,
        today: settings.today,
    };
    let report = check::run(&corpus, &rules, &options);
    Ok(Outcome { corpus, report })
}
