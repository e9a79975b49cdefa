//! `Inbox`, `ColumnMapping`, `MessageReader` and `readMessages`, wrapping `webcare::inbox`:
//! the streaming pipeline from messages to a prioritized queue and a report. Queue items
//! come back as plain objects.
//!
//! `pushJsonl` parses JSON lines in Rust, so a host streams a file as `Buffer` chunks; the
//! `...Async` variants run off the event loop (the inbox is locked meanwhile: a call made
//! on it from JS during that time waits for the batch).

use std::fs::File;
use std::io::BufReader;
use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, Utc};
use napi::bindgen_prelude::*;
use napi::JsDate;
use napi_derive::napi;
use webcare::inbox::{Batches, ColumnMapping, Inbox, InboxOptions, MessageReader};
use webcare::{Error, Message, RepeatOptions, Triager};

use crate::classify::JsClassifier;
use crate::convert::{catch as caught, duration_from_millis, guard, instant};
use crate::error::to_js;
use crate::message::{self, from_js};
use crate::policy::JsPolicy;
use crate::report::{JsReport, JsReportPart};
use crate::triage::Triage;

/// One conversation waiting for an answer.
#[napi(object)]
#[derive(Debug)]
pub struct QueueItem {
    /// The conversation's id: its case id, or the id of the message that started it.
    pub conversation: String,
    /// The channel of the waiting customer message.
    pub channel: String,
    /// The customers' handles in the conversation, normalized (`kind:value` text).
    pub handles: Vec<String>,
    /// The id of the latest unanswered customer message.
    pub message_id: String,
    /// Its text.
    pub text: String,
    /// When it was sent.
    pub sent_at: DateTime<Utc>,
    /// Its classification label.
    #[napi(ts_type = "'complaint' | 'question' | 'praise' | 'other'")]
    pub label: String,
    /// Its severity score, from 0 to 1.
    pub severity: f64,
    /// Its severity level.
    #[napi(ts_type = "'none' | 'no_explicit_reproach' | 'disapproval' | 'accusation' | 'blame'")]
    pub severity_level: String,
    /// The conversation's priority: the highest any triage of it gave.
    #[napi(ts_type = "'low' | 'normal' | 'high' | 'urgent'")]
    pub priority: String,
    /// The latest triage of the conversation (score, reasons, advice).
    pub triage: Option<Triage>,
    /// The case's next deadline after now (a warning point or a due instant), if any.
    pub due: Option<DateTime<Utc>>,
    /// How long the customer has been waiting: since the oldest unanswered message, in ms.
    pub waiting_ms: f64,
}

impl From<webcare::QueueItem> for QueueItem {
    fn from(q: webcare::QueueItem) -> QueueItem {
        QueueItem {
            conversation: q.conversation,
            channel: q.channel.name().into_owned(),
            handles: q.handles.iter().map(ToString::to_string).collect(),
            message_id: q.message_id,
            text: q.text,
            sent_at: q.sent_at,
            label: q.label.code().to_owned(),
            severity: q.severity.score,
            severity_level: serde_json::to_value(q.severity.level)
                .ok()
                .and_then(|v| v.as_str().map(str::to_owned))
                .unwrap_or_default(),
            priority: q.priority.name().to_owned(),
            triage: q.triage.map(Triage::from),
            due: q.due,
            waiting_ms: q.waiting_s as f64 * 1000.0,
        }
    }
}

/// Parses JSON lines and pushes them: core's [`Inbox::push_json_lines`], with the count
/// as a JS number.
fn push_lines(inbox: &mut Inbox, bytes: &[u8], first_line: u64) -> std::result::Result<u32, Error> {
    let pushed = inbox.push_json_lines(bytes, first_line)?;
    Ok(u32::try_from(pushed).unwrap_or(u32::MAX))
}

fn first_line_of(first_line: Option<f64>) -> u64 {
    first_line
        .filter(|n| n.is_finite() && *n >= 1.0)
        .map_or(1, |n| n as u64)
}

/// The streaming pipeline: messages in, a prioritized queue and a report out.
#[napi(js_name = "Inbox")]
#[derive(Debug)]
pub struct JsInbox(Arc<Mutex<Inbox>>);

