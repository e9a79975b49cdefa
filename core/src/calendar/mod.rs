//! Business-hours calendars: exact business time across time zones, DST, holidays and
//! overnight shifts.
//!
//! A [`Calendar`] is a time zone plus a weekly schedule of local opening intervals,
//! holidays, or always-open (24/7), or the union of several calendars (a follow-the-sun
//! desk). Its operations take and return UTC instants (`DateTime<Utc>`) and durations of
//! open time (`TimeDelta`), exact to the nanosecond.
//!
//! # The rules
//!
//! - **Business time is real elapsed time while open.** Across a DST change the wall-clock
//!   hours of the schedule stay fixed, so a 01:00-04:00 shift holds 2 real hours on a
//!   spring-forward night and 4 on a fall-back night.
//! - **One rule places every boundary, start or end:** it is the first instant at which the
//!   local wall clock shows that time or a later one. In a spring-forward gap that is the
//!   end of the gap (02:30 on the Amsterdam spring night is 03:00 CEST); in a fall-back fold
//!   it is the first of the two readings (a Saturday 22:00-02:00 shift on the Amsterdam
//!   fall-back night ends at the first 02:00, after 4 real hours).
//! - **An interval that runs past midnight belongs to the day it starts on.** A holiday on
//!   that day removes it (or replaces it by the holiday's hours); a holiday on the next day
//!   does not. Should a holiday's hours overlap a neighbouring day's overnight interval, the
//!   open time is the union of both.
//! - **Intervals are half-open:** open at the start instant, closed at the end instant.
//!
//! # JSON
//!
//! ```json
//! {"timezone": "Europe/Amsterdam",
//!  "hours": {"mon": ["09:00-17:00"], "fri": ["09:00-17:00", "22:00-02:00"]},
//!  "holidays": ["2026-12-25",
//!               {"date": "2026-12-24", "hours": ["09:00-12:00"], "name": "Christmas Eve"},
//!               {"month_day": "01-01", "name": "New Year"},
//!               {"month_day": "12-31", "hours": ["09:00-13:00"]}]}
//! ```
//!
//! - `timezone`: an IANA name, or a Rails (`"Amsterdam"`, `"Pacific Time (US & Canada)"`)
//!   or Windows (`"W. Europe Standard Time"`) name, mapped to IANA.
//! - `hours`: weekday keys `mon` ... `sun`, each a list of `"HH:MM-HH:MM"`. An end before
//!   the start runs past midnight (`"22:00-02:00"`); `"00:00-24:00"` is the whole day;
//!   touching intervals merge; overlapping ones (also across midnight) are an error.
//! - `holidays`: a date `"2026-12-25"` (closed); `{"date", "hours"?, "name"?}` (closed, or
//!   open only during `hours`); `{"month_day": "MM-DD", "hours"?, "name"?}` (the same every
//!   year; `"02-29"` in leap years only). A dated holiday wins over a yearly one.
//! - `{"timezone": "UTC", "always_open": true}` is 24/7 (no `hours` or `holidays` with it).
//! - `{"any_of": [calendar, ...]}` is open when any member is open (no other field with it).
//!
//! Unknown fields are an `invalid_json` error. The document round-trips unchanged through
//! [`Calendar::from_json`] and [`Calendar::to_json`].
//!
//! # iCalendar import
//!
//! [`CalendarBuilder::holidays_from_ics`] and [`Calendar::with_ics_holidays`] read the
//! all-day `VEVENT`s of an `.ics` document as closed holidays named by their `SUMMARY`,
//! with a simple line parser (folded lines are unfolded). `DTSTART;VALUE=DATE:20261225`
//! or a bare 8-digit `DTSTART` is a date; a `DTEND` date (exclusive) spans several days;
//! `RRULE:FREQ=YEARLY` (optionally `INTERVAL=1`, `BYMONTH`/`BYMONTHDAY` of the start) makes
//! a yearly holiday. Events with a time of day and `STATUS:CANCELLED` events are left out.
//! Any other `RRULE` (`COUNT`, `UNTIL`, other frequencies), `RDATE` and `EXDATE` are an
//! `invalid_ics` error rather than a guess.
//!
//! # Cost
//!
//! Each calendar keeps, per local year and built the first time the year is used, the
//! UTC open intervals of every day (holidays, DST and overnight intervals worked out), and
//! per UTC year a ledger: those intervals clipped to the year with the open time before
//! each (a few kilobytes per year; years 1901-2298). A union's ledger merges its members'.
//! `add`, `sub` and `elapsed` look up the instant at either end in its year's ledger and
//! step over whole years in between, in 64-bit arithmetic, so 30 business days cost about
//! what 30 minutes cost, for a single calendar and a union alike. Building a year takes a
//! fraction of a millisecond, once per calendar and year. Other years are walked day by
//! day, skipping plain weeks. A zone's offset changes are found once per year of the zone
//! and cached for the process. Every search stops at a horizon of [`HORIZON_YEARS`] years
//! with a `beyond_horizon` error.

