//! Loading: find claim files, read them within limits, parse the YAML with spans, and turn
//! every problem into a located [`Problem`]. One bad file never stops the others.
//!
//! Called by the run driver first; produces a [`Loaded`] corpus for `resolve`.

pub mod cache;
mod convert;
pub mod discover;
mod fast_yaml;
mod json;
mod jsonl;
mod jsonl_fast;
mod raw;
mod read;
pub(crate) use read::read_claim_file;
mod yaml;

use crate::model::{Claim, Concept, Entity, FileId, Problem, ProblemKind, Source, SourceMap, Span};
use rayon::prelude::*;
use std::path::PathBuf;
use std::sync::Arc;

pub use convert::closest as closest_name;
pub use read::{Limits, ReadError, read_document, read_file_bytes};
pub use yaml::{FileError, parse_yaml, read_text};

/// The items of one claim file.
#[derive(Debug, Clone, Default, serde::Serialize, serde::Deserialize)]
pub struct ClaimFile {
    /// The file.
    pub file: FileId,
    /// Its sources.
    pub sources: Vec<Source>,
    /// Its entities.
    pub entities: Vec<Entity>,
    /// Its concepts.
    pub concepts: Vec<Concept>,
    /// Its claims.
    pub claims: Vec<Box<Claim>>,
    /// Whether nothing in it could be loaded (a YAML error, more claims than the limit).
    pub not_loaded: bool,
}

/// A claim file that could not be read or parsed, so none of its claims was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnreadFile {
    /// The file.
    pub file: FileId,
    /// About how many claims it holds, from its text ([`estimate_claims`]); `None` when
    /// its text could not be read at all.
    pub claims: Option<usize>,
}

/// Everything loaded in a run.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Every file read (claim files, then articles).
    pub map: SourceMap,
    /// The parsed claim files, in path order.
    pub files: Vec<ClaimFile>,
    /// Problems met while loading.
    pub problems: Vec<Problem>,
    /// Source documents: (claim file, source index) → the article file.
    pub documents: rustc_hash::FxHashMap<(FileId, usize), FileId>,
    /// Claim files that could not be read or parsed, in path order.
    pub unread: Vec<UnreadFile>,
    /// The statements the extractor read in the source documents (`check --suggest`), in
    /// document order.
    pub statements: Vec<crate::model::Statement>,
    /// Claim files that declare nothing, left for `resolve` to parse a few at a time
    /// ([`load_paths_deferred`]); empty otherwise.
    pub later: Later,
}

/// Claim files read but not yet parsed: files of claims only (no `sources`, `entities`
/// or `concepts`), which `resolve` parses a few at a time once every declaration is
/// known, so that the parsed claims of a large corpus never all live at once.
#[derive(Debug, Default)]
pub struct Later {
    /// The files, in path order: whole files of claims only, or runs of the claim lines
    /// of a JSON-lines file whose other lines were read while loading.
    pub files: Vec<LaterPart>,
    limits: Limits,
    cache: Option<Arc<cache::Cache>>,
}

/// A claim file, or a run of the claim lines of a JSON-lines file, left to parse. Its
/// text is not kept meanwhile: a file is read again when parsed, a run of lines is read
/// from its place in the file; either must be what was first read (its hash).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LaterPart {
    /// The file.
    pub file: FileId,
    /// The run of lines (`None`: the whole file).
    pub lines: Option<jsonl::Run>,
    /// Its length in bytes.
    pub len: usize,
    /// About how many claims it holds ([`estimate_claims`]).
    pub claims: usize,
    /// The hash of a run's text ([`crate::model::text_hash`]).
    hash: u64,
}

impl LaterPart {
    /// The runs of claim lines of a JSON-lines file.
    fn runs(file: FileId, text: &str) -> impl Iterator<Item = Self> {
        jsonl::runs(text).into_iter().map(move |run| {
            let lines = &text[run.0..run.1];
            Self {
                file,
                lines: Some(run),
                len: lines.len(),
                claims: jsonl::estimate_claims(lines),
                hash: crate::model::text_hash(lines),
            }
        })
    }
}

/// A file (or the run of lines from `line`, at byte `start`) that changed between being
/// read and being parsed: one located problem, and nothing of it read.
fn changed_while_checked(file: FileId, line: u32, start: usize) -> (ClaimFile, Vec<Problem>) {
    let span = Span {
        file,
        line,
        column: 1,
        start: start as u32,
        len: 0,
    };
    let problem = Problem::new(
        ProblemKind::InvalidFile,
        span,
        "the file changed while it was being checked: these lines were not read",
    )
    .with_help("check again");
    let file = ClaimFile {
        file,
        ..ClaimFile::default()
    };
    (file, vec![problem])
}

