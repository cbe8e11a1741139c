//! The command line: clap types and the commands they run. Only this module and `main.rs`
//! write to the terminal; the library returns data.

use anyhow::{Context as _, Result, bail};
use claimcheck::Settings;
use claimcheck::check::{Severity, registry};
use claimcheck::report::{self, Format, RenderCtx};
use claimcheck::rules::Level;
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Find where sources contradict each other.
#[derive(Debug, Parser)]
#[command(name = "claimcheck", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check claim files and report contradictions (exit 0: clean, 1: findings, 2: error).
    Check(CheckArgs),
    /// Print the documentation of a check (by code or name).
    Explain {
        /// A check code (CC101) or name (polarity-contradiction).
        #[arg(required_unless_present = "all")]
        check: Option<String>,
        /// Every check.
        #[arg(long)]
        all: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// List every check: code, name, severity, summary.
    ListChecks {
        /// Output format.
        #[arg(long, value_enum, default_value_t = DocFormat::Text)]
        format: DocFormat,
    },
    /// Export the statement graph, with the relations the checks found.
    Graph {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = GraphFormat::Dot)]
        format: GraphFormat,
    },
    /// Print the JSON Schema of claim files (for yaml-language-server).
    Schema,
    /// Export the resolved claims (one JSON object per line) for other engines.
    Export {
        #[command(flatten)]
        input: InputArgs,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Jsonl)]
        format: ExportFormat,
    },
    /// Synthetic corpora and timings.
    Bench {
        #[command(subcommand)]
        command: crate::bench::BenchCommand,
    },
}

#[derive(Debug, Args)]
pub struct InputArgs {
    /// Claim files, or folders to search for `*.claims.yaml`.
    #[arg(default_value = ".", help_heading = "Input")]
    pub paths: Vec<PathBuf>,
    /// A rules folder merged over the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "DIR", help_heading = "Input")]
    pub rules: Vec<PathBuf>,
    /// Do not read or write the parse cache (`.claimcheck-cache/`).
    #[arg(long, help_heading = "Input")]
    pub no_cache: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text, env = "CLAIMCHECK_FORMAT", help_heading = "Output")]
    pub format: OutputFormat,
    /// Lowest severity that makes the run fail (exit 1).
    #[arg(long, value_enum, default_value_t = FailOn::Error, help_heading = "Checks")]
    pub fail_on: FailOn,
    /// Set a check's severity: `CODE=off|note|warning|error` (repeatable).
    #[arg(long, value_name = "CHECK=LEVEL", help_heading = "Checks")]
    pub severity: Vec<String>,
    /// When to use colour.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, help_heading = "Output")]
    pub color: ColorChoice,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    /// rustc-style diagnostics and a dispute summary.
    Text,
    /// One line per finding.
    Concise,
    /// Versioned JSON.
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Note,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DocFormat {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// One resolved claim per line.
    Jsonl,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum GraphFormat {
    Dot,
    Json,
}

/// How a command ended.
pub enum Status {
    /// Nothing at or above the threshold.
    Success,
    /// Findings at or above the threshold.
    Failure,
}

fn use_color(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
                false
            } else if std::env::var_os("CLICOLOR_FORCE").is_some_and(|v| !v.is_empty() && v != "0")
            {
                true
            } else {
                std::io::stdout().is_terminal()
            }
        }
    }
}

fn settings(input: &InputArgs) -> Settings {
    Settings {
        paths: input.paths.clone(),
        rules_dirs: input.rules.clone(),
        cache_dir: (!input.no_cache).then(|| PathBuf::from(claimcheck::load::cache::DEFAULT_DIR)),
        ..Settings::default()
    }
}

