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
//!                             app::run: --new-since, baseline, fail-on, min-level
//! ```
//!
//! The pipeline, one module per stage:
//!
//! - [`load`]: find claim files, read them within limits, parse YAML with spans.
//! - [`resolve`]: ids and aliases to canonical terms, times to intervals, quotes located
//!   in their articles.
//!
//! Memory stays proportional to the resolved claims, not to the files: the checked run
//! parses the files that declare sources, entities or concepts first, and leaves files of
//! claims only (and the claim lines of JSON-lines files) in [`load::Later`], which
//! `resolve` parses a batch at a time while it resolves the batch before. A resolved claim
//! keeps what checks and reports read ([`resolve::Written`]), not its parse tree, and a
//! claim file's text is read again only when a report quotes it.
//! - [`graph`]: the petgraph statement graph and its DOT/JSON export.
//! - [`check`](mod@check): the comparison engine, one file per check, the registry, the sink.
//! - [`report`]: one file per output format.
//!
//! Around it:
//!
//! - [`app`]: the drivers. [`app::run`] is the run the CLI calls ([`check()`]): the
//!   pipeline with the [`Settings`] of [`app::settings`], then the run-level steps no single
//!   check owns: `--new-since` ([`app::since`]: the same check at a git ref), the baseline
//!   ([`app::baseline`]: accepted findings), the failure count, the `--min-level` floor.
//!   [`app::config`] reads `claimcheck.yaml`; [`app::recheck`] writes the concise report
//!   after an edit from a snapshot of the previous run, re-checking only the buckets the
//!   edited claims touch; [`app::suggest`] runs the extractor between load and resolve for
//!   `check --suggest`. That step lives in `app`, not in [`extract`], because it works on
//!   loaded claim files, and the extractor knows only text.
//! - [`extract`]: the extractor, article text → draft claims (`claimcheck extract`, and
//!   `check --suggest` through [`app::suggest`]).
//! - [`bench`](mod@bench): the synthetic corpus generator ([`bench::synth`]) for
//!   benchmarks and scale tests.
//! - [`rules`]: the predicate vocabulary and severity overrides (compiled-in defaults
//!   from `rules/`, user folders on top).
//! - [`model`]: plain data (spans, fuzzy dates, claims).
//!
//! The binary (`main.rs`, `cli/`) parses the command line, calls [`app`] (or a stage
//! directly: `graph`, `export`, `extract`, `bench`) and is the only code that prints.
//!
//! Every stage that grows with the corpus runs on all cores (rayon): reading and parsing
//! files, resolving claims, comparing buckets, the checks, sorting and fingerprinting
//! findings, writing JSON. Each joins its parts in a fixed order (file path, bucket key,
//! registry order, a total sort key), so the report is byte-identical whatever the thread
//! count or the order files are found in.

// The pipeline stages (load → resolve → graph → check → report; rustfmt sorts them).
pub mod check;
pub mod graph;
pub mod load;
pub mod report;
pub mod resolve;

// Around the pipeline: the drivers, the extractor, benchmarks, rules and plain data.
pub mod app;
pub mod bench;
pub mod extract;
pub mod model;
pub mod rules;

pub use app::{Outcome, RunError, Settings, check};
