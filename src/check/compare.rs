//! The comparison engine: bucket claims by (subject, predicate family), group each bucket
//! by position (predicate, object, polarity, exclusivity), decide once per pair of
//! positions whether they clash, and only then look at the claim pairs of clashing
//! positions to decide what explains the clash (time, a revision, a paraphrase).
//!
//! Claims that never share a subject and a predicate family are never compared.

use super::DisputeKey;
use crate::model::{FuzzyDate, Polarity, figure_asserts, figures_agree};
use crate::resolve::{ClaimIdx, Corpus, Object, ResolvedClaim, SourceIdx};
use crate::rules::{PredicateId, Vocabulary};
use rustc_hash::FxHashMap;

/// What clashes between two claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    /// The same proposition affirmed and denied.
    Opposed,
    /// Two values of a functional predicate.
    ValueClash,
    /// Contrary predicates both affirmed.
    Contrary,
    /// Different causes given for the same event.
    CauseTension,
    /// A cause affirmed by one and denied by the other.
    CauseDenied,
    /// Different causes where one is exclusive ("the only reason").
    CauseExclusive,
    /// An outlet states as fact what its own source calls undetermined.
    StatedAsFact,
}

impl Relation {
    /// Whether the two claims cannot both be true (as opposed to a mere tension).
    pub fn is_contradiction(self) -> bool {
        !matches!(self, Self::CauseTension | Self::StatedAsFact)
    }
}

/// What explains (or frames) a clash between two claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Frame {
    /// Nothing explains it: different voices, or one voice in one speech act.
    Plain,
    /// The valid times do not overlap: the status changed.
    TimeExplained,
    /// The same speaker, in his own words, at different dates.
    Revision,
    /// The same speaker, where at least one side is an outlet's paraphrase.
    Reporting,
}

/// One classified clash between two claims (a pair inside a [`Clash`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Conflict {
    /// The earlier claim.
    earlier: ClaimIdx,
    /// The later claim.
    later: ClaimIdx,
    /// What explains it.
    frame: Frame,
    /// The two positions, as indices into the bucket's positions (in `earlier`, `later`
    /// order of the pair).
    positions: (usize, usize),
}

/// A clash between two positions of one dispute, of one kind: every claim pair of the two
/// positions with the same explanation, reported once. The unit of a finding.
#[derive(Debug, Clone)]
pub struct Clash {
    /// The bucket.
    pub dispute: DisputeKey,
    /// What clashes.
    pub relation: Relation,
    /// What explains it (the same for every pair in it).
    pub frame: Frame,
    /// The claims of each side that take part, in corpus order. Side 0 holds the primary
    /// claim (the latest said).
    pub sides: [Vec<ClaimIdx>; 2],
    /// The latest-said claim of side 0: where the finding points.
    pub primary: ClaimIdx,
    /// The latest-said claim of side 1.
    pub other: ClaimIdx,
    /// The claim pairs, (later, earlier); empty when the sides were too large to list.
    pub pairs: Vec<(ClaimIdx, ClaimIdx)>,
    /// The other explanations found between the same two positions (their own clashes).
    pub siblings: Vec<Frame>,
}

/// Claim pairs per pair of positions above which a clash is judged side against side (no
/// pair by pair explanation).
pub const PAIR_LIMIT: usize = 256;
/// Distinct positions per bucket above which only the largest are compared.
pub const POSITION_LIMIT: usize = 48;

/// Claims that state exactly the same thing (same bucket and position).
#[derive(Debug, Clone)]
pub struct Agreement {
    /// The claims, in corpus order.
    pub claims: Vec<ClaimIdx>,
}

/// Everything the comparison found.
#[derive(Debug, Default)]
pub struct Comparison {
    /// Every clash, sorted by (primary, other, relation, frame).
    pub clashes: Vec<Clash>,
    /// Groups of identical positions with two or more claims.
    pub agreements: Vec<Agreement>,
    /// Buckets with more distinct positions than [`POSITION_LIMIT`]: how many were left out.
    pub omitted: Vec<(DisputeKey, usize)>,
}

