//! Durations summarized as count, mean, median and 90th percentile, in bounded memory.
//!
//! A [`Quantiles`] accumulator keeps every sample exactly while it holds at most
//! [`EXACT_LIMIT`] (100,000) of them. Past that it folds them into a logarithmic bucket
//! sketch: a positive value `x` falls in bucket `ceil(ln x / ln γ)` with
//! `γ = (1 + α) / (1 - α)` and `α` = [`RELATIVE_ERROR`] (1%), and a bucket reads as
//! `2 γ^i / (γ + 1)`, which is within 1% of every value in it. Zero and negative values
//! (a reply stamped at the same second as the message) count in a bucket of their own that
//! reads 0. Memory then stays at one counter per occupied bucket: about 1,000 buckets span
//! one second to three years.
//!
//! Percentiles are nearest-rank: the `p`-th percentile of `n` samples is the smallest
//! sample with at least `ceil(p / 100 * n)` samples at or below it (so the median of
//! `[1, 2, 3, 4]` is 2 and its 90th percentile 4). The mean is exact in both modes (a
//! running sum).
//!
//! # Merging
//!
//! [`Quantiles::merge`] adds another accumulator's samples. The result does not depend on
//! the order of merges: it stays exact while the samples together number at most
//! [`EXACT_LIMIT`], and beyond that it is the sketch of all of them (each sample counts in
//! the bucket of its value, whichever accumulator saw it). Only the mean's running sum is
//! added in merge order, so a mean of fractional seconds can differ in its last bits
//! (durations in whole seconds add exactly).
//!
//! # JSON
//!
//! `{"count": 3, "sum": 5400.0, "exact": [600.0, 1800.0, 3000.0]}` while exact;
//! `{"count": 200000, "sum": ..., "exact": [], "sketch": [[bucket, count], ...]}` once past
//! the limit (bucket `-2147483648` holds zero and below).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Up to this many samples the quantiles are exact.
pub const EXACT_LIMIT: usize = 100_000;

/// The relative error of a quantile read from the sketch.
pub const RELATIVE_ERROR: f64 = 0.01;

/// An accumulator of durations in seconds (see the [module docs](self)).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "QuantilesDoc", into = "QuantilesDoc")]
pub struct Quantiles {
    count: u64,
    sum: f64,
    exact: Vec<f64>,
    /// Bucket index to count, once past [`EXACT_LIMIT`]; `i32::MIN` holds zero and below.
    sketch: Option<BTreeMap<i32, u64>>,
}

/// The JSON form of a [`Quantiles`].
#[derive(Debug, Clone, Serialize, Deserialize)]
struct QuantilesDoc {
    count: u64,
    sum: f64,
    #[serde(default)]
    exact: Vec<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sketch: Option<Vec<(i32, u64)>>,
}

impl From<Quantiles> for QuantilesDoc {
    fn from(q: Quantiles) -> QuantilesDoc {
        QuantilesDoc {
            count: q.count,
            sum: q.sum,
            exact: q.exact,
            sketch: q.sketch.map(|b| b.into_iter().collect()),
        }
    }
}

impl TryFrom<QuantilesDoc> for Quantiles {
    type Error = String;

    fn try_from(doc: QuantilesDoc) -> Result<Quantiles, String> {
        let sketch = match doc.sketch {
            None => None,
            Some(list) => {
                if !doc.exact.is_empty() {
                    return Err("quantiles with a sketch hold no exact samples".into());
                }
                let mut buckets = BTreeMap::new();
                for (i, n) in list {
                    let entry: &mut u64 = buckets.entry(i).or_insert(0);
                    *entry = entry
                        .checked_add(n)
                        .ok_or("quantiles sketch counts overflow")?;
                }
                Some(buckets)
            }
        };
        let held = match &sketch {
            None => doc.exact.len() as u64,
            Some(buckets) => buckets
                .values()
                .try_fold(0u64, |total, n| total.checked_add(*n))
                .ok_or("quantiles sketch counts overflow")?,
        };
        if held != doc.count || doc.exact.len() > EXACT_LIMIT {
            return Err(format!(
                "quantiles count {} does not match the {held} samples held",
                doc.count
            ));
        }
        if !doc.sum.is_finite() || doc.exact.iter().any(|x| !x.is_finite()) {
            return Err("quantiles hold a number that is not finite".into());
        }
        Ok(Quantiles {
            count: doc.count,
            sum: doc.sum,
            exact: doc.exact,
            sketch,
        })
    }
}

