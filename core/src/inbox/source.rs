//! Reading messages from files: JSON lines, and CSV through a [`ColumnMapping`].
//!
//! [`MessageReader`] is an iterator of `Result<Message>` that reads one record at a time,
//! so a file of millions of messages streams in constant memory. Every error is
//! `invalid_record` naming the 1-based line and the column (CSV) or field (JSON) at fault.
//!
//! # Example
//!
//! ```
//! use webcare::inbox::{ColumnMapping, MessageReader};
//!
//! let csv = "tweet_id,author_id,inbound,created_at,text,in_response_to_tweet_id\n\
//!            1,sprintcare,False,Tue Oct 31 22:10:47 +0000 2017,@115712 We can help.,2.0\n";
//! let messages: Vec<_> = MessageReader::csv(csv.as_bytes(), ColumnMapping::twcs())?
//!     .collect::<Result<_, _>>()?;
//! assert_eq!(messages[0].reply_to.as_deref(), Some("2"));
//! assert_eq!(webcare::format_instant(messages[0].sent_at), "2017-10-31T22:10:47Z");
//! # Ok::<(), webcare::Error>(())
//! ```

use std::io::{BufRead, Read};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::json_line::fast_message;
use crate::channel::Channel;
use crate::error::{Error, Result};
use crate::instant::parse_instant;
use crate::message::{Direction, Message};

/// Which CSV column holds which message field.
///
/// JSON (every key names a column of the header, except the `*_value`, `*_format` keys):
///
/// ```json
/// {"id": "tweet_id", "author": "author_id", "direction": "inbound",
///  "inbound_value": "True", "outbound_value": "False",
///  "sent_at": "created_at", "sent_at_format": "%a %b %d %H:%M:%S %z %Y",
///  "text": "text", "reply_to": "in_response_to_tweet_id", "channel_value": "x"}
/// ```
///
/// - `id`, `author`, `direction`, `sent_at`, `text`: required columns.
/// - `inbound_value` / `outbound_value`: the direction column's values (default `inbound` /
///   `outbound`; compared after trimming, ignoring case).
/// - `sent_at_format`: a chrono format with an offset (`%z`); without it the column is RFC
///   3339 with an offset.
/// - `reply_to`, `case_id`, `reach`, `promoted`: optional columns; an empty cell is absent.
///   Ids written as numbers with a zero fraction (`3.0`, as spreadsheets and pandas write
///   them) read as `3`. `promoted` reads `true`/`false`, `1`/`0`, `yes`/`no`.
/// - `channel` (a column) or `channel_value` (one channel for the whole file): exactly one.
///
/// Unknown keys are an error, so a typo cannot silently drop a column.
/// [`ColumnMapping::default`] reads a CSV whose header has the message's JSON field names
/// `id`, `author`, `direction`, `sent_at`, `text` and `channel`; the optional columns must
/// be named to be read (a named column missing from the header is an error).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ColumnMapping {
    /// The message id column.
    pub id: String,
    /// The author column.
    pub author: String,
    /// The direction column.
    pub direction: String,
    /// The direction column's value for a customer message.
    #[serde(default = "inbound")]
    pub inbound_value: String,
    /// The direction column's value for a company message.
    #[serde(default = "outbound")]
    pub outbound_value: String,
    /// The sent-at column.
    pub sent_at: String,
    /// The chrono format of the sent-at column; RFC 3339 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_at_format: Option<String>,
    /// The text column.
    pub text: String,
    /// The reply-to column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<String>,
    /// The case id column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_id: Option<String>,
    /// The reach (followers) column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reach: Option<String>,
    /// The promoted column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub promoted: Option<String>,
    /// The channel column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<String>,
    /// The one channel of every row, instead of a column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_value: Option<String>,
}

fn inbound() -> String {
    "inbound".into()
}

fn outbound() -> String {
    "outbound".into()
}

impl Default for ColumnMapping {
    fn default() -> ColumnMapping {
        ColumnMapping {
            id: "id".into(),
            author: "author".into(),
            direction: "direction".into(),
            inbound_value: inbound(),
            outbound_value: outbound(),
            sent_at: "sent_at".into(),
            sent_at_format: None,
            text: "text".into(),
            reply_to: None,
            case_id: None,
            reach: None,
            promoted: None,
            channel: Some("channel".into()),
            channel_value: None,
        }
    }
}

