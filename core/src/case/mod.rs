//! Cases and their SLA clocks, rebuilt from events.
//!
//! A [`Case`] holds a [`Policy`] and the events of one conversation. Events are
//! deduplicated by id and replayed in time order (ties by id), so any delivery order gives
//! the same state; a reading at `now` sees the events at or before `now`. The case starts
//! at priority normal; its channel (for rule conditions) is the channel of its first
//! customer message, its language the first one a customer message gives.
//!
//! # Metrics
//!
//! Each metric is a list of clock instances; business time is open time of the target's
//! calendar.
//!
//! - **first reply**: first customer message to the first visible reply. Never pauses.
//! - **next reply**: a customer message after the first reply clock has stopped opens an
//!   instance (later messages join the open one, so it counts from the oldest unanswered)
//!   until the next visible reply. Never pauses.
//! - **periodic update**: each visible reply to the next visible reply. Never pauses.
//! - **pausable update**: the same, paused while waiting on the customer.
//! - **requester wait**: first customer message to solved, paused while waiting on the
//!   customer; the solved time does not count after a reopen.
//! - **resolution**: first customer message to the final solve; never pauses, and the
//!   solved time counts after a reopen.
//!
//! # Rules
//!
//! - A visible reply is `reply_public` or `reply_private` (a DM on a public complaint
//!   counts); `internal_note` and `automated_reply` change nothing. A company message
//!   before any customer message, or on a solved case, is not a reply to anything.
//! - `waiting_on_customer` pauses the pausable metrics; a customer message resumes them,
//!   and so does `waiting_on_third_party`, which itself pauses nothing. A reply sent while
//!   waiting on the customer resumes nothing (its new pausable update starts paused). A
//!   customer message sets the status back to open, also from waiting on a third party.
//!   Status events that do not apply (solved on a case without customer message, reopened
//!   on a case that is not solved) change nothing.
//! - `solved` fulfils every open clock (met, unless already breached). A customer message
//!   on a solved case reopens it and opens a next-reply instance; `reopened` reopens it
//!   without one. After a reopen no update clock runs until the next visible reply.
//! - A customer message with `"needs_reply": false` (a closing "thanks"), or labelled
//!   `praise` when the policy says `praise_needs_no_reply`, changes nothing: no clock
//!   starts or resumes and a solved case stays solved.
//! - `priority_change` and `tag_change` (and a customer message's `contact_tags`)
//!   re-select the rule; every open, unbreached instance is re-targeted from its original
//!   start (a target already exceeded breaches at once). A stopped instance keeps its
//!   outcome; a breached one keeps its breach and the target it breached.
//! - `policy_change` applies from its instant: the business time each open instance has
//!   counted so far (on its old target's calendar) is kept, and the new target counts on
//!   from there on its own calendar; when the kept time already exceeds the new target, the
//!   target is reached at the change. An instance that had no target counted nothing, so
//!   the new policy counts it from its original start.
//! - Clocks whose due instant lies beyond the calendar horizon (100 years) read without
//!   `due`.
//! - Met: the clock stopped at or before its due instant. Breached: the due instant passed
//!   first; a breach once recorded stays recorded, also while paused.
//! - A case that no rule matches has no clocks and says so ([`CaseReading::no_rule_matched`]).
//!
//! # Example: a public complaint answered by a DM
//!
//! ```
//! use webcare::{Case, Policy};
//! use webcare::case::{ClockState, Event};
//! use chrono::{DateTime, Utc};
//!
//! let mut case = Case::new(Policy::preset());
//! case.apply(Event::from_json(r#"{"id": "m1", "at": "2026-03-06T22:50:00Z", "type": "customer_message", "channel": "x"}"#)?)?;
//! case.apply(Event::from_json(r#"{"id": "n1", "at": "2026-03-06T23:00:00Z", "type": "internal_note"}"#)?)?;
//! let now: DateTime<Utc> = "2026-03-06T23:10:00Z".parse()?;
//! let first = &case.clocks(now)[0];
//! assert_eq!(first.state, ClockState::Running);
//! assert_eq!(first.business_left_s, Some(40 * 60));
//! assert_eq!(case.next_deadline(now), Some("2026-03-06T23:50:00Z".parse()?));
//!
//! case.apply(Event::from_json(r#"{"id": "d1", "at": "2026-03-06T23:20:00Z", "type": "reply_private", "channel": "x_dm"}"#)?)?;
//! let later: DateTime<Utc> = "2026-03-07T09:00:00Z".parse()?;
//! assert_eq!(case.clocks(later)[0].state, ClockState::Met);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod clock;
mod event;
mod explain;
mod glance;
mod replay;

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub use clock::{ClockReading, ClockState};
pub use event::{Event, EventKind};
pub use explain::{Explanation, InstanceTrace, Span, Step, StepKind};
pub use glance::Glance;

