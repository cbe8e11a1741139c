//! Stable finding identities, shared by SARIF (`partialFingerprints`), GitLab
//! (`fingerprint`), JUnit (test names), the baseline file and `--new-since`.
//!
//! Recipe, version 2 (`v2:` and 16 lowercase hex digits): the 64-bit FNV-1a hash of the
//! UTF-8 fields below, each followed by a 0x1F byte:
//!
//! 1. `claimcheck-finding/v2`, then the check code (`CC302`);
//! 2. for a clash between positions (a finding with `positions`): the dispute (subject id
//!    and predicate family), then each position's normalised proposition
//!    (`subject [not ]predicate[ object]`, canonical ids, after aliases and inverses),
//!    sorted. The claims are not part of it: a new claim joining a side keeps the identity
//!    (`--new-since` shows it as `joined`), a new position pair is a new finding;
//! 3. otherwise, for each claim involved, sorted by claim id: its id and its normalised
//!    proposition; and for a finding with fewer than two claims (a suppression or quote
//!    finding, an input problem), its message with runs of whitespace collapsed; with no
//!    claim at all, also the project-relative path of its file (the only identity such a
//!    finding has).
//!
//! Line numbers, columns, file paths of claims, the order of the sides, dates, voices and
//! wording of clash findings are not part of it, so moving claims, renaming files or
//! rewording a message keeps the identity. Version 1 hashed every claim pair; a baseline
//! written with it is refused with a request to write it again. When two findings share the hash, the second
//! and later ones (in report order) hash again with `#2`, `#3`… appended.

use crate::check::Finding;
use crate::resolve::{ClaimIdx, Corpus};
use rustc_hash::FxHashMap;

/// The version prefix of every fingerprint.
pub const VERSION: &str = "v2";

/// The key SARIF `partialFingerprints` use (hierarchical and versioned, SARIF §3.27.17).
pub const SARIF_KEY: &str = "claimcheckFinding/v2";

const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const PRIME: u64 = 0x0000_0100_0000_01b3;

/// 64-bit FNV-1a.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h = OFFSET;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(PRIME);
    }
    h
}

/// A claim's proposition in canonical ids: `subject [not ]predicate[ object]`.
pub fn proposition(corpus: &Corpus, i: ClaimIdx) -> String {
    corpus.proposition(&corpus.claims[i as usize])
}

fn base_key(corpus: &Corpus, f: &Finding, paths: &[String]) -> String {
    let mut key = String::from("claimcheck-finding/v2\u{1f}");
    key.push_str(f.check.code);
    key.push('\u{1f}');
    if let (Some(d), false) = (f.dispute, f.positions.is_empty()) {
        key.push_str(&corpus.term(d.subject).id);
        key.push('\u{1f}');
        key.push_str(&corpus.vocabulary.def(d.family).name);
        key.push('\u{1f}');
        // A side is its set of propositions (one, or the joint values of one account).
        let mut sides: Vec<String> = f
            .positions
            .iter()
            .map(|s| {
                let mut props: Vec<String> =
                    s.claims.iter().map(|&i| proposition(corpus, i)).collect();
                props.sort_unstable();
                props.dedup();
                props.join(" + ")
            })
            .collect();
        sides.sort_unstable();
        for s in sides {
            key.push_str(&s);
            key.push('\u{1f}');
        }
        return key;
    }
    let mut claims: Vec<(&str, ClaimIdx)> = f
        .claims
        .iter()
        .map(|&i| (corpus.claims[i as usize].id(), i))
        .collect();
    claims.sort_unstable();
    for (id, i) in &claims {
        key.push_str(id);
        key.push('\u{1f}');
        key.push_str(&proposition(corpus, *i));
        key.push('\u{1f}');
    }
    if claims.len() < 2 {
        if claims.is_empty() {
            key.push_str(paths.get(f.primary.span.file.0 as usize).map_or("", |p| p));
            key.push('\u{1f}');
        }
        key.push_str(&f.message.split_whitespace().collect::<Vec<_>>().join(" "));
        key.push('\u{1f}');
    }
    key
}

/// The fingerprints of a report's findings, in order. `paths` are project-relative paths
/// by file id (only used for findings that involve no claim).
pub fn compute(corpus: &Corpus, findings: &[Finding], paths: &[String]) -> Vec<String> {
    use rayon::prelude::*;
    // Keys and hashes in parallel; the duplicate count runs in finding order.
    let hashed: Vec<(String, u64)> = findings
        .par_iter()
        .map(|f| {
            let key = base_key(corpus, f, paths);
            let h = fnv1a(key.as_bytes());
            (key, h)
        })
        .collect();
    let mut seen: FxHashMap<u64, u32> = FxHashMap::default();
    hashed
        .into_iter()
        .map(|(key, h)| {
            let n = seen.entry(h).or_insert(0);
            *n += 1;
            let h = if *n == 1 {
                h
            } else {
                fnv1a(format!("{key}#{n}").as_bytes())
            };
            format!("{VERSION}:{h:016x}")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn fingerprints_ignore_lines_and_pair_order_and_tell_duplicates_apart() {
        let a = crate::check::testing::fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: friends-with, object: y}\n  - {id: b, source: s2, subject: x, predicate: friends-with, object: y, polarity: denied}\n",
        );
        let b = crate::check::testing::fixture(
            "# moved down\n\nclaims:\n  - {id: b, source: s2, subject: x, predicate: friends-with, object: y, polarity: denied}\n\n  - {id: a, source: s1, subject: x, predicate: friends-with, object: y}\n",
        );
        let paths = |n: usize| vec![String::new(); n];
        let fa = compute(&a.corpus, &a.findings, &paths(a.corpus.map.len()));
        let fb = compute(&b.corpus, &b.findings, &paths(b.corpus.map.len()));
        assert!(!fa.is_empty());
        assert_eq!(fa, fb);
        assert!(fa.iter().all(|f| f.starts_with("v2:") && f.len() == 19));
        let mut twice = a.findings.clone();
        twice.extend(a.findings.iter().cloned());
        let ft = compute(&a.corpus, &twice, &paths(a.corpus.map.len()));
        let mut unique = ft.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), ft.len(), "duplicates get an occurrence index");
    }
}
