//! Baselines end to end on a copy of the seeds: `baseline write` records today's findings
//! with a reason, `check --baseline` hides them, an entry that matches nothing is stale and
//! fails the run until `baseline prune` removes it, an expired entry lets its finding show,
//! and a malformed baseline is a located error (exit 2).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const FILE: &str = "claimcheck-baseline.yaml";

fn seeds_copy() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("seeds")).unwrap();
    for e in std::fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let e = e.unwrap();
        if !e.file_type().unwrap().is_file() {
            continue; // a stray `.claimcheck-cache/` from a local run
        }
        std::fs::copy(e.path(), dir.path().join("seeds").join(e.file_name())).unwrap();
    }
    dir
}

/// Runs claimcheck on written claims only: removing a claim here must not let the
/// extractor's suggestion of the same words take its place.
fn claimcheck(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .env_remove("CLAIMCHECK_FORMAT")
        .args(args);
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let mut args = vec!["check", "seeds", "--no-config", "--format", "json"];
    args.extend(extra);
    let (code, out, err) = claimcheck(dir, &args);
    assert!(code != 2, "{err}");
    (code, serde_json::from_str(&out).unwrap())
}

/// Removes one claim (its whole list item) from a claim file.
fn remove_claim(dir: &Path, file: &str, id: &str) {
    let path = dir.join("seeds").join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let start = text.find(&format!("  - id: {id}\n")).unwrap();
    let end = text[start + 4..]
        .find("  - id: ")
        .map_or(text.len(), |i| start + 4 + i);
    std::fs::write(&path, format!("{}{}", &text[..start], &text[end..])).unwrap();
}

