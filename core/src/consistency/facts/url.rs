//! Web addresses.
//!
//! What it detects: `https://…`, `www.…`, and bare domains on common top-level domains
//! followed by a path (`klm.com/refund`). Why it matters: channels linking to different
//! pages for the same question. Example: `https://www.KLM.com/refunds/` → `klm.com/refunds`
//! (scheme, `www.`, query, fragment and a trailing slash dropped, host lowercased, path kept).

use std::sync::LazyLock;

use regex::Regex;

use super::{compiled, FactKind, Pattern, Scan};
use crate::error::Result;

static URL: Pattern = LazyLock::new(|| {
    Regex::new(
        r#"(?i)(?-u:\b)(?:https?://|www\.)[^\s<>"'()\[\]{}]+|(?-u:\b)[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|nl|be|org|net|eu|de|co\.uk|uk|fr|io)/[^\s<>"'()\[\]{}]*"#,
    )
});

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    for m in compiled(&URL)?.find_iter(scan.text) {
        let raw = m.as_str().trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let range = m.start()..m.start() + raw.len();
        scan.push(FactKind::Url, None, normalize(raw), range);
    }
    Ok(())
}

fn normalize(raw: &str) -> String {
    let lower = raw.to_ascii_lowercase();
    let mut rest = raw;
    for prefix in ["https://", "http://"] {
        if lower.starts_with(prefix) {
            rest = &raw[prefix.len()..];
        }
    }
    if rest.to_ascii_lowercase().starts_with("www.") {
        rest = &rest[4..];
    }
    // Query and fragment are mostly tracking (`?utm_source=...`): the page is the same.
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let (host, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, ""),
    };
    let path = path.trim_end_matches('/');
    format!("{}{}", host.to_ascii_lowercase(), path)
}

#[cfg(test)]
mod tests {
    use super::super::tests::values;
    use super::super::FactKind::Url;

    #[test]
    fn normalized() {
        assert_eq!(
            values("See https://www.KLM.com/refunds/.", Url),
            ["klm.com/refunds"]
        );
        assert_eq!(values("Kijk op www.bol.com", Url), ["bol.com"]);
        assert_eq!(
            values("https://klm.com/refunds/?utm_source=x#top", Url),
            ["klm.com/refunds"]
        );
        assert_eq!(
            values("Go to klm.com/Refund, thanks", Url),
            ["klm.com/Refund"]
        );
        assert!(values("http:// and www.", Url).len() <= 1);
    }
}
