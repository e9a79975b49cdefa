//! One conversation of the inbox: its messages in time order and the [`Case`] they feed.

use chrono::{DateTime, TimeDelta, Utc};

use crate::case::Glance;
use crate::case::{Event, EventKind};
use crate::channel::Channel;
use crate::classify::{Classification, Label, Language, Severity};
use crate::contact::Handle;
use crate::message::Message;
use crate::policy::{Policy, Priority};
use crate::report::tally::ConversationFigures;
use crate::triage::{Triage, TriageInput, Triager};
use crate::Case;

/// What the inbox keeps of one message.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub(crate) id: Box<str>,
    pub(crate) at: DateTime<Utc>,
    pub(crate) channel: Channel,
    /// The customer's text and its classification; `None` for a company message.
    pub(crate) inbound: Option<Inbound>,
}

#[derive(Debug, Clone)]
pub(crate) struct Inbound {
    pub(crate) text: Box<str>,
    pub(crate) label: Label,
    pub(crate) severity: Severity,
}

impl Entry {
    fn complaint(&self) -> bool {
        self.inbound
            .as_ref()
            .is_some_and(|i| i.label == Label::Complaint)
    }
}

/// A triage kept without its texts: the score, and what the reasons and advice are worked
/// out from, so that [`TriageMemo::triage`] gives the very same [`Triage`] again when the
/// queue shows the conversation. Of the message it keeps the fields other than the text
/// (the conversation's entry has it), the reply-to and the case id (which triage has no use
/// for: the triage is of the message alone).
#[derive(Debug, Clone)]
pub(crate) struct TriageMemo {
    id: Box<str>,
    author: Box<str>,
    channel: Channel,
    at: DateTime<Utc>,
    reach: Option<u64>,
    promoted: bool,
    classification: Classification,
    earlier_channels: Vec<Channel>,
    unresolved_since: Option<DateTime<Utc>>,
    sla_left: Option<(TimeDelta, TimeDelta)>,
    pub(crate) score: f64,
}

impl TriageMemo {
    /// Keeps `input` (whose triage scored `score`) without the message text.
    pub(crate) fn new(input: TriageInput<'_>, score: f64) -> TriageMemo {
        let m = input.message;
        let mut earlier_channels = input.earlier_channels;
        earlier_channels.shrink_to_fit();
        TriageMemo {
            id: m.id.as_str().into(),
            author: m.author.as_str().into(),
            channel: m.channel.clone(),
            at: m.sent_at,
            reach: m.reach,
            promoted: m.promoted,
            classification: input.classification.clone(),
            earlier_channels,
            unresolved_since: input.unresolved_since,
            sla_left: input.sla_left,
            score,
        }
    }

    /// The instant the triage was done at.
    pub(crate) fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The id of the message triaged.
    pub(crate) fn id(&self) -> &str {
        &self.id
    }

    /// The triage again, texts included; `text` is the message's text.
    pub(crate) fn triage(&self, triager: &Triager, text: Option<&str>) -> Triage {
        let message = Message {
            id: self.id.to_string(),
            channel: self.channel.clone(),
            direction: crate::message::Direction::Inbound,
            author: self.author.to_string(),
            sent_at: self.at,
            text: text.unwrap_or_default().to_owned(),
            reply_to: None,
            case_id: None,
            reach: self.reach,
            promoted: self.promoted,
        };
        triager.triage(&TriageInput {
            message: &message,
            classification: &self.classification,
            earlier_channels: self.earlier_channels.clone(),
            unresolved_since: self.unresolved_since,
            sla_left: self.sla_left,
            now: self.at,
        })
    }
}

