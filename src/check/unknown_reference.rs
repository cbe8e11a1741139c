use super::{Context, Finding, declare_check, problem_findings};
use crate::model::ProblemKind;

declare_check! {
    /// ## What it does
    /// Reports a claim whose `source`, `speaker`, `subject` or explicit `object` entity or
    /// concept is not declared in any claim file, and a suppression naming an unknown
    /// claim. Suggests the closest known id.
    ///
    /// ## Why is this bad?
    /// The claim cannot be compared with anything; it is left out of every other check.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann-le, predicate: age, object: 40}  # did you mean `ann-lee`?
    /// ```
    /// Resolved by: fixing the id, or declaring the item.
    ///
    /// ## Not flagged
    /// - An `object` written as a plain name that matches nothing: it is a literal value.
    /// - Aliases and surface forms, which match case-insensitively.
    ///
    /// ## Options
    /// None.
    pub UNKNOWN_REFERENCE {
        code: "CC003",
        name: "unknown-reference",
        category: Integrity,
        severity: Error,
        summary: "a reference names no known source, entity, concept or claim",
    }
}

/// Reports the loader's and resolver's problems of this kind.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    problem_findings(cx, ProblemKind::UnknownReference, &UNKNOWN_REFERENCE, out);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires() {
        let r =
            fixture("claims:\n  - {id: a, source: s9, subject: x, predicate: age, object: 3}\n");
        assert_eq!(codes(&r), ["unknown-reference"]);
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: supports, object: {entity: c1}}\n",
        );
        assert_eq!(
            codes(&r),
            ["unknown-reference"],
            "an explicit entity must be an entity"
        );
    }

    #[test]
    fn suggests_only_a_close_id() {
        let r = fixture(
            "entities:\n  - {id: friends, name: Friends}\n  - {id: leg-west, name: West leg}\nclaims:\n  - {id: a, source: s1, subject: fired, predicate: age, object: 3}\n  - {id: b, source: s1, subject: leg-wset, predicate: age, object: 3}\n",
        );
        assert_eq!(codes(&r), ["unknown-reference", "unknown-reference"]);
        let help = |i: usize| r.findings[i].help.as_str();
        assert!(!help(0).contains("did you mean"), "{}", help(0));
        assert!(help(0).contains("declare it"), "{}", help(0));
        assert!(help(1).contains("did you mean `leg-west`?"), "{}", help(1));
    }

    #[test]
    fn not_flagged() {
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: lives-in, object: some literal}\n",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
