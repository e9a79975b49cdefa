//! Ledgers: the open time of a calendar, per UTC calendar year, and the one walk over them
//! that answers `add`, `sub` and `elapsed` for a single calendar and for a union alike.
//!
//! A year's ledger holds the calendar's open intervals clipped to the UTC year (merged
//! where they touch or overlap, so a union's ledger is the merge of its members'), as
//! nanoseconds from the year's first instant, and the open time before each interval.
//! The open time before any instant of the year is then one lookup: the instant's UTC day
//! narrows the search to that day's few intervals. A span, a due instant or a start
//! instant costs one or two lookups per end plus one step per whole year in between,
//! whatever its length, in 64-bit arithmetic.
//!
//! Ledgers exist for the UTC years whose neighbouring local years are tabled (see
//! [`cache`](super::cache)); a walk that needs any other year answers `None`, and the
//! caller walks day by day instead.

use chrono::{DateTime, Datelike, NaiveDate, TimeDelta, Timelike, Utc};

use crate::calendar::timeline::{Nanos, NANOS};

/// Nanoseconds per second, as `i64`.
const NS: i64 = 1_000_000_000;
/// Nanoseconds per day.
const DAY_NS: i64 = 86_400 * NS;

/// The open intervals of a calendar within one UTC calendar year.
#[derive(Debug)]
pub(crate) struct Ledger {
    /// The year's first instant, in seconds since the Unix epoch.
    start: i64,
    /// Nanoseconds in the year.
    len: i64,
    /// Disjoint, non-touching intervals `[start, end)`, nanoseconds from `start`, in order.
    ivs: Box<[(i64, i64)]>,
    /// Open nanoseconds before interval `i`; one entry more than `ivs` (the year's total).
    cum: Box<[i64]>,
    /// For UTC day `d` of the year: the index of the first interval starting on or after
    /// its first instant; one entry more than the year has days.
    day_first: Box<[u32]>,
}

impl Ledger {
    /// The ledger of UTC year `year` from intervals in seconds since the Unix epoch, in
    /// any order, overlapping or not; the parts outside the year are left out.
    pub(crate) fn from_secs(year: i32, ivs: impl IntoIterator<Item = (i64, i64)>) -> Ledger {
        let (start, days) = year_bounds(year);
        let len = days * DAY_NS;
        let ns = ivs
            .into_iter()
            .map(|(a, b)| {
                let clip = |t: i64| t.saturating_sub(start).clamp(0, days * 86_400) * NS;
                (clip(a), clip(b))
            })
            .collect();
        Ledger::from_ns(start, len, ns)
    }

