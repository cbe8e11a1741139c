//! Who a noun phrase is: names, pronouns and epithets, resolved conservatively.
//!
//! - A name or alias from the story vocabulary is that entity. A capitalised name the
//!   vocabulary does not know becomes an article name (its surname and forename alone
//!   later mean the same person).
//! - An epithet ("the Grammy Award winner") is first an alias, then whatever the article
//!   itself linked its head noun to by apposition ("West, the 41-year-old rapper",
//!   "his wife, Chrissy Teigen", "rapper Kanye West"). A definite epithet with a plain
//!   role noun (singer, model, winner, …; not agent nouns such as "spokesman" or
//!   "source") is then treated like a pronoun.
//! - A pronoun (or such an epithet) resolves by salience over the current and previous
//!   paragraph, outside quotations: the most recent *subject-like* mention (a speaker, a
//!   sentence opener, or a name followed by a verb) of a gender-compatible person. It is
//!   left unresolved when two different people are subject-like in that sentence, when
//!   another person is mentioned after it in the pronoun's own sentence, or when there is
//!   no subject-like mention and the window holds more than one person. A cue that means
//!   "went on" ("continued", "added") prefers the previous quote's speaker.
//! - Gender comes from titles (Mr., Ms.), gendered nouns next to a name ("wife Chrissy
//!   Teigen", "the father-of-two") and is otherwise unknown (compatible with both).

use super::lexicon::Lexicon;
use super::names::{EntKind, EntMention, NameIndex};
use super::text::{Doc, IN_QUOTE, IN_TITLE, Kind};
use rustc_hash::{FxHashMap, FxHashSet};
use std::ops::Range;

/// Grammatical gender of a referent or a pronoun.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Gender {
    Male,
    Female,
    Unknown,
}

impl Gender {
    fn compatible(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

/// A referent: an entity of the story vocabulary or a name the article introduces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Who {
    Ent(usize),
    Name(usize),
}

/// A name the article introduces that the vocabulary does not know.
#[derive(Debug, Clone)]
pub(crate) struct ArticleName {
    pub display: String,
    parts: Vec<String>,
    /// A description ("a spokesman for the company"), not a name.
    pub described: bool,
    /// Can be a "he" or "she" (a name, or a description of one person).
    pub person: bool,
}

/// A mention of a person in the text, outside quotations.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Mention {
    pub start: usize,
    pub who: Who,
    pub para: usize,
    pub sent: usize,
    /// A speaker, a sentence opener, or followed by a verb.
    pub subject: bool,
}

/// What a noun phrase is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum NpKind {
    /// A vocabulary entity (name or alias).
    Ent(usize),
    /// A capitalised name the vocabulary does not know.
    Name,
    /// He, she.
    Pronoun(Gender),
    /// "the <modifiers> <role noun>".
    Epithet {
        head: String,
        gender: Gender,
        definite: bool,
        agent: bool,
    },
    /// Several people ("the duo").
    Group,
    /// A speaker the article describes without naming ("a spokesman for the company",
    /// "several employees", "the notice"): the speaker as written.
    Description { person: bool },
    /// "his friend", "a source": someone, but not resolvable.
    Other,
}

/// A noun phrase: tokens `start..end`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Np {
    pub start: usize,
    pub end: usize,
    pub kind: NpKind,
}

/// Static facts about the article's people: entity mentions, genders, apposition links.
pub(crate) struct Article<'d, 't> {
    pub doc: &'d Doc<'t>,
    pub lex: &'d Lexicon,
    pub idx: &'d NameIndex,
    pub ents: Vec<EntMention>,
    ent_end: FxHashMap<usize, usize>,
    ent_start: FxHashMap<usize, usize>,
    pub gender: FxHashMap<Who, Gender>,
    pub links: FxHashMap<String, Vec<Who>>,
    pub names: Vec<ArticleName>,
    /// Article names seen in subject position (sorted by token).
    name_mentions: Vec<Mention>,
}

impl<'d, 't> Article<'d, 't> {
    pub(crate) fn new(doc: &'d Doc<'t>, lex: &'d Lexicon, idx: &'d NameIndex) -> Self {
        let ents = idx.mentions(doc);
        let ent_end = ents.iter().enumerate().map(|(i, m)| (m.end, i)).collect();
        let ent_start = ents.iter().enumerate().map(|(i, m)| (m.start, i)).collect();
        let mut a = Article {
            doc,
            lex,
            idx,
            ents,
            ent_end,
            ent_start,
            gender: FxHashMap::default(),
            links: FxHashMap::default(),
            names: Vec::new(),
            name_mentions: Vec::new(),
        };
        a.learn_appositions();
        a.learn_subject_names();
        a
    }

    /// Capitalised names the vocabulary does not know, in subject position before a cue
    /// or an auxiliary ("Jay-Z weighed in", "Smith has said"): people the salience of
    /// pronouns must count, so "he" is not given to someone named earlier.
    fn learn_subject_names(&mut self) {
        let doc = self.doc;
        let mut found: Vec<(usize, Np)> = Vec::new();
        for i in 0..doc.toks.len() {
            if !doc.is_word(i) || !self.outside(i) || doc.has(i, IN_TITLE) {
                continue;
            }
            let w = doc.norm(i);
            let base = neg_base(w);
            let verb = self.cue_at(i, doc.toks.len()).is_some()
                || self.lex.auxiliaries.contains(base.as_str()) && !w.ends_with("ly")
                || self.lex.copulas.contains(base.as_str());
            if !verb {
                continue;
            }
            let lo = doc.sent_toks[doc.toks[i].sent as usize]
                .start
                .max(i.saturating_sub(12));
            let e = self.skip_aux_back(i, lo);
            let e = self.skip_apposition_back(e, lo);
            if let Some(np) = self.name_backward(e, lo) {
                let known =
                    self.ent_end.contains_key(&e) || !self.ents_in(np.start..np.end).is_empty();
                if !known
                    && self.clause_start(np.start, lo)
                    && found.last().is_none_or(|(s, _)| *s != np.start)
                {
                    found.push((np.start, np));
                }
            }
        }
        for (start, np) in found {
            let who = self.article_name(&np);
            self.name_mentions.push(Mention {
                start,
                who,
                para: doc.toks[start].para as usize,
                sent: doc.toks[start].sent as usize,
                subject: true,
            });
        }
    }

    /// Entity mentions that start in tokens `r` (binary search; mentions are sorted).
    pub(crate) fn ents_in(&self, r: Range<usize>) -> &[EntMention] {
        let a = self.ents.partition_point(|m| m.start < r.start);
        let b = self.ents.partition_point(|m| m.start < r.end);
        &self.ents[a..b.max(a)]
    }

    /// The entity mention that ends exactly at token `e` (exclusive end).
    pub(crate) fn ent_ending(&self, e: usize) -> Option<EntMention> {
        self.ent_end.get(&e).map(|&i| self.ents[i])
    }

