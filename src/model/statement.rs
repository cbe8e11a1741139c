//! A statement an article prints: a quotation or a piece of reported speech, as the
//! extractor read it (`check --suggest`). The cross-outlet statement checks compare them.

use super::{FuzzyDate, Span};

/// Word flags: what a word of a statement is ([`StatementWord::flags`]).
pub mod word {
    /// A negation ("not", "never", "don't").
    pub const NEGATION: u8 = 1;
    /// Part of a hedge ("I think", "probably").
    pub const HEDGE: u8 = 2;
    /// A number ("500", "nine").
    pub const NUMBER: u8 = 4;
    /// Capitalised inside the sentence: a name.
    pub const NAME: u8 = 8;
    /// A function word ("the", "of", "is"): not content.
    pub const FUNCTION: u8 = 16;
    /// The first word of a sentence.
    pub const SENTENCE: u8 = 32;
}

/// One word of a statement, normalised (lower case, straight apostrophes).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementWord {
    /// The word.
    pub norm: String,
    /// [`word`] flags.
    pub flags: u8,
    /// As written.
    pub text: String,
}

/// Who said a statement.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatementSpeaker {
    /// The entity id, when the story's vocabulary knows the speaker.
    pub id: Option<String>,
    /// The entity's name, or the name (or description) as written.
    pub name: String,
    /// A description of an unnamed speaker ("a spokesman"), not a name.
    pub described: bool,
    /// An organisation, which its people speak for.
    pub organisation: bool,
}

/// A statement of an article.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The source (claim-file id) whose document prints it.
    pub source: String,
    /// The outlet that printed it (the source's outlet, else its id).
    pub outlet: String,
    /// The words in the article.
    pub span: Span,
    /// The words as printed.
    pub text: String,
    /// A quotation (the speaker's own words), or reported speech.
    pub direct: bool,
    /// Who said it, when the article says.
    pub speaker: Option<StatementSpeaker>,
    /// When it was said.
    pub said: Option<FuzzyDate>,
    /// Its words, in order, with what they are; ellipses are `…` words.
    pub words: Vec<StatementWord>,
}