fn lock(inbox: &Mutex<Inbox>) -> MutexGuard<'_, Inbox> {
    inbox.lock().unwrap_or_else(|e| e.into_inner())
}

#[napi]
impl JsInbox {
    /// An empty inbox. Every option left out takes core's default: the preset policy, the
    /// default classifier, the default triage weights (`triager`: the weights' JSON, missing
    /// fields take the defaults), a 7-day repeat window, a 7-day retention, consistency
    /// windows of 5,000 answers.
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: &Env,
        #[napi(
            ts_arg_type = "{ policy?: Policy, classifier?: Classifier, triager?: string, repeatWindowMs?: number, retentionMs?: number, consistencyWindow?: number }"
        )]
        options: Option<Object<'_>>,
    ) -> Result<Self> {
        let mut core = InboxOptions::default();
        if let Some(o) = options {
            if o.has_named_property("policy")? {
                let policy: Option<ClassInstance<'_, JsPolicy>> = o.get_named_property("policy")?;
                if let Some(policy) = policy {
                    core.policy = policy.0.clone();
                }
            }
            if o.has_named_property("classifier")? {
                let classifier: Option<ClassInstance<'_, JsClassifier>> =
                    o.get_named_property("classifier")?;
                if let Some(classifier) = classifier {
                    core.classifier = (*classifier.0).clone();
                }
            }
            if let Some(json) = o.get_named_property::<Option<String>>("triager")? {
                core.triager = guard(env, || Triager::from_json(&json))?;
            }
            if let Some(ms) = o.get_named_property::<Option<f64>>("repeatWindowMs")? {
                let window = duration_from_millis(env, ms)?;
                core.repeat = guard(env, || RepeatOptions::new(window))?;
            }
            if let Some(ms) = o.get_named_property::<Option<f64>>("retentionMs")? {
                core.retention = duration_from_millis(env, ms)?;
            }
            if let Some(n) = o.get_named_property::<Option<u32>>("consistencyWindow")? {
                core.consistency_window = n as usize;
            }
        }
        Ok(JsInbox(Arc::new(Mutex::new(Inbox::new(core)))))
    }

    /// Records that two handles (`kind:value` text) belong to one person, with the
    /// evidence. Messages pushed afterwards see the merged contact.
    #[napi(catch_unwind)]
    pub fn link(&self, env: &Env, a: String, b: String, evidence: Option<String>) -> Result<()> {
        let a = guard(env, || a.parse())?;
        let b = guard(env, || b.parse())?;
        lock(&self.0).link(a, b, evidence.unwrap_or_default());
        Ok(())
    }

    /// Adds one message.
    #[napi(catch_unwind)]
    pub fn push(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Message")] message: Object<'_>,
    ) -> Result<()> {
        let message = from_js(env, &message)?;
        guard(env, || lock(&self.0).push(message))
    }

    /// Adds messages in order, classifying the batch's customer texts in parallel first;
    /// the same as pushing them one by one. On an error the messages before the failing
    /// one are applied. Blocks the event loop: see `pushManyAsync`.
    #[napi(catch_unwind)]
    pub fn push_many(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Array<Message>")] messages: Vec<Object<'_>>,
    ) -> Result<()> {
        let messages = messages
            .iter()
            .map(|m| from_js(env, m))
            .collect::<Result<Vec<Message>>>()?;
        guard(env, || lock(&self.0).push_batch(&messages))
    }

    /// `pushMany`, computed off the event loop; errors reject the promise.
    #[napi(catch_unwind, ts_return_type = "Promise<void>")]
    pub fn push_many_async(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Array<Message>")] messages: Vec<Object<'_>>,
    ) -> Result<AsyncTask<PushTask>> {
        let messages = messages
            .iter()
            .map(|m| from_js(env, m))
            .collect::<Result<Vec<Message>>>()?;
        Ok(AsyncTask::new(PushTask {
            inbox: Arc::clone(&self.0),
            work: Work::Messages(messages),
        }))
    }

    /// Parses JSON lines (a string or a `Buffer`; blank lines are skipped) in Rust and
    /// pushes them as one batch. `firstLine` (default 1) is the number of the data's first
    /// line, so a host streaming a file in chunks gets errors (`invalid_record`, with
    /// `line`) numbered as in the file. The messages before a malformed line are pushed.
    /// Returns how many messages were pushed.
    #[napi(catch_unwind)]
    pub fn push_jsonl(
        &self,
        env: &Env,
        data: Either<String, Buffer>,
        first_line: Option<f64>,
    ) -> Result<u32> {
        let first = first_line_of(first_line);
        let mut inbox = lock(&self.0);
        match &data {
            Either::A(text) => guard(env, || push_lines(&mut inbox, text.as_bytes(), first)),
            Either::B(buffer) => guard(env, || push_lines(&mut inbox, buffer, first)),
        }
    }

    /// `pushJsonl`, computed off the event loop; resolves to the count pushed.
    #[napi(catch_unwind, ts_return_type = "Promise<number>")]
    pub fn push_jsonl_async(
        &self,
        data: Either<String, Buffer>,
        first_line: Option<f64>,
    ) -> AsyncTask<PushTask> {
        let bytes = match data {
            Either::A(text) => text.into_bytes(),
            Either::B(buffer) => buffer.to_vec(),
        };
        AsyncTask::new(PushTask {
            inbox: Arc::clone(&self.0),
            work: Work::Lines(bytes, first_line_of(first_line)),
        })
    }

    /// The conversations waiting for an answer at `now`, most urgent first (priority, next
    /// deadline, triage score, longest waiting); at most `limit` (default 20).
    #[napi(catch_unwind)]
    pub fn queue(&self, env: &Env, now: JsDate<'_>, limit: Option<u32>) -> Result<Vec<QueueItem>> {
        let now = instant(env, &now)?;
        let limit = limit.map_or(20, |l| l as usize);
        Ok(lock(&self.0)
            .queue(now, limit)
            .into_iter()
            .map(QueueItem::from)
            .collect())
    }

    /// The report at `now`: the folded-in conversations and answers, plus the open ones
    /// read at `now`.
    #[napi(catch_unwind)]
    pub fn report(&self, env: &Env, now: JsDate<'_>) -> Result<JsReport> {
        let now = instant(env, &now)?;
        let inbox = lock(&self.0);
        guard(env, || Ok(inbox.report(now))).map(JsReport)
    }

    /// What `report(now)` folds, before it becomes figures: a `ReportPart` that merges with
    /// the parts of other inboxes (each holding whole conversations) into one report.
    #[napi(catch_unwind, ts_return_type = "ReportPart")]
    pub fn report_part(&self, env: &Env, now: JsDate<'_>) -> Result<JsReportPart> {
        let now = instant(env, &now)?;
        let inbox = lock(&self.0);
        guard(env, || Ok(inbox.report_part(now))).map(JsReportPart::new)
    }

    /// Messages pushed (duplicates included).
    #[napi(getter, catch_unwind)]
    pub fn pushed(&self) -> f64 {
        lock(&self.0).pushed() as f64
    }

    /// Conversations held open now.
    #[napi(getter, catch_unwind)]
    pub fn open_conversations(&self) -> u32 {
        u32::try_from(lock(&self.0).open_conversations()).unwrap_or(u32::MAX)
    }

    /// Contacts held now (those that wrote within the repeat window).
    #[napi(getter, catch_unwind)]
    pub fn open_contacts(&self) -> u32 {
        u32::try_from(lock(&self.0).open_contacts()).unwrap_or(u32::MAX)
    }

    /// The latest message instant seen; `null` before the first message.
    #[napi(getter, catch_unwind)]
    pub fn latest(&self) -> Option<DateTime<Utc>> {
        lock(&self.0).latest()
    }
}

