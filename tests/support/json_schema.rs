//! A small JSON Schema validator for the tests: the keywords our claim-file and rules
//! schemas and the SARIF 2.1.0 schema use, and their patterns and formats checked by hand
//! (the test dependencies stay small). It panics on a keyword, pattern or format it does
//! not know, so a schema change can never make it pass silently.

#![allow(dead_code)] // each test crate uses part of it

use serde_json::{Map, Value};

/// A date with an optional time of day and offset, checked by hand.
pub const DATE_PATTERN: &str = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01])([T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d\d:?\d\d)?)?)?)?$";
/// A percentage: `2%`, `12.5%`.
pub const PERCENT_PATTERN: &str = r"^\d+(\.\d+)?%$";
/// A signed number or percentage: `-18%`, `+5%`, `-0.18`.
pub const CHANGE_PATTERN: &str = r"^[+-]?\d+(\.\d+)?%?$";

fn number_text(s: &str) -> bool {
    let (int, frac) = s.split_once('.').unwrap_or((s, "0"));
    !int.is_empty()
        && !frac.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit())
}
/// `\S`: at least one character that is not whitespace.
pub const NOT_BLANK_PATTERN: &str = r"\S";

pub fn matches_date_pattern(s: &str) -> bool {
    let two_digits = |p: &str, hi: u32| {
        p.len() == 2
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| n <= hi)
    };
    if let Some((date, time)) = s.split_once(['T', ' ']) {
        let (clock, offset) = if let Some(c) = time.strip_suffix('Z') {
            (c, None)
        } else if let Some(i) = time.rfind(['+', '-']) {
            (&time[..i], Some(time[i + 1..].replace(':', "")))
        } else {
            (time, None)
        };
        let parts: Vec<&str> = clock.split(':').collect();
        let clock_ok = match parts.as_slice() {
            [h, m] => two_digits(h, 23) && two_digits(m, 59),
            [h, m, sec] => two_digits(h, 23) && two_digits(m, 59) && two_digits(sec, 59),
            _ => false,
        };
        let offset_ok =
            offset.is_none_or(|o| o.len() == 4 && o.bytes().all(|b| b.is_ascii_digit()));
        return date.split('-').count() == 3 && matches_date_pattern(date) && clock_ok && offset_ok;
    }
    let two = |p: &str, lo: u32, hi: u32| {
        p.len() == 2
            && p.bytes().all(|b| b.is_ascii_digit())
            && p.parse::<u32>().is_ok_and(|n| (lo..=hi).contains(&n))
    };
    let parts: Vec<&str> = s.split('-').collect();
    let year_ok = parts[0].len() == 4 && parts[0].bytes().all(|b| b.is_ascii_digit());
    match parts.as_slice() {
        [_] => year_ok,
        [_, m] => year_ok && two(m, 1, 12),
        [_, m, d] => year_ok && two(m, 1, 12) && two(d, 1, 31),
        _ => false,
    }
}

fn matches_pattern(pattern: &str, s: &str) -> bool {
    match pattern {
        DATE_PATTERN => matches_date_pattern(s),
        NOT_BLANK_PATTERN => s.chars().any(|c| !c.is_whitespace()),
        // An extraction cue names its subject.
        r"\{subject\}" => s.contains("{subject}"),
        PERCENT_PATTERN => s.strip_suffix('%').is_some_and(number_text),
        CHANGE_PATTERN => {
            let s = s.strip_prefix(['+', '-']).unwrap_or(s);
            number_text(s.strip_suffix('%').unwrap_or(s))
        }
        // The SARIF 2.1.0 schema's patterns.
        "[^/]+/.+" => s
            .split_once('/')
            .is_some_and(|(a, b)| !a.is_empty() && !b.is_empty()),
        r"[0-9]+(\.[0-9]+){3}" => {
            let parts: Vec<&str> = s.split('.').collect();
            parts.len() == 4
                && parts
                    .iter()
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        }
        "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$" => {
            let ok = |p: &str| p.len() == 2 && p.bytes().all(|b| b.is_ascii_alphabetic());
            match s.split_once('-') {
                Some((a, b)) => ok(a) && ok(b),
                None => ok(s),
            }
        }
        other => panic!("the test validator does not know the pattern {other:?}; add it by hand"),
    }
}

