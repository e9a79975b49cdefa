//! `Calendar`, wrapping `webcare::Calendar`. Instants are `Date`s, durations milliseconds.
//! The batch calls also take `Float64Array`s of epoch milliseconds and then answer with a
//! `Float64Array`; their `...Async` forms run on the libuv thread pool.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use napi::bindgen_prelude::*;
use napi::JsDate;
use napi_derive::napi;

use crate::convert::{catch as run, duration_from_millis, guard, instant, instant_from_millis};
use crate::error::IntoJsResult;

/// A business-hours calendar: when a team is open, in its own time zone.
///
/// Build it from its JSON document with `Calendar.fromJson`; `Calendar.anyOf` joins several
/// into a follow-the-sun desk. Instants are `Date`s (an invalid `Date` throws
/// `invalid_datetime`), durations are milliseconds of open time.
#[napi(js_name = "Calendar")]
#[derive(Debug, Clone)]
pub struct JsCalendar(Arc<webcare::Calendar>);

/// Dates given as an array of `Date`, or as a `Float64Array` of epoch milliseconds.
type Instants<'a> = Either<Vec<JsDate<'a>>, Float64Array>;
/// Durations in milliseconds, as an array of numbers or a `Float64Array`.
type Durations = Either<Vec<f64>, Float64Array>;
/// Dates as an array of `Date`, or as a `Float64Array` of epoch milliseconds.
type DatesOut = Either<Vec<DateTime<Utc>>, Float64Array>;
/// Milliseconds as an array of numbers, or as a `Float64Array`.
type MillisOut = Either<Vec<f64>, Float64Array>;

