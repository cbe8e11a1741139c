//! Files of claims only are parsed while resolving, a batch at a time (so a large
//! corpus's parsed claims never all live at once). The run must not show it: the same
//! findings, problems and claims as when every file is parsed up front, whatever batch a
//! claim falls in — the first of two equal ids wins in path order, claims that name other
//! claims see every claim id, and a broken file among them is reported and counted.

use claimcheck::check;
use claimcheck::load::{self, Limits};
use claimcheck::model::FuzzyDate;
use claimcheck::report::{self, Format, Review};
use claimcheck::resolve;
use claimcheck::rules::Rules;
use std::fmt::Write as _;
use std::path::Path;

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// A corpus whose claim-only files span several batches, with the cases batching could
/// get wrong.
fn corpus(dir: &Path) {
    write(
        dir,
        "m-declarations.claims.yaml",
        "sources:\n  - {id: a, published: 2024-01-01}\n  - {id: b, published: 2024-02-01}\n\
         entities:\n  - {id: x}\n  - {id: mayor, kind: person}\n  - {id: ap, kind: organisation}\n\
         claims:\n  - {id: dup-early, source: a, subject: x, predicate: alive}\n\
         \x20 - {id: in-decl, source: a, subject: x, predicate: alive, polarity: denied}\n",
    );
    // 150 files of claims only: before and after the declarations in path order.
    for f in 0..150 {
        let mut text = String::from("# claims only\nclaims:\n");
        let id = |k: usize| format!("c{f:03}-{k}");
        for k in 0..3 {
            let polarity = if (f + k) % 2 == 0 {
                "affirmed"
            } else {
                "denied"
            };
            writeln!(
                text,
                "  - {{id: {}, source: {}, subject: x, predicate: alive, polarity: {polarity}}}",
                id(k),
                if f % 2 == 0 { "a" } else { "b" }
            )
            .unwrap();
        }
        let name = if f < 75 { "a" } else { "z" };
        write(dir, &format!("{name}-{f:03}.claims.yaml"), &text);
    }
    // The first `dup-early` in path order is in a file of claims only, before the
    // declarations; a duplicate across two batches (files 1 and 140).
    write(
        dir,
        "a-000-dup.claims.yaml",
        "claims:\n  - {id: dup-early, source: b, subject: x, predicate: alive, polarity: denied}\n",
    );
    write(
        dir,
        "z-140-dup.claims.yaml",
        "claims:\n  - {id: c001-0, source: a, subject: x, predicate: alive}\n\
         \x20 - {id: in-decl, source: a, subject: x, predicate: alive}\n",
    );
    // Claims naming claims of other batches: a suppression, a retraction, a relay.
    write(
        dir,
        "z-200-names.claims.yaml",
        "claims:\n\
         \x20 - id: said\n    source: a\n    speaker: mayor\n    subject: x\n    predicate: alive\n    said: 2024-01-01\n\
         \x20 - id: takes-back\n    source: b\n    speaker: mayor\n    subject: x\n    predicate: alive\n    polarity: denied\n    said: 2024-03-01\n    retracts: said\n\
         \x20 - id: relayed\n    source: b\n    via: [ap]\n    subject: x\n    predicate: alive\n    suppress:\n      - {check: CC101, claim: c000-0, reason: checked}\n      - {check: CC101, claim: no-such-claim, reason: typo}\n\
         \x20 - {id: broken, source: nowhere, subject: x, predicate: alive}\n",
    );
    // JSON lines: a file with a declaration between 2,500 claims (runs of 2,048 lines are
    // parsed later, the declaration now), a duplicate across two runs; a file of claims
    // only with a bad line.
    let mut big = String::new();
    for k in 0..2500 {
        if k == 1200 {
            big.push_str("{\"source\": {\"id\": \"late\", \"published\": \"2024-05-01\"}}\n");
        }
        let id = if k == 2400 {
            "j-0007".to_string()
        } else {
            format!("j-{k:04}")
        };
        let polarity = if k % 3 == 0 { "denied" } else { "affirmed" };
        writeln!(
            big,
            "{{\"claim\": {{\"id\": \"{id}\", \"source\": \"late\", \"subject\": \"x\", \"predicate\": \"alive\", \"polarity\": \"{polarity}\"}}}}"
        )
        .unwrap();
    }
    write(dir, "n-big.claims.jsonl", &big);
    write(
        dir,
        "n-only.claims.jsonl",
        "{\"claim\": {\"id\": \"k1\", \"source\": \"late\", \"subject\": \"x\", \"predicate\": \"alive\"}}\n\
         {\"claim\": {\"id\": \"k2\", \"sourse\": \"late\", \"subject\": \"x\", \"predicate\": \"alive\"}}\n\
         {\"claim\": {\"id\": \"k3\", \"source\": \"late\", \"subject\": \"x\", \"predicate\": \"alive\"}}\n",
    );
    // A broken file of claims only.
    write(
        dir,
        "z-300-broken.claims.yaml",
        "claims:\n  - {id: half, source: a\n  - {id: other}\n",
    );
}

