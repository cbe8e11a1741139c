//! Text preparation and segmentation: binary/HTML detection (tags blanked in place, so
//! byte offsets still refer to the caller's text), tokens with byte offsets and a
//! normalised form, paragraphs, and abbreviation-aware sentences. Every pass is linear.

use super::lexicon::{Lexicon, Words};
use std::borrow::Cow;
use std::ops::Range;

/// The kind of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Letters, digits, internal apostrophes and hyphens, acronym dots.
    Word,
    /// One punctuation character (`.`, `,`, `(`, `@`, …).
    Punct,
    /// `...` or `…`.
    Ellipsis,
    /// `--`, `—`, `–`.
    Dash,
    /// A quotation mark.
    Quote(Mark),
}

/// A quotation mark and what its neighbours say about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Mark {
    /// Double (`"`, `“`) or single (`'`, `‘`).
    pub double: bool,
    /// Opening, closing, or either.
    pub role: Role,
}

/// Which side of a quotation a mark is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    Open,
    Close,
    Either,
}

/// Token flag: the first character is upper-case.
pub(crate) const UPPER: u8 = 1;
/// Token flag: whitespace precedes the token.
pub(crate) const SPACE: u8 = 2;
/// Token flag: inside a speech quotation (not its marks).
pub(crate) const IN_QUOTE: u8 = 4;
/// Token flag: inside or on a title or scare quote ("Yikes").
pub(crate) const IN_TITLE: u8 = 8;

/// A token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Byte range in the text.
    pub start: u32,
    pub end: u32,
    norm_start: u32,
    norm_end: u32,
    pub kind: Kind,
    pub flags: u8,
    /// Paragraph index.
    pub para: u32,
    /// Sentence index.
    pub sent: u32,
}

impl Tok {
    pub(crate) fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A segmented document: the prepared text, tokens, paragraphs and sentences.
pub(crate) struct Doc<'t> {
    /// The prepared text (same length as the caller's text).
    pub text: &'t str,
    pub toks: Vec<Tok>,
    norm: String,
    /// Paragraph byte ranges and token ranges.
    pub paras: Vec<Range<usize>>,
    pub para_toks: Vec<Range<usize>>,
    /// Sentence byte ranges and token ranges.
    pub sents: Vec<Range<usize>>,
    pub sent_toks: Vec<Range<usize>>,
    line_starts: Vec<usize>,
}

impl Words for Doc<'_> {
    fn norm(&self, i: usize) -> &str {
        Doc::norm(self, i)
    }
}

impl<'t> Doc<'t> {
    /// Tokenises and segments a prepared text.
    pub(crate) fn new(text: &'t str, lex: &Lexicon) -> Self {
        let (toks, norm) = tokenize(text);
        let mut doc = Doc {
            text,
            toks,
            norm,
            paras: Vec::new(),
            para_toks: Vec::new(),
            sents: Vec::new(),
            sent_toks: Vec::new(),
            line_starts: line_starts(text),
        };
        doc.paragraphs();
        doc.sentences(lex);
        doc
    }

    /// The normalised form of token `i`: lower-case, apostrophes folded, quotation marks
    /// as `"` or `'`.
    pub(crate) fn norm(&self, i: usize) -> &str {
        match self.toks.get(i) {
            Some(t) => &self.norm[t.norm_start as usize..t.norm_end as usize],
            None => "",
        }
    }

    /// The normalised form without a possessive `'s` / `'`.
    pub(crate) fn base(&self, i: usize) -> &str {
        let n = self.norm(i);
        if let Some(b) = n.strip_suffix("'s")
            && !b.is_empty()
        {
            return b;
        }
        n.strip_suffix('\'').filter(|b| !b.is_empty()).unwrap_or(n)
    }

