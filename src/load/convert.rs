//! Parsing one claim file and converting its raw YAML items into model items.

use super::raw::{DateText, KEYS, RawClaim, RawFile, RawObject, RawSuppress, RawValid};
use super::{ClaimFile, Limits};
use crate::model::{
    Amount, Attribution, Claim, Comparison, Concept, Entity, FileId, FuzzyDate, Located, Modality,
    ObjectValue, Origin, Polarity, Problem, ProblemKind, Source, SourceMap, Span, Suppression,
    Valid,
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
    // Blank lines, comments and document markers only (an empty YAML document).
    if text.lines().all(|l| {
        let l = l.trim();
        l.is_empty() || l.starts_with('#') || l == "---" || l == "..."
    }) {
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
    let fast = super::fast_yaml::parse(text, limits);
    let raw: RawFile = match fast.map_or_else(
        || serde_saphyr::from_str_with_options(text, options(limits)),
        Ok,
    ) {
        Ok(raw) => raw,
        Err(err) => {
            problems.push(parse_problem(map, file, &err, limits));
            out.not_loaded = true;
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
        out.not_loaded = true;
        return (out, problems);
    }
    convert_items(&mut out, raw, &mut problems);
    (out, problems)
}

/// Converts the raw items of one claim file (or of some lines of a JSON-lines file) into
/// model items, appended to `out`; a claim with a broken date or object is a problem and
/// left out.
pub(super) fn convert_items(out: &mut ClaimFile, raw: RawFile, problems: &mut Vec<Problem>) {
    let mut cx = Cx {
        file: out.file,
        problems,
    };
    out.sources
        .extend(raw.sources.into_iter().map(|s| cx.source(s)));
    out.entities.extend(raw.entities.into_iter().map(|e| {
        let span = cx.span(&e.referenced);
        let e = e.value;
        Entity {
            id: cx.located(e.id),
            span,
            name: e.name,
            kind: e.kind,
            aliases: e.aliases.into_iter().map(|a| cx.located(a)).collect(),
            part_of: e.part_of.into_iter().map(|a| cx.located(a)).collect(),
        }
    }));
    out.concepts.extend(raw.concepts.into_iter().map(|c| {
        let span = cx.span(&c.referenced);
        let c = c.value;
        Concept {
            id: cx.located(c.id),
            span,
            name: c.name,
            forms: c.forms.into_iter().map(|f| cx.located(f)).collect(),
            broader: c.broader.into_iter().map(|b| cx.located(b)).collect(),
        }
    }));
    // Sized up front: `filter_map` cannot know the length, and its growth slack is a large
    // share of the claims' memory on a big corpus.
    out.claims.reserve_exact(raw.claims.len());
    out.claims.extend(
        raw.claims
            .into_iter()
            .filter_map(|c| cx.claim(c).map(Box::new)),
    );
}

pub(super) fn options(limits: &Limits) -> serde_saphyr::Options {
    let mut budget = serde_saphyr::Budget::default();
    budget.max_depth = limits.max_depth;
    // Flow collections (`[[[…]]]`) are limited by the parser itself; let one level past the
    // budget through so both styles of nesting meet the same depth error.
    budget.flow_nesting_limit = limits.max_depth.saturating_add(1);
    budget.max_nodes = limits.max_nodes;
    budget.max_events = limits.max_nodes.saturating_mul(3);
    budget.max_recorded_anchor_events = limits.max_alias_events;
    // The absolute alias limits below are the guard; the ratio heuristic would only refuse
    // honest files that reuse one anchor (`valid: *v2018`) many times.
    budget.enforce_alias_anchor_ratio = false;
    let mut alias_limits = serde_saphyr::options::AliasLimits::default();
    alias_limits.max_total_replayed_events = limits.max_alias_events;
    alias_limits.max_replay_stack_depth = limits.max_depth;
    serde_saphyr::options! {
        strict_booleans: true,
        with_snippet: false,
        budget: Some(budget),
        alias_limits: alias_limits,
    }
}

fn location_span(map: &SourceMap, file: FileId, loc: &Location) -> Span {
    let s = loc.span();
    match s.byte_offset() {
        Some(start) => {
            let len = s.byte_len().unwrap_or(0);
            let start = start as usize;
            let mut span = map.span_of(file, start..start.saturating_add(len as usize));
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
                map.get(file).text(),
                loc.line() as usize,
                loc.column() as usize,
            ) as u32,
            len: 0,
        },
        None => map.span_of(file, 0..0),
    }
}

/// The byte offset of a 1-based line and character column, clamped to the end of that line
/// (and of the text).
fn line_start(text: &str, line: usize, column: usize) -> usize {
    let start = text
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum::<usize>()
        .min(text.len());
    let rest = &text[start..];
    let line_text = rest.split('\n').next().unwrap_or("");
    let line_text = line_text.strip_suffix('\r').unwrap_or(line_text);
    start
        + line_text
            .char_indices()
            .nth(column.saturating_sub(1))
            .map_or(line_text.len(), |(i, _)| i)
}

/// Renders serde-saphyr's messages without their " at line L, column C" suffixes: the
/// finding's location already says where.
struct NoLocation;

impl serde_saphyr::Localizer for NoLocation {
    fn attach_location<'a>(
        &self,
        base: std::borrow::Cow<'a, str>,
        _loc: Location,
    ) -> std::borrow::Cow<'a, str> {
        base
    }

    fn alias_defined_at(&self, _defined: Location) -> String {
        String::new()
    }

    fn alias_used_at(&self, _used: Location) -> String {
        String::new()
    }
}

