//! `Report`, `ReportPart` and `report(messages, policy?)`, wrapping `webcare::report`. A report's figures
//! come back as plain objects (camelCase keys; counts as numbers, seconds in keys ending in
//! `S`, shares from 0 to 1, `null` where there is no figure).

use std::cell::RefCell;

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi::ValueType;
use napi_derive::napi;
use serde_json::{Map, Value};

use crate::case::to_json_value;
use crate::convert::guard;
use crate::message::from_js;
use crate::policy::JsPolicy;

/// A first-response time summary in seconds.
#[napi(object)]
#[derive(Debug)]
pub struct ResponseSummary {
    /// How many samples.
    pub count: f64,
    /// The mean in seconds; `null` without samples.
    pub mean_s: Option<f64>,
    /// The nearest-rank median in seconds; `null` without samples.
    pub median_s: Option<f64>,
    /// The nearest-rank 90th percentile in seconds; `null` without samples.
    pub p90_s: Option<f64>,
    /// `true` while the quantiles are exact; `false` once read from the sketch (within 1%).
    pub exact: bool,
}

impl From<&webcare::report::Summary> for ResponseSummary {
    fn from(s: &webcare::report::Summary) -> ResponseSummary {
        ResponseSummary {
            count: s.count as f64,
            mean_s: s.mean_s,
            median_s: s.median_s,
            p90_s: s.p90_s,
            exact: s.exact,
        }
    }
}

/// Clock instances met and breached.
#[napi(object)]
#[derive(Debug)]
pub struct Attainment {
    /// The metric (`first_reply`, ...); absent for the first-reply figure itself.
    pub metric: Option<String>,
    /// Stopped at or before due.
    pub met: f64,
    /// Due passed first.
    pub breached: f64,
    /// `met / (met + breached)`; `null` when both are 0.
    pub rate: Option<f64>,
}

fn attainment(metric: Option<String>, a: &webcare::report::Attainment) -> Attainment {
    Attainment {
        metric,
        met: a.met as f64,
        breached: a.breached as f64,
        rate: a.rate,
    }
}

/// SLA attainment of the first-reply clocks, and of every metric that has clocks.
#[napi(object)]
#[derive(Debug)]
pub struct SlaFigures {
    /// The first-reply clocks.
    pub first_reply: Attainment,
    /// Every metric with at least one met or breached instance, in metric order.
    pub metrics: Vec<Attainment>,
}

/// How consistent the answers on one channel are.
#[napi(object)]
#[derive(Debug)]
pub struct ChannelConsistency {
    /// Answers on this channel in groups of two or more answers to the same question.
    pub answers: f64,
    /// Of those, the answers whose group is consistent.
    pub consistent: f64,
    /// `consistent / answers`; `null` when `answers` is 0.
    pub rate: Option<f64>,
}

/// Unresolved complaints by the age of their oldest unanswered complaint.
#[napi(object)]
#[derive(Debug)]
pub struct AgeBuckets {
    /// Younger than an hour.
    #[napi(js_name = "under1h")]
    pub under_1h: f64,
    /// One hour up to a day.
    #[napi(js_name = "from1hTo1d")]
    pub from_1h_to_1d: f64,
    /// One day up to a week.
    #[napi(js_name = "from1dTo7d")]
    pub from_1d_to_7d: f64,
    /// One week up to four weeks.
    #[napi(js_name = "from1wTo4w")]
    pub from_1w_to_4w: f64,
    /// Four weeks or older.
    #[napi(js_name = "over4w")]
    pub over_4w: f64,
}

/// The expected response time to publish for a channel.
#[napi(object)]
#[derive(Debug)]
pub struct ExpectedTime {
    /// The figure in whole seconds; `null` with too few first replies.
    pub seconds: Option<f64>,
    /// How many first replies the figure rests on.
    pub sample_size: f64,
    /// "We usually reply within 25 minutes".
    pub en: Option<String>,
    /// "Meestal reageren we binnen 25 minuten".
    pub nl: Option<String>,
}

