//! Laws of business time (DESIGN.md, "Calendars and business time") as property tests,
//! and agreement with a slow reference kept here only.
//!
//! The reference places every boundary by brute force: it steps through UTC minute by
//! minute until the local wall clock first shows the boundary's time or a later one. It
//! then takes the union of all intervals and answers every question from that list,
//! without skipping weeks. Schedules are random (several intervals a day, overnight ones,
//! 15-minute steps so that Chatham's 02:45 and Kolkata's half hours are hit), zones are
//! the ones of the issue, instants cluster around the 2026 DST changes and the holidays.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use std::collections::BTreeMap;
use std::sync::OnceLock;

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use proptest::prelude::*;
use webcare::Calendar;

const ZONES: [&str; 7] = [
    "Europe/Amsterdam",
    "Europe/London",
    "America/New_York",
    "America/Sao_Paulo",
    "Australia/Sydney",
    "Asia/Kolkata",
    "Pacific/Chatham",
];
const DAY: i64 = 86_400;
const NS: i128 = 1_000_000_000;
const KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A random calendar: the JSON webcare gets, and the same facts for the reference.
#[derive(Debug, Clone)]
struct Case {
    json: String,
    tz: Tz,
    /// Per weekday (Monday first): (start, end) in seconds from midnight; end may pass 24 h.
    week: [Vec<(i64, i64)>; 7],
    /// Holiday hours per date (empty: closed).
    holidays: BTreeMap<NaiveDate, Vec<(i64, i64)>>,
}

impl Case {
    fn cal(&self) -> Calendar {
        Calendar::from_json(&self.json).unwrap_or_else(|e| panic!("{e}: {}", self.json))
    }

    fn week_open(&self) -> i64 {
        self.week.iter().flatten().map(|(a, b)| b - a).sum()
    }
}

fn hhmm(secs: i64) -> String {
    format!("{:02}:{:02}", secs / 3600, secs % 3600 / 60)
}

fn interval_text(start: i64, end: i64) -> String {
    let shown_end = if end == DAY { DAY } else { end % DAY };
    format!("{}-{}", hhmm(start), hhmm(shown_end))
}

/// Candidate intervals as (weekday, start in quarter hours, length in quarter hours); those
/// that overlap an earlier one on the weekly circle are dropped.
fn build_case(
    zone: usize,
    candidates: Vec<(usize, i64, i64)>,
    holidays: Vec<(i64, Option<(i64, i64)>)>,
    anchor: NaiveDate,
) -> Case {
    let week_len = 7 * DAY;
    let mut kept: Vec<(usize, i64, i64)> = Vec::new();
    for (day, q_start, q_len) in candidates {
        let start = q_start * 900;
        let len = q_len * 900;
        let a = day as i64 * DAY + start;
        let overlaps = kept.iter().any(|&(d2, s2, l2)| {
            let b = d2 as i64 * DAY + s2;
            // Circular overlap of [a, a+len) and [b, b+l2) on a week; touching is allowed.
            let d = (b - a).rem_euclid(week_len);
            let e = (a - b).rem_euclid(week_len);
            d < len || e < l2
        });
        if !overlaps {
            kept.push((day, start, len));
        }
    }
    if kept.is_empty() {
        kept.push((0, 9 * 3600, 8 * 3600));
    }
    let mut week: [Vec<(i64, i64)>; 7] = Default::default();
    for &(day, start, len) in &kept {
        week[day].push((start, start + len));
    }
    for day in &mut week {
        day.sort();
    }
    let mut hol = BTreeMap::new();
    for (offset, hours) in holidays {
        let date = anchor + TimeDelta::days(offset);
        hol.insert(
            date,
            hours
                .map(|(s, l)| vec![(s * 900, s * 900 + l * 900)])
                .unwrap_or_default(),
        );
    }
    let hours_json: Vec<String> = week
        .iter()
        .enumerate()
        .filter(|(_, v)| !v.is_empty())
        .map(|(i, v)| {
            let list: Vec<String> = v
                .iter()
                .map(|(a, b)| format!("\"{}\"", interval_text(*a, *b)))
                .collect();
            format!("\"{}\": [{}]", KEYS[i], list.join(", "))
        })
        .collect();
    let hol_json: Vec<String> = hol
        .iter()
        .map(|(d, h)| match h.first() {
            None => format!("\"{d}\""),
            Some((a, b)) => format!(
                "{{\"date\": \"{d}\", \"hours\": [\"{}\"]}}",
                interval_text(*a, *b)
            ),
        })
        .collect();
    let json = format!(
        "{{\"timezone\": \"{}\", \"hours\": {{{}}}, \"holidays\": [{}]}}",
        ZONES[zone],
        hours_json.join(", "),
        hol_json.join(", ")
    );
    Case {
        json,
        tz: ZONES[zone].parse().unwrap(),
        week,
        holidays: hol,
    }
}

