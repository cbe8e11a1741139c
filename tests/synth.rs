//! The synthetic corpus behind the benchmarks: claimcheck finds exactly the planted
//! contradictions, and `export` sees the corpus exactly as the generator wrote it.

use claimcheck::bench::synth::{Spec, generate};

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
    let verdict = claimcheck::bench::synth::verify(&g, &outcome.corpus, &outcome.report);
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
fn a_hot_subject_is_one_finding_with_every_claim_on_its_side() {
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
    let verdict = claimcheck::bench::synth::verify(&g, &outcome.corpus, &outcome.report);
    assert_eq!(verdict.hot_disputes, 1);
    assert!(verdict.is_exact(), "{verdict:?}");
    let id = |i: u32| outcome.corpus.claims[i as usize].claim.id.value.as_str();
    let hot: Vec<_> = outcome
        .report
        .findings
        .iter()
        .filter(|f| f.claims.iter().all(|&i| id(i).starts_with('h')))
        .collect();
    assert_eq!(hot.len(), 1, "one finding for 3000 claims against 2000");
    let f = hot[0];
    assert_eq!(f.check.name, "polarity-contradiction");
    let mut sides: Vec<(String, usize)> = f
        .positions
        .iter()
        .map(|s| (s.label.clone(), s.claims.len()))
        .collect();
    sides.sort();
    assert_eq!(
        sides,
        [
            ("`hot-subject` not supports `person-1`".to_string(), 2000),
            ("`hot-subject` supports `person-1`".to_string(), 3000)
        ]
    );
    assert_eq!(f.claims.len(), 5000, "the flat list holds every claim");
    assert!(
        f.explanation.contains("5000 claims in all"),
        "{}",
        f.explanation
    );
    assert!(f.related.len() < 10, "the text shows a few, not 5000");
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