    /// Whether an entity can be a "he" or "she".
    pub(crate) fn is_person(&self, e: usize) -> bool {
        self.idx.ents[e].kind == EntKind::Person
    }

    fn can_speak(&self, e: usize) -> bool {
        matches!(self.idx.ents[e].kind, EntKind::Person | EntKind::Speaker)
    }

    fn outside(&self, i: usize) -> bool {
        !self.doc.has(i, IN_QUOTE)
    }

    fn set_gender(&mut self, who: Who, g: Gender) {
        if g == Gender::Unknown {
            return;
        }
        let slot = self.gender.entry(who).or_insert(g);
        if *slot != g {
            *slot = Gender::Unknown;
        }
    }

    fn link(&mut self, head: &str, who: Who) {
        let v = self.links.entry(head.to_string()).or_default();
        if !v.contains(&who) {
            v.push(who);
        }
    }

    /// Genders and epithet links from appositions and titles next to known names.
    fn learn_appositions(&mut self) {
        let doc = self.doc;
        let n = doc.toks.len();
        for mi in 0..self.ents.len() {
            let m = self.ents[mi];
            if !self.is_person(m.ent) || !self.outside(m.start) {
                continue;
            }
            let who = Who::Ent(m.ent);
            // Title or gendered noun right before: "Mr. Smith", "wife Chrissy Teigen",
            // "his wife, Chrissy Teigen".
            let mut b = m.start;
            if b > 0 && doc.is_punct(b - 1, ".") {
                b -= 1;
            }
            if b > 0 && doc.is_punct(b - 1, ",") {
                b -= 1;
            }
            if b > 0 {
                let w = doc.norm(b - 1);
                let g = if self.lex.g.titles_male.contains(w) {
                    Gender::Male
                } else if self.lex.g.titles_female.contains(w) {
                    Gender::Female
                } else {
                    self.noun_gender(w)
                };
                self.set_gender(who, g);
                // "wife Chrissy Teigen": "the wife" is this person (a capitalised title
                // is not linked: "United Airlines CEO Scott Kirby" says nothing of "the
                // Alaska Airlines CEO").
                if self.is_role_noun(w) && !doc.is_upper(b - 1) {
                    let w = w.to_string();
                    self.link(&w, who);
                }
            }
            // "NAME, the 41-year-old rapper," / "NAME, a father-of-two,"
            if m.end < n
                && doc.is_punct(m.end, ",")
                && let Some(np) = self.epithet_forward(m.end + 1, (m.end + 10).min(n))
                && (np.end >= n || !doc.is_word(np.end))
                && let NpKind::Epithet { head, gender, .. } = &np.kind
            {
                let (head, gender) = (head.clone(), *gender);
                self.link(&head, who);
                self.set_gender(who, gender);
            }
            // "the rapper, NAME," / "his friend, NAME,"
            if m.start >= 2
                && doc.is_punct(m.start - 1, ",")
                && let Some(np) = self.epithet_backward(m.start - 1, m.start.saturating_sub(10))
                && let NpKind::Epithet { head, gender, .. } = &np.kind
            {
                let (head, gender) = (head.clone(), *gender);
                self.link(&head, who);
                self.set_gender(who, gender);
            }
        }
    }

