//! The HTML report on small fixtures: hostile text stays text, the markup is balanced,
//! every finding, dispute and named claim is on the page (in full or in brief), the quoted
//! words are highlighted, links follow the template, and the run shapes without findings.

use super::*;
use crate::check::Severity;
use crate::check::testing::{Checked, fixture};
use crate::report::{LinkTemplate, Review, relative_paths};

/// Renders a checked fixture, with optional links and byte budgets.
fn html_within(r: &Checked, links: Option<LinkTemplate>, full: usize, words: usize) -> String {
    let paths = relative_paths(&r.corpus, None);
    let review = Review::new(&r.report, &r.corpus, &paths);
    let cx = Ctx::new(&r.corpus, &review, paths, false).with_links(links);
    let mut out = Vec::new();
    render_within(&r.report, &cx, &mut out, full, words).unwrap();
    String::from_utf8(out).unwrap()
}

fn html(r: &Checked) -> String {
    html_within(r, None, FULL_BYTES, WORDS_BYTES)
}

/// Checks that every element the report writes is closed in order (void and
/// self-closing SVG elements aside), and that nothing but the report's own script and
/// style opens a raw-text element. Returns the names of the elements seen.
fn assert_balanced(html: &str) -> Vec<String> {
    const VOID: &[&str] = &["meta", "br", "hr", "img", "input", "link", "!DOCTYPE"];
    let mut stack: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let end = rest.find('>').expect("a tag closes");
        let tag = &rest[..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != '/')
            .collect();
        if closing {
            let top = stack.pop();
            assert_eq!(
                top.as_deref(),
                Some(name.as_str()),
                "`</{name}>` closes {top:?}"
            );
        } else if !(VOID.contains(&name.as_str()) || tag.ends_with('/')) {
            if name == "script" || name == "style" {
                // Raw text: skip to the end tag.
                let close = format!("</{name}>");
                let k = rest.find(&close).expect("raw text element closes");
                rest = &rest[k + close.len()..];
            } else {
                stack.push(name.clone());
            }
        }
        seen.push(name);
    }
    assert!(stack.is_empty(), "unclosed: {stack:?}");
    seen
}

const CLASH: &str = r"
claims:
  - {id: a1, source: sd, speaker: p, subject: x, predicate: friends-with, object: y, valid: {from: 2020}, quote: 'it became too much for us'}
  - {id: a2, source: s2, subject: x, predicate: friends-with, object: y, polarity: denied, valid: {from: 2020}}
";

#[test]
fn a_clash_shows_its_dispute_matrix_timeline_finding_and_highlighted_words() {
    let r = fixture(CLASH);
    assert_eq!(r.findings.len(), 1, "{:?}", r.findings);
    assert_eq!(r.disputes.len(), 1);
    let page = html(&r);
    assert_balanced(&page);
    assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(page.contains("<section class=\"dispute\" id=\"d0\""));
    assert!(page.contains("<table class=\"matrix\">"));
    assert!(page.contains("<svg class=\"timeline\""));
    assert!(page.contains("<article class=\"finding sev-error\" id=\"f0\""));
    // Both claims are linked and listed with their words; the quote is marked in context.
    for (i, c) in r.corpus.claims.iter().enumerate() {
        if ["a1", "a2"].contains(&c.id()) {
            assert!(page.contains(&format!("href=\"#c{i}\"")));
            assert!(page.contains(&format!("<article class=\"claim\" id=\"c{i}\">")));
        }
    }
    assert!(
        page.contains("I think <mark>it became too much for us</mark> to sustain our friendship"),
        "the quoted span is highlighted inside its sentence"
    );
    // Nothing is fetched: no src attribute, every link is in the page.
    assert!(!page.contains(" src="));
    assert!(!page.contains("href=\"http"));
    assert!(page.contains("default-src 'none'"));
}

