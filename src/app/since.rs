//! `check --new-since REF`: the claim files as they were at a git ref, read through the
//! `git` command line (no libgit2), and the files changed since.
//!
//! The ref's tree is read into a temporary index (`GIT_INDEX_FILE`, so the repository's own
//! index is never touched) and the files under the checked paths, the ignore files above
//! them and the documents their sources name are written into a temporary folder with
//! `git checkout-index`. The run driver loads that folder like any other and renames its
//! paths back to the ones the working tree has, so both runs describe the same files.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A failure of git or of the temporary folder (exit 2).
#[derive(Debug, thiserror::Error)]
#[error("--new-since: {0}")]
pub struct SinceError(pub String);

fn git(
    root: &Path,
    args: &[&OsStr],
    index: Option<&Path>,
    input: Option<&[u8]>,
) -> Result<Vec<u8>, SinceError> {
    let mut cmd = Command::new("git");
    cmd.arg("-C")
        .arg(root)
        .arg("--literal-pathspecs")
        .args(args)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE")
        .stdin(if input.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(index) = index {
        cmd.env("GIT_INDEX_FILE", index);
    }
    let shown = args
        .iter()
        .map(|a| a.to_string_lossy())
        .collect::<Vec<_>>()
        .join(" ");
    let mut child = cmd
        .spawn()
        .map_err(|e| SinceError(format!("cannot run `git`: {e}")))?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        use std::io::Write;
        // A writer thread, so a full stdout pipe never blocks the write.
        let input = input.to_vec();
        std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
    }
    let out = child
        .wait_with_output()
        .map_err(|e| SinceError(format!("`git {shown}`: {e}")))?;
    if !out.status.success() {
        let err = String::from_utf8_lossy(&out.stderr);
        return Err(SinceError(format!("`git {shown}` failed: {}", err.trim())));
    }
    Ok(out.stdout)
}

/// The commit checked out at `root` (`git rev-parse HEAD`), for links to a forge.
pub fn head_commit(root: &Path) -> Result<String, SinceError> {
    let out = git(root, &[os("rev-parse"), os("HEAD")], None, None)?;
    Ok(String::from_utf8_lossy(&out).trim().to_string())
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

fn nul_list(bytes: &[u8]) -> Vec<String> {
    bytes
        .split(|&b| b == 0)
        .filter(|s| !s.is_empty())
        .map(|s| String::from_utf8_lossy(s).into_owned())
        .collect()
}

/// A folder deleted when dropped.
#[derive(Debug)]
pub struct TempDir(PathBuf);

impl TempDir {
    /// Creates a fresh folder in the system's temporary folder.
    pub fn new() -> Result<Self, SinceError> {
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        for n in 0..100u32 {
            let p = base.join(format!("claimcheck-ref-{}-{nanos}-{n}", std::process::id()));
            match std::fs::create_dir(&p) {
                Ok(()) => return Ok(Self(p)),
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(SinceError(format!(
                        "cannot create a temporary folder in {}: {e}",
                        base.display()
                    )));
                }
            }
        }
        Err(SinceError("cannot create a temporary folder".into()))
    }

    /// Its path.
    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A git ref's files, being written out into a temporary folder.
#[derive(Debug)]
pub struct Snapshot {
    /// The repository's top folder (absolute).
    pub root: PathBuf,
    /// The ref as given.
    pub reference: String,
    dir: TempDir,
    index: PathBuf,
    /// Every file at the ref, repository-relative.
    files: rustc_hash::FxHashSet<String>,
}

impl Snapshot {
    /// Reads the tree of `reference` in the repository that holds `cwd`.
    pub fn open(cwd: &Path, reference: &str) -> Result<Self, SinceError> {
        let top = git(cwd, &[os("rev-parse"), os("--show-toplevel")], None, None)?;
        let root = PathBuf::from(String::from_utf8_lossy(&top).trim_end_matches(['\n', '\r']));
        let commit = format!("{reference}^{{commit}}");
        git(
            &root,
            &[os("rev-parse"), os("--verify"), os("--quiet"), os(&commit)],
            None,
            None,
        )
        .map_err(|_| {
            SinceError(format!(
                "`{reference}` is not a commit in {}",
                root.display()
            ))
        })?;
        let dir = TempDir::new()?;
        let index = dir.path().join("index");
        git(&root, &[os("read-tree"), os(&commit)], Some(&index), None)?;
        let listed = git(&root, &[os("ls-files"), os("-z")], Some(&index), None)?;
        let files = nul_list(&listed).into_iter().collect();
        std::fs::create_dir(dir.path().join("tree"))
            .map_err(|e| SinceError(format!("cannot write the temporary folder: {e}")))?;
        Ok(Self {
            root,
            reference: reference.to_string(),
            dir,
            index,
            files,
        })
    }

    /// The folder the ref's files are written to.
    pub fn tree(&self) -> PathBuf {
        self.dir.path().join("tree")
    }

    /// Whether the ref has a file (repository-relative, `/`-separated).
    pub fn has_file(&self, rel: &str) -> bool {
        self.files.contains(rel)
    }

    /// Whether the ref has anything under a folder (repository-relative; `""` is the top).
    pub fn has_dir(&self, rel: &str) -> bool {
        rel.is_empty() || {
            let prefix = format!("{rel}/");
            self.files.iter().any(|f| f.starts_with(&prefix))
        }
    }

    /// Writes the ref's files under `dirs` (repository-relative folders or files; `""` is
    /// everything) and the named `files` that exist at the ref into [`Self::tree`].
    pub fn write(&self, dirs: &[String], files: &[String]) -> Result<(), SinceError> {
        let mut wanted: Vec<&str> = self
            .files
            .iter()
            .filter(|f| {
                dirs.iter()
                    .any(|d| d.is_empty() || f.as_str() == d || f.starts_with(&format!("{d}/")))
                    || files.iter().any(|x| x == *f)
            })
            .map(String::as_str)
            .collect();
        if wanted.is_empty() {
            return Ok(());
        }
        wanted.sort_unstable();
        let mut input = Vec::new();
        for w in wanted {
            input.extend_from_slice(w.as_bytes());
            input.push(0);
        }
        let mut prefix = self.tree().into_os_string();
        prefix.push("/");
        let mut arg = std::ffi::OsString::from("--prefix=");
        arg.push(prefix);
        git(
            &self.root,
            &[
                os("checkout-index"),
                os("--force"),
                os("-z"),
                os("--stdin"),
                &arg,
            ],
            Some(&self.index),
            Some(&input),
        )?;
        Ok(())
    }

    /// Files that differ between the ref and the working tree (tracked changes, staged or
    /// not, and untracked files), repository-relative.
    pub fn changed_files(&self) -> Result<rustc_hash::FxHashSet<String>, SinceError> {
        let commit = format!("{}^{{commit}}", self.reference);
        let diff = git(
            &self.root,
            &[
                os("diff"),
                os("--name-only"),
                os("-z"),
                os("--no-renames"),
                os(&commit),
                os("--"),
            ],
            None,
            None,
        )?;
        let untracked = git(
            &self.root,
            &[
                os("ls-files"),
                os("-z"),
                os("--others"),
                os("--exclude-standard"),
            ],
            None,
            None,
        )?;
        Ok(nul_list(&diff)
            .into_iter()
            .chain(nul_list(&untracked))
            .collect())
    }
}

/// `path` relative to `root` with `/` separators, if it lies inside (both absolute and
/// normalised).
pub fn relative_to(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    Some(
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/"),
    )
}
