//! Parsing one claim file and converting its raw YAML items into model items.

use super::raw::{DateText, KEYS, RawClaim, RawFile, RawObject, RawSuppress, RawValid};
use super::{ClaimFile, Limits};
use crate::model::{
    Attribution, Claim, Concept, Entity, FileId, FuzzyDate, Located, Modality, ObjectValue, Origin,
    Polarity, Problem, ProblemKind, Source, SourceMap, Span, Suppression, Valid,
};
use serde_saphyr::{Location, Spanned};

/// Parses and converts one file. A file that does not parse yields one problem and no items.
pub fn parse_file(
    map: &SourceMap,
    file: FileId,
    text: &str,
    limits: &Limits,
) -> (ClaimFile, Vec<Problem>) {
    let mut out = ClaimFile {
        file,
        ..ClaimFile::default()
    };
    let mut problems = Vec::new();
    if text
        .trim()
        .lines()
        .all(|l| l.trim().is_empty() || l.trim_start().starts_with('#'))
    {
        problems.push(
            Problem::new(
                ProblemKind::InvalidFile,
                map.span_of(file, 0..0),
                "claim file is empty",
            )
            .with_help("add `sources`, `entities`, `concepts` or `claims`, or delete the file"),
        );
        return (out, problems);
    }
    let raw: RawFile = match serde_saphyr::from_str_with_options(text, options(limits)) {
        Ok(raw) => raw,
        Err(err) => {
            problems.push(parse_problem(map, file, text, &err));
            return (out, problems);
        }
    };
    if raw.claims.len() > limits.max_claims_per_file {
        problems.push(Problem::new(
            ProblemKind::InvalidFile,
            map.span_of(file, 0..0),
            format!(
                "{} claims in one file, over the limit of {}; split the file",
                raw.claims.len(),
                limits.max_claims_per_file
            ),
        ));
        return (out, problems);
    }
    let mut cx = Cx {
        file,
        problems: &mut problems,
    };
    out.sources = raw.sources.into_iter().map(|s| cx.source(s)).collect();
    out.entities = raw
        .entities
        .into_iter()
        .map(|e| {
            let span = cx.span(&e.referenced);
            let e = e.value;
            Entity {
                id: cx.located(e.id),
                span,
                name: e.name,
                kind: e.kind,
                aliases: e.aliases.into_iter().map(|a| cx.located(a)).collect(),
            }
        })
        .collect();
    out.concepts = raw
        .concepts
        .into_iter()
        .map(|c| {
            let span = cx.span(&c.referenced);
            let c = c.value;
            Concept {
                id: cx.located(c.id),
                span,
                name: c.name,
                forms: c.forms.into_iter().map(|f| cx.located(f)).collect(),
            }
        })
        .collect();
    out.claims = raw.claims.into_iter().filter_map(|c| cx.claim(c)).collect();
    (out, problems)
}

fn options(limits: &Limits) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits.max_depth;
    budget.max_nodes = limits.max_nodes;
    budget.max_events = limits.max_nodes.saturating_mul(3);
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: Some(budget),
    }
}

fn location_span(map: &SourceMap, file: FileId, loc: &Location) -> Span {
    let s = loc.span();
    match s.byte_offset() {
        Some(start) => {
            let len = s.byte_len().unwrap_or(0);
            let mut span = map.span_of(file, start as usize..(start + len) as usize);
            if loc.line() > 0 {
                span.line = loc.line() as u32;
                span.column = loc.column() as u32;
            }
            span
        }
        None if loc.line() > 0 => Span {
            file,
            line: loc.line() as u32,
            column: loc.column() as u32,
            start: line_start(
                &map.get(file).text,
                loc.line() as usize,
                loc.column() as usize,
            ) as u32,
            len: 0,
        },
        None => map.span_of(file, 0..0),
    }
}

fn line_start(text: &str, line: usize, column: usize) -> usize {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    let rest = &text[start.min(text.len())..];
    start
        + rest
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(0, |(i, _)| i)
}

