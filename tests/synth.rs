//! The synthetic corpus behind the benchmarks: claimcheck finds exactly the planted
//! contradictions, and `export` sees the corpus exactly as the generator wrote it.

use claimcheck::bench::synth::{Format, Spec, generate};

#[test]
fn every_planted_contradiction_is_found_and_nothing_else_fails() {
    let dir = tempfile::tempdir().unwrap();
    let spec = Spec {
        claims: 6000,
        files: 30,
        seed: 7,
        hot: 0,
        format: Format::Yaml,
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
        format: Format::Yaml,
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
    let id = |i: u32| outcome.corpus.claims[i as usize].id();
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
fn the_jsonl_corpus_is_the_export_of_the_yaml_one_and_checks_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let spec = |format| Spec {
        claims: 1500,
        files: 8,
        seed: 3,
        hot: 40,
        format,
    };
    let (yaml, jsonl) = (dir.path().join("yaml"), dir.path().join("jsonl"));
    generate(&yaml, &spec(Format::Yaml)).unwrap();
    generate(&jsonl, &spec(Format::Jsonl)).unwrap();
    let check = |path: &std::path::Path| {
        let settings = claimcheck::Settings {
            paths: vec![path.to_path_buf()],
            keep_parsed: true,
            ..Default::default()
        };
        claimcheck::check(&settings).unwrap()
    };
    let (from_yaml, from_jsonl) = (check(&yaml), check(&jsonl));
    assert!(from_yaml.report.findings.len() > 20);
    let problems = |o: &claimcheck::Outcome| -> Vec<String> {
        o.corpus
            .problems
            .iter()
            .map(|p| p.message.clone())
            .collect()
    };
    assert_eq!(problems(&from_yaml), problems(&from_jsonl));
    let messages = |o: &claimcheck::Outcome| -> Vec<String> {
        o.report
            .findings
            .iter()
            .map(|f| format!("{} {}", f.check.code, f.message))
            .collect()
    };
    assert_eq!(messages(&from_yaml), messages(&from_jsonl));
    // `export` of the YAML corpus writes the JSON-lines corpus's items.
    let mut exported = Vec::new();
    claimcheck::report::export::jsonl(&from_yaml.corpus, false, &mut exported).unwrap();
    let items = |text: &str| -> Vec<String> {
        let mut items: Vec<String> = text
            .lines()
            .map(|l| {
                let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
                v.as_object_mut().unwrap().remove("resolved");
                v.to_string()
            })
            .collect();
        items.sort();
        items
    };
    let mut generated = String::new();
    for e in std::fs::read_dir(&jsonl).unwrap() {
        let path = e.unwrap().path();
        if path.extension().is_some_and(|x| x == "jsonl") {
            generated.push_str(&std::fs::read_to_string(path).unwrap());
        }
    }
    assert_eq!(
        items(&generated),
        items(&String::from_utf8(exported).unwrap())
    );
}
