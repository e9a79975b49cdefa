//! `Case` and `replayCases` / `replayCasesAsync`, wrapping `webcare::case`. Events cross as
//! plain objects in the event JSON form (the JSON key names exactly, `at` a `Date` or RFC
//! 3339 text, `policy` a `Policy` or its document); clock readings and explanations come
//! back as plain objects with `Date`s and milliseconds.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi::{JsDate, JsValue, ValueType};
use napi_derive::napi;
use serde_json::{Map, Value};
use webcare::case::{CaseReading, ClockReading, Event, Explanation, InstanceTrace};
use webcare::Metric;

use crate::convert::{guard, instant, instant_from_millis};
use crate::error::to_js;
use crate::policy::JsPolicy;

fn type_error(message: &str) -> napi::Error {
    napi::Error::new(Status::InvalidArg, message.to_owned())
}

/// A JS value in JSON form: a `Date` as RFC 3339 text, a `Policy` as its document.
pub(crate) fn to_json_value(env: &Env, v: &Unknown<'_>) -> Result<Value> {
    match v.get_type()? {
        ValueType::Null | ValueType::Undefined => Ok(Value::Null),
        ValueType::Boolean => Ok(Value::Bool(v.coerce_to_bool()?)),
        ValueType::Number => {
            let n = v.coerce_to_number()?.get_double()?;
            if n.fract() == 0.0 && n.abs() < 9.0e15 {
                Ok(Value::from(n as i64))
            } else {
                Ok(serde_json::Number::from_f64(n)
                    .map(Value::Number)
                    .unwrap_or(Value::Null))
            }
        }
        ValueType::String => Ok(Value::String(
            v.coerce_to_string()?.into_utf8()?.into_owned()?,
        )),
        ValueType::Object if v.is_date()? => {
            let ms = v.coerce_to_number()?.get_double()?;
            Ok(Value::String(webcare::format_instant(instant_from_millis(
                env, ms,
            )?)))
        }
        ValueType::Object if v.is_array()? => {
            let obj = v.coerce_to_object()?;
            let len: u32 = obj.get_named_property("length")?;
            (0..len)
                .map(|i| to_json_value(env, &obj.get_element::<Unknown<'_>>(i)?))
                .collect::<Result<Vec<_>>>()
                .map(Value::Array)
        }
        ValueType::Object => {
            let obj = v.coerce_to_object()?;
            let mut m = Map::new();
            for key in Object::keys(&obj)? {
                let value: Unknown<'_> = obj.get_named_property(&key)?;
                if value.get_type()? == ValueType::Undefined {
                    continue;
                }
                let value = if JsPolicy::instance_of(env, &value)? {
                    let policy: ClassInstance<'_, JsPolicy> = obj.get_named_property(&key)?;
                    policy.0.to_value()
                } else {
                    to_json_value(env, &value)?
                };
                m.insert(key, value);
            }
            Ok(Value::Object(m))
        }
        _ => Err(type_error(
            "an event holds only text, numbers, booleans, lists, objects, Dates and Policies",
        )),
    }
}

/// Reads an event object (the event JSON form) into a core event.
pub fn event_from_js(env: &Env, event: &Unknown<'_>) -> Result<Event> {
    if event.get_type()? != ValueType::Object || event.is_array()? || event.is_date()? {
        return Err(type_error(
            "an event is a plain object in the event JSON form",
        ));
    }
    let doc = to_json_value(env, event)?;
    guard(env, || Event::from_value(&doc))
}

/// A case event in the event JSON form: the JSON key names exactly (`needs_reply`,
/// `contact_tags`), `at` a `Date` or RFC 3339 text with an offset. Declared for TypeScript;
/// the binding reads the object as JSON, so an unknown key is an error.
#[napi(object)]
#[derive(Debug)]
pub struct CaseEvent {
    /// The event's id, unique within its case.
    pub id: String,
    /// When it happened.
    #[napi(ts_type = "Date | string")]
    pub at: String,
    /// What happened.
    #[napi(
        js_name = "type",
        ts_type = "'customer_message' | 'reply_public' | 'reply_private' | 'internal_note' | 'automated_reply' | 'waiting_on_customer' | 'waiting_on_third_party' | 'solved' | 'reopened' | 'priority_change' | 'tag_change' | 'policy_change'"
    )]
    pub kind: String,
    /// The channel (`customer_message`: required; replies: optional).
    pub channel: Option<String>,
    /// `customer_message`: `false` for a message that needs no answer.
    #[napi(js_name = "needs_reply")]
    pub needs_reply: Option<bool>,
    /// `customer_message`: the host's classification label.
    pub label: Option<String>,
    /// `customer_message`: the message's language (`en`, `nl`).
    pub language: Option<String>,
    /// `customer_message`: the customer's tags (`vip`).
    #[napi(js_name = "contact_tags")]
    pub contact_tags: Option<Vec<String>>,
    /// `priority_change`: the new priority.
    #[napi(ts_type = "'low' | 'normal' | 'high' | 'urgent'")]
    pub priority: Option<String>,
    /// `tag_change`: tags added.
    pub add: Option<Vec<String>>,
    /// `tag_change`: tags removed.
    pub remove: Option<Vec<String>>,
    /// `policy_change`: the new policy, its document, or `'preset'`.
    #[napi(ts_type = "Policy | object | string")]
    pub policy: Option<String>,
}