/// Help shared by every limit error.
const LIMITS_HELP: &str = "nesting, alias expansion and size are limited so that a hostile \
     file cannot exhaust memory or the stack; simplify the file or split it";

/// The error itself, without the snippet and alias wrappers around it.
fn innermost(err: &serde_saphyr::Error) -> &serde_saphyr::Error {
    let mut e = err;
    loop {
        match e {
            serde_saphyr::Error::WithSnippet { error, .. }
            | serde_saphyr::Error::AliasError { error, .. } => e = error,
            other => return other,
        }
    }
}

/// `a`, `b`, `c`
pub(super) fn list(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Turns a serde-saphyr error into a located problem with a "did you mean" where it helps.
fn parse_problem(
    map: &SourceMap,
    file: FileId,
    err: &serde_saphyr::Error,
    limits: &Limits,
) -> Problem {
    use serde_saphyr::Error as E;
    use serde_saphyr::budget::BudgetBreach as B;
    let span = err
        .location()
        .filter(|l| l.line() > 0)
        .map_or_else(|| map.span_of(file, 0..0), |l| location_span(map, file, &l));
    let problem = |message: String| Problem::new(ProblemKind::InvalidFile, span, message);
    let over = |what: String| problem(what).with_help(LIMITS_HELP);
    let aliases = || {
        over(format!(
            "aliases expand to more than {} YAML events",
            limits.max_alias_events
        ))
    };
    let depth = || over(format!("nesting deeper than {} levels", limits.max_depth));
    match innermost(err) {
        E::SerdeUnknownField {
            field, expected, ..
        } => {
            let p = problem(format!(
                "unknown field `{field}`, expected one of {}",
                list(expected)
            ));
            let pool: Vec<&str> = if expected.is_empty() {
                KEYS.to_vec()
            } else {
                expected.clone()
            };
            match closest(field, &pool) {
                Some(best) => p.with_help(format!("did you mean `{best}`?")),
                None => p,
            }
        }
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => {
            let p = problem(format!(
                "unknown value `{variant}`, expected one of {}",
                list(expected)
            ));
            match closest(variant, expected) {
                Some(best) => p.with_help(format!("did you mean `{best}`?")),
                None => p,
            }
        }
        E::DuplicateMappingKey { key, .. } => {
            let key = key.as_deref().map_or(String::new(), |k| format!(" `{k}`"));
            problem(format!("duplicate key{key} in one mapping"))
                .with_help("a key may appear once per mapping; remove or rename one of them")
        }
        E::MultipleDocuments { .. } => problem(
            "a second YAML document (after `---`); a claim file holds one document".to_string(),
        )
        .with_help("move the second document to its own claim file"),
        E::Unexpected { expected, .. } => match *expected {
            "sequence start" => problem("expected a list".to_string())
                .with_help("write a list as `- item` lines or `[a, b]`; `[]` for none"),
            "mapping start" => problem("expected a mapping".to_string())
                .with_help("write a mapping as `key: value` lines or `{key: value}`"),
            other => problem(format!("expected {other}")),
        },
        E::NonFiniteFloat { value, .. } => problem(format!("`{value}` is not a finite number")),
        E::Budget { breach, .. } => match breach {
            B::Depth { .. } => depth(),
            B::Nodes { .. } => over(format!(
                "more than {} YAML nodes (after alias expansion)",
                limits.max_nodes
            )),
            B::Events { .. } => over(format!(
                "more than {} YAML events (after alias expansion)",
                limits.max_nodes.saturating_mul(3)
            )),
            B::Aliases { aliases } => over(format!("too many aliases ({aliases})")),
            B::Anchors { anchors } => over(format!("too many anchors ({anchors})")),
            B::RecordedAnchorEvents { .. }
            | B::RecordedAnchorBytes { .. }
            | B::AliasAnchorRatio { .. } => aliases(),
            B::ScalarBytes { total_scalar_bytes } => over(format!(
                "too much text in values ({total_scalar_bytes} bytes)"
            )),
            B::Documents { documents } => over(format!("too many YAML documents ({documents})")),
            other => over(format!("over a YAML size limit: {other:?}").to_lowercase()),
        },
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => aliases(),
        inner => {
            let formatter = serde_saphyr::DefaultMessageFormatter.with_localizer(&NoLocation);
            let message = inner.render_with_formatter(&formatter);
            if message.contains("recursion limit exceeded") {
                return depth();
            }
            let message = message.trim().trim_end_matches('.');
            let p = if message.is_empty() {
                problem("invalid YAML".to_string())
            } else {
                problem(message.to_string())
            };
            let line = map
                .get(file)
                .text()
                .split('\n')
                .nth((span.line as usize).saturating_sub(1))
                .unwrap_or("");
            match quote_value_help(line, span.column as usize) {
                Some(help) => p.with_help(help),
                None => p,
            }
        }
    }
}

/// The help for a syntax error at `column` (1-based, in characters) of `line` caused by an
/// unquoted value holding `: ` or ending with `:` (`quote: He said: no comment`,
/// `{note: Update: the toll rose}`): YAML reads that colon as a second key. `None` when
/// the line is not like that.
fn quote_value_help(line: &str, column: usize) -> Option<String> {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let chars: Vec<char> = line.chars().collect();
    let at = column.checked_sub(1)?.min(chars.len());
    let before = &chars[..at];
    // The `key: value` pair the error is in: in a flow mapping, from the `{` or `,` before
    // the error to the `,` or `}` after it; in a block, the line after its indent and
    // `- ` list markers, up to a comment.
    let flow = before.iter().rposition(|&c| c == '{' || c == ',');
    let (start, end) = match flow {
        Some(open) => {
            let close = chars[at..]
                .iter()
                .position(|&c| c == ',' || c == '}')
                .map_or(chars.len(), |i| at + i);
            (open + 1, close)
        }
        None => {
            let mut start = 0;
            loop {
                while chars.get(start).is_some_and(|c| c.is_whitespace()) {
                    start += 1;
                }
                if chars.get(start) == Some(&'-')
                    && chars.get(start + 1).is_some_and(|c| c.is_whitespace())
                {
                    start += 1;
                } else {
                    break;
                }
            }
            let comment = (start + 1..chars.len())
                .find(|&i| chars[i] == '#' && chars[i - 1].is_whitespace())
                .unwrap_or(chars.len());
            (start, comment)
        }
    };
    if start > at || end < at {
        return None;
    }
    let pair = &chars[start..end];
    let lead = pair.iter().take_while(|c| c.is_whitespace()).count();
    // The key's colon, which must come before the error: the error is in the value.
    let colon = (lead..pair.len().saturating_sub(1))
        .find(|&i| pair[i] == ':' && pair[i + 1].is_whitespace())
        .filter(|&i| start + i < at)?;
    let key: String = pair[lead..colon].iter().collect();
    let value: String = pair[colon + 1..].iter().collect();
    let value = value.trim();
    let plain_key = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_');
    // A value that starts like a quoted, flow, block, anchor, alias or tagged one is not
    // a plain value.
    let special = [
        '"', '\'', '{', '[', '|', '>', '&', '*', '!', '%', '@', '`', '#',
    ];
    if !plain_key || value.is_empty() || value.starts_with(special) {
        return None;
    }
    let what = if value.contains(": ") || value.contains(":\t") {
        "contain `: `"
    } else if value.ends_with(':') {
        "end with `:`"
    } else {
        return None;
    };
    let quoted = if value.contains('"') && !value.contains('\'') {
        format!("'{value}'")
    } else {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    };
    Some(format!(
        "a plain value cannot {what}; put it in quotes: `{key}: {quoted}`"
    ))
}

/// The closest of `candidates` to `word`, if it is close enough to suggest ("did you
/// mean"). Names are compared lowercased and without separators (`-`, `_`, `.`, spaces),
/// and a candidate is close when
///
/// 1. it is the same name in another case or with other separators (`ended_over`,
///    `Ended-Over`), or
/// 2. it is at most one typo (a letter inserted, deleted, replaced, or two neighbours
///    swapped: the optimal-string-alignment Damerau–Levenshtein distance) per four letters
///    of the longer name away, i.e. a normalised similarity of at least `MIN_SIMILARITY`
///    (0.75): one typo when the longer name has four letters or more, two from eight,
///    three from twelve (`frends-with` → `friends-with`, `leg-wset` → `leg-west`,
///    `fro` → `from`), or
/// 3. the shorter name, at least `MIN_PART` (4) letters long, is whole words of the longer
///    one (`friends` → `friends-with`, `ended` → `ended-because-of`) or the first half or
///    more of it (`friend` → `friends-with`).
///
/// Jaro–Winkler, used before, rewards a shared first letter and letters in roughly the
/// same places so much that `fired` scored 0.85 against `friends` (three edits in seven
/// letters); edits per letter do not. Between close candidates the first rule wins, then
/// the second, then the third; within a rule the more similar, then the first in
/// alphabetical order.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = Name::new(word);
    if word.flat.is_empty() {
        return None;
    }
    candidates
        .iter()
        .filter_map(|c| {
            let rank = word.closeness(&Name::new(c))?;
            Some((rank, *c))
        })
        .min_by(|(a, an), (b, bn)| {
            a.0.cmp(&b.0)
                .then_with(|| b.1.total_cmp(&a.1))
                .then_with(|| an.cmp(bn))
        })
        .map(|(_, c)| c)
}

