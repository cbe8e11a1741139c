//! A fast path for the YAML claim files people and programs usually write: block mappings
//! and sequences indented with spaces, one-line flow collections (`{id: a, valid: {at:
//! 2020}}`), one-line plain and quoted scalars, plain folded and literal block scalars
//! (`note: >-` followed by lines of text), comments. It builds a small tree in one
//! pass over the text and hands it to the same raw types (`raw.rs`, serde) through
//! serde-saphyr's `Spanned` protocol, with the very spans serde-saphyr gives.
//!
//! Anything else — anchors, aliases, tags, block scalars with more-indented lines, a `+`
//! or an indentation digit, other multi-line scalars or flow
//! collections, empty values, special plain scalars (`~`, `yes`, `0x1F`, `.inf`, `007`),
//! duplicate keys, a second document, tabs, any error at all — makes it give up
//! (`None`), and the file is parsed by serde-saphyr as before, which also gives every
//! error its message. So it only ever speeds up files serde-saphyr reads the same way
//! (the tests compare both on every claim file of the repository and on mutations of
//! them).

use super::json::{Error, Loc};
use super::raw::RawFile;
use super::{Limits, json};
use serde::de::{self, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use std::borrow::Cow;

/// Parses a claim file, or `None` when it is not in the subset (or does not convert).
pub fn parse(text: &str, limits: &Limits) -> Option<RawFile> {
    let mut p = Parser {
        text,
        b: text.as_bytes(),
        pos: 0,
        line: 1,
        line_start: 0,
        nodes: 0,
        max_nodes: limits.max_nodes / 4,
        max_depth: limits.max_depth.saturating_sub(2),
        depth: 0,
    };
    let root = p.document()?;
    de::Deserialize::deserialize(&root).ok()
}

struct Node<'a> {
    loc: Loc,
    v: V<'a>,
}