fn render(format: Format, corpus: &resolve::Corpus, report: &check::Report) -> String {
    let paths = report::relative_paths(corpus, None);
    let review = Review::new(report, corpus, &paths);
    let cx = report::Ctx::new(corpus, &review, paths, false);
    let mut out = Vec::new();
    report::render_with(format, report, &cx, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_claim_file_changed_after_parsing_is_quoted_blank_not_wrong() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.claims.yaml",
        "sources:\n  - {id: a}\nentities:\n  - {id: x}\n",
    );
    let claims = "claims:\n  - {id: c1, source: a, subject: x, predicate: alive}\n  - {id: c2, source: a, subject: x, predicate: alive, polarity: denied}\n";
    write(dir.path(), "b.claims.yaml", claims);
    let settings = claimcheck::Settings {
        paths: vec![dir.path().to_path_buf()],
        cache_dir: None,
        ..Default::default()
    };
    let outcome = claimcheck::check(&settings).unwrap();
    assert!(
        outcome
            .report
            .findings
            .iter()
            .any(|f| f.check.code == "CC101")
    );
    // Edited before the report quotes it (same length, other words).
    write(
        dir.path(),
        "b.claims.yaml",
        &claims.replace("alive", "ALIVE"),
    );
    let text = render(Format::Text, &outcome.corpus, &outcome.report);
    assert!(text.contains("b.claims.yaml:2:"), "{text}");
    assert!(!text.contains("ALIVE"), "{text}");
    // Unchanged, it is quoted as it was.
    write(dir.path(), "b.claims.yaml", claims);
    let outcome = claimcheck::check(&settings).unwrap();
    let text = render(Format::Text, &outcome.corpus, &outcome.report);
    assert!(
        text.contains("predicate: alive, polarity: denied"),
        "{text}"
    );
}

#[test]
fn claim_lines_changed_before_they_are_read_are_reported_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    let line = |id: &str, polarity: &str| {
        format!(
            "{{\"claim\": {{\"id\": \"{id}\", \"source\": \"a\", \"subject\": \"x\", \"predicate\": \"alive\", \"polarity\": \"{polarity}\"}}}}\n"
        )
    };
    let text = format!(
        "{{\"source\": {{\"id\": \"a\"}}}}\n{{\"entity\": {{\"id\": \"x\"}}}}\n{}{}",
        line("c1", "affirmed"),
        line("c2", "denied")
    );
    let path = dir.path().join("all.claims.jsonl");
    std::fs::write(&path, &text).unwrap();
    let loaded =
        load::load_paths_deferred(&[dir.path().to_path_buf()], &Limits::default(), None).unwrap();
    assert!(!loaded.later.files.is_empty());
    // Edited between loading and resolving.
    std::fs::write(&path, text.replace("denied", "affirm")).unwrap();
    let corpus = resolve::resolve(loaded, &Rules::defaults().unwrap());
    assert!(corpus.claims.is_empty());
    let p = &corpus.problems[0];
    assert!(
        p.message
            .contains("the file changed while it was being checked"),
        "{p:?}"
    );
    // At the first line of the run of lines that changed (here the whole file).
    assert_eq!(p.span.line, 1);
}

#[test]
fn a_claim_file_changed_before_its_batch_is_reported_not_misread() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "a.claims.yaml",
        "sources:\n  - {id: s}\nentities:\n  - {id: x}\n",
    );
    let claims = "claims:\n  - {id: c1, source: s, subject: x, predicate: alive}\n";
    write(dir.path(), "b.claims.yaml", claims);
    let loaded =
        load::load_paths_deferred(&[dir.path().to_path_buf()], &Limits::default(), None).unwrap();
    assert_eq!(loaded.later.files.len(), 1);
    // Edited between loading and resolving.
    write(
        dir.path(),
        "b.claims.yaml",
        &claims.replace("alive", "ALIVE"),
    );
    let corpus = resolve::resolve(loaded, &Rules::defaults().unwrap());
    assert!(corpus.claims.is_empty());
    let p = &corpus.problems[0];
    assert!(
        p.message
            .contains("the file changed while it was being checked"),
        "{p:?}"
    );
    assert!(corpus.map.display(p.span.file).ends_with("b.claims.yaml"));
}