/// The least normalised similarity (1 − edits / letters of the longer name) of a typo
/// worth suggesting: one edit per four letters. `fired`/`friends` is 0.57, `person`/
/// `prison` 0.67, `s9`/`s1` 0.5; `sourse`/`source` 0.83, `fro`/`from` 0.75.
const MIN_SIMILARITY: f64 = 0.75;

/// The fewest letters a name must have to be suggested for being part of another: shorter
/// words (`in`, `of`, `on`) are parts of too many names to mean anything.
const MIN_PART: usize = 4;

/// A name prepared for [`closest`]: as written, and lowercased without separators.
struct Name<'a> {
    raw: &'a str,
    flat: String,
}

impl<'a> Name<'a> {
    fn new(raw: &'a str) -> Self {
        let flat = raw
            .chars()
            .filter(|&c| !is_separator(c))
            .flat_map(char::to_lowercase)
            .collect();
        Self { raw, flat }
    }

    /// The words, lowercased (only needed for the third rule, so made on demand).
    fn words(&self) -> Vec<String> {
        self.raw
            .split(is_separator)
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }

    /// Which rule of [`closest`] makes `other` close (0, 1 or 2) and how similar the two
    /// are, or `None` when it is not close.
    fn closeness(&self, other: &Self) -> Option<(u8, f64)> {
        let (a, b) = (&self.flat, &other.flat);
        if b.is_empty() {
            return None;
        }
        if a == b {
            return Some((0, 1.0));
        }
        let (la, lb) = (a.chars().count(), b.chars().count());
        let longest = la.max(lb);
        let similarity = |edits: usize| 1.0 - edits as f64 / longest as f64;
        // A length difference is at least that many edits: skip the distance when it alone
        // is too many.
        if similarity(la.abs_diff(lb)) >= MIN_SIMILARITY {
            let s = similarity(strsim::osa_distance(a, b));
            if s >= MIN_SIMILARITY {
                return Some((1, s));
            }
        }
        let (short, long) = if la <= lb {
            (self, other)
        } else {
            (other, self)
        };
        let short_len = la.min(lb);
        // Both ways of being part of the other need its letters in it.
        if short_len < MIN_PART || !long.flat.contains(&short.flat) {
            return None;
        }
        let first_half = long.flat.starts_with(&short.flat) && short_len * 2 >= longest;
        let whole_words = || {
            let (short, long) = (short.words(), long.words());
            long.windows(short.len()).any(|w| w == short.as_slice())
        };
        (first_half || whole_words()).then(|| (2, similarity(longest - short_len)))
    }
}