/// A position: what a group of claims says within a bucket.
#[derive(Debug, Clone, PartialEq)]
struct Position<'a> {
    predicate: PredicateId,
    object: Option<&'a Object>,
    polarity: Polarity,
    exclusive: bool,
    /// How it was measured (sorted keys).
    scope: &'a [(String, String)],
}

impl Position<'_> {
    fn of(c: &ResolvedClaim) -> Position<'_> {
        Position {
            predicate: c.predicate,
            object: c.object.as_ref(),
            polarity: c.polarity(),
            exclusive: c.claim.exclusive,
            scope: c.claim.scope(),
        }
    }
}

/// The scope key that says which part of the whole a figure counts (`counted: foreign
/// nationals`): a figure with it is a part, compared only with figures of the same part;
/// without it, a figure counts the whole.
pub const PART_KEY: &str = "counted";

/// Whether two scopes measure different things: they differ on a key both have, or only
/// one counts a part ([`PART_KEY`]).
pub fn scopes_differ(a: &[(String, String)], b: &[(String, String)]) -> bool {
    let part = |s: &[(String, String)]| s.iter().any(|(k, _)| k == PART_KEY);
    if part(a) != part(b) {
        return true;
    }
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                if a[i].1 != b[j].1 {
                    return true;
                }
                i += 1;
                j += 1;
            }
        }
    }
    false
}

/// Compares all claims of a corpus.
pub fn compare(corpus: &Corpus) -> Comparison {
    use rayon::prelude::*;
    let vocab = &corpus.vocabulary;
    // Bucket by sorting (claim index breaks ties, so members stay in corpus order).
    let mut keyed: Vec<(DisputeKey, ClaimIdx)> = corpus
        .claims
        .par_iter()
        .enumerate()
        .map(|(i, c)| {
            let key = DisputeKey {
                subject: c.subject,
                family: vocab.family(c.predicate),
            };
            (key, i as ClaimIdx)
        })
        .collect();
    keyed.par_sort_unstable();
    // Buckets are independent: compare them in parallel, each worker's run of buckets
    // into one part (not one part per bucket: a million buckets), the parts joined in key
    // order (rayon folds and reduces adjacent runs in order).
    let mut out = keyed
        .par_chunk_by(|a, b| a.0 == b.0)
        .fold(Comparison::default, |mut part, bucket| {
            compare_bucket(corpus, bucket[0].0, bucket, &mut part);
            part
        })
        .reduce(Comparison::default, |mut a, b| {
            a.clashes.extend(b.clashes);
            a.agreements.extend(b.agreements);
            a.omitted.extend(b.omitted);
            a
        });
    drop(keyed);
    out.clashes
        .par_sort_unstable_by_key(|c| (c.primary, c.other, c.relation, c.frame));
    out
}