impl ColumnMapping {
    /// The Kaggle "Customer Support on Twitter" export (`twcs.csv`): `tweet_id`,
    /// `author_id`, `inbound` (`True`/`False`), `created_at` (`Tue Oct 31 22:10:47 +0000
    /// 2017`), `text`, `in_response_to_tweet_id`; every message on `x`.
    pub fn twcs() -> ColumnMapping {
        ColumnMapping {
            id: "tweet_id".into(),
            author: "author_id".into(),
            direction: "inbound".into(),
            inbound_value: "True".into(),
            outbound_value: "False".into(),
            sent_at: "created_at".into(),
            sent_at_format: Some("%a %b %d %H:%M:%S %z %Y".into()),
            text: "text".into(),
            reply_to: Some("in_response_to_tweet_id".into()),
            case_id: None,
            reach: None,
            promoted: None,
            channel: None,
            channel_value: Some("x".into()),
        }
    }

    /// A mapping from its JSON form.
    ///
    /// # Errors
    ///
    /// `invalid_json` for malformed JSON, unknown keys or missing required keys;
    /// `invalid_option` unless exactly one of `channel` and `channel_value` is given;
    /// `unknown_channel` for a `channel_value` that is no channel.
    pub fn from_json(text: &str) -> Result<ColumnMapping> {
        let mapping: ColumnMapping = serde_json::from_str(text)?;
        mapping.validate()?;
        Ok(mapping)
    }

    /// The mapping as JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    fn validate(&self) -> Result<()> {
        match (&self.channel, &self.channel_value) {
            (Some(_), None) => Ok(()),
            (None, Some(v)) => v.parse::<Channel>().map(|_| ()),
            _ => Err(Error::InvalidOption {
                option: "channel",
                value: format!("{:?} / {:?}", self.channel, self.channel_value),
                reason: "give exactly one of channel (a column) and channel_value",
            }),
        }
    }
}

/// Column positions of a mapping in one header.
#[derive(Debug)]
struct Columns {
    id: usize,
    author: usize,
    direction: usize,
    sent_at: usize,
    text: usize,
    reply_to: Option<usize>,
    case_id: Option<usize>,
    reach: Option<usize>,
    promoted: Option<usize>,
    channel: Result<usize, Channel>,
}

#[derive(Debug)]
enum Format<R> {
    Lines { reader: R, buffer: String },
    Csv(Box<CsvState<R>>),
}

#[derive(Debug)]
struct CsvState<R> {
    records: csv::Reader<R>,
    mapping: ColumnMapping,
    columns: Columns,
    record: csv::StringRecord,
}

/// An iterator of messages read from JSON lines or CSV, one record at a time.
#[derive(Debug)]
pub struct MessageReader<R> {
    format: Format<R>,
    line: u64,
    done: bool,
}

fn record_error(line: u64, column: &str, reason: impl std::fmt::Display) -> Error {
    Error::InvalidRecord {
        line,
        column: column.to_owned(),
        reason: reason.to_string(),
    }
}

/// The JSON field a message error is about.
fn field_of(e: &Error) -> String {
    match e {
        Error::UnknownChannel { .. } => "channel".into(),
        Error::UnknownDirection { .. } => "direction".into(),
        Error::NaiveDatetime { .. } | Error::InvalidDatetime { .. } => "sent_at".into(),
        Error::EmptyField { field } => (*field).into(),
        Error::InvalidJson { column, .. } => format!("character {column}"),
        _ => String::new(),
    }
}

/// `3.0` (an id a spreadsheet wrote as a number) as `3`; anything else unchanged.
fn id_text(cell: &str) -> String {
    let cell = cell.trim();
    match cell.strip_suffix(".0") {
        Some(digits) if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            digits.to_owned()
        }
        _ => cell.to_owned(),
    }
}

impl<R: BufRead> MessageReader<R> {
    /// Reads JSON lines: one message object per line (see [`Message::from_json`]); blank
    /// lines are skipped.
    pub fn json_lines(reader: R) -> MessageReader<R> {
        MessageReader {
            format: Format::Lines {
                reader,
                buffer: String::new(),
            },
            line: 0,
            done: false,
        }
    }
}

