//! A small JSON deserializer for one line of a `*.claims.jsonl` file that knows where every
//! value is: it speaks serde-saphyr's `Spanned<T>` protocol, so the raw claim-file types
//! (`raw.rs`) read JSON with the same exact spans as YAML, and every field the YAML format
//! gains works in JSON lines too.
//!
//! Strict JSON (RFC 8259): no comments, no trailing commas, no `NaN`; nesting is bounded.
//! Errors carry the byte offset they are about.

use super::convert::list;
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::fmt;

/// serde-saphyr's name for the newtype that `Spanned<T>` deserializes through.
pub(super) const SPANNED: &str = "__yaml_spanned";
/// The first key of serde-saphyr's span-aware map (a marker that it is not a user's map).
const SPANNED_MARKER: &str = "__serde_saphyr_private_spanned";

/// A JSON error, at a byte offset of the text when known.
#[derive(Debug)]
pub struct Error {
    /// What is wrong.
    pub message: String,
    /// A suggestion ("did you mean …").
    pub help: Option<String>,
    /// Byte offset in the text (filled in by [`from_line`] when the error came from a
    /// visitor that does not know it).
    pub at: Option<usize>,
}

impl Error {
    fn at(message: impl Into<String>, at: usize) -> Self {
        Self {
            message: message.into(),
            help: None,
            at: Some(at),
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self {
            message: msg.to_string(),
            help: None,
            at: None,
        }
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let pool: Vec<&str> = if expected.is_empty() {
            super::raw::KEYS.to_vec()
        } else {
            expected.to_vec()
        };
        Self {
            message: format!(
                "unknown field `{field}`, expected one of {}",
                list(expected)
            ),
            help: super::convert::closest(field, &pool).map(|b| format!("did you mean `{b}`?")),
            at: None,
        }
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Self {
            message: format!(
                "unknown value `{variant}`, expected one of {}",
                list(expected)
            ),
            help: super::convert::closest(variant, expected)
                .map(|b| format!("did you mean `{b}`?")),
            at: None,
        }
    }
}

/// Where a value is: its line (1-based), the byte offset its line starts at, and the
/// line's text for counting columns in characters.
#[derive(Clone, Copy)]
struct LineInfo<'a> {
    number: u32,
    start: usize,
    text: &'a str,
    ascii: bool,
}

/// Deserializes one value from `text[start..end]` (one line; `start` is also where the
/// line starts in the file), which must be followed by nothing but white space.
#[cfg(test)]
pub fn from_line<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    start: usize,
    end: usize,
    line: u32,
    max_depth: usize,
) -> Result<T, Error> {
    from_line_at(text, start, end, line, max_depth, 0)
}

/// [`from_line`] for a `text` that starts at byte `base` of its file: the values'
/// locations are in the file (errors' `at` stay in `text`).
pub fn from_line_at<'de, T: de::Deserialize<'de>>(
    text: &'de str,
    start: usize,
    end: usize,
    line: u32,
    max_depth: usize,
    base: usize,
) -> Result<T, Error> {
    let line_text = &text[start..end];
    let mut de = Deserializer {
        text,
        bytes: text.as_bytes(),
        pos: start,
        end,
        depth: 0,
        max_depth,
        mark: start,
        line: LineInfo {
            number: line,
            start,
            text: line_text,
            ascii: line_text.is_ascii(),
        },
        base,
    };
    let value = T::deserialize(&mut de).map_err(|mut e| {
        e.at.get_or_insert(de.mark);
        e
    })?;
    de.skip_ws();
    if de.pos < de.end {
        return Err(Error::at(
            "unexpected text after the JSON value (one value per line)",
            de.pos,
        ));
    }
    Ok(value)
}

/// The 1-based column, in characters, of byte `at` of the line that starts at `start`.
pub fn column(line_text: &str, line_start: usize, at: usize) -> u32 {
    let mut i = at.saturating_sub(line_start).min(line_text.len());
    while !line_text.is_char_boundary(i) {
        i -= 1;
    }
    line_text[..i].chars().count() as u32 + 1
}

struct Deserializer<'de> {
    text: &'de str,
    bytes: &'de [u8],
    pos: usize,
    end: usize,
    depth: usize,
    max_depth: usize,
    /// Where the last key or value started: where an error from a visitor is reported.
    mark: usize,
    line: LineInfo<'de>,
    /// Where `text` starts in its file (a run of lines read on its own): added to every
    /// location.
    base: usize,
}

impl<'de> Deserializer<'de> {
    fn peek(&self) -> Option<u8> {
        (self.pos < self.end).then(|| self.bytes[self.pos])
    }

