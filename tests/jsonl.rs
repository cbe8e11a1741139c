//! JSON-lines claim files (`*.claims.jsonl`): `claimcheck export` writes one, `check`
//! reads it back to the same findings; a bad line is located at its line and column and
//! every other line is still checked.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn claimcheck(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").unwrap();
    cmd.current_dir(dir).env("RUST_BACKTRACE", "0");
    cmd
}

/// Copies a folder (one level of files and one of subfolders is all the fixtures have).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The JSON report of `check PATH` run in `dir`.
fn report(dir: &Path, path: &str) -> Value {
    let out = claimcheck(dir)
        .args([
            "check",
            path,
            "--no-cache",
            "--no-config",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// A finding without where it is written (the file and line differ between the YAML
/// files and the JSON-lines file; everything else must not).
fn without_places(mut f: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(m) => {
                for key in [
                    "location",
                    "path",
                    "line",
                    "column",
                    "byte_offset",
                    "byte_length",
                    "fingerprint",
                    "fingerprints",
                ] {
                    m.remove(key);
                }
                m.values_mut().for_each(strip);
            }
            Value::Array(a) => a.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut f);
    f
}

fn findings(report: &Value) -> Vec<Value> {
    let mut all: Vec<Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .cloned()
        .map(without_places)
        .collect();
    all.sort_by_key(|f| f.to_string());
    all
}

#[test]
fn export_then_check_gives_the_same_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut stories = vec![root.join("seeds")];
    // The stories with findings to expect; the others hold only articles and names for
    // the attribution gold.
    for e in std::fs::read_dir(root.join("tests/stories")).unwrap() {
        let path = e.unwrap().path();
        if path.join("expected.yaml").exists() {
            stories.push(path);
        }
    }
    stories.sort();
    for story in stories {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&story, &dir.path().join("story"));
        let yaml = report(dir.path(), "story");
        let export = claimcheck(dir.path())
            .args(["export", "story", "--no-cache", "--no-config", "--resolved"])
            .output()
            .unwrap();
        assert!(
            export.status.success(),
            "{}",
            String::from_utf8_lossy(&export.stderr)
        );
        std::fs::write(dir.path().join("all.claims.jsonl"), &export.stdout).unwrap();
        let jsonl = report(dir.path(), "all.claims.jsonl");
        let (a, b) = (findings(&yaml), findings(&jsonl));
        assert!(!a.is_empty(), "{}", story.display());
        assert_eq!(a.len(), b.len(), "{}", story.display());
        for (a, b) in a.iter().zip(&b) {
            assert_eq!(a, b, "{}", story.display());
        }
        // Exported again, the claims are the same (the JSON-lines file is a fixed point).
        let again = claimcheck(dir.path())
            .args(["export", "all.claims.jsonl", "--no-cache", "--no-config"])
            .output()
            .unwrap();
        let claims = |out: &[u8]| -> Vec<String> {
            String::from_utf8_lossy(out)
                .lines()
                .map(|l| serde_json::from_str::<Value>(l).unwrap())
                .map(|v| v.get("claim").cloned().unwrap_or(v).to_string())
                .collect()
        };
        assert_eq!(
            claims(&export.stdout),
            claims(&again.stdout),
            "{}",
            story.display()
        );
    }
}

const GOOD: &str = concat!(
    r#"{"source": {"id": "a"}}"#,
    "\n",
    r#"{"source": {"id": "b"}}"#,
    "\n",
    r#"{"entity": {"id": "kim"}}"#,
    "\n",
    r#"{"claim": {"id": "a-age", "source": "a", "subject": "kim", "predicate": "age", "object": 41, "valid": {"at": 2020}}}"#,
    "\n",
);

fn invalid_files(report: &Value) -> Vec<&Value> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "CC001")
        .collect()
}

#[test]
fn a_bad_line_is_located_and_the_other_lines_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let text = format!(
        "{GOOD}{}\n{}\n{}\n",
        r#"{"claim": {"id": "x", "sourse": "a", "subject": "kim", "predicate": "age"}}"#,
        r#"{"claim": {"id": "y", "source": "a", "subject": "kim", "#,
        r#"{"claim": {"id": "b-age", "source": "b", "subject": "kim", "predicate": "age", "object": 45, "valid": {"at": 2020}}}"#,
    );
    std::fs::write(dir.path().join("a.claims.jsonl"), text).unwrap();
    let report = report(dir.path(), ".");
    let bad = invalid_files(&report);
    let at: Vec<(u64, u64)> = bad
        .iter()
        .map(|f| {
            let l = &f["location"];
            (l["line"].as_u64().unwrap(), l["column"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(at, [(5, 23), (6, 56)], "{bad:#?}");
    assert!(
        bad[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown field `sourse`")
    );
    assert_eq!(bad[0]["help"], "did you mean `source`?");
    assert!(
        bad[0]["location"]["path"]
            .as_str()
            .unwrap()
            .ends_with("a.claims.jsonl")
    );
    // The lines after the bad ones are read: their clash with line 4 is found.
    let clash = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "CC102")
        .unwrap_or_else(|| panic!("{report:#}"));
    assert_eq!(clash["location"]["line"], 7, "{clash:#}");
}

#[test]
fn a_long_jsonl_file_is_not_refused_by_the_claim_file_size_limit() {
    // 16 MiB is the limit of a YAML claim file; JSON lines are limited per line.
    let dir = tempfile::tempdir().unwrap();
    let note = "n".repeat(1000);
    let mut text = String::from(GOOD);
    for i in 0..17_000 {
        text.push_str(&format!(
            r#"{{"claim": {{"id": "c{i}", "source": "a", "subject": "kim", "predicate": "lives-in", "object": "town", "note": "{note}"}}}}"#
        ));
        text.push('\n');
    }
    assert!(text.len() > 16 << 20);
    std::fs::write(dir.path().join("big.claims.jsonl"), text).unwrap();
    let report = report(dir.path(), ".");
    assert!(invalid_files(&report).is_empty(), "{:#}", report["summary"]);
}
