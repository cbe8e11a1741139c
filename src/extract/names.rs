//! The story vocabulary the caller gives the extractor (entities with aliases, concepts
//! with surface forms), and matching text against it.
//!
//! - Entity names and aliases match as whole token sequences, case-insensitively, except
//!   that an alias written with a capital first letter ("Legend", "West") only matches a
//!   capitalised word, so common nouns do not become people. A possessive `'s` is ignored.
//! - A relationship entity's members are the people whose names or aliases occur in the
//!   relationship's id, name or aliases (`legend-west-friendship` → the people called
//!   "Legend" and "West"), unless the caller lists `members` explicitly.
//! - A phrase matches a concept through its forms: both are reduced to keys (entity
//!   mentions become the entity id, function words are dropped, negations become `not`,
//!   words are stemmed), and the phrase must contain (almost) every key of some form, with
//!   fuzzy equality (Jaro–Winkler ≥ 0.93) for long words.

use super::lexicon::Lexicon;
use super::text::{Doc, Kind};
use rustc_hash::FxHashMap;
use serde::Deserialize;
use std::ops::Range;

/// The story vocabulary: entities and concepts from the claim files.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Names {
    /// People, relationships, organisations, events, …
    #[serde(default)]
    pub entities: Vec<NameEntity>,
    /// Recurring ideas (causes, positions) with the phrases that express them.
    #[serde(default)]
    pub concepts: Vec<NameConcept>,
}

/// An entity the extractor can recognise.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NameEntity {
    /// Its id in the claim files.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// `person`, `relationship`, `organisation`, `event`, …; none counts as a person.
    #[serde(default)]
    pub kind: Option<String>,
    /// Other names in texts (including epithets such as "the model").
    #[serde(default)]
    pub aliases: Vec<String>,
    /// For a relationship: the entity ids of its members (inferred when empty).
    #[serde(default)]
    pub members: Vec<String>,
}

/// A concept the extractor can recognise.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct NameConcept {
    /// Its id in the claim files.
    pub id: String,
    /// Display name.
    #[serde(default)]
    pub name: Option<String>,
    /// Phrases that express it.
    #[serde(default)]
    pub forms: Vec<String>,
}

impl Names {
    /// The vocabulary of loaded claim files.
    pub fn from_model(
        entities: &[crate::model::Entity],
        concepts: &[crate::model::Concept],
    ) -> Names {
        Names {
            entities: entities
                .iter()
                .map(|e| NameEntity {
                    id: e.id.value.clone(),
                    name: e.name.clone(),
                    kind: e.kind.clone(),
                    aliases: e.aliases.iter().map(|a| a.value.clone()).collect(),
                    members: Vec::new(),
                })
                .collect(),
            concepts: concepts
                .iter()
                .map(|c| NameConcept {
                    id: c.id.value.clone(),
                    name: c.name.clone(),
                    forms: c.forms.iter().map(|f| f.value.clone()).collect(),
                })
                .collect(),
        }
    }

    /// The `entities` and `concepts` of a claim-file-shaped YAML text (other keys are
    /// ignored).
    pub fn from_yaml(text: &str) -> Result<Names, String> {
        let options = serde_saphyr::options! { strict_booleans: true, with_snippet: false };
        serde_saphyr::from_str_with_options(text, options).map_err(|e| e.to_string())
    }
}

/// What an entity can do in a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EntKind {
    /// A person (or an entity of no declared kind).
    Person,
    /// Something that can speak but is not a "he" or "she" (an organisation).
    Speaker,
    /// A relationship between people.
    Relationship,
    /// Anything else (an event, an office).
    Other,
}

/// A compiled entity.
#[derive(Debug, Clone)]
pub(crate) struct Ent {
    pub id: String,
    pub display: String,
    pub kind: EntKind,
    /// The words of its `kind` in the claim files, lower-case (`music-group` → `music`,
    /// `group`, and `music-group` itself).
    pub kind_words: Vec<String>,
    /// For relationships: member entity indexes.
    pub members: Vec<usize>,
}

