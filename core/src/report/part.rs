//! Report parts: what a report is folded from, so that a report can be made in pieces (one
//! inbox per partition of the messages, on many machines) and merged.
//!
//! [`Inbox::report_part`](crate::inbox::Inbox::report_part) gives the accumulators that
//! [`Inbox::report`](crate::inbox::Inbox::report) would read, before they become figures;
//! `report(now)` is `report_part(now).finish()`. Parts travel as JSON
//! ([`ReportPart::to_json`], [`ReportPart::from_json`]), [`ReportPart::merge`] adds one part
//! to another and [`ReportPart::finish`] turns the result into a [`Report`].
//!
//! # Splitting a stream
//!
//! Put every conversation's messages (same case id, or the same reply chain) in one part,
//! read every part at the same `now` under the same policy and consistency window, and the
//! merged report equals the report of one inbox over all messages in these figures: counts,
//! means, medians and 90th percentiles (exact while a channel has at most
//! [`EXACT_LIMIT`](super::quantiles::EXACT_LIMIT) samples, then the same sketch),
//! attainment, histograms, hours of the week, unresolved ages and the expected response
//! time (the latest [`SAMPLES_PER_CHANNEL`] first replies per channel, by reply instant,
//! whichever part saw them). Merging is commutative and associative in all of these.
//!
//! What can differ from one pass:
//!
//! - **Consistency windows already checked inside a part.** An inbox checks its company
//!   answers in windows of `consistency_window` consecutive answers; a part carries the
//!   counts of the windows it already checked and the answers not checked yet (fewer than
//!   one window). [`finish`](ReportPart::finish) checks the pending answers of all merged
//!   parts together, in time order, in windows of the same size. So with fewer answers in
//!   all than one window the consistency figures equal a single pass; past that, answers to
//!   one question that fell in windows of different parts are not compared, where one pass
//!   may have compared them (and the other way round).
//! - **Conflict examples.** Merging pools the examples of the windows checked inside the
//!   parts and keeps the first [`CONFLICT_EXAMPLES`](super::CONFLICT_EXAMPLES) by the
//!   instant of their first answer (ties by the second answer's instant, then their JSON);
//!   a single pass keeps the first found in push order. The pending answers' examples are
//!   added by `finish` after those.
//! - **Contacts.** Triage sees the other channels a contact wrote on, which can raise a
//!   conversation's priority and so its SLA targets. A contact's conversations in
//!   different parts do not see each other; keep a contact's messages in one part where
//!   priority-dependent targets matter.
//! - **Means of fractional seconds** add in merge order (see [`Quantiles`](super::Quantiles)).
//!
//! # Size
//!
//! A part holds per channel the counters, the quantile samples (at most `EXACT_LIMIT` per
//! kind of time, then a sketch of about 1,000 buckets) and at most `SAMPLES_PER_CHANNEL`
//! first replies; up to [`CONFLICT_EXAMPLES`](super::CONFLICT_EXAMPLES) examples; 3 × 168
//! hour counters; and the pending answers (fewer than one consistency window per part
//! from an inbox; a merged part carries those of all its parts until `finish`). None of it
//! grows with the number of messages beyond these caps.
//!
//! # JSON
//!
//! ```text
//! {"version": 1, "at": "2026-03-02T13:00:00Z", "policy": {...}, "consistency_window": 5000,
//!  "channels": {"x": {"inbound": 2, "conversations": 2, "answered": 2,
//!                     "first_response": {"count": 2, "sum": 9000.0, "exact": [1800.0, 7200.0]},
//!                     "first_response_business": {...}, "clocks": [[1, 1], [0, 0], ...],
//!                     "unresolved": {...}, "answers": 0, "consistent": 0,
//!                     "samples": [["2026-03-02T11:00:00Z", "2026-03-02T13:00:00Z"], ...],
//!                     "histogram": {...}}},
//!  "consistency": {"answers": 0, "groups": 0, "consistent": 0, "pairs": [], "conflicts": [],
//!                  "pending": [{"channel": "x", "at": ..., "question": ..., "answer": ...}]},
//!  "hours": {"timezone": "Europe/Amsterdam", "inbound": [...], ...}}
//! ```
//!
//! `clocks` has one `[met, breached]` pair per metric in [`Metric::ALL`](crate::Metric::ALL)
//! order; `samples` are `[first customer message, first reply]` pairs; `pairs` are
//! `{"channels": [a, b], "groups": n, "consistent": n}`.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::conflicts::ConflictExample;
use super::histogram::{ResponseHistogram, RESPONSE_EDGES_S};
use super::tally::{ChannelTally, Tally};
use super::week::{desk_timezone, WeekHours, HOURS_PER_WEEK};
use super::Report;
use crate::channel::Channel;
use crate::consistency::{Answer, ConsistencyChecker};
use crate::error::{Error, Result};
use crate::instant::format_instant;
use crate::policy::Policy;

