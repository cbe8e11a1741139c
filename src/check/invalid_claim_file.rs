use super::{Context, Finding, declare_check, problem_findings};
use crate::model::ProblemKind;

declare_check! {
    /// ## What it does
    /// Reports a claim file that cannot be used: YAML syntax errors, wrong types, unknown
    /// keys (with a "did you mean"), invalid UTF-8, an empty file, a file over the size
    /// limit, nesting or alias expansion over the limits, a symlink loop, a path that is
    /// not a regular file, or a suppression without a reason.
    ///
    /// ## Why is this bad?
    /// Nothing in a file that does not parse is checked. The rest of the files still are.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - id: a
    ///     sourse: daily   # unknown field `sourse` — did you mean `source`?
    /// ```
    /// Resolved by: fixing the file at the line and column given.
    ///
    /// ## Not flagged
    /// - Files not named `*.claims.yaml`/`*.claims.yml` inside a folder (they are not
    ///   claim files); a file named on the command line is always read.
    /// - Bad dates and unknown references: `invalid-date`, `unknown-reference`.
    ///
    /// ## Options
    /// None; the limits are documented in docs/claim-format.md.
    pub INVALID_CLAIM_FILE {
        code: "CC001",
        name: "invalid-claim-file",
        category: Integrity,
        severity: Error,
        summary: "a claim file cannot be read or parsed",
    }
}

/// Reports the loader's and resolver's problems of this kind.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    problem_findings(cx, ProblemKind::InvalidFile, &INVALID_CLAIM_FILE, out);
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires() {
        let r = fixture("claims:\n  - id: a\n    sourse: s1\n");
        assert_eq!(codes(&r), ["invalid-claim-file"]);
        assert!(
            r.findings[0].help.contains("did you mean `source`"),
            "{} | {}",
            r.findings[0].help,
            r.findings[0].message
        );
    }

    #[test]
    fn not_flagged() {
        let r = fixture("claims: []\n");
        assert!(codes(&r).is_empty());
    }
}
