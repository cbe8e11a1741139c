//! Who said each quotation, and reported speech without quotation marks.
//!
//! Direct quotes, in this order of preference (trailing first when the quote ends with a
//! comma, question or exclamation mark or dash, leading first otherwise):
//! - trailing: `"…," SPEAKER [, apposition,] [aux] CUE …` and `"…," CUE SPEAKER` and
//!   `"…," according to SPEAKER`;
//! - leading: `SPEAKER [aux] CUE [complement] [that] [,|:|...] "…"` and
//!   `according to SPEAKER, "…"`, also across a paragraph that ends with a colon;
//! - a tweet signed `— Name (@handle) Date` (the text before the dash, or the previous
//!   paragraph);
//! - inherited: a quote continued from the previous paragraph, or the next quote of the
//!   same paragraph when nobody else is named between the two.
//!
//! Reported speech: `SPEAKER CUE that …`, `SPEAKER CUE <clause>` for verbs that take a bare
//! clause ("says it's …"), `…, according to SPEAKER` / `according to SPEAKER, …`,
//! `SPEAKER … who CUE that …` and the parenthetical `…, SPEAKER said, …`.
//!
//! Cues inside quotations never count, and every pattern is bounded to a few tokens
//! around its anchor, so the whole pass is linear.

use super::quotes::QSpan;
use super::speaker::{Article, Np, NpKind, Resolver, Who};
use super::text::{IN_QUOTE, IN_TITLE, Kind};
use std::ops::Range;

/// Where a speaker was found for a quote.
#[derive(Debug, Clone)]
pub(crate) struct Site {
    pub np: Np,
    pub cue: Range<usize>,
    pub lemma: String,
    /// Tokens to look in for the date of the speech act.
    pub time_seg: Range<usize>,
    pub rule: &'static str,
    pub conf: f64,
}

/// A quotation or a piece of reported speech, with its speaker.
#[derive(Debug, Clone)]
pub(crate) struct Said {
    /// Tokens of the words.
    pub toks: Range<usize>,
    /// Bytes of the words.
    pub bytes: Range<usize>,
    pub direct: bool,
    pub site: Option<Site>,
    pub who: Option<Who>,
    pub rule: &'static str,
    pub conf: f64,
    pub nested: Vec<Range<usize>>,
    /// An absolute date given with the words (a tweet's signature).
    pub dated: Option<Range<usize>>,
    /// Index of the quote whose speaker this one inherited.
    pub inherited: Option<usize>,
    /// A continuation of the previous quote (across a paragraph break).
    pub cont_prev: bool,
    /// The relay the words reached the article through ("told CNN"), and who it is.
    pub via: Option<Np>,
    pub via_who: Option<Who>,
}

fn said_from_span(q: &QSpan) -> Said {
    Said {
        toks: q.inner.clone(),
        bytes: q.bytes.clone(),
        direct: true,
        site: None,
        who: None,
        rule: "",
        conf: 0.0,
        nested: q.nested.clone(),
        dated: None,
        inherited: None,
        cont_prev: q.cont_prev,
        via: None,
        via_who: None,
    }
}

/// Punctuation that leaves a quote open for a trailing attribution.
fn ends_open(a: &Article<'_, '_>, q: &QSpan) -> bool {
    let Some(last) = q.inner.clone().next_back() else {
        return false;
    };
    let doc = a.doc;
    match doc.toks[last].kind {
        Kind::Dash | Kind::Ellipsis => true,
        Kind::Punct => matches!(doc.norm(last), "," | "?" | "!" | "-" | ":" | ";"),
        Kind::Word | Kind::Quote(_) => true,
    }
}

/// The end of the segment after token `j`: its sentence's end, the next quote, or 40 tokens.
fn segment_end(a: &Article<'_, '_>, j: usize, limit: usize) -> usize {
    let doc = a.doc;
    let sent = &doc.sent_toks[doc.toks[j].sent as usize];
    let mut hi = sent.end.min(limit).min(j + 40);
    for k in j..hi {
        if doc.has(k, IN_QUOTE) || (k > j && doc.is_terminal(k) && doc.norm(k) != ":") {
            hi = k;
            break;
        }
    }
    hi
}

/// Where to look for the date after a cue: up to a participle clause (", referring …"),
/// a relative clause, a dash or the segment end.
fn time_segment(a: &Article<'_, '_>, from: usize, hi: usize) -> Range<usize> {
    let doc = a.doc;
    let mut k = from;
    while k < hi {
        if doc.toks[k].kind == Kind::Dash {
            break;
        }
        if doc.is_punct(k, ",") && k + 1 < hi {
            let w = doc.norm(k + 1);
            if (w.ends_with("ing") && !doc.is_upper(k + 1))
                || a.lex.wh_words.contains(w)
                || a.lex.g.clause_joiners.contains(w)
            {
                break;
            }
        }
        k += 1;
    }
    from..k
}

