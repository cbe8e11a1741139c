//! The parse cache: one pack file, `.claimcheck-cache/parse.pack`, holding the parsed
//! form (postcard) of every claim file a run read, keyed by a hash of the file's text, the
//! tool version, the cache format and the limits, so an edited file misses and everything
//! else hits. Parsing is the costliest stage; rules do not affect it (they are applied by
//! `resolve`), so a rules change needs no invalidation.
//!
//! Layout: the entries one after the other (each its key, then the postcard bytes), then
//! the index (key, offset, length per
//! entry, sorted by key), then a footer (index offset, entry count, format, a hash of the
//! tool version, a magic number). Opening reads only the footer and the index; an entry
//! is read where it lies when a file asks for it.
//!
//! A run that parsed anything (a miss) writes a new pack: the new entries are appended to
//! a temporary file as they are parsed, then the entries the run used that were already
//! packed are copied over, then the index; one rename puts it in place, so a concurrent
//! run reads the old pack or the new one, never half of one. A run with no miss writes
//! nothing. Bounded: entries the run did not use are kept only while the pack holds at
//! most twice the entries the run used (or [`SWEEP_FLOOR`]). Safe to delete at any time;
//! a corrupt or foreign pack or entry is a miss, never an error.

use super::{ClaimFile, Limits, convert};
use crate::model::{FileId, Problem, SourceMap};
use std::fs::File;
use std::hash::{Hash, Hasher};
use std::io::{BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

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
            include_str!("fast_yaml.rs"),
        ] {
            source.hash(&mut h);
        }
        h.finish()
    })
}

/// Bumped whenever the cached layout (the model types) changes.
const FORMAT: u32 = 4;

/// Marks the end of a pack.
const MAGIC: &[u8; 8] = b"ccpack\x00\x01";

/// The default cache folder, relative to the working directory.
pub const DEFAULT_DIR: &str = ".claimcheck-cache";

/// The pack's file name in the cache folder.
pub const PACK: &str = "parse.pack";

/// Entries a pack may always hold, however few a run uses.
pub const SWEEP_FLOOR: usize = 1000;

/// Bytes of one index record: key (16), offset (8), length (4).
const RECORD: usize = 28;
/// Bytes of the footer: index offset (8), entries (8), format (4), version hash (8), magic (8).
const FOOTER: usize = 36;

type Entry = (ClaimFile, Vec<Problem>);
type Key = u128;

/// Where an entry lies in a pack.
#[derive(Debug, Clone, Copy)]
struct Slot {
    offset: u64,
    len: u32,
}

/// The pack as it was when the run started.
#[derive(Debug)]
struct OldPack {
    file: Reader,
    /// Sorted by key.
    index: Vec<(Key, Slot)>,
}

impl OldPack {
    fn find(&self, key: Key) -> Option<Slot> {
        self.index
            .binary_search_by_key(&key, |(k, _)| *k)
            .ok()
            .map(|i| self.index[i].1)
    }
}

/// The new pack being written: its temporary file and what is in it.
#[derive(Debug)]
struct NewPack {
    path: PathBuf,
    out: BufWriter<File>,
    len: u64,
    index: Vec<(Key, Slot)>,
}

/// An open cache.
#[derive(Debug)]
pub struct Cache {
    dir: PathBuf,
    old: Option<OldPack>,
    /// Keys this run read or wrote.
    used: Mutex<rustc_hash::FxHashSet<Key>>,
    /// Entries parsed this run, appended as they come (created on the first miss).
    new: Mutex<Option<NewPack>>,
}

fn version_hash() -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    h.finish()
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    let mut a = [0; 8];
    a.copy_from_slice(&b[at..at + 8]);
    u64::from_le_bytes(a)
}