/// Everything a user sees of a run, in order.
fn seen(corpus: &resolve::Corpus, report: &check::Report) -> Vec<String> {
    let mut out: Vec<String> = corpus
        .claims
        .iter()
        .map(|c| format!("claim {} at {:?}", c.id(), c.claim.id.span))
        .collect();
    let mut problems: Vec<String> = corpus
        .problems
        .iter()
        .map(|p| format!("problem {:?} {:?} {}", p.kind, p.span, p.message))
        .collect();
    problems.sort();
    out.extend(problems);
    out.extend(
        corpus
            .unread
            .iter()
            .map(|u| format!("unread {} {:?}", corpus.map.display(u.file), u.claims)),
    );
    out.extend(report.findings.iter().map(|f| {
        format!(
            "{} {} {:?} {:?} suppressed={}",
            f.check.code,
            f.message,
            f.primary.span,
            f.claims,
            f.suppressed.is_some()
        )
    }));
    out
}

#[test]
fn claims_parsed_in_batches_check_as_if_parsed_up_front() {
    let dir = tempfile::tempdir().unwrap();
    corpus(dir.path());
    let today = FuzzyDate::ymd(2026, 1, 1);
    // Batched: the run driver.
    let settings = claimcheck::Settings {
        paths: vec![dir.path().to_path_buf()],
        cache_dir: None,
        today,
        ..Default::default()
    };
    let batched = claimcheck::check(&settings).unwrap();
    // Up front: every file parsed before resolving.
    let rules = Rules::defaults().unwrap();
    let loaded = load::load_paths(&[dir.path().to_path_buf()], &Limits::default()).unwrap();
    assert!(loaded.later.files.is_empty());
    let corpus = resolve::resolve(loaded, &rules);
    let options = check::sink::Options {
        today,
        ..Default::default()
    };
    let report = check::run(&corpus, &rules, &options);
    assert_eq!(
        seen(&batched.corpus, &batched.report),
        seen(&corpus, &report)
    );
    // The texts of the files parsed in batches were released; the reports that quote
    // them read them again, to the same bytes.
    for format in [Format::Text, Format::Sarif, Format::Html, Format::Json] {
        assert_eq!(
            render(format, &batched.corpus, &batched.report),
            render(format, &corpus, &report),
            "{format:?}"
        );
    }
    // And what both say is right.
    let messages: Vec<&str> = corpus.problems.iter().map(|p| p.message.as_str()).collect();
    let duplicate = |id: &str| {
        corpus
            .problems
            .iter()
            .find(|p| p.message == format!("duplicate claim id `{id}`"))
            .unwrap_or_else(|| panic!("no duplicate-id problem for `{id}`"))
    };
    let file_of = |p: &claimcheck::model::Problem| corpus.map.display(p.span.file);
    assert!(file_of(duplicate("dup-early")).ends_with("m-declarations.claims.yaml"));
    assert!(file_of(duplicate("c001-0")).ends_with("z-140-dup.claims.yaml"));
    assert!(file_of(duplicate("in-decl")).ends_with("z-140-dup.claims.yaml"));
    let dup = duplicate("j-0007");
    assert_eq!(dup.span.line, 2402);
    assert!(
        messages
            .iter()
            .any(|m| m.contains("unknown field `sourse`"))
    );
    assert!(corpus.claims.iter().any(|c| c.id() == "j-2499"));
    assert!(corpus.claims.iter().any(|c| c.id() == "k3"));
    assert!(messages.contains(&"suppression names unknown claim `no-such-claim`"));
    assert!(!messages.iter().any(|m| m.contains("`c000-0`")));
    assert!(messages.contains(&"unknown source `nowhere`"));
    let said = corpus.claims.iter().position(|c| c.id() == "said").unwrap();
    let takes_back = corpus
        .claims
        .iter()
        .position(|c| c.id() == "takes-back")
        .unwrap();
    assert_eq!(corpus.claims[said].retracted_by, Some(takes_back as u32));
    assert_eq!(corpus.unread.len(), 1);
    assert!(
        corpus
            .map
            .display(corpus.unread[0].file)
            .ends_with("z-300-broken.claims.yaml")
    );
    // Claims come in path order, then file order.
    let order: Vec<(u32, u32)> = corpus
        .claims
        .iter()
        .map(|c| (c.claim.span.file.0, c.claim.span.start))
        .collect();
    assert!(order.is_sorted());
    assert!(corpus.claims.len() > 2950);
}
