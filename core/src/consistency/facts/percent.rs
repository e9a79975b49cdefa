//! Percentages.
//!
//! What it detects: `10%`, `12,5 %`, `10 percent`, `tien procent`. Why it matters: a
//! discount or surcharge quoted differently. Example: `12,5%` and `12.5 percent` are `12.5%`.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{parse_any, render, words_alternation};
use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static PERCENT: Pattern = LazyLock::new(|| {
    let words = words_alternation();
    Regex::new(&format!(
        r"(?i)(?P<n>(?-u:\b)\d+(?:[.,]\d+)?|{words})\s?(?:%|(?:percent|per cent|procent)(?-u:\b))"
    ))
});

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    for caps in compiled(&PERCENT)?.captures_iter(scan.text) {
        let (Some(whole), Some(n)) = (caps.get(0), caps.name("n")) else {
            continue;
        };
        // A lone separator here is a decimal mark, never a thousands group.
        let digits = n.as_str().replace(',', ".");
        let Some(value) = parse_any(&digits).or_else(|| parse_any(n.as_str())) else {
            continue;
        };
        scan.push(
            FactKind::Percent,
            None,
            format!("{}%", render(value)),
            whole.range(),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Percent;

    #[test]
    fn forms() {
        assert_eq!(values("10% off", Percent), ["10%"]);
        assert_eq!(values("12,5 % korting", Percent), ["12.5%"]);
        assert_eq!(values("12.5 percent", Percent), ["12.5%"]);
        assert_eq!(values("tien procent", Percent), ["10%"]);
    }
}
