//! Reports: how a desk is doing, per channel, from a stream of messages.
//!
//! A [`Report`] is what an [`Inbox`] has seen, read at one instant
//! ([`Inbox::report`](crate::inbox::Inbox::report)); [`Report::from_messages`] runs an inbox
//! with default options over a list of messages and reads it at the latest instant.
//!
//! # Figures
//!
//! Every conversation counts under the channel of its first customer message (by instant),
//! so a complaint on X answered by DM counts under X.
//!
//! - `inbound`: customer messages of the channel's conversations; `conversations`: those
//!   with at least one customer message; `answered`: those with a visible company reply at
//!   or after their first customer message; `answered_share` = answered / conversations.
//! - `first_response`: first customer message to first reply, in calendar seconds, over the
//!   answered conversations; `first_response_business`: the same in business seconds on the
//!   calendar of the case's first-reply target (conversations whose case has a first-reply
//!   target). Count, mean, nearest-rank median and 90th percentile (see [`quantiles`]: exact
//!   up to 100,000 samples per channel, then a sketch within 1%).
//! - `sla`: per metric, clock instances met and breached at the report instant (running and
//!   paused ones count in neither); `first_reply` is the attainment of the first-reply
//!   clocks, met / (met + breached).
//! - `consistency`: the company's answers on the channel that sit in a group of two or more
//!   answers to the same question, and how many of those groups are consistent (see
//!   [`ConsistencyChecker`](crate::ConsistencyChecker)). Answers are checked in windows of
//!   [`InboxOptions::consistency_window`](crate::inbox::InboxOptions::consistency_window)
//!   consecutive answers (5,000 by default, in push order), so the cost stays linear:
//!   answers to one question that fall in different windows are not compared.
//! - `unresolved`: conversations whose customer complaint has no reply yet, by the age of
//!   the oldest unanswered complaint at the report instant.
//! - `expected`: the response time to publish, by
//!   [`Estimator::fastest_90_percent_of_30_days`](crate::expected::Estimator::fastest_90_percent_of_30_days)
//!   over the channel's first replies (the latest 20,000 per channel at most), with its
//!   sentence in English and Dutch.
//!
//! - `first_response_histogram`: the same first responses counted in fixed buckets
//!   ([`RESPONSE_EDGES_S`]: 5m, 15m, 30m, 1h, 2h, 4h, 8h, 1d, 3d), in calendar and in
//!   business time; `first_reply_target_s`: the policy's first-reply target for a
//!   conversation starting on the channel at normal priority, to draw against them.
//! - `hours` (whole report): customer messages, conversations and first-reply breaches by
//!   hour of the week on the wall clock of [`desk_timezone`] (see [`WeekHours`]).
//! - `consistency.conflicts` (whole report): up to [`CONFLICT_EXAMPLES`] conflicting
//!   answers side by side with the facts they disagree on (see [`ConflictExample`]).
//!
//! [`Report::to_html`] renders all of it as one self-contained page.
//!
//! A report can also be made in pieces: see [`ReportPart`] ([`part`]) for the accumulators
//! of one inbox, which merge with those of others into one report.
//!
//! The totals add the channels up; the overall consistency rate is the share of groups
//! answered on two or more channels that are consistent, also per pair of channels.

mod conflicts;
mod histogram;
mod html;
pub mod part;
pub mod quantiles;
pub(crate) mod tally;
mod text;
mod week;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::error::Result;
use crate::inbox::{Inbox, InboxOptions};
use crate::message::Message;
use crate::policy::{Metric, Policy};

pub use conflicts::{ConflictExample, ExampleAnswer, ExampleFact, CONFLICT_EXAMPLES};
pub use histogram::{ResponseHistogram, RESPONSE_EDGES_S};
pub use html::{HtmlOptions, Lang};
pub use part::ReportPart;
pub use quantiles::{Quantiles, Summary};
pub use week::{desk_timezone, WeekHours, HOURS_PER_WEEK};