pub use super::tally::SAMPLES_PER_CHANNEL;

/// The JSON format version of a [`ReportPart`].
pub const REPORT_PART_VERSION: u64 = 1;

/// The accumulators of a report before they become figures: a piece of a report that can
/// be merged with others. See the [module docs](self).
///
/// # Example
///
/// ```
/// use webcare::inbox::{Inbox, InboxOptions};
/// use webcare::{Message, ReportPart};
///
/// let message = |json: &str| Message::from_json(json);
/// let mut a = Inbox::new(InboxOptions::default());
/// a.push(message(r#"{"id": "a1", "case_id": "c1", "channel": "x", "direction": "inbound",
///     "author": "@ann", "sent_at": "2026-03-02T10:00:00Z", "text": "Still no refund!"}"#)?)?;
/// a.push(message(r#"{"id": "a2", "case_id": "c1", "channel": "x", "direction": "outbound",
///     "author": "@airline", "sent_at": "2026-03-02T10:30:00Z", "text": "Sorry Ann, please DM us.",
///     "reply_to": "a1"}"#)?)?;
/// let mut b = Inbox::new(InboxOptions::default());
/// b.push(message(r#"{"id": "b1", "case_id": "c2", "channel": "x", "direction": "inbound",
///     "author": "@bob", "sent_at": "2026-03-02T11:00:00Z", "text": "Where is my bag?"}"#)?)?;
/// b.push(message(r#"{"id": "b2", "case_id": "c2", "channel": "x", "direction": "outbound",
///     "author": "@airline", "sent_at": "2026-03-02T13:00:00Z", "text": "We are tracing it now.",
///     "reply_to": "b1"}"#)?)?;
///
/// let now = webcare::parse_instant("2026-03-02T13:00:00Z")?;
/// // Parts travel as JSON, for example from the workers of a cluster to its driver.
/// let mut part = ReportPart::from_json(&a.report_part(now).to_json())?;
/// part.merge(ReportPart::from_json(&b.report_part(now).to_json())?)?;
/// let report = part.finish();
/// let x = &report.channels[0].figures;
/// assert_eq!(x.conversations, 2);
/// assert_eq!(x.first_response.median_s, Some(1800.0));
/// assert_eq!(x.first_response.p90_s, Some(7200.0));
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(try_from = "PartDoc", into = "PartDoc")]
pub struct ReportPart {
    at: DateTime<Utc>,
    policy: Policy,
    window: usize,
    tally: Tally,
    pending: Vec<Answer>,
}

/// The JSON form of a [`ReportPart`].
#[derive(Debug, Serialize, Deserialize)]
struct PartDoc {
    version: u64,
    #[serde(with = "crate::instant::serde_utc")]
    at: DateTime<Utc>,
    policy: Policy,
    consistency_window: usize,
    channels: BTreeMap<Channel, ChannelTally>,
    consistency: ConsistencyDoc,
    hours: WeekHours,
}

#[derive(Debug, Serialize, Deserialize)]
struct ConsistencyDoc {
    answers: u64,
    groups: u64,
    consistent: u64,
    pairs: Vec<PairDoc>,
    conflicts: Vec<ConflictExample>,
    pending: Vec<Answer>,
}

#[derive(Debug, Serialize, Deserialize)]
struct PairDoc {
    channels: [Channel; 2],
    groups: u64,
    consistent: u64,
}

/// Just the version of a part's JSON, read first so that a part of another version gets
/// its own error.
#[derive(Debug, Deserialize)]
struct VersionProbe {
    version: Option<u64>,
}

