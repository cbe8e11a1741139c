//! `check --new-since REF` end to end, in a git repository built in a temporary folder:
//! the ref's claims are read through the `git` command line, findings are new, still open
//! or resolved by fingerprint, only new ones fail the run, and the primary location of a
//! new finding is the claim in the changed file.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const FIRST: &str = "\
sources:
  - {id: daily, outlet: Daily, published: 2022-06-01, document: daily.txt}
  - {id: weekly, outlet: Weekly, published: 2021-01-10}
entities:
  - {id: ann, name: Ann, kind: person}
  - {id: bob, name: Bob, kind: person}
claims:
  - {id: daily-friends, source: daily, subject: ann, predicate: friends-with, object: bob, valid: {from: 2020}, quote: \"Ann and Bob are friends\"}
";

/// A claim from an earlier source that contradicts `daily-friends`: the sink makes the
/// later claim (`daily-friends`, unchanged) primary; `--new-since` makes this one primary.
const SECOND: &str = "\
claims:
  - {id: weekly-not-friends, source: weekly, subject: ann, predicate: friends-with, object: bob, polarity: denied, valid: {from: 2020}}
";

fn git(dir: &Path, args: &[&str]) {
    let out = std::process::Command::new("git")
        .current_dir(dir)
        .args(args)
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A repository with two commits: the first has one claim, the second adds a conflicting one.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    git(d, &["config", "user.name", "claimcheck test"]);
    git(d, &["config", "user.email", "test@example.invalid"]);
    git(d, &["config", "commit.gpgsign", "false"]);
    std::fs::create_dir_all(d.join("claims")).unwrap();
    std::fs::write(d.join("claims/a.claims.yaml"), FIRST).unwrap();
    std::fs::write(
        d.join("claims/daily.txt"),
        "Daily says: Ann and Bob are friends.\n",
    )
    .unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "one claim"]);
    std::fs::write(d.join("claims/b.claims.yaml"), SECOND).unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "a conflicting claim"]);
    dir
}

