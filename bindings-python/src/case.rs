//! `webcare.Case`, its events (`webcare.Event` and one subclass per event type), clock
//! readings, explanations and `webcare.replay_cases`, wrapping `webcare::case`.
//!
//! An event crosses either as an event object or as a dict in the event JSON form (the same
//! keys as in JSON, `at` an aware `datetime` or RFC 3339 text). Both become the event's JSON
//! value and are parsed by core, so defaults and validation are core's.

use std::collections::HashMap;

use chrono::{DateTime, TimeDelta, Utc};
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDateTime, PyDict, PyFloat, PyInt, PyList, PyString, PyTuple};
use pyo3::{PyClass, PyClassInitializer};
use serde_json::{Map, Value};
use webcare::case::{ClockReading, Event, EventKind, Explanation, InstanceTrace, Span, Step};
use webcare::Metric;

use crate::channel::PyChannel;
use crate::convert::{guard, instant};
use crate::policy::PyPolicy;

/// A field of a value's JSON form as text (an enum's name, `"waiting_on_customer"`).
fn json_field(value: Result<Value, serde_json::Error>, key: &str) -> String {
    match value {
        Ok(Value::Object(mut m)) => match m.remove(key) {
            Some(Value::String(s)) => s,
            Some(other) => other.to_string(),
            None => String::new(),
        },
        _ => String::new(),
    }
}

/// Seconds as a `timedelta`.
fn seconds(s: i64) -> TimeDelta {
    TimeDelta::try_seconds(s).unwrap_or(TimeDelta::MAX)
}

/// A Python value in JSON form: dicts, lists, tuples, text, numbers, booleans and `None`
/// as themselves, an aware `datetime` as RFC 3339 text, a `Policy` as its document.
fn to_json_value(value: &Bound<'_, PyAny>) -> PyResult<Value> {
    if value.is_none() {
        return Ok(Value::Null);
    }
    if let Ok(b) = value.cast::<PyBool>() {
        return Ok(Value::Bool(b.is_true()));
    }
    if let Ok(i) = value.cast::<PyInt>() {
        if let Ok(n) = i.extract::<i64>() {
            return Ok(Value::from(n));
        }
        return Ok(Value::from(i.extract::<u64>()?));
    }
    if let Ok(f) = value.cast::<PyFloat>() {
        return Ok(serde_json::Number::from_f64(f.value())
            .map(Value::Number)
            .unwrap_or(Value::Null));
    }
    if let Ok(s) = value.cast::<PyString>() {
        return Ok(Value::String(s.to_str()?.to_owned()));
    }
    if value.cast::<PyDateTime>().is_ok() {
        return Ok(Value::String(webcare::format_instant(instant(value)?)));
    }
    if let Ok(p) = value.cast::<PyPolicy>() {
        return Ok(p.get().0.to_value());
    }
    if let Ok(d) = value.cast::<PyDict>() {
        let mut m = Map::new();
        for (k, v) in d.iter() {
            let key: String = k.extract().map_err(|_| {
                PyTypeError::new_err("event dict keys must be strings (the event JSON keys)")
            })?;
            m.insert(key, to_json_value(&v)?);
        }
        return Ok(Value::Object(m));
    }
    if value.cast::<PyList>().is_ok() || value.cast::<PyTuple>().is_ok() {
        return value
            .try_iter()?
            .map(|v| to_json_value(&v?))
            .collect::<PyResult<Vec<_>>>()
            .map(Value::Array);
    }
    Err(PyTypeError::new_err(format!(
        "cannot use a {} in an event",
        value
            .get_type()
            .name()
            .map(|n| n.to_string())
            .unwrap_or_default()
    )))
}

/// An event given as an `Event` object or as a dict in the event JSON form.
pub fn extract_event(value: &Bound<'_, PyAny>) -> PyResult<Event> {
    if let Ok(e) = value.cast::<PyEvent>() {
        return Ok(e.get().0.clone());
    }
    if value.cast::<PyDict>().is_err() {
        return Err(PyTypeError::new_err(
            "an event is an Event object or a dict in the event JSON form",
        ));
    }
    let doc = to_json_value(value)?;
    guard(value.py(), || Event::from_value(&doc))
}

