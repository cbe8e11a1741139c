//! The command line around reports: exit codes (`--fail-on`, `--exit-zero`, `--min-level`),
//! colour (`--color`, NO_COLOR, CLICOLOR_FORCE; never in machine formats), `--concise`,
//! bad `--output` specs, shell completions and the man page.

use assert_cmd::Command;

fn cmd(envs: &[(&str, &str)]) -> Command {
    let mut c = Command::cargo_bin("claimcheck").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-11-22")
        .env_remove("CLAIMCHECK_FORMAT")
        .env_remove("NO_COLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("FORCE_COLOR")
        .env_remove("CLICOLOR");
    for (k, v) in envs {
        c.env(k, v);
    }
    c
}

fn run(args: &[&str], envs: &[(&str, &str)]) -> (i32, String) {
    let out = cmd(envs).args(args).output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
    )
}

#[test]
fn fail_on_exit_zero_and_min_level_are_separate() {
    let check = |extra: &[&str]| {
        let mut args = vec!["check", "seeds", "--no-config", "--concise"];
        args.extend(extra);
        run(&args, &[])
    };
    assert_eq!(check(&[]).0, 1, "the seeds hold an error");
    assert_eq!(check(&["--exit-zero"]).0, 0);
    assert_eq!(check(&["--severity", "CC302=warning"]).0, 0);
    assert_eq!(
        check(&["--severity", "CC302=warning", "--fail-on", "warning"]).0,
        1
    );
    assert_eq!(
        check(&["--severity", "CC302=off", "--fail-on", "note"]).0,
        1,
        "notes fail with --fail-on note"
    );
    // --min-level hides, it does not change what fails.
    let (code, out) = check(&[
        "--min-level",
        "error",
        "--fail-on",
        "warning",
        "--severity",
        "CC302=off",
    ]);
    assert_eq!(code, 1, "hidden warnings still fail the run");
    assert_eq!(
        out,
        "0 errors, 0 warnings, 0 notes in 39 claims (5 below --min-level)\n"
    );
    let (_, json) = run(
        &[
            "check",
            "seeds",
            "--no-config",
            "--format",
            "json",
            "--min-level",
            "warning",
        ],
        &[],
    );
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["summary"]["below_min_level"], 4);
    assert_eq!(v["findings"].as_array().unwrap().len(), 2);
    for d in v["disputes"].as_array().unwrap() {
        for i in d["findings"].as_array().unwrap() {
            assert!(
                i.as_u64().unwrap() < 2,
                "dispute indices follow the shown findings"
            );
        }
    }
}

#[test]
fn colour_follows_the_flag_and_the_environment_and_never_reaches_machine_formats() {
    let esc = |args: &[&str], envs: &[(&str, &str)]| {
        let mut a = vec!["check", "seeds", "--no-config"];
        a.extend(args);
        run(&a, envs).1.contains('\u{1b}')
    };
    assert!(esc(&["--color", "always"], &[]));
    assert!(!esc(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]));
    assert!(!esc(&[], &[]), "auto: not a terminal");
    assert!(esc(&[], &[("CLICOLOR_FORCE", "1")]));
    assert!(esc(&[], &[("FORCE_COLOR", "1")]));
    assert!(
        !esc(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]),
        "NO_COLOR wins"
    );
    for format in [
        "json", "sarif", "github", "markdown", "gitlab", "rdjson", "junit",
    ] {
        assert!(
            !esc(&["--color", "always", "--format", format], &[]),
            "{format}"
        );
    }
}

#[test]
fn concise_flag_and_format_agree() {
    let (_, a) = run(&["check", "seeds", "--no-config", "--concise"], &[]);
    let (_, b) = run(
        &["check", "seeds", "--no-config", "--format", "concise"],
        &[],
    );
    let (_, c) = run(
        &["check", "seeds", "--no-config"],
        &[("CLAIMCHECK_FORMAT", "concise")],
    );
    assert_eq!(a, b);
    assert_eq!(a, c);
}

#[test]
fn a_bad_output_spec_is_a_usage_error() {
    for spec in ["sarif", "pdf=out.pdf", "sarif="] {
        let out = cmd(&[])
            .args(["check", "seeds", "--no-config", "--output", spec])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{spec}");
    }
    let out = cmd(&[])
        .args([
            "check",
            "seeds",
            "--no-config",
            "--output",
            "sarif=no/such/dir/x.sarif",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot write `no/such/dir/x.sarif`"));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let (code, out) = run(&["completions", shell], &[]);
        assert_eq!(code, 0, "{shell}");
        assert!(
            out.contains("claimcheck") && out.contains("new-since"),
            "{shell}"
        );
    }
    let (code, man) = run(&["man"], &[]);
    assert_eq!(code, 0);
    assert!(
        man.starts_with(".ie") || man.contains(".TH claimcheck"),
        "{}",
        &man[..200.min(man.len())]
    );
    assert!(man.contains("baseline"));
}

#[test]
fn the_html_report_links_with_a_template_and_refuses_a_bad_one() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let out = cmd(&[])
        .args(["check", "seeds", "--no-config", "--format", "concise"])
        .arg(format!("--output=html={}", page.display()))
        .args([
            "--link-template",
            "https://forge.example/o/r/blob/main/{path}#L{line}",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "the seeds hold an error");
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(
        "<a href=\"https://forge.example/o/r/blob/main/seeds/tmz-2022-09.claims.yaml#L16\">"
    ));
    let out = cmd(&[])
        .args(["check", "seeds", "--no-config", "--format", "html"])
        .args(["--link-template", "https://forge.example/{file}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unknown placeholder `{file}`"), "{err}");
    // {commit} outside a git checkout is an error that says so.
    let out = cmd(&[])
        .current_dir(dir.path())
        .args(["check", ".", "--no-config", "--format", "html"])
        .args(["--link-template", "https://forge.example/{commit}/{path}"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("--link-template uses {commit}"), "{err}");
}
