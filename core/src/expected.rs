//! The expected response time a desk publishes per channel ("We usually reply within 25
//! minutes"), estimated from recent (customer message, first reply) pairs.
//!
//! Two methods, both configurable:
//!
//! - [`Window`]-bounded **percentile**: the nearest-rank percentile (the smallest sample
//!   with at least `p`% of the samples at or below it) of the last N first replies, or of
//!   those in the last H hours.
//! - **Mean of the fastest share**: the mean of the fastest 90% (configurable) of the first
//!   replies of the last 30 days (configurable), the rule a large social network uses for
//!   the response badge of a page. Dropping the slowest tenth keeps one forgotten
//!   conversation from dominating the figure.
//!
//! Samples count by the instant of their first reply; a pair whose reply comes before the
//! message is ignored. With fewer samples than the minimum (5 unless set) the estimate is
//! `None`: too few replies to promise anything.
//!
//! # Example
//!
//! ```
//! use webcare::expected::{Estimator, Language, ResponseSample};
//! use webcare::Channel;
//! use chrono::{DateTime, TimeDelta, Utc};
//!
//! let now: DateTime<Utc> = "2026-03-06T12:00:00Z".parse()?;
//! let samples: Vec<ResponseSample> = [12, 18, 20, 23, 9, 15]
//!     .iter()
//!     .enumerate()
//!     .map(|(i, m)| {
//!         let at = now - TimeDelta::hours(i as i64 + 1);
//!         ResponseSample::new(Channel::X, at, at + TimeDelta::minutes(*m))
//!     })
//!     .collect();
//! let est = Estimator::percentile_of_last(100, 90.0)?.estimate(&samples, now);
//! assert_eq!(est[0].sample_size, 6);
//! assert_eq!(est[0].time, Some(TimeDelta::minutes(23)));
//! assert_eq!(est[0].sentence(Language::English).as_deref(), Some("We usually reply within 25 minutes"));
//! assert_eq!(est[0].sentence(Language::Dutch).as_deref(), Some("Meestal reageren we binnen 25 minuten"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::BTreeMap;

use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::error::{Error, Result};

/// One customer message and the first reply to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseSample {
    /// The channel of the conversation.
    pub channel: Channel,
    /// When the customer wrote.
    #[serde(with = "crate::instant::serde_utc")]
    pub customer_at: DateTime<Utc>,
    /// When the first reply the customer could see was sent.
    #[serde(with = "crate::instant::serde_utc")]
    pub first_reply_at: DateTime<Utc>,
}

impl ResponseSample {
    /// A sample from its parts.
    pub fn new(
        channel: Channel,
        customer_at: DateTime<Utc>,
        first_reply_at: DateTime<Utc>,
    ) -> ResponseSample {
        ResponseSample {
            channel,
            customer_at,
            first_reply_at,
        }
    }
}

/// Which first replies count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Window {
    /// The last `n` first replies (by reply instant) at or before now.
    LastReplies(usize),
    /// The first replies in the last `h` hours before now.
    LastHours(u32),
    /// The first replies in the last `d` days before now.
    LastDays(u32),
}

/// How the figure is computed from the replies in the window.
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub enum Method {
    /// The nearest-rank percentile (0 < p <= 100).
    Percentile(f64),
    /// The mean of the fastest share (0 < share <= 1) of the replies.
    FastestShareMean(f64),
}

/// An expected-response-time estimator: a window, a method and a minimum sample size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimator {
    window: Window,
    method: Method,
    min_samples: usize,
}

/// The language of a published sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Language {
    /// "We usually reply within 25 minutes".
    English,
    /// "Meestal reageren we binnen 25 minuten".
    Dutch,
}

/// The estimate for one channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Estimate {
    /// The channel.
    pub channel: Channel,
    /// How many first replies were in the window.
    pub sample_size: usize,
    /// The figure; `None` when there are fewer samples than the minimum.
    pub time: Option<TimeDelta>,
}

/// Reply instants and response times of one channel.
type Replies = Vec<(DateTime<Utc>, TimeDelta)>;

const DEFAULT_MIN_SAMPLES: usize = 5;

fn setting(field: &'static str, value: impl ToString) -> Error {
    Error::InvalidEstimatorSetting {
        field,
        value: value.to_string(),
    }
}