/// The separators [`closest`] ignores.
fn is_separator(c: char) -> bool {
    matches!(c, '-' | '_' | '.') || c.is_whitespace()
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
            before: self.date(raw.before, "valid.before").map(|d| d.value),
            after: self.date(raw.after, "valid.after").map(|d| d.value),
        };
        if self.problems.len() > had_error_before {
            return None;
        }
        let forms = [
            valid.at.is_some(),
            valid.from.is_some() || valid.to.is_some(),
            valid.before.is_some() || valid.after.is_some(),
        ];
        if forms.iter().filter(|f| **f).count() > 1 {
            self.problems.push(
                Problem::new(
                    ProblemKind::InvalidDate,
                    span,
                    "`valid` mixes `at`, `from`/`to` and `before`/`after`",
                )
                .with_help("use one form: `at`; or `from` and/or `to`; or `before` and/or `after` (at some unstated time in between)"),
            );
            return None;
        }
        if let (Some(after), Some(before)) = (valid.after, valid.before)
            && after.first_minute() >= before.last_minute()
        {
            self.problems.push(Problem::new(
                ProblemKind::InvalidDate,
                span,
                format!(
                    "`valid` is after {after} and before {before}: no time is left between them"
                ),
            ));
            return None;
        }
        if let (Some(from), Some(to)) = (valid.from, valid.to)
            && from.first_minute() > to.last_minute()
        {
            self.problems.push(Problem::new(
                ProblemKind::InvalidDate,
                span,
                format!("`valid` ends ({to}) before it starts ({from})"),
            ));
            return None;
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
                RawObject::Tagged(m) => match object_map(*m) {
                    Ok(v) => v,
                    Err((kind, message, help)) => {
                        let mut p = Problem::new(kind, ospan, message);
                        if let Some(h) = help {
                            p = p.with_help(h);
                        }
                        self.problems.push(p);
                        return None;
                    }
                },
            };
            Some(Located::new(value, ospan))
        });
        let scope = c.scope.map(|s| {
            s.value
                .into_iter()
                .map(|(k, v)| (k, v.0))
                .collect::<Vec<_>>()
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
            via: c.via.into_iter().map(|v| self.located(v)).collect(),
            scope: scope.unwrap_or_default().into(),
            retracts: c.retracts.map(|r| Box::new(self.located(r))),
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
            suggested: false,
        };
        // A claim with a broken date or object is reported and kept out of comparisons,
        // so a typo never produces (or hides) a contradiction.
        (self.problems.len() == problems_before).then_some(claim)
    }
}

