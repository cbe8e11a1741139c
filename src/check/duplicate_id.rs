use super::{Context, Finding, declare_check, problem_findings};
use crate::model::ProblemKind;

declare_check! {
    /// ## What it does
    /// Reports an id declared twice (sources, entities, concepts and claims share one
    /// namespace across all claim files), and an alias or surface form that names two
    /// different entities or concepts.
    ///
    /// ## Why is this bad?
    /// A reference to a duplicated id is ambiguous; the second item is ignored.
    ///
    /// ## Example
    /// ```yaml
    /// entities:
    ///   - {id: ann, name: Ann Lee}
    ///   - {id: ann, name: Ann Smith}
    /// ```
    /// Resolved by: renaming one of them.
    ///
    /// ## Not flagged
    /// - The same alias listed twice for the same entity.
    ///
    /// ## Options
    /// None.
    pub DUPLICATE_ID {
        code: "CC002",
        name: "duplicate-id",
        category: Integrity,
        severity: Error,
        summary: "two items share an id, or an alias names two things",
    }
}

/// Reports the loader's and resolver's problems of this kind.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    problem_findings(cx, ProblemKind::DuplicateId, &DUPLICATE_ID, out);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires() {
        let r = fixture(
            "claims:\n  - {id: a, source: s1, subject: x, predicate: age, object: 3}\n  - {id: a, source: s1, subject: x, predicate: age, object: 3}\n",
        );
        assert_eq!(codes(&r), ["duplicate-id"]);
    }

    #[test]
    fn not_flagged() {
        let r = fixture("entities:\n  - {id: w, aliases: [Dub, dub]}\n");
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
