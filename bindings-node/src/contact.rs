//! `Handle` and `ContactBook`, wrapping `webcare::contact`. Contacts and repeat-contact
//! episodes come back as plain objects; handles inside them as `kind:value` text.

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use webcare::{ContactId, RepeatOptions};

use crate::channel::parse_channel;
use crate::convert::{duration_from_millis, guard};
use crate::message::{from_js, Message};

/// A normalized handle: a kind and a value such that two spellings of one address are
/// equal. `new Handle('email', ' Ann@Example.NL')`, `Handle.parse('x:@KLM')`.
#[napi(js_name = "Handle")]
#[derive(Debug)]
pub struct JsHandle(webcare::Handle);

#[napi]
impl JsHandle {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, kind: String, value: String) -> Result<Self> {
        guard(env, || webcare::Handle::new(kind.parse()?, &value)).map(JsHandle)
    }

    /// Parses the text form `kind:value`.
    #[napi(factory, catch_unwind)]
    pub fn parse(env: &Env, text: String) -> Result<Self> {
        guard(env, || text.parse()).map(JsHandle)
    }

    /// The handle of a message's author on `channel`.
    #[napi(factory, catch_unwind)]
    pub fn for_channel(env: &Env, channel: String, author: String) -> Result<Self> {
        let channel = parse_channel(env, &channel)?;
        guard(env, || webcare::Handle::for_channel(&channel, &author)).map(JsHandle)
    }

    /// The kind (`email`, `phone`, `x`, `instagram`, `facebook`, `chat`, `custom:<name>`).
    #[napi(getter, catch_unwind)]
    pub fn kind(&self) -> String {
        self.0.kind().name().into_owned()
    }

    /// The normalized value.
    #[napi(getter, catch_unwind)]
    pub fn value(&self) -> String {
        self.0.value().to_owned()
    }

    /// The text form `kind:value`.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn text(&self) -> String {
        self.0.to_string()
    }

    /// Whether two handles are equal.
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &JsHandle) -> bool {
        self.0 == other.0
    }
}

fn parse_handle(env: &Env, handle: Either<String, &JsHandle>) -> Result<webcare::Handle> {
    match handle {
        Either::A(text) => guard(env, || text.parse()),
        Either::B(handle) => Ok(handle.0.clone()),
    }
}

/// One person as the book knows them.
#[napi(object)]
#[derive(Debug)]
pub struct Contact {
    /// The contact's canonical id.
    pub id: f64,
    /// Every handle as `kind:value`, in the order added.
    pub handles: Vec<String>,
    /// Every message, in time order.
    pub messages: Vec<Message>,
    /// The distinct channels of the contact's inbound messages, sorted.
    pub channels: Vec<String>,
}

impl From<webcare::Contact<'_>> for Contact {
    fn from(c: webcare::Contact<'_>) -> Contact {
        Contact {
            id: c.id().get() as f64,
            handles: c.handles().map(ToString::to_string).collect(),
            messages: c.messages().into_iter().map(Message::from).collect(),
            channels: c
                .channels()
                .iter()
                .map(|ch| ch.name().into_owned())
                .collect(),
        }
    }
}

/// One episode of repeat contact.
#[napi(object)]
#[derive(Debug)]
pub struct RepeatContact {
    /// The contact's id.
    pub contact: f64,
    /// Every handle of the contact as `kind:value`.
    pub handles: Vec<String>,
    /// The episode's distinct channels, in the order first used.
    pub channels: Vec<String>,
    /// The ids of the episode's inbound messages, in time order.
    pub messages: Vec<String>,
    /// The first message's instant.
    pub first_at: DateTime<Utc>,
    /// The last message's instant.
    pub last_at: DateTime<Utc>,
}

fn contact_id(id: f64) -> ContactId {
    // Ids are small non-negative integers; anything else names no contact.
    if id.is_finite() && id >= 0.0 && id.fract() == 0.0 {
        ContactId::from_u64(id as u64)
    } else {
        ContactId::from_u64(u64::MAX)
    }
}

/// Knows which handles belong to one person and keeps every message each person sent.
#[napi(js_name = "ContactBook")]
#[derive(Debug, Default)]
pub struct JsContactBook(webcare::ContactBook);

#[napi]
impl JsContactBook {
    #[napi(constructor, catch_unwind)]
    pub fn new() -> Self {
        JsContactBook::default()
    }

