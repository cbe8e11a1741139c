//! Test helpers: run the whole pipeline on a small YAML fixture with a shared prelude of
//! sources (`s1` Daily 2021, `s2` Weekly 2022, `s3` Monthly 2022, `sd` with a document),
//! entities (`x`, `y`, `z`, speakers `p`, `q`) and concepts (`c1`, `c2`, `c3`).

use crate::check::{self, Report};
use crate::load::{self, Limits, Loaded};
use crate::model::FuzzyDate;
use crate::resolve;
use crate::rules::Rules;
use std::path::PathBuf;
use std::sync::Arc;

const PRELUDE: &str = r"
sources:
  - {id: s1, outlet: Daily, published: 2021-06-01}
  - {id: s2, outlet: Weekly, published: 2022-01-10}
  - {id: s3, outlet: Monthly, published: 2022-03}
  - {id: sd, outlet: Docs, published: 2022-08-05, document: doc.txt}
entities:
  - {id: x, name: Ex, kind: person}
  - {id: y, name: Why, kind: person}
  - {id: z, name: Zed, kind: person}
  - {id: p, name: Pat, kind: person}
  - {id: q, name: Quinn, kind: person}
concepts:
  - {id: c1, name: Cause one}
  - {id: c2, name: Cause two}
  - {id: c3, name: Cause three}
";

const DOC: &str = "Intro. \u{201c}I think it became too much for us to sustain our friendship,\u{201d} he said. Outro.";

/// Runs load → resolve → check on the prelude and `yaml`, with today = 2026-01-01.
pub fn fixture(yaml: &str) -> Checked {
    fixture_with_rules(yaml, "")
}

/// [`fixture`] with a rules file merged over the defaults (empty: the defaults).
pub fn fixture_with_rules(yaml: &str, rules_yaml: &str) -> Checked {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("doc.txt"), DOC).expect("write doc");
    let prelude = dir.path().join("a-prelude.claims.yaml");
    let fixture = dir.path().join("b-fixture.claims.yaml");
    let texts: Vec<(PathBuf, Result<Arc<str>, load::ReadError>)> = vec![
        (prelude, Ok(Arc::from(PRELUDE))),
        (fixture, Ok(Arc::from(yaml))),
    ];
    let mut loaded = Loaded::default();
    load::load_texts(&mut loaded, texts, &Limits::default());
    let rules = if rules_yaml.is_empty() {
        Rules::defaults().expect("default rules")
    } else {
        let rules_dir = dir.path().join("rules");
        std::fs::create_dir(&rules_dir).expect("rules dir");
        std::fs::write(rules_dir.join("test.yaml"), rules_yaml).expect("write rules");
        Rules::load(&[rules_dir]).expect("test rules")
    };
    checked(loaded, &rules)
}

/// Resolves and checks a loaded corpus under `rules`, with today = 2026-01-01.
fn checked(loaded: Loaded, rules: &Rules) -> Checked {
    let corpus = resolve::resolve(loaded, rules);
    let options = check::sink::Options {
        today: FuzzyDate::ymd(2026, 1, 1),
        ..Default::default()
    };
    let report = check::run(&corpus, rules, &options);
    Checked { report, corpus }
}

/// A report with the corpus it was made from.
pub struct Checked {
    /// The report.
    pub report: Report,
    /// The corpus.
    pub corpus: resolve::Corpus,
}

impl std::ops::Deref for Checked {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.report
    }
}

/// Unsuppressed findings as `name later earlier` (pairs) or `name` (others).
pub fn codes(r: &Checked) -> Vec<String> {
    r.findings
        .iter()
        .filter(|f| f.suppressed.is_none())
        .map(|f| {
            if f.dispute.is_some() {
                let ids: Vec<&str> = f
                    .claims
                    .iter()
                    .map(|&i| r.corpus.claims[i as usize].id())
                    .collect();
                format!("{} {}", f.check.name, ids.join(" "))
            } else {
                f.check.name.to_string()
            }
        })
        .collect()
}

/// Runs the checks on statements alone (no claim files), with today = 2026-01-01.
pub fn with_statements(statements: Vec<crate::model::Statement>) -> Checked {
    let mut loaded = Loaded {
        statements,
        ..Loaded::default()
    };
    // The statements' spans point at one article.
    loaded
        .map
        .add(PathBuf::from("article.txt"), Arc::from("An article."));
    checked(loaded, &Rules::defaults().expect("default rules"))
}
