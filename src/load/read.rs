//! Reading files within limits: size, encoding, byte-order mark.

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
    /// Most claims in one file.
    pub max_claims_per_file: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_claim_file_bytes: 16 << 20,
            max_document_bytes: 64 << 20,
            max_depth: 32,
            max_nodes: 2_000_000,
            max_claims_per_file: 100_000,
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

fn read_limited(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path)
        .map_err(|e| ReadError::plain(format!("cannot read `{}`: {e}", path.display())))?;
    if !meta.is_file() {
        return Err(ReadError::plain(format!(
            "`{}` is not a regular file (a device, FIFO or socket is never read)",
            path.display()
        )));
    }
    if meta.len() > max {
        return Err(ReadError::plain(format!(
            "`{}` is {} bytes, over the limit of {max} bytes; split it into several files",
            path.display(),
            meta.len()
        )));
    }
    std::fs::read(path)
        .map_err(|e| ReadError::plain(format!("cannot read `{}`: {e}", path.display())))
}

fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Reads a claim file: must be UTF-8 (a BOM is dropped); the error points at the first bad byte.
pub fn read_claim_file(path: &Path, limits: &Limits) -> Result<Arc<str>, ReadError> {
    let bytes = read_limited(path, limits.max_claim_file_bytes)?;
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(Arc::from(strip_bom(text))),
        Err(e) => {
            let good = e.valid_up_to();
            let prefix = String::from_utf8_lossy(&bytes[..good]).into_owned();
            Err(ReadError {
                message: format!("invalid UTF-8 at byte {good}: claim files must be UTF-8 text"),
                offset: good,
                text: Some(prefix),
            })
        }
    }
}

/// Reads an article: invalid UTF-8 is replaced (U+FFFD), never refused.
pub fn read_document(path: &Path, limits: &Limits) -> Result<Arc<str>, ReadError> {
    let bytes = read_limited(path, limits.max_document_bytes)?;
    let text = String::from_utf8_lossy(&bytes);
    Ok(Arc::from(strip_bom(&text)))
}
