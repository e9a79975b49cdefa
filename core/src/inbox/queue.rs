//! The work queue: conversations whose latest customer message waits for an answer.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::conversation::{Conversation, Entry, Inbound};
use crate::channel::Channel;
use crate::classify::{Label, Severity};
use crate::contact::Handle;
use crate::policy::Priority;
use crate::triage::Triage;

/// One conversation waiting for an answer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QueueItem {
    /// The conversation's id: its case id, or the id of the message that started it.
    pub conversation: String,
    /// The channel of the waiting customer message.
    pub channel: Channel,
    /// The customers' handles in the conversation, normalized.
    pub handles: Vec<Handle>,
    /// The id of the latest unanswered customer message.
    pub message_id: String,
    /// Its text.
    pub text: String,
    /// When it was sent.
    #[serde(with = "crate::instant::serde_utc")]
    pub sent_at: DateTime<Utc>,
    /// Its classification label.
    pub label: Label,
    /// Its severity.
    pub severity: Severity,
    /// The priority of the conversation's most urgent customer message since the company
    /// last wrote (the case's SLA priority, which never drops, may be higher).
    pub priority: Priority,
    /// The triage of that message (score, reasons, advice).
    pub triage: Option<Triage>,
    /// The case's next deadline after now (a warning point or a due instant), if any.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::serde_opt_utc"
    )]
    pub due: Option<DateTime<Utc>>,
    /// How long the customer has been waiting: since the oldest unanswered message, seconds.
    pub waiting_s: i64,
}

/// A waiting conversation's place in the queue: what the queue sorts on, and where the
/// item's fields come from. Full items (with their strings) are built only for the ranks
/// shown; `due` is read (see [`Rank::read_due`]) only for the ranks that can be.
#[derive(Debug)]
pub(crate) struct Rank<'c> {
    conversation: &'c Conversation,
    latest: &'c Entry,
    inbound: &'c Inbound,
    pub(crate) priority: Priority,
    score: f64,
    due: Option<DateTime<Utc>>,
    waiting_s: i64,
}

impl<'c> Rank<'c> {
    /// The rank of `c` at `now`, or `None` when nothing waits (or only praise, and
    /// `praise_waits` is false). `priority` and `score` are of its kept triage.
    pub(crate) fn of(
        c: &'c Conversation,
        now: DateTime<Utc>,
        praise_waits: bool,
        priority: impl FnOnce(f64) -> Priority,
    ) -> Option<Rank<'c>> {
        let waiting = c.unanswered(now);
        let all_praise = waiting
            .iter()
            .all(|e| e.inbound.as_ref().is_some_and(|i| i.label == Label::Praise));
        if all_praise && !praise_waits {
            return None;
        }
        let oldest = waiting.first()?;
        let latest = waiting.last()?;
        let inbound = latest.inbound.as_ref()?;
        let score = c.triage.as_ref().map_or(0.0, |t| t.score);
        Some(Rank {
            conversation: c,
            latest,
            inbound,
            priority: priority(score),
            score,
            due: None,
            waiting_s: (now - oldest.at).num_seconds(),
        })
    }

    /// Reads the case's next deadline after `now` (a replay: done only for the ranks that
    /// can be shown, see [`Rank::urgency`]).
    pub(crate) fn read_due(&mut self, now: DateTime<Utc>) {
        self.due = self.conversation.case.glance(now).next_deadline;
    }

    /// The first two keys of [`Rank::order`]: priority, then triage score, both highest
    /// first.
    pub(crate) fn urgency(a: &Rank<'_>, b: &Rank<'_>) -> Ordering {
        b.priority
            .cmp(&a.priority)
            .then_with(|| b.score.total_cmp(&a.score))
    }

    /// Queue order: priority (highest first), then triage score (highest first), then due
    /// (earliest first, none last), then longest waiting, then conversation id.
    pub(crate) fn order(a: &Rank<'_>, b: &Rank<'_>) -> Ordering {
        Rank::urgency(a, b)
            .then_with(|| match (a.due, b.due) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| b.waiting_s.cmp(&a.waiting_s))
            .then_with(|| a.conversation.key.cmp(&b.conversation.key))
    }

    /// The queue item, its triage built by `triage` from the kept memo and the text.
    pub(crate) fn item(&self, triage: impl FnOnce(&Conversation) -> Option<Triage>) -> QueueItem {
        let c = self.conversation;
        QueueItem {
            conversation: c.key.to_string(),
            channel: self.latest.channel.clone(),
            handles: c.handles.clone(),
            message_id: self.latest.id.to_string(),
            text: self.inbound.text.to_string(),
            sent_at: self.latest.at,
            label: self.inbound.label,
            severity: self.inbound.severity,
            priority: self.priority,
            triage: triage(c),
            due: self.due,
            waiting_s: self.waiting_s,
        }
    }
}