#[test]
fn hostile_claim_text_stays_text() {
    let r = fixture(
        r#"
sources:
  - {id: h1, outlet: "<img src=x onerror=alert(1)>", published: 2021-06-01}
  - {id: h2, outlet: "W\" onmouseover=\"alert(2)", published: 2022-01-10}
entities:
  - {id: evil, name: "<script>alert(3)</script>", kind: person}
  - {id: rtl, name: "abc \u202Ecba\u202C 'q' & co", kind: person}
claims:
  - {id: "h<1>", source: h1, speaker: rtl, subject: evil, predicate: friends-with, object: rtl, valid: {from: 2020}, note: "</pre></code><script>alert(5)</script>"}
  - {id: "h&2", source: h2, subject: evil, predicate: friends-with, object: rtl, polarity: denied, valid: {from: 2020}}
"#,
    );
    assert!(!r.findings.is_empty());
    let page = html(&r);
    assert_balanced(&page);
    assert_eq!(
        page.matches("<script").count(),
        1,
        "only the report's own script"
    );
    for raw in [
        "<img",
        "\" onmouseover=\"",
        "</pre></code>",
        "\u{202e}",
        "\u{202c}",
    ] {
        assert!(!page.contains(raw), "`{raw}` reached the page unescaped");
    }
    for escaped in [
        "&lt;script&gt;alert(3)&lt;/script&gt;",
        "&lt;img src=x onerror=alert(1)&gt;",
        "W&quot; onmouseover=&quot;alert(2)",
        "⟨U+202E⟩cba⟨U+202C⟩ &#39;q&#39; &amp; co",
        "<code>h&lt;1&gt;</code>",
    ] {
        assert!(page.contains(escaped), "`{escaped}` is shown as text");
    }
}

#[test]
fn a_large_report_lists_the_rest_in_brief_inside_closed_details() {
    // Four independent clashes; a tiny budget leaves room for the first only.
    let mut yaml = String::from("claims:\n");
    for (k, who) in ["x", "y", "z", "q"].iter().enumerate() {
        yaml.push_str(&format!(
            "  - {{id: p{k}, source: s1, subject: {who}, predicate: age, object: {}}}\n  - {{id: n{k}, source: s2, subject: {who}, predicate: age, object: {}}}\n",
            30 + k,
            40 + k
        ));
    }
    let r = fixture(&yaml);
    let n = r.findings.len();
    assert!(n >= 4, "{:?}", r.findings);
    let full = html(&r);
    let small = html_within(&r, None, 1, 1);
    assert_balanced(&small);
    for i in 0..n {
        assert!(full.contains(&format!("id=\"f{i}\"")));
        assert!(
            small.contains(&format!("id=\"f{i}\"")),
            "finding {i} is still listed"
        );
    }
    assert!(!full.contains("class=\"rest\""));
    assert!(small.contains("<details class=\"rest\"><summary>"));
    assert!(small.contains("This report is large."));
    assert!(small.contains("class=\"finding brief\""));
    assert!(small.len() < full.len());
    // Links from the brief parts point only at claims that are listed.
    for (i, _) in r.corpus.claims.iter().enumerate() {
        if small.contains(&format!("href=\"#c{i}\"")) {
            assert!(
                small.contains(&format!("id=\"c{i}\"")),
                "claim {i} is linked, so listed"
            );
        }
    }
}

#[test]
fn links_follow_the_template() {
    let r = fixture(CLASH);
    let t = LinkTemplate::new(
        "https://forge.example/o/r/blob/{commit}/{path}#L{line}",
        Some("abc"),
    )
    .unwrap();
    let page = html_within(&r, Some(t), FULL_BYTES, WORDS_BYTES);
    assert_balanced(&page);
    assert!(page.contains("<a href=\"https://forge.example/o/r/blob/abc/"));
    assert!(
        page.contains(".claims.yaml#L3\">"),
        "claim a1 is on line 3 of the fixture"
    );
    assert!(
        page.contains("doc.txt#L1\">"),
        "the quote links to its article line"
    );
}

#[test]
fn no_findings_and_integrity_only_runs_make_a_page_too() {
    let r = fixture(
        "claims:\n  - {id: ok1, source: s1, subject: x, predicate: friends-with, object: y}\n",
    );
    assert!(r.findings.is_empty());
    let page = html(&r);
    assert_balanced(&page);
    assert!(page.contains("<p class=\"ok\">No findings shown: 0 errors, 0 warnings, 0 notes in "));
    let r = fixture(
        "claims:\n  - {id: bad, source: nowhere, subject: x, predicate: friends-with, object: y}\n",
    );
    assert!(!r.findings.is_empty());
    let page = html(&r);
    assert_balanced(&page);
    assert!(page.contains("<th scope=\"row\">integrity</th>"));
    // A finding about one place shows that line, the bad word marked.
    assert!(page.contains("<mark>nowhere</mark>"), "{page}");
}

