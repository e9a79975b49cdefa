//! The configurable weights of triage and the fact behind each default.
//!
//! The facts are those of DESIGN.md ("Facts the product is built on"): 72% of people who
//! complain on Twitter expect a reply within an hour and 60% act on it when none comes;
//! British Airways took 8 hours to answer a complaint the customer paid to promote; a
//! telecom left a complaint unresolved for 6 weeks until the customer, with 40,000
//! followers, went public; a customer who tried email or phone before complaining in public
//! is a red flag.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::policy::Priority;

/// The largest value a weight or threshold may take, so that every score stays finite.
pub const MAX_WEIGHT: f64 = 1e6;

/// Points per reason, and when to escalate. Missing JSON fields take the defaults; unknown
/// fields are an error.
///
/// With the defaults an ordinary public complaint (severity 0.5: 20 + 10 points) is `high`,
/// the same complaint by e-mail (20) is `normal`, and a severe public complaint (severity
/// 0.8: 32 + 10) becomes `urgent` with a large audience (40,000 followers: 26), a promoted
/// post (25), an earlier e-mail and call (30) or two weeks without a solution (16).
///
/// # Example
///
/// ```
/// use webcare::TriageWeights;
///
/// let w = TriageWeights::from_json(r#"{"promoted": 40, "thresholds": {"urgent": 60}}"#)?;
/// assert_eq!(w.promoted, 40.0);
/// assert_eq!(w.severity, 40.0); // the default
/// assert_eq!(TriageWeights::from_json(&w.to_json())?, w);
/// let err = TriageWeights::from_json(r#"{"reach": -1}"#).unwrap_err();
/// assert_eq!(err.code(), "invalid_option");
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TriageWeights {
    /// Points for a complaint of severity 1, scaled by the severity score (0 to 1); other
    /// labels add none. Default 40, the largest single weight: the complaint itself is
    /// what costs the brand when left unanswered (72% expect a reply on Twitter within an
    /// hour; without one 38% feel worse about the brand and 60% act on it).
    pub severity: f64,
    /// Points per tenfold of the author's followers above
    /// [`reach_floor_log10`](Self::reach_floor_log10). Default 10, so 40,000 followers add
    /// 26 and 400 followers add 6: the telecom that left a complaint unresolved for 6
    /// weeks heard about it when a customer with 40,000 followers went public. A log scale
    /// because each tenfold of audience matters about as much as the one before.
    pub reach: f64,
    /// Followers up to 10^floor are an ordinary audience and add nothing. Default 2 (100
    /// followers).
    pub reach_floor_log10: f64,
    /// Points for a promoted (paid) post. Default 25: British Airways took 8 hours to
    /// answer a complaint the customer paid to promote, and the promotion made sure many
    /// saw that wait.
    pub promoted: f64,
    /// Points for a complaint on a public channel. Default 10: everyone sees the complaint
    /// and the wait; 42% of people who complain on social media expect an answer within an
    /// hour.
    pub public_channel: f64,
    /// Points per other channel the customer used before this message. Default 15: a
    /// customer who emailed or phoned before complaining in public is a red flag (and 6 of
    /// 10 emailed questions go unanswered, so the earlier try likely failed).
    pub repeat_contact: f64,
    /// Points per week the customer's complaint has been unresolved. Default 8: weeks, not
    /// minutes, because the telecom's complaint sat for 6 weeks before it went public.
    pub unresolved_age_per_week: f64,
    /// Weeks after which the unresolved age adds nothing more. Default 6 (the telecom's 6
    /// weeks): 48 points, `urgent` together with a complaint of severity 0.2 or more.
    pub unresolved_age_cap_weeks: f64,
    /// Points when the SLA target is used up, scaled by the share used (half the time left:
    /// half the points). Default 20: 32% of people who complain expect an answer within 30
    /// minutes, so the clock of the published response time counts.
    pub sla_time_left: f64,
    /// Followers from which a complaint goes to a senior agent or specialist. Default
    /// 10,000: well below the 40,000 of the customer the telecom ignored.
    pub escalate_reach: u64,
    /// Weeks unresolved after which a complaint goes to a senior agent or specialist.
    /// Default 2: long before the telecom's 6 weeks.
    pub escalate_unresolved_weeks: f64,
    /// Scores at which the priority steps up.
    pub thresholds: PriorityThresholds,
}

