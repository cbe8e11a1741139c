//! A fast path for the claim lines `claimcheck export` writes: `{"claim": {…}}` with plain string values, a name or no object, and
//! `valid` as a mapping of date strings. Such a line is read straight into a [`Claim`]
//! with the spans the general path gives, without serde's span protocol.
//!
//! Anything else — another item, an escape in a string, a number, a key it does not
//! know, a duplicate key, a non-ASCII line, a date that does not parse, a `valid` the
//! general path would refuse — makes it give up (`None`), and the line goes through the
//! general path (`jsonl.rs`), which also gives every error its message. The tests compare
//! both paths line by line.

use crate::model::{
    Attribution, Claim, FileId, FuzzyDate, Located, Modality, ObjectValue, Origin, Polarity, Span,
    Valid,
};

/// Reads the claim line `text[start..end]` (line number `line`; `text` starts at byte
/// `base` of the file), or `None` when it is not in the subset.
pub fn claim_line(
    file: FileId,
    text: &str,
    start: usize,
    end: usize,
    line: u32,
    base: usize,
) -> Option<Claim> {
    if !text[start..end].is_ascii() {
        return None;
    }
    let mut s = Scanner {
        b: &text.as_bytes()[..end],
        text,
        pos: start,
        line_start: start,
        file,
        line,
        base,
    };
    s.byte(b'{')?;
    if s.key()? != "claim" {
        return None;
    }
    let claim = s.claim()?;
    // `"resolved": …` after the claim is left to the general path, which checks it.
    s.byte(b'}')?;
    s.ws();
    (s.pos == end).then_some(claim)
}

struct Scanner<'a> {
    b: &'a [u8],
    text: &'a str,
    pos: usize,
    line_start: usize,
    file: FileId,
    line: u32,
    base: usize,
}

impl<'a> Scanner<'a> {
    fn ws(&mut self) {
        while self.pos < self.b.len() && matches!(self.b[self.pos], b' ' | b'\t' | b'\r') {
            self.pos += 1;
        }
    }

    /// The next byte after white space, consumed.
    fn next(&mut self) -> Option<u8> {
        self.ws();
        let c = *self.b.get(self.pos)?;
        self.pos += 1;
        Some(c)
    }

    fn byte(&mut self, want: u8) -> Option<()> {
        (self.next()? == want).then_some(())
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span {
            file: self.file,
            line: self.line,
            column: (start - self.line_start + 1) as u32,
            start: (start + self.base) as u32,
            len: (end - start) as u32,
        }
    }

    /// A string without escapes: its text and its token's start and end.
    fn string(&mut self) -> Option<(&'a str, usize, usize)> {
        self.ws();
        let open = self.pos;
        if self.b.get(open) != Some(&b'"') {
            return None;
        }
        let rest = &self.b[open + 1..];
        let close = open + 1 + memchr::memchr2(b'"', b'\\', rest)?;
        if self.b[close] != b'"' || rest[..close - open - 1].iter().any(|&c| c < 0x20) {
            return None;
        }
        self.pos = close + 1;
        Some((&self.text[open + 1..close], open, close + 1))
    }

