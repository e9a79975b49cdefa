//! E-mail addresses.
//!
//! What it detects: `name@domain.tld`. Why it matters: two channels sending customers to
//! different addresses is a conflict. Example: `Mail Care@KLM.com` → `care@klm.com`.

use std::sync::LazyLock;

use regex::Regex;

use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static EMAIL: Pattern = LazyLock::new(|| {
    Regex::new(r"(?i)(?-u:\b)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}(?-u:\b)")
});

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    for m in compiled(&EMAIL)?.find_iter(scan.text) {
        scan.push(FactKind::Email, None, m.as_str().to_lowercase(), m.range());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Email;

    #[test]
    fn lowercased() {
        assert_eq!(values("Mail Care@KLM.com today", Email), ["care@klm.com"]);
        assert_eq!(
            values("mail klantenservice@bol.com.", Email),
            ["klantenservice@bol.com"]
        );
    }
}
