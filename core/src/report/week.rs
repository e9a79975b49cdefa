//! Volume and first-reply breaches by hour of the week, in the desk's time zone.

use chrono::{DateTime, Datelike, Timelike, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use crate::policy::{Metric, Policy, Priority};

/// Hours in a week: the length of every [`WeekHours`] list.
pub const HOURS_PER_WEEK: usize = 168;

/// Counts per hour of the week, read on the wall clock of the desk's time zone.
///
/// Index `24 * d + h` is weekday `d` (Monday = 0) from `h:00` to `h+1:00` local time; a
/// report over many weeks adds them up. Across a DST change an hour counts where the wall
/// clock shows it (the skipped spring hour stays empty, the repeated autumn hour counts
/// twice). The zone is the desk's: see [`desk_timezone`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WeekHours {
    /// The IANA time zone the hours are read in.
    pub timezone: String,
    /// Customer messages by the hour they were sent (168 counts).
    pub inbound: Vec<u64>,
    /// Conversations by the hour of their first customer message (168 counts).
    pub conversations: Vec<u64>,
    /// First-reply clocks breached at the report instant (also those still waiting past
    /// their due instant), by the hour of the conversation's first customer message (168
    /// counts).
    pub breached: Vec<u64>,
}

impl Default for WeekHours {
    fn default() -> WeekHours {
        WeekHours {
            timezone: "UTC".into(),
            inbound: vec![0; HOURS_PER_WEEK],
            conversations: vec![0; HOURS_PER_WEEK],
            breached: vec![0; HOURS_PER_WEEK],
        }
    }
}

/// The hour of the week of `t` on the wall clock of `zone`: `24 * weekday + hour`, Monday
/// 00:00 = 0.
pub(crate) fn hour_of_week(t: DateTime<Utc>, zone: Tz) -> usize {
    let local = t.with_timezone(&zone);
    local.weekday().num_days_from_monday() as usize * 24 + local.hour() as usize
}

/// The time zone a report reads hours of the week in: that of the first calendar with
/// opening hours (not always open) among the first-reply targets of the policy's rules, in
/// rule order and then priority order (low to urgent), since that is where the staff sits;
/// else the zone of the first such calendar that is always open; else UTC. A calendar
/// combining others (`any_of`) counts with the zone of its first member.
///
/// # Example
///
/// ```
/// use webcare::report::desk_timezone;
/// use webcare::Policy;
///
/// // The preset's e-mail rule uses an Amsterdam 9-to-5 calendar; social rules are 24/7 UTC.
/// assert_eq!(desk_timezone(&Policy::preset()), chrono_tz::Europe::Amsterdam);
/// ```
pub fn desk_timezone(policy: &Policy) -> Tz {
    let mut always: Option<Tz> = None;
    for rule in policy.rules() {
        for priority in [
            Priority::Low,
            Priority::Normal,
            Priority::High,
            Priority::Urgent,
        ] {
            let Some(target) = rule.target(Metric::FirstReply, priority) else {
                continue;
            };
            let Some(calendar) = policy.calendar(target.calendar()) else {
                continue;
            };
            // The calendar's JSON document is the one place its zone is written down.
            let Ok(doc) = serde_json::from_str::<serde_json::Value>(&calendar.to_json()) else {
                continue;
            };
            let doc = doc
                .get("any_of")
                .and_then(|members| members.get(0))
                .unwrap_or(&doc);
            let Some(zone) = doc
                .get("timezone")
                .and_then(|z| z.as_str())
                .and_then(|z| z.parse::<Tz>().ok())
            else {
                continue;
            };
            if doc.get("always_open").and_then(serde_json::Value::as_bool) == Some(true) {
                always = always.or(Some(zone));
            } else {
                return zone;
            }
        }
    }
    always.unwrap_or(Tz::UTC)
}

impl WeekHours {
    pub(crate) fn in_zone(zone: Tz) -> WeekHours {
        WeekHours {
            timezone: zone.name().to_owned(),
            ..WeekHours::default()
        }
    }

    /// Adds `other`'s counts hour by hour (read in the same zone).
    pub(crate) fn merge(&mut self, other: &WeekHours) {
        for (mine, theirs) in [
            (&mut self.inbound, &other.inbound),
            (&mut self.conversations, &other.conversations),
            (&mut self.breached, &other.breached),
        ] {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m = m.saturating_add(*t);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_of_the_week_on_the_local_wall_clock() {
        let t = |s: &str| s.parse::<DateTime<Utc>>().unwrap_or_default();
        let ams = chrono_tz::Europe::Amsterdam;
        // Monday 2 March 2026 08:30 UTC is 09:30 CET: Monday, hour 9.
        assert_eq!(hour_of_week(t("2026-03-02T08:30:00Z"), ams), 9);
        assert_eq!(hour_of_week(t("2026-03-02T08:30:00Z"), Tz::UTC), 8);
        // Sunday 29 March 2026 23:30 UTC is Monday 01:30 CEST.
        assert_eq!(hour_of_week(t("2026-03-29T23:30:00Z"), ams), 1);
        // Sunday 22:00 UTC in winter is Sunday 23:00 CET: the last hour.
        assert_eq!(hour_of_week(t("2026-03-01T22:00:00Z"), ams), 167);
    }

    #[test]
    fn desk_zone_prefers_a_calendar_with_hours() {
        assert_eq!(
            desk_timezone(&Policy::preset()),
            chrono_tz::Europe::Amsterdam
        );
        let only_always = Policy::from_json(
            r#"{"calendars": {"a": {"timezone": "America/New_York", "always_open": true}},
                "rules": [{"name": "r", "targets": {"first_reply": {"normal": {"within": "1h", "calendar": "a"}}}}]}"#,
        )
        .unwrap_or_else(|_| Policy::preset());
        assert_eq!(desk_timezone(&only_always), chrono_tz::America::New_York);
        let none = Policy::from_json(r#"{"rules": []}"#).unwrap_or_else(|_| Policy::preset());
        assert_eq!(desk_timezone(&none), Tz::UTC);
    }
}