impl From<ReportPart> for PartDoc {
    fn from(part: ReportPart) -> PartDoc {
        let t = part.tally;
        PartDoc {
            version: REPORT_PART_VERSION,
            at: part.at,
            policy: part.policy,
            consistency_window: part.window,
            channels: t.channels,
            consistency: ConsistencyDoc {
                answers: t.answers,
                groups: t.groups,
                consistent: t.consistent,
                pairs: t
                    .pairs
                    .into_iter()
                    .map(|(channels, [groups, consistent])| PairDoc {
                        channels,
                        groups,
                        consistent,
                    })
                    .collect(),
                conflicts: t.conflicts,
                pending: part.pending,
            },
            hours: t.week,
        }
    }
}

impl TryFrom<PartDoc> for ReportPart {
    type Error = String;

    fn try_from(doc: PartDoc) -> std::result::Result<ReportPart, String> {
        if doc.version != REPORT_PART_VERSION {
            return Err(format!(
                "report part version {} is not supported (this release reads {REPORT_PART_VERSION})",
                doc.version
            ));
        }
        let zone = desk_timezone(&doc.policy);
        let hours = &doc.hours;
        if hours.timezone != zone.name()
            || [&hours.inbound, &hours.conversations, &hours.breached]
                .iter()
                .any(|list| list.len() != HOURS_PER_WEEK)
        {
            return Err(format!(
                "hours must be {HOURS_PER_WEEK} counts per list in the policy's desk zone {}",
                zone.name()
            ));
        }
        if doc
            .channels
            .values()
            .any(|t| !histogram_fits(t.histogram()))
        {
            return Err("a histogram does not have the report's buckets".into());
        }
        let mut tally = Tally::new(&doc.policy);
        tally.channels = doc.channels;
        tally.answers = doc.consistency.answers;
        tally.groups = doc.consistency.groups;
        tally.consistent = doc.consistency.consistent;
        for p in doc.consistency.pairs {
            let entry = tally.pairs.entry(p.channels).or_default();
            entry[0] = entry[0].saturating_add(p.groups);
            entry[1] = entry[1].saturating_add(p.consistent);
        }
        tally.conflicts = doc.consistency.conflicts;
        tally.week = doc.hours;
        tally.settle();
        Ok(ReportPart {
            at: doc.at,
            policy: doc.policy,
            window: doc.consistency_window,
            tally,
            pending: doc.consistency.pending,
        })
    }
}

fn histogram_fits(h: &ResponseHistogram) -> bool {
    h.edges_s == RESPONSE_EDGES_S
        && h.calendar.len() == RESPONSE_EDGES_S.len() + 1
        && h.business.len() == RESPONSE_EDGES_S.len() + 1
}

/// A short digest of a policy's JSON (FNV-1a, 64 bits, hex), to name it in an error.
fn digest(policy: &serde_json::Value) -> String {
    let text = policy.to_string();
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    format!("{hash:016x}")
}

/// The order pending answers are kept in once merged: by instant, then by channel,
/// question, answer and topic (a total order, so it does not depend on the order of merges).
fn answer_order(a: &Answer, b: &Answer) -> std::cmp::Ordering {
    (a.at, &a.channel, &a.question, &a.answer, &a.topic).cmp(&(
        b.at,
        &b.channel,
        &b.question,
        &b.answer,
        &b.topic,
    ))
}

impl ReportPart {
    /// A part from an inbox's accumulators, read at `at`.
    pub(crate) fn new(
        at: DateTime<Utc>,
        policy: Policy,
        window: usize,
        mut tally: Tally,
        pending: Vec<Answer>,
    ) -> ReportPart {
        tally.settle();
        ReportPart {
            at,
            policy,
            window,
            tally,
            pending,
        }
    }

    /// The instant the part was read at (the report's `at`).
    pub fn at(&self) -> DateTime<Utc> {
        self.at
    }

    /// The policy the part was made under.
    pub fn policy(&self) -> &Policy {
        &self.policy
    }

    /// The consistency window of the inbox the part came from.
    pub fn consistency_window(&self) -> usize {
        self.window
    }

    /// The company answers not checked for consistency yet; [`finish`](Self::finish)
    /// checks them.
    pub fn pending_answers(&self) -> &[Answer] {
        &self.pending
    }

