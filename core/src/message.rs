//! Messages: what a customer or the company said, where, and when.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::error::{Error, Result};
use crate::instant;

/// Who sent a message: the customer (inbound) or the company (outbound).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From the customer to the company.
    Inbound,
    /// From the company to the customer.
    Outbound,
}

impl Direction {
    /// `"inbound"` or `"outbound"`.
    pub fn name(self) -> &'static str {
        match self {
            Direction::Inbound => "inbound",
            Direction::Outbound => "outbound",
        }
    }
}

impl std::str::FromStr for Direction {
    type Err = Error;

    /// # Errors
    ///
    /// `unknown_direction` for anything but `inbound` or `outbound` (any case).
    fn from_str(text: &str) -> Result<Direction> {
        match text.trim().to_ascii_lowercase().as_str() {
            "inbound" => Ok(Direction::Inbound),
            "outbound" => Ok(Direction::Outbound),
            _ => Err(Error::UnknownDirection {
                name: text.to_owned(),
            }),
        }
    }
}

/// One message on one channel.
///
/// The instant is UTC inside; JSON accepts any offset and writes `Z`. A timestamp without
/// an offset is refused (`naive_datetime`).
///
/// # Example
///
/// ```
/// use webcare::{Channel, Direction, Message};
///
/// let m = Message::from_json(r#"{"id": "m1", "channel": "x", "direction": "inbound",
///     "author": "@AnnDeVries", "sent_at": "2026-03-06T23:50:00+01:00",
///     "text": "Al 3 keer gebeld, nog steeds geen antwoord"}"#)?;
/// assert_eq!(m.channel, Channel::X);
/// assert_eq!(m.direction, Direction::Inbound);
/// assert_eq!(webcare::format_instant(m.sent_at), "2026-03-06T22:50:00Z");
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "MessageRecord", into = "MessageRecord")]
pub struct Message {
    /// Unique id of the message (the channel's own id, or one the host assigns).
    pub id: String,
    /// The channel it was sent on.
    pub channel: Channel,
    /// Customer to company, or company to customer.
    pub direction: Direction,
    /// The author's handle on the channel as given (an address, a number, `@name`).
    /// [`Handle::for_channel`](crate::Handle::for_channel) normalizes it.
    pub author: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// The text.
    pub text: String,
    /// The id of the message this one answers, if any.
    pub reply_to: Option<String>,
    /// The case (ticket) the host filed it under, if any.
    pub case_id: Option<String>,
    /// The author's reach (followers), where the channel has such a thing.
    pub reach: Option<u64>,
    /// Whether the post was paid for (a promoted complaint).
    pub promoted: bool,
}

impl Message {
    /// Parses a message from its JSON form.
    ///
    /// # Errors
    ///
    /// `invalid_json` when the text is not a JSON object of the message's fields (unknown
    /// fields included), and the typed error of the first bad field otherwise:
    /// `unknown_channel`, `unknown_direction`, `naive_datetime`, `invalid_datetime`,
    /// `empty_field`.
    pub fn from_json(text: &str) -> Result<Message> {
        let record: MessageRecord = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        Message::try_from(record)
    }

    /// Parses a message from an already-parsed JSON value (see [`Message::from_json`]).
    ///
    /// # Errors
    ///
    /// As [`Message::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Message> {
        let record: MessageRecord = serde_json::from_value(value).map_err(|e| Error::json(&e))?;
        Message::try_from(record)
    }

    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(&MessageRecord::from(self.clone())).unwrap_or_default()
    }

    /// Checks the fields that the type system cannot: a non-empty id and author.
    ///
    /// # Errors
    ///
    /// `empty_field` naming the first empty field.
    pub fn validate(&self) -> Result<()> {
        if self.id.trim().is_empty() {
            return Err(Error::EmptyField { field: "id" });
        }
        if self.author.trim().is_empty() {
            return Err(Error::EmptyField { field: "author" });
        }
        Ok(())
    }

    /// Whether the message came from the customer.
    pub fn is_inbound(&self) -> bool {
        self.direction == Direction::Inbound
    }
}

/// The JSON form of a [`Message`]: plain text fields, checked on conversion so that every
/// problem gets its own typed error rather than a generic parse message.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct MessageRecord {
    id: String,
    channel: String,
    direction: String,
    author: String,
    sent_at: String,
    #[serde(default)]
    text: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reply_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    case_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    reach: Option<u64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    promoted: bool,
}

impl TryFrom<MessageRecord> for Message {
    type Error = Error;

    fn try_from(r: MessageRecord) -> Result<Message> {
        let message = Message {
            channel: r.channel.parse()?,
            direction: r.direction.parse()?,
            sent_at: instant::parse_instant(&r.sent_at)?,
            id: r.id,
            author: r.author,
            text: r.text,
            reply_to: r.reply_to,
            case_id: r.case_id,
            reach: r.reach,
            promoted: r.promoted,
        };
        message.validate()?;
        Ok(message)
    }
}

impl From<Message> for MessageRecord {
    fn from(m: Message) -> MessageRecord {
        MessageRecord {
            id: m.id,
            channel: m.channel.name().into_owned(),
            direction: m.direction.name().to_owned(),
            author: m.author,
            sent_at: instant::format_instant(m.sent_at),
            text: m.text,
            reply_to: m.reply_to,
            case_id: m.case_id,
            reach: m.reach,
            promoted: m.promoted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = r#"{"id": "m1", "channel": "email", "direction": "inbound",
        "author": "ann@example.com", "sent_at": "2026-03-06T23:50:00+01:00", "text": "hi"}"#;

    #[test]
    fn json_round_trips() {
        let m = Message::from_json(GOOD).unwrap();
        let again = Message::from_json(&m.to_json()).unwrap();
        assert_eq!(m, again);
        let via_serde: Message = serde_json::from_str(&m.to_json()).unwrap();
        assert_eq!(via_serde, m);
    }

    #[test]
    fn each_bad_field_has_its_code() {
        let cases = [
            (GOOD.replace("+01:00", ""), "naive_datetime"),
            (GOOD.replace("\"email\"", "\"fax\""), "unknown_channel"),
            (GOOD.replace("inbound", "sideways"), "unknown_direction"),
            (GOOD.replace("\"m1\"", "\" \""), "empty_field"),
            (GOOD.replace("\"text\"", "\"txt\""), "invalid_json"),
            ("[1, 2".to_owned(), "invalid_json"),
        ];
        for (text, code) in cases {
            assert_eq!(
                Message::from_json(&text).unwrap_err().code(),
                code,
                "{text}"
            );
        }
    }
}