/// The bytes `start..end` of a JSON-lines file's text, read from the file (as loading
/// read the file: after a byte-order mark, lone carriage returns as line feeds).
fn read_run(path: &std::path::Path, start: usize, end: usize) -> Option<String> {
    use std::io::{Read, Seek, SeekFrom};
    let mut f = std::fs::File::open(path).ok()?;
    let mut head = [0u8; 3];
    let bom = match f.read_exact(&mut head) {
        Ok(()) if head == [0xEF, 0xBB, 0xBF] => 3,
        _ => 0,
    };
    f.seek(SeekFrom::Start((start + bom) as u64)).ok()?;
    let mut bytes = vec![0; end - start];
    f.read_exact(&mut bytes).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    Some(lone_cr_to_lf(Arc::from(text)).to_string())
}

impl Later {
    /// Parses `parts` (in parallel), in the order given, as loading would have.
    pub fn parse(&self, map: &SourceMap, parts: &[LaterPart]) -> Vec<(ClaimFile, Vec<Problem>)> {
        parts
            .par_iter()
            .map(|part| {
                let source = map.get(part.file);
                match part.lines {
                    None if source.changed() => changed_while_checked(part.file, 1, 0),
                    None => parse_one(
                        map,
                        part.file,
                        source.text(),
                        &self.limits,
                        self.cache.as_deref(),
                        jsonl::Lines::All,
                    ),
                    Some((start, end, line)) => match read_run(&source.path, start, end) {
                        Some(text) if crate::model::text_hash(&text) == part.hash => {
                            let run = (0, text.len(), line);
                            let lines = jsonl::Lines::Claims;
                            jsonl::parse_run(part.file, &text, run, &self.limits, lines, start)
                        }
                        _ => changed_while_checked(part.file, line, start),
                    },
                }
            })
            .collect()
    }

    /// Releases the texts of the files `parts` finished (all their parts parsed, `next`
    /// being the first part left): only a report that quotes them reads them again.
    pub fn release(map: &mut SourceMap, parts: &[LaterPart], next: Option<&LaterPart>) {
        let mut files: Vec<FileId> = parts.iter().map(|p| p.file).collect();
        files.dedup();
        for f in files {
            if next.is_none_or(|n| n.file != f) {
                map.release(f, reread);
            }
        }
    }

    /// About how many claims the parts hold ([`estimate_claims`]).
    pub fn estimated_claims(&self) -> usize {
        self.files.iter().map(|p| p.claims).sum()
    }

    /// Records a parsed file's problems, and the file as unread when nothing in it could be
    /// loaded (as loading does for the files it parses itself).
    pub fn take(
        map: &SourceMap,
        parsed: (ClaimFile, Vec<Problem>),
        problems: &mut Vec<Problem>,
        unread: &mut Vec<UnreadFile>,
    ) -> ClaimFile {
        let (file, found) = parsed;
        if file.not_loaded {
            let source = map.get(file.file);
            let claims = Some(estimate_claims_of(&source.path, source.text()));
            unread.push(UnreadFile {
                file: file.file,
                claims,
            });
        }
        problems.extend(found);
        file
    }
}

/// A released claim file's text, read again as loading read it (any size: it was read
/// within the limits before, and a changed file is caught by its hash).
fn reread(path: &std::path::Path) -> Option<Arc<str>> {
    let limits = Limits {
        max_claim_file_bytes: u64::MAX,
        max_jsonl_file_bytes: u64::MAX,
        ..Limits::default()
    };
    read::read_claim_file(path, &limits).ok().map(lone_cr_to_lf)
}

/// Whether a claim file's text declares nothing and holds only claims, by its top-level
/// keys (YAML: every top-level line is `claims:`, a list item, a comment or a document
/// marker; JSON lines: every line is a `{"claim": …}` object). Only a guess that errs
/// towards "declares something": such files are parsed up front, the others later.
fn claims_only(path: &std::path::Path, text: &str) -> bool {
    if discover::is_jsonl(path) {
        return text
            .lines()
            .all(|l| l.trim().is_empty() || jsonl::is_claim_line(l));
    }
    let mut claims = false;
    for l in text.lines() {
        match l.as_bytes().first() {
            None | Some(b' ' | b'-' | b'#') => {}
            _ if l == "---" || l == "..." => {}
            _ if l.starts_with("claims:") && !claims => claims = true,
            _ => return false,
        }
    }
    claims
}