/// Compares the claims of one bucket (`members`: its keys and claims, in corpus order).
fn compare_bucket(
    corpus: &Corpus,
    key: DisputeKey,
    members: &[(DisputeKey, ClaimIdx)],
    out: &mut Comparison,
) {
    // Group by position (linear scan over the distinct positions; buckets have few).
    let mut positions: Vec<(Position<'_>, Vec<ClaimIdx>)> = Vec::new();
    let mut index: FxHashMap<PositionKey<'_>, usize> = FxHashMap::default();
    for &(_, i) in members {
        let c = &corpus.claims[i as usize];
        // A retracted claim no longer speaks: its retraction is a note of its own.
        if c.retracted_by.is_some() {
            continue;
        }
        let p = Position::of(c);
        let k = position_key(&p);
        match index.get(&k) {
            Some(&g) => positions[g].1.push(i),
            None => {
                index.insert(k, positions.len());
                positions.push((p, vec![i]));
            }
        }
    }
    for (_, claims) in &positions {
        if claims.len() > 1 {
            out.agreements.push(Agreement {
                claims: claims.clone(),
            });
        }
    }
    // A paraphrase backed by the speaker's own words in the same speech act (same position,
    // same speaker, overlapping said dates) adds nothing to a conflict: its twin carries it.
    for (_, claims) in &mut positions {
        drop_backed_paraphrases(corpus, claims);
    }
    merge_joint_values(corpus, &mut positions);
    // A bucket with very many distinct values is compared through its largest positions.
    let mut compared: Vec<usize> = (0..positions.len()).collect();
    let omitted_positions = positions.len().saturating_sub(POSITION_LIMIT);
    if omitted_positions > 0 {
        compared.sort_by_key(|&i| (std::cmp::Reverse(positions[i].1.len()), i));
        compared.truncate(POSITION_LIMIT);
        compared.sort_unstable();
        out.omitted.push((key, omitted_positions));
    }
    // Pairs first (time-explained ones thinned to adjacent changes), then one clash per
    // (position pair, relation, frame).
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut relations: Vec<((usize, usize), Relation)> = Vec::new();
    let first_said = first_said(corpus, members);
    for (ai, &a) in compared.iter().enumerate() {
        for &b in &compared[ai + 1..] {
            let Some(relation) = relate(corpus, &positions[a].0, &positions[b].0) else {
                continue;
            };
            let (xs, ys) = (&positions[a].1, &positions[b].1);
            if xs.is_empty() || ys.is_empty() {
                continue;
            }
            if xs.len() * ys.len() > PAIR_LIMIT {
                out.clashes
                    .extend(side_against_side(corpus, key, relation, xs, ys));
                continue;
            }
            relations.push(((a, b), relation));
            for &x in xs {
                for &y in ys {
                    let (cx, cy) = (&corpus.claims[x as usize], &corpus.claims[y as usize]);
                    if relation == Relation::CauseTension && one_account(cx, cy) {
                        continue;
                    }
                    if relation == Relation::StatedAsFact && !states_as_fact(corpus, cx, cy) {
                        continue;
                    }
                    let rising = rising_count(corpus, x, y, &first_said);
                    let Some(frame) = frame(corpus, cx, cy, rising) else {
                        // When the thing held is not known well enough to say the two
                        // overlap or not (`valid: {before: …}`), nothing is claimed.
                        continue;
                    };
                    let (earlier, later, positions) = if order(cx, x) <= order(cy, y) {
                        (x, y, (a, b))
                    } else {
                        (y, x, (b, a))
                    };
                    conflicts.push(Conflict {
                        earlier,
                        later,
                        frame,
                        positions,
                    });
                }
            }
        }
    }
    keep_adjacent_changes(corpus, &mut conflicts);
    // Group: (position pair in index order, frame) -> pairs.
    let mut groups: FxHashMap<(PositionPair, Frame), Vec<(ClaimIdx, ClaimIdx)>> =
        FxHashMap::default();
    for c in &conflicts {
        let (p, q) = c.positions;
        groups
            .entry(((p.min(q), p.max(q)), c.frame))
            .or_default()
            .push((c.later, c.earlier));
    }
    for &(pair, relation) in &relations {
        let frames: Vec<Frame> = FRAMES
            .iter()
            .copied()
            .filter(|f| groups.contains_key(&(pair, *f)))
            .collect();
        for &f in &frames {
            let Some(mut pairs) = groups.remove(&(pair, f)) else {
                continue;
            };
            pairs.sort_unstable();
            let side_of = |i: ClaimIdx| usize::from(!positions[pair.0].1.contains(&i));
            let mut sides: [Vec<ClaimIdx>; 2] = [Vec::new(), Vec::new()];
            // Side 0 is the lower-indexed position of the pair.
            for &(l, e) in &pairs {
                sides[side_of(l)].push(l);
                sides[side_of(e)].push(e);
            }
            for s in &mut sides {
                s.sort_unstable();
                s.dedup();
            }
            let siblings = frames.iter().copied().filter(|g| *g != f).collect();
            out.clashes
                .extend(clash(corpus, key, relation, f, sides, pairs, siblings));
        }
    }
}

/// Values of a functional predicate that one account gives together, in the same words
/// ("led by Kim and Lee": the same source, voice and said date, and quotes that overlap
/// in the article) are joint values, not rivals: their
/// positions become one side, so other accounts clash with the pair once. Only entity
/// and concept values can be joint; two numbers or dates from one account still clash.
fn merge_joint_values(corpus: &Corpus, positions: &mut Vec<(Position<'_>, Vec<ClaimIdx>)>) {
    let vocab = &corpus.vocabulary;
    let n = positions.len();
    if n < 2 {
        return;
    }
    let joinable = |p: &Position<'_>| {
        p.polarity == Polarity::Affirmed
            && matches!(p.object, Some(Object::Term(_)))
            && vocab.def(p.predicate).functional
    };
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    let mut parent: Vec<usize> = (0..n).collect();
    type Account = (SourceIdx, Option<u32>, Option<FuzzyDate>, PredicateId);
    let mut first: FxHashMap<Account, (usize, std::ops::Range<usize>)> = FxHashMap::default();
    let mut merged = false;
    for (k, (p, claims)) in positions.iter().enumerate() {
        if !joinable(p) {
            continue;
        }
        for &i in claims {
            let c = &corpus.claims[i as usize];
            // Only values the account gives in the same words: the claims quote the same
            // (or overlapping) words of the article. Without quotes, two values are rivals.
            let Some(words) = c.quote_range() else {
                continue;
            };
            match first.entry((c.source, c.speaker, c.said_date, p.predicate)) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    let (other, range) = e.get();
                    if range.start >= words.end || words.start >= range.end {
                        continue;
                    }
                    let (a, b) = (root(&mut parent, *other), root(&mut parent, k));
                    if a != b {
                        parent[a.max(b)] = a.min(b);
                        merged = true;
                    }
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert((k, words));
                }
            }
        }
    }
    if !merged {
        return;
    }
    let mut moved: Vec<(usize, Vec<ClaimIdx>)> = Vec::new();
    for (k, (_, claims)) in positions.iter_mut().enumerate() {
        let r = root(&mut parent, k);
        if r != k {
            moved.push((r, std::mem::take(claims)));
        }
    }
    for (r, claims) in moved {
        positions[r].1.extend(claims);
        positions[r].1.sort_unstable();
    }
    positions.retain(|(_, claims)| !claims.is_empty());
}