    fn noun_gender(&self, w: &str) -> Gender {
        let first = w.split('-').next().unwrap_or(w);
        if self.lex.male_nouns.contains(w) || self.lex.male_nouns.contains(first) {
            Gender::Male
        } else if self.lex.female_nouns.contains(w) || self.lex.female_nouns.contains(first) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    fn is_role_noun(&self, w: &str) -> bool {
        let first = w.split('-').next().unwrap_or(w);
        [w, first].iter().any(|x| {
            self.lex.male_nouns.contains(*x)
                || self.lex.female_nouns.contains(*x)
                || self.lex.neutral_nouns.contains(*x)
                || self.lex.agent_nouns.contains(*x)
                || self.lex.nationality_nouns.contains(*x)
        })
    }

    /// Whether token `j` can head an epithet: a lower-case role noun, or a nationality
    /// noun ("the Dutchman").
    fn head_ok(&self, j: usize) -> bool {
        let w = self.doc.norm(j);
        self.head_noun(w).is_some()
            && (!self.doc.is_upper(j) || self.lex.nationality_nouns.contains(w))
    }

    /// `(gender, agent, group)` of a head noun, if it names people.
    fn head_noun(&self, w: &str) -> Option<(Gender, bool, bool)> {
        if self.lex.group_nouns.contains(w) {
            return Some((Gender::Unknown, false, true));
        }
        if self.lex.agent_nouns.contains(w) {
            return Some((Gender::Unknown, true, false));
        }
        if self.is_role_noun(w) {
            return Some((self.noun_gender(w), false, false));
        }
        None
    }

    /// Whether a word names people by role, kind or group ("spokesman", "duo").
    pub(crate) fn is_head_noun(&self, w: &str) -> bool {
        self.head_noun(w).is_some()
    }

    /// Whether a title ("Mr.", "Dr") stands right before token `s`.
    pub(crate) fn titled(&self, s: usize) -> bool {
        let doc = self.doc;
        (s > 0 && doc.is_word(s - 1) && self.lex.titles.contains(doc.norm(s - 1)))
            || (s > 1 && doc.is_punct(s - 1, ".") && self.lex.titles.contains(doc.norm(s - 2)))
    }

    /// A cue verb or phrase at token `i`, outside quotations: `(tokens, lemma)`.
    pub(crate) fn cue_at(&self, i: usize, end: usize) -> Option<(usize, String)> {
        if i >= end || !self.outside(i) || self.doc.has(i, IN_TITLE) || !self.doc.is_word(i) {
            return None;
        }
        if let Some((len, id)) = self.lex.cue_phrases.at(self.doc, i, end) {
            return Some((len, self.lex.phrase_lemmas[id as usize].clone()));
        }
        self.lex
            .cue_lemma(self.doc.norm(i))
            .map(|l| (1, l.to_string()))
    }

    /// Whether token `i` may stand between a speaker and the cue ("has", "later", "also").
    pub(crate) fn is_aux(&self, i: usize) -> bool {
        let w = self.doc.norm(i);
        self.doc.is_word(i)
            && !self.doc.has(i, IN_QUOTE)
            && (self.lex.auxiliaries.contains(w)
                || (w.ends_with("ly") && w.len() > 4 && !self.doc.is_upper(i)))
    }

    /// Skips up to three auxiliaries/adverbs backwards from `e` (exclusive end), and a
    /// day ("the committee on Wednesday said").
    pub(crate) fn skip_aux_back(&self, mut e: usize, lo: usize) -> usize {
        let doc = self.doc;
        let mut n = 0;
        while e > lo && n < 4 {
            if self.is_aux(e - 1) {
                e -= 1;
            } else if self.lex.weekdays.contains_key(doc.norm(e - 1)) && doc.is_upper(e - 1) {
                e -= 1;
                if e > lo && doc.norm(e - 1) == "on" {
                    e -= 1;
                }
            } else {
                break;
            }
            n += 1;
        }
        e
    }

    /// Skips up to three auxiliaries/adverbs forwards from `s`.
    pub(crate) fn skip_aux_fwd(&self, mut s: usize, hi: usize) -> usize {
        let mut n = 0;
        while s < hi && n < 3 && self.is_aux(s) {
            s += 1;
            n += 1;
        }
        s
    }

    /// After a noun phrase ending at `k`: skips an apposition ", 39," or ", the singer,".
    pub(crate) fn skip_apposition_fwd(&self, k: usize, hi: usize) -> usize {
        let doc = self.doc;
        if k >= hi || !doc.is_punct(k, ",") {
            return k;
        }
        if k + 2 < hi && is_number(doc.norm(k + 1)) && doc.is_punct(k + 2, ",") {
            return k + 3;
        }
        if let Some(np) = self.epithet_forward(k + 1, hi.min(k + 10))
            && np.end < hi
            && doc.is_punct(np.end, ",")
        {
            return np.end + 1;
        }
        // A longer apposition: ", one of the scientists the material is named after,".
        if self.opens_apposition(k + 1) {
            for c in k + 2..hi.min(k + 26) {
                if self.apposition_stop(c) {
                    break;
                }
                if doc.is_punct(c, ",") {
                    return c + 1;
                }
            }
        }
        k
    }

    /// Whether an apposition may start at `t`: a determiner, a possessive, a number or
    /// "one of", "who", or a role noun ("a communications rep for …", "who is …").
    fn opens_apposition(&self, t: usize) -> bool {
        let doc = self.doc;
        let w = doc.norm(t);
        let g = &self.lex.g;
        doc.is_word(t)
            && self.outside(t)
            && (g.definite.contains(w)
                || g.indefinite.contains(w)
                || g.possessive.contains(w)
                || g.relatives.contains(w)
                || g.quantifiers.contains(w)
                || self.lex.numbers.contains_key(w)
                || is_number(w)
                || self.is_role_noun(w)
                || g.np_prepositions.contains(w))
    }

    /// Whether token `c` ends the search for an apposition's closing comma.
    fn apposition_stop(&self, c: usize) -> bool {
        let doc = self.doc;
        doc.is_terminal(c)
            || doc.mark(c).is_some()
            || doc.has(c, IN_QUOTE)
            || self.cue_at(c, c + 1).is_some()
    }

    /// Before a cue at `e`: skips an apposition ending there (", 39," / ", the singer,"),
    /// returning the end of the noun phrase it follows.
    pub(crate) fn skip_apposition_back(&self, e: usize, lo: usize) -> usize {
        let doc = self.doc;
        if e < lo + 3 || !doc.is_punct(e - 1, ",") {
            return e;
        }
        if is_number(doc.norm(e - 2)) && doc.is_punct(e - 3, ",") {
            return e - 3;
        }
        if let Some(np) = self.epithet_backward(e - 1, lo)
            && np.start > lo
            && doc.is_punct(np.start - 1, ",")
        {
            return np.start - 1;
        }
        // A longer apposition after a name: "Kim Hyun Tak, one of the authors of the
        // papers who is a research professor, said".
        for c in (lo.max(e.saturating_sub(26))..e - 1).rev() {
            if self.apposition_stop(c) {
                break;
            }
            if doc.is_punct(c, ",") {
                let named = self.ent_end.contains_key(&c) || self.name_backward(c, lo).is_some();
                if self.opens_apposition(c + 1) && named {
                    return c;
                }
                break;
            }
        }
        e
    }

    /// An epithet "the|a <mods> <noun>" ending at `e` (exclusive), not before `lo`.
    pub(crate) fn epithet_backward(&self, e: usize, lo: usize) -> Option<Np> {
        let doc = self.doc;
        if e == 0 || e <= lo || !doc.is_word(e - 1) || !self.outside(e - 1) {
            return None;
        }
        let head = doc.norm(e - 1).to_string();
        let (gender, agent, group) = self.head_noun(&head)?;
        let mut j = e - 1;
        let mut steps = 0;
        loop {
            if j <= lo {
                return None;
            }
            let t = j - 1;
            if !self.outside(t) {
                return None;
            }
            let w = doc.norm(t);
            let g = &self.lex.g;
            let det = if g.definite.contains(w) {
                Some((true, false))
            } else if g.indefinite.contains(w) {
                Some((false, false))
            } else if g.possessive.contains(w) {
                Some((false, true))
            } else {
                None
            };
            let (definite, relational) = match det {
                Some(d) => d,
                None => {
                    let modifier = doc.has(t, IN_TITLE)
                        || (doc.is_word(t)
                            && (!self.lex.function_words.contains(w) || is_number(w))
                            && self.lex.cue_lemma(w).is_none_or(|_| doc.is_upper(t)));
                    if !modifier || steps >= 7 {
                        return None;
                    }
                    j = t;
                    steps += 1;
                    continue;
                }
            };
            let kind = if group {
                NpKind::Group
            } else if relational {
                NpKind::Other
            } else {
                NpKind::Epithet {
                    head,
                    gender,
                    definite,
                    agent,
                }
            };
            return Some(Np {
                start: t,
                end: e,
                kind,
            });
        }
    }

    /// An epithet "the|a <mods> <noun>" starting at `s`; it ends after the first role
    /// noun that is followed by something other than a modifier.
    pub(crate) fn epithet_forward(&self, s: usize, hi: usize) -> Option<Np> {
        let doc = self.doc;
        if s >= hi || !self.outside(s) {
            return None;
        }
        let det = doc.norm(s);
        let g = &self.lex.g;
        if !(g.definite.contains(det) || g.indefinite.contains(det) || g.possessive.contains(det)) {
            return None;
        }
        let mut j = s + 1;
        while j < hi && j <= s + 8 {
            if !self.outside(j) {
                return None;
            }
            let w = doc.norm(j);
            if doc.has(j, IN_TITLE) {
                j += 1;
                continue;
            }
            if !doc.is_word(j) {
                return None;
            }
            if self.head_ok(j) {
                let after = j + 1;
                let boundary = after >= hi
                    || !doc.is_word(after)
                    || self.lex.function_words.contains(doc.norm(after))
                    || self.lex.g.np_prepositions.contains(doc.norm(after))
                    || self.cue_at(after, hi).is_some()
                    || self.is_aux(after);
                if boundary {
                    return self.epithet_backward(j + 1, s);
                }
            }
            if self.lex.function_words.contains(w) && !is_number(w) {
                return None;
            }
            j += 1;
        }
        None
    }

    /// A capitalised common word that may stand inside a name ("NBC News"), not at its
    /// start: not a determiner, pronoun, small title word, date or clause word.
    fn inner_name_word(&self, t: usize) -> bool {
        let doc = self.doc;
        let w = doc.norm(t);
        let lex = self.lex;
        doc.is_word(t)
            && doc.is_upper(t)
            && !(lex.g.definite.contains(w)
                || lex.g.indefinite.contains(w)
                || lex.g.possessive.contains(w)
                || lex.title_small_words.contains(w)
                || lex.weekdays.contains_key(w)
                || lex.months.contains_key(w)
                || lex.clause_openers.contains(w)
                || lex.g.complementizers.contains(w)
                || lex.wh_words.contains(w)
                || lex.auxiliaries.contains(w)
                || lex.male_pronouns.contains(w)
                || lex.female_pronouns.contains(w)
                || lex.plural_pronouns.contains(w)
                || lex.first_singular.contains(w)
                || lex.first_plural.contains(w))
    }

    /// Whether token `t` may be part of a proper name (`inner`: not as its first word).
    fn name_word(&self, t: usize, inner: bool) -> bool {
        let doc = self.doc;
        doc.is_word(t)
            && doc.is_upper(t)
            && self.outside(t)
            && !doc.has(t, IN_TITLE)
            && self.lex.cue_lemma(doc.norm(t)).is_none()
            && (!self.lex.function_words.contains(doc.norm(t))
                || (inner && self.inner_name_word(t)))
    }

    /// The first token after the last role word of a name run ("Alaska CEO Ben
    /// Minicucci" → "Ben"), if any role word leaves a name after it.
    fn after_title(&self, r: Range<usize>) -> usize {
        let doc = self.doc;
        (r.start..r.end.saturating_sub(1))
            .rev()
            .find(|&t| self.is_role_noun(doc.norm(t)))
            .map_or(r.start, |t| t + 1)
    }

    /// A proper name (capitalised words, optionally after a title) ending at `e`. Role
    /// words before it are not part of it ("Plant Manager Michael Staten" is "Michael
    /// Staten").
    fn name_backward(&self, e: usize, lo: usize) -> Option<Np> {
        let doc = self.doc;
        let mut j = e;
        while j > lo && e - j < 6 {
            let t = j - 1;
            if !self.name_word(t, true) || (t + 1 < e && doc.norm(t).ends_with("'s")) {
                break;
            }
            j = t;
        }
        // Not starting with a common word or a quantity.
        while j < e
            && (self.lex.function_words.contains(doc.norm(j))
                || self.lex.g.quantifiers.contains(doc.norm(j))
                || self.lex.numbers.contains_key(doc.norm(j)))
        {
            j += 1;
        }
        // "Alaska Airlines CEO" is a title, not a name.
        if j == e || doc.norm(e - 1).ends_with("'s") || self.is_role_noun(doc.norm(e - 1)) {
            return None;
        }
        let j = self.after_title(j..e);
        if e - j > 4 {
            return None;
        }
        // A lone capitalised role noun ("Sources said") is not a name.
        if e - j == 1 && self.head_noun(doc.norm(j)).is_some() {
            return None;
        }
        // Title before: "Mr. Smith", "Dr Jones".
        let mut start = j;
        if start > lo + 1
            && doc.is_punct(start - 1, ".")
            && self.lex.titles.contains(doc.norm(start - 2))
        {
            start -= 2;
        } else if start > lo
            && self.lex.titles.contains(doc.norm(start - 1))
            && doc.is_upper(start - 1)
        {
            start -= 1;
        }
        Some(Np {
            start,
            end: e,
            kind: NpKind::Name,
        })
    }

    /// A proper name starting at `s`; role words at its start are a title, not the name
    /// ("Cavs announcer Fred McLeod").
    fn name_forward(&self, s: usize, hi: usize) -> Option<Np> {
        let doc = self.doc;
        let mut j = s;
        if j + 1 < hi && self.lex.titles.contains(doc.norm(j)) && doc.is_upper(j) {
            j += 1;
            if doc.is_punct(j, ".") {
                j += 1;
            }
        }
        let first = j;
        // "Several employees", "Three scientists": a quantity, not a name.
        let quantity =
            |w: &str| self.lex.g.quantifiers.contains(w) || self.lex.numbers.contains_key(w);
        if quantity(doc.norm(first)) {
            return None;
        }
        while j < hi && j - first < 6 {
            let role = j > first && self.is_role_noun(doc.norm(j)) && doc.is_word(j);
            if !(self.name_word(j, j > first) || role) {
                break;
            }
            j += 1;
            if doc.norm(j - 1).ends_with("'s") {
                return None;
            }
        }
        if j == first {
            return None;
        }
        let start = if first == s {
            self.after_title(first..j)
        } else {
            s
        };
        if self.is_role_noun(doc.norm(j - 1))
            || j - start > 4
            || (j - start == 1 && self.head_noun(doc.norm(start)).is_some())
            || !doc.is_upper(j - 1)
        {
            return None;
        }
        Some(Np {
            start,
            end: j,
            kind: NpKind::Name,
        })
    }

    /// What a word heads as a speaker description, if anything: `(person, plural)`.
    pub(crate) fn speaker_head(&self, w: &str) -> Option<(bool, bool)> {
        let lex = self.lex;
        let kind = |x: &str| -> Option<bool> {
            if lex.speaker_people.contains(x)
                || lex.agent_nouns.contains(x)
                || lex.male_nouns.contains(x)
                || lex.female_nouns.contains(x)
                || lex.neutral_nouns.contains(x)
            {
                Some(true)
            } else if lex.speaker_orgs.contains(x) || lex.speaker_docs.contains(x) {
                Some(false)
            } else {
                None
            }
        };
        if lex.group_nouns.contains(w) {
            return Some((false, true));
        }
        if let Some(person) = kind(w) {
            let plural = matches!(
                w,
                "people" | "police" | "authorities" | "staff" | "management"
            );
            return Some((person && !plural, plural));
        }
        let singular = if let Some(b) = w.strip_suffix("ies") {
            format!("{b}y")
        } else if let Some(b) = w.strip_suffix("men") {
            format!("{b}man")
        } else if let Some(b) = w
            .strip_suffix("es")
            .filter(|b| b.ends_with(['s', 'x', 'h']))
        {
            b.to_string()
        } else {
            w.strip_suffix('s')?.to_string()
        };
        kind(&singular).map(|_| (false, true))
    }

    /// Whether token `t` may come before the head of a description: a determiner, a
    /// possessive, a number or quantifier, or a modifier (a word that is no function
    /// word, cue or auxiliary).
    fn premodifier(&self, t: usize) -> bool {
        let doc = self.doc;
        let w = doc.norm(t);
        let g = &self.lex.g;
        let quantity = |k: usize| {
            let x = doc.norm(k);
            g.quantifiers.contains(x) || self.lex.numbers.contains_key(x) || is_number(x)
        };
        // "of" only in "one of", "some of".
        if w == "of" {
            return t > 0 && quantity(t - 1);
        }
        doc.is_word(t)
            && self.outside(t)
            && (g.definite.contains(w)
                || g.indefinite.contains(w)
                || g.possessive.contains(w)
                || g.quantifiers.contains(w)
                || self.lex.numbers.contains_key(w)
                || is_number(w)
                || (!self.lex.function_words.contains(w)
                    && self.lex.cue_lemma(w).is_none()
                    && !self.is_aux(t)
                    && !w.ends_with("ed")))
    }

    /// Whether token `t` may stand in the phrase after a description's head ("for
    /// Mayfield Consumer Products", "at the factory", "close to the pair", "of the
    /// Kentucky candle factory destroyed by a tornado"), which starts with a preposition.
    fn postmodifier(&self, t: usize) -> bool {
        let doc = self.doc;
        let w = doc.norm(t);
        let word = doc.is_word(t) || doc.is_punct(t, "&") || doc.is_punct(t, "-");
        word && self.outside(t)
            && !doc.has(t, IN_TITLE)
            && self.lex.cue_lemma(w).is_none()
            && !self.is_aux(t)
            && !self.lex.g.complementizers.contains(w)
            && !self.lex.wh_words.contains(w)
            && !self.lex.g.relatives.contains(w)
            && !self.lex.copulas.contains(w)
    }

    /// A description ending at `e` (exclusive), not before `lo`: `[determiner]
    /// [modifiers] HEAD [preposition …]`, the head a speaker noun.
    pub(crate) fn description_backward(&self, e: usize, lo: usize) -> Option<Np> {
        let doc = self.doc;
        let g = &self.lex.g;
        // Head nouns whose following words form a phrase ("for Mayfield Consumer
        // Products"); the longest that starts a clause ("a spokesman for the company"
        // over "the company"), else the last ("the spokesman and a team leader" gives "a
        // team leader").
        let mut found: Option<Np> = None;
        let mut h = e;
        while h > lo && e - h < 14 {
            h -= 1;
            if let Some((person, _)) = self.speaker_head(doc.base(h))
                && doc.is_word(h)
                && self.outside(h)
            {
                let after_ok = h + 1 == e
                    || (g.np_prepositions.contains(doc.norm(h + 1))
                        && (h + 1..e).all(|t| self.postmodifier(t)));
                if after_ok {
                    let mut start = h;
                    let det = |t: usize| {
                        let w = doc.norm(t);
                        g.definite.contains(w)
                            || g.indefinite.contains(w)
                            || g.possessive.contains(w)
                    };
                    // One determiner at most ("that a spokesperson": "that" is no part).
                    while start > lo
                        && h - start < 8
                        && self.premodifier(start - 1)
                        && !(det(start - 1) && det(start))
                    {
                        start -= 1;
                    }
                    let np = Np {
                        start,
                        end: e,
                        kind: NpKind::Description { person },
                    };
                    if self.clause_start(start, lo) {
                        return Some(np);
                    }
                    found.get_or_insert(np);
                }
            }
            if !self.postmodifier(h) {
                break;
            }
        }
        found
    }

    /// A description starting at `s`, not past `hi`: `[determiner] [modifiers] HEAD
    /// [preposition …]`, the head a speaker noun.
    pub(crate) fn description_forward(&self, s: usize, hi: usize) -> Option<Np> {
        let doc = self.doc;
        let g = &self.lex.g;
        let mut h = s;
        while h < hi && h - s < 8 {
            if let Some((person, _)) = self.speaker_head(doc.base(h))
                && doc.is_word(h)
                && self.outside(h)
                && (h + 1 >= hi
                    || !(doc.is_word(h + 1) && self.speaker_head(doc.base(h + 1)).is_some()))
            {
                // A bare singular noun is no description ("per person"), unless
                // capitalised ("Worker says …", "Police said").
                let bare = h == s && doc.base(h) == doc.norm(h) && !doc.is_upper(h) && person;
                if bare {
                    return None;
                }
                let mut end = h + 1;
                // "a list included with the notice": a participle before the phrase.
                let participle = end + 1 < hi
                    && doc.norm(end).ends_with("ed")
                    && g.np_prepositions.contains(doc.norm(end + 1));
                if end < hi && (g.np_prepositions.contains(doc.norm(end)) || participle) {
                    let mut k = end;
                    // A verb ends it ("… Society issued a white paper"), a participle
                    // before a preposition does not ("… destroyed by a tornado").
                    let verb = |k: usize| {
                        doc.norm(k).ends_with("ed")
                            && !(k + 1 < hi && g.np_prepositions.contains(doc.norm(k + 1)))
                            && doc.norm(k + 1) != "by"
                    };
                    while k < hi && k - end < 10 && self.postmodifier(k) && !(k > end && verb(k)) {
                        k += 1;
                    }
                    // End on a word.
                    while k > end && !doc.is_word(k - 1) {
                        k -= 1;
                    }
                    if k > end + 1 {
                        end = k;
                    }
                }
                return Some(Np {
                    start: s,
                    end,
                    kind: NpKind::Description { person },
                });
            }
            if !self.premodifier(h) {
                return None;
            }
            h += 1;
        }
        None
    }

    fn pronoun(&self, i: usize) -> Option<Gender> {
        if !self.doc.is_word(i) || !self.outside(i) {
            return None;
        }
        let w = self.doc.norm(i);
        if self.lex.g.subject_male.contains(w) {
            Some(Gender::Male)
        } else if self.lex.g.subject_female.contains(w) {
            Some(Gender::Female)
        } else {
            None
        }
    }

    /// The noun phrase ending at `e` (exclusive), not before `lo`.
    pub(crate) fn np_ending_at(&self, e: usize, lo: usize) -> Option<Np> {
        let np = self.np_ending_at_plain(e, lo);
        // A name after a preposition is inside a description ("a spokesman for Mayfield
        // Consumer Products", "one of the scientists at Korea University").
        let doc = self.doc;
        match &np {
            Some(n) if matches!(n.kind, NpKind::Ent(_) | NpKind::Name) && n.start > lo => {
                // The preposition before it, past a determiner.
                let mut p = n.start - 1;
                if p > lo && self.lex.g.definite.contains(doc.norm(p)) {
                    p -= 1;
                }
                if !self.lex.g.np_prepositions.contains(doc.norm(p)) {
                    return np;
                }
                // "Sgt. Jennifer Ciaccia of the Cleveland Police": the person.
                if let Some(person) = self.np_ending_at_plain(p, lo)
                    && (matches!(person.kind, NpKind::Ent(x) if self.is_person(x))
                        || (person.kind == NpKind::Name
                            && (p - person.start >= 2 || self.titled(person.start))))
                {
                    return Some(person);
                }
                self.description_backward(e, lo)
                    .filter(|d| d.start < n.start)
                    .or(np)
            }
            Some(_) => np,
            None => self.description_backward(e, lo),
        }
    }

    fn np_ending_at_plain(&self, e: usize, lo: usize) -> Option<Np> {
        if e <= lo || e == 0 {
            return None;
        }
        if let Some(&mi) = self.ent_end.get(&e) {
            let m = self.ents[mi];
            if m.start >= lo && self.outside(m.start) && self.can_speak(m.ent) {
                return Some(Np {
                    start: m.start,
                    end: e,
                    kind: NpKind::Ent(m.ent),
                });
            }
        }
        if let Some(g) = self.pronoun(e - 1) {
            return Some(Np {
                start: e - 1,
                end: e,
                kind: NpKind::Pronoun(g),
            });
        }
        if let Some(np) = self.epithet_backward(e, lo) {
            return Some(np);
        }
        self.name_backward(e, lo)
    }

    /// A person named after a title that starts at `s` ("Alaska CEO Ben Minicucci",
    /// "Company spokesperson Bob Ferguson"): the person, not the title's organisation.
    fn titled_person(&self, s: usize, hi: usize) -> Option<Np> {
        let doc = self.doc;
        let mut j = s;
        let mut role = None;
        while j < hi && j - s < 6 && doc.is_word(j) && self.outside(j) {
            let w = doc.norm(j);
            if self.is_role_noun(w) {
                role = Some(j);
            } else if !(self.name_word(j, j > s) || (j == s && doc.is_upper(j))) {
                break;
            }
            j += 1;
        }
        let r = role?;
        if r + 1 >= hi {
            return None;
        }
        if let Some(&mi) = self.ent_start.get(&(r + 1)) {
            let m = self.ents[mi];
            return (m.end <= hi && self.is_person(m.ent)).then_some(Np {
                start: r + 1,
                end: m.end,
                kind: NpKind::Ent(m.ent),
            });
        }
        self.name_forward(r + 1, hi)
    }

    /// The noun phrase starting at `s`, not after `hi`; "his friend, John Legend," is
    /// read as the name.
    pub(crate) fn np_starting_at(&self, s: usize, hi: usize) -> Option<Np> {
        let np = self.np_starting_at_one(s, hi)?;
        // "according to the newspaper and ESPN": both, as one description.
        let doc = self.doc;
        let k = np.end;
        if !matches!(np.kind, NpKind::Pronoun(_))
            && k + 1 < hi
            && self.lex.g.conjunctions.contains(doc.norm(k))
            && let Some(other) = self.np_starting_at_one(k + 1, hi)
            && !matches!(other.kind, NpKind::Pronoun(_))
            && (other.end >= hi || !doc.is_word(other.end))
        {
            return Some(Np {
                start: np.start,
                end: other.end,
                kind: NpKind::Description { person: false },
            });
        }
        Some(np)
    }

    fn np_starting_at_one(&self, s: usize, hi: usize) -> Option<Np> {
        if s >= hi {
            return None;
        }
        if let Some(np) = self.titled_person(s, hi) {
            return Some(np);
        }
        if let Some(&mi) = self.ent_start.get(&s) {
            let m = self.ents[mi];
            if m.end <= hi && self.can_speak(m.ent) {
                return Some(Np {
                    start: s,
                    end: m.end,
                    kind: NpKind::Ent(m.ent),
                });
            }
        }
        if let Some(g) = self.pronoun(s) {
            return Some(Np {
                start: s,
                end: s + 1,
                kind: NpKind::Pronoun(g),
            });
        }
        if let Some(np) = self.epithet_forward(s, hi) {
            // "his friend, John Legend,": the name in apposition.
            if np.end + 1 < hi
                && self.doc.is_punct(np.end, ",")
                && let Some(name) = self.np_starting_at_one(np.end + 1, hi)
                && matches!(name.kind, NpKind::Ent(_) | NpKind::Name)
            {
                return Some(name);
            }
            // "a spokesman for Mayfield Consumer Products": the whole description.
            let unresolved = matches!(
                np.kind,
                NpKind::Other
                    | NpKind::Epithet { agent: true, .. }
                    | NpKind::Epithet {
                        definite: false,
                        ..
                    }
            );
            if unresolved
                && let Some(d) = self.description_forward(s, hi)
                && d.end > np.end
            {
                return Some(d);
            }
            return Some(np);
        }
        if let Some(np) = self.name_forward(s, hi) {
            return Some(np);
        }
        if let Some(np) = self.description_forward(s, hi) {
            return Some(np);
        }
        // "the Guardian", "the Courier-Journal": an organisation's name after "the".
        if self.lex.g.definite.contains(self.doc.norm(s)) {
            return self.name_forward(s + 1, hi);
        }
        None
    }

    /// Whether a noun phrase starting at `s` begins a clause: the segment start,
    /// punctuation, or a clause opener.
    pub(crate) fn clause_start(&self, s: usize, lo: usize) -> bool {
        if s <= lo {
            return true;
        }
        let doc = self.doc;
        let mut p = s - 1;
        // "rival boss Mikel Arteta", "club captain Bruno Fernandes": role words before a
        // name; the clause starts before them.
        if doc.is_word(p) && self.is_role_noun(doc.norm(p)) {
            let mut n = 0;
            while p > lo
                && n < 6
                && doc.is_word(p)
                && !self.lex.function_words.contains(doc.norm(p))
            {
                p -= 1;
                n += 1;
            }
            if doc.is_word(p) && !self.lex.function_words.contains(doc.norm(p)) {
                return p == lo;
            }
        }
        // A clause reported by another cue ("employees said supervisors told them …").
        if self.cue_at(p, p + 1).is_some() {
            return true;
        }
        // "The National Guard told …": a determiner before the name.
        if p + 1 == s && doc.is_word(p) && self.lex.g.definite.contains(doc.norm(p)) {
            return self.clause_start(p, lo);
        }
        match doc.toks[p].kind {
            Kind::Word => {
                let w = doc.norm(p);
                self.lex.clause_openers.contains(w)
                    || self.lex.g.complementizers.contains(w)
                    || (p + 1 < s
                        && (self.lex.g.definite.contains(w) || self.lex.g.indefinite.contains(w)))
            }
            _ => true,
        }
    }

    /// Finds or adds an article name for a name phrase.
    pub(crate) fn article_name(&mut self, np: &Np) -> Who {
        let doc = self.doc;
        let parts: Vec<String> = (np.start..np.end)
            .filter(|&i| doc.is_word(i) && !self.lex.titles.contains(doc.norm(i)))
            .map(|i| doc.base(i).to_string())
            .collect();
        let display = doc.span_text(np.start, np.end).to_string();
        if let Some(k) = self.names.iter().position(|n| n.parts == parts) {
            return Who::Name(k);
        }
        if parts.len() == 1 {
            let hits: Vec<usize> = self
                .names
                .iter()
                .enumerate()
                .filter(|(_, n)| {
                    n.parts.len() > 1
                        && (n.parts.last() == parts.first() || n.parts.first() == parts.first())
                })
                .map(|(k, _)| k)
                .collect();
            if hits.len() == 1 {
                return Who::Name(hits[0]);
            }
        }
        // A one-word name never seen whole ("Barcelona", "Yonhap") may be a club or an
        // agency: no "he" or "she" stands for it.
        let person = parts.len() > 1;
        self.names.push(ArticleName {
            display,
            parts,
            described: false,
            person,
        });
        Who::Name(self.names.len() - 1)
    }

    /// Adds a description as a referent of its own: never merged with a name, a "he" or
    /// "she" only when it describes one person.
    pub(crate) fn description(&mut self, np: &Np) -> Who {
        let doc = self.doc;
        let display = doc.span_text(np.start, np.end).to_string();
        let person = match np.kind {
            NpKind::Description { person, .. } => person,
            NpKind::Epithet { .. } => true,
            _ => false,
        };
        if let Some(k) = self
            .names
            .iter()
            .position(|n| n.described && n.display == display)
        {
            return Who::Name(k);
        }
        self.names.push(ArticleName {
            display,
            parts: Vec::new(),
            described: true,
            person,
        });
        Who::Name(self.names.len() - 1)
    }

    /// Whether a referent is a description.
    pub(crate) fn is_description(&self, who: Who) -> bool {
        matches!(who, Who::Name(k) if self.names[k].described)
    }

    /// A referent's display name.
    pub(crate) fn display(&self, who: Who) -> String {
        match who {
            Who::Ent(e) => self.idx.ents[e].display.clone(),
            Who::Name(k) => self.names[k].display.clone(),
        }
    }

    /// Static person mentions outside quotations, with subject-likeness. A person joined
    /// by "and" to a subject-like person ("Lee and Ray met") is subject-like too.
    pub(crate) fn person_mentions(&self) -> Vec<Mention> {
        let doc = self.doc;
        let ms: Vec<&EntMention> = self
            .ents
            .iter()
            .filter(|m| {
                self.is_person(m.ent) && self.outside(m.start) && !doc.has(m.start, IN_TITLE)
            })
            .collect();
        let mut out: Vec<Mention> = Vec::with_capacity(ms.len());
        for (k, m) in ms.iter().enumerate() {
            let mut subject = self.subject_like(m.start, m.end);
            if !subject && k > 0 {
                let prev = ms[k - 1];
                let gap = m.start.saturating_sub(prev.end);
                if out[k - 1].subject
                    && (1..=2).contains(&gap)
                    && self.lex.g.conjunctions.contains(doc.norm(prev.end))
                    && (gap == 1 || self.is_role_noun(doc.norm(prev.end + 1)))
                {
                    subject = true;
                    out[k - 1].subject = true;
                }
            }
            out.push(Mention {
                start: m.start,
                who: Who::Ent(m.ent),
                para: doc.toks[m.start].para as usize,
                sent: doc.toks[m.start].sent as usize,
                subject,
            });
        }
        if !self.name_mentions.is_empty() {
            out.extend(self.name_mentions.iter().copied());
            out.sort_by_key(|m| m.start);
        }
        out
    }

    /// Whether a mention looks like a clause subject: at the start of its sentence (after
    /// openers), or followed by an auxiliary, a copula or a cue verb.
    pub(crate) fn subject_like(&self, start: usize, end: usize) -> bool {
        let doc = self.doc;
        if doc.norm(end - 1).ends_with("'s") {
            return false;
        }
        let sent = &doc.sent_toks[doc.toks[start].sent as usize];
        let hi = sent.end;
        let k = self.skip_apposition_fwd(end, hi);
        if k < hi && doc.is_word(k) {
            let w = doc.norm(k);
            let base = neg_base(w);
            if self.lex.auxiliaries.contains(base.as_str())
                || self.lex.copulas.contains(base.as_str())
                || self.lex.cue_lemma(w).is_some()
            {
                return true;
            }
        }
        start - sent.start <= 8
            && (sent.start..start)
                .all(|i| !doc.is_word(i) || self.lex.clause_openers.contains(doc.norm(i)))
    }
}

/// A word without its negation: "aren't" → "are", "can't" → "can", "won't" → "will".
pub(crate) fn neg_base(w: &str) -> String {
    match w.strip_suffix("n't") {
        Some("ca") => "can".to_string(),
        Some("wo") => "will".to_string(),
        Some("sha") => "shall".to_string(),
        Some(b) => b.to_string(),
        None => w.to_string(),
    }
}

/// Whether a word is a number written in digits.
pub(crate) fn is_number(w: &str) -> bool {
    !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit())
}