/// Parses one claim file: JSON lines, or YAML through the cache when there is one.
fn parse_one(
    map: &SourceMap,
    id: FileId,
    text: &str,
    limits: &Limits,
    cache: Option<&cache::Cache>,
    lines: jsonl::Lines,
) -> (ClaimFile, Vec<Problem>) {
    match cache {
        _ if discover::is_jsonl(&map.get(id).path) => {
            jsonl::parse_file_lines(map, id, text, limits, lines)
        }
        Some(cache) => cache.parse(map, id, text, limits),
        None => convert::parse_file(map, id, text, limits),
    }
}

/// A failure that stops the run (a path that does not exist).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct LoadError(pub String);

/// Finds and loads the claim files under `paths`.
pub fn load_paths(paths: &[PathBuf], limits: &Limits) -> Result<Loaded, LoadError> {
    load_paths_cached(paths, limits, None)
}

/// [`load_paths`] with a parse cache.
pub fn load_paths_cached(
    paths: &[PathBuf],
    limits: &Limits,
    cache: Option<&cache::Cache>,
) -> Result<Loaded, LoadError> {
    load_paths_with(paths, limits, cache, None)
}

/// [`load_paths_cached`], leaving the files of claims only in [`Loaded::later`] for
/// `resolve` to parse a few at a time (through the same cache).
pub fn load_paths_deferred(
    paths: &[PathBuf],
    limits: &Limits,
    cache: Option<Arc<cache::Cache>>,
) -> Result<Loaded, LoadError> {
    let later = Later {
        files: Vec::new(),
        limits: limits.clone(),
        cache,
    };
    load_paths_with(paths, limits, later.cache.clone().as_deref(), Some(later))
}

fn load_paths_with(
    paths: &[PathBuf],
    limits: &Limits,
    cache: Option<&cache::Cache>,
    later: Option<Later>,
) -> Result<Loaded, LoadError> {
    let (files, walk_errors) = discover::discover(paths).map_err(|e| LoadError(e.message))?;
    let mut loaded = Loaded::default();
    for err in walk_errors {
        // A claim file the walk could not look at (a dangling symlink); not a folder (a
        // symlink loop's files are reached by their real path).
        let unread = discover::is_claim_file_name(&err.path);
        let file = loaded.map.add(err.path, Arc::from(""));
        let span = loaded.map.span_of(file, 0..0);
        loaded
            .problems
            .push(Problem::new(ProblemKind::InvalidFile, span, err.message));
        if unread {
            loaded.unread.push(UnreadFile { file, claims: None });
        }
    }
    let deferring = later.is_some();
    let texts: Vec<(PathBuf, Result<Text, ReadError>)> = files
        .into_par_iter()
        .map(|path| {
            let text = read::read_claim_file(&path, limits).map(|text| {
                let text = lone_cr_to_lf(text);
                // A YAML file of claims only is read again when its batch is parsed, so
                // that the texts of a large corpus never all live at once either.
                match deferring && !discover::is_jsonl(&path) && claims_only(&path, &text) {
                    true => Text::ClaimsOnly {
                        len: text.len(),
                        hash: crate::model::text_hash(&text),
                        claims: estimate_claims(&text),
                    },
                    false => Text::Read(text),
                }
            });
            (path, text)
        })
        .collect();
    load_texts_with(&mut loaded, texts, limits, cache, later);
    Ok(loaded)
}

/// A claim file's text as loading read it.
enum Text {
    /// Kept.
    Read(Arc<str>),
    /// Let go: a YAML file of claims only, read again when parsed.
    ClaimsOnly {
        len: usize,
        hash: u64,
        /// About how many claims it holds.
        claims: usize,
    },
}

/// Loads claim files whose text is already in memory (used for `--new-since` and tests).
/// They are loaded in path order whatever the order given, as [`load_paths`] does, so the
/// report does not depend on that order.
pub fn load_texts(
    loaded: &mut Loaded,
    texts: Vec<(PathBuf, Result<Arc<str>, ReadError>)>,
    limits: &Limits,
) {
    load_texts_cached(loaded, texts, limits, None);
}

