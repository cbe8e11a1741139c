//! `claimcheck bench`: synthetic corpora (the library's `claimcheck::bench::synth`) and an
//! in-process timing of each stage.

use anyhow::{Context as _, Result};
use claimcheck::bench::synth::{Format, Spec, generate};
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
        /// Claim-file format: `yaml` (`*.claims.yaml`) or `jsonl` (`*.claims.jsonl`, the
        /// layout `claimcheck export` writes).
        #[arg(long, value_enum, default_value_t = GenFormat::Yaml)]
        format: GenFormat,
    },
    /// Time the extractor on article text (the seed articles repeated) of the given sizes:
    /// one document per size on one core, then 1 MB documents on every core.
    Extract {
        /// Sizes in megabytes, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "1,10,100")]
        megabytes: Vec<usize>,
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

/// The claim-file format of `bench gen`.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum GenFormat {
    /// `*.claims.yaml`.
    Yaml,
    /// `*.claims.jsonl`.
    Jsonl,
}

/// Milliseconds per stage for one corpus.
struct Timings {
    megabytes: f64,
    bare: f64,
    parse: f64,
    cached: f64,
    resolve: f64,
    check: f64,
    graph: f64,
    render: f64,
    findings: usize,
    /// Planted contradictions found (all of them, or the run fails).
    planted: usize,
}

/// The budget the loader uses (default limits), so the floor parses the same files.
fn bare_options() -> serde_saphyr::Options {
    let limits = claimcheck::load::Limits::default();
    let mut budget = serde_saphyr::Budget::default();
    budget.max_nodes = limits.max_nodes;
    budget.max_events = limits.max_nodes.saturating_mul(3);
    serde_saphyr::options! { strict_booleans: true, with_snippet: false, budget: Some(budget) }
}

fn time_stages(
    dir: &std::path::Path,
    generated: &claimcheck::bench::synth::Generated,
) -> Result<Timings> {
    use rayon::prelude::*;
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let settings = claimcheck::Settings {
        paths: vec![dir.to_path_buf()],
        ..Default::default()
    };
    let (rules, severity) = claimcheck::app::settings::rules_and_severity(&settings)?;
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
        .filter(|t| {
            serde_saphyr::from_str_with_options::<serde::de::IgnoredAny>(t, bare_options()).is_ok()
        })
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
    cache.save();
    let t = Instant::now();
    let cache = claimcheck::load::cache::Cache::open(&cache_dir).context("opening the cache")?;
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
    // The statement graph (`claimcheck graph`); `check` itself does not need it.
    let t = Instant::now();
    let mut graph = claimcheck::graph::StatementGraph::build(&corpus);
    claimcheck::check::derive_edges(&report, &mut graph);
    let graph_ms = ms(t);
    drop(graph);
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
    let verdict = claimcheck::bench::synth::verify(generated, &corpus, &report);
    anyhow::ensure!(
        verdict.is_exact(),
        "the findings are not exactly the planted contradictions: {} missed, {} unexpected (first: {:?})",
        verdict.missed.len(),
        verdict.unexpected.len(),
        verdict.unexpected.first().or(verdict.missed.first())
    );
    Ok(Timings {
        megabytes,
        bare,
        parse,
        cached,
        resolve,
        check,
        graph: graph_ms,
        render,
        findings: report.findings.len(),
        planted: verdict.found,
    })
}

/// News text for the extractor benchmark: the seed articles, repeated.
fn article_text(bytes: usize) -> String {
    const SEEDS: [&str; 3] = [
        include_str!("../../seeds/000_7acf9b5a9bd8532d.txt"),
        include_str!("../../seeds/001_54db2d4ba4d44a5b.txt"),
        include_str!("../../seeds/002_3bf1109e5559d618.txt"),
    ];
    let mut text = String::with_capacity(bytes + 4096);
    let mut i = 0;
    while text.len() < bytes {
        text.push_str(SEEDS[i % 3]);
        text.push_str("\n\n");
        i += 1;
    }
    text
}