fn trailing(a: &Article<'_, '_>, q: &QSpan, next_open: usize) -> Option<Site> {
    let doc = a.doc;
    let close = q.close?;
    let para_end = doc.para_toks[doc.toks[close].para as usize].end;
    let limit = next_open.min(para_end);
    let mut j = close + 1;
    let mut skipped = 0;
    while j < limit && skipped < 3 {
        let stray = matches!(doc.toks[j].kind, Kind::Quote(m) if !doc.has(j, IN_TITLE) && m.role != super::text::Role::Open);
        if doc.is_punct(j, ",") || doc.toks[j].kind == Kind::Dash || stray {
            j += 1;
            skipped += 1;
        } else {
            break;
        }
    }
    if j >= limit || doc.has(j, IN_QUOTE) {
        return None;
    }
    let hi = segment_end(a, j, limit);
    let open = ends_open(a, q);
    let conf = if open { 0.95 } else { 0.8 };
    // "…," said Legend / "…," according to Legend
    let k = a.skip_aux_fwd(j, hi);
    if let Some((len, lemma)) = a.cue_at(k, hi)
        && (a.lex.quote_cues.contains(&lemma) || a.lex.continuation.contains(&lemma))
        && let Some(np) = a.np_starting_at(k + len, hi)
        && (!matches!(np.kind, NpKind::Pronoun(_)) || np.end == hi || !doc.is_word(np.end))
    {
        let ts = time_segment(a, np.end, hi);
        return Some(Site {
            np,
            cue: k..k + len,
            lemma,
            time_seg: ts,
            rule: "quote-cue-speaker",
            conf,
        });
    }
    if let Some((len, _)) = a.lex.according_to.at(doc, j, hi) {
        let np = a.np_starting_at(j + len, hi)?;
        let ts = time_segment(a, np.end, hi);
        return Some(Site {
            np,
            cue: j..j + len,
            lemma: "according to".into(),
            time_seg: ts,
            rule: "quote-according-to",
            conf,
        });
    }
    // "…," Legend, 39, said on …
    let np = a.np_starting_at(j, hi)?;
    let mut k = a.skip_apposition_fwd(np.end, hi);
    // "a spokesperson for the label said": a short prepositional phrase before the cue.
    if !matches!(np.kind, NpKind::Pronoun(_))
        && k < hi
        && a.lex.g.np_prepositions.contains(doc.norm(k))
        && let Some(m) = (k + 1..hi.min(k + 7))
            .take_while(|&m| doc.is_word(m) || doc.is_punct(m, "'"))
            .find(|&m| a.cue_at(m, hi).is_some())
    {
        k = m;
    }
    k = a.skip_aux_fwd(k, hi);
    let (len, lemma) = a.cue_at(k, hi)?;
    if !(a.lex.quote_cues.contains(&lemma) || a.lex.continuation.contains(&lemma)) {
        return None;
    }
    if !open {
        // "…." Smith said. — only when nothing much follows the cue.
        let rest = time_segment(a, k + len, hi);
        if hi - (k + len) > 12 && rest.end == hi {
            return None;
        }
        // "“….” The team added it had no comment.": the cue reports its own clause.
        if complement(a, &lemma, k + len, hi).is_some() {
            return None;
        }
    }
    let ts = time_segment(a, k + len, hi);
    Some(Site {
        np,
        cue: k..k + len,
        lemma,
        time_seg: ts,
        rule: "quote-speaker-cue",
        conf,
    })
}

/// The leading attribution of a quote opening after token `anchor - 1` (its open mark
/// is at `anchor`), looking back no further than `lo`.
fn leading_at(a: &Article<'_, '_>, anchor: usize, lo: usize) -> Option<Site> {
    let doc = a.doc;
    if anchor <= lo {
        return None;
    }
    let mut k = anchor;
    let mut n = 0;
    while k > lo
        && n < 2
        && (doc.is_punct(k - 1, ",")
            || doc.is_punct(k - 1, ":")
            || matches!(doc.toks[k - 1].kind, Kind::Ellipsis | Kind::Dash))
    {
        k -= 1;
        n += 1;
    }
    if k > lo && a.lex.g.complementizers.contains(doc.norm(k - 1)) {
        k -= 1;
    }
    // "according to Legend, "…""
    for s in lo.max(k.saturating_sub(30))..k {
        if let Some((len, _)) = a.lex.according_to.at(doc, s, k)
            && let Some(np) = a.np_starting_at(s + len, k)
            && np.end == k
        {
            return Some(Site {
                np,
                cue: s..s + len,
                lemma: "according to".into(),
                time_seg: lo.max(k.saturating_sub(30))..k,
                rule: "according-to-quote",
                conf: 0.9,
            });
        }
    }
    // A cue ending at k, or followed by a short complement ("told the Sunday Times").
    let mut found = None;
    let mut c_end = k;
    while c_end > lo && k - c_end <= 8 {
        let t = c_end - 1;
        if doc.has(t, IN_QUOTE)
            || doc.is_terminal(t)
            || doc.mark(t).is_some_and(|_| !doc.has(t, IN_TITLE))
        {
            break;
        }
        if c_end < k && doc.is_punct(t, ",") {
            break;
        }
        // phrase cues end at t: try starts t-2, t-1
        let mut hit = None;
        for back in [2usize, 1, 0] {
            if t < back + lo {
                continue;
            }
            let s = t - back;
            if let Some((len, lemma)) = a.cue_at(s, c_end)
                && s + len == c_end
            {
                hit = Some((s, len, lemma));
                break;
            }
        }
        if let Some((s, len, lemma)) = hit
            && (a.lex.quote_cues.contains(&lemma) || a.lex.continuation.contains(&lemma))
        {
            found = Some((s, len, lemma));
            break;
        }
        c_end -= 1;
    }
    let (s, len, lemma) = found?;
    // The complement must not itself contain a verb-like cue or a clause.
    let e = a.skip_aux_back(s, lo);
    let e = a.skip_apposition_back(e, lo);
    let np = a.np_ending_at(e, lo)?;
    if !a.clause_start(np.start, lo) {
        return None;
    }
    let conf = if s + len == k { 0.95 } else { 0.85 };
    Some(Site {
        np,
        cue: s..s + len,
        lemma,
        time_seg: lo.max(k.saturating_sub(30))..k,
        rule: "speaker-cue-quote",
        conf,
    })
}

