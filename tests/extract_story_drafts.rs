//! Drafts for any vocabulary on real stories (issue 11, step 4): the built-in predicates'
//! extraction cues give figure drafts with the subject the story's claim files name, the
//! figure as written (bounds, ranges, estimates) and what it counts; sentences whose
//! subject or voice would be a guess give none. A story's rules folder adds cues of its
//! own, and a malformed cue there stops the run at its line and column.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// `claimcheck extract` over a story folder as JSON lines: the draft claims.
fn drafts(story: &str, extra: &[&str]) -> Vec<Value> {
    let dir = Path::new(ROOT).join("tests/stories").join(story);
    let mut args = vec![
        "extract".to_string(),
        dir.display().to_string(),
        "--format".into(),
        "jsonl".into(),
    ];
    if dir.join("rules").is_dir() {
        args.push("--rules".into());
        args.push(dir.join("rules").display().to_string());
    }
    args.extend(extra.iter().map(|s| (*s).to_string()));
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "claim")
        .collect()
}

/// A draft as `article subject predicate object scope speaker modality`.
fn key(d: &Value) -> Value {
    let doc = d["document"].as_str().unwrap();
    json!([
        doc.rsplit('/').next().unwrap(),
        d["subject"],
        d["predicate"],
        d["object"],
        d.get("scope").cloned().unwrap_or(Value::Null),
        d.get("speaker").cloned().unwrap_or(Value::Null),
        d["modality"],
    ])
}

fn figure_drafts(story: &str) -> Vec<Value> {
    drafts(story, &[])
        .iter()
        .filter(|d| d["evidence"]["rule"].as_str().unwrap().starts_with("cue:"))
        .map(key)
        .collect()
}

#[test]
fn a_death_toll_story_drafts_the_toll_with_what_it_counts() {
    // "Eight candle factory employees were killed in the tornado" (WTVQ): the tornado's
    // toll among the factory's employees. The other tolls of the story name no story
    // entity ("killed by a tornado", "died when the … facility collapsed") and give none.
    assert_eq!(
        figure_drafts("mayfield-candle-factory"),
        [json!([
            "wtvq.txt",
            "mayfield-tornado",
            "death-toll",
            {"number": 8.0},
            {"counted": "candle factory employees"},
            null,
            "asserted"
        ])]
    );
}

#[test]
fn an_audience_figure_story_drafts_the_range_as_an_estimate() {
    // NBA.com: "A throng estimated at anywhere from 1 million to 1.3 million people showed
    // up to witness the Cavs' parade and rally."
    assert_eq!(
        figure_drafts("cavs-parade-crowd"),
        [json!([
            "nba-com.txt",
            "cavs-parade",
            "attendance",
            {"min": 1_000_000.0, "max": 1_300_000.0},
            null,
            null,
            "hedged"
        ])]
    );
}

#[test]
fn a_toll_in_a_sentence_with_an_unresolved_attribution_is_nobodys() {
    // "The death toll from the stampede … has been revised down to 125 …, Chief of the
    // National Police Listyo Sigit Prabowo told a press conference" and "Yuli Sumpil had
    // said that the death toll from the Kanjuruhan tragedy had exceeded 125": the cues
    // match, but the speaker was not resolved, so the outlet's voice would be a guess.
    let all = figure_drafts("kanjuruhan-stadium-toll");
    assert!(
        all.iter().all(|d| !d[5].is_null()),
        "no toll in the outlet's own voice: {all:?}"
    );
}

#[test]
fn a_storys_rules_folder_brings_cues_for_its_own_predicates() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("capacity.yaml"),
        "predicates:\n  capacity:\n    functional: true\n    extract:\n      subject-kinds: [place]\n      cues:\n        - \"{subject} (holds|can hold|has a capacity of) {number}\"\n",
    )
    .unwrap();
    let story = Path::new(ROOT).join("tests/stories/kanjuruhan-stadium-toll");
    std::fs::write(
        dir.path().join("article.txt"),
        "Officials spoke on Sunday.\n\nKanjuruhan Stadium holds 38,000 people.\n",
    )
    .unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(["extract", "--format", "jsonl", "--claims"])
        .arg(story.join("story.claims.yaml"))
        .arg("--rules")
        .arg(dir.path())
        .arg(dir.path().join("article.txt"))
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let claims: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|v| v["type"] == "claim")
        .collect();
    assert_eq!(claims.len(), 1, "{text}");
    assert_eq!(claims[0]["subject"], "kanjuruhan-stadium");
    assert_eq!(claims[0]["predicate"], "capacity");
    assert_eq!(claims[0]["object"], json!({"number": 38000.0}));

    // A malformed cue stops the run at its place.
    std::fs::write(
        dir.path().join("capacity.yaml"),
        "predicates:\n  capacity:\n    extract:\n      cues:\n        - \"{subject} holds {number\"\n",
    )
    .unwrap();
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .args(["extract", "--rules"])
        .arg(dir.path())
        .arg(dir.path().join("article.txt"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("capacity.yaml:5:11:"), "{err}");
    assert!(err.contains("`{` is never closed"), "{err}");
}