mod builder;
mod cache;
mod holiday;
mod ics;
mod interval;
mod ledger;
mod offsets;
mod schedule;
mod spec;
mod timeline;
mod union;
mod zone;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

pub use builder::CalendarBuilder;

use crate::error::{Error, Result};
use holiday::Holidays;
use ledger::{Found, Ledgers, Pos};
use schedule::Week;
use spec::Spec;
use timeline::{Backward, Forward, Iv, Nanos, Zoned, NANOS};
use union::{Union, UnionBackward, UnionForward};

/// How far (in years of 365.25 days) a search for an answer goes before it gives up with
/// a `beyond_horizon` error.
pub const HORIZON_YEARS: u32 = 100;

const HORIZON: Nanos = 36_525 * 86_400 * NANOS;

/// A business-hours calendar: when a team is open, in its own time zone.
///
/// Build it from JSON ([`Calendar::from_json`], or serde) or with [`Calendar::builder`].
/// See the [module docs](self) for the JSON form and the DST rules.
///
/// # Example
///
/// ```
/// use webcare::Calendar;
/// use chrono::{DateTime, TimeDelta, Utc};
///
/// let cal = Calendar::from_json(r#"{"timezone": "Europe/Amsterdam",
///     "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
///               "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]}}"#)?;
/// // Friday 16:00 CET plus 2 business hours: 1 h on Friday, 1 h on Monday.
/// let start: DateTime<Utc> = "2026-03-06T15:00:00Z".parse()?;
/// let due = cal.add(start, TimeDelta::hours(2))?;
/// assert_eq!(due, "2026-03-09T09:00:00Z".parse::<DateTime<Utc>>()?); // Monday 10:00 CET
/// assert_eq!(cal.elapsed(start, due)?, TimeDelta::hours(2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Calendar {
    spec: Spec,
    kind: Kind,
}

#[derive(Debug, Clone)]
enum Kind {
    Always,
    One(Box<Zoned>),
    Union(Union),
}

impl PartialEq for Calendar {
    /// Two calendars are equal when their JSON documents are.
    fn eq(&self, other: &Calendar) -> bool {
        self.spec == other.spec
    }
}

impl Eq for Calendar {}