use crate::error::{Error, Result};
use crate::policy::{Metric, Policy, Priority};
use replay::Replay;

/// The snapshot format version written by this release.
pub const SNAPSHOT_VERSION: u64 = 1;

/// A conversation's events under a policy, read as SLA clocks at any instant.
/// See the [module docs](self) for the semantics.
#[derive(Debug, Clone)]
pub struct Case {
    policy: Policy,
    /// The events in replay order: by instant, then id.
    events: Vec<Event>,
    /// Id to instant, kept only once a case has more than [`INDEX_FROM`] events; smaller
    /// cases find duplicates by a scan, which is faster than hashing.
    ids: HashMap<String, DateTime<Utc>>,
}

const INDEX_FROM: usize = 32;

impl PartialEq for Case {
    /// Two cases are equal when their policies and their sets of events are.
    fn eq(&self, other: &Case) -> bool {
        self.policy == other.policy && self.events == other.events
    }
}

/// Where a case stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CaseStatus {
    /// No customer message (that needs a reply) yet: no clocks.
    New,
    /// Open: the company is on it.
    Open,
    /// Waiting on the customer: the pausable metrics are paused.
    WaitingOnCustomer,
    /// Waiting on a third party: nothing pauses.
    WaitingOnThirdParty,
    /// Solved: every clock stopped; a customer message reopens it.
    Solved,
}

/// Everything about a case at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaseReading {
    /// Where the case stands.
    pub status: CaseStatus,
    /// The priority.
    pub priority: Priority,
    /// The name of the rule the case matches, if any.
    pub rule: Option<String>,
    /// `true` when the case has begun and no rule of the policy matches it.
    pub no_rule_matched: bool,
    /// Every clock instance that has a target, by metric then start.
    pub clocks: Vec<ClockReading>,
    /// The earliest warn or due instant after the reading instant (see [`Case::next_deadline`]).
    #[serde(default, with = "crate::instant::serde_opt_utc")]
    pub next_deadline: Option<DateTime<Utc>>,
}

fn preset() -> &'static Policy {
    static PRESET: OnceLock<Policy> = OnceLock::new();
    PRESET.get_or_init(Policy::preset)
}

impl Case {
    /// A case with no events under `policy`.
    pub fn new(policy: Policy) -> Case {
        Case {
            policy,
            events: Vec::new(),
            ids: HashMap::new(),
        }
    }

