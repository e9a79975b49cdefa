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

use std::borrow::Cow;
use std::io::{BufRead, Read};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

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

/// A JSON line of a message, its strings borrowed from the line where they have no escapes.
struct LineRecord<'a> {
    id: Cow<'a, str>,
    channel: Cow<'a, str>,
    direction: Cow<'a, str>,
    author: Cow<'a, str>,
    sent_at: Cow<'a, str>,
    text: Cow<'a, str>,
    reply_to: Option<Cow<'a, str>>,
    case_id: Option<Cow<'a, str>>,
    reach: Option<u64>,
    promoted: bool,
}

/// Reads one JSON object of the message fields by hand, in one pass over the line. `None`
/// for anything it does not take exactly as serde would (an unknown or repeated key, a
/// missing field, a key with an escape, a number other than plain digits, a bad escape,
/// trailing text...): the caller then reads the line with serde, which accepts or reports it.
fn line_record(line: &str) -> Option<LineRecord<'_>> {
    let mut p = Cursor {
        text: line,
        bytes: line.as_bytes(),
        at: 0,
    };
    let (mut id, mut channel, mut direction, mut author, mut sent_at) =
        (None, None, None, None, None);
    let (mut text, mut reply_to, mut case_id, mut reach, mut promoted) =
        (None, None, None, None, None);
    p.expect(b'{')?;
    if p.peek()? == b'}' {
        p.at += 1;
    } else {
        loop {
            let key = p.plain_string()?;
            p.expect(b':')?;
            fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
                slot.is_none().then(|| *slot = Some(value))
            }
            match key {
                "id" => once(&mut id, p.string()?)?,
                "channel" => once(&mut channel, p.string()?)?,
                "direction" => once(&mut direction, p.string()?)?,
                "author" => once(&mut author, p.string()?)?,
                "sent_at" => once(&mut sent_at, p.string()?)?,
                "text" => once(&mut text, p.string()?)?,
                "reply_to" => once(&mut reply_to, p.or_null(Cursor::string)?)?,
                "case_id" => once(&mut case_id, p.or_null(Cursor::string)?)?,
                "reach" => once(&mut reach, p.or_null(Cursor::digits)?)?,
                "promoted" => once(&mut promoted, p.boolean()?)?,
                _ => return None,
            }
            match p.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.skip_space();
    if p.at != p.bytes.len() {
        return None;
    }
    Some(LineRecord {
        id: id?,
        channel: channel?,
        direction: direction?,
        author: author?,
        sent_at: sent_at?,
        text: text.unwrap_or_default(),
        reply_to: reply_to.flatten(),
        case_id: case_id.flatten(),
        reach: reach.flatten(),
        promoted: promoted.unwrap_or(false),
    })
}

/// A position in a JSON line.
struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    /// Takes the next byte that is not white space.
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn literal(&mut self, word: &str) -> bool {
        let found = self.bytes[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// `null` as `None`, else the value `read` reads.
    fn or_null<T>(&mut self, read: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        self.skip_space();
        if self.literal("null") {
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        self.skip_space();
        if self.literal("true") {
            Some(true)
        } else if self.literal("false") {
            Some(false)
        } else {
            None
        }
    }

    /// An unsigned integer written as plain digits, no leading zero (as JSON has it).
    fn digits(&mut self) -> Option<u64> {
        self.skip_space();
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(d) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.at += 1;
        }
        let len = self.at - start;
        let leading_zero = len > 1 && self.bytes[start] == b'0';
        let more = matches!(self.bytes.get(self.at), Some(b'.' | b'e' | b'E'));
        (len > 0 && !leading_zero && !more).then_some(n)
    }

    /// A string without escapes, borrowed.
    fn plain_string(&mut self) -> Option<&'a str> {
        match self.string()? {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }

    /// A string: borrowed when it has no escape, else unescaped into a new one.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.at;
        loop {
            self.skip_plain();
            match *self.bytes.get(self.at)? {
                b'"' => {
                    let s = self.text.get(start..self.at)?;
                    self.at += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                b if b < 0x20 => return None,
                _ => self.at += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            let run = self.at;
            self.skip_plain();
            out.push_str(self.text.get(run..self.at)?);
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    let c = match *self.bytes.get(self.at)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.literal("\\") {
                                    return None;
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code)?);
                            continue;
                        }
                        _ => return None,
                    };
                    self.at += 1;
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    /// Moves to the next `"`, `\\` or control character (or the end), eight bytes at a
    /// time while none is in sight.
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // High bit set in the bytes below `n`; exact up to the first such byte.
        let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
        while let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            let hits = below(x ^ (ONES * u64::from(b'"')), 1)
                | below(x ^ (ONES * u64::from(b'\\')), 1)
                | below(x, 0x20);
            if hits != 0 {
                self.at += (hits.trailing_zeros() / 8) as usize;
                return;
            }
            self.at += 8;
        }
        while let Some(&b) = self.bytes.get(self.at) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                return;
            }
            self.at += 1;
        }
    }

    /// The four hex digits after `\u` (the `u` is at the cursor); the cursor ends past them.
    fn hex4(&mut self) -> Option<u32> {
        if self.bytes.get(self.at) != Some(&b'u') {
            return None;
        }
        let digits = self.text.get(self.at + 1..self.at + 5)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let v = u32::from_str_radix(digits, 16).ok()?;
        self.at += 5;
        Some(v)
    }
}

