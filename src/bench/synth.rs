//! A synthetic corpus generator for benchmarks and scale tests: realistic claim files with
//! planted contradictions of every pairwise check type and an optional hot subject, as YAML
//! claim files or as JSON-lines claim files (`*.claims.jsonl`, the layout
//! `claimcheck export` writes, without its derived `resolved` part).
//!
//! Every person has a consistent "truth": a friend until a split year and estranged
//! after, a birth year, a home town, a person he supports, and a cause for the end of his
//! bond. Most claims state the truth for some year, so they agree or differ only in time.
//! With probability 1/100 a claim comes with a planted contradicting twin:
//! - a denied status (`polarity-contradiction`),
//! - a wrong age or home town (`functional-value-conflict`),
//! - `opposes` where the truth is `supports` (`contrary-status`),
//! - another speaker denying the cause (`cause-contradiction`).

use crate::model::FuzzyDate;
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    /// Number of ordinary claims (planted twins come on top).
    pub claims: usize,
    /// Number of claim files (besides the shared one).
    pub files: usize,
    /// Random seed.
    pub seed: u64,
    /// Claims on one hot subject and predicate (60% affirm, 40% deny), spread over files.
    pub hot: usize,
    /// YAML or JSON-lines claim files.
    pub format: Format,
}

/// The claim-file format of a generated corpus.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// `*.claims.yaml`, one claim per line in flow style.
    #[default]
    Yaml,
    /// `*.claims.jsonl`, one item per line.
    Jsonl,
}

/// What was generated.
#[derive(Debug, Default)]
pub struct Generated {
    /// Claims written, planted and hot ones included.
    pub claims: usize,
    /// Ids of the planted contradicting claims.
    pub planted: Vec<String>,
    /// Claims on the hot subject (ids `h0`, `h1`, …).
    pub hot: usize,
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

const CONCEPTS: usize = 50;

/// One claim, written as a flow mapping on one line and (optionally) as a JSON line.
#[derive(Clone)]
struct Line<'a> {
    id: String,
    source: &'a str,
    speaker: Option<String>,
    said: Option<i32>,
    subject: String,
    predicate: &'static str,
    object: String,
    object_yaml: String,
    denied: bool,
    year: Option<i32>,
}

fn write_claim(out: &mut String, format: Format, l: &Line<'_>) {
    match format {
        Format::Yaml => write_yaml_claim(out, l),
        Format::Jsonl => {
            // The field order of `claimcheck export`.
            #[derive(serde::Serialize)]
            struct Claim<'a> {
                id: &'a str,
                source: &'a str,
                #[serde(skip_serializing_if = "Option::is_none")]
                speaker: Option<&'a str>,
                #[serde(skip_serializing_if = "Option::is_none")]
                said: Option<String>,
                subject: &'a str,
                predicate: &'a str,
                object: serde_json::Value,
                #[serde(skip_serializing_if = "Option::is_none")]
                polarity: Option<&'static str>,
                #[serde(skip_serializing_if = "Option::is_none")]
                valid: Option<serde_json::Value>,
            }
            // The YAML form's plain numbers (ages) are numbers here too.
            let object = match l.object_yaml.parse::<f64>() {
                Ok(n) => serde_json::json!(n),
                Err(_) => l.object.clone().into(),
            };
            let claim = Claim {
                id: &l.id,
                source: l.source,
                speaker: l.speaker.as_deref(),
                said: l.said.map(|s| s.to_string()),
                subject: &l.subject,
                predicate: l.predicate,
                object,
                polarity: l.denied.then_some("denied"),
                valid: l.year.map(|y| serde_json::json!({"at": y.to_string()})),
            };
            let claim = serde_json::to_string(&claim).unwrap_or_default();
            let _ = writeln!(out, "{{\"claim\":{claim}}}");
        }
    }
}

fn write_yaml_claim(yaml: &mut String, l: &Line<'_>) {
    let mut y = format!("  - {{id: {}, source: {}", l.id, l.source);
    if let Some(s) = &l.speaker {
        let _ = write!(y, ", speaker: {s}");
    }
    if let Some(s) = l.said {
        let _ = write!(y, ", said: {s}");
    }
    let _ = write!(
        y,
        ", subject: {}, predicate: {}, object: {}",
        l.subject, l.predicate, l.object_yaml
    );
    if l.denied {
        y.push_str(", polarity: denied");
    }
    if let Some(year) = l.year {
        let _ = write!(y, ", valid: {{at: {year}}}");
    }
    y.push_str("}\n");
    yaml.push_str(&y);
}

