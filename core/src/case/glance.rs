//! A compact reading of a case's clocks: the few numbers a pipeline needs per message,
//! without building a [`ClockReading`](super::ClockReading) (and its strings) per clock.

use chrono::{DateTime, TimeDelta, Utc};

use super::clock::ClockState;
use super::replay::Replay;
use crate::policy::Metric;

/// What [`Case::glance`](super::Case::glance) reads at an instant: the same numbers as
/// [`Case::clocks`](super::Case::clocks) gives, folded into a fixed-size summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Glance {
    /// Met and breached clock instances per metric, in [`Metric::ALL`] order.
    pub outcomes: [[u64; 2]; 6],
    /// Whether any clock with a target is running or paused.
    pub open: bool,
    /// Over the first- and next-reply clocks that run or breached and have not stopped:
    /// the business time left (negative: how far past its target it is; 0 when breached
    /// without that figure) and the target, for the clock with the least time left (ties:
    /// the first in [`Case::clocks`](super::Case::clocks) order).
    pub reply_left: Option<(TimeDelta, TimeDelta)>,
    /// The business time of the first first-reply clock that stopped, in whole seconds.
    pub first_reply_elapsed_s: Option<i64>,
    /// The latest due instant of the running clocks that have one: by then every running
    /// clock has met or breached its target unless something else happens.
    pub last_due: Option<DateTime<Utc>>,
    /// [`Case::next_deadline`](super::Case::next_deadline) at the same instant.
    pub next_deadline: Option<DateTime<Utc>>,
}