impl Calendar {
    /// Parses a calendar from its JSON document.
    ///
    /// # Errors
    ///
    /// - `invalid_json`: not JSON, an unknown field, a missing `timezone`, or fields that
    ///   do not go together (`always_open` with `hours`, `any_of` with anything else).
    /// - `unknown_timezone`, `unknown_weekday`, `invalid_interval`, `empty_interval`,
    ///   `overlapping_intervals`, `invalid_holiday_date`: a bad value, named in the error.
    /// - `calendar_never_open`: no open time at all.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    ///
    /// let cal = Calendar::from_json(r#"{"timezone": "UTC", "always_open": true}"#)?;
    /// assert_eq!(cal.to_json(), r#"{"timezone":"UTC","always_open":true}"#);
    ///
    /// let err = Calendar::from_json(r#"{"timezone": "Mars/Olympus", "always_open": true}"#).unwrap_err();
    /// assert_eq!(err.code(), "unknown_timezone");
    /// let err = Calendar::from_json(r#"{"timezone": "UTC", "hours": {"mon": ["09:00-13:00", "12:00-17:00"]}}"#).unwrap_err();
    /// assert_eq!(err.code(), "overlapping_intervals");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Calendar> {
        let spec: Spec = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        Calendar::from_spec(spec)
    }

    /// The calendar's JSON document, as it was given (key order of `hours` included).
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    ///
    /// let text = r#"{"timezone":"Amsterdam","hours":{"fri":["22:00-02:00"]},"holidays":[{"month_day":"12-25"}]}"#;
    /// assert_eq!(Calendar::from_json(text)?.to_json(), text);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        // Strings, lists, maps and booleans always serialize; the fallback is unreachable.
        serde_json::to_string(&self.spec).unwrap_or_default()
    }

    /// Starts building a calendar in the time zone `timezone` (IANA, Rails or Windows
    /// name; checked by [`CalendarBuilder::build`]).
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{NaiveDate, Weekday};
    ///
    /// let cal = Calendar::builder("Europe/Amsterdam")
    ///     .weekdays(&["09:00-17:00"])
    ///     .hours(Weekday::Fri, &["09:00-17:00", "22:00-02:00"])
    ///     .closed_on(NaiveDate::from_ymd_opt(2026, 12, 25).ok_or("date")?)
    ///     .closed_every_year(1, 1)
    ///     .build()?;
    /// assert!(cal.to_json().contains(r#""fri":["09:00-17:00","22:00-02:00"]"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn builder(timezone: &str) -> CalendarBuilder {
        CalendarBuilder::new(timezone)
    }

    /// A follow-the-sun calendar: open whenever any of `members` is open.
    ///
    /// # Errors
    ///
    /// `calendar_never_open` when `members` is empty.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, Utc};
    ///
    /// let ams = Calendar::builder("Europe/Amsterdam").weekdays(&["09:00-17:00"]).build()?;
    /// let nyc = Calendar::builder("America/New_York").weekdays(&["09:00-17:00"]).build()?;
    /// let desk = Calendar::any_of(vec![ams, nyc])?;
    /// // Monday 18:00 UTC: Amsterdam (19:00) is closed, New York (13:00) is open.
    /// assert!(desk.is_open("2026-03-02T18:00:00Z".parse::<DateTime<Utc>>()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn any_of(members: Vec<Calendar>) -> Result<Calendar> {
        let spec = Spec {
            any_of: Some(members.into_iter().map(|c| c.spec).collect()),
            ..Spec::default()
        };
        Calendar::from_spec(spec)
    }

    /// Returns this calendar with the all-day events of an iCalendar (`.ics`) document
    /// added as closed holidays (see [iCalendar import](self#icalendar-import)). Dates that are
    /// already holidays keep their entry.
    ///
    /// # Errors
    ///
    /// `invalid_ics` when the text is not an iCalendar document webcare can import, or
    /// when the calendar is always open or a union (add holidays to its members instead).
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, Utc};
    ///
    /// let ics = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\n\
    ///            SUMMARY:Christmas\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    /// let cal = Calendar::builder("Europe/Amsterdam").weekdays(&["09:00-17:00"]).build()?;
    /// let cal = cal.with_ics_holidays(ics)?;
    /// assert!(!cal.is_open("2026-12-25T10:00:00Z".parse::<DateTime<Utc>>()?));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn with_ics_holidays(&self, ics_text: &str) -> Result<Calendar> {
        if !matches!(self.kind, Kind::One(_)) {
            return Err(Error::InvalidIcs {
                line: 0,
                reason: "holidays can only be added to a calendar with weekly hours",
            });
        }
        let imported = ics::parse_holidays(ics_text)?;
        let mut spec = self.spec.clone();
        builder::merge_holidays(&mut spec, imported);
        Calendar::from_spec(spec)
    }

    fn from_spec(spec: Spec) -> Result<Calendar> {
        let kind = compile(&spec)?;
        Ok(Calendar { spec, kind })
    }

    /// Whether the calendar is open at `t` (open at an interval's start, closed at its end).
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, Utc};
    ///
    /// let cal = Calendar::builder("Europe/Amsterdam").weekdays(&["09:00-17:00"]).build()?;
    /// assert!(cal.is_open("2026-03-02T08:00:00Z".parse::<DateTime<Utc>>()?)); // Mon 09:00 CET
    /// assert!(!cal.is_open("2026-03-02T16:00:00Z".parse::<DateTime<Utc>>()?)); // Mon 17:00 CET
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_open(&self, t: DateTime<Utc>) -> bool {
        let t = to_nanos(t);
        match &self.kind {
            Kind::Always => true,
            Kind::One(z) => z.is_open(t),
            Kind::Union(u) => u.members.iter().any(|z| z.is_open(t)),
        }
    }

    /// The due instant: the first instant `u >= start` such that `elapsed(start, u)` is
    /// `duration`. `add(t, 0)` is `t`, also while closed; a target that is used up exactly
    /// at closing time is due at the closing instant, not at the next opening.
    ///
    /// # Errors
    ///
    /// `negative_duration` when `duration < 0`; `beyond_horizon` when the answer is more
    /// than [`HORIZON_YEARS`] years after `start`; `instant_out_of_range` when it is
    /// outside chrono's range.
    ///
    /// # Example: a Friday night shift across the Amsterdam fall-back night
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let cal = Calendar::builder("Europe/Amsterdam")
    ///     .hours(chrono::Weekday::Sat, &["22:00-02:00"])
    ///     .build()?;
    /// // Saturday 2026-10-24 22:00 CEST (20:00 UTC): the shift ends at the first 02:00,
    /// // 00:00 UTC, after 4 real hours.
    /// let start: DateTime<Utc> = "2026-10-24T20:00:00Z".parse()?;
    /// assert_eq!(cal.add(start, TimeDelta::hours(4))?, "2026-10-25T00:00:00Z".parse::<DateTime<Utc>>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add(&self, start: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>> {
        let d = duration_nanos(duration)?;
        let t = to_nanos(start);
        if d == 0 {
            return Ok(start);
        }
        let found = match &self.kind {
            Kind::Always => None,
            Kind::One(z) => ledger::add(&**z, start, Pos::of(start), d, HORIZON),
            Kind::Union(u) => ledger::add(u, start, Pos::of(start), d, HORIZON),
        };
        match found {
            Some(Found::At(due)) => return Ok(due),
            Some(Found::Beyond) => return Err(beyond_horizon(start)),
            None => {}
        }
        // Years without ledgers: walk day by day.
        let limit = t.saturating_add(HORIZON);
        let beyond = || beyond_horizon(start);
        let mut r = d;
        match &self.kind {
            Kind::Always => check_before(t + d, limit, beyond),
            Kind::One(z) => {
                let mut s = Forward::new(z, t, limit);
                loop {
                    if let Some(week) = s.skip_week(t, r, Nanos::MAX) {
                        r -= week;
                        continue;
                    }
                    let iv = s.next().ok_or_else(beyond)?;
                    if let Some(due) = consume_forward(iv, t, &mut r) {
                        if due > limit {
                            return Err(beyond());
                        }
                        return near(start, t, due);
                    }
                    if iv.0 > limit {
                        return Err(beyond());
                    }
                }
            }
            Kind::Union(u) => {
                let mut s = UnionForward::new(&u.members, t, limit);
                loop {
                    let iv = s.next().ok_or_else(beyond)?;
                    if let Some(due) = consume_forward(iv, t, &mut r) {
                        return check_before(due, limit, beyond);
                    }
                    if iv.0 > limit {
                        return Err(beyond());
                    }
                }
            }
        }
    }

    /// The latest instant `u <= end` such that `elapsed(u, end)` is `duration`: when work
    /// must start to be done by `end`. `sub(t, 0)` is `t`.
    ///
    /// # Errors
    ///
    /// `negative_duration`, `beyond_horizon` (more than [`HORIZON_YEARS`] years before
    /// `end`), `instant_out_of_range`, as for [`Calendar::add`].
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let cal = Calendar::builder("UTC").weekdays(&["09:00-17:00"]).build()?;
    /// // Monday 10:00 minus 2 business hours: 1 h on Monday, 1 h back to Friday 16:00.
    /// let end: DateTime<Utc> = "2026-03-02T10:00:00Z".parse()?;
    /// assert_eq!(cal.sub(end, TimeDelta::hours(2))?, "2026-02-27T16:00:00Z".parse::<DateTime<Utc>>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn sub(&self, end: DateTime<Utc>, duration: TimeDelta) -> Result<DateTime<Utc>> {
        let d = duration_nanos(duration)?;
        let t = to_nanos(end);
        if d == 0 {
            return Ok(end);
        }
        let found = match &self.kind {
            Kind::Always => None,
            Kind::One(z) => ledger::sub(&**z, end, Pos::of(end), d, HORIZON),
            Kind::Union(u) => ledger::sub(u, end, Pos::of(end), d, HORIZON),
        };
        match found {
            Some(Found::At(u)) => return Ok(u),
            Some(Found::Beyond) => return Err(beyond_horizon(end)),
            None => {}
        }
        // Years without ledgers: walk day by day.
        let limit = t.saturating_sub(HORIZON);
        let beyond = || beyond_horizon(end);
        let mut r = d;
        match &self.kind {
            Kind::Always => check_after(t - d, limit, beyond),
            Kind::One(z) => {
                let mut s = Backward::new(z, t, limit);
                loop {
                    if let Some(week) = s.skip_week(t, r) {
                        r -= week;
                        continue;
                    }
                    let iv = s.next().ok_or_else(beyond)?;
                    if let Some(u) = consume_backward(iv, t, &mut r) {
                        return check_after(u, limit, beyond);
                    }
                    if iv.1 < limit {
                        return Err(beyond());
                    }
                }
            }
            Kind::Union(u) => {
                let mut s = UnionBackward::new(&u.members, t, limit);
                loop {
                    let iv = s.next().ok_or_else(beyond)?;
                    if let Some(u) = consume_backward(iv, t, &mut r) {
                        return check_after(u, limit, beyond);
                    }
                    if iv.1 < limit {
                        return Err(beyond());
                    }
                }
            }
        }
    }

    /// The open time between `from` and `to`.
    ///
    /// When `to` is before `from` the answer is negative: `elapsed(a, b) == -elapsed(b, a)`,
    /// so that `elapsed(a, b) + elapsed(b, c) == elapsed(a, c)` for any three instants.
    ///
    /// # Errors
    ///
    /// `instant_out_of_range` only when the answer does not fit a `TimeDelta`.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let cal = Calendar::builder("UTC").weekdays(&["09:00-17:00"]).build()?;
    /// let fri: DateTime<Utc> = "2026-03-06T16:30:00Z".parse()?;
    /// let mon: DateTime<Utc> = "2026-03-09T09:30:00Z".parse()?;
    /// assert_eq!(cal.elapsed(fri, mon)?, TimeDelta::hours(1));
    /// assert_eq!(cal.elapsed(mon, fri)?, TimeDelta::hours(-1));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn elapsed(&self, from: DateTime<Utc>, to: DateTime<Utc>) -> Result<TimeDelta> {
        let found = match &self.kind {
            Kind::Always => None,
            Kind::One(z) => ledgered_elapsed(&**z, from, to),
            Kind::Union(u) => ledgered_elapsed(u, from, to),
        };
        if let Some(n) = found {
            return delta_from_nanos(n);
        }
        // Years without ledgers: walk day by day.
        let (a, b) = (to_nanos(from), to_nanos(to));
        let n = if b < a {
            -self.elapsed_nanos(b, a)
        } else {
            self.elapsed_nanos(a, b)
        };
        delta_from_nanos(n)
    }

    fn elapsed_nanos(&self, a: Nanos, b: Nanos) -> Nanos {
        if a == b {
            return 0;
        }
        // The part of an interval inside [a, b).
        let part = |(x, y): Iv| (y.min(b) - x.max(a)).max(0);
        let mut sum = 0;
        match &self.kind {
            Kind::Always => return b - a,
            Kind::One(z) => {
                let mut s = Forward::new(z, a, b);
                loop {
                    if let Some(week) = s.skip_week(a, Nanos::MAX, b) {
                        sum += week;
                        continue;
                    }
                    match s.next() {
                        // Intervals are disjoint and in order: none after one reaching `b`.
                        Some(iv) if iv.1 >= b => {
                            sum += part(iv);
                            break;
                        }
                        Some(iv) => sum += part(iv),
                        None => break,
                    }
                }
            }
            Kind::Union(u) => {
                let mut s = UnionForward::new(&u.members, a, b);
                while let Some(iv) = s.next() {
                    sum += part(iv);
                    if iv.1 >= b {
                        break;
                    }
                }
            }
        }
        sum
    }

    /// The first instant `u >= t` at which the calendar is open: `t` itself when open.
    ///
    /// # Errors
    ///
    /// `beyond_horizon` when the calendar does not open within [`HORIZON_YEARS`] years.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, Utc};
    ///
    /// let cal = Calendar::builder("UTC").weekdays(&["09:00-17:00"]).build()?;
    /// let sat: DateTime<Utc> = "2026-03-07T12:00:00Z".parse()?;
    /// assert_eq!(cal.next_open(sat)?, "2026-03-09T09:00:00Z".parse::<DateTime<Utc>>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_open(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let n = to_nanos(t);
        let limit = n.saturating_add(HORIZON);
        let mut s = match self.stream(n, limit) {
            Some(s) => s,
            None => return Ok(t),
        };
        loop {
            let (a, b) = s.next().ok_or_else(|| beyond_horizon(t))?;
            if a > limit {
                return Err(beyond_horizon(t));
            }
            if b > n {
                return from_nanos(a.max(n));
            }
        }
    }

    /// The first instant `u >= t` at which the calendar is closed: `t` itself when closed,
    /// otherwise the end of the open period around `t` (touching intervals, also across
    /// midnight, are one period).
    ///
    /// # Errors
    ///
    /// `beyond_horizon` when the calendar does not close within [`HORIZON_YEARS`] years
    /// (always for an always-open calendar).
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, Utc, Weekday};
    ///
    /// let cal = Calendar::builder("UTC")
    ///     .hours(Weekday::Fri, &["22:00-24:00"])
    ///     .hours(Weekday::Sat, &["00:00-02:00"])
    ///     .build()?;
    /// let fri: DateTime<Utc> = "2026-03-06T23:00:00Z".parse()?;
    /// assert_eq!(cal.next_close(fri)?, "2026-03-07T02:00:00Z".parse::<DateTime<Utc>>()?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_close(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>> {
        let n = to_nanos(t);
        let limit = n.saturating_add(HORIZON);
        let beyond = || beyond_horizon(t);
        let Some(mut s) = self.stream(n, limit) else {
            return Err(beyond());
        };
        let mut end = loop {
            let (a, b) = s.next().ok_or_else(beyond)?;
            if b > n {
                if a > n {
                    return Ok(t);
                }
                break b;
            }
        };
        loop {
            let Some((a, b)) = s.next() else {
                return Err(beyond());
            };
            if a > end {
                return from_nanos(end);
            }
            end = end.max(b);
            if end > limit {
                return Err(beyond());
            }
        }
    }

    /// [`Calendar::add`] over two slices: `add(starts[i], durations[i])` for every `i`.
    ///
    /// # Errors
    ///
    /// `batch_length_mismatch` when the slices differ in length; otherwise the first error
    /// of [`Calendar::add`].
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let cal = Calendar::from_json(r#"{"timezone": "UTC", "always_open": true}"#)?;
    /// let t: DateTime<Utc> = "2026-03-02T09:00:00Z".parse()?;
    /// let due = cal.add_many(&[t, t], &[TimeDelta::zero(), TimeDelta::hours(1)])?;
    /// assert_eq!(due, vec![t, t + TimeDelta::hours(1)]);
    /// assert_eq!(cal.add_many(&[t], &[]).unwrap_err().code(), "batch_length_mismatch");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_many(
        &self,
        starts: &[DateTime<Utc>],
        durations: &[TimeDelta],
    ) -> Result<Vec<DateTime<Utc>>> {
        same_length(starts.len(), durations.len())?;
        starts
            .iter()
            .zip(durations)
            .map(|(s, d)| self.add(*s, *d))
            .collect()
    }

    /// [`Calendar::elapsed`] over two slices: `elapsed(from[i], to[i])` for every `i`.
    ///
    /// # Errors
    ///
    /// `batch_length_mismatch` when the slices differ in length.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let cal = Calendar::builder("UTC").weekdays(&["09:00-17:00"]).build()?;
    /// let a: DateTime<Utc> = "2026-03-02T08:00:00Z".parse()?;
    /// let b: DateTime<Utc> = "2026-03-02T10:00:00Z".parse()?;
    /// assert_eq!(cal.elapsed_many(&[a, b], &[b, a])?, vec![TimeDelta::hours(1), TimeDelta::hours(-1)]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn elapsed_many(
        &self,
        from: &[DateTime<Utc>],
        to: &[DateTime<Utc>],
    ) -> Result<Vec<TimeDelta>> {
        same_length(from.len(), to.len())?;
        from.iter()
            .zip(to)
            .map(|(a, b)| self.elapsed(*a, *b))
            .collect()
    }

    /// The forward stream from `from` to `until`; `None` for an always-open calendar.
    fn stream(&self, from: Nanos, until: Nanos) -> Option<Stream<'_>> {
        match &self.kind {
            Kind::Always => None,
            Kind::One(z) => Some(Stream::One(Forward::new(z, from, until))),
            Kind::Union(u) => Some(Stream::Many(UnionForward::new(&u.members, from, until))),
        }
    }
}