/// [`load_texts`], taking parsed files from `cache` where their text was parsed before.
pub fn load_texts_cached(
    loaded: &mut Loaded,
    texts: Vec<(PathBuf, Result<Arc<str>, ReadError>)>,
    limits: &Limits,
    cache: Option<&cache::Cache>,
) {
    let texts = texts
        .into_iter()
        .map(|(path, text)| (path, text.map(Text::Read)))
        .collect();
    load_texts_with(loaded, texts, limits, cache, None);
}

fn load_texts_with(
    loaded: &mut Loaded,
    texts: Vec<(PathBuf, Result<Text, ReadError>)>,
    limits: &Limits,
    cache: Option<&cache::Cache>,
    mut later: Option<Later>,
) {
    let mut texts = texts;
    // Claim indices, and so which claim of a tie is named first and the order of dispute
    // positions, follow file order: make it path order (a stable sort keeps equal paths).
    texts.sort_by(|a, b| a.0.cmp(&b.0));
    let mut jobs = Vec::with_capacity(texts.len());
    // JSON-lines files whose claim lines are read later: let go once the rest is read.
    let mut release = Vec::new();
    for (path, text) in texts {
        match text {
            Ok(Text::ClaimsOnly { len, hash, claims }) => {
                let id = loaded.map.add_released(path, len, hash, reread);
                if let Some(later) = &mut later {
                    later.files.push(LaterPart {
                        file: id,
                        lines: None,
                        len,
                        claims,
                        hash: 0,
                    });
                }
            }
            Ok(Text::Read(text)) => {
                let text = lone_cr_to_lf(text);
                // (A YAML file of claims only was already let go when read.)
                let jsonl = discover::is_jsonl(&path);
                let only_claims = jsonl && later.is_some() && claims_only(&path, &text);
                let id = loaded.map.add(path, text.clone());
                match &mut later {
                    // JSON lines: the claim lines later, a run at a time, read from the
                    // file then; the other lines (declarations, anything else) now.
                    Some(later) if jsonl && !text.trim().is_empty() => {
                        later.files.extend(LaterPart::runs(id, &text));
                        if only_claims {
                            loaded.map.release(id, reread);
                        } else {
                            jobs.push((id, text, jsonl::Lines::NotClaims));
                            release.push(id);
                        }
                    }
                    _ => jobs.push((id, text, jsonl::Lines::All)),
                }
            }
            Err(err) => {
                let text = lone_cr_to_lf(Arc::from(err.text.as_deref().unwrap_or("")));
                let mut offset = err.offset.min(text.len());
                while !text.is_char_boundary(offset) {
                    offset -= 1;
                }
                let claims = err.text.as_ref().map(|_| estimate_claims_of(&path, &text));
                let id = loaded.map.add(path, text);
                let span = loaded.map.span_of(id, offset..offset);
                loaded
                    .problems
                    .push(Problem::new(ProblemKind::InvalidFile, span, err.message));
                loaded.unread.push(UnreadFile { file: id, claims });
            }
        }
    }
    let map = &loaded.map;
    let parsed: Vec<(ClaimFile, Vec<Problem>)> = jobs
        .into_par_iter()
        .map(|(id, text, lines)| parse_one(map, id, &text, limits, cache, lines))
        .collect();
    for parsed in parsed {
        let file = Later::take(
            &loaded.map,
            parsed,
            &mut loaded.problems,
            &mut loaded.unread,
        );
        loaded.files.push(file);
    }
    for id in release {
        loaded.map.release(id, reread);
    }
    if let Some(later) = later {
        loaded.later = later;
    }
    let map = &loaded.map;
    loaded
        .unread
        .sort_by(|a, b| map.get(a.file).path.cmp(&map.get(b.file).path));
    load_documents(loaded, limits);
}

/// [`estimate_claims`] for a YAML claim file, the lines naming a claim for JSON lines.
fn estimate_claims_of(path: &std::path::Path, text: &str) -> usize {
    match discover::is_jsonl(path) {
        true => jsonl::estimate_claims(text),
        false => estimate_claims(text),
    }
}

