//! Metrics, priorities, warning points and targets.

use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::duration::BusinessDuration;
use crate::error::{Error, Result};

/// A case's priority. Cases start at [`Priority::Normal`].
///
/// # Example
///
/// ```
/// use webcare::Priority;
///
/// assert_eq!("urgent".parse::<Priority>()?, Priority::Urgent);
/// assert_eq!("asap".parse::<Priority>().unwrap_err().code(), "unknown_priority");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Priority {
    /// `low`.
    Low,
    /// `normal`: where every case starts.
    #[default]
    Normal,
    /// `high`.
    High,
    /// `urgent`.
    Urgent,
}

impl Priority {
    /// All priorities, lowest first.
    pub const ALL: [Priority; 4] = [
        Priority::Low,
        Priority::Normal,
        Priority::High,
        Priority::Urgent,
    ];

    /// The lowercase name: `low`, `normal`, `high`, `urgent`.
    pub fn name(self) -> &'static str {
        match self {
            Priority::Low => "low",
            Priority::Normal => "normal",
            Priority::High => "high",
            Priority::Urgent => "urgent",
        }
    }
}

impl FromStr for Priority {
    type Err = Error;

    fn from_str(text: &str) -> Result<Priority> {
        Priority::ALL
            .into_iter()
            .find(|p| p.name() == text)
            .ok_or_else(|| Error::UnknownPriority {
                name: text.to_owned(),
            })
    }
}

/// A response-time metric. Each metric's clock is defined in the
/// [case module](crate::case) docs.
///
/// # Example
///
/// ```
/// use webcare::Metric;
///
/// assert_eq!("first_reply".parse::<Metric>()?, Metric::FirstReply);
/// assert_eq!(Metric::RequesterWait.name(), "requester_wait");
/// assert_eq!("first_response".parse::<Metric>().unwrap_err().code(), "unknown_metric");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Metric {
    /// First customer message to the first visible reply. Never pauses.
    FirstReply,
    /// Oldest unanswered customer message (after a visible reply) to the next visible reply.
    NextReply,
    /// Visible reply to the next visible reply while the case is open. Never pauses.
    PeriodicUpdate,
    /// As periodic update, paused while waiting on the customer.
    PausableUpdate,
    /// First customer message to solved, paused while waiting on the customer.
    RequesterWait,
    /// First customer message to the final solve. Never pauses.
    Resolution,
}

impl Metric {
    /// All metrics, in the order clocks are listed.
    pub const ALL: [Metric; 6] = [
        Metric::FirstReply,
        Metric::NextReply,
        Metric::PeriodicUpdate,
        Metric::PausableUpdate,
        Metric::RequesterWait,
        Metric::Resolution,
    ];

    /// The snake_case name, as in policy JSON.
    pub fn name(self) -> &'static str {
        match self {
            Metric::FirstReply => "first_reply",
            Metric::NextReply => "next_reply",
            Metric::PeriodicUpdate => "periodic_update",
            Metric::PausableUpdate => "pausable_update",
            Metric::RequesterWait => "requester_wait",
            Metric::Resolution => "resolution",
        }
    }

    /// Whether waiting on the customer pauses this metric.
    pub fn pausable(self) -> bool {
        matches!(self, Metric::PausableUpdate | Metric::RequesterWait)
    }

    /// The metric in plain English, capitalised: "First reply".
    pub fn label(self) -> &'static str {
        match self {
            Metric::FirstReply => "First reply",
            Metric::NextReply => "Next reply",
            Metric::PeriodicUpdate => "Periodic update",
            Metric::PausableUpdate => "Pausable update",
            Metric::RequesterWait => "Requester wait",
            Metric::Resolution => "Resolution",
        }
    }
}

impl FromStr for Metric {
    type Err = Error;

    fn from_str(text: &str) -> Result<Metric> {
        Metric::ALL
            .into_iter()
            .find(|m| m.name() == text)
            .ok_or_else(|| Error::UnknownMetric {
                name: text.to_owned(),
            })
    }
}

macro_rules! name_serde {
    ($t:ty) => {
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.name())
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<$t, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}
name_serde!(Priority);
name_serde!(Metric);

/// When a running clock warns: at a share of the target used, or some business time before due.
///
/// # Example
///
/// ```
/// use webcare::policy::Warning;
/// use chrono::TimeDelta;
///
/// let w: Warning = "80%".parse()?;
/// assert_eq!(w.threshold(TimeDelta::hours(1)), Some(TimeDelta::minutes(48)));
/// let w: Warning = "10m before".parse()?;
/// assert_eq!(w.threshold(TimeDelta::hours(1)), Some(TimeDelta::minutes(50)));
/// assert_eq!("120%".parse::<Warning>().unwrap_err().code(), "invalid_warning");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Warning {
    /// `"80%"`: warn when this percentage (1 to 99) of the target is used.
    Percent(u8),
    /// `"10m before"`: warn this much business time before due.
    Before(BusinessDuration),
}

impl Warning {
    /// The business time after the start at which the warning falls, for a target of
    /// `within`; `None` when a `before` warning is not shorter than the target.
    pub fn threshold(&self, within: TimeDelta) -> Option<TimeDelta> {
        match self {
            Warning::Percent(p) => {
                let nanos = within.num_nanoseconds()?.checked_mul(i64::from(*p))? / 100;
                Some(TimeDelta::nanoseconds(nanos))
            }
            Warning::Before(d) => {
                let t = within.checked_sub(&d.delta())?;
                (t > TimeDelta::zero()).then_some(t)
            }
        }
    }
}

impl FromStr for Warning {
    type Err = Error;

    fn from_str(text: &str) -> Result<Warning> {
        let bad = |reason| Error::InvalidWarning {
            value: text.to_owned(),
            reason,
        };
        let t = text.trim();
        if let Some(p) = t.strip_suffix('%') {
            let p: u8 = p
                .trim()
                .parse()
                .map_err(|_| bad("a percentage is a whole number from 1 to 99"))?;
            if !(1..=99).contains(&p) {
                return Err(bad("a percentage is a whole number from 1 to 99"));
            }
            return Ok(Warning::Percent(p));
        }
        if let Some(d) = t.strip_suffix("before") {
            let d: BusinessDuration = d.trim().parse()?;
            return Ok(Warning::Before(d));
        }
        Err(bad(
            "expected a percentage (\"80%\") or \"<duration> before\" (\"10m before\")",
        ))
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Percent(p) => write!(f, "{p}%"),
            Warning::Before(d) => write!(f, "{d} before"),
        }
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A target: an amount of open time on a named calendar, with an optional warning point.
///
/// JSON: `{"within": "1h", "calendar": "always", "warn": "80%"}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub(crate) within: BusinessDuration,
    pub(crate) calendar: String,
    pub(crate) warn: Option<Warning>,
}

impl Target {
    /// The open time allowed.
    pub fn within(&self) -> &BusinessDuration {
        &self.within
    }

    /// The name of the calendar the time is counted on (a key of the policy's `calendars`).
    pub fn calendar(&self) -> &str {
        &self.calendar
    }

    /// The warning point, if any.
    pub fn warn(&self) -> Option<&Warning> {
        self.warn.as_ref()
    }

    /// The business time after the start at which the clock warns, if it has a warning point.
    pub fn warn_after(&self) -> Option<TimeDelta> {
        self.warn.as_ref()?.threshold(self.within.delta())
    }
}
