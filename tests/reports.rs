//! Every output format on the seeds, as snapshots in tests/snapshots/ (plain files:
//! `CLAIMCHECK_UPDATE=1 cargo test --test reports` rewrites them); the SARIF log against
//! the official SARIF 2.1.0 schema (tests/fixtures/sarif-schema-2.1.0.json) with a small
//! validator for the keywords that schema uses; several sinks in one run; and byte-identical
//! output whatever the file order or the number of threads.
//!
//! Microsoft's SARIF validator runs too when `CLAIMCHECK_SARIF_MULTITOOL` names its binary
//! (`npm install @microsoft/sarif-multitool`, then
//! `node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool`).

#[path = "support/json_schema.rs"]
mod json_schema;

use assert_cmd::Command;
use json_schema::Validator;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
const TODAY: &str = "2026-11-22";

/// Every format and the snapshot file it is compared with.
const FORMATS: &[(&str, &str)] = &[
    ("text", "seeds.txt"),
    ("concise", "seeds.concise.txt"),
    ("json", "seeds.json"),
    ("sarif", "seeds.sarif"),
    ("github", "seeds.github.txt"),
    ("markdown", "seeds.md"),
    ("gitlab", "seeds.gitlab.json"),
    ("rdjson", "seeds.rdjson"),
    ("junit", "seeds.junit.xml"),
    ("html", "seeds.html"),
];

fn claimcheck(dir: &Path) -> Command {
    let mut c = Command::cargo_bin("claimcheck").unwrap();
    c.current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", TODAY)
        .env_remove("CLAIMCHECK_FORMAT")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR");
    c
}

fn run(args: &[&str], threads: &str) -> (i32, String) {
    let out = claimcheck(Path::new(ROOT))
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

fn seeds(format: &str) -> String {
    let (code, out) = run(
        &[
            "check",
            "seeds",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
        ],
        "2",
    );
    assert_eq!(code, 1, "the seeds hold an error");
    out
}

/// Compares with a snapshot file, or rewrites it under `CLAIMCHECK_UPDATE`.
fn snapshot(name: &str, actual: &str) {
    let path = Path::new(ROOT).join("tests/snapshots").join(name);
    if std::env::var_os("CLAIMCHECK_UPDATE").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let line = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "tests/snapshots/{name} is out of date (first difference on line {}):\n  expected: {:?}\n  actual:   {:?}\nrun `CLAIMCHECK_UPDATE=1 cargo test --test reports` and review the diff",
            line + 1,
            expected.lines().nth(line).unwrap_or("<end>"),
            actual.lines().nth(line).unwrap_or("<end>")
        );
    }
}

#[test]
fn every_format_matches_its_snapshot_on_the_seeds() {
    for (format, file) in FORMATS {
        let out = seeds(format);
        assert!(!out.contains('\u{1b}'), "{format}: no ANSI codes");
        snapshot(file, &out);
    }
}

#[test]
fn machine_formats_parse_and_hold_every_finding() {
    let json: Value = serde_json::from_str(&seeds("json")).unwrap();
    let findings = json["findings"].as_array().unwrap();
    let fingerprints: Vec<&str> = findings
        .iter()
        .map(|f| f["fingerprint"].as_str().unwrap())
        .collect();
    let sarif: Value = serde_json::from_str(&seeds("sarif")).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    assert_eq!(results.len(), findings.len());
    for (r, fp) in results.iter().zip(&fingerprints) {
        assert_eq!(r["partialFingerprints"]["claimcheckFinding/v2"], *fp);
    }
    let gitlab: Value = serde_json::from_str(&seeds("gitlab")).unwrap();
    let gl: Vec<&str> = gitlab
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["fingerprint"].as_str().unwrap())
        .collect();
    assert_eq!(gl, fingerprints, "GitLab uses the same fingerprints");
    let rdjson: Value = serde_json::from_str(&seeds("rdjson")).unwrap();
    assert_eq!(
        rdjson["diagnostics"].as_array().unwrap().len(),
        findings.len()
    );
    let junit = seeds("junit");
    for fp in &fingerprints {
        assert_eq!(
            junit.matches(&format!("[{fp}]")).count(),
            1,
            "JUnit names carry the fingerprint once: {fp}"
        );
    }
    let md = seeds("markdown");
    assert_eq!(
        md.lines()
            .filter(|l| l.starts_with("| error")
                || l.starts_with("| warning")
                || l.starts_with("| note"))
            .count(),
        findings.len()
    );
    let github = seeds("github");
    assert_eq!(
        github.lines().filter(|l| l.starts_with("::")).count(),
        findings.len()
    );
}

