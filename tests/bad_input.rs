//! Bad input never panics, never hangs and is always located.
//!
//! Every CLI test builds a temporary folder with one good claim file that produces a known
//! finding (`functional-value-conflict`, CC102: `kim` is 41 according to one source and 45
//! according to another, both in 2020) plus one bad input, runs `claimcheck check DIR
//! --format json`, and asserts:
//!
//! - the exit code (1: there are error findings; 2 only for rules or usage errors), and that
//!   the process exited normally (no signal, so no stack overflow or abort);
//! - no panic text on stderr;
//! - one `invalid-claim-file` (CC001) finding located in the bad file, at the right
//!   line and column;
//! - the good file's CC102 finding is still there (one bad file never stops the others).
//!
//! The last test feeds a few thousand mutated claim files through the whole pipeline
//! in-process (load, resolve, check, text and JSON output) and checks that nothing panics
//! and that every span is inside its file, on character boundaries and agrees with its
//! line and column.
//!
//! "Permission denied" runs the tool through `setpriv` without the read-anything
//! capabilities when the tests run as root (root reads a `chmod 000` file otherwise).

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Two sources give `kim` different ages for the same year: CC102 at line 13, column 9.
const GOOD: &str = "\
sources:
  - id: a
  - id: b
entities:
  - id: kim
claims:
  - id: a-age
    source: a
    subject: kim
    predicate: age
    object: 41
    valid: {at: 2020}
  - id: b-age
    source: b
    subject: kim
    predicate: age
    object: 45
    valid: {at: 2020}
";

/// The start of a claim that refers to the good file's items, for bad claims to extend
/// (ends with a newline; the next key goes on line 6 at column 5).
const CLAIM: &str = "\
claims:
  - id: c
    source: a
    subject: kim
    predicate: age
";

const BAD: &str = "bad.claims.yaml";

/// A temporary folder holding `good.claims.yaml`.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("good.claims.yaml"), GOOD).expect("write good file");
    dir
}

/// A temporary folder holding `good.claims.yaml` and `bad.claims.yaml` with `bytes`.
fn folder_with(bytes: impl AsRef<[u8]>) -> tempfile::TempDir {
    let dir = folder();
    std::fs::write(dir.path().join(BAD), bytes).expect("write bad file");
    dir
}

/// What a run printed.
struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }

    /// The one CC001 finding on `name` of a `--format json` run that failed on it, after
    /// checking that the good file beside it was still checked.
    fn invalid_file(&self, name: &str) -> Value {
        assert_eq!(self.code, 1, "{}", self.stderr);
        let json = self.json();
        assert_good_checked(&json);
        invalid_file(&json, name).clone()
    }
}

/// Runs `claimcheck check ARGS` in `dir` and checks it ended normally without a panic.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    run_wrapped(dir, &[], args)
}

/// [`run_in`], with the binary started through `wrapper` (a command and its arguments
/// that then execs the binary), when not empty.
fn run_wrapped(dir: &Path, wrapper: &[&str], args: &[&str]) -> Run {
    let start = Instant::now();
    let bin = assert_cmd::cargo::cargo_bin("claimcheck");
    let mut command = match wrapper {
        [] => Command::new(&bin),
        [program, rest @ ..] => {
            let mut c = Command::new(program);
            c.args(rest).arg(&bin);
            c
        }
    };
    let output = command
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .env("CLAIMCHECK_TODAY", "2026-01-01")
        .env_remove("CLAIMCHECK_FORMAT")
        .env("NO_COLOR", "1")
        .arg("check")
        .args(args)
        .timeout(Duration::from_secs(60))
        .output()
        .expect("run claimcheck");
    let elapsed = start.elapsed();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    // `code()` is `None` when a signal ended the process: a stack overflow (SIGSEGV or
    // SIGABRT), or the timeout above killing a hung run.
    let code = output.status.code().unwrap_or_else(|| {
        panic!(
            "claimcheck {args:?} did not exit normally ({:?}) after {elapsed:?}\nstderr:\n{stderr}",
            output.status
        )
    });
    for bad in [
        "panicked",
        "RUST_BACKTRACE",
        "stack overflow",
        "overflowed its stack",
    ] {
        assert!(
            !stderr.contains(bad),
            "claimcheck {args:?} panicked:\n{stderr}"
        );
    }
    Run {
        code,
        stdout,
        stderr,
        elapsed,
    }
}

/// `claimcheck check . --format json` in `dir`; exit code 1 (the findings are errors).
fn check_json(dir: &Path) -> Value {
    let run = run_in(dir, &[".", "--format", "json"]);
    assert_eq!(
        run.code, 1,
        "exit code\nstdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run.json()
}

fn findings(json: &Value) -> &Vec<Value> {
    json["findings"].as_array().expect("`findings` is a list")
}

fn path_ends_with(finding: &Value, name: &str) -> bool {
    finding["location"]["path"]
        .as_str()
        .is_some_and(|p| p.replace('\\', "/").ends_with(name))
}

/// The one CC001 finding located in a file whose path ends with `name`.
fn invalid_file<'a>(json: &'a Value, name: &str) -> &'a Value {
    let found: Vec<&Value> = findings(json)
        .iter()
        .filter(|f| f["code"] == "CC001" && path_ends_with(f, name))
        .collect();
    assert_eq!(
        found.len(),
        1,
        "one CC001 finding in `{name}` expected, in:\n{json:#}"
    );
    let f = found[0];
    assert_eq!(f["name"], "invalid-claim-file");
    assert_eq!(f["severity"], "error");
    f
}

/// Asserts the good file's CC102 finding is still reported, at its place.
fn assert_good_checked(json: &Value) {
    let ok = findings(json).iter().any(|f| {
        f["code"] == "CC102"
            && f["name"] == "functional-value-conflict"
            && path_ends_with(f, "good.claims.yaml")
            && f["location"]["line"] == 13
            && f["location"]["column"] == 9
    });
    assert!(ok, "the good file's CC102 finding is missing:\n{json:#}");
}

fn line_col(f: &Value) -> (u64, u64) {
    let l = &f["location"];
    (
        l["line"].as_u64().expect("line"),
        l["column"].as_u64().expect("column"),
    )
}

fn message(f: &Value) -> &str {
    f["message"].as_str().expect("message")
}

fn help(f: &Value) -> &str {
    f["help"].as_str().unwrap_or("")
}