impl<R: Read> MessageReader<R> {
    /// Reads CSV with a header row, mapped by `mapping`.
    ///
    /// # Errors
    ///
    /// `invalid_record` (line 1) for a header that lacks a mapped column or cannot be read;
    /// the errors of [`ColumnMapping::from_json`] for a mapping that is not valid.
    pub fn csv(reader: R, mapping: ColumnMapping) -> Result<MessageReader<R>> {
        mapping.validate()?;
        let mut records = csv::ReaderBuilder::new()
            .has_headers(true)
            .flexible(true)
            .from_reader(reader);
        let header = records
            .headers()
            .map_err(|e| record_error(1, "", e))?
            .clone();
        let find = |name: &str| -> Result<usize> {
            header
                .iter()
                .position(|h| h.trim() == name)
                .ok_or_else(|| record_error(1, name, "no such column in the header"))
        };
        let optional = |name: &Option<String>| name.as_deref().map(find).transpose();
        let channel = match (&mapping.channel, &mapping.channel_value) {
            (Some(column), _) => Ok(find(column)?),
            (None, Some(value)) => Err(value.parse::<Channel>()?),
            (None, None) => Err(Channel::X),
        };
        let columns = Columns {
            id: find(&mapping.id)?,
            author: find(&mapping.author)?,
            direction: find(&mapping.direction)?,
            sent_at: find(&mapping.sent_at)?,
            text: find(&mapping.text)?,
            reply_to: optional(&mapping.reply_to)?,
            case_id: optional(&mapping.case_id)?,
            reach: optional(&mapping.reach)?,
            promoted: optional(&mapping.promoted)?,
            channel,
        };
        Ok(MessageReader {
            format: Format::Csv(Box::new(CsvState {
                records,
                mapping,
                columns,
                record: csv::StringRecord::new(),
            })),
            line: 1,
            done: false,
        })
    }
}

fn csv_message(
    record: &csv::StringRecord,
    line: u64,
    mapping: &ColumnMapping,
    columns: &Columns,
) -> Result<Message> {
    let cell = |i: usize| record.get(i).unwrap_or("");
    let optional = |i: Option<usize>| {
        i.map(cell)
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(id_text)
    };
    let raw_direction = cell(columns.direction).trim();
    let direction = if raw_direction.eq_ignore_ascii_case(mapping.inbound_value.trim()) {
        Direction::Inbound
    } else if raw_direction.eq_ignore_ascii_case(mapping.outbound_value.trim()) {
        Direction::Outbound
    } else {
        return Err(record_error(
            line,
            &mapping.direction,
            format!(
                "{raw_direction:?} is neither {:?} (inbound) nor {:?} (outbound)",
                mapping.inbound_value, mapping.outbound_value
            ),
        ));
    };
    let raw_at = cell(columns.sent_at).trim();
    let sent_at: DateTime<Utc> = match &mapping.sent_at_format {
        Some(format) => DateTime::parse_from_str(raw_at, format)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| {
                record_error(
                    line,
                    &mapping.sent_at,
                    format!("{raw_at:?} does not match {format:?}: {e}"),
                )
            })?,
        None => parse_instant(raw_at).map_err(|e| record_error(line, &mapping.sent_at, e))?,
    };
    let channel = match &columns.channel {
        Ok(i) => cell(*i)
            .parse::<Channel>()
            .map_err(|e| record_error(line, mapping.channel.as_deref().unwrap_or("channel"), e))?,
        Err(constant) => constant.clone(),
    };
    let reach = match optional(columns.reach) {
        Some(text) => Some(
            text.parse::<u64>()
                .map_err(|e| record_error(line, mapping.reach.as_deref().unwrap_or("reach"), e))?,
        ),
        None => None,
    };
    let promoted = match optional(columns.promoted).map(|t| t.to_ascii_lowercase()) {
        None => false,
        Some(t) => match t.as_str() {
            "true" | "1" | "yes" => true,
            "false" | "0" | "no" => false,
            other => {
                return Err(record_error(
                    line,
                    mapping.promoted.as_deref().unwrap_or("promoted"),
                    format!("{other:?} is not true/false"),
                ))
            }
        },
    };
    let message = Message {
        id: id_text(cell(columns.id)),
        channel,
        direction,
        author: cell(columns.author).trim().to_owned(),
        sent_at,
        text: cell(columns.text).to_owned(),
        reply_to: optional(columns.reply_to),
        case_id: optional(columns.case_id),
        reach,
        promoted,
    };
    message.validate().map_err(|e| {
        let column = match &e {
            Error::EmptyField { field: "id" } => mapping.id.as_str(),
            _ => mapping.author.as_str(),
        };
        record_error(line, column, e)
    })?;
    Ok(message)
}

