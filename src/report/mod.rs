//! Reporting: one file per output format, all fed by the same finished [`Report`]. Formats
//! only lay data out; they never filter, sort, reword or change severity.
//!
//! Called by the CLI after `check`.

pub mod docs;
pub mod export;
mod json;
mod text;

use crate::check::Report;
use crate::resolve::Corpus;
use std::io::{self, Write};

pub use json::{JsonClaim, JsonReport, SCHEMA_VERSION, claim_json, location_json};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// rustc-style diagnostics with labelled spans, then a dispute summary.
    Text,
    /// One line per finding.
    Concise,
    /// Versioned JSON.
    Json,
}

/// What every renderer may read.
pub struct RenderCtx<'a> {
    /// The corpus the findings refer to.
    pub corpus: &'a Corpus,
    /// Whether to use ANSI colour (text formats only).
    pub color: bool,
}

/// Renders a report in a format.
pub fn render(
    format: Format,
    report: &Report,
    cx: &RenderCtx<'_>,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Text => text::render(report, cx, out, false),
        Format::Concise => text::render(report, cx, out, true),
        Format::Json => json::render(report, cx, out),
    }
}
