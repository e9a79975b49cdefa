//! Shared inputs of the calendar benchmarks: one 9-to-5 Monday-Friday desk in
//! Europe/Amsterdam with 10 holidays a year, built in webcare, workclock and ule-hours,
//! and the same instants in each library's types.

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use jiff::{SignedDuration, Timestamp};

/// Ten Dutch holidays a year (2026-2028): New Year, Good Friday, Easter Monday, King's
/// Day, Liberation Day, Ascension, Whit Monday, Christmas Eve, Christmas, Boxing Day.
pub const HOLIDAYS: [&str; 30] = [
    "2026-01-01",
    "2026-04-03",
    "2026-04-06",
    "2026-04-27",
    "2026-05-05",
    "2026-05-14",
    "2026-05-25",
    "2026-12-24",
    "2026-12-25",
    "2026-12-26",
    "2027-01-01",
    "2027-03-26",
    "2027-03-29",
    "2027-04-27",
    "2027-05-05",
    "2027-05-06",
    "2027-05-17",
    "2027-12-24",
    "2027-12-25",
    "2027-12-26",
    "2028-01-01",
    "2028-04-14",
    "2028-04-17",
    "2028-04-27",
    "2028-05-05",
    "2028-05-25",
    "2028-06-05",
    "2028-12-24",
    "2028-12-25",
    "2028-12-26",
];

/// The desk in all three libraries.
pub struct Desks {
    /// webcare.
    pub webcare: webcare::Calendar,
    /// workclock.
    pub workclock: workclock::Schedule,
    /// ule-hours.
    pub ule: ule_hours::Schedule,
}

/// Builds the desk in all three libraries.
pub fn desks() -> Desks {
    let dates: Vec<NaiveDate> = HOLIDAYS.iter().map(|d| d.parse().expect("date")).collect();
    let mut b = webcare::Calendar::builder("Europe/Amsterdam").weekdays(&["09:00-17:00"]);
    for d in &dates {
        b = b.closed_on(*d);
    }
    let webcare = b.build().expect("webcare calendar");
    let jdates: Vec<jiff::civil::Date> =
        HOLIDAYS.iter().map(|d| d.parse().expect("date")).collect();
    let workclock = workclock::Schedule::builder()
        .time_zone("Europe/Amsterdam")
        .rule(workclock::WorkDay::new(
            jiff::civil::time(9, 0, 0, 0),
            jiff::civil::time(17, 0, 0, 0),
            workclock::Weekdays::MON_TO_FRI,
        ))
        .rule(workclock::Holidays::new(jdates.clone()))
        .build()
        .expect("workclock schedule");
    let mut u = ule_hours::Schedule::builder("Europe/Amsterdam")
        .expect("zone")
        .mon_fri("09:00-17:00")
        .expect("hours");
    for d in jdates {
        u = u.closed_on(d);
    }
    Desks {
        webcare,
        workclock,
        ule: u.build(),
    }
}

/// An instant in both chrono and jiff form.
#[derive(Debug, Clone, Copy)]
pub struct At {
    /// chrono.
    pub chrono: DateTime<Utc>,
    /// jiff.
    pub jiff: Timestamp,
}

/// Parses an RFC 3339 instant into both forms.
pub fn at(text: &str) -> At {
    At {
        chrono: webcare::parse_instant(text).expect("instant"),
        jiff: text.parse().expect("instant"),
    }
}

/// A duration in both forms.
pub fn dur(seconds: i64) -> (TimeDelta, SignedDuration) {
    (
        TimeDelta::seconds(seconds),
        SignedDuration::from_secs(seconds),
    )
}

/// `(name, from, to)` of the `elapsed` cases; all start on Tuesday 2026-03-03 10:00 CET.
pub fn elapsed_cases() -> Vec<(&'static str, At, At)> {
    let from = at("2026-03-03T10:00:00+01:00");
    vec![
        ("30 min", from, at("2026-03-03T10:30:00+01:00")),
        ("8 h", from, at("2026-03-04T10:00:00+01:00")),
        // Six calendar weeks: across the DST change and the Easter holidays.
        ("30 business days", from, at("2026-04-14T10:00:00+02:00")),
        ("1 year", from, at("2027-03-03T10:00:00+01:00")),
    ]
}

/// `(name, seconds of business time)` of the `add` cases, from Tuesday 2026-03-03 10:00 CET.
pub fn add_cases() -> Vec<(&'static str, i64)> {
    vec![
        ("30 min", 1800),
        ("8 h", 8 * 3600),
        ("30 business days", 240 * 3600),
    ]
}

/// `n` deterministic `(from, to)` pairs in 2026, spans up to 30 days.
pub fn pairs(n: usize) -> Vec<(At, At)> {
    let base = at("2026-01-01T00:00:00Z");
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    (0..n)
        .map(|_| {
            let a = (next() % (330 * 86_400)) as i64;
            let b = a + (next() % (30 * 86_400)) as i64;
            let shift = |s: i64| At {
                chrono: base.chrono + TimeDelta::seconds(s),
                jiff: base.jiff + SignedDuration::from_secs(s),
            };
            (shift(a), shift(b))
        })
        .collect()
}

pub mod cases;
pub mod texts;

/// The desk of [`desks`] joined with a 9-to-5 Monday-Friday desk in America/New_York: a
/// follow-the-sun union (webcare only; the peers have no unions).
pub fn follow_the_sun() -> webcare::Calendar {
    let nyc = webcare::Calendar::builder("America/New_York")
        .weekdays(&["09:00-17:00"])
        .build()
        .expect("New York calendar");
    webcare::Calendar::any_of(vec![desks().webcare, nyc]).expect("union")
}