impl<R: BufRead> Iterator for MessageReader<R> {
    type Item = Result<Message>;

    fn next(&mut self) -> Option<Result<Message>> {
        if self.done {
            return None;
        }
        let item = match &mut self.format {
            Format::Lines { reader, buffer } => loop {
                buffer.clear();
                self.line += 1;
                match reader.read_line(buffer) {
                    Ok(0) => {
                        self.done = true;
                        return None;
                    }
                    Ok(_) if buffer.trim().is_empty() => continue,
                    Ok(_) => {
                        let line = self.line;
                        break match fast_message(buffer) {
                            Some(m) => Ok(m),
                            None => Message::from_json(buffer)
                                .map_err(|e| record_error(line, &field_of(&e), e)),
                        };
                    }
                    Err(e) => {
                        self.done = true;
                        break Err(record_error(self.line, "", e));
                    }
                }
            },
            Format::Csv(state) => match state.records.read_record(&mut state.record) {
                Ok(false) => {
                    self.done = true;
                    return None;
                }
                Ok(true) => {
                    let line = state.record.position().map_or(self.line + 1, |p| p.line());
                    self.line = line;
                    csv_message(&state.record, line, &state.mapping, &state.columns)
                }
                Err(e) => {
                    let line = e.position().map_or(self.line + 1, |p| p.line());
                    if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                        self.done = true;
                    }
                    Err(record_error(line, "", e))
                }
            },
        };
        Some(item)
    }
}

/// Messages taken in batches from records that may fail one by one (a [`MessageReader`]).
/// A bad record ends a batch: it is returned at once when it is the first record of the
/// batch, else kept and returned by the next call, so no message and no error is lost.
///
/// ```
/// use webcare::inbox::{Batches, MessageReader};
///
/// let lines = "{\"id\": \"1\", \"channel\": \"x\", \"direction\": \"inbound\", \"author\": \"@a\", \"sent_at\": \"2026-03-06T10:00:00Z\"}\nnot json\n";
/// let mut batches = Batches::new(MessageReader::json_lines(lines.as_bytes()));
/// assert_eq!(batches.next_batch(10)?.len(), 1);
/// assert_eq!(batches.next_batch(10).unwrap_err().code(), "invalid_record");
/// assert!(batches.next_batch(10)?.is_empty());
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug)]
pub struct Batches<I> {
    records: I,
    pending: Option<Error>,
}

impl<I: Iterator<Item = Result<Message>>> Batches<I> {
    /// Batches over `records`.
    pub fn new(records: I) -> Batches<I> {
        Batches {
            records,
            pending: None,
        }
    }

    /// Up to `n` messages; empty at the end.
    ///
    /// # Errors
    ///
    /// The error of the first bad record of the batch, or the one kept from the last call.
    pub fn next_batch(&mut self, n: usize) -> Result<Vec<Message>> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        let mut out = Vec::with_capacity(n.min(4096));
        while out.len() < n {
            match self.records.next() {
                None => break,
                Some(Ok(m)) => out.push(m),
                Some(Err(e)) if out.is_empty() => return Err(e),
                Some(Err(e)) => {
                    self.pending = Some(e);
                    break;
                }
            }
        }
        Ok(out)
    }
}

impl<I: Iterator<Item = Result<Message>>> Iterator for Batches<I> {
    type Item = Result<Message>;

    /// The next record, the kept error first.
    fn next(&mut self) -> Option<Result<Message>> {
        match self.pending.take() {
            Some(e) => Some(Err(e)),
            None => self.records.next(),
        }
    }
}