#[test]
fn a_baseline_hides_todays_findings_then_goes_stale_until_pruned() {
    let dir = seeds_copy();
    let d = dir.path();
    let (code, out, err) = claimcheck(
        d,
        &[
            "baseline",
            "write",
            "--reason",
            "accepted in the 2026 review",
            "--path",
            "seeds",
            "--no-config",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "wrote 6 entries to claimcheck-baseline.yaml\n");
    let text = std::fs::read_to_string(d.join(FILE)).unwrap();
    assert!(
        text.contains("reason: \"accepted in the 2026 review\""),
        "{text}"
    );
    assert!(
        !text.lines().any(|l| l.trim_start().starts_with("line:")),
        "entries carry no line numbers"
    );

    let (code, report) = json(d, &["--baseline", FILE]);
    assert_eq!(code, 0, "everything is in the baseline");
    assert_eq!(report["summary"]["baselined"], 6);
    assert_eq!(report["summary"]["errors"], 0);
    assert_eq!(report["baseline"]["matched"], 6);
    assert_eq!(
        report["findings"][0]["baseline"],
        "accepted in the 2026 review"
    );
    let sarif: Value = serde_json::from_str(
        &claimcheck(
            d,
            &[
                "check",
                "seeds",
                "--no-config",
                "--format",
                "sarif",
                "--baseline",
                FILE,
            ],
        )
        .1,
    )
    .unwrap();
    let s = &sarif["runs"][0]["results"][0]["suppressions"][0];
    assert_eq!(
        (s["kind"].as_str(), s["justification"].as_str()),
        (Some("external"), Some("accepted in the 2026 review"))
    );

    // The contradiction goes away: its entry is stale, which fails the run.
    remove_claim(
        d,
        "tmz-2022-09.claims.yaml",
        "tmz-legend-ended-not-over-trump-support",
    );
    let (code, report) = json(d, &["--baseline", FILE]);
    assert_eq!(code, 1, "a stale entry fails the run");
    let stale = report["baseline"]["stale"].as_array().unwrap();
    assert_eq!(stale.len(), 1, "{stale:#?}");
    assert_eq!(stale[0]["check"], "CC302");
    assert!(stale[0]["line"].as_u64().unwrap() > 3);
    let (_, text, _) = claimcheck(
        d,
        &[
            "check",
            "seeds",
            "--no-config",
            "--color",
            "never",
            "--baseline",
            FILE,
        ],
    );
    assert!(text.contains("Stale baseline entries"), "{text}");
    let (_, github, _) = claimcheck(
        d,
        &[
            "check",
            "seeds",
            "--no-config",
            "--format",
            "github",
            "--baseline",
            FILE,
        ],
    );
    assert!(
        github.starts_with("::error file=claimcheck-baseline.yaml,line="),
        "{github}"
    );

    let (code, out, err) = claimcheck(d, &["baseline", "prune", "--path", "seeds", "--no-config"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "removed 1 stale entries from claimcheck-baseline.yaml (5 left)\n"
    );
    let (code, report) = json(d, &["--baseline", FILE]);
    assert_eq!(code, 0);
    assert_eq!(report["baseline"]["stale"], serde_json::json!([]));
}

#[test]
fn rewriting_keeps_the_reasons_of_existing_entries_and_expired_entries_stop_hiding() {
    let dir = seeds_copy();
    let d = dir.path();
    let write = |reason: &str, extra: &[&str]| {
        let mut args = vec![
            "baseline",
            "write",
            "base.yaml",
            "--reason",
            reason,
            "--path",
            "seeds",
            "--no-config",
        ];
        args.extend(extra);
        let (code, _, err) = claimcheck(d, &args);
        assert_eq!(code, 0, "{err}");
    };
    write("first reason", &["--expires", "2026-01-31"]);
    write("second reason", &[]);
    let text = std::fs::read_to_string(d.join("base.yaml")).unwrap();
    assert!(
        text.contains("first reason") && !text.contains("second reason"),
        "{text}"
    );
    let (code, report) = json(d, &["--baseline", "base.yaml"]);
    assert_eq!(
        code, 1,
        "every entry expired on 2026-01-31, so the error shows again"
    );
    assert_eq!(report["baseline"]["expired"], 6);
    assert_eq!(report["summary"]["baselined"], 0);
}

#[test]
fn a_baseline_of_the_old_pair_fingerprints_asks_to_be_written_again() {
    let dir = seeds_copy();
    let d = dir.path();
    std::fs::write(
        d.join(FILE),
        "version: 1\nfindings:\n  - fingerprint: v1:0011223344556677\n    check: CC302\n    reason: accepted\n",
    )
    .unwrap();
    let (code, _, err) = claimcheck(d, &["check", "seeds", "--no-config", "--baseline", FILE]);
    assert_eq!(code, 2, "never a silent mass of new findings");
    assert!(
        err.contains("baseline version 1 was written by an older claimcheck"),
        "{err}"
    );
    assert!(err.contains("claimcheck baseline write"), "{err}");
    // Writing it again replaces the old file.
    let (code, out, err) = claimcheck(
        d,
        &[
            "baseline",
            "write",
            "--reason",
            "re-accepted",
            "--path",
            "seeds",
            "--no-config",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(out, "wrote 6 entries to claimcheck-baseline.yaml\n");
    let (code, _, err) = claimcheck(d, &["check", "seeds", "--no-config", "--baseline", FILE]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_malformed_baseline_is_a_located_error() {
    let dir = seeds_copy();
    let d = dir.path();
    std::fs::write(d.join("bad.yaml"), "version: 2\nfindings:\n  - fingerprint: v2:0011223344556677\n    check: CC302\n    reasons: typo\n").unwrap();
    let (code, _, err) = claimcheck(
        d,
        &["check", "seeds", "--no-config", "--baseline", "bad.yaml"],
    );
    assert_eq!(code, 2);
    assert!(
        err.starts_with("claimcheck failed: bad.yaml:5:5: "),
        "{err}"
    );
    let (code, _, err) = claimcheck(
        d,
        &[
            "check",
            "seeds",
            "--no-config",
            "--baseline",
            "missing.yaml",
        ],
    );
    assert_eq!(code, 2);
    assert!(err.contains("missing.yaml"), "{err}");
    let (code, _, err) = claimcheck(
        d,
        &[
            "baseline",
            "write",
            "--reason",
            " ",
            "--path",
            "seeds",
            "--no-config",
        ],
    );
    assert_eq!(code, 2, "a reason is required: {err}");
}