/// Two positions of a bucket, by index, lower first.
type PositionPair = (usize, usize);

/// Every frame, in the order clashes of one position pair are listed.
const FRAMES: [Frame; 4] = [
    Frame::Plain,
    Frame::Reporting,
    Frame::Revision,
    Frame::TimeExplained,
];

/// Whether a pair of an undetermined and a settled claim is an outlet stating as fact what
/// its own source calls undetermined: the same outlet prints a speaker (or relay) calling
/// it undetermined and says it in its own voice.
fn states_as_fact(corpus: &Corpus, a: &ResolvedClaim, b: &ResolvedClaim) -> bool {
    let (open, settled) = if a.polarity() == Polarity::Undetermined {
        (a, b)
    } else {
        (b, a)
    };
    let outlet = |c: &ResolvedClaim| &corpus.sources[c.source as usize].outlet;
    corpus.origin(open).is_some()
        && settled.speaker.is_none()
        && settled.via.is_empty()
        && outlet(open) == outlet(settled)
}

/// Whether two claims are one account: the same source, or one speaker in one speech act
/// (known said dates that overlap), whichever outlets print it. Causes of one account never
/// compete.
fn one_account(a: &ResolvedClaim, b: &ResolvedClaim) -> bool {
    let same_speaker = matches!((a.speaker, b.speaker), (Some(x), Some(y)) if x == y);
    let said_known = a.said_date.is_some() && b.said_date.is_some();
    a.source == b.source || (same_speaker && said_known && a.said.overlaps(&b.said))
}

