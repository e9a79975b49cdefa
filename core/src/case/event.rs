//! Case events: what happened in a conversation, as the host reports it.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::channel::Channel;
use crate::error::{Error, Result};
use crate::instant::{format_instant, parse_instant};
use crate::policy::{Policy, Priority};

/// One event of a case: an id (unique in the case), an instant and what happened.
///
/// JSON (one flat object; `at` needs a UTC offset):
///
/// ```json
/// {"id": "e1", "at": "2026-03-06T23:50:00+01:00", "type": "customer_message", "channel": "email"}
/// ```
///
/// | `type` | extra fields |
/// |---|---|
/// | `customer_message` | `channel` (required), `needs_reply` (bool, default `true`), `label` (`"praise"`, ...), `language` (`"nl"`), `contact_tags` (list, replaces the customer's tags) |
/// | `reply_public`, `reply_private`, `internal_note`, `automated_reply` | `channel` (optional, informational) |
/// | `waiting_on_customer`, `waiting_on_third_party`, `solved`, `reopened` | none |
/// | `priority_change` | `priority` (required) |
/// | `tag_change` | `add`, `remove` (lists, at least one) |
/// | `policy_change` | `policy` (a policy JSON object, or `"preset"`) |
///
/// # Example
///
/// ```
/// use webcare::case::{Event, EventKind};
///
/// let e = Event::from_json(r#"{"id": "e1", "at": "2026-03-06T23:50:00+01:00",
///                              "type": "customer_message", "channel": "email"}"#)?;
/// assert!(matches!(e.kind, EventKind::CustomerMessage { needs_reply: true, .. }));
/// assert_eq!(Event::from_json(&e.to_json())?, e);
/// assert_eq!(e.to_value()["at"], "2026-03-06T22:50:00Z");
///
/// let err = Event::from_json(r#"{"id": "e2", "at": "2026-03-06T23:50:00", "type": "solved"}"#).unwrap_err();
/// assert_eq!(err.code(), "naive_datetime");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// The event's id, unique within its case. Re-delivering the same event is harmless.
    pub id: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: EventKind,
}

/// What happened at an [`Event`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum EventKind {
    /// A message from the customer.
    CustomerMessage {
        /// Where it was posted. The case's channel is that of its first customer message.
        channel: Channel,
        /// `false` for a message that needs no answer (a closing "thanks"): it starts no
        /// clock, resumes nothing and does not reopen a solved case.
        needs_reply: bool,
        /// The host's classification label (`complaint`, `question`, `praise`, `other`);
        /// `praise` needs no reply when the policy's `praise_needs_no_reply` is set.
        label: Option<String>,
        /// The message's language (`en`, `nl`); the first one given is the case's language.
        language: Option<String>,
        /// The customer's tags (`vip`) as the host knows them now; replaces earlier ones.
        contact_tags: Option<Vec<String>>,
    },
    /// A reply everyone can see. Visible to the customer: stops reply clocks.
    ReplyPublic {
        /// Where it was posted, if the host says.
        channel: Option<Channel>,
    },
    /// A private reply (DM, e-mail). Visible to the customer: stops reply clocks.
    ReplyPrivate {
        /// Where it was sent, if the host says.
        channel: Option<Channel>,
    },
    /// A note only agents see. Changes no clock.
    InternalNote,
    /// An automated acknowledgement. Changes no clock.
    AutomatedReply,
    /// The company waits on the customer: pausable metrics pause.
    WaitingOnCustomer,
    /// The company waits on a third party: pauses nothing, resumes paused metrics.
    WaitingOnThirdParty,
    /// The case is solved: open reply, update and resolution clocks stop.
    Solved,
    /// An agent reopens a solved case.
    Reopened,
    /// The priority changes; open clocks are re-targeted from their start.
    PriorityChange {
        /// The new priority.
        priority: Priority,
    },
    /// Tags are added and removed; open clocks are re-targeted from their start.
    TagChange {
        /// Tags added.
        add: Vec<String>,
        /// Tags removed.
        remove: Vec<String>,
    },
    /// The policy changes from this instant; time already counted is kept.
    PolicyChange {
        /// The new policy.
        policy: Box<Policy>,
    },
}