enum V<'a> {
    Map(Vec<(Node<'a>, Node<'a>)>),
    Seq(Vec<Node<'a>>),
    Plain(&'a str),
    Quoted(Cow<'a, str>),
}

struct Parser<'a> {
    text: &'a str,
    b: &'a [u8],
    pos: usize,
    line: u32,
    line_start: usize,
    nodes: usize,
    max_nodes: usize,
    max_depth: usize,
    depth: usize,
}

fn is_key_byte(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_' || c == b'-'
}

impl<'a> Parser<'a> {
    fn at(&self, i: usize) -> u8 {
        self.b.get(i).copied().unwrap_or(b'\n')
    }

    fn cur(&self) -> u8 {
        self.at(self.pos)
    }

    fn loc(&self, start: usize, len: usize) -> Loc {
        let prefix = &self.text[self.line_start..start];
        let column = if prefix.is_ascii() {
            prefix.len()
        } else {
            prefix.chars().count()
        } as u32
            + 1;
        Loc {
            line: self.line,
            column,
            start: start as u64,
            len: len as u64,
        }
    }

    fn count(&mut self) -> Option<()> {
        self.nodes += 1;
        (self.nodes <= self.max_nodes).then_some(())
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= self.max_depth).then_some(())
    }

    /// The end of the current line (before `\r\n` or `\n`).
    fn line_end(&self) -> usize {
        let end = memchr::memchr(b'\n', &self.b[self.pos..]).map_or(self.b.len(), |i| self.pos + i);
        if end > 0 && self.b.get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        }
    }

    /// Moves to the start of the next line.
    fn next_line(&mut self) {
        match memchr::memchr(b'\n', &self.b[self.pos..]) {
            Some(i) => {
                self.pos += i + 1;
                self.line += 1;
                self.line_start = self.pos;
            }
            None => self.pos = self.b.len(),
        }
    }

    /// Skips spaces, then requires the end of the line (or a comment) and moves past it.
    fn end_of_line(&mut self) -> Option<()> {
        while self.cur() == b' ' {
            self.pos += 1;
        }
        match self.cur() {
            b'\n' | b'#' => {}
            b'\r' if self.at(self.pos + 1) == b'\n' => {}
            _ => return None,
        }
        self.next_line();
        Some(())
    }

    /// From a line start: skips blank and comment lines; returns the indentation of the
    /// next content line (pos at its first character), `None` at the end of the text.
    /// Gives up (`Err`) on tabs and document markers.
    fn content_line(&mut self) -> Result<Option<usize>, ()> {
        // Already at the content of a line (a second look).
        if self.pos != self.line_start && self.pos < self.b.len() {
            return Ok(Some(self.pos - self.line_start));
        }
        loop {
            if self.pos >= self.b.len() {
                return Ok(None);
            }
            let start = self.pos;
            if self.b[start..].starts_with(b"---") || self.b[start..].starts_with(b"...") {
                return Err(());
            }
            let mut i = start;
            while self.at(i) == b' ' {
                i += 1;
            }
            match self.at(i) {
                b'\n' | b'#' => {}
                b'\r' if self.at(i + 1) == b'\n' => {}
                b'\t' | b'%' | b'\r' => return Err(()),
                _ => {
                    self.pos = i;
                    return Ok(Some(i - start));
                }
            }
            self.next_line();
        }
    }

    fn document(&mut self) -> Option<Node<'a>> {
        // Blank and comment lines, and one `---` line, before the content.
        let mut marker = false;
        loop {
            if self.pos >= self.b.len() {
                return None;
            }
            let end = self.line_end();
            let line = self.text[self.pos..end].trim_end_matches(' ');
            if line == "---" && !marker {
                marker = true;
            } else if !(line.trim_start().is_empty() || line.trim_start().starts_with('#')) {
                break;
            }
            self.next_line();
        }
        let indent = self.content_line().ok()??;
        if indent != 0 || self.dash_item() {
            return None;
        }
        let root = self.block_map(0)?;
        // The whole text was read.
        (self.content_line().ok()?.is_none()).then_some(root)
    }

    /// Whether the current position is a block sequence entry (`- ` or `-` at the end).
    fn dash_item(&self) -> bool {
        self.cur() == b'-' && matches!(self.at(self.pos + 1), b' ' | b'\n' | b'\r')
    }

    /// A plain key and its `:` (the position is at the key); `None` if it is not one.
    fn plain_key(&mut self) -> Option<Node<'a>> {
        let start = self.pos;
        let mut i = start;
        while is_key_byte(self.at(i)) {
            i += 1;
        }
        if i == start || i - start > 1000 || self.at(i) != b':' {
            return None;
        }
        if !matches!(self.at(i + 1), b' ' | b'\n' | b'\r') {
            return None;
        }
        self.count()?;
        let key = Node {
            loc: self.loc(start, i - start),
            v: V::Plain(&self.text[start..i]),
        };
        self.pos = i + 1;
        while self.cur() == b' ' {
            self.pos += 1;
        }
        Some(key)
    }

    /// A block mapping whose keys are at column `indent` (the position is at its first key).
    fn block_map(&mut self, indent: usize) -> Option<Node<'a>> {
        self.enter()?;
        self.count()?;
        let loc = self.loc(self.pos, 0);
        let mut entries: Vec<(Node<'a>, Node<'a>)> = Vec::new();
        loop {
            let key = self.plain_key()?;
            let V::Plain(k) = key.v else { return None };
            if entries
                .iter()
                .any(|(e, _)| matches!(e.v, V::Plain(x) if x == k))
            {
                return None;
            }
            let value = self.block_value(indent)?;
            entries.push((key, value));
            match self.content_line().ok()? {
                None => break,
                Some(i) if i < indent => break,
                Some(i) if i == indent && !self.dash_item() => continue,
                Some(_) => return None,
            }
        }
        self.depth -= 1;
        Some(Node {
            loc,
            v: V::Map(entries),
        })
    }

    /// The value after `key: ` of a mapping at `indent`; ends at the start of a line.
    fn block_value(&mut self, indent: usize) -> Option<Node<'a>> {
        match self.cur() {
            b'\n' | b'#' | b'\r' => {
                self.end_of_line()?;
                let i = self.content_line().ok()??;
                if i > indent {
                    if self.dash_item() {
                        self.block_seq(i, false)
                    } else {
                        self.block_map(i)
                    }
                } else if i == indent && self.dash_item() {
                    self.block_seq(i, true)
                } else {
                    None
                }
            }
            b'>' | b'|' => self.block_scalar(indent),
            _ => {
                let node = self.inline_value()?;
                self.end_of_line()?;
                // A more indented line next would continue a plain scalar: not handled.
                match self.content_line().ok()? {
                    Some(i) if i > indent => None,
                    _ => Some(node),
                }
            }
        }
    }

    /// A block scalar (`>` folded or `|` literal, with `-` to strip the final line break)
    /// of a value at `indent`: plain lines at one indentation, blank lines between them.
    /// More-indented lines, leading blank lines, trailing spaces, tabs, `+` and an
    /// indentation digit give up. Ends at the start of the line after it.
    fn block_scalar(&mut self, indent: usize) -> Option<Node<'a>> {
        self.count()?;
        let start = self.pos;
        let folded = self.cur() == b'>';
        self.pos += 1;
        let strip = match self.cur() {
            b'-' => {
                self.pos += 1;
                true
            }
            b'+' | b'0'..=b'9' => return None,
            _ => false,
        };
        let _ = start;
        self.end_of_line()?;
        // Where serde-saphyr puts the scalar: from its first character to the next token.
        let mut first: Option<Loc> = None;
        let mut lines: Vec<&'a str> = Vec::new();
        let mut content: Option<usize> = None;
        while self.pos < self.b.len() {
            let end = self.line_end();
            let line = &self.text[self.pos..end];
            if line.contains(['\t', '\r']) {
                return None;
            }
            let spaces = line.len() - line.trim_start_matches(' ').len();
            if spaces == line.len() {
                // A blank line: inside the scalar, or after it (dropped below).
                match content {
                    Some(c) if spaces <= c => lines.push(""),
                    _ => return None,
                }
                self.next_line();
                continue;
            }
            match content {
                None if spaces > indent => {
                    content = Some(spaces);
                    first = Some(self.loc(self.pos + spaces, 0));
                }
                None => return None,
                Some(c) if spaces < c => break,
                Some(c) if spaces > c => return None,
                Some(_) => {}
            }
            let text = &line[spaces..];
            if text.ends_with(' ') {
                return None;
            }
            lines.push(text);
            self.next_line();
        }
        while lines.last() == Some(&"") {
            lines.pop();
        }
        let mut loc = first?;
        // The next token: the first character of the next line that is not blank (a
        // comment there gives up: where its span ends is not worth guessing).
        let mut next = self.pos;
        while next < self.b.len() && self.b[next] == b' ' {
            next += 1;
        }
        if next < self.b.len() && self.b[next] == b'#' {
            return None;
        }
        loc.len = (next - loc.start as usize) as u64;
        let mut value = String::new();
        let mut blanks = 0;
        for (k, line) in lines.iter().enumerate() {
            if line.is_empty() {
                blanks += 1;
                continue;
            }
            if k > 0 {
                match (folded, blanks) {
                    (true, 0) => value.push(' '),
                    (true, n) => value.extend(std::iter::repeat_n('\n', n)),
                    (false, n) => value.extend(std::iter::repeat_n('\n', n + 1)),
                }
            }
            blanks = 0;
            value.push_str(line);
        }
        if !strip {
            value.push('\n');
        }
        Some(Node {
            loc,
            v: V::Quoted(Cow::Owned(value)),
        })
    }

    /// A value on the rest of the line: a flow collection, a quoted or a plain scalar.
    fn inline_value(&mut self) -> Option<Node<'a>> {
        match self.cur() {
            b'{' | b'[' => self.flow(),
            b'"' | b'\'' => self.quoted(),
            _ => self.plain(false),
        }
    }

    /// A block sequence with its dashes at column `indent`; `indentless` when it is at the
    /// indentation of the key it belongs to (its span then starts at the first item).
    fn block_seq(&mut self, indent: usize, indentless: bool) -> Option<Node<'a>> {
        self.enter()?;
        self.count()?;
        let mut loc = self.loc(self.pos, 0);
        let mut items = Vec::new();
        loop {
            // At `- `.
            self.pos += 1;
            while self.cur() == b' ' {
                self.pos += 1;
            }
            if indentless && items.is_empty() {
                loc = self.loc(self.pos, 0);
            }
            let item = match self.cur() {
                b'\n' | b'\r' | b'#' => return None,
                b'-' if matches!(self.at(self.pos + 1), b' ' | b'\n' | b'\r') => return None,
                b'{' | b'[' | b'"' | b'\'' => {
                    let node = self.inline_value()?;
                    self.end_of_line()?;
                    node
                }
                _ if self.looks_like_key() => {
                    let column = self.pos - self.line_start;
                    self.block_map(column)?
                }
                _ => {
                    let node = self.plain(false)?;
                    self.end_of_line()?;
                    node
                }
            };
            items.push(item);
            match self.content_line().ok()? {
                Some(i) if i == indent && self.dash_item() => continue,
                None => break,
                Some(i) if i < indent => break,
                Some(i) if i == indent && indentless => break,
                Some(_) => return None,
            }
        }
        self.depth -= 1;
        Some(Node {
            loc,
            v: V::Seq(items),
        })
    }

    /// Whether a plain key and `: ` (or `:` at the end of the line) start here.
    fn looks_like_key(&self) -> bool {
        let mut i = self.pos;
        while is_key_byte(self.at(i)) {
            i += 1;
        }
        i > self.pos && self.at(i) == b':' && matches!(self.at(i + 1), b' ' | b'\n' | b'\r')
    }

    /// A one-line flow mapping or sequence.
    fn flow(&mut self) -> Option<Node<'a>> {
        self.enter()?;
        self.count()?;
        let open = self.cur();
        let loc = self.loc(self.pos, 1);
        self.pos += 1;
        let close = if open == b'{' { b'}' } else { b']' };
        let mut entries = Vec::new();
        let mut items = Vec::new();
        self.flow_space();
        if self.cur() == close {
            self.pos += 1;
        } else {
            loop {
                if open == b'{' {
                    let key = match self.cur() {
                        b'"' | b'\'' => return None,
                        _ => self.plain_key()?,
                    };
                    let V::Plain(k) = key.v else { return None };
                    if entries
                        .iter()
                        .any(|(e, _): &(Node<'a>, Node<'a>)| matches!(e.v, V::Plain(x) if x == k))
                    {
                        return None;
                    }
                    let value = self.flow_value()?;
                    entries.push((key, value));
                } else {
                    items.push(self.flow_value()?);
                }
                self.flow_space();
                match self.cur() {
                    b',' => {
                        self.pos += 1;
                        self.flow_space();
                        if matches!(self.cur(), b'}' | b']') {
                            return None;
                        }
                    }
                    c if c == close => {
                        self.pos += 1;
                        break;
                    }
                    _ => return None,
                }
            }
        }
        self.depth -= 1;
        let v = if open == b'{' {
            V::Map(entries)
        } else {
            V::Seq(items)
        };
        Some(Node { loc, v })
    }

    fn flow_space(&mut self) {
        while self.cur() == b' ' {
            self.pos += 1;
        }
    }

    fn flow_value(&mut self) -> Option<Node<'a>> {
        match self.cur() {
            b'{' | b'[' => self.flow(),
            b'"' | b'\'' => self.quoted(),
            _ => self.plain(true),
        }
    }

    /// A one-line quoted scalar: `'…'` (with `''`) or `"…"` with simple escapes.
    fn quoted(&mut self) -> Option<Node<'a>> {
        self.count()?;
        let q = self.cur();
        let start = self.pos;
        let end = self.line_end();
        let mut i = start + 1;
        let mut owned: Option<String> = None;
        let mut run = i;
        loop {
            if i >= end {
                return None;
            }
            let c = self.b[i];
            if c == q {
                if q == b'\'' && self.at(i + 1) == b'\'' {
                    let s = owned.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..=i]);
                    i += 2;
                    run = i;
                    continue;
                }
                break;
            }
            if c == b'\t' || c < 0x20 {
                return None;
            }
            if q == b'"' && c == b'\\' {
                let esc = match self.at(i + 1) {
                    b'"' => '"',
                    b'\\' => '\\',
                    b'/' => '/',
                    b'n' => '\n',
                    b't' => '\t',
                    _ => return None,
                };
                let s = owned.get_or_insert_with(String::new);
                s.push_str(&self.text[run..i]);
                s.push(esc);
                i += 2;
                run = i;
                continue;
            }
            i += 1;
        }
        let value = match owned {
            Some(mut s) => {
                s.push_str(&self.text[run..i]);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(&self.text[start + 1..i]),
        };
        self.pos = i + 1;
        Some(Node {
            loc: self.loc(start, i + 1 - start),
            v: V::Quoted(value),
        })
    }

    /// A one-line plain scalar (in a flow collection: up to `,`, `]` or `}`).
    fn plain(&mut self, flow: bool) -> Option<Node<'a>> {
        self.count()?;
        let start = self.pos;
        let first = self.cur();
        let dash_word = first == b'-' && !matches!(self.at(start + 1), b' ' | b'\n' | b'\r');
        if b"-?:,[]{}#&*!|>'\"%@`".contains(&first) && !dash_word {
            return None;
        }
        let end = self.line_end();
        let mut i = start;
        let mut last = start;
        while i < end {
            let c = self.b[i];
            if c == b'#' && i > start && self.b[i - 1] == b' ' {
                break;
            }
            if c == b'\t' {
                return None;
            }
            if flow && matches!(c, b',' | b']' | b'}') {
                break;
            }
            if c == b':' && (flow || matches!(self.at(i + 1), b' ' | b'\n' | b'\r')) {
                return None;
            }
            if flow && matches!(c, b'[' | b'{') {
                return None;
            }
            if c != b' ' {
                last = i + 1;
            }
            i += 1;
        }
        if last == start {
            return None;
        }
        let s = &self.text[start..last];
        if special(s) {
            return None;
        }
        self.pos = last;
        Some(Node {
            loc: self.loc(start, last - start),
            v: V::Plain(s),
        })
    }
}

