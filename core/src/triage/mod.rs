//! Triage: which message to answer first, and how.
//!
//! [`Triager::triage`] scores one inbound message from what is known about it: the
//! [`Classification`] of its text (severity), the author's reach (log scale), a promoted
//! post, a public channel, the same customer's earlier contact on other channels, how long
//! the customer's complaint has been unresolved, and the SLA time left on its case. The
//! score maps to a [`Priority`]; the [`Triage`] lists every [`Reason`] with its points and a
//! suggested approach ([`Advice`]) in the message's language.
//!
//! Weights are configurable ([`TriageWeights`], JSON with unknown fields rejected); the
//! defaults and the fact behind each are documented on the fields.

mod advice;
mod weights;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::classify::{Classification, Label, Language};
use crate::error::Result;
use crate::message::Message;
use crate::policy::Priority;

pub use advice::{Advice, AdviceKind};
pub use weights::{PriorityThresholds, TriageWeights};

/// Everything triage looks at for one inbound message.
///
/// Built with [`TriageInput::new`] and the `with_*` methods; what is not given counts as
/// unknown and adds nothing.
#[derive(Debug, Clone)]
pub struct TriageInput<'a> {
    /// The inbound message.
    pub message: &'a Message,
    /// The classification of its text.
    pub classification: &'a Classification,
    /// Channels on which the same customer contacted the company before this message,
    /// within the repeat-contact window (other than the message's own channel).
    pub earlier_channels: Vec<Channel>,
    /// Since when the customer's complaint has gone unresolved, if one has.
    pub unresolved_since: Option<DateTime<Utc>>,
    /// Business time left before the case's nearest SLA due instant, and the target it
    /// counts against; negative when already breached.
    pub sla_left: Option<(TimeDelta, TimeDelta)>,
    /// The instant triage is done at.
    pub now: DateTime<Utc>,
}

impl<'a> TriageInput<'a> {
    /// The message and its classification, triaged at `now`.
    pub fn new(
        message: &'a Message,
        classification: &'a Classification,
        now: DateTime<Utc>,
    ) -> TriageInput<'a> {
        TriageInput {
            message,
            classification,
            earlier_channels: Vec::new(),
            unresolved_since: None,
            sla_left: None,
            now,
        }
    }

    /// The customer wrote before on these channels (the message's own channel is ignored).
    pub fn with_earlier_channels(mut self, channels: impl IntoIterator<Item = Channel>) -> Self {
        let own = &self.message.channel;
        for channel in channels {
            if &channel != own && !self.earlier_channels.contains(&channel) {
                self.earlier_channels.push(channel);
            }
        }
        self
    }

    /// The customer's complaint has been unresolved since `since`.
    pub fn with_unresolved_since(mut self, since: DateTime<Utc>) -> Self {
        self.unresolved_since = Some(since);
        self
    }

    /// `left` business time remains of a `target` (negative when breached).
    pub fn with_sla_left(mut self, left: TimeDelta, target: TimeDelta) -> Self {
        self.sla_left = Some((left, target));
        self
    }
}

/// What raised (or lowered) a message's score.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReasonKind {
    /// The classifier's severity of the text.
    Severity,
    /// The author's followers.
    Reach,
    /// A paid, promoted post.
    Promoted,
    /// Posted where everyone sees it.
    PublicChannel,
    /// The customer tried other channels first.
    RepeatContact,
    /// The customer's complaint has been unresolved for a long time.
    UnresolvedAge,
    /// Little or no SLA time is left.
    SlaTimeLeft,
}

impl ReasonKind {
    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            ReasonKind::Severity => "severity",
            ReasonKind::Reach => "reach",
            ReasonKind::Promoted => "promoted",
            ReasonKind::PublicChannel => "public_channel",
            ReasonKind::RepeatContact => "repeat_contact",
            ReasonKind::UnresolvedAge => "unresolved_age",
            ReasonKind::SlaTimeLeft => "sla_time_left",
        }
    }
}

/// One reason with the points it added to the score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reason {
    /// What it is.
    pub kind: ReasonKind,
    /// Points added to the score.
    pub points: f64,
    /// A short English description with the figure behind it ("40,000 followers").
    pub detail: String,
}

/// The result of triage: priority, score, reasons and the suggested approach.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triage {
    /// The priority the score maps to.
    pub priority: Priority,
    /// The sum of the reasons' points, 0 or more.
    pub score: f64,
    /// Every reason that added points, largest first.
    pub reasons: Vec<Reason>,
    /// What to do, in the message's language.
    pub advice: Vec<Advice>,
    /// The language of the advice texts.
    pub language: Language,
}