    /// The text from token `a` to token `b - 1`, as written.
    pub(crate) fn span_text(&self, a: usize, b: usize) -> &'t str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        &self.text[self.toks[a].start as usize..self.toks[b - 1].end as usize]
    }

    /// Byte range of tokens `a..b`.
    pub(crate) fn byte_range(&self, a: usize, b: usize) -> Range<usize> {
        if a >= b || b > self.toks.len() {
            let at = self
                .toks
                .get(a)
                .map_or(self.text.len(), |t| t.start as usize);
            return at..at;
        }
        self.toks[a].start as usize..self.toks[b - 1].end as usize
    }

    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == Kind::Word)
    }

    pub(crate) fn is_upper(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & UPPER != 0)
    }

    pub(crate) fn has(&self, i: usize, flag: u8) -> bool {
        self.toks.get(i).is_some_and(|t| t.flags & flag != 0)
    }

    pub(crate) fn is_punct(&self, i: usize, c: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == Kind::Punct && self.norm(i) == c)
    }

    pub(crate) fn mark(&self, i: usize) -> Option<Mark> {
        match self.toks.get(i)?.kind {
            Kind::Quote(m) => Some(m),
            _ => None,
        }
    }

    /// Whether token `i` ends a clause: `.`, `!`, `?`, `;`, `:`.
    pub(crate) fn is_terminal(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            t.kind == Kind::Punct && matches!(self.norm(i), "." | "!" | "?" | ";" | ":")
        })
    }

    /// A cursor that gives 1-based line and column (in characters) of increasing byte
    /// offsets in linear total time.
    pub(crate) fn cursor(&self) -> LineCursor<'_> {
        LineCursor {
            doc_text: self.text,
            line_starts: &self.line_starts,
            line: 0,
            at: 0,
            col: 1,
        }
    }

    fn paragraphs(&mut self) {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut paras: Vec<Range<usize>> = Vec::new();
        let mut current: Option<Range<usize>> = None;
        let mut last_line_end_char: Option<char> = None;
        let mut pos = 0;
        while pos <= bytes.len() {
            let end = bytes[pos..]
                .iter()
                .position(|&b| b == b'\n')
                .map_or(bytes.len(), |p| pos + p);
            let line = &text[pos..end];
            let trimmed = line.trim();
            if trimmed.is_empty() {
                if let Some(p) = current.take() {
                    paras.push(p);
                }
            } else {
                let lead = line.len() - line.trim_start().len();
                let s = pos + lead;
                let e = s + trimmed.len();
                let first = trimmed.chars().next().unwrap_or(' ');
                let continues = current.is_some()
                    && first.is_lowercase()
                    && !last_line_end_char.is_some_and(|c| {
                        matches!(
                            c,
                            '.' | '!'
                                | '?'
                                | ':'
                                | '"'
                                | '\u{201d}'
                                | '\u{2019}'
                                | ')'
                                | '\u{2026}'
                        )
                    });
                match current.as_mut() {
                    Some(p) if continues => p.end = e,
                    _ => {
                        if let Some(p) = current.take() {
                            paras.push(p);
                        }
                        current = Some(s..e);
                    }
                }
                last_line_end_char = trimmed.chars().next_back();
            }
            pos = end + 1;
        }
        if let Some(p) = current.take() {
            paras.push(p);
        }
        // Assign tokens.
        let mut para_toks = Vec::with_capacity(paras.len());
        let mut t = 0;
        for (pi, p) in paras.iter().enumerate() {
            while t < self.toks.len() && (self.toks[t].start as usize) < p.start {
                t += 1;
            }
            let first = t;
            while t < self.toks.len() && (self.toks[t].start as usize) < p.end {
                self.toks[t].para = pi as u32;
                t += 1;
            }
            para_toks.push(first..t);
        }
        self.paras = paras;
        self.para_toks = para_toks;
    }

    fn sentences(&mut self, lex: &Lexicon) {
        let mut sents = Vec::new();
        let mut sent_toks = Vec::new();
        for pi in 0..self.para_toks.len() {
            let r = self.para_toks[pi].clone();
            if r.is_empty() {
                continue;
            }
            let mut start = r.start;
            let mut i = r.start;
            while i < r.end {
                if let Some(mut j) = self.sentence_end(i, r.end, lex) {
                    // j is the first token of the next sentence
                    if j > r.end {
                        j = r.end;
                    }
                    sent_toks.push(start..j);
                    start = j;
                    i = j;
                } else {
                    i += 1;
                }
            }
            if start < r.end {
                sent_toks.push(start..r.end);
            }
        }
        for (si, r) in sent_toks.iter().enumerate() {
            for t in r.clone() {
                self.toks[t].sent = si as u32;
            }
            sents.push(self.byte_range(r.start, r.end));
        }
        self.sents = sents;
        self.sent_toks = sent_toks;
    }

    /// If token `i` ends a sentence, the index of the next sentence's first token.
    fn sentence_end(&self, i: usize, end: usize, lex: &Lexicon) -> Option<usize> {
        let t = &self.toks[i];
        let n = self.norm(i);
        let terminal = match t.kind {
            Kind::Punct => matches!(n, "." | "!" | "?"),
            Kind::Ellipsis => t.flags & SPACE == 0,
            Kind::Word => n.ends_with('.') && n.len() > 1,
            _ => false,
        };
        if !terminal {
            return None;
        }
        // Absorb closing marks and brackets written right after the terminal.
        let mut j = i + 1;
        while j < end
            && self.toks[j].flags & SPACE == 0
            && (matches!(self.toks[j].kind, Kind::Quote(m) if m.role != Role::Open)
                || matches!(self.norm(j), ")" | "]" | "." | "!" | "?"))
        {
            j += 1;
        }
        if j >= end {
            return Some(end);
        }
        if self.toks[j].flags & SPACE == 0 {
            return None;
        }
        // The next token must look like a sentence start.
        let next_ok = |k: usize| -> bool {
            let tk = &self.toks[k];
            match tk.kind {
                Kind::Word => {
                    tk.flags & UPPER != 0 || self.norm(k).starts_with(|c: char| c.is_ascii_digit())
                }
                Kind::Quote(_) => true,
                Kind::Punct => matches!(self.norm(k), "(" | "[" | "@" | "#"),
                Kind::Dash => true,
                _ => false,
            }
        };
        if !next_ok(j) {
            return None;
        }
        // Abbreviations.
        if t.kind == Kind::Punct && n == "." && i > 0 && self.toks[i - 1].end == t.start {
            let prev = self.norm(i - 1);
            if self.toks[i - 1].kind == Kind::Word {
                if lex.titles.contains(prev) {
                    return None;
                }
                let single_initial = prev.chars().count() == 1 && self.is_upper(i - 1);
                if single_initial {
                    return None;
                }
                if lex.abbreviations.contains(prev) && !lex.sentence_openers.contains(self.norm(j))
                {
                    return None;
                }
            }
        }
        if t.kind == Kind::Word {
            // An acronym with dots ("U.S."): like the second kind of abbreviation.
            let bare = n.trim_end_matches('.');
            if lex.titles.contains(bare) {
                return None;
            }
            if !lex.sentence_openers.contains(self.norm(j)) {
                return None;
            }
        }
        Some(j)
    }
}

