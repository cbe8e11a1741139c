//! A synthetic corpus generator for benchmarks and scale tests: realistic claim files with
//! planted contradictions of every pairwise check type, an optional hot subject, and the
//! same corpus as JSON lines (the `claimcheck export` layout) for other engines.
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
use std::io::{self, Write};
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
    /// Also write `corpus.jsonl`.
    pub jsonl: bool,
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

fn write_claim(
    yaml: &mut String,
    jsonl: Option<&mut String>,
    l: &Line<'_>,
    file: &str,
    line: usize,
    published: FuzzyDate,
) {
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
    if let Some(out) = jsonl {
        let said = l.said.map_or(published, |s| FuzzyDate {
            year: s,
            month: None,
            day: None,
            time: None,
        });
        let (from, to) = match l.year {
            Some(y) => {
                let d = FuzzyDate {
                    year: y,
                    month: None,
                    day: None,
                    time: None,
                };
                (Some(d.first_day()), Some(d.last_day()))
            }
            None if l.predicate == "ended-because-of" => (None, None),
            None => (Some(said.first_day()), Some(said.last_day())),
        };
        let v = serde_json::json!({
            "id": l.id, "subject": l.subject, "predicate": l.predicate, "object": l.object,
            "polarity": if l.denied { "denied" } else { "affirmed" },
            "modality": "asserted", "speaker": l.speaker, "source": l.source,
            "said": said.to_string(), "valid_from": from, "valid_to": to,
            "file": file, "line": line,
        });
        let _ = writeln!(out, "{v}");
    }
}

/// Writes the corpus under `out` (created): `000-shared.claims.yaml`, `NNNNN.claims.yaml`,
/// `planted.txt`, and with `jsonl` also `corpus.jsonl`.
pub fn generate(out: &Path, spec: &Spec) -> io::Result<Generated> {
    std::fs::create_dir_all(out)?;
    let files = spec.files.max(1);
    let people = (spec.claims / 20).max(4);
    let mut rng = Rng(spec.seed);
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
    std::fs::write(out.join("000-shared.claims.yaml"), shared)?;
    let mut jsonl = match spec.jsonl {
        true => Some(io::BufWriter::new(std::fs::File::create(
            out.join("corpus.jsonl"),
        )?)),
        false => None,
    };
    let mut generated = Generated::default();
    let per_file = spec.claims.div_ceil(files);
    let hot_per_file = spec.hot.div_ceil(files);
    let (mut id, mut hot_id) = (0usize, 0usize);
    let person = |p: usize| format!("person-{p}");
    for f in 0..files {
        let file_name = format!("{f:05}.claims.yaml");
        let source = format!("src-{f}");
        let published = FuzzyDate::ymd(2000 + (f % 25) as i32, 1 + (f % 12) as u8, 1);
        let mut yaml = String::with_capacity(per_file * 170);
        let mut json = String::new();
        let _ = writeln!(
            yaml,
            "sources:\n  - {{id: {source}, outlet: Outlet {}, published: {published}}}\nclaims:",
            f % 97
        );
        let mut line = 4;
        let mut emit = |yaml: &mut String, json: &mut String, l: &Line<'_>| {
            write_claim(
                yaml,
                spec.jsonl.then_some(json),
                l,
                &file_name,
                line,
                published,
            );
            line += 1;
        };
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
            emit(&mut yaml, &mut json, &truth);
            generated.claims += 1;
            if planted {
                emit(&mut yaml, &mut json, &twin);
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
            emit(&mut yaml, &mut json, &l);
            generated.claims += 1;
            generated.hot += 1;
            hot_id += 1;
        }
        std::fs::write(out.join(&file_name), yaml)?;
        if let Some(j) = jsonl.as_mut() {
            j.write_all(json.as_bytes())?;
        }
    }
    if let Some(mut j) = jsonl {
        j.flush()?;
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
            .map(|&i| corpus.claims[i as usize].claim.id.value.as_str())
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