/// Plain scalars whose meaning the fast path does not decide: nulls, booleans other than
/// `true`/`false`, and anything starting like a number that is not a plain decimal
/// integer, decimal fraction or date (`2022-08-04`).
fn special(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "~" | "null" | "yes" | "no" | "on" | "off" | "y" | "n" | "true" | "false"
    ) {
        return !matches!(s, "true" | "false");
    }
    let b = s.as_bytes();
    let numeric_start = b[0].is_ascii_digit()
        || matches!(b[0], b'+' | b'.')
        || (b[0] == b'-' && b.get(1).is_some_and(|c| c.is_ascii_digit() || *c == b'.'));
    numeric_start && number(s).is_none() && !is_date(s)
}

/// `2022`, `2022-08`, `2022-08-04`, `-3` (only digits and inner dashes, no leading zero
/// ambiguity): read as text.
fn is_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 2
        && parts.len() <= 3
        && parts[0].len() == 4
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_digit()))
}

/// A plain decimal number: `-?(0|[1-9][0-9]*)(\.[0-9]+)?`.
enum Number {
    Int(i64),
    Uint(u64),
    Float(f64),
}

fn number(s: &str) -> Option<Number> {
    let body = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match body.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (body, None),
    };
    let digits = |t: &str| !t.is_empty() && t.bytes().all(|c| c.is_ascii_digit());
    if !digits(int) || (int.len() > 1 && int.starts_with('0')) {
        return None;
    }
    match frac {
        Some(f) if digits(f) => s.parse::<f64>().ok().map(Number::Float),
        Some(_) => None,
        None if s.starts_with('-') => s.parse::<i64>().ok().map(Number::Int),
        None => s.parse::<u64>().ok().map(Number::Uint),
    }
}