pub(super) fn glance(r: &Replay<'_>, now: DateTime<Utc>) -> Glance {
    let mut g = Glance {
        outcomes: [[0; 2]; 6],
        open: false,
        reply_left: None,
        first_reply_elapsed_s: None,
        last_due: None,
        next_deadline: None,
    };
    // (left, metric, start) of the chosen reply clock, and the first stopped first reply.
    let mut best: Option<(i64, Metric, DateTime<Utc>, i64)> = None;
    let mut first_stopped: Option<(DateTime<Utc>, i64)> = None;
    for inst in &r.instances {
        let Some(c) = Replay::glance(inst, now) else {
            continue;
        };
        let i = Metric::ALL
            .iter()
            .position(|m| *m == inst.metric)
            .unwrap_or(0);
        match c.state {
            ClockState::Met => g.outcomes[i][0] += 1,
            ClockState::Breached => g.outcomes[i][1] += 1,
            ClockState::Running | ClockState::Paused => g.open = true,
        }
        if c.state == ClockState::Running {
            for t in [c.warn_at, c.due].into_iter().flatten() {
                if t > now && g.next_deadline.is_none_or(|d| t < d) {
                    g.next_deadline = Some(t);
                }
            }
            if let Some(due) = c.due {
                g.last_due = Some(g.last_due.map_or(due, |d| d.max(due)));
            }
        }
        let reply = matches!(inst.metric, Metric::FirstReply | Metric::NextReply);
        if reply
            && matches!(c.state, ClockState::Running | ClockState::Breached)
            && inst.stop.is_none()
        {
            let left = c
                .business_left_s
                .or(c.breached_by_s.map(|b| -b))
                .unwrap_or(0);
            let key = (left, inst.metric, inst.start);
            if best.is_none_or(|(l, m, s, _)| key < (l, m, s)) {
                best = Some((left, inst.metric, inst.start, c.target_s));
            }
        }
        if inst.metric == Metric::FirstReply
            && inst.stop.is_some()
            && first_stopped.is_none_or(|(s, _)| inst.start < s)
        {
            first_stopped = Some((inst.start, c.elapsed_s));
        }
    }
    g.reply_left =
        best.map(|(left, _, _, target)| (TimeDelta::seconds(left), TimeDelta::seconds(target)));
    g.first_reply_elapsed_s = first_stopped.map(|(_, e)| e);
    g
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, TimeDelta, Utc};

    use super::Glance;
    use crate::case::{ClockState, Event};
    use crate::policy::{Metric, Policy};
    use crate::Case;

    /// The glance worked out from the full readings, the way a caller of `clocks` would.
    fn from_clocks(case: &Case, now: DateTime<Utc>) -> Glance {
        let clocks = case.clocks(now);
        let mut outcomes = [[0u64; 2]; 6];
        for c in &clocks {
            let i = Metric::ALL.iter().position(|m| *m == c.metric).unwrap();
            match c.state {
                ClockState::Met => outcomes[i][0] += 1,
                ClockState::Breached => outcomes[i][1] += 1,
                _ => {}
            }
        }
        Glance {
            outcomes,
            open: clocks
                .iter()
                .any(|c| matches!(c.state, ClockState::Running | ClockState::Paused)),
            reply_left: clocks
                .iter()
                .filter(|c| matches!(c.metric, Metric::FirstReply | Metric::NextReply))
                .filter(|c| matches!(c.state, ClockState::Running | ClockState::Breached))
                .filter(|c| c.stopped_at.is_none())
                .map(|c| {
                    let left = c
                        .business_left_s
                        .or(c.breached_by_s.map(|b| -b))
                        .unwrap_or(0);
                    (TimeDelta::seconds(left), TimeDelta::seconds(c.target_s))
                })
                .min_by_key(|(left, _)| *left),
            first_reply_elapsed_s: clocks
                .iter()
                .find(|c| c.metric == Metric::FirstReply && c.stopped_at.is_some())
                .map(|c| c.elapsed_s),
            last_due: clocks
                .iter()
                .filter(|c| c.state == ClockState::Running)
                .filter_map(|c| c.due)
                .max(),
            next_deadline: case.next_deadline(now),
        }
    }

    fn case(events: &[&str]) -> Case {
        let mut case = Case::new(Policy::preset());
        for (i, e) in events.iter().enumerate() {
            let (at, kind) = e.split_once(' ').unwrap();
            let json = format!(r#"{{"id": "e{i}", "at": "{at}", {kind}}}"#);
            case.apply(Event::from_json(&json).unwrap()).unwrap();
        }
        case
    }

    #[test]
    fn glance_agrees_with_the_readings() {
        let cases = [
            case(&[r#"2026-03-06T22:50:00Z "type": "customer_message", "channel": "x""#]),
            case(&[
                r#"2026-03-06T10:00:00Z "type": "customer_message", "channel": "facebook""#,
                r#"2026-03-06T11:15:00Z "type": "reply_public""#,
                r#"2026-03-07T09:00:00Z "type": "customer_message", "channel": "facebook""#,
            ]),
            case(&[
                r#"2026-03-02T09:00:00Z "type": "customer_message", "channel": "email""#,
                r#"2026-03-02T09:30:00Z "type": "reply_private""#,
                r#"2026-03-02T10:00:00Z "type": "waiting_on_customer""#,
                r#"2026-03-04T10:00:00Z "type": "customer_message", "channel": "email""#,
                r#"2026-03-05T10:00:00Z "type": "priority_change", "priority": "urgent""#,
            ]),
            case(&[
                r#"2026-03-06T10:00:00Z "type": "customer_message", "channel": "chat""#,
                r#"2026-03-06T10:01:00Z "type": "reply_private""#,
                r#"2026-03-06T10:05:00Z "type": "solved""#,
            ]),
            case(&[r#"2026-03-06T10:00:00Z "type": "internal_note""#]),
        ];
        let instants = [
            "2026-03-01T00:00:00Z",
            "2026-03-02T09:15:00Z",
            "2026-03-04T12:00:00Z",
            "2026-03-06T10:30:00Z",
            "2026-03-06T23:10:00Z",
            "2026-03-07T09:30:00Z",
            "2026-04-30T00:00:00Z",
        ];
        for (i, case) in cases.iter().enumerate() {
            for at in instants {
                let now: DateTime<Utc> = at.parse().unwrap();
                assert_eq!(case.glance(now), from_clocks(case, now), "case {i} at {at}");
            }
        }
        let open = cases[0].glance("2026-03-06T23:10:00Z".parse().unwrap());
        assert_eq!(
            open.reply_left,
            Some((TimeDelta::minutes(40), TimeDelta::hours(1)))
        );
    }
}
