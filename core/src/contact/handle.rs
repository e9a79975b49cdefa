//! Handles: how one person is addressed on one kind of channel, normalized so that the
//! same person written two ways is one handle.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::channel::Channel;
use crate::error::{Error, Result};

/// The kind of a [`Handle`]: which namespace its value lives in.
///
/// Text form: `email`, `phone`, `x`, `instagram`, `facebook`, `chat`, or `custom:<name>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum HandleKind {
    /// An e-mail address.
    Email,
    /// A phone number (also WhatsApp).
    Phone,
    /// An X (Twitter) handle.
    X,
    /// An Instagram handle.
    Instagram,
    /// A Facebook numeric id or username.
    Facebook,
    /// A chat visitor id, opaque.
    Chat,
    /// An id on a custom channel, opaque; the name is the channel's.
    Custom(String),
}

impl HandleKind {
    /// The kind's text form.
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow::{Borrowed, Owned};
        match self {
            HandleKind::Email => Borrowed("email"),
            HandleKind::Phone => Borrowed("phone"),
            HandleKind::X => Borrowed("x"),
            HandleKind::Instagram => Borrowed("instagram"),
            HandleKind::Facebook => Borrowed("facebook"),
            HandleKind::Chat => Borrowed("chat"),
            HandleKind::Custom(name) => Owned(format!("custom:{name}")),
        }
    }
}

impl FromStr for HandleKind {
    type Err = Error;

    /// # Errors
    ///
    /// `unknown_handle_kind` for a name that is not a kind (`twitter` is accepted for `x`).
    fn from_str(text: &str) -> Result<HandleKind> {
        let lower = text.trim().to_lowercase();
        Ok(match lower.as_str() {
            "email" => HandleKind::Email,
            "phone" => HandleKind::Phone,
            "x" | "twitter" => HandleKind::X,
            "instagram" => HandleKind::Instagram,
            "facebook" => HandleKind::Facebook,
            "chat" => HandleKind::Chat,
            other => match other.strip_prefix("custom:") {
                Some(name) if !name.is_empty() && !name.contains(':') => {
                    HandleKind::Custom(name.to_owned())
                }
                _ => {
                    return Err(Error::UnknownHandleKind {
                        name: text.to_owned(),
                    })
                }
            },
        })
    }
}

impl fmt::Display for HandleKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

/// A normalized handle: a kind and a value such that two spellings of one address are
/// equal.
///
/// Normalization per kind:
/// - **email**: trimmed, `mailto:` and a display name (`Ann <ann@example.com>`) removed,
///   lowercased; must be `local@domain.tld`.
/// - **phone**: reduced to `+` and digits; `00` in front becomes `+`; a trunk `(0)` after
///   the country code (`+31 (0)20 ...`) is dropped; 6 to 15 digits. A number without a
///   country code stays national, since its country cannot be known.
/// - **x**, **instagram**: profile URL, `@` and case removed; the network's character rules
///   checked (X: letters, digits, `_`, at most 15; Instagram: also `.`, at most 30).
/// - **facebook**: profile URL removed; a numeric id is kept, a username is lowercased and
///   its dots are dropped, as Facebook ignores them.
/// - **chat**, **custom**: trimmed, otherwise as given.
///
/// The text form is `kind:value`, e.g. `x:klm` or `phone:+31201234567`.
///
/// # Example
///
/// ```
/// use webcare::{Handle, HandleKind};
///
/// let a = Handle::new(HandleKind::Phone, "+31 (0)20 123 45 67")?;
/// let b = Handle::new(HandleKind::Phone, "0031-20-1234567")?;
/// assert_eq!(a, b);
/// assert_eq!(a.to_string(), "phone:+31201234567");
///
/// let x: Handle = "x:@KLM".parse()?;
/// assert_eq!(x.value(), "klm");
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Handle {
    kind: HandleKind,
    value: String,
}

