//! One conversation of the inbox: its messages in time order and the [`Case`] they feed.

use chrono::{DateTime, TimeDelta, Utc};

use crate::case::{ClockState, Event, EventKind};
use crate::channel::Channel;
use crate::classify::{Classification, Label, Language, Severity};
use crate::contact::Handle;
use crate::message::Message;
use crate::policy::{Metric, Policy, Priority};
use crate::report::tally::ConversationFigures;
use crate::triage::Triage;
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
    pub(crate) triage: Option<(DateTime<Utc>, Triage)>,
    pub(crate) priority: Priority,
    pub(crate) last_at: DateTime<Utc>,
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
        }
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

    /// The question a company message at `at` answers: the customer message it replies to,
    /// else the latest customer message before it.
    pub(crate) fn question(&self, reply_to: Option<&str>, at: DateTime<Utc>) -> Option<&str> {
        if let Some(Some(inbound)) = reply_to.and_then(|r| self.find(r)).map(|e| &e.inbound) {
            return Some(&inbound.text);
        }
        self.entries
            .iter()
            .rev()
            .filter(|e| e.at <= at)
            .find_map(|e| e.inbound.as_ref())
            .map(|i| &*i.text)
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
        self.case
            .clocks(now)
            .iter()
            .filter(|c| matches!(c.metric, Metric::FirstReply | Metric::NextReply))
            .filter(|c| matches!(c.state, ClockState::Running | ClockState::Breached))
            .filter(|c| c.stopped_at.is_none())
            .map(|c| {
                let left = c
                    .business_left_s
                    .or(c.breached_by_s.map(|b| -b))
                    .unwrap_or(0);
                (TimeDelta::seconds(left), TimeDelta::seconds(c.target_s))
            })
            .min_by_key(|(left, _)| *left)
    }

    /// Whether the conversation may be folded into the report and forgotten at `now`: no
    /// complaint waits for an answer and no clock is running or paused.
    pub(crate) fn finished(&self, now: DateTime<Utc>) -> bool {
        self.unresolved_since(now).is_none()
            && self
                .case
                .clocks(now)
                .iter()
                .all(|c| matches!(c.state, ClockState::Met | ClockState::Breached))
    }

    /// The conversation's figures at `now`; `None` without a customer message.
    pub(crate) fn figures(&self, now: DateTime<Utc>) -> Option<ConversationFigures> {
        let upto = self.entries.partition_point(|e| e.at <= now);
        let seen = &self.entries[..upto];
        let first = seen.iter().find(|e| e.inbound.is_some())?;
        let reply = seen
            .iter()
            .find(|e| e.inbound.is_none() && e.at >= first.at);
        let clocks = self.case.clocks(now);
        let mut tally = [[0u64; 2]; 6];
        for c in &clocks {
            if let Some(i) = Metric::ALL.iter().position(|m| *m == c.metric) {
                match c.state {
                    ClockState::Met => tally[i][0] += 1,
                    ClockState::Breached => tally[i][1] += 1,
                    _ => {}
                }
            }
        }
        let business = reply.and_then(|_| {
            clocks
                .iter()
                .find(|c| c.metric == Metric::FirstReply && c.stopped_at.is_some())
                .map(|c| c.elapsed_s as f64)
        });
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
