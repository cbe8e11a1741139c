//! Plain data shared by every stage: files and spans, fuzzy dates and intervals,
//! the claim-file items (sources, entities, concepts, claims), and the statements the
//! extractor reads in articles.
//!
//! Nothing here does I/O or knows about later stages; `load` fills these types and
//! everything downstream reads them.

mod date;
mod item;
mod problem;
mod span;
mod statement;

pub use date::{FuzzyDate, Interval, today};
pub use item::{
    Attribution, Claim, Concept, Entity, Located, Modality, ObjectValue, Origin, Polarity, Source,
    Suppression, Valid,
};
pub use problem::{Problem, ProblemKind};
pub use span::{FileId, SourceFile, SourceMap, Span, line_col, normalize_path};
pub use statement::{Statement, StatementSpeaker, StatementWord, word};
