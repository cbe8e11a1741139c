//! Benchmark and scale-test support: [`synth`], the synthetic corpus generator, and the
//! check that a run finds exactly what it planted. The `claimcheck bench` command (the
//! binary's `cli::bench`) writes these corpora and times each pipeline stage on them.

pub mod synth;
