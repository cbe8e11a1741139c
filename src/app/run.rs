//! The run driver: load → resolve → check, with the settings the CLI (or a config file)
//! gives; then the run-level steps no single check owns: `--new-since` (the same check at
//! a git ref, findings matched by fingerprint), the baseline, the failure count and the
//! `--min-level` display floor. Returns data; printing is the caller's job.

use super::baseline::Baseline;
use super::settings::{RunError, Settings, rules_and_severity};
use super::since::{SinceError, Snapshot, relative_to};
use crate::check::{self, Report};
use crate::load::{self, Loaded};
use crate::model::{FileId, SourceMap};
use crate::report::{self, Change, Gone, Review, Since};
use crate::resolve::{self, ClaimIdx, Corpus};
use crate::rules::Rules;
use rustc_hash::FxHashSet;
use std::path::{Path, PathBuf};

/// The result of a run.
#[derive(Debug)]
pub struct Outcome {
    /// The resolved corpus.
    pub corpus: Corpus,
    /// The finished report (without the findings below `min_level`).
    pub report: Report,
    /// Fingerprints, baseline and `--new-since` state, parallel to the findings.
    pub review: Review,
    /// Project-relative paths by file id.
    pub paths: Vec<String>,
    /// What fails the run: findings at or above `fail_on` that no suppression or baseline
    /// hides (with `--new-since`, new ones only), and stale baseline entries.
    pub failures: usize,
}

impl Outcome {
    /// The context every format renders with.
    pub fn render_ctx(&self, color: bool) -> report::Ctx<'_> {
        report::Ctx::new(&self.corpus, &self.review, self.paths.clone(), color)
    }
}

/// Checks the claim files under `settings.paths`.
pub fn check(settings: &Settings) -> Result<Outcome, RunError> {
    let (rules, severity) = rules_and_severity(settings)?;
    let options = check::sink::Options {
        severity,
        today: settings.today,
    };
    let cache = settings
        .cache_dir
        .as_deref()
        .and_then(load::cache::Cache::open)
        .map(std::sync::Arc::new);
    // Files of claims only are parsed while resolving, a batch at a time, unless the run
    // needs every parsed file first (drafting suggestions, the re-check snapshot).
    let mut loaded = if settings.extract || settings.recheck {
        load::load_paths_cached(&settings.paths, &settings.limits, cache.as_deref())?
    } else {
        load::load_paths_deferred(&settings.paths, &settings.limits, cache.clone())?
    };
    let lexicon = if settings.extract {
        Some(super::suggest::lexicon(&settings.rules_dirs, &rules)?)
    } else {
        None
    };
    if let Some(lexicon) = &lexicon {
        super::suggest::add_suggestions(&mut loaded, lexicon);
    }
    let kept = settings.recheck.then(|| super::recheck::keep(&loaded));
    let corpus = match settings.keep_parsed {
        true => resolve::resolve_keeping_parsed(loaded, &rules),
        false => resolve::resolve(loaded, &rules),
    };
    if let Some(cache) = cache {
        cache.save();
    }
    let mut report = check::run(&corpus, &rules, &options);
    if let Some(kept) = &kept {
        super::recheck::save(settings, kept, &corpus, &report);
    }
    let paths = report::relative_paths(&corpus, settings.root.as_deref());
    let at_ref = match &settings.new_since {
        Some(reference) => Some(at_ref(
            settings,
            reference,
            &rules,
            &options,
            &corpus,
            &mut report,
        )?),
        None => None,
    };
    let mut review = Review::new(&report, &corpus, &paths);
    if let Some((ref_corpus, ref_report)) = &at_ref {
        compare(
            settings,
            &corpus,
            &report,
            &mut review,
            ref_corpus,
            ref_report,
        );
    }
    if let Some(path) = &settings.baseline {
        let baseline = Baseline::read(path)?;
        let shown = path.to_string_lossy().replace('\\', "/");
        review.baseline = Some(baseline.apply(&shown, &report, &mut review, settings.today));
    }
    let failures = report
        .findings
        .iter()
        .zip(&review.findings)
        .filter(|(f, r)| {
            f.suppressed.is_none()
                && !f.suggested
                && r.baseline.is_none()
                && f.severity >= settings.fail_on
                && !matches!(r.change, Some(Change::Unchanged | Change::Joined))
        })
        .count()
        + review.baseline.as_ref().map_or(0, |b| b.stale.len());
    let keep: Vec<usize> = (0..report.findings.len())
        .filter(|&i| report.findings[i].severity >= settings.min_level)
        .collect();
    if keep.len() < report.findings.len() {
        review.below_min_level = report.findings.len() - keep.len();
        review.findings = keep.iter().map(|&i| review.findings[i].clone()).collect();
        reorder(&mut report, &keep);
    }
    Ok(Outcome {
        corpus,
        report,
        review,
        paths,
        failures,
    })
}

