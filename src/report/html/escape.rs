//! Escaping: every string that comes from a user's files (ids, names, quotes, article
//! text, paths, messages built from them) goes through these before it reaches the page.
//! Text escapes `&`, `<`, `>`, quotes and apostrophes, so the same function serves text
//! and double- or single-quoted attribute values; bidirectional embedding, override and
//! isolate controls (the "Trojan Source" characters) and other control characters are shown
//! as visible `⟨U+202E⟩` marks instead of silently reordering the text around them.

/// Appends `s` escaped for HTML text or a quoted attribute value.
pub fn push(out: &mut String, s: &str) {
    let mut start = 0;
    for (i, c) in s.char_indices() {
        let rep: Option<&str> = match c {
            '&' => Some("&amp;"),
            '<' => Some("&lt;"),
            '>' => Some("&gt;"),
            '"' => Some("&quot;"),
            '\'' => Some("&#39;"),
            _ => None,
        };
        if let Some(rep) = rep {
            out.push_str(&s[start..i]);
            out.push_str(rep);
            start = i + c.len_utf8();
        } else if is_hidden_control(c) {
            out.push_str(&s[start..i]);
            out.push_str(&format!("\u{27e8}U+{:04X}\u{27e9}", c as u32));
            start = i + c.len_utf8();
        }
    }
    out.push_str(&s[start..]);
}

/// `s` escaped (see [`push`]).
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push(&mut out, s);
    out
}

/// Characters that change how text around them displays without showing themselves:
/// bidi embeddings, overrides and isolates, and C0/C1 controls other than tab and line
/// breaks. Left-to-right and right-to-left marks stay: right-to-left text needs them.
fn is_hidden_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
        || (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Appends a message or explanation: text between balanced backticks becomes `<code>`
/// (the way the messages mark ids and values), the rest is escaped text. With an odd
/// number of backticks they are kept as plain characters.
pub fn push_inline(out: &mut String, s: &str) {
    if !s.matches('`').count().is_multiple_of(2) {
        push(out, s);
        return;
    }
    for (k, part) in s.split('`').enumerate() {
        if k % 2 == 1 {
            out.push_str("<code>");
            push(out, part);
            out.push_str("</code>");
        } else {
            push(out, part);
        }
    }
}

/// [`push_inline`] into a new string.
#[cfg(test)]
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    push_inline(&mut out, s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_quotes_and_ampersands_are_escaped() {
        assert_eq!(
            esc(r#"<script>alert("x")</script> & 'y'"#),
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;"
        );
        assert_eq!(esc("&amp;"), "&amp;amp;", "entities are not trusted");
        assert_eq!(esc("Légende — «ok»"), "Légende — «ok»");
    }

    #[test]
    fn bidi_overrides_and_controls_are_shown_not_obeyed() {
        assert_eq!(
            esc("abc\u{202e}fed\u{2066}x\u{2069}"),
            "abc\u{27e8}U+202E\u{27e9}fed\u{27e8}U+2066\u{27e9}x\u{27e8}U+2069\u{27e9}"
        );
        assert_eq!(esc("a\u{0}b\u{1b}[31m"), "a⟨U+0000⟩b⟨U+001B⟩[31m");
        // Marks that right-to-left text needs are kept, and so are line breaks.
        assert_eq!(
            esc("שלום\u{200f} ok\u{200e}\n"),
            "שלום\u{200f} ok\u{200e}\n"
        );
    }

    #[test]
    fn backticks_become_code_and_their_content_is_escaped() {
        assert_eq!(
            inline("`a<b>` contradicts `c&d`"),
            "<code>a&lt;b&gt;</code> contradicts <code>c&amp;d</code>"
        );
        assert_eq!(inline("odd ` mark <x>"), "odd ` mark &lt;x&gt;");
        assert_eq!(inline("no marks"), "no marks");
    }
}