/// The DST changes of each zone in 2018-2027 (UTC seconds), found by scanning hourly.
/// 2018-2019 brings São Paulo's changes at midnight (00:00 -> 01:00, 00:00 -> 23:00).
fn transitions(tz: Tz) -> &'static [i64] {
    static ALL: OnceLock<Vec<(Tz, Vec<i64>)>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        ZONES
            .iter()
            .map(|z| {
                let tz: Tz = z.parse().unwrap();
                let start = Utc
                    .with_ymd_and_hms(2018, 1, 1, 0, 0, 0)
                    .unwrap()
                    .timestamp();
                let mut out = Vec::new();
                let mut prev = offset(tz, start);
                let mut t = start;
                while t < start + 10 * 366 * DAY {
                    t += 3600;
                    let o = offset(tz, t);
                    if o != prev {
                        out.push(t);
                        prev = o;
                    }
                }
                (tz, out)
            })
            .collect()
    });
    all.iter()
        .find(|(z, _)| *z == tz)
        .map(|(_, v)| v.as_slice())
        .unwrap_or(&[])
}

fn offset(tz: Tz, utc: i64) -> i64 {
    let naive = DateTime::from_timestamp(utc, 0).unwrap().naive_utc();
    i64::from(tz.offset_from_utc_datetime(&naive).fix().local_minus_utc())
}

// ---------------------------------------------------------------- the slow reference

/// First UTC instant (minute steps) at which the local wall clock shows `local` or later.
fn ref_boundary(tz: Tz, local: i64) -> i64 {
    let mut t = (local - 16 * 3600).div_euclid(60) * 60;
    loop {
        if t + offset(tz, t) >= local {
            return t;
        }
        t += 60;
    }
}

fn local_midnight(date: NaiveDate) -> i64 {
    date.and_hms_opt(0, 0, 0).unwrap().and_utc().timestamp()
}

/// The raw intervals of one calendar for the local days `from..=to`, in UTC nanoseconds.
fn ref_raw(c: &Case, from: NaiveDate, to: NaiveDate, raw: &mut Vec<(i128, i128)>) {
    let mut d = from;
    while d <= to {
        let spans = c
            .holidays
            .get(&d)
            .cloned()
            .unwrap_or_else(|| c.week[d.weekday().num_days_from_monday() as usize].clone());
        let m = local_midnight(d);
        for (s, e) in spans {
            let a = ref_boundary(c.tz, m + s);
            let b = ref_boundary(c.tz, m + e);
            if a < b {
                raw.push((i128::from(a) * NS, i128::from(b) * NS));
            }
        }
        d = d.succ_opt().unwrap();
    }
}

