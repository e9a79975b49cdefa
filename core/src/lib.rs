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
//! - [`expected`]: the expected response time to publish per channel, from recent first
//!   replies, with a sentence in English and Dutch.
//! - [`error`]: the one [`Error`] type, with stable codes.
//! - [`policy`]: response-time [`Policy`]s: named calendars and ordered rules giving each
//!   [`Metric`] a target per [`Priority`]; [`Policy::preset`] follows the published facts.
#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod calendar;
pub mod case;
pub mod channel;
pub mod error;
pub mod expected;
mod instant;
pub mod policy;

pub use calendar::Calendar;
pub use case::Case;
pub use channel::Channel;
pub use error::{Error, ErrorFamily, ErrorField, Result};
pub use instant::{format_instant, parse_instant};
pub use policy::{Metric, Policy, Priority};
