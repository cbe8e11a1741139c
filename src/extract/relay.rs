//! Relays: who passed a statement on to the article ("told CNN", "in an interview with
//! NBC News", "said on CNBC's 'Squawk Box'", "NBC News reported that X said …", "…,
//! according to AFP").
//!
//! - After a cue: the object of a telling verb (`relays.tell`: "told NBC"), the name after
//!   a relay phrase (`relays.before`: "in an interview with", "speaking to"), or a
//!   possessive name after "on" ("on CNBC's 'Squawk Box'"). The relay is a name: an
//!   entity of the vocabulary that is not a person, or a capitalised name with no title
//!   before it (so "told reporters", "told him" and "told Mr. Smith" name no relay).
//! - Around an attribution: a statement whose cue is a relaying one (`relays.cues`:
//!   "reported", "according to") and whose words hold another attribution passes its
//!   speaker on as the relay of the statements inside; when its words are nothing but
//!   that attribution ("NBC News reported that Emery said …"), it is a relay and not a
//!   statement of its own, and is dropped.

use super::attribution::Said;
use super::speaker::{Article, Np, NpKind};
use super::text::{IN_QUOTE, IN_TITLE};

/// How far after a cue a relay may be named (tokens).
const WINDOW: usize = 14;

/// A relay named after the cue ending at `from`, not past `hi`.
pub(crate) fn after_cue(a: &Article<'_, '_>, lemma: &str, from: usize, hi: usize) -> Option<Np> {
    let doc = a.doc;
    let hi = hi.min(from + WINDOW).min(doc.toks.len());
    if a.lex.relay_tell.contains(lemma)
        && let Some(np) = relay_np(a, from, hi)
    {
        return Some(np);
    }
    let mut k = from;
    while k < hi {
        if doc.has(k, IN_QUOTE) || (doc.is_terminal(k) && doc.norm(k) != ":") {
            break;
        }
        if let Some((len, _)) = a.lex.relay_before.at(doc, k, hi)
            && let Some(np) = relay_np(a, k + len, hi)
        {
            return Some(np);
        }
        // "on CNBC's 'Squawk Box'"
        if doc.norm(k) == "on"
            && let Some(np) = relay_np(a, k + 1, hi)
            && (doc.norm(np.end - 1).ends_with('\'') || doc.norm(np.end - 1).ends_with("'s"))
        {
            return Some(np);
        }
        k += 1;
    }
    None
}

/// A relay's name starting at `s`: an optional article, up to three lower-case or
/// nationality words ("local news outlet", "Korean agency"), then an entity that is not a
/// person or a capitalised name with no title ("Mr.") before it.
pub(crate) fn relay_np(a: &Article<'_, '_>, s: usize, hi: usize) -> Option<Np> {
    let doc = a.doc;
    let mut k = s;
    if k < hi
        && (a.lex.g.definite.contains(doc.norm(k)) || a.lex.g.indefinite.contains(doc.norm(k)))
    {
        k += 1;
    }
    let mut skipped = 0;
    while k < hi
        && skipped < 3
        && doc.is_word(k)
        && (!doc.is_upper(k) || a.lex.nationality_nouns.contains(doc.norm(k)))
        && !a.lex.function_words.contains(doc.norm(k))
        && a.lex.cue_lemma(doc.norm(k)).is_none()
    {
        k += 1;
        skipped += 1;
    }
    if k >= hi || doc.has(k, IN_QUOTE) || doc.has(k, IN_TITLE) {
        return None;
    }
    if let Some(m) = a.ents_in(k..k + 1).first().copied() {
        if m.start == k && m.end <= hi && !a.is_person(m.ent) {
            return Some(Np {
                start: k,
                end: m.end,
                kind: NpKind::Ent(m.ent),
            });
        }
        return None;
    }
    // A capitalised run: "NBC News", "The Associated Press", "NBC Nightly News"; a place
    // abbreviation in the possessive before it is not part of it ("the U.K.'s Sunday
    // Times").
    let mut first = k;
    let mut j = k;
    while j < hi && j - first < 5 {
        let w = doc.norm(j);
        let word = doc.is_word(j) && doc.is_upper(j) && !doc.has(j, IN_QUOTE);
        // Capitalised common words may be part of a name ("NBC News"), but not dates or
        // small words ("NBC Tuesday", "CNN And").
        let stop = j > first
            && (a.lex.weekdays.contains_key(w)
                || a.lex.months.contains_key(w)
                || a.lex.g.definite.contains(w)
                || a.lex.g.conjunctions.contains(w)
                || a.lex.title_small_words.contains(w));
        if !word || stop {
            break;
        }
        j += 1;
        if w.ends_with("'s") || w.ends_with('\'') {
            let place = a
                .lex
                .abbreviations
                .contains(doc.base(j - 1).trim_end_matches('.'));
            if place && j == first + 1 && doc.is_word(j) && doc.is_upper(j) {
                first = j;
                continue;
            }
            break;
        }
    }
    if j == first
        || a.lex.titles.contains(doc.norm(first))
        || (a.lex.function_words.contains(doc.base(first)) && j - first == 1)
        || a.lex.cue_lemma(doc.norm(first)).is_some()
        || (a.is_head_noun(doc.base(first)) && j - first == 1)
    {
        return None;
    }
    let np = Np {
        start: first,
        end: j,
        kind: NpKind::Name,
    };
    (!a.titled(np.start)).then_some(np)
}

