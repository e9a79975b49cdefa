//! Repeat contact: one person reaching the company on several channels within a window.
//!
//! Someone who e-mailed on Monday, phoned on Tuesday and posts in public on Wednesday has
//! been let down twice already; such a customer is a red flag for any desk.

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use super::book::{ContactBook, ContactId};
use super::handle::Handle;
use crate::channel::Channel;
use crate::error::{Error, Result};
use crate::message::Message;

/// How [`ContactBook::repeat_contacts`] looks for repeat contact.
///
/// # Example
///
/// ```
/// use chrono::TimeDelta;
/// use webcare::RepeatOptions;
///
/// let options = RepeatOptions::new(TimeDelta::days(3))?.with_min_channels(3)?;
/// assert_eq!(options.min_channels(), 3);
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatOptions {
    window: TimeDelta,
    min_channels: usize,
}

impl Default for RepeatOptions {
    /// A window of 7 days (a working week and its weekend) and at least 2 channels.
    fn default() -> RepeatOptions {
        RepeatOptions {
            window: TimeDelta::days(7),
            min_channels: 2,
        }
    }
}

impl RepeatOptions {
    /// Options with the given window and the default minimum of 2 channels.
    ///
    /// # Errors
    ///
    /// `negative_duration` for a negative window.
    pub fn new(window: TimeDelta) -> Result<RepeatOptions> {
        if window < TimeDelta::zero() {
            return Err(Error::NegativeDuration {
                millis: window.num_milliseconds(),
            });
        }
        Ok(RepeatOptions {
            window,
            ..RepeatOptions::default()
        })
    }

    /// The same options, reporting only episodes on at least `n` distinct channels.
    ///
    /// # Errors
    ///
    /// `invalid_option` when `n` is 0.
    pub fn with_min_channels(self, n: usize) -> Result<RepeatOptions> {
        if n == 0 {
            return Err(Error::InvalidOption {
                option: "min_channels",
                value: n.to_string(),
                reason: "must be at least 1",
            });
        }
        Ok(RepeatOptions {
            min_channels: n,
            ..self
        })
    }

    /// The window.
    pub fn window(&self) -> TimeDelta {
        self.window
    }

    /// The minimum number of distinct channels.
    pub fn min_channels(&self) -> usize {
        self.min_channels
    }
}

/// One episode of repeat contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RepeatContact {
    /// The contact.
    pub contact: ContactId,
    /// Every handle of the contact.
    pub handles: Vec<Handle>,
    /// The distinct channels of the episode, in the order the customer first used them.
    pub channels: Vec<Channel>,
    /// The ids of the episode's inbound messages, in time order.
    pub messages: Vec<String>,
    /// The first message's instant.
    #[serde(with = "crate::instant::serde_utc")]
    pub first_at: DateTime<Utc>,
    /// The last message's instant.
    #[serde(with = "crate::instant::serde_utc")]
    pub last_at: DateTime<Utc>,
}

impl ContactBook {
    /// Every episode in which one person reached the company on at least
    /// `options.min_channels()` distinct channels within `options.window()`.
    ///
    /// Only inbound messages count. Per contact, messages are taken in time order (ties by
    /// id). An episode starts at a message and holds every message up to the window's end
    /// (inclusive); when it spans enough channels it is reported and the next episode
    /// starts after its last message, otherwise the start moves to the next message. The
    /// result is therefore independent of the order messages were added. Episodes are
    /// sorted by first instant, then contact.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{ContactBook, Message, RepeatOptions};
    ///
    /// let mut book = ContactBook::new();
    /// book.link("email:ann@example.nl".parse()?, "phone:+31612345678".parse()?, "same order")?;
    /// book.link("email:ann@example.nl".parse()?, "x:anndv".parse()?, "asked in DM")?;
    /// for (id, channel, author, at) in [
    ///     ("m1", "email", "ann@example.nl", "2026-03-02T09:00:00+01:00"),
    ///     ("m2", "phone", "+31 6 12345678", "2026-03-03T10:00:00+01:00"),
    ///     ("m3", "x", "@AnnDV", "2026-03-04T11:00:00+01:00"),
    /// ] {
    ///     book.add_message(Message::from_json(&format!(
    ///         r#"{{"id": "{id}", "channel": "{channel}", "direction": "inbound",
    ///             "author": "{author}", "sent_at": "{at}", "text": "..."}}"#))?)?;
    /// }
    /// let repeats = book.repeat_contacts(&RepeatOptions::default());
    /// assert_eq!(repeats.len(), 1);
    /// assert_eq!(repeats[0].messages, ["m1", "m2", "m3"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn repeat_contacts(&self, options: &RepeatOptions) -> Vec<RepeatContact> {
        let mut out = Vec::new();
        for contact in self.contacts() {
            let inbound: Vec<&Message> = contact
                .messages()
                .into_iter()
                .filter(|m| m.is_inbound())
                .collect();
            let mut start = 0;
            while start < inbound.len() {
                // A window past the end of representable time holds every later message.
                let limit = inbound[start].sent_at.checked_add_signed(options.window);
                let end = inbound[start..]
                    .iter()
                    .position(|m| limit.is_some_and(|limit| m.sent_at > limit))
                    .map_or(inbound.len(), |p| start + p);
                let episode = &inbound[start..end];
                let channels = distinct_in_order(episode);
                if channels.len() >= options.min_channels {
                    out.push(RepeatContact {
                        contact: contact.id(),
                        handles: contact.handles().cloned().collect(),
                        channels,
                        messages: episode.iter().map(|m| m.id.clone()).collect(),
                        first_at: episode[0].sent_at,
                        last_at: episode[episode.len() - 1].sent_at,
                    });
                    start = end;
                } else {
                    start += 1;
                }
            }
        }
        out.sort_by_key(|r| (r.first_at, r.contact));
        out
    }
}

fn distinct_in_order(messages: &[&Message]) -> Vec<Channel> {
    let mut first_use: BTreeMap<&Channel, usize> = BTreeMap::new();
    for (i, m) in messages.iter().enumerate() {
        first_use.entry(&m.channel).or_insert(i);
    }
    let mut channels: Vec<(usize, Channel)> =
        first_use.into_iter().map(|(c, i)| (i, c.clone())).collect();
    channels.sort();
    channels.into_iter().map(|(_, c)| c).collect()
}
