//! The JSON Schemas in docs/ against the loader and the rules parser.
//!
//! - `claimcheck schema` prints docs/claim-file.schema.json, which is valid JSON.
//! - Drift: for every kind of mapping (file, source, entity, concept, claim, suppression,
//!   valid, object mapping, rules file, predicate) the keys the schema allows are exactly
//!   the keys the loader accepts, and a schema-valid use of each key loads cleanly.
//! - Inputs the loader refuses (bad dates, `valid` mixing `at` and `from`, an object
//!   mapping with two values, a suppression without a reason, …) are refused by the schema.
//! - The seed claim files, the built-in rules files and the YAML examples of
//!   docs/claim-format.md validate against their schemas, with a small validator (below)
//!   for the keywords the schemas use; the completion lists in the schemas (check names,
//!   predicates) match the registry and rules/predicates.yaml.

#[path = "support/json_schema.rs"]
mod json_schema;

use assert_cmd::Command;
use json_schema::{DATE_PATTERN, Validator, matches_date_pattern};
use serde_json::{Map, Value, json};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A key no mapping accepts, to make the loader list the keys it does accept.
const BAD_KEY: &str = "zz-not-a-key";

fn root() -> &'static Path {
    Path::new(ROOT)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

fn claim_schema() -> Value {
    serde_json::from_str(&read("docs/claim-file.schema.json"))
        .expect("docs/claim-file.schema.json is valid JSON")
}

fn rules_schema() -> Value {
    serde_json::from_str(&read("docs/rules.schema.json"))
        .expect("docs/rules.schema.json is valid JSON")
}

/// YAML as JSON, read like the loader and yaml-language-server read it (YAML 1.2 booleans:
/// only `true` and `false`, so `severity: {x: off}` stays the string `off`).
fn yaml_to_json(text: &str) -> Value {
    let options = serde_saphyr::options! { strict_booleans: true };
    serde_saphyr::from_str_with_options::<Value>(text, options)
        .expect("YAML parses into a JSON value")
}

fn claimcheck() -> Command {
    let mut cmd = Command::cargo_bin("claimcheck").expect("the claimcheck binary is built");
    cmd.env("RUST_BACKTRACE", "0")
        .env_remove("CLAIMCHECK_FORMAT")
        .env("CLAIMCHECK_TODAY", "2024-01-01");
    cmd
}

