//! Arbitrary bytes as claim files, through the whole pipeline: load → resolve → check →
//! graph → every report format. Nothing may panic, and the JSON report must be JSON.
//!
//! The input is split into up to eight claim files at lines `#---file` and, after a line
//! `#---doc`, an article that sources name as `document: doc.txt` (so quotes are looked
//! up). Both markers are YAML comments, so a plain claim file is a valid input too. Each
//! file is decoded as the real reader does (`load::read_claim_file`): a byte-order mark is
//! dropped, invalid UTF-8 becomes a located error with the lossy text.

#![no_main]

use claimcheck::check::{self, sink};
use claimcheck::graph::StatementGraph;
use claimcheck::load::{self, Limits, Loaded, ReadError};
use claimcheck::model::FuzzyDate;
use claimcheck::report::{self, Format, RenderCtx};
use claimcheck::resolve;
use claimcheck::rules::Rules;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

const FILE_MARK: &[u8] = b"\n#---file\n";
const DOC_MARK: &[u8] = b"\n#---doc\n";
const MAX_FILES: usize = 8;

fn split<'a>(data: &'a [u8], mark: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(i) = rest.windows(mark.len()).position(|w| w == mark) {
        parts.push(&rest[..i]);
        rest = &rest[i + mark.len()..];
    }
    parts.push(rest);
    parts
}

/// What `load::read_claim_file` does with the bytes of a file.
fn decode(bytes: &[u8]) -> Result<Arc<str>, ReadError> {
    const BOM: &[u8] = "\u{feff}".as_bytes();
    let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => Ok(Arc::from(text)),
        Err(e) => Err(ReadError {
            message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
            offset: e.valid_up_to(),
            text: Some(String::from_utf8_lossy(body).into_owned()),
        }),
    }
}

struct Env {
    dir: tempfile::TempDir,
    rules: Rules,
}

fn env() -> &'static Env {
    static ENV: OnceLock<Env> = OnceLock::new();
    ENV.get_or_init(|| Env {
        dir: tempfile::tempdir().expect("tempdir"),
        rules: Rules::defaults().expect("default rules"),
    })
}

fuzz_target!(|data: &[u8]| {
    let env = env();
    let doc_path = env.dir.path().join("doc.txt");
    let (claims, doc) = match data.windows(DOC_MARK.len()).position(|w| w == DOC_MARK) {
        Some(i) => (&data[..i], Some(&data[i + DOC_MARK.len()..])),
        None => (data, None),
    };
    match doc {
        Some(doc) => std::fs::write(&doc_path, doc).expect("write doc"),
        None => {
            let _ = std::fs::remove_file(&doc_path);
        }
    }
    let texts: Vec<(PathBuf, Result<Arc<str>, ReadError>)> = split(claims, FILE_MARK)
        .into_iter()
        .take(MAX_FILES)
        .enumerate()
        .map(|(i, bytes)| {
            (
                env.dir.path().join(format!("{i}.claims.yaml")),
                decode(bytes),
            )
        })
        .collect();
    let mut loaded = Loaded::default();
    load::load_texts(&mut loaded, texts, &Limits::default());
    let corpus = resolve::resolve(loaded, &env.rules);
    let options = sink::Options {
        today: FuzzyDate::ymd(2024, 6, 15),
        ..Default::default()
    };
    let report = check::run(&corpus, &env.rules, &options);

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
    if let Err(e) = serde_json::from_slice::<serde_json::Value>(&json) {
        panic!("the JSON report is not JSON: {e}");
    }
});