fn millis(s: i64) -> f64 {
    (s as f64) * 1000.0
}

/// One clock instance read at an instant. Milliseconds are business time on the target's
/// calendar, except `calendarLeftMs` and `breachedByCalendarMs` (wall-clock time); absent
/// where they do not apply to the state.
#[napi(object)]
#[derive(Debug)]
pub struct Clock {
    /// The metric.
    #[napi(
        ts_type = "'first_reply' | 'next_reply' | 'periodic_update' | 'pausable_update' | 'requester_wait' | 'resolution'"
    )]
    pub metric: String,
    /// The state.
    #[napi(ts_type = "'running' | 'paused' | 'met' | 'breached'")]
    pub state: String,
    /// The instance's start (its original start, also after a re-target).
    pub started_at: DateTime<Utc>,
    /// The target, in business milliseconds.
    pub target_ms: f64,
    /// The name of the target's calendar.
    pub calendar: String,
    /// Running: the due instant; met: the due instant when it stopped; breached: when the
    /// target was reached.
    pub due: Option<DateTime<Utc>>,
    /// When the clock warns, while running with a warning point.
    pub warn_at: Option<DateTime<Utc>>,
    /// Business time counted, until now or until the clock stopped.
    pub elapsed_ms: f64,
    /// Business time left before due, while running or paused and not breached.
    pub business_left_ms: Option<f64>,
    /// Wall-clock time left before due, while running and not breached.
    pub calendar_left_ms: Option<f64>,
    /// Business time past due, when breached.
    pub breached_by_ms: Option<f64>,
    /// Wall-clock time past due, when breached.
    pub breached_by_calendar_ms: Option<f64>,
    /// When the clock stopped (a visible reply, solved).
    pub stopped_at: Option<DateTime<Utc>>,
}

impl From<ClockReading> for Clock {
    fn from(c: ClockReading) -> Clock {
        Clock {
            metric: c.metric.name().to_owned(),
            state: c.state.name().to_owned(),
            started_at: c.started_at,
            target_ms: millis(c.target_s),
            calendar: c.calendar,
            due: c.due,
            warn_at: c.warn_at,
            elapsed_ms: millis(c.elapsed_s),
            business_left_ms: c.business_left_s.map(millis),
            calendar_left_ms: c.calendar_left_s.map(millis),
            breached_by_ms: c.breached_by_s.map(millis),
            breached_by_calendar_ms: c.breached_by_calendar_s.map(millis),
            stopped_at: c.stopped_at,
        }
    }
}

/// A field of a value's JSON form as text (an enum's name).
fn json_field(value: std::result::Result<Value, serde_json::Error>, key: &str) -> String {
    match value {
        Ok(Value::Object(mut m)) => match m.remove(key) {
            Some(Value::String(s)) => s,
            Some(other) => other.to_string(),
            None => String::new(),
        },
        _ => String::new(),
    }
}

