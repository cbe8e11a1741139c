//! The extractor: article text → quotations with speakers, and draft claims with evidence.
//!
//! A pure library stage (no I/O, no printing) that the `extract` command and `check` call
//! on each source document. All word lists come from `rules/extraction.yaml`
//! ([`Lexicon`]); what is particular to a story — people, aliases, concepts — comes from
//! the claim files ([`Names`]). Nothing in the code names a person, an outlet or a story.
//!
//! ```text
//! text ─prepare─▶ tokens, paragraphs, sentences ─quotes─▶ quoted spans
//!      ─speaker/attribution─▶ quotes and reported speech with speakers and dates
//!      ─claims─▶ drafts (status, causes, ages), matched to the story's entities and concepts
//! ```
//!
//! # Use
//!
//! ```
//! use claimcheck::extract::{extract, Document, Lexicon, Names};
//! let names = Names::from_yaml("entities:\n  - {id: ann, name: Ann Lee, kind: person, aliases: [Lee]}\n").unwrap();
//! let doc = Document { text: "“I think he is serious,” Lee said on Friday.", published: None, outlet: None };
//! let x = extract(&doc, &Lexicon::defaults(), &names);
//! assert_eq!(x.quotes[0].speaker.as_ref().unwrap().entity.as_deref(), Some("ann"));
//! ```
//!
//! # Choices (precision first: a missing claim costs little, a wrong speaker misleads)
//!
//! - **Input.** Binary data (over 10% control or invalid characters) yields nothing and a
//!   warning; U+FFFD replacement characters are counted in a warning; HTML (a doctype, or
//!   three known tags) is blanked in place — tags become spaces, block tags paragraph
//!   breaks — so every byte range still points into the caller's text. A front-matter
//!   block (`---` … `---` at the top) is blanked too: it is metadata ([`article_meta`]
//!   reads it, and HTML metadata, for the outlet and the publication date).
//! - **Segmentation.** Paragraphs are separated by blank lines, or by line breaks unless
//!   the next line continues a hard-wrapped sentence. Sentences end at `.`, `!`, `?`
//!   before a capitalised word or a quotation mark, but not after titles ("Mr.") and
//!   initials, nor after other abbreviations ("U.S.", "Jan.") unless a common sentence
//!   opener follows. A spaced " ... " is a connector, not an end.
//! - **Quotation marks** are paired per paragraph, so an unbalanced mark costs at most its
//!   paragraph (and is counted in a warning). A paragraph left open whose successor opens
//!   with a mark continues the quote. Spans under `quotes.min_words` words or in Title
//!   Case are titles and scare quotes, not speech; they may be part of an epithet ("the
//!   'Yikes' rapper").
//! - **Speakers** (module `attribution` for the patterns, `speaker` for resolution).
//!   Names and aliases from [`Names`] resolve to entity ids; capitalised names the
//!   vocabulary does not know become article names (a [`Speaker`] with no entity).
//!   Epithets resolve through aliases, then through appositions the article makes ("West,
//!   the 41-year-old rapper"; "wife Chrissy Teigen"; "the rapper" once resolved keeps its
//!   referent). A definite role epithet ("the Grammy Award winner", "the father-of-two")
//!   and "he"/"she" resolve by salience: the most recent subject-like mention of a
//!   gender-compatible person in the current and previous paragraph, refused when another
//!   person competes in that sentence or when the window holds several people and no
//!   subject; "continued"/"added" prefer the previous quote's speaker. Indefinite and
//!   agent epithets ("a source", "a spokesman", "his rep") are never resolved. Text with no
//!   speaker pattern — an embedded post with no signature — gets no speaker.
//! - **Speech dates** follow HeidelTime's news conventions against `published` (module
//!   `time`). A quote with no date of its own takes the date of the quote it continues, or
//!   of the same speaker's quote in the same or previous paragraph.
//! - **Claims** (module `claims`), from quotations and reported speech of a known speaker
//!   and from narrative (the outlet's voice, `speaker: None`):
//!   - causes of an ending or a strain, and what someone is upset about ("because (of)",
//!     "due to", "over" after a dispute word, "could not withstand", "it's more about"
//!     with a "why …" clause, "not so much X … but Y");
//!   - status between two people ("we aren't friends", "the duo has seen each other");
//!   - support and opposition ("I didn't support his run", "outspoken against Trump");
//!   - ages ("Legend, 39,", "the 41-year-old rapper"), valid at `published`;
//!   - any predicate whose definition in the rules lists extraction cues (module
//!     `claims::cues`; figures in module `figure`): "at least 500 people were killed in
//!     the stampede" is a `death-toll` of `{min: 500}`, with the subject a story entity
//!     named in the sentence or no draft.
//!
//!   Status and support claims have the two people as subject and object; causes have
//!   the **relationship entity** of [`Names`] as subject: an alias of it in the clause, or
//!   the one relationship whose members include every person named in the clause plus the
//!   speaker when the clause says "we"/"our"/"I" (or, in reported speech, "he"/"his"). A
//!   relationship's members are inferred from its id, name and aliases (people whose
//!   single-word names occur in them: `legend-west-friendship` → Legend, West) unless
//!   [`NameEntity::members`] lists them. A cause matching a concept form becomes that
//!   concept (module `names`: stems, entity ids, negation must agree); otherwise it is kept
//!   as a literal with a low confidence. Negation outside the matched words denies;
//!   hedges ("I think", "apparently", "not exactly") make the claim hedged.
//! - **Speed.** Every pass is linear in the text: lookups are hash tables, patterns look
//!   a bounded number of tokens around their anchor, and salience scans a bounded window.

