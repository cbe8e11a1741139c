//! Where findings are finished, in one place: suppressions applied (and unused or expired
//! ones reported), severity overrides applied, findings sorted, disputes grouped.
//! Checks never read severity settings; formats never filter or sort.

use super::describe::{extracted_only, involves_draft, proposition};
use super::expired_suppression::EXPIRED_SUPPRESSION;
use super::registry;
use super::unused_suppression::UNUSED_SUPPRESSION;
use super::{Category, Context, Corroboration, DisputeKey, Finding, Label, Report, Severity};
use crate::model::FuzzyDate;
use crate::resolve::ClaimIdx;
use crate::rules::Level;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;

/// Settings applied in the sink.
#[derive(Debug, Clone)]
pub struct Options {
    /// Severity per check code or name (already validated).
    pub severity: BTreeMap<String, Level>,
    /// The date suppressions expire against.
    pub today: FuzzyDate,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            severity: BTreeMap::new(),
            today: crate::model::today(),
        }
    }
}

/// One position in a dispute: what is said, and by whom.
#[derive(Debug, Clone)]
pub struct Position {
    /// The proposition in words.
    pub text: String,
    /// Who holds it: "John Legend (quoted by OK!, said 2022-08-04)".
    pub holders: Vec<String>,
    /// The claims.
    pub claims: Vec<ClaimIdx>,
}

/// A dispute: the positions taken on one question, and the findings between them.
#[derive(Debug, Clone)]
pub struct Dispute {
    /// The question, from the predicate's `question` template.
    pub question: String,
    /// The positions, in order of first appearance.
    pub positions: Vec<Position>,
    /// Indices into [`Report::findings`].
    pub findings: Vec<usize>,
}

/// Applies suppressions and overrides, sorts, and groups disputes.
pub fn finish(
    cx: &Context<'_>,
    mut findings: Vec<Finding>,
    mut corroborations: Vec<Corroboration>,
    options: &Options,
) -> Report {
    apply_suppressions(cx, &mut findings, options);
    findings.retain_mut(|f| {
        let level = options
            .severity
            .get(f.check.code)
            .or_else(|| options.severity.get(f.check.name));
        match level {
            Some(Level::Off) => false,
            Some(Level::Note) => {
                f.severity = Severity::Note;
                true
            }
            Some(Level::Warning) => {
                f.severity = Severity::Warning;
                true
            }
            Some(Level::Error) => {
                f.severity = Severity::Error;
                true
            }
            None => true,
        }
    });
    // The verdict caps the severity (hedged sides), whatever the overrides; a finding that
    // involves an unreviewed draft of the extractor is a suggestion: at most a note.
    for f in &mut findings {
        if let Some(cap) = f.cap {
            f.severity = f.severity.min(cap);
        }
        // A statement finding (no claim: the articles' own words, as the extractor read
        // them) keeps its severity; it is still a suggestion that never fails the run.
        if f.suggested && !f.claims.is_empty() {
            f.severity = Severity::Note;
        }
    }
    let paths: Vec<String> = (0..cx.corpus.map.len())
        .map(|i| cx.corpus.map.display(crate::model::FileId(i as u32)))
        .collect();
    // Sort by (suggested, path, line, column, code, claim ids, message): the extractor's
    // suggestions come last, in their own section. The original index breaks ties, so
    // this is the stable order, computed in parallel on borrowed keys.
    let order: Vec<usize> = {
        use rayon::prelude::*;
        let claim_id = |&i: &ClaimIdx| cx.corpus.claims[i as usize].id();
        let mut keys: Vec<_> = findings
            .par_iter()
            .enumerate()
            .map(|(i, f)| {
                let s = f.primary.span;
                let path = paths[s.file.0 as usize].as_str();
                let ids: Vec<&str> = f.claims.iter().map(claim_id).collect();
                (
                    (
                        f.suggested,
                        path,
                        s.line,
                        s.column,
                        f.check.code,
                        ids,
                        f.message.as_str(),
                    ),
                    i,
                )
            })
            .collect();
        keys.par_sort_unstable();
        keys.into_iter().map(|(_, i)| i).collect()
    };
    let mut slots: Vec<Option<Finding>> = findings.into_iter().map(Some).collect();
    let findings: Vec<Finding> = order.into_iter().filter_map(|i| slots[i].take()).collect();
    corroborations.sort_by(|a, b| a.claims.cmp(&b.claims));
    let disputes = disputes(cx, &findings);
    Report {
        findings,
        corroborations,
        disputes,
    }
}

