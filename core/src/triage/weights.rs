//! The configurable weights of triage and the fact behind each default.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::policy::Priority;

/// Points per reason. Missing JSON fields take the defaults; unknown fields are an error.
///
/// The defaults put a severe public complaint from a large account, or one from a customer
/// who already tried email and phone, at `urgent`, and an ordinary complaint at `high`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TriageWeights {
    /// Points for a complaint of severity 1 (scaled by the severity score). Default 40: the
    /// text itself is the strongest single signal.
    pub severity: f64,
    /// Points per tenfold of followers above [`reach_floor_log10`](Self::reach_floor_log10).
    /// Default 10: 40,000 followers add about 16, 400 followers add none. A telecom left a
    /// complaint unresolved for 6 weeks until a customer with 40,000 followers went public.
    pub reach: f64,
    /// Followers up to 10^floor count as an ordinary audience. Default 2.4 (about 250).
    pub reach_floor_log10: f64,
    /// Points for a promoted (paid) post. Default 25: British Airways took 8 hours to
    /// answer a complaint the customer paid to promote.
    pub promoted: f64,
    /// Points for a complaint on a public channel. Default 10: everyone sees it, and 72%
    /// expect a reply on Twitter within an hour.
    pub public_channel: f64,
    /// Points per other channel the customer used before. Default 15: a customer who
    /// emailed or phoned before complaining in public is a red flag.
    pub repeat_contact: f64,
    /// Points per week a complaint has been unresolved. Default 8 (capped, see below).
    pub unresolved_age_per_week: f64,
    /// Weeks after which the unresolved age adds nothing more. Default 6.
    pub unresolved_age_cap_weeks: f64,
    /// Points when the SLA target is used up (scaled by the share used). Default 20.
    pub sla_time_left: f64,
    /// Scores at which the priority steps up.
    pub thresholds: PriorityThresholds,
}

impl Default for TriageWeights {
    fn default() -> Self {
        TriageWeights {
            severity: 40.0,
            reach: 10.0,
            reach_floor_log10: 2.4,
            promoted: 25.0,
            public_channel: 10.0,
            repeat_contact: 15.0,
            unresolved_age_per_week: 8.0,
            unresolved_age_cap_weeks: 6.0,
            sla_time_left: 20.0,
            thresholds: PriorityThresholds::default(),
        }
    }
}

/// The lowest score of each priority above `low`; they must increase.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PriorityThresholds {
    /// From this score on: `normal`. Default 5.
    pub normal: f64,
    /// From this score on: `high`. Default 25.
    pub high: f64,
    /// From this score on: `urgent`. Default 55.
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
    /// The priority of a score.
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
    /// Checks that every weight is finite and not negative and the thresholds increase.
    ///
    /// # Errors
    ///
    /// `invalid_option` naming the first bad field.
    pub fn validate(&self) -> Result<()> {
        let fields: [(&'static str, f64); 12] = [
            ("severity", self.severity),
            ("reach", self.reach),
            ("reach_floor_log10", self.reach_floor_log10),
            ("promoted", self.promoted),
            ("public_channel", self.public_channel),
            ("repeat_contact", self.repeat_contact),
            ("unresolved_age_per_week", self.unresolved_age_per_week),
            ("unresolved_age_cap_weeks", self.unresolved_age_cap_weeks),
            ("sla_time_left", self.sla_time_left),
            ("thresholds.normal", self.thresholds.normal),
            ("thresholds.high", self.thresholds.high),
            ("thresholds.urgent", self.thresholds.urgent),
        ];
        for (option, value) in fields {
            if !value.is_finite() || value < 0.0 {
                return Err(Error::InvalidOption {
                    option,
                    value: value.to_string(),
                    reason: "must be a finite number, 0 or more",
                });
            }
        }
        let t = self.thresholds;
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
