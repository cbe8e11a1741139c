//! The one table of checks, sorted by code. Adding a check = its file + one line here.

use super::{CheckInfo, Context, Finding};

/// A registered check: its info and, for checks that run over the corpus, its function.
/// (Suppression checks run in the sink; corroboration collects support, not findings.)
pub struct Entry {
    /// The check's static description.
    pub info: &'static CheckInfo,
    /// Its run function.
    pub run: Option<fn(&Context<'_>, &mut Vec<Finding>)>,
}

/// Every check, sorted by code.
pub static CHECKS: &[Entry] = &[
    Entry {
        info: &super::invalid_claim_file::INVALID_CLAIM_FILE,
        run: Some(super::invalid_claim_file::run),
    },
    Entry {
        info: &super::duplicate_id::DUPLICATE_ID,
        run: Some(super::duplicate_id::run),
    },
    Entry {
        info: &super::unknown_reference::UNKNOWN_REFERENCE,
        run: Some(super::unknown_reference::run),
    },
    Entry {
        info: &super::invalid_date::INVALID_DATE,
        run: Some(super::invalid_date::run),
    },
    Entry {
        info: &super::missing_document::MISSING_DOCUMENT,
        run: Some(super::missing_document::run),
    },
    Entry {
        info: &super::unknown_predicate::UNKNOWN_PREDICATE,
        run: Some(super::unknown_predicate::run),
    },
    Entry {
        info: &super::quote_not_found::QUOTE_NOT_FOUND,
        run: Some(super::quote_not_found::run),
    },
    Entry {
        info: &super::polarity_contradiction::POLARITY_CONTRADICTION,
        run: Some(super::polarity_contradiction::run),
    },
    Entry {
        info: &super::functional_value_conflict::FUNCTIONAL_VALUE_CONFLICT,
        run: Some(super::functional_value_conflict::run),
    },
    Entry {
        info: &super::contrary_status::CONTRARY_STATUS,
        run: Some(super::contrary_status::run),
    },
    Entry {
        info: &super::competing_causes::COMPETING_CAUSES,
        run: Some(super::competing_causes::run),
    },
    Entry {
        info: &super::cause_contradiction::CAUSE_CONTRADICTION,
        run: Some(super::cause_contradiction::run),
    },
    Entry {
        info: &super::comparison_refuted::COMPARISON_REFUTED,
        run: Some(super::comparison_refuted::run),
    },
    Entry {
        info: &super::status_changed::STATUS_CHANGED,
        run: Some(super::status_changed::run),
    },
    Entry {
        info: &super::revised_account::REVISED_ACCOUNT,
        run: Some(super::revised_account::run),
    },
    Entry {
        info: &super::reporting_conflict::REPORTING_CONFLICT,
        run: Some(super::reporting_conflict::run),
    },
    Entry {
        info: &super::misattributed_quote::MISATTRIBUTED_QUOTE,
        run: Some(super::misattributed_quote::run),
    },
    Entry {
        info: &super::quote_drift::QUOTE_DRIFT,
        run: Some(super::quote_drift::run),
    },
    Entry {
        info: &super::paraphrase_shift::PARAPHRASE_SHIFT,
        run: Some(super::paraphrase_shift::run),
    },
    Entry {
        info: &super::stated_as_fact::STATED_AS_FACT,
        run: Some(super::stated_as_fact::run),
    },
    Entry {
        info: &super::retracted_claim::RETRACTED_CLAIM,
        run: Some(super::retracted_claim::run),
    },
    Entry {
        info: &super::corroboration::CORROBORATION,
        run: None,
    },
    Entry {
        info: &super::unused_suppression::UNUSED_SUPPRESSION,
        run: None,
    },
    Entry {
        info: &super::expired_suppression::EXPIRED_SUPPRESSION,
        run: None,
    },
];

/// Finds a check by code (`CC101`, any case) or name (`polarity-contradiction`).
pub fn find(key: &str) -> Option<&'static CheckInfo> {
    CHECKS
        .iter()
        .map(|e| e.info)
        .find(|i| i.code.eq_ignore_ascii_case(key) || i.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_sorted_and_well_formed() {
        let codes: Vec<&str> = CHECKS.iter().map(|e| e.info.code).collect();
        let mut sorted = codes.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(
            codes, sorted,
            "registry must be sorted by code, codes unique"
        );
        let mut names: Vec<&str> = CHECKS.iter().map(|e| e.info.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CHECKS.len(), "names must be unique");
        for e in CHECKS {
            let i = e.info;
            assert!(
                i.code.len() == 5
                    && i.code.starts_with("CC")
                    && i.code[2..].bytes().all(|b| b.is_ascii_digit()),
                "{}",
                i.code
            );
            assert!(
                i.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{}",
                i.name
            );
            assert!(
                !i.name.starts_with("no-") && !i.name.starts_with("bad-"),
                "{}",
                i.name
            );
            let mut at = 0;
            for heading in [
                "## What it does",
                "## Why is this bad?",
                "## Example",
                "## Not flagged",
                "## Options",
            ] {
                let pos = i.docs[at..]
                    .find(heading)
                    .unwrap_or_else(|| panic!("{}: missing or misplaced `{heading}`", i.name));
                at += pos + heading.len();
            }
        }
    }

    #[test]
    fn finds_by_code_or_name() {
        assert_eq!(
            find("cc101").map(|i| i.name),
            Some("polarity-contradiction")
        );
        assert_eq!(find("revised-account").map(|i| i.code), Some("CC301"));
        assert!(find("nope").is_none());
    }
}