/// What an object mapping failed on: kind, message, help.
type ObjectError = (ProblemKind, String, Option<String>);

/// Turns an object mapping into its value, checking that its keys make one form.
fn object_map(m: super::raw::RawObjectMap) -> Result<ObjectValue, ObjectError> {
    let invalid = |message: String, help: Option<&str>| {
        Err((ProblemKind::InvalidFile, message, help.map(str::to_string)))
    };
    let figure = m.number.is_some() || m.min.is_some() || m.max.is_some() || m.about.is_some();
    let relative = m.more_than.is_some() || m.less_than.is_some() || m.change.is_some();
    let forms = [
        m.entity.is_some(),
        m.concept.is_some(),
        m.literal.is_some(),
        m.date.is_some(),
        figure,
        m.rank.is_some(),
        relative,
    ];
    if forms.iter().filter(|f| **f).count() != 1 {
        return invalid(
            "`object` mapping needs exactly one form: `entity`, `concept`, `literal`, `date`, a figure (`number`, `min`/`max`, `about`), a record (`rank` + `among`) or a relative figure (`more-than`, `less-than`, `change` + `from`)".into(),
            None,
        );
    }
    let finite = |what: &str, v: f64| -> Result<f64, ObjectError> {
        if v.is_finite() {
            Ok(v)
        } else {
            Err((
                ProblemKind::InvalidFile,
                format!("`{what}` must be a finite number"),
                None,
            ))
        }
    };
    if let Some(e) = m.entity {
        return Ok(ObjectValue::Entity(e));
    }
    if let Some(c) = m.concept {
        return Ok(ObjectValue::Concept(c));
    }
    if let Some(l) = m.literal {
        return Ok(ObjectValue::Literal(l));
    }
    if let Some(d) = m.date {
        return FuzzyDate::parse(&d.0)
            .map(ObjectValue::Date)
            .map_err(|msg| {
                (
                    ProblemKind::InvalidDate,
                    format!("invalid object date: {msg}"),
                    None,
                )
            });
    }
    if figure {
        let amount = match (m.number, m.min, m.max, m.about) {
            (Some(n), None, None, None) => {
                return Ok(ObjectValue::Number(finite("number", n)?, m.unit));
            }
            (None, Some(a), None, None) => Amount::AtLeast(finite("min", a)?),
            (None, None, Some(b), None) => Amount::AtMost(finite("max", b)?),
            (None, Some(a), Some(b), None) => {
                let (a, b) = (finite("min", a)?, finite("max", b)?);
                if a > b {
                    return invalid(
                        format!("`min: {a}` is larger than `max: {b}`"),
                        Some("a range is written `{min: LOW, max: HIGH}`"),
                    );
                }
                Amount::Between(a, b)
            }
            (None, None, None, Some(n)) => {
                if finite("about", n)? == 0.0 {
                    return invalid(
                        "`about: 0` is not an approximate figure".into(),
                        Some("write `number: 0` for none, or `max: N` for \"at most N\""),
                    );
                }
                Amount::About(n)
            }
            _ => {
                return invalid(
                    "a figure is one of `number`, `min`, `max`, `min` with `max`, or `about`"
                        .into(),
                    Some(
                        "\"at least 500\" is `{min: 500}`; \"100 to 300\" is `{min: 100, max: 300}`; \"nearly 500\" is `{about: 500}`",
                    ),
                );
            }
        };
        return Ok(ObjectValue::Amount(amount, m.unit));
    }
    if m.unit.is_some() || (m.from.is_some() && m.change.is_none()) {
        return invalid(
            "`unit` goes with a figure and `from` with `change`".into(),
            None,
        );
    }
    if let Some(rank) = m.rank {
        let Some(among) = m.among else {
            return invalid(
                "`rank` needs `among`: the class it is ranked in".into(),
                Some(
                    "\"the largest inauguration audience ever\" is `{rank: 1, among: inaugurations}`",
                ),
            );
        };
        if rank == 0 {
            return invalid("`rank` starts at 1 (the largest)".into(), None);
        }
        return Ok(ObjectValue::Rank { rank, among });
    }
    if m.among.is_some() {
        return invalid("`among` goes with `rank`".into(), None);
    }
    let (relation, to) = match (m.more_than, m.less_than, m.change) {
        (Some(to), None, None) => (Comparison::MoreThan, to),
        (None, Some(to), None) => (Comparison::LessThan, to),
        (None, None, Some(change)) => {
            let Some(from) = m.from else {
                return invalid(
                    "`change` needs `from`: the entity or claim it is measured against".into(),
                    Some("\"down 18% from 2009\" is `{change: -18%, from: inauguration-2009}`"),
                );
            };
            let text = change.0.trim().to_string();
            let value = match text.strip_suffix('%') {
                Some(p) => p.trim().parse::<f64>().map(|v| v / 100.0),
                None => text.parse::<f64>(),
            };
            match value {
                Ok(v) if v.is_finite() && v > -1.0 => (Comparison::Change(v), from),
                _ => {
                    return invalid(
                        format!(
                            "`change: {text}` is not a change: write a percentage above -100%, like `-18%`"
                        ),
                        None,
                    );
                }
            }
        }
        _ => {
            return invalid(
                "a relative figure is one of `more-than`, `less-than` or `change` (with `from`)"
                    .into(),
                None,
            );
        }
    };
    Ok(ObjectValue::Relative { relation, to })
}