    fn skip_ws(&mut self) {
        while self.pos < self.end && matches!(self.bytes[self.pos], b' ' | b'\t' | b'\r' | b'\n') {
            self.pos += 1;
        }
    }

    /// Skips white space and returns the next byte (marking it as the current place).
    fn next_token(&mut self) -> Result<u8, Error> {
        self.skip_ws();
        self.mark = self.pos;
        self.peek().ok_or_else(|| {
            Error::at(
                "unexpected end of the line: the JSON value is cut short",
                self.pos,
            )
        })
    }

    fn unexpected(&self, expected: &str) -> Error {
        let found = match self.peek() {
            None => "the end of the line".to_string(),
            Some(_) => {
                let c = self.text[self.pos..].chars().next().unwrap_or('?');
                format!("`{c}`")
            }
        };
        Error::at(format!("expected {expected}, found {found}"), self.pos)
    }

    fn literal(&mut self, word: &str) -> Result<(), Error> {
        if self.bytes[self.pos..self.end].starts_with(word.as_bytes()) {
            self.pos += word.len();
            Ok(())
        } else {
            Err(self.unexpected("a JSON value"))
        }
    }

    fn enter(&mut self) -> Result<(), Error> {
        self.depth += 1;
        if self.depth > self.max_depth {
            return Err(Error {
                message: format!("nesting deeper than {} levels", self.max_depth),
                help: Some(
                    "nesting and size are limited so that a hostile file cannot exhaust memory or the stack; simplify the line"
                        .to_string(),
                ),
                at: Some(self.pos),
            });
        }
        Ok(())
    }

