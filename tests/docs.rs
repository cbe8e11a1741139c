//! docs/checks.md is generated from the check registry. This test fails when it drifts;
//! `CLAIMCHECK_UPDATE=1 cargo test --test docs` rewrites it.

#[test]
fn checks_md_is_generated_from_the_registry() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/checks.md");
    let generated = claimcheck::report::docs::checks_markdown();
    if std::env::var_os("CLAIMCHECK_UPDATE").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == generated,
        "docs/checks.md is out of date: run `CLAIMCHECK_UPDATE=1 cargo test --test docs`"
    );
}

#[test]
fn every_check_is_documented_in_checks_md() {
    let md = claimcheck::report::docs::checks_markdown();
    for e in claimcheck::check::registry::CHECKS {
        assert!(
            md.contains(&format!("\n## {}\n", e.info.name)),
            "{}",
            e.info.name
        );
        assert!(
            md.contains(&format!("| {} |", e.info.code)),
            "{}",
            e.info.code
        );
    }
}
