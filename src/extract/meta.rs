//! What an article says about itself: its outlet, publication date, title and address.
//!
//! Read, in this order (the first that gives a field wins):
//! - a front-matter block: `---` on the first line, `key: value` YAML, and `---` (or
//!   `...`) closing it within the first 64 KiB (keys `outlet`/`publisher`/`site_name`/
//!   `site`/`source`, `published`/`date`/`datePublished`/`published_at`, `title`,
//!   `url`/`canonical`/`link`);
//! - HTML JSON-LD (`<script type="application/ld+json">`): the first object whose `@type`
//!   is a kind of article (`NewsArticle`, `Article`, `ReportageNewsArticle`, …), also
//!   inside `@graph` or a list: `datePublished`, `publisher.name`, `headline`, `url`;
//! - HTML `<meta>` tags: `article:published_time` (or `og:published_time`,
//!   `datePublished`, `date`, `pubdate`), `og:site_name`, `og:title`, `og:url`.
//!
//! A date keeps its day (`2024-01-23T10:00:00Z` is `2024-01-23`). Nothing is fetched and
//! nothing here fails: an unreadable block is ignored.

use crate::model::FuzzyDate;
use serde_json::Value;

/// An article's metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleMeta {
    /// Who published it (`og:site_name`, `publisher`).
    pub outlet: Option<String>,
    /// When.
    pub published: Option<FuzzyDate>,
    /// The headline.
    pub title: Option<String>,
    /// Its address.
    pub url: Option<String>,
}

impl ArticleMeta {
    /// Fills the fields still empty from `other`.
    fn or(mut self, other: ArticleMeta) -> Self {
        self.outlet = self.outlet.or(other.outlet);
        self.published = self.published.or(other.published);
        self.title = self.title.or(other.title);
        self.url = self.url.or(other.url);
        self
    }
}

/// Where the front-matter block ends: its byte range, closing line included.
pub(crate) fn front_matter(text: &str) -> Option<std::ops::Range<usize>> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let offset = text.len() - body.len();
    let first = body.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let limit = body.len().min(1 << 16);
    let mut at = first.len() + 1;
    while at < limit {
        let rest = &body[at..];
        let line_len = rest.find('\n').map_or(rest.len(), |n| n + 1);
        let line = rest[..line_len].trim_end();
        if line == "---" || line == "..." {
            return Some(offset..offset + at + line_len);
        }
        at += line_len;
    }
    None
}

/// Reads an article's metadata.
pub fn article_meta(text: &str) -> ArticleMeta {
    let mut meta = ArticleMeta::default();
    if let Some(r) = front_matter(text) {
        meta = meta.or(from_front_matter(&text[r]));
    }
    let head = &text[..floor_boundary(text, text.len().min(1 << 20))];
    if head.contains('<') {
        meta = meta.or(from_json_ld(head)).or(from_meta_tags(head));
    }
    meta
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The day, month or year a date or timestamp starts with.
fn date(s: &str) -> Option<FuzzyDate> {
    let s = s.trim();
    let ok = |n: usize| {
        s.len() >= n
            && s.as_bytes()[..n]
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b'-')
    };
    for n in [10, 7, 4] {
        if ok(n)
            && let Ok(d) = FuzzyDate::parse(&s[..n])
        {
            return Some(d);
        }
    }
    None
}

fn text_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Object(m) => m.get("name").and_then(text_of),
        Value::Array(a) => a.iter().find_map(text_of),
        _ => None,
    }
}

fn from_front_matter(block: &str) -> ArticleMeta {
    let inner: String = block
        .lines()
        .skip(1)
        .filter(|l| !matches!(l.trim_end(), "---" | "..."))
        .collect::<Vec<_>>()
        .join("\n");
    let Ok(Value::Object(m)) = serde_saphyr::from_str::<Value>(&inner) else {
        return ArticleMeta::default();
    };
    let get = |keys: &[&str]| keys.iter().find_map(|k| m.get(*k).and_then(text_of));
    ArticleMeta {
        outlet: get(&["outlet", "publisher", "site_name", "site", "source"]),
        published: get(&["published", "date", "datePublished", "published_at"])
            .and_then(|d| date(&d)),
        title: get(&["title", "headline"]),
        url: get(&["url", "canonical", "link"]),
    }
}

/// Whether a JSON-LD `@type` is a kind of article.
fn is_article(v: &Value) -> bool {
    match v {
        Value::String(s) => s.ends_with("Article") || s == "BlogPosting" || s == "Report",
        Value::Array(a) => a.iter().any(is_article),
        _ => false,
    }
}

