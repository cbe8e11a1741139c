//! Regressions: every input that once broke claimcheck (a fuzz crash, a failed property),
//! kept as a fixture under `tests/fixtures/regressions/` and replayed the way it was found.
//!
//! The helpers replay an input exactly as the fuzz target of the same name does
//! (`fuzz/fuzz_targets/*.rs`), so a crash minimised with `cargo fuzz tmin` is added by
//! copying the file into the fixtures folder and writing a three-line test.

use claimcheck::check::{self, sink};
use claimcheck::graph::StatementGraph;
use claimcheck::load::{self, Limits, Loaded, ReadError};
use claimcheck::model::FuzzyDate;
use claimcheck::report::{self, Format, RenderCtx};
use claimcheck::resolve::{self, Corpus};
use claimcheck::rules::Rules;
use std::path::{Path, PathBuf};
use std::sync::Arc;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/regressions")
        .join(name)
}

fn bytes(name: &str) -> Vec<u8> {
    std::fs::read(fixture(name)).unwrap_or_else(|e| panic!("fixture {name}: {e}"))
}

/// What `load::read_claim_file` does with a file's bytes.
fn decode(bytes: &[u8]) -> Result<Arc<str>, ReadError> {
    let body = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Arc::from(text)),
        Err(e) => Err(ReadError {
            message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            offset: e.valid_up_to(),
            text: Some(String::from_utf8_lossy(body).into_owned()),
        }),
    }
}

/// load → resolve → check over `(path, bytes)` in the order given, and every report
/// format; returns the corpus, the report and the JSON report.
fn check_files(files: Vec<(PathBuf, Vec<u8>)>) -> (Corpus, check::Report, String) {
    let texts = files
        .into_iter()
        .map(|(path, bytes)| (path, decode(&bytes)))
        .collect();
    let mut loaded = Loaded::default();
    load::load_texts(&mut loaded, texts, &Limits::default());
    let rules = Rules::defaults().expect("default rules");
    let corpus = resolve::resolve(loaded, &rules);
    let options = sink::Options {
        today: FuzzyDate::ymd(2024, 6, 15),
        ..Default::default()
    };
    let report = check::run(&corpus, &rules, &options);
    let mut graph = StatementGraph::build(&corpus);
    check::derive_edges(&report, &mut graph);
    let _ = graph.to_dot();
    let _ = graph.to_json();
    for (format, color) in [
        (Format::Text, false),
        (Format::Text, true),
        (Format::Concise, false),
    ] {
        let cx = RenderCtx {
            corpus: &corpus,
            color,
        };
        report::render(format, &report, &cx, &mut std::io::sink()).expect("render");
    }
    let cx = RenderCtx {
        corpus: &corpus,
        color: false,
    };
    let mut json = Vec::new();
    report::render(Format::Json, &report, &cx, &mut json).expect("render json");
    let json = String::from_utf8(json).expect("utf-8 json");
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON report is JSON");
    (corpus, report, json)
}

/// Replays an input of the `claim_file` fuzz target: claim files split at `#---file`
/// lines, an article after a `#---doc` line (named `doc.txt` next to them).
#[allow(dead_code)]
fn replay_claim_file(name: &str) -> (Corpus, check::Report, String) {
    const FILE_MARK: &[u8] = b"\n#---file\n";
    const DOC_MARK: &[u8] = b"\n#---doc\n";
    let data = bytes(name);
    let dir = tempfile::tempdir().expect("tempdir");
    let (claims, doc) = match data.windows(DOC_MARK.len()).position(|w| w == DOC_MARK) {
        Some(i) => (&data[..i], Some(&data[i + DOC_MARK.len()..])),
        None => (&data[..], None),
    };
    if let Some(doc) = doc {
        std::fs::write(dir.path().join("doc.txt"), doc).expect("write doc");
    }
    let mut parts = Vec::new();
    let mut rest = claims;
    while let Some(i) = rest.windows(FILE_MARK.len()).position(|w| w == FILE_MARK) {
        parts.push(&rest[..i]);
        rest = &rest[i + FILE_MARK.len()..];
    }
    parts.push(rest);
    let files = parts
        .into_iter()
        .take(8)
        .enumerate()
        .map(|(i, b)| (dir.path().join(format!("{i}.claims.yaml")), b.to_vec()))
        .collect();
    check_files(files)
}

