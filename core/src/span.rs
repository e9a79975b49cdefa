//! Offsets in text for each language's string indexing.
//!
//! Core reports spans as UTF-8 byte offsets (Rust's `str` indexing). Python indexes strings
//! by code point and JavaScript by UTF-16 code unit, so the bindings convert every span
//! with these functions before handing it over, and a user interface can highlight
//! `text[start:end]` (Python) or `text.slice(start, end)` (JavaScript) directly.

use std::ops::Range;

/// How a language indexes its strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum OffsetUnit {
    /// UTF-8 bytes (Rust).
    Utf8Byte,
    /// Unicode code points (Python).
    CodePoint,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
}

/// Converts UTF-8 byte offsets into `text` to offsets in `unit`, in one pass over the text.
///
/// `offsets` may come in any order; each must lie on a character boundary of `text` (a
/// span that core produced always does). An offset inside a character or past the end is
/// clamped to the start of that character or to the end of the text.
///
/// # Example
///
/// ```
/// use webcare::span::{convert_offsets, OffsetUnit};
///
/// let text = "€25 😀 ok";
/// // "ok" starts at byte 11: "€" is 3 bytes, "😀" 4.
/// assert_eq!(convert_offsets(text, &[11, 13], OffsetUnit::CodePoint), vec![6, 8]);
/// assert_eq!(convert_offsets(text, &[11, 13], OffsetUnit::Utf16), vec![7, 9]);
/// ```
pub fn convert_offsets(text: &str, offsets: &[usize], unit: OffsetUnit) -> Vec<usize> {
    if unit == OffsetUnit::Utf8Byte || text.is_ascii() {
        return offsets.iter().map(|&o| o.min(text.len())).collect();
    }
    let mut order: Vec<usize> = (0..offsets.len()).collect();
    order.sort_unstable_by_key(|&i| offsets[i]);
    let mut out = vec![0; offsets.len()];
    let mut chars = text.char_indices().peekable();
    let mut converted = 0;
    for i in order {
        let target = offsets[i].min(text.len());
        while let Some(&(byte, c)) = chars.peek() {
            if byte + c.len_utf8() > target {
                break;
            }
            converted += match unit {
                OffsetUnit::Utf16 => c.len_utf16(),
                _ => 1,
            };
            chars.next();
        }
        out[i] = converted;
    }
    out
}

/// Converts one UTF-8 byte range into `unit` offsets (see [`convert_offsets`]).
pub fn convert_span(text: &str, span: Range<usize>, unit: OffsetUnit) -> Range<usize> {
    SpanConverter::new(text, unit).convert(span)
}

/// Converts UTF-8 byte ranges of one text into `unit` offsets, as [`convert_offsets`] does,
/// without allocating. Ranges in ascending order of start (as a classification's signals
/// come) are converted in one pass over the text: each start is counted on from the last.
/// A range that starts before the last one is counted from the beginning again.
///
/// # Example
///
/// ```
/// use webcare::span::{OffsetUnit, SpanConverter};
///
/// let mut spans = SpanConverter::new("€25 😀 ok", OffsetUnit::Utf16);
/// assert_eq!(spans.convert(0..3), 0..1);
/// assert_eq!(spans.convert(11..13), 7..9);
/// ```
#[derive(Debug, Clone)]
pub struct SpanConverter<'t> {
    text: &'t str,
    unit: OffsetUnit,
    /// Byte offsets are the answer: UTF-8 asked for, or ASCII text.
    bytes: bool,
    /// The last start, a character boundary, and its offset in `unit`.
    at: usize,
    counted: usize,
}

impl<'t> SpanConverter<'t> {
    /// A converter for ranges of `text`.
    pub fn new(text: &'t str, unit: OffsetUnit) -> SpanConverter<'t> {
        SpanConverter {
            text,
            unit,
            bytes: unit == OffsetUnit::Utf8Byte || text.is_ascii(),
            at: 0,
            counted: 0,
        }
    }

    /// `span` in `unit` offsets; an offset inside a character or past the end is clamped
    /// as in [`convert_offsets`].
    pub fn convert(&mut self, span: Range<usize>) -> Range<usize> {
        let len = self.text.len();
        if self.bytes {
            return span.start.min(len)..span.end.min(len);
        }
        let start = self.boundary(span.start);
        if start < self.at {
            self.at = 0;
            self.counted = 0;
        }
        self.counted += self.units(self.at, start);
        self.at = start;
        let end = self.boundary(span.end);
        let end = if end >= start {
            self.counted + self.units(start, end)
        } else {
            self.units(0, end)
        };
        self.counted..end
    }

    /// The character boundary at or before `offset` (the end past it).
    fn boundary(&self, offset: usize) -> usize {
        let mut at = offset.min(self.text.len());
        while !self.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }

    /// The `unit` offsets between two character boundaries.
    fn units(&self, from: usize, to: usize) -> usize {
        let part = self.text.get(from..to).unwrap_or_default();
        match self.unit {
            OffsetUnit::Utf16 => part.chars().map(char::len_utf16).sum(),
            _ => part.chars().count(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_span_converter_agrees_with_convert_offsets() {
        let texts = ["", "ok", "€25 😀 ok", "naïve café", "😀😀x", "a\u{301}b"];
        for text in texts {
            for unit in [
                OffsetUnit::CodePoint,
                OffsetUnit::Utf16,
                OffsetUnit::Utf8Byte,
            ] {
                let offsets: Vec<usize> = (0..=text.len() + 2).collect();
                let expected = convert_offsets(text, &offsets, unit);
                let spans = offsets
                    .iter()
                    .flat_map(|&a| offsets.iter().map(move |&b| (a, b)));
                // One converter for all: starts ascend, then fall back to 0 for each `a`.
                let mut converter = SpanConverter::new(text, unit);
                for (a, b) in spans {
                    let got = converter.convert(a..b);
                    assert_eq!(got, expected[a]..expected[b], "{text:?} {a}..{b} {unit:?}");
                    assert_eq!(convert_span(text, a..b, unit), got);
                }
            }
        }
    }

    #[test]
    fn every_boundary_of_mixed_text() {
        let text = "Héllo 👋🏽 wereld — ok";
        let bytes: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain([text.len()])
            .collect();
        let points = convert_offsets(text, &bytes, OffsetUnit::CodePoint);
        assert_eq!(points, (0..bytes.len()).collect::<Vec<_>>());
        let units = convert_offsets(text, &bytes, OffsetUnit::Utf16);
        for (b, u) in bytes.iter().zip(units) {
            assert_eq!(text[..*b].encode_utf16().count(), u);
        }
    }

    #[test]
    fn unsorted_and_out_of_range() {
        let text = "a€b";
        assert_eq!(
            convert_offsets(text, &[5, 0, 99], OffsetUnit::CodePoint),
            vec![3, 0, 3]
        );
        assert_eq!(
            convert_offsets(text, &[2], OffsetUnit::CodePoint),
            vec![1],
            "inside € clamps to its start"
        );
    }
}