impl Cache {
    /// Opens (creating if needed) a cache folder; `None` if it cannot be created, in which
    /// case the run simply goes uncached.
    pub fn open(dir: &Path) -> Option<Self> {
        std::fs::create_dir_all(dir).ok()?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            let _ = std::fs::write(&ignore, "# claimcheck's parse cache: safe to delete\n*\n");
        }
        // The folders of one file per entry that earlier versions wrote.
        for old in ["v1", "v2", "v3"] {
            let _ = std::fs::remove_dir_all(dir.join(old));
        }
        Some(Self {
            old: read_pack(&dir.join(PACK)),
            dir: dir.to_path_buf(),
            used: Mutex::default(),
            new: Mutex::default(),
        })
    }

    fn key(text: &str, limits: &Limits) -> Key {
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
        (u128::from(a.finish()) << 64) | u128::from(b.finish())
    }

    /// Parses a claim file, from the cache when its text was parsed before.
    pub fn parse(&self, map: &SourceMap, file: FileId, text: &str, limits: &Limits) -> Entry {
        let key = Self::key(text, limits);
        let fresh = self.used.lock().map_or(true, |mut u| u.insert(key));
        let cached = self.old.as_ref().and_then(|old| {
            let slot = old.find(key)?;
            let bytes = old.file.read(slot)?;
            // Each entry starts with its key: a pack damaged in between is a miss.
            let body = bytes.strip_prefix(&key.to_le_bytes()[..])?;
            postcard::from_bytes::<Entry>(body).ok()
        });
        if let Some(mut entry) = cached {
            set_file(&mut entry, file);
            return entry;
        }
        let entry = convert::parse_file(map, file, text, limits);
        // Two files with the same text are one entry.
        if fresh && let Ok(body) = postcard::to_stdvec(&entry) {
            let mut bytes = Vec::with_capacity(16 + body.len());
            bytes.extend_from_slice(&key.to_le_bytes());
            bytes.extend_from_slice(&body);
            self.append(key, &bytes);
        }
        entry
    }

    /// Appends a new entry to the new pack (started on the first one).
    fn append(&self, key: Key, bytes: &[u8]) {
        let Ok(mut new) = self.new.lock() else {
            return;
        };
        if new.is_none() {
            // Unique per open cache, so two runs in one process never share it.
            static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
            let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let path = self
                .dir
                .join(format!("{PACK}.tmp{}-{n}", std::process::id()));
            let Ok(file) = File::create(&path) else {
                return;
            };
            *new = Some(NewPack {
                path,
                out: BufWriter::with_capacity(1 << 20, file),
                len: 0,
                index: Vec::new(),
            });
        }
        let Some(pack) = new.as_mut() else {
            return;
        };
        let Ok(len) = u32::try_from(bytes.len()) else {
            return;
        };
        if pack.out.write_all(bytes).is_ok() {
            pack.index.push((
                key,
                Slot {
                    offset: pack.len,
                    len,
                },
            ));
            pack.len += u64::from(len);
        }
    }

    /// Writes the new pack when this run parsed anything: its new entries, the packed
    /// entries it used, and as many it did not use as the bound allows. Returns how many
    /// entries the pack now holds (`None`: nothing written).
    pub fn save(&self) -> Option<usize> {
        let mut pack = self.new.lock().ok()?.take()?;
        let result = (|| {
            let used = self.used.lock().ok()?;
            let limit = SWEEP_FLOOR.max(2 * used.len());
            let mut have: rustc_hash::FxHashSet<Key> = pack.index.iter().map(|(k, _)| *k).collect();
            if let Some(old) = &self.old {
                // First what this run used, then the rest while under the bound.
                let (hits, rest): (Vec<_>, Vec<_>) =
                    old.index.iter().partition(|(k, _)| used.contains(k));
                for &(key, slot) in hits.into_iter().chain(rest) {
                    if have.len() >= limit && !used.contains(&key) {
                        break;
                    }
                    if !have.insert(key) {
                        continue;
                    }
                    let bytes = old.file.read(slot)?;
                    pack.out.write_all(&bytes).ok()?;
                    pack.index.push((
                        key,
                        Slot {
                            offset: pack.len,
                            len: slot.len,
                        },
                    ));
                    pack.len += u64::from(slot.len);
                }
            }
            pack.index.sort_unstable_by_key(|(k, _)| *k);
            let mut tail = Vec::with_capacity(pack.index.len() * RECORD + FOOTER);
            for (key, slot) in &pack.index {
                tail.extend_from_slice(&key.to_le_bytes());
                tail.extend_from_slice(&slot.offset.to_le_bytes());
                tail.extend_from_slice(&slot.len.to_le_bytes());
            }
            tail.extend_from_slice(&pack.len.to_le_bytes());
            tail.extend_from_slice(&(pack.index.len() as u64).to_le_bytes());
            tail.extend_from_slice(&FORMAT.to_le_bytes());
            tail.extend_from_slice(&version_hash().to_le_bytes());
            tail.extend_from_slice(MAGIC);
            pack.out.write_all(&tail).ok()?;
            pack.out.flush().ok()?;
            std::fs::rename(&pack.path, self.dir.join(PACK)).ok()?;
            Some(pack.index.len())
        })();
        if result.is_none() {
            let _ = std::fs::remove_file(&pack.path);
        }
        result
    }
}

