//! `claimcheck.yaml`: a project's settings, found by walking up from the current folder.
//!
//! ```yaml
//! paths: [claims]                 # what `claimcheck check` checks by default
//! rules: [rules]                  # rules folders merged over the built-in rules
//! severity:                       # per check, by code or name: off, note, warning, error
//!   competing-causes: note
//! fail-on: warning                # lowest severity that fails the run (default error)
//! min-level: note                 # lowest severity shown (default note)
//! format: text                    # the format on standard output
//! outputs:                        # more reports written in the same run, FORMAT=PATH
//!   - sarif=claimcheck.sarif
//!   - github-summary=$GITHUB_STEP_SUMMARY
//! baseline: claimcheck-baseline.yaml
//! link-template: https://github.com/o/r/blob/{commit}/{path}#L{line}   # HTML report links
//! ```
//!
//! Paths are relative to the file's folder, which is also the project root that reports
//! and fingerprints use. An output whose path names an unset or empty environment
//! variable is skipped, so one file serves in CI and on a laptop. Unknown keys, unknown
//! checks and bad values are errors located in the file (exit 2). Command-line flags
//! override every key. Read by the CLI before a run.

use crate::check::{Severity, registry};
use crate::load::{FileError, parse_yaml, read_text};
use crate::report::{Format, OutputSpec};
use crate::rules::Level;
use serde::Deserialize;
use serde_saphyr::{Location, Spanned};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The name of the file.
pub const FILE_NAME: &str = "claimcheck.yaml";

/// Largest config file read, in bytes.
const MAX_BYTES: u64 = 1 << 20;

/// A config error, located in the file (exit 2).
pub type ConfigError = FileError;

/// A project's settings, validated, with paths resolved against the file's folder.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Config {
    /// The file.
    pub path: PathBuf,
    /// Its folder (the project root).
    pub dir: PathBuf,
    /// Files and folders to check.
    pub paths: Option<Vec<PathBuf>>,
    /// Rules folders.
    pub rules: Option<Vec<PathBuf>>,
    /// Severity per check code (validated), in key order.
    pub severity: Vec<(String, Level)>,
    /// Lowest severity that fails the run.
    pub fail_on: Option<Severity>,
    /// Lowest severity shown.
    pub min_level: Option<Severity>,
    /// The format on standard output.
    pub format: Option<Format>,
    /// More sinks (those naming an unset variable left out).
    pub outputs: Vec<OutputSpec>,
    /// The baseline file.
    pub baseline: Option<PathBuf>,
    /// Links to a forge for the HTML report (`--link-template`), placeholders checked.
    pub link_template: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawConfig {
    paths: Option<Vec<String>>,
    rules: Option<Vec<String>>,
    #[serde(default)]
    severity: BTreeMap<String, Spanned<Level>>,
    fail_on: Option<SeverityName>,
    min_level: Option<SeverityName>,
    format: Option<Spanned<String>>,
    #[serde(default)]
    outputs: Vec<Spanned<String>>,
    baseline: Option<String>,
    link_template: Option<Spanned<String>>,
}

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "lowercase")]
enum SeverityName {
    Note,
    Warning,
    Error,
}

impl From<SeverityName> for Severity {
    fn from(s: SeverityName) -> Self {
        match s {
            SeverityName::Note => Severity::Note,
            SeverityName::Warning => Severity::Warning,
            SeverityName::Error => Severity::Error,
        }
    }
}

/// The nearest `claimcheck.yaml` in `start` or a folder above it, as a path relative to
/// `start` (`claimcheck.yaml`, `../claimcheck.yaml`, …).
pub fn discover(start: &Path) -> Option<PathBuf> {
    let abs = std::fs::canonicalize(start).ok()?;
    let mut up = PathBuf::new();
    for dir in abs.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(up.join(FILE_NAME));
        }
        up.push("..");
    }
    None
}

/// Replaces `$NAME` and `${NAME}` with environment variables; `None` when one is unset or
/// empty.
pub fn expand_env(s: &str) -> Option<String> {
    let mut out = String::new();
    let mut rest = s;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let (name, tail) = if let Some(braced) = after.strip_prefix('{') {
            let end = braced.find('}')?;
            (&braced[..end], &braced[end + 1..])
        } else {
            let end = after
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .unwrap_or(after.len());
            (&after[..end], &after[end..])
        };
        if name.is_empty() {
            out.push('$');
        } else {
            out.push_str(&std::env::var(name).ok().filter(|v| !v.is_empty())?);
        }
        rest = tail;
    }
    out.push_str(rest);
    Some(out)
}