fn leading(a: &Article<'_, '_>, q: &QSpan, prev_close: Option<usize>) -> Option<Site> {
    let doc = a.doc;
    let o = q.open;
    let sent = &doc.sent_toks[doc.toks[o].sent as usize];
    let para = &doc.para_toks[doc.toks[o].para as usize];
    let mut lo = sent.start.max(para.start);
    if let Some(pc) = prev_close
        && pc >= lo
        && pc < o
    {
        lo = pc + 1;
    }
    if o > lo {
        return leading_at(a, o, lo);
    }
    // A quote opening its paragraph after one that ends with a colon.
    if o == para.start && o > 0 && doc.is_punct(o - 1, ":") && !doc.has(o - 1, IN_QUOTE) {
        let prev_sent = &doc.sent_toks[doc.toks[o - 1].sent as usize];
        return leading_at(a, o, prev_sent.start).map(|s| Site {
            rule: "speaker-cue-colon",
            conf: 0.85,
            ..s
        });
    }
    None
}

/// A tweet signature in paragraph `p`: `— Name (@handle) Date`. Returns the signed words
/// (tokens), the speaker phrase and the date tokens.
fn tweet(a: &Article<'_, '_>, p: usize) -> Option<(Range<usize>, Np, Range<usize>)> {
    let doc = a.doc;
    let r = doc.para_toks[p].clone();
    for d in r.clone() {
        let dash = doc.toks[d].kind == Kind::Dash
            || (doc.is_punct(d, "-") && doc.toks[d].flags & super::text::SPACE != 0);
        if !dash || doc.has(d, IN_QUOTE) {
            continue;
        }
        let np = a.np_starting_at(d + 1, r.end)?;
        if !matches!(np.kind, NpKind::Ent(_) | NpKind::Name) {
            return None;
        }
        let k = np.end;
        if !(doc.is_punct(k, "(")
            && doc.is_punct(k + 1, "@")
            && doc.is_word(k + 2)
            && doc.is_punct(k + 3, ")"))
        {
            continue;
        }
        let words = if d == r.start {
            let prev = doc.para_toks.get(p.checked_sub(1)?)?.clone();
            let signed_itself = !prev.is_empty() && doc.toks[prev.start].kind == Kind::Dash;
            if prev.is_empty()
                || signed_itself
                || (prev.start..prev.end).any(|t| doc.has(t, IN_QUOTE))
            {
                return None;
            }
            prev
        } else {
            r.start..d
        };
        if words.is_empty() {
            return None;
        }
        return Some((words, np, k + 4..r.end));
    }
    None
}

/// A title-case sentence (a headline): no reported speech is read from it.
fn headline(a: &Article<'_, '_>, r: &Range<usize>) -> bool {
    let doc = a.doc;
    let mut words = 0;
    let mut caps = 0;
    for t in r.clone() {
        if doc.is_word(t) && !doc.has(t, IN_QUOTE) && !a.lex.title_small_words.contains(doc.norm(t))
        {
            words += 1;
            if doc.is_upper(t) {
                caps += 1;
            }
        }
    }
    words >= 4 && caps * 10 >= words * 7
}