/// Messages are lowercase and end without a period.
fn assert_style(f: &Value) {
    let m = message(f);
    assert!(!m.ends_with('.'), "message ends with a period: {m}");
    assert!(
        !m.starts_with(|c: char| c.is_uppercase()),
        "message starts uppercase: {m}"
    );
}

/// Runs one bad file next to the good one; returns its CC001 finding's JSON.
fn bad_file(bytes: impl AsRef<[u8]>) -> Value {
    let dir = folder_with(bytes);
    let json = check_json(dir.path());
    assert_good_checked(&json);
    let f = invalid_file(&json, BAD).clone();
    assert_style(&f);
    f
}

/// Line, character column and byte offset of the first `needle` in `text`.
fn position(text: &str, needle: &str) -> (u64, u64, u64) {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u64, column as u64, at as u64)
}

// ---------------------------------------------------------------------------------------
// Unknown keys and values, with "did you mean"

#[test]
fn unknown_key_is_located_with_did_you_mean() {
    let f = bad_file("claims:\n  - id: c\n    sourse: a\n");
    assert_eq!(line_col(&f), (3, 5));
    assert_eq!(f["location"]["byte_offset"], 22);
    assert_eq!(f["location"]["byte_length"], 6);
    assert!(message(&f).contains("unknown field `sourse`"), "{f:#}");
    assert!(help(&f).contains("did you mean `source`"), "{f:#}");
}

#[test]
fn unknown_keys_in_nested_mappings_suggest_from_their_own_keys() {
    for (tail, line, column, wanted) in [
        ("    object: {nmber: 3}\n", 6, 14, "number"),
        ("    valid: {at: 2020, fro: 2021}\n", 6, 23, "from"),
        (
            "    suppress:\n      - {chek: CC102, reason: x}\n",
            7,
            10,
            "check",
        ),
    ] {
        let f = bad_file(format!("{CLAIM}{tail}"));
        assert_eq!(line_col(&f), (line, column), "{tail}: {f:#}");
        let want = format!("did you mean `{wanted}`");
        assert!(help(&f).contains(&want), "{tail}: {f:#}");
    }
    let f = bad_file("sources:\n  - id: s\n    titel: x\n");
    assert_eq!(line_col(&f), (3, 5));
    assert!(help(&f).contains("did you mean `title`"), "{f:#}");
    let f = bad_file("claimz: []\n");
    assert_eq!(line_col(&f), (1, 1));
    assert!(help(&f).contains("did you mean `claims`"), "{f:#}");
}

#[test]
fn unknown_value_of_a_keyword_suggests_one() {
    let f = bad_file(format!("{CLAIM}    polarity: denyed\n"));
    assert_eq!(line_col(&f), (6, 15));
    assert!(message(&f).contains("`denyed`"), "{f:#}");
    assert!(help(&f).contains("did you mean `denied`"), "{f:#}");
}

// ---------------------------------------------------------------------------------------
// Wrong types, malformed YAML, duplicate keys

#[test]
fn wrong_types_are_located() {
    for (text, line, column, says) in [
        (format!("{CLAIM}    polarity: 3\n"), 6, 15, "`3`"),
        ("claims: {}\n".to_string(), 1, 9, "expected a list"),
        ("claims:\n".to_string(), 1, 7, "expected a list"),
        ("sources: [1]\n".to_string(), 1, 11, "expected a mapping"),
        ("- just\n- a list\n".to_string(), 1, 1, "expected a mapping"),
        (format!("{CLAIM}    exclusive: yes\n"), 6, 16, "boolean"),
        (
            format!("{CLAIM}    confidence: high\n"),
            6,
            17,
            "floating point",
        ),
        (format!("{CLAIM}    object: [1, 2]\n"), 6, 5, "invalid type"),
        (
            format!("{CLAIM}    object: 1e400\n"),
            6,
            13,
            "not a finite number",
        ),
        (format!("{CLAIM}    valid: 2020\n"), 6, 12, "needs a key"),
    ] {
        let f = bad_file(&text);
        assert_eq!(line_col(&f), (line, column), "{text}\n{f:#}");
        assert!(message(&f).contains(says), "{text}\n{f:#}");
    }
}

#[test]
fn missing_required_key_is_located_at_its_item() {
    // Located inside the item (serde reports it where the mapping's last key is read).
    let f = bad_file("claims:\n  - id: c\n    subject: kim\n");
    assert!([2, 3].contains(&line_col(&f).0), "{f:#}");
    assert!(message(&f).contains("missing field `source`"), "{f:#}");
}

#[test]
fn malformed_yaml_is_located() {
    for (text, line, column, says) in [
        (
            "claims:\n  - id: \"c\n    source: a\n",
            2,
            9,
            "unclosed quote",
        ),
        ("claims:\n  - id: c\n     source: a\n", 3, 12, "not allowed"),
        ("claims:\n\t- id: c\n", 2, 2, "tabs"),
        ("entities: [{id: a}\n", 1, 11, "unclosed bracket"),
        (
            "claims:\n  - id: c\n    note: *nowhere\n",
            3,
            11,
            "unknown anchor",
        ),
        (
            "claims: []\n---\nclaims: []\n",
            3,
            1,
            "second YAML document",
        ),
    ] {
        let f = bad_file(text);
        assert_eq!(line_col(&f), (line, column), "{text}\n{f:#}");
        assert!(message(&f).contains(says), "{text}\n{f:#}");
        assert!(
            !message(&f).contains(" at line "),
            "location repeated in the message: {f:#}"
        );
    }
}

