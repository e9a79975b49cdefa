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
mod batch;
mod weights;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::classify::{Classification, Label, Language};
use crate::error::Result;
use crate::message::Message;
use crate::policy::Priority;

pub use advice::{Advice, AdviceKind};
pub use batch::TriageRow;
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
///
/// Serializes to JSON (`to_json`, `from_json`) as `{"priority", "score", "reasons":
/// [{"kind", "points", "detail"}], "advice": [{"kind", "text"}], "language"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Triage {
    /// The priority the score maps to.
    pub priority: Priority,
    /// The sum of the reasons' points, 0 or more.
    pub score: f64,
    /// Every reason that added points, largest first (ties in the order of [`ReasonKind`]).
    pub reasons: Vec<Reason>,
    /// What to do, each step with its reason, in [`language`](Self::language).
    pub advice: Vec<Advice>,
    /// The language of the advice texts: the message's language, English when it is
    /// neither English nor Dutch.
    pub language: Language,
}

impl Triage {
    /// The triage as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a triage from its JSON form.
    ///
    /// # Errors
    ///
    /// `invalid_json` for malformed JSON or a missing or mistyped field.
    pub fn from_json(json: &str) -> Result<Triage> {
        Ok(serde_json::from_str(json)?)
    }
}

/// Scores inbound messages with configurable [`TriageWeights`].
///
/// Give it a classification made without a [`Context`](crate::Context) (or with the
/// default one): triage counts reach, promotion and the public channel itself, and a
/// classification that already raised severity for them would count them twice.
///
/// # Example
///
/// ```
/// use chrono::TimeDelta;
/// use webcare::triage::{AdviceKind, ReasonKind, TriageInput, Triager};
/// use webcare::{Channel, Classifier, Context, Message, Priority};
///
/// let message = Message::from_json(r#"{"id": "m1", "channel": "x", "direction": "inbound",
///     "author": "@ann", "sent_at": "2026-03-06T10:00:00Z", "reach": 40000,
///     "text": "Still waiting for my refund after 6 weeks. Switching to another airline! #fail"}"#)?;
/// let classification = Classifier::default().classify(&message.text, &Context::default());
/// let input = TriageInput::new(&message, &classification, message.sent_at)
///     .with_earlier_channels([Channel::Email, Channel::Phone])
///     .with_unresolved_since(message.sent_at - TimeDelta::weeks(6));
/// let triage = Triager::default().triage(&input);
/// assert_eq!(triage.priority, Priority::Urgent);
/// assert!(triage.reasons.iter().any(|r| r.kind == ReasonKind::Reach));
/// let steps: Vec<AdviceKind> = triage.advice.iter().map(|a| a.kind).collect();
/// assert_eq!(steps[..2], [AdviceKind::AnswerInPublic, AdviceKind::ContinueInPrivate]);
/// assert!(steps.contains(&AdviceKind::Escalate));
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
    /// `invalid_option` naming the field when a weight or threshold is out of range or the
    /// thresholds do not increase (see [`TriageWeights::validate`]).
    pub fn new(weights: TriageWeights) -> Result<Triager> {
        weights.validate()?;
        Ok(Triager { weights })
    }

    /// A triager from the JSON form of [`TriageWeights`] (missing fields take the defaults).
    ///
    /// # Errors
    ///
    /// `invalid_json` for malformed JSON, unknown fields or mistyped values, else as
    /// [`Triager::new`].
    pub fn from_json(json: &str) -> Result<Triager> {
        TriageWeights::from_json(json).map(|weights| Triager { weights })
    }

    /// The weights as JSON text ([`Triager::from_json`] reads it back).
    pub fn to_json(&self) -> String {
        self.weights.to_json()
    }

    /// The weights.
    pub fn weights(&self) -> &TriageWeights {
        &self.weights
    }

    /// Triages one inbound message.
    ///
    /// Reasons: the severity of a complaint; the author's reach (log scale); a promoted
    /// post; a complaint on a public channel; each other channel the customer used before;
    /// the weeks the customer's complaint has been unresolved (capped); the share of the
    /// SLA target used. The score is their sum and maps to a priority through the
    /// thresholds; the advice follows from the label, the channel and the reasons.
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
        let severity = if complaint && c.severity.score.is_finite() {
            c.severity.score.clamp(0.0, 1.0)
        } else {
            0.0
        };
        add(
            ReasonKind::Severity,
            w.severity * severity,
            format!(
                "complaint of severity {:.2} (level {})",
                severity,
                c.severity.level.rank()
            ),
        );
        if let Some(reach) = input.message.reach {
            add(
                ReasonKind::Reach,
                w.reach * reach_decades(reach, w.reach_floor_log10),
                format!("{} followers", thousands(reach, ',')),
            );
        }
        if input.message.promoted {
            add(
                ReasonKind::Promoted,
                w.promoted,
                "promoted (paid) post".into(),
            );
        }
        if complaint && input.message.channel.is_public() {
            add(
                ReasonKind::PublicChannel,
                w.public_channel,
                format!("complaint in public on {}", input.message.channel),
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
        let weeks_unresolved = input.weeks_unresolved();
        if let Some(weeks) = weeks_unresolved {
            add(
                ReasonKind::UnresolvedAge,
                w.unresolved_age_per_week * weeks.min(w.unresolved_age_cap_weeks),
                format!("complaint unresolved for {weeks:.1} weeks"),
            );
        }
        if let Some((left, target)) = input.sla_left {
            add(
                ReasonKind::SlaTimeLeft,
                w.sla_time_left * sla_used(left, target),
                if left <= TimeDelta::zero() {
                    format!("SLA breached by {} min", -left.num_minutes())
                } else {
                    format!(
                        "{} of {} min of SLA time left",
                        left.num_minutes(),
                        target.num_minutes()
                    )
                },
            );
        }
        // Stable: equal points keep the order of ReasonKind.
        reasons.sort_by(|a, b| b.points.total_cmp(&a.points));
        let score: f64 = reasons.iter().map(|r| r.points).sum();
        let priority = w.thresholds.priority(score);
        let language = match c.language {
            Language::Nl => Language::Nl,
            _ => Language::En,
        };
        let advice = advice::advise(input, w, weeks_unresolved, language);
        Triage {
            priority,
            score,
            reasons,
            advice,
            language,
        }
    }
}

