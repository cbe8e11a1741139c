//! The compiled predicate vocabulary: names, aliases, and the relations between predicates
//! (implication closure, contrary pairs, families) precomputed once.

use super::{RawPredicate, RulesError};
use crate::model::Tolerance;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::BTreeMap;

/// Index of a predicate in the [`Vocabulary`].
pub type PredicateId = u32;

/// One predicate and its properties.
#[derive(Debug, Clone)]
pub struct PredicateDef {
    /// Canonical name.
    pub name: String,
    /// What it means.
    pub description: Option<String>,
    /// One value at a time.
    pub functional: bool,
    /// The object is a cause of the subject.
    pub cause: bool,
    /// Different causes conflict.
    pub exclusive: bool,
    /// p(a, b) = p(b, a).
    pub symmetric: bool,
    /// Figures within this distance (absolute or relative) are the same value.
    pub tolerance: Tolerance,
    /// Holds regardless of time.
    pub timeless: bool,
    /// A count that rises as it is made (a toll as the dead are found): an earlier, lower
    /// figure from another voice is the count so far, not a rival.
    pub cumulative: bool,
    /// Dispute title template.
    pub question: Option<String>,
    /// Where it was defined (`path:line:col`).
    pub defined_at: String,
}

/// The predicate vocabulary with its derived relations.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    defs: Vec<PredicateDef>,
    by_name: FxHashMap<String, PredicateId>,
    /// Spellings that stand for another predicate with subject and object swapped.
    inverse_of: FxHashMap<String, PredicateId>,
    /// For each predicate, itself and everything it implies (transitively).
    closure: Vec<Vec<PredicateId>>,
    /// Contrary pairs (both orders), after implication.
    contrary: FxHashSet<(PredicateId, PredicateId)>,
    /// The family of each predicate: predicates linked by `implies` or `contrary` share one,
    /// and only claims in the same family are ever compared.
    family: Vec<PredicateId>,
}

fn error(at: &str, message: String) -> RulesError {
    let mut parts = at.rsplitn(3, ':');
    let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(1);
    let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(1);
    let path = parts.next().unwrap_or(at).to_string();
    RulesError {
        path,
        line,
        column,
        message,
    }
}

impl Vocabulary {
    pub(super) fn build(raw: BTreeMap<String, (RawPredicate, String)>) -> Result<Self, RulesError> {
        let mut v = Vocabulary::default();
        for (name, (p, at)) in &raw {
            let id = v.defs.len() as PredicateId;
            v.by_name.insert(name.clone(), id);
            v.defs.push(PredicateDef {
                name: name.clone(),
                description: p.description.clone(),
                functional: p.functional,
                cause: p.cause,
                exclusive: p.exclusive,
                symmetric: p.symmetric,
                tolerance: match &p.tolerance {
                    Some(t) => Tolerance::parse(&t.value.0).map_err(|m| {
                        // Located at the value: the predicate's path with its own line:col.
                        let path = at.rsplitn(3, ':').nth(2).unwrap_or(at);
                        let here =
                            format!("{path}:{}:{}", t.referenced.line(), t.referenced.column());
                        error(&here, format!("predicate `{name}`: {m}"))
                    })?,
                    None => Tolerance::None,
                },
                timeless: p.timeless.unwrap_or(p.cause),
                cumulative: p.cumulative,
                question: p.question.clone(),
                defined_at: at.clone(),
            });
        }
        let lookup =
            |v: &Vocabulary, at: &str, name: &str, what: &str| -> Result<PredicateId, RulesError> {
                v.by_name
                    .get(name)
                    .copied()
                    .ok_or_else(|| error(at, format!("`{what}` names unknown predicate `{name}`")))
            };
        let mut implies: Vec<Vec<PredicateId>> = vec![Vec::new(); v.defs.len()];
        for (name, (p, at)) in &raw {
            let id = v.by_name[name];
            for alias in &p.aliases {
                if v.by_name.get(alias).is_some_and(|&other| other != id) {
                    return Err(error(
                        at,
                        format!(
                            "alias `{alias}` of `{name}` is itself a predicate or another predicate's alias"
                        ),
                    ));
                }
                v.by_name.insert(alias.clone(), id);
            }
        }
        // Relations may name predicates by alias, so they are resolved after every alias.
        let mut contrary = Vec::new();
        for (name, (p, at)) in &raw {
            let id = v.by_name[name];
            for target in &p.implies {
                implies[id as usize].push(lookup(&v, at, target, "implies")?);
            }
            for target in &p.contrary {
                contrary.push((id, lookup(&v, at, target, "contrary")?));
            }
            if let Some(inv) = &p.inverse {
                if v.by_name.contains_key(inv) {
                    return Err(error(
                        at,
                        format!(
                            "inverse `{inv}` of `{name}` is defined as a predicate too; an inverse is only a spelling, remove its definition"
                        ),
                    ));
                }
                v.inverse_of.insert(inv.clone(), id);
            }
        }
        // Implication closure (small graphs; depth-first per predicate).
        v.closure = (0..v.defs.len())
            .map(|start| {
                let mut seen = vec![start as PredicateId];
                let mut stack = vec![start as PredicateId];
                while let Some(p) = stack.pop() {
                    for &q in &implies[p as usize] {
                        if !seen.contains(&q) {
                            seen.push(q);
                            stack.push(q);
                        }
                    }
                }
                seen.sort_unstable();
                seen
            })
            .collect();
        // Effective contrary pairs: p contrary q if anything p implies is contrary to
        // anything q implies.
        let base: FxHashSet<(PredicateId, PredicateId)> = contrary
            .iter()
            .flat_map(|&(a, b)| [(a, b), (b, a)])
            .collect();
        for a in 0..v.defs.len() {
            for b in 0..v.defs.len() {
                let hit = v.closure[a]
                    .iter()
                    .any(|&x| v.closure[b].iter().any(|&y| base.contains(&(x, y))));
                if hit {
                    v.contrary.insert((a as PredicateId, b as PredicateId));
                }
            }
        }
        // Families: union-find over implies and contrary links.
        let mut parent: Vec<PredicateId> = (0..v.defs.len() as PredicateId).collect();
        fn find(parent: &mut [PredicateId], x: PredicateId) -> PredicateId {
            let mut r = x;
            while parent[r as usize] != r {
                r = parent[r as usize];
            }
            parent[x as usize] = r;
            r
        }
        let links = implies
            .iter()
            .enumerate()
            .flat_map(|(a, bs)| bs.iter().map(move |&b| (a as PredicateId, b)))
            .chain(contrary.iter().copied())
            .collect::<Vec<_>>();
        for (a, b) in links {
            let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
            if ra != rb {
                parent[ra.max(rb) as usize] = ra.min(rb);
            }
        }
        v.family = (0..v.defs.len() as PredicateId)
            .map(|p| find(&mut parent, p))
            .collect();
        Ok(v)
    }

