//! The report's accumulators: conversations and consistency windows folded in as they
//! finish, so that memory does not grow with the number of messages.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::conflicts::{self, ConflictExample};
use super::histogram::ResponseHistogram;
use super::week::{desk_timezone, hour_of_week, WeekHours};
use super::{
    AgeBuckets, Attainment, ChannelConsistency, ChannelReport, ConsistencySummary, Expected,
    Figures, MetricAttainment, PairFigures, Quantiles, Report, SlaFigures,
};
use crate::channel::Channel;
use crate::consistency::{Answer, ConsistencyReport, Verdict};
use crate::expected::{Estimator, Language, ResponseSample};
use crate::policy::{Metric, Policy, Priority, Selection, Subject};

/// First replies kept per channel for the expected response time (the latest, by reply
/// instant).
pub const SAMPLES_PER_CHANNEL: usize = 20_000;

/// One conversation's figures, read at an instant.
#[derive(Debug, Clone)]
pub(crate) struct ConversationFigures {
    pub(crate) channel: Channel,
    pub(crate) inbound: u64,
    pub(crate) answered: bool,
    pub(crate) first_response_s: Option<f64>,
    pub(crate) first_response_business_s: Option<f64>,
    /// (first customer message, first reply).
    pub(crate) first_reply: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Met and breached instances per metric, in [`Metric::ALL`] order.
    pub(crate) clocks: [[u64; 2]; 6],
    /// Age in seconds of the oldest unanswered complaint.
    pub(crate) unresolved_age_s: Option<i64>,
    /// The first customer message's instant.
    pub(crate) first_at: DateTime<Utc>,
    /// The instants of the customer messages.
    pub(crate) inbound_at: Vec<DateTime<Utc>>,
}

/// The accumulators of one channel. JSON: the counts, `first_response` and
/// `first_response_business` as [`Quantiles`], `clocks` as `[met, breached]` per metric in
/// [`Metric::ALL`] order, `unresolved` by age, `samples` as `[first customer message, first
/// reply]` instants (the latest [`SAMPLES_PER_CHANNEL`] once settled) and the histogram.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(crate) struct ChannelTally {
    inbound: u64,
    conversations: u64,
    answered: u64,
    #[serde(rename = "first_response")]
    calendar: Quantiles,
    #[serde(rename = "first_response_business")]
    business: Quantiles,
    clocks: [[u64; 2]; 6],
    unresolved: AgeBuckets,
    answers: u64,
    consistent: u64,
    samples: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    histogram: ResponseHistogram,
}

impl ChannelTally {
    fn add(&mut self, f: &ConversationFigures) {
        self.inbound += f.inbound;
        self.conversations += 1;
        self.answered += u64::from(f.answered);
        if let Some(s) = f.first_response_s {
            self.calendar.add(s);
        }
        if let Some(s) = f.first_response_business_s {
            self.business.add(s);
        }
        for (mine, theirs) in self.clocks.iter_mut().zip(f.clocks.iter()) {
            mine[0] += theirs[0];
            mine[1] += theirs[1];
        }
        if let Some(age) = f.unresolved_age_s {
            self.unresolved.add_age(age);
        }
        if let Some(s) = f.first_response_s {
            self.histogram.add_calendar(s);
        }
        if let Some(s) = f.first_response_business_s {
            self.histogram.add_business(s);
        }
        if let Some(pair) = f.first_reply {
            self.samples.push(pair);
            if self.samples.len() >= 2 * SAMPLES_PER_CHANNEL {
                self.trim();
            }
        }
    }

    /// Keeps the latest [`SAMPLES_PER_CHANNEL`] first replies (by reply instant, then by
    /// first customer message, both latest first). Equal pairs are interchangeable, so the
    /// samples kept and their order depend only on the samples seen, not on their order.
    fn trim(&mut self) {
        self.samples
            .sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        self.samples.truncate(SAMPLES_PER_CHANNEL);
    }

    fn figures(&self, channel: Option<&Channel>, at: DateTime<Utc>) -> Figures {
        let metrics: Vec<MetricAttainment> = Metric::ALL
            .iter()
            .zip(self.clocks.iter())
            .filter(|(_, c)| c[0] + c[1] > 0)
            .map(|(m, c)| MetricAttainment {
                metric: *m,
                attainment: Attainment::of(c[0], c[1]),
            })
            .collect();
        let expected = channel.filter(|_| !self.samples.is_empty()).map(|channel| {
            let mut latest = self.clone();
            latest.trim();
            let samples: Vec<ResponseSample> = latest
                .samples
                .iter()
                .map(|(c, r)| ResponseSample::new(channel.clone(), *c, *r))
                .collect();
            let estimate = Estimator::fastest_90_percent_of_30_days()
                .estimate(&samples, at)
                .into_iter()
                .next();
            match estimate {
                Some(e) => Expected {
                    seconds: e.time.map(|t| t.num_seconds()),
                    sample_size: e.sample_size,
                    en: e.sentence(Language::English),
                    nl: e.sentence(Language::Dutch),
                },
                None => Expected {
                    seconds: None,
                    sample_size: 0,
                    en: None,
                    nl: None,
                },
            }
        });
        Figures {
            inbound: self.inbound,
            conversations: self.conversations,
            answered: self.answered,
            answered_share: (self.conversations > 0)
                .then(|| self.answered as f64 / self.conversations as f64),
            first_response: self.calendar.summary(),
            first_response_business: self.business.summary(),
            sla: SlaFigures {
                first_reply: Attainment::of(self.clocks[0][0], self.clocks[0][1]),
                metrics,
            },
            consistency: ChannelConsistency {
                answers: self.answers,
                consistent: self.consistent,
                rate: (self.answers > 0).then(|| self.consistent as f64 / self.answers as f64),
            },
            unresolved: self.unresolved,
            expected,
            first_response_histogram: self.histogram.clone(),
            first_reply_target_s: None,
        }
    }