/// Keeps the findings at `order` (old indices), in that order; disputes follow.
fn reorder(report: &mut Report, order: &[usize]) {
    let mut new_index = vec![usize::MAX; report.findings.len()];
    for (new, &old) in order.iter().enumerate() {
        new_index[old] = new;
    }
    let mut old: Vec<Option<check::Finding>> = report.findings.drain(..).map(Some).collect();
    report.findings = order.iter().filter_map(|&i| old[i].take()).collect();
    for d in &mut report.disputes {
        d.findings = d
            .findings
            .iter()
            .map(|&i| new_index[i])
            .filter(|&i| i != usize::MAX)
            .collect();
        d.findings.sort_unstable();
    }
    report.disputes.retain(|d| !d.findings.is_empty());
}

/// The current directory with symlinks resolved (git reports resolved paths).
fn cwd() -> Result<PathBuf, SinceError> {
    std::env::current_dir()
        .and_then(std::fs::canonicalize)
        .map_err(|e| SinceError(format!("cannot read the current folder: {e}")))
}

/// Runs the same check on the ref's files, after making each pair finding's primary claim
/// the one in a changed file. Returns the ref's corpus and report.
fn at_ref(
    settings: &Settings,
    reference: &str,
    rules: &Rules,
    options: &check::sink::Options,
    corpus: &Corpus,
    report: &mut Report,
) -> Result<(Corpus, Report), RunError> {
    let cwd = cwd()?;
    let snapshot = Snapshot::open(&cwd, reference)?;
    let root = std::fs::canonicalize(&snapshot.root).unwrap_or_else(|_| snapshot.root.clone());
    let repo_path = |p: &Path| relative_to(&root, &report::normalize(&cwd.join(p)));
    // Primary = the claim in a changed file.
    let changed = snapshot.changed_files()?;
    let in_changed: Vec<bool> = (0..corpus.map.len())
        .map(|i| {
            repo_path(&corpus.map.get(FileId(i as u32)).path).is_some_and(|p| changed.contains(&p))
        })
        .collect();
    prefer_changed(corpus, report, &in_changed);
    // The ref's files, under the same names as in the working tree.
    let mut given: Vec<(PathBuf, String)> = Vec::new();
    for p in &settings.paths {
        let rel = repo_path(p).ok_or_else(|| {
            SinceError(format!(
                "`{}` is outside the git repository at {}",
                p.display(),
                root.display()
            ))
        })?;
        given.push((p.clone(), rel));
    }
    let tree = snapshot.tree();
    let mut ignore_files = Vec::new();
    for (_, rel) in &given {
        let mut dir = String::new();
        for part in std::iter::once("").chain(rel.split('/')) {
            if !part.is_empty() {
                if !dir.is_empty() {
                    dir.push('/');
                }
                dir.push_str(part);
            }
            for name in [".gitignore", ".ignore"] {
                let f = if dir.is_empty() {
                    name.to_string()
                } else {
                    format!("{dir}/{name}")
                };
                if snapshot.has_file(&f) {
                    ignore_files.push(f);
                }
            }
        }
    }
    let dirs: Vec<String> = given.iter().map(|(_, r)| r.clone()).collect();
    snapshot.write(&dirs, &ignore_files)?;
    let present: Vec<(PathBuf, PathBuf)> = given
        .iter()
        .filter(|(_, rel)| snapshot.has_file(rel) || snapshot.has_dir(rel))
        .map(|(p, rel)| (p.clone(), tree.join(rel)))
        .collect();
    let temp_paths: Vec<PathBuf> = present.iter().map(|(_, t)| t.clone()).collect();
    let load_ref = || -> Result<Loaded, RunError> {
        if temp_paths.is_empty() {
            return Ok(Loaded::default());
        }
        Ok(load::load_paths(&temp_paths, &settings.limits)?)
    };
    let mut loaded = load_ref()?;
    // Documents outside the checked folders: write them too, then load again.
    let mut documents = Vec::new();
    for f in &loaded.files {
        for s in &f.sources {
            let Some(doc) = &s.document else { continue };
            let path = loaded.map.relative_path(f.file, &doc.value);
            if let Some(rel) = relative_to(&tree, &path)
                && !path.exists()
                && snapshot.has_file(&rel)
            {
                documents.push(rel);
            }
        }
    }
    if !documents.is_empty() {
        snapshot.write(&[], &documents)?;
        loaded = load_ref()?;
    }
    loaded.map = renamed(&loaded.map, &present, &tree);
    if settings.extract {
        super::suggest::add_suggestions(
            &mut loaded,
            &super::suggest::lexicon(&settings.rules_dirs, rules)?,
        );
    }
    let ref_corpus = resolve::resolve(loaded, rules);
    let ref_report = check::run(&ref_corpus, rules, options);
    Ok((ref_corpus, ref_report))
}