/// Reads a pack's footer and index; `None` when there is none or it is not a whole pack
/// of this format and version.
fn read_pack(path: &Path) -> Option<OldPack> {
    let mut file = File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let footer_at = size.checked_sub(FOOTER as u64)?;
    file.seek(SeekFrom::Start(footer_at)).ok()?;
    let mut footer = [0; FOOTER];
    file.read_exact(&mut footer).ok()?;
    let index_at = u64_at(&footer, 0);
    let count = u64_at(&footer, 8);
    let format = u32::from_le_bytes(footer[16..20].try_into().ok()?);
    if &footer[28..36] != MAGIC || format != FORMAT || u64_at(&footer, 20) != version_hash() {
        return None;
    }
    let index_len = count.checked_mul(RECORD as u64)?;
    if index_at.checked_add(index_len)? != footer_at {
        return None;
    }
    file.seek(SeekFrom::Start(index_at)).ok()?;
    let mut raw = vec![0; usize::try_from(index_len).ok()?];
    file.read_exact(&mut raw).ok()?;
    let mut index = Vec::with_capacity(raw.len() / RECORD);
    for r in raw.chunks_exact(RECORD) {
        let key = u128::from_le_bytes(r[..16].try_into().ok()?);
        let offset = u64_at(r, 16);
        let len = u32::from_le_bytes(r[24..28].try_into().ok()?);
        if offset.checked_add(u64::from(len))? > index_at {
            return None;
        }
        index.push((key, Slot { offset, len }));
    }
    if !index.is_sorted_by_key(|(k, _)| *k) {
        return None;
    }
    Some(OldPack {
        file: Reader::new(file),
        index,
    })
}

/// Reads entries where they lie, from any thread.
#[derive(Debug)]
struct Reader {
    #[cfg(unix)]
    file: File,
    #[cfg(not(unix))]
    file: Mutex<File>,
}

impl Reader {
    fn new(file: File) -> Self {
        Self {
            #[cfg(unix)]
            file,
            #[cfg(not(unix))]
            file: Mutex::new(file),
        }
    }

    fn read(&self, slot: Slot) -> Option<Vec<u8>> {
        let mut bytes = vec![0; slot.len as usize];
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt as _;
            self.file.read_exact_at(&mut bytes, slot.offset).ok()?;
        }
        #[cfg(not(unix))]
        {
            let mut file = self.file.lock().ok()?;
            file.seek(SeekFrom::Start(slot.offset)).ok()?;
            file.read_exact(&mut bytes).ok()?;
        }
        Some(bytes)
    }
}

