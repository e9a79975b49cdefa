//! Offsets in text for each language's string indexing.
//!
//! Core reports spans as UTF-8 byte offsets (Rust's `str` indexing). Python indexes strings
//! by code point and JavaScript by UTF-16 code unit, so the bindings convert every span
//! with these functions before handing it over, and a user interface can highlight
//! `text[start:end]` (Python) or `text.slice(start, end)` (JavaScript) directly.

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
pub fn convert_span(
    text: &str,
    span: std::ops::Range<usize>,
    unit: OffsetUnit,
) -> std::ops::Range<usize> {
    let converted = convert_offsets(text, &[span.start, span.end], unit);
    converted[0]..converted[1]
}

#[cfg(test)]
mod tests {
    use super::*;

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