/// The same files under the names the working tree gives them. A document outside the
/// given folders (`../articles/x.txt`) is named from the nearest given path and normalised,
/// as loading the working tree names it (`articles/x.txt`).
fn renamed(map: &SourceMap, present: &[(PathBuf, PathBuf)], tree: &Path) -> SourceMap {
    let mut by_length: Vec<&(PathBuf, PathBuf)> = present.iter().collect();
    by_length.sort_by_key(|(_, t)| std::cmp::Reverse(t.components().count()));
    let mut out = SourceMap::default();
    for i in 0..map.len() {
        let file = map.get(FileId(i as u32));
        let inside = by_length.iter().find_map(|(given, temp)| {
            let rest = file.path.strip_prefix(temp).ok()?;
            Some(if rest.as_os_str().is_empty() {
                given.clone()
            } else {
                given.join(rest)
            })
        });
        let outside = || {
            if !file.path.starts_with(tree) {
                return None;
            }
            by_length
                .iter()
                .map(|(given, temp)| (given, up_to(temp, &file.path)))
                .min_by_key(|(_, (ups, _))| *ups)
                .map(|(given, (_, rel))| report::normalize(&given.join(rel)))
        };
        let path = inside.or_else(outside).unwrap_or_else(|| file.path.clone());
        out.add(path, file.text().clone());
    }
    out
}

/// `path` relative to `from` (both normalised), with `..` for each of `from`'s components
/// past their common start; and how many `..` that is.
fn up_to(from: &Path, path: &Path) -> (usize, PathBuf) {
    let common = from
        .components()
        .zip(path.components())
        .take_while(|(a, b)| a == b)
        .count();
    let ups = from.components().count() - common;
    let mut rel: PathBuf = std::iter::repeat_n("..", ups).collect();
    rel.extend(path.components().skip(common));
    (ups, rel)
}

