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

/// Milliseconds per stage for one corpus.
struct Timings {
    megabytes: f64,
    bare: f64,
    parse: f64,
    cached: f64,
    resolve: f64,
    check: f64,
    render: f64,
    findings: usize,
}

fn time_stages(dir: &std::path::Path) -> Result<Timings> {
    use rayon::prelude::*;
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let settings = claimcheck::Settings {
        paths: vec![dir.to_path_buf()],
        ..Default::default()
    };
    let (rules, severity) = claimcheck::run::rules_and_severity(&settings)?;
    let (paths, _) = claimcheck::load::discover::discover(&settings.paths)
        .map_err(|e| anyhow::anyhow!(e.message))?;
    let texts: Vec<String> = paths
        .iter()
        .map(std::fs::read_to_string)
        .collect::<std::io::Result<_>>()?;
    let megabytes = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let t = Instant::now();
    let parsed = texts
        .par_iter()
        .filter(|t| serde_saphyr::from_str::<serde::de::IgnoredAny>(t).is_ok())
        .count();
    let bare = ms(t);
    anyhow::ensure!(parsed == texts.len(), "the generated corpus does not parse");
    drop(texts);
    let t = Instant::now();
    let loaded = claimcheck::load::load_paths(&settings.paths, &settings.limits)?;
    let parse = ms(t);
    drop(loaded);
    let cache_dir = dir.join(".claimcheck-cache");
    let cache = claimcheck::load::cache::Cache::open(&cache_dir).context("opening the cache")?;
    drop(claimcheck::load::load_paths_cached(
        &settings.paths,
        &settings.limits,
        Some(&cache),
    )?);
    let t = Instant::now();
    let loaded =
        claimcheck::load::load_paths_cached(&settings.paths, &settings.limits, Some(&cache))?;
    let cached = ms(t);
    let t = Instant::now();
    let corpus = claimcheck::resolve::resolve(loaded, &rules);
    let resolve = ms(t);
    let t = Instant::now();
    let options = claimcheck::check::sink::Options {
        severity,
        today: settings.today,
    };
    let report = claimcheck::check::run(&corpus, &rules, &options);
    let check = ms(t);
    let t = Instant::now();
    let cx = claimcheck::report::RenderCtx {
        corpus: &corpus,
        color: false,
    };
    claimcheck::report::render(
        claimcheck::report::Format::Json,
        &report,
        &cx,
        &mut std::io::sink(),
    )?;
    let render = ms(t);
    Ok(Timings {
        megabytes,
        bare,
        parse,
        cached,
        resolve,
        check,
        render,
        findings: report.findings.len(),
    })
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
                "{:>9} {:>6} {:>6} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>9}",
                "claims",
                "files",
                "MB",
                "bare",
                "parse",
                "cached",
                "resolve",
                "check",
                "render",
                "cold",
                "warm",
                "findings"
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
                let row = time_stages(&dir);
                let _ = std::fs::remove_dir_all(&dir);
                let t = row?;
                writeln!(
                    out,
                    "{n:>9} {files:>6} {:>6.0} | {:>7.0} {:>7.0} {:>7.0} | {:>7.0} {:>7.0} {:>7.0} | {:>7.0} {:>7.0} {:>9}",
                    t.megabytes,
                    t.bare,
                    t.parse,
                    t.cached,
                    t.resolve,
                    t.check,
                    t.render,
                    t.parse + t.resolve + t.check + t.render,
                    t.cached + t.resolve + t.check + t.render,
                    t.findings
                )?;
            }
            writeln!(
                out,
                "(ms; bare = serde-saphyr parse into IgnoredAny, the floor; parse = load without cache; cached = load from the parse cache; render = JSON)"
            )?;
            if let Some(mb) = peak_rss_mb() {
                writeln!(out, "peak resident memory: {mb:.0} MB")?;
            }
        }
    }
    Ok(crate::cli::Status::Success)
}
