//! `claimcheck.yaml`: found by walking up from the current folder, paths relative to it,
//! command-line flags over it, errors located in it (exit 2).

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A project: the seeds, a config file, and an empty `sub/` folder to run from.
fn project(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir_all(d.join("claims/seeds")).unwrap();
    std::fs::create_dir_all(d.join("sub")).unwrap();
    for e in std::fs::read_dir(Path::new(ROOT).join("seeds")).unwrap() {
        let e = e.unwrap();
        if !e.file_type().unwrap().is_file() {
            continue; // a stray `.claimcheck-cache/` from a local run
        }
        std::fs::copy(e.path(), d.join("claims/seeds").join(e.file_name())).unwrap();
    }
    std::fs::write(d.join("claimcheck.yaml"), config).unwrap();
    dir
}

fn claimcheck(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::cargo_bin("claimcheck")
        .unwrap()
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .env_remove("CLAIMCHECK_FORMAT")
        .env_remove("CLAIMCHECK_TEST_UNSET")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const CONFIG: &str = "\
# the project's settings
paths: [claims]
severity:
  reporting-conflict: warning
fail-on: warning
format: json
outputs:
  - sarif=claims.sarif
  - github-summary=$CLAIMCHECK_TEST_UNSET
";

#[test]
fn the_nearest_config_is_used_with_paths_relative_to_it() {
    let dir = project(CONFIG);
    let (code, out, err) = claimcheck(&dir.path().join("sub"), &["check"]);
    assert_eq!(code, 1, "fail-on: warning, and there are warnings: {err}");
    let report: Value = serde_json::from_str(&out).expect("format: json from the config");
    assert_eq!(
        report["summary"]["errors"], 0,
        "reporting-conflict lowered to a warning"
    );
    assert_eq!(
        report["findings"][0]["location"]["path"],
        "../claims/seeds/ok-2022-08-05.claims.yaml"
    );
    let sarif: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("claims.sarif")).unwrap())
            .unwrap();
    let uri = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        ["uri"];
    assert_eq!(
        uri, "claims/seeds/ok-2022-08-05.claims.yaml",
        "SARIF paths are relative to the project root"
    );
    assert_eq!(
        sarif["runs"][0]["results"][0]["partialFingerprints"],
        report["findings"][0]["fingerprint"]
            .as_str()
            .map(|f| serde_json::json!({"claimcheckFinding/v2": f}))
            .unwrap()
    );
}

#[test]
fn flags_override_the_config() {
    let dir = project(CONFIG);
    let (code, out, _) = claimcheck(
        dir.path(),
        &[
            "check",
            "--fail-on",
            "error",
            "--format",
            "concise",
            "--output",
            "junit=claims.xml",
        ],
    );
    assert_eq!(code, 0, "no error once reporting-conflict is a warning");
    assert!(
        out.starts_with("claims/seeds/ok-2022-08-05.claims.yaml:25:9: note[CC301]"),
        "{out}"
    );
    assert!(dir.path().join("claims.xml").exists());
    assert!(
        !dir.path().join("claims.sarif").exists(),
        "--output replaces the config's outputs"
    );
    let (code, _, _) = claimcheck(
        dir.path(),
        &["check", "--severity", "CC302=error", "--fail-on", "error"],
    );
    assert_eq!(code, 1, "--severity over the config's severity");
    let (code, out, _) = claimcheck(dir.path(), &["check", "--no-config", "claims", "--concise"]);
    assert_eq!(
        code, 1,
        "without the config the reporting conflict is an error"
    );
    assert!(out.contains("error[CC302]"));
}

#[test]
fn config_errors_point_at_their_line_and_column() {
    for (text, at, what) in [
        (
            "paths: [claims]\nseverity:\n  revised-acount: off\n",
            ":3:19: ",
            "did you mean `revised-account`",
        ),
        (
            "paths: [claims]\nfail-on: sometimes\n",
            ":2:10: ",
            "sometimes",
        ),
        ("pathz: [claims]\n", ":1:1: ", "pathz"),
        (
            "outputs:\n  - pdf=claims.pdf\n",
            ":2:5: ",
            "unknown format `pdf`",
        ),
        ("format: yaml\n", ":1:9: ", "unknown format `yaml`"),
        ("paths: [claims\n", ":", ""),
    ] {
        let dir = project(text);
        let (code, _, err) = claimcheck(&dir.path().join("sub"), &["check"]);
        assert_eq!(code, 2, "{text}: {err}");
        assert!(
            err.starts_with(&format!("claimcheck failed: ../claimcheck.yaml{at}")),
            "{text}: {err}"
        );
        assert!(err.contains(what), "{text}: {err}");
    }
}

#[test]
fn an_explicit_config_file_and_an_empty_one() {
    let dir = project("# nothing set\n");
    std::fs::write(
        dir.path().join("other.yaml"),
        "paths: [claims]\nmin-level: error\n",
    )
    .unwrap();
    let (code, out, err) = claimcheck(
        dir.path(),
        &["check", "--config", "other.yaml", "--concise"],
    );
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines.len(),
        2,
        "min-level: error shows the one error: {out}"
    );
    assert!(lines[0].contains("error[CC302]"), "{out}");
    assert!(lines[1].ends_with("(5 below --min-level)"), "{out}");
    let (code, _, err) = claimcheck(dir.path(), &["check", "claims", "--concise"]);
    assert_eq!(code, 1, "an empty config changes nothing: {err}");
}