/// A report on a stream of messages at one instant. See the [module docs](self).
///
/// Serializes with serde; [`Report::to_json`] and [`Report::from_json`] round-trip.
///
/// # Example
///
/// ```
/// use webcare::{Message, Policy, Report};
///
/// let messages = [
///     Message::from_json(r#"{"id": "m1", "channel": "x", "direction": "inbound", "author": "@ann",
///         "sent_at": "2026-03-06T10:00:00Z", "text": "Still no refund, 6 weeks now!"}"#)?,
///     Message::from_json(r#"{"id": "r1", "channel": "x", "direction": "outbound", "author": "@airline",
///         "sent_at": "2026-03-06T10:20:00Z", "text": "Sorry Ann, please DM us your booking number.",
///         "reply_to": "m1"}"#)?,
/// ];
/// let report = Report::from_messages(&messages, &Policy::preset())?;
/// let x = &report.channels[0];
/// assert_eq!(x.figures.answered, 1);
/// assert_eq!(x.figures.first_response.median_s, Some(1200.0));
/// assert_eq!(x.figures.sla.first_reply.met, 1);
/// assert!(report.to_text().contains("20m"));
/// assert_eq!(Report::from_json(&report.to_json())?, report);
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The instant the report was read at.
    #[serde(with = "crate::instant::serde_utc")]
    pub at: DateTime<Utc>,
    /// One row per channel that has a conversation, in channel order.
    pub channels: Vec<ChannelReport>,
    /// All channels together (without `expected`).
    pub total: Figures,
    /// The overall consistency of the company's answers across channels.
    pub consistency: ConsistencySummary,
    /// Volume and first-reply breaches by hour of the week.
    #[serde(default)]
    pub hours: WeekHours,
}

/// The figures of one channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelReport {
    /// The channel (of the conversations' first customer message).
    pub channel: Channel,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The figures of a channel, or of all channels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Figures {
    /// Customer messages.
    pub inbound: u64,
    /// Conversations with at least one customer message.
    pub conversations: u64,
    /// Conversations with a company reply after their first customer message.
    pub answered: u64,
    /// `answered / conversations`; `None` without conversations.
    pub answered_share: Option<f64>,
    /// First-response time in calendar seconds.
    pub first_response: Summary,
    /// First-response time in business seconds on the first-reply target's calendar.
    pub first_response_business: Summary,
    /// SLA attainment.
    pub sla: SlaFigures,
    /// Consistency of the answers given on this channel.
    pub consistency: ChannelConsistency,
    /// Unresolved complaints by age.
    pub unresolved: AgeBuckets,
    /// The expected response time to publish (per channel only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expected>,
    /// First-response times in fixed buckets, in calendar and business time.
    #[serde(default)]
    pub first_response_histogram: ResponseHistogram,
    /// The first-reply target, in business seconds, of a conversation that starts on the
    /// channel at normal priority (per channel only; `None` when no rule gives one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reply_target_s: Option<i64>,
}

/// Clock instances met and breached.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Attainment {
    /// Stopped at or before due.
    pub met: u64,
    /// Due passed first.
    pub breached: u64,
    /// `met / (met + breached)`; `None` when both are 0.
    pub rate: Option<f64>,
}

impl Attainment {
    pub(crate) fn of(met: u64, breached: u64) -> Attainment {
        let total = met + breached;
        Attainment {
            met,
            breached,
            rate: (total > 0).then(|| met as f64 / total as f64),
        }
    }
}

/// SLA attainment of the first-reply clocks, and of every metric that has clocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SlaFigures {
    /// The first-reply clocks.
    pub first_reply: Attainment,
    /// Every metric with at least one met or breached instance, in metric order.
    pub metrics: Vec<MetricAttainment>,
}

/// The attainment of one metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricAttainment {
    /// The metric.
    pub metric: Metric,
    /// Its attainment.
    #[serde(flatten)]
    pub attainment: Attainment,
}

/// How consistent the answers on one channel are.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct ChannelConsistency {
    /// Answers on this channel in groups of two or more answers to the same question.
    pub answers: u64,
    /// Of those, the answers whose group is consistent.
    pub consistent: u64,
    /// `consistent / answers`; `None` when `answers` is 0.
    pub rate: Option<f64>,
}

/// Unresolved complaints by the age of their oldest unanswered complaint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgeBuckets {
    /// Younger than an hour.
    pub under_1h: u64,
    /// One hour up to a day.
    pub from_1h_to_1d: u64,
    /// One day up to a week.
    pub from_1d_to_7d: u64,
    /// One week up to four weeks.
    pub from_1w_to_4w: u64,
    /// Four weeks or older.
    pub over_4w: u64,
}

impl AgeBuckets {
    /// All buckets added up.
    pub fn total(&self) -> u64 {
        self.under_1h + self.from_1h_to_1d + self.from_1d_to_7d + self.from_1w_to_4w + self.over_4w
    }

    pub(crate) fn add_age(&mut self, seconds: i64) {
        const H: i64 = 3600;
        match seconds {
            s if s < H => self.under_1h += 1,
            s if s < 24 * H => self.from_1h_to_1d += 1,
            s if s < 7 * 24 * H => self.from_1d_to_7d += 1,
            s if s < 28 * 24 * H => self.from_1w_to_4w += 1,
            _ => self.over_4w += 1,
        }
    }

