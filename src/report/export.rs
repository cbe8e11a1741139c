//! `claimcheck export --format jsonl`: the corpus as a JSON-lines claim file
//! (`*.claims.jsonl`, see `docs/claim-format.md`), which `claimcheck check` reads back to
//! the same findings. One item per line: `{"source": {…}}`, `{"entity": {…}}`,
//! `{"concept": {…}}`, then `{"claim": {…}}`. The inner objects hold the fields of the
//! YAML items as written (defaults left out). With `--resolved`, each claim line also
//! carries `"resolved": {…}`, the claim as claimcheck sees it after aliases, inverses and
//! time (canonical subject, predicate and object, valid days), so any other engine
//! (Datalog, SQL, a script) can run on exactly the corpus claimcheck checks; `check`
//! ignores it.

use crate::model::{
    Amount, Attribution, Claim, Comparison, Modality, ObjectValue, Origin, Polarity,
};
use crate::resolve::{Corpus, Object, ResolvedClaim};
use serde::Serialize;
use std::io::{self, Write};

/// One line of the export.
#[derive(Debug, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Line<'a> {
    /// A source.
    Source(SourceItem<'a>),
    /// An entity.
    Entity(TermItem<'a>),
    /// A concept.
    Concept(TermItem<'a>),
}

/// A source as a claim file writes it.
#[derive(Debug, Serialize)]
pub struct SourceItem<'a> {
    /// Id.
    pub id: &'a str,
    /// Outlet (left out when it is the id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outlet: Option<&'a str>,
    /// Publication date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<String>,
    /// The article, as its path from the folder the export ran in.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
}

/// An entity or a concept as a claim file writes it.
#[derive(Debug, Serialize)]
pub struct TermItem<'a> {
    /// Id.
    pub id: &'a str,
    /// Display name (left out when it is the id).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<&'a str>,
    /// Entity kind (left out when none was given).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'a str>,
    /// Entity aliases.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub aliases: Option<&'a [String]>,
    /// Concept surface forms.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forms: Option<&'a [String]>,
    /// The wholes an entity is part of (all of them, not only the nearest).
    #[serde(rename = "part-of", skip_serializing_if = "Vec::is_empty")]
    pub part_of: Vec<&'a str>,
    /// The broader concepts of a concept (all of them, not only the nearest).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub broader: Vec<&'a str>,
}

/// A claim line: the claim as written, and as resolved.
#[derive(Debug, Serialize)]
pub struct ClaimLine<'a> {
    /// The claim with the fields of the YAML format.
    pub claim: ClaimItem<'a>,
    /// Derived: the claim as claimcheck sees it (ignored when the line is read back).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<Resolved<'a>>,
}

/// A claim as a claim file writes it; defaults are left out.
#[derive(Debug, Serialize)]
pub struct ClaimItem<'a> {
    id: &'a str,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    speaker: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    via: Vec<&'a str>,
    #[serde(skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    scope: std::collections::BTreeMap<&'a str, &'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    retracts: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    said: Option<String>,
    subject: &'a str,
    predicate: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    object: Option<ObjectItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    polarity: Option<Polarity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    modality: Option<Modality>,
    #[serde(skip_serializing_if = "Option::is_none")]
    attribution: Option<Attribution>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    exclusive: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    valid: Option<ValidItem>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quote: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    suppress: Vec<SuppressItem<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<Origin>,
    #[serde(skip_serializing_if = "Option::is_none")]
    confidence: Option<f64>,
}

/// `object:` as written: a name, a number, or a mapping.
#[derive(Debug, Serialize)]
#[serde(untagged)]
enum ObjectItem<'a> {
    Name(&'a str),
    Number(f64),
    Tagged(Box<TaggedObject<'a>>),
}

#[derive(Debug, Default, Serialize)]
struct TaggedObject<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    entity: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    concept: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    literal: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    number: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    min: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    max: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    about: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unit: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rank: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    among: Option<&'a str>,
    #[serde(rename = "more-than", skip_serializing_if = "Option::is_none")]
    more_than: Option<&'a str>,
    #[serde(rename = "less-than", skip_serializing_if = "Option::is_none")]
    less_than: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    change: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct ValidItem {
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    from: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    to: Option<String>,
}

#[derive(Debug, Serialize)]
struct SuppressItem<'a> {
    check: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    claim: Option<&'a str>,
    reason: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expires: Option<String>,
}