/// What a `PushTask` pushes.
#[derive(Debug)]
pub enum Work {
    /// Messages already converted.
    Messages(Vec<Message>),
    /// JSON lines and the number of the first line.
    Lines(Vec<u8>, u64),
}

/// The work of `pushManyAsync` and `pushJsonlAsync`.
#[derive(Debug)]
pub struct PushTask {
    inbox: Arc<Mutex<Inbox>>,
    work: Work,
}

#[napi]
impl Task for PushTask {
    type Output = std::result::Result<u32, Error>;
    type JsValue = u32;

    fn compute(&mut self) -> Result<Self::Output> {
        let inbox = &self.inbox;
        let work = std::mem::replace(&mut self.work, Work::Messages(Vec::new()));
        Ok(caught(|| {
            let mut inbox = lock(inbox);
            match work {
                Work::Messages(messages) => inbox
                    .push_batch(&messages)
                    .map(|()| u32::try_from(messages.len()).unwrap_or(u32::MAX)),
                Work::Lines(bytes, first) => push_lines(&mut inbox, &bytes, first),
            }
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        output.map_err(|e| to_js(&env, e))
    }
}

/// Which CSV column holds which message field. `new ColumnMapping()` reads a CSV whose
/// header uses the message's JSON field names; `ColumnMapping.twcs()` the Kaggle "Customer
/// Support on Twitter" export; `ColumnMapping.fromJson(text)` any other.
#[napi(js_name = "ColumnMapping")]
#[derive(Debug, Clone)]
pub struct JsColumnMapping(ColumnMapping);

#[napi]
impl JsColumnMapping {
    /// Columns named as the message's JSON fields.
    #[napi(constructor, catch_unwind)]
    pub fn new() -> Self {
        JsColumnMapping(ColumnMapping::default())
    }

    /// The Kaggle "Customer Support on Twitter" export (`twcs.csv`), every message on `x`.
    #[napi(factory, catch_unwind)]
    pub fn twcs() -> Self {
        JsColumnMapping(ColumnMapping::twcs())
    }

    /// A mapping from its JSON form.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || ColumnMapping::from_json(&text)).map(JsColumnMapping)
    }

    /// The mapping as JSON text.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }
}

impl Default for JsColumnMapping {
    fn default() -> Self {
        JsColumnMapping::new()
    }
}

type Reader = Box<dyn Iterator<Item = std::result::Result<Message, Error>> + Send>;

/// Messages read from a file one record at a time (JSON lines, or CSV through a column
/// mapping); `read(n)` gives the next batch.
#[napi(js_name = "MessageReader")]
pub struct JsMessageReader(Batches<Reader>);

impl std::fmt::Debug for JsMessageReader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MessageReader")
    }
}

