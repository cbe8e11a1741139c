//! `claimcheck baseline write|prune`: record today's findings as accepted, or drop the
//! entries that no longer match anything.

use super::{ConfigArgs, Status, config, root, settings};
use anyhow::{Context as _, Result, bail};
use claimcheck::app::baseline::Baseline;
use claimcheck::model::FuzzyDate;
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, Subcommand)]
pub enum BaselineCommand {
    /// Record the current findings in a baseline file (default: `baseline` in
    /// claimcheck.yaml, else claimcheck-baseline.yaml); entries already there keep their
    /// reason.
    Write {
        /// The baseline file.
        file: Option<PathBuf>,
        /// Why these findings are accepted (required; kept with every new entry).
        #[arg(long)]
        reason: String,
        /// The day the new entries stop hiding their findings (YYYY-MM-DD).
        #[arg(long, value_name = "DATE")]
        expires: Option<String>,
        /// Claim files or folders (repeatable; default: `paths` in claimcheck.yaml, else `.`).
        #[arg(long = "path", value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
    /// Remove the entries that match no finding any more.
    Prune {
        /// The baseline file.
        file: Option<PathBuf>,
        /// Claim files or folders (repeatable; default: `paths` in claimcheck.yaml, else `.`).
        #[arg(long = "path", value_name = "PATH")]
        paths: Vec<PathBuf>,
        #[command(flatten)]
        config: ConfigArgs,
    },
}

/// Runs a baseline subcommand.
pub fn run(command: BaselineCommand, out: &mut dyn Write) -> Result<Status> {
    let (file, paths, args) = match &command {
        BaselineCommand::Write {
            file,
            paths,
            config,
            ..
        }
        | BaselineCommand::Prune {
            file,
            paths,
            config,
        } => (file, paths, config),
    };
    let config = config(args)?;
    let settings = settings(paths, args, config.as_ref(), &[])?;
    let file = file
        .clone()
        .or_else(|| config.as_ref().and_then(|c| c.baseline.clone()))
        .unwrap_or_else(|| root(config.as_ref()).join(Baseline::DEFAULT_FILE_NAME));
    let previous = if file.exists() {
        match command {
            BaselineCommand::Write { .. } => Baseline::read_for_rewrite(&file)?,
            BaselineCommand::Prune { .. } => Some(Baseline::read(&file)?),
        }
    } else {
        None
    };
    let outcome = claimcheck::check(&settings)?;
    match command {
        BaselineCommand::Write {
            reason, expires, ..
        } => {
            if reason.trim().is_empty() {
                bail!("`--reason` is empty: say why these findings are accepted");
            }
            let expires = expires
                .map(|d| FuzzyDate::parse(&d).map_err(|e| anyhow::anyhow!("`--expires`: {e}")))
                .transpose()?;
            let b = Baseline::record(
                &outcome.report,
                &outcome.review,
                &outcome.corpus,
                &outcome.paths,
                previous.as_ref(),
                &reason,
                expires,
            );
            b.write(&file)
                .with_context(|| format!("cannot write `{}`", file.display()))?;
            writeln!(
                out,
                "wrote {} entries to {}",
                b.entries.len(),
                file.display()
            )?;
        }
        BaselineCommand::Prune { .. } => {
            let Some(previous) = previous else {
                bail!("`{}` does not exist", file.display());
            };
            let pruned = previous.pruned(&outcome.review);
            let removed = previous.entries.len() - pruned.entries.len();
            if removed > 0 {
                pruned
                    .write(&file)
                    .with_context(|| format!("cannot write `{}`", file.display()))?;
            }
            writeln!(
                out,
                "removed {removed} stale entries from {} ({} left)",
                file.display(),
                pruned.entries.len()
            )?;
        }
    }
    Ok(Status::Success)
}