/// Everything about a case at one instant.
#[napi(object)]
#[derive(Debug)]
pub struct CaseReadingObject {
    /// Where the case stands.
    #[napi(
        ts_type = "'new' | 'open' | 'waiting_on_customer' | 'waiting_on_third_party' | 'solved'"
    )]
    pub status: String,
    /// The priority.
    #[napi(ts_type = "'low' | 'normal' | 'high' | 'urgent'")]
    pub priority: String,
    /// The name of the rule the case matches, if any.
    pub rule: Option<String>,
    /// `true` when the case has begun and no rule of the policy matches it.
    pub no_rule_matched: bool,
    /// Every clock instance that has a target, by metric then start.
    pub clocks: Vec<Clock>,
    /// The earliest warn or due instant after the reading instant, if any.
    pub next_deadline: Option<DateTime<Utc>>,
}

impl From<CaseReading> for CaseReadingObject {
    fn from(r: CaseReading) -> CaseReadingObject {
        CaseReadingObject {
            status: json_field(serde_json::to_value(&r), "status"),
            priority: r.priority.name().to_owned(),
            rule: r.rule,
            no_rule_matched: r.no_rule_matched,
            clocks: r.clocks.into_iter().map(Clock::from).collect(),
            next_deadline: r.next_deadline,
        }
    }
}

/// One step of a clock instance's trace.
#[napi(object)]
#[derive(Debug)]
pub struct TraceStep {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    #[napi(
        ts_type = "'started' | 'paused' | 'resumed' | 'stopped' | 'reopened' | 'retargeted' | 'breached' | 'ignored' | 'kept'"
    )]
    pub kind: String,
    /// The id of the event that caused it (none for a breach, which time causes).
    pub event: Option<String>,
    /// The type of that event (`customer_message`, `reply_private`, ...).
    pub event_type: Option<String>,
    /// More detail in English (the new target, the time kept).
    pub detail: Option<String>,
}

/// A span of time during which an instance counted, with its business time.
#[napi(object)]
#[derive(Debug)]
pub struct TraceSpan {
    /// Start of the span.
    pub from: DateTime<Utc>,
    /// End of the span (the reading instant while it still runs).
    pub to: DateTime<Utc>,
    /// Open time of the target's calendar between them, in milliseconds.
    pub business_ms: f64,
}

/// The trace of one clock instance.
#[napi(object)]
#[derive(Debug)]
pub struct InstanceTraceObject {
    /// Its reading; absent when it has no target (no clock is shown).
    pub reading: Option<Clock>,
    /// The rule that gave the target.
    pub rule: Option<String>,
    /// The target as written (`'1h'`).
    pub within: Option<String>,
    /// The warning point as written (`'80%'`).
    pub warn: Option<String>,
    /// Business milliseconds counted under earlier policies, kept at a policy change.
    pub kept_ms: f64,
    /// The spans counted under the current target, each with its business time.
    pub spans: Vec<TraceSpan>,
    /// Every start, pause, resume, stop, re-target and breach, with its event.
    pub steps: Vec<TraceStep>,
    /// The trace as English sentences.
    pub text: String,
}

impl From<InstanceTrace> for InstanceTraceObject {
    fn from(t: InstanceTrace) -> InstanceTraceObject {
        InstanceTraceObject {
            reading: t.reading.map(Clock::from),
            rule: t.rule,
            within: t.within,
            warn: t.warn,
            kept_ms: millis(t.kept_s),
            spans: t
                .spans
                .into_iter()
                .map(|s| TraceSpan {
                    from: s.from,
                    to: s.to,
                    business_ms: millis(s.business_s),
                })
                .collect(),
            steps: t
                .steps
                .into_iter()
                .map(|s| TraceStep {
                    at: s.at,
                    kind: json_field(serde_json::to_value(&s), "kind"),
                    event: s.event,
                    event_type: s.event_type,
                    detail: s.detail,
                })
                .collect(),
            text: t.sentence,
        }
    }
}

/// The trace behind one metric's clocks at an instant, as data and as English (`text`).
#[napi(object)]
#[derive(Debug)]
pub struct ExplanationObject {
    /// The metric explained.
    pub metric: String,
    /// The rule the case matches now, if any.
    pub rule: Option<String>,
    /// `true` when the case has begun and no rule matches it.
    pub no_rule_matched: bool,
    /// The case's priority now.
    #[napi(ts_type = "'low' | 'normal' | 'high' | 'urgent'")]
    pub priority: String,
    /// One trace per instance of the metric, oldest first.
    pub instances: Vec<InstanceTraceObject>,
    /// The whole explanation in English.
    pub text: String,
}

