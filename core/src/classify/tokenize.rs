//! Splitting text into segments on unicode-segmentation word boundaries, with byte offsets.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

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
///
/// The boundaries are exactly those of unicode-segmentation's `split_word_bound_indices`
/// (a property test checks it). Runs of ASCII are split by hand, which is several times
/// faster than the general tables; wherever a boundary could depend on a non-ASCII
/// character (a combining mark after a letter, a letter after an infix dot, a wide space
/// after a space) the text from there up to the next certain boundary goes through
/// unicode-segmentation itself.
pub(crate) fn segments(text: &str) -> Segments<'_> {
    Segments {
        text,
        pos: 0,
        general: None,
    }
}

/// The iterator of [`segments`].
#[derive(Debug)]
pub(crate) struct Segments<'a> {
    text: &'a str,
    /// Where the next segment starts (outside a general chunk).
    pos: usize,
    /// A chunk being split by unicode-segmentation: its segments and its offset in `text`.
    general: Option<(UWordBoundIndices<'a>, usize)>,
}

impl Segments<'_> {
    /// The next segment of the chunk being split by unicode-segmentation, if any.
    #[cold]
    fn next_general(&mut self) -> Option<Segment> {
        let (iter, offset) = self.general.as_mut()?;
        match iter.next() {
            Some((start, s)) => {
                let start = *offset + start;
                Some(Segment {
                    kind: kind_of(s),
                    start,
                    end: start + s.len(),
                })
            }
            None => {
                self.general = None;
                None
            }
        }
    }

    /// Starts splitting from `pos` to the next certain boundary with the general tables.
    #[cold]
    fn start_general(&mut self, pos: usize) -> Option<Segment> {
        let end = next_safe_boundary(self.text.as_bytes(), pos);
        let chunk = self.text.get(pos..end).unwrap_or_default();
        self.pos = end;
        self.general = Some((chunk.split_word_bound_indices(), pos));
        self.next_general()
    }
}

impl Iterator for Segments<'_> {
    type Item = Segment;

    #[inline]
    fn next(&mut self) -> Option<Segment> {
        if self.general.is_some() {
            if let Some(seg) = self.next_general() {
                return Some(seg);
            }
        }
        let pos = self.pos;
        match ascii_segment(self.text.as_bytes(), pos) {
            Ascii::Segment(seg) => {
                self.pos = seg.end;
                Some(seg)
            }
            Ascii::End => None,
            Ascii::Unsure => self.start_general(pos),
        }
    }
}

/// Byte classes of the ASCII fast path.
const CORE: u8 = 1;
const DIGIT: u8 = 2;
const ALPHA: u8 = 4;
const INFIX: u8 = 8;
const NON_ASCII: u8 = 16;

/// The class of every byte: letters, digits and `_` join into a word (CORE, WB5-WB13a);
/// `.` `,` `;` `'` `:` can join two letters or two digits (INFIX, WB6/WB7, WB11/WB12).
static CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_digit() {
            CORE | DIGIT
        } else if c.is_ascii_alphabetic() {
            CORE | ALPHA
        } else if c == b'_' {
            CORE
        } else if matches!(c, b'.' | b',' | b';' | b'\'' | b':') {
            INFIX
        } else if !c.is_ascii() {
            NON_ASCII
        } else {
            0
        };
        b += 1;
    }
    t
};

#[inline]
fn class(b: u8) -> u8 {
    CLASS[b as usize]
}

/// Whether `b` joins `prev` and `next` into one word: `1.5`, `1,5`, `1;2`, `1'000` between
/// digits, `e.g`, `don't`, `a:b` between letters.
#[inline]
fn joins(b: u8, prev: u8, next: u8) -> bool {
    match b {
        b'.' | b',' | b';' | b'\'' if class(prev) & class(next) & DIGIT != 0 => true,
        b'\'' | b'.' | b':' if class(prev) & class(next) & ALPHA != 0 => true,
        _ => false,
    }
}

/// What the ASCII rules say about the segment at a position.
enum Ascii {
    /// The segment, certain.
    Segment(Segment),
    /// The end of the text.
    End,
    /// Non-ASCII text could change it: ask unicode-segmentation.
    Unsure,
}

/// The segment starting at `pos` when the ASCII rules decide it on their own.
#[inline]
fn ascii_segment(bytes: &[u8], pos: usize) -> Ascii {
    let Some(&first) = bytes.get(pos) else {
        return Ascii::End;
    };
    let c = class(first);
    // The segment is certain when the byte after it is ASCII (non-ASCII could be a mark
    // that attaches, a letter or digit that continues a word, or a wide space).
    let ascii_at = |i: usize| bytes.get(i).is_none_or(|&b| class(b) & NON_ASCII == 0);
    let seg = |kind, end| {
        Ascii::Segment(Segment {
            kind,
            start: pos,
            end,
        })
    };
    if c & CORE != 0 {
        let mut i = pos + 1;
        let mut number = c & DIGIT != 0;
        while let Some(&b) = bytes.get(i) {
            let cb = class(b);
            if cb & CORE != 0 {
                number &= cb & DIGIT != 0;
            } else if cb & INFIX != 0 {
                let Some(&next) = bytes.get(i + 1) else {
                    break;
                };
                if class(next) & NON_ASCII != 0 {
                    // A non-ASCII letter or digit after the infix would join it.
                    return Ascii::Unsure;
                }
                let prev = bytes.get(i - 1).copied().unwrap_or(0);
                if !joins(b, prev, next) {
                    break;
                }
                number &= matches!(b, b'.' | b',');
            } else {
                break;
            }
            i += 1;
        }
        if !ascii_at(i) {
            return Ascii::Unsure;
        }
        let kind = if first == b'_' {
            SegmentKind::Punct
        } else if number {
            SegmentKind::Number
        } else {
            SegmentKind::Word
        };
        return seg(kind, i);
    }
    match first {
        b' ' => {
            let mut i = pos + 1;
            while bytes.get(i) == Some(&b' ') {
                i += 1;
            }
            if ascii_at(i) {
                seg(SegmentKind::Space, i)
            } else {
                Ascii::Unsure
            }
        }
        // CR LF stays together; after CR, LF, VT and FF there is always a boundary (WB3a).
        b'\r' if bytes.get(pos + 1) == Some(&b'\n') => seg(SegmentKind::Space, pos + 2),
        b'\r' | b'\n' | 0x0B | 0x0C => seg(SegmentKind::Space, pos + 1),
        _ if c & NON_ASCII != 0 || !ascii_at(pos + 1) => Ascii::Unsure,
        b'\t' => seg(SegmentKind::Space, pos + 1),
        _ => seg(SegmentKind::Punct, pos + 1),
    }
}