impl Handle {
    /// Normalizes `raw` as a handle of `kind`.
    ///
    /// # Errors
    ///
    /// `empty_handle` for an empty value, `invalid_email`, `invalid_phone` or
    /// `invalid_handle` for a value the kind does not allow.
    pub fn new(kind: HandleKind, raw: &str) -> Result<Handle> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(Error::EmptyHandle {
                kind: kind.name().into_owned(),
            });
        }
        let value = match &kind {
            HandleKind::Email => normalize_email(trimmed)?,
            HandleKind::Phone => normalize_phone(trimmed)?,
            HandleKind::X => normalize_social(trimmed, &SocialRules::X)?,
            HandleKind::Instagram => normalize_social(trimmed, &SocialRules::INSTAGRAM)?,
            HandleKind::Facebook => normalize_facebook(trimmed)?,
            HandleKind::Chat | HandleKind::Custom(_) => trimmed.to_owned(),
        };
        Ok(Handle { kind, value })
    }

    /// The handle of a message's author on `channel`: X and X DMs give an `x` handle,
    /// WhatsApp and phone a `phone` handle, e-mail and web forms an `email` handle, chat an
    /// `email` handle when the visitor gave an address and a `chat` id otherwise, and a
    /// custom channel a handle of its own kind.
    ///
    /// # Errors
    ///
    /// As [`Handle::new`] for the kind the channel implies.
    pub fn for_channel(channel: &Channel, author: &str) -> Result<Handle> {
        let kind = match channel {
            Channel::X | Channel::XDm => HandleKind::X,
            Channel::Instagram => HandleKind::Instagram,
            Channel::Facebook => HandleKind::Facebook,
            Channel::WhatsApp | Channel::Phone => HandleKind::Phone,
            Channel::Email | Channel::WebForm => HandleKind::Email,
            Channel::Chat if author.contains('@') => HandleKind::Email,
            Channel::Chat => HandleKind::Chat,
            Channel::Custom(name) => HandleKind::Custom(name.clone()),
        };
        Handle::new(kind, author)
    }

    /// The kind.
    pub fn kind(&self) -> &HandleKind {
        &self.kind
    }

    /// The normalized value.
    pub fn value(&self) -> &str {
        &self.value
    }
}

impl FromStr for Handle {
    type Err = Error;

    /// Parses the text form `kind:value` (`custom:<name>:value` for custom kinds).
    ///
    /// # Errors
    ///
    /// `unknown_handle_kind` when there is no known kind before the first `:`, then as
    /// [`Handle::new`].
    fn from_str(text: &str) -> Result<Handle> {
        let trimmed = text.trim();
        let split = if trimmed.to_ascii_lowercase().starts_with("custom:") {
            trimmed[7..].find(':').map(|i| i + 7)
        } else {
            trimmed.find(':')
        };
        let Some(at) = split else {
            return Err(Error::UnknownHandleKind {
                name: text.to_owned(),
            });
        };
        let kind: HandleKind = trimmed[..at].parse()?;
        Handle::new(kind, &trimmed[at + 1..])
    }
}

impl fmt::Display for Handle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind, self.value)
    }
}