/// Scores inbound messages with configurable [`TriageWeights`].
///
/// # Example
///
/// ```
/// use webcare::triage::{TriageInput, Triager};
/// use webcare::{Classifier, Context, Message, Priority};
///
/// let message = Message::from_json(r#"{"id": "m1", "channel": "x", "direction": "inbound",
///     "author": "@ann", "sent_at": "2026-03-06T10:00:00Z", "reach": 40000,
///     "text": "Still waiting for my refund after 6 weeks. Switching to another airline! #fail"}"#)?;
/// let classification = Classifier::default().classify(&message.text, &Context::default());
/// let triage = Triager::default().triage(&TriageInput::new(&message, &classification, message.sent_at));
/// assert!(triage.priority >= Priority::High);
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Triager {
    weights: TriageWeights,
}

impl Triager {
    /// A triager with these weights.
    ///
    /// # Errors
    ///
    /// `invalid_input` when a weight is negative or not finite, or the thresholds are not
    /// increasing.
    pub fn new(weights: TriageWeights) -> Result<Triager> {
        weights.validate()?;
        Ok(Triager { weights })
    }

    /// A triager from the JSON form of [`TriageWeights`] (missing fields take the defaults).
    ///
    /// # Errors
    ///
    /// `invalid_json` for malformed JSON or unknown fields, else as [`Triager::new`].
    pub fn from_json(json: &str) -> Result<Triager> {
        Triager::new(serde_json::from_str(json)?)
    }

    /// The weights.
    pub fn weights(&self) -> &TriageWeights {
        &self.weights
    }

    /// Triages one inbound message.
    pub fn triage(&self, input: &TriageInput<'_>) -> Triage {
        let w = &self.weights;
        let mut reasons = Vec::new();
        let mut add = |kind, points: f64, detail: String| {
            if points > 0.0 {
                reasons.push(Reason {
                    kind,
                    points,
                    detail,
                });
            }
        };
        let c = input.classification;
        let complaint = c.label == Label::Complaint;
        let severity = if complaint { c.severity.score } else { 0.0 };
        add(
            ReasonKind::Severity,
            w.severity * severity,
            format!(
                "severity {:.2} (level {})",
                severity,
                c.severity.level.rank()
            ),
        );
        if let Some(reach) = input.message.reach {
            // Log scale: each tenfold of followers adds the same points, counted above the
            // audience an ordinary account has.
            let decades = ((reach as f64).max(1.0).log10() - w.reach_floor_log10).max(0.0);
            add(
                ReasonKind::Reach,
                w.reach * decades,
                format!("{reach} followers"),
            );
        }
        if input.message.promoted {
            add(
                ReasonKind::Promoted,
                w.promoted,
                "promoted (paid) post".into(),
            );
        }
        let public = input.message.channel.is_public();
        if public && complaint {
            add(
                ReasonKind::PublicChannel,
                w.public_channel,
                format!("public on {}", input.message.channel),
            );
        }
        if !input.earlier_channels.is_empty() {
            let names: Vec<String> = input
                .earlier_channels
                .iter()
                .map(ToString::to_string)
                .collect();
            add(
                ReasonKind::RepeatContact,
                w.repeat_contact * input.earlier_channels.len() as f64,
                format!("contacted before via {}", names.join(", ")),
            );
        }
        if let Some(since) = input.unresolved_since {
            let weeks = (input.now - since).num_seconds().max(0) as f64 / (7.0 * 86_400.0);
            add(
                ReasonKind::UnresolvedAge,
                w.unresolved_age_per_week * weeks.min(w.unresolved_age_cap_weeks),
                format!("unresolved for {weeks:.1} weeks"),
            );
        }
        if let Some((left, target)) = input.sla_left {
            let target_s = target.num_seconds().max(1) as f64;
            let used = 1.0 - left.num_seconds() as f64 / target_s;
            add(
                ReasonKind::SlaTimeLeft,
                w.sla_time_left * used.clamp(0.0, 1.0),
                if left <= TimeDelta::zero() {
                    "SLA breached".into()
                } else {
                    format!("{} min of SLA time left", left.num_minutes())
                },
            );
        }
        reasons.sort_by(|a, b| b.points.total_cmp(&a.points));
        let score: f64 = reasons.iter().map(|r| r.points).sum();
        let priority = w.thresholds.priority(score);
        let language = c.language;
        let advice = advice::advise(input, priority, &reasons, language);
        Triage {
            priority,
            score,
            reasons,
            advice,
            language,
        }
    }
}