impl<'de> de::Deserializer<'de> for &Node<'de> {
    type Error = Error;

    fn deserialize_any<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        match &self.v {
            V::Map(entries) => visitor.visit_map(Entries {
                iter: entries.iter(),
                value: None,
            }),
            V::Seq(items) => visitor.visit_seq(Items { iter: items.iter() }),
            V::Quoted(s) => match s {
                Cow::Borrowed(s) => visitor.visit_borrowed_str(s),
                Cow::Owned(s) => visitor.visit_str(s),
            },
            V::Plain(s) => match *s {
                "true" => visitor.visit_bool(true),
                "false" => visitor.visit_bool(false),
                _ => match number(s) {
                    Some(Number::Uint(n)) => visitor.visit_u64(n),
                    Some(Number::Int(n)) => visitor.visit_i64(n),
                    Some(Number::Float(n)) => visitor.visit_f64(n),
                    None => visitor.visit_borrowed_str(s),
                },
            },
        }
    }

    fn deserialize_str<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        match &self.v {
            V::Plain(s) => visitor.visit_borrowed_str(s),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_string<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_option<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_newtype_struct<V2: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V2,
    ) -> Result<V2::Value, Error> {
        if name == json::SPANNED {
            visitor.visit_newtype_struct(SpannedNode(self))
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn deserialize_enum<V2: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V2,
    ) -> Result<V2::Value, Error> {
        match &self.v {
            V::Plain(s) => visitor.visit_enum((*s).into_deserializer()),
            V::Quoted(s) => visitor.visit_enum(s.as_ref().to_string().into_deserializer()),
            _ => Err(de::Error::custom("not a name")),
        }
    }

    fn deserialize_ignored_any<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
    }
}

