//! Unit tests of the calendar operations; the laws are property tests in
//! `core/tests/calendar_laws.rs`, the hand-worked cases are conformance vectors.

use chrono::{DateTime, TimeDelta, Utc};

use super::Calendar;

fn t(s: &str) -> DateTime<Utc> {
    crate::parse_instant(s).unwrap()
}

fn office() -> Calendar {
    Calendar::from_json(
        r#"{"timezone": "Europe/Amsterdam",
            "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
                      "thu": ["09:00-17:00"], "fri": ["09:00-17:00", "22:00-02:00"]},
            "holidays": ["2026-12-25", {"date": "2026-12-24", "hours": ["09:00-12:00"]}]}"#,
    )
    .unwrap()
}

#[test]
fn add_across_a_weekend_and_at_closing() {
    let cal = office();
    assert_eq!(
        cal.add(t("2026-03-06T16:00:00+01:00"), TimeDelta::hours(1))
            .unwrap(),
        t("2026-03-06T17:00:00+01:00")
    );
    assert_eq!(
        cal.add(t("2026-03-06T16:00:00+01:00"), TimeDelta::hours(2))
            .unwrap(),
        t("2026-03-06T23:00:00+01:00")
    );
    assert_eq!(
        cal.add(t("2026-03-06T16:00:00+01:00"), TimeDelta::hours(6))
            .unwrap(),
        t("2026-03-09T10:00:00+01:00")
    );
}

#[test]
fn long_targets_skip_weeks_and_stay_exact() {
    let cal = office();
    let start = t("2026-01-05T09:00:00+01:00");
    // 44 h a week (5 x 8 h + the 4 h Friday night shift).
    let due = cal.add(start, TimeDelta::hours(44 * 10)).unwrap();
    assert_eq!(cal.elapsed(start, due).unwrap(), TimeDelta::hours(440));
    assert_eq!(cal.sub(due, TimeDelta::hours(440)).unwrap(), start);
}

#[test]
fn spring_forward_and_fall_back_nights() {
    let cal = Calendar::from_json(
        r#"{"timezone": "Europe/Amsterdam", "hours": {"sun": ["01:00-04:00"]}}"#,
    )
    .unwrap();
    // Sunday 2026-03-29: 01:00 CET to 04:00 CEST is 2 real hours.
    assert_eq!(
        cal.elapsed(
            t("2026-03-29T00:00:00+01:00"),
            t("2026-03-29T05:00:00+02:00")
        )
        .unwrap(),
        TimeDelta::hours(2)
    );
    // Sunday 2026-10-25: 01:00 CEST to 04:00 CET is 4 real hours.
    assert_eq!(
        cal.elapsed(
            t("2026-10-25T00:30:00+02:00"),
            t("2026-10-25T05:00:00+01:00")
        )
        .unwrap(),
        TimeDelta::hours(4)
    );
    // Saturday 22:00 CEST to the first 02:00 CEST: 4 hours.
    let cal = Calendar::from_json(
        r#"{"timezone": "Europe/Amsterdam", "hours": {"sat": ["22:00-02:00"]}}"#,
    )
    .unwrap();
    assert_eq!(
        cal.next_close(t("2026-10-24T23:00:00+02:00")).unwrap(),
        t("2026-10-25T02:00:00+02:00")
    );
}

#[test]
fn never_open_and_horizon_are_errors() {
    let err = Calendar::from_json(r#"{"timezone": "UTC", "hours": {}}"#).unwrap_err();
    assert_eq!(err.code(), "calendar_never_open");
    let cal = Calendar::from_json(
        r#"{"timezone": "UTC", "holidays": [{"date": "2026-01-01", "hours": ["09:00-10:00"]}]}"#,
    )
    .unwrap();
    assert_eq!(
        cal.add(t("2026-01-01T00:00:00Z"), TimeDelta::hours(2))
            .unwrap_err()
            .code(),
        "beyond_horizon"
    );
    assert_eq!(
        cal.next_open(t("2026-01-02T00:00:00Z")).unwrap_err().code(),
        "beyond_horizon"
    );
    let always = Calendar::from_json(r#"{"timezone": "UTC", "always_open": true}"#).unwrap();
    assert_eq!(
        always
            .next_close(t("2026-01-02T00:00:00Z"))
            .unwrap_err()
            .code(),
        "beyond_horizon"
    );
}

#[test]
fn union_is_open_when_any_member_is() {
    let cal = Calendar::from_json(
        r#"{"any_of": [{"timezone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}},
                       {"timezone": "America/New_York", "hours": {"mon": ["09:00-17:00"]}}]}"#,
    )
    .unwrap();
    // Monday 2026-03-02: Amsterdam 08:00-16:00 UTC, New York 14:00-22:00 UTC: 14 h together.
    assert_eq!(
        cal.elapsed(t("2026-03-02T00:00:00Z"), t("2026-03-03T00:00:00Z"))
            .unwrap(),
        TimeDelta::hours(14)
    );
    assert_eq!(
        cal.next_close(t("2026-03-02T10:00:00Z")).unwrap(),
        t("2026-03-02T22:00:00Z")
    );
    assert_eq!(
        cal.sub(t("2026-03-02T22:00:00Z"), TimeDelta::hours(14))
            .unwrap(),
        t("2026-03-02T08:00:00Z")
    );
}

