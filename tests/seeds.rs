//! Acceptance on the bundled seed articles and their claim files: the findings a
//! fact-checker relies on, asserted by check, claims and severity.

use assert_cmd::Command;
use serde_json::Value;

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .env_remove("CLAIMCHECK_FORMAT")
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn report() -> Value {
    let (code, out) = run(&["check", "seeds", "--format", "json"]);
    assert_eq!(code, 1, "the seeds hold a contradiction, so the run fails");
    serde_json::from_str(&out).unwrap()
}

fn claim_ids(v: &Value) -> Vec<&str> {
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect()
}

fn findings<'a>(r: &'a Value, name: &str) -> Vec<&'a Value> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["name"] == name)
        .collect()
}

fn involving<'a>(r: &'a Value, a: &str, b: &str) -> Vec<&'a Value> {
    r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| {
            let ids = claim_ids(f);
            ids.contains(&a) && ids.contains(&b)
        })
        .collect()
}

#[test]
fn tmz_paraphrase_conflicts_with_legends_own_words_on_the_cause() {
    let r = report();
    let found = involving(
        &r,
        "tmz-legend-ended-not-over-trump-support",
        "ok-legend-ended-over-trump-support",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = found[0];
    assert_eq!(f["code"], "CC302");
    assert_eq!(f["name"], "reporting-conflict");
    assert_eq!(f["severity"], "error");
    // The primary claim is the later one (TMZ, September), the other is related.
    assert_eq!(
        claim_ids(f),
        [
            "tmz-legend-ended-not-over-trump-support",
            "ok-legend-ended-over-trump-support"
        ]
    );
    // The two positions, the primary claim's side first.
    let sides: Vec<(&str, Vec<&str>)> = f["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["label"].as_str().unwrap(), claim_ids(p)))
        .collect();
    assert_eq!(
        sides,
        [
            (
                "`legend-west-friendship` not ended-because-of `kanye-trump-support`",
                vec!["tmz-legend-ended-not-over-trump-support"]
            ),
            (
                "`legend-west-friendship` ended-because-of `kanye-trump-support`",
                vec!["ok-legend-ended-over-trump-support"]
            )
        ]
    );
    let tmz = &f["claims"][0];
    assert_eq!(tmz["speaker"], "john-legend");
    assert_eq!(tmz["outlet"], "TMZ");
    assert_eq!(tmz["attribution"], "paraphrase");
    assert_eq!(tmz["polarity"], "denied");
    assert_eq!(tmz["document"], "seeds/001_54db2d4ba4d44a5b.txt");
    assert_eq!(tmz["location"]["path"], "seeds/tmz-2022-09.claims.yaml");
    // Both claims point at the words in their articles.
    assert_eq!(
        tmz["quote_location"]["path"],
        "seeds/001_54db2d4ba4d44a5b.txt"
    );
    assert_eq!(tmz["quote_location"]["line"], 5);
    let ok = &f["claims"][1];
    assert_eq!(ok["said"], "2022-08-04");
    assert_eq!(ok["attribution"], "direct");
    assert_eq!(
        ok["quote_location"]["path"],
        "seeds/002_3bf1109e5559d618.txt"
    );
    assert_eq!(ok["quote_location"]["line"], 7);
    assert!(
        f["explanation"]
            .as_str()
            .unwrap()
            .contains("different dates"),
        "{}",
        f["explanation"]
    );
}

#[test]
fn legend_2020_against_legend_2022_is_a_revised_account() {
    let r = report();
    let found = involving(
        &r,
        "ok-legend-ended-over-trump-support",
        "ok-legend-2020-not-less-friends-over-trump",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    let f = found[0];
    assert_eq!(f["name"], "revised-account");
    assert_eq!(
        f["severity"], "note",
        "a revision is not an error by either outlet, and both of Legend's answers are hedged (\"I think\")"
    );
    assert_eq!(f["type"], "revised account");
    assert_eq!(f["claims"][0]["said"], "2022-08-04");
    assert_eq!(f["claims"][1]["said"], "2020");
}

#[test]
fn seen_each_other_in_2018_against_not_close_since_2020_is_not_an_error() {
    let r = report();
    let found = involving(
        &r,
        "et-duo-seen-each-other-since",
        "ok-legend-not-close-since-2020",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0]["name"], "status-changed");
    assert_eq!(found[0]["severity"], "note");
    // And nothing between the 2018 article and 2022 statuses is an error.
    for f in r["findings"].as_array().unwrap() {
        let ids = claim_ids(f);
        if ids.iter().any(|i| i.starts_with("et-")) {
            assert_ne!(f["severity"], "error", "{f:#}");
        }
    }
}

#[test]
fn kanye_upset_at_no_backing_is_corroborated_by_tmz_and_ok() {
    let r = report();
    let corroborations = r["corroborations"].as_array().unwrap();
    let c = corroborations
        .iter()
        .find(|c| claim_ids(c).contains(&"ok-legend-west-upset-no-support"))
        .expect("the upset is corroborated");
    assert_eq!(
        claim_ids(c),
        [
            "ok-legend-west-upset-no-support",
            "tmz-west-upset-no-support"
        ]
    );
    assert_eq!(c["outlets"], serde_json::json!(["OK!", "TMZ"]));
    // Both report John Legend: one voice, repeated by two outlets.
    assert_eq!(c["voices"], 1);
    let candidacy = corroborations
        .iter()
        .find(|c| claim_ids(c).contains(&"et-legend-west-serious-about-running"))
        .expect("the candidacy is corroborated");
    assert!(candidacy["voices"].as_u64().unwrap() >= 2, "{candidacy:#}");
    // Corroboration is support, never a finding.
    assert!(findings(&r, "corroboration").is_empty());
}

#[test]
fn the_seed_files_are_clean_input() {
    let r = report();
    for f in r["findings"].as_array().unwrap() {
        assert_ne!(f["type"], "integrity", "{f:#}");
        assert_ne!(f["type"], "suppression", "{f:#}");
    }
    // Every quote was found in its article.
    let quotes = r["findings"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|f| f["claims"].as_array().unwrap());
    for c in quotes {
        if !c["quote"].is_null() {
            assert!(!c["quote_location"].is_null(), "{c:#}");
        }
    }
}

#[test]
fn competing_causes_between_outlets_are_tensions() {
    let r = report();
    let found = involving(
        &r,
        "tmz-legend-ended-over-not-backing",
        "ok-legend-ended-over-trump-support",
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["name"], "competing-causes");
    assert_eq!(found[0]["severity"], "note");
    // One note for the whole question, listing every cause given, not one per pair.
    assert_eq!(findings(&r, "competing-causes").len(), 1);
    let causes: Vec<&str> = found[0]["positions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["label"].as_str().unwrap())
        .collect();
    assert_eq!(causes.len(), 4, "{causes:?}");
    assert!(
        found[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("Why did the Legend–West friendship end? 4 causes"),
        "{}",
        found[0]["message"]
    );
    // Causes from one source are one account, not a tension; they appear in the note
    // only because TMZ's later account differs from each.
    assert!(
        involving(
            &r,
            "ok-legend-ended-over-trump-support",
            "ok-legend-ended-over-not-backing"
        )
        .iter()
        .all(|f| f["name"] == "competing-causes")
    );
}

#[test]
fn text_report_labels_both_claims_and_groups_disputes() {
    let (code, out) = run(&["check", "seeds", "--color", "never"]);
    assert_eq!(code, 1);
    assert!(out.contains("error[CC302]: TMZ's paraphrase of John Legend contradicts John Legend's own words in `ok-legend-ended-over-trump-support`"), "{out}");
    // Each side with its voices, under the dispute's question.
    assert!(
        out.contains("- `legend-west-friendship` not ended-because-of `kanye-trump-support`: John Legend (as paraphrased by TMZ, said 2022-09)"),
        "{out}"
    );
    assert!(out.contains("--> seeds/tmz-2022-09.claims.yaml:"), "{out}");
    assert!(
        out.contains("::: seeds/ok-2022-08-05.claims.yaml:"),
        "{out}"
    );
    assert!(
        out.contains("::: seeds/002_3bf1109e5559d618.txt:7:"),
        "{out}"
    );
    assert!(
        out.contains("Why did the Legend–West friendship end?"),
        "{out}"
    );
    assert!(!out.contains('\u{1b}'), "no ANSI with --color never");
}

#[test]
fn output_is_deterministic() {
    let (_, a) = run(&["check", "seeds", "--format", "json"]);
    let (_, b) = run(&[
        "check",
        "seeds/tmz-2022-09.claims.yaml",
        "seeds/story.claims.yaml",
        "seeds/ok-2022-08-05.claims.yaml",
        "seeds/et-2018.claims.yaml",
        "--format",
        "json",
    ]);
    assert_eq!(a, b, "file order must not change the report");
}

#[test]
fn fail_on_and_severity_overrides_decide_the_exit_code() {
    let (code, _) = run(&["check", "seeds", "--severity", "reporting-conflict=warning"]);
    assert_eq!(code, 0, "no error left");
    let (code, _) = run(&[
        "check",
        "seeds",
        "--severity",
        "CC302=warning",
        "--fail-on",
        "warning",
    ]);
    assert_eq!(code, 1);
}
