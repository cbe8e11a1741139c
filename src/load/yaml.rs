//! Reading the small YAML files every stage shares the conventions of (rules, config,
//! baseline): UTF-8 within a size limit, strict booleans, bounded nesting, and errors
//! located at `path:line:column`.

use std::path::Path;

/// A file that cannot be read or parsed, located in it.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct FileError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
    /// What is wrong.
    pub message: String,
}

/// Parses YAML with the options every claimcheck file uses; errors are located.
pub fn parse_yaml<T: serde::de::DeserializeOwned>(path: &str, text: &str) -> Result<T, FileError> {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = 32;
    budget.flow_nesting_limit = 32;
    let options =
        serde_saphyr::options! { strict_booleans: true, with_snippet: false, budget: Some(budget) };
    serde_saphyr::from_str_with_options(text, options).map_err(|e| {
        let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        let mut message = e.without_snippet().to_string();
        if let Some(i) = message
            .rfind(" at line ")
            .filter(|&i| message[i..].contains("column"))
        {
            message.truncate(i);
        }
        FileError {
            path: path.to_string(),
            line,
            column,
            message,
        }
    })
}

/// Reads a file as UTF-8 (a BOM dropped) within a size limit; errors are located.
pub fn read_text(path: &Path, max: u64) -> Result<String, FileError> {
    let err = |line, column, message| FileError {
        path: path.display().to_string(),
        line,
        column,
        message,
    };
    let bytes = super::read_file_bytes(path, max).map_err(|e| err(1, 1, e.message))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..good]).into_owned();
        let (line, column) = crate::model::line_col(&prefix, good);
        err(
            u64::from(line),
            u64::from(column),
            format!("invalid UTF-8 at byte {good}: the file must be UTF-8 text"),
        )
    })?;
    Ok(text.trim_start_matches('\u{feff}').to_string())
}
