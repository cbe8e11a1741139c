//! Re-checking after an edit (`claimcheck::app::recheck`): the concise report from the
//! snapshot of the previous run is byte for byte the report of a full run, edit after
//! edit; and what the snapshot cannot vouch for falls back to a full run.

use claimcheck::Settings;
use claimcheck::app::recheck;
use claimcheck::bench::synth::{Spec, generate};
use claimcheck::report::{self, Format};
use std::path::Path;

fn settings(dir: &Path) -> Settings {
    Settings {
        paths: vec![dir.join("claims")],
        cache_dir: Some(dir.join("cache")),
        recheck: true,
        today: claimcheck::model::FuzzyDate::parse("2026-01-01").unwrap(),
        ..Settings::default()
    }
}

/// The concise report and failure count of a full run (no cache, no snapshot).
fn full(dir: &Path) -> (String, usize) {
    let settings = Settings {
        cache_dir: None,
        recheck: false,
        ..settings(dir)
    };
    let outcome = claimcheck::check(&settings).unwrap();
    let cx = outcome.render_ctx(false);
    let mut out = Vec::new();
    report::render_with(Format::Concise, &outcome.report, &cx, &mut out).unwrap();
    (String::from_utf8(out).unwrap(), outcome.failures)
}

fn corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        claims: 4000,
        files: 40,
        seed: 5,
        hot: 0,
        format: claimcheck::bench::synth::Format::Yaml,
    };
    generate(&dir.path().join("claims"), &spec).unwrap();
    // A full run with `recheck` writes the snapshot.
    claimcheck::check(&settings(dir.path())).unwrap();
    dir
}

fn file(dir: &Path, n: usize) -> std::path::PathBuf {
    dir.join("claims").join(format!("{n:05}.claims.yaml"))
}

