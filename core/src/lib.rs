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
//! - [`channel`]: the channels (X, Facebook, e-mail, ...) and whether they are public.
//! - [`classify`]: complaint classification in English and Dutch: label, severity, language
//!   and the signals behind them; configurable words and regex rules; a trainable model.
//! - [`error`]: the one [`Error`] type, with stable codes.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod channel;
pub mod classify;
pub mod error;
mod instant;

pub use channel::Channel;
pub use classify::{
    Classification, Classifier, ClassifierConfig, Context, Label, LabelScores, Language,
    ModelWeights, RegexRule, Severity, SeverityLevel, Signal, SignalKind, TrainOptions, WordRule,
};
pub use error::{Error, ErrorFamily, ErrorField, Result};
pub use instant::{format_instant, parse_instant};