/// Line and column of byte offsets, cheap when the offsets come in increasing order.
pub(crate) struct LineCursor<'d> {
    doc_text: &'d str,
    line_starts: &'d [usize],
    line: usize,
    at: usize,
    col: usize,
}

impl LineCursor<'_> {
    /// 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_col(&mut self, at: usize) -> (usize, usize) {
        let at = at.min(self.doc_text.len());
        let line = self.line_starts.partition_point(|&s| s <= at).max(1) - 1;
        let start = self.line_starts[line];
        if line != self.line || at < self.at {
            self.line = line;
            self.at = start;
            self.col = 1;
        }
        let from = self.at;
        if let Some(s) = self.doc_text.get(from..at) {
            self.col += s.chars().count();
            self.at = at;
        }
        (line + 1, self.col)
    }
}

fn line_starts(text: &str) -> Vec<usize> {
    let mut v = vec![0];
    v.extend(
        text.as_bytes()
            .iter()
            .enumerate()
            .filter(|(_, b)| **b == b'\n')
            .map(|(i, _)| i + 1),
    );
    v
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

fn is_double_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{ab}' | '\u{bb}' | '\u{2033}'
    )
}

fn is_single_mark(c: char) -> bool {
    matches!(
        c,
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2039}' | '\u{203a}'
    )
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// How a quotation mark's neighbours place it.
fn mark_role(c: char, prev: Option<char>, next: Option<char>) -> Role {
    let open_ctx = prev.is_none_or(|p| {
        p.is_whitespace()
            || matches!(
                p,
                '(' | '[' | '{' | '/' | '-' | '\u{2014}' | '\u{2013}' | ':'
            )
            || is_double_mark(p)
            || is_single_mark(p)
    });
    let close_ctx = next.is_none_or(|n| {
        n.is_whitespace()
            || matches!(
                n,
                '.' | ','
                    | ';'
                    | ':'
                    | '!'
                    | '?'
                    | ')'
                    | ']'
                    | '}'
                    | '-'
                    | '\u{2014}'
                    | '\u{2013}'
                    | '\u{2026}'
            )
            || is_double_mark(n)
            || is_single_mark(n)
    });
    match c {
        '\u{201c}' | '\u{201e}' | '\u{ab}' | '\u{2018}' | '\u{201a}' | '\u{2039}' => {
            if !open_ctx && close_ctx {
                Role::Close
            } else {
                Role::Open
            }
        }
        '\u{201d}' | '\u{bb}' | '\u{2019}' | '\u{203a}' => {
            if open_ctx && !close_ctx {
                Role::Open
            } else {
                Role::Close
            }
        }
        _ => match (open_ctx, close_ctx) {
            (true, false) => Role::Open,
            (false, true) => Role::Close,
            _ => Role::Either,
        },
    }
}