/// Builds an event from its JSON fields; absent (`None`) fields are left out.
fn event_from_fields(
    py: Python<'_>,
    id: String,
    at: &Bound<'_, PyAny>,
    kind: &str,
    fields: &[(&str, Option<&Bound<'_, PyAny>>)],
) -> PyResult<Event> {
    let mut m = Map::new();
    m.insert("id".into(), Value::String(id));
    m.insert("at".into(), to_json_value(at)?);
    m.insert("type".into(), Value::String(kind.to_owned()));
    for (key, value) in fields {
        if let Some(v) = value {
            if !v.is_none() {
                let v = if let Ok(c) = v.cast::<PyChannel>() {
                    Value::String(c.get().0.name().into_owned())
                } else {
                    to_json_value(v)?
                };
                m.insert((*key).to_owned(), v);
            }
        }
    }
    let doc = Value::Object(m);
    guard(py, || Event::from_value(&doc))
}

/// One event of a case: an id (unique in the case), an instant and what happened. Each event
/// type is a subclass (`CustomerMessage`, `ReplyPublic`, ...); `Event.from_json` gives the
/// subclass of the event's type.
#[pyclass(name = "Event", module = "webcare", frozen, subclass, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyEvent(pub Event);

#[pymethods]
impl PyEvent {
    /// Parses an event from its JSON object.
    #[staticmethod]
    fn from_json<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyAny>> {
        let event = guard(py, || Event::from_json(text))?;
        wrap_event(py, event)
    }

    /// The event's JSON text (`at` in UTC).
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The event's id, unique within its case.
    #[getter]
    fn id(&self) -> &str {
        &self.0.id
    }

    /// When it happened (UTC).
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// The event's `type` in JSON (`customer_message`, `reply_public`, ...).
    #[getter]
    fn r#type(&self) -> &'static str {
        self.0.kind.name()
    }

    fn __repr__(&self) -> String {
        format!("Event.from_json({:?})", self.0.to_json())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyEvent>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

fn with_kind<T: PyClass<BaseType = PyEvent>>(slf: &Bound<'_, T>) -> EventKind {
    slf.as_super().get().0.kind.clone()
}

macro_rules! plain_events {
    ($($rust:ident, $name:literal, $kind:literal, $doc:literal;)*) => {$(
        #[doc = $doc]
        #[pyclass(name = $name, module = "webcare", frozen, extends = PyEvent)]
        #[derive(Debug)]
        pub struct $rust;

        #[pymethods]
        impl $rust {
            #[new]
            fn new(py: Python<'_>, id: String, at: &Bound<'_, PyAny>) -> PyResult<PyClassInitializer<Self>> {
                let event = event_from_fields(py, id, at, $kind, &[])?;
                Ok(PyClassInitializer::from(PyEvent(event)).add_subclass($rust))
            }
        }
    )*};
}

plain_events! {
    PyInternalNote, "InternalNote", "internal_note", "A note only agents see. Changes no clock.";
    PyAutomatedReply, "AutomatedReply", "automated_reply", "An automated acknowledgement. Changes no clock.";
    PyWaitingOnCustomer, "WaitingOnCustomer", "waiting_on_customer", "The company waits on the customer: pausable metrics pause.";
    PyWaitingOnThirdParty, "WaitingOnThirdParty", "waiting_on_third_party", "The company waits on a third party: pauses nothing, resumes paused metrics.";
    PySolved, "Solved", "solved", "The case is solved: open reply, update and resolution clocks stop.";
    PyReopened, "Reopened", "reopened", "An agent reopens a solved case.";
}

macro_rules! reply_events {
    ($($rust:ident, $name:literal, $kind:literal, $doc:literal;)*) => {$(
        #[doc = $doc]
        #[pyclass(name = $name, module = "webcare", frozen, extends = PyEvent)]
        #[derive(Debug)]
        pub struct $rust;

        #[pymethods]
        impl $rust {
            #[new]
            #[pyo3(signature = (id, at, channel = None))]
            fn new(
                py: Python<'_>,
                id: String,
                at: &Bound<'_, PyAny>,
                channel: Option<&Bound<'_, PyAny>>,
            ) -> PyResult<PyClassInitializer<Self>> {
                let event = event_from_fields(py, id, at, $kind, &[("channel", channel)])?;
                Ok(PyClassInitializer::from(PyEvent(event)).add_subclass($rust))
            }

            /// Where it was sent, if the host says.
            #[getter]
            fn channel(slf: &Bound<'_, Self>) -> Option<PyChannel> {
                match with_kind(slf) {
                    EventKind::ReplyPublic { channel } | EventKind::ReplyPrivate { channel } => {
                        channel.map(PyChannel)
                    }
                    _ => None,
                }
            }
        }
    )*};
}

reply_events! {
    PyReplyPublic, "ReplyPublic", "reply_public", "A reply everyone can see. Visible to the customer: stops reply clocks.";
    PyReplyPrivate, "ReplyPrivate", "reply_private", "A private reply (DM, e-mail). Visible to the customer: stops reply clocks.";
}

/// A message from the customer. `needs_reply=False` marks a message that needs no answer
/// (a closing "thanks"); `None` leaves core's default (it needs one).
#[pyclass(name = "CustomerMessage", module = "webcare", frozen, extends = PyEvent)]
#[derive(Debug)]
pub struct PyCustomerMessage;

#[pymethods]
impl PyCustomerMessage {
    #[new]
    #[pyo3(signature = (id, at, channel, needs_reply = None, label = None, language = None, contact_tags = None))]
    #[expect(
        clippy::too_many_arguments,
        reason = "mirrors the event's JSON fields as keywords"
    )]
    fn new(
        py: Python<'_>,
        id: String,
        at: &Bound<'_, PyAny>,
        channel: &Bound<'_, PyAny>,
        needs_reply: Option<&Bound<'_, PyAny>>,
        label: Option<&Bound<'_, PyAny>>,
        language: Option<&Bound<'_, PyAny>>,
        contact_tags: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyClassInitializer<Self>> {
        let event = event_from_fields(
            py,
            id,
            at,
            "customer_message",
            &[
                ("channel", Some(channel)),
                ("needs_reply", needs_reply),
                ("label", label),
                ("language", language),
                ("contact_tags", contact_tags),
            ],
        )?;
        Ok(PyClassInitializer::from(PyEvent(event)).add_subclass(PyCustomerMessage))
    }

    /// Where it was posted. The case's channel is that of its first customer message.
    #[getter]
    fn channel(slf: &Bound<'_, Self>) -> Option<PyChannel> {
        match with_kind(slf) {
            EventKind::CustomerMessage { channel, .. } => Some(PyChannel(channel)),
            _ => None,
        }
    }

    /// `False` for a message that needs no answer: it starts no clock, resumes nothing and
    /// does not reopen a solved case.
    #[getter]
    fn needs_reply(slf: &Bound<'_, Self>) -> bool {
        matches!(
            with_kind(slf),
            EventKind::CustomerMessage {
                needs_reply: true,
                ..
            }
        )
    }

    /// The host's classification label (`complaint`, `question`, `praise`, `other`).
    #[getter]
    fn label(slf: &Bound<'_, Self>) -> Option<String> {
        match with_kind(slf) {
            EventKind::CustomerMessage { label, .. } => label,
            _ => None,
        }
    }

    /// The message's language (`en`, `nl`); the first one given is the case's language.
    #[getter]
    fn language(slf: &Bound<'_, Self>) -> Option<String> {
        match with_kind(slf) {
            EventKind::CustomerMessage { language, .. } => language,
            _ => None,
        }
    }

    /// The customer's tags (`vip`) as the host knows them now; replaces earlier ones.
    #[getter]
    fn contact_tags(slf: &Bound<'_, Self>) -> Option<Vec<String>> {
        match with_kind(slf) {
            EventKind::CustomerMessage { contact_tags, .. } => contact_tags,
            _ => None,
        }
    }
}

/// The priority changes (`low`, `normal`, `high`, `urgent`); open clocks are re-targeted
/// from their start.
#[pyclass(name = "PriorityChange", module = "webcare", frozen, extends = PyEvent)]
#[derive(Debug)]
pub struct PyPriorityChange;

#[pymethods]
impl PyPriorityChange {
    #[new]
    fn new(
        py: Python<'_>,
        id: String,
        at: &Bound<'_, PyAny>,
        priority: &Bound<'_, PyAny>,
    ) -> PyResult<PyClassInitializer<Self>> {
        let event = event_from_fields(
            py,
            id,
            at,
            "priority_change",
            &[("priority", Some(priority))],
        )?;
        Ok(PyClassInitializer::from(PyEvent(event)).add_subclass(PyPriorityChange))
    }

    /// The new priority.
    #[getter]
    fn priority(slf: &Bound<'_, Self>) -> &'static str {
        match with_kind(slf) {
            EventKind::PriorityChange { priority } => priority.name(),
            _ => "",
        }
    }
}

/// Tags are added and removed; open clocks are re-targeted from their start.
#[pyclass(name = "TagChange", module = "webcare", frozen, extends = PyEvent)]
#[derive(Debug)]
pub struct PyTagChange;

#[pymethods]
impl PyTagChange {
    #[new]
    #[pyo3(signature = (id, at, add = None, remove = None))]
    fn new(
        py: Python<'_>,
        id: String,
        at: &Bound<'_, PyAny>,
        add: Option<&Bound<'_, PyAny>>,
        remove: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<PyClassInitializer<Self>> {
        let event = event_from_fields(
            py,
            id,
            at,
            "tag_change",
            &[("add", add), ("remove", remove)],
        )?;
        Ok(PyClassInitializer::from(PyEvent(event)).add_subclass(PyTagChange))
    }

    /// Tags added.
    #[getter]
    fn add(slf: &Bound<'_, Self>) -> Vec<String> {
        match with_kind(slf) {
            EventKind::TagChange { add, .. } => add,
            _ => Vec::new(),
        }
    }

    /// Tags removed.
    #[getter]
    fn remove(slf: &Bound<'_, Self>) -> Vec<String> {
        match with_kind(slf) {
            EventKind::TagChange { remove, .. } => remove,
            _ => Vec::new(),
        }
    }
}

/// The policy changes from this instant; time already counted is kept.
#[pyclass(name = "PolicyChange", module = "webcare", frozen, extends = PyEvent)]
#[derive(Debug)]
pub struct PyPolicyChange;

#[pymethods]
impl PyPolicyChange {
    #[new]
    fn new(
        py: Python<'_>,
        id: String,
        at: &Bound<'_, PyAny>,
        policy: PyRef<'_, PyPolicy>,
    ) -> PyResult<PyClassInitializer<Self>> {
        let mut m = Map::new();
        m.insert("id".into(), Value::String(id));
        m.insert("at".into(), to_json_value(at)?);
        m.insert("type".into(), Value::String("policy_change".into()));
        m.insert("policy".into(), policy.0.to_value());
        let doc = Value::Object(m);
        let event = guard(py, || Event::from_value(&doc))?;
        Ok(PyClassInitializer::from(PyEvent(event)).add_subclass(PyPolicyChange))
    }

    /// The new policy.
    #[getter]
    fn policy(slf: &Bound<'_, Self>) -> Option<PyPolicy> {
        match with_kind(slf) {
            EventKind::PolicyChange { policy } => Some(PyPolicy(*policy)),
            _ => None,
        }
    }
}

/// A core event as the Python object of its type.
pub fn wrap_event(py: Python<'_>, event: Event) -> PyResult<Bound<'_, PyAny>> {
    macro_rules! sub {
        ($t:expr) => {
            Ok(Bound::new(
                py,
                PyClassInitializer::from(PyEvent(event)).add_subclass($t),
            )?
            .into_any())
        };
    }
    match event.kind.name() {
        "customer_message" => sub!(PyCustomerMessage),
        "reply_public" => sub!(PyReplyPublic),
        "reply_private" => sub!(PyReplyPrivate),
        "internal_note" => sub!(PyInternalNote),
        "automated_reply" => sub!(PyAutomatedReply),
        "waiting_on_customer" => sub!(PyWaitingOnCustomer),
        "waiting_on_third_party" => sub!(PyWaitingOnThirdParty),
        "solved" => sub!(PySolved),
        "reopened" => sub!(PyReopened),
        "priority_change" => sub!(PyPriorityChange),
        "tag_change" => sub!(PyTagChange),
        "policy_change" => sub!(PyPolicyChange),
        // An event type added in core without a class here still crosses as `Event`.
        _ => Ok(Bound::new(py, PyEvent(event))?.into_any()),
    }
}

/// One clock instance read at an instant. Durations are business time on the target's
/// calendar, except `calendar_left` and `breached_by_calendar` (wall-clock time); `None`
/// where they do not apply to the state.
#[pyclass(name = "Clock", module = "webcare", frozen, eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyClock(pub ClockReading);

#[pymethods]
impl PyClock {
    /// The metric (`first_reply`, `next_reply`, `periodic_update`, `pausable_update`,
    /// `requester_wait`, `resolution`).
    #[getter]
    fn metric(&self) -> &'static str {
        self.0.metric.name()
    }

    /// `running`, `paused`, `met` or `breached`.
    #[getter]
    fn state(&self) -> &'static str {
        self.0.state.name()
    }

    /// The instance's start (its original start, also after a re-target).
    #[getter]
    fn started_at(&self) -> DateTime<Utc> {
        self.0.started_at
    }

    /// The target, in business time.
    #[getter]
    fn target(&self) -> TimeDelta {
        seconds(self.0.target_s)
    }

    /// The name of the target's calendar.
    #[getter]
    fn calendar(&self) -> &str {
        &self.0.calendar
    }

    /// Running: the due instant; met: the due instant when it stopped; breached: when the
    /// target was reached.
    #[getter]
    fn due(&self) -> Option<DateTime<Utc>> {
        self.0.due
    }

    /// When the clock warns, while running with a warning point.
    #[getter]
    fn warn_at(&self) -> Option<DateTime<Utc>> {
        self.0.warn_at
    }

    /// Business time counted, until now or until the clock stopped.
    #[getter]
    fn elapsed(&self) -> TimeDelta {
        seconds(self.0.elapsed_s)
    }

    /// Business time left before due, while running or paused and not breached.
    #[getter]
    fn business_left(&self) -> Option<TimeDelta> {
        self.0.business_left_s.map(seconds)
    }

    /// Wall-clock time left before due, while running and not breached.
    #[getter]
    fn calendar_left(&self) -> Option<TimeDelta> {
        self.0.calendar_left_s.map(seconds)
    }

    /// Business time past due, when breached.
    #[getter]
    fn breached_by(&self) -> Option<TimeDelta> {
        self.0.breached_by_s.map(seconds)
    }

    /// Wall-clock time past due, when breached.
    #[getter]
    fn breached_by_calendar(&self) -> Option<TimeDelta> {
        self.0.breached_by_calendar_s.map(seconds)
    }

    /// When the clock stopped (a visible reply, solved).
    #[getter]
    fn stopped_at(&self) -> Option<DateTime<Utc>> {
        self.0.stopped_at
    }

    /// The reading as JSON text (seconds as `elapsed_s`, ...; absent where they do not apply).
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!("Clock({})", self.to_json())
    }
}

/// Everything about a case at one instant.
#[pyclass(name = "CaseReading", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyCaseReading(webcare::case::CaseReading);

#[pymethods]
impl PyCaseReading {
    /// Where the case stands: `new`, `open`, `waiting_on_customer`,
    /// `waiting_on_third_party` or `solved`.
    #[getter]
    fn status(&self) -> String {
        json_field(serde_json::to_value(&self.0), "status")
    }

    /// The priority (`low`, `normal`, `high`, `urgent`).
    #[getter]
    fn priority(&self) -> &'static str {
        self.0.priority.name()
    }

    /// The name of the rule the case matches, if any.
    #[getter]
    fn rule(&self) -> Option<&str> {
        self.0.rule.as_deref()
    }

    /// `True` when the case has begun and no rule of the policy matches it.
    #[getter]
    fn no_rule_matched(&self) -> bool {
        self.0.no_rule_matched
    }

    /// Every clock instance that has a target, by metric then start.
    #[getter]
    fn clocks(&self) -> Vec<PyClock> {
        self.0.clocks.iter().cloned().map(PyClock).collect()
    }

    /// The earliest warn or due instant after the reading instant, or `None`.
    #[getter]
    fn next_deadline(&self) -> Option<DateTime<Utc>> {
        self.0.next_deadline
    }

    /// The reading as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    fn __repr__(&self) -> String {
        format!("CaseReading({})", self.to_json())
    }
}