/// A forward stream of either shape.
// The stream lives on the stack for one call; boxing the larger variant would cost an
// allocation per call instead.
#[allow(
    clippy::large_enum_variant,
    reason = "one stream per call, on the stack; a box would allocate per call"
)]
enum Stream<'a> {
    One(Forward<'a>),
    Many(UnionForward<'a>),
}

impl Stream<'_> {
    fn next(&mut self) -> Option<Iv> {
        match self {
            Stream::One(s) => s.next(),
            Stream::Many(s) => s.next(),
        }
    }
}

/// [`ledger::elapsed`] in either order: negative when `to` is before `from`.
#[inline]
fn ledgered_elapsed(l: &impl Ledgers, from: DateTime<Utc>, to: DateTime<Utc>) -> Option<Nanos> {
    let (a, b) = (Pos::of(from), Pos::of(to));
    if b < a {
        ledger::elapsed(l, b, a).map(|n| -n)
    } else {
        ledger::elapsed(l, a, b)
    }
}

/// Takes the part of `iv` after `t` from the remaining duration `r`; the due instant when
/// it runs out inside (or exactly at the end of) `iv`.
#[inline]
fn consume_forward((a, b): Iv, t: Nanos, r: &mut Nanos) -> Option<Nanos> {
    if b <= t {
        return None;
    }
    let a = a.max(t);
    if b - a >= *r {
        return Some(a + *r);
    }
    *r -= b - a;
    None
}

