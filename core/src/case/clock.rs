//! Clock readings: the state of one clock instance at one instant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::policy::Metric;

/// The state of a clock instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClockState {
    /// Counting business time towards its due instant.
    Running,
    /// Not counting (waiting on the customer), not breached.
    Paused,
    /// Stopped at or before its due instant.
    Met,
    /// Its due instant passed before it stopped. Stays so once recorded, also while
    /// paused, after a later reply, or after a re-target to a longer target.
    Breached,
}

impl ClockState {
    /// The lowercase name: `running`, `paused`, `met`, `breached`.
    pub fn name(self) -> &'static str {
        match self {
            ClockState::Running => "running",
            ClockState::Paused => "paused",
            ClockState::Met => "met",
            ClockState::Breached => "breached",
        }
    }
}

/// One clock instance read at an instant.
///
/// Seconds are whole seconds (truncated toward zero) of business time on the target's
/// calendar, except `calendar_left_s` and `breached_by_calendar_s`, which are wall-clock
/// seconds. Absent (`None`, left out of JSON) where they do not apply:
///
/// | field | running | paused | met | breached |
/// |---|---|---|---|---|
/// | `due` | due instant | - | due instant when it stopped | when the target was reached |
/// | `warn_at` | when the target has a warning point | - | - | - |
/// | `business_left_s`, `calendar_left_s` | yes | business only | - | - |
/// | `breached_by_s`, `breached_by_calendar_s` | - | - | - | yes (frozen once stopped) |
/// | `stopped_at` | - | - | yes | once stopped |
///
/// JSON: `{"metric": "first_reply", "state": "running", "started_at": "...", "target_s": 3600,
/// "calendar": "always", "due": "...", "warn_at": "...", "elapsed_s": 600,
/// "business_left_s": 3000, "calendar_left_s": 3000}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClockReading {
    /// The metric.
    pub metric: Metric,
    /// The state.
    pub state: ClockState,
    /// The instance's start (its original start, also after a re-target).
    #[serde(with = "crate::instant::serde_utc")]
    pub started_at: DateTime<Utc>,
    /// The target in business seconds.
    pub target_s: i64,
    /// The name of the target's calendar.
    pub calendar: String,
    /// The due instant (see the table).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::serde_opt_utc"
    )]
    pub due: Option<DateTime<Utc>>,
    /// When the clock warns, while running with a warning point.
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::serde_opt_utc"
    )]
    pub warn_at: Option<DateTime<Utc>>,
    /// Business time counted, until now or until the clock stopped.
    pub elapsed_s: i64,
    /// Business time left before due, while running or paused and not breached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_left_s: Option<i64>,
    /// Wall-clock time left before due, while running and not breached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar_left_s: Option<i64>,
    /// Business time past due, when breached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breached_by_s: Option<i64>,
    /// Wall-clock time past due, when breached.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub breached_by_calendar_s: Option<i64>,
    /// When the clock stopped (a visible reply, solved).
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::serde_opt_utc"
    )]
    pub stopped_at: Option<DateTime<Utc>>,
}