/// Splits text into tokens with byte offsets and a normalised form (one buffer).
pub(crate) fn tokenize(text: &str) -> (Vec<Tok>, String) {
    let mut toks: Vec<Tok> = Vec::with_capacity(text.len() / 5 + 1);
    let mut norm = String::with_capacity(text.len() + 16);
    let bytes = text.as_bytes();
    let len = text.len();
    let mut pos = 0;
    let mut space = true;
    let char_at = |p: usize| -> Option<char> { text.get(p..).and_then(|s| s.chars().next()) };
    let char_before =
        |p: usize| -> Option<char> { text.get(..p).and_then(|s| s.chars().next_back()) };
    while pos < len {
        let c = match char_at(pos) {
            Some(c) => c,
            None => break,
        };
        let cl = c.len_utf8();
        if c.is_whitespace() || c.is_control() || c == '\u{feff}' || c == '\u{fffd}' {
            space = true;
            pos += cl;
            continue;
        }
        let start = pos;
        let ns = norm.len();
        let mut kind = Kind::Punct;
        let upper = c.is_uppercase();
        if c.is_alphanumeric()
            || (is_apostrophe(c)
                && bytes.get(pos + cl).is_some_and(u8::is_ascii_digit)
                && bytes.get(pos + cl + 1).is_some_and(u8::is_ascii_digit)
                && char_before(pos).is_none_or(|p| !p.is_alphanumeric()))
        {
            kind = Kind::Word;
            let mut p = pos;
            let mut letters_only_single = true; // word so far is initials like "U" or "U.S"
            let mut seg_len = 0usize;
            while let Some(ch) = char_at(p) {
                let l = ch.len_utf8();
                if ch.is_alphanumeric() {
                    seg_len += 1;
                    if seg_len > 1 {
                        letters_only_single = false;
                    }
                    p += l;
                    continue;
                }
                if p == pos && is_apostrophe(ch) {
                    p += l;
                    continue;
                }
                let next = char_at(p + l);
                let prev_alnum = char_before(p).is_some_and(char::is_alphanumeric);
                if (is_apostrophe(ch) || is_hyphen(ch) || ch == '&')
                    && prev_alnum
                    && next.is_some_and(char::is_alphanumeric)
                {
                    if is_hyphen(ch) || ch == '&' {
                        letters_only_single = false;
                    }
                    seg_len = 0;
                    p += l;
                    continue;
                }
                if (ch == '.' || ch == ',')
                    && char_before(p).is_some_and(|c| c.is_ascii_digit())
                    && next.is_some_and(|c| c.is_ascii_digit())
                {
                    seg_len = 0;
                    p += l;
                    continue;
                }
                if ch == '.' && letters_only_single && seg_len == 1 {
                    // Acronym: U.S., U.K.'s, D.C.
                    let after = next;
                    let after2 = next.and_then(|n| char_at(p + l + n.len_utf8()));
                    if after.is_some_and(char::is_alphabetic) && after2 == Some('.') {
                        seg_len = 0;
                        p += l;
                        continue;
                    }
                    if text[pos..p].contains('.') {
                        // final dot of an acronym
                        p += l;
                        // possessive after the acronym
                        if let Some(a) = char_at(p)
                            && is_apostrophe(a)
                            && char_at(p + a.len_utf8()) == Some('s')
                        {
                            p += a.len_utf8() + 1;
                        }
                        break;
                    }
                }
                break;
            }
            pos = p;
            for ch in text[start..pos].chars() {
                if is_apostrophe(ch) {
                    norm.push('\'');
                } else if is_hyphen(ch) {
                    norm.push('-');
                } else {
                    norm.extend(ch.to_lowercase());
                }
            }
        } else if c == '.' && bytes.get(pos + 1) == Some(&b'.') {
            kind = Kind::Ellipsis;
            while bytes.get(pos) == Some(&b'.') {
                pos += 1;
            }
            norm.push_str("...");
        } else if c == '\u{2026}' {
            kind = Kind::Ellipsis;
            pos += cl;
            norm.push_str("...");
        } else if is_dash(c) || (c == '-' && bytes.get(pos + 1) == Some(&b'-')) {
            kind = Kind::Dash;
            if c == '-' {
                while bytes.get(pos) == Some(&b'-') {
                    pos += 1;
                }
            } else {
                pos += cl;
            }
            norm.push('-');
        } else if is_double_mark(c) || is_single_mark(c) {
            let prev = char_before(pos);
            let next = char_at(pos + cl);
            let double = is_double_mark(c);
            kind = Kind::Quote(Mark {
                double,
                role: mark_role(c, prev, next),
            });
            pos += cl;
            norm.push(if double { '"' } else { '\'' });
        } else {
            pos += cl;
            norm.push(c);
        }
        let mut flags = 0;
        if upper {
            flags |= UPPER;
        }
        if space {
            flags |= SPACE;
        }
        space = false;
        toks.push(Tok {
            start: start as u32,
            end: pos as u32,
            norm_start: ns as u32,
            norm_end: norm.len() as u32,
            kind,
            flags,
            para: 0,
            sent: 0,
        });
    }
    (toks, norm)
}

