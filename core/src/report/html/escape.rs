//! HTML escaping of text and attribute values.

use std::fmt;

/// Text made safe for HTML text and for double- or single-quoted attribute values: `&`,
/// `<`, `>`, `"` and `'` become character references, and control characters other than
/// tab and line breaks become U+FFFD. Markup in customer texts (`<script>`, `onerror=`,
/// `javascript:` URLs) thus shows as the text it is and never becomes a tag or attribute.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Esc<'a>(pub(crate) &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = self.0;
        let mut from = 0;
        for (i, c) in text.char_indices() {
            let replacement = match c {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                '\t' | '\n' => continue,
                '\r' => "",
                c if c.is_control() => "\u{FFFD}",
                _ => continue,
            };
            f.write_str(&text[from..i])?;
            f.write_str(replacement)?;
            from = i + c.len_utf8();
        }
        f.write_str(&text[from..])
    }
}

/// `text` cut to at most `max` characters, with `…` where cut.
pub(crate) fn cut(text: &str, max: usize) -> std::borrow::Cow<'_, str> {
    match text.char_indices().nth(max) {
        None => std::borrow::Cow::Borrowed(text),
        Some((i, _)) => std::borrow::Cow::Owned(format!("{}…", &text[..i])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_text() {
        let s = Esc(r#"<script>alert("x")</script> <img src=x onerror='y'> & co"#).to_string();
        assert_eq!(
            s,
            "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &lt;img src=x onerror=&#39;y&#39;&gt; &amp; co"
        );
        assert_eq!(Esc("a\u{0}b\r\nc\td").to_string(), "a\u{FFFD}b\nc\td");
        assert_eq!(Esc("héllo 👋").to_string(), "héllo 👋");
    }

    #[test]
    fn cut_counts_characters() {
        assert_eq!(cut("abcdef", 3), "abc…");
        assert_eq!(cut("abc", 3), "abc");
        assert_eq!(cut("ééééé", 2), "éé…");
    }
}
