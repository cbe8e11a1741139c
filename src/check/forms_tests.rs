//! One test that must fire and one that must not, per form of the claim model: figures,
//! times of day, unstated times, relays, scopes, broader/narrower values.

use crate::check::testing::{codes, fixture};

fn names(r: &crate::check::testing::Checked) -> Vec<String> {
    codes(r)
}

#[test]
fn figures_bounds_agree_and_a_real_gap_is_one_finding_that_states_it() {
    let quiet = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: death-toll, object: {min: 500}}
  - {id: b, source: s2, subject: x, predicate: death-toll, object: 500}
  - {id: c, source: s3, subject: x, predicate: death-toll, object: hundreds}
",
    );
    assert!(names(&quiet).is_empty(), "{:?}", names(&quiet));
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: death-toll, object: 500}
  - {id: b, source: s2, subject: x, predicate: death-toll, object: {min: 10, max: 50}, valid: {at: 2021-06-01}}
",
    );
    assert_eq!(names(&r), ["functional-value-conflict b a"]);
    let f = &r.report.findings[0];
    assert!(
        f.explanation
            .contains("10–50 against 500: no overlap, a gap of 450"),
        "{}",
        f.explanation
    );
}

#[test]
fn a_relative_tolerance_makes_near_figures_agree() {
    let two = |tolerance: &str| {
        crate::check::testing::fixture_with_rules(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: ridership, object: 100000}
  - {id: b, source: s2, subject: x, predicate: ridership, object: 101500, valid: {at: 2021-06-01}}
",
            &format!(
                "predicates:\n  ridership: {{functional: true, tolerance: \"{tolerance}\"}}\n"
            ),
        )
    };
    assert!(names(&two("2%")).is_empty());
    assert_eq!(names(&two("1%")), ["functional-value-conflict b a"]);
}

#[test]
fn times_of_day_order_one_speakers_updates_of_one_day() {
    // Two tolls of one day by one speaker in two outlets: without times, one speech act
    // printed two ways (a misreport, or an update the dates cannot order).
    let day = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, said: 2023-10-17, subject: x, predicate: death-toll, object: 500}
  - {id: b, source: s2, speaker: p, said: 2023-10-17, subject: x, predicate: death-toll, object: 471}
",
    );
    assert_eq!(names(&day), ["reporting-conflict b a"]);
    // With times, the 22:00 figure is a later account: a revision.
    let timed = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, said: 2023-10-17T18:00, subject: x, predicate: death-toll, object: 500}
  - {id: b, source: s2, speaker: p, said: 2023-10-17T22:00, subject: x, predicate: death-toll, object: 471}
",
    );
    assert_eq!(names(&timed), ["revised-account b a"]);
}

#[test]
fn an_unstated_time_clashes_only_with_what_it_must_overlap() {
    // "Were friends at some time between 2015 and 2020" against "estranged throughout
    // 2010–2022": must overlap, a clash.
    let must = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: friends-with, object: y, valid: {after: 2015, before: 2020}}
  - {id: b, source: s2, subject: x, predicate: estranged-from, object: y, valid: {from: 2010, to: 2022}}
",
    );
    assert_eq!(names(&must), ["contrary-status b a"]);
    // Against "estranged in 2019" it may have been earlier: nothing is claimed.
    let may = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: friends-with, object: y, valid: {before: 2020}}
  - {id: b, source: s2, subject: x, predicate: estranged-from, object: y, valid: {at: 2019}}
",
    );
    assert!(names(&may).is_empty(), "{:?}", names(&may));
}

#[test]
fn outlets_relaying_one_origin_are_one_voice() {
    let r = fixture(
        r"
entities:
  - {id: ap, name: AP, kind: organisation}
  - {id: ministry, name: the ministry, kind: organisation}
claims:
  - {id: a, source: s1, speaker: ministry, via: [ap], said: 2022-01-10, subject: x, predicate: death-toll, object: 500}
  - {id: b, source: s2, speaker: ministry, via: [ap], said: 2022-01-10, subject: x, predicate: death-toll, object: 500}
  - {id: c, source: s3, via: [ap], said: 2022-01-10, subject: x, predicate: age, object: 41}
  - {id: d, source: s1, via: [ap], said: 2022-01-10, subject: x, predicate: age, object: 41}
",
    );
    assert!(names(&r).is_empty(), "{:?}", names(&r));
    // Each agreement rests on one origin: no independent corroboration.
    for c in &r.report.corroborations {
        assert_eq!(c.voices, 1, "{c:?}");
    }
}

