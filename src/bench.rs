//! `claimcheck bench`: a synthetic corpus generator and an in-process timing of each stage.

use anyhow::{Context as _, Result};
use claimcheck::synth::{Spec, generate};
use clap::Subcommand;
use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Debug, Subcommand)]
pub enum BenchCommand {
    /// Write a synthetic corpus of claim files with planted contradictions.
    Gen {
        /// Number of claims.
        #[arg(long, default_value_t = 100_000)]
        claims: usize,
        /// Number of claim files.
        #[arg(long)]
        files: Option<usize>,
        /// Output folder (created).
        #[arg(long)]
        out: PathBuf,
        /// Random seed.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Claims on one hot subject and predicate (60% affirm, 40% deny).
        #[arg(long, default_value_t = 0)]
        hot: usize,
        /// Also write the corpus as JSON lines (`corpus.jsonl`, the `export` layout).
        #[arg(long)]
        jsonl: bool,
    },
    /// Generate corpora of the given sizes in a temporary folder and time each stage.
    Run {
        /// Numbers of claims, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        claims: Vec<usize>,
        /// Claims per file.
        #[arg(long, default_value_t = 100)]
        per_file: usize,
        /// Claims on one hot subject and predicate, added to each corpus.
        #[arg(long, default_value_t = 0)]
        hot: usize,
    },
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(command: BenchCommand, out: &mut dyn Write) -> Result<crate::cli::Status> {
    match command {
        BenchCommand::Gen {
            claims,
            files,
            out: dir,
            seed,
            hot,
            jsonl,
        } => {
            let spec = Spec {
                claims,
                files: files.unwrap_or((claims / 100).max(1)),
                seed,
                hot,
                jsonl,
            };
            let g = generate(&dir, &spec).with_context(|| format!("writing {}", dir.display()))?;
            writeln!(
                out,
                "wrote {} claims ({} planted contradictions) to {}",
                g.claims,
                g.planted.len(),
                dir.display()
            )?;
        }
        BenchCommand::Run {
            claims,
            per_file,
            hot,
        } => {
            writeln!(
                out,
                "{:>9} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}",
                "claims", "files", "load ms", "resolve", "check", "render", "total", "findings"
            )?;
            for n in claims {
                let dir = std::env::temp_dir()
                    .join(format!("claimcheck-bench-{n}-{}", std::process::id()));
                let files = (n / per_file).max(1);
                generate(
                    &dir,
                    &Spec {
                        claims: n,
                        files,
                        seed: 1,
                        hot,
                        jsonl: false,
                    },
                )?;
                let settings = claimcheck::Settings {
                    paths: vec![dir.clone()],
                    ..Default::default()
                };
                let (rules, severity) = claimcheck::run::rules_and_severity(&settings)?;
                let t0 = Instant::now();
                let loaded = claimcheck::load::load_paths(&settings.paths, &settings.limits)?;
                let t1 = Instant::now();
                let corpus = claimcheck::resolve::resolve(loaded, &rules);
                let t2 = Instant::now();
                let report = claimcheck::check::run(
                    &corpus,
                    &rules,
                    &claimcheck::check::sink::Options {
                        severity,
                        today: settings.today,
                    },
                );
                let t3 = Instant::now();
                let mut sink = std::io::sink();
                let cx = claimcheck::report::RenderCtx {
                    corpus: &corpus,
                    color: false,
                };
                claimcheck::report::render(
                    claimcheck::report::Format::Json,
                    &report,
                    &cx,
                    &mut sink,
                )?;
                let t4 = Instant::now();
                let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
                writeln!(
                    out,
                    "{n:>9} {files:>6} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>9.0} {:>10}",
                    ms(t0, t1),
                    ms(t1, t2),
                    ms(t2, t3),
                    ms(t3, t4),
                    ms(t0, t4),
                    report.findings.len()
                )?;
                drop((report, corpus));
                let _ = std::fs::remove_dir_all(&dir);
            }
            if let Some(mb) = peak_rss_mb() {
                writeln!(out, "peak resident memory: {mb:.0} MB")?;
            }
        }
    }
    Ok(crate::cli::Status::Success)
}
