//! Channels: where a customer reaches the company, and whether everyone can see it.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, Result};

/// A channel on which customers and the company exchange messages.
///
/// Each channel knows whether it is [public](Channel::is_public): on a public channel
/// everyone sees the complaint and the answer, which is why response-time policies treat
/// public social channels more strictly.
///
/// Channels cross JSON and the bindings as their [name](Channel::name): `x`, `x_dm`,
/// `facebook`, `instagram`, `whatsapp`, `email`, `phone`, `web_form`, `chat`, or
/// `custom:<name>` for any other channel. `twitter` and `twitter_dm` are accepted as
/// aliases of `x` and `x_dm`. A name that is none of these is an error, so that a typo
/// cannot silently create a new channel.
///
/// # Example
///
/// ```
/// use webcare::Channel;
///
/// let x: Channel = "x".parse()?;
/// assert!(x.is_public());
/// let dm: Channel = "X_DM".parse()?;
/// assert!(!dm.is_public());
/// let tiktok: Channel = "custom:tiktok".parse()?;
/// assert_eq!(tiktok.name(), "custom:tiktok");
/// assert_eq!("emial".parse::<Channel>().unwrap_err().code(), "unknown_channel");
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Channel {
    /// A public post on X (Twitter): a mention or a reply.
    X,
    /// A direct message on X.
    XDm,
    /// A post or comment on a Facebook page.
    Facebook,
    /// A comment or mention on Instagram.
    Instagram,
    /// A WhatsApp conversation.
    WhatsApp,
    /// E-mail.
    Email,
    /// A phone call.
    Phone,
    /// A form on the company's website.
    WebForm,
    /// Live chat on the company's website or app.
    Chat,
    /// Any other channel, by name (lowercase, without the `custom:` prefix). Private.
    Custom(String),
}

impl Channel {
    /// Every built-in channel, in a fixed order.
    pub const BUILT_IN: [Channel; 9] = [
        Channel::X,
        Channel::XDm,
        Channel::Facebook,
        Channel::Instagram,
        Channel::WhatsApp,
        Channel::Email,
        Channel::Phone,
        Channel::WebForm,
        Channel::Chat,
    ];

    /// Whether everyone can see messages on this channel.
    ///
    /// Public: `x`, `facebook`, `instagram`. Private: every other channel, custom ones
    /// included (a direct answer to one person).
    pub fn is_public(&self) -> bool {
        matches!(self, Channel::X | Channel::Facebook | Channel::Instagram)
    }

    /// Whether this is a social-media channel (public or private), as opposed to e-mail,
    /// phone, web form or chat.
    pub fn is_social(&self) -> bool {
        matches!(
            self,
            Channel::X | Channel::XDm | Channel::Facebook | Channel::Instagram | Channel::WhatsApp
        )
    }

    /// The channel's name as used in JSON and the bindings.
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        use std::borrow::Cow::{Borrowed, Owned};
        match self {
            Channel::X => Borrowed("x"),
            Channel::XDm => Borrowed("x_dm"),
            Channel::Facebook => Borrowed("facebook"),
            Channel::Instagram => Borrowed("instagram"),
            Channel::WhatsApp => Borrowed("whatsapp"),
            Channel::Email => Borrowed("email"),
            Channel::Phone => Borrowed("phone"),
            Channel::WebForm => Borrowed("web_form"),
            Channel::Chat => Borrowed("chat"),
            Channel::Custom(name) => Owned(format!("custom:{name}")),
        }
    }
}

impl Channel {
    /// The built-in channel whose name is exactly `name` (lower case, no alias, no
    /// whitespace): the allocation-free path of readers that see canonical names.
    pub(crate) fn built_in(name: &str) -> Option<Channel> {
        Some(match name {
            "x" => Channel::X,
            "x_dm" => Channel::XDm,
            "facebook" => Channel::Facebook,
            "instagram" => Channel::Instagram,
            "whatsapp" => Channel::WhatsApp,
            "email" => Channel::Email,
            "phone" => Channel::Phone,
            "web_form" => Channel::WebForm,
            "chat" => Channel::Chat,
            _ => return None,
        })
    }
}

impl FromStr for Channel {
    type Err = Error;

    /// Parses a channel name, ignoring case and surrounding whitespace.
    ///
    /// # Errors
    ///
    /// `unknown_channel` for a name that is not a built-in channel, an alias, or
    /// `custom:<name>` with a non-empty name of letters, digits, `_`, `-` or `.`.
    fn from_str(text: &str) -> Result<Channel> {
        let lower = text.trim().to_lowercase();
        if let Some(channel) = Channel::built_in(&lower) {
            return Ok(channel);
        }
        let channel = match lower.as_str() {
            "twitter" => Channel::X,
            "twitter_dm" => Channel::XDm,
            other => match other.strip_prefix("custom:") {
                Some(name)
                    if !name.is_empty()
                        && name
                            .chars()
                            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.')) =>
                {
                    Channel::Custom(name.to_owned())
                }
                _ => {
                    return Err(Error::UnknownChannel {
                        name: text.to_owned(),
                    })
                }
            },
        };
        Ok(channel)
    }
}

impl fmt::Display for Channel {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.name())
    }
}

impl Serialize for Channel {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for Channel {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Channel, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for channel in Channel::BUILT_IN {
            assert_eq!(channel.name().parse::<Channel>().unwrap(), channel);
        }
        let custom = Channel::Custom("tiktok".into());
        assert_eq!(custom.name().parse::<Channel>().unwrap(), custom);
    }

    #[test]
    fn bad_names_are_errors() {
        for bad in ["", "custom:", "custom:a b", "mail", "x-dm"] {
            assert_eq!(
                bad.parse::<Channel>().unwrap_err().code(),
                "unknown_channel",
                "{bad}"
            );
        }
    }
}