/// RFC 3986 URI references, loosely: no spaces, no control or non-ASCII characters, `%`
/// only before two hex digits; `uri` also needs a scheme.
fn matches_format(format: &str, s: &str) -> bool {
    let clean = s.bytes().all(|b| b.is_ascii_graphic())
        && s.match_indices('%').all(|(i, _)| {
            s.as_bytes()
                .get(i + 1..i + 3)
                .is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit))
        });
    match format {
        "uri-reference" => clean,
        "uri" => {
            clean
                && s.split_once(':').is_some_and(|(scheme, _)| {
                    !scheme.is_empty()
                        && scheme
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
                })
        }
        "uuid" => {
            s.len() == 36
                && s.bytes().enumerate().all(|(i, b)| {
                    if [8, 13, 18, 23].contains(&i) {
                        b == b'-'
                    } else {
                        b.is_ascii_hexdigit()
                    }
                })
        }
        "date-time" => s.len() >= 20 && s.as_bytes()[10] == b'T',
        other => panic!("the test validator does not know the format {other}"),
    }
}

/// Keywords that only annotate (`patternErrorMessage` and `errorMessage` are the messages
/// yaml-language-server shows instead of its generic ones).
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "title",
    "description",
    "default",
    "examples",
    "definitions",
    "errorMessage",
    "patternErrorMessage",
];

pub struct Validator<'a> {
    root: &'a Value,
}

impl<'a> Validator<'a> {
    pub fn new(root: &'a Value) -> Self {
        Self { root }
    }

