//! `Estimator`, wrapping `webcare::expected`: the expected response time a desk publishes
//! per channel. Samples and estimates are plain objects.

use napi::bindgen_prelude::*;
use napi::JsDate;
use napi_derive::napi;
use webcare::expected::{Estimator, Language, Method, ResponseSample, Window};
use webcare::Error;

use crate::channel::parse_channel;
use crate::convert::{guard, instant};

/// An expected-response-time estimator: a window, a method and a minimum sample size.
///
/// `new Estimator(window, size, method, value, minSamples)`: `window` is `'last_replies'`
/// (the last `size` first replies), `'last_hours'` or `'last_days'`; `method` is
/// `'percentile'` (`value` in (0, 100]) or `'fastest_share_mean'` (`value` in (0, 1]).
/// The factories use core's default minimum (5 samples).
#[napi(js_name = "Estimator")]
#[derive(Debug)]
pub struct JsEstimator(Estimator);

/// The estimate for one channel.
#[napi(object)]
#[derive(Debug)]
pub struct Estimate {
    /// The channel.
    pub channel: String,
    /// How many first replies were in the window.
    pub sample_size: u32,
    /// The figure in milliseconds; absent when there are fewer samples than the minimum.
    pub time_ms: Option<f64>,
    /// The figure rounded up the way a person says it, in milliseconds.
    pub rounded_ms: Option<f64>,
    /// "We usually reply within 25 minutes"; absent with too few samples.
    pub sentence_en: Option<String>,
    /// "Meestal reageren we binnen 25 minuten"; absent with too few samples.
    pub sentence_nl: Option<String>,
}

impl From<webcare::expected::Estimate> for Estimate {
    fn from(e: webcare::expected::Estimate) -> Estimate {
        Estimate {
            channel: e.channel.name().into_owned(),
            sample_size: u32::try_from(e.sample_size).unwrap_or(u32::MAX),
            time_ms: e.time.map(|t| t.num_milliseconds() as f64),
            rounded_ms: e.rounded().map(|t| t.num_milliseconds() as f64),
            sentence_en: e.sentence(Language::English),
            sentence_nl: e.sentence(Language::Dutch),
        }
    }
}

fn setting(option: &'static str, value: &str, reason: &'static str) -> Error {
    Error::InvalidOption {
        option,
        value: value.to_owned(),
        reason,
    }
}

/// Reads `{channel, customerAt, firstReplyAt}` (Dates) into a core sample.
fn sample_from_js(env: &Env, obj: &Object<'_>) -> Result<ResponseSample> {
    let channel: Option<String> = obj.get_named_property("channel")?;
    let channel = channel
        .ok_or_else(|| napi::Error::new(Status::InvalidArg, "sample.channel must be a string"))?;
    let customer_at: JsDate<'_> = obj.get_named_property("customerAt")?;
    let first_reply_at: JsDate<'_> = obj.get_named_property("firstReplyAt")?;
    Ok(ResponseSample::new(
        parse_channel(env, &channel)?,
        instant(env, &customer_at)?,
        instant(env, &first_reply_at)?,
    ))
}

#[napi]
impl JsEstimator {
    #[napi(constructor, catch_unwind)]
    pub fn new(
        env: &Env,
        #[napi(ts_arg_type = "'last_replies' | 'last_hours' | 'last_days'")] window: String,
        size: u32,
        #[napi(ts_arg_type = "'percentile' | 'fastest_share_mean'")] method: String,
        value: f64,
        min_samples: u32,
    ) -> Result<Self> {
        guard(env, || {
            let window = match window.as_str() {
                "last_replies" => Window::LastReplies(size as usize),
                "last_hours" => Window::LastHours(size),
                "last_days" => Window::LastDays(size),
                other => {
                    return Err(setting(
                        "window",
                        other,
                        "expected last_replies, last_hours or last_days",
                    ))
                }
            };
            let method = match method.as_str() {
                "percentile" => Method::Percentile(value),
                "fastest_share_mean" => Method::FastestShareMean(value),
                other => {
                    return Err(setting(
                        "method",
                        other,
                        "expected percentile or fastest_share_mean",
                    ))
                }
            };
            Estimator::new(window, method, min_samples as usize)
        })
        .map(JsEstimator)
    }

    /// The `percentile` of the last `n` first replies.
    #[napi(factory, catch_unwind)]
    pub fn percentile_of_last(env: &Env, n: u32, percentile: f64) -> Result<Self> {
        guard(env, || {
            Estimator::percentile_of_last(n as usize, percentile)
        })
        .map(JsEstimator)
    }

    /// The `percentile` of the first replies of the last `hours` hours.
    #[napi(factory, catch_unwind)]
    pub fn percentile_of_last_hours(env: &Env, hours: u32, percentile: f64) -> Result<Self> {
        guard(env, || {
            Estimator::percentile_of_last_hours(hours, percentile)
        })
        .map(JsEstimator)
    }

    /// The mean of the fastest 90% of the first replies of the last 30 days.
    #[napi(factory, js_name = "fastest90PercentOf30Days", catch_unwind)]
    pub fn fastest_90_percent_of_30_days() -> Self {
        JsEstimator(Estimator::fastest_90_percent_of_30_days())
    }

    /// The same estimator with another minimum sample size.
    #[napi(catch_unwind)]
    pub fn with_min_samples(&self, env: &Env, min_samples: u32) -> Result<JsEstimator> {
        guard(env, || self.0.with_min_samples(min_samples as usize)).map(JsEstimator)
    }

    /// The estimate per channel at `now`, one per channel that has samples, built-in
    /// channels first. Samples are `{channel, customerAt, firstReplyAt}` with Dates.
    #[napi(catch_unwind)]
    pub fn estimate(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Array<{ channel: string; customerAt: Date; firstReplyAt: Date }>")]
        samples: Vec<Object<'_>>,
        now: JsDate<'_>,
    ) -> Result<Vec<Estimate>> {
        let samples = samples
            .iter()
            .map(|s| sample_from_js(env, s))
            .collect::<Result<Vec<_>>>()?;
        let now = instant(env, &now)?;
        let estimator = self.0;
        guard(env, || Ok(estimator.estimate(&samples, now)))
            .map(|v| v.into_iter().map(Estimate::from).collect())
    }
}
