//! The command line: subcommands, exit codes, and errors a user sees.

use assert_cmd::Command;

fn cmd() -> Command {
    let mut c = Command::cargo_bin("claimcheck").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUST_BACKTRACE", "0")
        .env_remove("CLAIMCHECK_FORMAT");
    c
}

#[test]
fn explain_prints_the_docs_by_code_or_name() {
    let by_code = cmd().args(["explain", "CC301"]).output().unwrap();
    assert!(by_code.status.success());
    let text = String::from_utf8(by_code.stdout).unwrap();
    assert!(text.starts_with("# revised-account (CC301)"), "{text}");
    for heading in [
        "## What it does",
        "## Why is this bad?",
        "## Example",
        "## Not flagged",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let by_name = cmd().args(["explain", "revised-account"]).output().unwrap();
    assert_eq!(String::from_utf8(by_name.stdout).unwrap(), text);
}

#[test]
fn explain_unknown_check_is_a_usage_error() {
    let out = cmd().args(["explain", "CC999"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown check `CC999`"));
}

#[test]
fn explain_json_matches_the_registry() {
    let out = cmd()
        .args(["explain", "--all", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["code"].as_str().unwrap())
        .collect();
    let registry: Vec<&str> = claimcheck::check::registry::CHECKS
        .iter()
        .map(|e| e.info.code)
        .collect();
    assert_eq!(codes, registry);
}

#[test]
fn list_checks_lists_every_code_and_name() {
    let out = cmd().arg("list-checks").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    for e in claimcheck::check::registry::CHECKS {
        assert!(
            text.lines()
                .any(|l| l.starts_with(e.info.code) && l.contains(e.info.name)),
            "{}",
            e.info.code
        );
    }
}

#[test]
fn graph_exports_dot_and_json_with_derived_relations() {
    let dot = cmd().args(["graph", "seeds"]).output().unwrap();
    assert!(dot.status.success());
    let dot = String::from_utf8(dot.stdout).unwrap();
    assert!(dot.starts_with("digraph claims {"));
    assert!(
        dot.contains("label=\"misreports\""),
        "the reporting conflict is an edge"
    );
    assert!(dot.contains("label=\"revises\""));
    assert!(dot.contains("label=\"same-as\""));
    let json = cmd()
        .args(["graph", "seeds", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let nodes = v["nodes"].as_array().unwrap();
    let id_of = |id: &str| {
        nodes
            .iter()
            .find(|n| n["id"] == id)
            .map(|n| n["index"].clone())
            .unwrap()
    };
    let (tmz, ok) = (
        id_of("tmz-legend-ended-not-over-trump-support"),
        id_of("ok-legend-ended-over-trump-support"),
    );
    let edges = v["edges"].as_array().unwrap();
    assert!(
        edges
            .iter()
            .any(|e| e["from"] == tmz && e["to"] == ok && e["kind"] == "misreports")
    );
    assert!(edges.iter().any(|e| e["to"] == tmz && e["kind"] == "says"));
}

#[test]
fn a_missing_path_is_exit_2() {
    let out = cmd().args(["check", "no/such/folder"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with("claimcheck failed: cannot read `no/such/folder`"),
        "{err}"
    );
}

#[test]
fn a_bad_flag_is_exit_2() {
    let out = cmd().args(["check", "--format", "yaml"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn an_unknown_severity_key_is_exit_2_with_a_suggestion() {
    let out = cmd()
        .args(["check", "seeds", "--severity", "revised-acount=off"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `revised-account`"));
}

#[test]
fn schema_prints_valid_json() {
    let out = cmd().arg("schema").output().unwrap();
    assert!(out.status.success());
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
}

#[test]
fn export_writes_one_resolved_claim_per_line() {
    let out = cmd()
        .args(["export", "seeds", "--resolved"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    // Declarations first, each line one item.
    assert!(lines[0]["source"]["id"].is_string(), "{}", lines[0]);
    assert!(lines.iter().any(|l| l["entity"]["id"] == "john-legend"));
    let claim = |id: &str| {
        lines
            .iter()
            .find(|c| c["claim"]["id"] == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let tmz = claim("tmz-legend-ended-not-over-trump-support");
    // The claim as written ...
    assert_eq!(tmz["claim"]["polarity"], "denied");
    assert_eq!(tmz["claim"]["speaker"], "john-legend");
    // ... and as resolved.
    let r = &tmz["resolved"];
    assert_eq!(r["subject"], "legend-west-friendship");
    assert_eq!(r["predicate"], "ended-because-of");
    assert_eq!(r["object"], "kanye-trump-support");
    assert_eq!(r["said"], "2022-09");
    assert!(r["valid_from"].is_null(), "causes are timeless");
    // Symmetric predicates come out in canonical order whatever the file says.
    let et = &claim("et-duo-seen-each-other-since")["resolved"];
    assert_eq!(
        (et["subject"].as_str(), et["object"].as_str()),
        (Some("john-legend"), Some("kanye-west"))
    );
}

#[test]
fn a_document_above_the_claim_file_is_shown_by_its_normalised_path() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("claims")).unwrap();
    std::fs::write(
        dir.path().join("claims/a.claims.yaml"),
        "sources:\n  - {id: s1, outlet: Daily, document: ../x.txt}\nentities:\n  - {id: ann, name: Ann, kind: person}\nclaims:\n  - {id: a, source: s1, subject: ann, predicate: age, object: 3, quote: \"not in the article\"}\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("x.txt"), "Ann is three.\n").unwrap();
    let run = |format: &str| {
        let out = Command::cargo_bin("claimcheck")
            .unwrap()
            .current_dir(dir.path())
            .env("RUST_BACKTRACE", "0")
            .args([
                "check",
                "claims",
                "--no-cache",
                "--no-config",
                "--color",
                "never",
            ])
            .args(["--format", format])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{out:?}");
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("quote of `a` is not in `x.txt`"), "{text}");
    assert!(!text.contains("claims/.."), "{text}");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let finding = &json["findings"][0];
    assert_eq!(finding["code"], "CC010", "{json:#}");
    assert!(
        finding["message"].as_str().unwrap().ends_with("`x.txt`"),
        "{finding:#}"
    );
    assert!(!json.to_string().contains("claims/.."), "{json:#}");
    assert!(
        json.to_string().contains("\"document\":\"x.txt\""),
        "{json:#}"
    );
}

#[test]
fn the_parse_cache_gives_the_same_report_and_no_cache_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let seeds = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let run = |extra: &[&str]| {
        let mut c = Command::cargo_bin("claimcheck").unwrap();
        c.current_dir(dir.path())
            .env("RUST_BACKTRACE", "0")
            .env("CLAIMCHECK_TODAY", "2026-11-22");
        c.arg("check")
            .arg(&seeds)
            .args(["--format", "json"])
            .args(extra);
        c.output().unwrap().stdout
    };
    let uncached = run(&["--no-cache"]);
    assert!(!dir.path().join(".claimcheck-cache").exists());
    let cold = run(&[]);
    let files = |dir: &std::path::Path| -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir.join(".claimcheck-cache"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(files(dir.path()), [".gitignore", "parse.pack"], "one file");
    let pack = dir.path().join(".claimcheck-cache/parse.pack");
    let written = std::fs::metadata(&pack).unwrap().modified().unwrap();
    let warm = run(&[]);
    assert_eq!(
        std::fs::metadata(&pack).unwrap().modified().unwrap(),
        written,
        "a warm run writes nothing"
    );
    assert_eq!(uncached, cold);
    assert_eq!(cold, warm);
    let ignore = std::fs::read_to_string(dir.path().join(".claimcheck-cache/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"));
}
