//! Finding claim files under the paths a user gives.

use std::path::{Path, PathBuf};

/// Whether a file name marks a claim file: `*.claims.yaml`, `*.claims.yml` or
/// `*.claims.jsonl` (JSON lines).
pub fn is_claim_file_name(path: &Path) -> bool {
    path.file_name().and_then(|n| n.to_str()).is_some_and(|n| {
        n.ends_with(".claims.yaml") || n.ends_with(".claims.yml") || n.ends_with(".claims.jsonl")
    })
}

/// Whether a claim file is JSON lines (`*.claims.jsonl`, or any `*.jsonl` given by name).
pub fn is_jsonl(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "jsonl")
}

/// A path that could not be walked (a symlink loop, a permission error, …).
#[derive(Debug, Clone)]
pub struct WalkError {
    /// The path involved, as well as it is known.
    pub path: PathBuf,
    /// What went wrong.
    pub message: String,
}

/// Walks `paths`: files are taken as given; directories are walked recursively, respecting
/// `.gitignore`/`.ignore` and skipping hidden entries, for `*.claims.yaml`/`*.claims.yml`/
/// `*.claims.jsonl`.
/// Symlinks are followed; loops are reported, not followed. The result is sorted and
/// deduplicated so the order never depends on the file system.
pub fn discover(paths: &[PathBuf]) -> Result<(Vec<PathBuf>, Vec<WalkError>), WalkError> {
    let mut found = Vec::new();
    let mut errors = Vec::new();
    for root in paths {
        let meta = std::fs::metadata(root).map_err(|e| WalkError {
            path: root.clone(),
            message: format!("cannot read `{}`: {e}", root.display()),
        })?;
        if !meta.is_dir() {
            found.push(root.clone());
            continue;
        }
        let walker = ignore::WalkBuilder::new(root)
            .follow_links(true)
            .require_git(false)
            .sort_by_file_path(Ord::cmp)
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    // Not only regular files: a FIFO, socket or device named like a claim
                    // file is taken too, so reading refuses it with a finding (it is never
                    // opened) instead of it being skipped without a word.
                    if entry.file_type().is_some_and(|t| !t.is_dir()) && is_claim_file_name(path) {
                        found.push(path.to_path_buf());
                    }
                }
                Err(err) => errors.push(walk_error(root, &err)),
            }
        }
    }
    found.sort();
    found.dedup();
    Ok((found, errors))
}

fn walk_error(root: &Path, err: &ignore::Error) -> WalkError {
    let mut path = root.to_path_buf();
    let mut e = err;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path.clone_from(p);
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err
            }
            ignore::Error::Loop { child, ancestor } => {
                return WalkError {
                    path: child.clone(),
                    message: format!(
                        "symlink loop: `{}` leads back to `{}`; not followed",
                        child.display(),
                        ancestor.display()
                    ),
                };
            }
            _ => break,
        }
    }
    WalkError {
        path,
        message: format!("cannot walk: {err}"),
    }
}