#[derive(Debug)]
pub(crate) struct Conversation {
    /// The public id: the case id, or the id of the message it was registered under.
    pub(crate) key: Box<str>,
    pub(crate) case_id: Option<Box<str>>,
    pub(crate) case: Case,
    /// By instant, then id.
    pub(crate) entries: Vec<Entry>,
    /// Message ids the conversation waits for (named by a `reply_to`, not seen yet).
    pub(crate) awaited: Vec<Box<str>>,
    pub(crate) handles: Vec<Handle>,
    /// The latest triage, as the numbers and the inputs its texts are built from.
    pub(crate) triage: Option<TriageMemo>,
    pub(crate) priority: Priority,
    pub(crate) last_at: DateTime<Utc>,
    /// When the inbox's sweep queue will look at the conversation next; `None` while a
    /// complaint waits (only a new message queues it again). Queue entries at other
    /// instants are stale.
    pub(crate) sweep_at: Option<DateTime<Utc>>,
}

impl Conversation {
    pub(crate) fn new(key: &str, policy: &Policy, at: DateTime<Utc>) -> Conversation {
        Conversation {
            key: key.into(),
            case_id: None,
            case: Case::new(policy.clone()),
            entries: Vec::new(),
            awaited: Vec::new(),
            handles: Vec::new(),
            triage: None,
            priority: Priority::Normal,
            last_at: at,
            sweep_at: None,
        }
    }

    /// Gives back the spare capacity of its lists (for a conversation that only waits).
    pub(crate) fn shrink_to_fit(&mut self) {
        self.entries.shrink_to_fit();
        self.awaited.shrink_to_fit();
        self.handles.shrink_to_fit();
        self.case.shrink_to_fit();
    }

    /// The earliest instant it may be folded in: its last message plus `retention`.
    pub(crate) fn foldable_after(&self, retention: TimeDelta) -> DateTime<Utc> {
        self.last_at
            .checked_add_signed(retention)
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    pub(crate) fn find(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| &*e.id == id)
    }

    /// Adds a message: its entry, and its event on the case.
    pub(crate) fn add(
        &mut self,
        message: &Message,
        classification: Option<&Classification>,
    ) -> crate::Result<()> {
        let kind = match classification {
            Some(c) => EventKind::CustomerMessage {
                channel: message.channel.clone(),
                needs_reply: true,
                label: Some(c.label.code().to_owned()),
                language: match c.language {
                    Language::Unknown => None,
                    other => Some(other.code().to_owned()),
                },
                contact_tags: None,
            },
            None if message.channel.is_public() => EventKind::ReplyPublic {
                channel: Some(message.channel.clone()),
            },
            None => EventKind::ReplyPrivate {
                channel: Some(message.channel.clone()),
            },
        };
        self.case.apply(Event {
            id: message.id.clone(),
            at: message.sent_at,
            kind,
        })?;
        let entry = Entry {
            id: message.id.as_str().into(),
            at: message.sent_at,
            channel: message.channel.clone(),
            inbound: classification.map(|c| Inbound {
                text: message.text.as_str().into(),
                label: c.label,
                severity: c.severity,
            }),
        };
        let key = (entry.at, &*entry.id);
        let pos = self.entries.partition_point(|e| (e.at, &*e.id) < key);
        self.entries.insert(pos, entry);
        self.last_at = self.last_at.max(message.sent_at);
        Ok(())
    }

    /// Raises the case's priority (never lowers it) from a triage at `at`.
    pub(crate) fn raise(&mut self, id: &str, at: DateTime<Utc>, priority: Priority) {
        if priority > self.priority {
            let applied = self.case.apply(Event {
                id: format!("{id}#priority"),
                at,
                kind: EventKind::PriorityChange { priority },
            });
            if applied.is_ok() {
                self.priority = priority;
            }
        }
    }

    /// The customer message a company message at `at` answers: the one it replies to, else
    /// the latest customer message before it.
    pub(crate) fn question(&self, reply_to: Option<&str>, at: DateTime<Utc>) -> Option<&Inbound> {
        if let Some(Some(inbound)) = reply_to.and_then(|r| self.find(r)).map(|e| &e.inbound) {
            return Some(inbound);
        }
        self.entries
            .iter()
            .rev()
            .filter(|e| e.at <= at)
            .find_map(|e| e.inbound.as_ref())
    }