    /// Adds a handle (`Handle` or `'kind:value'`) and returns its contact id.
    #[napi(catch_unwind)]
    pub fn add_handle(&mut self, env: &Env, handle: Either<String, &JsHandle>) -> Result<f64> {
        let handle = parse_handle(env, handle)?;
        Ok(self.0.add_handle(handle).get() as f64)
    }

    /// Records that `a` and `b` belong to one person; returns the merged contact's id.
    #[napi(catch_unwind)]
    pub fn link(
        &mut self,
        env: &Env,
        a: Either<String, &JsHandle>,
        b: Either<String, &JsHandle>,
        evidence: Option<String>,
    ) -> Result<f64> {
        let (a, b) = (parse_handle(env, a)?, parse_handle(env, b)?);
        guard(env, || self.0.link(a, b, evidence.unwrap_or_default())).map(|id| id.get() as f64)
    }

    /// Adds a message under its author's handle; returns the author's contact id.
    #[napi(catch_unwind)]
    pub fn add_message(
        &mut self,
        env: &Env,
        #[napi(ts_arg_type = "Message")] message: Object<'_>,
    ) -> Result<f64> {
        let message = from_js(env, &message)?;
        guard(env, || self.0.add_message(message)).map(|id| id.get() as f64)
    }

    /// Adds many messages, all or none; returns each message's contact id.
    #[napi(catch_unwind)]
    pub fn add_messages(
        &mut self,
        env: &Env,
        #[napi(ts_arg_type = "Array<Message>")] messages: Vec<Object<'_>>,
    ) -> Result<Vec<f64>> {
        let messages = messages
            .iter()
            .map(|m| from_js(env, m))
            .collect::<Result<Vec<_>>>()?;
        guard(env, || self.0.add_messages(messages))
            .map(|ids| ids.into_iter().map(|id| id.get() as f64).collect())
    }

    /// The contact id of a handle, or `null` when the book does not know it.
    #[napi(catch_unwind)]
    pub fn contact_of(&self, env: &Env, handle: Either<String, &JsHandle>) -> Result<Option<f64>> {
        let handle = parse_handle(env, handle)?;
        Ok(self.0.contact_of(&handle).map(|id| id.get() as f64))
    }

    /// The contact with this id; throws `unknown_contact` for an id the book never issued.
    #[napi(catch_unwind)]
    pub fn contact(&self, env: &Env, id: f64) -> Result<Contact> {
        guard(env, || self.0.contact(contact_id(id)).map(Contact::from))
    }

    /// Every contact, in the order its first handle was added.
    #[napi(catch_unwind)]
    pub fn contacts(&self) -> Vec<Contact> {
        self.0.contacts().map(Contact::from).collect()
    }

    /// Every episode of repeat contact. `windowMs` and `minChannels` default to core's
    /// defaults (7 days, 2 channels).
    #[napi(catch_unwind)]
    pub fn repeat_contacts(
        &self,
        env: &Env,
        window_ms: Option<f64>,
        min_channels: Option<u32>,
    ) -> Result<Vec<RepeatContact>> {
        let window = window_ms
            .map(|ms| duration_from_millis(env, ms))
            .transpose()?;
        let options = guard(env, || {
            let mut options = match window {
                Some(w) => RepeatOptions::new(w)?,
                None => RepeatOptions::default(),
            };
            if let Some(n) = min_channels {
                options = options.with_min_channels(n as usize)?;
            }
            Ok(options)
        })?;
        Ok(self
            .0
            .repeat_contacts(&options)
            .into_iter()
            .map(|r| RepeatContact {
                contact: r.contact.get() as f64,
                handles: r.handles.iter().map(ToString::to_string).collect(),
                channels: r.channels.iter().map(|c| c.name().into_owned()).collect(),
                messages: r.messages,
                first_at: r.first_at,
                last_at: r.last_at,
            })
            .collect())
    }

    /// The number of contacts.
    #[napi(getter, catch_unwind)]
    pub fn size(&self) -> u32 {
        u32::try_from(self.0.len()).unwrap_or(u32::MAX)
    }

    /// The number of messages.
    #[napi(getter, catch_unwind)]
    pub fn message_count(&self) -> u32 {
        u32::try_from(self.0.message_count()).unwrap_or(u32::MAX)
    }

    /// The book as JSON text (its handles, links and messages).
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Loads a book from its JSON form.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::ContactBook::from_json(&text)).map(JsContactBook)
    }
}