    /// Looks up a predicate by name or alias; the bool says the spelling is an inverse
    /// (subject and object must be swapped).
    pub fn lookup(&self, name: &str) -> Option<(PredicateId, bool)> {
        if let Some(&id) = self.by_name.get(name) {
            return Some((id, false));
        }
        self.inverse_of.get(name).map(|&id| (id, true))
    }

    /// The definition of a predicate.
    pub fn def(&self, id: PredicateId) -> &PredicateDef {
        &self.defs[id as usize]
    }

    /// All definitions.
    pub fn defs(&self) -> &[PredicateDef] {
        &self.defs
    }

    /// Every accepted spelling, for suggestions.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .by_name
            .keys()
            .chain(self.inverse_of.keys())
            .map(String::as_str)
            .collect();
        names.sort_unstable();
        names
    }

    /// Whether `a` implies `b` (reflexive, transitive).
    pub fn implies(&self, a: PredicateId, b: PredicateId) -> bool {
        self.closure[a as usize].binary_search(&b).is_ok()
    }

    /// Whether `a` and `b` cannot both hold at once.
    pub fn contrary(&self, a: PredicateId, b: PredicateId) -> bool {
        self.contrary.contains(&(a, b))
    }

    /// The family representative of a predicate.
    pub fn family(&self, id: PredicateId) -> PredicateId {
        self.family[id as usize]
    }

    /// Adds a predicate that the vocabulary does not define (no properties, its own family),
    /// so claims that use it can still be compared with each other.
    pub fn add_adhoc(&mut self, name: &str) -> PredicateId {
        if let Some(&id) = self.by_name.get(name) {
            return id;
        }
        let id = self.defs.len() as PredicateId;
        self.defs.push(PredicateDef {
            name: name.to_string(),
            description: None,
            functional: false,
            cause: false,
            exclusive: false,
            symmetric: false,
            tolerance: Tolerance::None,
            timeless: false,
            cumulative: false,
            question: None,
            defined_at: String::new(),
        });
        self.by_name.insert(name.to_string(), id);
        self.closure.push(vec![id]);
        self.family.push(id);
        id
    }

    /// Number of predicates.
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::Rules;

    #[test]
    fn default_vocabulary_links_predicates() {
        let rules = Rules::defaults().unwrap();
        let v = &rules.vocabulary;
        let (friends, _) = v.lookup("friends-with").unwrap();
        let (estranged, _) = v.lookup("fell-out-with").unwrap();
        let (ended, _) = v.lookup("ended-because-of").unwrap();
        let (strained, _) = v.lookup("strained-by").unwrap();
        assert!(v.contrary(friends, estranged) && v.contrary(estranged, friends));
        assert!(v.implies(ended, strained) && !v.implies(strained, ended));
        assert_eq!(v.family(ended), v.family(strained));
        assert_eq!(v.family(friends), v.family(estranged));
        assert_ne!(v.family(friends), v.family(ended));
        let (works, inverse) = v.lookup("employs").unwrap();
        assert!(inverse);
        assert_eq!(v.def(works).name, "works-for");
    }

    #[test]
    fn relations_may_name_predicates_by_alias_in_any_order() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("predicates.yaml"),
            "predicates:\n  aa-first:\n    contrary: [zz-alias]\n    implies: [zz-alias]\n  zz-last:\n    aliases: [zz-alias]\n",
        )
        .unwrap();
        let rules = Rules::load(&[dir.path().to_path_buf()]).unwrap();
        let v = &rules.vocabulary;
        let (a, _) = v.lookup("aa-first").unwrap();
        let (z, _) = v.lookup("zz-last").unwrap();
        assert!(v.contrary(a, z) && v.implies(a, z));
    }

    #[test]
    fn a_rules_error_is_located_once() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("predicates.yaml"),
            "predicates:\n  x:\n    functionl: true\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("extraction.yaml"), "not: [rules\n").unwrap();
        let err = Rules::load(&[dir.path().to_path_buf()])
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("predicates.yaml:3:5: unknown field `functionl`"),
            "{err}"
        );
        assert!(!err.contains("at line"), "{err}");
    }
}