/// Writes the corpus under `out` (created): `000-shared.claims.EXT`, `NNNNN.claims.EXT`
/// (`yaml` or `jsonl`) and `planted.txt`.
pub fn generate(out: &Path, spec: &Spec) -> io::Result<Generated> {
    std::fs::create_dir_all(out)?;
    let ext = match spec.format {
        Format::Yaml => "yaml",
        Format::Jsonl => "jsonl",
    };
    let files = spec.files.max(1);
    let people = (spec.claims / 20).max(4);
    let mut rng = Rng(spec.seed);
    let mut entities: Vec<serde_json::Value> = Vec::new();
    for p in 0..people {
        entities.push(serde_json::json!({"id": format!("person-{p}"), "name": format!("Person {p}"), "kind": "person", "aliases": [format!("P{p}")]}));
        entities.push(serde_json::json!({"id": format!("bond-{p}"), "name": format!("Bond {p}"), "kind": "relationship"}));
    }
    entities
        .push(serde_json::json!({"id": "hot-subject", "name": "Hot subject", "kind": "person"}));
    let concepts: Vec<serde_json::Value> = (0..CONCEPTS)
        .map(|c| serde_json::json!({"id": format!("cause-{c}"), "name": format!("Cause {c}"), "forms": [format!("the cause number {c}")]}))
        .collect();
    let shared = match spec.format {
        Format::Yaml => {
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
            shared.push_str("  - {id: hot-subject, name: Hot subject, kind: person}\nconcepts:\n");
            for c in 0..CONCEPTS {
                let _ = writeln!(
                    shared,
                    "  - {{id: cause-{c}, name: Cause {c}, forms: [the cause number {c}]}}"
                );
            }
            shared
        }
        Format::Jsonl => {
            let mut shared = String::new();
            for e in entities {
                let _ = writeln!(shared, "{}", serde_json::json!({ "entity": e }));
            }
            for c in concepts {
                let _ = writeln!(shared, "{}", serde_json::json!({ "concept": c }));
            }
            shared
        }
    };
    std::fs::write(out.join(format!("000-shared.claims.{ext}")), shared)?;
    let mut generated = Generated::default();
    let per_file = spec.claims.div_ceil(files);
    let hot_per_file = spec.hot.div_ceil(files);
    let (mut id, mut hot_id) = (0usize, 0usize);
    let person = |p: usize| format!("person-{p}");
    for f in 0..files {
        let file_name = format!("{f:05}.claims.{ext}");
        let source = format!("src-{f}");
        let published = FuzzyDate::ymd(2000 + (f % 25) as i32, 1 + (f % 12) as u8, 1);
        let mut text = String::with_capacity(per_file * 170);
        match spec.format {
            Format::Yaml => {
                let _ = writeln!(
                    text,
                    "sources:\n  - {{id: {source}, outlet: Outlet {}, published: {published}}}\nclaims:",
                    f % 97
                );
            }
            Format::Jsonl => {
                let s = serde_json::json!({"id": source, "outlet": format!("Outlet {}", f % 97), "published": published.to_string()});
                let _ = writeln!(text, "{}", serde_json::json!({ "source": s }));
            }
        }
        let format = spec.format;
        let emit = |text: &mut String, l: &Line<'_>| write_claim(text, format, l);
        while id < spec.claims && id < (f + 1) * per_file {
            let a = rng.below(people);
            let b = (a + 1) % people;
            let (lo, hi) = if a < b { (a, b) } else { (b, a) };
            let year = 2000 + rng.below(25) as i32;
            let split = 2005 + ((a * 7) % 15) as i32;
            let planted = rng.below(100) == 0;
            let base = Line {
                id: format!("c{id}"),
                source: &source,
                speaker: None,
                said: None,
                subject: person(a),
                predicate: "age",
                object: String::new(),
                object_yaml: String::new(),
                denied: false,
                year: Some(year),
            };
            let (truth, twin) = match rng.below(6) {
                0 | 1 => {
                    let predicate = if year < split {
                        "friends-with"
                    } else {
                        "estranged-from"
                    };
                    let t = Line {
                        subject: person(lo),
                        predicate,
                        object: person(hi),
                        object_yaml: person(hi),
                        ..base
                    };
                    let twin = Line {
                        id: format!("c{id}p"),
                        denied: true,
                        ..t.clone()
                    };
                    (t, twin)
                }
                2 => {
                    let age = (year - (1950 + (a % 40) as i32)).to_string();
                    let wrong = (year - (1950 + (a % 40) as i32) + 10).to_string();
                    let t = Line {
                        object: age.clone(),
                        object_yaml: age,
                        ..base
                    };
                    let twin = Line {
                        id: format!("c{id}p"),
                        object: wrong.clone(),
                        object_yaml: wrong,
                        ..t.clone()
                    };
                    (t, twin)
                }
                3 => {
                    let cause = format!("cause-{}", a % CONCEPTS);
                    let t = Line {
                        speaker: Some(person(b)),
                        said: Some(year),
                        subject: format!("bond-{a}"),
                        predicate: "ended-because-of",
                        object: cause.clone(),
                        object_yaml: cause,
                        year: None,
                        ..base
                    };
                    let twin = Line {
                        id: format!("c{id}p"),
                        speaker: Some(person((a + 2) % people)),
                        denied: true,
                        ..t.clone()
                    };
                    (t, twin)
                }
                4 => {
                    let target = person((a + 2) % people);
                    let t = Line {
                        predicate: "supports",
                        object: target.clone(),
                        object_yaml: target,
                        ..base
                    };
                    let twin = Line {
                        id: format!("c{id}p"),
                        predicate: "opposes",
                        ..t.clone()
                    };
                    (t, twin)
                }
                _ => {
                    let town = |t: usize| (format!("\"town {t}\""), format!("town {t}"));
                    let (yt, jt) = town(a % 7);
                    let (yw, jw) = town(a % 7 + 1);
                    let t = Line {
                        predicate: "lives-in",
                        object: jt,
                        object_yaml: yt,
                        ..base
                    };
                    let twin = Line {
                        id: format!("c{id}p"),
                        object: jw,
                        object_yaml: yw,
                        ..t.clone()
                    };
                    (t, twin)
                }
            };
            emit(&mut text, &truth);
            generated.claims += 1;
            if planted {
                emit(&mut text, &twin);
                generated.planted.push(twin.id.clone());
                generated.claims += 1;
            }
            id += 1;
        }
        while hot_id < spec.hot && hot_id < (f + 1) * hot_per_file {
            let l = Line {
                id: format!("h{hot_id}"),
                source: &source,
                speaker: None,
                said: None,
                subject: "hot-subject".into(),
                predicate: "supports",
                object: person(1),
                object_yaml: person(1),
                denied: hot_id % 5 >= 3,
                year: Some(2020),
            };
            emit(&mut text, &l);
            generated.claims += 1;
            generated.hot += 1;
            hot_id += 1;
        }
        std::fs::write(out.join(&file_name), text)?;
    }
    std::fs::write(out.join("planted.txt"), generated.planted.join("\n") + "\n")?;
    Ok(generated)
}