struct Entries<'n, 'de> {
    iter: std::slice::Iter<'n, (Node<'de>, Node<'de>)>,
    value: Option<&'n Node<'de>>,
}

impl<'de> MapAccess<'de> for Entries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.iter.next() {
            Some((k, v)) => {
                self.value = Some(v);
                seed.deserialize(k).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let v = self
            .value
            .take()
            .ok_or_else(|| <Error as de::Error>::custom("value without key"))?;
        seed.deserialize(v)
    }
}

struct Items<'n, 'de> {
    iter: std::slice::Iter<'n, Node<'de>>,
}

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.iter.next().map(|n| seed.deserialize(n)).transpose()
    }
}

/// `Spanned<T>`'s view of a node.
struct SpannedNode<'n, 'de>(&'n Node<'de>);

impl<'de> de::Deserializer<'de> for SpannedNode<'_, 'de> {
    type Error = Error;

    fn deserialize_any<V2: Visitor<'de>>(self, visitor: V2) -> Result<V2::Value, Error> {
        visitor.visit_map(SpannedEntries {
            node: self.0,
            state: 0,
        })
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SpannedEntries<'n, 'de> {
    node: &'n Node<'de>,
    state: u8,
}

impl<'de> MapAccess<'de> for SpannedEntries<'_, 'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        json::spanned_key(&mut self.state, seed)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        match self.state {
            1 => seed.deserialize(true.into_deserializer()),
            2 => seed.deserialize(self.node),
            _ => seed.deserialize(json::location(self.node.loc)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_specials() {
        assert!(matches!(number("41"), Some(Number::Uint(41))));
        assert!(matches!(number("-3"), Some(Number::Int(-3))));
        assert!(matches!(number("1.50"), Some(Number::Float(_))));
        for s in ["007", "1e3", "0x1F", ".5", "1.", "+3", "1_000"] {
            assert!(number(s).is_none(), "{s}");
            assert!(special(s), "{s}");
        }
        for s in [
            "2022-08-04",
            "2022-08",
            "2022",
            "person-3",
            "town 4",
            "true",
            "-x",
        ] {
            assert!(!special(s), "{s}");
        }
        for s in ["~", "Null", "yes", "No", "TRUE", ".inf", "-.inf", "12:30"] {
            assert!(special(s), "{s}");
        }
    }
}

#[cfg(test)]
mod differential {
    //! The fast path against serde-saphyr: wherever the fast path reads a file, the items
    //! and problems are the same, spans included.
    use super::*;
    use crate::load::{ClaimFile, convert};
    use crate::model::FileId;