#[napi]
impl JsMessageReader {
    /// Up to `n` messages; an empty array at the end. A bad record (`invalid_record`, with
    /// `line` and `column`) ends a batch: the messages before it come back, and the next
    /// call throws its error; reading can continue after that.
    #[napi(catch_unwind)]
    pub fn read(&mut self, env: &Env, n: u32) -> Result<Vec<message::Message>> {
        let batch = guard(env, || self.0.next_batch(n as usize))?;
        Ok(batch.iter().map(message::Message::from).collect())
    }
}

/// Opens a file of messages. CSV when `mapping` is given or the path ends in `.csv`
/// (`mapping` defaults to `new ColumnMapping()`), else JSON lines; `format` (`'jsonl'` or
/// `'csv'`) says so explicitly.
#[napi(catch_unwind)]
pub fn read_messages(
    env: &Env,
    path: String,
    #[napi(ts_arg_type = "ColumnMapping")] mapping: Option<&JsColumnMapping>,
    #[napi(ts_arg_type = "'jsonl' | 'csv'")] format: Option<String>,
) -> Result<JsMessageReader> {
    let csv = match format.as_deref() {
        Some("csv") => true,
        Some("jsonl") => false,
        Some(other) => {
            return guard(env, || {
                Err(Error::InvalidOption {
                    option: "format",
                    value: other.to_owned(),
                    reason: "expected jsonl or csv",
                })
            })
        }
        None => mapping.is_some() || path.to_ascii_lowercase().ends_with(".csv"),
    };
    let file = File::open(&path)
        .map_err(|e| napi::Error::new(Status::InvalidArg, format!("{path}: {e}")))?;
    let file = BufReader::with_capacity(1 << 16, file);
    let reader: Reader = if csv {
        let mapping = mapping.map(|m| m.0.clone()).unwrap_or_default();
        Box::new(guard(env, || MessageReader::csv(file, mapping))?)
    } else {
        Box::new(MessageReader::json_lines(file))
    };
    Ok(JsMessageReader(Batches::new(reader)))
}