/// The first position after `pos` that is certainly a word boundary whatever precedes it:
/// an ASCII space right after an ASCII character other than a space (nothing joins a space
/// to what is before it but another space), or the end of the text.
fn next_safe_boundary(bytes: &[u8], pos: usize) -> usize {
    let mut i = pos + 1;
    while let Some(&b) = bytes.get(i) {
        if b == b' ' && bytes.get(i - 1).is_some_and(|p| p.is_ascii() && *p != b' ') {
            return i;
        }
        i += 1;
    }
    bytes.len()
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

/// Words up to this many bytes are folded on the stack.
pub(crate) const FOLD_MAX: usize = 32;

/// The lowercase form of `word` for lookups, and its capitals (see [`caps_letters`]), in
/// one pass for an ASCII word up to [`FOLD_MAX`] bytes (folded into `buf`); other words
/// are folded into `spill` by [`lowercase_into`].
#[inline]
pub(crate) fn fold<'a>(
    word: &str,
    buf: &'a mut [u8; FOLD_MAX],
    spill: &'a mut String,
) -> (&'a [u8], u32) {
    let bytes = word.as_bytes();
    if let Some(dst) = buf.get_mut(..bytes.len()) {
        let mut ascii = true;
        let mut lower = false;
        let mut upper = 0u32;
        for (d, &b) in dst.iter_mut().zip(bytes) {
            ascii &= b.is_ascii();
            lower |= b.is_ascii_lowercase();
            let up = b.is_ascii_uppercase();
            upper += u32::from(up);
            *d = b | (u8::from(up) << 5);
        }
        if ascii {
            let caps = if lower || upper < 2 { 0 } else { upper };
            return (dst, caps);
        }
    }
    lowercase_into(word, spill);
    (spill.as_bytes(), caps_letters(word))
}

/// Letters of `s` when it is all capitals with at least two letters, else 0.
pub(crate) fn caps_letters(s: &str) -> u32 {
    let mut letters = 0u32;
    for c in s.chars() {
        if c.is_lowercase() {
            return 0;
        }
        if c.is_uppercase() {
            letters += 1;
        }
    }
    if letters >= 2 {
        letters
    } else {
        0
    }
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
    use proptest::strategy::Strategy;

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

    /// The segments as unicode-segmentation makes them, kinds from [`kind_of`].
    fn reference(text: &str) -> Vec<Segment> {
        text.split_word_bound_indices()
            .map(|(start, s)| Segment {
                kind: kind_of(s),
                start,
                end: start + s.len(),
            })
            .collect()
    }

    #[test]
    fn ascii_fast_path_agrees_on_tricky_cases() {
        for text in [
            "",
            " ",
            "a",
            "don't stop",
            "e.g. 3.14 1,5 1;2 1'000 a:b a.b.c a..b 1..2 a. .a",
            "_a a_ __ 9_ _9 a_b",
            "café é.a a.é 1.٣ a.\u{301}b ab\u{301} a\u{200d}b",
            " \u{301} x  \u{3000} y \u{3000}\u{3000}",
            "\r\n\r\r\u{301}\n\u{301}\x0b\x0c\t\t\u{301}",
            "#fail 😡😡 👍🏽 🇳🇱🇬🇧 👨\u{200d}👩\u{200d}👧 x",
            "a\u{00ad}b a\u{feff}b NOT HAPPY!!! ？！",
            "שלום\"א a\"b 漢字 ｶﾀｶﾅ カタカナ",
        ] {
            assert_eq!(
                segments(text).collect::<Vec<_>>(),
                reference(text),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4000))]

        #[test]
        fn segments_equal_unicode_segmentation(
            pieces in proptest::collection::vec(proptest::prop_oneof![
                4 => proptest::sample::select(vec![
                    "a", "Z", "é", "ß", "1", "٣", "½", "_", ".", ",", ";", ":", "'", "\"",
                    "’", " ", " ", "  ", "\t", "\r", "\n", "\r\n", "\x0b", "!", "?", "-",
                    "#", "@", "😡", "👍", "🏽", "\u{200d}", "\u{301}", "\u{00ad}", "\u{feff}",
                    "\u{00a0}", "\u{3000}", "\u{2003}", "🇳", "🇱", "א", "漢", "ｶ", "カ",
                    "\u{fe0f}", "\u{20e3}", "\u{203f}", "\u{ff3f}", "\u{85}", "\u{2028}",
                ]).prop_map(str::to_string),
                1 => "\\PC{1,3}",
                1 => "[a-z0-9 .,']{1,6}",
            ], 0..24)
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(segments(&text).collect::<Vec<_>>(), reference(&text));
        }
    }
}
