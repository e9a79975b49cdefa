//! `webcare.Estimator` and `webcare.Estimate`, wrapping `webcare::expected`: the expected
//! response time a desk publishes per channel.

use chrono::TimeDelta;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use webcare::expected::{Estimator, Language, Method, ResponseSample, Window};
use webcare::Error;

use crate::channel::{extract_channel, PyChannel};
use crate::convert::{guard, instant};

/// An expected-response-time estimator: a window, a method and a minimum sample size.
///
/// `Estimator(window, size, method, value, min_samples)`: `window` is `"last_replies"`
/// (the last `size` first replies), `"last_hours"` or `"last_days"`; `method` is
/// `"percentile"` (`value` in (0, 100]) or `"fastest_share_mean"` (`value` in (0, 1]).
/// The named constructors use core's default minimum (5 samples).
#[pyclass(name = "Estimator", module = "webcare", frozen)]
#[derive(Debug, Clone)]
pub struct PyEstimator(Estimator);

fn setting(option: &'static str, value: &str, reason: &'static str) -> Error {
    Error::InvalidOption {
        option,
        value: value.to_owned(),
        reason,
    }
}

/// A sample given as `(channel, customer_at, first_reply_at)` or as a dict with those keys.
fn extract_sample(value: &Bound<'_, PyAny>) -> PyResult<ResponseSample> {
    if let Ok(d) = value.cast::<PyDict>() {
        let get = |key: &str| -> PyResult<Bound<'_, PyAny>> {
            d.get_item(key)?
                .ok_or_else(|| PyTypeError::new_err(format!("a sample dict needs {key:?}")))
        };
        return Ok(ResponseSample::new(
            extract_channel(&get("channel")?)?,
            instant(&get("customer_at")?)?,
            instant(&get("first_reply_at")?)?,
        ));
    }
    let (channel, customer_at, first_reply_at): (
        Bound<'_, PyAny>,
        Bound<'_, PyAny>,
        Bound<'_, PyAny>,
    ) = value.extract().map_err(|_| {
        PyTypeError::new_err(
            "a sample is (channel, customer_at, first_reply_at) or a dict with those keys",
        )
    })?;
    Ok(ResponseSample::new(
        extract_channel(&channel)?,
        instant(&customer_at)?,
        instant(&first_reply_at)?,
    ))
}

#[pymethods]
impl PyEstimator {
    #[new]
    fn new(
        py: Python<'_>,
        window: &str,
        size: u32,
        method: &str,
        value: f64,
        min_samples: usize,
    ) -> PyResult<Self> {
        guard(py, || {
            let window = match window {
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
            let method = match method {
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
            Estimator::new(window, method, min_samples)
        })
        .map(PyEstimator)
    }

    /// The `percentile` of the last `n` first replies.
    #[staticmethod]
    fn percentile_of_last(py: Python<'_>, n: usize, percentile: f64) -> PyResult<Self> {
        guard(py, || Estimator::percentile_of_last(n, percentile)).map(PyEstimator)
    }

    /// The `percentile` of the first replies of the last `hours` hours.
    #[staticmethod]
    fn percentile_of_last_hours(py: Python<'_>, hours: u32, percentile: f64) -> PyResult<Self> {
        guard(py, || {
            Estimator::percentile_of_last_hours(hours, percentile)
        })
        .map(PyEstimator)
    }

    /// The mean of the fastest 90% of the first replies of the last 30 days.
    #[staticmethod]
    fn fastest_90_percent_of_30_days() -> Self {
        PyEstimator(Estimator::fastest_90_percent_of_30_days())
    }

    /// The same estimator with another minimum sample size.
    fn with_min_samples(&self, py: Python<'_>, min_samples: usize) -> PyResult<Self> {
        guard(py, || self.0.with_min_samples(min_samples)).map(PyEstimator)
    }

    /// The estimate per channel at `now`, one per channel that has samples, built-in
    /// channels first. Samples are `(channel, customer_at, first_reply_at)` tuples or dicts
    /// with those keys. Runs without the GIL.
    fn estimate(
        &self,
        py: Python<'_>,
        samples: &Bound<'_, PyAny>,
        now: &Bound<'_, PyAny>,
    ) -> PyResult<Vec<PyEstimate>> {
        let samples = samples
            .try_iter()?
            .map(|s| extract_sample(&s?))
            .collect::<PyResult<Vec<_>>>()?;
        let now = instant(now)?;
        let estimator = self.0;
        let estimates = guard(py, || Ok(py.detach(|| estimator.estimate(&samples, now))))?;
        Ok(estimates.into_iter().map(PyEstimate).collect())
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.0)
    }
}

/// The estimate for one channel.
#[pyclass(name = "Estimate", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyEstimate(webcare::expected::Estimate);

#[pymethods]
impl PyEstimate {
    /// The channel.
    #[getter]
    fn channel(&self) -> PyChannel {
        PyChannel(self.0.channel.clone())
    }

    /// How many first replies were in the window.
    #[getter]
    fn sample_size(&self) -> usize {
        self.0.sample_size
    }

    /// The figure; `None` when there are fewer samples than the minimum.
    #[getter]
    fn time(&self) -> Option<TimeDelta> {
        self.0.time
    }

    /// The figure rounded up the way a person says it: whole minutes up to 5, then steps
    /// of 5 minutes, an hour, an hour and a half, whole hours, whole days.
    #[getter]
    fn rounded(&self) -> Option<TimeDelta> {
        self.0.rounded()
    }

    /// The sentence to publish in `"en"` ("We usually reply within 25 minutes") or `"nl"`
    /// ("Meestal reageren we binnen 25 minuten"); `None` when there are too few samples.
    fn sentence(&self, py: Python<'_>, language: &str) -> PyResult<Option<String>> {
        let language = guard(py, || match language {
            "en" => Ok(Language::English),
            "nl" => Ok(Language::Dutch),
            other => Err(setting("language", other, "expected en or nl")),
        })?;
        Ok(self.0.sentence(language))
    }

    fn __repr__(&self) -> String {
        format!(
            "Estimate(channel={:?}, sample_size={}, time={:?})",
            self.0.channel.name(),
            self.0.sample_size,
            self.0.time.map(|t| t.num_seconds())
        )
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyEstimator>()?;
    m.add_class::<PyEstimate>()
}