/// One step of a clock instance's trace.
#[pyclass(name = "TraceStep", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyTraceStep(Step);

#[pymethods]
impl PyTraceStep {
    /// When it happened.
    #[getter]
    fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// `started`, `paused`, `resumed`, `stopped`, `reopened`, `retargeted`, `breached`,
    /// `ignored` or `kept`.
    #[getter]
    fn kind(&self) -> String {
        json_field(serde_json::to_value(&self.0), "kind")
    }

    /// The id of the event that caused it (none for a breach, which time causes).
    #[getter]
    fn event(&self) -> Option<&str> {
        self.0.event.as_deref()
    }

    /// The type of that event (`customer_message`, `reply_private`, ...).
    #[getter]
    fn event_type(&self) -> Option<&str> {
        self.0.event_type.as_deref()
    }

    /// More detail in English (the new target, the time kept).
    #[getter]
    fn detail(&self) -> Option<&str> {
        self.0.detail.as_deref()
    }

    fn __repr__(&self) -> String {
        format!(
            "TraceStep({})",
            serde_json::to_string(&self.0).unwrap_or_default()
        )
    }
}

/// A span of time during which an instance counted, with its business time.
#[pyclass(name = "TraceSpan", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyTraceSpan(Span);

#[pymethods]
impl PyTraceSpan {
    /// Start of the span (`from` in JSON).
    #[getter]
    fn start(&self) -> DateTime<Utc> {
        self.0.from
    }

