//! `claimcheck bench`: a synthetic corpus generator and an in-process timing of each stage.

use anyhow::{Context as _, Result};
use clap::Subcommand;
use std::fmt::Write as _;
use std::io::Write;
use std::path::{Path, PathBuf};
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
    },
    /// Generate corpora of the given sizes in a temporary folder and time each stage.
    Run {
        /// Numbers of claims, comma-separated.
        #[arg(long, value_delimiter = ',', default_value = "10000,100000")]
        claims: Vec<usize>,
        /// Claims per file.
        #[arg(long, default_value_t = 100)]
        per_file: usize,
    },
}

/// SplitMix64: small, fast, deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Writes `claims` claims in `files` files (plus one file of shared entities) under `out`.
///
/// Every person has a consistent "truth" (a friend until a split year and estranged after,
/// a birth year, a home town, a candidate supported, a cause for the split); most claims
/// state it for some year, so they agree or differ only in time. One claim in a hundred is
/// a planted contradiction: a flipped polarity, a wrong age, friendship after the split,
/// or a denied cause.
pub fn generate(out: &Path, claims: usize, files: usize, seed: u64) -> Result<()> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let files = files.max(1);
    let people = (claims / 20).max(4);
    let concepts = 50;
    let mut rng = Rng(seed);
    let mut shared = String::from("entities:\n");
    for p in 0..people {
        let _ = writeln!(
            shared,
            "  - {{id: person-{p}, name: Person {p}, kind: person, aliases: [P{p}]}}"
        );
        let _ = writeln!(
            shared,
            "  - {{id: bond-{p}, name: Bond {p}, kind: relationship}}"
        );
    }
    shared.push_str("concepts:\n");
    for c in 0..concepts {
        let _ = writeln!(
            shared,
            "  - {{id: cause-{c}, name: Cause {c}, forms: [the cause number {c}]}}"
        );
    }
    std::fs::write(out.join("000-shared.claims.yaml"), shared)?;
    let per_file = claims.div_ceil(files);
    let mut id = 0usize;
    for f in 0..files {
        let mut text = String::with_capacity(per_file * 160);
        let published = 2000 + f % 25;
        let _ = writeln!(
            text,
            "sources:\n  - {{id: src-{f}, outlet: Outlet {}, published: {published}-{:02}-01}}\nclaims:",
            f % 97,
            1 + f % 12
        );
        while id < claims && id < (f + 1) * per_file {
            let a = rng.below(people);
            let b = (a + 1) % people;
            let split = 2005 + (a * 7) % 15;
            let born = 1950 + a % 40;
            let year = 2000 + rng.below(25);
            let planted = rng.below(100) == 0;
            let line = match rng.below(6) {
                0 | 1 => {
                    let (predicate, polarity) = if year < split {
                        ("friends-with", "affirmed")
                    } else {
                        ("estranged-from", "affirmed")
                    };
                    let polarity = if planted { "denied" } else { polarity };
                    format!(
                        "{{id: c{id}, source: src-{f}, subject: person-{a}, predicate: {predicate}, object: person-{b}, polarity: {polarity}, valid: {{at: {year}}}}}"
                    )
                }
                2 => {
                    let age = year - born + if planted { 10 } else { 0 };
                    format!(
                        "{{id: c{id}, source: src-{f}, subject: person-{a}, predicate: age, object: {age}, valid: {{at: {year}}}}}"
                    )
                }
                3 => {
                    let polarity = if planted { "denied" } else { "affirmed" };
                    format!(
                        "{{id: c{id}, source: src-{f}, speaker: person-{b}, said: {year}, subject: bond-{a}, predicate: ended-because-of, object: cause-{}, polarity: {polarity}}}",
                        a % concepts
                    )
                }
                4 => {
                    let polarity = if planted { "denied" } else { "affirmed" };
                    format!(
                        "{{id: c{id}, source: src-{f}, subject: person-{a}, predicate: supports, object: person-{}, polarity: {polarity}, valid: {{at: {year}}}}}",
                        (a + 2) % people
                    )
                }
                _ => {
                    let town = if planted { a % 7 + 1 } else { a % 7 };
                    format!(
                        "{{id: c{id}, source: src-{f}, subject: person-{a}, predicate: lives-in, object: town {town}, valid: {{at: {year}}}, quote: \"lives in town {town}\"}}"
                    )
                }
            };
            let _ = writeln!(text, "  - {line}");
            id += 1;
        }
        std::fs::write(out.join(format!("{f:05}.claims.yaml")), text)?;
    }
    Ok(())
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
        } => {
            generate(&dir, claims, files.unwrap_or((claims / 100).max(1)), seed)?;
            writeln!(out, "wrote {claims} claims to {}", dir.display())?;
        }
        BenchCommand::Run { claims, per_file } => {
            writeln!(
                out,
                "{:>9} {:>6} {:>9} {:>9} {:>9} {:>9} {:>9} {:>10}",
                "claims", "files", "load ms", "resolve", "check", "render", "total", "findings"
            )?;
            for n in claims {
                let dir = std::env::temp_dir()
                    .join(format!("claimcheck-bench-{n}-{}", std::process::id()));
                let files = (n / per_file).max(1);
                generate(&dir, n, files, 1)?;
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