/// Writes a file: to a temporary name, then renamed, so a concurrent run never reads
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

    fn entries(dir: &Path) -> usize {
        read_pack(&dir.join(PACK)).map_or(0, |p| p.index.len())
    }

    /// Everything in the cache folder but the `.gitignore`.
    fn files(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n != ".gitignore")
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_hit_equals_a_fresh_parse_with_this_runs_file_id() {
        let dir = tempfile::tempdir().unwrap();
        let cache = Cache::open(dir.path()).unwrap();
        let text = "sources:\n  - {id: s, published: 2020}\nclaims:\n  - {id: a, source: s, subject: x, predicate: age, object: 3, said: 2020-13}\n";
        let fresh = parse(&cache, text, 0);
        assert_eq!(files(dir.path()).len(), 1, "only the temporary pack so far");
        assert_eq!(cache.save(), Some(1));
        assert_eq!(files(dir.path()), [PACK], "one file, renamed into place");
        let cache = Cache::open(dir.path()).unwrap();
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
        assert_eq!(cache.save(), None, "a run without a miss writes nothing");
        assert!(dir.path().join(".gitignore").exists());
    }

    #[test]
    fn the_pack_keeps_what_a_run_used_and_drops_the_rest_beyond_the_bound() {
        let dir = tempfile::tempdir().unwrap();
        let earlier = Cache::open(dir.path()).unwrap();
        for n in 0..1500 {
            parse(&earlier, &format!("claims: [] # edit {n}\n"), 0);
        }
        assert_eq!(earlier.save(), Some(1500));
        // A later run uses two entries, one of them new: the pack keeps both, and the
        // others up to the floor.
        let run = Cache::open(dir.path()).unwrap();
        parse(&run, "claims: [] # edit 4\n", 0);
        parse(&run, "claims: [] # edit new\n", 0);
        assert_eq!(run.save(), Some(SWEEP_FLOOR));
        assert_eq!(entries(dir.path()), SWEEP_FLOOR);
        let next = Cache::open(dir.path()).unwrap();
        for text in ["claims: [] # edit 4\n", "claims: [] # edit new\n"] {
            let key = Cache::key(text, &Limits::default());
            assert!(next.old.as_ref().unwrap().find(key).is_some(), "{text}");
        }
    }

    #[test]
    fn a_corrupt_or_foreign_pack_is_a_miss() {
        let dir = tempfile::tempdir().unwrap();
        let text = "claims: []\n";
        let cache = Cache::open(dir.path()).unwrap();
        parse(&cache, text, 0);
        cache.save();
        let pack = dir.path().join(PACK);
        let good = std::fs::read(&pack).unwrap();
        // A damaged entry, a cut pack, garbage, another version.
        let mut damaged = good.clone();
        let entry_len = read_pack(&pack).unwrap().index[0].1.len as usize;
        damaged[16..entry_len].fill(0xff);
        let mut foreign = good.clone();
        let v = good.len() - 16;
        foreign[v] ^= 1;
        for bytes in [
            damaged,
            good[..good.len() - 3].to_vec(),
            b"\xff\xff garbage".to_vec(),
            foreign,
        ] {
            std::fs::write(&pack, &bytes).unwrap();
            let cache = Cache::open(dir.path()).unwrap();
            let (file, problems) = parse(&cache, text, 0);
            assert!(file.claims.is_empty() && problems.is_empty());
        }
    }

    #[test]
    fn two_runs_at_once_never_mix_their_packs() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (
            Cache::open(dir.path()).unwrap(),
            Cache::open(dir.path()).unwrap(),
        );
        let text = |n: usize| format!("sources:\n  - {{id: s{n}}}\n");
        for n in 0..50 {
            parse(&a, &text(n), 0);
            parse(&b, &text(n + 100), 0);
        }
        assert_eq!((a.save(), b.save()), (Some(50), Some(50)));
        let c = Cache::open(dir.path()).unwrap();
        for n in (0..50).chain(100..150) {
            let (file, _) = parse(&c, &text(n), 0);
            assert_eq!(file.sources[0].id.value, format!("s{n}"));
        }
    }

    #[test]
    fn the_folders_of_the_old_layout_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("v3")).unwrap();
        std::fs::write(dir.path().join("v3/0123"), b"x").unwrap();
        Cache::open(dir.path()).unwrap();
        assert!(!dir.path().join("v3").exists());
    }
}
