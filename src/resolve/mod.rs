//! Resolving: ids and aliases become canonical indices, predicates are looked up in the
//! vocabulary (inverses swapped, symmetric pairs ordered), said-time and valid-time become
//! intervals, and every quote is located in its article. Broken references are problems;
//! the claims that carry them stay out of comparisons.
//!
//! Called after `load`; produces the [`Corpus`] that `graph` and `check` read.

pub mod quote;

use crate::load::Loaded;
use crate::model::{
    Attribution, Claim, FileId, FuzzyDate, Interval, Modality, ObjectValue, Origin, Polarity,
    Problem, ProblemKind, SourceMap, Span,
};
use crate::rules::{PredicateId, Rules, Vocabulary};
use quote::QuoteMatch;
use rustc_hash::FxHashMap;

/// Index of a source in [`Corpus::sources`].
pub type SourceIdx = u32;
/// Index of a claim in [`Corpus::claims`].
pub type ClaimIdx = u32;

/// A resolved name: an entity or a concept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Term {
    /// Index into [`Corpus::entities`].
    Entity(u32),
    /// Index into [`Corpus::concepts`].
    Concept(u32),
}

/// A resolved object value, comparable and hashable.
#[derive(Debug, Clone, PartialEq)]
pub enum Object {
    /// An entity or concept.
    Term(Term),
    /// Literal text, normalised (lowercase, single spaces).
    Literal(String),
    /// A number with an optional unit.
    Number(f64, Option<String>),
    /// A date.
    Date(FuzzyDate),
}

/// A source as resolved.
#[derive(Debug, Clone)]
pub struct SourceInfo {
    /// Its id.
    pub id: String,
    /// The outlet (defaults to the id).
    pub outlet: String,
    /// Publication date.
    pub published: Option<FuzzyDate>,
    /// The article, if it was read.
    pub document: Option<FileId>,
    /// Where it is declared.
    pub span: Span,
}

/// An entity or concept as resolved.
#[derive(Debug, Clone)]
pub struct TermInfo {
    /// Its id.
    pub id: String,
    /// Its display name.
    pub name: String,
    /// Its kind (`person`, `relationship`, …; `concept` for concepts).
    pub kind: String,
    /// Aliases or surface forms.
    pub aliases: Vec<String>,
    /// Where it is declared.
    pub span: Span,
}

/// A claim with every reference resolved.
#[derive(Debug, Clone)]
pub struct ResolvedClaim {
    /// The claim as loaded.
    pub claim: Box<Claim>,
    /// Its source.
    pub source: SourceIdx,
    /// Who said it (an entity index); `None` = the outlet asserts it.
    pub speaker: Option<u32>,
    /// Canonical subject (after inverse and symmetric ordering).
    pub subject: Term,
    /// Canonical predicate.
    pub predicate: PredicateId,
    /// Canonical object.
    pub object: Option<Object>,
    /// When it was said.
    pub said: Interval,
    /// The said date as written or defaulted, for display.
    pub said_date: Option<FuzzyDate>,
    /// When the stated thing holds.
    pub valid: Interval,
    /// Where its quote is in the article.
    pub quote: Option<QuoteMatch>,
}

impl ResolvedClaim {
    /// Polarity shortcut.
    pub fn polarity(&self) -> Polarity {
        self.claim.polarity
    }
    /// Whether the claim is the speaker's own words.
    pub fn is_direct(&self) -> bool {
        self.speaker.is_some() && self.claim.attribution == Attribution::Direct
    }
    /// Whether hedged.
    pub fn is_hedged(&self) -> bool {
        self.claim.modality == Modality::Hedged
    }
    /// The article span of the quote, when it was found.
    pub fn quote_range(&self) -> Option<std::ops::Range<usize>> {
        match &self.quote {
            Some(QuoteMatch::Found(r)) => Some(r.clone()),
            _ => None,
        }
    }
}

/// Everything the checks read.
#[derive(Debug)]
pub struct Corpus {
    /// All files.
    pub map: SourceMap,
    /// The vocabulary, plus the predicates claims used that it does not define.
    pub vocabulary: Vocabulary,
    /// Sources.
    pub sources: Vec<SourceInfo>,
    /// Entities.
    pub entities: Vec<TermInfo>,
    /// Concepts.
    pub concepts: Vec<TermInfo>,
    /// Claims that resolved cleanly, sorted by (file, line).
    pub claims: Vec<ResolvedClaim>,
    /// Every problem found while loading and resolving.
    pub problems: Vec<Problem>,
    /// Claim files that could not be read or parsed, in path order.
    pub unread: Vec<crate::load::UnreadFile>,
    /// The statements the extractor read in the source documents (`check --suggest`).
    pub statements: Vec<crate::model::Statement>,
}