#[cfg(test)]
mod tests {
    use super::{closest, quote_value_help};

    const PREDICATES: &[&str] = &[
        "age",
        "born-in",
        "close-to",
        "did",
        "died-on",
        "ended-because-of",
        "friends",
        "friends-with",
        "lives-in",
    ];

    #[test]
    fn suggests_only_close_names() {
        for (word, want) in [
            ("fired", None),
            ("frends-with", Some("friends-with")),
            ("freinds-with", Some("friends-with")),
            ("Friends_With", Some("friends-with")),
            ("friendswith", Some("friends-with")),
            ("friend", Some("friends")),
            ("ended", Some("ended-because-of")),
            ("because-of", Some("ended-because-of")),
            ("lives", Some("lives-in")),
            ("liv", None),
            ("agee", Some("age")),
            ("xyz", None),
            ("", None),
        ] {
            assert_eq!(closest(word, PREDICATES), want, "{word}");
        }
    }

    #[test]
    fn suggests_ids_with_a_typo() {
        let ids = ["leg-east", "leg-west", "leg-north", "ann-lee", "s1", "s2"];
        for (word, want) in [
            ("leg-wset", Some("leg-west")),
            ("leg-wst", Some("leg-west")),
            ("leg_West", Some("leg-west")),
            ("ann-le", Some("ann-lee")),
            // One letter of two is too much of the name to guess at.
            ("s9", None),
        ] {
            assert_eq!(closest(word, &ids), want, "{word}");
        }
    }