#[napi]
impl JsCalendar {
    /// Parses a calendar from its JSON document.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::Calendar::from_json(&text)).map(JsCalendar::new)
    }

    /// The calendar's JSON document, as it was given.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// A follow-the-sun calendar: open whenever any of `members` is open.
    #[napi(factory, catch_unwind)]
    pub fn any_of(
        env: &Env,
        #[napi(ts_arg_type = "Array<Calendar>")] members: Vec<ClassInstance<'_, JsCalendar>>,
    ) -> Result<Self> {
        let members = members.iter().map(|m| (*m.0).clone()).collect();
        guard(env, || webcare::Calendar::any_of(members)).map(JsCalendar::new)
    }

    /// This calendar with the all-day events of an iCalendar (`.ics`) document added as
    /// closed holidays. Dates that are already holidays keep their entry.
    #[napi(catch_unwind)]
    pub fn with_ics_holidays(&self, env: &Env, ics: String) -> Result<JsCalendar> {
        guard(env, || self.0.with_ics_holidays(&ics)).map(JsCalendar::new)
    }

    /// Whether two calendars have equal JSON documents.
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &JsCalendar) -> bool {
        self.0 == other.0
    }

    /// The due instant: the first instant `u >= start` with `elapsed(start, u) == durationMs`.
    /// `add(t, 0)` is `t`, also while closed.
    #[napi(catch_unwind)]
    pub fn add(&self, env: &Env, start: JsDate<'_>, duration_ms: f64) -> Result<DateTime<Utc>> {
        let (start, duration) = (
            instant(env, &start)?,
            duration_from_millis(env, duration_ms)?,
        );
        guard(env, || self.0.add(start, duration))
    }

    /// The latest instant `u <= end` with `elapsed(u, end) == durationMs`: when work must
    /// start to be done by `end`.
    #[napi(catch_unwind)]
    pub fn sub(&self, env: &Env, end: JsDate<'_>, duration_ms: f64) -> Result<DateTime<Utc>> {
        let (end, duration) = (instant(env, &end)?, duration_from_millis(env, duration_ms)?);
        guard(env, || self.0.sub(end, duration))
    }

    /// The open time between `start` and `end` in milliseconds; negative when `end` is
    /// before `start`.
    #[napi(catch_unwind)]
    pub fn elapsed(&self, env: &Env, start: JsDate<'_>, end: JsDate<'_>) -> Result<f64> {
        let (start, end) = (instant(env, &start)?, instant(env, &end)?);
        guard(env, || self.0.elapsed(start, end)).map(millis)
    }

    /// Whether the calendar is open at `t` (open at an interval's start, closed at its end).
    #[napi(catch_unwind)]
    pub fn is_open(&self, env: &Env, t: JsDate<'_>) -> Result<bool> {
        Ok(self.0.is_open(instant(env, &t)?))
    }

    /// The first instant at or after `t` at which the calendar is open.
    #[napi(catch_unwind)]
    pub fn next_open(&self, env: &Env, t: JsDate<'_>) -> Result<DateTime<Utc>> {
        let t = instant(env, &t)?;
        guard(env, || self.0.next_open(t))
    }

    /// The first instant at or after `t` at which the calendar is closed.
    #[napi(catch_unwind)]
    pub fn next_close(&self, env: &Env, t: JsDate<'_>) -> Result<DateTime<Utc>> {
        let t = instant(env, &t)?;
        guard(env, || self.0.next_close(t))
    }

    /// `add(starts[i], durationsMs[i])` for every `i`. `starts` is an array of `Date`
    /// (answered with an array of `Date`) or a `Float64Array` of epoch milliseconds
    /// (answered with a `Float64Array`).
    #[napi(
        catch_unwind,
        ts_generic_types = "T extends Array<Date> | Float64Array",
        ts_args_type = "starts: T, durationsMs: Array<number> | Float64Array",
        ts_return_type = "T extends Float64Array ? Float64Array : Array<Date>"
    )]
    pub fn add_many(
        &self,
        env: &Env,
        starts: Instants<'_>,
        durations_ms: Durations,
    ) -> Result<DatesOut> {
        let task = AddMany::new(env, &self.0, starts, durations_ms)?;
        let due = guard(env, || task.cal.add_many(&task.starts, &task.durations))?;
        Ok(dates_out(due, task.typed))
    }

    /// `addMany` off the event loop: the core call runs on the libuv thread pool.
    #[napi(
        catch_unwind,
        ts_generic_types = "T extends Array<Date> | Float64Array",
        ts_args_type = "starts: T, durationsMs: Array<number> | Float64Array",
        ts_return_type = "Promise<T extends Float64Array ? Float64Array : Array<Date>>"
    )]
    pub fn add_many_async(
        &self,
        env: &Env,
        starts: Instants<'_>,
        durations_ms: Durations,
    ) -> Result<AsyncTask<AddMany>> {
        Ok(AsyncTask::new(AddMany::new(
            env,
            &self.0,
            starts,
            durations_ms,
        )?))
    }

    /// `elapsed(starts[i], ends[i])` in milliseconds for every `i`. The instants are arrays
    /// of `Date` or `Float64Array`s of epoch milliseconds; the answer is a `Float64Array`
    /// when either is one, else an array of numbers.
    #[napi(
        catch_unwind,
        ts_generic_types = "S extends Array<Date> | Float64Array, E extends Array<Date> | Float64Array",
        ts_args_type = "starts: S, ends: E",
        ts_return_type = "S extends Float64Array ? Float64Array : E extends Float64Array ? Float64Array : Array<number>"
    )]
    pub fn elapsed_many(
        &self,
        env: &Env,
        starts: Instants<'_>,
        ends: Instants<'_>,
    ) -> Result<MillisOut> {
        let task = ElapsedMany::new(env, &self.0, starts, ends)?;
        let elapsed = guard(env, || task.cal.elapsed_many(&task.starts, &task.ends))?;
        Ok(millis_out(elapsed, task.typed))
    }

    /// `elapsedMany` off the event loop: the core call runs on the libuv thread pool.
    #[napi(
        catch_unwind,
        ts_generic_types = "S extends Array<Date> | Float64Array, E extends Array<Date> | Float64Array",
        ts_args_type = "starts: S, ends: E",
        ts_return_type = "Promise<S extends Float64Array ? Float64Array : E extends Float64Array ? Float64Array : Array<number>>"
    )]
    pub fn elapsed_many_async(
        &self,
        env: &Env,
        starts: Instants<'_>,
        ends: Instants<'_>,
    ) -> Result<AsyncTask<ElapsedMany>> {
        Ok(AsyncTask::new(ElapsedMany::new(
            env, &self.0, starts, ends,
        )?))
    }
}