#[test]
fn sarif_primary_is_the_later_claim_and_the_other_is_a_linked_related_location() {
    let sarif: Value = serde_json::from_str(&seeds("sarif")).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert_eq!(rules.len(), claimcheck::check::registry::CHECKS.len());
    for r in rules {
        for key in ["shortDescription", "fullDescription"] {
            let text = r[key]["text"].as_str().unwrap();
            assert!(
                !text.is_empty() && text.chars().count() <= 1024,
                "{}: {key}",
                r["id"]
            );
        }
        assert!(r["help"]["text"].as_str().unwrap().contains("What it does"));
        assert!(
            r["help"]["markdown"]
                .as_str()
                .unwrap()
                .contains("## Not flagged")
        );
    }
    let cc302 = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["ruleId"] == "CC302")
        .unwrap();
    assert_eq!(
        rules[cc302["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "CC302"
    );
    let primary = &cc302["locations"][0]["physicalLocation"];
    assert_eq!(
        primary["artifactLocation"]["uri"],
        "seeds/tmz-2022-09.claims.yaml"
    );
    assert_eq!(primary["artifactLocation"]["uriBaseId"], "%SRCROOT%");
    assert_eq!(primary["region"]["startLine"], 16);
    let related = &cc302["relatedLocations"][0];
    assert_eq!(related["id"], 1);
    assert_eq!(
        related["physicalLocation"]["artifactLocation"]["uri"],
        "seeds/ok-2022-08-05.claims.yaml"
    );
    assert!(
        cc302["message"]["text"].as_str().unwrap().contains("](1)"),
        "linked from the message"
    );
    assert_eq!(cc302["suppressions"], serde_json::json!([]));
}

fn sarif_schema() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/sarif-schema-2.1.0.json"))
            .unwrap(),
    )
    .unwrap()
}

/// Validates a SARIF log against the schema (and with Microsoft's validator when asked).
pub fn assert_valid_sarif(text: &str) {
    let schema = sarif_schema();
    let log: Value = serde_json::from_str(text).unwrap();
    let errors = Validator::new(&schema).errors(&log);
    assert!(
        errors.is_empty(),
        "the SARIF log does not validate:\n{}",
        errors.join("\n")
    );
    if let Some(tool) = std::env::var_os("CLAIMCHECK_SARIF_MULTITOOL") {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("log.sarif");
        std::fs::write(&input, text).unwrap();
        let out = std::process::Command::new(tool)
            .current_dir(dir.path())
            .args([
                "validate",
                "--rule-kind",
                "Gh;Sarif",
                "--output",
                "result.sarif",
                "log.sarif",
            ])
            .output()
            .unwrap();
        let result: Value = serde_json::from_str(
            &std::fs::read_to_string(dir.path().join("result.sarif")).unwrap(),
        )
        .unwrap();
        let errors: Vec<&Value> = result["runs"][0]["results"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["level"] == "error")
            .collect();
        assert!(
            errors.is_empty() && out.status.success(),
            "sarif-multitool: {errors:#?}\n{}",
            String::from_utf8_lossy(&out.stdout)
        );
    }
}

#[test]
fn validator_rejects_what_the_schema_rejects() {
    let schema = sarif_schema();
    let v = Validator::new(&schema);
    let ok = serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": []}]});
    assert!(v.errors(&ok).is_empty(), "{:?}", v.errors(&ok));
    for bad in [
        serde_json::json!({"version": "2.0.0", "runs": []}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "columnKind": "bytes"}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {}}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a b"}}}]}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "locations": [{"physicalLocation": {"region": {"startLine": 0}}}]}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "suppressions": [{"kind": "comment"}]}]}]}),
        serde_json::json!({"version": "2.1.0", "runs": [], "extra": 1}),
    ] {
        assert!(!v.errors(&bad).is_empty(), "accepted {bad}");
    }
}