#[test]
fn one_origin_printed_differently_says_where_the_chains_part() {
    let r = fixture(
        r"
entities:
  - {id: afp, name: AFP}
  - {id: le-point, name: Le Point}
  - {id: reuters, name: Reuters}
  - {id: official, name: a European official}
claims:
  - {id: a, source: s1, speaker: official, via: [le-point, afp], said: 2022-01-10, subject: x, predicate: death-toll, object: {min: 10, max: 50}}
  - {id: b, source: s2, speaker: official, via: [reuters, afp], said: 2022-01-10, subject: x, predicate: death-toll, object: 300}
",
    );
    assert_eq!(names(&r), ["reporting-conflict b a"]);
    let f = &r.report.findings[0];
    assert!(
        f.explanation.contains(
            "the disagreement enters at Reuters' or Le Point's link (both come through AFP)"
        ),
        "{}",
        f.explanation
    );
    assert!(
        f.primary
            .text
            .contains("a European official (quoted by Weekly, via AFP and Reuters"),
        "{}",
        f.primary.text
    );
}

#[test]
fn scopes_that_differ_are_different_measures() {
    let differ = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: audience, object: 30600000, scope: {measure: nielsen, networks: 12}}
  - {id: b, source: s2, subject: x, predicate: audience, object: 11800000, scope: {measure: nielsen, networks: fox-news}}
",
    );
    assert!(names(&differ).is_empty(), "{:?}", names(&differ));
    // A key only one side has is allowed: these are compared.
    let partial = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: audience, object: 30600000, scope: {measure: nielsen, window: '10:00-18:00'}}
  - {id: b, source: s2, subject: x, predicate: audience, object: 11800000, scope: {measure: nielsen}}
",
    );
    assert_eq!(names(&partial), ["functional-value-conflict b a"]);
}

#[test]
fn narrower_values_agree_and_unrelated_ones_clash() {
    const PARTS: &str = r"
entities:
  - {id: israel, name: Israel}
  - {id: idf, name: the IDF, part-of: [israel]}
  - {id: groups, name: Palestinian armed groups}
  - {id: jihad, name: Islamic Jihad, part-of: [groups]}
concepts:
  - {id: politics, name: politics}
  - {id: trump-support, name: his supporting Trump, broader: [politics]}
";
    let quiet = fixture(&format!(
        "{PARTS}claims:
  - {{id: a, source: s1, subject: x, predicate: led-by, object: idf}}
  - {{id: b, source: s2, subject: x, predicate: led-by, object: israel, valid: {{at: 2021-06-01}}}}
  - {{id: c, source: s1, subject: y, predicate: ended-because-of, object: politics}}
  - {{id: d, source: s2, subject: y, predicate: ended-because-of, object: trump-support}}
"
    ));
    assert!(names(&quiet).is_empty(), "{:?}", names(&quiet));
    let clash = fixture(&format!(
        "{PARTS}claims:
  - {{id: a, source: s1, subject: x, predicate: led-by, object: jihad}}
  - {{id: b, source: s2, subject: x, predicate: led-by, object: israel, valid: {{at: 2021-06-01}}}}
  - {{id: c, source: s1, subject: y, predicate: ended-because-of, object: politics, polarity: denied}}
  - {{id: d, source: s2, subject: y, predicate: ended-because-of, object: trump-support}}
"
    ));
    assert_eq!(
        names(&clash),
        ["functional-value-conflict b a", "cause-contradiction d c"]
    );
}

#[test]
fn part_of_cycles_and_broader_entities_are_errors() {
    let r = fixture(
        r"
entities:
  - {id: a1, part-of: [a2]}
  - {id: a2, part-of: [a1]}
concepts:
  - {id: k, broader: [x]}
",
    );
    let problems: Vec<&str> = r
        .report
        .findings
        .iter()
        .filter(|f| f.check.name == "unknown-reference")
        .map(|f| f.message.as_str())
        .collect();
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().any(|m| m.contains("makes a cycle")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|m| m.contains("`broader` names entity `x`")),
        "{problems:?}"
    );
}

#[test]
fn an_undetermined_claim_is_a_position_of_its_dispute() {
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: death-toll, object: 500}
  - {id: b, source: s2, subject: x, predicate: death-toll, object: 10, valid: {at: 2021-06-01}}
  - {id: c, source: s3, speaker: p, subject: x, predicate: death-toll, object: 500, polarity: undetermined}
",
    );
    assert_eq!(names(&r), ["functional-value-conflict b a"]);
    let d = &r.report.disputes[0];
    let texts: Vec<&str> = d.positions.iter().map(|p| p.text.as_str()).collect();
    assert!(
        texts.contains(&"undetermined whether `x` death-toll `500`"),
        "{texts:?}"
    );
}