/// How a check's findings compare with the planted contradictions.
#[derive(Debug, Default)]
pub struct Verdict {
    /// Planted contradicting claims some error or warning involves.
    pub found: usize,
    /// Planted claims no finding involves.
    pub missed: Vec<String>,
    /// Errors and warnings that do not involve exactly one planted claim (check name and
    /// claim ids), and notes of any check but `status-changed`.
    pub unexpected: Vec<String>,
    /// The distinct checks of the errors and warnings, sorted.
    pub checks: Vec<&'static str>,
    /// Widespread-conflict findings over the hot subject's claims (one expected with a hot
    /// subject, none without).
    pub hot_disputes: usize,
    /// Whether the corpus has a hot subject.
    pub hot: bool,
}

impl Verdict {
    /// Exactly the planted contradictions were found, and nothing else.
    pub fn is_exact(&self) -> bool {
        self.missed.is_empty()
            && self.unexpected.is_empty()
            && self.hot_disputes == usize::from(self.hot)
    }
}

/// Compares a report with the planted contradictions: every error or warning must involve
/// exactly one planted claim, every planted claim must be found, the only notes are status
/// changes (the corpus's people change status over the years), and a hot subject is one
/// clash of its two positions, however many claims hold each.
pub fn verify(
    generated: &Generated,
    corpus: &crate::resolve::Corpus,
    report: &crate::check::Report,
) -> Verdict {
    use std::collections::BTreeSet;
    let planted: BTreeSet<&str> = generated.planted.iter().map(String::as_str).collect();
    let is_hot = |id: &str| id.starts_with('h');
    let mut found: BTreeSet<&str> = BTreeSet::new();
    let mut checks: BTreeSet<&'static str> = BTreeSet::new();
    let mut verdict = Verdict::default();
    for f in &report.findings {
        let ids: Vec<&str> = f
            .claims
            .iter()
            .map(|&i| corpus.claims[i as usize].id())
            .collect();
        if f.severity == crate::check::Severity::Note {
            if f.check.name != "status-changed" {
                verdict.unexpected.push(format!("{} {ids:?}", f.check.name));
            }
            continue;
        }
        checks.insert(f.check.name);
        if !f.positions.is_empty() && ids.iter().all(|i| is_hot(i)) {
            verdict.hot_disputes += 1;
            continue;
        }
        let hit: Vec<&str> = ids
            .iter()
            .copied()
            .filter(|i| planted.contains(i))
            .collect();
        match hit[..] {
            [one] => {
                found.insert(one);
            }
            _ => verdict.unexpected.push(format!("{} {ids:?}", f.check.name)),
        }
    }
    verdict.found = found.len();
    verdict.missed = planted
        .iter()
        .filter(|p| !found.contains(*p))
        .map(|p| (*p).to_string())
        .collect();
    verdict.checks = checks.into_iter().collect();
    verdict.hot = generated.hot > 0;
    verdict
}