/// Resolves noun phrases in document order against the mentions seen so far.
pub(crate) struct Resolver {
    statics: Vec<Mention>,
    next: usize,
    pub history: Vec<Mention>,
    consumed: FxHashSet<usize>,
}

impl Resolver {
    pub(crate) fn new(statics: Vec<Mention>) -> Self {
        Resolver {
            statics,
            next: 0,
            history: Vec::new(),
            consumed: FxHashSet::default(),
        }
    }

    /// Takes in the static mentions before token `p`.
    pub(crate) fn advance(&mut self, p: usize) {
        while self.next < self.statics.len() && self.statics[self.next].start < p {
            let m = self.statics[self.next];
            if !self.consumed.contains(&m.start) {
                self.history.push(m);
            }
            self.next += 1;
        }
    }

    /// Records a resolved speaker (subject-like) at token `start`.
    pub(crate) fn record(&mut self, a: &Article<'_, '_>, start: usize, who: Who) {
        let doc = a.doc;
        // Replace a static mention at the same place.
        if let Some(last) = self
            .history
            .iter_mut()
            .rev()
            .take(4)
            .find(|m| m.start == start)
        {
            last.who = who;
            last.subject = true;
            return;
        }
        self.consumed.insert(start);
        self.history.push(Mention {
            start,
            who,
            para: doc.toks[start].para as usize,
            sent: doc.toks[start].sent as usize,
            subject: true,
        });
    }

