//! # claimcheck
//!
//! Finds where sources contradict each other. Fact-checkers keep claim files (YAML) that
//! record who said what, where and when; claimcheck builds one graph of statements from
//! them and reports the tensions between sources, telling a real contradiction from one
//! explained by time, from a speaker revising his account, and from an outlet
//! misreporting a quote.
//!
//! Data flows one way; no stage imports a later one:
//!
//! ```text
//! paths ──load──▶ model items ──resolve──▶ Corpus ──graph──▶ StatementGraph
//!                  (spans)       (rules)      │
//!                                             └──check──▶ Report ──report──▶ text / json / sarif / …
//!                                                           ▲
//!                                  run: --new-since, baseline, fail-on, min-level
//! ```
//!
//! - [`model`]: plain data (spans, fuzzy dates, claims).
//! - [`load`]: find claim files, read them within limits, parse YAML with spans.
//! - [`rules`]: the predicate vocabulary and severity overrides (compiled-in defaults
//!   from `rules/`, user folders on top).
//! - [`resolve`]: ids and aliases to canonical terms, times to intervals, quotes located
//!   in their articles.
//! - [`graph`]: the petgraph statement graph and its DOT/JSON export.
//! - [`check`](mod@check): the comparison engine, one file per check, the registry, the sink.
//! - [`report`]: one file per output format.
//! - [`app`]: the run driver the CLI calls ([`app::run`]); with [`app::since`]
//!   (`--new-since`: the same check at a git ref), [`app::baseline`] (accepted findings),
//!   [`app::config`] (`claimcheck.yaml`), [`app::suggest`] (`check --suggest`) and
//!   [`app::recheck`] (after an edit, the concise report from a snapshot of the previous
//!   run, re-checking only the buckets the edited claims touch).
//!
//! Every stage that grows with the corpus runs on all cores (rayon): reading and parsing
//! files, resolving claims, comparing buckets, the checks, sorting and fingerprinting
//! findings, writing JSON. Each joins its parts in a fixed order (file path, bucket key,
//! registry order, a total sort key), so the report is byte-identical whatever the thread
//! count or the order files are found in.

pub mod app;
pub mod bench;
pub mod check;
pub mod extract;
pub mod graph;
pub mod load;
pub mod model;
pub mod report;
pub mod resolve;
pub mod rules;

pub use app::{Outcome, RunError, Settings, check};
