//! Property tests (proptest) of the comparison engine, through the library API: small claim
//! corpora over the default vocabulary are generated, written as claim files in memory and
//! run through `load::load_texts` → `resolve::resolve` → `check::run`.
//!
//! Findings are compared as sets of (check name, sorted claim ids, severity, suppressed),
//! so a property never depends on which claim a finding names first or on where it is.
//!
//! - `findings_ignore_file_order_claim_order_and_split`: the finding set is the same
//!   whatever the order of the files, the order of claims (and other items) within them,
//!   and how the items are split across files.
//! - `json_report_ignores_file_order`: the JSON report is byte-identical whatever the
//!   order in which the same files are given.
//! - `a_pair_is_reported_once`: no (check, claims) twice, and never one pair as both (A, B)
//!   and (B, A), nor under two checks.
//! - `unrelated_claims_change_nothing`: claims about a subject nothing else mentions add
//!   findings only among themselves.
//! - Metamorphic, from a consistent pair of claims by two outlets (which alone gives no
//!   finding): negating one gives `polarity-contradiction` (`cause-contradiction` for a
//!   cause predicate); another value of a functional predicate beyond its tolerance gives
//!   `functional-value-conflict` (within it, nothing); a negation whose valid time is
//!   shifted to overlap still contradicts, shifted clear of it gives `status-changed` (a
//!   cause is timeless: still a contradiction); a contrary predicate gives
//!   `contrary-status`; one speaker's own words at two dates give `revised-account`; his
//!   words against an outlet's paraphrase give `reporting-conflict`.

use claimcheck::check::{self, Report};
use claimcheck::load::{self, Limits, Loaded, ReadError};
use claimcheck::model::FuzzyDate;
use claimcheck::report::{self, Format, RenderCtx};
use claimcheck::resolve::{self, Corpus};
use claimcheck::rules::Rules;
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock};

// ---------------------------------------------------------------------------------------
// Running the pipeline

static RULES: LazyLock<Rules> = LazyLock::new(|| Rules::defaults().expect("default rules"));

struct Checked {
    report: Report,
    corpus: Corpus,
}

/// load → resolve → check over in-memory files, in the order given, with a fixed today.
fn run(files: &[(String, String)]) -> Checked {
    let texts: Vec<(PathBuf, Result<Arc<str>, ReadError>)> = files
        .iter()
        .map(|(path, text)| (PathBuf::from(path), Ok(Arc::from(text.as_str()))))
        .collect();
    let mut loaded = Loaded::default();
    load::load_texts(&mut loaded, texts, &Limits::default());
    let corpus = resolve::resolve(loaded, &RULES);
    let options = check::sink::Options {
        today: FuzzyDate::ymd(2026, 1, 1),
        ..Default::default()
    };
    let report = check::run(&corpus, &RULES, &options);
    Checked { report, corpus }
}

/// A finding as (check name, sorted claim ids, severity, suppressed); a finding about no
/// claim (a meta or input finding) is keyed by its message instead of claim ids.
type Key = (String, Vec<String>, String, bool);

fn keys(r: &Checked) -> Vec<Key> {
    let mut out: Vec<Key> = r
        .report
        .findings
        .iter()
        .map(|f| {
            let mut ids: Vec<String> = f
                .claims
                .iter()
                .map(|&i| r.corpus.claims[i as usize].id().to_string())
                .collect();
            if ids.is_empty() {
                ids.push(format!("message: {}", f.message));
            }
            ids.sort();
            (
                f.check.name.to_string(),
                ids,
                f.severity.as_str().to_string(),
                f.suppressed.is_some(),
            )
        })
        .collect();
    out.sort();
    out
}

fn json(r: &Checked) -> String {
    let cx = RenderCtx {
        corpus: &r.corpus,
        color: false,
    };
    let mut out = Vec::new();
    report::render(Format::Json, &r.report, &cx, &mut out).expect("render json");
    String::from_utf8(out).expect("utf-8 json")
}

/// Generated corpora are well-formed: an input finding (CC0xx) means the generator is wrong.
fn assert_clean_input(r: &Checked, files: &[(String, String)]) {
    for f in &r.report.findings {
        assert!(
            f.check.code >= "CC100",
            "input finding {} ({}) in generated input:\n{}",
            f.check.name,
            f.message,
            dump(files)
        );
    }
}