    /// Adds the counts, quantiles, clocks, ages, consistency and histogram of `other` (not
    /// its samples: the totals have no expected response time).
    fn merge(&mut self, other: &ChannelTally) {
        self.inbound = self.inbound.saturating_add(other.inbound);
        self.conversations = self.conversations.saturating_add(other.conversations);
        self.answered = self.answered.saturating_add(other.answered);
        self.calendar.merge(&other.calendar);
        self.business.merge(&other.business);
        for (mine, theirs) in self.clocks.iter_mut().zip(other.clocks.iter()) {
            mine[0] = mine[0].saturating_add(theirs[0]);
            mine[1] = mine[1].saturating_add(theirs[1]);
        }
        self.unresolved.merge(&other.unresolved);
        self.answers = self.answers.saturating_add(other.answers);
        self.consistent = self.consistent.saturating_add(other.consistent);
        self.histogram.merge(&other.histogram);
    }

    pub(super) fn histogram(&self) -> &ResponseHistogram {
        &self.histogram
    }

    /// Adds everything of `other`, samples included (trimmed as they grow).
    fn absorb(&mut self, other: ChannelTally) {
        self.merge(&other);
        self.samples.extend(other.samples);
        if self.samples.len() >= 2 * SAMPLES_PER_CHANNEL {
            self.trim();
        }
    }
}

/// Everything a report is built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    pub(super) channels: BTreeMap<Channel, ChannelTally>,
    pub(super) answers: u64,
    pub(super) groups: u64,
    pub(super) consistent: u64,
    pub(super) pairs: BTreeMap<[Channel; 2], [u64; 2]>,
    /// The policy (for the first-reply target per channel) and the desk's time zone.
    pub(super) policy: Option<(Policy, Tz)>,
    pub(super) week: WeekHours,
    pub(super) conflicts: Vec<ConflictExample>,
}

/// The order merged conflict examples are kept in: by the instant of the first answer,
/// then of the second, then by their JSON (a total order, so ties cannot depend on the order
/// of merges).
fn conflict_order(c: &ConflictExample) -> (DateTime<Utc>, DateTime<Utc>, String) {
    (
        c.answers[0].at,
        c.answers[1].at,
        serde_json::to_string(c).unwrap_or_default(),
    )
}

impl Tally {
    /// An empty tally that reads hours of the week in the desk's zone of `policy` and
    /// gives each channel the policy's first-reply target.
    pub(crate) fn new(policy: &Policy) -> Tally {
        let zone = desk_timezone(policy);
        Tally {
            policy: Some((policy.clone(), zone)),
            week: WeekHours::in_zone(zone),
            ..Tally::default()
        }
    }

    fn add_hours(&mut self, f: &ConversationFigures) {
        let zone = self.policy.as_ref().map_or(Tz::UTC, |(_, z)| *z);
        for t in &f.inbound_at {
            if let Some(n) = self.week.inbound.get_mut(hour_of_week(*t, zone)) {
                *n += 1;
            }
        }
        let first = hour_of_week(f.first_at, zone);
        if let Some(n) = self.week.conversations.get_mut(first) {
            *n += 1;
        }
        if let Some(n) = self.week.breached.get_mut(first) {
            *n += f.clocks[0][1];
        }
    }

    /// Keeps conflict examples from one checked window of answers.
    pub(crate) fn add_conflict_examples(&mut self, report: &ConsistencyReport, answers: &[Answer]) {
        conflicts::collect(&mut self.conflicts, report, answers);
    }

    /// The first-reply target of a conversation that starts on `channel` at normal priority.
    fn target_s(&self, channel: &Channel) -> Option<i64> {
        let (policy, _) = self.policy.as_ref()?;
        let subject = Subject {
            channel: Some(channel.clone()),
            priority: Priority::Normal,
            ..Subject::default()
        };
        match policy.select(&subject) {
            Selection::Rule { rule, .. } => rule
                .target(Metric::FirstReply, Priority::Normal)
                .map(|t| t.within().delta().num_seconds()),
            Selection::NoRuleMatched => None,
        }
    }

    pub(crate) fn add_conversation(&mut self, f: &ConversationFigures) {
        self.add_hours(f);
        match self.channels.get_mut(&f.channel) {
            Some(t) => t.add(f),
            None => {
                let mut t = ChannelTally::default();
                t.add(f);
                self.channels.insert(f.channel.clone(), t);
            }
        }
    }

