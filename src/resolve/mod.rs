//! Resolving: ids and aliases become canonical indices, predicates are looked up in the
//! vocabulary (inverses swapped, symmetric pairs ordered), said-time and valid-time become
//! intervals, and every quote is located in its article. Broken references are problems;
//! the claims that carry them stay out of comparisons.
//!
//! Called after `load`; produces the [`Corpus`] that `graph` and `check` read.

mod claim_ids;
pub mod quote;
mod written;

pub use written::{Written, WrittenValid};

use crate::load::{ClaimFile, Loaded};
use crate::model::{
    Amount, Attribution, Claim, Comparison, FileId, FuzzyDate, Located, Modality, Number,
    ObjectValue, Origin, Period, Polarity, Problem, ProblemKind, SourceMap, Span,
};
use crate::rules::{PredicateId, Rules, VagueAmount, Vocabulary};
use claim_ids::{ClaimIds, Slot};
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
    /// A figure: exact, bounded, ranged or approximate (boxed: most objects are names).
    Quantity(Box<Quantity>),
    /// A date.
    Date(FuzzyDate),
    /// A record: `rank` among the members of a class.
    Rank {
        /// 1 for the largest.
        rank: u32,
        /// The class.
        among: Term,
    },
    /// A figure relative to another claim's figure or to an entity's figure.
    Relative {
        /// More, less, or a change.
        relation: Comparison,
        /// What it is relative to.
        to: Box<Reference>,
    },
}

impl Object {
    /// The figure, when the object is one.
    pub fn quantity(&self) -> Option<&Quantity> {
        match self {
            Self::Quantity(q) => Some(q),
            _ => None,
        }
    }
}

/// What a relative figure is measured against.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Reference {
    /// Another claim's figure, by claim id.
    Claim(String),
    /// The figure the corpus holds for an entity (same predicate).
    Term(Term),
}

/// A figure as a closed interval (open ends are infinite), with how it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Lowest value it allows.
    pub low: f64,
    /// Highest value it allows.
    pub high: f64,
    /// As stated.
    pub amount: Amount,
    /// Its unit, if written.
    pub unit: Option<String>,
    /// The vague amount it came from (`dozens`), if any.
    pub vague: Option<String>,
}

impl Quantity {
    /// The interval.
    pub fn interval(&self) -> (f64, f64) {
        (self.low, self.high)
    }
}

impl std::fmt::Display for Quantity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.vague {
            Some(v) => write!(f, "{v} ({})", self.amount)?,
            None => write!(f, "{}", self.amount)?,
        }
        if let Some(u) = &self.unit {
            write!(f, " {u}")?;
        }
        Ok(())
    }
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
    /// Every broader concept or whole this term is within (`broader`, `part-of`,
    /// transitively), sorted.
    pub within: Vec<Term>,
    /// Where it is declared.
    pub span: Span,
}

/// A claim with every reference resolved.
#[derive(Debug, Clone)]
pub struct ResolvedClaim {
    /// What it keeps of the claim as written.
    pub claim: Written,
    /// Its source.
    pub source: SourceIdx,
    /// Who said it (an entity index); `None` = the outlet asserts it.
    pub speaker: Option<u32>,
    /// The relays between the speaker (or the outlet's source) and the outlet, nearest the
    /// outlet first (entity indices).
    pub via: Box<[u32]>,
    /// Canonical subject (after inverse and symmetric ordering).
    pub subject: Term,
    /// Canonical predicate.
    pub predicate: PredicateId,
    /// Canonical object.
    pub object: Option<Object>,
    /// When it was said.
    pub said: Period,
    /// The said date as written or defaulted, for display.
    pub said_date: Option<FuzzyDate>,
    /// When the stated thing holds: throughout this period, or (when `valid_somewhere`)
    /// at some unstated time within it.
    pub valid: Period,
    /// `valid: {before: …}`/`{after: …}`: the thing held at some time in `valid`, not
    /// throughout it.
    pub valid_somewhere: bool,
    /// Where its quote is in the article.
    pub quote: Option<Box<QuoteMatch>>,
    /// The earlier claim of the same speaker this one takes back.
    pub retracts: Option<ClaimIdx>,
    /// The later claim that takes this one back.
    pub retracted_by: Option<ClaimIdx>,
}

impl ResolvedClaim {
    /// When the claim says its content holds, as written where it gave `valid` (dates at
    /// their precision, times with their offsets): "from 2022-05-28T21:36+02:00 on", "at
    /// some time before 2022-05-28T21:15+02:00"; else its resolved time ("2018", "at any
    /// time" for timeless predicates).
    pub fn valid_text(&self) -> String {
        if self.valid.start == i64::MIN && self.valid.end == i64::MAX {
            return "at any time".to_string();
        }
        self.claim
            .valid
            .and_then(|v| v.text())
            .unwrap_or_else(|| self.valid.describe())
    }