#[test]
fn json_round_trips_and_shapes_are_checked() {
    let text = r#"{"timezone":"Pacific Time (US & Canada)","hours":{"sun":["10:00-14:00"],"mon":["09:00-12:00","12:00-17:00"]},"holidays":["2026-12-25",{"date":"2026-12-24","hours":["09:00-12:00"]},{"month_day":"01-01","name":"New Year"}],"always_open":false}"#;
    assert_eq!(Calendar::from_json(text).unwrap().to_json(), text);
    for (bad, code) in [
        (
            r#"{"timezone": "UTC", "always_open": true, "colour": "red"}"#,
            "invalid_json",
        ),
        (r#"{"hours": {"mon": ["09:00-17:00"]}}"#, "invalid_json"),
        (
            r#"{"timezone": "UTC", "always_open": true, "hours": {"mon": ["09:00-17:00"]}}"#,
            "invalid_json",
        ),
        (
            r#"{"timezone": "UTC", "hours": {"mon": ["09:00-17:00"], "mon": ["10:00-11:00"]}}"#,
            "invalid_json",
        ),
        (
            r#"{"timezone": "UTC", "hours": {"maandag": ["09:00-17:00"]}}"#,
            "unknown_weekday",
        ),
        (
            r#"{"timezone": "UTC", "hours": {"mon": ["9-5"]}}"#,
            "invalid_interval",
        ),
        (
            r#"{"timezone": "UTC", "hours": {"mon": ["09:00-09:00"]}}"#,
            "empty_interval",
        ),
        (
            r#"{"timezone": "UTC", "hours": {"mon": ["09:00-17:00"]}, "holidays": ["2026-02-30"]}"#,
            "invalid_holiday_date",
        ),
        (r#"{"any_of": []}"#, "calendar_never_open"),
    ] {
        assert_eq!(Calendar::from_json(bad).unwrap_err().code(), code, "{bad}");
    }
}

#[test]
fn negative_duration_and_batches() {
    let cal = office();
    let a = t("2026-03-02T09:00:00+01:00");
    assert_eq!(
        cal.add(a, TimeDelta::milliseconds(-5)).unwrap_err().code(),
        "negative_duration"
    );
    assert_eq!(
        cal.sub(a, TimeDelta::milliseconds(-5)).unwrap_err().code(),
        "negative_duration"
    );
    assert_eq!(
        cal.elapsed_many(&[a], &[a, a]).unwrap_err().code(),
        "batch_length_mismatch"
    );
    assert_eq!(
        cal.add_many(&[a, a], &[TimeDelta::zero(), TimeDelta::hours(1)])
            .unwrap(),
        vec![a, t("2026-03-02T10:00:00+01:00")]
    );
}

#[test]
fn holiday_removes_overnight_shift_of_its_day_only() {
    let cal = Calendar::from_json(
        r#"{"timezone": "UTC", "hours": {"fri": ["22:00-02:00"], "sat": ["10:00-12:00"]}, "holidays": ["2026-03-07"]}"#,
    )
    .unwrap();
    // Friday 2026-03-06 shift stays (holiday is Saturday); Saturday's own hours are gone.
    assert!(cal.is_open(t("2026-03-07T01:00:00Z")));
    assert!(!cal.is_open(t("2026-03-07T11:00:00Z")));
}