#[test]
fn seeds_sarif_validates_against_the_sarif_schema() {
    assert_valid_sarif(&seeds("sarif"));
}

#[test]
fn several_sinks_in_one_run_match_their_single_format_runs() {
    let dir = tempfile::tempdir().unwrap();
    let p = |n: &str| dir.path().join(n).to_string_lossy().into_owned();
    let summary = p("summary.md");
    std::fs::write(&summary, "# earlier step\n").unwrap();
    let args = [
        "check",
        "seeds",
        "--no-config",
        "--color",
        "never",
        "--format",
        "concise",
        "--output",
        &format!("sarif={}", p("out.sarif")),
        "--output",
        &format!("junit={}", p("out.xml")),
        "--output",
        &format!("github-summary={summary}"),
    ];
    let (code, stdout) = run(&args, "2");
    assert_eq!(code, 1);
    assert_eq!(stdout, seeds("concise"));
    assert_eq!(
        std::fs::read_to_string(p("out.sarif")).unwrap(),
        seeds("sarif")
    );
    assert_eq!(
        std::fs::read_to_string(p("out.xml")).unwrap(),
        seeds("junit")
    );
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        format!("# earlier step\n{}", seeds("markdown")),
        "github-summary appends"
    );
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "atomic writes leave no temporary file"
    );
}

#[test]
fn output_is_byte_identical_whatever_the_file_order_and_thread_count() {
    let shuffled = [
        "seeds/tmz-2022-09.claims.yaml",
        "seeds/story.claims.yaml",
        "seeds/ok-2022-08-05.claims.yaml",
        "seeds/et-2018.claims.yaml",
    ];
    for (format, _) in FORMATS {
        let base = [
            "check",
            "--no-config",
            "--color",
            "never",
            "--format",
            format,
        ];
        let mut sorted_args = base.to_vec();
        sorted_args.push("seeds");
        let mut shuffled_args = base.to_vec();
        shuffled_args.extend(shuffled);
        let (_, one) = run(&sorted_args, "1");
        let (_, two) = run(&sorted_args, "2");
        let (_, mixed) = run(&shuffled_args, "2");
        assert!(one == two, "{format}: 1 vs 2 threads differ");
        assert!(one == mixed, "{format}: file order changes the output");
    }
}

/// The parallel stages (resolve, bucket comparison, checks, the finding sort, fingerprints,
/// the chunked JSON and text writers) join their results in a fixed order: on a corpus big enough to
/// split into many chunks, every thread count gives the same bytes.
#[test]
fn a_large_report_is_byte_identical_whatever_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let spec = claimcheck::bench::synth::Spec {
        claims: 8000,
        files: 40,
        seed: 11,
        hot: 300,
        format: claimcheck::bench::synth::Format::Yaml,
    };
    claimcheck::bench::synth::generate(dir.path(), &spec).unwrap();
    for format in ["json", "text", "concise", "sarif"] {
        let outputs: Vec<String> = ["1", "2", "3"]
            .iter()
            .map(|threads| {
                let out = claimcheck(dir.path())
                    .env("RAYON_NUM_THREADS", threads)
                    .args([
                        "check",
                        ".",
                        "--no-config",
                        "--no-cache",
                        "--format",
                        format,
                    ])
                    .output()
                    .unwrap();
                assert_eq!(
                    out.status.code(),
                    Some(1),
                    "{format}: the corpus holds errors"
                );
                String::from_utf8(out.stdout).unwrap()
            })
            .collect();
        assert!(outputs[0] == outputs[1], "{format}: 1 vs 2 threads differ");
        assert!(outputs[0] == outputs[2], "{format}: 1 vs 3 threads differ");
        if format == "json" {
            let json: serde_json::Value = serde_json::from_str(&outputs[0]).unwrap();
            let findings = json["findings"].as_array().unwrap().len();
            // Ten chunks of 64 findings or more, so the parallel writer really splits the work.
            assert!(findings > 640, "{findings} findings");
        }
    }
}

// --- Hostile text, caps and limits, through the library ---------------------------------

