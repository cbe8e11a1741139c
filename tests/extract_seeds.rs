//! The extractor on the seed articles: speakers, reporters, speech dates and the draft
//! claims the checker needs (issue 3's acceptance), with the plain names fixture of
//! `tests/gold/names.yaml`.

use claimcheck::extract::{Document, Draft, DraftObject, Extraction, Lexicon, Names, extract};
use claimcheck::model::{Attribution, FuzzyDate, Modality, Polarity};

fn names() -> Names {
    Names::from_yaml(&std::fs::read_to_string("tests/gold/names.yaml").unwrap()).unwrap()
}

fn seed(file: &str, published: &str, outlet: &str) -> (String, Extraction) {
    let text = std::fs::read_to_string(format!("seeds/{file}")).unwrap();
    let doc = Document {
        text: &text,
        published: FuzzyDate::parse(published).ok(),
        outlet: Some(outlet),
    };
    let x = extract(&doc, &Lexicon::defaults(), &names());
    (text, x)
}

fn et() -> (String, Extraction) {
    seed("000_7acf9b5a9bd8532d.txt", "2018", "ET")
}
fn tmz() -> (String, Extraction) {
    seed("001_54db2d4ba4d44a5b.txt", "2022-09", "TMZ")
}
fn ok() -> (String, Extraction) {
    seed("002_3bf1109e5559d618.txt", "2022-08-05", "OK!")
}

fn concept(d: &Draft) -> Option<&str> {
    match &d.object {
        Some(DraftObject::Concept(c)) => Some(c),
        _ => None,
    }
}

fn find<'a>(x: &'a Extraction, pred: &str, object: &str, polarity: Polarity) -> Vec<&'a Draft> {
    x.drafts
        .iter()
        .filter(|d| d.predicate == pred && concept(d) == Some(object) && d.polarity == polarity)
        .collect()
}

#[test]
fn tmz_reports_legend_in_its_own_words_as_a_paraphrase() {
    let (_, x) = tmz();
    let q = x
        .quotes
        .iter()
        .find(|q| q.text.starts_with("it's more about the fact"))
        .unwrap();
    assert!(!q.direct);
    assert_eq!(q.reporter.as_deref(), Some("TMZ"));
    assert_eq!(
        q.speaker.as_ref().unwrap().entity.as_deref(),
        Some("john-legend")
    );
    let d = find(
        &x,
        "ended-because-of",
        "legend-not-backing-kanye-campaign",
        Polarity::Affirmed,
    );
    assert_eq!(d.len(), 1, "{:#?}", x.drafts);
    let d = d[0];
    assert_eq!(d.subject, "legend-west-friendship");
    assert_eq!(d.speaker.as_deref(), Some("john-legend"));
    assert_eq!(d.attribution, Attribution::Paraphrase);
    assert_eq!(d.reporter.as_deref(), Some("TMZ"));
    // "… -- not so much who Ye's supported of late": that cause denied.
    let denied = find(
        &x,
        "ended-because-of",
        "kanye-trump-support",
        Polarity::Denied,
    );
    assert_eq!(denied.len(), 1, "{:#?}", x.drafts);
    assert_eq!(denied[0].quote, "not so much who Ye's supported of late");
}