/// Runs `claimcheck check DIR --format json` and returns its findings.
fn check_dir(dir: &Path) -> Vec<Value> {
    let out = claimcheck()
        .arg("check")
        .arg(dir)
        .args(["--format", "json", "--color", "never"])
        .output()
        .expect("claimcheck runs");
    let code = out.status.code();
    assert!(
        matches!(code, Some(0 | 1)),
        "claimcheck check exited with {code:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("the JSON report parses");
    report["findings"]
        .as_array()
        .expect("the report has findings")
        .clone()
}

fn finding_path(f: &Value) -> &str {
    f["location"]["path"].as_str().unwrap_or("")
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

// ---------------------------------------------------------------------------------------
// The JSON Schema validator (tests/support/json_schema.rs) checks what it claims to.
// ---------------------------------------------------------------------------------------

#[test]
fn validator_checks_what_it_claims_to() {
    for ok in ["2022", "2022-08", "2022-08-04", "0999", "2022-12-31"] {
        assert!(matches_date_pattern(ok), "{ok}");
    }
    for bad in [
        "22",
        "2022-8",
        "2022-13",
        "2022-00",
        "2022-08-32",
        "2022-08-4",
        "2022/08",
        "",
    ] {
        assert!(!matches_date_pattern(bad), "{bad}");
    }
    let schema = claim_schema();
    let v = Validator::new(&schema);
    assert!(v.errors(&json!({"claims": [{"id": "a"}]}))[0].contains("missing required"));
    assert!(v.errors(&json!({"claimz": []}))[0].contains("unknown key"));
}

// ---------------------------------------------------------------------------------------
// (a) `claimcheck schema`
// ---------------------------------------------------------------------------------------

#[test]
fn schema_command_prints_the_claim_file_schema() {
    let out = claimcheck()
        .arg("schema")
        .output()
        .expect("claimcheck runs");
    assert!(out.status.success(), "claimcheck schema failed");
    let printed = String::from_utf8(out.stdout).expect("UTF-8");
    assert_eq!(printed, read("docs/claim-file.schema.json"));
    let schema: Value = serde_json::from_str(&printed).expect("the printed schema is JSON");
    assert_eq!(schema["$schema"], "http://json-schema.org/draft-07/schema#");
}

/// Every `$ref` resolves, and every property has a description (editors show it on hover).
fn assert_well_formed(schema: &Value, name: &str) {
    fn walk(root: &Value, v: &Value, at: &str, name: &str) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    let pointer = r.strip_prefix('#').expect("local $ref");
                    assert!(
                        root.pointer(pointer).is_some(),
                        "{name}{at}: $ref {r} dangles"
                    );
                }
                if let Some(Value::Object(props)) = m.get("properties") {
                    // `false` forbids a key (`valid.at` beside `from`); it needs no text.
                    for (key, sub) in props.iter().filter(|(_, sub)| !sub.is_boolean()) {
                        assert!(
                            sub.get("description")
                                .and_then(Value::as_str)
                                .is_some_and(|d| !d.is_empty()),
                            "{name}{at}/properties/{key} has no description"
                        );
                    }
                }
                for (k, sub) in m {
                    walk(root, sub, &format!("{at}/{k}"), name);
                }
            }
            Value::Array(a) => {
                for (i, sub) in a.iter().enumerate() {
                    walk(root, sub, &format!("{at}/{i}"), name);
                }
            }
            _ => {}
        }
    }
    walk(schema, schema, "", name);
    for (key, def) in schema["definitions"].as_object().unwrap() {
        assert!(
            def.get("description").is_some(),
            "{name}: definition {key} has no description"
        );
    }
}

#[test]
fn schemas_are_well_formed() {
    assert_well_formed(&claim_schema(), "claim-file.schema.json");
    assert_well_formed(&rules_schema(), "rules.schema.json");
}

// ---------------------------------------------------------------------------------------
// (b) drift between the schema and the loader
// ---------------------------------------------------------------------------------------

/// Where each kind of mapping lives in the claim file schema.
const CLAIM_KINDS: &[(&str, &str)] = &[
    ("file", ""),
    ("source", "/definitions/source"),
    ("entity", "/definitions/entity"),
    ("concept", "/definitions/concept"),
    ("claim", "/definitions/claim"),
    ("suppression", "/definitions/suppression"),
    ("valid", "/definitions/valid"),
    ("object", "/definitions/objectMapping"),
];

fn schema_keys(schema: &Value, pointer: &str) -> BTreeSet<String> {
    schema
        .pointer(&format!("{pointer}/properties"))
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{pointer} has properties"))
        .keys()
        .cloned()
        .collect()
}

/// A small value that satisfies `schema` (required keys only, first alternative).
fn sample(root: &Value, schema: &Value) -> Value {
    let m = schema.as_object().expect("object schema");
    if let Some(r) = m.get("$ref").and_then(Value::as_str) {
        return sample(root, root.pointer(&r[1..]).unwrap());
    }
    if let Some(e) = m.get("enum") {
        return e[0].clone();
    }
    if let Some(alternatives) = m.get("oneOf").filter(|_| !m.contains_key("type")) {
        return sample(root, &alternatives[0]);
    }
    if let Some(ex) = m.get("examples") {
        return ex[0].clone();
    }
    match m.get("type").and_then(Value::as_str) {
        Some("string") => match m.get("pattern").and_then(Value::as_str) {
            Some(DATE_PATTERN) => json!("2022-08-04"),
            _ => json!("x"),
        },
        Some("integer") => m.get("minimum").cloned().unwrap_or(json!(1)),
        Some("number") => json!(1),
        Some("boolean") => json!(true),
        Some("array") => json!([sample(root, &m["items"])]),
        Some("object") => {
            let mut out = Map::new();
            let props = m.get("properties").and_then(Value::as_object);
            let mut required: Vec<&Value> = m
                .get("required")
                .map(|r| r.as_array().unwrap().iter().collect())
                .unwrap_or_default();
            // An object whose `oneOf` alternatives each require a key: take the first.
            if let Some(alt) = m.get("oneOf") {
                required.extend(alt[0]["required"].as_array().into_iter().flatten());
            }
            for key in required {
                let key = key.as_str().unwrap();
                out.insert(key.into(), sample(root, &props.unwrap()[key]));
            }
            Value::Object(out)
        }
        // An unconstrained value (`evidence`): anything goes.
        _ => json!("x"),
    }
}