    fn both(text: &str) -> Option<(String, String)> {
        let limits = Limits::default();
        let fast = parse(text, &limits)?;
        let slow: RawFile = serde_saphyr::from_str_with_options(text, convert::options(&limits))
            .unwrap_or_else(|e| {
                panic!("the fast path read what serde-saphyr refuses ({e}):\n{text}")
            });
        let convert = |raw: RawFile| {
            let mut out = ClaimFile {
                file: FileId(0),
                ..ClaimFile::default()
            };
            let mut problems = Vec::new();
            convert::convert_items(&mut out, raw, &mut problems);
            format!("{out:?}\n{problems:?}")
        };
        Some((convert(fast), convert(slow)))
    }

    fn files() -> Vec<(String, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        let mut stack = vec![
            root.join("seeds"),
            root.join("tests"),
            root.join("fuzz/corpus"),
        ];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in entries.flatten() {
                let path = e.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.to_string_lossy().ends_with(".yaml")
                    && let Ok(text) = std::fs::read_to_string(&path)
                {
                    out.push((path.display().to_string(), text));
                }
            }
        }
        out.sort();
        out
    }

    /// Lines deleted, doubled, indented, and a few characters changed.
    fn mutations(text: &str) -> Vec<String> {
        let lines: Vec<&str> = text.lines().collect();
        let mut out = Vec::new();
        for i in 0..lines.len().min(25) {
            let with = |f: &dyn Fn(&str) -> String| -> String {
                lines
                    .iter()
                    .enumerate()
                    .map(|(j, l)| if j == i { f(l) } else { format!("{l}\n") })
                    .collect()
            };
            out.push(with(&|_| String::new()));
            out.push(with(&|l| format!("{l}\n{l}\n")));
            out.push(with(&|l| format!(" {l}\n")));
            out.push(with(&|l| format!("{}\n", l.replacen(": ", ":  ", 1))));
            out.push(with(&|l| format!("{}\n", l.replacen(", ", ",", 1))));
            out.push(with(&|l| format!("{}\n", l.replacen(": ", " : ", 1))));
            out.push(with(&|l| format!("{} # c\n", l)));
            out.push(with(&|l| format!("{}\n", l.replacen("- ", "-   ", 1))));
            out.push(with(&|l| format!("{}\n", l.replace('}', ""))));
        }
        out.push(text.replace('\n', "\r\n"));
        out
    }

