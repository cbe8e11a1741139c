//! Re-checking after an edit, for the concise report: only the (subject, predicate
//! family) buckets the edited files touch are resolved and checked again; the findings of
//! every other bucket come from a snapshot of the previous run.
//!
//! A check's findings depend on the claims of one bucket only (plus the corpus's names and
//! vocabulary, which an edit of claims leaves alone), so the findings of a bucket no edited
//! claim is in, before or after the edit, cannot change. The snapshot
//! (`recheck.bin` in the cache folder) keeps, per claim file, its text hash, its
//! declarations (sources, entities, concepts), the buckets of its claims and its claim
//! ids; and every finding with its bucket, sort key and concise line.
//!
//! Anything the bucket argument does not cover falls back to a full run (which writes a
//! new snapshot): a different tool version, rules or settings; a file added, removed or
//! unreadable; more than [`MAX_CHANGED`] files changed; changed declarations; any problem
//! (broken reference, duplicate id, unknown predicate) before or after the edit; source
//! documents (quotes and suggestions); suppressions that name a claim.

use super::settings::{Settings, rules_and_severity};
use crate::check::{self, Finding, Severity};
use crate::load::{self, ClaimFile, Loaded, cache::Cache};
use crate::model::{Concept, Entity, FileId, Source, SourceMap};
use crate::resolve::{self, Corpus, ResolvedClaim};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::hash::{Hash, Hasher};
use std::path::PathBuf;
use std::sync::Arc;

/// Bumped whenever the snapshot layout changes.
const FORMAT: u32 = 1;
/// The snapshot's file name in the cache folder.
const FILE: &str = "recheck.bin";
/// More changed files than this re-check in full.
pub const MAX_CHANGED: usize = 16;

/// A bucket by name: the subject's id and the predicate family's name.
type Unit = (String, String);
/// The report order of findings: path (as a file index; compared by its shown path),
/// line, column, code, claim ids, message.
type SortKey = (u32, u32, u32, String, Vec<String>, String);

#[derive(Serialize, Deserialize)]
struct Snapshot {
    format: u32,
    key: u64,
    files: Vec<FileRecord>,
    units: Vec<Unit>,
    /// Hashes of every claim id, with the index of the file that declares it, sorted.
    ids: Vec<(u64, u32)>,
    /// Every finding (also those below `--min-level`), in report order.
    lines: Vec<Line>,
}

#[derive(Serialize, Deserialize)]
struct FileRecord {
    path: PathBuf,
    /// The path as reports show it.
    shown: String,
    hash: u128,
    declarations: Vec<u8>,
    claims: u32,
    units: Vec<u32>,
}

/// A finding as the concise report needs it: its line is written from the sort key.
#[derive(Serialize, Deserialize)]
struct Line {
    unit: u32,
    key: SortKey,
    severity: Severity,
    suppressed: bool,
}

impl Line {
    fn of(corpus: &Corpus, unit: u32, f: &Finding) -> Self {
        Line {
            unit,
            key: sort_key(corpus, f),
            severity: f.severity,
            suppressed: f.suppressed.is_some(),
        }
    }
}

/// A re-check's result: the concise report and how many findings fail the run.
#[derive(Debug)]
pub struct Rechecked {
    /// The concise report, byte for byte what a full run prints.
    pub text: String,
    /// Findings at or above `fail_on` that no suppression hides.
    pub failures: usize,
}

/// What identifies the settings a snapshot was made with.
fn key(settings: &Settings) -> Option<u64> {
    let (rules, severity) = rules_and_severity(settings).ok()?;
    let mut h = std::hash::DefaultHasher::new();
    (
        FORMAT,
        env!("CARGO_PKG_VERSION"),
        format!("{rules:?}"),
        format!("{severity:?}"),
        format!(
            "{:?}{:?}{:?}{:?}{:?}{:?}{:?}",
            settings.paths,
            settings.limits,
            settings.today,
            settings.extract,
            settings.root,
            settings.fail_on,
            settings.min_level
        ),
    )
        .hash(&mut h);
    Some(h.finish())
}

