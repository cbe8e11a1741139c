//! Suggested claims: the extractor run over every source `document`, so statements nobody
//! has written down yet still take part in `check`. Each draft becomes a claim with
//! `origin: extracted`, its span on the article words; `resolve` drops one when a
//! hand-written claim says the same thing, and the sink keeps findings that rest only on
//! suggestions below error.
//!
//! Called by the run driver between `load` and `resolve`.

use crate::extract::{self, CompiledNames, Document, Draft, Lexicon, Names};
use crate::load::{ClaimFile, Loaded};
use crate::model::{Claim, FileId, Located, Origin, SourceMap, Span, Statement, StatementSpeaker};
use rayon::prelude::*;
use std::path::Path;

/// The lexicon: the built-in one, replaced list by list by the last `extraction*.yaml` of
/// the rules folders, with the extraction cues and vague amounts of `rules`.
pub fn lexicon(
    rules_dirs: &[std::path::PathBuf],
    rules: &crate::rules::Rules,
) -> Result<Lexicon, extract::LexiconError> {
    let mut lexicon = Lexicon::defaults();
    for dir in rules_dirs {
        let Ok(entries) = std::fs::read_dir(dir) else {
            continue;
        };
        let mut files: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| is_lexicon_file(p))
            .collect();
        files.sort();
        for path in files {
            let text = crate::load::read_file_bytes(&path, 4 << 20)
                .ok()
                .and_then(|b| String::from_utf8(b).ok())
                .unwrap_or_default();
            lexicon = Lexicon::from_yaml(&text, &path.display().to_string())?;
        }
    }
    Ok(lexicon.with_rules(rules))
}

fn is_lexicon_file(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    name.starts_with("extraction") && (name.ends_with(".yaml") || name.ends_with(".yml"))
}

/// The story's vocabulary for the extractor: every entity and concept of the loaded
/// claim files, compiled once.
pub fn story_names(loaded: &Loaded, lexicon: &Lexicon) -> CompiledNames {
    let entities: Vec<_> = loaded
        .files
        .iter()
        .flat_map(|f| f.entities.iter().cloned())
        .collect();
    let concepts: Vec<_> = loaded
        .files
        .iter()
        .flat_map(|f| f.concepts.iter().cloned())
        .collect();
    CompiledNames::new(&Names::from_model(&entities, &concepts), lexicon)
}

/// Appends one claim file of suggestions per source document to `loaded`.
pub fn add_suggestions(loaded: &mut Loaded, lexicon: &Lexicon) {
    // One extraction per document, for the first source that cites it.
    let mut jobs: Vec<(
        FileId,
        String,
        Option<crate::model::FuzzyDate>,
        Option<String>,
    )> = Vec::new();
    for f in &loaded.files {
        for (i, s) in f.sources.iter().enumerate() {
            let Some(&doc) = loaded.documents.get(&(f.file, i)) else {
                continue;
            };
            if jobs.iter().any(|j| j.0 == doc) {
                continue;
            }
            jobs.push((
                doc,
                s.id.value.clone(),
                s.published.as_ref().map(|d| d.value),
                s.outlet.clone(),
            ));
        }
    }
    if jobs.is_empty() {
        return;
    }
    jobs.sort_by_key(|j| j.0);
    let names = story_names(loaded, lexicon);
    let map = &loaded.map;
    let done: Vec<(ClaimFile, Vec<Statement>)> = jobs
        .par_iter()
        .map(|(doc, source, published, outlet)| {
            let text = &map.get(*doc).text();
            // What the source does not say, the article may (front matter, HTML metadata).
            let meta = if published.is_none() || outlet.is_none() {
                extract::article_meta(text)
            } else {
                extract::ArticleMeta::default()
            };
            let outlet = outlet.clone().or(meta.outlet);
            let document = Document {
                text,
                published: published.or(meta.published),
                outlet: outlet.as_deref(),
            };
            let x = extract::extract_compiled(&document, lexicon, &names);
            let claims = x
                .drafts
                .iter()
                .enumerate()
                .map(|(n, d)| Box::new(draft_claim(map, *doc, source, n, d)))
                .collect();
            let outlet = outlet.unwrap_or_else(|| source.clone());
            let statements = x
                .quotes
                .into_iter()
                .map(|q| statement(map, *doc, source, &outlet, q, lexicon))
                .collect();
            let file = ClaimFile {
                file: *doc,
                claims,
                ..ClaimFile::default()
            };
            (file, statements)
        })
        .collect();
    for (file, statements) in done {
        loaded.files.push(file);
        loaded.statements.extend(statements);
    }
}

/// An extracted quotation or piece of reported speech as a statement of `source`.
fn statement(
    map: &SourceMap,
    doc: FileId,
    source: &str,
    outlet: &str,
    q: extract::Quote,
    lexicon: &Lexicon,
) -> Statement {
    let words = extract::statement_words(&q.text, lexicon);
    Statement {
        source: source.to_string(),
        outlet: outlet.to_string(),
        span: map.span_of(doc, q.range.clone()),
        text: q.text,
        direct: q.direct,
        speaker: q.speaker.map(|s| StatementSpeaker {
            id: s.entity,
            name: s.name,
            described: s.described,
            organisation: s.organisation,
        }),
        said: q.said,
        words,
    }
}

/// A draft as a claim of `source`, with every span on the draft's words in the document.
pub fn draft_claim(map: &SourceMap, doc: FileId, source: &str, n: usize, d: &Draft) -> Claim {
    let span: Span = map.span_of(doc, d.evidence.range.clone());
    let at = |v: String| Located::new(v, span);
    Claim {
        id: at(format!("{source}#x{}", n + 1)),
        span,
        source: at(source.to_string()),
        speaker: d.speaker.clone().map(at),
        via: d.via.iter().cloned().map(at).collect(),
        scope: {
            let mut scope = d.scope.clone();
            scope.sort();
            scope.into_boxed_slice()
        },
        retracts: None,
        said: d.said.map(|s| Located::new(s, span)),
        subject: at(d.subject.clone()),
        predicate: at(d.predicate.clone()),
        object: d.object_value().map(|o| Located::new(o, span)),
        polarity: d.polarity,
        modality: d.modality,
        attribution: d.attribution,
        exclusive: false,
        valid: d.valid_value().map(|v| Located::new(v, span)),
        quote: Some(at(d.quote.clone())),
        note: None,
        suppress: Vec::new(),
        origin: Origin::Extracted,
        confidence: Some(d.confidence),
        suggested: true,
    }
}
