//! The predicates' extraction cues (`extract.cues` in the rules) and the rules' vague
//! amounts, compiled for matching: each cue is indexed by the first word of its first
//! required word group (its anchor), so matching looks only at the cues whose anchor
//! word is in the sentence. Matching itself is in `claims::cues`.

use super::lexicon::{Phrases, WordSet};
use crate::model::Amount;
use crate::rules::Rules;
use crate::rules::cue::CueElem;
use rustc_hash::FxHashMap;

/// One cue, ready to match.
#[derive(Debug, Clone)]
pub(crate) struct CompiledCue {
    /// The predicate's canonical name.
    pub predicate: String,
    /// `cue:<predicate>#<n>`: which cue of the predicate (1-based) drafted a claim.
    pub rule: String,
    pub elems: Vec<CueElem>,
    /// The element matched first: the first word group that is always there.
    pub anchor: usize,
    /// Kinds (words of an entity's `kind`) the subject and an entity object must have;
    /// empty: any.
    pub subject_kinds: WordSet,
    pub object_kinds: WordSet,
    /// A figure must have a unit (a currency): `unit-required`.
    pub unit_required: bool,
}

/// Every cue, and the vague amounts.
#[derive(Debug, Clone, Default)]
pub(crate) struct CueSet {
    pub cues: Vec<CompiledCue>,
    /// First word of an anchor alternative → (cue, alternative).
    pub anchors: FxHashMap<String, Vec<(u32, u32)>>,
    /// Vague amounts without a unit ("dozens of", "a few"); payload indexes `amounts`.
    pub amount_phrases: Phrases,
    /// Name in the rules and the figure it stands for.
    pub amounts: Vec<(String, Amount)>,
    /// The last words of the vague amounts' phrases ("dozens", "of").
    pub amount_last_words: WordSet,
}

impl CueSet {
    /// Compiles the cues and vague amounts of `rules`.
    pub(crate) fn compile(rules: &Rules, function_words: &WordSet) -> CueSet {
        let mut set = CueSet::default();
        for p in &rules.cues {
            for (n, cue) in p.cues.iter().enumerate() {
                let elems = cue.pattern.elems.clone();
                // The anchor: the first group that is always there, preferably one whose
                // words are no punctuation or function words (it is looked for in every
                // sentence).
                let required = |e: &CueElem| {
                    matches!(
                        e,
                        CueElem::Words {
                            optional: false,
                            ..
                        }
                    )
                };
                let rare = |e: &CueElem| match e {
                    CueElem::Words {
                        alternatives,
                        optional: false,
                    } => alternatives.iter().all(|a| {
                        a[0].chars().any(char::is_alphanumeric) && !function_words.contains(&a[0])
                    }),
                    _ => false,
                };
                let Some(anchor) = elems
                    .iter()
                    .position(rare)
                    .or_else(|| elems.iter().position(required))
                else {
                    continue; // parsing refuses such cues
                };
                let id = set.cues.len() as u32;
                if let CueElem::Words { alternatives, .. } = &elems[anchor] {
                    for (k, alt) in alternatives.iter().enumerate() {
                        set.anchors
                            .entry(alt[0].clone())
                            .or_default()
                            .push((id, k as u32));
                    }
                }
                set.cues.push(CompiledCue {
                    predicate: p.predicate.clone(),
                    rule: format!("cue:{}#{}", p.predicate, n + 1),
                    elems,
                    anchor,
                    subject_kinds: p.subject_kinds.iter().cloned().collect(),
                    object_kinds: p.object_kinds.iter().cloned().collect(),
                    unit_required: p.unit_required,
                });
            }
        }
        // Vague amounts: their names and aliases as phrases (`dozens-of` → "dozens of").
        // Amounts with a unit ("a quarter" is 25 percent) are no counts.
        let mut items: Vec<(String, u32)> = Vec::new();
        for (key, v) in &rules.amounts {
            if v.unit.is_some() {
                continue;
            }
            let id = match set.amounts.iter().position(|(n, _)| *n == v.name) {
                Some(i) => i,
                None => {
                    set.amounts.push((v.name.clone(), v.amount));
                    set.amounts.len() - 1
                }
            };
            let phrase = key.replace('-', " ");
            if let Some(w) = phrase.split_whitespace().last() {
                set.amount_last_words.insert(w.to_string());
            }
            items.push((phrase, id as u32));
        }
        set.amount_phrases = Phrases::build(items.iter().map(|(k, i)| (k.as_str(), *i)));
        set
    }
}