mod attribution;
mod claims;
mod cues;
mod figure;
mod lexicon;
mod meta;
mod names;
mod quotes;
mod relay;
mod speaker;
mod text;
mod time;
mod words;

pub use lexicon::{DEFAULT_LEXICON, Lexicon, LexiconError};
pub use meta::{ArticleMeta, article_meta};
pub use names::{NameConcept, NameEntity, Names};

use crate::model::{Attribution, FuzzyDate, Modality, ObjectValue, Polarity, Valid};
use serde::Serialize;
use std::ops::Range;

/// An article to extract from.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The text (lossily decoded by the caller if it was not UTF-8).
    pub text: &'a str,
    /// The publication date: the anchor for relative dates and ages.
    pub published: Option<FuzzyDate>,
    /// The outlet, recorded as the reporter of paraphrases.
    pub outlet: Option<&'a str>,
}

/// What the extractor found in one document. All ranges are byte ranges in the text.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Extraction {
    /// Sentences.
    pub sentences: Vec<Range<usize>>,
    /// Paragraphs.
    pub paragraphs: Vec<Range<usize>>,
    /// Quotations (direct speech, including signed tweets) and reported speech
    /// (`direct: false`), in text order.
    pub quotes: Vec<Quote>,
    /// Draft claims, in text order.
    pub drafts: Vec<Draft>,
    /// Problems with the input (HTML, binary data, unbalanced quotation marks).
    pub warnings: Vec<String>,
}

/// A quotation or a piece of reported speech.
#[derive(Debug, Clone, Serialize)]
pub struct Quote {
    /// The words: inside the quotation marks, or the reported clause.
    pub range: Range<usize>,
    /// The words as written.
    pub text: String,
    /// Who said them; `None` when no speaker is attributable (never a guess).
    pub speaker: Option<Speaker>,
    /// The speaker phrase in the text even when it could not be resolved ("the singer").
    pub speaker_phrase: Option<Range<usize>>,
    /// The cue ("said", "according to", the tweet's signature dash).
    pub cue: Option<Range<usize>>,
    /// When it was said.
    #[serde(serialize_with = "ser_date")]
    pub said: Option<FuzzyDate>,
    /// The time expression the date came from.
    pub said_text: Option<Range<usize>>,
    /// Quotation (the speaker's own words) or reported speech (the outlet's account).
    pub direct: bool,
    /// For reported speech: the outlet that reports it ([`Document::outlet`]).
    pub reporter: Option<String>,
    /// Quotations inside this one.
    pub nested: Vec<Range<usize>>,
    /// Who passed the words on to the article, when the text names a relay ("told CNN",
    /// "in an interview with NBC News", "AP reported that …", "according to AFP").
    pub via: Option<Speaker>,
    /// Which rule attributed it (`quote-speaker-cue`, `same-paragraph`, …).
    pub rule: String,
    /// Confidence in the attribution, 0–1 (0 without a speaker).
    pub confidence: f64,
    /// 1-based line of the words.
    pub line: usize,
    /// 1-based column of the words (in characters).
    pub column: usize,
    /// The sentence the words start in.
    pub sentence: String,
}

