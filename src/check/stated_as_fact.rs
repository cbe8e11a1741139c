use super::compare::Relation;
use super::describe::{clash_finding, clash_findings, possessive, suppress_help};
use super::{Context, Finding, declare_check};
use crate::model::Polarity;

declare_check! {
    /// ## What it does
    /// Flags an outlet that states as fact what its own source, in the same outlet, calls
    /// not known: the article quotes the ministry saying the cause "is under
    /// investigation" and, in its own voice, says what the cause was.
    ///
    /// ## Why is this bad?
    /// The outlet reports more certainty than its source gave. Readers take the outlet's
    /// sentence as established; the source it relies on did not establish it.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, speaker: ministry, subject: blast, predicate: caused-by, object: rocket, polarity: undetermined, quote: "further investigation is needed"}
    ///   - {id: b, source: daily, subject: blast, predicate: caused-by, object: rocket}
    /// ```
    /// Resolved by: checking whether the outlet had another source for its statement (then
    /// record it as that source's claim, with `speaker` or `via`), or suppressing with the
    /// reason.
    ///
    /// ## Not flagged
    /// - An undetermined claim against another outlet's or another speaker's statement:
    ///   "not known" clashes with nothing; it is listed among the dispute's positions.
    /// - A statement the outlet attributes to someone (`speaker`) or relays (`via`).
    ///
    /// ## Options
    /// A claim records "not known" with `polarity: undetermined`.
    pub STATED_AS_FACT {
        code: "CC310",
        name: "undetermined-stated-as-fact",
        category: Reporting,
        severity: Warning,
        summary: "an outlet states as fact what its own source calls undetermined",
    }
}

/// Reports outlets stating as fact what their source calls undetermined.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    clash_findings(
        cx,
        out,
        |c| c.relation == Relation::StatedAsFact,
        |p| {
            let (a, b) = (p.later, p.earlier);
            let (open, settled) = if a.polarity() == Polarity::Undetermined {
                (a, b)
            } else {
                (b, a)
            };
            let outlet = &cx.corpus.sources[settled.source as usize].outlet;
            let source = cx.corpus.voice(open);
            clash_finding(
                cx,
                &STATED_AS_FACT,
                p,
                format!(
                    "{outlet} states as fact what {} source calls undetermined (`{}`){}",
                    possessive(outlet),
                    open.claim.id.value,
                    p.counts()
                ),
                format!(
                    "{} {} {}; {} own voice says {}. The outlet is more certain than {source}.",
                    p.voice(open),
                    p.says(open),
                    p.proposition(open),
                    possessive(outlet),
                    p.proposition(settled),
                ),
                format!(
                    "if the outlet had another source, record the claim as that source's (`speaker` or `via`); {}",
                    suppress_help(&STATED_AS_FACT, settled, open)
                ),
            )
        },
    );
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_when_the_outlet_settles_what_its_source_left_open() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, subject: x, predicate: ended-because-of, object: c1, polarity: undetermined}
  - {id: b, source: s1, subject: x, predicate: ended-because-of, object: c1}
",
        );
        assert_eq!(codes(&r), ["undetermined-stated-as-fact b a"]);
    }

    #[test]
    fn undetermined_clashes_with_nothing_else() {
        // Another outlet, another speaker, or another value: no finding at all.
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, speaker: p, subject: x, predicate: ended-because-of, object: c1, polarity: undetermined}
  - {id: b, source: s2, subject: x, predicate: ended-because-of, object: c1}
  - {id: c, source: s3, speaker: q, subject: x, predicate: ended-because-of, object: c1, polarity: denied}
  - {id: d, source: s1, speaker: q, subject: x, predicate: ended-because-of, object: c1}
",
        );
        let got = codes(&r);
        assert!(
            got.iter().all(|c| !c.contains(" a")),
            "the undetermined claim takes part in nothing: {got:?}"
        );
    }
}