    /// When the company last wrote in the conversation, at or before `now`.
    pub(crate) fn last_reply(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let upto = self.entries.partition_point(|e| e.at <= now);
        self.entries[..upto]
            .iter()
            .rev()
            .find(|e| e.inbound.is_none())
            .map(|e| e.at)
    }

    /// The customer messages at or before `now` that no company message follows, oldest first.
    pub(crate) fn unanswered(&self, now: DateTime<Utc>) -> &[Entry] {
        let upto = self.entries.partition_point(|e| e.at <= now);
        let seen = &self.entries[..upto];
        let from = seen
            .iter()
            .rposition(|e| e.inbound.is_none())
            .map_or(0, |i| i + 1);
        &seen[from..]
    }

    /// Since when a complaint has been waiting for an answer at `now`.
    pub(crate) fn unresolved_since(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.unanswered(now)
            .iter()
            .find(|e| e.complaint())
            .map(|e| e.at)
    }

    /// Business time left on the running first- or next-reply clock at `now`, and its target.
    pub(crate) fn sla_left(&self, now: DateTime<Utc>) -> Option<(TimeDelta, TimeDelta)> {
        self.case.glance(now).reply_left
    }

    /// Whether the conversation may be folded into the report and forgotten at `now`: no
    /// complaint waits for an answer and no clock is running or paused. `Err` carries when
    /// to look again: `None` while a complaint waits (only a new message changes that),
    /// else the instant by which the running clocks reach their targets, if known.
    ///
    /// `glance` gives the case's glance at `now` (called only when needed), so that a
    /// caller reading the figures next replays the case once.
    pub(crate) fn finished_at(
        &self,
        now: DateTime<Utc>,
        glance: impl FnOnce() -> Glance,
    ) -> Result<(), Option<DateTime<Utc>>> {
        if self.unresolved_since(now).is_some() {
            return Err(None);
        }
        let g = glance();
        if g.open {
            Err(Some(g.last_due.unwrap_or(now)))
        } else {
            Ok(())
        }
    }

    /// The conversation's figures at `now`; `None` without a customer message.
    pub(crate) fn figures(&self, now: DateTime<Utc>) -> Option<ConversationFigures> {
        self.figures_at(now, || self.case.glance(now))
    }

    /// [`figures`](Self::figures) with the case's glance at `now` given (made only when
    /// needed).
    pub(crate) fn figures_at(
        &self,
        now: DateTime<Utc>,
        glance: impl FnOnce() -> Glance,
    ) -> Option<ConversationFigures> {
        let upto = self.entries.partition_point(|e| e.at <= now);
        let seen = &self.entries[..upto];
        let first = seen.iter().find(|e| e.inbound.is_some())?;
        let reply = seen
            .iter()
            .find(|e| e.inbound.is_none() && e.at >= first.at);
        let glance = glance();
        let tally = glance.outcomes;
        let business = reply.and_then(|_| glance.first_reply_elapsed_s.map(|s| s as f64));
        Some(ConversationFigures {
            channel: first.channel.clone(),
            inbound: seen.iter().filter(|e| e.inbound.is_some()).count() as u64,
            answered: reply.is_some(),
            first_response_s: reply.map(|r| (r.at - first.at).num_milliseconds() as f64 / 1000.0),
            first_response_business_s: business,
            first_reply: reply.map(|r| (first.at, r.at)),
            clocks: tally,
            unresolved_age_s: self.unresolved_since(now).map(|t| (now - t).num_seconds()),
            first_at: first.at,
            inbound_at: seen
                .iter()
                .filter(|e| e.inbound.is_some())
                .map(|e| e.at)
                .collect(),
        })
    }
}
