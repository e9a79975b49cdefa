//! Numbers in answers: digits with English or Dutch separators, and number words up to
//! twenty in English and Dutch.
//!
//! Amounts are kept as integer thousandths so that equality is exact.

/// Number words, longest first so that a pattern alternation prefers `eighteen` to `eight`.
const WORDS: &[(&str, i64)] = &[
    ("zeventien", 17),
    ("negentien", 19),
    ("achttien", 18),
    ("veertien", 14),
    ("vijftien", 15),
    ("seventeen", 17),
    ("thirteen", 13),
    ("fourteen", 14),
    ("eighteen", 18),
    ("nineteen", 19),
    ("dertien", 13),
    ("zestien", 16),
    ("fifteen", 15),
    ("sixteen", 16),
    ("twintig", 20),
    ("twaalf", 12),
    ("twelve", 12),
    ("eleven", 11),
    ("twenty", 20),
    ("seven", 7),
    ("eight", 8),
    ("three", 3),
    ("zeven", 7),
    ("negen", 9),
    ("zero", 0),
    ("four", 4),
    ("five", 5),
    ("nine", 9),
    ("twee", 2),
    ("drie", 3),
    ("vier", 4),
    ("vijf", 5),
    ("acht", 8),
    ("tien", 10),
    ("één", 1),
    ("one", 1),
    ("two", 2),
    ("six", 6),
    ("ten", 10),
    ("nul", 0),
    ("zes", 6),
    ("elf", 11),
];

/// A regex alternation of every number word, each between word boundaries.
///
/// The boundaries are ASCII (`(?-u:\b)`): a Unicode `\b` makes the regex engine fall back
/// to its slow path on any non-ASCII text (`€`), which costs seconds on a megabyte. So
/// `één` comes last, without a boundary before its accented first letter.
pub(crate) fn words_alternation() -> String {
    let (ascii, other): (Vec<&str>, Vec<&str>) =
        WORDS.iter().map(|(w, _)| *w).partition(|w| w.is_ascii());
    let mut out = format!(r"(?-u:\b)(?:{})(?-u:\b)", ascii.join("|"));
    for word in other {
        out.push('|');
        out.push_str(word);
    }
    out
}

/// The value of a number word (any case), if it is one. `een` and `a` are not here: they
/// are mostly articles, and only the extractors that know the context read them as one.
pub(crate) fn word_value(word: &str) -> Option<i64> {
    lower_word_value(&word.to_lowercase())
}

/// [`word_value`] of a word already in lowercase.
pub(crate) fn lower_word_value(lower: &str) -> Option<i64> {
    WORDS.iter().find(|(w, _)| *w == lower).map(|(_, v)| *v)
}

/// Parses digits with `.`/`,` separators into thousandths.
///
/// When both separators occur, the last one is the decimal mark (`1.000,50`, `1,000.50`).
/// A lone separator followed by exactly three digits groups thousands (`1.000`, `1,000`);
/// followed by one or two digits it is the decimal mark (`25,5`, `25.50`). A Dutch `,-`
/// ending (`25,-`) means whole units. Returns `None` for anything else, and on overflow.
pub(crate) fn parse_number(text: &str) -> Option<i64> {
    let text = text.strip_suffix(",-").unwrap_or(text);
    let last_sep = text.rfind(['.', ',']);
    let (int_part, frac_part) = match last_sep {
        None => (text, ""),
        Some(pos) => {
            let sep = text[pos..].chars().next()?;
            let after = &text[pos + 1..];
            let other = if sep == '.' { ',' } else { '.' };
            let sep_count = text.matches(sep).count();
            if text.contains(other) || (sep_count == 1 && after.len() != 3) {
                (&text[..pos], after)
            } else {
                (text, "")
            }
        }
    };
    if frac_part.len() > 3 || !frac_part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let mut whole: i64 = 0;
    let mut digits = 0;
    for (i, group) in int_part.split(['.', ',']).enumerate() {
        // Thousands groups after the first have exactly three digits.
        if group.is_empty() || (i > 0 && group.len() != 3) {
            return None;
        }
        for b in group.bytes() {
            if !b.is_ascii_digit() {
                return None;
            }
            digits += 1;
            whole = whole.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
        }
    }
    if digits == 0 {
        return None;
    }
    let mut frac: i64 = 0;
    for i in 0..3 {
        let d = frac_part
            .as_bytes()
            .get(i)
            .map_or(0, |b| i64::from(b - b'0'));
        frac = frac * 10 + d;
    }
    whole.checked_mul(1000)?.checked_add(frac)
}

/// Parses digits (see [`parse_number`]) or a number word into thousandths.
pub(crate) fn parse_any(text: &str) -> Option<i64> {
    parse_number(text).or_else(|| word_value(text).map(|v| v * 1000))
}

/// Renders thousandths with as few decimals as needed: `25`, `12.5`, `0.125`.
pub(crate) fn render(thousandths: i64) -> String {
    let sign = if thousandths < 0 { "-" } else { "" };
    let abs = thousandths.unsigned_abs();
    let (whole, frac) = (abs / 1000, abs % 1000);
    if frac == 0 {
        return format!("{sign}{whole}");
    }
    let digits = format!("{frac:03}");
    format!("{sign}{whole}.{}", digits.trim_end_matches('0'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators() {
        assert_eq!(parse_number("25"), Some(25_000));
        assert_eq!(parse_number("25,00"), Some(25_000));
        assert_eq!(parse_number("25.50"), Some(25_500));
        assert_eq!(parse_number("25,-"), Some(25_000));
        assert_eq!(parse_number("1.000"), Some(1_000_000));
        assert_eq!(parse_number("1,000"), Some(1_000_000));
        assert_eq!(parse_number("1.000,50"), Some(1_000_500));
        assert_eq!(parse_number("1,000.50"), Some(1_000_500));
        assert_eq!(parse_number("1.234.567"), Some(1_234_567_000));
        assert_eq!(parse_number("1,5"), Some(1_500));
        assert_eq!(parse_number("1..5"), None);
        assert_eq!(parse_number("99999999999999999999999"), None);
    }

    #[test]
    fn words() {
        assert_eq!(word_value("Twee"), Some(2));
        assert_eq!(word_value("fourteen"), Some(14));
        assert_eq!(word_value("één"), Some(1));
        assert_eq!(word_value("twenty"), Some(20));
        assert_eq!(word_value("een"), None);
        assert_eq!(WORDS.len(), 42);
    }

    #[test]
    fn rendering() {
        assert_eq!(render(25_000), "25");
        assert_eq!(render(12_500), "12.5");
        assert_eq!(render(125), "0.125");
    }
}