    /// End of the span (`to` in JSON; the reading instant while it still runs).
    #[getter]
    fn end(&self) -> DateTime<Utc> {
        self.0.to
    }

    /// Open time of the target's calendar between them.
    #[getter]
    fn business(&self) -> TimeDelta {
        seconds(self.0.business_s)
    }

    fn __repr__(&self) -> String {
        format!(
            "TraceSpan({})",
            serde_json::to_string(&self.0).unwrap_or_default()
        )
    }
}

/// The trace of one clock instance.
#[pyclass(name = "InstanceTrace", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyInstanceTrace(InstanceTrace);

#[pymethods]
impl PyInstanceTrace {
    /// Its reading; `None` when it has no target (no clock is shown).
    #[getter]
    fn reading(&self) -> Option<PyClock> {
        self.0.reading.clone().map(PyClock)
    }

    /// The rule that gave the target.
    #[getter]
    fn rule(&self) -> Option<&str> {
        self.0.rule.as_deref()
    }

    /// The target as written (`"1h"`).
    #[getter]
    fn within(&self) -> Option<&str> {
        self.0.within.as_deref()
    }

    /// The warning point as written (`"80%"`).
    #[getter]
    fn warn(&self) -> Option<&str> {
        self.0.warn.as_deref()
    }

    /// Business time counted under earlier policies, kept at a policy change.
    #[getter]
    fn kept(&self) -> TimeDelta {
        seconds(self.0.kept_s)
    }