impl Serialize for Handle {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Handle {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Handle, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

fn email_error(value: &str, reason: &'static str) -> Error {
    Error::InvalidEmail {
        value: value.to_owned(),
        reason,
    }
}

fn normalize_email(raw: &str) -> Result<String> {
    let mut text = raw;
    if let (Some(open), Some(close)) = (text.rfind('<'), text.rfind('>')) {
        if open < close {
            text = &text[open + 1..close];
        }
    }
    let text = text.trim();
    let text = text
        .get(..7)
        .filter(|p| p.eq_ignore_ascii_case("mailto:"))
        .map_or(text, |_| &text[7..]);
    if text.len() > 254 {
        return Err(email_error(raw, "longer than 254 bytes"));
    }
    if text.chars().any(char::is_whitespace) {
        return Err(email_error(raw, "contains whitespace"));
    }
    let Some((local, domain)) = text.split_once('@') else {
        return Err(email_error(raw, "has no @"));
    };
    if domain.contains('@') {
        return Err(email_error(raw, "has more than one @"));
    }
    if local.is_empty() || local.len() > 64 {
        return Err(email_error(
            raw,
            "local part is empty or longer than 64 bytes",
        ));
    }
    if local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Err(email_error(raw, "local part has a misplaced dot"));
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(email_error(raw, "domain has no dot"));
    }
    for label in &labels {
        let ok = !label.is_empty()
            && !label.starts_with('-')
            && !label.ends_with('-')
            && label.chars().all(|c| c.is_alphanumeric() || c == '-');
        if !ok {
            return Err(email_error(
                raw,
                "domain label is empty or has a bad character",
            ));
        }
    }
    let tld = labels.last().copied().unwrap_or_default();
    if tld.chars().count() < 2 || tld.chars().all(|c| c.is_ascii_digit()) {
        return Err(email_error(raw, "top-level domain is too short or numeric"));
    }
    Ok(text.to_lowercase())
}

fn phone_error(value: &str, reason: &'static str) -> Error {
    Error::InvalidPhone {
        value: value.to_owned(),
        reason,
    }
}

fn normalize_phone(raw: &str) -> Result<String> {
    let mut text = raw.trim();
    if let Some(rest) = text.get(..4).filter(|p| p.eq_ignore_ascii_case("tel:")) {
        text = &text[rest.len()..];
    }
    let international_plus = text.starts_with('+');
    let body = if international_plus { &text[1..] } else { text };
    if body.contains('+') {
        return Err(phone_error(raw, "+ only at the start"));
    }
    if body.chars().any(char::is_alphabetic) {
        return Err(phone_error(raw, "contains letters"));
    }
    if body
        .chars()
        .any(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '.' | '(' | ')' | '/')))
    {
        return Err(phone_error(
            raw,
            "contains a character other than digits and separators",
        ));
    }
    // "00" is the international prefix however it is spaced ("00 31", "0 031"): cut it from
    // the text itself, so that what follows is read the same way as after a "+".
    let (international, rest) = if international_plus {
        (true, body)
    } else {
        match body
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .nth(1)
        {
            Some((second, _))
                if body
                    .chars()
                    .filter(char::is_ascii_digit)
                    .take(2)
                    .all(|c| c == '0') =>
            {
                (true, &body[second + 1..])
            }
            _ => (false, body),
        }
    };
    // A trunk prefix written "(0)" after the country code is not dialled internationally.
    let rest = if international {
        rest.replacen("(0)", "", 1)
    } else {
        rest.to_owned()
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    if !(6..=15).contains(&digits.len()) {
        return Err(phone_error(raw, "needs 6 to 15 digits"));
    }
    Ok(if international {
        format!("+{digits}")
    } else {
        digits
    })
}

struct SocialRules {
    kind: &'static str,
    hosts: &'static [&'static str],
    max_len: usize,
    allow_dot: bool,
}

impl SocialRules {
    const X: SocialRules = SocialRules {
        kind: "x",
        hosts: &["x.com/", "twitter.com/"],
        max_len: 15,
        allow_dot: false,
    };
    const INSTAGRAM: SocialRules = SocialRules {
        kind: "instagram",
        hosts: &["instagram.com/"],
        max_len: 30,
        allow_dot: true,
    };
}

/// Removes `https://`, `www.` and one of `hosts` in front, and a trailing `/` or query.
fn strip_profile_url<'a>(text: &'a str, hosts: &[&str]) -> &'a str {
    // ASCII prefixes compared without case: no lowercased copy of every author.
    let starts_with = |at: usize, prefix: &str| {
        text.as_bytes()
            .get(at..at + prefix.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
    };
    let mut start = 0;
    for scheme in ["https://", "http://"] {
        if starts_with(0, scheme) {
            start = scheme.len();
        }
    }
    if starts_with(start, "www.") {
        start += 4;
    }
    match hosts.iter().find(|h| starts_with(start, h)) {
        Some(host) => {
            let rest = &text[start + host.len()..];
            rest.split(['/', '?', '#']).next().unwrap_or(rest)
        }
        None => text,
    }
}