/// The union of the open intervals of all `members` that start within a few days of
/// `from..=to`, merged, in UTC nanoseconds.
fn ref_list(members: &[Case], from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<(i128, i128)> {
    let mut raw = Vec::new();
    for c in members {
        ref_raw(
            c,
            local_date(c.tz, from) - TimeDelta::days(3),
            local_date(c.tz, to) + TimeDelta::days(2),
            &mut raw,
        );
    }
    raw.sort();
    let mut merged: Vec<(i128, i128)> = Vec::new();
    for (a, b) in raw {
        match merged.last_mut() {
            Some(last) if a <= last.1 => last.1 = last.1.max(b),
            _ => merged.push((a, b)),
        }
    }
    merged
}

fn nanos(t: DateTime<Utc>) -> i128 {
    i128::from(t.timestamp()) * NS + i128::from(t.timestamp_subsec_nanos())
}

fn instant(n: i128) -> DateTime<Utc> {
    DateTime::from_timestamp(n.div_euclid(NS) as i64, n.rem_euclid(NS) as u32).unwrap()
}

fn delta(n: i128) -> TimeDelta {
    TimeDelta::new(n.div_euclid(NS) as i64, n.rem_euclid(NS) as u32).unwrap()
}

fn local_date(tz: Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

/// How far the reference looks for `d` of open time: enough weeks of the most open member.
fn reach(members: &[Case], d: i128) -> TimeDelta {
    let week_open = members.iter().map(Case::week_open).max().unwrap_or(1);
    let weeks = d / (i128::from(week_open) * NS) + 3;
    TimeDelta::days(7 * weeks as i64)
}

fn ref_add(members: &[Case], t: DateTime<Utc>, d: i128) -> DateTime<Utc> {
    if d == 0 {
        return t;
    }
    let tn = nanos(t);
    let mut r = d;
    for (a, b) in ref_list(members, t, t + reach(members, d)) {
        if b <= tn {
            continue;
        }
        let a = a.max(tn);
        if b - a >= r {
            return instant(a + r);
        }
        r -= b - a;
    }
    panic!("reference window too small")
}

fn ref_elapsed(members: &[Case], a: DateTime<Utc>, b: DateTime<Utc>) -> i128 {
    let (an, bn) = (nanos(a), nanos(b));
    ref_list(members, a, b)
        .into_iter()
        .map(|(x, y)| (y.min(bn) - x.max(an)).max(0))
        .sum()
}

fn ref_sub(members: &[Case], u: DateTime<Utc>, d: i128) -> DateTime<Utc> {
    if d == 0 {
        return u;
    }
    let un = nanos(u);
    let mut r = d;
    for (a, b) in ref_list(members, u - reach(members, d), u)
        .into_iter()
        .rev()
    {
        if a >= un {
            continue;
        }
        let b = b.min(un);
        if b - a >= r {
            return instant(b - r);
        }
        r -= b - a;
    }
    panic!("reference window too small")
}

/// (is_open, next_open, next_close) by the reference, looking three weeks ahead.
fn ref_state(members: &[Case], t: DateTime<Utc>) -> (bool, DateTime<Utc>, DateTime<Utc>) {
    let list = ref_list(members, t, t + TimeDelta::days(21));
    let tn = nanos(t);
    let first = list
        .iter()
        .find(|(_, b)| *b > tn)
        .copied()
        .expect("opens within three weeks");
    let open = first.0 <= tn;
    let next_open = instant(first.0.max(tn));
    let next_close = if open { instant(first.1) } else { t };
    (open, next_open, next_close)
}

/// Checks every operation of `cal` against the reference for `members`.
fn check_against_reference(
    cal: &Calendar,
    members: &[Case],
    t: DateTime<Utc>,
    d: i128,
    span: i64,
) -> Result<(), TestCaseError> {
    let json = cal.to_json();
    prop_assert_eq!(
        cal.add(t, delta(d)).unwrap(),
        ref_add(members, t, d),
        "add {}",
        json
    );
    prop_assert_eq!(
        cal.sub(t, delta(d)).unwrap(),
        ref_sub(members, t, d),
        "sub {}",
        json
    );
    let b = t + TimeDelta::seconds(span);
    prop_assert_eq!(
        cal.elapsed(t, b).unwrap(),
        delta(ref_elapsed(members, t, b)),
        "elapsed {}",
        json
    );
    let (open, next_open, next_close) = ref_state(members, t);
    prop_assert_eq!(cal.is_open(t), open, "is_open {}", json);
    prop_assert_eq!(cal.next_open(t).unwrap(), next_open, "next_open {}", json);
    prop_assert_eq!(
        cal.next_close(t).unwrap(),
        next_close,
        "next_close {}",
        json
    );
    Ok(())
}

// ---------------------------------------------------------------- generators

prop_compose! {
    fn case_and_instant()(
        zone in 0..ZONES.len(),
        candidates in prop::collection::vec((0..7usize, 0..96i64, 1..80i64), 1..9),
        holidays in prop::collection::vec((-3..10i64, prop::option::of((20..60i64, 1..24i64))), 0..4),
        which in any::<prop::sample::Index>(),
        jitter in -4 * DAY..4 * DAY,
        sub_second in 0..1_000_000_000u32,
        near_transition in any::<bool>(),
    ) -> (Case, DateTime<Utc>) {
        let tz: Tz = ZONES[zone].parse().unwrap();
        let list = transitions(tz);
        let base = if near_transition && !list.is_empty() {
            list[which.index(list.len())]
        } else {
            Utc.with_ymd_and_hms(2026, 1, 1, 0, 0, 0).unwrap().timestamp() + which.index(365) as i64 * DAY
        };
        let t = DateTime::from_timestamp(base + jitter, sub_second).unwrap();
        // Holidays land around the instant so that they matter.
        let anchor = local_date(tz, t);
        let case = build_case(zone, candidates, holidays, anchor);
        (case, t)
    }
}

/// A duration as (per mille of the calendar's weekly open time, extra nanoseconds):
/// mostly under a week of open time, sometimes six weeks, sometimes zero.
fn duration() -> impl Strategy<Value = (i128, i128)> {
    prop_oneof![
        4 => (0..1000i128, 0..NS),
        2 => (0..6000i128, 0..NS),
        1 => Just((0i128, 0i128)),
        1 => (0..1i128, 1..NS),
    ]
}

/// The duration in nanoseconds for a case.
fn scale(c: &Case, (permille, extra): (i128, i128)) -> i128 {
    i128::from(c.week_open()) * NS * permille / 1000 + extra
}

/// `CALENDAR_LAW_CASES=20000` runs a longer soak than the default.
#[allow(
    clippy::disallowed_methods,
    reason = "a test knob, not core configuration"
)]
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("CALENDAR_LAW_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------- the laws

proptest! {
    #![proptest_config(config(400))]

    #[test]
    fn elapsed_of_add_is_the_duration((c, t) in case_and_instant(), d in duration()) {
        let cal = c.cal();
        let d = scale(&c, d);
        let due = cal.add(t, delta(d)).unwrap();
        prop_assert!(due >= t);
        prop_assert_eq!(cal.elapsed(t, due).unwrap(), delta(d), "{}", c.json);
        prop_assert_eq!(cal.elapsed(due, t).unwrap(), -delta(d));
    }

    #[test]
    fn add_is_associative((c, t) in case_and_instant(), d1 in duration(), d2 in duration()) {
        let cal = c.cal();
        let (d1, d2) = (scale(&c, d1), scale(&c, d2));
        let once = cal.add(t, delta(d1 + d2)).unwrap();
        let twice = cal.add(cal.add(t, delta(d1)).unwrap(), delta(d2)).unwrap();
        prop_assert_eq!(once, twice, "{}", c.json);
    }

    #[test]
    fn sub_undoes_add((c, t) in case_and_instant(), d in duration()) {
        let cal = c.cal();
        let d = scale(&c, d);
        let due = cal.add(t, delta(d)).unwrap();
        let back = cal.sub(due, delta(d)).unwrap();
        prop_assert_eq!(cal.elapsed(back, due).unwrap(), delta(d));
        if d > 0 {
            // The latest start that still needs `d`: `t` itself when open, else the opening after it.
            prop_assert_eq!(back, cal.next_open(t).unwrap(), "{}", c.json);
        }
        if cal.is_open(t) {
            prop_assert_eq!(back, t);
        }
    }

    #[test]
    fn add_is_monotonic((c, t) in case_and_instant(), d in duration(), dt in 0..2 * DAY, dd in 0..DAY) {
        let cal = c.cal();
        let d = scale(&c, d);
        let later = t + TimeDelta::seconds(dt);
        prop_assert!(cal.add(t, delta(d)).unwrap() <= cal.add(later, delta(d)).unwrap(), "{}", c.json);
        let more = d + i128::from(dd) * NS;
        prop_assert!(cal.add(t, delta(d)).unwrap() <= cal.add(t, delta(more)).unwrap(), "{}", c.json);
    }
}

proptest! {
    #![proptest_config(config(300))]

    #[test]
    fn agrees_with_the_reference((c, t) in case_and_instant(), d in duration(), span in 0..10 * DAY) {
        let d = scale(&c, d);
        check_against_reference(&c.cal(), std::slice::from_ref(&c), t, d, span)?;
    }

    #[test]
    fn union_agrees_with_the_reference((c1, t) in case_and_instant(), (c2, _) in case_and_instant(), d in duration(), span in 0..10 * DAY) {
        let d = scale(&c1, d);
        let cal = Calendar::any_of(vec![c1.cal(), c2.cal()]).unwrap();
        check_against_reference(&cal, &[c1, c2], t, d, span)?;
    }
}

#[test]
fn reference_knows_the_design_examples() {
    // DESIGN.md: 02:30 on the Amsterdam spring night is 03:00 CEST (01:00 UTC).
    let tz: Tz = "Europe/Amsterdam".parse().unwrap();
    let local = local_midnight(NaiveDate::from_ymd_opt(2026, 3, 29).unwrap()) + 2 * 3600 + 1800;
    assert_eq!(
        ref_boundary(tz, local),
        Utc.with_ymd_and_hms(2026, 3, 29, 1, 0, 0)
            .unwrap()
            .timestamp()
    );
    // The first 02:00 of the fall-back night is 02:00 CEST (00:00 UTC).
    let local = local_midnight(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()) + 2 * 3600;
    assert_eq!(
        ref_boundary(tz, local),
        Utc.with_ymd_and_hms(2026, 10, 25, 0, 0, 0)
            .unwrap()
            .timestamp()
    );
}

// ---------------------------------------------------------------- vectors vs reference

/// A vector's calendar as a reference [`Case`], when the reference can model it (one zone,
/// weekly hours, dated holidays; no `any_of`, `always_open` or yearly holidays).
fn vector_case(doc: &serde_json::Value) -> Option<Case> {
    let tz: Tz = doc.get("timezone")?.as_str()?.parse().ok()?;
    if doc.get("always_open").is_some() {
        return None;
    }
    let span = |text: &str| -> (i64, i64) {
        let clock = |t: &str| -> i64 {
            let (h, m) = t.split_once(':').unwrap();
            h.parse::<i64>().unwrap() * 3600 + m.parse::<i64>().unwrap() * 60
        };
        let (a, b) = text.split_once('-').unwrap();
        let (a, b) = (clock(a), clock(b));
        (a, if b <= a { b + DAY } else { b })
    };
    let mut week: [Vec<(i64, i64)>; 7] = Default::default();
    for (key, list) in doc.get("hours")?.as_object()? {
        let i = KEYS.iter().position(|k| k == key)?;
        week[i] = list
            .as_array()?
            .iter()
            .map(|v| span(v.as_str().unwrap()))
            .collect();
    }
    let mut holidays = BTreeMap::new();
    for h in doc
        .get("holidays")
        .and_then(|v| v.as_array())
        .cloned()
        .unwrap_or_default()
    {
        let (date, hours) = match &h {
            serde_json::Value::String(d) => (d.clone(), vec![]),
            obj => (
                obj.get("date")?.as_str()?.to_owned(),
                obj.get("hours")
                    .and_then(|v| v.as_array())
                    .map(|l| l.iter().map(|v| span(v.as_str().unwrap())).collect())
                    .unwrap_or_default(),
            ),
        };
        holidays.insert(NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?, hours);
    }
    Some(Case {
        json: doc.to_string(),
        tz,
        week,
        holidays,
    })
}

/// The hand-worked conformance vectors, answered again by the brute-force reference.
#[test]
fn vectors_agree_with_the_reference() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors/calendar");
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let file: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        for case in file["cases"].as_array().unwrap() {
            let (Some(expect), input) = (case.get("expect"), &case["input"]) else {
                continue;
            };
            let Some(c) = input.get("calendar").and_then(vector_case) else {
                continue;
            };
            let members = std::slice::from_ref(&c);
            let at = |key: &str| webcare::parse_instant(input[key].as_str().unwrap()).unwrap();
            let ms = |key: &str| i128::from(input[key].as_i64().unwrap()) * 1_000_000;
            let name = format!("{}: {}", path.display(), case["name"]);
            let same = |got: DateTime<Utc>, key: &str| {
                let want = webcare::parse_instant(expect[key].as_str().unwrap()).unwrap();
                assert_eq!(got, want, "{name}");
            };
            match case["op"].as_str().unwrap() {
                "calendar.add" => same(ref_add(members, at("start"), ms("duration_ms")), "due"),
                "calendar.sub" => same(ref_sub(members, at("end"), ms("duration_ms")), "start"),
                "calendar.elapsed" => {
                    let (a, b) = (at("from"), at("to"));
                    let e = if b < a {
                        -ref_elapsed(members, b, a)
                    } else {
                        ref_elapsed(members, a, b)
                    };
                    assert_eq!(
                        e / 1_000_000,
                        i128::from(expect["elapsed_ms"].as_i64().unwrap()),
                        "{name}"
                    );
                }
                "calendar.is_open" => assert_eq!(
                    ref_state(members, at("at")).0,
                    expect["open"].as_bool().unwrap(),
                    "{name}"
                ),
                "calendar.next_open" => same(ref_state(members, at("at")).1, "at"),
                "calendar.next_close" => same(ref_state(members, at("at")).2, "at"),
                _ => continue,
            }
            checked += 1;
        }
    }
    assert!(checked > 60, "only {checked} vectors checked");
}