/// A claim as resolved. Days are counted from 1970-01-01; an open end is `null`.
#[derive(Debug, Serialize)]
pub struct Resolved<'a> {
    /// Canonical subject id (after aliases, inverses and symmetric ordering).
    pub subject: &'a str,
    /// Canonical predicate.
    pub predicate: &'a str,
    /// Canonical object: an entity or concept id, a literal, a number, or a date.
    pub object: Option<String>,
    /// Said date as written or defaulted.
    pub said: Option<String>,
    /// First valid day.
    pub valid_from: Option<i64>,
    /// Last valid day.
    pub valid_to: Option<i64>,
    /// Claim file.
    pub file: String,
    /// Line of the claim's id.
    pub line: u32,
}

/// The claim fields of a loaded claim, as a claim file writes them.
pub fn claim_item(c: &Claim) -> ClaimItem<'_> {
    let default_attribution = match c.speaker {
        Some(_) => Attribution::Direct,
        None => Attribution::Paraphrase,
    };
    let object = c.object.as_ref().map(|o| match &o.value {
        ObjectValue::Name(n) => ObjectItem::Name(n),
        ObjectValue::Number(n, None) => ObjectItem::Number(*n),
        ObjectValue::Number(n, Some(unit)) => tagged(TaggedObject {
            number: Some(*n),
            unit: Some(unit),
            ..TaggedObject::default()
        }),
        ObjectValue::Entity(e) => tagged(TaggedObject {
            entity: Some(e),
            ..TaggedObject::default()
        }),
        ObjectValue::Concept(e) => tagged(TaggedObject {
            concept: Some(e),
            ..TaggedObject::default()
        }),
        ObjectValue::Literal(e) => tagged(TaggedObject {
            literal: Some(e),
            ..TaggedObject::default()
        }),
        ObjectValue::Date(d) => tagged(TaggedObject {
            date: Some(d.to_string()),
            ..TaggedObject::default()
        }),
        ObjectValue::Amount(amount, unit) => {
            let (min, max, about, number) = match *amount {
                Amount::Exact(n) => (None, None, None, Some(n)),
                Amount::AtLeast(a) => (Some(a), None, None, None),
                Amount::AtMost(b) => (None, Some(b), None, None),
                Amount::Between(a, b) => (Some(a), Some(b), None, None),
                Amount::About(n) => (None, None, Some(n), None),
            };
            tagged(TaggedObject {
                number,
                min,
                max,
                about,
                unit: unit.as_deref(),
                ..TaggedObject::default()
            })
        }
        ObjectValue::Rank { rank, among } => tagged(TaggedObject {
            rank: Some(*rank),
            among: Some(among),
            ..TaggedObject::default()
        }),
        ObjectValue::Relative { relation, to } => tagged(match relation {
            Comparison::MoreThan => TaggedObject {
                more_than: Some(to),
                ..TaggedObject::default()
            },
            Comparison::LessThan => TaggedObject {
                less_than: Some(to),
                ..TaggedObject::default()
            },
            Comparison::Change(f) => TaggedObject {
                change: Some(format!("{}%", f * 100.0)),
                from: Some(to),
                ..TaggedObject::default()
            },
        }),
    });
    let date = |d: Option<crate::model::FuzzyDate>| d.map(|d| d.to_string());
    ClaimItem {
        id: &c.id.value,
        source: &c.source.value,
        speaker: c.speaker.as_ref().map(|s| s.value.as_str()),
        via: c.via.iter().map(|v| v.value.as_str()).collect(),
        scope: c
            .scope
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect(),
        retracts: c.retracts.as_ref().map(|r| r.value.as_str()),
        said: c.said.as_ref().map(|d| d.value.to_string()),
        subject: &c.subject.value,
        predicate: &c.predicate.value,
        object,
        polarity: (c.polarity != Polarity::Affirmed).then_some(c.polarity),
        modality: (c.modality != Modality::Asserted).then_some(c.modality),
        attribution: (c.attribution != default_attribution).then_some(c.attribution),
        exclusive: c.exclusive,
        valid: c.valid.as_ref().map(|v| ValidItem {
            at: date(v.value.at),
            from: date(v.value.from),
            to: date(v.value.to),
        }),
        quote: c.quote.as_ref().map(|q| q.value.as_str()),
        note: c.note.as_deref(),
        suppress: c
            .suppress
            .iter()
            .map(|s| SuppressItem {
                check: &s.check.value,
                claim: s.claim.as_ref().map(|c| c.value.as_str()),
                reason: &s.reason,
                expires: s.expires.as_ref().map(|d| d.value.to_string()),
            })
            .collect(),
        origin: (c.origin != Origin::Written).then_some(c.origin),
        confidence: c.confidence,
    }
}

