//! Explanations: the trace behind a clock, as data and as sentences.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::clock::{ClockReading, ClockState};
use super::replay::{Instance, Replay};
use crate::instant::format_instant;
use crate::policy::{compact_duration, Metric, Priority};

/// What happened to a clock instance at a step of its trace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum StepKind {
    /// The instance started.
    Started,
    /// It stopped counting (waiting on the customer).
    Paused,
    /// It counts again.
    Resumed,
    /// It stopped for good (a visible reply, solved).
    Stopped,
    /// It runs again after a reopen.
    Reopened,
    /// Its target changed (priority, tags or policy), counted from the original start.
    Retargeted,
    /// Its target was used up before it stopped.
    Breached,
    /// An event that changed nothing for it (an internal note, an automated reply, a message
    /// that needs no reply).
    Ignored,
    /// A policy change: the business time counted so far is kept.
    Kept,
}

impl StepKind {
    fn verb(self) -> &'static str {
        match self {
            StepKind::Started => "started",
            StepKind::Paused => "paused",
            StepKind::Resumed => "resumed",
            StepKind::Stopped => "stopped",
            StepKind::Reopened => "reopened",
            StepKind::Retargeted => "re-targeted",
            StepKind::Breached => "breached",
            StepKind::Ignored => "unchanged",
            StepKind::Kept => "policy changed",
        }
    }
}

/// One step of a clock instance's trace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Step {
    /// When it happened.
    #[serde(with = "crate::instant::serde_utc")]
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: StepKind,
    /// The id of the event that caused it (none for a breach, which time causes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event: Option<String>,
    /// The type of that event (`customer_message`, `reply_private`, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_type: Option<String>,
    /// More detail in English (the new target, the time kept).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// A span of time during which an instance counted, with its business time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Span {
    /// Start of the span.
    #[serde(with = "crate::instant::serde_utc")]
    pub from: DateTime<Utc>,
    /// End of the span (the reading instant while it still runs).
    #[serde(with = "crate::instant::serde_utc")]
    pub to: DateTime<Utc>,
    /// Open time of the target's calendar between them, in seconds.
    pub business_s: i64,
}

/// The trace of one clock instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InstanceTrace {
    /// Its reading; `None` when it has no target (no clock is shown).
    pub reading: Option<ClockReading>,
    /// The rule that gave the target.
    pub rule: Option<String>,
    /// The target as written (`"1h"`).
    pub within: Option<String>,
    /// The warning point as written (`"80%"`).
    pub warn: Option<String>,
    /// Business seconds counted under earlier policies, kept at a policy change.
    pub kept_s: i64,
    /// The spans counted under the current target, each with its business time.
    pub spans: Vec<Span>,
    /// Every start, pause, resume, stop, re-target and breach, with its event.
    pub steps: Vec<Step>,
    /// The trace as English sentences.
    pub sentence: String,
}

/// The trace behind one metric's clocks at an instant: the matched rule, and per
/// instance the target, each step with its event and the calendar arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Explanation {
    /// The metric explained.
    pub metric: Metric,
    /// The rule the case matches now, if any.
    pub rule: Option<String>,
    /// `true` when the case has begun and no rule matches it.
    pub no_rule_matched: bool,
    /// The case's priority now.
    pub priority: Priority,
    /// One trace per instance of the metric, oldest first.
    pub instances: Vec<InstanceTrace>,
    /// The whole explanation in English.
    pub sentence: String,
}

/// An event type in plain English ("public reply").
fn event_label(name: &str) -> &'static str {
    match name {
        "customer_message" => "customer message",
        "reply_public" => "public reply",
        "reply_private" => "private reply",
        "internal_note" => "internal note",
        "automated_reply" => "automated reply",
        "waiting_on_customer" => "waiting on customer",
        "waiting_on_third_party" => "waiting on third party",
        "solved" => "solved",
        "reopened" => "reopened",
        "priority_change" => "priority change",
        "tag_change" => "tag change",
        "policy_change" => "policy change",
        _ => "event",
    }
}

fn t(at: DateTime<Utc>) -> String {
    format_instant(at)
}

fn secs(s: i64) -> String {
    compact_duration(chrono::TimeDelta::seconds(s))
}