    /// The spans counted under the current target, each with its business time.
    #[getter]
    fn spans(&self) -> Vec<PyTraceSpan> {
        self.0.spans.iter().cloned().map(PyTraceSpan).collect()
    }

    /// Every start, pause, resume, stop, re-target and breach, with its event.
    #[getter]
    fn steps(&self) -> Vec<PyTraceStep> {
        self.0.steps.iter().cloned().map(PyTraceStep).collect()
    }

    /// The trace as English sentences.
    #[getter]
    fn text(&self) -> &str {
        &self.0.sentence
    }
}

/// The trace behind one metric's clocks at an instant: the matched rule, and per instance
/// the target, each step with its event and the calendar arithmetic; `.text` says it in
/// English.
#[pyclass(name = "Explanation", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyExplanation(Explanation);

#[pymethods]
impl PyExplanation {
    /// The metric explained.
    #[getter]
    fn metric(&self) -> &'static str {
        self.0.metric.name()
    }

    /// The rule the case matches now, if any.
    #[getter]
    fn rule(&self) -> Option<&str> {
        self.0.rule.as_deref()
    }

    /// `True` when the case has begun and no rule matches it.
    #[getter]
    fn no_rule_matched(&self) -> bool {
        self.0.no_rule_matched
    }

    /// The case's priority now.
    #[getter]
    fn priority(&self) -> &'static str {
        self.0.priority.name()
    }

    /// One trace per instance of the metric, oldest first.
    #[getter]
    fn instances(&self) -> Vec<PyInstanceTrace> {
        self.0
            .instances
            .iter()
            .cloned()
            .map(PyInstanceTrace)
            .collect()
    }

    /// The whole explanation in English.
    #[getter]
    fn text(&self) -> &str {
        &self.0.sentence
    }

    /// The explanation as JSON text.
    fn to_json(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    fn __str__(&self) -> &str {
        &self.0.sentence
    }

    fn __repr__(&self) -> String {
        format!("Explanation({:?})", self.0.sentence)
    }
}