impl Ent {
    /// Whether its kind holds one of `kinds` (none asked: any entity).
    /// `person` stands for every entity the lexicon's `entity_kinds` make a person (and
    /// one of no kind).
    pub(crate) fn kind_in(&self, kinds: &super::lexicon::WordSet) -> bool {
        kinds.is_empty()
            || self.kind_words.iter().any(|w| kinds.contains(w))
            || (self.kind == EntKind::Person && kinds.contains("person"))
    }
}

fn kind_words(kind: Option<&str>) -> Vec<String> {
    let Some(k) = kind else { return Vec::new() };
    let k = k.to_lowercase();
    let mut out: Vec<String> = k
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    out.push(k);
    out
}

#[derive(Debug, Clone)]
struct Form {
    toks: Vec<String>,
    ent: usize,
    cased: bool,
}

#[derive(Debug, Clone)]
struct CompiledConcept {
    forms: Vec<Vec<String>>,
}

/// An entity occurrence in the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct EntMention {
    pub start: usize,
    pub end: usize,
    pub ent: usize,
}

/// Names compiled for matching.
#[derive(Debug, Clone)]
pub(crate) struct NameIndex {
    pub ents: Vec<Ent>,
    forms: FxHashMap<String, Vec<Form>>,
    concept_ids: Vec<String>,
    concepts: Vec<CompiledConcept>,
}

/// An entity kind from the claim file, read through `entity_kinds` in the lexicon (any
/// word of the kind may match: `music-group` is a speaker).
fn kind_of(kind: Option<&str>, lex: &Lexicon) -> EntKind {
    let Some(k) = kind else {
        return EntKind::Person;
    };
    let k = k.to_lowercase();
    let words: Vec<&str> = k
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let any =
        |set: &super::lexicon::WordSet| words.iter().any(|w| set.contains(*w)) || set.contains(&k);
    if any(&lex.kinds_person) {
        EntKind::Person
    } else if any(&lex.kinds_relationship) {
        EntKind::Relationship
    } else if any(&lex.kinds_speaker) {
        EntKind::Speaker
    } else {
        EntKind::Other
    }
}

/// Reduces a word to a crude stem so inflections meet (`supporting` → `support`).
pub(crate) fn stem(word: &str, lex: &Lexicon) -> String {
    let w = word.strip_suffix("'s").unwrap_or(word);
    if let Some(l) = lex.irregular.get(w) {
        return l.clone();
    }
    let n = w.chars().count();
    if n <= 3 || !w.is_ascii() {
        return w.to_string();
    }
    let undouble = |s: &str| -> String {
        let b = s.as_bytes();
        let k = b.len();
        if k >= 2
            && b[k - 1] == b[k - 2]
            && !matches!(
                b[k - 1],
                b'l' | b's' | b'z' | b'e' | b'o' | b'a' | b'i' | b'u'
            )
        {
            s[..k - 1].to_string()
        } else {
            s.to_string()
        }
    };
    let mut s = if w.ends_with("ies") && n > 4 {
        format!("{}y", &w[..w.len() - 3])
    } else if w.ends_with("ing") && n > 5 {
        undouble(&w[..w.len() - 3])
    } else if w.ends_with("ed") && n > 4 {
        undouble(&w[..w.len() - 2])
    } else if ["sses", "xes", "ches", "shes", "zes"]
        .iter()
        .any(|x| w.ends_with(x))
    {
        w[..w.len() - 2].to_string()
    } else if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..w.len() - 1].to_string()
    } else {
        w.to_string()
    };
    while s.len() > 3 && s.ends_with('e') {
        s.pop();
    }
    s
}