fn trace(inst: &Instance<'_>, now: DateTime<Utc>) -> InstanceTrace {
    let reading = Replay::reading(inst, now);
    let spans: Vec<Span> = inst
        .spans(now)
        .into_iter()
        .map(|(from, to, d)| Span {
            from,
            to,
            business_s: d.num_seconds(),
        })
        .collect();
    let mut parts = Vec::new();
    for s in &inst.steps {
        let label = s.event_type.as_deref().map(event_label).unwrap_or("event");
        let by = match &s.event {
            Some(id) => format!(" by {label} {id}"),
            None => String::new(),
        };
        let detail = s
            .detail
            .as_ref()
            .map(|d| format!(" ({d})"))
            .unwrap_or_default();
        parts.push(match s.kind {
            StepKind::Ignored => format!(
                "{label} {} at {} changed nothing{detail}",
                s.event.as_deref().unwrap_or(""),
                t(s.at)
            ),
            kind => format!("{} {}{by}{detail}", kind.verb(), t(s.at)),
        });
    }
    let mut sentence = format!("{}: {}.", inst.metric.label(), parts.join("; "));
    if !spans.is_empty() || inst.counted > chrono::TimeDelta::zero() {
        let mut sums: Vec<String> = spans
            .iter()
            .map(|s| format!("{} to {} = {}", t(s.from), t(s.to), secs(s.business_s)))
            .collect();
        if inst.counted > chrono::TimeDelta::zero() {
            sums.insert(
                0,
                format!(
                    "{} kept from earlier policies",
                    compact_duration(inst.counted)
                ),
            );
        }
        if let Some(b) = &inst.bound {
            sentence.push_str(&format!(
                " Business time on calendar \"{}\": {}.",
                b.calendar_name,
                sums.join(" + ")
            ));
        }
    }
    if let (Some(r), Some(b)) = (&reading, &inst.bound) {
        let due = r
            .due
            .map(t)
            .unwrap_or_else(|| "not known while paused".into());
        sentence.push_str(&match r.state {
            ClockState::Running => format!(
                " Running: {} of {} used, {} left, due {due}.",
                secs(r.elapsed_s),
                b.within_text,
                secs(r.business_left_s.unwrap_or(0))
            ),
            ClockState::Paused => format!(
                " Paused: {} of {} used, {} left.",
                secs(r.elapsed_s),
                b.within_text,
                secs(r.business_left_s.unwrap_or(0))
            ),
            ClockState::Met => format!(
                " Met: {} of {} used, due {due}.",
                secs(r.elapsed_s),
                b.within_text
            ),
            ClockState::Breached => format!(
                " Breached: the target {} was reached at {due}; {} of business time past it ({} on the wall clock).",
                b.within_text,
                secs(r.breached_by_s.unwrap_or(0)),
                secs(r.breached_by_calendar_s.unwrap_or(0))
            ),
        });
    } else {
        sentence.push_str(" No target applies, so no clock is shown.");
    }
    InstanceTrace {
        reading,
        rule: inst.bound.as_ref().map(|b| b.rule.to_owned()),
        within: inst.bound.as_ref().map(|b| b.within_text.to_owned()),
        warn: inst
            .bound
            .as_ref()
            .and_then(|b| b.warn.map(ToString::to_string)),
        kept_s: inst.counted.num_seconds(),
        spans,
        steps: inst.steps.clone(),
        sentence,
    }
}

pub(crate) fn explain(replay: &Replay<'_>, metric: Metric, now: DateTime<Utc>) -> Explanation {
    let instances: Vec<InstanceTrace> = replay
        .instances
        .iter()
        .filter(|i| i.metric == metric)
        .map(|i| trace(i, now))
        .collect();
    let started = replay.subject.channel.is_some();
    let no_rule_matched = started && replay.rule.is_none();
    let head = match (&replay.rule, started) {
        (_, false) => format!("{}: the case has no customer message yet at {}.", metric.label(), t(now)),
        (Some(rule), true) => format!(
            "At {} the case (channel {}, priority {}) matches rule \"{rule}\".",
            t(now),
            replay.subject.channel.as_ref().map(|c| c.name().into_owned()).unwrap_or_default(),
            replay.subject.priority.name()
        ),
        (None, true) => format!(
            "At {} no rule of the policy matches the case (channel {}, priority {}), so it has no clocks.",
            t(now),
            replay.subject.channel.as_ref().map(|c| c.name().into_owned()).unwrap_or_default(),
            replay.subject.priority.name()
        ),
    };
    let mut sentence = head;
    if instances.is_empty() && started {
        sentence.push_str(&format!(" {} has not started.", metric.label()));
    }
    for i in &instances {
        sentence.push(' ');
        sentence.push_str(&i.sentence);
    }
    Explanation {
        metric,
        rule: replay.rule.map(str::to_owned),
        no_rule_matched,
        priority: replay.subject.priority,
        instances,
        sentence,
    }
}