fn check(dir: &Path, args: &[&str]) -> (i32, Value, String) {
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .env_remove("CLAIMCHECK_FORMAT")
        .env_remove("GIT_DIR")
        .args(["check", "claims", "--no-config", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    (out.status.code().unwrap_or(-1), json, stderr)
}

fn changes(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["name"].as_str().unwrap().to_string(),
                f["change"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_conflicting_claim_added_since_the_ref_is_the_one_new_finding_and_fails_the_run() {
    let repo = repo();
    let (code, report, stderr) = check(repo.path(), &["--new-since", "HEAD~1"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        changes(&report),
        [("polarity-contradiction".to_string(), "new".to_string())]
    );
    assert_eq!(report["new_since"]["ref"], "HEAD~1");
    assert_eq!(report["new_since"]["new"], 1);
    assert_eq!(report["new_since"]["resolved"], serde_json::json!([]));
    let f = &report["findings"][0];
    assert_eq!(
        f["location"]["path"], "claims/b.claims.yaml",
        "the changed claim is primary"
    );
    assert_eq!(f["claims"][0]["id"], "weekly-not-friends");
    assert_eq!(f["related"][0]["path"], "claims/a.claims.yaml");
    // Without --new-since the later claim is primary.
    let (code, plain, _) = check(repo.path(), &[]);
    assert_eq!(code, 1);
    assert_eq!(
        plain["findings"][0]["location"]["path"],
        "claims/a.claims.yaml"
    );
    assert_eq!(
        plain["findings"][0]["fingerprint"], f["fingerprint"],
        "the fingerprint ignores which claim is primary"
    );
}

#[test]
fn a_finding_already_there_at_the_ref_does_not_fail_the_run() {
    let repo = repo();
    let (code, report, stderr) = check(repo.path(), &["--new-since", "HEAD"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        changes(&report),
        [(
            "polarity-contradiction".to_string(),
            "unchanged".to_string()
        )]
    );
    // A working-tree edit that resolves it: listed as resolved, nothing new.
    std::fs::remove_file(repo.path().join("claims/b.claims.yaml")).unwrap();
    let (code, report, stderr) = check(repo.path(), &["--new-since", "HEAD"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(changes(&report).is_empty());
    let resolved = report["new_since"]["resolved"].as_array().unwrap();
    assert_eq!(resolved.len(), 1);
    assert_eq!(resolved[0]["code"], "CC101");
    assert_eq!(resolved[0]["path"], "claims/a.claims.yaml");
}

#[test]
fn a_claim_joining_a_side_is_joined_not_new_and_a_new_position_is_new() {
    let repo = repo();
    // Another outlet repeats the denial (joins a side); another says they are estranged
    // (a new position pair against the friendship).
    std::fs::write(
        repo.path().join("claims/c.claims.yaml"),
        "sources:\n  - {id: monthly, outlet: Monthly, published: 2021-03}\nclaims:\n  - {id: monthly-not-friends, source: monthly, subject: ann, predicate: friends-with, object: bob, polarity: denied, valid: {from: 2020}}\n",
    )
    .unwrap();
    let (code, report, stderr) = check(repo.path(), &["--new-since", "HEAD"]);
    assert_eq!(
        code, 0,
        "a claim joining a known dispute does not fail: {stderr}"
    );
    assert_eq!(
        changes(&report),
        [("polarity-contradiction".to_string(), "joined".to_string())]
    );
    let sizes: Vec<usize> = report["findings"][0]["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["claims"].as_array().unwrap().len())
        .collect();
    assert_eq!(
        sizes,
        [2, 1],
        "the changed claim's side first, holding both denials"
    );
    std::fs::write(
        repo.path().join("claims/d.claims.yaml"),
        "claims:\n  - {id: monthly-estranged, source: monthly, subject: ann, predicate: estranged-from, object: bob, valid: {from: 2020}}\n",
    )
    .unwrap();
    let (code, report, stderr) = check(repo.path(), &["--new-since", "HEAD"]);
    assert_eq!(code, 1, "a new position pair is new: {stderr}");
    let got = changes(&report);
    assert!(
        got.contains(&("contrary-status".to_string(), "new".to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&("polarity-contradiction".to_string(), "joined".to_string())),
        "{got:?}"
    );
}

#[test]
fn the_refs_documents_are_read_at_the_ref() {
    let repo = repo();
    // The article changes in the working tree so the quote is no longer found: that
    // finding is new; at the ref the quote was found, so nothing else differs.
    std::fs::write(
        repo.path().join("claims/daily.txt"),
        "Daily says something else.\n",
    )
    .unwrap();
    let (_, report, stderr) = check(repo.path(), &["--new-since", "HEAD"]);
    let c = changes(&report);
    assert!(
        c.contains(&("quote-not-found".to_string(), "new".to_string())),
        "{c:?} {stderr}"
    );
    assert!(
        c.contains(&(
            "polarity-contradiction".to_string(),
            "unchanged".to_string()
        )),
        "{c:?}"
    );
}

#[test]
fn a_document_outside_the_checked_folder_has_the_same_name_at_the_ref() {
    let repo = repo();
    let d = repo.path();
    // The article moves above `claims/`, and the quote is not in it: the finding names
    // the article by its normalised path at the ref too, so it is not new.
    std::fs::create_dir_all(d.join("articles")).unwrap();
    std::fs::write(d.join("articles/daily.txt"), "Daily says nothing.\n").unwrap();
    std::fs::write(
        d.join("claims/a.claims.yaml"),
        FIRST.replace("document: daily.txt", "document: ../articles/daily.txt"),
    )
    .unwrap();
    git(d, &["add", "-A"]);
    git(d, &["commit", "-q", "-m", "the article moves"]);
    let (_, report, stderr) = check(d, &["--new-since", "HEAD"]);
    let c = changes(&report);
    assert!(
        c.contains(&("quote-not-found".to_string(), "unchanged".to_string())),
        "{c:?} {stderr}"
    );
    let quote = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["name"] == "quote-not-found")
        .unwrap();
    assert!(
        quote["message"]
            .as_str()
            .unwrap()
            .ends_with("`articles/daily.txt`"),
        "{quote:#}"
    );
    assert_eq!(report["new_since"]["resolved"], serde_json::json!([]));
}

#[test]
fn text_and_sarif_say_what_is_new() {
    let repo = repo();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(repo.path())
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .args([
            "check",
            "claims",
            "--no-config",
            "--color",
            "never",
            "--new-since",
            "HEAD~1",
            "--output",
            "sarif=out.sarif",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("= note: new since `HEAD~1`"), "{text}");
    assert!(
        text.trim_end()
            .ends_with("since `HEAD~1`: 1 new, 0 resolved"),
        "{text}"
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(repo.path().join("out.sarif")).unwrap())
            .unwrap();
    assert_eq!(sarif["runs"][0]["results"][0]["baselineState"], "new");
}

#[test]
fn a_bad_ref_or_a_folder_outside_git_is_exit_2() {
    let repo = repo();
    let (code, _, stderr) = check(repo.path(), &["--new-since", "no-such-branch"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("`no-such-branch` is not a commit"),
        "{stderr}"
    );
    let plain = tempfile::tempdir().unwrap();
    std::fs::create_dir(plain.path().join("claims")).unwrap();
    let (code, _, stderr) = check(plain.path(), &["--new-since", "HEAD"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.starts_with("claimcheck failed: --new-since:"),
        "{stderr}"
    );
}
