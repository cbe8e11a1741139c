use super::{Context, Finding, Label, declare_check};
use crate::resolve::quote::{QuoteMatch, word_diff};

declare_check! {
    /// ## What it does
    /// Checks that a claim's `quote` occurs in its source's `document`. Whitespace, curly
    /// and straight quotes, dashes, ellipses and case are normalised, and `...`/`…` in a
    /// quote stands for elided words. A near miss names the closest passage and the words
    /// that differ.
    ///
    /// ## Why is this bad?
    /// A quote that is not in the article is either mistyped or misattributed; findings
    /// built on it point at words the source never printed.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann, predicate: friends-with, object: bob,
    ///      quote: "we are best friends"}   # the article says "we were best friends"
    /// ```
    /// Resolved by: copying the words exactly as printed (typography may differ).
    ///
    /// ## Not flagged
    /// - Claims without `quote`, or whose source has no `document`.
    /// - Differences of typography, spacing and case only.
    ///
    /// ## Options
    /// None.
    pub QUOTE_NOT_FOUND {
        code: "CC010",
        name: "quote-not-found",
        category: Integrity,
        severity: Error,
        summary: "a claim's quote does not occur in its source document",
    }
}

/// Reports quotes that are not in their article.
pub fn run(cx: &Context<'_>, out: &mut Vec<Finding>) {
    for (i, c) in cx.corpus.claims.iter().enumerate() {
        let (Some(m), Some(q)) = (&c.quote, &c.claim.quote) else {
            continue;
        };
        let Some(doc) = cx.corpus.sources[c.source as usize].document else {
            continue;
        };
        let doc_path = cx.corpus.map.display(doc);
        let (message, related, help) = match &**m {
            QuoteMatch::Found(_) => continue,
            QuoteMatch::NearMiss { range, similarity } => {
                let passage = &cx.corpus.map.get(doc).text()[range.clone()];
                (
                    format!(
                        "quote of `{}` is not in `{doc_path}`; closest passage is {:.0}% similar",
                        c.claim.id.value,
                        similarity * 100.0
                    ),
                    vec![Label {
                        span: cx.corpus.map.span_of(doc, range.clone()),
                        text: String::from("closest passage"),
                    }],
                    format!(
                        "the words that differ (- quote, + article): {}",
                        word_diff(&q.value, passage)
                    ),
                )
            }
            QuoteMatch::Missing => (
                format!("quote of `{}` is not in `{doc_path}`", c.claim.id.value),
                Vec::new(),
                String::from(
                    "copy the words exactly as the article prints them, or check the claim's `source`",
                ),
            ),
        };
        out.push(Finding {
            check: &QUOTE_NOT_FOUND,
            severity: QUOTE_NOT_FOUND.severity,
            message,
            primary: Label {
                span: q.span,
                text: String::from("this quote"),
            },
            related,
            claims: vec![i as u32],
            explanation: format!(
                "The quote was searched in {doc_path} with typography, spacing and case normalised."
            ),
            help,
            dispute: None,
            suppressed: None,
            extracted_only: super::describe::extracted_only(cx, &[i as u32]),
            suggested: super::describe::involves_draft(cx, &[i as u32]),
            positions: Vec::new(),
            pairs: Vec::new(),
            cap: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use crate::check::testing::{codes, fixture};

    #[test]
    fn fires_on_a_near_miss_with_the_difference() {
        let r = fixture(
            "claims:\n  - {id: a, source: sd, subject: x, predicate: age, object: 3, quote: \"it became too much for us to keep our friendship\"}\n",
        );
        assert_eq!(codes(&r), ["quote-not-found"]);
        assert!(
            r.findings[0].help.contains("-keep +sustain"),
            "{}",
            r.findings[0].help
        );
    }

    #[test]
    fn not_flagged_when_only_typography_differs() {
        let r = fixture(
            "claims:\n  - {id: a, source: sd, subject: x, predicate: age, object: 3, quote: \"I think   it became too much for us to sustain our friendship\"}\n",
        );
        assert!(codes(&r).is_empty(), "{:?}", codes(&r));
    }
}