/// The sentence `sent` around byte `at`, at most about 600 bytes of it (a sentence can be
/// a whole run-on file): evidence for a statement or a draft.
pub(crate) fn sentence_excerpt(text: &str, sent: Range<usize>, at: usize) -> String {
    let floor = |mut i: usize| {
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let ceil = |mut i: usize| {
        while i < text.len() && !text.is_char_boundary(i) {
            i += 1;
        }
        i
    };
    let start = floor(sent.start.max(at.saturating_sub(200)).min(text.len()));
    let end = ceil(
        sent.end
            .min(at.saturating_add(400))
            .min(text.len())
            .max(start),
    );
    text[start..end].trim().to_string()
}

/// What `prepare` found wrong with the input, and the text to extract from.
pub(crate) struct Prepared<'a> {
    pub text: Cow<'a, str>,
    pub warnings: Vec<String>,
    /// The text is mostly not text; nothing is extracted.
    pub binary: bool,
}

/// Checks for binary data, replacement characters and HTML; blanks HTML tags in place
/// (same length, so offsets still refer to the caller's text).
pub(crate) fn prepare<'a>(text: &'a str, lex: &Lexicon) -> Prepared<'a> {
    let mut warnings = Vec::new();
    let sample_end = text.len().min(1 << 16);
    let sample_end = (0..=sample_end)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    let sample = &text[..sample_end];
    let mut controls = 0usize;
    let mut total = 0usize;
    for c in sample.chars() {
        total += 1;
        if (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) || c == '\u{fffd}' {
            controls += 1;
        }
    }
    let binary = total > 0 && controls * 10 > total;
    if binary {
        warnings.push(format!(
            "the text looks like binary data ({controls} of the first {total} characters are control or invalid bytes); nothing was extracted"
        ));
        return Prepared {
            text: Cow::Borrowed(text),
            warnings,
            binary,
        };
    }
    let replaced = text.chars().filter(|&c| c == '\u{fffd}').count();
    if replaced > 0 {
        warnings.push(format!(
            "the text contains {replaced} invalid UTF-8 sequence(s), read as U+FFFD"
        ));
    }
    // A front-matter block is the article's metadata, not its text: blanked in place.
    let text: Cow<'a, str> = match super::meta::front_matter(text) {
        Some(r) => {
            let mut b = text.as_bytes().to_vec();
            for x in &mut b[r] {
                if *x != b'\n' {
                    *x = b' ';
                }
            }
            // Every byte of a multi-byte character became a space: still UTF-8.
            Cow::Owned(String::from_utf8(b).unwrap_or_default())
        }
        None => Cow::Borrowed(text),
    };
    if looks_like_html(sample, lex) {
        warnings.push(
            "the text looks like HTML: tags were blanked out before extraction (byte offsets still refer to the file)"
                .to_string(),
        );
        return Prepared {
            text: Cow::Owned(strip_html(&text, lex)),
            warnings,
            binary,
        };
    }
    Prepared {
        text,
        warnings,
        binary,
    }
}