/// One clash between two large groups, judged side against side: a clash when any of their
/// valid times overlap (a sweep over the merged intervals of each side: linear after
/// sorting).
fn side_against_side(
    corpus: &Corpus,
    dispute: DisputeKey,
    relation: Relation,
    xs: &[ClaimIdx],
    ys: &[ClaimIdx],
) -> Option<Clash> {
    let merged = |side: &[ClaimIdx]| {
        // Claims that held at an unstated time in their period never force an overlap.
        let mut v: Vec<(i64, i64)> = side
            .iter()
            .map(|&i| &corpus.claims[i as usize])
            .filter(|c| !c.valid_somewhere)
            .map(|c| (c.valid.start, c.valid.end))
            .collect();
        v.sort_unstable();
        let mut out: Vec<(i64, i64)> = Vec::new();
        for (s, e) in v {
            match out.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => out.push((s, e)),
            }
        }
        out
    };
    let (mx, my) = (merged(xs), merged(ys));
    let (mut i, mut j) = (0, 0);
    let mut overlap = false;
    while i < mx.len() && j < my.len() {
        if mx[i].0 <= my[j].1 && my[j].0 <= mx[i].1 {
            overlap = true;
            break;
        }
        if mx[i].1 < my[j].1 { i += 1 } else { j += 1 }
    }
    if !overlap {
        return None;
    }
    clash(
        corpus,
        dispute,
        relation,
        Frame::Plain,
        [xs.to_vec(), ys.to_vec()],
        Vec::new(),
        Vec::new(),
    )
}

/// A clash of two sides, the side holding the latest-said claim first (ties keep the
/// given order); `None` when a side is empty.
fn clash(
    corpus: &Corpus,
    dispute: DisputeKey,
    relation: Relation,
    frame: Frame,
    mut sides: [Vec<ClaimIdx>; 2],
    pairs: Vec<(ClaimIdx, ClaimIdx)>,
    siblings: Vec<Frame>,
) -> Option<Clash> {
    let (mut primary, mut other) = (
        latest_said(corpus, &sides[0])?,
        latest_said(corpus, &sides[1])?,
    );
    if order(&corpus.claims[other as usize], other)
        > order(&corpus.claims[primary as usize], primary)
    {
        sides.swap(0, 1);
        std::mem::swap(&mut primary, &mut other);
    }
    Some(Clash {
        dispute,
        relation,
        frame,
        sides,
        primary,
        other,
        pairs,
        siblings,
    })
}

/// The claim said last (said date, then corpus order): where a finding points.
pub fn latest_said(corpus: &Corpus, claims: &[ClaimIdx]) -> Option<ClaimIdx> {
    claims
        .iter()
        .copied()
        .max_by_key(|&i| order(&corpus.claims[i as usize], i))
}

/// Of the clashes that time explains, keeps only the adjacent ones: each earlier status
/// with the first later status that replaced it, so a status held in 2018 and changed in
/// 2020 is one note, not one per later article.
fn keep_adjacent_changes(corpus: &Corpus, conflicts: &mut Vec<Conflict>) {
    let valid = |i: ClaimIdx| corpus.claims[i as usize].valid;
    let ordered = |c: &Conflict| {
        if (valid(c.earlier).start, c.earlier) <= (valid(c.later).start, c.later) {
            (c.earlier, c.later)
        } else {
            (c.later, c.earlier)
        }
    };
    let mut latest_end: FxHashMap<ClaimIdx, i64> = FxHashMap::default();
    let mut earliest_start: FxHashMap<ClaimIdx, i64> = FxHashMap::default();
    for c in conflicts.iter().filter(|c| c.frame == Frame::TimeExplained) {
        let (first, second) = ordered(c);
        let e = latest_end.entry(second).or_insert(i64::MIN);
        *e = (*e).max(valid(first).end);
        let s = earliest_start.entry(first).or_insert(i64::MAX);
        *s = (*s).min(valid(second).start);
    }
    // Figures are gathered into one note per dispute (`status-changed`): keep every
    // change, so the note can say which figure each was replaced by.
    let figure =
        |i: ClaimIdx| matches!(corpus.claims[i as usize].object, Some(Object::Quantity(_)));
    conflicts.retain(|c| {
        if c.frame != Frame::TimeExplained || (figure(c.earlier) && figure(c.later)) {
            return true;
        }
        let (first, second) = ordered(c);
        valid(first).end == latest_end[&second] && valid(second).start == earliest_start[&first]
    });
}