fn dump(files: &[(String, String)]) -> String {
    files.iter().map(|(p, t)| format!("--- {p}\n{t}")).collect()
}

// ---------------------------------------------------------------------------------------
// The corpus: a fixed cast, and generated claims

const SOURCES: &[&str] = &[
    "{id: s0, outlet: Daily, published: 2020-03-01}",
    "{id: s1, outlet: Weekly, published: 2021-06}",
    "{id: s2, outlet: Monthly, published: 2022}",
    "{id: s3, outlet: Daily, published: 2022-05-05}",
    "{id: s4, outlet: Gazette}",
];
const PEOPLE: &[&str] = &["e0", "e1", "e2", "e3", "e4"];
const RELATIONSHIPS: &[&str] = &["r0", "r1"];
const CONCEPTS: &[&str] = &["k0", "k1", "k2", "k3"];
const PLACES: &[&str] = &["Paris", "London", "paris", "Rome"];

fn cast() -> Vec<(Section, String)> {
    let mut items = Vec::new();
    for s in SOURCES {
        items.push((Section::Sources, (*s).to_string()));
    }
    for (i, p) in PEOPLE.iter().enumerate() {
        items.push((
            Section::Entities,
            format!("{{id: {p}, name: Person {i}, kind: person}}"),
        ));
    }
    for r in RELATIONSHIPS {
        items.push((
            Section::Entities,
            format!("{{id: {r}, kind: relationship}}"),
        ));
    }
    for k in CONCEPTS {
        items.push((Section::Concepts, format!("{{id: {k}, name: Concept {k}}}")));
    }
    for u in ["u0", "u1"] {
        items.push((
            Section::Entities,
            format!("{{id: {u}, name: Unrelated {u}, kind: person}}"),
        ));
    }
    items.push((
        Section::Concepts,
        "{id: ku, name: Unrelated concept}".into(),
    ));
    items
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Section {
    Sources,
    Entities,
    Concepts,
    Claims,
}

impl Section {
    fn key(self) -> &'static str {
        match self {
            Self::Sources => "sources",
            Self::Entities => "entities",
            Self::Concepts => "concepts",
            Self::Claims => "claims",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pred {
    FriendsWith,
    EstrangedFrom,
    CloseTo,
    Age,
    LivesIn,
    Supports,
    Opposes,
    EndedBecauseOf,
    StrainedBy,
}

const PREDS: &[Pred] = &[
    Pred::FriendsWith,
    Pred::EstrangedFrom,
    Pred::CloseTo,
    Pred::Age,
    Pred::LivesIn,
    Pred::Supports,
    Pred::Opposes,
    Pred::EndedBecauseOf,
    Pred::StrainedBy,
];

impl Pred {
    fn name(self) -> &'static str {
        match self {
            Self::FriendsWith => "friends-with",
            Self::EstrangedFrom => "estranged-from",
            Self::CloseTo => "close-to",
            Self::Age => "age",
            Self::LivesIn => "lives-in",
            Self::Supports => "supports",
            Self::Opposes => "opposes",
            Self::EndedBecauseOf => "ended-because-of",
            Self::StrainedBy => "strained-by",
        }
    }

    fn is_cause(self) -> bool {
        matches!(self, Self::EndedBecauseOf | Self::StrainedBy)
    }

    fn is_functional(self) -> bool {
        matches!(self, Self::Age | Self::LivesIn)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Obj {
    Name(String),
    Literal(String),
    Number(i64),
}

impl Obj {
    fn yaml(&self) -> String {
        match self {
            Self::Name(n) => n.clone(),
            Self::Literal(l) => format!("{{literal: \"{l}\"}}"),
            Self::Number(n) => n.to_string(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Date {
    Year(i32),
    Month(i32, u8),
    Day(i32, u8, u8),
}

impl Date {
    fn yaml(self) -> String {
        match self {
            Self::Year(y) => y.to_string(),
            Self::Month(y, m) => format!("{y}-{m:02}"),
            Self::Day(y, m, d) => format!("{y}-{m:02}-{d:02}"),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Valid {
    Unset,
    Always,
    At(i32),
    From(i32),
    To(i32),
    Between(i32, i32),
}

impl Valid {
    fn yaml(self) -> Option<String> {
        match self {
            Self::Unset => None,
            Self::Always => Some("{}".into()),
            Self::At(y) => Some(format!("{{at: {y}}}")),
            Self::From(y) => Some(format!("{{from: {y}}}")),
            Self::To(y) => Some(format!("{{to: {y}}}")),
            Self::Between(a, b) => Some(format!("{{from: {a}, to: {b}}}")),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
struct Claim {
    source: usize,
    speaker: Option<usize>,
    paraphrase: bool,
    said: Option<Date>,
    subject: String,
    pred: Pred,
    object: Obj,
    denied: bool,
    hedged: bool,
    exclusive: bool,
    valid: Valid,
    /// A suppression: (check name, other claim index).
    suppress: Option<(&'static str, Option<usize>)>,
}

impl Claim {
    fn yaml(&self, id: &str, ids: &[String]) -> String {
        let mut s = format!("{{id: {id}, source: s{}", self.source);
        if let Some(p) = self.speaker {
            write!(s, ", speaker: {}", PEOPLE[p]).unwrap();
            if self.paraphrase {
                s.push_str(", attribution: paraphrase");
            }
        }
        if let Some(d) = self.said {
            write!(s, ", said: {}", d.yaml()).unwrap();
        }
        write!(
            s,
            ", subject: {}, predicate: {}, object: {}",
            self.subject,
            self.pred.name(),
            self.object.yaml()
        )
        .unwrap();
        if self.denied {
            s.push_str(", polarity: denied");
        }
        if self.hedged {
            s.push_str(", modality: hedged");
        }
        if self.exclusive {
            s.push_str(", exclusive: true");
        }
        if let Some(v) = self.valid.yaml() {
            write!(s, ", valid: {v}").unwrap();
        }
        if let Some((check, other)) = self.suppress {
            write!(s, ", suppress: [{{check: {check}, reason: known").unwrap();
            if let Some(o) = other.and_then(|o| ids.get(o)) {
                write!(s, ", claim: {o}").unwrap();
            }
            s.push_str("}]");
        }
        s.push('}');
        s
    }
}

fn date() -> impl Strategy<Value = Date> {
    prop_oneof![
        (2018..=2023i32).prop_map(Date::Year),
        (2018..=2023i32, 1..=12u8).prop_map(|(y, m)| Date::Month(y, m)),
        (2018..=2023i32, 1..=12u8, 1..=28u8).prop_map(|(y, m, d)| Date::Day(y, m, d)),
    ]
}

fn valid() -> impl Strategy<Value = Valid> {
    prop_oneof![
        3 => Just(Valid::Unset),
        1 => Just(Valid::Always),
        3 => (2018..=2023i32).prop_map(Valid::At),
        1 => (2018..=2023i32).prop_map(Valid::From),
        1 => (2018..=2023i32).prop_map(Valid::To),
        1 => (2018..=2023i32, 0..=3i32).prop_map(|(a, d)| Valid::Between(a, a + d)),
    ]
}

/// Subject and object for a predicate, from the given cast.
fn subject_object(
    pred: Pred,
    people: &'static [&'static str],
    rels: &'static [&'static str],
    concepts: &'static [&'static str],
    places: &'static [&'static str],
) -> BoxedStrategy<(String, Obj)> {
    let person = move || proptest::sample::select(people).prop_map(|s| s.to_string());
    match pred {
        Pred::FriendsWith | Pred::EstrangedFrom | Pred::CloseTo => (person(), person())
            .prop_map(|(s, o)| (s, Obj::Name(o)))
            .boxed(),
        Pred::Age => (person(), 39..=43i64)
            .prop_map(|(s, n)| (s, Obj::Number(n)))
            .boxed(),
        Pred::LivesIn => (person(), proptest::sample::select(places))
            .prop_map(|(s, p)| (s, Obj::Literal(p.to_string())))
            .boxed(),
        Pred::Supports | Pred::Opposes => (
            person(),
            prop_oneof![
                person(),
                proptest::sample::select(concepts).prop_map(|s| s.to_string())
            ],
        )
            .prop_map(|(s, o)| (s, Obj::Name(o)))
            .boxed(),
        Pred::EndedBecauseOf | Pred::StrainedBy => (
            proptest::sample::select(rels),
            proptest::sample::select(concepts),
        )
            .prop_map(|(s, o)| (s.to_string(), Obj::Name(o.to_string())))
            .boxed(),
    }
}

const SUPPRESSIBLE: &[&str] = &[
    "polarity-contradiction",
    "CC102",
    "contrary-status",
    "status-changed",
    "revised-account",
    "reporting-conflict",
    "competing-causes",
];

fn claim_with(
    people: &'static [&'static str],
    rels: &'static [&'static str],
    concepts: &'static [&'static str],
    places: &'static [&'static str],
) -> impl Strategy<Value = Claim> {
    proptest::sample::select(PREDS)
        .prop_flat_map(move |pred| {
            (
                Just(pred),
                subject_object(pred, people, rels, concepts, places),
                0..SOURCES.len(),
                proptest::option::weighted(0.5, 0..3usize),
                any::<bool>(),
                proptest::option::weighted(0.4, date()),
                proptest::bool::weighted(0.35),
                proptest::bool::weighted(0.1),
                proptest::bool::weighted(if pred.is_cause() { 0.2 } else { 0.0 }),
                valid(),
                proptest::option::weighted(
                    0.1,
                    (
                        proptest::sample::select(SUPPRESSIBLE),
                        proptest::option::of(0..14usize),
                    ),
                ),
            )
        })
        .prop_map(
            |(
                pred,
                (subject, object),
                source,
                speaker,
                paraphrase,
                said,
                denied,
                hedged,
                exclusive,
                valid,
                suppress,
            )| Claim {
                source,
                speaker,
                paraphrase,
                said,
                subject,
                pred,
                object,
                denied,
                hedged,
                exclusive,
                valid,
                suppress,
            },
        )
}

/// A claim about the cast: few subjects and values, so claims meet and clash often.
fn claim() -> impl Strategy<Value = Claim> {
    claim_with(&PEOPLE[..3], RELATIONSHIPS, &CONCEPTS[..3], &PLACES[..3])
}

/// A claim about `u0` or `u1`, whose objects nothing else mentions either.
fn unrelated_claim() -> impl Strategy<Value = Claim> {
    claim_with(&["u0", "u1"], &["u0", "u1"], &["ku"], &["Atlantis"]).prop_map(|mut c| {
        c.suppress = None;
        c
    })
}

/// An item of a corpus, placed in a file.
#[derive(Debug, Clone)]
struct Item {
    section: Section,
    text: String,
    file: usize,
}

/// Writes items as claim files `dir/fN.claims.yaml`, items in the order given.
fn files_of(items: &[Item]) -> Vec<(String, String)> {
    let mut by_file: BTreeMap<usize, BTreeMap<Section, Vec<&str>>> = BTreeMap::new();
    for it in items {
        by_file
            .entry(it.file)
            .or_default()
            .entry(it.section)
            .or_default()
            .push(&it.text);
    }
    by_file
        .into_iter()
        .map(|(n, sections)| {
            let mut text = String::from("# generated\n");
            for (section, lines) in sections {
                writeln!(text, "{}:", section.key()).unwrap();
                for l in lines {
                    writeln!(text, "  - {l}").unwrap();
                }
            }
            (format!("virtual/f{n}.claims.yaml"), text)
        })
        .collect()
}

fn claim_ids(n: usize) -> Vec<String> {
    (0..n).map(|i| format!("c{i}")).collect()
}

/// The cast and the claims as items, every one in file 0.
fn items(claims: &[Claim]) -> Vec<Item> {
    let ids = claim_ids(claims.len());
    let mut out: Vec<Item> = cast()
        .into_iter()
        .map(|(section, text)| Item {
            section,
            text,
            file: 0,
        })
        .collect();
    for (c, id) in claims.iter().zip(&ids) {
        out.push(Item {
            section: Section::Claims,
            text: c.yaml(id, &ids),
            file: 0,
        });
    }
    out
}

/// A deterministic shuffle (xorshift64*), so proptest only needs to generate a seed.
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut x = seed | 1;
    for i in (1..v.len()).rev() {
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        let j = (x.wrapping_mul(0x2545_f491_4f6c_dd1d) % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

/// `cases` per property, or `PROPTEST_CASES` when set (for a longer hunt).
fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// Order, split and duplicates

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn findings_ignore_file_order_claim_order_and_split(
        claims in prop::collection::vec(claim(), 0..14),
        nfiles in 1..4usize,
        split_seed in any::<u64>(),
        order_seed in any::<u64>(),
    ) {
        let base_items = items(&claims);
        let base_files = files_of(&base_items);
        let base = run(&base_files);
        assert_clean_input(&base, &base_files);

        // Split every item (cast and claims) across files, shuffle items within each
        // file and the order of the files.
        let mut moved = base_items.clone();
        let mut x = split_seed;
        for it in &mut moved {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            it.file = (x >> 33) as usize % nfiles;
        }
        shuffle(&mut moved, order_seed);
        let mut files = files_of(&moved);
        shuffle(&mut files, order_seed.rotate_left(17));
        let other = run(&files);
        prop_assert_eq!(
            keys(&base), keys(&other),
            "base:\n{}\nsplit:\n{}", dump(&base_files), dump(&files)
        );
    }

    #[test]
    fn json_report_ignores_file_order(
        claims in prop::collection::vec(claim(), 1..14),
        nfiles in 2..4usize,
        split_seed in any::<u64>(),
        order_seed in any::<u64>(),
    ) {
        let mut its = items(&claims);
        let mut x = split_seed;
        for it in &mut its {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            it.file = (x >> 33) as usize % nfiles;
        }
        let files = files_of(&its);
        let mut reordered = files.clone();
        shuffle(&mut reordered, order_seed);
        let (a, b) = (json(&run(&files)), json(&run(&reordered)));
        prop_assert!(a == b, "files:\n{}\norder: {:?}\n{}\n---\n{}", dump(&files),
            reordered.iter().map(|f| &f.0).collect::<Vec<_>>(), a, b);
    }

    #[test]
    fn a_pair_is_reported_once(claims in prop::collection::vec(claim(), 0..16)) {
        let files = files_of(&items(&claims));
        let r = run(&files);
        let mut pairs: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
        for f in &r.report.findings {
            if f.claims.len() < 2 {
                continue;
            }
            let mut ids: Vec<String> = f.claims.iter()
                .map(|&i| r.corpus.claims[i as usize].id().to_string())
                .collect();
            let n = ids.len();
            ids.sort();
            ids.dedup();
            prop_assert_eq!(ids.len(), n, "a finding names a claim twice: {}", f.message);
            pairs.entry(ids).or_default().push(f.check.name.to_string());
        }
        for (ids, checks) in &pairs {
            prop_assert!(
                checks.len() == 1,
                "{:?} reported {} times: {:?}\n{}", ids, checks.len(), checks, dump(&files)
            );
        }
    }

    #[test]
    fn unrelated_claims_change_nothing(
        claims in prop::collection::vec(claim(), 0..14),
        extra in prop::collection::vec(unrelated_claim(), 1..4),
        seed in any::<u64>(),
    ) {
        let base_files = files_of(&items(&claims));
        let base = run(&base_files);
        // Insert the unrelated claims at random places among the others; ids of the
        // original claims are kept, the new ones are `x0`, `x1`, ….
        let ids = claim_ids(claims.len());
        let mut its = items(&claims);
        let mut x = seed | 1;
        for (k, c) in extra.iter().enumerate() {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let at = (x >> 33) as usize % (its.len() + 1);
            its.insert(at.max(cast().len()), Item {
                section: Section::Claims,
                text: c.yaml(&format!("x{k}"), &ids),
                file: (x >> 20) as usize % 2,
            });
        }
        let files = files_of(&its);
        let with = run(&files);
        let kept: Vec<Key> = keys(&with)
            .into_iter()
            .filter(|k| !k.1.iter().any(|id| id.starts_with('x')))
            .collect();
        prop_assert_eq!(keys(&base), kept, "with:\n{}", dump(&files));
    }
}

// ---------------------------------------------------------------------------------------
// Metamorphic: mutations of a consistent pair

/// A claim both outlets can agree on: no speaker, a valid year, two sources of different
/// outlets (`s0` Daily, `s1` Weekly).
fn consistent_claim() -> impl Strategy<Value = Claim> {
    (claim(), 2018..=2023i32).prop_map(|(mut c, year)| {
        c.source = 0;
        c.speaker = None;
        c.paraphrase = false;
        c.said = None;
        c.denied = false;
        c.hedged = false;
        c.exclusive = false;
        c.valid = Valid::At(year);
        c.suppress = None;
        c
    })
}

fn pair_files(a: &Claim, b: &Claim) -> Vec<(String, String)> {
    files_of(&items(&[a.clone(), b.clone()]))
}

/// The checks of the findings between `c0` and `c1`, and all findings.
fn pair_checks(a: &Claim, b: &Claim) -> (Vec<String>, Vec<Key>) {
    let files = pair_files(a, b);
    let r = run(&files);
    assert_clean_input(&r, &files);
    let all = keys(&r);
    let between = all
        .iter()
        .filter(|k| k.1 == ["c0", "c1"])
        .map(|k| k.0.clone())
        .collect();
    (between, all)
}

/// Asserts that the only finding between the two claims is one of check `want`.
fn expect_between(a: &Claim, b: &Claim, want: &str) -> Result<(), TestCaseError> {
    let (between, all) = pair_checks(a, b);
    prop_assert_eq!(
        between,
        vec![want.to_string()],
        "all findings: {:?}\n{}",
        all,
        dump(&pair_files(a, b))
    );
    Ok(())
}

fn year_of(v: Valid) -> i32 {
    match v {
        Valid::At(y) => y,
        _ => unreachable!("consistent claims are valid at a year"),
    }
}

proptest! {
    #![proptest_config(config(64))]

    #[test]
    fn consistent_pair_gives_no_finding(a in consistent_claim()) {
        let mut b = a.clone();
        b.source = 1;
        let (_, all) = pair_checks(&a, &b);
        prop_assert!(all.is_empty(), "{:?}\n{}", all, dump(&pair_files(&a, &b)));
    }

    #[test]
    fn negating_one_contradicts(a in consistent_claim(), deny_first in any::<bool>()) {
        let mut a = a;
        let mut b = a.clone();
        b.source = 1;
        if deny_first { a.denied = true } else { b.denied = true }
        let want = if a.pred.is_cause() { "cause-contradiction" } else { "polarity-contradiction" };
        expect_between(&a, &b, want)?;
    }

    #[test]
    fn another_value_beyond_tolerance_conflicts(
        a in consistent_claim().prop_filter("functional", |c| c.pred.is_functional()),
        delta in prop_oneof![-6..=-2i64, 2..=6i64],
        place in proptest::sample::select(&["London", "Rome"][..]),
    ) {
        let mut b = a.clone();
        b.source = 1;
        b.object = match &a.object {
            Obj::Number(n) => Obj::Number(n + delta),
            Obj::Literal(p) if p.eq_ignore_ascii_case(place) => Obj::Literal("Oslo".into()),
            _ => Obj::Literal(place.into()),
        };
        expect_between(&a, &b, "functional-value-conflict")?;
    }

    #[test]
    fn another_age_within_tolerance_is_the_same(
        a in consistent_claim().prop_filter("age", |c| c.pred == Pred::Age),
        delta in -1..=1i64,
    ) {
        let mut b = a.clone();
        b.source = 1;
        if let Obj::Number(n) = a.object {
            b.object = Obj::Number(n + delta);
        }
        let (_, all) = pair_checks(&a, &b);
        prop_assert!(all.is_empty(), "{:?}\n{}", all, dump(&pair_files(&a, &b)));
    }

    #[test]
    fn a_negation_shifted_into_an_overlapping_period_contradicts(
        a in consistent_claim(),
        before in 0..=3i32,
        after in 0..=3i32,
    ) {
        let y = year_of(a.valid);
        let mut b = a.clone();
        b.source = 1;
        b.denied = true;
        b.valid = Valid::Between(y - before, y + after);
        let want = if a.pred.is_cause() { "cause-contradiction" } else { "polarity-contradiction" };
        expect_between(&a, &b, want)?;
    }

    #[test]
    fn a_negation_shifted_clear_of_the_period_is_a_change(
        a in consistent_claim(),
        shift in prop_oneof![-4..=-1i32, 1..=4i32],
        open in any::<bool>(),
    ) {
        let y = year_of(a.valid);
        let mut b = a.clone();
        b.source = 1;
        b.denied = true;
        b.valid = match (open, shift > 0) {
            (false, _) => Valid::At(y + shift),
            (true, true) => Valid::From(y + shift),
            (true, false) => Valid::To(y + shift),
        };
        // Causes are timeless: `valid` does not apply, so they still contradict.
        let want = if a.pred.is_cause() { "cause-contradiction" } else { "status-changed" };
        expect_between(&a, &b, want)?;
    }

    #[test]
    fn a_contrary_predicate_is_a_contrary_status(
        a in consistent_claim().prop_filter("has a contrary", |c| matches!(
            c.pred, Pred::FriendsWith | Pred::CloseTo | Pred::Supports)),
        swap in any::<bool>(),
    ) {
        let mut b = a.clone();
        b.source = 1;
        b.pred = match a.pred {
            Pred::Supports => Pred::Opposes,
            _ => Pred::EstrangedFrom,
        };
        // A symmetric predicate is the same statement either way round.
        if swap
            && b.pred == Pred::EstrangedFrom
            && let Obj::Name(o) = &a.object
        {
            b.object = Obj::Name(a.subject.clone());
            b.subject = o.clone();
        }
        expect_between(&a, &b, "contrary-status")?;
    }

    #[test]
    fn one_speakers_own_words_at_two_dates_are_a_revision(
        a in consistent_claim(),
        speaker in 0..3usize,
        first in 2018..=2021i32,
        gap in 1..=2i32,
    ) {
        let mut a = a;
        a.speaker = Some(speaker);
        a.said = Some(Date::Year(first));
        let mut b = a.clone();
        b.source = 1;
        b.denied = true;
        b.said = Some(Date::Year(first + gap));
        expect_between(&a, &b, "revised-account")?;
    }

    #[test]
    fn a_paraphrase_against_his_own_words_is_a_reporting_conflict_unless_a_figure_changed(
        a in consistent_claim(),
        speaker in 0..3usize,
        paraphrase_first in any::<bool>(),
        said in proptest::option::of(date()),
    ) {
        let mut a = a;
        a.speaker = Some(speaker);
        a.said = said;
        let mut b = a.clone();
        b.source = 1;
        b.denied = true;
        if paraphrase_first { a.paraphrase = true } else { b.paraphrase = true }
        // A figure he gave on different days (no `said`: the two sources' dates) is his
        // revision (counts are updated); anything else, one speech act or not, may be a
        // misreport.
        let expected = match (&a.object, said) {
            (Obj::Number(_), None) => "revised-account",
            _ => "reporting-conflict",
        };
        expect_between(&a, &b, expected)?;
    }
}

// ---------------------------------------------------------------------------------------
// Figures: bounds, ranges and approximations compare as intervals.

/// A figure as a claim file writes it, with the interval it stands for (the oracle).
#[derive(Debug, Clone)]
enum Figure {
    Exact(i64),
    AtLeast(i64),
    AtMost(i64),
    Between(i64, i64),
    About(i64),
}

impl Figure {
    fn yaml(&self) -> String {
        match self {
            Self::Exact(n) => format!("{n}"),
            Self::AtLeast(n) => format!("{{min: {n}}}"),
            Self::AtMost(n) => format!("{{max: {n}}}"),
            Self::Between(a, b) => format!("{{min: {a}, max: {b}}}"),
            Self::About(n) => format!("{{about: {n}}}"),
        }
    }

    /// The interval, computed independently of the tool: `about` is ±5 %.
    fn interval(&self) -> (f64, f64) {
        match *self {
            Self::Exact(n) => (n as f64, n as f64),
            Self::AtLeast(n) => (n as f64, f64::INFINITY),
            Self::AtMost(n) => (f64::NEG_INFINITY, n as f64),
            Self::Between(a, b) => (a as f64, b as f64),
            Self::About(n) => (n as f64 * 0.95, n as f64 * 1.05),
        }
    }
}

fn figure() -> impl Strategy<Value = Figure> {
    prop_oneof![
        (0..2000i64).prop_map(Figure::Exact),
        (0..2000i64).prop_map(Figure::AtLeast),
        (0..2000i64).prop_map(Figure::AtMost),
        (0..2000i64, 0..500i64).prop_map(|(a, w)| Figure::Between(a, a + w)),
        (1..2000i64).prop_map(Figure::About),
    ]
}

/// Two outlets' figures for one event's death toll (same said day), in the order given.
fn figure_files(a: &Figure, b: &Figure, swap: bool) -> Vec<(String, String)> {
    let prelude = "sources:\n  - {id: s1, outlet: Daily, published: 2023-10-18}\n  - {id: s2, outlet: Weekly, published: 2023-10-18}\nentities:\n  - {id: blast, name: the blast, kind: event}\n".to_string();
    let claim = |id: &str, src: &str, f: &Figure| {
        format!(
            "claims:\n  - {{id: {id}, source: {src}, subject: blast, predicate: death-toll, object: {}}}\n",
            f.yaml()
        )
    };
    let (x, y) = (claim("a", "s1", a), claim("b", "s2", b));
    let mut files = vec![
        ("p.claims.yaml".to_string(), prelude),
        ("x.claims.yaml".to_string(), x),
        ("y.claims.yaml".to_string(), y),
    ];
    if swap {
        files.swap(1, 2);
    }
    files
}

fn value_conflicts(files: &[(String, String)]) -> usize {
    let r = run(files);
    assert_clean_input(&r, files);
    r.report
        .findings
        .iter()
        .filter(|f| f.check.name == "functional-value-conflict")
        .count()
}

proptest! {
    #![proptest_config(config(48))]

    /// A range (or bound) that contains a number never clashes with it.
    #[test]
    fn a_range_containing_a_number_never_clashes_with_it(
        lo in 0..2000i64,
        width in 0..500i64,
        at in 0.0..=1.0f64,
        bound in 0..3u8,
    ) {
        let hi = lo + width;
        let n = lo + ((width as f64) * at).round() as i64;
        let range = match bound {
            0 => Figure::Between(lo, hi),
            1 => Figure::AtLeast(lo),
            _ => Figure::AtMost(hi),
        };
        let files = figure_files(&range, &Figure::Exact(n), false);
        prop_assert_eq!(value_conflicts(&files), 0, "{}", dump(&files));
    }

    /// Two figures clash exactly when their intervals cannot overlap, whichever comes first.
    #[test]
    fn figures_clash_exactly_when_their_intervals_are_apart(a in figure(), b in figure()) {
        let (x, y) = (a.interval(), b.interval());
        let apart = x.1 < y.0 - 1e-9 || y.1 < x.0 - 1e-9;
        // Near the ±5 % edge of `about` the oracle's rounding may differ: skip those.
        let edge = |p: f64, q: f64| (p - q).abs() < 1e-6 * (1.0 + p.abs());
        prop_assume!(!(edge(x.1, y.0) || edge(y.1, x.0)));
        let forward = value_conflicts(&figure_files(&a, &b, false));
        let backward = value_conflicts(&figure_files(&a, &b, true));
        prop_assert_eq!(forward, backward, "symmetric");
        prop_assert_eq!(forward, usize::from(apart), "{:?} vs {:?}", a, b);
    }
}

/// The examples: compatible figures are quiet, 500 against 10–50 clashes once.
#[test]
fn reporting_figures_from_the_hospital_blast() {
    use Figure::*;
    let quiet = [
        (AtLeast(500), Exact(500)),
        (Between(100, 300), Between(200, 300)),
        (Exact(471), About(490)),
    ];
    for (a, b) in &quiet {
        assert_eq!(
            value_conflicts(&figure_files(a, b, false)),
            0,
            "{a:?} {b:?}"
        );
    }
    assert_eq!(
        value_conflicts(&figure_files(&Exact(500), &Between(10, 50), false)),
        1
    );
    assert_eq!(
        value_conflicts(&figure_files(&AtLeast(500), &Exact(471), false)),
        1
    );
}