#[test]
fn the_same_report_renders_the_same_bytes() {
    let r = fixture(CLASH);
    assert_eq!(html(&r), html(&r));
}

#[test]
fn relay_chains_and_retractions_show_in_the_matrix_and_timeline() {
    // Pat's words reach print through Quinn and then Zed; Pat later takes back `old`.
    let r = fixture(
        r"
claims:
  - {id: relayed, source: s1, speaker: p, via: [z, q], subject: x, predicate: age, object: 40}
  - {id: direct, source: s2, speaker: p, said: 2021-06-01, subject: x, predicate: age, object: 45}
  - {id: old, source: s1, speaker: q, subject: y, predicate: friends-with, object: z}
  - {id: new, source: s2, speaker: q, retracts: old, subject: y, predicate: friends-with, object: z, polarity: undetermined}
",
    );
    let page = html(&r);
    assert_balanced(&page);
    assert!(
        page.contains("<th scope=\"col\" class=\"outlet\">via Quinn, Zed, in Daily</th>"),
        "the relays, nearest the speaker first: {page}"
    );
    assert!(page.contains("<th scope=\"col\" class=\"outlet\">in Weekly</th>"));
    assert!(
        page.contains("<span class=\"gone\">taken back</span>"),
        "the retracted mark"
    );
    assert!(page.contains("<path class=\"retr\""), "the retraction arc");
    assert!(
        page.contains("<line class=\"strike\""),
        "the retracted statement struck"
    );
    assert!(page.contains("undetermined whether <code>y</code> friends-with <code>z</code>"));
    assert!(page.contains("<p class=\"retraction\">Takes back "));
}

#[test]
fn the_overview_names_unread_files_and_the_baseline_and_new_since_state() {
    let r = fixture("claims: [unclosed\n");
    assert!(!r.corpus.unread.is_empty());
    let page = html(&r);
    assert_balanced(&page);
    assert!(page.contains("<p class=\"alert\" role=\"alert\"><strong>Not everything was checked:</strong> 1 file could not be read ("));

    let r = fixture(CLASH);
    let paths = relative_paths(&r.corpus, None);
    let mut review = Review::new(&r.report, &r.corpus, &paths);
    review.findings[0].change = Some(Change::New);
    review.findings[0].baseline = Some("accepted <for now>".into());
    review.since = Some(crate::report::Since {
        reference: "origin/<main>".into(),
        resolved: vec![crate::report::Gone {
            code: "CC101",
            name: "polarity-contradiction",
            severity: Severity::Error,
            message: "`old` contradicts <b>".into(),
            fingerprint: "v2:0".into(),
            path: "a.claims.yaml".into(),
            line: 3,
        }],
    });
    review.baseline = Some(crate::report::BaselineStatus {
        path: "base.yaml".into(),
        matched: 1,
        expired: 0,
        stale: vec![crate::report::StaleEntry {
            fingerprint: "v2:1".into(),
            check: "CC102".into(),
            claims: vec!["gone".into()],
            message: "stale <i>".into(),
            line: 7,
        }],
    });
    let cx = Ctx::new(&r.corpus, &review, paths, false);
    let mut out = Vec::new();
    render(&r.report, &cx, &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert_balanced(&page);
    for want in [
        "<dt>Baseline</dt><dd><code>base.yaml</code>: hides 1 finding; 0 expired; 1 stale</dd>",
        // The one new finding is hidden by the baseline, so none is new and shown.
        "<dt>New since</dt><dd><code>origin/&lt;main&gt;</code>: 0 new, 1 resolved",
        "<p class=\"hidden\">Hidden by the baseline: accepted &lt;for now&gt;</p>",
        "<span class=\"badge\">new since origin/&lt;main&gt;</span>",
        "<code>old</code> contradicts &lt;b&gt;",
        "<h2 id=\"stale-h\">Stale baseline entries (1)</h2>",
        "stale &lt;i&gt;",
    ] {
        assert!(page.contains(want), "missing {want}");
    }
    assert!(
        page.contains("<p class=\"ok\">No findings shown: "),
        "the only finding is hidden"
    );
}
