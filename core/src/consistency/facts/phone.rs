//! Phone numbers.
//!
//! What it detects: international numbers (`+31 20 474 7747`, `0031 20 4747747`,
//! `+44 (0)20 7946 0000`) and national ones starting with `0` (`020-474 7747`,
//! `(020) 4747747`, `0800 0123`). Why it matters: channels giving different numbers to
//! call. Example: `+31 20 474 7747` and `020 474 7747` are both `0204747747`: for the
//! country codes 31, 32, 33, 44 and 49 the value is the national form; other international
//! numbers keep `+` and their digits.

use std::sync::LazyLock;

use regex::Regex;

use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static PHONE: Pattern = LazyLock::new(|| {
    Regex::new(
        r"(?:\+|(?-u:\b)00)\d{1,3}[\s.-]?(?:\(0\)[\s.-]?)?\d(?:[\s.-]?\d){6,12}(?-u:\b)|\(0\d{1,4}\)[\s.-]?\d(?:[\s.-]?\d){4,9}(?-u:\b)|(?-u:\b)0\d(?:[\s.-]?\d){6,10}(?-u:\b)",
    )
});

/// Country codes whose national form is `0` + the rest.
const TRUNK_ZERO: &[&str] = &["31", "32", "33", "44", "49"];

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    if scan.digits {
        for m in compiled(&PHONE)?.find_iter(scan.text) {
            let raw = m.as_str();
            let international = raw.starts_with('+') || raw.starts_with("00");
            let raw = raw.replace("(0)", "");
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            let value = if international {
                let digits = digits.strip_prefix("00").unwrap_or(&digits);
                match TRUNK_ZERO.iter().find(|cc| digits.starts_with(**cc)) {
                    Some(cc) => format!("0{}", &digits[cc.len()..]),
                    None => format!("+{digits}"),
                }
            } else {
                digits
            };
            scan.push(FactKind::Phone, None, value, m.range());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Phone;

    #[test]
    fn national_form() {
        for text in [
            "+31 20 474 7747",
            "020-474 7747",
            "(020) 4747747",
            "0031 20 4747747",
            "+31 (0)20 474 7747",
        ] {
            assert_eq!(values(text, Phone), ["0204747747"], "{text}");
        }
        assert_eq!(values("call 0800 0123", Phone), ["08000123"]);
        assert_eq!(values("+1 212 555 0100", Phone), ["+12125550100"]);
    }
}
