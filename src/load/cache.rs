//! A content-addressed cache of parsed claim files under `.claimcheck-cache/`: the key is a
//! hash of the file's text, the tool version and the limits, so an edited file misses and
//! everything else hits. Parsing is the costliest stage; rules do not affect it, so a rules
//! change needs no invalidation. Safe to delete at any time; a corrupt or foreign entry is
//! a miss, never an error. It does not grow without bound: once it holds more than twice
//! the entries a run used (and more than [`SWEEP_FLOOR`]), the entries that run did not
//! use are deleted (a deleted entry only costs a parse).

use super::{ClaimFile, Limits, convert};
use crate::model::{FileId, Problem, SourceMap};
use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};

/// A hash of the parser's own source, computed once: a build that parses differently never
/// reads another build's entries (development builds share one version number).
fn parser_hash() -> u64 {
    static HASH: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *HASH.get_or_init(|| {
        let mut h = std::hash::DefaultHasher::new();
        for source in [
            include_str!("raw.rs"),
            include_str!("convert.rs"),
            include_str!("../model/item.rs"),
            include_str!("../model/date.rs"),
            include_str!("../model/quantity.rs"),
        ] {
            source.hash(&mut h);
        }
        h.finish()
    })
}

/// Bumped whenever the cached layout (the model types) changes.
const FORMAT: u32 = 3;

/// The default cache folder, relative to the working directory.
pub const DEFAULT_DIR: &str = ".claimcheck-cache";

/// Entries a cache may always hold, however few a run uses.
pub const SWEEP_FLOOR: usize = 1000;

/// An open cache folder.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    /// Names of the entries this run read or wrote.
    used: std::sync::Mutex<rustc_hash::FxHashSet<String>>,
}

type Entry = (ClaimFile, Vec<Problem>);

impl Cache {
    /// Opens (creating if needed) a cache folder; `None` if it cannot be created, in which
    /// case the run simply goes uncached.
    pub fn open(dir: &Path) -> Option<Self> {
        let entries = dir.join(format!("v{FORMAT}"));
        std::fs::create_dir_all(&entries).ok()?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(&ignore, "# claimcheck's parse cache: safe to delete\n*\n");
        }
        Some(Self {
            dir: entries,
            used: std::sync::Mutex::default(),
        })
    }

    /// Deletes the entries this run did not use when the folder holds more than twice as
    /// many entries as the run used (and more than [`SWEEP_FLOOR`]); returns how many.
    pub fn sweep(&self) -> usize {
        let used = self.used.lock().map_or(0, |u| u.len());
        self.sweep_above(SWEEP_FLOOR.max(2 * used))
    }

    /// [`Cache::sweep`] with an explicit limit on the number of entries.
    pub fn sweep_above(&self, limit: usize) -> usize {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return 0;
        };
        let names: Vec<std::ffi::OsString> = entries
            .filter_map(|e| e.ok().map(|e| e.file_name()))
            .collect();
        if names.len() <= limit {
            return 0;
        }
        let Ok(used) = self.used.lock() else {
            return 0;
        };
        let mut removed = 0;
        for name in names {
            let keep = name.to_str().is_some_and(|n| used.contains(n));
            if !keep && std::fs::remove_file(self.dir.join(&name)).is_ok() {
                removed += 1;
            }
        }
        removed
    }

    fn key(text: &str, limits: &Limits) -> String {
        let mut a = std::hash::DefaultHasher::new();
        (
            FORMAT,
            env!("CARGO_PKG_VERSION"),
            // The parse's own source: a build that parses differently never reads entries
            // of another (development builds share one version number).
            parser_hash(),
            format!("{limits:?}"),
            text,
        )
            .hash(&mut a);
        let mut b = rustc_hash::FxHasher::default();
        text.hash(&mut b);
        format!("{:016x}{:016x}", a.finish(), b.finish())
    }

    /// Parses a claim file, from the cache when its text was parsed before.
    pub fn parse(&self, map: &SourceMap, file: FileId, text: &str, limits: &Limits) -> Entry {
        let key = Self::key(text, limits);
        let path = self.dir.join(&key);
        if let Ok(mut used) = self.used.lock() {
            used.insert(key);
        }
        if let Some(mut entry) = std::fs::read(&path)
            .ok()
            .and_then(|bytes| postcard::from_bytes::<Entry>(&bytes).ok())
        {
            set_file(&mut entry, file);
            return entry;
        }
        let entry = convert::parse_file(map, file, text, limits);
        if let Ok(bytes) = postcard::to_stdvec(&entry) {
            store(&path, &bytes);
        }
        entry
    }
}

/// Writes a cache file: to a temporary name, then renamed, so a concurrent run never reads
/// half of it. A failure leaves nothing behind and only costs speed later (no fsync: the
/// cache is safe to lose).
pub fn store(path: &Path, bytes: &[u8]) {
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    if std::fs::write(&tmp, bytes).is_err() || std::fs::rename(&tmp, path).is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
}