fn resolved<'a>(corpus: &'a Corpus, c: &'a ResolvedClaim, paths: &[String]) -> Resolved<'a> {
    let object = c.object.as_ref().map(|o| match o {
        Object::Term(t) => corpus.term(*t).id.clone(),
        Object::Literal(l) => l.clone(),
        other => corpus.object_text(Some(other)),
    });
    Resolved {
        subject: &corpus.term(c.subject).id,
        predicate: &corpus.vocabulary.def(c.predicate).name,
        object,
        said: c.said_date.map(|d| d.to_string()),
        // Day numbers (days since 1970-01-01); the interval is in minutes.
        valid_from: (c.valid.start != i64::MIN).then_some(c.valid.start.div_euclid(1440)),
        valid_to: (c.valid.end != i64::MAX).then_some(c.valid.end.div_euclid(1440)),
        file: paths[c.claim.id.span.file.0 as usize].clone(),
        line: c.claim.id.span.line,
    }
}

/// Writes the corpus as JSON lines: every source, entity and concept, then every claim
/// that resolved (a claim with a broken reference is reported by `check`, not exported),
/// with its resolved form when `resolved` is set.
pub fn jsonl(corpus: &Corpus, resolved_form: bool, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let paths: Vec<String> = (0..corpus.map.len())
        .map(|i| corpus.map.display(crate::model::FileId(i as u32)))
        .collect();
    let within = |t: &crate::resolve::TermInfo| -> Vec<&str> {
        t.within
            .iter()
            .map(|w| corpus.term(*w).id.as_str())
            .collect()
    };
    let mut line = |item: &dyn erased::Item| -> io::Result<()> {
        item.write(&mut out)?;
        out.write_all(b"\n")
    };
    for s in &corpus.sources {
        line(&Line::Source(SourceItem {
            id: &s.id,
            outlet: (s.outlet != s.id).then_some(s.outlet.as_str()),
            published: s.published.map(|d| d.to_string()),
            document: s.document.map(|d| paths[d.0 as usize].clone()),
        }))?;
    }
    for e in &corpus.entities {
        line(&Line::Entity(TermItem {
            id: &e.id,
            name: (e.name != e.id).then_some(e.name.as_str()),
            kind: (e.kind != "entity").then_some(e.kind.as_str()),
            aliases: (!e.aliases.is_empty()).then_some(e.aliases.as_slice()),
            forms: None,
            part_of: within(e),
            broader: Vec::new(),
        }))?;
    }
    for c in &corpus.concepts {
        line(&Line::Concept(TermItem {
            id: &c.id,
            name: (c.name != c.id).then_some(c.name.as_str()),
            kind: None,
            aliases: None,
            forms: (!c.aliases.is_empty()).then_some(c.aliases.as_slice()),
            part_of: Vec::new(),
            broader: within(c),
        }))?;
    }
    for c in &corpus.claims {
        let Some(parsed) = c.claim.parsed() else {
            return Err(std::io::Error::other(
                "the corpus was resolved without its parsed claims (resolve::resolve_keeping_parsed)",
            ));
        };
        line(&ClaimLine {
            claim: claim_item(parsed),
            resolved: resolved_form.then(|| resolved(corpus, c, &paths)),
        })?;
    }
    out.flush()
}

/// Lines of different types through one writer.
mod erased {
    use std::io::{self, Write};

    pub trait Item {
        fn write(&self, out: &mut dyn Write) -> io::Result<()>;
    }

    impl<T: serde::Serialize> Item for T {
        fn write(&self, out: &mut dyn Write) -> io::Result<()> {
            serde_json::to_writer(out, self).map_err(io::Error::other)
        }
    }
}

fn tagged(t: TaggedObject<'_>) -> ObjectItem<'_> {
    ObjectItem::Tagged(Box::new(t))
}
