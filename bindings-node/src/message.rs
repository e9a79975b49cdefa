//! Messages as plain JS objects, converted to and from `webcare::Message`.

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi::JsDate;
use napi_derive::napi;

use crate::channel::parse_channel;
use crate::convert::{guard, instant};

/// One message on one channel, as a plain object.
#[napi(object)]
#[derive(Debug)]
pub struct Message {
    /// Unique id of the message.
    pub id: String,
    /// The channel's name (`x`, `email`, ..., `custom:<name>`).
    pub channel: String,
    /// `inbound` (from the customer) or `outbound` (from the company).
    pub direction: String,
    /// The author's handle on the channel, as given.
    pub author: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// The text.
    pub text: String,
    /// The id of the message this one answers.
    pub reply_to: Option<String>,
    /// The case the host filed it under.
    pub case_id: Option<String>,
    /// The author's reach (followers).
    pub reach: Option<f64>,
    /// Whether the post was paid for.
    pub promoted: bool,
}

impl From<&webcare::Message> for Message {
    fn from(m: &webcare::Message) -> Message {
        Message {
            id: m.id.clone(),
            channel: m.channel.name().into_owned(),
            direction: m.direction.name().to_owned(),
            author: m.author.clone(),
            sent_at: m.sent_at,
            text: m.text.clone(),
            reply_to: m.reply_to.clone(),
            case_id: m.case_id.clone(),
            reach: m.reach.map(|r| r as f64),
            promoted: m.promoted,
        }
    }
}

/// Reads a message object (`sentAt` a `Date`) into a core message.
pub fn from_js(env: &Env, obj: &Object<'_>) -> Result<webcare::Message> {
    let text = |key: &str| -> Result<String> {
        obj.get_named_property::<Option<String>>(key)?
            .ok_or_else(|| {
                napi::Error::new(
                    Status::InvalidArg,
                    format!("message.{key} must be a string"),
                )
            })
    };
    let optional =
        |key: &str| -> Result<Option<String>> { obj.get_named_property::<Option<String>>(key) };
    let sent_at: JsDate<'_> = obj.get_named_property("sentAt")?;
    let reach: Option<f64> = obj.get_named_property("reach")?;
    let direction = text("direction")?;
    let message = webcare::Message {
        id: text("id")?,
        channel: parse_channel(env, &text("channel")?)?,
        direction: guard(env, || direction.parse())?,
        author: text("author")?,
        sent_at: instant(env, &sent_at)?,
        text: optional("text")?.unwrap_or_default(),
        reply_to: optional("replyTo")?,
        case_id: optional("caseId")?,
        reach: reach
            .filter(|r| r.is_finite() && *r >= 0.0)
            .map(|r| r as u64),
        promoted: obj
            .get_named_property::<Option<bool>>("promoted")?
            .unwrap_or(false),
    };
    guard(env, || message.validate())?;
    Ok(message)
}

/// Parses a message from its JSON form.
#[napi(catch_unwind)]
pub fn message_from_json(env: &Env, text: String) -> Result<Message> {
    guard(env, || webcare::Message::from_json(&text)).map(|m| Message::from(&m))
}

/// A message as JSON text.
#[napi(catch_unwind)]
pub fn message_to_json(
    env: &Env,
    #[napi(ts_arg_type = "Message")] message: Object<'_>,
) -> Result<String> {
    Ok(from_js(env, &message)?.to_json())
}
