//! The replay engine: events in time order (ties by id) into clock instances.
//!
//! A reading always replays from the first event: the state of a case is its policy and
//! its set of events, so any delivery order, duplicate deliveries, or a snapshot taken in
//! between give the same clocks by construction.

use std::sync::Arc;

use chrono::{DateTime, TimeDelta, Utc};
use smallvec::{smallvec, SmallVec};

use super::clock::{ClockReading, ClockState};
use super::event::{Event, EventKind};
use super::explain::{Step, StepKind};
use super::CaseStatus as Status;
use crate::calendar::Calendar;
use crate::policy::{
    compact_duration, Metric, Policy, Priority, Rule, Selection, Subject, Warning,
};

/// A target resolved against a policy: the numbers and the calendar itself. The texts are
/// the policy's own, borrowed, so a replay allocates no strings for its targets.
#[derive(Debug, Clone)]
pub(crate) struct Bound<'a> {
    pub(crate) rule: &'a str,
    pub(crate) within: TimeDelta,
    pub(crate) within_text: &'a str,
    pub(crate) warn_after: Option<TimeDelta>,
    pub(crate) warn: Option<&'a Warning>,
    pub(crate) calendar_name: &'a str,
    pub(crate) calendar: Arc<Calendar>,
}

impl Bound<'_> {
    fn same(&self, other: &Bound<'_>) -> bool {
        self.rule == other.rule
            && self.within == other.within
            && self.warn_after == other.warn_after
            && self.calendar_name == other.calendar_name
            && Arc::ptr_eq(&self.calendar, &other.calendar)
    }

    pub(crate) fn describe(&self) -> String {
        format!(
            "{} on calendar \"{}\" (rule \"{}\")",
            self.within_text, self.calendar_name, self.rule
        )
    }
}

/// Running spans `(from, to)` of an instance; `to` is `None` while it runs.
pub(crate) type Spans = SmallVec<[(DateTime<Utc>, Option<DateTime<Utc>>); 1]>;

/// One clock instance of one metric.
#[derive(Debug, Clone)]
pub(crate) struct Instance<'a> {
    pub(crate) metric: Metric,
    pub(crate) start: DateTime<Utc>,
    /// Business time counted before `epoch` (under targets of earlier policies).
    pub(crate) counted: TimeDelta,
    /// Where the current policy's counting starts: the start, or the last policy change.
    pub(crate) epoch: DateTime<Utc>,
    /// Running spans since `epoch`; the last one is open while the clock runs.
    pub(crate) segs: Spans,
    pub(crate) bound: Option<Arc<Bound<'a>>>,
    /// The instant the target was reached, once a breach is recorded.
    pub(crate) breach: Option<DateTime<Utc>>,
    pub(crate) stop: Option<DateTime<Utc>>,
    pub(crate) due_at_stop: Option<DateTime<Utc>>,
    pub(crate) steps: Vec<Step>,
    /// Whether steps are recorded (only for explanations: readings skip the allocations).
    trace: bool,
}