impl Corpus {
    /// Display info of a term.
    pub fn term(&self, t: Term) -> &TermInfo {
        match t {
            Term::Entity(i) => &self.entities[i as usize],
            Term::Concept(i) => &self.concepts[i as usize],
        }
    }

    /// A short text for an object.
    pub fn object_text(&self, o: Option<&Object>) -> String {
        match o {
            None => String::from("(none)"),
            Some(Object::Term(t)) => self.term(*t).id.clone(),
            Some(Object::Literal(l)) => format!("\"{l}\""),
            Some(Object::Number(n, unit)) => match unit {
                Some(u) => format!("{n} {u}"),
                None => format!("{n}"),
            },
            Some(Object::Date(d)) => d.to_string(),
        }
    }

    /// `subject predicate object` in plain ids, with `not` for a denial (graph, JSON, export).
    pub fn proposition(&self, c: &ResolvedClaim) -> String {
        let not = if c.polarity() == Polarity::Denied {
            "not "
        } else {
            ""
        };
        let object = c
            .object
            .as_ref()
            .map(|o| format!(" {}", self.object_text(Some(o))))
            .unwrap_or_default();
        format!(
            "{} {not}{}{object}",
            self.term(c.subject).id,
            self.vocabulary.def(c.predicate).name
        )
    }

    /// The distinct outlets of some claims, sorted.
    pub fn outlets(&self, claims: &[ClaimIdx]) -> Vec<&str> {
        let mut outlets: Vec<&str> = claims
            .iter()
            .map(|&i| {
                self.sources[self.claims[i as usize].source as usize]
                    .outlet
                    .as_str()
            })
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets
    }

    /// The name of whoever said a claim: the speaker's name, or the outlet.
    pub fn voice(&self, c: &ResolvedClaim) -> String {
        match c.speaker {
            Some(s) => self.entities[s as usize].name.clone(),
            None => self.sources[c.source as usize].outlet.clone(),
        }
    }
}

