//! `claimcheck export --format jsonl`: one resolved claim per line, so any other engine
//! (Datalog, SQL, a script) can run on exactly the corpus claimcheck sees.

use crate::model::Polarity;
use crate::resolve::{Corpus, Object};
use serde::Serialize;
use std::io::{self, Write};

/// One exported claim. Days are counted from 1970-01-01; an open end is `null`.
#[derive(Debug, Serialize)]
pub struct ExportedClaim<'a> {
    /// Claim id.
    pub id: &'a str,
    /// Canonical subject id (after aliases, inverses and symmetric ordering).
    pub subject: &'a str,
    /// Canonical predicate.
    pub predicate: &'a str,
    /// Canonical object: an entity or concept id, a literal, a number, or a date.
    pub object: Option<String>,
    /// `affirmed` or `denied`.
    pub polarity: Polarity,
    /// `asserted` or `hedged`.
    pub modality: crate::model::Modality,
    /// Speaker entity id, if any.
    pub speaker: Option<&'a str>,
    /// Source id.
    pub source: &'a str,
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

/// Writes every resolved claim as one JSON object per line.
pub fn jsonl(corpus: &Corpus, out: &mut dyn Write) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    let paths: Vec<String> = (0..corpus.map.len())
        .map(|i| corpus.map.display(crate::model::FileId(i as u32)))
        .collect();
    for c in &corpus.claims {
        let object = c.object.as_ref().map(|o| match o {
            Object::Term(t) => corpus.term(*t).id.clone(),
            Object::Literal(l) => l.clone(),
            other => corpus.object_text(Some(other)),
        });
        let e = ExportedClaim {
            id: &c.claim.id.value,
            subject: &corpus.term(c.subject).id,
            predicate: &corpus.vocabulary.def(c.predicate).name,
            object,
            polarity: c.polarity(),
            modality: c.claim.modality,
            speaker: c.speaker.map(|s| corpus.entities[s as usize].id.as_str()),
            source: &corpus.sources[c.source as usize].id,
            said: c.said_date.map(|d| d.to_string()),
            // Day numbers (days since 1970-01-01), as the export format has always had.
            valid_from: (c.valid.start != i64::MIN).then_some(c.valid.start.div_euclid(1440)),
            valid_to: (c.valid.end != i64::MAX).then_some(c.valid.end.div_euclid(1440)),
            file: paths[c.claim.id.span.file.0 as usize].clone(),
            line: c.claim.id.span.line,
        };
        serde_json::to_writer(&mut out, &e)?;
        out.write_all(b"\n")?;
    }
    out.flush()
}