fn text_hash(text: &str) -> u128 {
    let mut a = std::hash::DefaultHasher::new();
    text.hash(&mut a);
    let mut b = rustc_hash::FxHasher::default();
    text.hash(&mut b);
    (u128::from(a.finish()) << 64) | u128::from(b.finish())
}

fn id_hash(id: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    id.hash(&mut h);
    h.finish()
}

/// A claim file's declarations, as bytes to store and compare.
pub fn declarations(file: &ClaimFile) -> Vec<u8> {
    postcard::to_stdvec(&(&file.sources, &file.entities, &file.concepts)).unwrap_or_default()
}

/// A claim's bucket.
fn bucket(corpus: &Corpus, c: &ResolvedClaim) -> check::DisputeKey {
    check::DisputeKey {
        subject: c.subject,
        family: corpus.vocabulary.family(c.predicate),
    }
}

/// The bucket a finding belongs to: its dispute, or its first claim's.
fn finding_bucket(corpus: &Corpus, f: &Finding) -> Option<check::DisputeKey> {
    match (f.dispute, f.claims.first()) {
        (Some(d), _) => Some(d),
        (None, Some(&i)) => Some(bucket(corpus, &corpus.claims[i as usize])),
        (None, None) => None,
    }
}

/// A bucket by name, as the snapshot keeps it.
fn name(corpus: &Corpus, k: check::DisputeKey) -> Unit {
    (
        corpus.term(k.subject).id.clone(),
        corpus.vocabulary.def(k.family).name.clone(),
    )
}

fn unit_of_claim(corpus: &Corpus, c: &ResolvedClaim) -> Unit {
    name(corpus, bucket(corpus, c))
}

fn sort_key(corpus: &Corpus, f: &Finding) -> SortKey {
    let s = f.primary.span;
    (
        s.file.0,
        s.line,
        s.column,
        f.check.code.to_string(),
        f.claims
            .iter()
            .map(|&i| corpus.claims[i as usize].id().to_string())
            .collect(),
        f.message.clone(),
    )
}

/// What a full run keeps for [`save`]: each claim file's declarations, and whether a
/// document or a suppression that names a claim rules the snapshot out (read before
/// `resolve` consumes the files).
pub struct Kept {
    declarations: Vec<Vec<u8>>,
    disqualified: bool,
}

/// Keeps what [`save`] needs from the loaded files.
pub fn keep(loaded: &Loaded) -> Kept {
    Kept {
        declarations: loaded.files.iter().map(declarations).collect(),
        disqualified: !qualifies_files(&loaded.files),
    }
}

/// No source document and no suppression that names a claim.
fn qualifies_files(files: &[ClaimFile]) -> bool {
    files.iter().all(|f| {
        f.sources.iter().all(|s| s.document.is_none())
            && f.claims
                .iter()
                .all(|c| c.suppress.iter().all(|s| s.claim.is_none()))
    })
}