impl Default for TriageWeights {
    fn default() -> Self {
        TriageWeights {
            severity: 40.0,
            reach: 10.0,
            reach_floor_log10: 2.0,
            promoted: 25.0,
            public_channel: 10.0,
            repeat_contact: 15.0,
            unresolved_age_per_week: 8.0,
            unresolved_age_cap_weeks: 6.0,
            sla_time_left: 20.0,
            escalate_reach: 10_000,
            escalate_unresolved_weeks: 2.0,
            thresholds: PriorityThresholds::default(),
        }
    }
}

/// The lowest score of each priority above `low`; they must increase, and `normal` must be
/// above 0 so that a message with no reason is `low`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PriorityThresholds {
    /// From this score on: `normal`. Default 5: any real reason (a small audience of 400
    /// followers, a quarter of the SLA used) lifts a message above `low`.
    pub normal: f64,
    /// From this score on: `high`. Default 25: an ordinary complaint in public (20 + 10).
    pub high: f64,
    /// From this score on: `urgent`. Default 55: a severe public complaint (42 at severity
    /// 0.8) plus one more red flag (large audience, promoted, earlier contact, weeks
    /// unresolved).
    pub urgent: f64,
}

impl Default for PriorityThresholds {
    fn default() -> Self {
        PriorityThresholds {
            normal: 5.0,
            high: 25.0,
            urgent: 55.0,
        }
    }
}

impl PriorityThresholds {
    /// The priority of a score: monotone, a higher score never gets a lower priority.
    pub fn priority(&self, score: f64) -> Priority {
        if score >= self.urgent {
            Priority::Urgent
        } else if score >= self.high {
            Priority::High
        } else if score >= self.normal {
            Priority::Normal
        } else {
            Priority::Low
        }
    }
}

impl TriageWeights {
    /// Reads weights from JSON (missing fields take the defaults) and checks them.
    ///
    /// # Errors
    ///
    /// `invalid_json` for malformed JSON, unknown fields or a mistyped value; else as
    /// [`TriageWeights::validate`].
    pub fn from_json(json: &str) -> Result<TriageWeights> {
        let weights: TriageWeights = serde_json::from_str(json)?;
        weights.validate()?;
        Ok(weights)
    }

    /// The weights as JSON text, every field written.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Checks that every weight and threshold is a number from 0 to 1,000,000, that
    /// `thresholds.normal` is above 0 and that the thresholds increase.
    ///
    /// # Errors
    ///
    /// `invalid_option` naming the first bad field (`thresholds` when they do not increase).
    pub fn validate(&self) -> Result<()> {
        let fields: [(&'static str, f64); 13] = [
            ("severity", self.severity),
            ("reach", self.reach),
            ("reach_floor_log10", self.reach_floor_log10),
            ("promoted", self.promoted),
            ("public_channel", self.public_channel),
            ("repeat_contact", self.repeat_contact),
            ("unresolved_age_per_week", self.unresolved_age_per_week),
            ("unresolved_age_cap_weeks", self.unresolved_age_cap_weeks),
            ("sla_time_left", self.sla_time_left),
            ("escalate_unresolved_weeks", self.escalate_unresolved_weeks),
            ("thresholds.normal", self.thresholds.normal),
            ("thresholds.high", self.thresholds.high),
            ("thresholds.urgent", self.thresholds.urgent),
        ];
        for (option, value) in fields {
            if !(0.0..=MAX_WEIGHT).contains(&value) {
                return Err(Error::InvalidOption {
                    option,
                    value: value.to_string(),
                    reason: "must be a number from 0 to 1000000",
                });
            }
        }
        let t = self.thresholds;
        if t.normal <= 0.0 {
            return Err(Error::InvalidOption {
                option: "thresholds.normal",
                value: t.normal.to_string(),
                reason: "must be above 0, so that a message with no reason is low",
            });
        }
        if !(t.normal < t.high && t.high < t.urgent) {
            return Err(Error::InvalidOption {
                option: "thresholds",
                value: format!("normal {}, high {}, urgent {}", t.normal, t.high, t.urgent),
                reason: "must increase: normal < high < urgent",
            });
        }
        Ok(())
    }
}
