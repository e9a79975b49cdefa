//! The work queue: conversations whose latest customer message waits for an answer.

use std::cmp::Ordering;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::conversation::Conversation;
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

impl QueueItem {
    pub(crate) fn of(
        c: &Conversation,
        now: DateTime<Utc>,
        praise_waits: bool,
    ) -> Option<QueueItem> {
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
        Some(QueueItem {
            conversation: c.key.to_string(),
            channel: latest.channel.clone(),
            handles: c.handles.clone(),
            message_id: latest.id.to_string(),
            text: inbound.text.to_string(),
            sent_at: latest.at,
            label: inbound.label,
            severity: inbound.severity,
            priority: c.priority,
            // Filled in by the inbox for the items it shows (see `TriageMemo`).
            triage: None,
            due: c.case.next_deadline(now),
            waiting_s: (now - oldest.at).num_seconds(),
        })
    }

    /// Queue order: priority (highest first), then triage score (highest first), then due
    /// (earliest first, none last), then longest waiting, then conversation id.
    pub(crate) fn order_by(a: &QueueItem, b: &QueueItem, score_a: f64, score_b: f64) -> Ordering {
        b.priority
            .cmp(&a.priority)
            .then_with(|| score_b.total_cmp(&score_a))
            .then_with(|| match (a.due, b.due) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            })
            .then_with(|| b.waiting_s.cmp(&a.waiting_s))
            .then_with(|| a.conversation.cmp(&b.conversation))
    }
}