/// Writes the snapshot of a full run (all findings, before `--min-level`), when the corpus
/// qualifies; otherwise removes any old one. Failing to write only costs speed later.
pub fn save(settings: &Settings, kept: &Kept, corpus: &Corpus, report: &check::Report) {
    let Some(dir) = &settings.cache_dir else {
        return;
    };
    let path = dir.join(FILE);
    let snapshot = (|| {
        if kept.disqualified
            || !corpus.problems.is_empty()
            || corpus.sources.iter().any(|s| s.document.is_some())
            || kept.declarations.len() != corpus.map.len()
        {
            return None;
        }
        let key = key(settings)?;
        // Buckets by (subject, family) index first, named once each.
        let mut units: Vec<Unit> = Vec::new();
        let mut index: FxHashMap<check::DisputeKey, u32> = FxHashMap::default();
        let mut intern = |k: check::DisputeKey| -> u32 {
            *index.entry(k).or_insert_with(|| {
                units.push((
                    corpus.term(k.subject).id.clone(),
                    corpus.vocabulary.def(k.family).name.clone(),
                ));
                (units.len() - 1) as u32
            })
        };
        let mut files: Vec<FileRecord> = (0..corpus.map.len())
            .into_par_iter()
            .map(|i| {
                let source = corpus.map.get(FileId(i as u32));
                FileRecord {
                    path: source.path.clone(),
                    shown: corpus.map.display(FileId(i as u32)),
                    hash: text_hash(source.text()),
                    declarations: kept.declarations[i].clone(),
                    claims: 0,
                    units: Vec::new(),
                }
            })
            .collect();
        let keyed: Vec<(check::DisputeKey, u64)> = corpus
            .claims
            .par_iter()
            .map(|c| (bucket(corpus, c), id_hash(&c.claim.id.value)))
            .collect();
        let mut ids = Vec::with_capacity(corpus.claims.len());
        for (c, (k, h)) in corpus.claims.iter().zip(keyed) {
            let f = c.claim.span.file.0;
            let u = intern(k);
            let record = &mut files[f as usize];
            record.claims += 1;
            record.units.push(u);
            ids.push((h, f));
        }
        files.par_iter_mut().for_each(|f| {
            f.units.sort_unstable();
            f.units.dedup();
        });
        ids.par_sort_unstable();
        let buckets: Vec<Option<check::DisputeKey>> = report
            .findings
            .par_iter()
            .map(|f| finding_bucket(corpus, f))
            .collect();
        let units_of: Vec<u32> = buckets
            .into_iter()
            .map(|b| b.map(&mut intern))
            .collect::<Option<_>>()?;
        let lines: Vec<Line> = report
            .findings
            .par_iter()
            .zip(units_of)
            .map(|(f, unit)| Line::of(corpus, unit, f))
            .collect();
        Some(Snapshot {
            format: FORMAT,
            key,
            files,
            units,
            ids,
            lines,
        })
    })();
    match snapshot {
        Some(s) => write(&path, &s),
        None => {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn write(path: &std::path::Path, snapshot: &Snapshot) {
    if let Ok(bytes) = postcard::to_stdvec(snapshot) {
        load::cache::store(path, &bytes);
    }
}

/// Re-checks from the snapshot; `None` when a full run is needed (see the module doc).
pub fn fast(settings: &Settings) -> Option<Rechecked> {
    let dir = settings.cache_dir.as_ref()?;
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    let mut snap: Snapshot = postcard::from_bytes(&bytes).ok()?;
    if snap.format != FORMAT || snap.key != key(settings)? {
        return None;
    }
    let (rules, severity) = rules_and_severity(settings).ok()?;
    // The same claim files, in the same (path) order.
    let (mut paths, walk_errors) = load::discover::discover(&settings.paths).ok()?;
    if !walk_errors.is_empty() {
        return None;
    }
    paths.sort();
    if paths.len() != snap.files.len() || paths.iter().zip(&snap.files).any(|(p, f)| *p != f.path) {
        return None;
    }
    let texts: Vec<Arc<str>> = paths
        .par_iter()
        .map(|p| {
            load::read_claim_file(p, &settings.limits)
                .ok()
                .map(load::lone_cr_to_lf)
        })
        .collect::<Option<_>>()?;
    let hashes: Vec<u128> = texts.par_iter().map(|t| text_hash(t)).collect();
    let changed: Vec<usize> = (0..paths.len())
        .filter(|&i| hashes[i] != snap.files[i].hash)
        .collect();
    if changed.len() > MAX_CHANGED {
        return None;
    }
    if changed.is_empty() {
        return render(settings, &snap);
    }
    let mut map = SourceMap::default();
    for (p, t) in paths.iter().zip(&texts) {
        map.add(p.clone(), t.clone());
    }
    let cache = Cache::open(dir)?;
    let parse = |i: usize| cache.parse(&map, FileId(i as u32), &texts[i], &settings.limits);
    // The changed files: same declarations, no problems, no new ids that clash.
    let mut edited: FxHashMap<usize, ClaimFile> = FxHashMap::default();
    let changed_set: FxHashSet<u32> = changed.iter().map(|&i| i as u32).collect();
    let mut new_ids: FxHashSet<u64> = FxHashSet::default();
    for &i in &changed {
        let (file, problems) = parse(i);
        if !problems.is_empty()
            || declarations(&file) != snap.files[i].declarations
            || !qualifies_files(std::slice::from_ref(&file))
        {
            return None;
        }
        for c in &file.claims {
            let h = id_hash(&c.id.value);
            let lo = snap.ids.partition_point(|&(x, _)| x < h);
            let clash = snap.ids[lo..]
                .iter()
                .take_while(|&&(x, _)| x == h)
                .any(|&(_, f)| !changed_set.contains(&f));
            if clash || !new_ids.insert(h) {
                return None;
            }
        }
        edited.insert(i, file);
    }
    let declared = |i: usize| -> Option<ClaimFile> {
        let (sources, entities, concepts): (Vec<Source>, Vec<Entity>, Vec<Concept>) =
            postcard::from_bytes(&snap.files[i].declarations).ok()?;
        Some(ClaimFile {
            file: FileId(i as u32),
            sources,
            entities,
            concepts,
            claims: Vec::new(),
            not_loaded: false,
        })
    };
    let options = check::sink::Options {
        severity,
        today: settings.today,
    };
    // The buckets the edited claims were in; loading every file with a claim there, the
    // edited claims' new buckets come out of the same resolve. A claim that moved to a
    // bucket whose files were not loaded needs one more round with those files too.
    let mut unit_ids: FxHashMap<Unit, u32> = snap
        .units
        .iter()
        .enumerate()
        .map(|(i, u)| (u.clone(), i as u32))
        .collect();
    let mut affected_ids: FxHashSet<u32> = changed
        .iter()
        .flat_map(|&i| snap.files[i].units.iter().copied())
        .collect();
    let (mut corpus, affected) = loop {
        let needed: Vec<usize> = (0..paths.len())
            .filter(|&i| {
                !changed_set.contains(&(i as u32))
                    && snap.files[i].units.iter().any(|u| affected_ids.contains(u))
            })
            .collect();
        let parsed: Vec<(usize, ClaimFile)> = needed.par_iter().map(|&i| (i, parse(i).0)).collect();
        let mut files: Vec<ClaimFile> = (0..paths.len()).map(declared).collect::<Option<_>>()?;
        for (i, file) in parsed {
            files[i].claims = file.claims;
        }
        for (&i, file) in &edited {
            files[i].claims = file.claims.clone();
        }
        let loaded = Loaded {
            map: map.clone(),
            files,
            problems: Vec::new(),
            documents: FxHashMap::default(),
            unread: Vec::new(),
            statements: Vec::new(),
            later: Default::default(),
        };
        let corpus = resolve::resolve(loaded, &rules);
        if !corpus.problems.is_empty() {
            return None;
        }
        let mut affected: FxHashSet<Unit> = affected_ids
            .iter()
            .map(|&u| snap.units[u as usize].clone())
            .collect();
        let mut grew = false;
        for c in &corpus.claims {
            if changed_set.contains(&c.claim.span.file.0) {
                let u = unit_of_claim(&corpus, c);
                if let Some(&id) = unit_ids.get(&u)
                    && affected_ids.insert(id)
                {
                    grew = true;
                }
                affected.insert(u);
            }
        }
        if !grew {
            break (corpus, affected);
        }
    };
    // The edited files' new records.
    let mut claims_per_file: FxHashMap<u32, (u32, FxHashSet<Unit>)> = FxHashMap::default();
    let mut ids: Vec<(u64, u32)> = snap
        .ids
        .iter()
        .copied()
        .filter(|(_, f)| !changed_set.contains(f))
        .collect();
    for c in &corpus.claims {
        let f = c.claim.span.file.0;
        if changed_set.contains(&f) {
            let entry = claims_per_file.entry(f).or_default();
            entry.0 += 1;
            entry.1.insert(unit_of_claim(&corpus, c));
            ids.push((id_hash(&c.claim.id.value), f));
        }
    }
    let keep: Vec<bool> = corpus
        .claims
        .iter()
        .map(|c| affected.contains(&unit_of_claim(&corpus, c)))
        .collect();
    let mut keep = keep.into_iter();
    corpus.claims.retain(|_| keep.next().unwrap_or(false));
    let report = check::run(&corpus, &rules, &options);
    // Stored findings of the other buckets, and the affected buckets' findings anew.
    let mut intern = |units: &mut Vec<Unit>, u: Unit| -> u32 {
        *unit_ids.entry(u.clone()).or_insert_with(|| {
            units.push(u);
            (units.len() - 1) as u32
        })
    };
    let mut lines: Vec<Line> = std::mem::take(&mut snap.lines)
        .into_iter()
        .filter(|l| !affected_ids.contains(&l.unit))
        .collect();
    for f in &report.findings {
        let u = name(&corpus, finding_bucket(&corpus, f)?);
        if !affected.contains(&u) {
            return None;
        }
        let unit = intern(&mut snap.units, u);
        lines.push(Line::of(&corpus, unit, f));
    }
    let shown = |l: &Line| snap.files[l.key.0 as usize].shown.as_str();
    lines.par_sort_by(|a, b| {
        (shown(a), &a.key.1, &a.key.2, &a.key.3, &a.key.4, &a.key.5).cmp(&(
            shown(b),
            &b.key.1,
            &b.key.2,
            &b.key.3,
            &b.key.4,
            &b.key.5,
        ))
    });
    for &i in &changed {
        let (n, units) = claims_per_file.remove(&(i as u32)).unwrap_or_default();
        let mut units: Vec<u32> = units
            .into_iter()
            .map(|u| intern(&mut snap.units, u))
            .collect();
        units.sort_unstable();
        let record = &mut snap.files[i];
        record.claims = n;
        record.units = units;
        record.hash = hashes[i];
    }
    ids.par_sort_unstable();
    snap.ids = ids;
    snap.lines = lines;
    let rechecked = render(settings, &snap)?;
    write(&dir.join(FILE), &snap);
    Some(rechecked)
}

/// The concise report of a snapshot, as `report::text` writes it for a full run.
fn render(settings: &Settings, snap: &Snapshot) -> Option<Rechecked> {
    let mut text = String::new();
    let mut counts = crate::report::Counts::default();
    let (mut below, mut failures) = (0, 0);
    for l in &snap.lines {
        if !l.suppressed && l.severity >= settings.fail_on {
            failures += 1;
        }
        if l.severity < settings.min_level {
            below += 1;
            continue;
        }
        if l.suppressed {
            counts.suppressed += 1;
            continue;
        }
        match l.severity {
            Severity::Error => counts.errors += 1,
            Severity::Warning => counts.warnings += 1,
            Severity::Note => counts.notes += 1,
        }
        let (file, line, column, code, _, message) = &l.key;
        let check = check::registry::find(code)?;
        let path = &snap.files.get(*file as usize)?.shown;
        text.push_str(&crate::report::text::concise_text(
            path, *line, *column, l.severity, check, message,
        ));
        text.push('\n');
    }
    let claims = snap.files.iter().map(|f| f.claims as usize).sum();
    // Any problem (an unreadable file is one) makes a full run, so every file was read.
    text.push_str(&crate::report::text::summary_line(
        &counts,
        claims,
        below,
        &[],
    ));
    text.push('\n');
    Some(Rechecked { text, failures })
}