    /// The ledger of UTC year `year` as the union of `members`' ledgers of that year.
    pub(crate) fn union<'a>(year: i32, members: impl IntoIterator<Item = &'a Ledger>) -> Ledger {
        let (start, days) = year_bounds(year);
        let ivs = members
            .into_iter()
            .flat_map(|m| m.ivs.iter().copied())
            .collect();
        Ledger::from_ns(start, days * DAY_NS, ivs)
    }

    fn from_ns(start: i64, len: i64, mut raw: Vec<(i64, i64)>) -> Ledger {
        raw.sort_unstable();
        let mut ivs: Vec<(i64, i64)> = Vec::with_capacity(raw.len());
        for (a, b) in raw {
            if a >= b {
                continue;
            }
            match ivs.last_mut() {
                Some(last) if a <= last.1 => last.1 = last.1.max(b),
                _ => ivs.push((a, b)),
            }
        }
        let mut cum = Vec::with_capacity(ivs.len() + 1);
        let mut open = 0;
        cum.push(0);
        for (a, b) in &ivs {
            open += b - a;
            cum.push(open);
        }
        let days = usize::try_from(len / DAY_NS).unwrap_or(0);
        let mut day_first = Vec::with_capacity(days + 1);
        let mut i = 0;
        for d in 0..=days {
            let from = i64::try_from(d).unwrap_or(i64::MAX).saturating_mul(DAY_NS);
            while ivs.get(i).is_some_and(|iv| iv.0 < from) {
                i += 1;
            }
            day_first.push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        Ledger {
            start,
            len,
            ivs: ivs.into_boxed_slice(),
            cum: cum.into_boxed_slice(),
            day_first: day_first.into_boxed_slice(),
        }
    }

    /// Open nanoseconds of the whole year.
    #[inline]
    fn total(&self) -> i64 {
        self.cum.last().copied().unwrap_or(0)
    }

    /// Open nanoseconds of the year before `ns` (nanoseconds from the year's start).
    #[inline]
    fn open_before(&self, ns: i64) -> i64 {
        // Intervals starting on earlier days start before `ns`, those of later days after.
        let day = usize::try_from(ns / DAY_NS).unwrap_or(0);
        let last = self.day_first.len().saturating_sub(2);
        let lo = self.day_first.get(day.min(last)).copied().unwrap_or(0) as usize;
        let hi = self.day_first.get(day.min(last) + 1).copied().unwrap_or(0) as usize;
        let within = self.ivs.get(lo..hi).unwrap_or(&[]);
        let i = lo + within.partition_point(|iv| iv.0 <= ns);
        match (i.checked_sub(1), self.ivs.get(i.wrapping_sub(1))) {
            (Some(k), Some(&(a, b))) => self.cum.get(k).copied().unwrap_or(0) + ns.min(b) - a,
            _ => 0,
        }
    }

    /// The first instant (nanoseconds from the year's start) at which the open time of the
    /// year before it reaches `target`, searching from interval `from` on;
    /// `0 < target <= total`.
    #[inline]
    fn reach(&self, target: i64, from: usize) -> i64 {
        // Galloping from `from`: a short target ends within a step or two.
        let ends = self.cum.get(1..).unwrap_or(&[]);
        let mut lo = from.min(ends.len());
        let mut step = 1;
        let mut hi = lo;
        while ends.get(hi).is_some_and(|c| *c < target) {
            lo = hi + 1;
            hi = hi.saturating_add(step).min(ends.len());
            step *= 2;
        }
        let i = lo
            + ends
                .get(lo..hi)
                .unwrap_or(&[])
                .partition_point(|c| *c < target);
        let base = self.cum.get(i).copied().unwrap_or(0);
        self.ivs
            .get(i)
            .map_or(self.len, |iv| iv.0 + (target - base))
    }

    /// The latest instant (nanoseconds from the year's start) at which the open time of
    /// the year before it is `target`; `0 <= target < total`.
    #[inline]
    fn back_to(&self, target: i64) -> i64 {
        let starts = self.cum.get(..self.ivs.len()).unwrap_or(&[]);
        let i = starts.partition_point(|c| *c <= target).saturating_sub(1);
        let base = self.cum.get(i).copied().unwrap_or(0);
        self.ivs.get(i).map_or(0, |iv| iv.0 + (target - base))
    }

    /// The index of the first interval that ends after `ns`.
    #[inline]
    fn index_at(&self, ns: i64) -> usize {
        let day = usize::try_from(ns / DAY_NS).unwrap_or(0);
        let last = self.day_first.len().saturating_sub(2);
        let lo =
            (self.day_first.get(day.min(last)).copied().unwrap_or(0) as usize).saturating_sub(1);
        lo + self
            .ivs
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|iv| iv.1 <= ns)
            .count()
    }
}

#[cfg(test)]
thread_local! {
    /// Set by tests to compare the ledger walk with the day-by-day walk.
    static OFF: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether tests switched the ledgers off on this thread (never outside tests).
#[inline]
pub(crate) fn switched_off() -> bool {
    #[cfg(test)]
    if OFF.with(std::cell::Cell::get) {
        return true;
    }
    false
}

/// Ledgers by UTC year, built on first use.
pub(crate) trait Ledgers {
    /// The ledger of UTC year `year`; `None` when that year is not tabled.
    fn ledger(&self, year: i32) -> Option<&Ledger>;
}

/// An instant as its UTC year and the nanoseconds since that year's first instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Pos {
    year: i32,
    ns: i64,
}

impl Pos {
    /// The position of `t`, read from chrono's calendar fields (no division).
    #[inline]
    pub(crate) fn of(t: DateTime<Utc>) -> Pos {
        let n = t.naive_utc();
        let secs = i64::from(n.ordinal0()) * 86_400 + i64::from(n.num_seconds_from_midnight());
        // A leap second's nanoseconds run past 10^9: the instant one second later, as
        // everywhere else in webcare.
        let ns = secs * NS + i64::from(n.nanosecond());
        let year = n.year();
        if ns >= 365 * DAY_NS {
            let len = if n.date().leap_year() { 366 } else { 365 } * DAY_NS;
            if ns >= len {
                return Pos {
                    year: year.saturating_add(1),
                    ns: ns - len,
                };
            }
        }
        Pos { year, ns }
    }
}

/// What a walk over the ledgers found.
#[derive(Debug)]
pub(crate) enum Found {
    /// The answer instant.
    At(DateTime<Utc>),
    /// No answer within the horizon.
    Beyond,
}