    /// Reads a string (the opening quote is next): borrowed when it has no escapes.
    fn string(&mut self) -> Result<Str<'de>, Error> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        let rest = &self.bytes[self.pos..self.end];
        // The closing quote or a backslash, then whether a control character came first.
        let stop = memchr::memchr2(b'"', b'\\', rest).unwrap_or(rest.len());
        let stop = rest[..stop].iter().position(|&b| b < 0x20).unwrap_or(stop);
        match (stop < rest.len()).then_some(stop) {
            None => Err(Error::at("unterminated string", open)),
            Some(i) => {
                self.pos += i;
                match self.bytes[self.pos] {
                    b'"' => {
                        let s = &self.text[start..self.pos];
                        self.pos += 1;
                        Ok(Str::Borrowed(s))
                    }
                    b'\\' => self.escaped_string(start, open).map(Str::Owned),
                    _ => Err(self.control_char()),
                }
            }
        }
    }

    fn control_char(&self) -> Error {
        Error::at(
            "a control character in a string; write it escaped (`\\n`, `\\t`, `\\u0000`)",
            self.pos,
        )
    }

    fn escaped_string(&mut self, start: usize, open: usize) -> Result<String, Error> {
        let mut out = String::from(&self.text[start..self.pos]);
        loop {
            let Some(b) = self.peek() else {
                return Err(Error::at("unterminated string", open));
            };
            match b {
                b'"' => {
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    let at = self.pos;
                    self.pos += 1;
                    let Some(e) = self.peek() else {
                        return Err(Error::at("unterminated string", open));
                    };
                    self.pos += 1;
                    let c = match e {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => self.unicode_escape(at)?,
                        _ => return Err(Error::at("invalid escape in a string", at)),
                    };
                    out.push(c);
                }
                b if b < 0x20 => return Err(self.control_char()),
                _ => {
                    // Copy the run up to the next quote, backslash or control character.
                    let run = self.bytes[self.pos..self.end]
                        .iter()
                        .position(|&b| b == b'"' || b == b'\\' || b < 0x20)
                        .unwrap_or(self.end - self.pos);
                    out.push_str(&self.text[self.pos..self.pos + run]);
                    self.pos += run;
                }
            }
        }
    }

    fn hex4(&mut self, at: usize) -> Result<u32, Error> {
        let digits = self
            .text
            .get(self.pos..self.pos + 4)
            .filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or_else(|| Error::at("`\\u` needs four hex digits", at))?;
        self.pos += 4;
        u32::from_str_radix(digits, 16).map_err(|_| Error::at("`\\u` needs four hex digits", at))
    }

    fn unicode_escape(&mut self, at: usize) -> Result<char, Error> {
        let first = self.hex4(at)?;
        let code = if (0xD800..0xDC00).contains(&first) {
            if !self.bytes[self.pos..self.end].starts_with(b"\\u") {
                return Err(Error::at("a lone UTF-16 surrogate in `\\u` escapes", at));
            }
            self.pos += 2;
            let second = self.hex4(at)?;
            if !(0xDC00..0xE000).contains(&second) {
                return Err(Error::at("a lone UTF-16 surrogate in `\\u` escapes", at));
            }
            0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        } else {
            first
        };
        char::from_u32(code)
            .ok_or_else(|| Error::at("a lone UTF-16 surrogate in `\\u` escapes", at))
    }

    /// Reads a number and hands it to the visitor as an integer when it is one.
    fn number<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Error> {
        let start = self.pos;
        let b = &self.bytes[..self.end];
        let mut i = self.pos;
        if b.get(i) == Some(&b'-') {
            i += 1;
        }
        let digits = |i: &mut usize| {
            let from = *i;
            while b.get(*i).is_some_and(u8::is_ascii_digit) {
                *i += 1;
            }
            *i - from
        };
        let int_start = i;
        let int_digits = digits(&mut i);
        let bad = || Error::at("invalid number", start);
        if int_digits == 0 || (int_digits > 1 && b[int_start] == b'0') {
            return Err(bad());
        }
        let mut float = false;
        if b.get(i) == Some(&b'.') {
            i += 1;
            if digits(&mut i) == 0 {
                return Err(bad());
            }
            float = true;
        }
        if matches!(b.get(i), Some(b'e' | b'E')) {
            i += 1;
            if matches!(b.get(i), Some(b'+' | b'-')) {
                i += 1;
            }
            if digits(&mut i) == 0 {
                return Err(bad());
            }
            float = true;
        }
        self.pos = i;
        let s = &self.text[start..i];
        if !float {
            if let Ok(n) = s.parse::<u64>() {
                return visitor.visit_u64(n);
            }
            if let Ok(n) = s.parse::<i64>() {
                return visitor.visit_i64(n);
            }
        }
        match s.parse::<f64>() {
            Ok(f) if f.is_finite() => visitor.visit_f64(f),
            _ => Err(Error::at(format!("`{s}` is not a finite number"), start)),
        }
    }

    /// Skips one value without building anything.
    fn skip_value(&mut self) -> Result<(), Error> {
        match self.next_token()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                self.enter()?;
                let close = if self.bytes[self.pos] == b'{' {
                    b'}'
                } else {
                    b']'
                };
                self.pos += 1;
                let object = close == b'}';
                let mut first = true;
                loop {
                    let t = self.next_token()?;
                    if t == close {
                        self.pos += 1;
                        break;
                    }
                    if !first {
                        if t != b',' {
                            return Err(self.unexpected("`,` or the end of the list or object"));
                        }
                        self.pos += 1;
                    }
                    first = false;
                    if object {
                        if self.next_token()? != b'"' {
                            return Err(self.unexpected("a key in double quotes"));
                        }
                        self.string()?;
                        if self.next_token()? != b':' {
                            return Err(self.unexpected("`:`"));
                        }
                        self.pos += 1;
                    }
                    self.skip_value()?;
                }
                self.depth -= 1;
                Ok(())
            }
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.literal("null"),
            b'-' | b'0'..=b'9' => self.number(de::IgnoredAny).map(drop),
            _ => Err(self.unexpected("a JSON value")),
        }
    }

    /// The location of the bytes `start..end` for serde-saphyr's `Location`.
    fn location(&self, start: usize, end: usize) -> Loc {
        let column = if self.line.ascii {
            (start - self.line.start) as u32 + 1
        } else {
            column(self.line.text, self.line.start, start)
        };
        Loc {
            line: self.line.number,
            column,
            start: (start + self.base) as u64,
            len: (end - start) as u64,
        }
    }
}