/// Takes the part of `iv` before `t` from `r`, latest first; the start instant when it
/// runs out inside (or exactly at the start of) `iv`.
#[inline]
fn consume_backward((a, b): Iv, t: Nanos, r: &mut Nanos) -> Option<Nanos> {
    if a >= t {
        return None;
    }
    let b = b.min(t);
    if b - a >= *r {
        return Some(b - *r);
    }
    *r -= b - a;
    None
}

fn check_before(due: Nanos, limit: Nanos, beyond: impl Fn() -> Error) -> Result<DateTime<Utc>> {
    if due > limit {
        return Err(beyond());
    }
    from_nanos(due)
}

fn check_after(u: Nanos, limit: Nanos, beyond: impl Fn() -> Error) -> Result<DateTime<Utc>> {
    if u < limit {
        return Err(beyond());
    }
    from_nanos(u)
}

#[cold]
fn beyond_horizon(from: DateTime<Utc>) -> Error {
    Error::BeyondHorizon {
        from: crate::format_instant(from),
        years: HORIZON_YEARS,
    }
}

fn same_length(left: usize, right: usize) -> Result<()> {
    if left == right {
        Ok(())
    } else {
        Err(Error::BatchLengthMismatch { left, right })
    }
}

fn to_nanos(t: DateTime<Utc>) -> Nanos {
    Nanos::from(t.timestamp()) * NANOS + Nanos::from(t.timestamp_subsec_nanos())
}