/// A sample of the mapping at `pointer` using `key` (plus the keys it depends on).
fn with_key(root: &Value, pointer: &str, key: &str) -> Value {
    let def = root.pointer(pointer).unwrap();
    let props = &def["properties"];
    let mut keys = vec![key.to_string()];
    // Keys that `key` needs (array dependencies; schema dependencies only forbid).
    match def.get("dependencies").and_then(|d| d.get(key)) {
        Some(Value::Array(needs)) => {
            keys.extend(needs.iter().map(|k| k.as_str().unwrap().to_string()));
        }
        // "needs one of these": take the first alternative's keys.
        Some(Value::Object(dep)) if dep.contains_key("anyOf") => {
            keys.extend(
                dep["anyOf"][0]["required"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|k| k.as_str().unwrap().to_string()),
            );
        }
        _ => {}
    }
    // Keep only the first alternative's required key if it conflicts with `key` (oneOf).
    let mut out = sample(root, def);
    if def.get("oneOf").is_some() && !out.as_object().unwrap().contains_key(key) {
        out = json!({});
    }
    for k in keys {
        out[&k] = sample(root, &props[&k]);
    }
    out
}

/// Wraps one mapping of `kind` into a whole claim file.
fn embed(root: &Value, kind: &str, item: Value) -> Value {
    let claim = || sample(root, &root["definitions"]["claim"]);
    match kind {
        "file" => item,
        "source" => json!({"sources": [item]}),
        "entity" => json!({"entities": [item]}),
        "concept" => json!({"concepts": [item]}),
        "claim" => json!({"claims": [item]}),
        "suppression" => {
            let mut c = claim();
            c["suppress"] = json!([item]);
            json!({"claims": [c]})
        }
        "valid" => {
            let mut c = claim();
            c["valid"] = item;
            json!({"claims": [c]})
        }
        "object" => {
            let mut c = claim();
            c["object"] = item;
            json!({"claims": [c]})
        }
        other => panic!("unknown kind {other}"),
    }
}

/// The keys listed after "expected one of" in an unknown-field message.
fn expected_keys(message: &str) -> BTreeSet<String> {
    let rest = message
        .split_once("expected one of ")
        .or_else(|| message.split_once("expected "))
        .unwrap_or_else(|| panic!("no key list in {message:?}"))
        .1;
    let rest = rest.split(" at line ").next().unwrap();
    rest.split(", ")
        .map(|k| k.trim().trim_matches('`').to_string())
        .collect()
}

#[test]
fn every_schema_key_is_accepted_by_the_loader() {
    let schema = claim_schema();
    let v = Validator::new(&schema);
    let dir = tempfile::tempdir().unwrap();
    let mut written = Vec::new();
    for (kind, pointer) in CLAIM_KINDS {
        for key in schema_keys(&schema, pointer) {
            let doc = embed(&schema, kind, with_key(&schema, pointer, &key));
            let errors = v.errors(&doc);
            assert!(
                errors.is_empty(),
                "sample for {kind}.{key} is not schema-valid: {errors:?}\n{doc}"
            );
            // JSON is YAML: the loader reads the sample as written.
            let name = format!("{kind}-{key}.claims.yaml");
            std::fs::write(
                dir.path().join(&name),
                serde_json::to_string_pretty(&doc).unwrap(),
            )
            .unwrap();
            written.push(name);
        }
    }
    let findings = check_dir(dir.path());
    let load_errors: Vec<String> = findings
        .iter()
        .filter(|f| matches!(f["code"].as_str(), Some("CC001" | "CC004")))
        .map(|f| {
            format!(
                "{}: {} {}",
                file_name(finding_path(f)),
                f["code"],
                f["message"]
            )
        })
        .collect();
    assert!(
        load_errors.is_empty(),
        "schema-valid files the loader refuses:\n{}",
        load_errors.join("\n")
    );
    assert!(written.len() > 40, "every kind's keys were tried");
}