impl Estimator {
    /// An estimator from its parts.
    ///
    /// # Errors
    ///
    /// `invalid_estimator_setting` for an empty window (0 replies, hours or days), a
    /// percentile outside (0, 100], a share outside (0, 1], or a minimum of 0 samples.
    pub fn new(window: Window, method: Method, min_samples: usize) -> Result<Estimator> {
        match window {
            Window::LastReplies(0) => return Err(setting("last_replies", 0)),
            Window::LastHours(0) => return Err(setting("last_hours", 0)),
            Window::LastDays(0) => return Err(setting("last_days", 0)),
            _ => {}
        }
        match method {
            Method::Percentile(p) if !(p > 0.0 && p <= 100.0) => {
                return Err(setting("percentile", p))
            }
            Method::FastestShareMean(s) if !(s > 0.0 && s <= 1.0) => {
                return Err(setting("share", s))
            }
            _ => {}
        }
        if min_samples == 0 {
            return Err(setting("min_samples", 0));
        }
        Ok(Estimator {
            window,
            method,
            min_samples,
        })
    }

    /// The `percentile` of the last `n` first replies.
    ///
    /// # Errors
    ///
    /// As [`Estimator::new`].
    pub fn percentile_of_last(n: usize, percentile: f64) -> Result<Estimator> {
        Estimator::new(
            Window::LastReplies(n),
            Method::Percentile(percentile),
            DEFAULT_MIN_SAMPLES,
        )
    }

    /// The `percentile` of the first replies of the last `hours` hours.
    ///
    /// # Errors
    ///
    /// As [`Estimator::new`].
    pub fn percentile_of_last_hours(hours: u32, percentile: f64) -> Result<Estimator> {
        Estimator::new(
            Window::LastHours(hours),
            Method::Percentile(percentile),
            DEFAULT_MIN_SAMPLES,
        )
    }

    /// The mean of the fastest 90% of the first replies of the last 30 days.
    pub fn fastest_90_percent_of_30_days() -> Estimator {
        Estimator {
            window: Window::LastDays(30),
            method: Method::FastestShareMean(0.9),
            min_samples: DEFAULT_MIN_SAMPLES,
        }
    }

    /// The same estimator with another minimum sample size.
    ///
    /// # Errors
    ///
    /// `invalid_estimator_setting` when `min_samples` is 0.
    pub fn with_min_samples(self, min_samples: usize) -> Result<Estimator> {
        Estimator::new(self.window, self.method, min_samples)
    }

    /// The estimate per channel at `now`, one per channel that has samples, in the order
    /// of [`Channel`] (built-in channels first).
    pub fn estimate(&self, samples: &[ResponseSample], now: DateTime<Utc>) -> Vec<Estimate> {
        let mut per: BTreeMap<Channel, Replies> = BTreeMap::new();
        for s in samples {
            if s.first_reply_at < s.customer_at || s.first_reply_at > now {
                continue;
            }
            per.entry(s.channel.clone())
                .or_default()
                .push((s.first_reply_at, s.first_reply_at - s.customer_at));
        }
        per.into_iter()
            .map(|(channel, mut list)| {
                list.sort();
                let window: Vec<TimeDelta> = match self.window {
                    Window::LastReplies(n) => list.iter().rev().take(n).map(|(_, d)| *d).collect(),
                    Window::LastHours(h) => within(
                        &list,
                        now.checked_sub_signed(TimeDelta::hours(i64::from(h))),
                    ),
                    Window::LastDays(d) => {
                        within(&list, now.checked_sub_signed(TimeDelta::days(i64::from(d))))
                    }
                };
                let sample_size = window.len();
                let time = (sample_size >= self.min_samples).then(|| self.figure(window));
                Estimate {
                    channel,
                    sample_size,
                    time,
                }
            })
            .collect()
    }

    fn figure(&self, mut times: Vec<TimeDelta>) -> TimeDelta {
        times.sort();
        let n = times.len();
        match self.method {
            Method::Percentile(p) => {
                let rank = ((p / 100.0) * n as f64).ceil() as usize;
                times[rank.clamp(1, n) - 1]
            }
            Method::FastestShareMean(share) => {
                let keep = ((share * n as f64).ceil() as usize).clamp(1, n);
                let total: i64 = times[..keep].iter().map(|d| d.num_milliseconds()).sum();
                TimeDelta::milliseconds(total / keep as i64)
            }
        }
    }
}