fn find_article(v: &Value, depth: usize) -> Option<&serde_json::Map<String, Value>> {
    if depth > 4 {
        return None;
    }
    match v {
        Value::Object(m) => {
            if m.get("@type").is_some_and(is_article) {
                return Some(m);
            }
            m.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        Value::Array(a) => a.iter().find_map(|x| find_article(x, depth + 1)),
        _ => None,
    }
}

fn from_json_ld(html: &str) -> ArticleMeta {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find("<script") {
        let tag_start = from + p;
        let Some(tag_end) = lower[tag_start..].find('>').map(|e| tag_start + e + 1) else {
            break;
        };
        let Some(end) = lower[tag_end..].find("</script").map(|e| tag_end + e) else {
            break;
        };
        from = end;
        if !lower[tag_start..tag_end].contains("ld+json") {
            continue;
        }
        let Ok(v) = serde_json::from_str::<Value>(html[tag_end..end].trim()) else {
            continue;
        };
        if let Some(a) = find_article(&v, 0) {
            return ArticleMeta {
                outlet: a.get("publisher").and_then(text_of),
                published: a
                    .get("datePublished")
                    .and_then(text_of)
                    .and_then(|d| date(&d)),
                title: a.get("headline").and_then(text_of),
                url: a.get("url").and_then(text_of),
            };
        }
    }
    ArticleMeta::default()
}

/// The value of attribute `name` in a tag's text (`<meta property="x" content="y">`).
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = lower[from..].find(name) {
        let at = from + p;
        from = at + name.len();
        let before_ok = at > 0 && lower.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let v_start = tag.len() - rest.len() + 1;
        let value = tag[v_start..].trim_start();
        let quote = value.chars().next()?;
        let text = if quote == '"' || quote == '\'' {
            let body = &value[1..];
            &body[..body.find(quote)?]
        } else {
            value
                .split(|c: char| c.is_whitespace() || c == '>')
                .next()
                .unwrap_or("")
        };
        return Some(entities(text));
    }
    None
}

/// Decodes the few entities common in attribute values.
fn entities(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#039;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn from_meta_tags(html: &str) -> ArticleMeta {
    let lower = html.to_ascii_lowercase();
    let mut meta = ArticleMeta::default();
    let mut from = 0;
    while let Some(p) = lower[from..].find("<meta") {
        let start = from + p;
        let Some(end) = lower[start..].find('>').map(|e| start + e + 1) else {
            break;
        };
        from = end;
        let tag = &html[start..end];
        let key = attribute(tag, "property")
            .or_else(|| attribute(tag, "name"))
            .or_else(|| attribute(tag, "itemprop"))
            .map(|k| k.to_ascii_lowercase());
        let (Some(key), Some(content)) = (key, attribute(tag, "content")) else {
            continue;
        };
        let content = content.trim().to_string();
        if content.is_empty() {
            continue;
        }
        match key.as_str() {
            "article:published_time"
            | "og:published_time"
            | "datepublished"
            | "date"
            | "pubdate"
            | "publish-date" => {
                meta.published = meta.published.or_else(|| date(&content));
            }
            "og:site_name" | "application-name" => {
                meta.outlet.get_or_insert(content);
            }
            "og:title" => {
                meta.title.get_or_insert(content);
            }
            "og:url" => {
                meta.url.get_or_insert(content);
            }
            _ => {}
        }
    }
    meta
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_gives_outlet_date_title_and_address() {
        let m = article_meta(
            "---\noutlet: Skift\npublished: 2024-01-23T17:05:00Z\ntitle: \"CEO: 'I am angry'\"\nurl: https://skift.com/x\n---\n\nAlaska CEO Ben Minicucci said …\n",
        );
        assert_eq!(m.outlet.as_deref(), Some("Skift"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2024-01-23")
        );
        assert_eq!(m.title.as_deref(), Some("CEO: 'I am angry'"));
        assert_eq!(m.url.as_deref(), Some("https://skift.com/x"));
        // No block, or one never closed: nothing.
        assert_eq!(
            article_meta("outlet: Skift\n\nText."),
            ArticleMeta::default()
        );
        assert_eq!(
            article_meta("---\noutlet: Skift\nText."),
            ArticleMeta::default()
        );
    }

    #[test]
    fn json_ld_news_article_wins_over_meta_tags() {
        let html = r#"<!doctype html><html><head>
<meta property="og:site_name" content="Yahoo News">
<meta property="article:published_time" content="2024-01-22T23:28:16.000Z">
<meta property="og:title" content="Alaska Airlines CEO &#39;angry&#39;">
<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebPage"},{"@type":["NewsArticle"],"datePublished":"2024-01-23T00:28:16+01:00","publisher":{"@type":"Organization","name":"The Hill"},"headline":"CEO angry"}]}</script>
</head><body><p>Text.</p></body></html>"#;
        let m = article_meta(html);
        assert_eq!(m.outlet.as_deref(), Some("The Hill"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2024-01-23")
        );
        assert_eq!(m.title.as_deref(), Some("CEO angry"));
        let no_ld = html.replace("ld+json", "json");
        let m = article_meta(&no_ld);
        assert_eq!(m.outlet.as_deref(), Some("Yahoo News"));
        assert_eq!(
            m.published.map(|d| d.to_string()).as_deref(),
            Some("2024-01-22")
        );
        assert_eq!(m.title.as_deref(), Some("Alaska Airlines CEO 'angry'"));
    }

    #[test]
    fn broken_metadata_is_ignored() {
        let m = article_meta(
            "<html><head><meta property=\"article:published_time\" content=\"soon\"><script type=\"application/ld+json\">{not json</script><meta content=\"x\" property=\"og:site_name\"></head></html>",
        );
        assert_eq!(m.published, None);
        assert_eq!(m.outlet.as_deref(), Some("x"));
        assert_eq!(article_meta("---\n: [\n---\nText"), ArticleMeta::default());
    }
}
