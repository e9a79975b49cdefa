//! The report's accumulators: conversations and consistency windows folded in as they
//! finish, so that memory does not grow with the number of messages.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

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

/// First replies kept per channel for the expected response time.
pub(crate) const SAMPLES_PER_CHANNEL: usize = 20_000;

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

#[derive(Debug, Clone, Default)]
struct ChannelTally {
    inbound: u64,
    conversations: u64,
    answered: u64,
    calendar: Quantiles,
    business: Quantiles,
    clocks: [[u64; 2]; 6],
    unresolved: AgeBuckets,
    answers: u64,
    consistent: u64,
    samples: Vec<(DateTime<Utc>, DateTime<Utc>)>,
    has_samples: bool,
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
            self.has_samples = true;
            self.samples.push(pair);
            if self.samples.len() >= 2 * SAMPLES_PER_CHANNEL {
                self.trim();
            }
        }
    }

    /// Keeps the latest [`SAMPLES_PER_CHANNEL`] first replies (by reply instant).
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
        let expected = channel.filter(|_| self.has_samples).map(|channel| {
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

    fn merge(&mut self, other: &ChannelTally) {
        self.inbound += other.inbound;
        self.conversations += other.conversations;
        self.answered += other.answered;
        self.calendar.merge(&other.calendar);
        self.business.merge(&other.business);
        for (mine, theirs) in self.clocks.iter_mut().zip(other.clocks.iter()) {
            mine[0] += theirs[0];
            mine[1] += theirs[1];
        }
        self.unresolved.merge(&other.unresolved);
        self.answers += other.answers;
        self.consistent += other.consistent;
        self.histogram.merge(&other.histogram);
    }
}

/// Everything a report is built from.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tally {
    channels: BTreeMap<Channel, ChannelTally>,
    answers: u64,
    groups: u64,
    consistent: u64,
    pairs: BTreeMap<[Channel; 2], [u64; 2]>,
    /// The policy (for the first-reply target per channel) and the desk's time zone.
    policy: Option<(Policy, Tz)>,
    week: WeekHours,
    conflicts: Vec<ConflictExample>,
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