impl Instance<'_> {
    pub(crate) fn is_open(&self) -> bool {
        self.stop.is_none()
    }

    pub(crate) fn is_running(&self) -> bool {
        self.stop.is_none() && matches!(self.segs.last(), Some((_, None)))
    }

    /// Business time counted until `t` on `cal`.
    pub(crate) fn elapsed(&self, cal: &Calendar, t: DateTime<Utc>) -> TimeDelta {
        let mut total = self.counted;
        for (a, b) in &self.segs {
            let end = b.unwrap_or(t).min(t);
            if end > *a {
                total += cal.elapsed(*a, end).unwrap_or_default();
            }
        }
        total
    }

    /// An upper bound of the business time counted until `t`: the wall time of the spans.
    fn wall_upper_bound(&self, t: DateTime<Utc>) -> TimeDelta {
        let mut total = self.counted;
        for (a, b) in &self.segs {
            let end = b.unwrap_or(t).min(t);
            if end > *a {
                total += end - *a;
            }
        }
        total
    }

    /// The instant at which `amount` of business time is used up, if it is reached in the
    /// spans so far or in the running span. `None` while paused short of it, or when the
    /// answer is beyond the calendar's horizon.
    pub(crate) fn reach(&self, cal: &Calendar, amount: TimeDelta) -> Option<DateTime<Utc>> {
        let mut acc = self.counted;
        if acc >= amount {
            return Some(self.epoch);
        }
        for (a, b) in &self.segs {
            match b {
                Some(b) => {
                    let e = cal.elapsed(*a, *b).unwrap_or_default();
                    if acc + e >= amount {
                        return cal.add(*a, amount - acc).ok();
                    }
                    acc += e;
                }
                None => return cal.add(*a, amount - acc).ok(),
            }
        }
        None
    }

    /// The business spans counted, with their business time, until `t`.
    pub(crate) fn spans(&self, t: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>, TimeDelta)> {
        let Some(b) = &self.bound else {
            return Vec::new();
        };
        self.segs
            .iter()
            .map(|(from, to)| {
                let to = to.unwrap_or(t).min(t).max(*from);
                (*from, to, b.calendar.elapsed(*from, to).unwrap_or_default())
            })
            .collect()
    }

    fn step(
        &mut self,
        at: DateTime<Utc>,
        kind: StepKind,
        event: Option<&Event>,
        detail: impl FnOnce() -> Option<String>,
    ) {
        if !self.trace {
            return;
        }
        let detail = detail();
        self.steps.push(Step {
            at,
            kind,
            event: event.map(|e| e.id.clone()),
            event_type: event.map(|e| e.kind.name().to_owned()),
            detail,
        });
    }

    fn close(&mut self, t: DateTime<Utc>) {
        if let Some((_, end @ None)) = self.segs.last_mut() {
            *end = Some(t);
        }
    }
}

/// The numbers of one clock reading (see [`ClockReading`] for their meaning).
#[derive(Debug, Clone, Copy)]
pub(crate) struct InstanceGlance {
    pub(crate) state: ClockState,
    pub(crate) target_s: i64,
    pub(crate) due: Option<DateTime<Utc>>,
    pub(crate) warn_at: Option<DateTime<Utc>>,
    pub(crate) elapsed_s: i64,
    pub(crate) business_left_s: Option<i64>,
    pub(crate) calendar_left_s: Option<i64>,
    pub(crate) breached_by_s: Option<i64>,
    pub(crate) breached_by_calendar_s: Option<i64>,
}

/// The state of a case after replaying its events up to an instant.
#[derive(Debug, Clone)]
pub(crate) struct Replay<'a> {
    pub(crate) policy: &'a Policy,
    pub(crate) status: Status,
    pub(crate) subject: Subject,
    pub(crate) rule: Option<&'a str>,
    pub(crate) instances: Vec<Instance<'a>>,
    /// The target of each metric (in [`Metric::ALL`] order) under the current rule and priority.
    bounds: [Option<Arc<Bound<'a>>>; 6],
    /// What the bounds were resolved for: rule index, priority and policy address.
    selected: Option<(Option<usize>, Priority, usize)>,
    trace: bool,
}

fn is_reply(m: Metric) -> bool {
    matches!(m, Metric::FirstReply | Metric::NextReply)
}

fn is_update(m: Metric) -> bool {
    matches!(m, Metric::PeriodicUpdate | Metric::PausableUpdate)
}