/// Resolves a loaded corpus against the rules.
pub fn resolve(loaded: Loaded, rules: &Rules) -> Corpus {
    let Loaded {
        map,
        files,
        mut problems,
        documents,
        unread,
        statements,
    } = loaded;
    let mut vocabulary = rules.vocabulary.clone();
    let mut sources = Vec::new();
    let mut source_index: FxHashMap<String, SourceIdx> = FxHashMap::default();
    let mut entities = Vec::new();
    let mut concepts = Vec::new();
    let mut names: FxHashMap<String, Term> = FxHashMap::default();
    let mut ids: FxHashMap<String, Span> = FxHashMap::default();

    let mut dup = |problems: &mut Vec<Problem>, id: &str, span: Span, what: &str| -> bool {
        if let Some(first) = ids.get(id) {
            problems.push(
                Problem::new(ProblemKind::DuplicateId, span, format!("duplicate {what} id `{id}`"))
                    .with_help(format!("the id is first declared at {}:{}:{}; ids must be unique across all claim files", map.display(first.file), first.line, first.column)),
            );
            true
        } else {
            ids.insert(id.to_string(), span);
            false
        }
    };

    for f in &files {
        for (i, s) in f.sources.iter().enumerate() {
            if dup(&mut problems, &s.id.value, s.id.span, "source") {
                continue;
            }
            source_index.insert(s.id.value.clone(), sources.len() as SourceIdx);
            sources.push(SourceInfo {
                id: s.id.value.clone(),
                outlet: s.outlet.clone().unwrap_or_else(|| s.id.value.clone()),
                published: s.published.as_ref().map(|d| d.value),
                document: documents.get(&(f.file, i)).copied(),
                span: s.span,
            });
        }
    }
    let mut alias_spans: Vec<(String, Term, Span)> = Vec::new();
    for f in &files {
        for e in &f.entities {
            if dup(&mut problems, &e.id.value, e.id.span, "entity") {
                continue;
            }
            let t = Term::Entity(entities.len() as u32);
            names.insert(e.id.value.clone(), t);
            for a in &e.aliases {
                alias_spans.push((a.value.clone(), t, a.span));
            }
            entities.push(TermInfo {
                id: e.id.value.clone(),
                name: e.name.clone().unwrap_or_else(|| e.id.value.clone()),
                kind: e.kind.clone().unwrap_or_else(|| "entity".into()),
                aliases: e.aliases.iter().map(|a| a.value.clone()).collect(),
                span: e.span,
            });
        }
        for c in &f.concepts {
            if dup(&mut problems, &c.id.value, c.id.span, "concept") {
                continue;
            }
            let t = Term::Concept(concepts.len() as u32);
            names.insert(c.id.value.clone(), t);
            for a in &c.forms {
                alias_spans.push((a.value.clone(), t, a.span));
            }
            concepts.push(TermInfo {
                id: c.id.value.clone(),
                name: c.name.clone().unwrap_or_else(|| c.id.value.clone()),
                kind: "concept".into(),
                aliases: c.forms.iter().map(|a| a.value.clone()).collect(),
                span: c.span,
            });
        }
    }
    // Aliases and surface forms match case-insensitively; an alias naming two things is an error.
    let mut alias_map: FxHashMap<String, (Term, Span)> = FxHashMap::default();
    for (alias, t, span) in alias_spans {
        let key = alias.trim().to_lowercase();
        if let Some(&own) = names.get(&alias) {
            if own != t {
                problems.push(Problem::new(
                    ProblemKind::DuplicateId,
                    span,
                    format!("alias `{alias}` is also the id of another entity or concept"),
                ));
            }
            continue;
        }
        match alias_map.get(&key) {
            Some((other, first)) if *other != t => problems.push(
                Problem::new(
                    ProblemKind::DuplicateId,
                    span,
                    format!("alias `{alias}` already names another entity or concept"),
                )
                .with_help(format!(
                    "first used at {}:{}:{}; an alias must name one thing",
                    map.display(first.file),
                    first.line,
                    first.column
                )),
            ),
            _ => {
                alias_map.insert(key, (t, span));
            }
        }
    }
    let lookup = |name: &str| -> Option<Term> {
        names
            .get(name)
            .copied()
            .or_else(|| alias_map.get(&name.trim().to_lowercase()).map(|(t, _)| *t))
    };
    let known_ids: Vec<String> = {
        let mut v: Vec<String> = names.keys().cloned().collect();
        v.sort();
        v
    };
    let source_ids: Vec<String> = {
        let mut v: Vec<String> = source_index.keys().cloned().collect();
        v.sort();
        v
    };

    let normalized_docs: FxHashMap<FileId, quote::Normalized> = {
        let mut docs: Vec<FileId> = sources.iter().filter_map(|s| s.document).collect();
        docs.sort();
        docs.dedup();
        docs.into_iter()
            .map(|d| (d, quote::normalize(&map.get(d).text)))
            .collect()
    };

    // Claim ids that suppressions may name (built only when some suppression names one).
    let suppression_targets: rustc_hash::FxHashSet<String> = if files.iter().any(|f| {
        f.claims
            .iter()
            .any(|c| c.suppress.iter().any(|s| s.claim.is_some()))
    }) {
        files
            .iter()
            .flat_map(|f| f.claims.iter().map(|c| c.id.value.clone()))
            .collect()
    } else {
        Default::default()
    };
    // Phase 1, in file order: duplicate ids (the first declaration wins) and predicates
    // (unknown ones get ad-hoc ids in order of first use).
    let mut unknown_predicates: FxHashMap<String, Span> = FxHashMap::default();
    let mut pending: Vec<(Box<Claim>, (PredicateId, bool))> =
        Vec::with_capacity(files.iter().map(|f| f.claims.len()).sum());
    for f in files {
        for c in f.claims {
            if dup(&mut problems, &c.id.value, c.id.span, "claim") {
                continue;
            }
            let predicate = match vocabulary.lookup(&c.predicate.value) {
                Some(found) => found,
                None => {
                    if c.origin == Origin::Written {
                        unknown_predicates
                            .entry(c.predicate.value.clone())
                            .or_insert(c.predicate.span);
                    }
                    (vocabulary.add_adhoc(&c.predicate.value), false)
                }
            };
            pending.push((c, predicate));
        }
    }
    // Phase 2, in parallel: each claim on its own against the finished tables. Files are
    // in path order and claims in file order, so `claims` comes out sorted.
    let resolver = ClaimResolver {
        vocabulary: &vocabulary,
        sources: &sources,
        source_index: &source_index,
        source_ids: &source_ids,
        known_ids: &known_ids,
        lookup: &lookup,
        suppression_targets: &suppression_targets,
        normalized_docs: &normalized_docs,
        map: &map,
    };
    let resolved: Vec<(Option<ResolvedClaim>, Vec<Problem>)> = {
        use rayon::prelude::*;
        pending
            .into_par_iter()
            .map(|(c, predicate)| resolver.claim(c, predicate))
            .collect()
    };
    let mut claims = Vec::with_capacity(resolved.len());
    for (claim, found) in resolved {
        problems.extend(found);
        claims.extend(claim);
    }
    let mut unknown_predicates: Vec<(String, Span)> = unknown_predicates.into_iter().collect();
    unknown_predicates.sort_by_key(|(_, s)| *s);
    let names = rules.vocabulary.names();
    for (name, span) in unknown_predicates {
        let mut p = Problem::new(
            ProblemKind::UnknownPredicate,
            span,
            format!("predicate `{name}` is not in the vocabulary"),
        );
        p.help = crate::load::closest_name(&name, &names)
            .map(|s| format!("did you mean `{s}`?"))
            .or_else(|| Some("add it to a rules folder (`--rules DIR`) to give it properties; until then only claims with the same predicate are compared".into()));
        problems.push(p);
    }
    // Written claims come in (file, position) order; suggestions may not.
    if !claims.is_sorted_by_key(|c: &ResolvedClaim| (c.claim.span.file, c.claim.span.start)) {
        claims.sort_by_key(|c| (c.claim.span.file, c.claim.span.start));
    }
    drop_extracted_twins(&mut claims);
    Corpus {
        map,
        vocabulary,
        sources,
        entities,
        concepts,
        claims,
        problems,
        unread,
        statements,
    }
}