fn looks_like_html(sample: &str, lex: &Lexicon) -> bool {
    let lower_start: String = sample
        .trim_start()
        .chars()
        .take(15)
        .collect::<String>()
        .to_lowercase();
    if lower_start.starts_with("<!doctype html") || lower_start.starts_with("<html") {
        return true;
    }
    let b = sample.as_bytes();
    let mut tags = 0;
    for i in 0..b.len().saturating_sub(3) {
        if b[i] == b'<' {
            let rest = &b[i + 1..(i + 12).min(b.len())];
            let rest = rest.strip_prefix(b"/").unwrap_or(rest);
            let name: String = rest
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric())
                .map(|c| char::from(c.to_ascii_lowercase()))
                .collect();
            if (lex.block_tags.contains(&name) || lex.inline_tags.contains(&name))
                && rest
                    .get(name.len())
                    .is_some_and(|c| matches!(c, b'>' | b' ' | b'/' | b'\n'))
            {
                tags += 1;
                if tags >= 3 {
                    return true;
                }
            }
        }
    }
    false
}

/// Blanks HTML tags, comments and script/style content with spaces; block tags become
/// paragraph breaks; a few quotation-mark entities become marks. Same byte length.
fn strip_html(text: &str, lex: &Lexicon) -> String {
    let b = text.as_bytes();
    let mut out: Vec<u8> = b.to_vec();
    let mut i = 0;
    let blank = |out: &mut Vec<u8>, a: usize, z: usize| {
        for x in &mut out[a..z] {
            // Keep UTF-8 valid: every byte of a multi-byte character becomes a space.
            *x = b' ';
        }
    };
    while i < b.len() {
        match b[i] {
            b'<' => {
                if b[i..].starts_with(b"<!--") {
                    let end = find(b, i + 4, b"-->").map_or(b.len(), |e| e + 3);
                    blank(&mut out, i, end);
                    i = end;
                    continue;
                }
                let Some(close) = b[i..].iter().position(|&c| c == b'>').map(|p| i + p + 1) else {
                    i += 1;
                    continue;
                };
                let inner = &b[i + 1..close - 1];
                let is_end = inner.first() == Some(&b'/');
                let name: String = inner
                    .iter()
                    .skip(usize::from(is_end))
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .map(|c| char::from(c.to_ascii_lowercase()))
                    .collect();
                if name.is_empty() && !inner.starts_with(b"!") && !inner.starts_with(b"?") {
                    i += 1;
                    continue;
                }
                blank(&mut out, i, close);
                if lex.block_tags.contains(&name) && close - i >= 2 {
                    out[i] = b'\n';
                    out[i + 1] = b'\n';
                }
                let mut next = close;
                if !is_end && lex.skip_tags.contains(&name) {
                    let pat = format!("</{name}");
                    let end = find_ci(b, close, pat.as_bytes()).unwrap_or(b.len());
                    let end = b[end..]
                        .iter()
                        .position(|&c| c == b'>')
                        .map_or(b.len(), |p| end + p + 1);
                    blank(&mut out, close, end);
                    next = end;
                }
                i = next;
            }
            b'&' => {
                let rest = &b[i..(i + 10).min(b.len())];
                let Some(semi) = rest.iter().position(|&c| c == b';') else {
                    i += 1;
                    continue;
                };
                let ent = &rest[..=semi];
                let repl: Option<&str> = match ent {
                    b"&nbsp;" => Some(" "),
                    b"&quot;" | b"&#34;" => Some("\""),
                    b"&ldquo;" | b"&#8220;" => Some("\u{201c}"),
                    b"&rdquo;" | b"&#8221;" => Some("\u{201d}"),
                    b"&amp;" => Some("&"),
                    _ => None,
                };
                if let Some(r) = repl {
                    let n = ent.len();
                    if r.len() <= n {
                        blank(&mut out, i, i + n);
                        let opening = r == "\u{201c}"
                            || (r == "\""
                                && b.get(i + n).is_some_and(|c| c.is_ascii_alphanumeric()));
                        let at = if opening { i + n - r.len() } else { i };
                        out[at..at + r.len()].copy_from_slice(r.as_bytes());
                    }
                    i += n;
                } else {
                    i += 1;
                }
            }
            _ => i += 1,
        }
    }
    // Only ASCII bytes were replaced, and whole tags at that, so this is valid UTF-8 unless a
    // tag contained multi-byte characters, which were blanked byte by byte into spaces.
    String::from_utf8(out).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

fn find(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| from + p)
}