/// Reported speech in sentence `si`.
fn reported(a: &Article<'_, '_>, si: usize, out: &mut Vec<Said>) {
    let doc = a.doc;
    let r = doc.sent_toks[si].clone();
    if r.is_empty() || headline(a, &r) {
        return;
    }
    // End of a content clause starting at `c`: the sentence end or the next quote.
    let content_end = |c: usize| -> usize {
        let mut e = r.end.min(c + 60);
        // Stop at a quotation that starts new direct speech (after a comma or colon); a
        // quotation woven into the clause ("said his team was "not thinking …"") stays.
        for k in c..e {
            let mark = doc.mark(k).is_some_and(|_| !doc.has(k, IN_TITLE));
            if mark && (k == c || doc.is_punct(k - 1, ",") || doc.is_punct(k - 1, ":")) {
                e = k;
                break;
            }
        }
        while e > c
            && (doc.is_terminal(e - 1)
                || doc.is_punct(e - 1, ",")
                || matches!(doc.toks[e - 1].kind, Kind::Ellipsis | Kind::Dash))
        {
            e -= 1;
        }
        e
    };
    let words = |c: usize, e: usize| (c..e).filter(|&k| doc.is_word(k)).count();
    let push = |out: &mut Vec<Said>,
                np: Np,
                cue: Range<usize>,
                lemma: String,
                c: usize,
                e: usize,
                rule: &'static str,
                conf: f64| {
        if words(c, e) < 3 || out.last().is_some_and(|s| s.toks.start == c) {
            return;
        }
        let ts = r.start.max(c.saturating_sub(30))..c;
        out.push(Said {
            toks: c..e,
            bytes: doc.byte_range(c, e),
            direct: false,
            site: Some(Site {
                np,
                cue,
                lemma,
                time_seg: ts,
                rule,
                conf,
            }),
            who: None,
            rule,
            conf,
            nested: Vec::new(),
            dated: None,
            inherited: None,
            cont_prev: false,
            via: None,
            via_who: None,
        });
    };
    let mut i = r.start;
    while i < r.end {
        if doc.has(i, IN_QUOTE) || doc.has(i, IN_TITLE) {
            i += 1;
            continue;
        }
        // according to X
        if let Some((len, _)) = a.lex.according_to.at(doc, i, r.end)
            && let Some(np) = a.np_starting_at(i + len, r.end)
        {
            let mut after = np.end;
            while after < r.end
                && (doc.is_punct(after, ",") || doc.toks[after].kind == Kind::Ellipsis)
            {
                after += 1;
            }
            let opener = i - r.start <= 6
                && (r.start..i)
                    .all(|k| !doc.is_word(k) || a.lex.clause_openers.contains(doc.norm(k)));
            if opener {
                let e = content_end(after);
                push(
                    out,
                    np.clone(),
                    i..i + len,
                    "according to".into(),
                    after,
                    e,
                    "according-to",
                    0.85,
                );
            } else if i - r.start <= 60 {
                let mut c = r.start;
                while c < i && (!doc.is_word(c) || a.lex.clause_openers.contains(doc.norm(c))) {
                    c += 1;
                }
                let e = content_end(c).min(i);
                let mut e2 = e;
                while e2 > c
                    && (doc.is_punct(e2 - 1, ",")
                        || a.lex.g.trailing_adverbs.contains(doc.norm(e2 - 1)))
                {
                    e2 -= 1;
                }
                // Words in quotation marks are the quotation's (“…,” according to the
                // letter); a dateline before it ("IT House, December 14, according to
                // Yonhap, the committee said …") is no clause: the clause follows.
                let quoted =
                    (r.start..c.min(r.end)).any(|k| doc.mark(k).is_some()) || doc.has(c, IN_QUOTE);
                if !quoted && finite_in(a, c, e2) {
                    push(
                        out,
                        np.clone(),
                        i..i + len,
                        "according to".into(),
                        c,
                        e2,
                        "according-to",
                        0.8,
                    );
                } else if !quoted && after < r.end && finite_in(a, after, content_end(after)) {
                    let e = content_end(after);
                    push(
                        out,
                        np.clone(),
                        i..i + len,
                        "according to".into(),
                        after,
                        e,
                        "according-to",
                        0.8,
                    );
                }
            }
            // "… according to John ... who explains that …"
            let mut w = np.end;
            while w < r.end && (doc.is_punct(w, ",") || doc.toks[w].kind == Kind::Ellipsis) {
                w += 1;
            }
            if a.lex.g.relatives.contains(doc.norm(w))
                && let Some((clen, lemma)) = a.cue_at(w + 1, r.end)
                && let Some(c) = complement(a, &lemma, w + 1 + clen, r.end)
            {
                let e = content_end(c);
                push(
                    out,
                    np,
                    w + 1..w + 1 + clen,
                    lemma,
                    c,
                    e,
                    "speaker-who-cue-that",
                    0.8,
                );
            }
            i += len;
            continue;
        }
        let Some((len, lemma)) = a.cue_at(i, r.end) else {
            i += 1;
            continue;
        };
        if !(a.lex.bare_clause.contains(&lemma) || a.lex.that_clause.contains(&lemma)) {
            i += len;
            continue;
        }
        let c0 = i + len;
        // The clause before a comma, for an attribution that trails it.
        let clause_before = |comma: usize| -> Option<usize> {
            let mut c = r.start;
            while c < comma && (!doc.is_word(c) || a.lex.clause_openers.contains(doc.norm(c))) {
                c += 1;
            }
            // A quotation is the direct rules' ("“…,” Lee said"); quoted words woven
            // into the clause are not ("found loose bolts on “many” planes, the CEO said").
            let in_quote = (c..comma)
                .filter(|&k| doc.is_word(k) && doc.has(k, IN_QUOTE))
                .count();
            let quoted = doc.has(c, IN_QUOTE)
                || (c > r.start && doc.mark(c - 1).is_some())
                || in_quote * 2 > words(c, comma);
            (!quoted && words(c, comma) >= 3 && finite_in(a, c, comma)).then_some(c)
        };
        // Nothing but adjuncts after a trailing attribution, or a comma; no clause of its
        // own.
        let trails = |k: usize| -> bool {
            let mut j = skip_adjuncts(a, k, r.end);
            // "told Korean agency Yonhap on Friday"
            if a.lex.relay_tell.contains(lemma.as_str()) {
                if let Some(np) = super::relay::relay_np(a, j, r.end) {
                    j = skip_adjuncts(a, np.end, r.end);
                } else {
                    // Whom it was told to: "told reporters", "told a press conference".
                    let mut k = j;
                    if k < r.end
                        && (a.lex.g.definite.contains(doc.norm(k))
                            || a.lex.g.indefinite.contains(doc.norm(k)))
                    {
                        k += 1;
                    }
                    let start = k;
                    while k < r.end
                        && k - start < 3
                        && doc.is_word(k)
                        && !doc.is_upper(k)
                        && !a.lex.function_words.contains(doc.norm(k))
                    {
                        k += 1;
                    }
                    if k > start {
                        j = skip_adjuncts(a, k, r.end);
                    }
                }
            }
            j >= r.end || doc.is_terminal(j) || doc.is_punct(j, ",")
        };
        // "CLAUSE, said a spokesman for the company."
        if i > r.start
            && doc.is_punct(i - 1, ",")
            && let Some(np) = a.np_starting_at(c0, r.end)
            && trails(a.skip_apposition_fwd(np.end, r.end))
            && let Some(c) = clause_before(i - 1)
        {
            push(out, np, i..c0, lemma, c, i - 1, "clause-cue-speaker", 0.8);
            i = c0;
            continue;
        }
        // "The committee issued a white paper, saying that …": the clause's subject.
        if i > r.start
            && doc.is_punct(i - 1, ",")
            && doc.norm(i).ends_with("ing")
            && a.lex.participle_cues.contains(lemma.as_str())
            && let Some(c) = complement(a, &lemma, c0, r.end)
            && let Some(np) = clause_subject(a, r.start, i)
        {
            let e = content_end(c);
            push(out, np, i..c0, lemma, c, e, "subject-participle-cue", 0.75);
            i = c0;
            continue;
        }
        let e = a.skip_aux_back(i, r.start);
        let e = a.skip_apposition_back(e, r.start);
        let Some(np) = a.np_ending_at(e, r.start) else {
            i += len;
            continue;
        };
        // Parenthetical: "But, Legend said, having …"
        let paren = np.start > r.start
            && np.start - r.start <= 6
            && doc.is_punct(np.start - 1, ",")
            && doc.is_punct(c0, ",")
            && (r.start..np.start - 1)
                .all(|k| !doc.is_word(k) || a.lex.clause_openers.contains(doc.norm(k)));
        if paren {
            let e = content_end(c0 + 1);
            push(out, np, i..c0, lemma, c0 + 1, e, "parenthetical-cue", 0.8);
            i = c0;
            continue;
        }
        // "CLAUSE, the notice said." / "CLAUSE, Sgt. Ann Lee said, when …"
        if np.start > r.start
            && doc.is_punct(np.start - 1, ",")
            && trails(c0)
            && let Some(c) = clause_before(np.start - 1)
        {
            let comma = np.start - 1;
            push(out, np, i..c0, lemma, c, comma, "clause-speaker-cue", 0.8);
            i = c0;
            continue;
        }
        if !a.clause_start(np.start, r.start) {
            i += len;
            continue;
        }
        if let Some(c) = complement(a, &lemma, c0, r.end) {
            let e = content_end(c);
            let conf = if a
                .lex
                .g
                .complementizers
                .contains(doc.norm(c.saturating_sub(1)))
            {
                0.85
            } else {
                0.75
            };
            push(out, np, i..c0, lemma, c, e, "speaker-cue-clause", conf);
        }
        i = c0;
    }
}