/// The open time between `a` and `b` (`a <= b`), or `None` when a year between them has
/// no ledger.
#[inline]
pub(crate) fn elapsed(l: &impl Ledgers, a: Pos, b: Pos) -> Option<Nanos> {
    let first = l.ledger(a.year)?;
    if a.year == b.year {
        return Some(Nanos::from(
            first.open_before(b.ns) - first.open_before(a.ns),
        ));
    }
    let mut sum = Nanos::from(first.total() - first.open_before(a.ns));
    for year in a.year.checked_add(1)?..b.year {
        sum += Nanos::from(l.ledger(year)?.total());
    }
    Some(sum + Nanos::from(l.ledger(b.year)?.open_before(b.ns)))
}

/// The first instant `u >= t` with `r` of open time between `t` and `u` (`r > 0`), no
/// more than `horizon` after `t`; `None` when a year on the way has no ledger.
#[inline]
pub(crate) fn add(
    l: &impl Ledgers,
    start: DateTime<Utc>,
    t: Pos,
    r: Nanos,
    horizon: Nanos,
) -> Option<Found> {
    if r > horizon {
        return Some(Found::Beyond);
    }
    let r = i64::try_from(r).ok()?;
    let mut ledger = l.ledger(t.year)?;
    let base = ledger.open_before(t.ns);
    let mut target = base + r;
    if target <= ledger.total() {
        // Within the year: the interval at `t` or a later one.
        let due = ledger.reach(target, ledger.index_at(t.ns));
        return Some(Found::At(near(start, ledger, due - t.ns, due)?));
    }
    target -= ledger.total();
    let mut year = t.year;
    loop {
        year = year.checked_add(1)?;
        ledger = l.ledger(year)?;
        // Nanoseconds from `t` to the year's first instant.
        let ahead = Nanos::from(ledger.start - l.ledger(t.year)?.start) * NANOS - Nanos::from(t.ns);
        if ahead > horizon {
            return Some(Found::Beyond);
        }
        if target <= ledger.total() {
            let due = ledger.reach(target, 0);
            if ahead + Nanos::from(due) > horizon {
                return Some(Found::Beyond);
            }
            return Some(Found::At(at(ledger, due)?));
        }
        target -= ledger.total();
    }
}

/// The latest instant `u <= t` with `r` of open time between `u` and `t` (`r > 0`), no
/// more than `horizon` before `t`; `None` when a year on the way has no ledger.
#[inline]
pub(crate) fn sub(
    l: &impl Ledgers,
    end: DateTime<Utc>,
    t: Pos,
    r: Nanos,
    horizon: Nanos,
) -> Option<Found> {
    if r > horizon {
        return Some(Found::Beyond);
    }
    let r = i64::try_from(r).ok()?;
    let mut ledger = l.ledger(t.year)?;
    let mut target = ledger.open_before(t.ns) - r;
    if target >= 0 {
        let u = ledger.back_to(target);
        return Some(Found::At(near(end, ledger, u - t.ns, u)?));
    }
    let mut year = t.year;
    loop {
        year = year.checked_sub(1)?;
        ledger = l.ledger(year)?;
        // Nanoseconds from the year's last instant (exclusive) back to `t`.
        let behind = Nanos::from(l.ledger(t.year)?.start - ledger.start) * NANOS
            - Nanos::from(ledger.len)
            + Nanos::from(t.ns);
        if behind > horizon {
            return Some(Found::Beyond);
        }
        target += ledger.total();
        if target >= 0 {
            let u = ledger.back_to(target);
            if behind + Nanos::from(ledger.len - u) > horizon {
                return Some(Found::Beyond);
            }
            return Some(Found::At(at(ledger, u)?));
        }
    }
}

/// `base` moved by `delta` nanoseconds, which is the instant `ns` into the ledger's year:
/// a step from `base` is cheaper than building the instant anew, unless `base` is a leap
/// second (chrono steps over those its own way).
#[inline]
fn near(base: DateTime<Utc>, ledger: &Ledger, delta: i64, ns: i64) -> Option<DateTime<Utc>> {
    if base.timestamp_subsec_nanos() < 1_000_000_000 {
        return base.checked_add_signed(TimeDelta::nanoseconds(delta));
    }
    at(ledger, ns)
}

/// The instant `ns` nanoseconds into the ledger's year.
fn at(ledger: &Ledger, ns: i64) -> Option<DateTime<Utc>> {
    let secs = ledger.start.checked_add(ns.div_euclid(NS))?;
    DateTime::from_timestamp(secs, u32::try_from(ns.rem_euclid(NS)).ok()?)
}