fn fast_channel(name: &str) -> Option<Channel> {
    Some(match name {
        "x" => Channel::X,
        "x_dm" => Channel::XDm,
        "facebook" => Channel::Facebook,
        "instagram" => Channel::Instagram,
        "whatsapp" => Channel::WhatsApp,
        "email" => Channel::Email,
        "phone" => Channel::Phone,
        "web_form" => Channel::WebForm,
        "chat" => Channel::Chat,
        _ => return None,
    })
}

/// The message of a JSON line on the common path: one parse with borrowed strings, the
/// channel and direction in their canonical spelling. `None` whenever anything is unusual
/// (including every error), so that [`Message::from_json`] decides, with its errors.
fn fast_message(line: &str) -> Option<Message> {
    let r = line_record(line)?;
    let direction = match &*r.direction {
        "inbound" => Direction::Inbound,
        "outbound" => Direction::Outbound,
        _ => return None,
    };
    let message = Message {
        id: r.id.into_owned(),
        channel: fast_channel(&r.channel)?,
        direction,
        author: r.author.into_owned(),
        sent_at: parse_instant(&r.sent_at).ok()?,
        text: r.text.into_owned(),
        reply_to: r.reply_to.map(Cow::into_owned),
        case_id: r.case_id.map(Cow::into_owned),
        reach: r.reach,
        promoted: r.promoted,
    };
    message.validate().ok()?;
    Some(message)
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

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line the hand reader takes, serde reads to the same message; the lines it
    /// leaves (`None`) serde reads or rejects on its own.
    #[test]
    fn hand_reading_agrees_with_serde() {
        let head = r#""id": "m1", "channel": "x", "direction": "inbound", "author": "@ann", "sent_at": "2026-03-06T10:00:00+01:00""#;
        let lines = [
            format!("{{{head}}}"),
            format!("{{{head}, \"text\": \"Hi \\\"there\\\"\\n\\u00e9\\ud83d\\ude00 \\/ \\\\ \\t\"}}\n"),
            format!("  {{ {head} , \"reach\" : 40000 , \"promoted\" : true , \"reply_to\": null, \"case_id\": \"c1\" }}  \r\n"),
            format!("{{{head}, \"reach\": null, \"promoted\": false, \"text\": \"é中😀\"}}"),
            format!("{{{head}, \"reach\": 0}}"),
            format!("{{{head}, \"reach\": 01}}"),
            format!("{{{head}, \"reach\": 1.0}}"),
            format!("{{{head}, \"reach\": 1e3}}"),
            format!("{{{head}, \"reach\": -1}}"),
            format!("{{{head}, \"reach\": 18446744073709551616}}"),
            format!("{{{head}, \"reach\": 18446744073709551615}}"),
            format!("{{{head}, \"text\": null}}"),
            format!("{{{head}, \"promoted\": null}}"),
            format!("{{{head}, \"id\": \"m2\"}}"),
            format!("{{{head}, \"extra\": 1}}"),
            format!("{{{head}, \"text\": \"\\ud83d\"}}"),
            format!("{{{head}, \"text\": \"\\ude00\"}}"),
            format!("{{{head}, \"text\": \"\\ud83d\\u0041\"}}"),
            format!("{{{head}, \"text\": \"\\x\"}}"),
            format!("{{{head}, \"text\": \"tab\tinside\"}}"),
            format!("{{{head}, \"text\": \"a longer text, then\\nan escape and é\\\"quotes\\\" after it\"}}"),
            format!("{{{head}, \"text\": \"a longer text\u{1} with a control character\"}}"),
            format!("{{{head}, \"text\": \"a\"}} x"),
            format!("{{{head},}}"),
            format!("{{{head}, \"text\": \"unterminated}}"),
            format!("{{\"\\u0069d\": \"m1\", {}}}", &head[12..]),
            r#"{"id": "m1"}"#.to_owned(),
            "{}".to_owned(),
            "[]".to_owned(),
        ];
        let mut taken = 0;
        for line in &lines {
            if let Some(m) = fast_message(line) {
                taken += 1;
                assert_eq!(Message::from_json(line).ok(), Some(m), "{line}");
            }
        }
        assert_eq!(taken, 7);
    }
}