    #[test]
    fn the_fast_path_reads_what_serde_saphyr_reads_the_same_way() {
        // Every YAML file is compared; the share the fast path reads is counted over claim
        // files as users write them (unmutated). Block scalars (`note: >-`) send a file to
        // serde-saphyr, so hand-written files are read by the fast path a little over half
        // the time, machine-written ones always.
        let (mut read, mut all) = (0, 0);
        for (path, text) in files() {
            for (k, t) in std::iter::once(text.clone())
                .chain(mutations(&text))
                .enumerate()
            {
                let counted = k == 0 && path.ends_with(".claims.yaml");
                all += usize::from(counted);
                if let Some((fast, slow)) = both(&t) {
                    read += usize::from(counted);
                    assert_eq!(fast, slow, "{path} variant {k}:\n{t}");
                }
            }
        }
        assert!(
            read * 2 > all,
            "the fast path read only {read} of {all} claim files"
        );
    }

    #[test]
    fn tricky_texts_read_the_same_or_not_at_all() {
        let texts = [
            "sources:\n- id: s\n  url: http://x.org/a#b?c=d:e\n  outlet: \"O \\\"K\\\" \\\\ /\"\nclaims:\n- {id: a, source: s, subject: x, predicate: age, object: -3}\n- {id: b, source: s, subject: x, predicate: age, object: 1.5, said: 2020-05}\n",
            "claims:\n  -   id: é\n      source: 'it''s'   # c\n      subject: Émile Zola\n      predicate: p\n      object: {number: 3, unit: kg}\n      valid: {from: 2019, to: 2020-02-01}\n      exclusive: true\n",
            "---\n# c\nclaims: []\nsources: [ ]\nentities:\n  - id: e\n    aliases: [a b, 'c', \"d\"]\n",
            "claims:\n  - id: a\n    quote: He said \"no\" and it's over\n    note: a#b # real comment\n",
            "claims:\n  - id: a\n    suppress:\n      - {check: CC101, reason: r}\n      - check: CC102\n        reason: \"s\"\n",
            "claims:\n- id: a\n  object: yes\n",
            "claims:\n- id: a\n  object: 007\n",
            "claims:\n- id: a\n  object: ~\n",
            "claims:\n- id: a\n  object:\n",
            "claims:\n- id: a\n  object: x\n  object: y\n",
            "claims:\n- id: a\n  note: a\n    b\n",
            "claims:\n- id: a\n\tnote: x\n",
            "claims: [{id: a}]\n---\nclaims: []\n",
            "claims:\n- id: a\n  valid: {at: 2020\n",
            "claims:\n- id: 2020\n  source: 1.5\n  subject: true\n  predicate: p\n",
        ];
        for t in texts {
            if let Some((fast, slow)) = both(t) {
                assert_eq!(fast, slow, "{t}");
            }
        }
        assert!(texts[..3].iter().all(|t| both(t).is_some()));
    }