/// The figures of a channel, or of all channels.
#[napi(object)]
#[derive(Debug)]
pub struct Figures {
    /// Customer messages.
    pub inbound: f64,
    /// Conversations with at least one customer message.
    pub conversations: f64,
    /// Conversations with a company reply after their first customer message.
    pub answered: f64,
    /// `answered / conversations`; `null` without conversations.
    pub answered_share: Option<f64>,
    /// First-response time in calendar seconds.
    pub first_response: ResponseSummary,
    /// First-response time in business seconds on the first-reply target's calendar.
    pub first_response_business: ResponseSummary,
    /// SLA attainment.
    pub sla: SlaFigures,
    /// Consistency of the answers given on this channel.
    pub consistency: ChannelConsistency,
    /// Unresolved complaints by age.
    pub unresolved: AgeBuckets,
    /// The expected response time to publish (per channel only).
    pub expected: Option<ExpectedTime>,
}

impl From<&webcare::report::Figures> for Figures {
    fn from(f: &webcare::report::Figures) -> Figures {
        let u = &f.unresolved;
        Figures {
            inbound: f.inbound as f64,
            conversations: f.conversations as f64,
            answered: f.answered as f64,
            answered_share: f.answered_share,
            first_response: (&f.first_response).into(),
            first_response_business: (&f.first_response_business).into(),
            sla: SlaFigures {
                first_reply: attainment(None, &f.sla.first_reply),
                metrics: f
                    .sla
                    .metrics
                    .iter()
                    .map(|m| attainment(Some(m.metric.name().to_owned()), &m.attainment))
                    .collect(),
            },
            consistency: ChannelConsistency {
                answers: f.consistency.answers as f64,
                consistent: f.consistency.consistent as f64,
                rate: f.consistency.rate,
            },
            unresolved: AgeBuckets {
                under_1h: u.under_1h as f64,
                from_1h_to_1d: u.from_1h_to_1d as f64,
                from_1d_to_7d: u.from_1d_to_7d as f64,
                from_1w_to_4w: u.from_1w_to_4w as f64,
                over_4w: u.over_4w as f64,
            },
            expected: f.expected.as_ref().map(|e| ExpectedTime {
                seconds: e.seconds.map(|s| s as f64),
                sample_size: e.sample_size as f64,
                en: e.en.clone(),
                nl: e.nl.clone(),
            }),
        }
    }
}

/// The figures of one channel.
#[napi(object)]
#[derive(Debug)]
pub struct ChannelReport {
    /// The channel (of the conversations' first customer message).
    pub channel: String,
    /// Its figures.
    pub figures: Figures,
}

/// The consistency of one pair of channels.
#[napi(object)]
#[derive(Debug)]
pub struct PairFigures {
    /// The two channels, in order.
    pub channels: Vec<String>,
    /// Groups answered on both.
    pub groups: f64,
    /// Of those, the groups whose answers on these two are consistent.
    pub consistent: f64,
    /// `consistent / groups`.
    pub rate: Option<f64>,
}

/// The consistency of the company's answers over all channels.
#[napi(object)]
#[derive(Debug)]
pub struct ConsistencySummary {
    /// Company answers checked.
    pub answers: f64,
    /// Groups answered on two or more channels.
    pub groups: f64,
    /// Of those, the consistent ones.
    pub consistent: f64,
    /// `consistent / groups`; `null` when no group spans two channels.
    pub rate: Option<f64>,
    /// The same per pair of channels, in channel order.
    pub pairs: Vec<PairFigures>,
}

/// The accumulators of a report before they become figures (from `inbox.reportPart`): a
/// piece of a report that merges with the parts of other inboxes into one report, for a
/// report made on many machines. Put each conversation's messages in one part and read
/// every part at the same instant under the same policy.
#[napi(js_name = "ReportPart")]
#[derive(Debug)]
pub struct JsReportPart(pub(crate) RefCell<webcare::ReportPart>);

impl JsReportPart {
    pub(crate) fn new(part: webcare::ReportPart) -> JsReportPart {
        JsReportPart(RefCell::new(part))
    }
}