/// The instant `n`, given that `base` is the instant `base_n`: a short step from `base`
/// is cheaper than building the instant from the epoch.
fn near(base: DateTime<Utc>, base_n: Nanos, n: Nanos) -> Result<DateTime<Utc>> {
    if base.timestamp_subsec_nanos() < 1_000_000_000 {
        if let Some(t) = i64::try_from(n - base_n)
            .ok()
            .and_then(|d| base.checked_add_signed(TimeDelta::nanoseconds(d)))
        {
            return Ok(t);
        }
    }
    from_nanos(n)
}

fn from_nanos(n: Nanos) -> Result<DateTime<Utc>> {
    // 64-bit arithmetic for the instants of the next and last few centuries.
    if let Ok(n) = i64::try_from(n) {
        let (secs, nanos) = (n.div_euclid(1_000_000_000), n.rem_euclid(1_000_000_000));
        if let Some(t) = u32::try_from(nanos)
            .ok()
            .and_then(|ns| DateTime::from_timestamp(secs, ns))
        {
            return Ok(t);
        }
    }
    let secs = i64::try_from(n.div_euclid(NANOS)).ok();
    let nanos = u32::try_from(n.rem_euclid(NANOS)).ok();
    secs.zip(nanos)
        .and_then(|(s, ns)| DateTime::from_timestamp(s, ns))
        .ok_or_else(|| Error::InstantOutOfRange {
            value: format!("{} s since the Unix epoch", n.div_euclid(NANOS)),
        })
}