/// A conversation's events under a policy, read as SLA clocks at any instant.
///
/// Events (an `Event` object or a dict in the event JSON form) may come in any order and
/// twice; the clocks equal in-order, once-only delivery. Instants are aware `datetime`s.
#[pyclass(name = "Case", module = "webcare", eq)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyCase(webcare::Case);

#[pymethods]
impl PyCase {
    #[new]
    fn new(policy: PyRef<'_, PyPolicy>) -> Self {
        PyCase(webcare::Case::new(policy.0.clone()))
    }

    /// Adds an event. Re-delivering an applied event changes nothing; an event with an
    /// applied id but other content raises `InvalidInputError` (`duplicate_event_id`).
    fn apply(&mut self, py: Python<'_>, event: &Bound<'_, PyAny>) -> PyResult<()> {
        let event = extract_event(event)?;
        guard(py, || self.0.apply(event))
    }

    /// Parses an event's JSON and applies it.
    fn apply_json(&mut self, py: Python<'_>, text: &str) -> PyResult<()> {
        guard(py, || self.0.apply_json(text))
    }

    /// Applies many events, all or none.
    fn apply_many(&mut self, py: Python<'_>, events: &Bound<'_, PyAny>) -> PyResult<()> {
        let events = events
            .try_iter()?
            .map(|e| extract_event(&e?))
            .collect::<PyResult<Vec<_>>>()?;
        let mut next = self.0.clone();
        guard(py, || {
            py.detach(|| events.into_iter().try_for_each(|e| next.apply(e)))
        })?;
        self.0 = next;
        Ok(())
    }

