//! The items a claim file declares, as loaded (references not yet resolved).

use super::{Amount, FuzzyDate, Span};
use serde::{Deserialize, Serialize};

/// A value with the place it was written.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Span,
}

impl<T> Located<T> {
    /// Pairs a value with a span.
    pub fn new(value: T, span: Span) -> Self {
        Self { value, span }
    }
}

/// An article or other publication that claims come from.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Source {
    /// Unique id.
    pub id: Located<String>,
    /// Where the whole item starts.
    pub span: Span,
    /// The outlet that published it (`TMZ`, `OK!`); defaults to the id.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Address.
    pub url: Option<String>,
    /// Publication date.
    pub published: Option<Located<FuzzyDate>>,
    /// Path of the article text, relative to the claim file.
    pub document: Option<Located<String>>,
}

/// A person, relationship, organisation, event or anything else claims are about.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Entity {
    /// Unique id.
    pub id: Located<String>,
    /// Where the whole item starts.
    pub span: Span,
    /// Display name.
    pub name: Option<String>,
    /// `person`, `relationship`, `organisation`, `event`, …
    pub kind: Option<String>,
    /// Other names that mean this entity.
    pub aliases: Vec<Located<String>>,
    /// Entities this one is part of (the IDF is part of Israel), or the classes it belongs
    /// to (an inauguration is one of the inaugurations).
    #[serde(default)]
    pub part_of: Vec<Located<String>>,
}

/// A reusable value (a cause, a position) with the surface forms texts use for it.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Concept {
    /// Unique id.
    pub id: Located<String>,
    /// Where the whole item starts.
    pub span: Span,
    /// Display name.
    pub name: Option<String>,
    /// Surface forms: phrases that express this concept.
    pub forms: Vec<Located<String>>,
    /// Broader concepts this one is a case of (`his-supporting-trump` is a case of `politics`).
    #[serde(default)]
    pub broader: Vec<Located<String>>,
}

/// Whether a claim affirms or denies its proposition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// The proposition holds.
    Affirmed,
    /// The proposition does not hold.
    Denied,
    /// Not known: "not confirmed", "under investigation", "I don't know whether".
    Undetermined,
}

impl Polarity {
    /// The other polarity (undetermined stays undetermined).
    pub fn negated(self) -> Self {
        match self {
            Self::Affirmed => Self::Denied,
            Self::Denied => Self::Affirmed,
            Self::Undetermined => Self::Undetermined,
        }
    }
}

/// How firmly a claim is put.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Modality {
    /// Stated as fact.
    Asserted,
    /// Hedged: "I think", "apparently", "reportedly".
    Hedged,
}

/// Whether the claim is the speaker's own words or the outlet's account of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// A direct quote: the speaker's own words.
    Direct,
    /// The outlet's paraphrase or indirect report of what the speaker said.
    Paraphrase,
}

/// Where a claim came from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// Written by a person.
    Written,
    /// Drafted by the extractor; a suggestion until reviewed.
    Extracted,
}

/// The object of a claim.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ObjectValue {
    /// A name: an entity or concept id or alias if one matches, else a literal.
    Name(String),
    /// Explicitly an entity.
    Entity(String),
    /// Explicitly a concept.
    Concept(String),
    /// Explicitly a literal text.
    Literal(String),
    /// A number, with an optional unit.
    Number(f64, Option<String>),
    /// A date.
    Date(FuzzyDate),
    /// A bounded, ranged or approximate figure, with an optional unit.
    Amount(Amount, Option<String>),
    /// A record: `rank` (1 = the largest) among the members of a class (an entity or
    /// concept id).
    Rank {
        /// 1 for "the largest ever".
        rank: u32,
        /// The class: members are entities `part-of` it or of that `kind`.
        among: String,
    },
    /// A figure given relative to another one.
    Relative {
        /// More, less, or a change by a fraction.
        relation: Comparison,
        /// A claim id, or an entity whose figure for the same predicate is meant.
        to: String,
    },
}

/// How a relative object relates to its reference.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Comparison {
    /// Larger than the reference (`more-than`).
    MoreThan,
    /// Smaller than the reference (`less-than`).
    LessThan,
    /// Changed by this fraction from the reference (`change: -18%` is -0.18).
    Change(f64),
}

/// When the stated thing holds.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Valid {
    /// At this date (its whole precision).
    pub at: Option<FuzzyDate>,
    /// From this date on.
    pub from: Option<FuzzyDate>,
    /// Up to and including this date.
    pub to: Option<FuzzyDate>,
    /// At some unstated time before this date.
    #[serde(default)]
    pub before: Option<FuzzyDate>,
    /// At some unstated time after this date.
    #[serde(default)]
    pub after: Option<FuzzyDate>,
}

/// A claim's request to hide one finding.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Suppression {
    /// The check code or name.
    pub check: Located<String>,
    /// The other claim of the finding, if only findings with it are meant.
    pub claim: Option<Located<String>>,
    /// Why (required).
    pub reason: String,
    /// After this date the suppression no longer applies.
    pub expires: Option<Located<FuzzyDate>>,
    /// Where the suppression is written.
    pub span: Span,
}

/// Who said (or reported) what about whom, when, and where it is written.
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
pub struct Claim {
    /// Unique id.
    pub id: Located<String>,
    /// Where the whole item starts.
    pub span: Span,
    /// The source (article) id.
    pub source: Located<String>,
    /// Who said it; `None` means the outlet itself asserts it.
    pub speaker: Option<Located<String>>,
    /// The relays between the speaker (or the outlet's source) and the outlet, nearest the
    /// outlet first (`[ap]`: the outlet got it from AP).
    #[serde(default)]
    pub via: Box<[Located<String>]>,
    /// How the stated figure or fact was measured (`measure`, `window`, …): claims are
    /// compared only when they agree on every key both have. Sorted by key.
    #[serde(default)]
    pub scope: Box<[(String, String)]>,
    /// The id of an earlier claim of the same speaker that this one takes back.
    #[serde(default)]
    pub retracts: Option<Box<Located<String>>>,
    /// When it was said (default: the source's publication date).
    pub said: Option<Located<FuzzyDate>>,
    /// What it is about.
    pub subject: Located<String>,
    /// The relation or property.
    pub predicate: Located<String>,
    /// The value, if the predicate takes one.
    pub object: Option<Located<ObjectValue>>,
    /// Affirmed or denied.
    pub polarity: Polarity,
    /// Asserted or hedged.
    pub modality: Modality,
    /// The speaker's own words or the outlet's paraphrase.
    pub attribution: Attribution,
    /// "The only reason": makes a cause exclusive of other causes.
    pub exclusive: bool,
    /// When the stated thing holds.
    pub valid: Option<Located<Valid>>,
    /// The exact words in the source document.
    pub quote: Option<Located<String>>,
    /// Free text.
    pub note: Option<String>,
    /// Findings this claim suppresses.
    pub suppress: Vec<Suppression>,
    /// Written by hand or drafted by the extractor.
    pub origin: Origin,
    /// The extractor's confidence, for extracted claims.
    pub confidence: Option<f64>,
    /// Drafted in this run from a source document (not read from a claim file); a claim
    /// read from a file replaces it when both say the same.
    #[serde(default)]
    pub suggested: bool,
}
