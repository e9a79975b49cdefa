//! Splitting text into segments on unicode-segmentation word boundaries, with byte offsets.

use unicode_segmentation::UnicodeSegmentation;

/// What a segment between two word boundaries is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SegmentKind {
    /// Letters (possibly with digits, apostrophes, inner dots).
    Word,
    /// Only digits (and separators such as "1,5").
    Number,
    /// An emoji or emoji sequence.
    Emoji,
    /// White space.
    Space,
    /// Anything else: punctuation, symbols.
    Punct,
}

/// One segment: its kind and byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Segment {
    pub kind: SegmentKind,
    pub start: usize,
    pub end: usize,
}

/// The segments of `text`, in order, covering it entirely.
pub(crate) fn segments(text: &str) -> impl Iterator<Item = Segment> + '_ {
    text.split_word_bound_indices().map(|(start, s)| Segment {
        kind: kind_of(s),
        start,
        end: start + s.len(),
    })
}

fn kind_of(s: &str) -> SegmentKind {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return SegmentKind::Space;
    };
    if first.is_alphanumeric() {
        if s.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            SegmentKind::Number
        } else {
            SegmentKind::Word
        }
    } else if first.is_whitespace() {
        SegmentKind::Space
    } else if is_emoji(first) {
        SegmentKind::Emoji
    } else {
        SegmentKind::Punct
    }
}

/// Whether `c` starts an emoji (pictographs, dingbats, flags, symbols with emoji presentation).
pub(crate) fn is_emoji(c: char) -> bool {
    matches!(c as u32,
        0x1F000..=0x1FAFF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0x2300..=0x23FF)
}

/// Appends the lowercase form of `word` to `out`, with typographic apostrophes folded to `'`.
pub(crate) fn lowercase_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '\u{2019}' | '\u{2018}' | '\u{02BC}' => out.push('\''),
            c => out.extend(c.to_lowercase()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_cover_text_with_byte_offsets() {
        let text = "Niet blij 😡!! don't";
        let segs: Vec<_> = segments(text).collect();
        assert_eq!(segs.first().map(|s| s.start), Some(0));
        assert_eq!(segs.last().map(|s| s.end), Some(text.len()));
        let words: Vec<_> = segs
            .iter()
            .filter(|s| s.kind == SegmentKind::Word)
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(words, ["Niet", "blij", "don't"]);
        assert!(segs.iter().any(|s| s.kind == SegmentKind::Emoji));
    }
}