fn apply_suppressions(cx: &Context<'_>, findings: &mut Vec<Finding>, options: &Options) {
    let corpus = cx.corpus;
    let today = options.today.first_day();
    let mut used: FxHashMap<(ClaimIdx, usize), bool> = FxHashMap::default();
    for f in findings.iter_mut() {
        for &ci in &f.claims {
            let c = &corpus.claims[ci as usize];
            for (k, s) in c.claim.suppress().iter().enumerate() {
                let expired = s
                    .expires
                    .as_ref()
                    .is_some_and(|e| e.value.last_day() < today);
                let check_matches =
                    registry::find(&s.check.value).is_some_and(|i| std::ptr::eq(i, f.check));
                let claim_matches = s.claim.as_ref().is_none_or(|other| {
                    f.claims
                        .iter()
                        .any(|&o| o != ci && corpus.claims[o as usize].id() == other.value)
                });
                if check_matches && claim_matches && !expired && f.suppressed.is_none() {
                    f.suppressed = Some(s.reason.clone());
                    used.insert((ci, k), true);
                }
            }
        }
    }
    let mut meta = Vec::new();
    for (ci, c) in corpus.claims.iter().enumerate() {
        for (k, s) in c.claim.suppress().iter().enumerate() {
            let ci = ci as ClaimIdx;
            let expired = s.expires.as_ref().filter(|e| e.value.last_day() < today);
            let (check, message, help) = if let Some(e) = expired {
                (
                    &EXPIRED_SUPPRESSION,
                    format!("suppression of `{}` expired on {}", s.check.value, e.value),
                    String::from("settle the finding, then delete or renew this entry"),
                )
            } else if registry::find(&s.check.value).is_none() {
                let names: Vec<&str> = registry::CHECKS.iter().map(|e| e.info.name).collect();
                let hint = crate::load::closest_name(&s.check.value, &names)
                    .map_or(String::new(), |n| format!("did you mean `{n}`? "));
                (
                    &UNUSED_SUPPRESSION,
                    format!("suppression names unknown check `{}`", s.check.value),
                    format!("{hint}`claimcheck list-checks` shows every code and name"),
                )
            } else if !used.contains_key(&(ci, k)) {
                (
                    &UNUSED_SUPPRESSION,
                    format!("suppression of `{}` hides no finding", s.check.value),
                    String::from("delete this entry"),
                )
            } else {
                continue;
            };
            meta.push(Finding {
                check,
                severity: check.severity,
                message,
                primary: Label {
                    span: s.span,
                    text: String::from("this suppression"),
                },
                related: Vec::new(),
                claims: vec![ci],
                explanation: check.summary.to_string(),
                help,
                dispute: None,
                suppressed: None,
                extracted_only: extracted_only(cx, &[ci]),
                suggested: involves_draft(cx, &[ci]),
                positions: Vec::new(),
                pairs: Vec::new(),
                cap: None,
            });
        }
    }
    findings.extend(meta);
}

fn disputes(cx: &Context<'_>, findings: &[Finding]) -> Vec<Dispute> {
    let mut order: Vec<DisputeKey> = Vec::new();
    let mut by_key: FxHashMap<DisputeKey, Vec<usize>> = FxHashMap::default();
    for (i, f) in findings.iter().enumerate() {
        let Some(key) = f.dispute else { continue };
        if f.suppressed.is_some()
            || matches!(
                f.check.category,
                Category::TimeExplained | Category::Support
            )
        {
            continue;
        }
        by_key.entry(key).or_insert_with(|| {
            order.push(key);
            Vec::new()
        });
        if let Some(v) = by_key.get_mut(&key) {
            v.push(i);
        }
    }
    let mut undetermined: FxHashMap<DisputeKey, Vec<ClaimIdx>> = FxHashMap::default();
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        if c.polarity() == crate::model::Polarity::Undetermined && c.retracted_by.is_none() {
            let key = DisputeKey {
                subject: c.subject,
                family: cx.corpus.vocabulary.family(c.predicate),
            };
            if by_key.contains_key(&key) {
                undetermined.entry(key).or_default().push(i as ClaimIdx);
            }
        }
    }
    order
        .into_iter()
        .map(|key| {
            let idx = by_key.remove(&key).unwrap_or_default();
            let mut claims: Vec<ClaimIdx> = idx
                .iter()
                .flat_map(|&i| findings[i].claims.iter().copied())
                .collect();
            // "Not known" clashes with nothing, but is a position of the dispute it is about.
            claims.extend(undetermined.get(&key).into_iter().flatten().copied());
            claims.sort_unstable();
            claims.dedup();
            let mut positions: Vec<Position> = Vec::new();
            for ci in claims {
                let c = &cx.corpus.claims[ci as usize];
                let text = proposition(cx, c);
                let holder = super::describe::voice(cx, c);
                match positions.iter_mut().find(|p| p.text == text) {
                    Some(p) => {
                        if !p.holders.contains(&holder) {
                            p.holders.push(holder);
                        }
                        p.claims.push(ci);
                    }
                    None => positions.push(Position {
                        text,
                        holders: vec![holder],
                        claims: vec![ci],
                    }),
                }
            }
            let first = &cx.corpus.claims[positions.first().map_or(0, |p| p.claims[0]) as usize];
            let question = super::describe::question(cx, key, first);
            Dispute {
                question,
                positions,
                findings: idx,
            }
        })
        .collect()
}
