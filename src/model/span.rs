//! Files and positions.

use std::path::{Component, Path, PathBuf};
use std::sync::{Arc, OnceLock};

/// Index of a file in a [`SourceMap`].
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct FileId(pub u32);

/// A located range in one file: 1-based line and column (in characters), and the byte range.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
pub struct Span {
    /// The file the range is in.
    pub file: FileId,
    /// 1-based line of the first byte.
    pub line: u32,
    /// 1-based column (in characters) of the first byte.
    pub column: u32,
    /// Byte offset of the first byte.
    pub start: u32,
    /// Length in bytes (may be 0 when only a point is known).
    pub len: u32,
}

impl Span {
    /// The byte range of this span.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// One file known to the run: a claim file, a rules file or an article.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as the user gave it or as it was found (used in every message).
    pub path: PathBuf,
    /// Its text (lossily decoded for articles; claim files must be UTF-8); empty once
    /// released, until asked for again.
    text: OnceLock<Text>,
    /// Set when the text was released after parsing: how to read it again, and what it
    /// was.
    released: Option<Released>,
}

/// A file's text, and whether it is a blank stand-in for a released text whose file
/// changed since it was first read.
#[derive(Debug, Clone)]
struct Text {
    text: Arc<str>,
    changed: bool,
}

/// What a released text was, and how to read it again.
#[derive(Debug, Clone, Copy)]
struct Released {
    len: usize,
    hash: u64,
    reread: Reread,
}

/// Reads a released file's text again, as it was first read (`None`: it cannot be read).
pub type Reread = fn(&Path) -> Option<Arc<str>>;

impl SourceFile {
    /// Its text. A text released after parsing is read again from the file the first
    /// time it is asked for (a report quoting the file); if the file changed since, the
    /// text is blank of the same length, so every span still lies inside it.
    pub fn text(&self) -> &Arc<str> {
        &self.read().text
    }

    /// Whether the text was released and the file has changed since it was first read
    /// (then [`SourceFile::text`] is blank).
    pub fn changed(&self) -> bool {
        self.read().changed
    }

    fn read(&self) -> &Text {
        self.text.get_or_init(|| {
            let Some(r) = self.released else {
                return Text {
                    text: Arc::from(""),
                    changed: false,
                };
            };
            match (r.reread)(&self.path) {
                Some(text) if text.len() == r.len && text_hash(&text) == r.hash => Text {
                    text,
                    changed: false,
                },
                _ => Text {
                    text: Arc::from(" ".repeat(r.len)),
                    changed: true,
                },
            }
        })
    }
}

/// The hash a released text is checked against when it is read again.
pub fn text_hash(text: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(text)
}

/// Every file of a run, addressed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file and returns its id.
    pub fn add(&mut self, path: PathBuf, text: Arc<str>) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path,
            text: OnceLock::from(Text {
                text,
                changed: false,
            }),
            released: None,
        });
        id
    }

    /// Adds a file whose text was read and let go (a claim file parsed later): it is
    /// read again through `reread` when asked for, and must still have this length and
    /// [`text_hash`].
    pub fn add_released(&mut self, path: PathBuf, len: usize, hash: u64, reread: Reread) -> FileId {
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile {
            path,
            text: OnceLock::new(),
            released: Some(Released { len, hash, reread }),
        });
        id
    }

    /// Drops a file's text from memory (a claim file once parsed, whose text only a
    /// report that quotes it needs); [`SourceFile::text`] reads it again through `reread`.
    pub fn release(&mut self, id: FileId, reread: Reread) {
        let file = &mut self.files[id.0 as usize];
        if let Some(Text { text, .. }) = file.text.take()
            && file.released.is_none()
        {
            file.released = Some(Released {
                len: text.len(),
                hash: text_hash(&text),
                reread,
            });
        }
    }

    /// The file behind an id.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The folder a file is in (paths inside it, like `document`, are relative to it).
    pub fn folder(&self, id: FileId) -> PathBuf {
        self.get(id)
            .path
            .parent()
            .map(PathBuf::from)
            .unwrap_or_default()
    }

    /// The path of a file named relative to file `id`'s folder (a source's `document`),
    /// with `.` and `..` resolved lexically ([`normalize_path`]): `../articles/x.txt` in
    /// `claims/a.claims.yaml` is `articles/x.txt`.
    pub fn relative_path(&self, id: FileId, relative: &str) -> PathBuf {
        normalize_path(&self.folder(id).join(relative))
    }

    /// The display path of a file, with `/` separators so reports are the same everywhere.
    pub fn display(&self, id: FileId) -> String {
        self.get(id).path.to_string_lossy().replace('\\', "/")
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// A span for a byte range of a file, computing line and column.
    pub fn span_of(&self, file: FileId, range: std::ops::Range<usize>) -> Span {
        let text = &self.get(file).text();
        let start = range.start.min(text.len());
        let (line, column) = line_col(text, start);
        Span {
            file,
            line,
            column,
            start: start as u32,
            len: (range.end.min(text.len()).saturating_sub(start)) as u32,
        }
    }
}

/// `path` with its `.` and `..` components resolved lexically, without asking the file
/// system (so a symlink is not followed): `claims/../articles/x.txt` is `articles/x.txt`.
/// A `..` that goes above the start is kept (`a/../../x.txt` is `../x.txt`); one above the
/// root is dropped (`/../x.txt` is `/x.txt`).
pub fn normalize_path(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => match out.components().next_back() {
                Some(Component::Normal(_)) => {
                    out.pop();
                }
                Some(Component::RootDir) => {}
                _ => out.push(".."),
            },
            other => out.push(other.as_os_str()),
        }
    }
    out
}

/// 1-based line and character column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (u32, u32) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u32, column as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        assert_eq!(line_col("ab\n“cd", 6), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("a\nb\n", 4), (3, 1));
    }

    #[test]
    fn normalize_path_resolves_dots_lexically() {
        for (path, want) in [
            ("claims/../articles/x.txt", "articles/x.txt"),
            ("claims/./x.txt", "claims/x.txt"),
            ("./claims/a/../../x.txt", "x.txt"),
            ("../x.txt", "../x.txt"),
            ("claims/../../x.txt", "../x.txt"),
            ("../../a/../x.txt", "../../x.txt"),
            ("/../x.txt", "/x.txt"),
            ("/data/claims/../x.txt", "/data/x.txt"),
        ] {
            assert_eq!(normalize_path(Path::new(path)), Path::new(want), "{path}");
        }
    }

    #[test]
    fn relative_path_is_normalised() {
        let mut map = SourceMap::default();
        let a = map.add(PathBuf::from("claims/a.claims.yaml"), Arc::from(""));
        assert_eq!(
            map.relative_path(a, "../articles/x.txt"),
            Path::new("articles/x.txt")
        );
        assert_eq!(map.relative_path(a, "../../x.txt"), Path::new("../x.txt"));
        let b = map.add(PathBuf::from("b.claims.yaml"), Arc::from(""));
        assert_eq!(map.relative_path(b, "./x.txt"), Path::new("x.txt"));
    }
}