/// The summary of a [`Quantiles`]: what a report shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// How many samples.
    pub count: u64,
    /// The mean in seconds; `None` without samples.
    pub mean_s: Option<f64>,
    /// The nearest-rank median in seconds; `None` without samples.
    pub median_s: Option<f64>,
    /// The nearest-rank 90th percentile in seconds; `None` without samples.
    pub p90_s: Option<f64>,
    /// `true` while the quantiles are exact; `false` once read from the sketch (within 1%).
    pub exact: bool,
}

fn gamma() -> f64 {
    (1.0 + RELATIVE_ERROR) / (1.0 - RELATIVE_ERROR)
}

fn bucket(x: f64) -> i32 {
    if x <= 0.0 {
        return i32::MIN;
    }
    (x.ln() / gamma().ln()).ceil() as i32
}

fn bucket_value(i: i32) -> f64 {
    if i == i32::MIN {
        return 0.0;
    }
    let g = gamma();
    2.0 * g.powi(i) / (g + 1.0)
}

impl Quantiles {
    /// An empty accumulator.
    pub fn new() -> Quantiles {
        Quantiles::default()
    }

    /// Adds one sample, in seconds.
    pub fn add(&mut self, seconds: f64) {
        self.count += 1;
        self.sum += seconds;
        match &mut self.sketch {
            Some(buckets) => *buckets.entry(bucket(seconds)).or_insert(0) += 1,
            None => {
                self.exact.push(seconds);
                if self.exact.len() > EXACT_LIMIT {
                    let mut buckets = BTreeMap::new();
                    for x in self.exact.drain(..) {
                        *buckets.entry(bucket(x)).or_insert(0) += 1;
                    }
                    self.exact.shrink_to_fit();
                    self.sketch = Some(buckets);
                }
            }
        }
    }

    /// Adds every sample of `other`.
    pub fn merge(&mut self, other: &Quantiles) {
        match &other.sketch {
            None => other.exact.iter().for_each(|x| self.add(*x)),
            Some(theirs) => {
                let mut mine = self.sketch.take().unwrap_or_default();
                for x in self.exact.drain(..) {
                    *mine.entry(bucket(x)).or_insert(0) += 1;
                }
                for (i, n) in theirs {
                    let entry = mine.entry(*i).or_insert(0);
                    *entry = entry.saturating_add(*n);
                }
                self.count = self.count.saturating_add(other.count);
                self.sum += other.sum;
                self.sketch = Some(mine);
            }
        }
    }

    /// How many samples.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The nearest-rank `p`-th percentile (0 < p <= 100), or `None` without samples.
    pub fn percentile(&self, p: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let rank = ((p / 100.0) * self.count as f64).ceil().max(1.0) as u64;
        match &self.sketch {
            None => {
                let mut sorted = self.exact.clone();
                sorted.sort_by(f64::total_cmp);
                let at = usize::try_from(rank - 1).unwrap_or(usize::MAX);
                sorted.get(at.min(sorted.len().saturating_sub(1))).copied()
            }
            Some(buckets) => {
                let mut seen = 0;
                for (i, n) in buckets {
                    seen += n;
                    if seen >= rank {
                        return Some(bucket_value(*i));
                    }
                }
                buckets.keys().next_back().map(|i| bucket_value(*i))
            }
        }
    }