/// Turns a serde-saphyr error into a located problem with a "did you mean" where it helps.
fn parse_problem(map: &SourceMap, file: FileId, text: &str, err: &serde_saphyr::Error) -> Problem {
    let span = err
        .location()
        .map_or_else(|| map.span_of(file, 0..0), |l| location_span(map, file, &l));
    let _ = text;
    let mut message = err.without_snippet().to_string();
    // serde-saphyr prefixes "line N column M: "; the span already says that.
    if let Some(rest) = message.strip_prefix("line ") {
        if let Some(idx) = rest.find(": ") {
            message = rest[idx + 2..].to_string();
        }
    }
    if let Some(idx) = message.rfind(" at line ") {
        if message[idx..].contains("column") {
            message.truncate(idx);
        }
    }
    if message.contains("budget") || message.contains("depth") {
        message = format!(
            "{message} (nesting, alias expansion and size are limited so a hostile file cannot exhaust memory)"
        );
    }
    let mut problem = Problem::new(ProblemKind::InvalidFile, span, message.clone());
    if let Some(field) = unknown_field(&message) {
        let expected = expected_fields(&message);
        let pool: Vec<&str> = if expected.is_empty() {
            KEYS.to_vec()
        } else {
            expected
        };
        if let Some(best) = closest(field, &pool) {
            problem = problem.with_help(format!("did you mean `{best}`?"));
        }
    }
    problem
}

/// The field names serde lists after "expected one of" (or "expected `x`").
fn expected_fields(message: &str) -> Vec<&str> {
    let Some(at) = message.find("expected ") else {
        return Vec::new();
    };
    let rest = &message[at + "expected ".len()..];
    let rest = rest.strip_prefix("one of ").unwrap_or(rest);
    let rest = rest.find(" at line").map_or(rest, |end| &rest[..end]);
    rest.split(", ")
        .map(|f| f.trim().trim_matches('`'))
        .filter(|f| !f.is_empty())
        .collect()
}

fn unknown_field(message: &str) -> Option<&str> {
    let rest = &message[message.find("unknown field `")? + "unknown field `".len()..];
    Some(&rest[..rest.find('`')?])
}

/// The closest of `candidates` to `word`, if it is close enough to suggest.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, c)| c)
}

struct Cx<'a> {
    file: FileId,
    problems: &'a mut Vec<Problem>,
}

