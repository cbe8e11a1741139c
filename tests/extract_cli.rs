//! `claimcheck extract`: drafts in the claim-file format that load back cleanly, written
//! atomically and never over an existing file without `--force`.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn claimcheck(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn drafts_name_the_speaker_the_source_and_the_evidence() {
    let (code, yaml, err) = claimcheck(
        Path::new(ROOT),
        &["extract", "seeds/001_54db2d4ba4d44a5b.txt"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        yaml.starts_with("# Drafted by `claimcheck extract`"),
        "{yaml}"
    );
    assert!(
        !yaml.contains("\nsources:"),
        "the document is already a source: its id is reused"
    );
    let (_, json, _) = claimcheck(
        Path::new(ROOT),
        &[
            "extract",
            "seeds/001_54db2d4ba4d44a5b.txt",
            "--format",
            "json",
        ],
    );
    let v: Value = serde_json::from_str(&json).unwrap();
    let claims = v["documents"][0]["claims"].as_array().unwrap();
    let campaign = claims
        .iter()
        .find(|c| c["object"]["concept"] == "legend-not-backing-kanye-campaign")
        .expect("TMZ's 'more about the fact he didn't get behind KW's presidential campaign'");
    assert_eq!(campaign["origin"], "extracted");
    assert_eq!(campaign["source"], "tmz-2022-09");
    assert_eq!(campaign["speaker"], "john-legend");
    assert_eq!(campaign["attribution"], "paraphrase");
    assert_eq!(
        campaign["evidence"]["document"],
        "seeds/001_54db2d4ba4d44a5b.txt"
    );
    assert_eq!(campaign["evidence"]["line"], 21);
    assert!(
        campaign["evidence"]["sentence"]
            .as_str()
            .unwrap()
            .contains("presidential campaign")
    );
    assert!(campaign["confidence"].as_f64().unwrap() > 0.0);
}