    pub(crate) fn merge(&mut self, other: &AgeBuckets) {
        self.under_1h = self.under_1h.saturating_add(other.under_1h);
        self.from_1h_to_1d = self.from_1h_to_1d.saturating_add(other.from_1h_to_1d);
        self.from_1d_to_7d = self.from_1d_to_7d.saturating_add(other.from_1d_to_7d);
        self.from_1w_to_4w = self.from_1w_to_4w.saturating_add(other.from_1w_to_4w);
        self.over_4w = self.over_4w.saturating_add(other.over_4w);
    }
}

/// The expected response time to publish for a channel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// The figure in whole seconds; `None` with too few first replies.
    pub seconds: Option<i64>,
    /// How many first replies the figure rests on.
    pub sample_size: usize,
    /// "We usually reply within 25 minutes".
    pub en: Option<String>,
    /// "Meestal reageren we binnen 25 minuten".
    pub nl: Option<String>,
}

/// The consistency of the company's answers over all channels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsistencySummary {
    /// Company answers checked.
    pub answers: u64,
    /// Groups answered on two or more channels.
    pub groups: u64,
    /// Of those, the consistent ones.
    pub consistent: u64,
    /// `consistent / groups`; `None` when no group spans two channels.
    pub rate: Option<f64>,
    /// The same per pair of channels, in channel order.
    pub pairs: Vec<PairFigures>,
    /// Conflicting answers side by side (at most [`CONFLICT_EXAMPLES`], the first found).
    #[serde(default)]
    pub conflicts: Vec<ConflictExample>,
}

/// The consistency of one pair of channels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairFigures {
    /// The two channels, in order.
    pub channels: [Channel; 2],
    /// Groups answered on both.
    pub groups: u64,
    /// Of those, the groups whose answers on these two are consistent.
    pub consistent: u64,
    /// `consistent / groups`.
    pub rate: Option<f64>,
}

impl Report {
    /// Runs an [`Inbox`] with default options and `policy` over `messages` (in the order
    /// given, in batches) and reports at the latest instant among them.
    ///
    /// # Errors
    ///
    /// Those of [`Inbox::push_batch`]: `empty_field` for a message without id or author,
    /// `duplicate_message_id` for two different messages under one id.
    pub fn from_messages(messages: &[Message], policy: &Policy) -> Result<Report> {
        let mut inbox = Inbox::new(InboxOptions {
            policy: policy.clone(),
            ..InboxOptions::default()
        });
        for chunk in messages.chunks(4096) {
            inbox.push_batch(chunk)?;
        }
        let now = messages
            .iter()
            .map(|m| m.sent_at)
            .max()
            .unwrap_or(DateTime::<Utc>::UNIX_EPOCH);
        Ok(inbox.report(now))
    }

    /// The report as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A report from [`Report::to_json`] output.
    ///
    /// # Errors
    ///
    /// `invalid_json` for text that is not a report.
    pub fn from_json(text: &str) -> Result<Report> {
        Ok(serde_json::from_str(text)?)
    }

    /// The report as a plain-text table: one row per channel and a total, fixed columns,
    /// durations written as `1h05m`, `2d03h`; then the expected response times and the
    /// consistency per pair of channels.
    pub fn to_text(&self) -> String {
        text::render(self)
    }

    /// The report as one self-contained HTML page: inline CSS and SVG charts (each with a
    /// title and a table of its figures), no script and no external resource, a narrow
    /// layout for phones and print styles. Every customer and agent text is HTML-escaped.
    /// Sections: per channel figures and first-response histograms with the target as a
    /// line, volume and breaches by hour of the week, the expected response times,
    /// consistency with conflicting answers side by side, and the queue of
    /// [`HtmlOptions::queue`] when given. See [`HtmlOptions`].
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::report::{HtmlOptions, Lang};
    /// use webcare::{Message, Policy, Report};
    ///
    /// let messages = [Message::from_json(r#"{"id": "m1", "channel": "x", "direction": "inbound",
    ///     "author": "@ann", "sent_at": "2026-03-06T10:00:00Z", "text": "<script>alert(1)</script> no refund!"}"#)?];
    /// let report = Report::from_messages(&messages, &Policy::preset())?;
    /// let html = report.to_html(&HtmlOptions { lang: Lang::Nl, ..HtmlOptions::default() });
    /// assert!(html.starts_with("<!DOCTYPE html>"));
    /// assert!(html.contains("<html lang=\"nl\">"));
    /// assert!(!html.contains("<script"));
    /// # Ok::<(), webcare::Error>(())
    /// ```
    pub fn to_html(&self, options: &HtmlOptions) -> String {
        html::render(self, options)
    }
}