#[test]
fn several_clashing_figures_of_one_dispute_are_one_finding() {
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, subject: x, predicate: death-toll, object: {min: 500}}
  - {id: b, source: s2, speaker: q, subject: x, predicate: death-toll, object: {min: 100, max: 300}}
  - {id: c, source: s3, subject: x, predicate: death-toll, object: {min: 10, max: 50}}
  - {id: d, source: s3, speaker: q, said: 2022-03, subject: x, predicate: death-toll, object: 200}
",
    );
    let got = names(&r);
    assert_eq!(got.len(), 1, "{got:?}");
    let f = &r.report.findings[0];
    assert_eq!(f.check.name, "functional-value-conflict");
    // Four figures, lowest first; only the pairs apart (200 agrees with 100–300).
    let labels: Vec<&str> = f.positions.iter().map(|p| p.label.as_str()).collect();
    assert_eq!(
        labels,
        [
            "`x` death-toll `10–50`",
            "`x` death-toll `100–300`",
            "`x` death-toll `200`",
            "`x` death-toll `at least 500`"
        ],
    );
    let id = |i: u32| r.corpus.claims[i as usize].id();
    let pairs: Vec<(&str, &str)> = f.pairs.iter().map(|&(a, b)| (id(a), id(b))).collect();
    assert!(
        !pairs.iter().any(|p| *p == ("d", "b") || *p == ("b", "d")),
        "{pairs:?}"
    );
    assert!(
        f.explanation
            .contains("10–50 against at least 500: a gap of 450"),
        "{}",
        f.explanation
    );
}

#[test]
fn denying_a_figure_clashes_with_the_figure_not_with_a_range_that_reaches_it() {
    // "1.3 million is impossible" against a range of 1 to 1.3 million: the range does
    // not say 1.3 million; against "1.3 million" and "about 1.3 million" it does.
    let quiet = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: attendance, object: 1300000, polarity: denied}
  - {id: b, source: s2, subject: x, predicate: attendance, object: {min: 1000000, max: 1300000}}
  - {id: c, source: s3, subject: x, predicate: attendance, object: {min: 1200000}}
",
    );
    assert!(names(&quiet).is_empty(), "{:?}", names(&quiet));
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: attendance, object: 1300000, polarity: denied}
  - {id: b, source: s2, subject: x, predicate: attendance, object: {about: 1300000}}
",
    );
    assert_eq!(names(&r), ["polarity-contradiction b a"]);
    // Denying "at least 500" (fewer than 500 died) meets an exact figure above it.
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: death-toll, object: {min: 500}, polarity: denied}
  - {id: b, source: s2, subject: x, predicate: death-toll, object: 620}
",
    );
    assert_eq!(names(&r), ["polarity-contradiction b a"]);
}

#[test]
fn a_voice_relayed_through_different_chains_names_each_outlets_relays() {
    // The same speech act printed by Daily directly and by Weekly through AP: the voice
    // names AP for Weekly only, not "several relays".
    let r = fixture(
        r"
entities:
  - {id: ap, name: AP, kind: organisation}
  - {id: ministry, name: the ministry, kind: organisation}
claims:
  - {id: a, source: s1, speaker: ministry, said: 2022-01-10, subject: x, predicate: death-toll, object: 500, attribution: paraphrase}
  - {id: b, source: s2, speaker: ministry, via: [ap], said: 2022-01-10, subject: x, predicate: death-toll, object: 500, attribution: paraphrase}
  - {id: c, source: s3, speaker: y, said: 2022-01-10, subject: x, predicate: death-toll, object: 20}
",
    );
    let f = &r.report.findings[0];
    assert!(
        f.explanation.contains(
            "the ministry (as paraphrased by Daily and Weekly (via AP), said 2022-01-10)"
        ),
        "{}",
        f.explanation
    );
    assert!(
        !f.explanation.contains("several relays"),
        "{}",
        f.explanation
    );
}

#[test]
fn a_retraction_takes_back_every_report_of_the_statement() {
    // Pat's statement printed by Daily and Weekly; Pat takes it back (naming Daily's
    // claim): Weekly's print is taken back too and clashes with nobody.
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, said: 2021-06-01, subject: x, predicate: caused-by, object: c1}
  - {id: b, source: s2, speaker: p, said: 2021-06-01, subject: x, predicate: caused-by, object: c1, attribution: paraphrase}
  - {id: c, source: s3, speaker: q, said: 2021-06-01, subject: x, predicate: caused-by, object: c1, polarity: denied}
  - {id: d, source: s3, speaker: p, said: 2022-03-01, retracts: a, subject: x, predicate: caused-by, object: c1, polarity: denied}