impl NameIndex {
    /// Compiles the caller's names.
    pub(crate) fn new(names: &Names, lex: &Lexicon) -> Self {
        let mut ents: Vec<Ent> = names
            .entities
            .iter()
            .map(|e| Ent {
                id: e.id.clone(),
                display: e.name.clone().unwrap_or_else(|| e.id.clone()),
                kind: kind_of(e.kind.as_deref(), lex),
                kind_words: kind_words(e.kind.as_deref()),
                members: Vec::new(),
            })
            .collect();
        let mut forms: FxHashMap<String, Vec<Form>> = FxHashMap::default();
        // (tokens, entity) pairs already added: a set, so many entities sharing a first
        // word ("Bond 1", "Bond 2", …) stay linear.
        let mut seen: rustc_hash::FxHashSet<(Vec<String>, usize)> = Default::default();
        let mut add = |text: &str, ent: usize, forms: &mut FxHashMap<String, Vec<Form>>| {
            let toks = form_tokens(text);
            if toks.is_empty() || toks.iter().all(|t| lex.function_words.contains(t)) {
                return;
            }
            let cased = text
                .trim_start()
                .chars()
                .next()
                .is_some_and(char::is_uppercase);
            if seen.insert((toks.clone(), ent)) {
                forms
                    .entry(toks[0].clone())
                    .or_default()
                    .push(Form { toks, ent, cased });
            }
        };
        for (i, e) in names.entities.iter().enumerate() {
            if let Some(n) = &e.name {
                add(n, i, &mut forms);
                // "Yuli Sumpil (Aremania supporters' leader)": the name before the note.
                if let Some(short) = without_note(n) {
                    add(short, i, &mut forms);
                }
            }
            for a in &e.aliases {
                add(a, i, &mut forms);
            }
        }
        // Surnames and forenames of people, when no other entity uses them.
        let mut partial: FxHashMap<String, Vec<(usize, String)>> = FxHashMap::default();
        for (i, e) in names.entities.iter().enumerate() {
            if ents[i].kind != EntKind::Person {
                continue;
            }
            if let Some(n) = &e.name {
                let n = without_note(n).unwrap_or(n);
                let words: Vec<&str> = n.split_whitespace().collect();
                if words.len() >= 2 {
                    for w in [words[0], words[words.len() - 1]] {
                        if w.chars().next().is_some_and(char::is_uppercase) {
                            partial
                                .entry(form_tokens(w).join(" "))
                                .or_default()
                                .push((i, w.to_string()));
                        }
                    }
                }
            }
        }
        for (key, owners) in partial {
            let taken = forms
                .get(&key)
                .is_some_and(|v| v.iter().any(|f| f.toks.len() == 1));
            if owners.len() == 1 && !taken && !lex.function_words.contains(&key) {
                let (ent, text) = &owners[0];
                add(text, *ent, &mut forms);
            }
        }
        for v in forms.values_mut() {
            v.sort_by_key(|f| std::cmp::Reverse(f.toks.len()));
        }
        // Relationship members.
        let person_tokens: Vec<(usize, Vec<String>)> = names
            .entities
            .iter()
            .enumerate()
            .filter(|(i, _)| ents[*i].kind == EntKind::Person)
            .map(|(i, e)| {
                let mut t: Vec<String> = Vec::new();
                for a in e.aliases.iter().chain(e.name.iter()) {
                    let ft = form_tokens(a);
                    if ft.len() == 1 && a.chars().next().is_some_and(char::is_uppercase) {
                        t.push(ft[0].clone());
                    }
                }
                (i, t)
            })
            .collect();
        // Indexed, so inferring members stays linear in the number of entities.
        let mut people_by_token: rustc_hash::FxHashMap<&str, Vec<usize>> = Default::default();
        for (p, toks) in &person_tokens {
            for t in toks {
                people_by_token.entry(t.as_str()).or_default().push(*p);
            }
        }
        let by_id: rustc_hash::FxHashMap<&str, usize> = names
            .entities
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.as_str(), i))
            .collect();
        for (i, e) in names.entities.iter().enumerate() {
            if ents[i].kind != EntKind::Relationship {
                continue;
            }
            let mut members: Vec<usize> = e
                .members
                .iter()
                .filter_map(|m| by_id.get(m.as_str()).copied())
                .collect();
            if members.is_empty() {
                let mut words: Vec<String> =
                    e.id.split(['-', '_', ' ']).map(str::to_lowercase).collect();
                for t in e.name.iter().chain(e.aliases.iter()) {
                    words.extend(
                        t.split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '\u{2019}')
                            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                            .map(|w| form_tokens(w).join(" ")),
                    );
                }
                for w in &words {
                    members.extend(people_by_token.get(w.as_str()).into_iter().flatten());
                }
            }
            members.sort_unstable();
            members.dedup();
            ents[i].members = members;
        }
        let mut index = NameIndex {
            ents,
            forms,
            concept_ids: Vec::new(),
            concepts: Vec::new(),
        };
        for c in &names.concepts {
            let mut compiled = Vec::new();
            for f in c.forms.iter().chain(c.name.iter()) {
                let d = Doc::new(f, lex);
                let keys = index.keys_with(&d, 0..d.toks.len(), lex, false);
                if !keys.is_empty() {
                    compiled.push(keys);
                }
            }
            index.concept_ids.push(c.id.clone());
            index.concepts.push(CompiledConcept { forms: compiled });
        }
        index
    }

    /// The longest entity name starting at token `i` (ending before `end`).
    pub(crate) fn match_at(&self, doc: &Doc<'_>, i: usize, end: usize) -> Option<(usize, usize)> {
        if !doc.is_word(i) && doc.mark(i).is_none() {
            return None;
        }
        let cands = self.forms.get(doc.base(i))?;
        // A plural possessive's apostrophe is a token of its own ("the Cavs' parade").
        let apostrophe = |j: usize| {
            j > 0
                && doc.mark(j).is_some_and(|m| !m.double)
                && doc.toks[j].flags & super::text::SPACE == 0
                && doc.norm(j - 1).ends_with('s')
        };
        'next: for f in cands {
            if i + f.toks.len() > end {
                continue;
            }
            if f.cased && !doc.is_upper(i) {
                continue;
            }
            let mut j = i + 1;
            for t in f.toks.iter().skip(1) {
                if apostrophe(j) && j + 1 < end {
                    j += 1;
                }
                if j >= end || doc.base(j) != t {
                    continue 'next;
                }
                j += 1;
            }
            return Some((j - i, f.ent));
        }
        None
    }

    /// Every entity occurrence, left to right, longest first.
    pub(crate) fn mentions(&self, doc: &Doc<'_>) -> Vec<EntMention> {
        let mut out = Vec::new();
        let n = doc.toks.len();
        let mut i = 0;
        while i < n {
            if let Some((len, ent)) = self.match_at(doc, i, n) {
                out.push(EntMention {
                    start: i,
                    end: i + len,
                    ent,
                });
                i += len;
            } else {
                i += 1;
            }
        }
        out
    }

    /// Concept-matching keys of tokens `r`: `@id` for an entity mention, stems of content
    /// words, `not` for negations. With `expand`, an entity mention also yields its words'
    /// stems prefixed with `~` (so a form can name part of an alias: "his run" in "his run
    /// for presidency").
    pub(crate) fn keys(&self, doc: &Doc<'_>, r: Range<usize>, lex: &Lexicon) -> Vec<String> {
        self.keys_with(doc, r, lex, true)
    }

    fn keys_with(
        &self,
        doc: &Doc<'_>,
        r: Range<usize>,
        lex: &Lexicon,
        expand: bool,
    ) -> Vec<String> {
        let mut out = Vec::new();
        let mut i = r.start;
        let word = |i: usize, out: &mut Vec<String>, prefix: &str| {
            if doc.toks[i].kind != Kind::Word {
                return;
            }
            let w = doc.norm(i);
            if w.ends_with("n't") || lex.negation_words.contains(w) {
                out.push(format!("{prefix}not"));
            } else if !lex.function_words.contains(w) && !lex.function_words.contains(doc.base(i)) {
                out.push(format!("{prefix}{}", stem(doc.base(i), lex)));
            }
        };
        while i < r.end {
            if let Some((len, ent)) = self.match_at(doc, i, r.end) {
                out.push(format!("@{}", self.ents[ent].id));
                if expand {
                    for k in i..i + len {
                        word(k, &mut out, "~");
                    }
                }
                i += len;
                continue;
            }
            word(i, &mut out, "");
            i += 1;
        }
        out
    }

    /// The concept a phrase (as keys) expresses: `(concept index, coverage)`. `None` when
    /// nothing matches well enough or two concepts match equally well.
    pub(crate) fn concept(&self, keys: &[String]) -> Option<(usize, f64)> {
        if keys.iter().all(|k| k.starts_with('~')) {
            return None;
        }
        let mut best: Option<(usize, f64, usize, usize)> = None; // (concept, coverage, matched, extra)
        let mut tie = false;
        for (ci, c) in self.concepts.iter().enumerate() {
            for fk in &c.forms {
                if fk.iter().any(|k| k == "not") != keys.iter().any(|k| k == "not") {
                    continue;
                }
                let matched = fk
                    .iter()
                    .filter(|k| keys.iter().any(|x| same_key(x.trim_start_matches('~'), k)))
                    .count();
                let coverage = matched as f64 / fk.len() as f64;
                let ok = match fk.len() {
                    1 => matched == 1 && keys.len() <= 2,
                    2 => matched == 2,
                    _ => coverage >= 0.74 && matched >= 2,
                };
                if !ok {
                    continue;
                }
                let extra = keys
                    .iter()
                    .filter(|k| !k.starts_with('~'))
                    .count()
                    .saturating_sub(matched);
                if extra > fk.len().max(3) + 3 {
                    continue;
                }
                let better = match best {
                    None => true,
                    Some((bc, bcov, bm, bx)) => {
                        if bc == ci {
                            (coverage, matched) > (bcov, bm)
                        } else if (coverage - bcov).abs() < 1e-9 && matched == bm && extra == bx {
                            tie = true;
                            false
                        } else {
                            (coverage, matched, std::cmp::Reverse(extra))
                                > (bcov, bm, std::cmp::Reverse(bx))
                        }
                    }
                };
                if better {
                    if best.is_some_and(|b| b.0 != ci) {
                        tie = false;
                    }
                    best = Some((ci, coverage, matched, extra));
                }
            }
        }
        if tie {
            return None;
        }
        best.map(|(c, cov, _, _)| (c, cov))
    }

    /// A concept's id.
    pub(crate) fn concept_id(&self, c: usize) -> &str {
        &self.concept_ids[c]
    }

    /// The relationship entities whose members include all of `people`.
    pub(crate) fn relationships_with(&self, people: &[usize]) -> Vec<usize> {
        self.ents
            .iter()
            .enumerate()
            .filter(|(_, e)| {
                e.kind == EntKind::Relationship
                    && !e.members.is_empty()
                    && people.iter().all(|p| e.members.contains(p))
            })
            .map(|(i, _)| i)
            .collect()
    }
}