/// Runs a parsed command line, writing to `out`.
pub fn run(cli: Cli, out: &mut dyn Write) -> Result<Status> {
    match cli.command {
        Command::Check(args) => check(&args, out),
        Command::Explain { check, all, format } => {
            let infos: Vec<_> = if all {
                registry::CHECKS.iter().map(|e| e.info).collect()
            } else {
                let key = check.unwrap_or_default();
                match registry::find(&key) {
                    Some(info) => vec![info],
                    None => bail!("unknown check `{key}`; `claimcheck list-checks` lists them"),
                }
            };
            match format {
                DocFormat::Text => {
                    for info in infos {
                        writeln!(out, "{}", claimcheck::report::docs::explain(info))?;
                    }
                }
                DocFormat::Json => {
                    let v: Vec<_> = infos
                        .into_iter()
                        .map(claimcheck::report::docs::info_json)
                        .collect();
                    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                }
            }
            Ok(Status::Success)
        }
        Command::ListChecks { format } => {
            match format {
                DocFormat::Text => {
                    for e in registry::CHECKS {
                        let i = e.info;
                        writeln!(
                            out,
                            "{}  {:<27} {:<8} {}",
                            i.code,
                            i.name,
                            i.severity.as_str(),
                            i.summary
                        )?;
                    }
                }
                DocFormat::Json => {
                    let v: Vec<_> = registry::CHECKS
                        .iter()
                        .map(|e| claimcheck::report::docs::info_json(e.info))
                        .collect();
                    writeln!(out, "{}", serde_json::to_string_pretty(&v)?)?;
                }
            }
            Ok(Status::Success)
        }
        Command::Graph { input, format } => {
            let outcome = claimcheck::check(&settings(&input))?;
            let mut graph = claimcheck::graph::StatementGraph::build(&outcome.corpus);
            claimcheck::check::derive_edges(&outcome.report, &mut graph);
            match format {
                GraphFormat::Dot => write!(out, "{}", graph.to_dot())?,
                GraphFormat::Json => {
                    writeln!(out, "{}", serde_json::to_string_pretty(&graph.to_json())?)?
                }
            }
            Ok(Status::Success)
        }
        Command::Schema => {
            write!(out, "{}", claimcheck::report::docs::CLAIM_FILE_SCHEMA)?;
            Ok(Status::Success)
        }
        Command::Export {
            input,
            format: ExportFormat::Jsonl,
        } => {
            let outcome = claimcheck::check(&settings(&input))?;
            claimcheck::report::export::jsonl(&outcome.corpus, out)?;
            Ok(Status::Success)
        }
        Command::Bench { command } => crate::bench::run(command, out),
    }
}

fn check(args: &CheckArgs, out: &mut dyn Write) -> Result<Status> {
    let mut settings = settings(&args.input);
    for s in &args.severity {
        let (key, level) = s
            .split_once('=')
            .with_context(|| format!("`--severity {s}`: expected CHECK=LEVEL"))?;
        let level = match level {
            "off" => Level::Off,
            "note" => Level::Note,
            "warning" => Level::Warning,
            "error" => Level::Error,
            other => bail!("`--severity {s}`: unknown level `{other}` (off, note, warning, error)"),
        };
        settings.severity.insert(key.to_string(), level);
    }
    let outcome = claimcheck::check(&settings)?;
    let format = match args.format {
        OutputFormat::Text => Format::Text,
        OutputFormat::Concise => Format::Concise,
        OutputFormat::Json => Format::Json,
    };
    let color = matches!(format, Format::Text | Format::Concise) && use_color(args.color);
    let cx = RenderCtx {
        corpus: &outcome.corpus,
        color,
    };
    report::render(format, &outcome.report, &cx, out)?;
    let threshold = match args.fail_on {
        FailOn::Error => Severity::Error,
        FailOn::Warning => Severity::Warning,
        FailOn::Note => Severity::Note,
    };
    let failed = outcome
        .report
        .findings
        .iter()
        .any(|f| f.suppressed.is_none() && f.severity >= threshold);
    Ok(if failed {
        Status::Failure
    } else {
        Status::Success
    })
}

#[cfg(test)]
mod tests {
    use super::Cli;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