",
    );
    assert_eq!(names(&r), ["retracted-claim d a b"]);
    assert!(
        r.report.findings[0]
            .message
            .contains("(with 1 other report of it)"),
        "{}",
        r.report.findings[0].message
    );
    // A later repetition of the statement is not taken back by an earlier retraction.
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, said: 2021-06-01, subject: x, predicate: caused-by, object: c1}
  - {id: d, source: s2, speaker: p, said: 2022-01-10, retracts: a, subject: x, predicate: caused-by, object: c1, polarity: denied}
  - {id: e, source: s3, speaker: p, said: 2022-03-01, subject: x, predicate: caused-by, object: c1}
",
    );
    assert!(
        names(&r).iter().any(|n| n.starts_with("revised-account")),
        "{:?}",
        names(&r)
    );
}

#[test]
fn figures_that_changed_several_times_are_one_note_with_their_times() {
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: death-toll, object: 15, valid: {before: 2021-06-01T21:15+02:00}}
  - {id: b, source: s2, subject: x, predicate: count, object: 30, valid: {before: 2021-06-01T21:30+02:00}}
  - {id: c, source: s2, subject: x, predicate: count, object: 15, valid: {before: 2021-06-01T21:15+02:00}}
  - {id: d, source: s3, subject: x, predicate: count, object: 35, valid: {from: 2021-06-01T21:36+02:00}}
",
    );
    let notes: Vec<&crate::check::Finding> = r
        .report
        .findings
        .iter()
        .filter(|f| f.check.name == "status-changed")
        .collect();
    assert_eq!(notes.len(), 1, "{:?}", names(&r));
    let f = notes[0];
    assert_eq!(f.positions.len(), 3);
    assert!(
        f.explanation
            .contains("`x` count `15`, valid at some time before 2021-06-01T21:15+02:00"),
        "{}",
        f.explanation
    );
    // Every change is a pair, the first figure against the last included.
    let id = |i: u32| r.corpus.claims[i as usize].id();
    assert!(
        f.pairs
            .iter()
            .any(|&(x, y)| [id(x), id(y)] == ["d", "c"] || [id(x), id(y)] == ["c", "d"]),
        "{:?}",
        f.pairs
    );
}

#[test]
fn one_speech_act_printed_differently_by_two_outlets_is_a_misreport() {
    let two_outlets = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, said: 2021-06-01, subject: x, predicate: count, object: 70}
  - {id: b, source: s2, speaker: p, said: 2021-06-01, subject: x, predicate: count, object: 15}
",
    );
    assert_eq!(names(&two_outlets), ["reporting-conflict b a"]);
    let one_outlet = fixture(
        r"
claims:
  - {id: a, source: s1, speaker: p, said: 2021-06-01, subject: x, predicate: count, object: 70}
  - {id: b, source: s1, speaker: p, said: 2021-06-01, subject: x, predicate: count, object: 15}
",
    );
    assert_eq!(names(&one_outlet), ["functional-value-conflict b a"]);
}

#[test]
fn positions_name_their_scope_and_unknowns_read_as_such() {
    let r = fixture(
        r"
claims:
  - {id: a, source: s1, subject: x, predicate: attendance, object: 2589, scope: {where: turnstiles}}
  - {id: b, source: s2, subject: x, predicate: attendance, object: 30000, scope: {where: turnstiles}}
  - {id: c, source: s3, subject: x, predicate: attendance, polarity: undetermined}
",
    );
    let f = &r.report.findings[0];
    assert!(
        f.explanation
            .contains("`x` attendance `2589` [where: turnstiles]"),
        "{}",
        f.explanation
    );
    let c = &r.corpus.claims[2];
    assert_eq!(r.corpus.position_text(c), "`x` attendance: not known");
}

#[test]
fn a_part_of_the_whole_is_no_rival_to_the_whole() {
    let r = fixture(
        r"
claims:
  - {id: total, source: s1, subject: x, predicate: death-toll, object: 253}
  - {id: foreign, source: s2, subject: x, predicate: death-toll, object: 40, scope: {counted: foreign nationals}}
  - {id: foreign2, source: s3, subject: x, predicate: death-toll, object: 42, scope: {counted: foreign nationals}}
  - {id: total2, source: s3, subject: x, predicate: death-toll, object: 359}
",
    );
    // The pairs the findings are about: the part twice, the whole twice; never a part
    // against the whole.
    let id = |i: u32| r.corpus.claims[i as usize].id().to_string();
    let mut pairs: Vec<(String, String)> = r
        .findings
        .iter()
        .flat_map(|f| {
            f.pairs.iter().map(|&(a, b)| {
                let (a, b) = (id(a), id(b));
                if a < b { (a, b) } else { (b, a) }
            })
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    let want = |a: &str, b: &str| (a.to_string(), b.to_string());
    assert_eq!(
        pairs,
        [want("foreign", "foreign2"), want("total", "total2")]
    );
}
