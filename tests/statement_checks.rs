//! The cross-outlet statement checks (`misattributed-quote`, `quote-drift`,
//! `paraphrase-shift`) under `check --suggest` on real multi-outlet stories: they fire
//! where outlets print one quotation differently, point at both articles (SARIF related
//! locations), keep their level, and never fail the run.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn check(story: &str, extra: &[&str]) -> (i32, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(root)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .args(["check", "--suggest", "--no-config", "--no-cache"])
        .arg(format!("tests/stories/{story}"))
        .args(extra)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn findings(story: &str, code: &str) -> Vec<Value> {
    let (_, json) = check(story, &["--format", "json"]);
    let v: Value = serde_json::from_str(&json).unwrap();
    v["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == code)
        .cloned()
        .collect()
}

#[test]
fn quote_drift_fires_on_reworded_copies_with_the_word_diff() {
    let f = findings("alaska-ceo-nbc", "CC304");
    let angry = f
        .iter()
        .find(|f| f["message"].as_str().unwrap().contains("-angry +indignant"))
        .expect("immigrationactu.info's “I’m indignant” against “I am angry”");
    assert_eq!(
        angry["location"]["path"],
        "tests/stories/alaska-ceo-nbc/immigrationactu.txt"
    );
    assert!(
        angry["related"][0]["path"]
            .as_str()
            .unwrap()
            .ends_with(".txt")
    );
    assert!(
        angry["explanation"]
            .as_str()
            .unwrap()
            .contains("also printed by 4 other outlets")
    );
    assert_eq!(angry["suggested"], true);
    assert!(angry["claims"].as_array().unwrap().is_empty());
    // Kirby's “I think … probably” printed as “I feel … in all probability”: a hedge.
    let kirby = f
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .unwrap()
                .contains("Scott Kirby differently")
        })
        .expect("Kirby's reworded quotation");
    assert_eq!(kirby["severity"], "warning");
    assert!(
        kirby["message"]
            .as_str()
            .unwrap()
            .ends_with("(a changed hedge)")
    );
    // Every finding is about the reworded copy, or a translation (below): none between
    // the outlets that print the same words.
    for x in &f {
        assert_eq!(
            x["location"]["path"], "tests/stories/alaska-ceo-nbc/immigrationactu.txt",
            "{}",
            x["message"]
        );
    }
    // Translations of one Spanish interview differ; “any time” and “anytime” (Newsmax
    // and HuffPost printing the Mayfield spokesman) is one spelling, no drift.
    let messi = findings("messi-inter-miami", "CC304");
    assert!(!messi.is_empty());
    let mayfield = findings("mayfield-candle-factory", "CC304");
    assert!(mayfield.is_empty(), "{mayfield:?}");
}

#[test]
fn no_misattribution_or_paraphrase_shift_where_outlets_agree() {
    for story in [
        "alaska-ceo-nbc",
        "messi-inter-miami",
        "mayfield-candle-factory",
    ] {
        for code in ["CC303", "CC305"] {
            let f = findings(story, code);
            assert!(f.is_empty(), "{story} {code}: {f:?}");
        }
    }
}

#[test]
fn statement_findings_point_at_both_articles_and_never_fail_the_run() {
    let (code, sarif) = check(
        "alaska-ceo-nbc",
        &["--format", "sarif", "--fail-on", "warning"],
    );
    assert_eq!(code, 0, "suggestions never fail the run");
    let v: Value = serde_json::from_str(&sarif).unwrap();
    let results = v["runs"][0]["results"].as_array().unwrap();
    let drift = results.iter().find(|r| r["ruleId"] == "CC304").unwrap();
    assert_eq!(drift["properties"]["suggested"], true);
    let related = drift["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        .as_str()
        .unwrap();
    assert!(
        related.starts_with("tests/stories/alaska-ceo-nbc/"),
        "{related}"
    );
    let (_, text) = check("alaska-ceo-nbc", &["--severity", "quote-drift=off"]);
    assert!(!text.contains("CC304"), "{text}");
}
