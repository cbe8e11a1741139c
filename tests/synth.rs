//! The synthetic corpus behind the benchmarks: claimcheck finds exactly the planted
//! contradictions, and `export` sees the corpus exactly as the generator wrote it.

use claimcheck::synth::{Spec, generate};

#[test]
fn every_planted_contradiction_is_found_and_nothing_else_fails() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        claims: 6000,
        files: 30,
        seed: 7,
        hot: 0,
        jsonl: false,
    };
    let g = generate(dir.path(), &spec).unwrap();
    assert!(g.planted.len() > 30, "{}", g.planted.len());
    let settings = claimcheck::Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let outcome = claimcheck::check(&settings).unwrap();
    let verdict = claimcheck::synth::verify(&g, &outcome.corpus, &outcome.report);
    assert!(verdict.unexpected.is_empty(), "{:?}", verdict.unexpected);
    assert!(
        verdict.missed.is_empty(),
        "planted but not found: {:?}",
        verdict.missed
    );
    assert_eq!(verdict.found, g.planted.len());
    assert!(verdict.is_exact());
    // Every kind of planted conflict shows up.
    let names = &verdict.checks;
    for name in [
        "polarity-contradiction",
        "functional-value-conflict",
        "contrary-status",
        "cause-contradiction",
    ] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
}

#[test]
fn a_hot_subject_is_one_widespread_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        claims: 200,
        files: 10,
        seed: 1,
        hot: 5000,
        jsonl: false,
    };
    let g = generate(dir.path(), &spec).unwrap();
    assert_eq!(g.hot, 5000);
    let settings = claimcheck::Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let outcome = claimcheck::check(&settings).unwrap();
    let verdict = claimcheck::synth::verify(&g, &outcome.corpus, &outcome.report);
    assert_eq!(verdict.hot_disputes, 1);
    assert!(verdict.is_exact(), "{verdict:?}");
    let hot: Vec<_> = outcome
        .report
        .findings
        .iter()
        .filter(|f| f.check.name == "widespread-conflict")
        .collect();
    assert_eq!(hot.len(), 1);
    assert!(
        hot[0]
            .explanation
            .contains("3000 claims say `hot-subject` supports `person-1`"),
        "{}",
        hot[0].explanation
    );
    assert!(
        hot[0]
            .explanation
            .contains("2000 claims say `hot-subject` not supports `person-1`"),
        "{}",
        hot[0].explanation
    );
}

#[test]
fn export_matches_the_generated_jsonl() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        claims: 1500,
        files: 8,
        seed: 3,
        hot: 40,
        jsonl: true,
    };
    generate(dir.path(), &spec).unwrap();
    let settings = claimcheck::Settings {
        paths: vec![dir.path().to_path_buf()],
        ..Default::default()
    };
    let outcome = claimcheck::check(&settings).unwrap();
    let mut exported = Vec::new();
    claimcheck::report::export::jsonl(&outcome.corpus, &mut exported).unwrap();
    let prefix = format!("{}/", dir.path().display());
    let parse = |text: &str, strip: &str| -> Vec<serde_json::Value> {
        text.lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                let file = v["file"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches(strip)
                    .to_string();
                v["file"] = file.into();
                v
            })
            .collect()
    };
    let generated = parse(
        &std::fs::read_to_string(dir.path().join("corpus.jsonl")).unwrap(),
        "",
    );
    let exported = parse(&String::from_utf8(exported).unwrap(), &prefix);
    assert_eq!(generated.len(), exported.len());
    for (g, e) in generated.iter().zip(&exported) {
        assert_eq!(g, e);
    }
}