impl TriageInput<'_> {
    /// Weeks between `unresolved_since` and `now` (0 when `since` is later).
    fn weeks_unresolved(&self) -> Option<f64> {
        self.unresolved_since.map(|since| {
            let seconds = (self.now - since).num_seconds().max(0) as f64;
            seconds / (7.0 * 86_400.0)
        })
    }
}

/// Tenfolds of followers above `10^floor`, 0 or more.
fn reach_decades(reach: u64, floor_log10: f64) -> f64 {
    ((reach as f64).max(1.0).log10() - floor_log10).max(0.0)
}

/// The share of the SLA target used, from 0 (all time left) to 1 (none left or breached).
fn sla_used(left: TimeDelta, target: TimeDelta) -> f64 {
    if left <= TimeDelta::zero() {
        return 1.0;
    }
    let target_ms = target.num_milliseconds();
    if target_ms <= 0 {
        // Time left of an empty target: nothing of it is used.
        return 0.0;
    }
    (1.0 - left.num_milliseconds() as f64 / target_ms as f64).clamp(0.0, 1.0)
}

/// `n` with a separator between groups of three digits: 40,000.
pub(crate) fn thousands(n: u64, separator: char) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(separator);
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_groups_digits() {
        assert_eq!(thousands(0, ','), "0");
        assert_eq!(thousands(400, ','), "400");
        assert_eq!(thousands(40_000, ','), "40,000");
        assert_eq!(thousands(1_234_567, '.'), "1.234.567");
    }

    #[test]
    fn reach_is_log_scaled_above_the_floor() {
        assert_eq!(reach_decades(0, 2.0), 0.0);
        assert_eq!(reach_decades(100, 2.0), 0.0);
        assert_eq!(reach_decades(1000, 2.0), 1.0);
        assert_eq!(reach_decades(100_000, 2.0), 3.0);
    }

    #[test]
    fn sla_share_used() {
        let m = TimeDelta::minutes;
        assert_eq!(sla_used(m(60), m(60)), 0.0);
        assert_eq!(sla_used(m(30), m(60)), 0.5);
        assert_eq!(sla_used(m(0), m(60)), 1.0);
        assert_eq!(sla_used(m(-5), m(60)), 1.0);
        assert_eq!(sla_used(m(90), m(60)), 0.0);
        assert_eq!(sla_used(m(5), m(0)), 0.0);
    }
}