/// A speaker.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Speaker {
    /// The entity's display name, or the name as written.
    pub name: String,
    /// The entity id, when the speaker is one of [`Names`]'s entities.
    pub entity: Option<String>,
    /// The speaker phrase in the text ("he", "the model", "Legend").
    pub range: Range<usize>,
    /// A description of an unnamed speaker ("a spokesman for the company"), as written.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub described: bool,
    /// An organisation (an entity that is not a person): its people speak for it.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub organisation: bool,
}

/// The object of a draft claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DraftObject {
    /// An entity id.
    Entity(String),
    /// A concept id.
    Concept(String),
    /// Words that matched no entity or concept.
    Literal(String),
    /// A number with a unit.
    Number {
        /// The value.
        value: f64,
        /// The unit (`years`).
        unit: Option<String>,
    },
    /// A bounded, ranged or approximate figure ("at least 500", "between 100 and 300",
    /// "nearly 500"), with a unit.
    Figure {
        /// The figure.
        amount: crate::model::Amount,
        /// The unit (`USD`).
        unit: Option<String>,
    },
    /// A vague amount of the rules (`dozens`), by name.
    Vague(String),
}

/// When a draft's statement holds.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct DraftValid {
    /// At this date.
    #[serde(serialize_with = "ser_date", skip_serializing_if = "Option::is_none")]
    pub at: Option<FuzzyDate>,
    /// From this date on.
    #[serde(serialize_with = "ser_date", skip_serializing_if = "Option::is_none")]
    pub from: Option<FuzzyDate>,
    /// Up to this date.
    #[serde(serialize_with = "ser_date", skip_serializing_if = "Option::is_none")]
    pub to: Option<FuzzyDate>,
}

/// Where a draft's words are.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    /// 1-based line of the first byte.
    pub line: usize,
    /// 1-based column (in characters).
    pub column: usize,
    /// Byte range of the quoted words.
    pub range: Range<usize>,
    /// The whole sentence.
    pub sentence: String,
}

/// A draft claim in the claim-file vocabulary, for review.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Draft {
    /// Entity id the claim is about.
    pub subject: String,
    /// A predicate of `rules/predicates.yaml`.
    pub predicate: String,
    /// The value.
    pub object: Option<DraftObject>,
    /// Affirmed or denied.
    pub polarity: Polarity,
    /// Asserted or hedged.
    pub modality: Modality,
    /// Entity id of the speaker; `None` when the outlet asserts it.
    pub speaker: Option<String>,
    /// Entity ids of the relays the words came through, nearest the outlet first ("told
    /// CNN": `cnn`).
    pub via: Vec<String>,
    /// How a figure was measured: `counted` holds what it counts when that narrows it
    /// ("candle factory employees").
    pub scope: Vec<(String, String)>,
    /// The speaker's own words, or the outlet's account.
    pub attribution: Attribution,
    /// The outlet reporting it (for paraphrases and the outlet's own claims).
    pub reporter: Option<String>,
    /// When it was said.
    #[serde(serialize_with = "ser_date")]
    pub said: Option<FuzzyDate>,
    /// When it holds.
    pub valid: Option<DraftValid>,
    /// The exact words in the document.
    pub quote: String,
    /// The extractor's confidence, 0–1.
    pub confidence: f64,
    /// The rule that produced it (`cause:because-of`, `status`, `age:apposition`, …).
    pub rule: String,
    /// Where it is.
    pub evidence: Evidence,
}

impl Draft {
    /// The object as a claim-file value.
    pub fn object_value(&self) -> Option<ObjectValue> {
        self.object.as_ref().map(|o| match o {
            DraftObject::Entity(e) => ObjectValue::Entity(e.clone()),
            DraftObject::Concept(c) => ObjectValue::Concept(c.clone()),
            DraftObject::Literal(l) => ObjectValue::Literal(l.clone()),
            DraftObject::Number { value, unit } => ObjectValue::Number(*value, unit.clone()),
            DraftObject::Figure { amount, unit } => ObjectValue::Amount(*amount, unit.clone()),
            DraftObject::Vague(name) => ObjectValue::Name(name.clone()),
        })
    }

    /// The validity as a claim-file value.
    pub fn valid_value(&self) -> Option<Valid> {
        self.valid.map(|v| Valid {
            at: v.at,
            from: v.from,
            to: v.to,
            ..Valid::default()
        })
    }
}

/// A quote's speech date and the time expression it came from.
pub(crate) type SpeechDate = Option<(FuzzyDate, Option<Range<usize>>)>;