/// About how many claims the text of a claim file that did not parse holds: the items of
/// its top-level `claims:` list (`- ` lines at the list's indentation, or `{id: …}` items
/// of a flow list `[…]`); 0 without a `claims:` key. A guess for the summary line ("about
/// 12 claims were not checked"), not a parse: a broken file may be broken anywhere.
pub fn estimate_claims(text: &str) -> usize {
    let mut lines = text.lines();
    let Some(first) = lines.find_map(|l| l.strip_prefix("claims:")) else {
        return 0;
    };
    // The list runs until the next top-level key.
    let block: Vec<&str> =
        std::iter::once(first)
            .chain(lines.take_while(|l| {
                !l.starts_with(|c: char| !c.is_whitespace() && c != '#' && c != '-')
            }))
            .collect();
    let item = |l: &str| {
        let t = l.trim_start();
        t == "-" || t.starts_with("- ") || t.starts_with("-\t")
    };
    let indent = |l: &str| l.len() - l.trim_start().len();
    if let Some(level) = block
        .iter()
        .skip(1)
        .filter(|l| item(l))
        .map(|l| indent(l))
        .min()
    {
        return block
            .iter()
            .skip(1)
            .filter(|l| item(l) && indent(l) == level)
            .count();
    }
    // A flow list: count the `id:` keys of its mappings (not the end of `said:`).
    block
        .iter()
        .map(|l| {
            l.match_indices("id:")
                .filter(|(i, _)| {
                    l[..*i]
                        .chars()
                        .next_back()
                        .is_none_or(|c| c == '{' || c == ',' || c.is_whitespace())
                })
                .count()
        })
        .sum()
}

/// Replaces each `\r` not followed by `\n` with `\n`. YAML (and most editors) count a lone
/// CR as a line break, but spans, the text report and `\r\n` handling count `\n`; both are
/// one byte, so every byte offset stays the same and all of them agree on line numbers.
pub(crate) fn lone_cr_to_lf(text: Arc<str>) -> Arc<str> {
    let bytes = text.as_bytes();
    let lone = |i: usize| bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n');
    if !memchr::memchr_iter(b'\r', bytes).any(lone) {
        return text;
    }
    let fixed: Vec<u8> = (0..bytes.len())
        .map(|i| if lone(i) { b'\n' } else { bytes[i] })
        .collect();
    // Only ASCII bytes changed, so the text is still UTF-8.
    Arc::from(String::from_utf8(fixed).unwrap_or_else(|_| text.to_string()))
}

/// Reads every source's `document` (relative to its claim file) into the map.
fn load_documents(loaded: &mut Loaded, limits: &Limits) {
    let mut by_path: rustc_hash::FxHashMap<PathBuf, Option<FileId>> = Default::default();
    for f in &loaded.files {
        let base = loaded.map.folder(f.file);
        for (i, source) in f.sources.iter().enumerate() {
            let Some(doc) = &source.document else {
                continue;
            };
            // Shown (and known) by its normalised path, `articles/x.txt` rather than
            // `claims/../articles/x.txt`; read by the path as written, so that `..` after
            // a symlinked folder still goes where the file system takes it.
            let shown = loaded.map.relative_path(f.file, &doc.value);
            let entry = by_path.entry(shown.clone()).or_insert_with(|| {
                match read::read_document(&base.join(&doc.value), limits) {
                    Ok(text) => Some(loaded.map.add(shown, lone_cr_to_lf(text))),
                    Err(err) => {
                        loaded.problems.push(
                            Problem::new(
                                ProblemKind::MissingDocument,
                                doc.span,
                                format!("document `{}` cannot be read: {}", doc.value, err.message),
                            )
                            .with_help("fix the path (it is relative to this claim file) or remove `document`"),
                        );
                        None
                    }
                }
            });
            if let Some(id) = *entry {
                loaded.documents.insert((f.file, i), id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::estimate_claims;

    #[test]
    fn estimates_the_claims_of_a_broken_file() {
        for (text, want) in [
            // Block items at the list's indentation, whatever their first key; not the
            // nested lists; not the sources.
            (
                "sources:\n  - id: s\nclaims:\n  - id: a\n    quote: He said: no\n    suppress:\n      - {check: CC102, reason: x}\n  - source: s\n    id: b\n  -\n    id: c\nentities:\n  - id: e\n",
                3,
            ),
            ("claims:\n- id: a\n- id: b\n# - id: c\n", 2),
            // Flow items, not fooled by `said:`.
            (
                "claims: [{id: a, said: 2020}, {id: b,\n  said: 2021}, {id: c}\n",
                3,
            ),
            ("claims:\n  - {id: a, said: 2020: x}\n  - {id: b}\n", 2),
            ("claims: []\n", 0),
            ("sources:\n  - id: s\n    title: a: b\n", 0),
        ] {
            assert_eq!(estimate_claims(text), want, "{text}");
        }
    }
}
