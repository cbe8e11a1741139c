//! Reading files within limits: size, file type, encoding, byte-order mark.

use std::io::Read as _;
use std::path::Path;
use std::sync::Arc;

/// Input limits; each has a clear error when exceeded.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Largest claim file read, in bytes.
    pub max_claim_file_bytes: u64,
    /// Largest article read, in bytes.
    pub max_document_bytes: u64,
    /// Deepest YAML nesting accepted.
    pub max_depth: usize,
    /// Most YAML nodes in one claim file (after alias expansion).
    pub max_nodes: usize,
    /// Most YAML events replayed through aliases (`*name`) in one claim file: a file of a
    /// few hundred bytes can otherwise expand to billions of nodes ("billion laughs").
    pub max_alias_events: usize,
    /// Most claims in one file.
    pub max_claims_per_file: usize,
    /// Longest line of a JSON-lines claim file (`*.claims.jsonl`), in bytes: JSON lines are
    /// limited per line (one item each), not per file.
    pub max_jsonl_line_bytes: usize,
    /// Largest JSON-lines claim file, in bytes: positions are 32-bit.
    pub max_jsonl_file_bytes: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_claim_file_bytes: 16 << 20,
            max_document_bytes: 64 << 20,
            max_depth: 32,
            max_nodes: 2_000_000,
            max_alias_events: 100_000,
            max_claims_per_file: 100_000,
            max_jsonl_line_bytes: 1 << 20,
            max_jsonl_file_bytes: u64::from(u32::MAX),
        }
    }
}

/// Why a file could not be read, and where in it (byte offset) when that is known.
#[derive(Debug, Clone)]
pub struct ReadError {
    /// What went wrong.
    pub message: String,
    /// Byte offset of the problem in `text` (0 when not about a position).
    pub offset: usize,
    /// The readable part of the text, so the error can be shown in context.
    pub text: Option<String>,
}

impl ReadError {
    fn plain(message: String) -> Self {
        Self {
            message,
            offset: 0,
            text: None,
        }
    }
}

/// Reads a whole file of at most `max` bytes. Only regular files are read (after following
/// symlinks): a FIFO, socket or device is refused before it is opened, so it can never block
/// the run, and the size is checked before anything is read, so an oversized file costs no
/// memory. The read itself is bounded too, in case the file grows in between.
pub fn read_file_bytes(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let cannot =
        |e: std::io::Error| ReadError::plain(format!("cannot read `{}`: {e}", path.display()));
    let not_regular = || {
        ReadError::plain(format!(
            "`{}` is not a regular file (a device, FIFO or socket is never read)",
            path.display()
        ))
    };
    let too_big = |len: u64| {
        ReadError::plain(format!(
            "`{}` is {len} bytes, over the limit of {max} bytes; split it into several files",
            path.display()
        ))
    };
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > max {
        return Err(too_big(meta.len()));
    }
    let file = std::fs::File::open(path).map_err(cannot)?;
    // The path may have been replaced between the two looks; trust the open handle.
    let meta = file.metadata().map_err(cannot)?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    let capacity = usize::try_from(meta.len().min(max)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    file.take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

const BOM: &[u8] = "\u{feff}".as_bytes();

/// Reads a claim file: must be UTF-8 (a BOM is dropped, so offsets and columns count from
/// the first character after it); the error points at the first bad byte.
pub fn read_claim_file(path: &Path, limits: &Limits) -> Result<Arc<str>, ReadError> {
    let max = match super::discover::is_jsonl(path) {
        true => limits.max_jsonl_file_bytes,
        false => limits.max_claim_file_bytes,
    };
    let bytes = read_file_bytes(path, max)?;
    let (bom, body) = match bytes.strip_prefix(BOM) {
        Some(body) => (BOM.len(), body),
        None => (0, &bytes[..]),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Arc::from(text)),
        Err(e) => {
            let good = e.valid_up_to();
            let bad = &body[good..good + e.error_len().unwrap_or(body.len() - good)];
            let shown: Vec<String> = bad.iter().take(4).map(|b| format!("0x{b:02x}")).collect();
            Err(ReadError {
                message: format!(
                    "invalid UTF-8 at byte {} ({}): claim files must be UTF-8 text",
                    good + bom,
                    shown.join(" ")
                ),
                offset: good,
                // The whole text, with bad bytes shown as U+FFFD, so the line can be shown;
                // everything before `good` is unchanged, so the offset still points right.
                text: Some(String::from_utf8_lossy(body).into_owned()),
            })
        }
    }
}

/// Reads an article: invalid UTF-8 is replaced (U+FFFD), never refused.
pub fn read_document(path: &Path, limits: &Limits) -> Result<Arc<str>, ReadError> {
    let bytes = read_file_bytes(path, limits.max_document_bytes)?;
    let body = bytes.strip_prefix(BOM).unwrap_or(&bytes);
    Ok(Arc::from(String::from_utf8_lossy(body)))
}
