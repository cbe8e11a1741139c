//! What a resolved claim keeps of the claim as written: its id and place, how it is put,
//! and the few written fields the checks and reports read (scope, quote, note,
//! suppressions, the valid time as written). The parsed [`Claim`] itself is dropped once
//! resolved, so a corpus of a million claims holds a few hundred bytes per claim, not the
//! parse tree; `claimcheck export`, which writes claims back as written, asks `resolve`
//! to keep the parsed claims beside the corpus.

use crate::model::{
    Attribution, Claim, FuzzyDate, Located, Modality, Origin, Polarity, Span, Suppression, Valid,
};

/// The written part of a resolved claim.
#[derive(Debug, Clone)]
pub struct Written {
    /// Unique id, where it is written.
    pub id: Located<Box<str>>,
    /// Where the whole item starts.
    pub span: Span,
    /// Affirmed, denied or undetermined.
    pub polarity: Polarity,
    /// Asserted or hedged.
    pub modality: Modality,
    /// The speaker's own words or the outlet's paraphrase.
    pub attribution: Attribution,
    /// Written by hand or drafted by the extractor.
    pub origin: Origin,
    /// "The only reason": makes a cause exclusive of other causes.
    pub exclusive: bool,
    /// Drafted in this run from a source document (not read from a claim file).
    pub suggested: bool,
    /// The valid time as written, for display (`None` without `valid`).
    pub valid: Option<WrittenValid>,
    /// The exact words in the source document.
    pub quote: Option<Box<Located<String>>>,
    /// Fields few claims have.
    rare: Option<Box<Rare>>,
}

/// The written fields few claims have, boxed together.
#[derive(Debug, Clone, Default)]
struct Rare {
    scope: Box<[(String, String)]>,
    retracts: Option<Located<String>>,
    note: Option<String>,
    suppress: Vec<Suppression>,
    /// The parsed claim, kept only when `resolve` is asked to (`claimcheck export`).
    parsed: Option<Box<Claim>>,
}

impl Written {
    /// Keeps the written part of `c` (moving its strings, not copying them), and `c`
    /// itself when `keep_parsed`.
    pub fn new(c: Box<Claim>, keep_parsed: bool) -> Self {
        if keep_parsed {
            let mut w = Self::new(c.clone(), false);
            w.rare.get_or_insert_default().parsed = Some(c);
            return w;
        }
        let c = *c;
        let valid = c.valid.as_ref().map(|v| WrittenValid::new(&v.value));
        let rare = (!c.scope.is_empty()
            || c.retracts.is_some()
            || c.note.is_some()
            || !c.suppress.is_empty())
        .then(|| {
            Box::new(Rare {
                scope: c.scope,
                retracts: c.retracts.map(|r| *r),
                note: c.note,
                suppress: c.suppress,
                parsed: None,
            })
        });
        Self {
            id: Located::new(c.id.value.into_boxed_str(), c.id.span),
            span: c.span,
            polarity: c.polarity,
            modality: c.modality,
            attribution: c.attribution,
            origin: c.origin,
            exclusive: c.exclusive,
            suggested: c.suggested,
            valid,
            quote: c.quote.map(Box::new),
            rare,
        }
    }

    /// How the stated figure or fact was measured, sorted by key (empty: not scoped).
    pub fn scope(&self) -> &[(String, String)] {
        self.rare.as_ref().map_or(&[], |r| &r.scope)
    }

    /// The id of the earlier claim this one takes back, where it is written.
    pub fn retracts(&self) -> Option<&Located<String>> {
        self.rare.as_ref().and_then(|r| r.retracts.as_ref())
    }

    /// Free text.
    pub fn note(&self) -> Option<&str> {
        self.rare.as_ref().and_then(|r| r.note.as_deref())
    }

    /// The claim as parsed, when `resolve` kept it ([`super::resolve_keeping_parsed`]).
    pub fn parsed(&self) -> Option<&Claim> {
        self.rare.as_ref().and_then(|r| r.parsed.as_deref())
    }

    /// Findings this claim suppresses.
    pub fn suppress(&self) -> &[Suppression] {
        self.rare.as_ref().map_or(&[], |r| &r.suppress)
    }
}

/// Which keys a `valid` gave, with at most the two dates that are shown.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WrittenValid {
    /// `at`.
    At(FuzzyDate),
    /// `from` and/or `to`.
    Span(Option<FuzzyDate>, Option<FuzzyDate>),
    /// `after` and/or `before`: at some unstated time between them.
    Somewhere(Option<FuzzyDate>, Option<FuzzyDate>),
}

impl WrittenValid {
    fn new(v: &Valid) -> Self {
        match v.at {
            Some(at) => Self::At(at),
            None if v.from.is_some() || v.to.is_some() => Self::Span(v.from, v.to),
            None => Self::Somewhere(v.after, v.before),
        }
    }

    /// The valid time as written: "from 2015 to 2016", "at some time before 2022-05-28T21:15+02:00";
    /// `None` when nothing was given (`valid: {}`).
    pub fn text(&self) -> Option<String> {
        Some(match *self {
            Self::At(at) => at.to_string(),
            Self::Span(Some(f), Some(t)) => format!("from {f} to {t}"),
            Self::Span(Some(f), None) => format!("from {f} on"),
            Self::Span(None, Some(t)) => format!("until {t}"),
            Self::Somewhere(Some(a), Some(b)) => format!("at some time between {a} and {b}"),
            Self::Somewhere(Some(a), None) => format!("at some time after {a}"),
            Self::Somewhere(None, Some(b)) => format!("at some time before {b}"),
            Self::Span(None, None) | Self::Somewhere(None, None) => return None,
        })
    }
}
