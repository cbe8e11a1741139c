use super::{Context, Finding, declare_check, problem_findings};
use crate::model::ProblemKind;

declare_check! {
    /// ## What it does
    /// Reports, once per name, a predicate that the vocabulary does not define, with the
    /// closest known predicate.
    ///
    /// ## Why is this bad?
    /// An unknown predicate has no properties: its claims are compared only with claims of
    /// the same predicate (affirmed against denied), never through `contrary`, `implies`
    /// or `functional`. Often it is a typo.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann, predicate: freinds-with, object: bob}  # did you mean `friends-with`?
    /// ```
    /// Resolved by: fixing the name, or defining the predicate in a rules folder.
    ///
    /// ## Not flagged
    /// - Aliases and inverse spellings the vocabulary lists.
    ///
    /// ## Options
    /// None.
    pub UNKNOWN_PREDICATE {
        code: "CC006",
        name: "unknown-predicate",
        category: Integrity,
        severity: Warning,
        summary: "a predicate is not in the vocabulary",
    }
}

/// Reports the loader's and resolver's problems of this kind.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    problem_findings(cx, ProblemKind::UnknownPredicate, &UNKNOWN_PREDICATE, out);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires() {
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: freinds-with, object: y}\n  - {id: b, source: s1, subject: x, predicate: freinds-with, object: z}\n",
        );
        assert_eq!(codes(&r), ["unknown-predicate"]);
        assert!(r.findings[0].help.contains("friends-with"));
    }

    #[test]
    fn not_flagged() {
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: fell-out-with, object: y}\n",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