impl Cx<'_> {
    fn span(&self, loc: &Location) -> Span {
        // Positions only: byte ranges are refined by `located` where the value is a scalar.
        Span {
            file: self.file,
            line: loc.line() as u32,
            column: loc.column() as u32,
            start: loc.span().byte_offset().unwrap_or(0) as u32,
            len: loc.span().byte_len().unwrap_or(0) as u32,
        }
    }

    fn located<T>(&self, s: Spanned<T>) -> Located<T> {
        let span = self.span(&s.referenced);
        Located::new(s.value, span)
    }

    fn date(&mut self, d: Option<Spanned<DateText>>, what: &str) -> Option<Located<FuzzyDate>> {
        let d = d?;
        let span = self.span(&d.referenced);
        match FuzzyDate::parse(&d.value.0) {
            Ok(date) => Some(Located::new(date, span)),
            Err(msg) => {
                self.problems.push(
                    Problem::new(
                        ProblemKind::InvalidDate,
                        span,
                        format!("invalid `{what}` date: {msg}"),
                    )
                    .with_help("write a date as 2022, 2022-08 or 2022-08-04"),
                );
                None
            }
        }
    }

    fn source(&mut self, s: Spanned<super::raw::RawSource>) -> Source {
        let span = self.span(&s.referenced);
        let s = s.value;
        Source {
            id: self.located(s.id),
            span,
            outlet: s.outlet,
            title: s.title,
            url: s.url,
            published: self.date(s.published, "published"),
            document: s.document.map(|d| self.located(d)),
        }
    }

    fn valid(&mut self, v: Spanned<RawValid>) -> Option<Located<Valid>> {
        let span = self.span(&v.referenced);
        let raw = v.value;
        let had_error_before = self.problems.len();
        let valid = Valid {
            at: self.date(raw.at, "valid.at").map(|d| d.value),
            from: self.date(raw.from, "valid.from").map(|d| d.value),
            to: self.date(raw.to, "valid.to").map(|d| d.value),
        };
        if self.problems.len() > had_error_before {
            return None;
        }
        if valid.at.is_some() && (valid.from.is_some() || valid.to.is_some()) {
            self.problems.push(
                Problem::new(
                    ProblemKind::InvalidDate,
                    span,
                    "`valid` has `at` together with `from`/`to`",
                )
                .with_help("use either `at`, or `from` and/or `to`"),
            );
            return None;
        }
        if let (Some(from), Some(to)) = (valid.from, valid.to) {
            if from.first_day() > to.last_day() {
                self.problems.push(Problem::new(
                    ProblemKind::InvalidDate,
                    span,
                    format!("`valid` ends ({to}) before it starts ({from})"),
                ));
                return None;
            }
        }
        Some(Located::new(valid, span))
    }

    fn suppression(&mut self, s: Spanned<RawSuppress>) -> Option<Suppression> {
        let span = self.span(&s.referenced);
        let s = s.value;
        let Some(reason) = s.reason.filter(|r| !r.trim().is_empty()) else {
            self.problems.push(
                Problem::new(
                    ProblemKind::InvalidFile,
                    span,
                    "suppression without a `reason`",
                )
                .with_help("say why this finding is accepted: `reason: …`"),
            );
            return None;
        };
        Some(Suppression {
            check: self.located(s.check),
            claim: s.claim.map(|c| self.located(c)),
            reason,
            expires: self.date(s.expires, "expires"),
            span,
        })
    }

    fn claim(&mut self, c: Spanned<RawClaim>) -> Option<Claim> {
        let span = self.span(&c.referenced);
        let c = c.value;
        let problems_before = self.problems.len();
        let said = self.date(c.said, "said");
        let valid = c.valid.and_then(|v| self.valid(v));
        let object = c.object.and_then(|o| {
            let ospan = self.span(&o.referenced);
            let value = match o.value {
                RawObject::Name(n) => ObjectValue::Name(n),
                RawObject::Number(n) => ObjectValue::Number(n, None),
                RawObject::Tagged(m) => {
                    let count = [m.entity.is_some(), m.concept.is_some(), m.literal.is_some(), m.number.is_some(), m.date.is_some()]
                        .iter()
                        .filter(|b| **b)
                        .count();
                    if count != 1 {
                        self.problems.push(
                            Problem::new(ProblemKind::InvalidFile, ospan, "`object` mapping needs exactly one of `entity`, `concept`, `literal`, `number`, `date`"),
                        );
                        return None;
                    }
                    if let Some(e) = m.entity {
                        ObjectValue::Entity(e)
                    } else if let Some(c) = m.concept {
                        ObjectValue::Concept(c)
                    } else if let Some(l) = m.literal {
                        ObjectValue::Literal(l)
                    } else if let Some(n) = m.number {
                        ObjectValue::Number(n, m.unit)
                    } else {
                        let text = m.date.map(|d| d.0).unwrap_or_default();
                        match FuzzyDate::parse(&text) {
                            Ok(d) => ObjectValue::Date(d),
                            Err(msg) => {
                                self.problems.push(Problem::new(ProblemKind::InvalidDate, ospan, format!("invalid object date: {msg}")));
                                return None;
                            }
                        }
                    }
                }
            };
            Some(Located::new(value, ospan))
        });
        let suppress = c
            .suppress
            .into_iter()
            .filter_map(|s| self.suppression(s))
            .collect();
        let speaker = c.speaker.map(|s| self.located(s));
        let claim = Claim {
            id: self.located(c.id),
            span,
            source: self.located(c.source),
            attribution: c.attribution.unwrap_or(if speaker.is_some() {
                Attribution::Direct
            } else {
                Attribution::Paraphrase
            }),
            speaker,
            said,
            subject: self.located(c.subject),
            predicate: self.located(c.predicate),
            object,
            polarity: c.polarity.unwrap_or(Polarity::Affirmed),
            modality: c.modality.unwrap_or(Modality::Asserted),
            exclusive: c.exclusive,
            valid,
            quote: c.quote.map(|q| self.located(q)),
            note: c.note,
            suppress,
            origin: c.origin.unwrap_or(Origin::Written),
            confidence: c.confidence,
        };
        // A claim with a broken date or object is reported and kept out of comparisons,
        // so a typo never produces (or hides) a contradiction.
        (self.problems.len() == problems_before).then_some(claim)
    }
}