/// Points every span of a cached entry at the file id of this run.
fn set_file((file, problems): &mut Entry, id: FileId) {
    file.file = id;
    let mut spans: Vec<&mut crate::model::Span> = Vec::new();
    for s in &mut file.sources {
        spans.extend([&mut s.id.span, &mut s.span]);
        spans.extend(s.published.as_mut().map(|d| &mut d.span));
        spans.extend(s.document.as_mut().map(|d| &mut d.span));
    }
    for e in &mut file.entities {
        spans.extend([&mut e.id.span, &mut e.span]);
        spans.extend(e.aliases.iter_mut().map(|a| &mut a.span));
    }
    for c in &mut file.concepts {
        spans.extend([&mut c.id.span, &mut c.span]);
        spans.extend(c.forms.iter_mut().map(|a| &mut a.span));
    }
    for c in &mut file.claims {
        spans.extend([
            &mut c.id.span,
            &mut c.span,
            &mut c.source.span,
            &mut c.subject.span,
            &mut c.predicate.span,
        ]);
        spans.extend(c.speaker.as_mut().map(|x| &mut x.span));
        spans.extend(c.said.as_mut().map(|x| &mut x.span));
        spans.extend(c.object.as_mut().map(|x| &mut x.span));
        spans.extend(c.valid.as_mut().map(|x| &mut x.span));
        spans.extend(c.quote.as_mut().map(|x| &mut x.span));
        for s in &mut c.suppress {
            spans.extend([&mut s.check.span, &mut s.span]);
            spans.extend(s.claim.as_mut().map(|x| &mut x.span));
            spans.extend(s.expires.as_mut().map(|x| &mut x.span));
        }
    }
    spans.extend(problems.iter_mut().map(|p| &mut p.span));
    for span in spans {
        span.file = id;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn parse(cache: &Cache, text: &str, id: u32) -> Entry {
        let mut map = SourceMap::default();
        for i in 0..=id {
            map.add(PathBuf::from(format!("f{i}.claims.yaml")), Arc::from(text));
        }
        cache.parse(&map, FileId(id), text, &Limits::default())
    }

    #[test]
    fn a_hit_equals_a_fresh_parse_with_this_runs_file_id() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let text = "sources:\n  - {id: s, published: 2020}\nclaims:\n  - {id: a, source: s, subject: x, predicate: age, object: 3, said: 2020-13}\n";
        let fresh = parse(&cache, text, 0);
        let entries = std::fs::read_dir(dir.path().join(format!("v{FORMAT}")))
            .unwrap()
            .count();
        assert_eq!(entries, 1, "the parse was stored");
        let hit = parse(&cache, text, 5);
        assert_eq!(hit.0.file, FileId(5));
        assert_eq!(hit.0.sources[0].id.span.file, FileId(5));
        assert_eq!(hit.1.len(), 1, "problems are cached too");
        assert_eq!(hit.1[0].span.file, FileId(5));
        assert_eq!(
            (hit.1[0].span.line, hit.1[0].span.column),
            (fresh.1[0].span.line, fresh.1[0].span.column)
        );
        assert_eq!(hit.0.sources[0].id.value, fresh.0.sources[0].id.value);
        assert!(dir.path().join(".gitignore").exists());
    }

    #[test]
    fn a_sweep_keeps_what_this_run_used_and_deletes_the_rest_only_when_over_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let entries = || {
            std::fs::read_dir(dir.path().join(format!("v{FORMAT}")))
                .unwrap()
                .count()
        };
        let earlier = Cache::open(dir.path()).unwrap();
        for n in 0..5 {
            parse(&earlier, &format!("claims: [] # edit {n}\n"), 0);
        }
        assert_eq!(entries(), 5);
        // A later run uses two entries, one of them new.
        let run = Cache::open(dir.path()).unwrap();
        parse(&run, "claims: [] # edit 4\n", 0);
        parse(&run, "claims: [] # edit 5\n", 0);
        assert_eq!(entries(), 6);
        assert_eq!(run.sweep(), 0, "6 entries are under the floor");
        assert_eq!(run.sweep_above(6), 0, "not over the limit");
        assert_eq!(
            run.sweep_above(4),
            4,
            "the four entries this run did not use go"
        );
        assert_eq!(entries(), 2);
        // What is left still hits: the entry is read back, not parsed and written again.
        let text = "claims: [] # edit 5\n";
        let key = Cache::key(text, &Limits::default());
        let path = dir.path().join(format!("v{FORMAT}")).join(key);
        assert!(path.exists());
    }

    #[test]
    fn a_corrupt_entry_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let text = "claims: []\n";
        parse(&cache, text, 0);
        for e in std::fs::read_dir(dir.path().join(format!("v{FORMAT}"))).unwrap() {
            std::fs::write(e.unwrap().path(), b"\xff\xff garbage").unwrap();
        }
        let (file, problems) = parse(&cache, text, 0);
        assert!(file.claims.is_empty() && problems.is_empty());
    }
}
