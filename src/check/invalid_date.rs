use super::{Context, Finding, declare_check, problem_findings};
use crate::model::ProblemKind;

declare_check! {
    /// ## What it does
    /// Reports a date that is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD` or not in the
    /// calendar, a `valid` that mixes `at` with `from`/`to`, and a `valid` interval that
    /// ends before it starts.
    ///
    /// ## Why is this bad?
    /// Times decide what counts as a contradiction; a claim with a broken date is left out
    /// of comparisons rather than guessed at.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann, predicate: age, object: 40, said: 2022-02-30}
    /// ```
    /// Resolved by: writing the date as 2022, 2022-02 or 2022-02-28.
    ///
    /// ## Not flagged
    /// - Dates with year or month precision: they stand for the whole year or month.
    ///
    /// ## Options
    /// None.
    pub INVALID_DATE {
        code: "CC004",
        name: "invalid-date",
        category: Integrity,
        severity: Error,
        summary: "a date is malformed or an interval ends before it starts",
    }
}

/// Reports the loader's and resolver's problems of this kind.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    problem_findings(cx, ProblemKind::InvalidDate, &INVALID_DATE, out);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires() {
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: age, object: 3, said: 2022-02-30}\n  - {id: b, source: s1, subject: x, predicate: age, object: 3, valid: {from: 2022, to: 2021}}\n",
        );
        assert_eq!(codes(&r), ["invalid-date", "invalid-date"]);
    }

    #[test]
    fn not_flagged() {
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: age, object: 3, said: 2024-02-29, valid: {from: 2021, to: 2022-03}}\n",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