    /// Resolves a noun phrase (after `advance(np.start)`). `prefer` is the previous
    /// quote's speaker when the cue means "went on".
    pub(crate) fn resolve(
        &mut self,
        a: &mut Article<'_, '_>,
        np: &Np,
        prefer: Option<Who>,
    ) -> Option<Who> {
        match &np.kind {
            NpKind::Ent(e) => Some(Who::Ent(*e)),
            NpKind::Name => Some(a.article_name(np)),
            NpKind::Pronoun(g) => {
                if let Some(p) = prefer
                    && a.gender
                        .get(&p)
                        .copied()
                        .unwrap_or(Gender::Unknown)
                        .compatible(*g)
                {
                    return Some(p);
                }
                self.salient(a, np.start, *g)
            }
            NpKind::Epithet {
                head,
                gender,
                definite,
                agent,
            } => {
                if let Some(v) = a.links.get(head) {
                    return if v.len() == 1 { Some(v[0]) } else { None };
                }
                // "a spokesman", "a source close to the pair": the speaker as described;
                // "the spokesman" stands for someone the article names, like "the
                // singer" below.
                if !*definite {
                    return Some(a.description(np));
                }
                if *agent {
                    return None;
                }
                let who = prefer
                    .filter(|p| {
                        a.gender
                            .get(p)
                            .copied()
                            .unwrap_or(Gender::Unknown)
                            .compatible(*gender)
                    })
                    .or_else(|| self.salient(a, np.start, *gender));
                // The article keeps using its epithets: "the rapper" means this person from
                // now on ("the 41-year-old rapper" … "the 'Yikes' rapper").
                if let Some(w) = who {
                    a.link(head, w);
                    a.set_gender(w, *gender);
                }
                // "the singer" stands for someone the article names: unresolved, it is
                // left out rather than given as written.
                who
            }
            NpKind::Group | NpKind::Other | NpKind::Description { .. } => Some(a.description(np)),
        }
    }