impl<'a> Replay<'a> {
    /// Replays `events` (sorted by instant, then id) that are at or before `now`.
    pub(crate) fn run(
        policy: &'a Policy,
        events: impl IntoIterator<Item = &'a Event>,
        now: DateTime<Utc>,
        trace: bool,
    ) -> Replay<'a> {
        let mut r = Replay {
            policy,
            status: Status::New,
            subject: Subject::default(),
            rule: None,
            instances: Vec::with_capacity(6),
            bounds: Default::default(),
            selected: None,
            trace,
        };
        for e in events {
            if e.at > now {
                break;
            }
            r.check_breaches(e.at);
            r.apply(e);
        }
        r.check_breaches(now);
        r
    }

    /// Records a breach on every open instance whose due instant lies before `t`.
    fn check_breaches(&mut self, t: DateTime<Utc>) {
        for inst in &mut self.instances {
            if !inst.is_open() || inst.breach.is_some() {
                continue;
            }
            let Some(b) = &inst.bound else { continue };
            // Open time never exceeds wall time: a cheap bound spares the calendar walk.
            if inst.wall_upper_bound(t) < b.within {
                continue;
            }
            if let Some(due) = inst.reach(&b.calendar, b.within) {
                if due < t {
                    inst.breach = Some(due);
                    let within = b.within_text;
                    inst.step(due, StepKind::Breached, None, || {
                        Some(format!("target {within} used up"))
                    });
                }
            }
        }
    }

    fn bound_for(&self, rule: Option<&'a Rule>, metric: Metric) -> Option<Bound<'a>> {
        let rule = rule?;
        let target = rule.target(metric, self.subject.priority)?;
        let calendar = self.policy.calendar_arc(target.calendar())?;
        Some(Bound {
            rule: rule.name(),
            within: target.within().delta(),
            within_text: target.within().as_str(),
            warn_after: target.warn_after(),
            warn: target.warn(),
            calendar_name: target.calendar(),
            calendar,
        })
    }

    fn bound(&self, metric: Metric) -> Option<Arc<Bound<'a>>> {
        self.bounds[metric as usize].clone()
    }

    /// Selects the rule for the current facts and resolves every metric's target.
    fn reselect(&mut self) {
        let policy: &'a Policy = self.policy;
        let (index, selected) = match policy.select(&self.subject) {
            Selection::Rule { rule, index } => (Some(index), Some(rule)),
            Selection::NoRuleMatched => (None, None),
        };
        let name = selected.map(Rule::name);
        let key = (
            index,
            self.subject.priority,
            std::ptr::from_ref::<Policy>(self.policy) as usize,
        );
        if self.selected == Some(key) {
            // Same rule of the same policy at the same priority: same targets.
            return;
        }
        self.selected = Some(key);
        self.rule = name;
        for metric in Metric::ALL {
            let new = self.bound_for(selected, metric);
            let old = &mut self.bounds[metric as usize];
            // Keep the old value when nothing changed, so instances can compare pointers
            // (and nothing is allocated).
            if !matches!((&*old, &new), (Some(a), Some(b)) if a.same(b)) {
                *old = new.map(Arc::new);
            }
        }
    }

    /// Re-targets open, unbreached instances to the current rule and priority, counted from
    /// their original start; a target already exceeded breaches at once.
    fn retarget(&mut self, e: &Event) {
        for inst in &mut self.instances {
            if !inst.is_open() || inst.breach.is_some() {
                continue;
            }
            let new = &self.bounds[inst.metric as usize];
            let changed = match (&inst.bound, new) {
                (Some(a), Some(b)) => !Arc::ptr_eq(a, b) && !a.same(b),
                (None, None) => false,
                _ => true,
            };
            if changed {
                inst.step(e.at, StepKind::Retargeted, Some(e), || {
                    Some(match new {
                        Some(b) => format!("now {}, counted from the start", b.describe()),
                        None => "no target: the clock is not shown".to_owned(),
                    })
                });
                inst.bound = new.clone();
            }
        }
        // A target already reached before the change breaches at once.
        self.check_breaches(e.at);
    }

    fn start(&mut self, metric: Metric, e: &Event, running: bool) {
        let bound = self.bound(metric);
        let detail = || match &bound {
            Some(b) => Some(format!("target {}", b.describe())),
            None => Some("no target for this metric: the clock is not shown".to_owned()),
        };
        let mut inst = Instance {
            metric,
            start: e.at,
            counted: TimeDelta::zero(),
            epoch: e.at,
            segs: if running {
                smallvec![(e.at, None)]
            } else {
                Spans::new()
            },
            bound: None,
            breach: None,
            stop: None,
            due_at_stop: None,
            steps: Vec::new(),
            trace: self.trace,
        };
        inst.step(e.at, StepKind::Started, Some(e), detail);
        inst.bound = bound;
        if !running {
            inst.step(e.at, StepKind::Paused, Some(e), || {
                Some("waiting on the customer".into())
            });
        }
        self.instances.push(inst);
    }

    fn stop_where(&mut self, e: &Event, pred: impl Fn(Metric) -> bool) {
        for inst in &mut self.instances {
            if inst.is_open() && pred(inst.metric) {
                if inst.is_running() {
                    inst.due_at_stop = inst
                        .bound
                        .as_ref()
                        .and_then(|b| inst.reach(&b.calendar, b.within));
                }
                inst.close(e.at);
                inst.stop = Some(e.at);
                inst.step(e.at, StepKind::Stopped, Some(e), || None);
            }
        }
    }

    fn pause(&mut self, e: &Event) {
        for inst in &mut self.instances {
            if inst.is_running() && inst.metric.pausable() {
                inst.close(e.at);
                inst.step(e.at, StepKind::Paused, Some(e), || None);
            }
        }
    }

    fn resume(&mut self, e: &Event) {
        for inst in &mut self.instances {
            if inst.is_open() && !inst.is_running() && inst.metric.pausable() {
                inst.segs.push((e.at, None));
                inst.step(e.at, StepKind::Resumed, Some(e), || None);
            }
        }
    }

    /// Runs the latest resolution and requester-wait instances again after a reopen:
    /// resolution counts the solved time, requester wait does not.
    fn unstop(&mut self, e: &Event) {
        for metric in [Metric::RequesterWait, Metric::Resolution] {
            let Some(inst) = self.instances.iter_mut().rev().find(|i| i.metric == metric) else {
                continue;
            };
            if inst.is_open() {
                continue;
            }
            inst.stop = None;
            inst.due_at_stop = None;
            if metric == Metric::Resolution {
                if let Some((_, end)) = inst.segs.last_mut() {
                    *end = None;
                }
            } else {
                inst.segs.push((e.at, None));
            }
            let detail = if metric == Metric::Resolution {
                "running again; the solved time counts"
            } else {
                "running again; the solved time does not count"
            };
            inst.step(e.at, StepKind::Reopened, Some(e), || Some(detail.into()));
        }
        self.retarget(e);
    }

    fn ignore_note(&mut self, e: &Event) {
        for inst in &mut self.instances {
            if inst.is_open() && is_reply(inst.metric) {
                inst.step(e.at, StepKind::Ignored, Some(e), || {
                    Some("not a reply the customer can see".into())
                });
            }
        }
    }

    fn apply(&mut self, e: &'a Event) {
        match &e.kind {
            EventKind::CustomerMessage {
                channel,
                needs_reply,
                label,
                language,
                contact_tags,
            } => {
                let praise = label
                    .as_deref()
                    .is_some_and(|l| l.eq_ignore_ascii_case("praise"));
                if !needs_reply || (praise && self.policy.praise_needs_no_reply()) {
                    for inst in &mut self.instances {
                        if inst.is_open() {
                            inst.step(e.at, StepKind::Ignored, Some(e), || {
                                Some("a message that needs no reply".into())
                            });
                        }
                    }
                    return;
                }
                if let Some(tags) = contact_tags {
                    self.subject.contact_tags = tags.iter().map(|t| t.to_lowercase()).collect();
                }
                if self.subject.language.is_none() {
                    self.subject.language = language.as_ref().map(|l| l.to_lowercase());
                }
                match self.status {
                    Status::New => {
                        self.subject.channel = Some(channel.clone());
                        self.status = Status::Open;
                        self.reselect();
                        self.start(Metric::FirstReply, e, true);
                        self.start(Metric::RequesterWait, e, true);
                        self.start(Metric::Resolution, e, true);
                    }
                    Status::Solved => {
                        self.status = Status::Open;
                        self.reselect();
                        self.retarget(e);
                        self.unstop(e);
                        self.start(Metric::NextReply, e, true);
                    }
                    Status::WaitingOnCustomer | Status::Open | Status::WaitingOnThirdParty => {
                        if self.status == Status::WaitingOnCustomer {
                            self.resume(e);
                        }
                        self.status = Status::Open;
                        self.reselect();
                        self.retarget(e);
                        let reply_open = self
                            .instances
                            .iter()
                            .any(|i| i.is_open() && is_reply(i.metric));
                        let had_first = self
                            .instances
                            .iter()
                            .any(|i| i.metric == Metric::FirstReply);
                        if !reply_open && had_first {
                            self.start(Metric::NextReply, e, true);
                        }
                    }
                }
            }
            EventKind::ReplyPublic { .. } | EventKind::ReplyPrivate { .. } => {
                if matches!(self.status, Status::New | Status::Solved) {
                    return;
                }
                self.stop_where(e, |m| is_reply(m) || is_update(m));
                self.start(Metric::PeriodicUpdate, e, true);
                let running = self.status != Status::WaitingOnCustomer;
                self.start(Metric::PausableUpdate, e, running);
            }
            EventKind::InternalNote | EventKind::AutomatedReply => self.ignore_note(e),
            EventKind::WaitingOnCustomer => {
                if matches!(self.status, Status::Open | Status::WaitingOnThirdParty) {
                    self.status = Status::WaitingOnCustomer;
                    self.pause(e);
                }
            }
            EventKind::WaitingOnThirdParty => {
                if self.status == Status::WaitingOnCustomer {
                    self.resume(e);
                }
                if matches!(self.status, Status::Open | Status::WaitingOnCustomer) {
                    self.status = Status::WaitingOnThirdParty;
                }
            }
            EventKind::Solved => {
                if matches!(self.status, Status::New | Status::Solved) {
                    return;
                }
                self.stop_where(e, |_| true);
                self.status = Status::Solved;
            }
            EventKind::Reopened => {
                if self.status == Status::Solved {
                    self.status = Status::Open;
                    self.unstop(e);
                }
            }
            EventKind::PriorityChange { priority } => {
                self.subject.priority = *priority;
                self.reselect();
                self.retarget(e);
            }
            EventKind::TagChange { add, remove } => {
                for t in add {
                    self.subject.tags.insert(t.to_lowercase());
                }
                for t in remove {
                    self.subject.tags.remove(&t.to_lowercase());
                }
                self.reselect();
                self.retarget(e);
            }
            EventKind::PolicyChange { policy } => {
                for inst in &mut self.instances {
                    if !inst.is_open() || inst.breach.is_some() {
                        continue;
                    }
                    let Some(b) = &inst.bound else { continue };
                    let counted = inst.elapsed(&b.calendar, e.at);
                    let running = inst.is_running();
                    inst.counted = counted;
                    inst.epoch = e.at;
                    inst.segs = if running {
                        smallvec![(e.at, None)]
                    } else {
                        Spans::new()
                    };
                    inst.step(e.at, StepKind::Kept, Some(e), || {
                        Some(format!(
                            "{} already counted is kept",
                            compact_duration(counted)
                        ))
                    });
                }
                self.policy = policy;
                self.reselect();
                self.retarget(e);
            }
        }
    }

    /// The reading of one instance at `now`; `None` when it has no target.
    pub(crate) fn reading(inst: &Instance<'_>, now: DateTime<Utc>) -> Option<ClockReading> {
        let b = inst.bound.as_ref()?;
        let g = Replay::glance(inst, now)?;
        Some(ClockReading {
            metric: inst.metric,
            state: g.state,
            started_at: inst.start,
            target_s: g.target_s,
            calendar: b.calendar_name.to_owned(),
            due: g.due,
            warn_at: g.warn_at,
            elapsed_s: g.elapsed_s,
            business_left_s: g.business_left_s,
            calendar_left_s: g.calendar_left_s,
            breached_by_s: g.breached_by_s,
            breached_by_calendar_s: g.breached_by_calendar_s,
            stopped_at: inst.stop,
        })
    }

    /// The figures of [`Replay::reading`] without the calendar name: nothing allocated.
    pub(crate) fn glance(inst: &Instance<'_>, now: DateTime<Utc>) -> Option<InstanceGlance> {
        let b = inst.bound.as_ref()?;
        let end = inst.stop.unwrap_or(now);
        let elapsed = inst.elapsed(&b.calendar, end);
        let mut r = InstanceGlance {
            state: ClockState::Running,
            target_s: b.within.num_seconds(),
            due: None,
            warn_at: None,
            elapsed_s: elapsed.num_seconds(),
            business_left_s: None,
            calendar_left_s: None,
            breached_by_s: None,
            breached_by_calendar_s: None,
        };
        if let Some(due) = inst.breach {
            r.state = ClockState::Breached;
            r.due = Some(due);
            r.breached_by_s = Some((elapsed - b.within).num_seconds().max(0));
            r.breached_by_calendar_s = Some((end - due).num_seconds());
        } else if inst.stop.is_some() {
            r.state = ClockState::Met;
            r.due = inst.due_at_stop;
        } else if inst.is_running() {
            let due = inst.reach(&b.calendar, b.within);
            r.due = due;
            r.warn_at = b.warn_after.and_then(|w| inst.reach(&b.calendar, w));
            r.business_left_s = Some((b.within - elapsed).num_seconds());
            r.calendar_left_s = due.map(|d| (d - now).num_seconds());
        } else {
            r.state = ClockState::Paused;
            r.business_left_s = Some((b.within - elapsed).num_seconds());
        }
        Some(r)
    }
}