#[test]
fn every_key_the_loader_accepts_is_in_the_schema_and_a_misspelled_key_is_rejected() {
    let schema = claim_schema();
    let dir = tempfile::tempdir().unwrap();
    for (kind, pointer) in CLAIM_KINDS {
        let mut item = sample(&schema, schema.pointer(pointer).unwrap());
        item[BAD_KEY] = json!("x");
        let doc = embed(&schema, kind, item);
        std::fs::write(
            dir.path().join(format!("{kind}.claims.yaml")),
            serde_json::to_string_pretty(&doc).unwrap(),
        )
        .unwrap();
    }
    let findings = check_dir(dir.path());
    for (kind, pointer) in CLAIM_KINDS {
        let file = format!("{kind}.claims.yaml");
        let message = findings
            .iter()
            .find(|f| f["code"] == "CC001" && file_name(finding_path(f)) == file)
            .and_then(|f| f["message"].as_str())
            .unwrap_or_else(|| panic!("a misspelled key in a {kind} is not rejected"));
        assert!(
            message.contains(&format!("unknown field `{BAD_KEY}`")),
            "{kind}: {message}"
        );
        assert_eq!(
            expected_keys(message),
            schema_keys(&schema, pointer),
            "the keys the loader accepts in a {kind} (left) differ from the schema's (right): {message}"
        );
    }
}

/// Inputs the loader refuses are refused by the schema too.
#[test]
fn the_schema_refuses_what_the_loader_refuses() {
    let schema = claim_schema();
    let v = Validator::new(&schema);
    let claim = |extra: &str| {
        format!(
            "sources: [{{id: s}}]\nentities: [{{id: e}}]\nclaims:\n  - {{id: c, source: s, subject: e, predicate: age, {extra}}}\n"
        )
    };
    let cases = [
        (
            "valid-at-and-from",
            claim("object: 1, valid: {at: 2020, from: 2019}"),
            "CC004",
        ),
        ("valid-shorthand", claim("object: 1, valid: 2020"), "CC001"),
        (
            "valid-unknown-key",
            claim("object: 1, valid: {since: 2020}"),
            "CC001",
        ),
        (
            "object-two-keys",
            claim("object: {number: 3, date: 2020}"),
            "CC001",
        ),
        ("object-empty", claim("object: {}"), "CC001"),
        (
            "suppress-no-reason",
            claim("object: 1, suppress: [{check: CC101}]"),
            "CC001",
        ),
        (
            "suppress-blank-reason",
            claim("object: 1, suppress: [{check: CC101, reason: ' '}]"),
            "CC001",
        ),
        ("said-two-digits", claim("object: 1, said: 22"), "CC004"),
        (
            "said-short-month",
            claim("object: 1, said: 2022-8"),
            "CC004",
        ),
        ("said-month-13", claim("object: 1, said: 2022-13"), "CC004"),
        (
            "expires-bad",
            claim("object: 1, suppress: [{check: CC101, reason: r, expires: 2024-02-30x}]"),
            "CC004",
        ),
        ("polarity-bad", claim("object: 1, polarity: maybe"), "CC001"),
        (
            "modality-bad",
            claim("object: 1, modality: likely"),
            "CC001",
        ),
        (
            "attribution-bad",
            claim("object: 1, attribution: quote"),
            "CC001",
        ),
        ("origin-bad", claim("object: 1, origin: robot"), "CC001"),
        (
            "claim-no-id",
            "sources: [{id: s}]\nclaims:\n  - {source: s, subject: e, predicate: age}\n"
                .to_string(),
            "CC001",
        ),
        (
            "source-no-id",
            "sources: [{outlet: X}]\n".to_string(),
            "CC001",
        ),
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, text, _) in &cases {
        let doc = yaml_to_json(text);
        assert!(
            !v.errors(&doc).is_empty(),
            "{name}: the schema accepts it:\n{text}"
        );
        std::fs::write(dir.path().join(format!("{name}.claims.yaml")), text).unwrap();
    }
    let findings = check_dir(dir.path());
    for (name, _, code) in &cases {
        let file = format!("{name}.claims.yaml");
        assert!(
            findings
                .iter()
                .any(|f| f["code"] == *code && file_name(finding_path(f)) == file),
            "{name}: the loader does not report {code}"
        );
    }
}

