//! Arbitrary bytes as an article, through the extractor (`claimcheck::extract::extract`)
//! with the compiled-in lexicon and the seed story's names. Nothing may panic, and every
//! byte range the extraction returns must lie inside the caller's text, on character
//! boundaries (the extractor documents that its offsets refer to the caller's text).
//!
//! The first byte picks the publication date (none, a year, a month or a day), the rest is
//! the text, decoded as articles are (`load::read_document`: lossy UTF-8, BOM dropped).

#![no_main]

use claimcheck::extract::{CompiledNames, Document, Extraction, Lexicon, Names, extract_compiled};
use claimcheck::model::FuzzyDate;
use libfuzzer_sys::fuzz_target;
use std::ops::Range;
use std::sync::OnceLock;

const STORY: &str = include_str!("../../seeds/story.claims.yaml");

fn setup() -> &'static (Lexicon, CompiledNames) {
    static SETUP: OnceLock<(Lexicon, CompiledNames)> = OnceLock::new();
    SETUP.get_or_init(|| {
        let lexicon = Lexicon::defaults();
        let names = Names::from_yaml(STORY).expect("the seed story's names");
        let compiled = CompiledNames::new(&names, &lexicon);
        (lexicon, compiled)
    })
}

fn check_range(text: &str, r: &Range<usize>, what: &str) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{what} {r:?} is outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
        "{what} {r:?} is not on character boundaries"
    );
}

fn check_ranges(text: &str, x: &Extraction) {
    for r in &x.sentences {
        check_range(text, r, "sentence");
    }
    for r in &x.paragraphs {
        check_range(text, r, "paragraph");
    }
    for q in &x.quotes {
        check_range(text, &q.range, "quote");
        for r in q
            .speaker_phrase
            .iter()
            .chain(&q.cue)
            .chain(&q.said_text)
            .chain(&q.nested)
        {
            check_range(text, r, "quote part");
        }
        if let Some(s) = &q.speaker {
            check_range(text, &s.range, "speaker");
        }
    }
    for d in &x.drafts {
        check_range(text, &d.evidence.range, "draft evidence");
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let published = match pick % 4 {
        0 => None,
        1 => FuzzyDate::parse("2022").ok(),
        2 => FuzzyDate::parse("2022-09").ok(),
        _ => Some(FuzzyDate::ymd(2018, 4, 30)),
    };
    let body = body.strip_prefix("\u{feff}".as_bytes()).unwrap_or(body);
    let text = String::from_utf8_lossy(body);
    let (lexicon, names) = setup();
    let doc = Document {
        text: &text,
        published,
        outlet: (pick & 4 != 0).then_some("Outlet"),
    };
    let x = extract_compiled(&doc, lexicon, names);
    check_ranges(&text, &x);
    let _ = serde_json::to_string(&x).expect("serialize extraction");
});