impl From<Explanation> for ExplanationObject {
    fn from(e: Explanation) -> ExplanationObject {
        ExplanationObject {
            metric: e.metric.name().to_owned(),
            rule: e.rule,
            no_rule_matched: e.no_rule_matched,
            priority: e.priority.name().to_owned(),
            instances: e
                .instances
                .into_iter()
                .map(InstanceTraceObject::from)
                .collect(),
            text: e.sentence,
        }
    }
}

/// A conversation's events under a policy, read as SLA clocks at any instant.
///
/// Events are plain objects in the event JSON form (`{id, at, type, channel, needs_reply,
/// ...}` with the JSON key names; `at` a `Date` or RFC 3339 text). They may come in any
/// order and twice; the clocks equal in-order, once-only delivery.
#[napi(js_name = "Case")]
#[derive(Debug)]
pub struct JsCase(webcare::Case);

#[napi]
impl JsCase {
    #[napi(constructor, catch_unwind)]
    pub fn new(#[napi(ts_arg_type = "Policy")] policy: &JsPolicy) -> Self {
        JsCase(webcare::Case::new(policy.0.clone()))
    }

    /// Adds an event. Re-delivering an applied event changes nothing; an event with an
    /// applied id but other content throws `duplicate_event_id`.
    #[napi(catch_unwind)]
    pub fn apply(
        &mut self,
        env: &Env,
        #[napi(ts_arg_type = "CaseEvent")] event: Unknown<'_>,
    ) -> Result<()> {
        let event = event_from_js(env, &event)?;
        guard(env, || self.0.apply(event))
    }

    /// Parses an event's JSON and applies it.
    #[napi(catch_unwind)]
    pub fn apply_json(&mut self, env: &Env, text: String) -> Result<()> {
        guard(env, || self.0.apply_json(&text))
    }

    /// Applies many events, all or none.
    #[napi(catch_unwind)]
    pub fn apply_many(
        &mut self,
        env: &Env,
        #[napi(ts_arg_type = "Array<CaseEvent>")] events: Vec<Unknown<'_>>,
    ) -> Result<()> {
        let events = events
            .iter()
            .map(|e| event_from_js(env, e))
            .collect::<Result<Vec<_>>>()?;
        let mut next = self.0.clone();
        guard(env, || events.into_iter().try_for_each(|e| next.apply(e)))?;
        self.0 = next;
        Ok(())
    }

    /// The policy the case started with (a `policy_change` event may replace it later).
    #[napi(getter, catch_unwind)]
    pub fn policy(&self) -> JsPolicy {
        JsPolicy(self.0.policy().clone())
    }

    /// The number of events.
    #[napi(getter, catch_unwind)]
    pub fn event_count(&self) -> u32 {
        u32::try_from(self.0.events().count()).unwrap_or(u32::MAX)
    }

    /// Every clock instance that has a target, read at `now`, by metric then start.
    #[napi(catch_unwind)]
    pub fn clocks(&self, env: &Env, now: JsDate<'_>) -> Result<Vec<Clock>> {
        let now = instant(env, &now)?;
        Ok(self.0.clocks(now).into_iter().map(Clock::from).collect())
    }

    /// Everything about the case at `now`: status, priority, matched rule, clocks and the
    /// next deadline.
    #[napi(catch_unwind)]
    pub fn read(&self, env: &Env, now: JsDate<'_>) -> Result<CaseReadingObject> {
        Ok(self.0.read(instant(env, &now)?).into())
    }

    /// The earliest warn or due instant strictly after `now` over the running, unbreached
    /// clocks, or `null`: the one timer a host sets for this case.
    #[napi(catch_unwind)]
    pub fn next_deadline(&self, env: &Env, now: JsDate<'_>) -> Result<Option<DateTime<Utc>>> {
        Ok(self.0.next_deadline(instant(env, &now)?))
    }