/// The subject of the clause that starts the sentence `lo..` and goes on to `hi`: after
/// openers and an "according to X," the noun phrase followed by its verb.
fn clause_subject(a: &Article<'_, '_>, lo: usize, hi: usize) -> Option<Np> {
    let doc = a.doc;
    let mut k = lo;
    // After "according to X," (and whatever dateline precedes it).
    if let Some((p, len, _)) = a.lex.according_to.find(doc, lo, hi.min(lo + 12)) {
        let np = a.np_starting_at(p + len, hi)?;
        k = np.end;
    }
    while k < hi && (!doc.is_word(k) || a.lex.clause_openers.contains(doc.norm(k))) {
        k += 1;
    }
    let np = a.np_starting_at(k, hi)?;
    let v = a.skip_apposition_fwd(np.end, hi);
    let v = a.skip_aux_fwd(v, hi);
    // A verb right after it: a word that is not a function word, before the comma.
    let verb = v < hi
        && doc.is_word(v)
        && !a.lex.function_words.contains(doc.norm(v))
        && (v..hi).all(|t| !doc.has(t, IN_QUOTE));
    verb.then_some(np)
}

/// Where the reported clause after a cue starts, if it has one.
fn complement(a: &Article<'_, '_>, lemma: &str, c0: usize, end: usize) -> Option<usize> {
    let doc = a.doc;
    if c0 >= end || doc.mark(c0).is_some() || doc.has(c0, IN_QUOTE) {
        return None;
    }
    let w = doc.norm(c0);
    let that_ok = a.lex.that_clause.contains(lemma) || a.lex.bare_clause.contains(lemma);
    if a.lex.g.complementizers.contains(w) {
        return that_ok.then_some(c0 + 1);
    }
    if a.lex.wh_words.contains(w) {
        return None;
    }
    // "said in a statement that", "said Friday evening the company …"
    let c = skip_adjuncts(a, c0, end);
    if c > c0 && c < end && a.lex.g.complementizers.contains(doc.norm(c)) {
        return that_ok.then_some(c + 1);
    }
    if a.lex.bare_clause.contains(lemma) {
        for start in [c0, c] {
            if start < end && bare_clause_at(a, start, end) {
                return Some(start);
            }
        }
    }
    // "told CNN the police department didn't have …", "told reporters it was …"
    if a.lex.relay_tell.contains(lemma) {
        let object = super::relay::relay_np(a, c0, end)
            .or_else(|| a.description_forward(c0, end))
            .map(|np| np.end)
            .or_else(|| {
                let w = doc.norm(c0);
                (a.lex.male_pronouns.contains(w)
                    || a.lex.female_pronouns.contains(w)
                    || a.lex.plural_pronouns.contains(w)
                    || a.lex.first_singular.contains(w)
                    || a.lex.first_plural.contains(w))
                .then_some(c0 + 1)
            });
        if let Some(o) = object {
            let c = skip_adjuncts(a, o, end);
            if c < end && a.lex.g.complementizers.contains(doc.norm(c)) {
                return Some(c + 1);
            }
            if c < end && bare_clause_at(a, c, end) {
                return Some(c);
            }
        }
    }
    // "told the Sunday Times that", "said on the podcast that"
    if that_ok {
        for k in c0 + 1..end.min(c0 + 16) {
            let abbreviation = doc.is_punct(k, ".")
                && (a.lex.titles.contains(doc.norm(k - 1))
                    || a.lex.abbreviations.contains(doc.norm(k - 1)));
            // "said, adding that …": the speaker goes on.
            if doc.is_punct(k, ",")
                && doc.norm(k + 1).ends_with("ing")
                && a.cue_at(k + 1, end)
                    .is_some_and(|(len, _)| a.lex.g.complementizers.contains(doc.norm(k + 1 + len)))
            {
                return Some(k + 3);
            }
            if doc.has(k, IN_QUOTE)
                || (doc.is_terminal(k) && !abbreviation)
                || doc.is_punct(k, ",")
                || doc.mark(k).is_some_and(|_| !doc.has(k, IN_TITLE))
                || a.cue_at(k, end).is_some()
            {
                break;
            }
            if a.lex.g.complementizers.contains(doc.norm(k))
                && doc.is_word(k + 1)
                && !doc.is_punct(k + 1, ",")
            {
                return Some(k + 1);
            }
        }
    }
    None
}