fn drop_backed_paraphrases(corpus: &Corpus, group: &mut Vec<ClaimIdx>) {
    // Said times of direct quotes per speaker, merged, so each paraphrase is one lookup.
    let mut direct: FxHashMap<u32, Vec<(i64, i64)>> = FxHashMap::default();
    for &i in group.iter() {
        let c = &corpus.claims[i as usize];
        if let (Some(s), true) = (c.speaker, c.is_direct()) {
            direct
                .entry(s)
                .or_default()
                .push((c.said.start, c.said.end));
        }
    }
    if direct.is_empty() {
        return;
    }
    for spans in direct.values_mut() {
        spans.sort_unstable();
        let mut merged: Vec<(i64, i64)> = Vec::with_capacity(spans.len());
        for &(s, e) in spans.iter() {
            match merged.last_mut() {
                Some(last) if s <= last.1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        *spans = merged;
    }
    group.retain(|&i| {
        let c = &corpus.claims[i as usize];
        let Some(spans) = c
            .speaker
            .filter(|_| !c.is_direct())
            .and_then(|s| direct.get(&s))
        else {
            return true;
        };
        let k = spans.partition_point(|&(_, e)| e < c.said.start);
        spans.get(k).is_none_or(|&(s, _)| s > c.said.end)
    });
}

fn order(c: &ResolvedClaim, i: ClaimIdx) -> (i64, ClaimIdx) {
    (c.said.end, i)
}

/// A hashable form of a position (numbers by their bits; equal values, equal keys).
#[derive(PartialEq, Eq, Hash)]
struct PositionKey<'a> {
    predicate: PredicateId,
    object: ObjectKey<'a>,
    polarity: Polarity,
    exclusive: bool,
    scope: &'a [(String, String)],
}

#[derive(PartialEq, Eq, Hash)]
enum ObjectKey<'a> {
    None,
    Term(crate::resolve::Term),
    Literal(&'a str),
    Quantity(u64, u64, Option<&'a str>),
    Date(crate::model::FuzzyDate),
    Rank(u32, crate::resolve::Term),
    Relative(&'a crate::resolve::Reference, u64),
}

fn position_key<'a>(p: &Position<'a>) -> PositionKey<'a> {
    let object = match p.object {
        None => ObjectKey::None,
        Some(Object::Term(t)) => ObjectKey::Term(*t),
        Some(Object::Literal(l)) => ObjectKey::Literal(l),
        Some(Object::Quantity(q)) => {
            ObjectKey::Quantity(q.low.to_bits(), q.high.to_bits(), q.unit.as_deref())
        }
        Some(Object::Date(d)) => ObjectKey::Date(*d),
        Some(Object::Rank { rank, among }) => ObjectKey::Rank(*rank, *among),
        Some(Object::Relative { relation, to }) => {
            let r = match relation {
                crate::model::Comparison::MoreThan => f64::INFINITY,
                crate::model::Comparison::LessThan => f64::NEG_INFINITY,
                crate::model::Comparison::Change(c) => *c,
            };
            ObjectKey::Relative(to, r.to_bits())
        }
    };
    PositionKey {
        predicate: p.predicate,
        object,
        polarity: p.polarity,
        exclusive: p.exclusive,
        scope: p.scope,
    }
}

/// Whether two objects are the same value: figures whose intervals agree within the
/// predicate's tolerance, dates that overlap at their precision, or the same term.
fn same_object(
    vocab: &Vocabulary,
    predicate: PredicateId,
    a: Option<&Object>,
    b: Option<&Object>,
) -> bool {
    match (a, b) {
        (Some(Object::Quantity(x)), Some(Object::Quantity(y))) => {
            // A figure without a unit takes the unit of the predicate (an `age` of 41 is
            // 41 years); two different written units are different values.
            (x.unit == y.unit || x.unit.is_none() || y.unit.is_none())
                && figures_agree(x.interval(), y.interval(), vocab.def(predicate).tolerance)
        }
        // Dates are intervals at their precision: `2022-08` and `2022-08-04` agree.
        (Some(Object::Date(x)), Some(Object::Date(y))) => x.period().overlaps(&y.period()),
        _ => a == b,
    }
}

/// Whether saying `narrow` says `broad` too: the same value, or a term within the other
/// (`the IDF` is within `Israel`; `his-supporting-trump` within `politics`).
fn entails(corpus: &Corpus, narrow: Option<&Object>, broad: Option<&Object>) -> bool {
    match (narrow, broad) {
        (Some(Object::Term(n)), Some(Object::Term(b))) => corpus.within(*n, *b),
        _ => false,
    }
}

/// Two figures in different written units measure different things (riders against
/// station entries): never a value clash.
fn different_measures(a: &Position<'_>, b: &Position<'_>) -> bool {
    let unit = |p: &Position<'_>| {
        p.object
            .and_then(Object::quantity)
            .and_then(|q| q.unit.clone())
    };
    matches!((unit(a), unit(b)), (Some(x), Some(y)) if x != y)
}