    /// The policy the case started with (a `policy_change` event may replace it later).
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The events, in replay order (time, then id).
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.iter()
    }

    /// Adds an event. Events may come in any order; an event whose id was already applied
    /// with the same content changes nothing.
    ///
    /// # Errors
    ///
    /// `duplicate_event_id` when an event with this id but different content was applied.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Case, Policy};
    /// use webcare::case::Event;
    ///
    /// let mut case = Case::new(Policy::preset());
    /// let e = Event::from_json(r#"{"id": "m1", "at": "2026-03-06T22:50:00Z", "type": "customer_message", "channel": "x"}"#)?;
    /// case.apply(e.clone())?;
    /// case.apply(e)?; // a re-delivery: fine
    /// let other = Event::from_json(r#"{"id": "m1", "at": "2026-03-06T22:51:00Z", "type": "customer_message", "channel": "x"}"#)?;
    /// assert_eq!(case.apply(other).unwrap_err().code(), "duplicate_event_id");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn apply(&mut self, event: Event) -> Result<()> {
        if let Some(existing) = self.find(&event.id) {
            return if *existing == event {
                Ok(())
            } else {
                Err(Error::DuplicateEventId { id: event.id })
            };
        }
        let key = (event.at, event.id.as_str());
        let at = self.events.partition_point(|e| (e.at, e.id.as_str()) < key);
        if !self.ids.is_empty() {
            self.ids.insert(event.id.clone(), event.at);
        }
        self.events.insert(at, event);
        if self.ids.is_empty() && self.events.len() > INDEX_FROM {
            self.ids = self.events.iter().map(|e| (e.id.clone(), e.at)).collect();
        }
        Ok(())
    }

    fn find(&self, id: &str) -> Option<&Event> {
        if self.ids.is_empty() {
            return self.events.iter().find(|e| e.id == id);
        }
        let at = *self.ids.get(id)?;
        let i = self
            .events
            .binary_search_by(|e| (e.at, e.id.as_str()).cmp(&(at, id)))
            .ok()?;
        self.events.get(i)
    }

    /// Gives back the spare capacity of the event list (for a case kept long without new
    /// events). Changes nothing else.
    pub fn shrink_to_fit(&mut self) {
        self.events.shrink_to_fit();
        self.ids.shrink_to_fit();
    }

    /// Parses an event's JSON and applies it (see [`Event::from_json`] and [`Case::apply`]).
    ///
    /// # Errors
    ///
    /// Those of [`Event::from_json`] and [`Case::apply`].
    pub fn apply_json(&mut self, text: &str) -> Result<()> {
        self.apply(Event::from_json(text)?)
    }

    fn replay(&self, now: DateTime<Utc>, trace: bool) -> Replay<'_> {
        Replay::run(&self.policy, &self.events, now, trace)
    }

    /// Everything about the case at `now`: status, priority, matched rule, clocks and the
    /// next deadline.
    pub fn read(&self, now: DateTime<Utc>) -> CaseReading {
        let r = self.replay(now, false);
        let clocks = clocks_of(&r, now);
        CaseReading {
            status: r.status,
            priority: r.subject.priority,
            rule: r.rule.map(str::to_owned),
            no_rule_matched: r.subject.channel.is_some() && r.rule.is_none(),
            next_deadline: deadline_of(&clocks, now),
            clocks,
        }
    }

    /// Every clock instance that has a target, read at `now`, by metric then start.
    ///
    /// # Example: a reply clock that breaches and is met later
    ///
    /// ```
    /// use webcare::{Case, Policy};
    /// use webcare::case::{ClockState, Event};
    /// use chrono::{DateTime, Utc};
    ///
    /// let mut case = Case::new(Policy::preset());
    /// case.apply_json(r#"{"id": "m1", "at": "2026-03-06T10:00:00Z", "type": "customer_message", "channel": "facebook"}"#)?;
    /// case.apply_json(r#"{"id": "r1", "at": "2026-03-06T11:15:00Z", "type": "reply_public"}"#)?;
    /// let first = &case.clocks("2026-03-06T12:00:00Z".parse::<DateTime<Utc>>()?)[0];
    /// assert_eq!(first.state, ClockState::Breached);
    /// assert_eq!(first.breached_by_s, Some(15 * 60));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn clocks(&self, now: DateTime<Utc>) -> Vec<ClockReading> {
        clocks_of(&self.replay(now, false), now)
    }

    /// The clocks at `now` summed up in a [`Glance`]: met and breached counts per metric,
    /// whether a clock still runs, the business time left on the reply clocks and the next
    /// deadline. The same figures as [`Case::clocks`], without a reading per clock.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Case, Policy};
    /// use chrono::{DateTime, TimeDelta, Utc};
    ///
    /// let mut case = Case::new(Policy::preset());
    /// case.apply_json(r#"{"id": "m1", "at": "2026-03-06T22:50:00Z", "type": "customer_message", "channel": "x"}"#)?;
    /// let now: DateTime<Utc> = "2026-03-06T23:10:00Z".parse()?;
    /// let g = case.glance(now);
    /// assert!(g.open);
    /// assert_eq!(g.reply_left, Some((TimeDelta::minutes(40), TimeDelta::hours(1))));
    /// assert_eq!(g.next_deadline, case.next_deadline(now));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn glance(&self, now: DateTime<Utc>) -> Glance {
        glance::glance(&self.replay(now, false), now)
    }

    /// The earliest warn or due instant strictly after `now` over the running, unbreached
    /// clocks, or `None`: the one timer a host sets for this case.
    pub fn next_deadline(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        deadline_of(&self.clocks(now), now)
    }

    /// The trace behind `metric`'s clocks at `now`: the matched rule, the target, each start,
    /// pause, stop and re-target with its event, and the calendar arithmetic, as data and as
    /// sentences.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Case, Metric, Policy};
    /// use chrono::{DateTime, Utc};
    ///
    /// let mut case = Case::new(Policy::preset());
    /// case.apply_json(r#"{"id": "m1", "at": "2026-03-06T22:50:00Z", "type": "customer_message", "channel": "x"}"#)?;
    /// case.apply_json(r#"{"id": "n1", "at": "2026-03-06T23:00:00Z", "type": "internal_note"}"#)?;
    /// let why = case.explain(Metric::FirstReply, "2026-03-06T23:10:00Z".parse::<DateTime<Utc>>()?);
    /// assert_eq!(why.rule.as_deref(), Some("public social"));
    /// assert!(why.sentence.contains("internal note n1"));
    /// assert!(why.sentence.contains("20m of 1h used"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn explain(&self, metric: Metric, now: DateTime<Utc>) -> Explanation {
        explain::explain(&self.replay(now, true), metric, now)
    }

    /// The case as a JSON snapshot: `{"version": 1, "policy": ..., "events": [...]}`. The
    /// preset policy is written as `"preset"`.
    pub fn to_snapshot(&self) -> String {
        self.snapshot_value().to_string()
    }

    fn snapshot_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("version".into(), Value::from(SNAPSHOT_VERSION));
        let policy = if self.policy == *preset() {
            Value::String("preset".into())
        } else {
            self.policy.to_value()
        };
        m.insert("policy".into(), policy);
        m.insert(
            "events".into(),
            Value::Array(self.events.iter().map(Event::to_value).collect()),
        );
        Value::Object(m)
    }

    /// Restores a case from [`Case::to_snapshot`] output, to the identical state.
    ///
    /// # Errors
    ///
    /// `unsupported_snapshot_version` for a version this release cannot read;
    /// `invalid_json` for a document of the wrong shape; any policy or event error.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Case, Policy};
    ///
    /// let mut case = Case::new(Policy::preset());
    /// case.apply_json(r#"{"id": "m1", "at": "2026-03-06T22:50:00Z", "type": "customer_message", "channel": "x"}"#)?;
    /// let text = case.to_snapshot();
    /// assert_eq!(Case::from_snapshot(&text)?, case);
    /// assert_eq!(Case::from_snapshot(r#"{"version": 99, "policy": "preset", "events": []}"#).unwrap_err().code(),
    ///            "unsupported_snapshot_version");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_snapshot(text: &str) -> Result<Case> {
        let value: Value = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        Case::from_snapshot_value(&value)
    }

    fn from_snapshot_value(value: &Value) -> Result<Case> {
        let shape = |message: &str| Error::InvalidJson {
            message: message.to_owned(),
            line: 0,
            column: 0,
        };
        let obj = value
            .as_object()
            .ok_or_else(|| shape("a case snapshot is a JSON object"))?;
        let version = obj
            .get("version")
            .and_then(Value::as_u64)
            .ok_or_else(|| shape("a case snapshot needs a numeric \"version\""))?;
        if version != SNAPSHOT_VERSION {
            return Err(Error::UnsupportedSnapshotVersion { version });
        }
        if let Some(key) = obj
            .keys()
            .find(|k| !matches!(k.as_str(), "version" | "policy" | "events"))
        {
            return Err(shape(&format!("unknown field {key:?} in a case snapshot")));
        }
        let policy = match obj.get("policy") {
            Some(Value::String(s)) if s == "preset" => preset().clone(),
            Some(doc @ Value::Object(_)) => Policy::from_value(doc)?,
            _ => {
                return Err(shape(
                    "a case snapshot needs \"policy\": an object or \"preset\"",
                ))
            }
        };
        let mut case = Case::new(policy);
        let events = obj
            .get("events")
            .and_then(Value::as_array)
            .ok_or_else(|| shape("a case snapshot needs an \"events\" list"))?;
        for e in events {
            case.apply(Event::from_value(e)?)?;
        }
        Ok(case)
    }
}

fn clocks_of(r: &Replay<'_>, now: DateTime<Utc>) -> Vec<ClockReading> {
    let mut out: Vec<ClockReading> = r
        .instances
        .iter()
        .filter_map(|i| Replay::reading(i, now))
        .collect();
    out.sort_by_key(|c| (c.metric, c.started_at));
    out
}

fn deadline_of(clocks: &[ClockReading], now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    clocks
        .iter()
        .filter(|c| c.state == ClockState::Running)
        .flat_map(|c| [c.warn_at, c.due])
        .flatten()
        .filter(|t| *t > now)
        .min()
}

impl Serialize for Case {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.snapshot_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Case {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Case, D::Error> {
        let value = Value::deserialize(d)?;
        Case::from_snapshot_value(&value).map_err(serde::de::Error::custom)
    }
}