fn normalize_social(raw: &str, rules: &SocialRules) -> Result<String> {
    let invalid = |reason| Error::InvalidHandle {
        kind: rules.kind.to_owned(),
        value: raw.to_owned(),
        reason,
    };
    let text = strip_profile_url(raw, rules.hosts);
    let text = text.strip_prefix('@').unwrap_or(text);
    // Same as `to_lowercase` on ASCII, without its Unicode tables.
    let text = if text.is_ascii() {
        text.to_ascii_lowercase()
    } else {
        text.to_lowercase()
    };
    if text.is_empty() {
        return Err(Error::EmptyHandle {
            kind: rules.kind.to_owned(),
        });
    }
    if text.chars().count() > rules.max_len {
        return Err(invalid("too long for the network"));
    }
    let allowed = |c: char| c.is_ascii_alphanumeric() || c == '_' || (rules.allow_dot && c == '.');
    if !text.chars().all(allowed) {
        return Err(invalid("has a character the network does not allow"));
    }
    if rules.allow_dot && (text.starts_with('.') || text.ends_with('.') || text.contains("..")) {
        return Err(invalid("has a misplaced dot"));
    }
    Ok(text)
}

fn normalize_facebook(raw: &str) -> Result<String> {
    let invalid = |reason| Error::InvalidHandle {
        kind: "facebook".to_owned(),
        value: raw.to_owned(),
        reason,
    };
    // profile.php?id=123 carries the numeric id in the query.
    let query = b"profile.php?id=";
    let found = raw
        .as_bytes()
        .windows(query.len())
        .position(|w| w.eq_ignore_ascii_case(query));
    if let Some(at) = found {
        let id: String = raw[at + 15..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        return if id.is_empty() {
            Err(invalid("profile URL without a numeric id"))
        } else {
            Ok(id)
        };
    }
    let text = strip_profile_url(raw, &["facebook.com/", "fb.com/", "m.facebook.com/"]);
    let text = text.strip_prefix('@').unwrap_or(text);
    if text.is_empty() {
        return Err(Error::EmptyHandle {
            kind: "facebook".to_owned(),
        });
    }
    if !text.chars().all(|c| c.is_ascii_alphanumeric() || c == '.') {
        return Err(invalid(
            "has a character other than letters, digits and dots",
        ));
    }
    let value: String = text
        .chars()
        .filter(|c| *c != '.')
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if value.is_empty() || value.len() > 50 {
        return Err(invalid("empty or longer than 50 characters"));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(kind: HandleKind, raw: &str) -> String {
        Handle::new(kind, raw)
            .map(|h| h.to_string())
            .unwrap_or_else(|e| e.code().to_owned())
    }

    #[test]
    fn profile_urls_match_without_case() {
        let cases = [
            (HandleKind::X, "HTTPS://WWW.X.COM/Ann_B?s=20", "x:ann_b"),
            (HandleKind::X, "Twitter.com/@KLM", "x:klm"),
            (
                HandleKind::Instagram,
                "http://Instagram.COM/an.na/",
                "instagram:an.na",
            ),
            (
                HandleKind::Facebook,
                "https://M.Facebook.com/John.Smith",
                "facebook:johnsmith",
            ),
            (
                HandleKind::Facebook,
                "FACEBOOK.COM/PROFILE.PHP?ID=42&ref=x",
                "facebook:42",
            ),
            (HandleKind::Facebook, "profile.PHP?id=", "invalid_handle"),
            // Not a profile URL: the text is the handle, and `/` is not allowed in it.
            (HandleKind::X, "https://example.com/ann", "invalid_handle"),
            // Unicode lowercasing still applies: the Kelvin sign lowercases to an ASCII `k`.
            (HandleKind::X, "@\u{212A}LM", "x:klm"),
        ];
        for (kind, raw, want) in cases {
            assert_eq!(norm(kind, raw), want, "{raw}");
        }
    }

    #[test]
    fn email() {
        assert_eq!(
            norm(HandleKind::Email, "  Ann.de.Vries@Example.NL "),
            "email:ann.de.vries@example.nl"
        );
        assert_eq!(
            norm(HandleKind::Email, "Ann <ANN@example.com>"),
            "email:ann@example.com"
        );
        assert_eq!(
            norm(HandleKind::Email, "mailto:ann@example.com"),
            "email:ann@example.com"
        );
        for bad in [
            "ann",
            "ann@",
            "@example.com",
            "ann@example",
            "a b@example.com",
            "a@@b.com",
            "a..b@example.com",
            "ann@example.c",
        ] {
            assert_eq!(norm(HandleKind::Email, bad), "invalid_email", "{bad}");
        }
    }

    #[test]
    fn phone() {
        assert_eq!(
            norm(HandleKind::Phone, "+31 (0)20 123 45 67"),
            "phone:+31201234567"
        );
        assert_eq!(
            norm(HandleKind::Phone, "0031 20 1234567"),
            "phone:+31201234567"
        );
        assert_eq!(norm(HandleKind::Phone, "020-123 45 67"), "phone:0201234567");
        // Found by fuzzing: the international prefix split by a space must stay idempotent.
        assert_eq!(norm(HandleKind::Phone, "0 0401350"), "phone:+401350");
        assert_eq!(norm(HandleKind::Phone, "+401350"), "phone:+401350");
        assert_eq!(norm(HandleKind::Phone, "0(0)"), "invalid_phone");
        assert_eq!(
            norm(HandleKind::Phone, "tel:+1 (212) 555-0100"),
            "phone:+12125550100"
        );
        for bad in [
            "call me",
            "12",
            "+31 6 1234 5678 9012 345",
            "+31+6",
            "06*12",
        ] {
            assert_eq!(norm(HandleKind::Phone, bad), "invalid_phone", "{bad}");
        }
    }

    #[test]
    fn social() {
        assert_eq!(norm(HandleKind::X, "@KLM"), "x:klm");
        assert_eq!(
            norm(HandleKind::X, "https://twitter.com/KLM/status/1"),
            "x:klm"
        );
        assert_eq!(norm(HandleKind::X, "@"), "empty_handle");
        assert_eq!(norm(HandleKind::X, "klm-nl"), "invalid_handle");
        assert_eq!(
            norm(HandleKind::X, "a_very_long_handle_name"),
            "invalid_handle"
        );
        assert_eq!(
            norm(HandleKind::Instagram, "@Ann.de.Vries"),
            "instagram:ann.de.vries"
        );
        assert_eq!(
            norm(HandleKind::Facebook, "https://www.facebook.com/John.Smith"),
            "facebook:johnsmith"
        );
        assert_eq!(
            norm(
                HandleKind::Facebook,
                "facebook.com/profile.php?id=100012345"
            ),
            "facebook:100012345"
        );
    }

    #[test]
    fn text_form_round_trips() {
        for text in [
            "email:a@b.nl",
            "phone:+31201234567",
            "x:klm",
            "chat:Visitor-42",
            "custom:tiktok:Ann_1",
        ] {
            let h: Handle = text.parse().unwrap();
            assert_eq!(h.to_string(), text);
        }
        assert_eq!(
            "fax:123".parse::<Handle>().unwrap_err().code(),
            "unknown_handle_kind"
        );
        assert_eq!(
            "klm".parse::<Handle>().unwrap_err().code(),
            "unknown_handle_kind"
        );
        assert_eq!(
            "email:  ".parse::<Handle>().unwrap_err().code(),
            "empty_handle"
        );
    }
}