/// Rewrites line `line` (0-based) of claim file `n`.
fn edit_line(dir: &Path, n: usize, line: usize, edit: impl Fn(&str) -> String) {
    let path = file(dir, n);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    lines[line] = edit(&lines[line]);
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

fn claim_line(dir: &Path, n: usize, index: usize) -> String {
    claim_where(dir, n, index, |_| true)
}

/// The `index`-th claim line of file `n` that `keep` accepts.
fn claim_where(dir: &Path, n: usize, index: usize, keep: impl Fn(&str) -> bool) -> String {
    let text = std::fs::read_to_string(file(dir, n)).unwrap();
    text.lines()
        .filter(|l| l.starts_with("  - {id: ") && l.contains(", source: ") && keep(l))
        .nth(index)
        .unwrap()
        .to_string()
}

/// A plain claim: a valid year, no polarity, no speaker.
fn plain(l: &str) -> bool {
    l.contains("valid: {at: ") && !l.contains("polarity") && !l.contains("speaker")
}

/// The line number (0-based) of a claim line.
fn line_of(dir: &Path, n: usize, claim: &str) -> usize {
    let text = std::fs::read_to_string(file(dir, n)).unwrap();
    text.lines().position(|l| l == claim).unwrap()
}

fn assert_rechecks_like_a_full_run(dir: &Path, what: &str) {
    let fast = recheck::fast(&settings(dir))
        .unwrap_or_else(|| panic!("{what}: the re-check fell back to a full run"));
    let (text, failures) = full(dir);
    assert!(fast.text == text, "{what}: the reports differ");
    assert_eq!(fast.failures, failures, "{what}");
}

#[test]
fn edit_after_edit_the_recheck_is_the_full_report() {
    let dir = corpus();
    let d = dir.path();
    assert!(
        d.join("cache/recheck.bin").exists(),
        "the full run wrote a snapshot"
    );
    assert_rechecks_like_a_full_run(d, "nothing changed");

    // Another year for a claim.
    let claim = claim_where(d, 3, 0, plain);
    let at = line_of(d, 3, &claim);
    edit_line(d, 3, at, |l| {
        let s = l.find("{at: ").unwrap() + 5;
        format!("{}1990{}", &l[..s], &l[s + 4..])
    });
    assert_rechecks_like_a_full_run(d, "a year changed");

    // A claim denied.
    let claim = claim_where(d, 5, 2, plain);
    let at = line_of(d, 5, &claim);
    edit_line(d, 5, at, |l| {
        format!("{}, polarity: denied}}", &l[..l.len() - 1])
    });
    assert_rechecks_like_a_full_run(d, "a claim denied");

    // A claim removed.
    let claim = claim_line(d, 7, 4);
    let at = line_of(d, 7, &claim);
    edit_line(d, 7, at, |_| "  # removed".to_string());
    assert_rechecks_like_a_full_run(d, "a claim removed");

    // A new claim in one file that contradicts a claim of another.
    let other = claim_where(d, 11, 1, plain);
    let at = line_of(d, 12, &claim_line(d, 12, 0));
    let source = claim_line(d, 12, 0);
    let source = &source[source.find("source: ").unwrap()..];
    let source = &source[..source.find(',').unwrap()];
    let body = &other[other.find("subject: ").unwrap()..other.len() - 1];
    let new = format!("  - {{id: new-1, {source}, {body}, polarity: denied}}");
    edit_line(d, 12, at, |l| format!("{l}\n{new}"));
    assert_rechecks_like_a_full_run(d, "a new contradicting claim");

    // A claim moved to another subject (a bucket none of its file's claims were in).
    let claim = claim_where(d, 20, 3, plain);
    let at = line_of(d, 20, &claim);
    let subject = claim_where(d, 30, 5, plain);
    let subject = &subject[subject.find("subject: ").unwrap()..];
    let subject = &subject[..subject.find(',').unwrap()];
    edit_line(d, 20, at, |l| {
        let from = l.find("subject: ").unwrap();
        let to = from + l[from..].find(',').unwrap();
        format!("{}{subject}{}", &l[..from], &l[to..])
    });
    assert_rechecks_like_a_full_run(d, "a claim moved to another subject");

    // Two files at once.
    for n in [21, 22] {
        let claim = claim_where(d, n, 6, plain);
        let at = line_of(d, n, &claim);
        edit_line(d, n, at, |l| {
            format!("{}, polarity: denied}}", &l[..l.len() - 1])
        });
    }
    assert_rechecks_like_a_full_run(d, "two files edited");
}

#[test]
fn what_the_snapshot_cannot_vouch_for_is_checked_in_full() {
    let dir = corpus();
    let d = dir.path();
    // A claim id that another file already uses: a duplicate-id error.
    let other = claim_line(d, 2, 0);
    let id = &other["  - {id: ".len()..other.find(',').unwrap()];
    let claim = claim_line(d, 9, 0);
    let at = line_of(d, 9, &claim);
    edit_line(d, 9, at, |l| {
        let end = l.find(',').unwrap();
        format!("  - {{id: {id}{}", &l[end..])
    });
    assert!(recheck::fast(&settings(d)).is_none(), "a duplicate id");
    let (text, _) = full(d);
    assert!(text.contains("CC002"), "{text}");
    // The full run of the CLI path writes no snapshot for a corpus with problems, so the
    // next re-check is a full run too.
    claimcheck::check(&settings(d)).unwrap();
    assert!(!d.join("cache/recheck.bin").exists());
    assert!(recheck::fast(&settings(d)).is_none());
}

#[test]
fn changed_settings_or_declarations_are_checked_in_full() {
    let dir = corpus();
    let d = dir.path();
    // Another `--min-level`.
    let other = Settings {
        min_level: claimcheck::check::Severity::Warning,
        ..settings(d)
    };
    assert!(recheck::fast(&other).is_none(), "other settings");
    // Another outlet name for a source.
    let path = file(d, 4);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replacen("outlet: Outlet", "outlet: Renamed Outlet", 1),
    )
    .unwrap();
    assert!(
        recheck::fast(&settings(d)).is_none(),
        "a changed declaration"
    );
    // A file added.
    claimcheck::check(&settings(d)).unwrap();
    std::fs::write(d.join("claims/zz.claims.yaml"), "claims: []\n").unwrap();
    assert!(recheck::fast(&settings(d)).is_none(), "a file added");
}

/// The CLI takes the re-check for `--format concise` and prints what a full run prints.
#[test]
fn the_cli_rechecks_the_concise_report() {
    let dir = corpus();
    let d = dir.path();
    let run = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("claimcheck")
            .unwrap()
            .current_dir(d)
            .env("CLAIMCHECK_TODAY", "2026-01-01")
            .env("RUST_BACKTRACE", "0")
            .args(["check", "claims", "--no-config", "--format", "concise"])
            .args(args)
            .output()
            .unwrap();
        (out.status.code(), String::from_utf8(out.stdout).unwrap())
    };
    let first = run(&[]);
    assert!(d.join(".claimcheck-cache/recheck.bin").exists());
    let claim = claim_where(d, 6, 1, plain);
    let at = line_of(d, 6, &claim);
    edit_line(d, 6, at, |l| {
        format!("{}, polarity: denied}}", &l[..l.len() - 1])
    });
    let again = run(&[]);
    let full = run(&["--no-cache"]);
    assert_eq!(again, full);
    assert_ne!(first.1, again.1, "the edit changed the report");
}
