//! Rules: the predicate vocabulary and per-check severity overrides, as YAML. The files in
//! the repository's `rules/` folder are compiled in as defaults; `--rules DIR` folders are
//! merged on top (a predicate of the same name replaces the default one).
//!
//! Called by the run driver before resolving; read by `resolve` and `check`.

pub mod cue;
mod vocabulary;

pub use cue::{CuePattern, Slot};
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
    #[serde(default)]
    cumulative: bool,
    question: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    extract: Option<RawExtract>,
}

/// A predicate's extraction cues as written.
#[derive(Debug, Deserialize, Default, Clone)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawExtract {
    #[serde(default)]
    subject_kinds: Vec<String>,
    #[serde(default)]
    object_kinds: Vec<String>,
    #[serde(default)]
    unit_required: bool,
    #[serde(default)]
    cues: Vec<Spanned<String>>,
}

/// The extraction cues of one predicate: the phrases that state it, and the kinds of
/// entity its subject and object may be.
#[derive(Debug, Clone)]
pub struct PredicateCues {
    /// The predicate's canonical name.
    pub predicate: String,
    /// Words one of which an entity's `kind` must hold to be the subject (empty: any).
    pub subject_kinds: Vec<String>,
    /// The same for an entity object (empty: any).
    pub object_kinds: Vec<String>,
    /// A figure must have a unit (a currency for a cost).
    pub unit_required: bool,
    /// The cues, in the order written.
    pub cues: Vec<Cue>,
}

/// One extraction cue.
#[derive(Debug, Clone)]
pub struct Cue {
    /// As written.
    pub text: String,
    /// Parsed.
    pub pattern: CuePattern,
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
    /// The extraction cues of the predicates that have some, by predicate name.
    pub cues: Vec<PredicateCues>,
}

/// The lookup form of a vague amount's name: lowercase, words joined by `-`
/// (`A quarter` and `a-quarter` are one name).
pub fn amount_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
    {
        if !key.is_empty() {
            key.push('-');
        }
        match word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
        {
            true => key.push_str(word),
            false => key.push_str(&word.to_lowercase()),
        }
    }
    key
}

impl Rules {
    /// The vague amount a name stands for, if the rules define one.
    pub fn amount(&self, name: &str) -> Option<&VagueAmount> {
        if self.amounts.is_empty() {
            return None;
        }
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
        let cues = predicate_cues(&predicates)?;
        let vocabulary = Vocabulary::build(predicates)?;
        Ok(Self {
            vocabulary,
            severity,
            amounts,
            cues,
        })
    }
}

/// The parsed cues of every predicate that has some; a malformed cue is an error at its
/// line and column.
fn predicate_cues(
    predicates: &BTreeMap<String, (RawPredicate, String)>,
) -> Result<Vec<PredicateCues>, RulesError> {
    let mut out = Vec::new();
    for (name, (raw, at)) in predicates {
        let Some(ex) = &raw.extract else { continue };
        let path = at.rsplitn(3, ':').nth(2).unwrap_or(at);
        let mut cues = Vec::with_capacity(ex.cues.len());
        for c in &ex.cues {
            let pattern = cue::parse(&c.value).map_err(|e| RulesError {
                path: path.to_string(),
                line: c.referenced.line(),
                column: c.referenced.column(),
                message: format!("predicate `{name}`: cue `{}`: {e}", c.value),
            })?;
            cues.push(Cue {
                text: c.value.clone(),
                pattern,
            });
        }
        out.push(PredicateCues {
            predicate: name.clone(),
            subject_kinds: ex.subject_kinds.iter().map(|k| k.to_lowercase()).collect(),
            object_kinds: ex.object_kinds.iter().map(|k| k.to_lowercase()).collect(),
            unit_required: ex.unit_required,
            cues,
        });
    }
    Ok(out)
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

#[cfg(test)]
mod tests {
    use super::Rules;

    fn load(yaml: &str) -> Result<Rules, super::RulesError> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("mine.yaml"), yaml).unwrap();
        Rules::load(&[dir.path().to_path_buf()])
    }

    #[test]
    fn amount_names_match_whatever_their_case_and_separators() {
        for (name, key) in [
            ("dozens", "dozens"),
            ("A few", "a-few"),
            ("a_FEW", "a-few"),
            ("  several -  Hundred ", "several-hundred"),
            ("p12_o02", "p12-o02"),
        ] {
            assert_eq!(super::amount_key(name), key, "{name:?}");
        }
        let rules = Rules::defaults().unwrap();
        assert!(rules.amount("Dozens").is_some());
        assert!(rules.amount("p12_o02").is_none());
    }

    #[test]
    fn a_users_predicate_brings_its_cues() {
        let rules = load(
            "predicates:\n  fired-from:\n    extract:\n      subject-kinds: [Person]\n      cues:\n        - \"{subject} was fired by {object}\"\n",
        )
        .unwrap();
        let c = rules
            .cues
            .iter()
            .find(|c| c.predicate == "fired-from")
            .unwrap();
        assert_eq!(c.subject_kinds, ["person"]);
        assert_eq!(c.cues[0].text, "{subject} was fired by {object}");
        assert!(
            rules.cues.iter().any(|c| c.predicate == "death-toll"),
            "the built-in cues stay"
        );
    }

    #[test]
    fn a_malformed_cue_is_located() {
        let err = load(
            "predicates:\n  fired-from:\n    extract:\n      cues:\n        - \"{subject} was fired by {objet}\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("mine.yaml:5:11:"), "{err}");
        assert!(err.contains("unknown slot `{objet}`"), "{err}");
        let err = load("predicates:\n  p:\n    extract:\n      cue: [x]\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("unknown field `cue`"), "{err}");
    }
}
