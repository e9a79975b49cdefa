//! First-response times counted in fixed buckets, in calendar and in business time.

use serde::{Deserialize, Serialize};

/// The upper edges (exclusive) of the first-response buckets, in seconds: 5 and 15
/// minutes, half an hour, 1, 2, 4 and 8 hours, a day and three days. The buckets are
/// `[0, 5m)`, `[5m, 15m)`, ..., `[1d, 3d)` and a last one for three days or more, so there
/// is always one bucket more than there are edges.
pub const RESPONSE_EDGES_S: [i64; 9] =
    [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200];

/// How many first responses fell in each bucket of [`RESPONSE_EDGES_S`].
///
/// JSON: `{"edges_s": [300, ...], "calendar": [n, ...], "business": [n, ...]}`, each count
/// list one longer than `edges_s`. Memory is fixed: ten counters per kind of time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResponseHistogram {
    /// The bucket edges in seconds ([`RESPONSE_EDGES_S`]).
    pub edges_s: Vec<i64>,
    /// First responses per bucket, in calendar time (the `first_response` samples).
    pub calendar: Vec<u64>,
    /// First responses per bucket, in business time (the `first_response_business` samples).
    pub business: Vec<u64>,
}

impl Default for ResponseHistogram {
    fn default() -> ResponseHistogram {
        ResponseHistogram {
            edges_s: RESPONSE_EDGES_S.to_vec(),
            calendar: vec![0; RESPONSE_EDGES_S.len() + 1],
            business: vec![0; RESPONSE_EDGES_S.len() + 1],
        }
    }
}

/// The bucket of a duration in seconds: the first whose upper edge lies above it.
pub(crate) fn bucket_of(seconds: f64) -> usize {
    RESPONSE_EDGES_S
        .iter()
        .position(|edge| seconds < *edge as f64)
        .unwrap_or(RESPONSE_EDGES_S.len())
}

impl ResponseHistogram {
    pub(crate) fn add_calendar(&mut self, seconds: f64) {
        if let Some(n) = self.calendar.get_mut(bucket_of(seconds)) {
            *n += 1;
        }
    }

    pub(crate) fn add_business(&mut self, seconds: f64) {
        if let Some(n) = self.business.get_mut(bucket_of(seconds)) {
            *n += 1;
        }
    }

    pub(crate) fn merge(&mut self, other: &ResponseHistogram) {
        for (mine, theirs) in self.calendar.iter_mut().zip(&other.calendar) {
            *mine = mine.saturating_add(*theirs);
        }
        for (mine, theirs) in self.business.iter_mut().zip(&other.business) {
            *mine = mine.saturating_add(*theirs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edges_are_exclusive_upper_bounds() {
        assert_eq!(bucket_of(0.0), 0);
        assert_eq!(bucket_of(299.9), 0);
        assert_eq!(bucket_of(300.0), 1);
        assert_eq!(bucket_of(3599.0), 3);
        assert_eq!(bucket_of(3600.0), 4);
        assert_eq!(bucket_of(259_199.0), 8);
        assert_eq!(bucket_of(259_200.0), 9);
        assert_eq!(bucket_of(1e12), 9);
        assert_eq!(bucket_of(-5.0), 0);
    }

    #[test]
    fn counts_and_merges() {
        let mut a = ResponseHistogram::default();
        a.add_calendar(60.0);
        a.add_business(7200.0);
        let mut b = ResponseHistogram::default();
        b.add_calendar(61.0);
        b.merge(&a);
        assert_eq!(b.calendar[0], 2);
        assert_eq!(b.business[5], 1);
        assert_eq!(b.calendar.len(), 10);
    }
}
