//! Arbitrary bytes as a project's settings files, read as the CLI reads them: as
//! `claimcheck.yaml` (`config::Config::read`) and as a baseline file
//! (`baseline::Baseline::read`). Both must return `Ok` or a located `Err`, never panic or
//! hang. A baseline that reads must survive a round trip: `Baseline::to_yaml` (what
//! `baseline write` and `baseline prune` write) reads back to the same entries.

#![no_main]

use claimcheck::app::baseline::Baseline;
use claimcheck::app::config::Config;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("tempdir"))
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let config = dir.path().join("claimcheck.yaml");
    std::fs::write(&config, data).expect("write config");
    if let Err(e) = Config::read(&config) {
        assert!(e.line >= 1 && e.column >= 1, "unlocated error: {e}");
    }

    let path = dir.path().join("claimcheck-baseline.yaml");
    std::fs::write(&path, data).expect("write baseline");
    let Ok(baseline) = Baseline::read(&path) else {
        return;
    };
    let text = baseline.to_yaml();
    let again = match Baseline::parse("rewritten", &text) {
        Ok(b) => b,
        Err(e) => panic!("a baseline that read does not read back after to_yaml: {e}\n{text}"),
    };
    let strip = |b: &Baseline| {
        b.entries
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.line = 0;
                e
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(
        strip(&baseline),
        strip(&again),
        "to_yaml changed the entries:\n{text}"
    );
});