/// The response times of replies after `after`; all of them when the window reaches back
/// beyond the representable instants (`None`).
fn within(list: &[(DateTime<Utc>, TimeDelta)], after: Option<DateTime<Utc>>) -> Vec<TimeDelta> {
    list.iter()
        .filter(|(at, _)| after.is_none_or(|a| *at > a))
        .map(|(_, d)| *d)
        .collect()
}

/// A duration rounded up the way a person says it, with its words.
struct Spoken {
    en: String,
    nl: String,
    rounded: TimeDelta,
}

fn spoken(d: TimeDelta) -> Spoken {
    let minutes = (d.num_seconds() + 59) / 60;
    let sp = |en: String, nl: String, m: i64| Spoken {
        en,
        nl,
        rounded: TimeDelta::minutes(m),
    };
    if minutes <= 1 {
        return sp("a minute".into(), "een minuut".into(), 1);
    }
    if minutes <= 5 {
        return sp(
            format!("{minutes} minutes"),
            format!("{minutes} minuten"),
            minutes,
        );
    }
    if minutes < 60 {
        let m = (minutes + 4) / 5 * 5;
        if m < 60 {
            return sp(format!("{m} minutes"), format!("{m} minuten"), m);
        }
    }
    if minutes <= 60 {
        return sp("an hour".into(), "een uur".into(), 60);
    }
    if minutes <= 90 {
        return sp("an hour and a half".into(), "anderhalf uur".into(), 90);
    }
    let hours = (minutes + 59) / 60;
    if hours < 24 {
        return sp(format!("{hours} hours"), format!("{hours} uur"), hours * 60);
    }
    let days = (hours + 23) / 24;
    if days == 1 {
        return sp("a day".into(), "een dag".into(), 24 * 60);
    }
    sp(
        format!("{days} days"),
        format!("{days} dagen"),
        days * 24 * 60,
    )
}

impl Estimate {
    /// The figure rounded up the way a person says it: whole minutes up to 5, then steps
    /// of 5 minutes, an hour, an hour and a half, whole hours, whole days.
    pub fn rounded(&self) -> Option<TimeDelta> {
        self.time.map(|t| spoken(t).rounded)
    }

    /// The sentence to publish ("We usually reply within 25 minutes" / "Meestal reageren
    /// we binnen 25 minuten"); `None` when there are too few samples.
    pub fn sentence(&self, language: Language) -> Option<String> {
        let s = spoken(self.time?);
        Some(match language {
            Language::English => format!("We usually reply within {}", s.en),
            Language::Dutch => format!("Meestal reageren we binnen {}", s.nl),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn say(minutes: i64, seconds: i64) -> (String, String) {
        let s = spoken(TimeDelta::minutes(minutes) + TimeDelta::seconds(seconds));
        (s.en, s.nl)
    }

    #[test]
    fn rounding_as_people_say_it() {
        assert_eq!(say(0, 20).0, "a minute");
        assert_eq!(say(3, 10), ("4 minutes".into(), "4 minuten".into()));
        assert_eq!(say(23, 0).0, "25 minutes");
        assert_eq!(say(25, 0).0, "25 minutes");
        assert_eq!(say(56, 0), ("an hour".into(), "een uur".into()));
        assert_eq!(
            say(61, 0),
            ("an hour and a half".into(), "anderhalf uur".into())
        );
        assert_eq!(say(91, 0), ("2 hours".into(), "2 uur".into()));
        assert_eq!(say(23 * 60 + 1, 0), ("a day".into(), "een dag".into()));
        assert_eq!(say(49 * 60, 0), ("3 days".into(), "3 dagen".into()));
    }

    #[test]
    fn settings_are_checked() {
        assert_eq!(
            Estimator::percentile_of_last(0, 50.0).unwrap_err().code(),
            "invalid_estimator_setting"
        );
        assert_eq!(
            Estimator::percentile_of_last(10, 0.0).unwrap_err().code(),
            "invalid_estimator_setting"
        );
        assert_eq!(
            Estimator::percentile_of_last(10, f64::NAN)
                .unwrap_err()
                .code(),
            "invalid_estimator_setting"
        );
        assert!(Estimator::fastest_90_percent_of_30_days()
            .with_min_samples(0)
            .is_err());
    }
}
