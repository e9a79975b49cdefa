//! Differential test against the `workclock` crate on random calendars where the two
//! libraries' documented semantics agree, so their answers must be equal.
//!
//! Where they differ, by design, and what the generator avoids:
//! - A boundary in a spring-forward gap: webcare takes the end of the gap (02:30 -> 03:00),
//!   workclock jiff's "compatible" rule (02:30 -> 03:30). Boundaries here avoid
//!   01:00-03:00, where the gaps of the zones below lie. In folds both take the first reading.
//! - Holidays: webcare removes the shifts that start on the date, workclock the calendar
//!   time from midnight to midnight. Calendars with holidays here have no overnight shifts,
//!   where the two are the same.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use chrono::{DateTime, NaiveDate, TimeDelta, TimeZone, Utc};
use jiff::{SignedDuration, Timestamp};
use proptest::prelude::*;
use webcare::Calendar;

const ZONES: [&str; 6] = [
    "UTC",
    "Europe/Amsterdam",
    "Europe/London",
    "America/New_York",
    "Australia/Sydney",
    "Asia/Kolkata",
];
const KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
const NS: i128 = 1_000_000_000;
const DAY: i64 = 86_400;

/// Boundaries in half hours from midnight, outside 01:00-03:00.
fn allowed(half_hours: i64) -> bool {
    !(2..6).contains(&half_hours.rem_euclid(48))
}

#[derive(Debug, Clone)]
struct Pair {
    json: String,
    peer: workclock::Schedule,
}

fn build(
    zone: usize,
    candidates: &[(usize, i64, i64)],
    holidays: &[i64],
    anchor: NaiveDate,
) -> Pair {
    // (weekday, start, length) in half hours; drop overlaps on the weekly circle.
    let week = 7 * 48;
    let mut kept: Vec<(usize, i64, i64)> = Vec::new();
    for &(day, start, len) in candidates {
        if !allowed(start) || !allowed(start + len) {
            continue;
        }
        let a = day as i64 * 48 + start;
        let clash = kept.iter().any(|&(d2, s2, l2)| {
            let b = d2 as i64 * 48 + s2;
            (b - a).rem_euclid(week) < len || (a - b).rem_euclid(week) < l2
        });
        if !clash {
            kept.push((day, start, len));
        }
    }
    if kept.is_empty() {
        kept.push((0, 18, 16));
    }
    let overnight = kept.iter().any(|&(_, s, l)| s + l > 48);
    let hhmm = |h: i64| format!("{:02}:{:02}", h / 2, h % 2 * 30);
    let mut hours: Vec<Vec<String>> = vec![Vec::new(); 7];
    let mut builder = workclock::Schedule::builder().time_zone(ZONES[zone]);
    for &(day, start, len) in &kept {
        let end = start + len;
        let shown = if end == 48 {
            "24:00".to_owned()
        } else {
            hhmm(end % 48)
        };
        hours[day].push(format!("\"{}-{}\"", hhmm(start), shown));
        let t = |h: i64| jiff::civil::time((h.rem_euclid(48) / 2) as i8, (h % 2 * 30) as i8, 0, 0);
        let weekday = [
            jiff::civil::Weekday::Monday,
            jiff::civil::Weekday::Tuesday,
            jiff::civil::Weekday::Wednesday,
            jiff::civil::Weekday::Thursday,
            jiff::civil::Weekday::Friday,
            jiff::civil::Weekday::Saturday,
            jiff::civil::Weekday::Sunday,
        ][day];
        builder = builder.rule(workclock::WorkDay::new(
            t(start),
            t(end),
            [weekday].into_iter().collect(),
        ));
    }
    let dates: Vec<NaiveDate> = if overnight {
        Vec::new()
    } else {
        holidays
            .iter()
            .map(|o| anchor + TimeDelta::days(*o))
            .collect()
    };
    if !dates.is_empty() {
        builder = builder.rule(workclock::Holidays::new(
            dates
                .iter()
                .map(|d| d.to_string().parse::<jiff::civil::Date>().unwrap()),
        ));
    }
    let hours_json: Vec<String> = hours
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| format!("\"{}\": [{}]", KEYS[i], v.join(", ")))
        .collect();
    let mut unique: Vec<String> = dates.iter().map(|d| format!("\"{d}\"")).collect();
    unique.sort();
    unique.dedup();
    let json = format!(
        "{{\"timezone\": \"{}\", \"hours\": {{{}}}, \"holidays\": [{}]}}",
        ZONES[zone],
        hours_json.join(", "),
        unique.join(", ")
    );
    Pair {
        json,
        peer: builder.build().unwrap(),
    }
}

fn ts(t: DateTime<Utc>) -> Timestamp {
    Timestamp::from_nanosecond(
        i128::from(t.timestamp()) * NS + i128::from(t.timestamp_subsec_nanos()),
    )
    .unwrap()
}

fn to_ns(d: SignedDuration) -> i128 {
    d.as_nanos()
}

fn delta_ns(d: TimeDelta) -> i128 {
    i128::from(d.num_seconds()) * NS + i128::from(d.subsec_nanos())
}

prop_compose! {
    fn pair_and_instant()(
        zone in 0..ZONES.len(),
        candidates in prop::collection::vec((0..7usize, 0..48i64, 1..40i64), 1..8),
        holidays in prop::collection::vec(-3..10i64, 0..3),
        day in 0..365i64,
        near_dst in any::<bool>(),
        secs in 0..DAY,
        nanos in 0..1_000_000_000u32,
    ) -> (Pair, DateTime<Utc>) {
        // 2026 DST Sundays of the zones above, as days of the year (0-based): Mar 8 (New
        // York), Mar 29 (Europe), Apr 5 and Oct 4 (Sydney), Oct 25 (Europe), Nov 1 (New York).
        let dst_days = [66, 87, 94, 276, 297, 304];
        let day = if near_dst { dst_days[day as usize % dst_days.len()] - 2 + day % 4 } else { day };
        let t = Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap() + TimeDelta::days(day) + TimeDelta::seconds(secs);
        let t = t + TimeDelta::nanoseconds(i64::from(nanos));
        let tz: chrono_tz::Tz = ZONES[zone].parse().unwrap();
        let anchor = t.with_timezone(&tz).date_naive();
        (build(zone, &candidates, &holidays, anchor), t)
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn same_answers_as_workclock((p, t) in pair_and_instant(), span in 0..20 * DAY, d in 0..5 * DAY) {
        let cal = Calendar::from_json(&p.json).unwrap();
        let b = t + TimeDelta::seconds(span);
        prop_assert_eq!(delta_ns(cal.elapsed(t, b).unwrap()), to_ns(p.peer.between(ts(t), ts(b))), "elapsed {}", p.json);
        prop_assert_eq!(delta_ns(cal.elapsed(b, t).unwrap()), to_ns(p.peer.between(ts(b), ts(t))), "elapsed back {}", p.json);
        let dur = TimeDelta::seconds(d);
        let due = cal.add(t, dur).unwrap();
        prop_assert_eq!(ts(due), p.peer.add(ts(t), SignedDuration::from_secs(d)).unwrap(), "add {}", p.json);
        let start = cal.sub(t, dur).unwrap();
        prop_assert_eq!(ts(start), p.peer.sub(ts(t), SignedDuration::from_secs(d)).unwrap(), "sub {}", p.json);
    }
}