    /// The salient person for a pronoun or epithet at token `p`.
    fn salient(&self, a: &Article<'_, '_>, p: usize, g: Gender) -> Option<Who> {
        let doc = a.doc;
        let para = doc.toks[p].para as usize;
        let sent = doc.toks[p].sent as usize;
        let from_para = para.saturating_sub(1);
        let compatible = |m: &Mention| -> bool {
            let person = match m.who {
                Who::Ent(e) => a.is_person(e),
                Who::Name(k) => a.names[k].person,
            };
            person
                && a.gender
                    .get(&m.who)
                    .copied()
                    .unwrap_or(Gender::Unknown)
                    .compatible(g)
        };
        let window: Vec<&Mention> = self
            .history
            .iter()
            .rev()
            .take(64)
            .take_while(|m| m.para >= from_para && m.start < p)
            .collect();
        // A one-word name that may not be a person ("Jay-Z", "Barcelona") is no
        // antecedent, but when it is the latest subject nobody earlier is either.
        let unknown = |m: &Mention| matches!(m.who, Who::Name(k) if !a.names[k].person && !a.names[k].described);
        if window
            .iter()
            .find(|m| m.subject && (compatible(m) || unknown(m)))
            .is_some_and(|m| unknown(m))
        {
            return None;
        }
        // Another person named earlier in the pronoun's own sentence makes it ambiguous
        // unless that person is the subject.
        let best = window.iter().find(|m| m.subject && compatible(m));
        let Some(best) = best else {
            let people: FxHashSet<Who> = window
                .iter()
                .filter(|m| compatible(m))
                .map(|m| m.who)
                .collect();
            let all_persons: FxHashSet<Who> = window.iter().map(|m| m.who).collect();
            return if people.len() == 1 && all_persons.len() == 1 {
                people.into_iter().next()
            } else {
                None
            };
        };
        let rivals = window.iter().any(|m| {
            m.who != best.who
                && ((m.subject && m.sent == best.sent && compatible(m))
                    || (m.sent == sent && m.start > best.start && compatible(m)))
        });
        if rivals { None } else { Some(best.who) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::names::Names;
    use crate::extract::quotes;

    fn setup(text: &str, yaml: &str, f: impl FnOnce(&mut Article<'_, '_>)) {
        let lex = Lexicon::defaults();
        let names = Names::from_yaml(yaml).unwrap();
        let idx = NameIndex::new(&names, &lex);
        let mut doc = Doc::new(text, &lex);
        quotes::scan(&mut doc, &lex);
        let mut a = Article::new(&doc, &lex, &idx);
        f(&mut a);
    }

    const PEOPLE: &str = "entities:\n  - {id: ann, name: Ann Lee, aliases: [Lee]}\n  - {id: bo, name: Bo Ray, aliases: [Ray]}\n";

    #[test]
    fn noun_phrases_before_a_cue() {
        setup(
            "Lee, 39, said it. The Grammy Award winner continued. Mr. Tom Smith said. His friend said.",
            PEOPLE,
            |a| {
                let doc = a.doc;
                let said = (0..doc.toks.len())
                    .filter(|&i| doc.norm(i) == "said")
                    .collect::<Vec<_>>();
                let e = a.skip_apposition_back(said[0], 0);
                assert_eq!(a.np_ending_at(e, 0).unwrap().kind, NpKind::Ent(0));
                let cont = (0..doc.toks.len())
                    .find(|&i| doc.norm(i) == "continued")
                    .unwrap();
                let np = a.np_ending_at(cont, 0).unwrap();
                assert!(
                    matches!(np.kind, NpKind::Epithet { ref head, definite: true, .. } if head == "winner")
                );
                let np = a.np_ending_at(said[1], 0).unwrap();
                assert_eq!(
                    (np.kind, doc.span_text(np.start, np.end)),
                    (NpKind::Name, "Mr. Tom Smith")
                );
                let np = a.np_ending_at(said[2], 0).unwrap();
                assert_eq!(np.kind, NpKind::Other);
            },
        );
    }

    #[test]
    fn appositions_link_epithets_and_genders() {
        setup(
            "Ray, the 41-year-old rapper, left. Along with his wife, Ann Lee, he sang.",
            PEOPLE,
            |a| {
                assert_eq!(a.links.get("rapper"), Some(&vec![Who::Ent(1)]));
                assert_eq!(a.gender.get(&Who::Ent(0)), Some(&Gender::Female));
                assert_eq!(a.links.get("wife"), Some(&vec![Who::Ent(0)]));
            },
        );
    }

    #[test]
    fn pronouns_resolve_to_the_salient_subject_or_not_at_all() {
        let run = |text: &str| -> Option<Who> {
            let mut out = None;
            setup(text, PEOPLE, |a| {
                let doc = a.doc;
                let he = (0..doc.toks.len())
                    .rev()
                    .find(|&i| doc.norm(i) == "he")
                    .unwrap();
                let mut r = Resolver::new(a.person_mentions());
                r.advance(he);
                let np = a.np_ending_at(he + 1, 0).unwrap();
                out = r.resolve(a, &np, None);
            });
            out
        };
        assert_eq!(run("Lee thanked Ray. Then he said so."), Some(Who::Ent(0)));
        assert_eq!(
            run("Lee and Ray met. Then he said so."),
            None,
            "two subjects"
        );
        assert_eq!(
            run("Lee met, and Ray, he said so."),
            None,
            "a rival in the same sentence"
        );
        assert_eq!(
            run("It rained. Then he said so."),
            None,
            "nobody to resolve to"
        );
    }
}