fn find_ci(hay: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from >= hay.len() {
        return None;
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| from + p)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Doc<'_> {
        Doc::new(text, &Lexicon::defaults())
    }

    fn sentences(text: &str) -> Vec<&str> {
        let d = doc(text);
        d.sents.iter().map(|r| &text[r.clone()]).collect()
    }

    #[test]
    fn tokens_keep_contractions_acronyms_and_compounds() {
        let d = doc("He’s the U.K.'s father-of-two, don't 3.5 '90s.");
        let words: Vec<&str> = (0..d.toks.len()).map(|i| d.norm(i)).collect();
        assert_eq!(
            words,
            [
                "he's",
                "the",
                "u.k.'s",
                "father-of-two",
                ",",
                "don't",
                "3.5",
                "'90s",
                "."
            ]
        );
        assert_eq!(d.base(2), "u.k.");
    }

    #[test]
    fn quotation_marks_know_their_side() {
        let d = doc("said, \"I know,\" he");
        let roles: Vec<Role> = (0..d.toks.len())
            .filter_map(|i| d.mark(i))
            .map(|m| m.role)
            .collect();
        assert_eq!(roles, [Role::Open, Role::Close]);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        assert_eq!(
            sentences("Mr. Smith went to Washington. Dr. Jones did not. He met J. R. Doe."),
            [
                "Mr. Smith went to Washington.",
                "Dr. Jones did not.",
                "He met J. R. Doe."
            ]
        );
        assert_eq!(
            sentences("She told the U.K.'s Sunday Times in 2020. Then she left."),
            [
                "She told the U.K.'s Sunday Times in 2020.",
                "Then she left."
            ]
        );
        assert_eq!(
            sentences("It was in the U.S. Army. He moved to the U.S. He said so."),
            [
                "It was in the U.S. Army.",
                "He moved to the U.S.",
                "He said so."
            ]
        );
    }

    #[test]
    fn sentences_split_after_closing_quotes_and_not_inside() {
        assert_eq!(
            sentences("“I think so,” he said on Friday. “I don’t know.” Then? nope. Yes!"),
            [
                "“I think so,” he said on Friday.",
                "“I don’t know.”",
                "Then? nope.",
                "Yes!"
            ]
        );
    }

    #[test]
    fn spaced_ellipsis_does_not_end_a_sentence() {
        assert_eq!(
            sentences("John continues ... \"I don't want\" more."),
            ["John continues ... \"I don't want\" more."]
        );
    }

    #[test]
    fn paragraphs_by_blank_lines_and_lines() {
        let d = doc("One.\n\nTwo\nthree.\nFour.\n\n\n");
        let p: Vec<&str> = d.paras.iter().map(|r| &d.text[r.clone()]).collect();
        assert_eq!(p, ["One.", "Two\nthree.", "Four."]);
    }

    #[test]
    fn html_is_blanked_in_place() {
        let lex = Lexicon::defaults();
        let html = "<html><body><p>He said, &ldquo;Hi there now,&rdquo; then.</p><script>var x = \"a\";</script><p>Next.</p></body></html>";
        let p = prepare(html, &lex);
        assert_eq!(p.text.len(), html.len());
        assert!(p.warnings[0].contains("HTML"));
        assert!(!p.text.contains('<'));
        assert!(!p.text.contains("var x"));
        assert!(p.text.contains("“Hi there now,”"));
        let d = Doc::new(&p.text, &lex);
        assert_eq!(d.paras.len(), 2);
    }

    #[test]
    fn plain_text_is_not_html_and_binary_is_refused() {
        let lex = Lexicon::defaults();
        assert!(prepare("a < b and c > d", &lex).warnings.is_empty());
        let bin: String = (0..200u8).map(|b| char::from(b % 32)).collect();
        assert!(prepare(&bin, &lex).binary);
    }
}