/// The finished tables one claim is resolved against (shared by the parallel phase).
struct ClaimResolver<'a> {
    vocabulary: &'a Vocabulary,
    sources: &'a [SourceInfo],
    source_index: &'a FxHashMap<String, SourceIdx>,
    source_ids: &'a [String],
    known_ids: &'a [String],
    lookup: &'a (dyn Fn(&str) -> Option<Term> + Sync),
    suppression_targets: &'a rustc_hash::FxHashSet<String>,
    normalized_docs: &'a FxHashMap<FileId, quote::Normalized>,
    map: &'a SourceMap,
}

impl ClaimResolver<'_> {
    /// Resolves one claim whose id is unique and whose predicate is looked up; returns it
    /// (or nothing, when a reference is broken) and the problems it has.
    fn claim(
        &self,
        c: Box<Claim>,
        predicate: (PredicateId, bool),
    ) -> (Option<ResolvedClaim>, Vec<Problem>) {
        let Self {
            vocabulary,
            sources,
            source_index,
            source_ids,
            known_ids,
            lookup,
            suppression_targets,
            normalized_docs,
            map,
        } = *self;
        let mut problems = Vec::new();
        let unknown =
            |problems: &mut Vec<Problem>, what: &str, name: &str, span: Span, pool: &[String]| {
                let mut p = Problem::new(
                    ProblemKind::UnknownReference,
                    span,
                    format!("unknown {what} `{name}`"),
                );
                p.help = suggest(name, pool).or_else(|| {
                    Some(format!(
                        "declare it under `{}` in a claim file",
                        if what == "source" {
                            "sources"
                        } else {
                            "entities` or `concepts"
                        }
                    ))
                });
                problems.push(p);
            };
        let source = source_index.get(&c.source.value).copied();
        if source.is_none() {
            unknown(
                &mut problems,
                "source",
                &c.source.value,
                c.source.span,
                source_ids,
            );
        }
        let speaker = match &c.speaker {
            Some(s) => match lookup(&s.value) {
                Some(Term::Entity(e)) => Some(e),
                Some(Term::Concept(_)) => {
                    problems.push(Problem::new(
                        ProblemKind::UnknownReference,
                        s.span,
                        format!("speaker `{}` is a concept, not an entity", s.value),
                    ));
                    None
                }
                None => {
                    unknown(&mut problems, "speaker", &s.value, s.span, known_ids);
                    None
                }
            },
            None => None,
        };
        let mut subject = lookup(&c.subject.value);
        if subject.is_none() {
            unknown(
                &mut problems,
                "subject",
                &c.subject.value,
                c.subject.span,
                known_ids,
            );
        }
        let mut object = c.object.as_ref().and_then(|o| match &o.value {
            ObjectValue::Name(n) => {
                Some(lookup(n).map_or_else(|| Object::Literal(normalize_literal(n)), Object::Term))
            }
            ObjectValue::Entity(n) => match lookup(n) {
                Some(t @ Term::Entity(_)) => Some(Object::Term(t)),
                _ => {
                    unknown(&mut problems, "object entity", n, o.span, known_ids);
                    None
                }
            },
            ObjectValue::Concept(n) => match lookup(n) {
                Some(t @ Term::Concept(_)) => Some(Object::Term(t)),
                _ => {
                    unknown(&mut problems, "object concept", n, o.span, known_ids);
                    None
                }
            },
            ObjectValue::Literal(l) => Some(Object::Literal(normalize_literal(l))),
            ObjectValue::Number(n, u) => Some(Object::Number(*n, u.clone())),
            ObjectValue::Date(d) => Some(Object::Date(*d)),
        });
        for s in &c.suppress {
            if let Some(other) = &s.claim {
                let known = suppression_targets.contains(&other.value);
                if !known {
                    problems.push(Problem::new(
                        ProblemKind::UnknownReference,
                        other.span,
                        format!("suppression names unknown claim `{}`", other.value),
                    ));
                }
            }
        }
        let (predicate, inverse) = predicate;
        if inverse {
            match (&object, subject) {
                (Some(Object::Term(o)), Some(s)) => {
                    let o = *o;
                    object = Some(Object::Term(s));
                    subject = Some(o);
                }
                _ => problems.push(Problem::new(
                    ProblemKind::UnknownReference,
                    c.predicate.span,
                    format!(
                        "`{}` is an inverse spelling and needs an entity or concept as object",
                        c.predicate.value
                    ),
                )),
            }
        }
        if !problems.is_empty() {
            if c.origin == Origin::Extracted {
                // A suggestion that does not fit the story's vocabulary is dropped
                // quietly: only hand-written claims are held to the claim-file rules.
                problems.clear();
            }
            return (None, problems);
        }
        let (Some(source), Some(mut subject)) = (source, subject) else {
            return (None, problems);
        };
        let def = vocabulary.def(predicate);
        if let Some(Object::Term(o)) = &object
            && def.symmetric
            && *o < subject
        {
            let o2 = *o;
            object = Some(Object::Term(subject));
            subject = o2;
        }
        let src = &sources[source as usize];
        let said_date = c.said.as_ref().map(|d| d.value).or(src.published);
        let said = said_date.map_or(Interval::ALWAYS, |d| d.interval());
        let valid = if def.timeless {
            Interval::ALWAYS
        } else {
            match &c.valid {
                Some(v) => {
                    let v = v.value;
                    if let Some(at) = v.at {
                        at.interval()
                    } else {
                        Interval {
                            start: v.from.map_or(i64::MIN, |d| d.first_day()),
                            end: v.to.map_or(i64::MAX, |d| d.last_day()),
                        }
                    }
                }
                None => said,
            }
        };
        let quote = match (&c.quote, src.document) {
            (Some(q), Some(doc)) => Some(quote::find(
                &normalized_docs[&doc],
                &map.get(doc).text,
                &q.value,
            )),
            _ => None,
        };
        let resolved = ResolvedClaim {
            claim: c,
            source,
            speaker,
            subject,
            predicate,
            object,
            said,
            said_date,
            valid,
            quote,
        };
        (Some(resolved), problems)
    }
}

fn suggest(name: &str, pool: &[String]) -> Option<String> {
    let refs: Vec<&str> = pool.iter().map(String::as_str).collect();
    crate::load::closest_name(name, &refs).map(|s| format!("did you mean `{s}`?"))
}

/// Drops each claim suggested in this run that a claim of a claim file (hand-written, or
/// a reviewed draft) states too: same source, speaker, subject, predicate, object and
/// polarity. The file's claim replaces it.
fn drop_extracted_twins(claims: &mut Vec<ResolvedClaim>) {
    if !claims.iter().any(|c| c.claim.suggested) {
        return;
    }
    let key = |c: &ResolvedClaim| {
        (
            c.source,
            c.speaker,
            c.subject,
            c.predicate,
            format!("{:?}", c.object),
            c.claim.polarity,
        )
    };
    let filed: rustc_hash::FxHashSet<_> = claims
        .iter()
        .filter(|c| !c.claim.suggested)
        .map(key)
        .collect();
    claims.retain(|c| !c.claim.suggested || !filed.contains(&key(c)));
}

fn normalize_literal(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