/// Passes relaying statements' speakers on to the statements inside them, and drops the
/// relaying statements that hold nothing but another attribution.
pub(crate) fn apply(a: &Article<'_, '_>, said: &mut Vec<Said>) {
    let doc = a.doc;
    let mut drop = vec![false; said.len()];
    for i in 0..said.len() {
        let s = &said[i];
        let Some(site) = &s.site else { continue };
        // A relaying cue, or a document as the speaker ("…, a new report says").
        let document = a.lex.speaker_docs.contains(doc.base(site.np.end - 1))
            || doc
                .base(site.np.end - 1)
                .strip_suffix('s')
                .is_some_and(|w| a.lex.speaker_docs.contains(w));
        if s.direct
            || s.who.is_none()
            || !(a.lex.relay_cues.contains(site.lemma.as_str()) || document)
        {
            continue;
        }
        let (words, who, np) = (s.toks.clone(), s.who, site.np.clone());
        let mut inner_at_start = false;
        // Statements near these words (`said` is in text order).
        let from = said.partition_point(|t| t.toks.start + 64 < words.start);
        let to = said.partition_point(|t| t.toks.start < words.end + 64);
        for (j, t) in said.iter_mut().enumerate().take(to).skip(from) {
            if j == i {
                continue;
            }
            let Some(ts) = &t.site else { continue };
            if ts.cue.start < words.start || ts.cue.start >= words.end {
                continue;
            }
            if t.via.is_none() {
                t.via = Some(np.clone());
                t.via_who = who;
            }
            // The inner attribution leads the words: only openers, complementizers, a
            // role or a few words before its speaker ("that factory employee Tom Ray
            // said …", "The company said in the filing that …, according to the notice").
            let lead = ts.np.start >= words.start
                && (ts.np.start - words.start <= 8
                    || a.clause_start(ts.np.start, words.start)
                    || (words.start..ts.np.start).all(|k| {
                        !doc.is_word(k)
                            || a.lex.clause_openers.contains(doc.norm(k))
                            || a.lex.g.complementizers.contains(doc.norm(k))
                    }));
            inner_at_start |= lead;
        }
        drop[i] = inner_at_start;
    }
    if !drop.contains(&true) {
        return;
    }
    // Indices of the kept statements, for `inherited`.
    let mut new_index = vec![None; said.len()];
    let mut n = 0;
    for (i, d) in drop.iter().enumerate() {
        if !d {
            new_index[i] = Some(n);
            n += 1;
        }
    }
    let mut k = 0;
    said.retain(|_| {
        k += 1;
        !drop[k - 1]
    });
    for s in said.iter_mut() {
        s.inherited = s.inherited.and_then(|j| new_index[j]);
    }
}

#[cfg(test)]
mod tests {
    use crate::extract::{Document, Lexicon, Names, extract};

    /// (words, speaker, via) of each statement.
    fn run(text: &str) -> Vec<(String, String, String)> {
        let names = Names::from_yaml(
            "entities:\n  - {id: lee, name: Ann Lee, kind: person, aliases: [Lee]}\n  - {id: nbc, name: NBC News, kind: organisation, aliases: [NBC]}\n",
        )
        .unwrap();
        let doc = Document {
            text,
            published: None,
            outlet: None,
        };
        extract(&doc, &Lexicon::defaults(), &names)
            .quotes
            .iter()
            .map(|q| {
                let name = |s: &Option<crate::extract::Speaker>| {
                    s.as_ref().map_or("-".to_string(), |s| {
                        s.entity.clone().unwrap_or_else(|| s.name.clone())
                    })
                };
                (q.text.clone(), name(&q.speaker), name(&q.via))
            })
            .collect()
    }

    #[test]
    fn the_object_of_tell_and_interview_phrases_are_relays() {
        let s = run("“We had a guardian angel, honestly,” Lee told NBC.");
        assert_eq!((s[0].1.as_str(), s[0].2.as_str()), ("lee", "nbc"));
        let s = run(
            "“I am angry,” Tom Ray said in an interview for Sky News’ “Nightly News” on Tuesday.",
        );
        assert_eq!((s[0].1.as_str(), s[0].2.as_str()), ("Tom Ray", "Sky News"));
        let s = run("Tom Ray said on CNBC’s “Squawk Box” that he was frustrated by the delays.");
        assert_eq!(s[0].2, "CNBC");
        let s = run("Lee told The Associated Press that she was leaving the company.");
        assert_eq!(s[0].2, "Associated Press");
    }

    #[test]
    fn people_and_common_nouns_are_no_relays() {
        for text in [
            "“We talked about the things we did,” Lee told reporters.",
            "Lee told Mr. Smith that she was leaving the company.",
            "Tom Ray told him that she was leaving the company.",
        ] {
            let s = run(text);
            assert_eq!(s[0].2, "-", "{text}: {s:?}");
        }
    }

    #[test]
    fn a_relaying_report_passes_its_speaker_on_and_is_dropped() {
        let s = run(
            "NBC News reported that factory employee Tom Ray said his co-workers asked to leave the site.",
        );
        assert_eq!(s.len(), 1, "{s:?}");
        assert_eq!(s[0].0, "his co-workers asked to leave the site");
        assert_eq!((s[0].1.as_str(), s[0].2.as_str()), ("Tom Ray", "nbc"));
        // A report of a fact stays the outlet's own statement.
        let s = run("At least 15 employees asked to leave early, NBC News reported.");
        assert!(s.iter().all(|q| q.2 == "-"), "{s:?}");
    }
}