impl Config {
    /// Reads and validates a config file.
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let text = read_text(path, MAX_BYTES)?;
        Self::parse(path, &text)
    }

    /// Parses and validates the text of a config file at `path`.
    pub fn parse(path: &Path, text: &str) -> Result<Self, ConfigError> {
        let shown = path.display().to_string();
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        let blank = text
            .lines()
            .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let raw: RawConfig = if blank {
            parse_yaml(&shown, "{}")?
        } else {
            parse_yaml(&shown, text)?
        };
        let at = |loc: &Location, message: String| ConfigError {
            path: shown.clone(),
            line: loc.line(),
            column: loc.column(),
            message,
        };
        let names: Vec<&str> = registry::CHECKS.iter().map(|e| e.info.name).collect();
        let mut severity = Vec::new();
        for (key, level) in &raw.severity {
            let Some(info) = registry::find(key) else {
                let hint = crate::load::closest_name(key, &names)
                    .map_or(String::new(), |n| format!("; did you mean `{n}`?"));
                return Err(at(
                    &level.referenced,
                    format!("unknown check `{key}` in `severity`{hint}"),
                ));
            };
            severity.push((info.code.to_string(), level.value));
        }
        let format = match &raw.format {
            Some(f) => Some(Format::from_name(&f.value).ok_or_else(|| {
                let names: Vec<&str> = Format::ALL.iter().map(|(n, _)| *n).collect();
                at(
                    &f.referenced,
                    format!("unknown format `{}` ({})", f.value, names.join(", ")),
                )
            })?),
            None => None,
        };
        let mut outputs = Vec::new();
        for o in &raw.outputs {
            let spec: OutputSpec = o.value.parse().map_err(|e| at(&o.referenced, e))?;
            let Some(expanded) = expand_env(&spec.path.to_string_lossy()) else {
                continue;
            };
            outputs.push(OutputSpec {
                path: dir.join(expanded),
                ..spec
            });
        }
        if let Some(t) = &raw.link_template {
            crate::report::LinkTemplate::new(&t.value, Some("HEAD"))
                .map_err(|e| at(&t.referenced, e))?;
        }
        let join = |v: Vec<String>| v.into_iter().map(|p| dir.join(p)).collect::<Vec<_>>();
        Ok(Self {
            path: path.to_path_buf(),
            dir: dir.clone(),
            paths: raw.paths.map(join),
            rules: raw.rules.map(join),
            severity,
            fail_on: raw.fail_on.map(Severity::from),
            min_level: raw.min_level.map(Severity::from),
            format,
            outputs,
            baseline: raw.baseline.map(|b| dir.join(b)),
            link_template: raw.link_template.map(|t| t.value),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_config_reads_with_paths_against_its_folder() {
        let c = Config::parse(
            Path::new("proj/claimcheck.yaml"),
            "paths: [claims]\nrules: [rules]\nseverity:\n  competing-causes: off\n  CC302: warning\nfail-on: warning\nmin-level: warning\nformat: concise\noutputs: [sarif=out.sarif]\nbaseline: base.yaml\n",
        )
        .unwrap();
        assert_eq!(c.paths, Some(vec![PathBuf::from("proj/claims")]));
        assert_eq!(
            c.severity,
            vec![
                ("CC302".to_string(), Level::Warning),
                ("CC104".to_string(), Level::Off)
            ]
        );
        assert_eq!(c.fail_on, Some(Severity::Warning));
        assert_eq!(c.format, Some(Format::Concise));
        assert_eq!(c.outputs[0].path, PathBuf::from("proj/out.sarif"));
        assert_eq!(c.baseline, Some(PathBuf::from("proj/base.yaml")));
        let c = Config::parse(
            Path::new("claimcheck.yaml"),
            "link-template: https://x/{commit}/{path}#L{line}\n",
        )
        .unwrap();
        assert_eq!(
            c.link_template.as_deref(),
            Some("https://x/{commit}/{path}#L{line}")
        );
    }

    #[test]
    fn errors_point_at_line_and_column() {
        let e = Config::parse(
            Path::new("claimcheck.yaml"),
            "paths: [a]\nseverity:\n  revised-acount: off\n",
        )
        .unwrap_err();
        assert_eq!((e.line, e.column), (3, 19), "{e}");
        assert!(e.message.contains("did you mean `revised-account`"), "{e}");
        let e = Config::parse(
            Path::new("claimcheck.yaml"),
            "paths: [a]\nfail-on: sometimes\n",
        )
        .unwrap_err();
        assert_eq!(e.line, 2, "{e}");
        let e = Config::parse(Path::new("claimcheck.yaml"), "path: [a]\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        assert!(e.message.contains("path"), "{e}");
        let e = Config::parse(Path::new("claimcheck.yaml"), "outputs: [yaml=x]\n").unwrap_err();
        assert_eq!((e.line, e.column), (1, 11), "{e}");
        let e =
            Config::parse(Path::new("claimcheck.yaml"), "link-template: x/{file}\n").unwrap_err();
        assert_eq!(e.line, 1, "{e}");
        assert!(e.message.contains("unknown placeholder `{file}`"), "{e}");
    }

    #[test]
    fn outputs_naming_an_unset_variable_are_skipped() {
        assert_eq!(expand_env("a/${CLAIMCHECK_SURELY_UNSET_VAR}/b"), None);
        assert_eq!(expand_env("plain/path"), Some("plain/path".to_string()));
        assert_eq!(expand_env("cost$"), Some("cost$".to_string()));
    }
}
