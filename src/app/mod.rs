//! The run driver the CLI calls, and what a run knows beyond the checks.
//!
//! [`run`] takes a [`Settings`] through the pipeline (load → resolve → check) and adds the
//! run-level steps no single check owns. Around it:
//!
//! - [`settings`]: what a run is given and what can stop it, shared with [`recheck`];
//! - [`suggest`]: `check --suggest`, the extractor run over the source documents between
//!   load and resolve;
//! - [`recheck`]: the concise report after an edit, from a snapshot of the previous run;
//! - [`since`]: `--new-since`, the claim files at a git ref;
//! - [`baseline`]: accepted findings;
//! - [`config`]: `claimcheck.yaml`, read by the CLI into the settings.
//!
//! The library returns data; printing is the caller's job.

pub mod baseline;
pub mod config;
pub mod recheck;
pub mod run;
pub mod settings;
pub mod since;
pub mod suggest;

pub use run::{Outcome, check};
pub use settings::{RunError, Settings};
