use super::declare_check;

declare_check! {
    /// ## What it does
    /// Reports a claim's `suppress` entry that hid no finding in this run, or that names a
    /// check that does not exist.
    ///
    /// ## Why is this bad?
    /// A stale suppression hides nothing today but would silently hide a new finding of
    /// the same kind tomorrow; it also misleads readers about what is disputed.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - id: a
    ///     # …
    ///     suppress:
    ///       - {check: revised-account, claim: b, reason: "settled in 2023"}   # but nothing fires
    /// ```
    /// Resolved by: deleting the entry.
    ///
    /// ## Not flagged
    /// - Expired suppressions: `expired-suppression`.
    ///
    /// ## Options
    /// None.
    pub UNUSED_SUPPRESSION {
        code: "CC901",
        name: "unused-suppression",
        category: Meta,
        severity: Warning,
        summary: "a suppression hides no finding",
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_when_nothing_is_hidden() {
        let r = fixture(
            r#"
claims:
  - {id: a, source: s1, subject: x, predicate: age, object: 3, suppress: [{check: functional-value-conflict, reason: "known"}]}
"#,
        );
        assert_eq!(codes(&r), ["unused-suppression"]);
    }

    #[test]
    fn not_flagged_when_it_hides_a_finding() {
        let r = fixture(
            r#"
claims:
  - {id: a, source: s1, subject: x, predicate: age, object: 3, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: age, object: 9, valid: {at: 2018}, suppress: [{check: CC102, claim: a, reason: "typo in the print edition"}]}
"#,
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
        assert_eq!(r.findings.len(), 1);
        assert_eq!(
            r.findings[0].suppressed.as_deref(),
            Some("typo in the print edition")
        );
    }
}
