//! Limits that the bad-input tests do not reach: claims per file, and an article whose
//! text is one enormous line.

use assert_cmd::Command;
use claimcheck::load::{self, Limits, Loaded};
use std::path::PathBuf;
use std::sync::Arc;

#[test]
fn too_many_claims_in_one_file_is_one_located_error() {
    let mut yaml = String::from("claims:\n");
    for i in 0..4 {
        yaml.push_str(&format!(
            "  - {{id: c{i}, source: s, subject: x, predicate: age, object: {i}}}\n"
        ));
    }
    let limits = Limits {
        max_claims_per_file: 3,
        ..Limits::default()
    };
    let mut loaded = Loaded::default();
    load::load_texts(
        &mut loaded,
        vec![(
            PathBuf::from("big.claims.yaml"),
            Ok(Arc::from(yaml.as_str())),
        )],
        &limits,
    );
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(
        loaded.problems[0].message,
        "4 claims in one file, over the limit of 3; split the file"
    );
    assert!(loaded.files.iter().all(|f| f.claims.is_empty()));
}

#[test]
fn a_one_line_article_renders_a_window_and_keeps_true_columns() {
    let dir = tempfile::tempdir().unwrap();
    let filler = "word ".repeat(1_000_000);
    std::fs::write(
        dir.path().join("long.txt"),
        format!("{filler}the secret words here {filler}"),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("a.claims.yaml"),
        "sources:\n  - {id: s, document: long.txt}\nentities:\n  - {id: x}\nclaims:\n  - {id: a, source: s, subject: x, predicate: age, object: 3, quote: \"the secret wordz here\"}\n",
    )
    .unwrap();
    let run = |format: &str| {
        let out = Command::cargo_bin("claimcheck")
            .unwrap()
            .current_dir(dir.path())
            .env("RUST_BACKTRACE", "0")
            .args([
                "check",
                ".",
                "--no-cache",
                "--color",
                "never",
                "--format",
                format,
            ])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run("text");
    assert!(text.contains("-wordz +words"), "{text}");
    assert!(text.lines().all(|l| l.len() < 400), "lines stay short");
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let related = &json["findings"][0]["related"][0];
    assert_eq!(
        related["column"],
        filler.len() + 1,
        "the true column of the closest passage"
    );
}