#[test]
fn ok_has_legends_own_words_against_tmzs_account() {
    let (text, x) = ok();
    // "I honestly think because … his supporting Trump. I think it became too much …"
    let own = find(
        &x,
        "ended-because-of",
        "kanye-trump-support",
        Polarity::Affirmed,
    );
    let direct: Vec<_> = own
        .iter()
        .filter(|d| d.attribution == Attribution::Direct)
        .collect();
    assert_eq!(direct.len(), 1, "{:#?}", x.drafts);
    assert_eq!(direct[0].modality, Modality::Hedged);
    assert_eq!(direct[0].said, FuzzyDate::parse("2022-08-04").ok());
    assert_eq!(&text[direct[0].evidence.range.clone()], direct[0].quote);
    assert!(direct[0].evidence.sentence.contains("his supporting Trump"));
    // OK!'s own paraphrase: "could not withstand … support of Donald Trump".
    assert!(
        own.iter()
            .any(|d| d.attribution == Attribution::Paraphrase && d.rule == "cause:withstand")
    );
    // 2020, Sunday Times: "I don't think we're less friends because of the Trump thing".
    let s = find(&x, "strained-by", "kanye-trump-support", Polarity::Denied);
    assert_eq!(s.len(), 1, "{:#?}", x.drafts);
    assert_eq!(
        (s[0].modality, s[0].said),
        (Modality::Hedged, FuzzyDate::parse("2020").ok())
    );
    // "He was upset that I didn't support his run …"
    let u = find(
        &x,
        "upset-about",
        "legend-not-backing-kanye-campaign",
        Polarity::Affirmed,
    );
    assert_eq!(u.len(), 1, "{:#?}", x.drafts);
    assert_eq!(u[0].subject, "kanye-west");
    // "We aren't friends as much as we used to be": not as close.
    assert!(x.drafts.iter().any(|d| d.predicate == "close-to"
        && d.subject == "john-legend"
        && d.object == Some(DraftObject::Entity("kanye-west".into()))
        && d.polarity == Polarity::Denied));
}

#[test]
fn speech_dates_follow_the_document_date() {
    let (_, x) = ok();
    let said = |start: &str| {
        x.quotes
            .iter()
            .find(|q| q.text.starts_with(start))
            .unwrap()
            .said
            .map(|d| d.to_string())
    };
    assert_eq!(said("We aren't friends").as_deref(), Some("2022-08-04"));
    assert_eq!(said("I honestly think").as_deref(), Some("2022-08-04"));
    assert_eq!(
        said("I don't think we're less friends").as_deref(),
        Some("2020")
    );
    assert_eq!(said("The last few years").as_deref(), Some("2022-08-03"));
    let (_, x) = tmz();
    let tweet = x
        .quotes
        .iter()
        .find(|q| q.text.starts_with("My favorite interview"))
        .unwrap();
    assert_eq!(
        tweet.said.map(|d| d.to_string()).as_deref(),
        Some("2022-09-04")
    );
    assert_eq!(tweet.rule, "tweet-signature");
}

#[test]
fn unsigned_embedded_tweets_get_no_speaker() {
    let (_, x) = et();
    for start in ["I tweeted the John text", "Everyone keeps asking me"] {
        assert!(
            x.quotes
                .iter()
                .all(|q| !q.text.contains(start) || q.speaker.is_none()),
            "{start}"
        );
    }
}

#[test]
fn ages_are_anchored_to_the_publication_date() {
    let (_, x) = et();
    let age = |who: &str| {
        x.drafts
            .iter()
            .find(|d| d.predicate == "age" && d.subject == who)
            .map(|d| {
                (
                    d.object.clone(),
                    d.valid.and_then(|v| v.at).map(|a| a.to_string()),
                )
            })
    };
    let years = |n: f64| {
        Some(DraftObject::Number {
            value: n,
            unit: Some("years".into()),
        })
    };
    assert_eq!(age("john-legend"), Some((years(39.0), Some("2018".into()))));
    // "the 41-year-old rapper": no alias, resolved as the salient person (West).
    assert_eq!(age("kanye-west"), Some((years(41.0), Some("2018".into()))));
}

#[test]
fn evidence_points_into_the_text() {
    for (text, x) in [et(), tmz(), ok()] {
        for d in &x.drafts {
            assert_eq!(&text[d.evidence.range.clone()], d.quote);
            let line = text[..d.evidence.range.start].matches('\n').count() + 1;
            assert_eq!(d.evidence.line, line);
            assert!(
                d.evidence
                    .sentence
                    .contains(d.quote.split('.').next().unwrap())
            );
            assert!(d.confidence > 0.0 && d.confidence <= 1.0);
        }
        for q in &x.quotes {
            assert_eq!(&text[q.range.clone()], q.text);
        }
    }
}