#[test]
fn written_drafts_load_cleanly_and_are_not_counted_twice() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for f in [
        "story.claims.yaml",
        "001_54db2d4ba4d44a5b.txt",
        "002_3bf1109e5559d618.txt",
    ] {
        std::fs::copy(Path::new(ROOT).join("seeds").join(f), d.join(f)).unwrap();
    }
    let (code, out, err) = claimcheck(d, &["extract", ".", "--write", "drafts"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("drafts/001_54db2d4ba4d44a5b.extracted.claims.yaml"),
        "{out}"
    );
    let drafted =
        std::fs::read_to_string(d.join("drafts/001_54db2d4ba4d44a5b.extracted.claims.yaml"))
            .unwrap();
    assert!(
        drafted.contains("document: ../001_54db2d4ba4d44a5b.txt"),
        "{drafted}"
    );

    let (_, with, _) = claimcheck(
        d,
        &["check", ".", "--format", "json", "--no-cache", "--suggest"],
    );
    let (_, without, _) = claimcheck(d, &["check", ".", "--format", "json", "--no-cache"]);
    let (with, without): (Value, Value) = (
        serde_json::from_str(&with).unwrap(),
        serde_json::from_str(&without).unwrap(),
    );
    for f in with["findings"].as_array().unwrap() {
        assert_ne!(f["type"], "integrity", "drafts load cleanly: {f:#}");
    }
    assert!(without["summary"]["claims"].as_u64().unwrap() >= 10);
    assert_eq!(
        with["summary"]["claims"], without["summary"]["claims"],
        "the run's own suggestions repeat the drafts and are dropped"
    );
    assert_eq!(with["findings"], without["findings"]);
    assert!(
        with["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["name"] == "competing-causes")
    );
}

#[test]
fn write_never_replaces_a_file_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::copy(
        Path::new(ROOT).join("seeds/001_54db2d4ba4d44a5b.txt"),
        d.join("a.txt"),
    )
    .unwrap();
    std::fs::create_dir(d.join("out")).unwrap();
    std::fs::write(d.join("out/a.extracted.claims.yaml"), "# mine\n").unwrap();
    let (code, _, err) = claimcheck(d, &["extract", "a.txt", "--write", "out"]);
    assert_eq!(code, 2);
    assert!(err.contains("exists; use --force"), "{err}");
    assert_eq!(
        std::fs::read_to_string(d.join("out/a.extracted.claims.yaml")).unwrap(),
        "# mine\n"
    );
    let (code, _, err) = claimcheck(d, &["extract", "a.txt", "--write", "out", "--force"]);
    assert_eq!(code, 0, "{err}");
    let text = std::fs::read_to_string(d.join("out/a.extracted.claims.yaml")).unwrap();
    assert!(
        text.contains("sources:\n- id: a\n  document: ../a.txt"),
        "{text}"
    );
    let leftovers: Vec<_> = std::fs::read_dir(d.join("out"))
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn statements_give_words_kind_speaker_cue_date_relay_and_evidence() {
    let (code, json, err) = claimcheck(
        Path::new(ROOT),
        &[
            "extract",
            "seeds/002_3bf1109e5559d618.txt",
            "--format",
            "json",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&json).unwrap();
    let doc = &v["documents"][0];
    assert_eq!(doc["document"], "seeds/002_3bf1109e5559d618.txt");
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("seeds/002_3bf1109e5559d618.txt")).unwrap();
    let statements = doc["statements"].as_array().unwrap();
    // Every statement's bytes are its words in the article.
    for s in statements {
        let b = s["evidence"]["bytes"].as_array().unwrap();
        let (a, z) = (
            b[0].as_u64().unwrap() as usize,
            b[1].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[a..z], s["words"].as_str().unwrap(), "{s}");
        assert!(matches!(s["kind"].as_str(), Some("direct" | "reported")));
    }
    let friends = statements
        .iter()
        .find(|s| {
            s["words"]
                .as_str()
                .unwrap()
                .starts_with("We aren't friends as much")
        })
        .expect("the first quotation");
    assert_eq!(friends["kind"], "direct");
    assert_eq!(friends["speaker"]["id"], "john-legend");
    assert_eq!(friends["speaker"]["text"], "Legend");
    assert_eq!(friends["cue"], "said");
    assert_eq!(friends["said"], "2022-08-04");
    assert_eq!(friends["said_text"], "Thursday, August 4");
    assert_eq!(friends["evidence"]["line"], 5);
    assert_eq!(friends["evidence"]["column"], 2);
    let times = statements
        .iter()
        .find(|s| {
            s["words"]
                .as_str()
                .unwrap()
                .starts_with("I don't think we're less friends")
        })
        .expect("the 2020 quotation");
    assert_eq!(times["cue"], "told");
    assert_eq!(times["said"], "2020");
    assert!(
        times["via"]["name"]
            .as_str()
            .unwrap()
            .contains("Sunday Times"),
        "{times}"
    );
}

#[test]
fn one_json_document_yaml_documents_and_json_lines_for_many_articles() {
    let root = Path::new(ROOT);
    let (code, json, err) = claimcheck(root, &["extract", "seeds", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&json).expect("one JSON document");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let statements: usize = docs
        .iter()
        .map(|d| d["statements"].as_array().unwrap().len())
        .sum();
    let claims: usize = docs
        .iter()
        .map(|d| d["claims"].as_array().unwrap().len())
        .sum();
    assert!(statements > 30, "{statements}");

    let (code, lines, _) = claimcheck(root, &["extract", "seeds", "--format", "jsonl"]);
    assert_eq!(code, 0);
    let mut counts = std::collections::BTreeMap::new();
    for line in lines.lines() {
        let v: Value = serde_json::from_str(line).expect("one JSON value a line");
        *counts
            .entry(v["type"].as_str().unwrap().to_string())
            .or_insert(0) += 1;
        if v["type"] != "source" {
            assert!(v["document"].as_str().unwrap().starts_with("seeds/"), "{v}");
        }
    }
    assert_eq!(counts.get("statement"), Some(&statements));
    assert_eq!(counts.get("claim").copied().unwrap_or(0), claims);

    let (code, yaml, _) = claimcheck(root, &["extract", "seeds"]);
    assert_eq!(code, 0);
    let parts: Vec<&str> = yaml.split("\n---\n").collect();
    assert_eq!(parts.len(), 3, "one YAML document per article");
    for part in parts {
        let v: Value = serde_saphyr::from_str(part).expect("each part is YAML");
        assert!(v["statements"].is_array() && v["claims"].is_array());
    }
}

#[test]
fn article_metadata_fills_the_drafted_source_and_the_flags_override_it() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.md"),
        "---\noutlet: Daily Bugle\npublished: 2024-01-23\ntitle: Ann Lee speaks\nurl: https://example.com/a\n---\n\n“I am not leaving the company this year,” Ann Lee said on Monday.\n",
    )
    .unwrap();
    std::fs::write(
        d.join("b.html"),
        "<!doctype html><html><head><meta property=\"og:site_name\" content=\"The Planet\"><script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"datePublished\":\"2023-06-07T10:00:00Z\",\"publisher\":{\"@type\":\"Organization\",\"name\":\"Daily Planet\"}}</script></head><body><p>“We will build the new plant in Hickory,” Tom Ray said yesterday.</p></body></html>",
    )
    .unwrap();
    let (code, json, err) = claimcheck(d, &["extract", ".", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&json).unwrap();
    let a = &v["documents"][0];
    assert_eq!(a["document"], "a.md");
    let source = &a["sources"][0];
    assert_eq!(source["outlet"], "Daily Bugle");
    assert_eq!(source["published"], "2024-01-23");
    assert_eq!(source["title"], "Ann Lee speaks");
    assert_eq!(source["url"], "https://example.com/a");
    // The front matter is not text: one statement, dated against the publication date.
    let statements = a["statements"].as_array().unwrap();
    assert_eq!(statements.len(), 1, "{statements:?}");
    assert_eq!(statements[0]["said"], "2024-01-22");
    let b = &v["documents"][1];
    assert_eq!(b["sources"][0]["outlet"], "Daily Planet", "JSON-LD first");
    assert_eq!(b["sources"][0]["published"], "2023-06-07");
    assert_eq!(b["statements"][0]["said"], "2023-06-06");

    let (code, json, err) = claimcheck(
        d,
        &[
            "extract",
            "a.md",
            "--format",
            "json",
            "--outlet",
            "Wire",
            "--published",
            "2024-02-01",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let v: Value = serde_json::from_str(&json).unwrap();
    let a = &v["documents"][0];
    assert_eq!(a["sources"][0]["outlet"], "Wire");
    assert_eq!(a["sources"][0]["published"], "2024-02-01");
    assert_eq!(a["statements"][0]["said"], "2024-01-29");
    let (code, _, err) = claimcheck(d, &["extract", "a.md", "--published", "soon"]);
    assert_eq!(code, 2, "{err}");
}