fn ser_date<S: serde::Serializer>(d: &Option<FuzzyDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&d.to_string()),
        None => s.serialize_none(),
    }
}

/// Extracts quotations, speakers and draft claims from one document.
///
/// Never panics on any input; problems go to `warnings`. Runs in time linear in the
/// length of the text.
pub fn extract(doc: &Document<'_>, lexicon: &Lexicon, names: &Names) -> Extraction {
    let index = names::NameIndex::new(names, lexicon);
    extract_with(doc, lexicon, &index)
}

/// A compiled [`Names`], to extract from many documents without recompiling it.
#[derive(Debug, Clone)]
pub struct CompiledNames(names::NameIndex);

impl CompiledNames {
    /// Compiles names against a lexicon.
    pub fn new(names: &Names, lexicon: &Lexicon) -> Self {
        Self(names::NameIndex::new(names, lexicon))
    }
}

/// [`extract`] with names compiled once ([`CompiledNames`]), e.g. for a benchmark.
pub fn extract_compiled(
    doc: &Document<'_>,
    lexicon: &Lexicon,
    names: &CompiledNames,
) -> Extraction {
    extract_with(doc, lexicon, &names.0)
}

/// The words of a statement, normalised and flagged (negations, hedges, numbers, names),
/// for comparing outlets' versions of it (`check --suggest`); computed on demand, as plain
/// extraction does not need them.
pub fn statement_words(text: &str, lexicon: &Lexicon) -> Vec<crate::model::StatementWord> {
    let doc = text::Doc::new(text, lexicon);
    words::statement_words(&doc, lexicon, 0..doc.toks.len())
}

/// Sentence and paragraph segmentation only (byte ranges), e.g. for a benchmark.
pub fn segment(text: &str, lexicon: &Lexicon) -> (Vec<Range<usize>>, Vec<Range<usize>>) {
    let prepared = text::prepare(text, lexicon);
    let d = text::Doc::new(&prepared.text, lexicon);
    (d.sents, d.paras)
}