    #[test]
    fn block_scalars_read_the_same_or_not_at_all() {
        let head = "sources:\n  - {id: s}\nclaims:\n  - id: a\n    source: s\n    subject: x\n    predicate: p\n";
        let blocks = [
            "    note: >-\n      one two\n      three\n",
            "    note: >\n      one two\n      three\n",
            "    note: |\n      one two\n      three\n",
            "    note: |-\n      line one\n\n      line three\n",
            "    note: >-\n      para one\n      still one\n\n      para two\n\n\n      para three\n",
            "    note: >-\n      # not a comment\n      x: not a key\n",
            "    note: >-\n      trailing blanks\n\n\n",
            "    quote: >-\n      the exact\n      words\n    note: after\n",
            "    quote: |\n      two\n      lines\n",
            "    note: >-\n      last line without a break",
            "    note: >-   # a comment\n      text\n",
            "    quote: >-\n      a\n\n\n    note: blank lines before the next key\n",
            "    quote: >-\n      a\n    # a comment before the next key\n    note: n\n",
            // Declined or read the same: more indented, leading blank, keep, digit, tab.
            "    note: >-\n      a\n        indented\n      b\n",
            "    note: >-\n\n      a\n",
            "    note: >+\n      a\n\n",
            "    note: >2-\n      a\n",
            "    note: >-\n      a\tb\n",
            "    note: >-\n      trailing space \n",
            "    note: >-\n    same indent as the key\n",
            "    note: >-\n",
        ];
        let mut fast = 0;
        for b in blocks {
            let t = format!("{head}{b}");
            if let Some((f, slow)) = both(&t) {
                assert_eq!(f, slow, "{t}");
                fast += 1;
            }
        }
        // The plain forms take the fast path.
        assert!(fast >= 11, "{fast}");
    }

    #[test]
    fn generated_corpora_take_the_fast_path() {
        let dir = tempfile::tempdir().unwrap();
        let spec = crate::bench::synth::Spec {
            claims: 500,
            files: 3,
            seed: 5,
            hot: 10,
            format: crate::bench::synth::Format::Yaml,
        };
        crate::bench::synth::generate(dir.path(), &spec).unwrap();
        for e in std::fs::read_dir(dir.path()).unwrap() {
            let path = e.unwrap().path();
            if path.to_string_lossy().ends_with(".claims.yaml") {
                let text = std::fs::read_to_string(&path).unwrap();
                let (fast, slow) = both(&text).unwrap_or_else(|| panic!("{}", path.display()));
                assert_eq!(fast, slow);
            }
        }
    }
}