    /// A key and its colon.
    fn key(&mut self) -> Option<&'a str> {
        let (k, _, _) = self.string()?;
        self.byte(b':')?;
        Some(k)
    }

    fn located(&mut self) -> Option<Located<String>> {
        let (v, s, e) = self.string()?;
        Some(Located::new(v.to_string(), self.span(s, e)))
    }

    fn date(&mut self) -> Option<Located<FuzzyDate>> {
        let (v, s, e) = self.string()?;
        Some(Located::new(FuzzyDate::parse(v).ok()?, self.span(s, e)))
    }

    /// The claim object, up to its closing brace.
    fn claim(&mut self) -> Option<Claim> {
        self.ws();
        let open = self.pos;
        self.byte(b'{')?;
        let span = self.span(open, open + 1);
        let (mut id, mut source, mut subject, mut predicate) = (None, None, None, None);
        let (mut speaker, mut said, mut object, mut valid, mut quote, mut note) =
            (None, None, None, None, None, None);
        let (mut polarity, mut modality, mut attribution, mut origin, mut exclusive) =
            (None, None, None, None, None);
        let mut first = true;
        loop {
            if first {
                self.ws();
                if self.b.get(self.pos) == Some(&b'}') {
                    self.pos += 1;
                    break;
                }
            }
            first = false;
            let key = self.key()?;
            let fresh = match key {
                "id" => id.replace(self.located()?).is_none(),
                "source" => source.replace(self.located()?).is_none(),
                "subject" => subject.replace(self.located()?).is_none(),
                "predicate" => predicate.replace(self.located()?).is_none(),
                "speaker" => speaker.replace(self.located()?).is_none(),
                "quote" => quote.replace(self.located()?).is_none(),
                "note" => note.replace(self.string()?.0.to_string()).is_none(),
                "said" => said.replace(self.date()?).is_none(),
                "object" => {
                    let (v, s, e) = self.string()?;
                    let o = Located::new(ObjectValue::Name(v.to_string()), self.span(s, e));
                    object.replace(o).is_none()
                }
                "valid" => valid.replace(self.valid()?).is_none(),
                "polarity" => polarity
                    .replace(match self.string()?.0 {
                        "affirmed" => Polarity::Affirmed,
                        "denied" => Polarity::Denied,
                        "undetermined" => Polarity::Undetermined,
                        _ => return None,
                    })
                    .is_none(),
                "modality" => modality
                    .replace(match self.string()?.0 {
                        "asserted" => Modality::Asserted,
                        "hedged" => Modality::Hedged,
                        _ => return None,
                    })
                    .is_none(),
                "attribution" => attribution
                    .replace(match self.string()?.0 {
                        "direct" => Attribution::Direct,
                        "paraphrase" => Attribution::Paraphrase,
                        _ => return None,
                    })
                    .is_none(),
                "origin" => origin
                    .replace(match self.string()?.0 {
                        "written" => Origin::Written,
                        "extracted" => Origin::Extracted,
                        _ => return None,
                    })
                    .is_none(),
                "exclusive" => exclusive.replace(self.boolean()?).is_none(),
                _ => return None,
            };
            if !fresh {
                return None;
            }
            match self.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
        Some(Claim {
            id: id?,
            span,
            source: source?,
            attribution: attribution.unwrap_or(if speaker.is_some() {
                Attribution::Direct
            } else {
                Attribution::Paraphrase
            }),
            speaker,
            via: Box::default(),
            scope: Box::default(),
            retracts: None,
            said,
            subject: subject?,
            predicate: predicate?,
            object,
            polarity: polarity.unwrap_or(Polarity::Affirmed),
            modality: modality.unwrap_or(Modality::Asserted),
            exclusive: exclusive.unwrap_or(false),
            valid,
            quote,
            note,
            suppress: Vec::new(),
            origin: origin.unwrap_or(Origin::Written),
            confidence: None,
            suggested: false,
        })
    }

    fn boolean(&mut self) -> Option<bool> {
        self.ws();
        for (word, value) in [(&b"true"[..], true), (&b"false"[..], false)] {
            if self.b[self.pos..].starts_with(word) {
                self.pos += word.len();
                return Some(value);
            }
        }
        None
    }

    /// `valid` as a mapping of date strings, as the general path would accept it.
    fn valid(&mut self) -> Option<Located<Valid>> {
        self.ws();
        let open = self.pos;
        self.byte(b'{')?;
        let span = self.span(open, open + 1);
        let mut v = Valid::default();
        self.ws();
        if self.b.get(self.pos) == Some(&b'}') {
            self.pos += 1;
        } else {
            loop {
                let slot = match self.key()? {
                    "at" => &mut v.at,
                    "from" => &mut v.from,
                    "to" => &mut v.to,
                    "before" => &mut v.before,
                    "after" => &mut v.after,
                    _ => return None,
                };
                if slot.is_some() {
                    return None;
                }
                let (d, _, _) = self.string()?;
                *slot = Some(FuzzyDate::parse(d).ok()?);
                match self.next()? {
                    b',' => {}
                    b'}' => break,
                    _ => return None,
                }
            }
        }
        let forms = [
            v.at.is_some(),
            v.from.is_some() || v.to.is_some(),
            v.before.is_some() || v.after.is_some(),
        ];
        let refused = forms.iter().filter(|f| **f).count() > 1
            || matches!((v.after, v.before), (Some(a), Some(b)) if a.first_minute() >= b.last_minute())
            || matches!((v.from, v.to), (Some(f), Some(t)) if f.first_minute() > t.last_minute());
        (!refused).then(|| Located::new(v, span))
    }
}
