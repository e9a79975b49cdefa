//! Triaging a table of messages: classify and triage every row in one call.

use chrono::{DateTime, TimeDelta, Utc};
use rayon::prelude::*;

use super::{Triage, TriageInput, Triager};
use crate::channel::Channel;
use crate::classify::{Classifier, Context};
use crate::message::Message;

/// One row of [`Triager::triage_rows`]: an inbound message and what triage knows about it
/// besides its text (the optional parts of [`TriageInput`]).
#[derive(Debug, Clone, PartialEq)]
pub struct TriageRow {
    /// The inbound message.
    pub message: Message,
    /// Channels the customer used before this message (see
    /// [`TriageInput::with_earlier_channels`]).
    pub earlier_channels: Vec<Channel>,
    /// Since when the customer's complaint has gone unresolved, if one has.
    pub unresolved_since: Option<DateTime<Utc>>,
    /// Business time left of the case's SLA target and the target, if there is a clock.
    pub sla_left: Option<(TimeDelta, TimeDelta)>,
}

impl TriageRow {
    /// A row with the message only.
    pub fn new(message: Message) -> TriageRow {
        TriageRow {
            message,
            earlier_channels: Vec::new(),
            unresolved_since: None,
            sla_left: None,
        }
    }
}

impl Triager {
    /// Classifies every row's text with `classifier` and triages it at `now`, on all cores
    /// (rayon's global pool), in input order. A `None` row gives `None`.
    ///
    /// Row `i` is exactly what [`Triager::triage`] gives for its message, classified
    /// without a context (triage counts channel, reach and promotion itself), with the
    /// row's earlier channels, unresolved-since instant and SLA time left.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::triage::{TriageRow, Triager};
    /// use webcare::{Classifier, Message, Priority};
    ///
    /// let m = Message::from_json(r#"{"id": "m1", "channel": "x", "direction": "inbound",
    ///     "author": "@ann", "sent_at": "2026-03-06T10:00:00Z", "reach": 40000,
    ///     "text": "Still waiting for my refund after 6 weeks. #fail"}"#)?;
    /// let now = m.sent_at;
    /// let out = Triager::default().triage_rows(&Classifier::default(), &[Some(TriageRow::new(m)), None], now);
    /// assert!(out[0].as_ref().is_some_and(|t| t.priority >= Priority::High));
    /// assert!(out[1].is_none());
    /// # Ok::<(), webcare::Error>(())
    /// ```
    pub fn triage_rows(
        &self,
        classifier: &Classifier,
        rows: &[Option<TriageRow>],
        now: DateTime<Utc>,
    ) -> Vec<Option<Triage>> {
        rows.par_iter()
            .map(|row| {
                let row = row.as_ref()?;
                let classification = classifier.classify(&row.message.text, &Context::default());
                let mut input = TriageInput::new(&row.message, &classification, now)
                    .with_earlier_channels(row.earlier_channels.iter().cloned());
                if let Some(since) = row.unresolved_since {
                    input = input.with_unresolved_since(since);
                }
                if let Some((left, target)) = row.sla_left {
                    input = input.with_sla_left(left, target);
                }
                Some(self.triage(&input))
            })
            .collect()
    }
}
