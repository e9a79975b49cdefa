//! The open intervals of one calendar, precomputed per local calendar year.
//!
//! A year's table holds, for every local date of the year, the UTC intervals that start on
//! it (exactly as [`Zoned::intervals_on`](super::timeline::Zoned) computes them, so with
//! holidays, DST and overnight intervals) and the open seconds of all earlier dates of the
//! year (cumulative sums). A walk reads a day's intervals from the table instead of
//! converting wall-clock boundaries, and skips any run of whole days with one binary
//! search.
//!
//! Tables belong to one calendar (shared by its clones), are built on first use of a year
//! and kept for the calendar's life: a few kilobytes per year used. Years outside
//! [`FIRST_YEAR`]`..=`[`LAST_YEAR`] are never tabled; the walk computes them day by day.

use std::fmt;
use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};

/// First and last local year that gets a table.
pub(crate) const FIRST_YEAR: i32 = 1900;
pub(crate) const LAST_YEAR: i32 = 2299;

/// The intervals of one local calendar year.
#[derive(Debug)]
pub(crate) struct YearTable {
    /// `first[d]..first[d + 1]` are the indexes in `ivs` of the intervals of day `d`
    /// (day 0 is January 1st); `days + 1` entries.
    first: Box<[u32]>,
    /// Open seconds of the days before day `d`; `days + 1` entries.
    cum: Box<[i64]>,
    /// The intervals `[start, end)` in UTC seconds, in time order.
    ivs: Box<[(i64, i64)]>,
    /// Days since the Unix epoch of January 1st.
    day0: i64,
}

impl YearTable {
    /// Builds the table of `year` from the intervals of each of its days.
    pub(crate) fn build(year: i32, mut day: impl FnMut(NaiveDate, &mut Vec<(i64, i64)>)) -> Self {
        let mut first = Vec::with_capacity(367);
        let mut cum = Vec::with_capacity(367);
        let mut ivs = Vec::new();
        let mut open = 0i64;
        let mut date = NaiveDate::from_ymd_opt(year, 1, 1);
        let day0 = date.map_or(0, |d| i64::from(d.num_days_from_ce() - 719_163));
        while let Some(d) = date.filter(|d| d.year() == year) {
            first.push(u32::try_from(ivs.len()).unwrap_or(u32::MAX));
            cum.push(open);
            let from = ivs.len();
            day(d, &mut ivs);
            open += ivs
                .get(from..)
                .unwrap_or(&[])
                .iter()
                .map(|(a, b)| b - a)
                .sum::<i64>();
            date = d.succ_opt();
        }
        first.push(u32::try_from(ivs.len()).unwrap_or(u32::MAX));
        cum.push(open);
        YearTable {
            first: first.into_boxed_slice(),
            cum: cum.into_boxed_slice(),
            ivs: ivs.into_boxed_slice(),
            day0,
        }
    }

    /// Number of days of the year.
    #[inline]
    pub(crate) fn days(&self) -> usize {
        self.cum.len() - 1
    }

    /// The intervals of day `d` (0-based day of the year).
    #[inline]
    pub(crate) fn day(&self, d: usize) -> &[(i64, i64)] {
        let from = self.first.get(d).copied().unwrap_or(0) as usize;
        let to = self.first.get(d + 1).copied().unwrap_or(0) as usize;
        self.ivs.get(from..to).unwrap_or(&[])
    }

    /// Open seconds of days `from..to`.
    #[inline]
    pub(crate) fn open(&self, from: usize, to: usize) -> i64 {
        self.cum.get(to).copied().unwrap_or(0) - self.cum.get(from).copied().unwrap_or(0)
    }

    /// The intervals of days `from..`, in order.
    #[inline]
    pub(crate) fn intervals_from(&self, from: usize) -> &[(i64, i64)] {
        let at = self.first.get(from).copied().unwrap_or(0) as usize;
        self.ivs.get(at..).unwrap_or(&[])
    }