/// After a cue: skips adjuncts that stand before the reported clause ("in a statement",
/// "on Friday", "Friday evening", "in an interview with NBC").
fn skip_adjuncts(a: &Article<'_, '_>, mut c: usize, end: usize) -> usize {
    let doc = a.doc;
    for _ in 0..4 {
        if c >= end {
            break;
        }
        if let Some((len, _)) = a
            .lex
            .adjuncts
            .at(doc, c, end)
            .or_else(|| a.lex.relay_before.at(doc, c, end))
        {
            c += len;
            // "… with NBC", "… to the Courier Journal"
            if c < end
                && matches!(doc.norm(c), "with" | "to" | "for")
                && let Some(np) = super::relay::relay_np(a, c + 1, end)
            {
                c = np.end;
            } else if let Some(np) = super::relay::relay_np(a, c, end)
                && a.lex.relay_before.at(doc, c - len, end).is_some()
            {
                c = np.end;
            }
            continue;
        }
        if a.lex.weekdays.contains_key(doc.norm(c)) {
            c += 1;
            while c < end && a.lex.day_parts.contains(doc.norm(c)) {
                c += 1;
            }
            continue;
        }
        break;
    }
    c
}

/// Whether a bare reported clause starts at `c0` ("says it's …"): a clause starter or a
/// capitalised word, and a finite verb early (an auxiliary, copula or modal, a
/// contraction, or an -ed form).
fn bare_clause_at(a: &Article<'_, '_>, c0: usize, end: usize) -> bool {
    let doc = a.doc;
    if !doc.is_word(c0) || doc.has(c0, IN_QUOTE) {
        return false;
    }
    let w = doc.norm(c0);
    let head = w.split('\'').next().unwrap_or(w);
    // A clause starter, a capitalised word, or people as a bare plural ("supervisors").
    let starts = a.lex.clause_starters.contains(w)
        || a.lex.clause_starters.contains(head)
        || (doc.is_upper(c0) && !a.lex.function_words.contains(w))
        || a.speaker_head(w).is_some_and(|(_, plural)| plural);
    // The clause's own verb comes before a second verb phrase of the cue's subject
    // ("confirmed Mizuhara's firing but declined …", "… and declined …").
    let past = |k: usize| {
        let t = doc.norm(k);
        t.ends_with("ed") || a.lex.irregular.get(t).is_some_and(|l| l != t)
    };
    let stop = (c0 + 1..end.min(c0 + 12))
        .find(|&k| {
            let w = doc.norm(k);
            w == "but" || (a.lex.g.conjunctions.contains(w) && past(k + 1))
        })
        .unwrap_or(end.min(c0 + 12));
    let finite = (c0..stop).any(|k| finite_at(a, k, c0, head));
    starts && finite
}

/// Whether token `k` of a clause starting at `c0` looks finite: an auxiliary, copula or
/// modal, a negated or contracted form, or an -ed form.
fn finite_at(a: &Article<'_, '_>, k: usize, c0: usize, head: &str) -> bool {
    let doc = a.doc;
    let t = doc.norm(k);
    let base = t.strip_suffix("n't").unwrap_or(t);
    doc.is_word(k)
        && !doc.has(k, IN_QUOTE)
        && ((a.lex.auxiliaries.contains(base) && !t.ends_with("ly"))
            || a.lex.copulas.contains(base)
            || t.ends_with("n't")
            || (t.contains('\'') && !t.ends_with("'s") && k == c0)
            || (k == c0 && t.ends_with("'s") && a.lex.clause_starters.contains(head))
            || (k > c0 && t.ends_with("ed") && t.len() > 4)
            // an irregular past ("said", "told", "found"), or a pronoun and its verb
            || (k > c0 && a.lex.irregular.get(t).is_some_and(|lemma| lemma != t))
            || (k == c0 + 1 && pronoun(a, c0) && !a.lex.function_words.contains(t)))
}

/// A subject pronoun as written ("it", "They"; not the acronym "IT").
fn pronoun(a: &Article<'_, '_>, k: usize) -> bool {
    let text = a.doc.span_text(k, k + 1);
    a.lex.g.subject_pronouns.contains(a.doc.norm(k))
        && (text.len() == 1 || !text.chars().all(char::is_uppercase))
}

/// Whether tokens `c..e` hold a finite verb.
fn finite_in(a: &Article<'_, '_>, c: usize, e: usize) -> bool {
    let w = a.doc.norm(c);
    let head = w.split('\'').next().unwrap_or(w);
    (c..e).any(|k| finite_at(a, k, c, head))
}

