//! Real multi-outlet stories (tests/stories/<story>/: article excerpts with their
//! addresses, claim files written as a new user would, and `expected.yaml`, the tensions
//! a fact-checker lists by hand). Per story: every expected tension is reported with the
//! right kind, no look-alike is an error or warning, and the report stays short (at most
//! 1.5 findings per expected tension).

use assert_cmd::Command;
use serde::Deserialize;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Deserialize)]
struct Expected {
    story: String,
    expected: Vec<Tension>,
    must_not: Vec<LookAlike>,
}

#[derive(Deserialize)]
struct Tension {
    what: String,
    kind: String,
    claims: [String; 2],
}

#[derive(Deserialize)]
struct LookAlike {
    what: String,
    claims: [String; 2],
}

fn stories() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/stories");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("expected.yaml").is_file())
        .collect();
    dirs.sort();
    dirs
}

fn report(dir: &Path) -> Value {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .env_remove("CLAIMCHECK_FORMAT")
        .args(["check", "--format", "json", "--no-config", "--no-cache"])
        .arg(dir);
    if dir.join("rules").is_dir() {
        cmd.arg("--rules").arg(dir.join("rules"));
    }
    let out = cmd.output().unwrap();
    assert!(
        out.status.code() == Some(0) || out.status.code() == Some(1),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The claim ids of each side of a finding (each claim its own side when the finding has
/// no positions).
fn sides(f: &Value) -> Vec<BTreeSet<String>> {
    let ids = |v: &Value| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_str().unwrap().to_string())
            .collect()
    };
    match f["positions"].as_array() {
        Some(p) if !p.is_empty() => p.iter().map(|s| ids(&s["claims"])).collect(),
        _ => ids(&f["claims"])
            .into_iter()
            .map(|i| BTreeSet::from([i]))
            .collect(),
    }
}

/// Whether a finding holds `a` and `b` on different sides (and, when it lists the pairs
/// it is about, as one of them).
fn apart(f: &Value, [a, b]: &[String; 2]) -> bool {
    if let Some(pairs) = f["pairs"].as_array().filter(|p| !p.is_empty()) {
        return pairs.iter().any(|p| {
            (p[0] == a.as_str() && p[1] == b.as_str()) || (p[0] == b.as_str() && p[1] == a.as_str())
        });
    }
    let s = sides(f);
    s.iter()
        .enumerate()
        .any(|(i, x)| x.contains(a) && s.iter().enumerate().any(|(j, y)| i != j && y.contains(b)))
}

fn right_kind(f: &Value, kind: &str) -> bool {
    match kind {
        "contradiction" => f["type"] == "contradiction",
        "revision" => f["type"] == "revised account",
        "misreport" => f["type"] == "reporting conflict",
        "change-over-time" => f["type"] == "explained by time",
        "competing-causes" => f["name"] == "competing-causes",
        "retraction" => f["name"] == "retracted-claim",
        other => panic!("unknown kind `{other}` in expected.yaml"),
    }
}

#[test]
fn every_story_reports_its_tensions_with_the_right_kind_and_no_false_alarm() {
    let dirs = stories();
    assert!(dirs.len() >= 3, "the development set has three stories");
    let mut problems = Vec::new();
    for dir in &dirs {
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(dir.join("expected.yaml")).unwrap();
        let expected: Expected = serde_saphyr::from_str(&text).unwrap();
        assert!(!expected.story.is_empty());
        let r = report(dir);
        let shown: Vec<&Value> = r["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["suppressed"].is_null())
            .collect();
        for f in &shown {
            assert_ne!(
                f["type"], "integrity",
                "{name}: the claim files load cleanly: {f:#}"
            );
        }
        for t in &expected.expected {
            let hits: Vec<&&Value> = shown.iter().filter(|f| apart(f, &t.claims)).collect();
            if !hits.iter().any(|f| right_kind(f, &t.kind)) {
                let got: Vec<String> = hits
                    .iter()
                    .map(|f| format!("{} ({})", f["name"], f["severity"]))
                    .collect();
                problems.push(format!(
                    "{name}: expected {} for {:?} ({}), got {got:?}",
                    t.kind, t.claims, t.what
                ));
            }
        }
        for m in &expected.must_not {
            for f in shown.iter().filter(|f| apart(f, &m.claims)) {
                if f["severity"] == "error" || f["severity"] == "warning" {
                    problems.push(format!(
                        "{name}: {:?} must not be flagged ({}), got {} ({})",
                        m.claims, m.what, f["name"], f["severity"]
                    ));
                }
            }
        }
        let limit = expected.expected.len() * 3 / 2;
        if shown.len() > limit {
            problems.push(format!(
                "{name}: {} findings shown for {} expected tensions (at most {limit})",
                shown.len(),
                expected.expected.len()
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