mod hostile {
    use claimcheck::check::{self, Report, Severity};
    use claimcheck::load::{self, Limits, Loaded};
    use claimcheck::model::FuzzyDate;
    use claimcheck::report::{self, Ctx, Format, Review};
    use claimcheck::resolve::{self, Corpus};
    use claimcheck::rules::Rules;
    use serde_json::Value;
    use std::path::PathBuf;
    use std::sync::Arc;

    /// A path with every character the formats must escape.
    const PATH: &str = "claims/we,ird: 100%.claims.yaml";

    /// Two contradicting claims, each id after multi-byte characters on its line.
    const YAML: &str = "\
sources:
  - {id: s1, outlet: Daily, published: 2022-06-01}
  - {id: s2, outlet: Weekly, published: 2021-01-10}
entities:
  - {id: ann, name: Ann, kind: person}
  - {id: bob, name: Bob, kind: person}
claims:
  - {note: \"é😀\", id: c1, source: s1, subject: ann, predicate: friends-with, object: bob, valid: {from: 2020}}
  - {note: \"é😀\", id: c2, source: s2, subject: ann, predicate: friends-with, object: bob, polarity: denied, valid: {from: 2020}}
";

    pub const MESSAGE: &str = "100% sure, really: a\r\nb\n::error::injected | <b>bold</b> `co|de` [link](1) \\ back ü 😀 & done";

    pub fn checked() -> (Corpus, Report) {
        let mut loaded = Loaded::default();
        load::load_texts(
            &mut loaded,
            vec![(PathBuf::from(PATH), Ok(Arc::from(YAML)))],
            &Limits::default(),
        );
        let rules = Rules::defaults().unwrap();
        let corpus = resolve::resolve(loaded, &rules);
        let options = check::sink::Options {
            today: FuzzyDate::ymd(2026, 1, 1),
            ..Default::default()
        };
        let mut report = check::run(&corpus, &rules, &options);
        assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
        for f in &mut report.findings {
            f.message = MESSAGE.to_string();
            f.help = MESSAGE.to_string();
            for l in &mut f.related {
                l.text = MESSAGE.to_string();
            }
        }
        (corpus, report)
    }

    pub fn render(format: Format, corpus: &Corpus, report: &Report) -> String {
        let paths = report::relative_paths(corpus, None);
        let review = Review::new(report, corpus, &paths);
        let cx = Ctx::new(corpus, &review, paths, false);
        let mut out = Vec::new();
        report::render_with(format, report, &cx, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn github_annotations_escape_data_and_properties() {
        let (corpus, report) = checked();
        let out = render(Format::Github, &corpus, &report);
        assert_eq!(
            out.lines().count(),
            1,
            "one command, no raw line break: {out}"
        );
        assert!(out.starts_with("::error file=claims/we%2Cird%3A 100%25.claims.yaml,line=8,endLine=8,col=22,endColumn=24,title="), "{out}");
        assert!(out.contains("title=CC101 polarity-contradiction::100%25 sure, really: a%0D%0Ab%0A::error::injected | <b>bold</b>"), "{out}");
        assert!(!out.contains('\r'));
    }

    #[test]
    fn json_formats_keep_the_text_and_count_columns_their_way() {
        let (corpus, report) = checked();
        let json: Value = serde_json::from_str(&render(Format::Json, &corpus, &report)).unwrap();
        assert_eq!(json["findings"][0]["message"], MESSAGE);
        let sarif_text = render(Format::Sarif, &corpus, &report);
        super::assert_valid_sarif(&sarif_text);
        let sarif: Value = serde_json::from_str(&sarif_text).unwrap();
        let result = &sarif["runs"][0]["results"][0];
        let text = result["message"]["text"].as_str().unwrap();
        assert!(text.starts_with("100% sure, really: a\r\nb\n::error::injected | <b>bold</b> `co|de` \\[link\\](1) \\\\ back"), "{text}");
        assert!(text.ends_with(&format!("See [{PATH}:9](1).")), "{text}");
        let loc = &result["locations"][0]["physicalLocation"];
        assert_eq!(
            loc["artifactLocation"]["uri"],
            "claims/we,ird%3A%20100%25.claims.yaml"
        );
        // `  - {note: "é😀", id: ` is 21 characters and 25 bytes before the id.
        assert_eq!(loc["region"]["startColumn"], 22);
        assert_eq!(loc["region"]["endColumn"], 24);
        let rd: Value = serde_json::from_str(&render(Format::Rdjson, &corpus, &report)).unwrap();
        let d = &rd["diagnostics"][0];
        assert_eq!(d["message"], MESSAGE);
        assert_eq!(d["location"]["path"], PATH);
        assert_eq!(d["location"]["range"]["start"]["column"], 26, "bytes");
        assert_eq!(
            d["location"]["range"]["end"]["column"], 28,
            "bytes, exclusive"
        );
        assert_eq!(d["related_locations"][0]["message"], MESSAGE);
        let gl: Value = serde_json::from_str(&render(Format::Gitlab, &corpus, &report)).unwrap();
        assert_eq!(gl[0]["location"]["path"], PATH);
        assert!(!gl[0]["description"].as_str().unwrap().contains('\n'));
    }

    #[test]
    fn junit_and_markdown_escape_markup() {
        let (corpus, report) = checked();
        let xml = render(Format::Junit, &corpus, &report);
        assert!(xml.contains("message=\"100% sure, really: a&#13;&#10;b&#10;::error::injected | &lt;b&gt;bold&lt;/b&gt; `co|de` [link](1) \\ back ü 😀 &amp; done\""), "{xml}");
        assert!(!xml.contains("<b>"), "{xml}");
        assert_eq!(
            xml.matches("<testcase ").count(),
            xml.matches("</testcase>").count()
        );
        let md = render(Format::Markdown, &corpus, &report);
        let row = md.lines().find(|l| l.starts_with("| error")).unwrap();
        assert!(row.ends_with("| 100% sure, really: a<br>b<br>::error::injected \\| &lt;b&gt;bold&lt;/b&gt; `co\\|de` \\[link\\](1) \\\\ back ü 😀 &amp; done |"), "{row}");
        assert_eq!(
            md.lines().filter(|l| l.starts_with("| error")).count(),
            1,
            "one row per finding"
        );
        let text = render(Format::Text, &corpus, &report);
        assert!(!text.contains('\u{1b}'));
    }

    fn many(report: &Report, n: usize, severity: impl Fn(usize) -> Severity) -> Report {
        let f = &report.findings[0];
        let findings = (0..n)
            .map(|i| {
                let mut g = f.clone();
                g.severity = severity(i);
                g.message = format!("finding {i}: {}", "x".repeat(1000));
                g
            })
            .collect();
        Report {
            findings,
            ..Report::default()
        }
    }

    #[test]
    fn github_keeps_within_its_annotation_caps_most_severe_first() {
        let (corpus, report) = checked();
        let big = many(&report, 40, |i| {
            if i % 4 == 3 {
                Severity::Error
            } else if i % 4 == 0 {
                Severity::Warning
            } else {
                Severity::Note
            }
        });
        let out = render(Format::Github, &corpus, &big);
        let count = |p: &str| out.lines().filter(|l| l.starts_with(p)).count();
        assert_eq!(
            (
                count("::error "),
                count("::warning "),
                count("::notice file=")
            ),
            (10, 10, 9),
            "one notice is kept for the overflow"
        );
        assert_eq!(
            count("::notice title=claimcheck::"),
            1,
            "the overflow is said once"
        );
        assert_eq!(count(PATH), 40 - 29, "the rest as plain lines");
        let first = out.lines().next().unwrap();
        assert!(
            first.starts_with("::error ") && first.contains("finding 3:"),
            "errors first, in report order"
        );
    }

    #[test]
    fn the_markdown_summary_stays_under_one_mebibyte() {
        let (corpus, report) = checked();
        let big = many(&report, 3000, |_| Severity::Warning);
        let md = render(Format::Markdown, &corpus, &big);
        assert!(md.len() < 1 << 20, "{} bytes", md.len());
        assert!(
            md.contains("more rows left out: a job summary is limited to 1 MiB"),
            "{}",
            &md[md.len() - 300..]
        );
        let small = render(
            Format::Markdown,
            &corpus,
            &many(&report, 10, |_| Severity::Warning),
        );
        assert!(!small.contains("left out"));
    }
}