    /// The claim's id.
    pub fn id(&self) -> &str {
        &self.claim.id.value
    }

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
        match self.quote.as_deref() {
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

    /// "`subject` [not ]predicate `object`", ids and values in backticks; "undetermined
    /// whether …" for "not known"; the scope after it ("[measure: nielsen]") when given.
    pub fn position_text(&self, c: &ResolvedClaim) -> String {
        let subject = &self.term(c.subject).id;
        let predicate = &self.vocabulary.def(c.predicate).name;
        let not = if c.polarity() == Polarity::Denied {
            "not "
        } else {
            ""
        };
        let mut text = match (&c.object, c.polarity()) {
            (Some(o), p) => format!(
                "{}`{subject}` {not}{predicate} `{}`",
                if p == Polarity::Undetermined {
                    "undetermined whether "
                } else {
                    ""
                },
                self.object_text(Some(o)).trim_matches('"')
            ),
            (None, Polarity::Undetermined) => format!("`{subject}` {predicate}: not known"),
            (None, _) => format!("`{subject}` {not}{predicate}"),
        };
        if !c.claim.scope().is_empty() {
            let scope: Vec<String> = c
                .claim
                .scope()
                .iter()
                .map(|(k, v)| format!("{k}: {v}"))
                .collect();
            text.push_str(&format!(" [{}]", scope.join(", ")));
        }
        text
    }

    /// A short text for an object, without backticks (callers quote it as a whole).
    pub fn object_text(&self, o: Option<&Object>) -> String {
        match o {
            None => String::from("(none)"),
            Some(Object::Term(t)) => self.term(*t).id.clone(),
            Some(Object::Literal(l)) => format!("\"{l}\""),
            Some(Object::Quantity(q)) => q.to_string(),
            Some(Object::Date(d)) => d.to_string(),
            Some(Object::Rank { rank, among }) => {
                let ordinal = match rank {
                    1 => "largest".to_string(),
                    n => format!("#{n} largest"),
                };
                format!("the {ordinal} among {}", self.term(*among).id)
            }
            Some(Object::Relative { relation, to }) => {
                let to = match &**to {
                    Reference::Claim(id) => format!("claim {id}"),
                    Reference::Term(t) => self.term(*t).id.clone(),
                };
                match relation {
                    Comparison::MoreThan => format!("more than {to}"),
                    Comparison::LessThan => format!("less than {to}"),
                    Comparison::Change(c) => {
                        format!("{:+}% from {to}", Number((c * 1000.0).round() / 10.0))
                    }
                }
            }
        }
    }

    /// Whether term `narrow` is `broad` or lies within it (`broader`/`part-of`, transitively).
    pub fn within(&self, narrow: Term, broad: Term) -> bool {
        narrow == broad || self.term(narrow).within.binary_search(&broad).is_ok()
    }

    /// The chain a claim came through, from its origin to its outlet: "the health
    /// ministry, via AP, in Salon" (outlets' own claims: "AP, in Salon"; no relay: "Salon").
    pub fn chain(&self, c: &ResolvedClaim) -> String {
        let outlet = &self.sources[c.source as usize].outlet;
        let mut names: Vec<&str> = Vec::new();
        if let Some(s) = c.speaker {
            names.push(&self.entities[s as usize].name);
        }
        let relays: Vec<&str> = c
            .via
            .iter()
            .rev()
            .map(|&v| self.entities[v as usize].name.as_str())
            .collect();
        if names.is_empty() {
            match relays.split_first() {
                Some((origin, rest)) => {
                    names.push(origin);
                    if rest.is_empty() {
                        return format!("{origin}, in {outlet}");
                    }
                    return format!("{origin}, via {}, in {outlet}", rest.join(" and "));
                }
                None => return outlet.clone(),
            }
        }
        if relays.is_empty() {
            format!("{}, in {outlet}", names[0])
        } else {
            format!("{}, via {}, in {outlet}", names[0], relays.join(", "))
        }
    }

    /// The first voice of a claim's chain: its speaker, else the farthest relay, else none
    /// (the outlet speaks for itself).
    pub fn origin(&self, c: &ResolvedClaim) -> Option<u32> {
        c.speaker.or_else(|| c.via.last().copied())
    }

    /// `subject predicate object` in plain ids, with `not` for a denial and `undetermined`
    /// for "not known" (graph, JSON, export, fingerprints).
    pub fn proposition(&self, c: &ResolvedClaim) -> String {
        let not = match c.polarity() {
            Polarity::Denied => "not ",
            Polarity::Undetermined => "undetermined ",
            Polarity::Affirmed => "",
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

    /// The name of whoever said a claim: the speaker's name, else the origin of a relayed
    /// report (its farthest `via`), else the outlet.
    pub fn voice(&self, c: &ResolvedClaim) -> String {
        match self.origin(c) {
            Some(s) => self.entities[s as usize].name.clone(),
            None => self.sources[c.source as usize].outlet.clone(),
        }
    }
}

/// Resolves a loaded corpus against the rules.
pub fn resolve(loaded: Loaded, rules: &Rules) -> Corpus {
    resolve_with(loaded, rules, false)
}

/// [`resolve`], keeping each parsed claim ([`Written::parsed`]) (for writing claims
/// back as written: `claimcheck export`).
pub fn resolve_keeping_parsed(loaded: Loaded, rules: &Rules) -> Corpus {
    resolve_with(loaded, rules, true)
}

fn resolve_with(loaded: Loaded, rules: &Rules, keep_parsed: bool) -> Corpus {
    let Loaded {
        mut map,
        files,
        mut problems,
        documents,
        mut unread,
        statements,
        later,
    } = loaded;
    let vocabulary = rules.vocabulary.clone();
    let mut sources = Vec::new();
    let mut source_index: FxHashMap<String, SourceIdx> = FxHashMap::default();
    let mut entities = Vec::new();
    let mut concepts = Vec::new();
    let mut names: FxHashMap<String, Term> = FxHashMap::default();
    let mut ids: FxHashMap<String, Span> = FxHashMap::default();

    let mut dup = |problems: &mut Vec<Problem>, id: &str, span: Span, what: &str| -> bool {
        if let Some(first) = ids.get(id) {
            problems.push(duplicate_id(&map, what, id, span, *first));
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
    // `part-of` and `broader` links, resolved once every name is known.
    let mut links: Vec<(Term, String, Span, &str)> = Vec::new();
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
            for p in &e.part_of {
                links.push((t, p.value.clone(), p.span, "part-of"));
            }
            entities.push(TermInfo {
                id: e.id.value.clone(),
                name: e.name.clone().unwrap_or_else(|| e.id.value.clone()),
                kind: e.kind.clone().unwrap_or_else(|| "entity".into()),
                aliases: e.aliases.iter().map(|a| a.value.clone()).collect(),
                within: Vec::new(),
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
            for b in &c.broader {
                links.push((t, b.value.clone(), b.span, "broader"));
            }
            concepts.push(TermInfo {
                id: c.id.value.clone(),
                name: c.name.clone().unwrap_or_else(|| c.id.value.clone()),
                kind: "concept".into(),
                aliases: c.forms.iter().map(|a| a.value.clone()).collect(),
                within: Vec::new(),
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
        if let Some(&t) = names.get(name) {
            return Some(t);
        }
        if alias_map.is_empty() {
            return None;
        }
        let key = name.trim();
        let lower = key.bytes().all(|b| b.is_ascii() && !b.is_ascii_uppercase());
        let found = match lower {
            true => alias_map.get(key),
            false => alias_map.get(&key.to_lowercase()),
        };
        found.map(|(t, _)| *t)
    };
    link_terms(&links, &lookup, &mut entities, &mut concepts, &mut problems);
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
            .map(|d| (d, quote::normalize(map.get(d).text())))
            .collect()
    };

    // The claims, a batch at a time in path order: a file parsed while loading, or a few
    // files of claims only that are parsed now (`Loaded::later`), so that the parsed
    // claims of a large corpus never all live at once. Phase 1, in file order: duplicate
    // ids (the first declaration wins) and predicates (unknown ones get ad-hoc ids in
    // order of first use). Phase 2, in parallel: each claim on its own against the
    // finished tables. A claim that names other claims (suppressions, relays, `retracts`,
    // relative figures) is resolved last, once every claim id is known.
    // Sized once: a million claims are a few hundred megabytes, and growing by doubling
    // would hold the old and the new buffer at once.
    let claims: Vec<ResolvedClaim> = Vec::with_capacity(
        files.iter().map(|f| f.claims.len()).sum::<usize>() + later.estimated_claims(),
    );
    let seen = ClaimIds::with_capacity(claims.capacity());
    let mut state = ClaimState {
        claims,
        seen,
        dropped: Vec::new(),
        deferred: Vec::new(),
        problems: Vec::new(),
        unknown_predicates: FxHashMap::default(),
        vocabulary,
    };
    let tables = Tables {
        ids: &ids,
        sources: &sources,
        source_index: &source_index,
        source_ids: &source_ids,
        known_ids: &known_ids,
        lookup: &lookup,
        normalized_docs: &normalized_docs,
        rules,
        keep_parsed,
    };
    // While one batch is resolved, the next is parsed on the other core.
    let mut parsed = files.into_iter().peekable();
    let mut later_files = later.files.iter().copied().peekable();
    let mut batch = match next_unit(&mut parsed, &mut later_files) {
        Some(Unit::Later(parts)) => {
            let files = later.parse(&map, &parts);
            Some(later_batch(
                files,
                &parts,
                &mut map,
                &mut state.problems,
                &mut unread,
                later_files.peek(),
            ))
        }
        Some(Unit::Parsed(f)) => Some(vec![f]),
        None => None,
    };
    while let Some(current) = batch.take() {
        let upcoming = next_unit(&mut parsed, &mut later_files);
        let (upcoming_files, ()) = rayon::join(
            || match &upcoming {
                Some(Unit::Later(parts)) => later.parse(&map, parts),
                _ => Vec::new(),
            },
            || state.batch(current, &tables, &map),
        );
        batch = match upcoming {
            Some(Unit::Later(parts)) => Some(later_batch(
                upcoming_files,
                &parts,
                &mut map,
                &mut state.problems,
                &mut unread,
                later_files.peek(),
            )),
            Some(Unit::Parsed(f)) => Some(vec![f]),
            None => None,
        };
    }
    let ClaimState {
        mut claims,
        seen,
        dropped,
        deferred,
        problems: found,
        unknown_predicates,
        vocabulary,
    } = state;
    problems.extend(found);
    if !deferred.is_empty() {
        let id_of = |slot: Slot| slot_id(slot, &claims, &dropped, &deferred, &[]);
        let is_claim = |name: &str| seen.find(name, id_of).is_some();
        let resolver = tables.resolver(&map, &vocabulary, &is_claim);
        let resolved: Vec<Resolution> = {
            use rayon::prelude::*;
            deferred
                .par_iter()
                .map(|(c, predicate)| resolver.claim(c.clone(), *predicate))
                .collect()
        };
        for (claim, found) in resolved {
            problems.extend(found);
            claims.extend(claim.ok());
        }
    }
    drop(seen);
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
    link_retractions(&mut claims, &entities, &mut problems);
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

/// The next batch of claims to resolve, in path order: the next file parsed while
/// loading, or the claim files (runs of lines) of `later` before it, up to
/// [`LATER_BATCH_BYTES`].
enum Unit {
    Later(Vec<crate::load::LaterPart>),
    Parsed(ClaimFile),
}

fn next_unit(
    parsed: &mut std::iter::Peekable<std::vec::IntoIter<ClaimFile>>,
    later_files: &mut std::iter::Peekable<impl Iterator<Item = crate::load::LaterPart>>,
) -> Option<Unit> {
    let next_parsed = parsed.peek().map(|f| f.file);
    let (mut parts, mut bytes) = (Vec::new(), 0);
    while bytes < LATER_BATCH_BYTES
        && let Some(f) = later_files.peek()
        && next_parsed.is_none_or(|p| f.file < p)
    {
        bytes += f.len;
        parts.extend(later_files.next());
    }
    if !parts.is_empty() {
        return Some(Unit::Later(parts));
    }
    parsed.next().map(Unit::Parsed)
}

/// The files of a batch parsed from `later`: their problems recorded, their texts
/// released when all their parts are parsed (`next` is the first part left).
fn later_batch(
    files: Vec<(ClaimFile, Vec<Problem>)>,
    parts: &[crate::load::LaterPart],
    map: &mut SourceMap,
    problems: &mut Vec<Problem>,
    unread: &mut Vec<crate::load::UnreadFile>,
    next: Option<&crate::load::LaterPart>,
) -> Vec<ClaimFile> {
    let files = files
        .into_iter()
        .map(|p| crate::load::Later::take(map, p, problems, unread))
        .collect();
    crate::load::Later::release(map, parts, next);
    files
}

/// The finished tables a batch of claims is resolved against.
struct Tables<'a> {
    /// Declared ids (sources, entities, concepts), which claim ids must not repeat.
    ids: &'a FxHashMap<String, Span>,
    sources: &'a [SourceInfo],
    source_index: &'a FxHashMap<String, SourceIdx>,
    source_ids: &'a [String],
    known_ids: &'a [String],
    lookup: &'a (dyn Fn(&str) -> Option<Term> + Sync),
    normalized_docs: &'a FxHashMap<FileId, quote::Normalized>,
    rules: &'a Rules,
    keep_parsed: bool,
}

/// A claim waiting for its turn, with its looked-up predicate.
type Waiting = (Box<Claim>, (PredicateId, bool));

/// The id of the claim in `slot` (a pending slot with no batch: "").
fn slot_id<'a>(
    slot: Slot,
    claims: &'a [ResolvedClaim],
    dropped: &'a [Located<Box<str>>],
    deferred: &'a [Waiting],
    pending: &'a [Waiting],
) -> &'a str {
    match slot {
        Slot::Resolved(i) => &claims[i as usize].claim.id.value,
        Slot::Dropped(i) => &dropped[i as usize].value,
        Slot::Pending(i) => pending.get(i as usize).map_or("", |p| &p.0.id.value),
        Slot::Deferred(i) => &deferred[i as usize].0.id.value,
    }
}

/// The claims resolved so far, and what resolving them found.
struct ClaimState {
    claims: Vec<ResolvedClaim>,
    seen: ClaimIds,
    /// Ids of claims not resolved (a broken reference).
    dropped: Vec<Located<Box<str>>>,
    /// Claims that name claims, resolved last.
    deferred: Vec<Waiting>,
    problems: Vec<Problem>,
    /// Predicates no rule defines, where first used.
    unknown_predicates: FxHashMap<String, Span>,
    vocabulary: Vocabulary,
}

impl ClaimState {
    /// Phase 1, in file order: duplicate ids (the first declaration wins) and predicates
    /// (unknown ones get ad-hoc ids in order of first use). Phase 2, in parallel: each
    /// claim on its own against the finished tables.
    fn batch(&mut self, batch: Vec<ClaimFile>, t: &Tables<'_>, map: &SourceMap) {
        let Self {
            claims,
            seen,
            dropped,
            deferred,
            problems,
            unknown_predicates,
            vocabulary,
        } = self;
        // Each with its ordinal in `seen`.
        let mut pending: Vec<Waiting> = Vec::new();
        let mut ordinals: Vec<u32> = Vec::new();
        for c in batch.into_iter().flat_map(|f| f.claims) {
            let id_of = |slot: Slot| slot_id(slot, claims, dropped, deferred, &pending);
            let id = &c.id;
            let first = match t.ids.get(&id.value) {
                Some(span) => Some(*span),
                None => seen.find(&id.value, id_of).map(|slot| match slot {
                    Slot::Resolved(i) => claims[i as usize].claim.id.span,
                    Slot::Dropped(i) => dropped[i as usize].span,
                    Slot::Pending(i) => pending[i as usize].0.id.span,
                    Slot::Deferred(i) => deferred[i as usize].0.id.span,
                }),
            };
            if let Some(first) = first {
                problems.push(duplicate_id(map, "claim", &id.value, id.span, first));
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
            if names_claims(&c) {
                seen.insert(&c.id.value, Slot::Deferred(deferred.len() as u32), id_of);
                deferred.push((c, predicate));
            } else {
                ordinals.push(seen.insert(&c.id.value, Slot::Pending(pending.len() as u32), id_of));
                pending.push((c, predicate));
            }
        }
        if pending.is_empty() {
            return;
        }
        let resolver = t.resolver(map, vocabulary, &|_| false);
        let resolved: Vec<Resolution> = {
            use rayon::prelude::*;
            pending
                .into_par_iter()
                .map(|(c, predicate)| resolver.claim(c, predicate))
                .collect()
        };
        for ((claim, found), ordinal) in resolved.into_iter().zip(ordinals) {
            problems.extend(found);
            match claim {
                Ok(c) => {
                    seen.relocate(ordinal, Slot::Resolved(claims.len() as u32));
                    claims.push(c);
                }
                Err(id) => {
                    seen.relocate(ordinal, Slot::Dropped(dropped.len() as u32));
                    dropped.push(id);
                }
            }
        }
    }
}

impl Tables<'_> {
    /// A resolver over these tables, the files and `vocabulary`; `is_claim` says whether
    /// a claim has an id.
    fn resolver<'b>(
        &'b self,
        map: &'b SourceMap,
        vocabulary: &'b Vocabulary,
        is_claim: &'b (dyn Fn(&str) -> bool + Sync),
    ) -> ClaimResolver<'b> {
        ClaimResolver {
            vocabulary,
            sources: self.sources,
            source_index: self.source_index,
            source_ids: self.source_ids,
            known_ids: self.known_ids,
            lookup: self.lookup,
            is_claim,
            normalized_docs: self.normalized_docs,
            map,
            rules: self.rules,
            keep_parsed: self.keep_parsed,
        }
    }
}

/// One claim resolved (or its id, where it is written, when a reference is broken), and
/// its problems.
type Resolution = (Result<ResolvedClaim, Located<Box<str>>>, Vec<Problem>);

/// Batches of claim files parsed while resolving ([`Loaded::later`]) hold about this many
/// bytes of claim text (some 6,000 claims; the parsed claims are about five times that).
const LATER_BATCH_BYTES: usize = 1 << 20;

/// "duplicate claim id `x`", pointing at the first declaration.
fn duplicate_id(map: &SourceMap, what: &str, id: &str, span: Span, first: Span) -> Problem {
    Problem::new(
        ProblemKind::DuplicateId,
        span,
        format!("duplicate {what} id `{id}`"),
    )
    .with_help(format!(
        "the id is first declared at {}:{}:{}; ids must be unique across all claim files",
        map.display(first.file),
        first.line,
        first.column
    ))
}

/// Whether a claim names other claims (a suppression's `claim`, a relay that may be
/// one, `retracts`, a relative figure): it is resolved once every claim id is known.
fn names_claims(c: &Claim) -> bool {
    c.suppress.iter().any(|s| s.claim.is_some())
        || !c.via.is_empty()
        || c.retracts.is_some()
        || matches!(
            c.object.as_ref().map(|o| &o.value),
            Some(ObjectValue::Relative { .. })
        )
}

/// The finished tables one claim is resolved against (shared by the parallel phase).
struct ClaimResolver<'a> {
    vocabulary: &'a Vocabulary,
    sources: &'a [SourceInfo],
    source_index: &'a FxHashMap<String, SourceIdx>,
    source_ids: &'a [String],
    known_ids: &'a [String],
    lookup: &'a (dyn Fn(&str) -> Option<Term> + Sync),
    /// Whether some claim has this id (only asked for claims that name claims).
    is_claim: &'a (dyn Fn(&str) -> bool + Sync),
    normalized_docs: &'a FxHashMap<FileId, quote::Normalized>,
    map: &'a SourceMap,
    rules: &'a Rules,
    keep_parsed: bool,
}

impl ClaimResolver<'_> {
    /// Resolves one claim whose id is unique and whose predicate is looked up; returns it
    /// (or nothing, when a reference is broken) and the problems it has.
    fn claim(&self, c: Box<Claim>, predicate: (PredicateId, bool)) -> Resolution {
        let dropped = |c: Box<Claim>| Err(Located::new(c.id.value.into_boxed_str(), c.id.span));
        let Self {
            vocabulary,
            sources,
            source_index,
            source_ids,
            known_ids,
            lookup,
            is_claim,
            normalized_docs,
            map,
            rules,
            keep_parsed,
        } = *self;
        let tolerance = vocabulary.def(predicate.0).tolerance;
        let figure = |amount: Amount, unit: Option<String>, vague: Option<String>| {
            let (low, high) = amount.interval(tolerance.about_width());
            Object::Quantity(Box::new(Quantity {
                low,
                high,
                amount,
                unit,
                vague,
            }))
        };
        let vague = |v: &VagueAmount| figure(v.amount, v.unit.clone(), Some(v.name.clone()));
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
            ObjectValue::Name(n) => Some(match (lookup(n), rules.amount(n)) {
                (Some(t), _) => Object::Term(t),
                (None, Some(v)) => vague(v),
                (None, None) => Object::Literal(normalize_literal(n)),
            }),
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
            ObjectValue::Number(n, u) => Some(figure(Amount::Exact(*n), u.clone(), None)),
            ObjectValue::Amount(a, u) => Some(figure(*a, u.clone(), None)),
            ObjectValue::Date(d) => Some(Object::Date(*d)),
            ObjectValue::Rank { rank, among } => match lookup(among) {
                Some(t) => Some(Object::Rank {
                    rank: *rank,
                    among: t,
                }),
                None => {
                    unknown(&mut problems, "class (`among`)", among, o.span, known_ids);
                    None
                }
            },
            ObjectValue::Relative { relation, to } => {
                let reference = if is_claim(to) {
                    Some(Reference::Claim(to.clone()))
                } else {
                    match lookup(to) {
                        Some(t @ Term::Entity(_)) => Some(Reference::Term(t)),
                        _ => None,
                    }
                };
                if reference.is_none() {
                    unknown(&mut problems, "claim or entity", to, o.span, known_ids);
                }
                reference.map(|to| Object::Relative {
                    relation: *relation,
                    to: Box::new(to),
                })
            }
        });
        let mut via = Vec::with_capacity(c.via.len());
        for v in &c.via {
            match lookup(&v.value) {
                Some(Term::Entity(e)) => via.push(e),
                Some(Term::Concept(_)) => problems.push(Problem::new(
                    ProblemKind::UnknownReference,
                    v.span,
                    format!("`via` names concept `{}`: a relay is an entity (an outlet, an agency, a person)", v.value),
                )),
                None if is_claim(&v.value) => problems.push(Problem::new(
                    ProblemKind::UnknownReference,
                    v.span,
                    format!("`via` names claim `{}`: a relay is an entity (an outlet, an agency, a person)", v.value),
                ).with_help("declare the outlet or agency under `entities` and name it here")),
                None => unknown(&mut problems, "relay (`via`)", &v.value, v.span, known_ids),
            }
        }
        for s in &c.suppress {
            if let Some(other) = &s.claim {
                let known = is_claim(&other.value);
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
            return (dropped(c), problems);
        }
        let (Some(source), Some(mut subject)) = (source, subject) else {
            return (dropped(c), problems);
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
        let said = said_date.map_or(Period::ALWAYS, |d| d.period());
        let mut valid_somewhere = false;
        let valid = if def.timeless {
            Period::ALWAYS
        } else {
            match &c.valid {
                Some(v) => {
                    let v = v.value;
                    if let Some(at) = v.at {
                        at.period()
                    } else if v.before.is_some() || v.after.is_some() {
                        valid_somewhere = true;
                        Period {
                            start: v.after.map_or(i64::MIN, |d| d.last_minute() + 1),
                            end: v.before.map_or(i64::MAX, |d| d.first_minute() - 1),
                        }
                    } else {
                        Period {
                            start: v.from.map_or(i64::MIN, |d| d.first_minute()),
                            end: v.to.map_or(i64::MAX, |d| d.last_minute()),
                        }
                    }
                }
                None => said,
            }
        };
        let quote = match (&c.quote, src.document) {
            (Some(q), Some(doc)) => Some(Box::new(quote::find(
                &normalized_docs[&doc],
                map.get(doc).text(),
                &q.value,
            ))),
            _ => None,
        };
        let resolved = ResolvedClaim {
            claim: Written::new(c, keep_parsed),
            source,
            speaker,
            via: via.into(),
            subject,
            predicate,
            object,
            said,
            said_date,
            valid,
            valid_somewhere,
            quote,
            retracts: None,
            retracted_by: None,
        };
        (Ok(resolved), problems)
    }
}

/// Resolves `part-of` and `broader` links into each term's `within` list (transitively);
/// a link to an unknown name, a `broader` naming an entity, or a cycle is a problem and the
/// link is left out.
fn link_terms(
    links: &[(Term, String, Span, &str)],
    lookup: &dyn Fn(&str) -> Option<Term>,
    entities: &mut [TermInfo],
    concepts: &mut [TermInfo],
    problems: &mut Vec<Problem>,
) {
    if links.is_empty() {
        return;
    }
    let mut parents: FxHashMap<Term, Vec<Term>> = FxHashMap::default();
    let info = |t: Term, entities: &[TermInfo], concepts: &[TermInfo]| -> String {
        match t {
            Term::Entity(i) => entities[i as usize].id.clone(),
            Term::Concept(i) => concepts[i as usize].id.clone(),
        }
    };
    for (child, name, span, key) in links {
        let Some(parent) = lookup(name) else {
            problems.push(
                Problem::new(
                    ProblemKind::UnknownReference,
                    *span,
                    format!("`{key}` names unknown `{name}`"),
                )
                .with_help("declare it under `entities` or `concepts` in a claim file"),
            );
            continue;
        };
        if *key == "broader" && matches!(parent, Term::Entity(_)) {
            problems.push(
                Problem::new(
                    ProblemKind::UnknownReference,
                    *span,
                    format!("`broader` names entity `{name}`: a concept is broader than a concept"),
                )
                .with_help("an entity that belongs to another takes `part-of` on the entity"),
            );
            continue;
        }
        // A link that closes a cycle is refused (checked against the links so far).
        let mut stack = vec![parent];
        let mut seen = rustc_hash::FxHashSet::default();
        let mut cycle = false;
        while let Some(t) = stack.pop() {
            if t == *child {
                cycle = true;
                break;
            }
            if seen.insert(t) {
                stack.extend(parents.get(&t).into_iter().flatten().copied());
            }
        }
        if cycle {
            problems.push(
                Problem::new(
                    ProblemKind::UnknownReference,
                    *span,
                    format!(
                        "`{key}: {name}` makes a cycle: `{name}` is already within `{}`",
                        info(*child, entities, concepts)
                    ),
                )
                .with_help("a whole cannot be part of its own part; remove one of the links"),
            );
            continue;
        }
        parents.entry(*child).or_default().push(parent);
    }
    for (&child, _) in parents.iter() {
        let mut within = Vec::new();
        let mut stack: Vec<Term> = parents[&child].clone();
        while let Some(t) = stack.pop() {
            if !within.contains(&t) {
                within.push(t);
                stack.extend(parents.get(&t).into_iter().flatten().copied());
            }
        }
        within.sort_unstable();
        match child {
            Term::Entity(i) => entities[i as usize].within = within,
            Term::Concept(i) => concepts[i as usize].within = within,
        }
    }
}

/// Links each `retracts:` to the claim it takes back; a retraction of an unknown claim,
/// of another speaker's claim, or of a claim said later is a problem and links nothing.
fn link_retractions(
    claims: &mut [ResolvedClaim],
    entities: &[TermInfo],
    problems: &mut Vec<Problem>,
) {
    if !claims.iter().any(|c| c.claim.retracts().is_some()) {
        return;
    }
    let by_id: FxHashMap<&str, ClaimIdx> = claims
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id(), i as ClaimIdx))
        .collect();
    let mut links = Vec::new();
    for (i, c) in claims.iter().enumerate() {
        let Some(target) = &c.claim.retracts() else {
            continue;
        };
        let Some(&t) = by_id.get(target.value.as_str()) else {
            problems.push(Problem::new(
                ProblemKind::UnknownReference,
                target.span,
                format!("`retracts` names unknown claim `{}`", target.value),
            ));
            continue;
        };
        let old = &claims[t as usize];
        let name = |s: Option<u32>| {
            s.map_or_else(
                || "the outlet".to_string(),
                |s| entities[s as usize].name.clone(),
            )
        };
        let same_voice = match (c.speaker, old.speaker) {
            (Some(a), Some(b)) => a == b,
            (None, None) => old.source == c.source,
            _ => false,
        };
        if !same_voice {
            problems.push(Problem::new(
                ProblemKind::UnknownReference,
                target.span,
                format!(
                    "`retracts: {}` names a claim of {}, not of {}: only a speaker can take back his own words",
                    target.value,
                    name(old.speaker),
                    name(c.speaker)
                ),
            ).with_help("to record that someone else disputes it, write a claim of your own with the other polarity or value"));
            continue;
        }
        if c.said.end < old.said.start || t as usize == i {
            problems.push(
                Problem::new(
                    ProblemKind::UnknownReference,
                    target.span,
                    format!(
                        "`retracts: {}` names a claim said later ({}) than the retraction ({})",
                        target.value,
                        old.said.describe(),
                        c.said.describe()
                    ),
                )
                .with_help(
                    "a retraction is said after what it takes back; check both `said` dates",
                ),
            );
            continue;
        }
        links.push((i, t));
    }
    for &(i, t) in &links {
        claims[i].retracts = Some(t);
        claims[t as usize].retracted_by = Some(i as ClaimIdx);
    }
    // A retraction takes back the statement, not one outlet's print of it: every other
    // report of the same speaker stating the same thing, said no later than the
    // retraction, is taken back with it (the relays of UEFA's match-night reason).
    let mut by_speaker: FxHashMap<u32, Vec<usize>> = FxHashMap::default();
    for (k, c) in claims.iter().enumerate() {
        if let Some(s) = c.speaker {
            by_speaker.entry(s).or_default().push(k);
        }
    }
    for &(i, t) in &links {
        let (said, old) = (claims[i].said, &claims[t as usize]);
        let Some(speaker) = old.speaker else {
            continue;
        };
        let key = (
            old.subject,
            old.predicate,
            old.object.clone(),
            old.polarity(),
        );
        let echoes: Vec<usize> = by_speaker[&speaker]
            .iter()
            .map(|&k| (k, &claims[k]))
            .filter(|&(k, c)| {
                k != i
                    && k != t as usize
                    && c.speaker == Some(speaker)
                    && c.retracted_by.is_none()
                    && c.retracts.is_none()
                    && c.said.start <= said.end
                    && (c.subject, c.predicate, c.object.clone(), c.polarity()) == key
            })
            .map(|(k, _)| k)
            .collect();
        for k in echoes {
            claims[k].retracted_by = Some(i as ClaimIdx);
        }
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
    // Most literals are already normal: one copy, not three.
    let normal = !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains("  ")
        && s.bytes()
            .all(|b| b == b' ' || (b.is_ascii_graphic() && !b.is_ascii_uppercase()));
    if normal {
        return s.to_string();
    }
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::normalize_literal;

    #[test]
    fn literals_normalise_to_lowercase_words_with_single_spaces() {
        for (written, normal) in [
            ("p12_o02", "p12_o02"),
            ("left the band", "left the band"),
            ("Left  the\tBand ", "left the band"),
            (" x", "x"),
            ("ÉTÉ", "été"),
            ("ǅemal", "ǆemal"),
            ("a\u{a0}b", "a b"),
        ] {
            assert_eq!(normalize_literal(written), normal, "{written:?}");
        }
    }
}
