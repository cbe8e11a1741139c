use super::{Context, Finding, declare_check, problem_findings};
use crate::model::ProblemKind;

declare_check! {
    /// ## What it does
    /// Reports a source whose `document` (a path relative to the claim file) does not
    /// exist, is not a regular file, or is over the size limit.
    ///
    /// ## Why is this bad?
    /// Without the article, quotes cannot be verified and findings cannot point at its
    /// words.
    ///
    /// ## Example
    /// ```yaml
    /// sources:
    ///   - {id: daily, document: articles/missing.txt}
    /// ```
    /// Resolved by: fixing the path, or removing `document`.
    ///
    /// ## Not flagged
    /// - A source without `document`.
    ///
    /// ## Options
    /// None.
    pub MISSING_DOCUMENT {
        code: "CC005",
        name: "missing-document",
        category: Integrity,
        severity: Error,
        summary: "a source's document does not exist or cannot be read",
    }
}

/// Reports the loader's and resolver's problems of this kind.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    problem_findings(cx, ProblemKind::MissingDocument, &MISSING_DOCUMENT, out);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires() {
        let r = fixture("sources:\n  - {id: s7, document: no-such-file.txt}\n");
        assert_eq!(codes(&r), ["missing-document"]);
    }

    #[test]
    fn not_flagged() {
        let r = fixture("sources:\n  - {id: s7}\n");
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