/// Makes the claim in a changed file the primary one of each pair finding whose primary
/// claim's file did not change, then restores the sink's order.
fn prefer_changed(corpus: &Corpus, report: &mut Report, in_changed: &[bool]) {
    const THIS: &str = " — this claim";
    let changed = |c: ClaimIdx| in_changed[corpus.claims[c as usize].claim.id.span.file.0 as usize];
    let span = |c: ClaimIdx| corpus.claims[c as usize].claim.id.span;
    let mut swapped = false;
    for f in &mut report.findings {
        let [a, b, ..] = f.claims[..] else { continue };
        if changed(a)
            || !changed(b)
            || f.primary.span != span(a)
            || f.related.first().map(|l| l.span) != Some(span(b))
        {
            continue;
        }
        std::mem::swap(&mut f.primary, &mut f.related[0]);
        if let Some(t) = f.related[0].text.strip_suffix(THIS) {
            let t = t.to_string();
            f.related[0].text = t;
            f.primary.text.push_str(THIS);
        }
        f.claims.swap(0, 1);
        if f.positions.len() == 2 {
            f.positions.swap(0, 1);
        }
        swapped = true;
    }
    if !swapped {
        return;
    }
    // The sink's order: path, line, column, code, claims, message.
    let key = |f: &check::Finding| {
        let s = f.primary.span;
        (
            f.suggested,
            corpus.map.display(s.file),
            s.line,
            s.column,
            f.check.code,
            f.claims
                .iter()
                .map(|&c| corpus.claims[c as usize].id().to_string())
                .collect::<Vec<_>>(),
            f.message.clone(),
        )
    };
    let mut order: Vec<usize> = (0..report.findings.len()).collect();
    order.sort_by_cached_key(|&i| key(&report.findings[i]));
    reorder(report, &order);
}

/// Marks each finding new or unchanged against the ref, and lists the resolved ones.
fn compare(
    settings: &Settings,
    report_corpus: &Corpus,
    report: &Report,
    review: &mut Review,
    ref_corpus: &Corpus,
    ref_report: &Report,
) {
    let ref_paths = report::relative_paths(ref_corpus, settings.root.as_deref());
    let ref_fingerprints =
        report::fingerprint::compute(ref_corpus, &ref_report.findings, &ref_paths);
    // Each finding at the ref with the ids of its claims: a finding still there with a
    // claim the ref did not have is `joined`.
    let mut before: rustc_hash::FxHashMap<&str, FxHashSet<&str>> = Default::default();
    for (f, fp) in ref_report.findings.iter().zip(&ref_fingerprints) {
        if f.suppressed.is_none() {
            before
                .entry(fp.as_str())
                .or_default()
                .extend(f.claims.iter().map(|&i| ref_corpus.claims[i as usize].id()));
        }
    }
    let now: FxHashSet<&str> = report
        .findings
        .iter()
        .zip(&review.findings)
        .filter(|(f, _)| f.suppressed.is_none())
        .map(|(_, r)| r.fingerprint.as_str())
        .collect();
    let resolved = ref_report
        .findings
        .iter()
        .zip(&ref_fingerprints)
        .filter(|(f, fp)| f.suppressed.is_none() && !now.contains(fp.as_str()))
        .map(|(f, fp)| Gone {
            code: f.check.code,
            name: f.check.name,
            severity: f.severity,
            message: f.message.clone(),
            fingerprint: fp.clone(),
            path: ref_paths[f.primary.span.file.0 as usize].clone(),
            line: f.primary.span.line,
        })
        .collect();
    for (f, r) in report.findings.iter().zip(&mut review.findings) {
        r.change = Some(match before.get(r.fingerprint.as_str()) {
            None => Change::New,
            Some(ids) => {
                let joined = f
                    .claims
                    .iter()
                    .any(|&i| !ids.contains(report_corpus.claims[i as usize].id()));
                if joined {
                    Change::Joined
                } else {
                    Change::Unchanged
                }
            }
        });
    }
    review.since = Some(Since {
        reference: settings.new_since.clone().unwrap_or_default(),
        resolved,
    });
}