fn same_key(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    if a.starts_with('@') || b.starts_with('@') || a.len() < 5 || b.len() < 5 {
        return false;
    }
    strsim::jaro_winkler(a, b) >= 0.93
}

/// Normalised tokens of a name or alias (possessives dropped).
/// A name without a trailing note in parentheses ("Anthony Lima (92.3 The Fan)" →
/// "Anthony Lima"), when it has one.
fn without_note(name: &str) -> Option<&str> {
    let t = name.trim_end();
    if !t.ends_with(')') {
        return None;
    }
    let open = t.find(" (")?;
    let short = t[..open].trim_end();
    (!short.is_empty()).then_some(short)
}

fn form_tokens(text: &str) -> Vec<String> {
    let (toks, norm) = super::text::tokenize(text);
    let _ = norm;
    let lex_free_doc = DocLite { text, toks: &toks };
    (0..toks.len()).map(|i| lex_free_doc.base(i)).collect()
}

/// Base forms of tokens without a full `Doc` (no lexicon needed).
struct DocLite<'a> {
    text: &'a str,
    toks: &'a [super::text::Tok],
}

impl DocLite<'_> {
    fn base(&self, i: usize) -> String {
        let t = &self.toks[i];
        let raw = &self.text[t.range()];
        let mut n: String = raw
            .chars()
            .map(|c| match c {
                '\u{2019}' | '\u{2018}' | '\u{2bc}' => '\'',
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' => '"',
                '\u{2010}' | '\u{2011}' => '-',
                c => c,
            })
            .flat_map(char::to_lowercase)
            .collect();
        if matches!(t.kind, Kind::Quote(m) if !m.double) {
            return "'".to_string();
        }
        if let Some(b) = n.strip_suffix("'s") {
            if !b.is_empty() {
                n = b.to_string();
            }
        } else if let Some(b) = n.strip_suffix('\'')
            && !b.is_empty()
        {
            n = b.to_string();
        }
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names() -> Names {
        Names::from_yaml(
            r#"
entities:
  - {id: ann-lee, name: Ann Lee, kind: person, aliases: [Lee, "the model"]}
  - {id: bo-ray, name: Bo Ray, kind: person, aliases: [Ray, BR]}
  - {id: lee-ray-friendship, name: the Lee–Ray friendship, kind: relationship}
  - {id: big-run, name: Bo Ray's campaign, kind: event, aliases: ["BR's presidential campaign"]}
concepts:
  - {id: ray-support, forms: ["his support for Trump", "who Ray supported"]}
  - {id: not-backing, forms: ["she didn't get behind BR's presidential campaign"]}
"#,
        )
        .unwrap()
    }

    #[test]
    fn aliases_match_case_aware_and_possessive() {
        let lex = Lexicon::defaults();
        let idx = NameIndex::new(&names(), &lex);
        let d = Doc::new(
            "Lee's friend Ray met the model; a ray of light. Ann said so.",
            &lex,
        );
        let m: Vec<&str> = idx
            .mentions(&d)
            .iter()
            .map(|m| idx.ents[m.ent].id.as_str())
            .collect();
        assert_eq!(m, ["ann-lee", "bo-ray", "ann-lee", "ann-lee"]);
    }

    #[test]
    fn relationship_members_are_inferred() {
        let lex = Lexicon::defaults();
        let idx = NameIndex::new(&names(), &lex);
        let rel = idx
            .ents
            .iter()
            .position(|e| e.id == "lee-ray-friendship")
            .unwrap();
        assert_eq!(idx.ents[rel].members, vec![0, 1]);
        assert_eq!(idx.relationships_with(&[1]), vec![rel]);
    }

    #[test]
    fn concepts_match_inflected_and_reject_others() {
        let lex = Lexicon::defaults();
        let idx = NameIndex::new(&names(), &lex);
        let k = |s: &str| {
            let d = Doc::new(s, &lex);
            idx.keys(&d, 0..d.toks.len(), &lex)
        };
        let c = |s: &str| {
            idx.concept(&k(s))
                .map(|(c, _)| idx.concept_id(c).to_string())
        };
        assert_eq!(c("his supporting Trump").as_deref(), Some("ray-support"));
        assert_eq!(
            c("the fact she didn't get behind BR's presidential campaign").as_deref(),
            Some("not-backing")
        );
        assert_eq!(
            c("she got behind BR's presidential campaign"),
            None,
            "negation must match"
        );
        assert_eq!(c("the weather in Paris"), None);
    }

    #[test]
    fn stems_meet() {
        let lex = Lexicon::defaults();
        assert_eq!(stem("supporting", &lex), stem("support", &lex));
        assert_eq!(stem("running", &lex), "run");
        assert_eq!(stem("ran", &lex), "run");
        assert_eq!(stem("disagreed", &lex), stem("disagree", &lex));
    }
}