    /// The last day `to` in `from..=days` with `open(from, to) < below` (seconds).
    pub(crate) fn last_day_below(&self, from: usize, below: i64) -> usize {
        let base = self.cum.get(from).copied().unwrap_or(0);
        let tail = self.cum.get(from..).unwrap_or(&[]);
        // `cum` never decreases: the days that fit are a prefix.
        from + tail.partition_point(|c| c - base < below).saturating_sub(1)
    }

    /// The last day `to` in `from..=days` such that every interval of days `from..to`
    /// ends by `limit` (UTC seconds).
    pub(crate) fn last_day_ending_by(&self, from: usize, limit: i64) -> usize {
        let days = self.days();
        if self.ivs.last().is_none_or(|iv| iv.1 <= limit) {
            return days;
        }
        // Every interval of a day ends before the local midnight two days later, and local
        // dates are within a day of UTC dates: the answer is at or after the day two before
        // the UTC date of `limit`. Try there and walk on a few days.
        let start = self.first.get(from).copied().unwrap_or(0) as usize;
        let fits = |to: usize| {
            let end = self.first.get(to).copied().unwrap_or(0) as usize;
            end <= start || self.ivs.get(end - 1).is_some_and(|iv| iv.1 <= limit)
        };
        let guess = limit.div_euclid(86_400) - self.day0 - 2;
        if let Ok(guess) = usize::try_from(guess) {
            let mut to = guess.clamp(from, days);
            if fits(to) {
                for _ in 0..8 {
                    if to >= days || !fits(to + 1) {
                        return to;
                    }
                    to += 1;
                }
            }
        }
        self.search_ending_by(from, limit)
    }

    /// [`YearTable::last_day_ending_by`] by binary search.
    fn search_ending_by(&self, from: usize, limit: i64) -> usize {
        let start = self.first.get(from).copied().unwrap_or(0) as usize;
        let ivs = self.ivs.get(start..).unwrap_or(&[]);
        // Intervals are in time order: those ending by `limit` are a prefix.
        let fit = start + ivs.partition_point(|iv| iv.1 <= limit);
        let firsts = self.first.get(from..).unwrap_or(&[]);
        from + firsts
            .partition_point(|f| (*f as usize) <= fit)
            .saturating_sub(1)
    }
}

/// Tables of one calendar by year (its local years, or its UTC years' ledgers), built as
/// years are used.
pub(crate) struct Years<T> {
    slots: OnceLock<Box<[OnceLock<T>]>>,
}

impl<T> Default for Years<T> {
    fn default() -> Self {
        Years {
            slots: OnceLock::new(),
        }
    }
}

impl<T> fmt::Debug for Years<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let built = self
            .slots
            .get()
            .map_or(0, |s| s.iter().filter(|y| y.get().is_some()).count());
        write!(f, "Years {{ built: {built} }}")
    }
}

impl<T> Years<T> {
    /// The table of `year`, built with `build` on first use; `None` outside the tabled
    /// years.
    #[inline]
    pub(crate) fn get(&self, year: i32, build: impl FnOnce() -> T) -> Option<&T> {
        Some(self.slot(year)?.get_or_init(build))
    }

    /// The table of `year`, built with `build` on first use unless `build` fails; `None`
    /// outside the tabled years or when `build` gives `None`.
    #[inline]
    pub(crate) fn try_get(&self, year: i32, build: impl FnOnce() -> Option<T>) -> Option<&T> {
        let slot = self.slot(year)?;
        if let Some(table) = slot.get() {
            return Some(table);
        }
        let table = build()?;
        Some(slot.get_or_init(|| table))
    }

    #[inline]
    fn slot(&self, year: i32) -> Option<&OnceLock<T>> {
        let index = usize::try_from(year.checked_sub(FIRST_YEAR)?).ok()?;
        let slots = self.slots.get_or_init(|| {
            (FIRST_YEAR..=LAST_YEAR)
                .map(|_| OnceLock::new())
                .collect::<Vec<_>>()
                .into_boxed_slice()
        });
        slots.get(index)
    }
}
