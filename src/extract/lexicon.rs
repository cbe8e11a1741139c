//! The extractor's word lists: `rules/extraction.yaml`, compiled in, with optional user
//! overrides, turned into hash sets and phrase tables for constant-time lookups.

use super::cues::CueSet;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

/// The compiled-in lexicon file.
pub const DEFAULT_LEXICON: &str = include_str!("../../rules/extraction.yaml");

/// A located error in a lexicon file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct LexiconError {
    /// The file.
    pub path: String,
    /// 1-based line.
    pub line: u64,
    /// 1-based column.
    pub column: u64,
    /// What is wrong.
    pub message: String,
}

// --- the YAML shape ---------------------------------------------------------------------

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawLexicon {
    abbreviations: RawAbbreviations,
    html: RawHtml,
    quotes: RawQuotes,
    verbs: RawVerbs,
    cue_phrases: Vec<String>,
    according_to: Vec<String>,
    relays: RawRelays,
    auxiliaries: Vec<String>,
    clause_openers: Vec<String>,
    clause_starters: Vec<String>,
    wh_words: Vec<String>,
    pronouns: RawPronouns,
    function_words: Vec<String>,
    person_nouns: RawGendered,
    agent_nouns: Vec<String>,
    speaker_nouns: RawSpeakerNouns,
    group_nouns: Vec<String>,
    relationship_nouns: Vec<String>,
    negation: RawNegation,
    attenuators: Vec<String>,
    hedges: RawHedges,
    causes: RawCauses,
    effects: RawEffects,
    status: RawStatus,
    support: BTreeMap<String, Vec<String>>,
    time: RawTime,
    age: RawAge,
    grammar: RawGrammar,
    entity_kinds: RawKinds,
    figures: RawFigures,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawFigures {
    at_least: Vec<String>,
    at_most: Vec<String>,
    about: Vec<String>,
    estimated: Vec<String>,
    range_openers: Vec<String>,
    range_joins_after_opener: Vec<String>,
    range_joins: Vec<String>,
    multipliers: BTreeMap<String, f64>,
    units_before: BTreeMap<String, String>,
    units_after: BTreeMap<String, String>,
    counted: Vec<String>,
    generic: Vec<String>,
    measures: Vec<String>,
    hypothetical: Vec<String>,
    undetermined: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawGrammar {
    definite: Vec<String>,
    indefinite: Vec<String>,
    possessive: Vec<String>,
    subject_pronouns: Vec<String>,
    subject_male: Vec<String>,
    subject_female: Vec<String>,
    titles_male: Vec<String>,
    titles_female: Vec<String>,
    complementizers: Vec<String>,
    relatives: Vec<String>,
    conjunctions: Vec<String>,
    clause_joiners: Vec<String>,
    be: Vec<String>,
    intensifiers: Vec<String>,
    trailing_adverbs: Vec<String>,
    cause_openers: Vec<String>,
    upset_complements: Vec<String>,
    topic_subjects: Vec<String>,
    why: Vec<String>,
    too_much: Vec<String>,
    infinitive: Vec<String>,
    no_longer_after: Vec<String>,
    less: Vec<String>,
    degree_before: Vec<String>,
    np_prepositions: Vec<String>,
    quantifiers: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawSpeakerNouns {
    people: Vec<String>,
    organisations: Vec<String>,
    documents: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawRelays {
    tell: Vec<String>,
    before: Vec<String>,
    cues: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawKinds {
    person: Vec<String>,
    relationship: Vec<String>,
    speaker: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawAbbreviations {
    titles: Vec<String>,
    other: Vec<String>,
    sentence_openers: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawHtml {
    block_tags: Vec<String>,
    skip_tags: Vec<String>,
    inline_tags: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawQuotes {
    min_words: usize,
    min_words_single: usize,
    title_small_words: Vec<String>,
    naming: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawVerbs {
    forms: BTreeMap<String, Vec<String>>,
    quote: Vec<String>,
    bare_clause: Vec<String>,
    that_clause: Vec<String>,
    continuation: Vec<String>,
    adjuncts: Vec<String>,
    participle: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawPronouns {
    male: Vec<String>,
    female: Vec<String>,
    plural: Vec<String>,
    first_singular: Vec<String>,
    first_plural: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawGendered {
    male: Vec<String>,
    female: Vec<String>,
    neutral: Vec<String>,
    nationality: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawNegation {
    words: Vec<String>,
    phrases: Vec<String>,
    pseudo: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawHedges {
    first_person: Vec<String>,
    words: Vec<String>,
    phrases: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawCauses {
    reason: Vec<String>,
    over_triggers: Vec<String>,
    over_blockers: Vec<String>,
    topic: Vec<String>,
    topic_degree: Vec<String>,
    deny_before: Vec<String>,
    affirm_after: Vec<String>,
    cause_prefixes: Vec<String>,
    endurance: Vec<String>,
    over: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawEffects {
    ended: Vec<String>,
    strained: Vec<String>,
    upset: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(default)]
struct RawStatus {
    verbs: BTreeMap<String, Vec<String>>,
    copulas: Vec<String>,
    degree: Vec<String>,
    past: Vec<String>,
    #[serde(flatten)]
    predicates: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawTime {
    months: BTreeMap<String, u8>,
    weekdays: BTreeMap<String, u8>,
    numbers: BTreeMap<String, u32>,
    units: BTreeMap<String, String>,
    days: BTreeMap<String, i64>,
    this: Vec<String>,
    last: Vec<String>,
    next: Vec<String>,
    ago: Vec<String>,
    month_prepositions: Vec<String>,
    year_prepositions: Vec<String>,
    ordinal_suffixes: Vec<String>,
    partitive: Vec<String>,
    weekend: Vec<String>,
    day_parts: Vec<String>,
    past_tense_hints: Vec<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields, default)]
struct RawAge {
    suffixes: Vec<String>,
    after: Vec<String>,
    before: Vec<String>,
    unit: String,
    min: u32,
    max: u32,
}

// --- compiled tables ----------------------------------------------------------------------

/// A set of lower-case words.
pub(crate) type WordSet = FxHashSet<String>;

/// Phrases that start with the same word: their words and payloads, longest first.
type PhraseList = Vec<(Box<[String]>, u32)>;

/// What phrases are matched over: normalised words by token index (`""` past the end).
/// The tokenizer's document is one; the trait keeps the word lists free of the tokenizer,
/// which depends on them.
pub(crate) trait Words {
    /// The normalised form of token `i`.
    fn norm(&self, i: usize) -> &str;
}

/// Multi-word phrases keyed by their first word, each with a payload; longest match wins.
#[derive(Debug, Clone, Default)]
pub(crate) struct Phrases {
    by_first: FxHashMap<String, PhraseList>,
}

impl Phrases {
    pub(crate) fn build<'a>(items: impl IntoIterator<Item = (&'a str, u32)>) -> Self {
        let mut by_first: FxHashMap<String, PhraseList> = FxHashMap::default();
        for (phrase, payload) in items {
            let words: Box<[String]> = phrase.split_whitespace().map(norm_word).collect();
            if words.is_empty() {
                continue;
            }
            by_first
                .entry(words[0].clone())
                .or_default()
                .push((words, payload));
        }
        for v in by_first.values_mut() {
            v.sort_by_key(|p| std::cmp::Reverse(p.0.len()));
        }
        Self { by_first }
    }

    fn plain(items: &[String]) -> Self {
        Self::build(items.iter().map(|s| (s.as_str(), 0)))
    }

    /// The longest phrase starting at token `i` and ending before token `end`:
    /// `(number of tokens, payload)`.
    pub(crate) fn at(&self, doc: &impl Words, i: usize, end: usize) -> Option<(usize, u32)> {
        if i >= end {
            return None;
        }
        let cands = self.by_first.get(doc.norm(i))?;
        'next: for (words, payload) in cands {
            if i + words.len() > end {
                continue;
            }
            for (k, w) in words.iter().enumerate().skip(1) {
                if doc.norm(i + k) != w {
                    continue 'next;
                }
            }
            return Some((words.len(), *payload));
        }
        None
    }

    /// Whether some phrase starts at token `i`.
    pub(crate) fn starts(&self, doc: &impl Words, i: usize, end: usize) -> bool {
        self.at(doc, i, end).is_some()
    }

    /// The first phrase occurrence in `from..end`: `(start, len, payload)`.
    pub(crate) fn find(
        &self,
        doc: &impl Words,
        from: usize,
        end: usize,
    ) -> Option<(usize, usize, u32)> {
        (from..end).find_map(|i| self.at(doc, i, end).map(|(n, p)| (i, n, p)))
    }
}

/// A time unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Day,
    Week,
    Month,
    Year,
    Decade,
}

/// Word lists for the extractor, from `rules/extraction.yaml`.
///
/// [`Lexicon::defaults`] is the compiled-in file; [`Lexicon::from_yaml`] reads a user file
/// whose lists replace the default lists of the same name (the others are kept).
#[derive(Debug, Clone)]
pub struct Lexicon {
    pub(crate) titles: WordSet,
    pub(crate) abbreviations: WordSet,
    pub(crate) sentence_openers: WordSet,
    pub(crate) block_tags: WordSet,
    pub(crate) skip_tags: WordSet,
    pub(crate) inline_tags: WordSet,
    pub(crate) min_words: usize,
    pub(crate) min_words_single: usize,
    pub(crate) title_small_words: WordSet,
    /// Words before a quotation that make it a name ("called").
    pub(crate) naming: WordSet,
    /// Inflected cue-verb form → lemma.
    pub(crate) cue_forms: FxHashMap<String, String>,
    /// Irregular verb form → lemma (`ran` → `run`), for matching concept forms.
    pub(crate) irregular: FxHashMap<String, String>,
    pub(crate) quote_cues: WordSet,
    pub(crate) bare_clause: WordSet,
    pub(crate) that_clause: WordSet,
    pub(crate) continuation: WordSet,
    /// Phrases between a cue and its clause ("in a statement").
    pub(crate) adjuncts: Phrases,
    /// Cue lemmas whose "-ing" form reports the clause subject's words.
    pub(crate) participle_cues: WordSet,
    /// Multi-word cues (inflected); payload indexes `phrase_lemmas`.
    pub(crate) cue_phrases: Phrases,
    pub(crate) phrase_lemmas: Vec<String>,
    pub(crate) according_to: Phrases,
    /// Cue lemmas whose object is a relay ("told CNN").
    pub(crate) relay_tell: WordSet,
    /// Phrases after a cue that name a relay ("in an interview with").
    pub(crate) relay_before: Phrases,
    /// Cue lemmas that relay another statement ("reported", "according to").
    pub(crate) relay_cues: WordSet,
    pub(crate) auxiliaries: WordSet,
    pub(crate) clause_openers: WordSet,
    pub(crate) clause_starters: WordSet,
    pub(crate) wh_words: WordSet,
    pub(crate) male_pronouns: WordSet,
    pub(crate) female_pronouns: WordSet,
    pub(crate) plural_pronouns: WordSet,
    pub(crate) first_singular: WordSet,
    pub(crate) first_plural: WordSet,
    pub(crate) function_words: WordSet,
    pub(crate) male_nouns: WordSet,
    pub(crate) female_nouns: WordSet,
    pub(crate) neutral_nouns: WordSet,
    pub(crate) nationality_nouns: WordSet,
    pub(crate) agent_nouns: WordSet,
    /// Heads of speaker descriptions: people, organisations, documents.
    pub(crate) speaker_people: WordSet,
    pub(crate) speaker_orgs: WordSet,
    pub(crate) speaker_docs: WordSet,
    pub(crate) group_nouns: WordSet,
    pub(crate) relationship_nouns: WordSet,
    pub(crate) negation_words: WordSet,
    pub(crate) negation_phrases: Phrases,
    pub(crate) pseudo_negation: Phrases,
    pub(crate) attenuators: Phrases,
    pub(crate) hedge_first: Phrases,
    pub(crate) hedge_words: WordSet,
    pub(crate) hedge_phrases: Phrases,
    pub(crate) reason: Phrases,
    pub(crate) over: WordSet,
    pub(crate) over_triggers: Phrases,
    pub(crate) over_blockers: Phrases,
    pub(crate) topic: WordSet,
    pub(crate) topic_degree: WordSet,
    pub(crate) deny_before: Phrases,
    pub(crate) affirm_after: Phrases,
    pub(crate) cause_prefixes: Phrases,
    /// Inflected endurance-verb forms.
    pub(crate) endurance: WordSet,
    pub(crate) ended: Phrases,
    pub(crate) strained: Phrases,
    pub(crate) upset: Phrases,
    /// Status words; payload indexes `status_predicates` (plus 1000 for verbal ones).
    pub(crate) status: Phrases,
    pub(crate) status_predicates: Vec<String>,
    pub(crate) copulas: WordSet,
    pub(crate) degree: Phrases,
    pub(crate) past_status: Phrases,
    /// Support words; payload indexes `support_predicates`.
    pub(crate) support: Phrases,
    pub(crate) support_predicates: Vec<String>,
    pub(crate) months: FxHashMap<String, u8>,
    pub(crate) weekdays: FxHashMap<String, u8>,
    pub(crate) numbers: FxHashMap<String, u32>,
    pub(crate) units: FxHashMap<String, Unit>,
    /// Day words; payload is the offset in days plus 1000.
    pub(crate) days: Phrases,
    pub(crate) this_words: Phrases,
    pub(crate) last_words: Phrases,
    pub(crate) next_words: Phrases,
    pub(crate) ago_words: WordSet,
    pub(crate) month_prepositions: WordSet,
    pub(crate) year_prepositions: WordSet,
    pub(crate) ordinal_suffixes: WordSet,
    pub(crate) partitive: WordSet,
    pub(crate) weekend: WordSet,
    pub(crate) day_parts: WordSet,
    pub(crate) past_hints: WordSet,
    pub(crate) age_suffixes: Vec<String>,
    pub(crate) age_after: Phrases,
    pub(crate) age_before: WordSet,
    pub(crate) age_unit: String,
    pub(crate) age_min: u32,
    pub(crate) age_max: u32,
    /// Small grammar words.
    pub(crate) g: Grammar,
    pub(crate) kinds_person: WordSet,
    pub(crate) kinds_relationship: WordSet,
    pub(crate) kinds_speaker: WordSet,
    /// How figures are written (`figures:`).
    pub(crate) fig: Figures,
    /// The predicates' extraction cues and the vague amounts, compiled from the rules.
    pub(crate) cues: Arc<CueSet>,
}

/// How figures are written (`figures:` in the lexicon file).
#[derive(Debug, Clone)]
pub(crate) struct Figures {
    pub at_least: Phrases,
    pub at_most: Phrases,
    pub about: Phrases,
    pub estimated: Phrases,
    pub range_openers: Phrases,
    pub joins_after_opener: Phrases,
    pub joins: Phrases,
    pub multipliers: FxHashMap<String, f64>,
    /// Units before and after a number; payload indexes `units`.
    pub units_before: Phrases,
    pub units_after: Phrases,
    pub units: Vec<String>,
    /// Words a figure may end with besides numbers and counted nouns: multipliers, the
    /// last words of units.
    pub last_words: WordSet,
    pub counted: WordSet,
    pub generic: WordSet,
    pub measures: WordSet,
    pub hypothetical: Phrases,
    pub undetermined: Phrases,
}

/// Small grammar word lists (`grammar:` in the lexicon file).
#[derive(Debug, Clone)]
pub(crate) struct Grammar {
    pub definite: WordSet,
    pub indefinite: WordSet,
    pub possessive: WordSet,
    pub subject_pronouns: WordSet,
    pub subject_male: WordSet,
    pub subject_female: WordSet,
    pub titles_male: WordSet,
    pub titles_female: WordSet,
    pub complementizers: WordSet,
    pub relatives: WordSet,
    pub conjunctions: WordSet,
    pub clause_joiners: WordSet,
    pub be: WordSet,
    pub intensifiers: WordSet,
    pub trailing_adverbs: WordSet,
    pub cause_openers: WordSet,
    pub upset_complements: WordSet,
    pub topic_subjects: WordSet,
    pub why: WordSet,
    pub too_much: Phrases,
    pub infinitive: WordSet,
    pub no_longer_after: Phrases,
    pub less: WordSet,
    pub degree_before: WordSet,
    pub np_prepositions: WordSet,
    pub quantifiers: WordSet,
}

/// Lower-cases a lexicon word and folds curly apostrophes (as cue words are).
pub(crate) fn norm_word(w: &str) -> String {
    crate::rules::cue::norm_word(w)
}

fn set(items: &[String]) -> WordSet {
    items.iter().map(|s| norm_word(s)).collect()
}

fn is_vowel(c: char) -> bool {
    matches!(c, 'a' | 'e' | 'i' | 'o' | 'u')
}

/// A lemma's inflected forms: irregular ones from the table, or derived regularly (with
/// doubled and undoubled final consonants both listed; extra forms are harmless).
fn inflect(lemma: &str, irregular: &BTreeMap<String, Vec<String>>) -> Vec<String> {
    let mut out = vec![lemma.to_string()];
    if let Some(forms) = irregular.get(lemma) {
        out.extend(forms.iter().map(|f| norm_word(f)));
        return out;
    }
    let chars: Vec<char> = lemma.chars().collect();
    let n = chars.len();
    if n == 0 {
        return out;
    }
    let last = chars[n - 1];
    let before = if n >= 2 { Some(chars[n - 2]) } else { None };
    // third person
    if lemma.ends_with('s')
        || lemma.ends_with('x')
        || lemma.ends_with('z')
        || lemma.ends_with("ch")
        || lemma.ends_with("sh")
        || lemma.ends_with('o')
    {
        out.push(format!("{lemma}es"));
    } else if last == 'y' && before.is_some_and(|b| !is_vowel(b)) {
        out.push(format!("{}ies", &lemma[..lemma.len() - 1]));
    } else {
        out.push(format!("{lemma}s"));
    }
    // past and gerund
    if last == 'e' {
        out.push(format!("{lemma}d"));
        if lemma.ends_with("ee") {
            out.push(format!("{lemma}ing"));
        } else if let Some(stem) = lemma.strip_suffix("ie") {
            out.push(format!("{stem}ying"));
        } else {
            out.push(format!("{}ing", &lemma[..lemma.len() - 1]));
        }
    } else if last == 'y' && before.is_some_and(|b| !is_vowel(b)) {
        out.push(format!("{}ied", &lemma[..lemma.len() - 1]));
        out.push(format!("{lemma}ing"));
    } else {
        out.push(format!("{lemma}ed"));
        out.push(format!("{lemma}ing"));
        let cvc = n >= 3
            && !is_vowel(last)
            && !matches!(last, 'w' | 'x' | 'y')
            && before.is_some_and(is_vowel)
            && !is_vowel(chars[n - 3]);
        if cvc {
            out.push(format!("{lemma}{last}ed"));
            out.push(format!("{lemma}{last}ing"));
        }
    }
    out
}

/// The compiled-in rules, whose cues and vague amounts a lexicon starts with.
fn default_rules() -> &'static crate::rules::Rules {
    static RULES: OnceLock<crate::rules::Rules> = OnceLock::new();
    RULES.get_or_init(|| {
        crate::rules::Rules::defaults().expect("the compiled-in rules are valid (tested)")
    })
}

impl Lexicon {
    /// The compiled-in lexicon (`rules/extraction.yaml`).
    pub fn defaults() -> Lexicon {
        static DEFAULTS: OnceLock<Lexicon> = OnceLock::new();
        DEFAULTS
            .get_or_init(|| {
                Self::from_yaml(DEFAULT_LEXICON, "rules/extraction.yaml")
                    .expect("the compiled-in rules/extraction.yaml is valid (tested)")
            })
            .clone()
    }

    /// A lexicon from a YAML file: lists it names replace the defaults of the same name.
    pub fn from_yaml(text: &str, path: &str) -> Result<Lexicon, LexiconError> {
        let user = parse_value(text, path)?;
        // Validate the user file on its own, for located errors on unknown keys.
        let _: RawLexicon = parse_typed(text, path)?;
        let merged = if path == "rules/extraction.yaml" && text == DEFAULT_LEXICON {
            user
        } else {
            let mut base = parse_value(DEFAULT_LEXICON, "rules/extraction.yaml")?;
            merge(&mut base, user);
            base
        };
        let raw: RawLexicon = serde_json::from_value(merged).map_err(|e| LexiconError {
            path: path.to_string(),
            line: 1,
            column: 1,
            message: e.to_string(),
        })?;
        Ok(Self::compile(&raw).with_rules(default_rules()))
    }

    /// This lexicon with the extraction cues and vague amounts of `rules` (its built-in
    /// ones come from the compiled-in rules).
    #[must_use]
    pub fn with_rules(mut self, rules: &crate::rules::Rules) -> Lexicon {
        self.cues = Arc::new(CueSet::compile(rules, &self.function_words));
        self
    }

    fn compile(r: &RawLexicon) -> Lexicon {
        let irregular: BTreeMap<String, Vec<String>> = r
            .verbs
            .forms
            .iter()
            .map(|(k, v)| (norm_word(k), v.clone()))
            .collect();
        let mut cue_forms: FxHashMap<String, String> = FxHashMap::default();
        let mut all_lemmas: Vec<&String> = Vec::new();
        all_lemmas.extend(&r.verbs.quote);
        all_lemmas.extend(&r.verbs.bare_clause);
        all_lemmas.extend(&r.verbs.that_clause);
        for lemma in all_lemmas {
            let lemma = norm_word(lemma);
            for form in inflect(&lemma, &irregular) {
                cue_forms.entry(form).or_insert_with(|| lemma.clone());
            }
        }
        // Multi-word cues: inflect the first word.
        let mut phrase_lemmas = Vec::new();
        let mut phrase_items: Vec<(String, u32)> = Vec::new();
        let mut continuation = WordSet::default();
        let continuing: Vec<String> = r.verbs.continuation.iter().map(|s| norm_word(s)).collect();
        for phrase in r.cue_phrases.iter().chain(r.verbs.continuation.iter()) {
            let phrase = norm_word(phrase);
            let mut words = phrase.split_whitespace();
            let Some(first) = words.next() else { continue };
            let rest: Vec<&str> = words.collect();
            if rest.is_empty() {
                continue;
            }
            let id = phrase_lemmas.len() as u32;
            phrase_lemmas.push(phrase.clone());
            for form in inflect(first, &irregular) {
                let mut s = form;
                for w in &rest {
                    s.push(' ');
                    s.push_str(w);
                }
                phrase_items.push((s, id));
            }
        }
        for c in &continuing {
            continuation.insert(c.clone());
        }
        let cue_phrases = Phrases::build(phrase_items.iter().map(|(s, p)| (s.as_str(), *p)));
        let mut endurance = WordSet::default();
        for lemma in &r.causes.endurance {
            endurance.extend(inflect(&norm_word(lemma), &irregular));
        }
        // Status predicates: adjectival (payload = index) and verbal (payload = index + 1000).
        let mut status_predicates: Vec<String> = r.status.predicates.keys().cloned().collect();
        for k in r.status.verbs.keys() {
            if !status_predicates.contains(k) {
                status_predicates.push(k.clone());
            }
        }
        let index = |k: &String| status_predicates.iter().position(|p| p == k).unwrap_or(0) as u32;
        let mut items: Vec<(&str, u32)> = Vec::new();
        for (k, v) in &r.status.predicates {
            items.extend(v.iter().map(|s| (s.as_str(), index(k))));
        }
        for (k, v) in &r.status.verbs {
            items.extend(v.iter().map(|s| (s.as_str(), index(k) + 1000)));
        }
        let status = Phrases::build(items);
        let support_predicates: Vec<String> = r.support.keys().cloned().collect();
        let support = Phrases::build(
            r.support
                .values()
                .enumerate()
                .flat_map(|(i, v)| v.iter().map(move |s| (s.as_str(), i as u32))),
        );
        let units = r
            .time
            .units
            .iter()
            .filter_map(|(k, v)| {
                let u = match v.as_str() {
                    "day" => Unit::Day,
                    "week" => Unit::Week,
                    "month" => Unit::Month,
                    "year" => Unit::Year,
                    "decade" => Unit::Decade,
                    _ => return None,
                };
                Some((norm_word(k), u))
            })
            .collect();
        let mut fig_units: Vec<String> = Vec::new();
        let mut unit_phrases = |map: &BTreeMap<String, String>| {
            let items: Vec<(String, u32)> = map
                .iter()
                .map(|(k, v)| {
                    let id = fig_units.iter().position(|u| u == v).unwrap_or_else(|| {
                        fig_units.push(v.clone());
                        fig_units.len() - 1
                    });
                    (k.clone(), id as u32)
                })
                .collect();
            Phrases::build(items.iter().map(|(k, id)| (k.as_str(), *id)))
        };
        let units_before = unit_phrases(&r.figures.units_before);
        let units_after = unit_phrases(&r.figures.units_after);
        let fig = Figures {
            at_least: Phrases::plain(&r.figures.at_least),
            at_most: Phrases::plain(&r.figures.at_most),
            about: Phrases::plain(&r.figures.about),
            estimated: Phrases::plain(&r.figures.estimated),
            range_openers: Phrases::plain(&r.figures.range_openers),
            joins_after_opener: Phrases::plain(&r.figures.range_joins_after_opener),
            joins: Phrases::plain(&r.figures.range_joins),
            multipliers: r
                .figures
                .multipliers
                .iter()
                .filter(|(_, v)| v.is_finite() && **v > 0.0)
                .map(|(k, v)| (norm_word(k), *v))
                .collect(),
            units_before,
            units_after,
            units: fig_units,
            last_words: r
                .figures
                .multipliers
                .keys()
                .chain(r.figures.units_after.keys())
                .filter_map(|k| norm_word(k).split_whitespace().last().map(str::to_string))
                .collect(),
            counted: set(&r.figures.counted),
            generic: set(&r.figures.generic),
            measures: set(&r.figures.measures),
            hypothetical: Phrases::plain(&r.figures.hypothetical),
            undetermined: Phrases::plain(&r.figures.undetermined),
        };
        let day_items: Vec<(String, u32)> = r
            .time
            .days
            .iter()
            .map(|(k, v)| (k.clone(), (v + 1000).clamp(0, 2000) as u32))
            .collect();
        Lexicon {
            titles: set(&r.abbreviations.titles),
            abbreviations: set(&r.abbreviations.other),
            sentence_openers: set(&r.abbreviations.sentence_openers),
            block_tags: set(&r.html.block_tags),
            skip_tags: set(&r.html.skip_tags),
            inline_tags: set(&r.html.inline_tags),
            min_words: r.quotes.min_words.max(1),
            min_words_single: r.quotes.min_words_single.max(1),
            title_small_words: set(&r.quotes.title_small_words),
            naming: set(&r.quotes.naming),
            cue_forms,
            irregular: irregular
                .iter()
                .flat_map(|(lemma, forms)| forms.iter().map(move |f| (norm_word(f), lemma.clone())))
                .collect(),
            quote_cues: set(&r.verbs.quote),
            bare_clause: set(&r.verbs.bare_clause),
            that_clause: set(&r.verbs.that_clause),
            continuation,
            adjuncts: Phrases::plain(&r.verbs.adjuncts),
            participle_cues: set(&r.verbs.participle),
            cue_phrases,
            phrase_lemmas,
            according_to: Phrases::plain(&r.according_to),
            relay_tell: set(&r.relays.tell),
            relay_before: Phrases::plain(&r.relays.before),
            relay_cues: set(&r.relays.cues),
            auxiliaries: set(&r.auxiliaries),
            clause_openers: set(&r.clause_openers),
            clause_starters: set(&r.clause_starters),
            wh_words: set(&r.wh_words),
            male_pronouns: set(&r.pronouns.male),
            female_pronouns: set(&r.pronouns.female),
            plural_pronouns: set(&r.pronouns.plural),
            first_singular: set(&r.pronouns.first_singular),
            first_plural: set(&r.pronouns.first_plural),
            function_words: set(&r.function_words),
            male_nouns: set(&r.person_nouns.male),
            female_nouns: set(&r.person_nouns.female),
            neutral_nouns: set(&r.person_nouns.neutral),
            nationality_nouns: set(&r.person_nouns.nationality),
            agent_nouns: set(&r.agent_nouns),
            speaker_people: set(&r.speaker_nouns.people),
            speaker_orgs: set(&r.speaker_nouns.organisations),
            speaker_docs: set(&r.speaker_nouns.documents),
            group_nouns: set(&r.group_nouns),
            relationship_nouns: set(&r.relationship_nouns),
            negation_words: set(&r.negation.words),
            negation_phrases: Phrases::plain(&r.negation.phrases),
            pseudo_negation: Phrases::plain(&r.negation.pseudo),
            attenuators: Phrases::plain(&r.attenuators),
            hedge_first: Phrases::plain(&r.hedges.first_person),
            hedge_words: set(&r.hedges.words),
            hedge_phrases: Phrases::plain(&r.hedges.phrases),
            reason: Phrases::plain(&r.causes.reason),
            over: set(&r.causes.over),
            over_triggers: Phrases::plain(&r.causes.over_triggers),
            over_blockers: Phrases::plain(&r.causes.over_blockers),
            topic: set(&r.causes.topic),
            topic_degree: set(&r.causes.topic_degree),
            deny_before: Phrases::plain(&r.causes.deny_before),
            affirm_after: Phrases::plain(&r.causes.affirm_after),
            cause_prefixes: Phrases::plain(&r.causes.cause_prefixes),
            endurance,
            ended: Phrases::plain(&r.effects.ended),
            strained: Phrases::plain(&r.effects.strained),
            upset: Phrases::plain(&r.effects.upset),
            status,
            status_predicates,
            copulas: set(&r.status.copulas),
            degree: Phrases::plain(&r.status.degree),
            past_status: Phrases::plain(&r.status.past),
            support,
            support_predicates,
            months: r
                .time
                .months
                .iter()
                .map(|(k, v)| (norm_word(k), *v))
                .collect(),
            weekdays: r
                .time
                .weekdays
                .iter()
                .map(|(k, v)| (norm_word(k), *v))
                .collect(),
            numbers: r
                .time
                .numbers
                .iter()
                .map(|(k, v)| (norm_word(k), *v))
                .collect(),
            units,
            days: Phrases::build(day_items.iter().map(|(s, p)| (s.as_str(), *p))),
            this_words: Phrases::plain(&r.time.this),
            last_words: Phrases::plain(&r.time.last),
            next_words: Phrases::plain(&r.time.next),
            ago_words: set(&r.time.ago),
            month_prepositions: set(&r.time.month_prepositions),
            year_prepositions: set(&r.time.year_prepositions),
            ordinal_suffixes: set(&r.time.ordinal_suffixes),
            partitive: set(&r.time.partitive),
            weekend: set(&r.time.weekend),
            day_parts: set(&r.time.day_parts),
            past_hints: set(&r.time.past_tense_hints),
            age_suffixes: r.age.suffixes.iter().map(|s| norm_word(s)).collect(),
            age_after: Phrases::plain(&r.age.after),
            age_before: set(&r.age.before),
            age_unit: if r.age.unit.is_empty() {
                "years".to_string()
            } else {
                r.age.unit.clone()
            },
            age_min: r.age.min,
            age_max: if r.age.max == 0 { 120 } else { r.age.max },
            g: Grammar {
                definite: set(&r.grammar.definite),
                indefinite: set(&r.grammar.indefinite),
                possessive: set(&r.grammar.possessive),
                subject_pronouns: set(&r.grammar.subject_pronouns),
                subject_male: set(&r.grammar.subject_male),
                subject_female: set(&r.grammar.subject_female),
                titles_male: set(&r.grammar.titles_male),
                titles_female: set(&r.grammar.titles_female),
                complementizers: set(&r.grammar.complementizers),
                relatives: set(&r.grammar.relatives),
                conjunctions: set(&r.grammar.conjunctions),
                clause_joiners: set(&r.grammar.clause_joiners),
                be: set(&r.grammar.be),
                intensifiers: set(&r.grammar.intensifiers),
                trailing_adverbs: set(&r.grammar.trailing_adverbs),
                cause_openers: set(&r.grammar.cause_openers),
                upset_complements: set(&r.grammar.upset_complements),
                topic_subjects: set(&r.grammar.topic_subjects),
                why: set(&r.grammar.why),
                too_much: Phrases::plain(&r.grammar.too_much),
                infinitive: set(&r.grammar.infinitive),
                no_longer_after: Phrases::plain(&r.grammar.no_longer_after),
                less: set(&r.grammar.less),
                degree_before: set(&r.grammar.degree_before),
                np_prepositions: set(&r.grammar.np_prepositions),
                quantifiers: set(&r.grammar.quantifiers),
            },
            kinds_person: set(&r.entity_kinds.person),
            kinds_relationship: set(&r.entity_kinds.relationship),
            kinds_speaker: set(&r.entity_kinds.speaker),
            fig,
            cues: Arc::new(CueSet::default()),
        }
    }

    /// The lemma of a cue verb form (`said` → `say`), if it is one.
    pub(crate) fn cue_lemma(&self, form: &str) -> Option<&str> {
        self.cue_forms.get(form).map(String::as_str)
    }
}

fn located(e: &serde_saphyr::Error, path: &str) -> LexiconError {
    let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
    LexiconError {
        path: path.to_string(),
        line,
        column,
        message: e.without_snippet().to_string(),
    }
}

fn options() -> serde_saphyr::Options {
    serde_saphyr::options! { strict_booleans: true, with_snippet: false }
}

fn is_empty_yaml(text: &str) -> bool {
    text.lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
}

fn parse_value(text: &str, path: &str) -> Result<serde_json::Value, LexiconError> {
    if is_empty_yaml(text) {
        return Ok(serde_json::Value::Object(serde_json::Map::new()));
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| located(&e, path))
}

fn parse_typed(text: &str, path: &str) -> Result<RawLexicon, LexiconError> {
    if is_empty_yaml(text) {
        return Ok(RawLexicon::default());
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|e| located(&e, path))
}

/// Deep-merges `user` into `base`: mappings merge key by key, anything else replaces.
fn merge(base: &mut serde_json::Value, user: serde_json::Value) {
    match (base, user) {
        (serde_json::Value::Object(b), serde_json::Value::Object(u)) => {
            for (k, v) in u {
                match b.get_mut(&k) {
                    Some(slot) if slot.is_object() && v.is_object() => merge(slot, v),
                    _ => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, u) => *b = u,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_parse_and_inflect() {
        let lex = Lexicon::defaults();
        assert_eq!(lex.cue_lemma("said"), Some("say"));
        assert_eq!(lex.cue_lemma("theorized"), Some("theorize"));
        assert_eq!(lex.cue_lemma("noted"), Some("note"));
        assert_eq!(lex.cue_lemma("admitted"), Some("admit"));
        assert_eq!(lex.cue_lemma("continues"), Some("continue"));
        assert_eq!(lex.cue_lemma("shared"), Some("share"));
        assert_eq!(lex.cue_lemma("table"), None);
        assert!(lex.titles.contains("mr"));
        assert!(lex.continuation.contains("continue"));
        assert!(lex.status_predicates.iter().any(|p| p == "friends-with"));
    }

    #[test]
    fn regular_inflection() {
        let none = BTreeMap::new();
        assert!(inflect("note", &none).contains(&"noting".to_string()));
        assert!(inflect("reply", &none).contains(&"replied".to_string()));
        assert!(inflect("admit", &none).contains(&"admitted".to_string()));
        assert!(inflect("stress", &none).contains(&"stresses".to_string()));
    }

    #[test]
    fn user_file_replaces_named_lists_only() {
        let lex = Lexicon::from_yaml("verbs:\n  quote: [holler]\n", "user.yaml").unwrap();
        assert!(lex.quote_cues.contains("holler"));
        assert!(!lex.quote_cues.contains("say"));
        // Other lists of the same section and other sections are kept.
        assert!(lex.that_clause.contains("say"));
        assert!(lex.titles.contains("dr"));
    }

    #[test]
    fn user_file_errors_are_located() {
        let e = Lexicon::from_yaml("verbs:\n  qoute: [x]\n", "user.yaml").unwrap_err();
        assert_eq!(e.path, "user.yaml");
        assert_eq!(e.line, 2, "{e}");
        assert!(Lexicon::from_yaml("", "empty.yaml").is_ok());
    }
}
