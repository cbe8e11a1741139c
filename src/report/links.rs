//! Links to a place in a file on a forge (`--link-template`): a template with `{path}`,
//! `{line}`, `{column}` and `{commit}`, e.g.
//! `https://github.com/o/r/blob/{commit}/{path}#L{line}`. The HTML report links each
//! claim and quote with it; without a template it shows `path:line` as text.

/// A validated link template with its commit filled in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTemplate {
    /// The parts: literal text and placeholders, in order.
    parts: Vec<Part>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Part {
    Text(String),
    Path,
    Line,
    Column,
}

/// The placeholders a template may use.
pub const PLACEHOLDERS: &[&str] = &["{path}", "{line}", "{column}", "{commit}"];

impl LinkTemplate {
    /// Parses a template. `commit` replaces `{commit}` (percent-encoded); a template that
    /// uses `{commit}` without one, names an unknown placeholder or lacks `{path}` is an
    /// error (a sentence for the user).
    pub fn new(template: &str, commit: Option<&str>) -> Result<Self, String> {
        let mut parts = Vec::new();
        let mut text = String::new();
        let mut rest = template;
        let mut has_path = false;
        while let Some(open) = rest.find('{') {
            text.push_str(&rest[..open]);
            let after = &rest[open..];
            let Some(close) = after.find('}') else {
                return Err(format!(
                    "link template `{template}`: `{{` without `}}` (placeholders: {})",
                    PLACEHOLDERS.join(", ")
                ));
            };
            let name = &after[..=close];
            let part = match name {
                "{path}" => {
                    has_path = true;
                    Part::Path
                }
                "{line}" => Part::Line,
                "{column}" => Part::Column,
                "{commit}" => {
                    let commit = commit.ok_or_else(|| {
                        format!(
                            "link template `{template}` uses {{commit}}, but the commit is unknown (not a git checkout?)"
                        )
                    })?;
                    text.push_str(&encode(commit));
                    rest = &after[close + 1..];
                    continue;
                }
                _ => {
                    return Err(format!(
                        "link template `{template}`: unknown placeholder `{name}` (placeholders: {})",
                        PLACEHOLDERS.join(", ")
                    ));
                }
            };
            if !text.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut text)));
            }
            parts.push(part);
            rest = &after[close + 1..];
        }
        text.push_str(rest);
        if !text.is_empty() {
            parts.push(Part::Text(text));
        }
        if !has_path {
            return Err(format!(
                "link template `{template}` has no {{path}} (e.g. https://github.com/o/r/blob/{{commit}}/{{path}}#L{{line}})"
            ));
        }
        Ok(Self { parts })
    }

    /// Whether a template text uses `{commit}` (so the caller knows to look it up).
    pub fn needs_commit(template: &str) -> bool {
        template.contains("{commit}")
    }

    /// The link to `path` (project-relative, `/`-separated) at a line and column; the
    /// path is percent-encoded segment by segment.
    pub fn link(&self, path: &str, line: u32, column: u32) -> String {
        let mut out = String::new();
        for p in &self.parts {
            match p {
                Part::Text(t) => out.push_str(t),
                Part::Path => out.push_str(&encode_path(path)),
                Part::Line => out.push_str(&line.to_string()),
                Part::Column => out.push_str(&column.to_string()),
            }
        }
        out
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Percent-encodes each `/`-separated segment of a path.
fn encode_path(path: &str) -> String {
    path.split('/').map(encode).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_filled_and_paths_encoded() {
        let t = LinkTemplate::new(
            "https://github.com/o/r/blob/{commit}/{path}#L{line}",
            Some("abc123"),
        )
        .unwrap();
        assert_eq!(
            t.link("seeds/ok 2022.claims.yaml", 25, 9),
            "https://github.com/o/r/blob/abc123/seeds/ok%202022.claims.yaml#L25"
        );
        let t = LinkTemplate::new("x/{path}?l={line}&c={column}", None).unwrap();
        assert_eq!(
            t.link("a/\"<b>\".yaml", 3, 4),
            "x/a/%22%3Cb%3E%22.yaml?l=3&c=4"
        );
    }

    #[test]
    fn bad_templates_are_refused_with_the_reason() {
        let err = |t: &str, c: Option<&str>| LinkTemplate::new(t, c).unwrap_err();
        assert!(err("https://x/{commit}/{path}", None).contains("commit is unknown"));
        assert!(err("https://x/{file}", None).contains("unknown placeholder `{file}`"));
        assert!(err("https://x/#L{line}", None).contains("has no {path}"));
        assert!(err("https://x/{path", None).contains("without"));
    }
}
