//! Bad input never panics, says what is wrong, and the rest is still extracted; the
//! extractor is linear in the size of the text. The throughput figures are in the
//! ignored `extract_speed` test (`cargo test --release --test extract_robustness -- --ignored --nocapture`).

#![allow(clippy::print_stderr)] // the figures are the point

use claimcheck::extract::{CompiledNames, Document, Lexicon, Names, extract, extract_compiled};
use std::time::Instant;

fn names() -> Names {
    Names::from_yaml("entities:\n  - {id: ann, name: Ann Lee, kind: person, aliases: [Lee]}\n")
        .unwrap()
}

fn run(text: &str) -> claimcheck::extract::Extraction {
    extract(
        &Document {
            text,
            published: None,
            outlet: None,
        },
        &Lexicon::defaults(),
        &names(),
    )
}

#[test]
fn empty_and_blank_input() {
    for text in ["", " ", "\n\n\n", "\u{feff}"] {
        let x = run(text);
        assert!(x.quotes.is_empty() && x.drafts.is_empty() && x.warnings.is_empty());
    }
}

#[test]
fn binary_input_is_refused_with_a_warning() {
    let bytes: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    let text = String::from_utf8_lossy(&bytes);
    let x = run(&text);
    assert!(
        x.warnings.iter().any(|w| w.contains("binary")),
        "{:?}",
        x.warnings
    );
    assert!(x.quotes.is_empty());
}

#[test]
fn invalid_utf8_is_reported_and_the_rest_extracted() {
    let mut bytes =
        b"Noise \xff\xfe here.\n\n\xe2\x80\x9cI think so, really,\xe2\x80\x9d Lee said.".to_vec();
    bytes.extend_from_slice(b"\xc3");
    let text = String::from_utf8_lossy(&bytes);
    let x = run(&text);
    assert!(
        x.warnings.iter().any(|w| w.contains("invalid UTF-8")),
        "{:?}",
        x.warnings
    );
    assert_eq!(x.quotes.len(), 1);
    assert_eq!(
        x.quotes[0].speaker.as_ref().unwrap().entity.as_deref(),
        Some("ann")
    );
}

#[test]
fn html_is_stripped_with_a_warning_and_offsets_kept() {
    let html = "<!DOCTYPE html><html><head><title>T</title><script>var q = \"x, y, z\";</script></head>\
                <body><p>Intro.</p><p>&ldquo;I think he is serious,&rdquo; Lee said.</p></body></html>";
    let x = run(html);
    assert!(
        x.warnings.iter().any(|w| w.contains("HTML")),
        "{:?}",
        x.warnings
    );
    assert_eq!(x.quotes.len(), 1, "{:?}", x.quotes);
    let q = &x.quotes[0];
    assert_eq!(q.text, "I think he is serious,");
    assert_eq!(&html[q.range.clone()], "I think he is serious,");
    assert_eq!(q.speaker.as_ref().unwrap().entity.as_deref(), Some("ann"));
}

#[test]
fn unbalanced_quotes_everywhere_leave_the_rest() {
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!("“Broken {i} never closed and more words.\n\nPlain text {i}.\n\n\"Half\" open \" mark {i}.\n\n"));
    }
    text.push_str("“I think the end is near,” Lee said.\n");
    let x = run(&text);
    assert!(
        x.warnings.iter().any(|w| w.contains("unbalanced")),
        "{:?}",
        x.warnings
    );
    let last = x
        .quotes
        .iter()
        .find(|q| q.text.starts_with("I think the end"))
        .unwrap();
    assert_eq!(
        last.speaker.as_ref().unwrap().entity.as_deref(),
        Some("ann")
    );
}

/// Seconds to extract `text` (names compiled once).
fn time(text: &str) -> f64 {
    let lex = Lexicon::defaults();
    let names = CompiledNames::new(&names(), &lex);
    let t = Instant::now();
    let _ = extract_compiled(
        &Document {
            text,
            published: None,
            outlet: None,
        },
        &lex,
        &names,
    );
    t.elapsed().as_secs_f64()
}