    /// The policy the case started with (a `PolicyChange` event may replace it later).
    #[getter]
    fn policy(&self) -> PyPolicy {
        PyPolicy(self.0.policy().clone())
    }

    /// The events, in replay order (time, then id).
    #[getter]
    fn events<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.0.events().map(|e| wrap_event(py, e.clone())).collect()
    }

    /// Every clock instance that has a target, read at `now`, by metric then start.
    fn clocks(&self, now: &Bound<'_, PyAny>) -> PyResult<Vec<PyClock>> {
        let now = instant(now)?;
        Ok(self.0.clocks(now).into_iter().map(PyClock).collect())
    }

    /// Everything about the case at `now`: status, priority, matched rule, clocks and the
    /// next deadline.
    fn read(&self, now: &Bound<'_, PyAny>) -> PyResult<PyCaseReading> {
        Ok(PyCaseReading(self.0.read(instant(now)?)))
    }

    /// The earliest warn or due instant strictly after `now` over the running, unbreached
    /// clocks, or `None`: the one timer a host sets for this case.
    fn next_deadline(&self, now: &Bound<'_, PyAny>) -> PyResult<Option<DateTime<Utc>>> {
        Ok(self.0.next_deadline(instant(now)?))
    }

    /// The trace behind `metric`'s clocks at `now`, as data and as sentences (`.text`).
    fn explain(
        &self,
        py: Python<'_>,
        metric: &str,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<PyExplanation> {
        let metric: Metric = guard(py, || metric.parse())?;
        Ok(PyExplanation(self.0.explain(metric, instant(now)?)))
    }

    /// The case as a JSON snapshot: `{"version": 1, "policy": ..., "events": [...]}`.
    fn to_snapshot(&self) -> String {
        self.0.to_snapshot()
    }

    /// Restores a case from `to_snapshot` output, to the identical state.
    #[staticmethod]
    fn from_snapshot(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::Case::from_snapshot(text)).map(PyCase)
    }

    /// The number of events.
    fn __len__(&self) -> usize {
        self.0.events().count()
    }

    fn __repr__(&self) -> String {
        format!("Case.from_snapshot({:?})", self.0.to_snapshot())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_snapshot = py.get_type::<PyCase>().getattr("from_snapshot")?;
        let snapshot = slf.borrow().0.to_snapshot();
        Ok((from_snapshot, PyTuple::new(py, [snapshot])?))
    }
}