fn extract_bench(megabytes: &[usize], out: &mut dyn Write) -> Result<()> {
    use claimcheck::extract::{Document, Lexicon, extract_compiled};
    use rayon::prelude::*;
    let lexicon = Lexicon::defaults();
    let story = claimcheck::load::load_paths(
        &[PathBuf::from("seeds/story.claims.yaml")],
        &Default::default(),
    )
    .unwrap_or_default();
    let names = claimcheck::app::suggest::story_names(&story, &lexicon);
    let published = Some(claimcheck::model::FuzzyDate::ymd(2022, 8, 5));
    writeln!(
        out,
        "{:>8} {:>10} {:>10} {:>9}",
        "MB", "one core s", "MB/s", "drafts"
    )?;
    // One untimed pass first: the first document otherwise also pays for the lazily
    // built tables and the allocator's first pages (the 1 MB row read 8–9 MB/s that way,
    // against 14 MB/s per core for the same documents once warm).
    let warm = article_text(1 << 18);
    extract_compiled(
        &Document {
            text: &warm,
            published,
            outlet: None,
        },
        &lexicon,
        &names,
    );
    for &mb in megabytes {
        let text = article_text(mb << 20);
        let t = Instant::now();
        let x = extract_compiled(
            &Document {
                text: &text,
                published,
                outlet: None,
            },
            &lexicon,
            &names,
        );
        let secs = t.elapsed().as_secs_f64();
        writeln!(
            out,
            "{mb:>8} {secs:>10.2} {:>10.1} {:>9}",
            text.len() as f64 / 1e6 / secs,
            x.drafts.len()
        )?;
    }
    let total = megabytes.iter().max().copied().unwrap_or(1);
    let docs: Vec<String> = (0..total).map(|_| article_text(1 << 20)).collect();
    let t = Instant::now();
    let drafts: usize = docs
        .par_iter()
        .map(|d| {
            extract_compiled(
                &Document {
                    text: d,
                    published,
                    outlet: None,
                },
                &lexicon,
                &names,
            )
            .drafts
            .len()
        })
        .sum();
    let secs = t.elapsed().as_secs_f64();
    writeln!(
        out,
        "all {} cores: {total} documents of 1 MB in {secs:.2} s = {:.1} MB/s ({drafts} drafts)",
        rayon::current_num_threads(),
        (total << 20) as f64 / 1e6 / secs
    )?;
    Ok(())
}

fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

pub fn run(command: BenchCommand, out: &mut dyn Write) -> Result<()> {
    match command {
        BenchCommand::Gen {
            claims,
            files,
            out: dir,
            seed,
            hot,
            format,
        } => {
            let spec = Spec {
                claims,
                files: files.unwrap_or((claims / 100).max(1)),
                seed,
                hot,
                format: match format {
                    GenFormat::Yaml => Format::Yaml,
                    GenFormat::Jsonl => Format::Jsonl,
                },
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
        BenchCommand::Extract { megabytes } => extract_bench(&megabytes, out)?,
        BenchCommand::Run {
            claims,
            per_file,
            hot,
        } => {
            writeln!(
                out,
                "{:>9} {:>6} {:>6} | {:>7} {:>7} {:>7} | {:>7} {:>7} {:>7} {:>7} | {:>7} {:>7} {:>9} {:>8}",
                "claims",
                "files",
                "MB",
                "bare",
                "parse",
                "cached",
                "resolve",
                "check",
                "graph",
                "render",
                "cold",
                "warm",
                "findings",
                "planted"
            )?;
            for n in claims {
                let dir = std::env::temp_dir()
                    .join(format!("claimcheck-bench-{n}-{}", std::process::id()));
                let files = (n / per_file).max(1);
                let generated = generate(
                    &dir,
                    &Spec {
                        claims: n,
                        files,
                        seed: 1,
                        hot,
                        format: Format::Yaml,
                    },
                )?;
                let row = time_stages(&dir, &generated);
                let _ = std::fs::remove_dir_all(&dir);
                let t = row?;
                writeln!(
                    out,
                    "{n:>9} {files:>6} {:>6.0} | {:>7.0} {:>7.0} {:>7.0} | {:>7.0} {:>7.0} {:>7.0} {:>7.0} | {:>7.0} {:>7.0} {:>9} {:>8}",
                    t.megabytes,
                    t.bare,
                    t.parse,
                    t.cached,
                    t.resolve,
                    t.check,
                    t.graph,
                    t.render,
                    t.parse + t.resolve + t.check + t.render,
                    t.cached + t.resolve + t.check + t.render,
                    t.findings,
                    t.planted
                )?;
            }
            writeln!(
                out,
                "(ms; bare = serde-saphyr parse into IgnoredAny, the floor; parse = load without cache; cached = load from the parse cache; graph = the statement graph of `claimcheck graph`, which `check` does not build (not in cold or warm); render = JSON; planted = planted contradictions found, exactly and only)"
            )?;
            if let Some(mb) = peak_rss_mb() {
                writeln!(out, "peak resident memory: {mb:.0} MB")?;
            }
        }
    }
    Ok(())
}