    fn resolve(&self, reference: &str) -> &'a Value {
        let pointer = reference
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("only local $refs are supported: {reference}"));
        self.root
            .pointer(pointer)
            .unwrap_or_else(|| panic!("$ref {reference} does not resolve"))
    }

    /// The errors of `inst` against the whole schema.
    pub fn errors(&self, inst: &Value) -> Vec<String> {
        let mut errors = Vec::new();
        self.check(self.root, inst, "", &mut errors);
        errors
    }

    fn valid(&self, schema: &Value, inst: &Value) -> bool {
        let mut errors = Vec::new();
        self.check(schema, inst, "", &mut errors);
        errors.is_empty()
    }

    fn check(&self, schema: &Value, inst: &Value, at: &str, errors: &mut Vec<String>) {
        let schema = match schema {
            Value::Bool(true) => return,
            Value::Bool(false) => {
                errors.push(format!("{at}: not allowed"));
                return;
            }
            Value::Object(m) => m,
            other => panic!("a schema must be an object or a boolean, not {other}"),
        };
        for (keyword, arg) in schema {
            match keyword.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => self.check(self.resolve(arg.as_str().unwrap()), inst, at, errors),
                "type" => {
                    let types: Vec<&str> = match arg {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().map(|t| t.as_str().unwrap()).collect(),
                        other => panic!("bad type {other}"),
                    };
                    if !types.iter().any(|t| has_type(inst, t)) {
                        errors.push(format!(
                            "{at}: expected {}, found {inst}",
                            types.join(" or ")
                        ));
                    }
                }
                "enum" => {
                    if !arg.as_array().unwrap().contains(inst) {
                        errors.push(format!("{at}: {inst} is not one of {arg}"));
                    }
                }
                "pattern" => {
                    if let Value::String(s) = inst
                        && !matches_pattern(arg.as_str().unwrap(), s)
                    {
                        errors.push(format!("{at}: {s:?} does not match {arg}"));
                    }
                }
                "format" => {
                    if let Value::String(s) = inst
                        && !matches_format(arg.as_str().unwrap(), s)
                    {
                        errors.push(format!("{at}: {s:?} is not a {arg}"));
                    }
                }
                "minItems" => {
                    if let Value::Array(a) = inst
                        && (a.len() as u64) < arg.as_u64().unwrap()
                    {
                        errors.push(format!("{at}: fewer than {arg} items"));
                    }
                }
                "uniqueItems" => {
                    if let Value::Array(a) = inst
                        && arg.as_bool() == Some(true)
                    {
                        for (i, x) in a.iter().enumerate() {
                            if a[..i].contains(x) {
                                errors.push(format!("{at}/{i}: duplicate item {x}"));
                            }
                        }
                    }
                }
                "minLength" => {
                    if let Value::String(s) = inst
                        && (s.chars().count() as u64) < arg.as_u64().unwrap()
                    {
                        errors.push(format!("{at}: {s:?} is shorter than {arg}"));
                    }
                }
                "minimum" | "maximum" => {
                    if let Some(n) = inst.as_f64() {
                        let limit = arg.as_f64().unwrap();
                        let ok = if keyword == "minimum" {
                            n >= limit
                        } else {
                            n <= limit
                        };
                        if !ok {
                            errors.push(format!("{at}: {n} is out of range ({keyword} {limit})"));
                        }
                    }
                }
                "properties" | "additionalProperties" | "required" | "dependencies" => {
                    if let Value::Object(obj) = inst {
                        self.check_object_keyword(schema, keyword, arg, obj, at, errors);
                    }
                }
                "items" => {
                    if let Value::Array(items) = inst {
                        for (i, item) in items.iter().enumerate() {
                            self.check(arg, item, &format!("{at}/{i}"), errors);
                        }
                    }
                }
                "oneOf" => {
                    let n = arg
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|s| self.valid(s, inst))
                        .count();
                    if n != 1 {
                        errors.push(format!(
                            "{at}: {inst} matches {n} of the `oneOf` alternatives, not exactly one"
                        ));
                    }
                }
                "anyOf" => {
                    if !arg.as_array().unwrap().iter().any(|s| self.valid(s, inst)) {
                        errors.push(format!(
                            "{at}: {inst} matches none of the `anyOf` alternatives"
                        ));
                    }
                }
                "not" => {
                    if self.valid(arg, inst) {
                        errors.push(format!("{at}: {inst} matches a `not` schema"));
                    }
                }
                other => panic!("the test validator does not support the keyword `{other}`"),
            }
        }
    }

    fn check_object_keyword(
        &self,
        schema: &Map<String, Value>,
        keyword: &str,
        arg: &Value,
        obj: &Map<String, Value>,
        at: &str,
        errors: &mut Vec<String>,
    ) {
        match keyword {
            "properties" => {
                for (key, sub) in arg.as_object().unwrap() {
                    if let Some(v) = obj.get(key) {
                        self.check(sub, v, &format!("{at}/{key}"), errors);
                    }
                }
            }
            "additionalProperties" => {
                let declared = schema.get("properties").and_then(Value::as_object);
                for (key, v) in obj {
                    if declared.is_some_and(|d| d.contains_key(key)) {
                        continue;
                    }
                    match arg {
                        Value::Bool(false) => {
                            errors.push(format!("{at}: unknown key `{key}`"));
                        }
                        sub => self.check(sub, v, &format!("{at}/{key}"), errors),
                    }
                }
            }
            "required" => {
                for key in arg.as_array().unwrap() {
                    let key = key.as_str().unwrap();
                    if !obj.contains_key(key) {
                        errors.push(format!("{at}: missing required key `{key}`"));
                    }
                }
            }
            "dependencies" => {
                for (key, needs) in arg.as_object().unwrap() {
                    if !obj.contains_key(key) {
                        continue;
                    }
                    match needs {
                        Value::Array(needs) => {
                            for need in needs {
                                let need = need.as_str().unwrap();
                                if !obj.contains_key(need) {
                                    errors.push(format!("{at}: `{key}` needs `{need}`"));
                                }
                            }
                        }
                        sub => self.check(sub, &Value::Object(obj.clone()), at, errors),
                    }
                }
            }
            _ => unreachable!(),
        }
    }
}

pub fn has_type(v: &Value, t: &str) -> bool {
    match t {
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        other => panic!("unknown type {other}"),
    }
}