enum Str<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> de::Deserializer<'de> for &mut Deserializer<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.next_token()? {
            b'"' => match self.string()? {
                Str::Borrowed(s) => visitor.visit_borrowed_str(s),
                Str::Owned(s) => visitor.visit_string(s),
            },
            b'{' => {
                self.enter()?;
                let open = self.pos;
                self.pos += 1;
                let value = visitor.visit_map(Map {
                    de: &mut *self,
                    open,
                    first: true,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            b'[' => {
                self.enter()?;
                self.pos += 1;
                let value = visitor.visit_seq(Seq {
                    de: &mut *self,
                    first: true,
                })?;
                self.depth -= 1;
                Ok(value)
            }
            b't' => {
                self.literal("true")?;
                visitor.visit_bool(true)
            }
            b'f' => {
                self.literal("false")?;
                visitor.visit_bool(false)
            }
            b'n' => {
                self.literal("null")?;
                visitor.visit_unit()
            }
            b'-' | b'0'..=b'9' => self.number(visitor),
            _ => Err(self.unexpected("a JSON value")),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.next_token()? == b'n' {
            self.literal("null")?;
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        if name == SPANNED {
            self.next_token()?;
            let start = self.pos;
            visitor.visit_newtype_struct(SpannedDe { de: self, start })
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        if self.next_token()? != b'"' {
            return Err(self.unexpected("a value in double quotes"));
        }
        match self.string()? {
            Str::Borrowed(s) => visitor.visit_enum(s.into_deserializer()),
            Str::Owned(s) => visitor.visit_enum(s.into_deserializer()),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.skip_value()?;
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Map<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    /// Where the object starts: a missing field is reported there.
    open: usize,
    first: bool,
}

impl<'de> MapAccess<'de> for Map<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let mut t = self.de.next_token()?;
        if t == b'}' {
            self.de.pos += 1;
            self.de.mark = self.open;
            return Ok(None);
        }
        if !self.first {
            if t != b',' {
                return Err(self.de.unexpected("`,` or `}`"));
            }
            self.de.pos += 1;
            t = self.de.next_token()?;
        }
        self.first = false;
        if t != b'"' {
            return Err(self.de.unexpected("a key in double quotes"));
        }
        seed.deserialize(&mut *self.de).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        if self.de.next_token()? != b':' {
            return Err(self.de.unexpected("`:`"));
        }
        self.de.pos += 1;
        seed.deserialize(&mut *self.de)
    }
}

struct Seq<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    first: bool,
}

impl<'de> SeqAccess<'de> for Seq<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        let t = self.de.next_token()?;
        if t == b']' {
            self.de.pos += 1;
            return Ok(None);
        }
        if !self.first {
            if t != b',' {
                return Err(self.de.unexpected("`,` or `]`"));
            }
            self.de.pos += 1;
        }
        self.first = false;
        seed.deserialize(&mut *self.de).map(Some)
    }
}

/// A place for serde-saphyr's `Location` (line, column in characters, byte range).
#[derive(Clone, Copy)]
pub(super) struct Loc {
    pub(super) line: u32,
    pub(super) column: u32,
    pub(super) start: u64,
    pub(super) len: u64,
}

/// The keys of serde-saphyr's span-aware map, in order, one per call.
pub(super) fn spanned_key<'de, K: DeserializeSeed<'de>>(
    state: &mut u8,
    seed: K,
) -> Result<Option<K::Value>, Error> {
    let key = match *state {
        0 => SPANNED_MARKER,
        1 => "value",
        2 => "referenced",
        3 => "defined",
        _ => return Ok(None),
    };
    *state += 1;
    seed.deserialize(key.into_deserializer()).map(Some)
}

/// serde-saphyr's `Location` at `loc`, for the `referenced` and `defined` keys.
pub(super) fn location<'de>(loc: Loc) -> impl de::Deserializer<'de, Error = Error> {
    Fields::location(loc)
}

/// `Spanned<T>`'s view of a value: `{marker: true, value: T, referenced: Location,
/// defined: Location}`, the value read before its location so its length is known.
struct SpannedDe<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    start: usize,
}

impl<'de> de::Deserializer<'de> for SpannedDe<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(SpannedMap {
            de: self.de,
            start: self.start,
            loc: None,
            state: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedMap<'a, 'de> {
    de: &'a mut Deserializer<'de>,
    start: usize,
    loc: Option<Loc>,
    state: u8,
}

impl<'de> MapAccess<'de> for SpannedMap<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        spanned_key(&mut self.state, seed)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.state {
            1 => seed.deserialize(true.into_deserializer()),
            2 => {
                let value = seed.deserialize(&mut *self.de)?;
                // A scalar's span is its token; a list's or object's is its opening bracket,
                // as YAML gives for a collection.
                let end = match self.de.bytes[self.start] {
                    b'{' | b'[' => self.start + 1,
                    _ => self.de.pos,
                };
                self.loc = Some(self.de.location(self.start, end));
                Ok(value)
            }
            _ => {
                let loc = self
                    .loc
                    .unwrap_or_else(|| self.de.location(self.start, self.start));
                seed.deserialize(Fields::location(loc))
            }
        }
    }
}

/// A value of a synthesized map: a number, `Span`'s map, or its `(start, len)` pair.
#[derive(Clone, Copy)]
enum Field {
    Number(u64),
    Span(Loc),
    Pair(u64, u64),
}