    /// Count, mean, median and 90th percentile.
    pub fn summary(&self) -> Summary {
        let (median_s, p90_s) = match &self.sketch {
            None if self.count > 0 => {
                let mut sorted = self.exact.clone();
                sorted.sort_by(f64::total_cmp);
                let at = |p: f64| {
                    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
                    sorted.get(rank - 1).copied()
                };
                (at(50.0), at(90.0))
            }
            _ => (self.percentile(50.0), self.percentile(90.0)),
        };
        Summary {
            count: self.count,
            mean_s: (self.count > 0).then(|| self.sum / self.count as f64),
            median_s,
            p90_s,
            exact: self.sketch.is_none(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_on_small_sets() {
        let mut q = Quantiles::new();
        for x in [4.0, 1.0, 3.0, 2.0] {
            q.add(x);
        }
        let s = q.summary();
        assert_eq!(s.count, 4);
        assert_eq!(s.median_s, Some(2.0));
        assert_eq!(s.p90_s, Some(4.0));
        assert_eq!(s.mean_s, Some(2.5));
        assert!(s.exact);
        assert_eq!(Quantiles::new().summary().median_s, None);
    }

    #[test]
    fn sketch_stays_within_its_relative_error() {
        let mut q = Quantiles::new();
        let n = EXACT_LIMIT as u64 * 2;
        for i in 1..=n {
            q.add(i as f64);
        }
        let s = q.summary();
        assert!(!s.exact);
        let median = s.median_s.unwrap_or_default();
        let want = (n / 2) as f64;
        assert!(
            (median - want).abs() <= want * RELATIVE_ERROR,
            "{median} vs {want}"
        );
        let p90 = s.p90_s.unwrap_or_default();
        let want = (n * 9 / 10) as f64;
        assert!(
            (p90 - want).abs() <= want * RELATIVE_ERROR,
            "{p90} vs {want}"
        );
        assert_eq!(s.mean_s, Some((n + 1) as f64 / 2.0));
    }

    fn filled(range: std::ops::Range<u64>) -> Quantiles {
        let mut q = Quantiles::new();
        for i in range {
            q.add((i % 7_919) as f64 + (i / 7_919) as f64);
        }
        q
    }

    #[test]
    fn merges_stay_exact_up_to_the_limit_and_do_not_depend_on_order() {
        let half = EXACT_LIMIT as u64 / 2;
        // Exactly at the limit: still exact, same figures as one accumulator.
        let mut ab = filled(0..half);
        ab.merge(&filled(half..2 * half));
        let one = filled(0..2 * half);
        assert!(ab.summary().exact);
        assert_eq!(ab.summary(), one.summary());
        // Past it: the sketch of all samples, whichever way round.
        let (a, b, c) = (
            filled(0..half),
            filled(half..2 * half),
            filled(2 * half..2 * half + 10),
        );
        let mut abc = a.clone();
        abc.merge(&b);
        abc.merge(&c);
        let mut cba = c.clone();
        cba.merge(&b);
        cba.merge(&a);
        let mut a_bc = b.clone();
        a_bc.merge(&c);
        let mut left = a.clone();
        left.merge(&a_bc);
        let all = filled(0..2 * half + 10);
        assert!(!all.summary().exact);
        for q in [&abc, &cba, &left] {
            assert_eq!(q.summary(), all.summary());
            assert_eq!(q.sketch, all.sketch);
        }
    }

    #[test]
    fn json_round_trips_and_checks_its_counts() {
        for q in [filled(0..5), filled(0..EXACT_LIMIT as u64 + 3)] {
            let text = serde_json::to_string(&q).unwrap_or_default();
            assert_eq!(serde_json::from_str::<Quantiles>(&text).ok(), Some(q));
        }
        for bad in [
            r#"{"count": 2, "sum": 1.0, "exact": [1.0]}"#,
            r#"{"count": 1, "sum": 1.0, "exact": [1.0], "sketch": [[0, 1]]}"#,
            r#"{"count": 18446744073709551615, "sum": 1.0, "sketch": [[0, 18446744073709551615], [1, 1]]}"#,
        ] {
            assert!(serde_json::from_str::<Quantiles>(bad).is_err(), "{bad}");
        }
    }
}