fn duration_nanos(d: TimeDelta) -> Result<Nanos> {
    if d < TimeDelta::zero() {
        return Err(Error::NegativeDuration {
            millis: d.num_milliseconds(),
        });
    }
    Ok(Nanos::from(d.num_seconds()) * NANOS + Nanos::from(d.subsec_nanos()))
}

fn delta_from_nanos(n: Nanos) -> Result<TimeDelta> {
    if let Ok(n) = i64::try_from(n) {
        return Ok(TimeDelta::nanoseconds(n));
    }
    let secs = i64::try_from(n.div_euclid(NANOS)).ok();
    let nanos = u32::try_from(n.rem_euclid(NANOS)).ok();
    secs.zip(nanos)
        .and_then(|(s, ns)| TimeDelta::new(s, ns))
        .ok_or_else(|| Error::InstantOutOfRange {
            value: format!("{} s of open time", n.div_euclid(NANOS)),
        })
}

/// Checks a document and builds the zones it describes.
fn compile(spec: &Spec) -> Result<Kind> {
    if let Some(members) = &spec.any_of {
        if spec.timezone.is_some()
            || spec.hours.is_some()
            || spec.holidays.is_some()
            || spec.always_open.is_some()
        {
            return Err(shape_error("`any_of` cannot be combined with other fields"));
        }
        let mut zones = Vec::new();
        for member in members {
            match compile(member)? {
                Kind::Always => return Ok(Kind::Always),
                Kind::One(z) => zones.push(*z),
                Kind::Union(more) => zones.extend(more.members),
            }
        }
        if zones.is_empty() {
            return Err(Error::CalendarNeverOpen);
        }
        return Ok(Kind::Union(Union::new(zones)));
    }
    let name = spec
        .timezone
        .as_deref()
        .ok_or_else(|| shape_error("missing field `timezone`"))?;
    let tz = zone::resolve(name)?;
    if spec.always_open == Some(true) {
        if spec.hours.is_some() || spec.holidays.is_some() {
            return Err(shape_error(
                "`always_open: true` cannot be combined with `hours` or `holidays`",
            ));
        }
        return Ok(Kind::Always);
    }
    let week = Week::parse(spec.hours.as_ref().map_or(&[][..], |h| &h.0))?;
    let holidays = Holidays::parse(spec.holidays.as_deref().unwrap_or(&[]))?;
    if week.is_empty() && !holidays.any_hours {
        return Err(Error::CalendarNeverOpen);
    }
    Ok(Kind::One(Box::new(Zoned::new(tz, week, holidays))))
}

#[cold]
fn shape_error(message: &str) -> Error {
    Error::InvalidJson {
        message: message.to_owned(),
        line: 0,
        column: 0,
    }
}

impl Serialize for Calendar {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.spec.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Calendar {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Calendar, D::Error> {
        let spec = Spec::deserialize(d)?;
        Calendar::from_spec(spec).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests;
