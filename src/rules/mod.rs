//! Rules: the predicate vocabulary and per-check severity overrides, as YAML. The files in
//! the repository's `rules/` folder are compiled in as defaults; `--rules DIR` folders are
//! merged on top (a predicate of the same name replaces the default one).
//!
//! Called by the run driver before resolving; read by `resolve` and `check`.

mod vocabulary;

pub use vocabulary::{PredicateDef, PredicateId, Vocabulary};

use serde::Deserialize;
use serde_saphyr::Spanned;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The rules files compiled into the binary, by their path in the repository.
pub const DEFAULT_RULES: &[(&str, &str)] = &[
    (
        "rules/predicates.yaml",
        include_str!("../../rules/predicates.yaml"),
    ),
    ("rules/checks.yaml", include_str!("../../rules/checks.yaml")),
];

/// Largest rules file read, in bytes.
const MAX_RULES_FILE_BYTES: u64 = 4 << 20;

/// A severity override: `off`, `note`, `warning` or `error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The check does not report.
    Off,
    /// Informational.
    Note,
    /// Worth a look.
    Warning,
    /// A problem.
    Error,
}

/// A rules error, located in its file; these stop the run (exit code 2).
pub type RulesError = crate::load::FileError;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RulesFile {
    #[serde(default)]
    predicates: BTreeMap<String, Spanned<RawPredicate>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Level>>,
}

#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawPredicate {
    description: Option<String>,
    #[serde(default)]
    functional: bool,
    #[serde(default)]
    cause: bool,
    #[serde(default)]
    exclusive: bool,
    #[serde(default)]
    contrary: Vec<String>,
    #[serde(default)]
    implies: Vec<String>,
    #[serde(default)]
    symmetric: bool,
    inverse: Option<String>,
    tolerance: Option<f64>,
    timeless: Option<bool>,
    question: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

/// The rules of a run.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The predicate vocabulary.
    pub vocabulary: Vocabulary,
    /// Severity overrides by check code or name, in the order read (later wins), with
    /// where each was written.
    pub severity: Vec<(String, Level, String)>,
}

impl Rules {
    /// The compiled-in defaults.
    pub fn defaults() -> Result<Self, RulesError> {
        Self::load(&[])
    }

    /// The defaults with each folder's `*.yaml`/`*.yml` files merged on top, in order.
    pub fn load(dirs: &[PathBuf]) -> Result<Self, RulesError> {
        let mut files: Vec<(String, String)> = DEFAULT_RULES
            .iter()
            .map(|(p, t)| ((*p).to_string(), (*t).to_string()))
            .collect();
        for dir in dirs {
            files.extend(read_dir(dir)?);
        }
        let mut predicates: BTreeMap<String, (RawPredicate, String)> = BTreeMap::new();
        let mut severity = Vec::new();
        for (path, text) in &files {
            let parsed: RulesFile = parse(path, text)?;
            for (name, def) in parsed.predicates {
                let at = format!(
                    "{path}:{}:{}",
                    def.referenced.line(),
                    def.referenced.column()
                );
                predicates.insert(name, (def.value, at));
            }
            for (key, level) in parsed.severity {
                let at = format!(
                    "{path}:{}:{}",
                    level.referenced.line(),
                    level.referenced.column()
                );
                severity.push((key, level.value, at));
            }
        }
        let vocabulary = Vocabulary::build(predicates)?;
        Ok(Self {
            vocabulary,
            severity,
        })
    }
}

fn read_dir(dir: &Path) -> Result<Vec<(String, String)>, RulesError> {
    let err = |message: String| RulesError {
        path: dir.display().to_string(),
        line: 1,
        column: 1,
        message,
    };
    let entries =
        std::fs::read_dir(dir).map_err(|e| err(format!("cannot read rules folder: {e}")))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        // `extraction*.yaml` holds the extractor's lexicons, read by `extract`.
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("extraction"))
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = crate::load::read_text(&p, MAX_RULES_FILE_BYTES)?;
            Ok((p.display().to_string(), text))
        })
        .collect()
}

fn parse(path: &str, text: &str) -> Result<RulesFile, RulesError> {
    if text
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        return Ok(RulesFile::default());
    }
    crate::load::parse_yaml(path, text)
}