    /// Folds in the check of one window of answers; `channels[i]` is answer `i`'s channel.
    pub(crate) fn add_consistency(&mut self, report: &ConsistencyReport, channels: &[Channel]) {
        self.answers += channels.len() as u64;
        for group in &report.groups {
            let consistent = group.verdict == Verdict::Consistent;
            if group.answers.len() >= 2 {
                for i in &group.answers {
                    if let Some(channel) = channels.get(*i) {
                        let t = self.channels.entry(channel.clone()).or_default();
                        t.answers += 1;
                        t.consistent += u64::from(consistent);
                    }
                }
            }
            if group.channels.len() >= 2 {
                self.groups += 1;
                self.consistent += u64::from(consistent);
            }
        }
        for pair in &report.pairs {
            let entry = self.pairs.entry(pair.channels.clone()).or_default();
            entry[0] += pair.groups as u64;
            entry[1] += pair.consistent as u64;
        }
    }

    /// Sorts and trims every channel's samples (see [`ChannelTally::trim`]), so that the
    /// tally holds at most [`SAMPLES_PER_CHANNEL`] per channel.
    pub(super) fn settle(&mut self) {
        for t in self.channels.values_mut() {
            t.trim();
        }
    }

    /// Adds every accumulator of `other` (made under the same policy). Conflict examples
    /// are pooled and the first [`CONFLICT_EXAMPLES`](super::CONFLICT_EXAMPLES) kept in the
    /// order of [`conflict_order`], so that the result does not depend on the order of merges.
    pub(super) fn absorb(&mut self, other: Tally) {
        for (channel, t) in other.channels {
            match self.channels.get_mut(&channel) {
                Some(mine) => mine.absorb(t),
                None => {
                    self.channels.insert(channel, t);
                }
            }
        }
        self.answers = self.answers.saturating_add(other.answers);
        self.groups = self.groups.saturating_add(other.groups);
        self.consistent = self.consistent.saturating_add(other.consistent);
        for (channels, [groups, consistent]) in other.pairs {
            let entry = self.pairs.entry(channels).or_default();
            entry[0] = entry[0].saturating_add(groups);
            entry[1] = entry[1].saturating_add(consistent);
        }
        self.week.merge(&other.week);
        self.conflicts.extend(other.conflicts);
        self.conflicts.sort_by_cached_key(conflict_order);
        self.conflicts.truncate(super::CONFLICT_EXAMPLES);
    }

    pub(crate) fn report(&self, at: DateTime<Utc>) -> Report {
        let mut total = ChannelTally::default();
        let channels = self
            .channels
            .iter()
            .map(|(channel, t)| {
                total.merge(t);
                let mut figures = t.figures(Some(channel), at);
                figures.first_reply_target_s = self.target_s(channel);
                ChannelReport {
                    channel: channel.clone(),
                    figures,
                }
            })
            .collect();
        Report {
            at,
            channels,
            total: total.figures(None, at),
            consistency: ConsistencySummary {
                answers: self.answers,
                groups: self.groups,
                consistent: self.consistent,
                rate: (self.groups > 0).then(|| self.consistent as f64 / self.groups as f64),
                pairs: self
                    .pairs
                    .iter()
                    .map(|(channels, [groups, consistent])| PairFigures {
                        channels: channels.clone(),
                        groups: *groups,
                        consistent: *consistent,
                        rate: (*groups > 0).then(|| *consistent as f64 / *groups as f64),
                    })
                    .collect(),
                conflicts: self.conflicts.clone(),
            },
            hours: self.week.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_samples(replies: impl Iterator<Item = i64>) -> ChannelTally {
        let base = DateTime::<Utc>::UNIX_EPOCH;
        let mut t = ChannelTally::default();
        for r in replies {
            t.samples.push((
                base + chrono::TimeDelta::seconds(r - 60),
                base + chrono::TimeDelta::seconds(r),
            ));
        }
        t
    }

    #[test]
    fn merged_samples_keep_the_latest_up_to_the_cap_in_any_order() {
        let n = SAMPLES_PER_CHANNEL as i64;
        // Interleaved reply instants, with repeats: a holds the even, b the odd ones.
        let a = with_samples((0..n).map(|i| 2 * i));
        let b = with_samples((0..n).map(|i| 2 * i + 1).chain([7, 7]));
        let mut ab = a.clone();
        ab.absorb(b.clone());
        ab.trim();
        let mut ba = b.clone();
        ba.absorb(a.clone());
        ba.trim();
        let mut one = with_samples((0..n).map(|i| 2 * i).chain((0..n).map(|i| 2 * i + 1)));
        one.trim();
        assert_eq!(ab.samples.len(), SAMPLES_PER_CHANNEL);
        assert_eq!(ab.samples, ba.samples);
        assert_eq!(ab.samples, one.samples);
        let oldest = ab.samples.last().map(|s| s.1.timestamp());
        assert_eq!(oldest, Some(n));
    }
}