/// Finds every quotation's and reported statement's speaker, and resolves the extra noun
/// phrases in `requests` (epithets the claim pass needs) in the same document-order pass.
pub(crate) fn attribute(
    a: &mut Article<'_, '_>,
    spans: &[QSpan],
    requests: &[Np],
) -> (Vec<Said>, Vec<Option<Who>>) {
    let doc = a.doc;
    let speech: Vec<&QSpan> = spans.iter().filter(|q| q.speech).collect();
    let mut out: Vec<Said> = Vec::new();
    // Direct quotes.
    for (k, q) in speech.iter().enumerate() {
        let next_open = speech.get(k + 1).map_or(usize::MAX, |n| n.open);
        let prev_close = if k > 0 { speech[k - 1].close } else { None };
        let t = || trailing(a, q, next_open);
        let l = || leading(a, q, prev_close);
        let site = if ends_open(a, q) {
            t().or_else(l)
        } else {
            l().or_else(t)
        };
        let mut s = said_from_span(q);
        if let Some(site) = site {
            s.rule = site.rule;
            s.conf = site.conf;
            s.site = Some(site);
        }
        out.push(s);
    }
    // Tweets.
    for p in 0..doc.para_toks.len() {
        if let Some((words, np, date)) = tweet(a, p) {
            out.push(Said {
                bytes: doc.byte_range(words.start, words.end),
                toks: words,
                direct: true,
                site: Some(Site {
                    cue: np.start - 1..np.start,
                    np,
                    lemma: "sign".into(),
                    time_seg: date.clone(),
                    rule: "tweet-signature",
                    conf: 0.9,
                }),
                who: None,
                rule: "tweet-signature",
                conf: 0.9,
                nested: Vec::new(),
                dated: Some(date),
                inherited: None,
                cont_prev: false,
                via: None,
                via_who: None,
            });
        }
    }
    // Reported speech.
    let mut reports = Vec::new();
    for si in 0..doc.sent_toks.len() {
        reported(a, si, &mut reports);
    }
    out.extend(reports);
    out.sort_by_key(|s| s.toks.start);
    // Relays named after the cue: up to the words when they follow it, else to the end of
    // the sentence.
    for s in &mut out {
        let Some(site) = &s.site else { continue };
        let hi = if s.toks.start >= site.cue.end {
            s.toks.start
        } else {
            doc.sent_toks[doc.toks[site.cue.start].sent as usize].end
        };
        s.via = super::relay::after_cue(a, &site.lemma, site.cue.end, hi);
    }
    let who = resolve(a, &mut out, requests);
    quotes_in_reported_speech(a, &mut out);
    super::relay::apply(a, &mut out);
    (out, who)
}

/// Words quoted inside a piece of reported speech ("said the company was “deeply sorry
/// for the disruption”") are the reported speaker's, when nothing else names a speaker.
fn quotes_in_reported_speech(a: &Article<'_, '_>, said: &mut [Said]) {
    let doc = a.doc;
    for i in 0..said.len() {
        let q = &said[i];
        if !q.direct || q.who.is_some() || q.site.is_some() || q.dated.is_some() {
            continue;
        }
        // A name in quotation marks ("what it refers to as a “quality stand down”").
        let before = q.toks.start.saturating_sub(2);
        if q.toks.start >= 2
            && (a.lex.naming.contains(doc.norm(before))
                || (before > 0 && a.lex.naming.contains(doc.norm(before - 1))))
        {
            continue;
        }
        let inner = q.toks.clone();
        // The innermost piece of reported speech around the quote (its words start at most
        // 64 tokens before; `said` is in text order).
        let lo = said.partition_point(|r| r.toks.start + 64 < inner.start);
        let host = (lo..i)
            .filter(|&j| {
                let r = &said[j];
                !r.direct
                    && r.who.is_some()
                    && r.toks.start < inner.start
                    && inner.end <= r.toks.end + 1
            })
            .max_by_key(|&j| said[j].toks.start);
        if let Some(j) = host {
            said[i].who = said[j].who;
            said[i].inherited = Some(j);
            said[i].rule = "quote-in-reported-speech";
            said[i].conf = said[j].conf * 0.95;
        }
    }
}

