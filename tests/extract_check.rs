//! `check --suggest` runs the extractor over every source document: suggestions take
//! part, a hand-written twin replaces its extracted claim, and findings that involve a
//! suggestion are notes in their own section that never fail a run. Without `--suggest`
//! only the written claims are checked.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

/// The seeds' story vocabulary and sources, with none of the hand-written claims.
fn story_without_claims() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        if !path.is_file() {
            continue; // a stray `.claimcheck-cache/` from a local run
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = match text.find("\nclaims:") {
            Some(i) if name != "story.claims.yaml" => text[..i + 1].to_string(),
            _ => text,
        };
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

fn check(dir: &Path, extra: &[&str]) -> (i32, Value) {
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .args(["check", ".", "--format", "json", "--no-cache"])
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        serde_json::from_slice(&out.stdout).unwrap(),
    )
}

fn objects(f: &Value) -> Vec<(String, String)> {
    f["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["outlet"].as_str().unwrap().to_string(),
                c["proposition"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn extracted_claims_alone_find_trump_support_against_not_backing_the_campaign() {
    let dir = story_without_claims();
    let (code, r) = check(dir.path(), &["--suggest"]);
    assert_eq!(code, 0, "findings on suggestions alone never fail the run");
    let findings = r["findings"].as_array().unwrap();
    assert!(!findings.is_empty());
    for f in findings {
        assert_eq!(f["extracted_only"], true, "{f:#}");
        assert_eq!(f["suggested"], true, "{f:#}");
        assert_eq!(f["severity"], "note", "{f:#}");
        for c in f["claims"].as_array().unwrap() {
            assert_eq!(c["origin"], "extracted");
        }
    }
    let tension = findings.iter().find(|f| {
        let o = objects(f);
        f["name"] == "competing-causes" && o.iter().any(|(outlet, p)| {
            outlet == "TMZ"
                && p == "legend-west-friendship ended-because-of legend-not-backing-kanye-campaign"
        }) && o.iter().any(|(outlet, p)| {
            outlet == "OK!" && p == "legend-west-friendship ended-because-of kanye-trump-support"
        })
    });
    assert!(tension.is_some(), "{findings:#?}");
    // TMZ's "not so much who Ye's supported" against Legend's own words on OK!.
    let denial = findings.iter().find(|f| {
        f["name"] == "reporting-conflict"
            && objects(f).iter().any(|(outlet, p)| {
                outlet == "TMZ"
                    && p == "legend-west-friendship not ended-because-of kanye-trump-support"
            })
    });
    assert!(denial.is_some(), "{findings:#?}");
}

#[test]
fn without_suggest_only_written_claims_are_checked() {
    let dir = story_without_claims();
    let (code, r) = check(dir.path(), &[]);
    assert_eq!(code, 0);
    assert_eq!(r["summary"]["claims"], 0);
    // The old switch still works, as a no-op with a note.
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .args(["check", ".", "--no-cache", "--no-extract"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--no-extract is deprecated"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_suggestion_against_written_claims_is_a_note_in_its_own_section() {
    // The seeds' written claims, plus a drafted claim that contradicts the friendship's
    // cause as Legend gave it: the finding involves a draft, so it is a suggestion.
    let dir = tempfile::tempdir().unwrap();
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    for entry in std::fs::read_dir(&seeds).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            std::fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
        }
    }
    std::fs::write(
        dir.path().join("draft.claims.yaml"),
        "claims:\n  - {id: draft-1, source: et-2018, origin: extracted, speaker: kanye-west, said: 2022-08-04, subject: legend-west-friendship, predicate: ended-because-of, object: kanye-trump-support, polarity: denied}\n",
    )
    .unwrap();
    let (code, r) = check(dir.path(), &[]);
    assert_eq!(code, 1, "the seeds' own error still fails the run");
    let findings = r["findings"].as_array().unwrap();
    let drafted: Vec<&Value> = findings
        .iter()
        .filter(|f| {
            f["claims"]
                .as_array()
                .unwrap()
                .iter()
                .any(|c| c["id"] == "draft-1")
        })
        .collect();
    assert!(!drafted.is_empty(), "{findings:#?}");
    for f in &drafted {
        assert_eq!(f["suggested"], true);
        assert_eq!(f["severity"], "note", "{f:#}");
    }
    // Suggestions come last, after every reviewed finding.
    let first = findings
        .iter()
        .position(|f| f["suggested"] == true)
        .unwrap();
    assert!(findings[first..].iter().all(|f| f["suggested"] == true));
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .args(["check", ".", "--no-cache", "--color", "never"])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    let heading = text
        .find("Suggested by the extractor (unreviewed")
        .unwrap_or_else(|| panic!("{text}"));
    assert!(text[heading..].contains("draft-1"), "{text}");
    assert!(!text[..heading].contains("draft-1"), "{text}");
    // Markdown (a pull-request comment) gives them a table of their own.
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .args(["check", ".", "--no-cache", "--format", "markdown"])
        .output()
        .unwrap();
    let md = String::from_utf8_lossy(&out.stdout);
    let heading = md
        .find("#### Suggested by the extractor (unreviewed")
        .unwrap_or_else(|| panic!("{md}"));
    assert!(
        md[heading..].contains("CC1") || md[heading..].contains("CC3"),
        "{md}"
    );
    assert!(md[..heading].contains("CC302"), "{md}");
}

#[test]
fn hand_written_claims_replace_their_extracted_twins() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let with = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(["export", "--suggest"])
        .arg(&seeds)
        .arg("--no-cache")
        .output()
        .unwrap();
    let without = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(["export", "--no-cache"])
        .arg(&seeds)
        .output()
        .unwrap();
    let ids = |out: &[u8]| -> Vec<String> {
        String::from_utf8_lossy(out)
            .lines()
            .filter_map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["claim"]["id"]
                    .as_str()
                    .map(str::to_string)
            })
            .collect()
    };
    let (with, without) = (ids(&with.stdout), ids(&without.stdout));
    // Every suggestion on the seeds restates a written claim, so none survives.
    assert_eq!(with, without);
    let dir = story_without_claims();
    let extracted = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir.path())
        .args(["export", ".", "--no-cache", "--suggest"])
        .output()
        .unwrap();
    assert!(ids(&extracted.stdout).iter().all(|i| i.contains("#x")));
    assert!(ids(&extracted.stdout).len() >= 15);
}