#[test]
fn colon_in_an_unquoted_value_says_to_quote_it() {
    for (tail, column, quoted) in [
        (
            "    quote: He said: no comment\n",
            19,
            r#"`quote: "He said: no comment"`"#,
        ),
        (
            "    note: Update: the toll rose\n",
            17,
            r#"`note: "Update: the toll rose"`"#,
        ),
        (
            "    note: Update:\n    object: 3\n",
            17,
            r#"`note: "Update:"`"#,
        ),
    ] {
        let f = bad_file(format!("{CLAIM}{tail}"));
        assert_eq!(line_col(&f), (6, column), "{tail}\n{f:#}");
        assert!(help(&f).contains("put it in quotes: "), "{tail}\n{f:#}");
        assert!(help(&f).contains(quoted), "{tail}\n{f:#}");
    }
    let f = bad_file(
        "claims:\n  - {id: c, source: a, subject: kim, predicate: age, note: He said: no}\n",
    );
    assert!(help(&f).contains(r#"`note: "He said: no"`"#), "{f:#}");
    // Another syntax error gets no such help.
    let f = bad_file("claims:\n  - id: c\n     source: a\n");
    assert!(!help(&f).contains("quotes"), "{f:#}");
}

#[test]
fn duplicate_key_in_one_mapping_is_located_at_the_second() {
    let f = bad_file("claims:\n  - id: c\n    id: d\n    source: a\n");
    assert_eq!(line_col(&f), (3, 5));
    assert!(message(&f).contains("duplicate key `id`"), "{f:#}");
    assert!(
        !message(&f).contains("DuplicateKeyPolicy"),
        "an API name leaks into the message: {f:#}"
    );
}

// ---------------------------------------------------------------------------------------
// Empty files

#[test]
fn empty_files_say_so() {
    for text in [
        "",
        "\n\n",
        "# only\n  # comments\n",
        "---\n",
        "---\n...\n",
        "\r\n",
    ] {
        let f = bad_file(text);
        assert_eq!(line_col(&f), (1, 1), "{text:?}");
        assert_eq!(message(&f), "claim file is empty", "{text:?}");
    }
}

// ---------------------------------------------------------------------------------------
// Encoding: invalid UTF-8, BOM, CRLF

#[test]
fn invalid_utf8_is_located_at_the_first_bad_byte() {
    let f = bad_file(b"claims:\n  - id: c\xff\xfe\n    source: a\n");
    assert_eq!(line_col(&f), (2, 10));
    assert_eq!(f["location"]["byte_offset"], 17);
    assert!(message(&f).contains("invalid UTF-8 at byte 17"), "{f:#}");

    // The column counts characters, not bytes: `“” ` are 3 bytes each.
    let f = bad_file(b"sources:\n  - id: \xe2\x80\x9cx\xe2\x80\x9d\n    note: ab\xc3\n");
    assert_eq!(line_col(&f), (3, 13), "{f:#}");

    // A truncated sequence at the very end.
    let f = bad_file(b"claims:\n  - id: c\xe2\x80");
    assert_eq!(line_col(&f), (2, 10), "{f:#}");
}

#[test]
fn invalid_utf8_after_a_bom_keeps_the_column() {
    let f = bad_file(b"\xef\xbb\xbfclaims: \xff\n");
    assert_eq!(line_col(&f), (1, 9), "{f:#}");
    // The message gives the offset in the file, BOM included.
    assert!(message(&f).contains("at byte 11"), "{f:#}");
}

/// `GOOD` with other ids (so it does not clash with good.claims.yaml) in CRLF and/or with
/// a BOM, and the CC102 finding it must give.
fn variant(crlf: bool, bom: bool) -> (Vec<u8>, String) {
    let text = GOOD
        .replace("id: a\n", "id: va\n")
        .replace("id: b\n", "id: vb\n")
        .replace("source: a\n", "source: va\n")
        .replace("source: b\n", "source: vb\n")
        .replace("kim", "kit")
        .replace("a-age", "va-age")
        .replace("b-age", "vb-age");
    let text = if crlf {
        text.replace('\n', "\r\n")
    } else {
        text
    };
    let mut bytes = Vec::new();
    if bom {
        bytes.extend_from_slice("\u{feff}".as_bytes());
    }
    bytes.extend_from_slice(text.as_bytes());
    (bytes, text)
}

fn assert_variant_checked(crlf: bool, bom: bool) {
    let (bytes, text) = variant(crlf, bom);
    let dir = folder_with(&bytes);
    let json = check_json(dir.path());
    assert_good_checked(&json);
    let (line, column, offset) = position(&text, "vb-age");
    let f = findings(&json)
        .iter()
        .find(|f| f["code"] == "CC102" && path_ends_with(f, BAD))
        .unwrap_or_else(|| panic!("no CC102 in the variant file:\n{json:#}"));
    assert_eq!(line_col(f), (line, column), "{f:#}");
    assert_eq!(line, 13);
    // Byte offsets count from the first character after the BOM (the text the report
    // shows), and include each `\r`.
    assert_eq!(f["location"]["byte_offset"], offset, "{f:#}");
    assert_eq!(f["location"]["byte_length"], 6, "{f:#}");
    assert!(
        findings(&json).iter().all(|f| f["code"] != "CC001"),
        "{json:#}"
    );

    // The text report shows the same places without panicking.
    let run = run_in(dir.path(), &[".", "--format", "text", "--color", "never"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("{BAD}:13:9")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("vb-age"), "{}", run.stdout);
    let run = run_in(dir.path(), &[".", "--format", "concise"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
}

#[test]
fn crlf_file_is_checked_with_right_lines_and_offsets() {
    assert_variant_checked(true, false);
}

#[test]
fn bom_file_is_checked_with_right_lines_and_columns() {
    assert_variant_checked(false, true);
}

#[test]
fn bom_and_crlf_file_is_checked() {
    assert_variant_checked(true, true);
}

#[test]
fn errors_in_crlf_and_bom_files_are_located() {
    // An unknown key on line 1 after a BOM: column 1, not 2.
    let f = bad_file("\u{feff}claimz: []\r\n");
    assert_eq!(line_col(&f), (1, 1), "{f:#}");
    assert_eq!(f["location"]["byte_offset"], 0);

    let text = "claims:\r\n  - id: “c”\r\n    sourse: a\r\n";
    let f = bad_file(text);
    let (line, column, offset) = position(text, "sourse");
    assert_eq!(line_col(&f), (line, column), "{f:#}");
    assert_eq!(f["location"]["byte_offset"], offset, "{f:#}");
    assert!(help(&f).contains("did you mean `source`"), "{f:#}");

    // Text output of errors at line ends in CRLF files.
    for text in [
        "claims:\r\n  - id: \"c\r\n",
        "claims:\r\n  - id: c\r\n     source: a\r\n",
        "\u{feff}claims: [\r\n",
        "claims:\r\n  - id: c\r\n    valid: {at: 2020-13}\r\n    source: a\r\n    subject: kim\r\n    predicate: age\r\n",
    ] {
        let dir = folder_with(text);
        let run = run_in(dir.path(), &[".", "--format", "text", "--color", "never"]);
        assert_eq!(run.code, 1, "{text:?}\n{}", run.stderr);
        assert!(run.stdout.contains(BAD), "{text:?}\n{}", run.stdout);
    }
}

#[test]
fn lone_cr_counts_as_a_line_break() {
    // Old Mac line ends: YAML counts a lone CR as a line break, and so do the spans and
    // the text report (it is read as LF, which keeps every byte offset).
    let f = bad_file("claims:\r  - id: c\r    sourse: a\r");
    assert_eq!(line_col(&f), (3, 5), "{f:#}");
    assert_eq!(f["location"]["byte_offset"], 22, "{f:#}");
    assert!(help(&f).contains("did you mean `source`"), "{f:#}");

    let (bytes, _) = variant(false, false);
    let dir = folder_with(String::from_utf8(bytes).expect("utf-8").replace('\n', "\r"));
    let json = check_json(dir.path());
    assert_good_checked(&json);
    let f = findings(&json)
        .iter()
        .find(|f| f["code"] == "CC102" && path_ends_with(f, BAD))
        .unwrap_or_else(|| panic!("no CC102 in the CR file:\n{json:#}"));
    assert_eq!(line_col(f), (13, 9), "{f:#}");
    let run = run_in(dir.path(), &[".", "--format", "text", "--color", "never"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stdout.contains(&format!("{BAD}:13:9")),
        "{}",
        run.stdout
    );
}

// ---------------------------------------------------------------------------------------
// Limits: size, alias expansion, nesting

#[test]
fn fifty_megabyte_file_is_refused_quickly() {
    let dir = folder();
    let file = std::fs::File::create(dir.path().join(BAD)).expect("create");
    file.set_len(50 << 20).expect("set_len");
    drop(file);
    let run = run_in(dir.path(), &[".", "--format", "json"]);
    let f = &run.invalid_file(BAD);
    assert_eq!(line_col(f), (1, 1));
    assert!(message(f).contains("over the limit"), "{f:#}");
    assert!(message(f).contains("52428800 bytes"), "{f:#}");
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

/// Nine levels of nine aliases: 9^9 (387 million) strings once expanded, in `evidence`
/// (which accepts any YAML, so nothing stops it before the aliases are expanded).
fn billion_laughs() -> String {
    let mut text = format!("{CLAIM}    evidence:\n");
    text.push_str("      l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
    for i in 1..=9 {
        let refs = vec![format!("*l{}", i - 1); 9].join(", ");
        text.push_str(&format!("      l{i}: &l{i} [{refs}]\n"));
    }
    text
}

#[test]
fn billion_laughs_hits_a_budget_quickly() {
    let dir = folder_with(billion_laughs());
    let run = run_in(dir.path(), &[".", "--format", "json"]);
    let f = &run.invalid_file(BAD);
    assert_style(f);
    assert!(message(f).contains("aliases expand to more than"), "{f:#}");
    assert!(help(f).contains("hostile file"), "{f:#}");
    // Located where an expansion goes over the limit, inside `evidence`.
    assert!(line_col(f).0 >= 7, "{f:#}");
    assert!(run.elapsed < Duration::from_secs(10), "{:?}", run.elapsed);
}

#[test]
fn billion_laughs_loads_in_under_two_seconds() {
    let start = Instant::now();
    let loaded = load_one(&billion_laughs());
    let elapsed = start.elapsed();
    assert_eq!(loaded.problems.len(), 1, "{:?}", loaded.problems);
    assert!(loaded.problems[0].message.contains("aliases"));
    assert!(elapsed < Duration::from_secs(2), "took {elapsed:?}");
}

#[test]
fn aliases_used_honestly_still_load() {
    // One anchor used many times is fine (no alias/anchor ratio heuristic).
    let mut text = String::from("sources:\n  - id: s\nentities:\n  - id: e\nclaims:\n");
    for i in 0..300 {
        let anchor = if i == 0 { "&v " } else { "" };
        let valid = if i == 0 { "{at: 2020}" } else { "*v" };
        text.push_str(&format!(
            "  - {{id: c{i}, source: s, subject: e, predicate: alive, valid: {anchor}{valid}}}\n"
        ));
    }
    let loaded = load_one(&text);
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    assert_eq!(loaded.files[0].claims.len(), 300);
}

fn assert_depth_error(text: &str) {
    let dir = folder_with(text);
    let json = check_json(dir.path());
    assert_good_checked(&json);
    let f = invalid_file(&json, BAD);
    assert_style(f);
    assert!(
        message(f).contains("nesting deeper than 32 levels"),
        "{f:#}"
    );
    assert!(line_col(f).0 >= 1 && line_col(f).1 >= 1);
}

#[test]
fn ten_thousand_deep_flow_nesting_is_refused() {
    let n = 10_000;
    assert_depth_error(&format!("claims: {}{}\n", "[".repeat(n), "]".repeat(n)));
    assert_depth_error(&format!(
        "{CLAIM}    evidence: {}{}\n",
        "[".repeat(n),
        "]".repeat(n)
    ));
    assert_depth_error(&format!(
        "{CLAIM}    evidence: {}1{}\n",
        "{a: ".repeat(n),
        "}".repeat(n)
    ));
    // Unclosed: the depth error comes before the end of input.
    assert_depth_error(&format!("{CLAIM}    evidence: {}\n", "[".repeat(n)));
}

#[test]
fn ten_thousand_deep_block_nesting_is_refused() {
    let n = 10_000;
    // Block sequences and block mappings (explicit keys) can nest on one line.
    assert_depth_error(&format!(
        "{CLAIM}    evidence:\n      {}x\n",
        "- ".repeat(n)
    ));
    assert_depth_error(&format!(
        "{CLAIM}    evidence:\n      {}x\n",
        "? ".repeat(n)
    ));
    assert_depth_error(&format!("claims:\n  - {}x\n", "? ".repeat(n)));
}

#[test]
fn deep_indented_block_mappings_are_refused() {
    // Indentation makes n levels cost n²/2 bytes: 4,000 levels are 8 MB, under the size
    // limit, so the depth limit is what answers.
    let n = 4_000;
    let mut text = format!("{CLAIM}    evidence:\n");
    for i in 0..n {
        text.push_str(&" ".repeat(6 + i));
        text.push_str("k:\n");
    }
    text.push_str(&" ".repeat(6 + n));
    text.push_str("k: 1\n");
    assert_depth_error(&text);
}

// ---------------------------------------------------------------------------------------
// The file system: symlink loops, FIFOs, permissions, paths

#[cfg(unix)]
#[test]
fn directory_symlink_loop_is_a_located_finding() {
    let dir = folder();
    let a = dir.path().join("a");
    std::fs::create_dir(&a).expect("mkdir a");
    std::fs::write(a.join("inner.claims.yaml"), "claimz: []\n").expect("write");
    std::os::unix::fs::symlink(&a, a.join("b")).expect("symlink a/b -> a");
    let json = check_json(dir.path());
    assert_good_checked(&json);
    let f = invalid_file(&json, "a/b");
    assert_eq!(line_col(f), (1, 1));
    assert!(message(f).contains("symlink loop"), "{f:#}");
    // The files inside the loop are still checked, once.
    let inner = invalid_file(&json, "inner.claims.yaml");
    assert!(help(inner).contains("did you mean `claims`"), "{inner:#}");
}

/// Says why a test checks nothing here.
#[cfg(unix)]
#[allow(clippy::print_stderr)]
fn skip(why: &str) {
    eprintln!("skipped: {why}");
}

#[cfg(unix)]
fn mkfifo(path: &Path) -> bool {
    std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .is_ok_and(|s| s.success())
}

#[cfg(unix)]
#[test]
fn fifo_in_a_folder_is_reported_not_read() {
    let dir = folder();
    if !mkfifo(&dir.path().join(BAD)) {
        skip("mkfifo is not available");
        return;
    }
    let json = check_json(dir.path());
    assert_good_checked(&json);
    let f = invalid_file(&json, BAD);
    assert_eq!(line_col(f), (1, 1));
    assert!(message(f).contains("not a regular file"), "{f:#}");
}

#[cfg(unix)]
#[test]
fn fifo_given_as_a_path_is_reported_not_read() {
    let dir = folder();
    let fifo = dir.path().join("pipe.yaml");
    if !mkfifo(&fifo) {
        skip("mkfifo is not available");
        return;
    }
    let run = run_in(
        dir.path(),
        &["pipe.yaml", "good.claims.yaml", "--format", "json"],
    );
    let f = &run.invalid_file("pipe.yaml");
    assert!(message(f).contains("not a regular file"), "{f:#}");
}

#[cfg(unix)]
#[test]
fn special_file_given_as_a_path_is_reported_not_read() {
    // /dev/zero would never end if it were read.
    let dir = folder();
    let run = run_in(
        dir.path(),
        &["/dev/zero", "good.claims.yaml", "--format", "json"],
    );
    let f = &run.invalid_file("/dev/zero");
    assert!(message(f).contains("not a regular file"), "{f:#}");
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_a_located_finding() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = folder_with(GOOD);
    let bad = dir.path().join(BAD);
    std::fs::set_permissions(&bad, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads a `chmod 000` file: run the tool without the capabilities that let it
    // (`setpriv` drops them from the bounding set, so the exec'd binary never has them).
    let wrapper: &[&str] = if std::fs::read(&bad).is_ok() {
        &[
            "setpriv",
            "--bounding-set",
            "-dac_override,-dac_read_search",
        ]
    } else {
        &[]
    };
    if !wrapper.is_empty() && !setpriv_drops_read_access(&bad) {
        skip("running as root without a working `setpriv`: permission denied cannot be provoked");
        return;
    }
    let run = run_wrapped(dir.path(), wrapper, &[".", "--format", "json"]);
    let f = &run.invalid_file(BAD);
    assert_eq!(line_col(f), (1, 1));
    assert!(message(f).contains("ermission denied"), "{f:#}");
}

/// Whether `setpriv` exists here and really takes read access to `path` away.
#[cfg(unix)]
fn setpriv_drops_read_access(path: &Path) -> bool {
    std::process::Command::new("setpriv")
        .args(["--bounding-set", "-dac_override,-dac_read_search", "cat"])
        .arg(path)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| !s.success())
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_a_located_finding() {
    let dir = folder();
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join(BAD)).expect("symlink");
    let json = check_json(dir.path());
    assert_good_checked(&json);
    invalid_file(&json, BAD);
}

#[test]
fn missing_path_is_a_usage_error() {
    let dir = folder();
    let run = run_in(
        dir.path(),
        &[
            "nowhere.claims.yaml",
            "good.claims.yaml",
            "--format",
            "json",
        ],
    );
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere.claims.yaml"), "{}", run.stderr);
}

#[test]
fn every_bad_file_at_once_and_the_good_one_is_still_checked() {
    let dir = folder();
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "a-unknown.claims.yaml",
            b"claims:\n  - id: c\n    sourse: a\n".to_vec(),
        ),
        ("b-utf8.claims.yaml", b"claims: \xff\n".to_vec()),
        ("c-empty.claims.yaml", Vec::new()),
        ("d-laughs.claims.yaml", billion_laughs().into_bytes()),
        (
            "e-deep.claims.yaml",
            format!("claims: {}", "[".repeat(10_000)).into_bytes(),
        ),
        ("f-dup.claims.yaml", b"claims: []\nclaims: []\n".to_vec()),
        ("g-types.claims.yml", b"claims: {}\n".to_vec()),
    ];
    for (name, bytes) in &files {
        std::fs::write(dir.path().join(name), bytes).expect("write");
    }
    std::fs::write(dir.path().join("ignored.yaml"), "not: [a claim file").expect("write");
    let json = check_json(dir.path());
    assert_good_checked(&json);
    for (name, _) in &files {
        invalid_file(&json, name);
    }
    assert_eq!(
        findings(&json)
            .iter()
            .filter(|f| f["code"] == "CC001")
            .count(),
        files.len(),
        "{json:#}"
    );
}

// ---------------------------------------------------------------------------------------
// The summary line names the claim files that could not be read

#[test]
fn a_file_that_does_not_parse_is_named_in_the_summary_line() {
    let dir = folder_with(format!(
        "{CLAIM}    quote: He said: no comment\n  - id: d\n    source: a\n  - {{id: e, source: b}}\n"
    ));
    let said = "; 1 file could not be read (./bad.claims.yaml); about 3 claims were not checked";
    for format in ["text", "concise"] {
        let run = run_in(dir.path(), &[".", "--format", format]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stdout.contains("error[CC102]"), "{}", run.stdout);
        let last = run.stdout.lines().last().unwrap_or("");
        assert!(last.starts_with("2 errors, "), "{}", run.stdout);
        assert!(last.ends_with(said), "{format}: {last}");
    }
    let json = check_json(dir.path());
    assert_good_checked(&json);
    assert_eq!(
        json["summary"]["unreadable_files"],
        serde_json::json!([{"path": "./bad.claims.yaml", "claims_not_checked": 3}]),
        "{json:#}"
    );
    // Every file read: nothing added.
    let run = run_in(folder().path(), &[".", "--format", "json"]);
    assert_eq!(
        run.json()["summary"]["unreadable_files"],
        serde_json::json!([])
    );
}

#[cfg(unix)]
#[test]
fn a_file_that_cannot_be_read_at_all_is_named_in_the_summary_line() {
    let dir = folder_with("claimz: []\n");
    std::os::unix::fs::symlink(dir.path().join("nowhere"), dir.path().join("a.claims.yaml"))
        .expect("symlink");
    let run = run_in(dir.path(), &[".", "--format", "concise"]);
    let last = run.stdout.lines().last().unwrap_or("");
    assert!(
        last.ends_with(
            "; 2 files could not be read (./a.claims.yaml, ./bad.claims.yaml); their claims were not checked"
        ),
        "{last}"
    );
    let json = check_json(dir.path());
    assert_eq!(
        json["summary"]["unreadable_files"],
        serde_json::json!([
            {"path": "./a.claims.yaml", "claims_not_checked": null},
            {"path": "./bad.claims.yaml", "claims_not_checked": 0},
        ]),
        "{json:#}"
    );
}

// ---------------------------------------------------------------------------------------
// Rules folders: errors there stop the run (exit 2) with `path:line:col`

fn rules_run(files: &[(&str, &str)]) -> Run {
    let dir = folder();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("mkdir rules");
    for (name, text) in files {
        std::fs::write(rules.join(name), text).expect("write rules");
    }
    let run = run_in(dir.path(), &[".", "--rules", "rules", "--format", "json"]);
    assert_eq!(
        run.code, 2,
        "stdout:\n{}\nstderr:\n{}",
        run.stdout, run.stderr
    );
    run
}

#[test]
fn malformed_rules_file_stops_the_run_with_its_location() {
    let run = rules_run(&[(
        "bad.yaml",
        "predicates:\n  foo:\n    description: \"unclosed\n",
    )]);
    assert!(run.stderr.contains("bad.yaml:3:18:"), "{}", run.stderr);
    assert!(run.stderr.contains("unclosed quote"), "{}", run.stderr);
}

#[test]
fn unknown_key_in_rules_file_stops_the_run_with_its_location() {
    let run = rules_run(&[("bad.yml", "predicates:\n  foo:\n    functionl: true\n")]);
    assert!(run.stderr.contains("bad.yml:3:5:"), "{}", run.stderr);
    assert!(run.stderr.contains("functionl"), "{}", run.stderr);
}

#[test]
fn unknown_check_in_rules_severity_stops_the_run() {
    let run = rules_run(&[(
        "checks.yaml",
        "severity:\n  functional-value-confict: off\n",
    )]);
    assert!(run.stderr.contains("checks.yaml:2:"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("unknown check `functional-value-confict`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("did you mean `functional-value-conflict`"),
        "{}",
        run.stderr
    );
}

#[test]
fn unknown_severity_level_in_rules_stops_the_run() {
    let run = rules_run(&[("checks.yaml", "severity:\n  CC102: offf\n")]);
    assert!(run.stderr.contains("checks.yaml:2:10:"), "{}", run.stderr);
    assert!(run.stderr.contains("offf"), "{}", run.stderr);
}

#[test]
fn rules_file_with_bom_crlf_and_invalid_utf8() {
    let run = rules_run(&[("x.yaml", "\u{feff}severity:\r\n  CC102: offf\r\n")]);
    assert!(run.stderr.contains("x.yaml:2:10:"), "{}", run.stderr);
    let dir = folder();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("mkdir rules");
    std::fs::write(rules.join("x.yaml"), b"severity: \xff\n").expect("write");
    let run = run_in(dir.path(), &[".", "--rules", "rules"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("x.yaml:"), "{}", run.stderr);
}

#[test]
fn deep_nesting_in_rules_file_stops_the_run_without_overflow() {
    let text = format!("predicates: {}\n", "[".repeat(10_000));
    let run = rules_run(&[("deep.yaml", &text)]);
    assert!(run.stderr.contains("deep.yaml:1:"), "{}", run.stderr);
}

#[cfg(unix)]
#[test]
fn fifo_in_rules_folder_does_not_hang() {
    let dir = folder();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).expect("mkdir rules");
    if !mkfifo(&rules.join("pipe.yaml")) {
        return;
    }
    // Times out (and fails) instead of hanging the test run.
    let run = run_in(dir.path(), &[".", "--rules", "rules"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("pipe.yaml"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// No input panics the loader (or anything after it)

use claimcheck::load::{self, Limits, Loaded, ReadError};
use claimcheck::model::{SourceMap, Span};

fn load_one(text: &str) -> Loaded {
    let mut loaded = Loaded::default();
    let texts = vec![(PathBuf::from("x.claims.yaml"), Ok(Arc::from(text)))];
    load::load_texts(&mut loaded, texts, &Limits::default());
    loaded
}

/// 1-based line and character column of a byte offset.
fn expected_line_col(text: &str, offset: usize) -> (u32, u32) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let start = before.rfind('\n').map_or(0, |i| i + 1);
    (line as u32, before[start..].chars().count() as u32 + 1)
}

/// A span is inside its file, on character boundaries, and its line and column are those
/// of its first byte.
fn check_span(map: &SourceMap, span: Span, what: &str) -> Result<(), String> {
    let text = &map.get(span.file).text();
    let end = span.start as usize + span.len as usize;
    if end > text.len() {
        return Err(format!(
            "{what}: {span:?} ends past the text ({})",
            text.len()
        ));
    }
    if !text.is_char_boundary(span.start as usize) || !text.is_char_boundary(end) {
        return Err(format!("{what}: {span:?} is not on character boundaries"));
    }
    if span.line == 0 || span.column == 0 {
        return Err(format!("{what}: {span:?} has line or column 0"));
    }
    let want = expected_line_col(text, span.start as usize);
    if (span.line, span.column) != want {
        return Err(format!(
            "{what}: {span:?} says {}:{} but its offset is at {}:{}",
            span.line, span.column, want.0, want.1
        ));
    }
    Ok(())
}

fn check_spans(loaded: &Loaded) -> Result<(), String> {
    let map = &loaded.map;
    for p in &loaded.problems {
        check_span(map, p.span, &format!("problem `{}`", p.message))?;
    }
    for f in &loaded.files {
        for s in &f.sources {
            check_span(map, s.id.span, "source id")?;
        }
        for e in &f.entities {
            check_span(map, e.id.span, "entity id")?;
        }
        for c in &f.concepts {
            check_span(map, c.id.span, "concept id")?;
        }
        for c in &f.claims {
            check_span(map, c.id.span, "claim id")?;
            check_span(map, c.subject.span, "claim subject")?;
            check_span(map, c.predicate.span, "claim predicate")?;
            if let Some(o) = &c.object {
                check_span(map, o.span, "claim object")?;
            }
            if let Some(q) = &c.quote {
                check_span(map, q.span, "claim quote")?;
            }
        }
    }
    Ok(())
}

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEED: &str = "\
# yaml-language-server: $schema=../docs/claim-file.schema.json
sources:
  - id: s1
    outlet: Daily
    title: \"A “quoted” title — with dashes\"
    published: 2022-08-05
    note: >-
      Folded text
      over two lines.
  - {id: s2, outlet: Weekly, published: 2022}
entities:
  - id: kim
    name: Kim
    kind: person
    aliases: [K, \"the singer\"]
concepts:
  - id: c1
    forms: [\"one form\", 'two forms']
claims:
  - id: k-age
    source: s1
    speaker: kim
    said: 2022-08
    subject: kim
    predicate: age
    object: {number: 41, unit: years}
    valid: &v {at: 2020}
    quote: |
      I am 41
    suppress:
      - {check: CC102, claim: w-age, reason: \"known\", expires: 2030}
  - id: w-age
    source: s2
    subject: kim
    predicate: age
    object: 45
    polarity: affirmed
    modality: hedged
    valid: *v
    evidence: {text: \"x\", at: [1, 2, {a: b}]}
  - id: k-cause
    source: s1
    subject: kim
    predicate: caused-by
    object: c1
    exclusive: true
    valid: {from: 2019, to: 2021-03}
    confidence: 0.5
    origin: extracted
";

const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\"",
    "'",
    "&a ",
    "*a",
    "*v",
    "&v ",
    "!",
    "!!str ",
    "!!binary ",
    "!include x ",
    "|",
    "|-",
    ">",
    "#",
    "\t",
    "\r",
    "\r\n",
    "\n",
    "\n  ",
    "---\n",
    "...\n",
    "? ",
    "\u{feff}",
    "“",
    "—",
    "\u{0}",
    "%YAML 1.2\n",
    "<<: *v\n",
    "\\",
    "\\u{",
    "0x",
    "1e999",
    "-1",
    ".nan",
    "~",
    "null",
    "true",
    "yes",
    "2022-13-45",
    "  ",
    "        ",
    "id: ",
    "claims:\n",
    "sources: ",
    "valid: ",
    "object: ",
    "\u{85}",
    "\u{2028}",
];

fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    // Half the inputs get one mutation, so many still parse and reach the checks.
    let mutations = if rng.below(2) == 0 {
        1
    } else {
        1 + rng.below(4)
    };
    for _ in 0..mutations {
        let len = bytes.len();
        let at = rng.below(len + 1);
        match rng.below(9) {
            0 if len > 0 => {
                let i = rng.below(len);
                bytes[i] = rng.next() as u8;
            }
            1 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, t.iter().copied());
            }
            2 => {
                let end = (at + rng.below(40)).min(len);
                bytes.drain(at..end);
            }
            3 => {
                let end = (at + rng.below(200)).min(len);
                let copy = bytes[at..end].to_vec();
                let to = rng.below(len + 1);
                bytes.splice(to..to, copy);
            }
            4 => bytes.truncate(at),
            5 => {
                // Swap two lines.
                let text = String::from_utf8_lossy(&bytes).into_owned();
                let mut lines: Vec<&str> = text.split('\n').collect();
                let (i, j) = (rng.below(lines.len()), rng.below(lines.len()));
                lines.swap(i, j);
                bytes = lines.join("\n").into_bytes();
            }
            6 => {
                // Indent or dedent from a line start.
                let start = bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |i| i + 1);
                if rng.below(2) == 0 {
                    bytes.splice(start..start, *b"  ");
                } else if bytes[start..].starts_with(b" ") {
                    bytes.remove(start);
                }
            }
            7 => {
                // Nest deeply at one place.
                let depth = 25 + rng.below(15);
                let open = ["[", "{a: ", "- "][rng.below(3)].repeat(depth);
                bytes.splice(at..at, open.into_bytes());
            }
            _ => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let end = (at + t.len()).min(len);
                bytes.splice(at..end, t.iter().copied());
            }
        }
    }
    bytes
}

/// Loads, resolves, checks and renders one input, checking spans after loading; returns
/// how many claims of `text` loaded.
fn pipeline(text: &str, rules: &claimcheck::rules::Rules) -> Result<usize, String> {
    use claimcheck::check;
    use claimcheck::report::{self, Format, RenderCtx};
    let mut loaded = Loaded::default();
    let texts = vec![
        (PathBuf::from("good.claims.yaml"), Ok(Arc::from(GOOD))),
        (PathBuf::from("fuzz.claims.yaml"), Ok(Arc::from(text))),
    ];
    load::load_texts(&mut loaded, texts, &Limits::default());
    check_spans(&loaded)?;
    let claims = loaded.files.get(1).map_or(0, |f| f.claims.len());
    let corpus = claimcheck::resolve::resolve(loaded, rules);
    let options = check::sink::Options {
        today: claimcheck::model::FuzzyDate::ymd(2026, 1, 1),
        ..Default::default()
    };
    let report = check::run(&corpus, rules, &options);
    let cx = RenderCtx {
        corpus: &corpus,
        color: false,
    };
    for format in [Format::Text, Format::Concise, Format::Json] {
        let mut out = Vec::new();
        report::render(format, &report, &cx, &mut out).map_err(|e| e.to_string())?;
    }
    Ok(claims)
}

#[test]
fn mutated_claim_files_never_panic_and_spans_stay_right() {
    let rules = claimcheck::rules::Rules::defaults().expect("default rules");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let seeds: Vec<Vec<u8>> = vec![
        SEED.as_bytes().to_vec(),
        SEED.replace('\n', "\r\n").into_bytes(),
        GOOD.as_bytes().to_vec(),
        // Anchors and aliases, small enough to stay under the budget.
        format!(
            "{CLAIM}    evidence:\n      a0: &a0 [x, y, z]\n      a1: &a1 [*a0, *a0, *a0]\n      \
             a2: &a2 [*a1, *a1, *a1]\n    valid: &v {{at: 2020}}\n  - {{id: d, source: b, \
             subject: kim, predicate: age, object: 3, valid: *v}}\n"
        )
        .into_bytes(),
    ];
    for seed in &seeds {
        let text = std::str::from_utf8(seed).expect("seeds are UTF-8");
        assert!(
            pipeline(text, &rules).is_ok_and(|claims| claims > 0),
            "seed does not load:\n{text}"
        );
    }
    let mut failures = Vec::new();
    let mut loaded_some = 0;
    let cases = 2_000;
    for case in 0..cases {
        let seed = &seeds[case % seeds.len()];
        let bytes = mutate(&mut rng, seed);
        // Loading is given text; what reading does with bytes is tested above.
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        let result = std::panic::catch_unwind(|| pipeline(&text, &rules));
        match result {
            Ok(Ok(claims)) => loaded_some += usize::from(claims > 0),
            Ok(Err(e)) => failures.push(format!("case {case}: {e}\ninput: {text:?}")),
            Err(_) => failures.push(format!("case {case}: panicked\ninput: {text:?}")),
        }
        if failures.len() >= 5 {
            break;
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    // Enough mutants still load claims for the checks and reports to see odd input too.
    assert!(
        loaded_some > cases / 20,
        "only {loaded_some} inputs loaded claims"
    );
}

#[test]
fn read_errors_with_any_offset_are_located_in_range() {
    for (text, offset) in [
        (None, 0),
        (None, 99),
        (Some(""), 5),
        (Some("ab“cd"), 3),
        (Some("ab\r\ncd"), 3),
        (Some("abc"), usize::MAX),
    ] {
        let mut loaded = Loaded::default();
        let err = ReadError {
            message: "boom".to_string(),
            offset,
            text: text.map(str::to_string),
        };
        load::load_texts(
            &mut loaded,
            vec![(PathBuf::from("x.claims.yaml"), Err(err))],
            &Limits::default(),
        );
        assert_eq!(loaded.problems.len(), 1);
        let span = loaded.problems[0].span;
        let file = &loaded.map.get(span.file).text();
        assert!(
            span.range().end <= file.len(),
            "{text:?} {offset}: {span:?}"
        );
        assert!(
            file.is_char_boundary(span.start as usize),
            "{text:?} {offset}: {span:?}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// The claim model's forms: figures, relays, retractions, part-of and broader

/// Each malformed form of the claim model is one located finding of its own code, next to a
/// good file that is still checked.
#[test]
fn each_malformed_claim_form_is_located_and_the_rest_is_checked() {
    let cases: &[(&str, &str, &str, &str)] = &[
        // (bad file, code, the text the finding points at, words of the message)
        (
            "claims:\n  - {id: c, source: a, subject: kim, predicate: age, object: {min: 5, max: 3}}\n",
            "CC001",
            "{min: 5",
            "`min: 5` is larger than `max: 3`",
        ),
        (
            "claims:\n  - {id: c, source: a, subject: kim, predicate: age, object: {about: 0}}\n",
            "CC001",
            "{about",
            "`about: 0` is not an approximate figure",
        ),
        (
            "concepts:\n  - {id: k}\nclaims:\n  - {id: c, source: a, subject: kim, predicate: age, object: 41, via: [k]}\n",
            "CC003",
            "k]",
            "`via` names concept `k`",
        ),
        (
            "claims:\n  - {id: c, source: a, subject: kim, predicate: age, object: 41, via: [a-age]}\n",
            "CC003",
            "a-age]",
            "`via` names claim `a-age`",
        ),
        (
            "entities:\n  - {id: pat}\n  - {id: lee}\nclaims:\n  - {id: c1, source: a, speaker: pat, said: 2020, subject: kim, predicate: lives-in, object: rome}\n  - {id: c2, source: b, speaker: lee, said: 2021, retracts: c1, subject: kim, predicate: lives-in, object: oslo}\n",
            "CC003",
            "c1, subject",
            "names a claim of pat, not of lee",
        ),
        (
            "entities:\n  - {id: pat}\nclaims:\n  - {id: c1, source: a, speaker: pat, said: 2022, subject: kim, predicate: lives-in, object: rome}\n  - {id: c2, source: b, speaker: pat, said: 2021, retracts: c1, subject: kim, predicate: lives-in, object: oslo}\n",
            "CC003",
            "c1, subject",
            "names a claim said later",
        ),
        (
            "entities:\n  - {id: e1, part-of: [e2]}\n  - {id: e2, part-of: [e1]}\n",
            "CC003",
            "e1]",
            "makes a cycle",
        ),
        (
            "concepts:\n  - {id: k, broader: [kim]}\n",
            "CC003",
            "kim]",
            "`broader` names entity `kim`",
        ),
        (
            "claims:\n  - {id: c, source: a, said: 2020-01-01T24:00, subject: kim, predicate: age, object: 41}\n",
            "CC004",
            "2020-01-01T24:00",
            "is not a time of day",
        ),
    ];
    for (text, code, at, words) in cases {
        let dir = folder_with(text);
        let json = check_json(dir.path());
        assert_good_checked(&json);
        let found: Vec<&Value> = findings(&json)
            .iter()
            .filter(|f| f["code"] == *code && path_ends_with(f, BAD))
            .collect();
        assert_eq!(found.len(), 1, "{text}: one {code} expected in:\n{json:#}");
        let f = found[0];
        assert!(message(f).contains(words), "{text}: {}", message(f));
        assert_style(f);
        let (line, column, _) = position(text, at);
        assert_eq!(line_col(f), (line, column), "{text}: {}", message(f));
    }
}

/// A percentage tolerance above 100 % stops the run with the rules file's location.
#[test]
fn a_tolerance_over_100_percent_is_a_located_rules_error() {
    let dir = folder();
    let rules = dir.path().join("rules");
    std::fs::create_dir(&rules).unwrap();
    std::fs::write(
        rules.join("r.yaml"),
        "predicates:\n  ridership:\n    functional: true\n    tolerance: 150%\n",
    )
    .unwrap();
    let run = run_in(dir.path(), &[".", "--rules", "rules"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("r.yaml:4:16")
            && run.stderr.contains("tolerance `150%` is out of range"),
        "{}",
        run.stderr
    );
}