// ---------------------------------------------------------------------------------------
// (c) the seeds and the built-in rules against the schemas
// ---------------------------------------------------------------------------------------

fn files_in(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    files.sort();
    files
}

#[test]
fn seed_claim_files_validate_against_the_schema() {
    let schema = claim_schema();
    let v = Validator::new(&schema);
    let seeds = files_in("seeds", ".claims.yaml");
    assert!(!seeds.is_empty(), "no seeds found");
    for path in seeds {
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../docs/claim-file.schema.json\n"),
            "{} lacks the schema modeline",
            path.display()
        );
        let errors = v.errors(&yaml_to_json(&text));
        assert!(
            errors.is_empty(),
            "{}:\n{}",
            path.display(),
            errors.join("\n")
        );
    }
}

#[test]
fn builtin_rules_validate_against_the_rules_schema() {
    let schema = rules_schema();
    let v = Validator::new(&schema);
    // The rules files compiled in (rules/ also holds other word lists, which are not rules).
    for (path, text) in claimcheck::rules::DEFAULT_RULES {
        let errors = v.errors(&yaml_to_json(text));
        assert!(errors.is_empty(), "{path}:\n{}", errors.join("\n"));
    }
}

#[test]
fn rules_schema_keys_match_the_rules_parser() {
    let schema = rules_schema();
    let cases = [
        ("", format!("{BAD_KEY}: 1\n")),
        (
            "/definitions/predicate",
            format!("predicates:\n  p:\n    {BAD_KEY}: 1\n"),
        ),
        (
            "/definitions/predicate/properties/extract",
            format!("predicates:\n  p:\n    extract:\n      {BAD_KEY}: 1\n"),
        ),
    ];
    for (pointer, text) in cases {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("rules")).unwrap();
        std::fs::write(dir.path().join("rules/extra.yaml"), &text).unwrap();
        std::fs::write(dir.path().join("a.claims.yaml"), "sources: [{id: s}]\n").unwrap();
        let out = claimcheck()
            .current_dir(dir.path())
            .args(["check", "--rules", "rules", "a.claims.yaml"])
            .output()
            .unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "a misspelled rules key stops the run"
        );
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains(&format!("unknown field `{BAD_KEY}`")),
            "{stderr}"
        );
        assert_eq!(
            expected_keys(stderr.trim()),
            schema_keys(&schema, pointer),
            "the rules parser's keys (left) differ from the schema's (right) at {pointer:?}"
        );
    }
    // Every predicate property, as the schema samples it, is accepted.
    let v = Validator::new(&schema);
    let pred = &schema["definitions"]["predicate"];
    let mut def = Map::new();
    for (key, sub) in pred["properties"].as_object().unwrap() {
        def.insert(key.clone(), sample(&schema, sub));
    }
    // References must name defined predicates and an inverse must not be one.
    def.insert("contrary".into(), json!(["age"]));
    def.insert("implies".into(), json!(["age"]));
    def.insert("inverse".into(), json!("zz-inverse"));
    let doc = json!({"predicates": {"zz-pred": def}, "severity": {"CC104": "off", "status-changed": "note"}});
    assert!(v.errors(&doc).is_empty(), "{:?}", v.errors(&doc));
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("rules")).unwrap();
    std::fs::write(
        dir.path().join("rules/extra.yaml"),
        serde_json::to_string_pretty(&doc).unwrap(),
    )
    .unwrap();
    std::fs::write(dir.path().join("a.claims.yaml"), "sources: [{id: s}]\n").unwrap();
    let out = claimcheck()
        .current_dir(dir.path())
        .args(["check", "--rules", "rules", "a.claims.yaml"])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The names the schemas offer for completion are the real ones.
