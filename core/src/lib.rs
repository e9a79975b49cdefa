//! # webcare
//!
//! webcare is the library a helpdesk embeds for social customer care: it knows one
//! customer across channels, tells complaints from noise in English and Dutch, holds every
//! channel to a response-time policy in exact business time, and catches the company
//! giving different answers on different channels.
//!
//! Time is always a parameter: webcare never reads the clock or the environment.
//!
//! ## Modules
//!
//! - [`calendar`]: business-hours [`Calendar`]s (time zone, weekly hours, holidays, 24/7,
//!   follow-the-sun unions) and exact business time across DST: `add`, `sub`, `elapsed`.
//! - [`case`]: a [`Case`] replays a conversation's events (in any order, deduplicated)
//!   into SLA clocks: read them at any instant, get the next deadline, explain each one.
//! - [`channel`]: the channels (X, Facebook, e-mail, ...) and whether they are public.
//! - [`classify`]: complaint classification in English and Dutch: label, severity, language
//!   and the signals behind them; configurable words and regex rules; a trainable model.
//! - [`contact`]: handles, the contact book and repeat contact across channels.
//! - [`message`]: one message on one channel, inbound or outbound.
//! - [`consistency`]: [`ConsistencyChecker`] groups the company's answers to the same
//!   question across channels and reports facts (amounts, durations, yes/no, ...) that
//!   disagree, in English and Dutch.
//! - [`span`]: converting UTF-8 byte spans to code-point or UTF-16 offsets for bindings.
//! - [`expected`]: the expected response time to publish per channel, from recent first
//!   replies, with a sentence in English and Dutch.
//! - [`error`]: the one [`Error`] type, with stable codes.
//! - [`inbox`]: the streaming pipeline: messages in (JSON lines, CSV with a column mapping),
//!   conversations, contacts, classification, cases and triage; a prioritized queue out.
//! - [`report`]: the [`Report`] per channel: share answered, first-response times, SLA
//!   attainment, consistency, unresolved complaints by age, expected response time.
//! - [`policy`]: response-time [`Policy`]s: named calendars and ordered rules giving each
//!   [`Metric`] a target per [`Priority`]; [`Policy::preset`] follows the published facts.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
pub mod case;
pub mod channel;
pub mod classify;
pub mod consistency;
pub mod contact;
pub mod error;
pub mod expected;
pub mod inbox;
mod instant;
pub mod message;
pub mod policy;
pub mod report;
pub mod span;
pub mod triage;

pub use calendar::Calendar;
pub use case::Case;
pub use channel::Channel;
pub use classify::{
    Classification, Classifier, ClassifierConfig, Context, Label, LabelScores, Language,
    ModelWeights, RegexRule, Severity, SeverityLevel, Signal, SignalKind, TrainOptions, WordRule,
};
pub use consistency::{
    extract_facts, Answer, AnswerGroup, Conflict, ConsistencyChecker, ConsistencyOptions,
    ConsistencyReport, Fact, FactKind, Gap, PairRate, Verdict,
};
pub use contact::{
    Contact, ContactBook, ContactId, Handle, HandleKind, Link, RepeatContact, RepeatOptions,
};
pub use error::{Error, ErrorFamily, ErrorField, Result};
pub use inbox::{ColumnMapping, Inbox, InboxOptions, MessageReader, QueueItem};
pub use instant::{format_instant, parse_instant};
pub use message::{Direction, Message};
pub use policy::{Metric, Policy, Priority};
pub use report::{Report, ReportPart};
pub use triage::{Triage, TriageInput, TriageWeights, Triager};

/// Not public API: hooks the bindings' test suites use.
#[doc(hidden)]
pub mod __private {
    /// Panics with `message`, so that bindings can prove a panic in core reaches the host
    /// language as an error, not as a crash.
    pub fn panic_for_tests(message: &str) -> crate::Result<()> {
        panic!("{message}")
    }
}

/// The README's Rust snippet, compiled and run as a doctest so that it cannot drift.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