#[napi]
impl JsReportPart {
    /// A part from `toJson` output. Throws `invalid_json` for text that is not a report
    /// part and `unsupported_snapshot_version` for a part of another format version.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::ReportPart::from_json(&text)).map(JsReportPart::new)
    }

    /// The part as JSON text.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.borrow().to_json()
    }

    /// Adds `other`'s accumulators to this part. Throws `report_part_mismatch` when the
    /// parts were read at different instants, under different policies or with different
    /// consistency windows; this part is then unchanged.
    #[napi(catch_unwind)]
    pub fn merge(&self, env: &Env, other: &JsReportPart) -> Result<()> {
        let theirs = other.0.borrow().clone();
        let mut mine = self.0.borrow_mut();
        guard(env, || mine.merge(theirs))
    }

    /// All `parts` merged into one, as merging them one by one would. Throws
    /// `invalid_option` for no part at all and `report_part_mismatch` for a part that does
    /// not match the first; the given parts stay as they are.
    #[napi(factory, catch_unwind)]
    pub fn merge_all(
        env: &Env,
        #[napi(ts_arg_type = "Array<ReportPart>")] parts: Vec<ClassInstance<'_, JsReportPart>>,
    ) -> Result<Self> {
        let parts: Vec<_> = parts.iter().map(|p| p.0.borrow().clone()).collect();
        guard(env, || webcare::ReportPart::merge_all(parts)).map(JsReportPart::new)
    }

    /// The report: checks the pending answers for consistency and turns every
    /// accumulator into figures. The part stays as it is.
    #[napi(catch_unwind, ts_return_type = "Report")]
    pub fn finish(&self) -> JsReport {
        JsReport(self.0.borrow().clone().finish())
    }

    /// The instant the part was read at (the report's `at`).
    #[napi(getter, catch_unwind)]
    pub fn at(&self) -> DateTime<Utc> {
        self.0.borrow().at()
    }

    /// The consistency window of the inbox the part came from.
    #[napi(getter, catch_unwind)]
    pub fn consistency_window(&self) -> f64 {
        self.0.borrow().consistency_window() as f64
    }

    /// The policy the part was made under.
    #[napi(getter, catch_unwind)]
    pub fn policy(&self) -> JsPolicy {
        JsPolicy(self.0.borrow().policy().clone())
    }
}

/// A report on a stream of messages at one instant: one row per channel, the totals and
/// the consistency of the company's answers across channels.
#[napi(js_name = "Report")]
#[derive(Debug)]
pub struct JsReport(pub(crate) webcare::Report);