#[test]
fn schema_vocabularies_match_the_registry_and_rules() {
    let out = claimcheck()
        .args(["list-checks", "--format", "json"])
        .output()
        .unwrap();
    let checks: Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut keys = BTreeSet::new();
    for c in checks.as_array().unwrap() {
        keys.insert(c["code"].as_str().unwrap().to_string());
        keys.insert(c["name"].as_str().unwrap().to_string());
    }
    let rules = rules_schema();
    assert_eq!(
        schema_keys(&rules, "/properties/severity"),
        keys,
        "rules severity keys"
    );
    let claim = claim_schema();
    let examples: BTreeSet<String> =
        claim["definitions"]["suppression"]["properties"]["check"]["examples"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap().to_string())
            .collect();
    assert_eq!(examples, keys, "suppression check examples");

    let predicates = yaml_to_json(&read("rules/predicates.yaml"));
    let defined: BTreeSet<String> = predicates["predicates"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let offered: BTreeSet<String> =
        claim["definitions"]["claim"]["properties"]["predicate"]["examples"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e.as_str().unwrap().to_string())
            .collect();
    assert_eq!(
        offered, defined,
        "predicate examples vs rules/predicates.yaml"
    );
}

// ---------------------------------------------------------------------------------------
// docs/claim-format.md: its examples follow the schemas, its vocabulary table is complete
// ---------------------------------------------------------------------------------------

/// The ```yaml blocks of a Markdown text (fences at the start of a line only).
fn yaml_blocks(markdown: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Option<String> = None;
    for line in markdown.lines() {
        match &mut current {
            None if line == "```yaml" => current = Some(String::new()),
            Some(block) if line == "```" => {
                blocks.push(std::mem::take(block));
                current = None;
            }
            Some(block) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn format_doc_examples_validate_against_the_schemas() {
    let claim = claim_schema();
    let rules = rules_schema();
    let (cv, rv) = (Validator::new(&claim), Validator::new(&rules));
    let blocks = yaml_blocks(&read("docs/claim-format.md"));
    assert!(blocks.len() >= 5, "the format doc has YAML examples");
    for block in blocks {
        let doc = yaml_to_json(&block);
        if doc.is_null() {
            continue; // only comments (the modeline)
        }
        let keys: Vec<&str> = doc
            .as_object()
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default();
        let errors = if keys.iter().any(|k| *k == "predicates" || *k == "severity") {
            rv.errors(&doc)
        } else if keys == ["suppress"] {
            let mut c = json!({"id": "a", "source": "s", "subject": "x", "predicate": "p"});
            c["suppress"] = doc["suppress"].clone();
            cv.errors(&json!({"claims": [c]}))
        } else {
            cv.errors(&doc)
        };
        assert!(errors.is_empty(), "{}\n{block}", errors.join("\n"));
    }
}

#[test]
fn format_doc_lists_every_builtin_predicate() {
    let doc = read("docs/claim-format.md");
    let predicates = yaml_to_json(&read("rules/predicates.yaml"));
    for (name, def) in predicates["predicates"].as_object().unwrap() {
        assert!(
            doc.contains(&format!("| `{name}` |")),
            "docs/claim-format.md's vocabulary table lacks `{name}`"
        );
        for alias in def["aliases"].as_array().into_iter().flatten() {
            let alias = alias.as_str().unwrap();
            assert!(
                doc.contains(&format!("`{alias}`")),
                "docs/claim-format.md's vocabulary table lacks the alias `{alias}` of `{name}`"
            );
        }
    }
}