fn sample(bytes: usize, single_line: bool) -> String {
    let mut base = String::new();
    for f in [
        "000_7acf9b5a9bd8532d.txt",
        "001_54db2d4ba4d44a5b.txt",
        "002_3bf1109e5559d618.txt",
    ] {
        base.push_str(&std::fs::read_to_string(format!("seeds/{f}")).unwrap());
        base.push_str("\n\n");
    }
    if single_line {
        base = base.replace('\n', " ");
    }
    let mut s = String::with_capacity(bytes + base.len());
    while s.len() < bytes {
        s.push_str(&base);
    }
    s
}

#[test]
fn a_long_single_line_does_not_hang_and_scales_linearly() {
    // 20 MB in release builds; 2 MB in debug builds, which are ~10× slower.
    let big = if cfg!(debug_assertions) {
        2 << 20
    } else {
        20 << 20
    };
    let t_small = time(&sample(big / 8, true));
    let t_big = time(&sample(big, true));
    // Eight times the text must not take much more than eight times as long.
    assert!(
        t_big < 20.0 * t_small.max(0.01),
        "{t_small:.3}s for 1/8, {t_big:.3}s for all: not linear"
    );
    // Pathological lines: all quotation marks, no punctuation, one long word. Each must
    // stay within a few times what ordinary text of its size takes (measured in this run,
    // so a busy machine slows both): a quadratic path would take thousands of times longer.
    let per_byte = t_big / big as f64;
    for text in [
        "\u{201c}".repeat(big / 3),
        "\"".repeat(big),
        "Lee said he thinks so because ".repeat(big / 30),
        "a".repeat(big),
    ] {
        let t = time(&text);
        let ordinary = per_byte * text.len() as f64;
        assert!(
            t < 30.0 * ordinary.max(0.05),
            "{t:.2}s for {} bytes; ordinary text of that size takes {ordinary:.2}s",
            text.len()
        );
    }
}

#[test]
#[ignore = "throughput figures; run in release with --nocapture"]
fn extract_speed() {
    for (mb, single) in [(1, false), (4, false), (16, false), (16, true), (20, true)] {
        let text = sample(mb << 20, single);
        let t = time(&text);
        let mbs = text.len() as f64 / f64::from(1 << 20);
        eprintln!(
            "{mbs:.1} MB{}: {t:.3} s = {:.1} MB/s",
            if single { " (one line)" } else { "" },
            mbs / t
        );
    }
}

#[test]
fn random_mixtures_of_marks_cues_and_names_never_panic() {
    // A deterministic xorshift over pieces that exercise every pattern.
    let atoms = [
        "\"",
        "“",
        "”",
        "‘",
        "’",
        "'",
        " ",
        "\n",
        "\n\n",
        ".",
        ",",
        ":",
        "—",
        "--",
        "...",
        "…",
        "(",
        ")",
        "@",
        "Lee",
        "he",
        "she",
        "said",
        "told",
        "the",
        "model",
        "singer",
        "father-of-two",
        "41-year-old",
        "because",
        "of",
        "not so much",
        "but",
        "we",
        "aren't",
        "friends",
        "close",
        "Friday",
        "August",
        "4",
        "2020",
        "ago",
        "according to",
        "who",
        "explains",
        "that",
        "it's",
        "about",
        "why",
        "over",
        "could not withstand",
        "the duo",
        "has seen each other",
        "support",
        "I",
        "didn't",
        "Mr.",
        "U.S.",
        "<p>",
        "&ldquo;",
        "\u{0}",
        "\u{fffd}",
        "é",
        "🙂",
        "upset",
        "friendship",
        "ended",
        "our",
        "this weekend",
    ];
    let lex = Lexicon::defaults();
    let names = CompiledNames::new(&names(), &lex);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let len = (next() % 80) as usize;
        let mut s = String::new();
        for _ in 0..len {
            s.push_str(atoms[(next() % atoms.len() as u64) as usize]);
            if next() % 3 == 0 {
                s.push(' ');
            }
        }
        let published = claimcheck::model::FuzzyDate::parse("2022-08-05").ok();
        let x = extract_compiled(
            &Document {
                text: &s,
                published,
                outlet: Some("X"),
            },
            &lex,
            &names,
        );
        for q in &x.quotes {
            assert!(s.get(q.range.clone()).is_some());
        }
    }
}
