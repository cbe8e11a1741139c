use super::declare_check;

declare_check! {
    /// ## What it does
    /// Reports a claim's `suppress` entry whose `expires` date has passed. An expired
    /// suppression no longer hides its finding.
    ///
    /// ## Why is this bad?
    /// An expiry is a promise to look again; this is the reminder.
    ///
    /// ## Example
    /// ```yaml
    /// suppress:
    ///   - {check: reporting-conflict, claim: b, reason: "asked the outlet", expires: 2023-01}
    /// ```
    /// Resolved by: settling the finding, then deleting or renewing the entry.
    ///
    /// ## Not flagged
    /// - Suppressions without `expires`, or expiring today or later.
    ///
    /// ## Options
    /// `CLAIMCHECK_TODAY=YYYY-MM-DD` fixes "today" for reproducible runs.
    pub EXPIRED_SUPPRESSION {
        code: "CC902",
        name: "expired-suppression",
        category: Meta,
        severity: Warning,
        summary: "a suppression has expired and no longer applies",
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_and_stops_hiding() {
        let r = fixture(
            r#"
claims:
  - {id: a, source: s1, subject: x, predicate: age, object: 3, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: age, object: 9, valid: {at: 2018}, suppress: [{check: CC102, reason: "asked", expires: 2020-01}]}
"#,
        );
        assert_eq!(
            codes(&r),
            ["functional-value-conflict b a", "expired-suppression"]
        );
    }

    #[test]
    fn not_flagged_before_expiry() {
        let r = fixture(
            r#"
claims:
  - {id: a, source: s1, subject: x, predicate: age, object: 3, valid: {at: 2018}}
  - {id: b, source: s2, subject: x, predicate: age, object: 9, valid: {at: 2018}, suppress: [{check: CC102, reason: "asked", expires: 2999}]}
"#,
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