/// Resolves speakers in document order (anchor = the speaker phrase, or the quote).
fn resolve(a: &mut Article<'_, '_>, said: &mut [Said], requests: &[Np]) -> Vec<Option<Who>> {
    let doc = a.doc;
    let anchor = |s: &Said| s.site.as_ref().map_or(s.toks.start, |x| x.np.start);
    // Events: said items (0..n) and requests (n..).
    let n = said.len();
    let mut order: Vec<usize> = (0..n + requests.len()).collect();
    let key = |i: usize| {
        if i < n {
            (anchor(&said[i]), said[i].toks.start)
        } else {
            (requests[i - n].start, requests[i - n].start)
        }
    };
    order.sort_by_key(|&i| key(i));
    let mut r = Resolver::new(a.person_mentions());
    let statics = a.person_mentions();
    let mut last_direct: Option<usize> = None;
    let mut answers = vec![None; requests.len()];
    for &i in &order {
        if i >= n {
            let np = &requests[i - n];
            r.advance(np.start);
            answers[i - n] = r.resolve(a, np, None);
            continue;
        }
        let at = anchor(&said[i]);
        r.advance(at);
        if let Some(site) = said[i].site.clone() {
            // The previous quote's speaker, for "continued"/"added".
            let prefer = if a.lex.continuation.contains(&site.lemma) {
                last_direct.and_then(|j| {
                    let p = &said[j];
                    let near = doc.toks[p.toks.start].para + 1 >= doc.toks[site.np.start].para;
                    near.then_some(p.who).flatten()
                })
            } else {
                None
            };
            let who = r.resolve(a, &site.np, prefer);
            if let Some(w) = who {
                r.record(a, site.np.start, w);
            }
            said[i].who = who;
            if who.is_none() {
                said[i].conf = 0.0;
            }
        } else if said[i].direct {
            // Inherit from the previous quote: continued across paragraphs, or in the same
            // paragraph with nobody else named in between.
            if let Some(j) = last_direct {
                let (pj, pi) = (
                    doc.toks[said[j].toks.start].para,
                    doc.toks[said[i].toks.start].para,
                );
                let between = said[j].toks.end..said[i].toks.start;
                let lo = statics.partition_point(|m| m.start < between.start);
                let other_named = statics[lo..]
                    .iter()
                    .take_while(|m| m.start < between.end)
                    .any(|m| {
                        Some(m.who) != said[j].who
                            && said[j].site.as_ref().is_none_or(|s| m.start != s.np.start)
                    });
                let same_para = pj == pi && !other_named;
                if (said[i].cont_prev || same_para) && said[j].who.is_some() {
                    said[i].who = said[j].who;
                    said[i].inherited = Some(j);
                    said[i].rule = if said[i].cont_prev {
                        "continued-quote"
                    } else {
                        "same-paragraph"
                    };
                    said[i].conf = said[j].conf * 0.9;
                }
            }
        }
        if let Some(np) = said[i].via.clone() {
            said[i].via_who = match np.kind {
                NpKind::Ent(e) => Some(Who::Ent(e)),
                NpKind::Name => Some(a.article_name(&np)),
                _ => None,
            };
        }
        if said[i].direct && said[i].dated.is_none() {
            last_direct = Some(i);
        }
    }
    answers
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::lexicon::Lexicon;
    use crate::extract::names::{NameIndex, Names};
    use crate::extract::quotes;
    use crate::extract::text::Doc;

    const PEOPLE: &str = "entities:\n  - {id: ann, name: Ann Lee, aliases: [Lee, the model]}\n  - {id: bo, name: Bo Ray, aliases: [Ray]}\n";

    /// (quoted words, speaker display name or "-")
    fn run(text: &str) -> Vec<(String, String, bool)> {
        let lex = Lexicon::defaults();
        let names = Names::from_yaml(PEOPLE).unwrap();
        let idx = NameIndex::new(&names, &lex);
        let mut doc = Doc::new(text, &lex);
        let scan = quotes::scan(&mut doc, &lex);
        let mut a = Article::new(&doc, &lex, &idx);
        let (said, _) = attribute(&mut a, &scan.spans, &[]);
        said.iter()
            .map(|s| {
                let w = s.who.map_or("-".to_string(), |w| a.display(w));
                (text[s.bytes.clone()].to_string(), w, s.direct)
            })
            .collect()
    }

    fn speakers(text: &str) -> Vec<String> {
        run(text).into_iter().filter(|s| s.2).map(|s| s.1).collect()
    }

    #[test]
    fn trailing_and_leading_patterns_fire() {
        assert_eq!(
            speakers("“I think he is serious,” Lee, 39, said on Friday."),
            ["Ann Lee"]
        );
        assert_eq!(
            speakers("“I think he is serious,” said Tom Smith."),
            ["Tom Smith"]
        );
        assert_eq!(
            speakers("Ray continued, “So part of me was happy.”"),
            ["Bo Ray"]
        );
        assert_eq!(
            speakers("He says, \"I don't feel like it.\" Ray added."),
            ["-"]
        );
        assert_eq!(
            speakers("Ray told the Sunday Times: “We are not friends now.”"),
            ["Bo Ray"]
        );
    }

    #[test]
    fn pronouns_and_epithets_resolve_only_when_safe() {
        assert_eq!(
            speakers("Lee met the press.\n\n“We talked about the things we did,” she shared."),
            ["Ann Lee"]
        );
        assert_eq!(
            speakers(
                "Lee met Ray at noon and Ray left.\n\n“We talked about the things,” she shared."
            ),
            ["Ann Lee"]
        );
        assert_eq!(
            speakers("Lee and Ray met.\n\n“We talked about the things,” he shared."),
            ["-"],
            "two subjects: no guess"
        );
        assert_eq!(
            speakers("“We talked about the things,” the singer said."),
            ["-"],
            "nobody named"
        );
        assert_eq!(
            speakers("“We talked about the things,” a source said."),
            ["a source"],
            "an unnamed speaker, as the article describes them"
        );
        assert_eq!(
            speakers("“It is absolutely untrue,” said a spokesman for Mayfield Consumer Products."),
            ["a spokesman for Mayfield Consumer Products"]
        );
        assert_eq!(
            speakers("“We talked about the things,” the spokesman said."),
            ["-"],
            "a definite role stands for someone named: never given as written"
        );
        assert_eq!(
            speakers("“The last few years have been hard,” the model said."),
            ["Ann Lee"]
        );
    }

    #[test]
    fn inheritance_within_a_paragraph_but_not_past_another_name() {
        assert_eq!(
            speakers("“I think so,” Lee said on Friday. “I don’t know how he would run.”"),
            ["Ann Lee", "Ann Lee"]
        );
        assert_eq!(
            speakers("“I think so,” Lee said, and Ray nodded. “I don’t know how he would run.”"),
            ["Ann Lee", "-"]
        );
    }

    #[test]
    fn tweets_need_a_signature() {
        let s = run(
            "My favorite interview in a while. Thank you.\n\n— Bo Ray (@bo) September 4, 2022\n\nI tweeted the text to show people.",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].1, "Bo Ray");
    }

    #[test]
    fn reported_speech() {
        let s = run(
            "Ray says it's more about the fact he didn't get behind the campaign. Ray revealed what caused it.",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(
            s[0].0,
            "it's more about the fact he didn't get behind the campaign"
        );
        assert!(!s[0].2);
        let s = run(
            "That's not exactly what ruined things, though, according to Lee ... who explains that he doesn't burn bridges.",
        );
        assert_eq!(
            s.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            [
                "That's not exactly what ruined things",
                "he doesn't burn bridges"
            ]
        );
        assert!(s.iter().all(|x| x.1 == "Ann Lee"));
    }

    #[test]
    fn a_trailing_attribution_may_name_whom_it_was_told_to() {
        for text in [
            "The toll has been revised down to 125, Lee told reporters.",
            "The toll has been revised down to 125, Lee told a press conference on Sunday.",
        ] {
            let s = run(text);
            assert_eq!(s.len(), 1, "{text}");
            assert_eq!(s[0].0, "The toll has been revised down to 125", "{text}");
            assert_eq!(s[0].1, "Ann Lee", "{text}");
        }
        assert!(
            run("The toll has been revised down to 125, Lee told reporters the figure was final.")
                .iter()
                .all(|x| x.0 != "The toll has been revised down to 125"),
            "the cue has a clause of its own"
        );
    }
}