    /// `Ok` when `other` can be merged into this part.
    fn check_compatible(&self, mine: &serde_json::Value, other: &ReportPart) -> Result<()> {
        if self.at != other.at {
            return Err(Error::ReportPartMismatch {
                field: "at",
                value: format_instant(self.at),
                other: format_instant(other.at),
            });
        }
        if self.window != other.window {
            return Err(Error::ReportPartMismatch {
                field: "consistency_window",
                value: self.window.to_string(),
                other: other.window.to_string(),
            });
        }
        let theirs = serde_json::to_value(&other.policy)?;
        if *mine != theirs {
            return Err(Error::ReportPartMismatch {
                field: "policy",
                value: digest(mine),
                other: digest(&theirs),
            });
        }
        Ok(())
    }

    /// Adds `other` without putting the pending answers in order.
    fn absorb(&mut self, other: ReportPart) {
        self.tally.absorb(other.tally);
        self.pending.extend(other.pending);
    }

    /// Puts a merged part in its canonical state: samples trimmed, pending answers in time
    /// order.
    fn settle(&mut self) {
        self.tally.settle();
        self.pending.sort_by(answer_order);
    }

    /// Adds `other`'s accumulators to this part. The pending answers of both are kept in
    /// time order (ties by channel, question, answer and topic) for
    /// [`finish`](Self::finish). See the [module docs](self) for what a merged report
    /// shares with a single pass.
    ///
    /// # Errors
    ///
    /// `report_part_mismatch` (with `field` `at`, `consistency_window` or `policy`) when
    /// the parts were read at different instants, come from inboxes with different
    /// consistency windows, or were made under different policies (compared as JSON). This
    /// part is then unchanged.
    pub fn merge(&mut self, other: ReportPart) -> Result<()> {
        let mine = serde_json::to_value(&self.policy)?;
        self.check_compatible(&mine, &other)?;
        self.absorb(other);
        self.settle();
        Ok(())
    }

    /// All `parts` merged into one, as merging them one by one would (but sorting once).
    ///
    /// # Errors
    ///
    /// `invalid_option` (option `parts`) for no part at all; `report_part_mismatch` as
    /// [`merge`](Self::merge) for the first part that does not match the first one.
    pub fn merge_all(parts: impl IntoIterator<Item = ReportPart>) -> Result<ReportPart> {
        let mut parts = parts.into_iter();
        let Some(mut merged) = parts.next() else {
            return Err(Error::InvalidOption {
                option: "parts",
                value: "0".into(),
                reason: "there must be at least one report part to merge",
            });
        };
        let mine = serde_json::to_value(&merged.policy)?;
        for part in parts {
            merged.check_compatible(&mine, &part)?;
            merged.absorb(part);
        }
        merged.settle();
        Ok(merged)
    }

    /// The report: checks the pending answers for consistency (in windows of the
    /// consistency window, in the order held) and turns every accumulator into figures.
    /// A window whose check fails is left out, as in [`Inbox::report`](crate::inbox::Inbox::report).
    pub fn finish(self) -> Report {
        let mut tally = self.tally;
        let checker = ConsistencyChecker::default();
        for window in self.pending.chunks(self.window.max(1)) {
            if let Ok(report) = checker.check(window) {
                let channels: Vec<_> = window.iter().map(|a| a.channel.clone()).collect();
                tally.add_consistency(&report, &channels);
                tally.add_conflict_examples(&report, window);
            }
        }
        tally.report(self.at)
    }

    /// The part as JSON text (see the [module docs](self) for its form).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// A part from [`ReportPart::to_json`] output.
    ///
    /// # Errors
    ///
    /// `unsupported_snapshot_version` for a part of another format version; `invalid_json`
    /// for text that is not a report part (a malformed or missing field, hour lists that
    /// are not 168 counts in the policy's desk zone, quantiles whose count does not match
    /// their samples, a bad policy inside, ...).
    pub fn from_json(text: &str) -> Result<ReportPart> {
        let probe: VersionProbe = serde_json::from_str(text)?;
        if let Some(version) = probe.version.filter(|v| *v != REPORT_PART_VERSION) {
            return Err(Error::UnsupportedSnapshotVersion { version });
        }
        let doc: PartDoc = serde_json::from_str(text)?;
        ReportPart::try_from(doc).map_err(|message| Error::InvalidJson {
            message,
            line: 0,
            column: 0,
        })
    }
}
