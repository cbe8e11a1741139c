//! Rules: the predicate vocabulary and per-check severity overrides, as YAML. The files in
//! the repository's `rules/` folder are compiled in as defaults; `--rules DIR` folders are
//! merged on top (a predicate of the same name replaces the default one).
//!
//! Called by the run driver before resolving; read by `resolve` and `check`.

mod vocabulary;

pub use vocabulary::{PredicateDef, PredicateId, Vocabulary};

use crate::model::Amount;
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
    (
        "rules/amounts.yaml",
        include_str!("../../rules/amounts.yaml"),
    ),
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
    #[serde(default)]
    amounts: BTreeMap<String, Spanned<RawAmount>>,
}

/// A vague amount as written in the rules: `dozens: {min: 24, max: 99}`.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields)]
struct RawAmount {
    number: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    about: Option<f64>,
    unit: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[allow(dead_code)] // documentation for people
    description: Option<String>,
}

/// A vague amount of the rules ("dozens", "a quarter") as the interval it stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct VagueAmount {
    /// Its name in the rules.
    pub name: String,
    /// The figure it stands for.
    pub amount: Amount,
    /// Its unit, if any (`percent` for "a quarter").
    pub unit: Option<String>,
}

/// A predicate's tolerance as written: a number or a percentage.
#[derive(Debug, Clone)]
struct ToleranceText(String);

impl<'de> Deserialize<'de> for ToleranceText {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = ToleranceText;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a tolerance: a number (`2`) or a percentage (`2%`)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<ToleranceText, E> {
                Ok(ToleranceText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<ToleranceText, E> {
                Ok(ToleranceText(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<ToleranceText, E> {
                Ok(ToleranceText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<ToleranceText, E> {
                Ok(ToleranceText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
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
    tolerance: Option<Spanned<ToleranceText>>,
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
    /// Vague amounts by normalised name and alias ([`amount_key`]).
    pub amounts: BTreeMap<String, VagueAmount>,
}

/// The lookup form of a vague amount's name: lowercase, words joined by `-`
/// (`A quarter` and `a-quarter` are one name).
pub fn amount_key(name: &str) -> String {
    name.split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join("-")
}

impl Rules {
    /// The vague amount a name stands for, if the rules define one.
    pub fn amount(&self, name: &str) -> Option<&VagueAmount> {
        self.amounts.get(&amount_key(name))
    }
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
        let mut amounts = BTreeMap::new();
        for (path, text) in &files {
            let parsed: RulesFile = parse(path, text)?;
            for (name, def) in parsed.amounts {
                let vague =
                    vague_amount(&name, def.value.clone()).map_err(|message| RulesError {
                        path: path.clone(),
                        line: def.referenced.line(),
                        column: def.referenced.column(),
                        message,
                    })?;
                for alias in std::iter::once(&name).chain(&def.value.aliases) {
                    amounts.insert(amount_key(alias), vague.clone());
                }
            }
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
            amounts,
        })
    }
}

fn vague_amount(name: &str, raw: RawAmount) -> Result<VagueAmount, String> {
    let amount = match (raw.number, raw.min, raw.max, raw.about) {
        (Some(n), None, None, None) => Amount::Exact(n),
        (None, Some(a), None, None) => Amount::AtLeast(a),
        (None, None, Some(b), None) => Amount::AtMost(b),
        (None, Some(a), Some(b), None) if a <= b => Amount::Between(a, b),
        (None, Some(a), Some(b), None) => {
            return Err(format!(
                "amount `{name}`: `min: {a}` is larger than `max: {b}`"
            ));
        }
        (None, None, None, Some(n)) if n != 0.0 => Amount::About(n),
        _ => {
            return Err(format!(
                "amount `{name}` needs one of `number`, `min`, `max`, `min` with `max`, or a non-zero `about`"
            ));
        }
    };
    Ok(VagueAmount {
        name: name.to_string(),
        amount,
        unit: raw.unit,
    })
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