#[napi]
impl JsReport {
    /// A report from `toJson` output.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::Report::from_json(&text)).map(JsReport)
    }

    /// The report as JSON text.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The report as a plain-text table: one row per channel and a total, then the expected
    /// response times and the consistency per pair of channels.
    #[napi(catch_unwind)]
    pub fn to_text(&self) -> String {
        self.0.to_text()
    }

    /// The instant the report was read at.
    #[napi(getter, catch_unwind)]
    pub fn at(&self) -> DateTime<Utc> {
        self.0.at
    }

    /// One row per channel that has a conversation, in channel order.
    #[napi(getter, catch_unwind)]
    pub fn channels(&self) -> Vec<ChannelReport> {
        self.0
            .channels
            .iter()
            .map(|c| ChannelReport {
                channel: c.channel.name().into_owned(),
                figures: (&c.figures).into(),
            })
            .collect()
    }

    /// All channels together (without `expected`).
    #[napi(getter, catch_unwind)]
    pub fn total(&self) -> Figures {
        (&self.0.total).into()
    }

    /// The overall consistency of the company's answers across channels.
    #[napi(getter, catch_unwind)]
    pub fn consistency(&self) -> ConsistencySummary {
        let c = &self.0.consistency;
        ConsistencySummary {
            answers: c.answers as f64,
            groups: c.groups as f64,
            consistent: c.consistent as f64,
            rate: c.rate,
            pairs: c
                .pairs
                .iter()
                .map(|p| PairFigures {
                    channels: p.channels.iter().map(|c| c.name().into_owned()).collect(),
                    groups: p.groups as f64,
                    consistent: p.consistent as f64,
                    rate: p.rate,
                })
                .collect(),
        }
    }

    /// The report as one self-contained HTML page: inline CSS and SVG charts (each with a
    /// title and a table of its figures), no script and no external resource, a narrow
    /// layout for phones and print styles. Every customer and agent text is HTML-escaped.
    /// `lang` is `'en'` or `'nl'` (English when absent), `queue` the work queue to list (from
    /// `inbox.queue()`), `title` the page title.
    #[napi(catch_unwind)]
    pub fn to_html(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "{ lang?: 'en' | 'nl'; queue?: Array<QueueItem>; title?: string }")]
        options: Option<Object<'_>>,
    ) -> Result<String> {
        let mut html = webcare::report::HtmlOptions::default();
        if let Some(options) = options {
            if let Some(lang) = options.get_named_property::<Option<String>>("lang")? {
                html.lang = guard(env, || lang.parse())?;
            }
            html.title = options.get_named_property::<Option<String>>("title")?;
            let queue: Unknown<'_> = options.get_named_property("queue")?;
            if !matches!(queue.get_type()?, ValueType::Undefined | ValueType::Null) {
                let items = match to_json_value(env, &queue)? {
                    Value::Array(items) => items,
                    _ => {
                        return Err(napi::Error::new(
                            Status::InvalidArg,
                            "options.queue must be an array of queue items".to_owned(),
                        ))
                    }
                };
                let items = items.into_iter().map(queue_item_json).collect::<Vec<_>>();
                html.queue = Some(guard(env, || {
                    Ok(serde_json::from_value::<Vec<webcare::QueueItem>>(
                        Value::Array(items),
                    )?)
                })?);
            }
        }
        Ok(self.0.to_html(&html))
    }

    /// Whether two reports are equal.
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &JsReport) -> bool {
        self.0 == other.0
    }
}

/// Runs an inbox with default options and `policy` (the preset when absent) over
/// `messages` in the order given and reports at the latest instant among them.
#[napi(catch_unwind)]
pub fn report(
    env: &Env,
    #[napi(ts_arg_type = "Array<Message>")] messages: Vec<Object<'_>>,
    #[napi(ts_arg_type = "Policy")] policy: Option<&JsPolicy>,
) -> Result<JsReport> {
    let messages = messages
        .iter()
        .map(|m| from_js(env, m))
        .collect::<Result<Vec<_>>>()?;
    let policy = policy.map_or_else(webcare::Policy::preset, |p| p.0.clone());
    guard(env, || webcare::Report::from_messages(&messages, &policy)).map(JsReport)
}

/// A queue item as `inbox.queue()` gives it, in the JSON form of `webcare::QueueItem`: the
/// same keys in snake_case, `waitingMs` as `waiting_s`, `severity` and `severityLevel` as
/// one `severity` object. Core reads it, so a bad value is its typed error.
fn queue_item_json(item: Value) -> Value {
    let Value::Object(mut m) = item else {
        return item;
    };
    let mut out = Map::new();
    for (from, to) in [
        ("conversation", "conversation"),
        ("channel", "channel"),
        ("handles", "handles"),
        ("messageId", "message_id"),
        ("text", "text"),
        ("sentAt", "sent_at"),
        ("label", "label"),
        ("priority", "priority"),
        ("triage", "triage"),
        ("due", "due"),
    ] {
        if let Some(v) = m.remove(from).filter(|v| !v.is_null()) {
            out.insert(to.to_owned(), v);
        }
    }
    if let Some(ms) = m.remove("waitingMs").and_then(|v| v.as_f64()) {
        out.insert(
            "waiting_s".to_owned(),
            Value::from((ms / 1000.0).round() as i64),
        );
    }
    let mut severity = Map::new();
    if let Some(score) = m.remove("severity") {
        severity.insert("score".to_owned(), score);
    }
    if let Some(level) = m.remove("severityLevel") {
        severity.insert("level".to_owned(), level);
    }
    out.insert("severity".to_owned(), Value::Object(severity));
    Value::Object(out)
}
