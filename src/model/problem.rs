//! Problems found while loading and resolving input, before any check runs.

use super::Span;

/// What kind of input problem; each kind is reported by exactly one check.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum ProblemKind {
    /// The file cannot be read or parsed (syntax, types, unknown keys, limits, encoding).
    InvalidFile,
    /// Two items share an id.
    DuplicateId,
    /// A reference names no known source, entity, concept or claim.
    UnknownReference,
    /// A date is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, or an interval is inverted.
    InvalidDate,
    /// A source's `document` does not exist or cannot be read.
    MissingDocument,
    /// A predicate is not in the vocabulary.
    UnknownPredicate,
}

/// One located problem in the input.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Problem {
    /// What kind.
    pub kind: ProblemKind,
    /// Where.
    pub span: Span,
    /// What is wrong, lowercase, no final period.
    pub message: String,
    /// How to fix it, if there is something to say.
    pub help: Option<String>,
}

impl Problem {
    /// A problem without help.
    pub fn new(kind: ProblemKind, span: Span, message: impl Into<String>) -> Self {
        Self {
            kind,
            span,
            message: message.into(),
            help: None,
        }
    }

    /// Adds help text.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}