/// Replays many cases under one policy and reads each one's clocks at `now`: one call
/// across the boundary, the work done without the GIL. `events_by_case` maps a case id to
/// its events (`Event` objects or dicts). All or none: the first bad event raises.
#[pyfunction]
pub fn replay_cases(
    py: Python<'_>,
    policy: PyRef<'_, PyPolicy>,
    events_by_case: &Bound<'_, PyDict>,
    now: &Bound<'_, PyAny>,
) -> PyResult<HashMap<String, Vec<PyClock>>> {
    let now = instant(now)?;
    let mut cases: Vec<(String, Vec<Event>)> = Vec::with_capacity(events_by_case.len());
    for (id, events) in events_by_case.iter() {
        let id: String = id.extract()?;
        let events = events
            .try_iter()?
            .map(|e| extract_event(&e?))
            .collect::<PyResult<Vec<_>>>()?;
        cases.push((id, events));
    }
    let policy = policy.0.clone();
    let read = guard(py, || {
        py.detach(|| {
            cases
                .into_iter()
                .map(|(id, events)| {
                    let mut case = webcare::Case::new(policy.clone());
                    for e in events {
                        case.apply(e)?;
                    }
                    Ok((id, case.clocks(now)))
                })
                .collect::<Result<Vec<_>, webcare::Error>>()
        })
    })?;
    Ok(read
        .into_iter()
        .map(|(id, clocks)| (id, clocks.into_iter().map(PyClock).collect()))
        .collect())
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEvent>()?;
    m.add_class::<PyCustomerMessage>()?;
    m.add_class::<PyReplyPublic>()?;
    m.add_class::<PyReplyPrivate>()?;
    m.add_class::<PyInternalNote>()?;
    m.add_class::<PyAutomatedReply>()?;
    m.add_class::<PyWaitingOnCustomer>()?;
    m.add_class::<PyWaitingOnThirdParty>()?;
    m.add_class::<PySolved>()?;
    m.add_class::<PyReopened>()?;
    m.add_class::<PyPriorityChange>()?;
    m.add_class::<PyTagChange>()?;
    m.add_class::<PyPolicyChange>()?;
    m.add_class::<PyClock>()?;
    m.add_class::<PyCaseReading>()?;
    m.add_class::<PyTraceStep>()?;
    m.add_class::<PyTraceSpan>()?;
    m.add_class::<PyInstanceTrace>()?;
    m.add_class::<PyExplanation>()?;
    m.add_class::<PyCase>()?;
    m.add_function(wrap_pyfunction!(replay_cases, m)?)
}