impl JsCalendar {
    fn new(calendar: webcare::Calendar) -> JsCalendar {
        JsCalendar(Arc::new(calendar))
    }
}

/// A batch of `addMany`, converted from JS and ready to run on any thread.
#[derive(Debug)]
pub struct AddMany {
    cal: Arc<webcare::Calendar>,
    starts: Vec<DateTime<Utc>>,
    durations: Vec<TimeDelta>,
    typed: bool,
}

impl AddMany {
    fn new(
        env: &Env,
        cal: &Arc<webcare::Calendar>,
        starts: Instants<'_>,
        durations: Durations,
    ) -> Result<AddMany> {
        let typed = matches!(starts, Either::B(_));
        let durations = match &durations {
            Either::A(ms) => ms.as_slice(),
            Either::B(ms) => ms,
        };
        Ok(AddMany {
            cal: Arc::clone(cal),
            starts: read_instants(env, &starts)?,
            durations: durations
                .iter()
                .map(|ms| duration_from_millis(env, *ms))
                .collect::<Result<_>>()?,
            typed,
        })
    }
}

impl Task for AddMany {
    type Output = std::result::Result<Vec<DateTime<Utc>>, webcare::Error>;
    type JsValue = DatesOut;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(run(|| self.cal.add_many(&self.starts, &self.durations)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(dates_out(output.js_err(&env)?, self.typed))
    }
}

/// A batch of `elapsedMany`, converted from JS and ready to run on any thread.
#[derive(Debug)]
pub struct ElapsedMany {
    cal: Arc<webcare::Calendar>,
    starts: Vec<DateTime<Utc>>,
    ends: Vec<DateTime<Utc>>,
    typed: bool,
}

impl ElapsedMany {
    fn new(
        env: &Env,
        cal: &Arc<webcare::Calendar>,
        starts: Instants<'_>,
        ends: Instants<'_>,
    ) -> Result<ElapsedMany> {
        let typed = matches!(starts, Either::B(_)) || matches!(ends, Either::B(_));
        Ok(ElapsedMany {
            cal: Arc::clone(cal),
            starts: read_instants(env, &starts)?,
            ends: read_instants(env, &ends)?,
            typed,
        })
    }
}

impl Task for ElapsedMany {
    type Output = std::result::Result<Vec<TimeDelta>, webcare::Error>;
    type JsValue = MillisOut;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(run(|| self.cal.elapsed_many(&self.starts, &self.ends)))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(millis_out(output.js_err(&env)?, self.typed))
    }
}

fn read_instants(env: &Env, values: &Instants<'_>) -> Result<Vec<DateTime<Utc>>> {
    match values {
        Either::A(dates) => dates.iter().map(|d| instant(env, d)).collect(),
        Either::B(ms) => ms.iter().map(|ms| instant_from_millis(env, *ms)).collect(),
    }
}

/// A duration in milliseconds (exact for the whole milliseconds that cross from JS).
fn millis(d: TimeDelta) -> f64 {
    d.num_milliseconds() as f64
}

fn dates_out(due: Vec<DateTime<Utc>>, typed: bool) -> DatesOut {
    if typed {
        Either::B(Float64Array::new(
            due.iter().map(|t| t.timestamp_millis() as f64).collect(),
        ))
    } else {
        Either::A(due)
    }
}

fn millis_out(elapsed: Vec<TimeDelta>, typed: bool) -> MillisOut {
    let ms = elapsed.into_iter().map(millis).collect();
    if typed {
        Either::B(Float64Array::new(ms))
    } else {
        Either::A(ms)
    }
}