/// serde-saphyr's `Location` (`line`, `column`, `span`) and `Span` (`offset`, `len` — here
/// in bytes too — and `byte_info`) as maps of fixed fields.
struct Fields {
    fields: [(&'static str, Field); 3],
    next: usize,
}

impl Fields {
    fn location(loc: Loc) -> Self {
        Self {
            fields: [
                ("line", Field::Number(loc.line.into())),
                ("column", Field::Number(loc.column.into())),
                ("span", Field::Span(loc)),
            ],
            next: 0,
        }
    }

    fn span(loc: Loc) -> Self {
        Self {
            fields: [
                ("offset", Field::Number(loc.start)),
                ("len", Field::Number(loc.len)),
                ("byte_info", Field::Pair(loc.start, loc.len)),
            ],
            next: 0,
        }
    }
}

impl<'de> de::Deserializer<'de> for Fields {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_map(self)
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

impl<'de> MapAccess<'de> for Fields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some((key, _)) = self.fields.get(self.next) else {
            return Ok(None);
        };
        seed.deserialize(key.into_deserializer()).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        let (_, field) = self.fields[self.next.min(2)];
        self.next += 1;
        match field {
            Field::Number(n) => seed.deserialize(n.into_deserializer()),
            Field::Span(loc) => seed.deserialize(Fields::span(loc)),
            Field::Pair(a, b) => seed.deserialize(de::value::SeqDeserializer::<_, Error>::new(
                [a, b].into_iter(),
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_saphyr::Spanned;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Item {
        id: Spanned<String>,
        n: Option<Spanned<f64>>,
        tags: Option<Vec<Spanned<String>>>,
    }

    fn parse<'a, T: de::Deserialize<'a>>(text: &'a str) -> Result<T, Error> {
        from_line(text, 0, text.len(), 1, 8)
    }

    #[test]
    fn spans_are_exact_bytes_and_character_columns() {
        let text = r#"{"tags": ["é", "b\"c"], "id": "x1", "n": -2.5e1}"#;
        let item: Item = parse(text).unwrap();
        assert_eq!(item.id.value, "x1");
        let at = text.find("\"x1\"").unwrap();
        assert_eq!(item.id.referenced.span().byte_offset(), Some(at as u64));
        assert_eq!(item.id.referenced.span().byte_len(), Some(4));
        // Columns count characters: `é` is two bytes, one column.
        assert_eq!(item.id.referenced.column(), at as u64);
        assert_eq!(item.n.unwrap().value, -25.0);
        let tags = item.tags.unwrap();
        assert_eq!(tags[1].value, "b\"c");
        assert_eq!(tags[1].referenced.line(), 1);
    }

    #[test]
    fn errors_say_where() {
        for (text, at, says) in [
            (r#"{"id": "a", "idd": 1}"#, 12, "unknown field `idd`"),
            (r#"{"id": 3}"#, 7, "invalid type"),
            (r#"{"n": 1}"#, 0, "missing field `id`"),
            (r#"{"id": "a",}"#, 11, "a key in double quotes"),
            (r#"{"id": "a"} x"#, 12, "unexpected text"),
            (r#"{"id": "a"#, 7, "unterminated string"),
            (r#"{"id": "a", "n": 01}"#, 17, "invalid number"),
            (r#"{"id": "a", "n": NaN}"#, 17, "expected a JSON value"),
            (r#"{"id": "\ud800"}"#, 8, "surrogate"),
            (r#"{"id": "a", "tags": [[]]}"#, 21, "invalid type: sequence"),
        ] {
            let err = parse::<Item>(text).unwrap_err();
            assert!(err.message.contains(says), "{text}: {}", err.message);
            assert_eq!(err.at, Some(at), "{text}: {}", err.message);
        }
        let err = parse::<Item>(r#"{"id": "a", "tag": []}"#).unwrap_err();
        assert_eq!(err.help.as_deref(), Some("did you mean `tags`?"));
    }

    #[test]
    fn ignored_values_are_checked_and_skipped() {
        #[derive(Debug, serde::Deserialize)]
        struct Skip {
            #[allow(dead_code)]
            x: de::IgnoredAny,
            y: u32,
        }
        let s: Skip = parse(r#"{"x": {"a": [1, "\u00e9", null, true]}, "y": 7}"#).unwrap();
        assert_eq!(s.y, 7);
        assert!(parse::<Skip>(r#"{"x": {"a" 1}, "y": 7}"#).is_err());
        let deep = parse::<Skip>(r#"{"x": [[[[[[[[[]]]]]]]]], "y": 7}"#).unwrap_err();
        assert!(
            deep.message.contains("nesting deeper than 8"),
            "{}",
            deep.message
        );
        assert_eq!(deep.at, Some(13));
    }
}
