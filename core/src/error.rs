//! The one error type of the crate.
//!
//! Every fallible operation in webcare returns [`Error`]. Each variant carries the bad
//! value as typed fields, and [`Error::code`] gives a stable snake_case code that the
//! conformance vectors, the Python exceptions (`.code`) and the Node errors (`err.code`)
//! compare on. Codes never change once released; messages may.

use std::fmt;

/// Everything that can go wrong in webcare.
///
/// The enum is `#[non_exhaustive]`: new capabilities add variants. Match on
/// [`Error::code`] or on the variants you handle and keep a fallback arm.
///
/// # Example
///
/// ```
/// use webcare::{Error, Handle, HandleKind};
///
/// let err = Handle::new(HandleKind::Email, "not-an-address").unwrap_err();
/// assert_eq!(err.code(), "invalid_email");
/// assert!(matches!(err, Error::InvalidEmail { .. }));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A handle value was empty (or only whitespace) after trimming.
    #[error("empty {kind} handle")]
    EmptyHandle {
        /// The kind of handle that was empty (`email`, `phone`, ...).
        kind: String,
    },
    /// An e-mail address that is not of the form `local@domain.tld`.
    #[error("invalid e-mail address {value:?}: {reason}")]
    InvalidEmail {
        /// The address as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A phone number with letters, too few or too many digits.
    #[error("invalid phone number {value:?}: {reason}")]
    InvalidPhone {
        /// The number as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A social-network handle (X, Instagram, Facebook) with characters the network does not allow.
    #[error("invalid {kind} handle {value:?}: {reason}")]
    InvalidHandle {
        /// The kind of handle (`x`, `instagram`, `facebook`, ...).
        kind: String,
        /// The handle as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A handle kind that webcare does not know (known: `email`, `phone`, `x`, `instagram`,
    /// `facebook`, `chat`, `custom:<name>`).
    #[error("unknown handle kind {name:?}")]
    UnknownHandleKind {
        /// The kind as given.
        name: String,
    },
    /// A channel name that webcare does not know. Custom channels are written `custom:<name>`.
    #[error("unknown channel {name:?} (custom channels are written \"custom:<name>\")")]
    UnknownChannel {
        /// The name as given.
        name: String,
    },
    /// A timestamp without a UTC offset: webcare cannot tell which instant it means.
    #[error("timestamp {value:?} has no UTC offset; write it as RFC 3339 with Z or +hh:mm")]
    NaiveDatetime {
        /// The timestamp as given.
        value: String,
    },
    /// A timestamp that is not RFC 3339.
    #[error("invalid timestamp {value:?}: expected RFC 3339 such as 2026-03-06T23:50:00+01:00")]
    InvalidDatetime {
        /// The timestamp as given.
        value: String,
    },
    /// An instant outside the range webcare can represent.
    #[error("instant out of range: {value}")]
    InstantOutOfRange {
        /// The instant, as text (milliseconds or seconds since the Unix epoch, or a date).
        value: String,
    },
    /// A JSON document that does not parse, or does not have the expected shape.
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    InvalidJson {
        /// What the parser said.
        message: String,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
    },
    /// A direction that is neither `inbound` nor `outbound`.
    #[error("unknown message direction {name:?} (expected \"inbound\" or \"outbound\")")]
    UnknownDirection {
        /// The direction as given.
        name: String,
    },
    /// A message whose id was already added with different content. Identical re-deliveries
    /// are accepted; a different message under the same id would silently lose one of them.
    #[error("message id {id:?} was already added with different content")]
    DuplicateMessageId {
        /// The message id.
        id: String,
    },
    /// A required text field (message id, author) was empty.
    #[error("field {field:?} must not be empty")]
    EmptyField {
        /// The field's name.
        field: &'static str,
    },
    /// A duration that must not be negative was negative.
    #[error("duration must not be negative, got {millis} ms")]
    NegativeDuration {
        /// The duration in milliseconds.
        millis: i64,
    },
    /// A contact id that this contact book never issued.
    #[error("unknown contact id {id}")]
    UnknownContact {
        /// The id as given.
        id: u64,
    },
    /// An option outside its allowed range.
    #[error("invalid value {value} for option {option}: {reason}")]
    InvalidOption {
        /// The option's name.
        option: &'static str,
        /// The value as given.
        value: String,
        /// The allowed range.
        reason: &'static str,
    },
    /// A user regex rule of a classifier config that does not compile.
    #[error("invalid regex rule {pattern:?}: {reason}")]
    InvalidRegexRule {
        /// The pattern as given.
        pattern: String,
        /// What the regex parser said.
        reason: String,
    },
    /// A user regex rule whose compiled form exceeds the size limit. Such patterns (for
    /// example deeply nested counted repetitions) would cost too much memory or time, so
    /// they are refused instead of compiled.
    #[error("regex rule {pattern:?} is too big: its compiled form exceeds {limit} bytes")]
    RegexTooBig {
        /// The pattern as given.
        pattern: String,
        /// The size limit in bytes that it exceeded.
        limit: u64,
    },
    /// Bytes that are not valid UTF-8 (code `invalid_encoding`: codes are letters and
    /// underscores only).
    #[error("invalid UTF-8 at byte offset {offset}")]
    InvalidUtf8 {
        /// Byte offset of the first invalid byte.
        offset: u64,
    },
    /// A classifier config that parses as JSON but breaks a rule (an empty word, a model whose
    /// sizes do not fit together, ...).
    #[error("invalid classifier config at {field}: {reason}")]
    InvalidClassifierConfig {
        /// Where in the config, as a path such as `words[2].word`.
        field: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A weight that is not a finite number in the allowed range.
    #[error(
        "invalid weight {value} at {field}: weights must be finite and between -{max} and {max}"
    )]
    InvalidWeight {
        /// Where in the config, as a path such as `rules[0].weight`.
        field: String,
        /// The weight as given, as text (it may be NaN or infinite).
        value: String,
        /// The largest allowed magnitude.
        max: u64,
    },
    /// Training was asked to fit a model on no examples.
    #[error("cannot train a classifier on an empty training set")]
    EmptyTrainingSet,
    /// Training texts and labels of different lengths.
    #[error("{texts} training texts but {labels} labels")]
    LabelCountMismatch {
        /// Number of texts.
        texts: u64,
        /// Number of labels.
        labels: u64,
    },
    /// A classification label that webcare does not know (known: `complaint`, `question`,
    /// `praise`, `other`).
    #[error("unknown label {name:?} (expected complaint, question, praise or other)")]
    UnknownLabel {
        /// The label as given.
        name: String,
    },
    /// An answer with an empty question and no topic id, so nothing says which question
    /// it answers.
    #[error("answer {index} has an empty question and no topic")]
    EmptyQuestion {
        /// The answer's 0-based position in the input.
        index: usize,
    },
    /// A time zone name that is neither an IANA name (`Europe/Amsterdam`) nor one of the
    /// Rails (`Amsterdam`, `Pacific Time (US & Canada)`) or Windows (`W. Europe Standard Time`)
    /// names webcare maps to IANA.
    #[error("unknown time zone {name:?}")]
    UnknownTimezone {
        /// The name as given.
        name: String,
    },
    /// Opening hours that are not of the form `HH:MM-HH:MM` (`24:00` only as an end).
    #[error("invalid opening interval {value:?}: {reason}")]
    InvalidInterval {
        /// The interval as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// Opening hours whose end equals their start, such as `09:00-09:00`. A whole day is
    /// written `00:00-24:00`.
    #[error("opening interval {value:?} is empty: its end equals its start (a whole day is \"00:00-24:00\")")]
    EmptyInterval {
        /// The interval as given.
        value: String,
    },
    /// Two opening intervals of one calendar that overlap, also across midnight.
    #[error("opening intervals {first:?} and {second:?} overlap (on {day})")]
    OverlappingIntervals {
        /// The day (`mon`...`sun`, or a holiday date) of the first interval.
        day: String,
        /// The first interval as given.
        first: String,
        /// The interval it overlaps, as given.
        second: String,
    },
    /// A key of `hours` that is not one of `mon`, `tue`, `wed`, `thu`, `fri`, `sat`, `sun`.
    #[error("unknown weekday {name:?} (expected mon, tue, wed, thu, fri, sat or sun)")]
    UnknownWeekday {
        /// The key as given.
        name: String,
    },
    /// A holiday that is not a valid date (`2026-12-25`) or month-day (`12-25`), or a date
    /// listed twice.
    #[error("invalid holiday {value:?}: {reason}")]
    InvalidHolidayDate {
        /// The date as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A calendar that is never open: no hours on any weekday, no holiday with hours, not
    /// always open. Business time on it would never pass.
    #[error("calendar is never open: it has no opening hours at all")]
    CalendarNeverOpen,
    /// A calendar computation whose answer lies more than the horizon (100 years) away from
    /// where it started, or that never comes (the next close of a calendar that never closes).
    #[error("no answer within {years} years of {from}")]
    BeyondHorizon {
        /// The instant the computation started from, RFC 3339.
        from: String,
        /// The horizon in years.
        years: u32,
    },
    /// Two slices of a batch operation with different lengths.
    #[error("batch inputs differ in length: {left} and {right}")]
    BatchLengthMismatch {
        /// Length of the first slice.
        left: usize,
        /// Length of the second slice.
        right: usize,
    },
    /// iCalendar (`.ics`) text that webcare cannot import.
    #[error("invalid iCalendar text at line {line}: {reason}")]
    InvalidIcs {
        /// 1-based line (after unfolding) of the problem; 0 for the document as a whole.
        line: usize,
        /// What is wrong.
        reason: &'static str,
    },
    /// A duration that is not `30s`, `45m`, `1h30m`, `2d` or ISO 8601 `PT1H30M`.
    #[error("invalid duration {value:?}: {reason}")]
    InvalidDuration {
        /// The duration as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A target duration that is zero or negative: the clock would be breached at once.
    #[error("duration {value:?} must be positive")]
    NonPositiveDuration {
        /// The duration as given.
        value: String,
    },
    /// A warning point that is not `"80%"` (1 to 99) or `"<duration> before"`, or that does
    /// not fall before its target is used up.
    #[error("invalid warning {value:?}: {reason}")]
    InvalidWarning {
        /// The warning as given.
        value: String,
        /// Which rule it broke.
        reason: &'static str,
    },
    /// A target names a calendar that the policy's `calendars` does not define.
    #[error("unknown calendar {name:?}: the policy's calendars do not define it")]
    UnknownCalendar {
        /// The name as given.
        name: String,
    },
    /// A metric name that webcare does not know (known: `first_reply`, `next_reply`,
    /// `periodic_update`, `pausable_update`, `requester_wait`, `resolution`).
    #[error("unknown metric {name:?}")]
    UnknownMetric {
        /// The name as given.
        name: String,
    },
    /// A priority that is not `low`, `normal`, `high` or `urgent`.
    #[error("unknown priority {name:?} (expected low, normal, high or urgent)")]
    UnknownPriority {
        /// The name as given.
        name: String,
    },
    /// A case event type that webcare does not know.
    #[error("unknown event type {name:?}")]
    UnknownEventType {
        /// The type as given.
        name: String,
    },
    /// A case event that lacks what its type needs (a `priority_change` without
    /// `priority`, a `customer_message` without `channel`, ...).
    #[error("invalid event {id:?}: {reason}")]
    InvalidEvent {
        /// The event's id.
        id: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A case event whose id was already applied with different content. Identical
    /// re-deliveries are accepted and change nothing.
    #[error("event id {id:?} was already applied with different content")]
    DuplicateEventId {
        /// The event id.
        id: String,
    },
    /// A case snapshot or report part of a format version this release cannot read.
    #[error("snapshot version {version} is not supported (this release reads 1)")]
    UnsupportedSnapshotVersion {
        /// The version found in the snapshot.
        version: u64,
    },
    /// A setting of the expected-response-time estimator that is out of range.
    #[error("invalid estimator setting {field}: {value}")]
    InvalidEstimatorSetting {
        /// The setting's name.
        field: &'static str,
        /// The value as given, as text.
        value: String,
    },
    /// Two report parts that cannot be merged: read at different instants, under different
    /// policies or with different consistency windows.
    #[error("report parts differ in {field}: {value} and {other}")]
    ReportPartMismatch {
        /// What differs: `at`, `policy` or `consistency_window`.
        field: &'static str,
        /// This part's value (for `policy`, a digest of its JSON).
        value: String,
        /// The other part's value.
        other: String,
    },
    /// A record of a message file (JSON lines or CSV) that cannot be read as a message.
    #[error("line {line}, column {column}: {reason}")]
    InvalidRecord {
        /// The 1-based line (record) number in the file.
        line: u64,
        /// The column (CSV) or field (JSON) at fault; empty when the whole line is.
        column: String,
        /// What is wrong, with the underlying error's message.
        reason: String,
    },
    /// A panic inside webcare, caught at a language boundary. Always a bug: please report it.
    #[error("internal error (a bug in webcare): {message}")]
    Internal {
        /// The panic message.
        message: String,
    },
}

/// A convenient alias for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The stable snake_case code of this error.
    ///
    /// Codes are part of the public contract: vectors, Python's `WebcareError.code` and
    /// Node's `err.code` all carry this value, and it never changes once released.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Channel;
    ///
    /// let err = "telegraph".parse::<Channel>().unwrap_err();
    /// assert_eq!(err.code(), "unknown_channel");
    /// ```
    pub fn code(&self) -> &'static str {
        match self {
            Error::EmptyHandle { .. } => "empty_handle",
            Error::InvalidEmail { .. } => "invalid_email",
            Error::InvalidPhone { .. } => "invalid_phone",
            Error::InvalidHandle { .. } => "invalid_handle",
            Error::UnknownHandleKind { .. } => "unknown_handle_kind",
            Error::UnknownChannel { .. } => "unknown_channel",
            Error::NaiveDatetime { .. } => "naive_datetime",
            Error::InvalidDatetime { .. } => "invalid_datetime",
            Error::InstantOutOfRange { .. } => "instant_out_of_range",
            Error::InvalidJson { .. } => "invalid_json",
            Error::UnknownDirection { .. } => "unknown_direction",
            Error::DuplicateMessageId { .. } => "duplicate_message_id",
            Error::EmptyField { .. } => "empty_field",
            Error::NegativeDuration { .. } => "negative_duration",
            Error::UnknownContact { .. } => "unknown_contact",
            Error::InvalidOption { .. } => "invalid_option",
            Error::InvalidRegexRule { .. } => "invalid_regex_rule",
            Error::RegexTooBig { .. } => "regex_too_big",
            Error::InvalidUtf8 { .. } => "invalid_encoding",
            Error::InvalidClassifierConfig { .. } => "invalid_classifier_config",
            Error::InvalidWeight { .. } => "invalid_weight",
            Error::EmptyTrainingSet => "empty_training_set",
            Error::LabelCountMismatch { .. } => "label_count_mismatch",
            Error::UnknownLabel { .. } => "unknown_label",
            Error::EmptyQuestion { .. } => "empty_question",
            Error::UnknownTimezone { .. } => "unknown_timezone",
            Error::InvalidInterval { .. } => "invalid_interval",
            Error::EmptyInterval { .. } => "empty_interval",
            Error::OverlappingIntervals { .. } => "overlapping_intervals",
            Error::UnknownWeekday { .. } => "unknown_weekday",
            Error::InvalidHolidayDate { .. } => "invalid_holiday_date",
            Error::CalendarNeverOpen => "calendar_never_open",
            Error::BeyondHorizon { .. } => "beyond_horizon",
            Error::BatchLengthMismatch { .. } => "batch_length_mismatch",
            Error::InvalidIcs { .. } => "invalid_ics",
            Error::InvalidDuration { .. } => "invalid_duration",
            Error::NonPositiveDuration { .. } => "non_positive_duration",
            Error::InvalidWarning { .. } => "invalid_warning",
            Error::UnknownCalendar { .. } => "unknown_calendar",
            Error::UnknownMetric { .. } => "unknown_metric",
            Error::UnknownPriority { .. } => "unknown_priority",
            Error::UnknownEventType { .. } => "unknown_event_type",
            Error::InvalidEvent { .. } => "invalid_event",
            Error::DuplicateEventId { .. } => "duplicate_event_id",
            Error::UnsupportedSnapshotVersion { .. } => "unsupported_snapshot_version",
            Error::InvalidEstimatorSetting { .. } => "invalid_estimator_setting",
            Error::ReportPartMismatch { .. } => "report_part_mismatch",
            Error::InvalidRecord { .. } => "invalid_record",
            Error::Internal { .. } => "internal",
        }
    }

    /// Every code that [`Error::code`] can return, for catalogues and for tests that check
    /// each code is exercised.
    pub const CODES: &'static [&'static str] = &[
        "empty_handle",
        "invalid_email",
        "invalid_phone",
        "invalid_handle",
        "unknown_handle_kind",
        "unknown_channel",
        "naive_datetime",
        "invalid_datetime",
        "instant_out_of_range",
        "invalid_json",
        "unknown_direction",
        "duplicate_message_id",
        "empty_field",
        "negative_duration",
        "unknown_contact",
        "invalid_option",
        "invalid_regex_rule",
        "regex_too_big",
        "invalid_encoding",
        "invalid_classifier_config",
        "invalid_weight",
        "empty_training_set",
        "label_count_mismatch",
        "unknown_label",
        "empty_question",
        "unknown_timezone",
        "invalid_interval",
        "empty_interval",
        "overlapping_intervals",
        "unknown_weekday",
        "invalid_holiday_date",
        "calendar_never_open",
        "beyond_horizon",
        "batch_length_mismatch",
        "invalid_ics",
        "invalid_duration",
        "non_positive_duration",
        "invalid_warning",
        "unknown_calendar",
        "unknown_metric",
        "unknown_priority",
        "unknown_event_type",
        "invalid_event",
        "duplicate_event_id",
        "unsupported_snapshot_version",
        "invalid_estimator_setting",
        "invalid_record",
        "report_part_mismatch",
        "internal",
    ];

    /// The error's fields as `(name, value)` pairs, for bindings that attach them to the
    /// exception or JS error they raise. Numbers are rendered as text by the caller's needs;
    /// see [`ErrorField`].
    pub fn fields(&self) -> Vec<(&'static str, ErrorField)> {
        use ErrorField::{Text, UInt};
        match self {
            Error::EmptyHandle { kind } => vec![("kind", Text(kind.clone()))],
            Error::InvalidEmail { value, reason } | Error::InvalidPhone { value, reason } => {
                vec![
                    ("value", Text(value.clone())),
                    ("reason", Text((*reason).into())),
                ]
            }
            Error::InvalidHandle {
                kind,
                value,
                reason,
            } => vec![
                ("kind", Text(kind.clone())),
                ("value", Text(value.clone())),
                ("reason", Text((*reason).into())),
            ],
            Error::UnknownHandleKind { name }
            | Error::UnknownChannel { name }
            | Error::UnknownDirection { name } => vec![("value", Text(name.clone()))],
            Error::NaiveDatetime { value }
            | Error::InvalidDatetime { value }
            | Error::InstantOutOfRange { value } => vec![("value", Text(value.clone()))],
            Error::InvalidJson {
                message,
                line,
                column,
            } => vec![
                ("detail", Text(message.clone())),
                ("line", UInt(*line as u64)),
                ("column", UInt(*column as u64)),
            ],
            Error::DuplicateMessageId { id } => vec![("value", Text(id.clone()))],
            Error::EmptyField { field } => vec![("field", Text((*field).into()))],
            Error::NegativeDuration { millis } => vec![("value", ErrorField::Int(*millis))],
            Error::UnknownContact { id } => vec![("value", UInt(*id))],
            Error::InvalidOption {
                option,
                value,
                reason,
            } => vec![
                ("option", Text((*option).into())),
                ("value", Text(value.clone())),
                ("reason", Text((*reason).into())),
            ],
            Error::InvalidRegexRule { pattern, reason } => {
                vec![
                    ("pattern", Text(pattern.clone())),
                    ("reason", Text(reason.clone())),
                ]
            }
            Error::RegexTooBig { pattern, limit } => {
                vec![("pattern", Text(pattern.clone())), ("limit", UInt(*limit))]
            }
            Error::InvalidUtf8 { offset } => vec![("offset", UInt(*offset))],
            Error::InvalidClassifierConfig { field, reason } => vec![
                ("field", Text(field.clone())),
                ("reason", Text((*reason).into())),
            ],
            Error::InvalidWeight { field, value, max } => vec![
                ("field", Text(field.clone())),
                ("value", Text(value.clone())),
                ("max", UInt(*max)),
            ],
            Error::EmptyTrainingSet => vec![],
            Error::LabelCountMismatch { texts, labels } => {
                vec![("texts", UInt(*texts)), ("labels", UInt(*labels))]
            }
            Error::UnknownLabel { name } => vec![("value", Text(name.clone()))],
            Error::EmptyQuestion { index } => vec![("index", UInt(*index as u64))],
            Error::UnknownTimezone { name } | Error::UnknownWeekday { name } => {
                vec![("value", Text(name.clone()))]
            }
            Error::InvalidInterval { value, reason }
            | Error::InvalidHolidayDate { value, reason } => {
                vec![
                    ("value", Text(value.clone())),
                    ("reason", Text((*reason).into())),
                ]
            }
            Error::EmptyInterval { value } => vec![("value", Text(value.clone()))],
            Error::OverlappingIntervals { day, first, second } => vec![
                ("day", Text(day.clone())),
                ("value", Text(first.clone())),
                ("other", Text(second.clone())),
            ],
            Error::CalendarNeverOpen => vec![],
            Error::BeyondHorizon { from, years } => vec![
                ("value", Text(from.clone())),
                ("years", UInt(u64::from(*years))),
            ],
            Error::BatchLengthMismatch { left, right } => {
                vec![("left", UInt(*left as u64)), ("right", UInt(*right as u64))]
            }
            Error::InvalidIcs { line, reason } => vec![
                ("line", UInt(*line as u64)),
                ("reason", Text((*reason).into())),
            ],
            Error::InvalidDuration { value, reason } | Error::InvalidWarning { value, reason } => {
                vec![
                    ("value", Text(value.clone())),
                    ("reason", Text((*reason).into())),
                ]
            }
            Error::NonPositiveDuration { value } => vec![("value", Text(value.clone()))],
            Error::UnknownCalendar { name }
            | Error::UnknownMetric { name }
            | Error::UnknownPriority { name }
            | Error::UnknownEventType { name } => vec![("value", Text(name.clone()))],
            Error::InvalidEvent { id, reason } => vec![
                ("value", Text(id.clone())),
                ("reason", Text((*reason).into())),
            ],
            Error::DuplicateEventId { id } => vec![("value", Text(id.clone()))],
            Error::UnsupportedSnapshotVersion { version } => {
                vec![("value", UInt(*version))]
            }
            Error::InvalidEstimatorSetting { field, value } => vec![
                ("field", Text((*field).into())),
                ("value", Text(value.clone())),
            ],
            Error::ReportPartMismatch {
                field,
                value,
                other,
            } => vec![
                ("field", Text((*field).into())),
                ("value", Text(value.clone())),
                ("other", Text(other.clone())),
            ],
            Error::InvalidRecord {
                line,
                column,
                reason,
            } => vec![
                ("line", UInt(*line)),
                ("column", Text(column.clone())),
                ("reason", Text(reason.clone())),
            ],
            Error::Internal { message } => vec![("detail", Text(message.clone()))],
        }
    }

    /// The error family, which the Python binding maps to an exception class
    /// (`ValueError` subclasses for bad input, `LookupError` for unknown ids).
    pub fn family(&self) -> ErrorFamily {
        match self {
            Error::UnknownContact { .. } => ErrorFamily::Lookup,
            Error::Internal { .. } => ErrorFamily::Internal,
            Error::InvalidJson { .. } => ErrorFamily::Json,
            _ => ErrorFamily::InvalidInput,
        }
    }

    /// The `internal` error for a panic payload caught with `std::panic::catch_unwind`, so
    /// that every language boundary reports a bug the same way.
    #[cold]
    pub fn from_panic(payload: &(dyn std::any::Any + Send)) -> Error {
        let message = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "panic with a non-text payload".to_owned());
        Error::Internal { message }
    }

    #[cold]
    pub(crate) fn json(err: &serde_json::Error) -> Error {
        Error::InvalidJson {
            message: err.to_string(),
            line: err.line(),
            column: err.column(),
        }
    }
}

impl From<serde_json::Error> for Error {
    #[cold]
    fn from(err: serde_json::Error) -> Error {
        Error::json(&err)
    }
}

/// A typed field value of an [`Error`], as returned by [`Error::fields`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorField {
    /// Text, such as the bad value.
    Text(String),
    /// A non-negative number, such as a line.
    UInt(u64),
    /// A signed number, such as a negative duration.
    Int(i64),
}

impl fmt::Display for ErrorField {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ErrorField::Text(s) => f.write_str(s),
            ErrorField::UInt(n) => write!(f, "{n}"),
            ErrorField::Int(n) => write!(f, "{n}"),
        }
    }
}

/// The broad family of an [`Error`]: what kind of mistake it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorFamily {
    /// A value the caller passed is malformed or out of range.
    InvalidInput,
    /// A JSON document did not parse or had the wrong shape.
    Json,
    /// An id that does not exist.
    Lookup,
    /// A bug in webcare.
    Internal,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::HashSet::new();
        for code in Error::CODES {
            assert!(seen.insert(code), "duplicate code {code}");
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }
}