/// The first second of UTC year `year` since the Unix epoch, and its number of days.
fn year_bounds(year: i32) -> (i64, i64) {
    let first = NaiveDate::from_yo_opt(year, 1);
    let start = first.map_or(0, |d| {
        i64::from(d.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE) * 86_400
    });
    let days = match first {
        Some(d) if d.leap_year() => 366,
        Some(_) => 365,
        None => 0,
    };
    (start, days)
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Calendar;

    /// Deterministic pseudo-random numbers (xorshift).
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n
        }
    }

    fn with_ledgers_off<T>(f: impl FnOnce() -> T) -> T {
        OFF.with(|c| c.set(true));
        let out = f();
        OFF.with(|c| c.set(false));
        out
    }

    /// The ledger walk gives exactly what the day-by-day walk gives, for spans within a
    /// year and across several, DST, overnight intervals, holidays and a union.
    #[test]
    fn ledger_walk_agrees_with_the_day_walk() {
        let ams = r#"{"timezone": "Europe/Amsterdam",
            "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-12:30", "13:00-17:00"],
                      "wed": ["09:00-17:00"], "thu": ["09:00-17:00"],
                      "fri": ["09:00-17:00", "22:00-02:00"], "sat": ["03:00-06:00"]},
            "holidays": ["2026-04-03", {"month_day": "12-25"},
                         {"month_day": "12-31", "hours": ["09:00-13:00", "23:00-01:00"]},
                         {"date": "2027-03-28", "hours": ["00:00-24:00"]}]}"#;
        let chatham = r#"{"timezone": "Pacific/Chatham",
            "hours": {"sun": ["20:45-03:15"], "wed": ["00:00-24:00"]}}"#;
        let nyc = r#"{"timezone": "America/New_York", "hours": {"mon": ["09:00-17:00"],
            "thu": ["20:00-04:00"]}}"#;
        let union = format!(r#"{{"any_of": [{ams}, {nyc}, {chatham}]}}"#);
        let base = DateTime::from_timestamp(1_735_689_600, 0).unwrap_or_default(); // 2025-01-01
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for json in [ams, chatham, nyc, union.as_str()] {
            let cal = Calendar::from_json(json).unwrap_or_else(|e| panic!("{e}"));
            for i in 0..400 {
                let t = base
                    + TimeDelta::seconds(rng.below(4 * 365 * 86_400) as i64)
                    + TimeDelta::nanoseconds(rng.below(1_000_000_000) as i64);
                // Short and long: up to an hour, a month, three years.
                let scale = [3_600, 30 * 86_400, 3 * 365 * 86_400][i % 3];
                let d = TimeDelta::seconds(rng.below(scale) as i64 + 1);
                let u = t + TimeDelta::seconds(rng.below(2 * scale) as i64);
                let fast = (
                    cal.add(t, d),
                    cal.sub(t, d),
                    cal.elapsed(t, u),
                    cal.elapsed(u, t),
                );
                let slow = with_ledgers_off(|| {
                    (
                        cal.add(t, d),
                        cal.sub(t, d),
                        cal.elapsed(t, u),
                        cal.elapsed(u, t),
                    )
                });
                assert_eq!(fast, slow, "{json} at {t}, d {d}, u {u}");
            }
        }
    }

    fn ledger() -> Ledger {
        // 2026: two intervals on January 1st (UTC), one on December 31st running into 2027.
        let (s, _) = year_bounds(2026);
        let h = 3600;
        Ledger::from_secs(
            2026,
            [
                (s + 9 * h, s + 12 * h),
                (s + 12 * h, s + 13 * h), // touches: merged
                (s + 14 * h, s + 17 * h),
                (s + 364 * 86_400 + 22 * h, s + 365 * 86_400 + 2 * h),
                (s - 2 * h, s + h), // from 2025: clipped
            ],
        )
    }

    #[test]
    fn clips_merges_and_sums() {
        let l = ledger();
        let h = 3600 * NS;
        assert_eq!(l.ivs.len(), 4);
        assert_eq!(l.total(), (1 + 4 + 3 + 2) * h);
        assert_eq!(l.open_before(0), 0);
        assert_eq!(l.open_before(10 * h), 2 * h);
        assert_eq!(l.open_before(13 * h + 1), 5 * h);
        assert_eq!(l.open_before(l.len), l.total());
    }

    #[test]
    fn reach_and_back_to_invert_open_before() {
        let l = ledger();
        let h = 3600 * NS;
        // Due exactly at a closing instant, not at the next opening.
        assert_eq!(l.reach(5 * h, 0), 13 * h);
        assert_eq!(l.reach(5 * h + 1, 0), 14 * h + 1);
        // The latest start: at an opening instant, not at the previous closing.
        assert_eq!(l.back_to(5 * h), 14 * h);
        assert_eq!(l.back_to(0), 0);
        assert_eq!(l.reach(l.total(), 0), l.len);
    }
}
