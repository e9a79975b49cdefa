//! Money: an amount with its currency.
//!
//! What it detects: `EUR 25`, `€25,00`, `€ 1.000,-`, `£25`, `$9.99`, `25 euro`, `25 EUR`,
//! `twenty pounds`, `vijf euro`. Why it matters: a fee or refund quoted differently on two
//! channels is the classic inconsistency. Example: `€25,00` and `EUR 25` are both
//! `EUR 25.00`; `£25` is `GBP 25.00`, a different value.

use std::sync::LazyLock;

use regex::Regex;

use super::numbers::{parse_any, words_alternation};
use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

const NUMBER: &str = r"\d[\d.,]*\d(?:,-)?|\d(?:,-)?";

static MONEY: Pattern = LazyLock::new(|| {
    let words = words_alternation();
    Regex::new(&format!(
        r"(?i)(?P<pre>€|£|\$|(?-u:\b)(?:eur|euro|gbp|usd))\s?(?P<a1>{NUMBER})|(?P<a2>(?-u:\b)(?:{NUMBER})|{words})\s?(?P<post>€|£|\$|(?:eur|euros?|gbp|pounds?|usd|dollars?)(?-u:\b))"
    ))
});

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    for caps in compiled(&MONEY)?.captures_iter(scan.text) {
        let (Some(whole), Some(amount), Some(currency)) = (
            caps.get(0),
            caps.name("a1").or_else(|| caps.name("a2")),
            caps.name("pre").or_else(|| caps.name("post")),
        ) else {
            continue;
        };
        let (Some(code), Some(thousandths)) =
            (currency_code(currency.as_str()), parse_any(amount.as_str()))
        else {
            continue;
        };
        let cents = thousandths / 10;
        let value = format!("{code} {}.{:02}", cents / 100, cents % 100);
        scan.push(FactKind::Money, None, value, whole.range());
    }
    Ok(())
}

fn currency_code(text: &str) -> Option<&'static str> {
    match text.to_lowercase().as_str() {
        "€" | "eur" | "euro" | "euros" => Some("EUR"),
        "£" | "gbp" | "pound" | "pounds" => Some("GBP"),
        "$" | "usd" | "dollar" | "dollars" => Some("USD"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Money;

    #[test]
    fn equal_amounts_in_other_words() {
        for text in ["EUR 25", "€25,00", "€ 25,-", "25 euro", "25 EUR", "€25.00"] {
            assert_eq!(values(text, Money), ["EUR 25.00"], "{text}");
        }
        assert_eq!(values("£25", Money), ["GBP 25.00"]);
        assert_eq!(values("EUR25 or USD9.99", Money), ["EUR 25.00", "USD 9.99"]);
        assert_eq!(values("twenty pounds", Money), ["GBP 20.00"]);
        assert_eq!(values("vijf euro", Money), ["EUR 5.00"]);
        assert_eq!(
            values("€1.000,50 or $9.99.", Money),
            ["EUR 1000.50", "USD 9.99"]
        );
    }
}
