//! The YAML shape of a claim file, exactly as written, with spans (serde-saphyr `Spanned`).
//!
//! `convert` turns these into [`crate::model`] items; nothing else sees these types.

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde_saphyr::Spanned;
use std::fmt;

/// A whole claim file.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawFile {
    #[serde(default)]
    pub sources: Vec<Spanned<RawSource>>,
    #[serde(default)]
    pub entities: Vec<Spanned<RawEntity>>,
    #[serde(default)]
    pub concepts: Vec<Spanned<RawConcept>>,
    #[serde(default)]
    pub claims: Vec<Spanned<RawClaim>>,
    /// What `claimcheck extract` found in the articles, kept in its drafts for the
    /// reviewer; never checked.
    #[serde(default)]
    #[allow(dead_code)] // read by people, not by the checks
    pub statements: Option<de::IgnoredAny>,
}

/// Every key a claim file accepts, per item kind, for "did you mean" suggestions.
pub const KEYS: &[&str] = &[
    "sources",
    "entities",
    "concepts",
    "claims",
    "statements",
    "id",
    "outlet",
    "title",
    "url",
    "published",
    "document",
    "note",
    "name",
    "kind",
    "aliases",
    "forms",
    "source",
    "speaker",
    "said",
    "subject",
    "predicate",
    "object",
    "polarity",
    "modality",
    "attribution",
    "exclusive",
    "valid",
    "quote",
    "suppress",
    "origin",
    "confidence",
    "at",
    "from",
    "to",
    "check",
    "claim",
    "reason",
    "expires",
    "entity",
    "concept",
    "literal",
    "number",
    "unit",
    "date",
    "part-of",
    "broader",
    "via",
    "scope",
    "retracts",
    "before",
    "after",
    "min",
    "max",
    "about",
    "rank",
    "among",
    "more-than",
    "less-than",
    "change",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    pub id: Spanned<String>,
    pub outlet: Option<String>,
    pub title: Option<String>,
    pub url: Option<String>,
    pub published: Option<Spanned<DateText>>,
    pub document: Option<Spanned<String>>,
    #[allow(dead_code)] // documentation for people; no check reads it
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    pub id: Spanned<String>,
    pub name: Option<String>,
    pub kind: Option<String>,
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    #[serde(default, rename = "part-of")]
    pub part_of: Vec<Spanned<String>>,
    #[allow(dead_code)] // documentation for people; no check reads it
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawConcept {
    pub id: Spanned<String>,
    pub name: Option<String>,
    #[serde(default)]
    pub forms: Vec<Spanned<String>>,
    #[serde(default)]
    pub broader: Vec<Spanned<String>>,
    #[allow(dead_code)] // documentation for people; no check reads it
    pub note: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawClaim {
    pub id: Spanned<String>,
    pub source: Spanned<String>,
    pub speaker: Option<Spanned<String>>,
    #[serde(default)]
    pub via: Vec<Spanned<String>>,
    pub scope: Option<Spanned<std::collections::BTreeMap<String, ScopeText>>>,
    pub retracts: Option<Spanned<String>>,
    pub said: Option<Spanned<DateText>>,
    pub subject: Spanned<String>,
    pub predicate: Spanned<String>,
    pub object: Option<Spanned<RawObject>>,
    pub polarity: Option<crate::model::Polarity>,
    pub modality: Option<crate::model::Modality>,
    pub attribution: Option<crate::model::Attribution>,
    #[serde(default)]
    pub exclusive: bool,
    pub valid: Option<Spanned<RawValid>>,
    pub quote: Option<Spanned<String>>,
    pub note: Option<String>,
    #[serde(default)]
    pub suppress: Vec<Spanned<RawSuppress>>,
    pub origin: Option<crate::model::Origin>,
    pub confidence: Option<f64>,
    /// Evidence written by the extractor; kept so reviewed drafts load unchanged.
    #[allow(dead_code)]
    pub evidence: Option<serde::de::IgnoredAny>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSuppress {
    pub check: Spanned<String>,
    pub claim: Option<Spanned<String>>,
    pub reason: Option<String>,
    pub expires: Option<Spanned<DateText>>,
}

/// A date as written: `2022`, `2022-08` or `2022-08-04` (validated later, so a bad date is
/// one located problem and not a parse failure of the whole file).
#[derive(Debug, Clone)]
pub struct DateText(pub String);

impl<'de> Deserialize<'de> for DateText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = DateText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date: 2022, 2022-08 or 2022-08-04")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<DateText, E> {
                Ok(DateText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A scope value: any scalar, kept as text (`window: "10:00-18:00"`, `year: 2017`).
#[derive(Debug, Clone)]
pub struct ScopeText(pub String);

impl<'de> Deserialize<'de> for ScopeText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = ScopeText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a scope value: a name, number or text")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<ScopeText, E> {
                Ok(ScopeText(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<ScopeText, E> {
                Ok(ScopeText(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<ScopeText, E> {
                Ok(ScopeText(v.to_string()))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<ScopeText, E> {
                Ok(ScopeText(v.to_string()))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<ScopeText, E> {
                Ok(ScopeText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A number or a percentage as written: `-18%`, `0.5`, `12`.
#[derive(Debug, Clone)]
pub struct PercentText(pub String);

impl<'de> Deserialize<'de> for PercentText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        ScopeText::deserialize(d).map(|s| PercentText(s.0))
    }
}

/// `valid:` is either one date (shorthand for `at`) or a mapping of `at`, `from`, `to`,
/// `before`, `after`.
#[derive(Debug, Default)]
pub struct RawValid {
    pub at: Option<Spanned<DateText>>,
    pub from: Option<Spanned<DateText>>,
    pub to: Option<Spanned<DateText>>,
    pub before: Option<Spanned<DateText>>,
    pub after: Option<Spanned<DateText>>,
}

impl<'de> Deserialize<'de> for RawValid {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawValid;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a date, or a mapping with `at`, `from`/`to`, `before` or `after`")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawValid, E> {
                Err(E::custom(format!(
                    "`valid: {v}` needs a key: write `valid: {{at: {v}}}`, `{{from: {v}}}` or `{{to: {v}}}`"
                )))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawValid, E> {
                self.visit_str(&v.to_string())
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawValid, A::Error> {
                let mut out = RawValid::default();
                while let Some(key) = map.next_key::<String>()? {
                    let slot = match key.as_str() {
                        "at" => &mut out.at,
                        "from" => &mut out.from,
                        "to" => &mut out.to,
                        "before" => &mut out.before,
                        "after" => &mut out.after,
                        other => {
                            return Err(de::Error::unknown_field(
                                other,
                                &["at", "from", "to", "before", "after"],
                            ));
                        }
                    };
                    if slot.is_some() {
                        return Err(de::Error::duplicate_field("valid key"));
                    }
                    *slot = Some(map.next_value()?);
                }
                Ok(out)
            }
        }
        d.deserialize_any(V)
    }
}

/// `object:` is a name (string), a number, or a mapping: one of `entity`, `concept`,
/// `literal`, `date`; a figure (`number`, `min`/`max`, `about`, plus optional `unit`); a
/// record (`rank` with `among`); or a relative figure (`more-than`, `less-than`, or
/// `change` with `from`).
#[derive(Debug)]
pub enum RawObject {
    Name(String),
    Number(f64),
    Tagged(Box<RawObjectMap>),
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawObjectMap {
    pub entity: Option<String>,
    pub concept: Option<String>,
    pub literal: Option<String>,
    pub number: Option<f64>,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub about: Option<f64>,
    pub unit: Option<String>,
    pub date: Option<DateText>,
    pub rank: Option<u32>,
    pub among: Option<String>,
    #[serde(rename = "more-than")]
    pub more_than: Option<String>,
    #[serde(rename = "less-than")]
    pub less_than: Option<String>,
    pub change: Option<PercentText>,
    pub from: Option<String>,
}

impl<'de> Deserialize<'de> for RawObject {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawObject;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a name, a number, or a mapping with one of entity/concept/literal/number/date",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawObject, E> {
                Ok(RawObject::Name(v.to_string()))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<RawObject, E> {
                Ok(RawObject::Name(v.to_string()))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawObject, E> {
                Ok(RawObject::Number(v as f64))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawObject, E> {
                Ok(RawObject::Number(v as f64))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<RawObject, E> {
                Ok(RawObject::Number(v))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawObject, A::Error> {
                RawObjectMap::deserialize(de::value::MapAccessDeserializer::new(map))
                    .map(|m| RawObject::Tagged(Box::new(m)))
            }
        }
        d.deserialize_any(V)
    }
}
