use super::describe::proposition;
use super::{Context, Corroboration, declare_check};
use crate::resolve::ClaimIdx;

declare_check! {
    /// ## What it does
    /// Lists a proposition printed by two or more outlets for overlapping times, as
    /// support, with the number of independent voices behind it: a voice is a speaker, or
    /// an outlet speaking for itself. "2 voices in 3 outlets" is corroboration; "1 voice,
    /// repeated by 4 outlets" is one statement reprinted, and the report says so. It is
    /// never a problem and never fails a run.
    ///
    /// ## Why is this bad?
    /// It is not. A reader weighing a dispute wants to know which statements several
    /// outlets agree on.
    ///
    /// ## Example
    /// ```yaml
    /// claims:
    ///   - {id: a, source: daily, subject: ann, predicate: upset-about, object: the-vote}
    ///   - {id: b, source: weekly, subject: ann, predicate: upset-about, object: the-vote}
    /// ```
    /// Listed in the report's corroborations, and in JSON under `corroborations`.
    ///
    /// ## Not flagged
    /// - Several claims from one outlet: not independent.
    /// - One speaker's statement reprinted by several outlets (an echo) is listed, but
    ///   counted as one voice, however many outlets print it.
    /// - Statements for times that do not overlap.
    ///
    /// ## Options
    /// Reports are counted by outlet (`outlet`, or the source id when it has none);
    /// voices by `speaker`, or by outlet for claims without one.
    pub CORROBORATION {
        code: "CC401",
        name: "corroboration",
        category: Support,
        severity: Note,
        summary: "the same proposition printed by two or more outlets, with the independent voices behind it",
    }
}

/// Collects corroborations: identical positions from several outlets with overlapping times.
pub fn collect(cx: &Context<'_>, out: &mut Vec<Corroboration>) {
    for agreement in &cx.comparison.agreements {
        let mut claims: Vec<ClaimIdx> = agreement.claims.clone();
        claims.sort_by_key(|&i| (cx.corpus.claims[i as usize].valid.start, i));
        // Sweep into clusters of overlapping valid times.
        let mut cluster: Vec<ClaimIdx> = Vec::new();
        let mut end = i64::MIN;
        for i in claims {
            let c = &cx.corpus.claims[i as usize];
            if !cluster.is_empty() && c.valid.start > end {
                emit(cx, std::mem::take(&mut cluster), out);
                end = i64::MIN;
            }
            end = end.max(c.valid.end);
            cluster.push(i);
        }
        emit(cx, cluster, out);
    }
}

fn emit(cx: &Context<'_>, mut claims: Vec<ClaimIdx>, out: &mut Vec<Corroboration>) {
    let outlets: Vec<String> = cx
        .corpus
        .outlets(&claims)
        .into_iter()
        .map(String::from)
        .collect();
    // Outlets are the reports; voices are the independent sources behind them: four
    // outlets printing one speaker's statement are one voice with four reports.
    if outlets.len() < 2 {
        return;
    }
    let voices = super::describe::independent_voices(cx, &claims);
    claims.sort_unstable();
    let proposition = proposition(cx, &cx.corpus.claims[claims[0] as usize]);
    out.push(Corroboration {
        claims,
        outlets,
        voices,
        proposition,
    });
}

#[cfg(test)]
mod tests {
    use crate::check::testing::fixture;

    #[test]
    fn lists_two_outlets_as_support() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: upset-about, object: c1, valid: {at: 2020}}
  - {id: b, source: s2, subject: x, predicate: upset-about, object: c1, valid: {at: 2020}}
",
        );
        assert_eq!(r.corroborations.len(), 1);
        assert_eq!(r.corroborations[0].outlets, ["Daily", "Weekly"]);
        assert!(r.findings.is_empty());
    }

    #[test]
    fn not_listed_for_one_outlet_or_other_times() {
        let r = fixture(
            r"
claims:
  - {id: a, source: s1, subject: x, predicate: upset-about, object: c1, valid: {at: 2020}}
  - {id: b, source: s1, subject: x, predicate: upset-about, object: c1, valid: {at: 2020}}
  - {id: c, source: s2, subject: x, predicate: upset-about, object: c1, valid: {at: 2022}}
",
        );
        assert!(r.corroborations.is_empty());
    }
}