/// Objects that are not values of the predicate but statements about the corpus's figures
/// (records, relative figures): checked against those figures, never as values.
fn is_comparison(o: Option<&Object>) -> bool {
    matches!(o, Some(Object::Rank { .. } | Object::Relative { .. }))
}

/// Decides once per pair of positions what, if anything, clashes.
fn relate(corpus: &Corpus, a: &Position<'_>, b: &Position<'_>) -> Option<Relation> {
    let vocab = &corpus.vocabulary;
    if is_comparison(a.object) || is_comparison(b.object) || scopes_differ(a.scope, b.scope) {
        return None;
    }
    let (da, db) = (vocab.def(a.predicate), vocab.def(b.predicate));
    let same = same_object(vocab, a.predicate, a.object, b.object);
    if a.polarity == Polarity::Undetermined || b.polarity == Polarity::Undetermined {
        // "Not known" clashes with nothing, except an outlet's own statement of it as fact.
        return (a.polarity != b.polarity && a.predicate == b.predicate && same)
            .then_some(Relation::StatedAsFact);
    }
    if a.polarity != b.polarity {
        // One affirms, one denies: a clash when the affirmed statement implies the denied one
        // (the same value, or a narrower one: affirming the IDF denies "not Israel").
        let (aff, den) = if a.polarity == Polarity::Affirmed {
            (a, b)
        } else {
            (b, a)
        };
        let met = match (aff.object, den.object) {
            // A figure is denied by affirming a figure within it, not by a range that
            // merely reaches it.
            (Some(Object::Quantity(x)), Some(Object::Quantity(y))) => {
                same && figure_asserts(
                    x.amount,
                    x.interval(),
                    y.interval(),
                    vocab.def(den.predicate).tolerance,
                )
            }
            _ => same || entails(corpus, aff.object, den.object),
        };
        if met && vocab.implies(aff.predicate, den.predicate) {
            return Some(if da.cause || db.cause {
                Relation::CauseDenied
            } else {
                Relation::Opposed
            });
        }
        return None;
    }
    if a.polarity == Polarity::Denied {
        return None;
    }
    // A narrower value agrees with its broader one.
    let nested = entails(corpus, a.object, b.object) || entails(corpus, b.object, a.object);
    if da.cause && db.cause {
        // Different causes of the same event (same predicate); a weaker predicate
        // (`strained-by`) names another event than a stronger one (`ended-because-of`).
        if a.predicate == b.predicate && !same && !nested {
            let exclusive = a.exclusive || b.exclusive || da.exclusive || db.exclusive;
            return Some(if exclusive {
                Relation::CauseExclusive
            } else {
                Relation::CauseTension
            });
        }
        return None;
    }
    if same && vocab.contrary(a.predicate, b.predicate) {
        return Some(Relation::Contrary);
    }
    if a.predicate == b.predicate && da.functional && !same && !nested && !different_measures(a, b)
    {
        return Some(Relation::ValueClash);
    }
    None
}

/// Whether two claims' valid times overlap: `Some(true)` when they must, `Some(false)` when
/// they cannot, `None` when a claim held at an unstated time and either could be.
fn time_overlap(a: &ResolvedClaim, b: &ResolvedClaim) -> Option<bool> {
    if !a.valid.overlaps(&b.valid) {
        return Some(false);
    }
    match (a.valid_somewhere, b.valid_somewhere) {
        (false, false) => Some(true),
        (true, false) => a.valid.within(&b.valid).then_some(true),
        (false, true) => b.valid.within(&a.valid).then_some(true),
        (true, true) => None,
    }
}