    #[test]
    fn same_name_in_another_case_or_separator_wins() {
        assert_eq!(
            closest("ended_over", &["ended-ove", "ended-over"]),
            Some("ended-over")
        );
    }

    #[test]
    fn a_colon_in_a_plain_value_gets_a_help_to_quote_it() {
        let help = |line: &str, column: usize| quote_value_help(line, column);
        assert_eq!(
            help("    quote: He said: no comment", 19).as_deref(),
            Some(
                "a plain value cannot contain `: `; put it in quotes: `quote: \"He said: no comment\"`"
            )
        );
        assert_eq!(
            help("  - note: Update: the toll rose  # from the wire\r", 17).as_deref(),
            Some(
                "a plain value cannot contain `: `; put it in quotes: `note: \"Update: the toll rose\"`"
            )
        );
        assert_eq!(
            help("    note: Update:", 17).as_deref(),
            Some("a plain value cannot end with `:`; put it in quotes: `note: \"Update:\"`")
        );
        assert_eq!(
            help("  - {id: a, note: He said: no}", 26).as_deref(),
            Some("a plain value cannot contain `: `; put it in quotes: `note: \"He said: no\"`")
        );
        // Double quotes in the value: single quotes around it.
        assert_eq!(
            help(r#"    quote: He said: "no""#, 19).as_deref(),
            Some(
                r#"a plain value cannot contain `: `; put it in quotes: `quote: 'He said: "no"'`"#
            )
        );
        // Other errors on lines without such a value.
        for (line, column) in [
            ("     source: a", 12),
            ("    quote: \"He said: no", 11),
            ("    note: |", 11),
            ("    object: {number: 3, unit: kg", 33),
            ("  - {id: a, note: Yes, he said: no}", 31),
            ("", 1),
            ("    note: a: b", 0),
        ] {
            assert_eq!(help(line, column), None, "{line:?} {column}");
        }
    }
}