fn extract_with(input: &Document<'_>, lex: &Lexicon, index: &names::NameIndex) -> Extraction {
    let mut out = Extraction::default();
    if input.text.len() > u32::MAX as usize / 2 {
        out.warnings.push(format!(
            "the text is too large to extract from ({} bytes)",
            input.text.len()
        ));
        return out;
    }
    let prepared = text::prepare(input.text, lex);
    out.warnings.extend(prepared.warnings.iter().cloned());
    if prepared.binary {
        return out;
    }
    let mut doc = text::Doc::new(&prepared.text, lex);
    out.sentences = doc.sents.clone();
    out.paragraphs = doc.paras.clone();
    if doc.toks.is_empty() {
        return out;
    }
    let scan = quotes::scan(&mut doc, lex);
    if scan.unbalanced > 0 {
        let mut cur = doc.cursor();
        let line = scan.first_unbalanced.map_or(1, |b| cur.line_col(b).0);
        out.warnings.push(format!(
            "{} unbalanced quotation mark(s), the first on line {line}; extraction resumed at the next paragraph",
            scan.unbalanced
        ));
    }
    let doc = doc;
    let mut article = speaker::Article::new(&doc, lex, index);
    let requests = claims::requests(&article);
    let nps: Vec<speaker::Np> = requests.iter().map(|r| r.np.clone()).collect();
    let (said, answers) = attribution::attribute(&mut article, &scan.spans, &nps);
    let dates = speech_dates(&article, &said, input.published);
    let mut cursor = doc.cursor();
    for (k, s) in said.iter().enumerate() {
        // The speaker phrase: this quote's, or that of the quote it inherits from.
        let mut from = s;
        for _ in 0..said.len().min(64) {
            match (from.site.is_none(), from.inherited) {
                (true, Some(j)) => from = &said[j],
                _ => break,
            }
        }
        let speaker = s.who.map(|w| Speaker {
            name: article.display(w),
            entity: match w {
                speaker::Who::Ent(e) => Some(index.ents[e].id.clone()),
                speaker::Who::Name(_) => None,
            },
            range: from
                .site
                .as_ref()
                .map_or(0..0, |x| doc.byte_range(x.np.start, x.np.end)),
            described: article.is_description(w),
            organisation: matches!(w, speaker::Who::Ent(e) if !article.is_person(e)),
        });
        let (line, column) = cursor.line_col(s.bytes.start);
        let via = s.via.as_ref().zip(s.via_who).map(|(np, w)| {
            let text = doc.span_text(np.start, np.end);
            let text = text
                .trim_end_matches(['\'', '\u{2019}'])
                .trim_end_matches("'s")
                .trim_end_matches("\u{2019}s");
            Speaker {
                name: match w {
                    speaker::Who::Ent(_) => article.display(w),
                    speaker::Who::Name(_) => text.to_string(),
                },
                entity: match w {
                    speaker::Who::Ent(e) => Some(index.ents[e].id.clone()),
                    speaker::Who::Name(_) => None,
                },
                range: doc.byte_range(np.start, np.end),
                described: false,
                organisation: false,
            }
        });
        let sentence = doc
            .sents
            .get(doc.toks[s.toks.start.min(doc.toks.len() - 1)].sent as usize)
            .map_or_else(String::new, |r| {
                text::sentence_excerpt(&prepared.text, r.clone(), s.bytes.start)
            });
        out.quotes.push(Quote {
            range: s.bytes.clone(),
            text: prepared.text[s.bytes.clone()].to_string(),
            speaker,
            speaker_phrase: s
                .site
                .as_ref()
                .map(|x| doc.byte_range(x.np.start, x.np.end)),
            cue: s
                .site
                .as_ref()
                .map(|x| doc.byte_range(x.cue.start, x.cue.end)),
            said: dates[k].as_ref().map(|t| t.0),
            said_text: dates[k].as_ref().and_then(|t| t.1.clone()),
            direct: s.direct,
            reporter: if s.direct {
                None
            } else {
                input.outlet.map(str::to_string)
            },
            nested: s.nested.clone(),
            via,
            rule: s.rule.to_string(),
            confidence: if s.who.is_some() { s.conf } else { 0.0 },
            line,
            column,
            sentence,
        });
    }
    let ctx = claims::Ctx {
        article: &article,
        said: &said,
        dates: &dates,
        published: input.published,
        outlet: input.outlet,
    };
    let mut drafts = claims::drafts(&ctx, &requests, &answers);
    drafts.sort_by(|a, b| {
        (a.evidence.range.start, a.evidence.range.end)
            .cmp(&(b.evidence.range.start, b.evidence.range.end))
            .then_with(|| a.predicate.cmp(&b.predicate))
    });
    drafts.dedup_by(|a, b| {
        a.subject == b.subject
            && a.predicate == b.predicate
            && a.object == b.object
            && a.polarity == b.polarity
            && a.speaker == b.speaker
            && a.evidence.range == b.evidence.range
    });
    let mut cursor = doc.cursor();
    for d in &mut drafts {
        let (line, column) = cursor.line_col(d.evidence.range.start);
        d.evidence.line = line;
        d.evidence.column = column;
    }
    out.drafts = drafts;
    out
}

/// The date of each quote's speech act: its own time expression, else the date of the
/// quote it inherits from, else that of the same speaker's previous quote in the same or
/// the previous paragraph.
fn speech_dates(
    a: &speaker::Article<'_, '_>,
    said: &[attribution::Said],
    published: Option<FuzzyDate>,
) -> Vec<SpeechDate> {
    let doc = a.doc;
    let mut out: Vec<SpeechDate> = Vec::with_capacity(said.len());
    for (k, s) in said.iter().enumerate() {
        let mut date = None;
        if let Some(r) = &s.dated {
            date = time::absolute(doc, a.lex, r.clone())
                .map(|t| (t.date, Some(doc.byte_range(t.toks.start, t.toks.end))));
        } else if let Some(site) = &s.site {
            let cue = doc.norm(site.cue.start);
            let past = cue.ends_with("ed")
                || a.lex.past_hints.contains(cue)
                || a.lex.irregular.contains_key(cue) && !cue.ends_with('s');
            date = time::find(doc, a.lex, site.time_seg.clone(), published, past)
                .map(|t| (t.date, Some(doc.byte_range(t.toks.start, t.toks.end))));
        }
        if date.is_none()
            && let Some(j) = s.inherited
        {
            date = out.get(j).cloned().flatten();
        }
        if date.is_none() && s.direct && s.who.is_some() {
            let para = doc.toks[s.toks.start].para;
            for j in (k.saturating_sub(16)..k).rev() {
                let p = &said[j];
                if doc.toks[p.toks.start].para + 1 < para {
                    break;
                }
                if p.direct && p.who == s.who && p.dated.is_none() {
                    date = out[j].clone();
                    break;
                }
            }
        }
        out.push(date);
    }
    out
}
