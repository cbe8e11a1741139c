//! Arbitrary bytes as a rules folder: `Rules::load` (through the run driver's severity
//! validation) must return `Ok` or `Err`, never panic or hang. Rules that load are then
//! used to check a small fixed corpus that uses every built-in predicate, so a vocabulary
//! the loader accepts (an `implies` cycle, a predicate contrary to itself, a NaN tolerance,
//! an override of a built-in) cannot break resolve, check or the report either.
//!
//! The input is split into up to three rules files at lines `#---file`.

#![no_main]

use claimcheck::app::settings::{Settings, rules_and_severity};
use claimcheck::check::{self, sink};
use claimcheck::load::{self, Limits, Loaded};
use claimcheck::model::FuzzyDate;
use claimcheck::report::{self, Format, RenderCtx};
use claimcheck::resolve;
use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

const FILE_MARK: &[u8] = b"\n#---file\n";
const MAX_FILES: usize = 3;

/// Claims over the built-in vocabulary (and two predicates it does not know), with clashes
/// of every kind for rules to turn on, off or around.
const CORPUS: &str = r#"
sources:
  - {id: s1, outlet: Daily, published: 2021-06-01}
  - {id: s2, outlet: Weekly, published: 2022-01-10}
  - {id: s3, outlet: Monthly, published: 2022-03}
entities:
  - {id: x, name: Ex, kind: person}
  - {id: y, name: Why, kind: person}
  - {id: p, name: Pat, kind: person, aliases: [P]}
  - {id: org, name: Org, kind: organisation}
  - {id: rel, name: The friendship, kind: relationship}
concepts:
  - {id: c1, name: Cause one, forms: [one]}
  - {id: c2, name: Cause two}
claims:
  - {id: a1, source: s1, subject: x, predicate: friends-with, object: y}
  - {id: a2, source: s2, subject: y, predicate: estranged-from, object: x, valid: {at: 2021}}
  - {id: a3, source: s3, subject: x, predicate: close-to, object: y, polarity: denied, valid: {}}
  - {id: a4, source: s1, subject: x, predicate: in-contact-with, object: y, valid: {from: 2020}}
  - {id: a5, source: s2, subject: x, predicate: enemies-with, object: y, valid: {to: 2022}}
  - {id: b1, source: s1, subject: x, predicate: age, object: 41, valid: {at: 2020}}
  - {id: b2, source: s2, subject: x, predicate: age, object: {number: 45, unit: years},
     valid: {at: 2020}}
  - {id: b3, source: s3, subject: x, predicate: age, object: 41.5, valid: {at: 2020}}
  - {id: b4, source: s1, subject: x, predicate: lives-in, object: Paris}
  - {id: b5, source: s2, subject: x, predicate: lives-in, object: {literal: London},
     valid: {at: 2021}}
  - {id: b6, source: s1, subject: x, predicate: born-on, object: {date: 1980-02}}
  - {id: b7, source: s2, subject: x, predicate: born-on, object: {date: 1981}}
  - {id: c1a, source: s1, speaker: p, subject: rel, predicate: ended-because-of, object: c1}
  - {id: c1b, source: s2, speaker: p, attribution: paraphrase, subject: rel,
     predicate: ended-because-of, object: c1, polarity: denied}
  - {id: c1c, source: s3, subject: rel, predicate: ended-because-of, object: c2, exclusive: true}
  - {id: c1d, source: s2, subject: rel, predicate: strained-by, object: c2, polarity: denied}
  - {id: c1e, source: s3, subject: rel, predicate: caused-by, object: c1, modality: hedged}
  - {id: d1, source: s1, speaker: p, said: 2019, subject: x, predicate: supports, object: org}
  - {id: d2, source: s2, speaker: p, said: 2022, subject: x, predicate: opposes, object: org,
     valid: {at: 2019}}
  - {id: d3, source: s3, subject: org, predicate: employs, object: x}
  - {id: d4, source: s1, subject: x, predicate: works-for, object: org, polarity: denied}
  - {id: d5, source: s2, subject: org, predicate: led-by, object: x}
  - {id: d6, source: s3, subject: org, predicate: led-by, object: y}
  - {id: d7, source: s1, subject: x, predicate: married-to, object: y}
  - {id: d8, source: s2, subject: x, predicate: divorced-from, object: y}
  - {id: d9, source: s1, subject: x, predicate: agrees-with, object: y}
  - {id: d10, source: s2, subject: x, predicate: disagrees-with, object: y}
  - {id: e1, source: s1, subject: x, predicate: made-up, object: y}
  - {id: e2, source: s2, subject: x, predicate: made-up, object: y, polarity: denied,
     suppress: [{check: polarity-contradiction, reason: known}, {check: CC999, reason: none}]}
  - {id: e3, source: s3, subject: x, predicate: happened-on, object: {date: 2020-01-01}}
  - {id: e4, source: s1, subject: x, predicate: count, object: 3}
  - {id: e5, source: s2, subject: x, predicate: number-of-children, object: 2}
"#;

fn dir() -> &'static tempfile::TempDir {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| tempfile::tempdir().expect("tempdir"))
}

fuzz_target!(|data: &[u8]| {
    let dir = dir();
    let mut parts = Vec::new();
    let mut rest = data;
    while parts.len() + 1 < MAX_FILES {
        let Some(i) = rest.windows(FILE_MARK.len()).position(|w| w == FILE_MARK) else {
            break;
        };
        parts.push(&rest[..i]);
        rest = &rest[i + FILE_MARK.len()..];
    }
    parts.push(rest);
    for i in 0..MAX_FILES {
        let path = dir.path().join(format!("{i}.yaml"));
        match parts.get(i) {
            Some(bytes) => std::fs::write(&path, bytes).expect("write rules"),
            None => {
                let _ = std::fs::remove_file(&path);
            }
        }
    }
    let settings = Settings {
        rules_dirs: vec![dir.path().to_path_buf()],
        today: FuzzyDate::ymd(2024, 6, 15),
        ..Default::default()
    };
    let Ok((rules, severity)) = rules_and_severity(&settings) else {
        return;
    };
    let mut loaded = Loaded::default();
    let texts = vec![(
        PathBuf::from("corpus.claims.yaml"),
        Ok(Arc::<str>::from(CORPUS)),
    )];
    load::load_texts(&mut loaded, texts, &Limits::default());
    let corpus = resolve::resolve(loaded, &rules);
    let options = sink::Options {
        severity,
        today: settings.today,
    };
    let report = check::run(&corpus, &rules, &options);
    let cx = RenderCtx {
        corpus: &corpus,
        color: false,
    };
    report::render(Format::Text, &report, &cx, &mut std::io::sink()).expect("render text");
    report::render(Format::Json, &report, &cx, &mut std::io::sink()).expect("render json");
});