/// Replays an input of the `rules_file` fuzz target: rules files split at `#---file`.
#[allow(dead_code)]
fn replay_rules_file(name: &str) -> Result<Rules, claimcheck::rules::RulesError> {
    const FILE_MARK: &[u8] = b"\n#---file\n";
    let data = bytes(name);
    let dir = tempfile::tempdir().expect("tempdir");
    let mut rest = &data[..];
    let mut i = 0;
    while let Some(at) = rest.windows(FILE_MARK.len()).position(|w| w == FILE_MARK) {
        if i == 2 {
            break;
        }
        std::fs::write(dir.path().join(format!("{i}.yaml")), &rest[..at]).expect("write");
        rest = &rest[at + FILE_MARK.len()..];
        i += 1;
    }
    std::fs::write(dir.path().join(format!("{i}.yaml")), rest).expect("write");
    Rules::load(&[dir.path().to_path_buf()])
}

/// Replays an input of the `extract` fuzz target: the first byte picks the publication
/// date, the rest is the article.
#[allow(dead_code)]
fn replay_extract(name: &str) -> claimcheck::extract::Extraction {
    use claimcheck::extract::{Document, Lexicon, Names, extract};
    let data = bytes(name);
    let Some((&pick, body)) = data.split_first() else {
        return Default::default();
    };
    let published = match pick % 4 {
        0 => None,
        1 => FuzzyDate::parse("2022").ok(),
        2 => FuzzyDate::parse("2022-09").ok(),
        _ => Some(FuzzyDate::ymd(2018, 4, 30)),
    };
    let body = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(body);
    let text = String::from_utf8_lossy(body);
    let story = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/story.claims.yaml"),
    )
    .expect("seed story");
    let names = Names::from_yaml(&story).expect("names");
    let doc = Document {
        text: &text,
        published,
        outlet: (pick & 4 != 0).then_some("Outlet"),
    };
    let x = extract(&doc, &Lexicon::defaults(), &names);
    for q in &x.quotes {
        assert!(q.range.end <= text.len() && text.is_char_boundary(q.range.start));
        assert!(text.is_char_boundary(q.range.end));
    }
    x
}

/// Replays an input of the `config_file` fuzz target: read as `claimcheck.yaml` and as a
/// baseline file; a baseline that reads must read back the same after `to_yaml`.
#[allow(dead_code)]
fn replay_config_file(name: &str) {
    use claimcheck::app::baseline::Baseline;
    let path = fixture(name);
    let _ = claimcheck::app::config::Config::read(&path);
    let Ok(baseline) = Baseline::read(&path) else {
        return;
    };
    let text = baseline.to_yaml();
    let again = Baseline::parse("rewritten", &text)
        .unwrap_or_else(|e| panic!("the rewritten baseline does not read: {e}\n{text}"));
    let strip = |b: &Baseline| {
        b.entries
            .iter()
            .map(|e| {
                let mut e = e.clone();
                e.line = 0;
                e
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&baseline), strip(&again), "{text}");
}

// ---------------------------------------------------------------------------------------

/// Found by `json_report_ignores_file_order` (tests/properties.rs): `load_texts` kept the
/// files in the order given, so claim indices followed it, and with them which claim of a
/// tie is the primary one and the order of a dispute's positions; the JSON report changed
/// with the order of the same files. `load_texts` now sorts by path, as `load_paths` does.
#[test]
fn regression_load_texts_file_order() {
    let a = ("a.claims.yaml", bytes("load-order/a.claims.yaml"));
    let b = ("b.claims.yaml", bytes("load-order/b.claims.yaml"));
    let files = |order: [&(&str, Vec<u8>); 2]| {
        order
            .iter()
            .map(|(p, t)| (PathBuf::from("load-order").join(p), t.clone()))
            .collect::<Vec<_>>()
    };
    let (_, report, ab) = check_files(files([&a, &b]));
    let (_, _, ba) = check_files(files([&b, &a]));
    assert_eq!(
        report
            .findings
            .iter()
            .map(|f| f.check.name)
            .collect::<Vec<_>>(),
        ["cause-contradiction"]
    );
    assert_eq!(ab, ba, "the JSON report depends on the order of the files");
}

/// Found with the `config_file` fuzz target's round-trip assertion: `Baseline::to_yaml`
/// writes a `check` unquoted when it is only letters, digits and `-`, so a hand-edited
/// baseline whose check is `"-"` or `"null"` reads, but what `baseline write`/`prune`
/// write back from it does not (`-` starts a block sequence; `null` is YAML null).
/// Fixed in `src/baseline.rs`: every check that is not a known check code or name is
/// quoted.
#[test]
fn regression_baseline_check_written_back_reads() {
    replay_config_file("baseline/check-dash.yaml");
    replay_config_file("baseline/check-null.yaml");
}
