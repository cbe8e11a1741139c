//! Plain data shared by every stage: files and spans, fuzzy dates and intervals,
//! the claim-file items (sources, entities, concepts, claims), and the statements the
//! extractor reads in articles.
//!
//! Nothing here does I/O or knows about later stages; `load` fills these types and
//! everything downstream reads them.

mod date;
mod item;
mod problem;
mod quantity;
mod span;
mod statement;

pub use date::{FuzzyDate, Interval, Period, TimeOfDay, today};
pub use item::{
    Attribution, Claim, Comparison, Concept, Entity, Located, Modality, ObjectValue, Origin,
    Polarity, Source, Suppression, Valid,
};
pub use problem::{Problem, ProblemKind};
pub use quantity::{
    Amount, DEFAULT_ABOUT, Number, Tolerance, figure_asserts, figure_gap, figures_agree,
};
pub use span::{FileId, SourceFile, SourceMap, Span, line_col, normalize_path, text_hash};
pub use statement::{Statement, StatementSpeaker, StatementWord, word};