/// What explains a clash between two claims; `None` when their times are not known well
/// enough to say whether they overlap.
fn frame(corpus: &Corpus, a: &ResolvedClaim, b: &ResolvedClaim, rising: bool) -> Option<Frame> {
    if !time_overlap(a, b)? {
        return Some(Frame::TimeExplained);
    }
    // One origin (speaker, or the first relay of an outlet's source) on both sides.
    Some(match (corpus.origin(a), corpus.origin(b)) {
        (Some(x), Some(y)) if x == y => {
            if a.is_direct() && b.is_direct() {
                // His own words at different times: a revision, whoever relayed them; one
                // speech act printed differently by two outlets or along two chains: a
                // misreport; in one outlet's one report: he said both.
                if !a.said.overlaps(&b.said) {
                    Frame::Revision
                } else if a.via == b.via && a.source == b.source {
                    Frame::Plain
                } else {
                    Frame::Reporting
                }
            } else if !a.said.overlaps(&b.said)
                && (is_figure(a) && is_figure(b) || !a.is_direct() && !b.is_direct())
            {
                // Reports of him at different times, neither side in his own words, or a
                // figure (counts are updated: "police said 290", then "359"): he changed
                // his account; nothing shows an outlet got him wrong.
                Frame::Revision
            } else {
                Frame::Reporting
            }
        }
        // A count still being made: another voice's earlier, lower figure is the count
        // so far.
        _ if rising => Frame::TimeExplained,
        _ => Frame::Plain,
    })
}

/// Whether two figures of a cumulative count (a toll) are the count rising: the lower was
/// said before anyone had given the higher (`first_said`). A higher figure
/// already given earlier (174 on the 2nd, revised to 125 the same day, printed again on
/// the 3rd) is a stale one, not the count so far.
fn rising_count(
    corpus: &Corpus,
    x: ClaimIdx,
    y: ClaimIdx,
    first_said: &FxHashMap<ClaimIdx, i64>,
) -> bool {
    if first_said.is_empty() {
        return false;
    }
    let (a, b) = (&corpus.claims[x as usize], &corpus.claims[y as usize]);
    let (Some(&fa), Some(&fb)) = (first_said.get(&x), first_said.get(&y)) else {
        return false;
    };
    let (Some(qa), Some(qb)) = (
        a.object.as_ref().and_then(Object::quantity),
        b.object.as_ref().and_then(Object::quantity),
    ) else {
        return false;
    };
    if a.predicate != b.predicate {
        return false;
    }
    (qa.high < qb.low && a.said.end < fb) || (qb.high < qa.low && b.said.end < fa)
}

/// For each figure of a cumulative count in a bucket, by when someone had certainly given
/// it (it or a figure within it: 174 for "at least 174"; the end of its `said` period, so
/// that "said in April" does not date it to 1 April). Empty when the bucket has no cumulative count, or too many
/// figures to search (then no count is taken to be rising).
fn first_said(corpus: &Corpus, members: &[(DisputeKey, ClaimIdx)]) -> FxHashMap<ClaimIdx, i64> {
    let figures: Vec<(ClaimIdx, &ResolvedClaim, &crate::resolve::Quantity)> = members
        .iter()
        .map(|&(_, i)| (i, &corpus.claims[i as usize]))
        .filter(|(_, c)| corpus.vocabulary.def(c.predicate).cumulative)
        .filter_map(|(i, c)| Some((i, c, c.object.as_ref()?.quantity()?)))
        .collect();
    if figures.len() > 2000 {
        return FxHashMap::default();
    }
    figures
        .iter()
        .map(|&(i, c, q)| {
            let first = figures
                .iter()
                .filter(|(_, d, r)| {
                    d.predicate == c.predicate && q.low <= r.low && r.high <= q.high
                })
                .map(|(_, d, _)| d.said.end)
                .min()
                .unwrap_or(c.said.end);
            (i, first)
        })
        .collect()
}

/// Whether a claim's object is a figure.
fn is_figure(c: &ResolvedClaim) -> bool {
    matches!(c.object, Some(Object::Quantity(_)))
}