impl EventKind {
    /// The `type` name in JSON.
    pub fn name(&self) -> &'static str {
        match self {
            EventKind::CustomerMessage { .. } => "customer_message",
            EventKind::ReplyPublic { .. } => "reply_public",
            EventKind::ReplyPrivate { .. } => "reply_private",
            EventKind::InternalNote => "internal_note",
            EventKind::AutomatedReply => "automated_reply",
            EventKind::WaitingOnCustomer => "waiting_on_customer",
            EventKind::WaitingOnThirdParty => "waiting_on_third_party",
            EventKind::Solved => "solved",
            EventKind::Reopened => "reopened",
            EventKind::PriorityChange { .. } => "priority_change",
            EventKind::TagChange { .. } => "tag_change",
            EventKind::PolicyChange { .. } => "policy_change",
        }
    }

    /// The event in plain English, lowercase: "customer message", "private reply".
    pub fn label(&self) -> &'static str {
        match self {
            EventKind::CustomerMessage { .. } => "customer message",
            EventKind::ReplyPublic { .. } => "public reply",
            EventKind::ReplyPrivate { .. } => "private reply",
            EventKind::InternalNote => "internal note",
            EventKind::AutomatedReply => "automated reply",
            EventKind::WaitingOnCustomer => "waiting on customer",
            EventKind::WaitingOnThirdParty => "waiting on third party",
            EventKind::Solved => "solved",
            EventKind::Reopened => "reopened",
            EventKind::PriorityChange { .. } => "priority change",
            EventKind::TagChange { .. } => "tag change",
            EventKind::PolicyChange { .. } => "policy change",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EventDoc {
    id: String,
    at: String,
    #[serde(rename = "type")]
    kind: String,
    channel: Option<String>,
    needs_reply: Option<bool>,
    label: Option<String>,
    language: Option<String>,
    contact_tags: Option<Vec<String>>,
    priority: Option<String>,
    add: Option<Vec<String>>,
    remove: Option<Vec<String>>,
    policy: Option<Value>,
}

impl EventDoc {
    fn into_event(self) -> Result<Event> {
        if self.id.trim().is_empty() {
            return Err(Error::EmptyField { field: "id" });
        }
        let at = parse_instant(&self.at)?;
        let id = self.id;
        let bad = |reason| Error::InvalidEvent {
            id: id.clone(),
            reason,
        };
        let message_fields = self.needs_reply.is_some()
            || self.label.is_some()
            || self.language.is_some()
            || self.contact_tags.is_some();
        let type_known = [
            "customer_message",
            "reply_public",
            "reply_private",
            "internal_note",
            "automated_reply",
            "waiting_on_customer",
            "waiting_on_third_party",
            "solved",
            "reopened",
            "priority_change",
            "tag_change",
            "policy_change",
        ]
        .contains(&self.kind.as_str());
        if !type_known {
            return Err(Error::UnknownEventType { name: self.kind });
        }
        let kind = self.kind.as_str();
        if message_fields && kind != "customer_message" {
            return Err(bad(
                "needs_reply, label, language and contact_tags belong to customer_message",
            ));
        }
        if self.priority.is_some() && kind != "priority_change" {
            return Err(bad("priority belongs to priority_change"));
        }
        if (self.add.is_some() || self.remove.is_some()) && kind != "tag_change" {
            return Err(bad("add and remove belong to tag_change"));
        }
        if self.policy.is_some() && kind != "policy_change" {
            return Err(bad("policy belongs to policy_change"));
        }
        let channels_allowed = matches!(
            kind,
            "customer_message"
                | "reply_public"
                | "reply_private"
                | "internal_note"
                | "automated_reply"
        );
        if self.channel.is_some() && !channels_allowed {
            return Err(bad("channel belongs to messages and replies"));
        }
        let channel = self
            .channel
            .as_deref()
            .map(str::parse::<Channel>)
            .transpose()?;
        let lower = |v: Vec<String>| v.into_iter().map(|t| t.to_lowercase()).collect::<Vec<_>>();
        let kind = match kind {
            "customer_message" => EventKind::CustomerMessage {
                channel: channel.ok_or_else(|| bad("a customer_message needs a channel"))?,
                needs_reply: self.needs_reply.unwrap_or(true),
                label: self.label,
                language: self.language,
                contact_tags: self.contact_tags.map(lower),
            },
            "reply_public" => EventKind::ReplyPublic { channel },
            "reply_private" => EventKind::ReplyPrivate { channel },
            "internal_note" => EventKind::InternalNote,
            "automated_reply" => EventKind::AutomatedReply,
            "waiting_on_customer" => EventKind::WaitingOnCustomer,
            "waiting_on_third_party" => EventKind::WaitingOnThirdParty,
            "solved" => EventKind::Solved,
            "reopened" => EventKind::Reopened,
            "priority_change" => EventKind::PriorityChange {
                priority: self
                    .priority
                    .ok_or_else(|| bad("a priority_change needs a priority"))?
                    .parse()?,
            },
            "tag_change" => {
                if self.add.is_none() && self.remove.is_none() {
                    return Err(bad("a tag_change needs add or remove"));
                }
                EventKind::TagChange {
                    add: lower(self.add.unwrap_or_default()),
                    remove: lower(self.remove.unwrap_or_default()),
                }
            }
            _ => {
                let policy = match self.policy {
                    Some(Value::String(s)) if s == "preset" => Policy::preset(),
                    Some(Value::String(s)) => Policy::from_json(&s)?,
                    Some(doc) => Policy::from_value(&doc)?,
                    None => return Err(bad("a policy_change needs a policy")),
                };
                EventKind::PolicyChange {
                    policy: Box::new(policy),
                }
            }
        };
        Ok(Event { id, at, kind })
    }
}

impl Event {
    /// An event from its parts.
    pub fn new(id: impl Into<String>, at: DateTime<Utc>, kind: EventKind) -> Event {
        Event {
            id: id.into(),
            at,
            kind,
        }
    }

    /// A customer message on `channel` that needs a reply.
    pub fn customer_message(id: impl Into<String>, at: DateTime<Utc>, channel: Channel) -> Event {
        Event::new(
            id,
            at,
            EventKind::CustomerMessage {
                channel,
                needs_reply: true,
                label: None,
                language: None,
                contact_tags: None,
            },
        )
    }

    /// Parses an event from its JSON object (see [`Event`]).
    ///
    /// # Errors
    ///
    /// - `invalid_json`: not JSON, an unknown field, a missing `id`, `at` or `type`.
    /// - `naive_datetime`, `invalid_datetime`: `at` without offset, or not RFC 3339.
    /// - `empty_field`: an empty `id`.
    /// - `unknown_event_type`: a `type` webcare does not know.
    /// - `invalid_event`: a field the type needs is missing, or a field of another type
    ///   is present.
    /// - `unknown_channel`, `unknown_priority`, or any policy error of a `policy_change`.
    pub fn from_json(text: &str) -> Result<Event> {
        let doc: EventDoc = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        doc.into_event()
    }

    /// Parses an event from a JSON value (see [`Event::from_json`]).
    ///
    /// # Errors
    ///
    /// As [`Event::from_json`].
    pub fn from_value(value: &Value) -> Result<Event> {
        let doc = EventDoc::deserialize(value).map_err(|e| Error::json(&e))?;
        doc.into_event()
    }

    /// The event as a JSON value (`at` in UTC); [`Event::from_value`] reads it back.
    pub fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(self.id.clone()));
        m.insert("at".into(), Value::String(format_instant(self.at)));
        m.insert("type".into(), Value::String(self.kind.name().into()));
        let strings = |v: &[String]| Value::Array(v.iter().cloned().map(Value::String).collect());
        match &self.kind {
            EventKind::CustomerMessage {
                channel,
                needs_reply,
                label,
                language,
                contact_tags,
            } => {
                m.insert("channel".into(), Value::String(channel.name().into_owned()));
                if !needs_reply {
                    m.insert("needs_reply".into(), Value::Bool(false));
                }
                if let Some(l) = label {
                    m.insert("label".into(), Value::String(l.clone()));
                }
                if let Some(l) = language {
                    m.insert("language".into(), Value::String(l.clone()));
                }
                if let Some(t) = contact_tags {
                    m.insert("contact_tags".into(), strings(t));
                }
            }
            EventKind::ReplyPublic { channel: Some(c) }
            | EventKind::ReplyPrivate { channel: Some(c) } => {
                m.insert("channel".into(), Value::String(c.name().into_owned()));
            }
            EventKind::PriorityChange { priority } => {
                m.insert("priority".into(), Value::String(priority.name().into()));
            }
            EventKind::TagChange { add, remove } => {
                m.insert("add".into(), strings(add));
                m.insert("remove".into(), strings(remove));
            }
            EventKind::PolicyChange { policy } => {
                m.insert("policy".into(), policy.to_value());
            }
            _ => {}
        }
        Value::Object(m)
    }

    /// The event's JSON text (see [`Event::to_value`]).
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }
}

impl Serialize for Event {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Event {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Event, D::Error> {
        EventDoc::deserialize(d)?
            .into_event()
            .map_err(serde::de::Error::custom)
    }
}