    /// The trace behind `metric`'s clocks at `now`, as data and as sentences (`text`).
    #[napi(catch_unwind)]
    pub fn explain(
        &self,
        env: &Env,
        #[napi(
            ts_arg_type = "'first_reply' | 'next_reply' | 'periodic_update' | 'pausable_update' | 'requester_wait' | 'resolution'"
        )]
        metric: String,
        now: JsDate<'_>,
    ) -> Result<ExplanationObject> {
        let metric: Metric = guard(env, || metric.parse())?;
        Ok(self.0.explain(metric, instant(env, &now)?).into())
    }

    /// The case as a JSON snapshot: `{"version": 1, "policy": ..., "events": [...]}`.
    #[napi(catch_unwind)]
    pub fn to_snapshot(&self) -> String {
        self.0.to_snapshot()
    }

    /// Restores a case from `toSnapshot` output, to the identical state.
    #[napi(factory, catch_unwind)]
    pub fn from_snapshot(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::Case::from_snapshot(&text)).map(JsCase)
    }

    /// Whether two cases hold equal policies and events.
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &JsCase) -> bool {
        self.0 == other.0
    }
}

type Replayed = Vec<(String, Vec<ClockReading>)>;

fn replay(
    policy: &webcare::Policy,
    cases: Vec<(String, Vec<Event>)>,
    now: DateTime<Utc>,
) -> std::result::Result<Replayed, webcare::Error> {
    cases
        .into_iter()
        .map(|(id, events)| {
            let mut case = webcare::Case::new(policy.clone());
            for e in events {
                case.apply(e)?;
            }
            Ok((id, case.clocks(now)))
        })
        .collect()
}

fn read_cases(env: &Env, events_by_case: &Object<'_>) -> Result<Vec<(String, Vec<Event>)>> {
    let mut cases = Vec::new();
    for id in Object::keys(events_by_case)? {
        let events: Vec<Unknown<'_>> = events_by_case.get_named_property(&id)?;
        let events = events
            .iter()
            .map(|e| event_from_js(env, e))
            .collect::<Result<Vec<_>>>()?;
        cases.push((id, events));
    }
    Ok(cases)
}

fn to_object(read: Replayed) -> HashMap<String, Vec<Clock>> {
    read.into_iter()
        .map(|(id, clocks)| (id, clocks.into_iter().map(Clock::from).collect()))
        .collect()
}

/// Replays many cases under one policy and reads each one's clocks at `now`, in one call.
/// `eventsByCase` maps a case id to its events. All or none: the first bad event throws.
#[napi(catch_unwind)]
pub fn replay_cases(
    env: &Env,
    #[napi(ts_arg_type = "Policy")] policy: &JsPolicy,
    #[napi(ts_arg_type = "Record<string, Array<CaseEvent>>")] events_by_case: Object<'_>,
    now: JsDate<'_>,
) -> Result<HashMap<String, Vec<Clock>>> {
    let now = instant(env, &now)?;
    let cases = read_cases(env, &events_by_case)?;
    guard(env, || replay(&policy.0, cases, now)).map(to_object)
}

/// The replay of `replayCasesAsync`, computed off the event loop.
#[derive(Debug)]
pub struct ReplayTask {
    policy: webcare::Policy,
    cases: Option<Vec<(String, Vec<Event>)>>,
    now: DateTime<Utc>,
}

impl Task for ReplayTask {
    type Output = std::result::Result<Replayed, webcare::Error>;
    type JsValue = HashMap<String, Vec<Clock>>;

    fn compute(&mut self) -> Result<Self::Output> {
        let cases = self.cases.take().unwrap_or_default();
        let (policy, now) = (&self.policy, self.now);
        Ok(
            match catch_unwind(AssertUnwindSafe(|| replay(policy, cases, now))) {
                Ok(result) => result,
                Err(payload) => Err(webcare::Error::from_panic(payload.as_ref())),
            },
        )
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        output.map(to_object).map_err(|e| to_js(&env, e))
    }
}

/// `replayCases` off the event loop: the events are read now, the replay runs on a worker
/// thread and the promise resolves to the clocks per case.
#[napi(catch_unwind, ts_return_type = "Promise<Record<string, Array<Clock>>>")]
pub fn replay_cases_async(
    env: &Env,
    #[napi(ts_arg_type = "Policy")] policy: &JsPolicy,
    #[napi(ts_arg_type = "Record<string, Array<CaseEvent>>")] events_by_case: Object<'_>,
    now: JsDate<'_>,
) -> Result<AsyncTask<ReplayTask>> {
    let now = instant(env, &now)?;
    let cases = read_cases(env, &events_by_case)?;
    Ok(AsyncTask::new(ReplayTask {
        policy: policy.0.clone(),
        cases: Some(cases),
        now,
    }))
}
