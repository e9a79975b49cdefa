//! The UTC offset changes of a time zone, found once per zone and year and shared by all
//! calendars, so that the walk converts wall-clock boundaries and checks weeks for offset
//! changes without asking the tz database again and again.
//!
//! A year's changes are found by reading the offset every hour and bisecting to the
//! second where it differs. Two changes less than an hour apart that restore the same
//! offset would go unseen; the tz database has none.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, PoisonError, RwLock};

use chrono::{DateTime, Datelike, NaiveDate, Offset, TimeZone};
use chrono_tz::Tz;

/// The offset changes of one zone within one UTC calendar year.
#[derive(Debug)]
pub(crate) struct YearTable {
    /// First second of the year (UTC).
    start: i64,
    /// First second of the next year.
    end: i64,
    /// Offset in force at `start`.
    first: i32,
    /// `(instant, offset from then on)`, in order, all within `start..end`.
    changes: Vec<(i64, i32)>,
}

type Cache = RwLock<HashMap<(Tz, i32), Arc<YearTable>>>;

fn cache() -> &'static Cache {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    CACHE.get_or_init(|| RwLock::new(HashMap::new()))
}

fn chrono_offset(tz: Tz, utc: i64) -> i32 {
    match DateTime::from_timestamp(utc, 0) {
        Some(t) => tz
            .offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc(),
        None => 0,
    }
}

fn year_start(year: i32) -> i64 {
    NaiveDate::from_ymd_opt(year, 1, 1)
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map_or(
            if year < 1970 {
                i64::MIN / 4
            } else {
                i64::MAX / 4
            },
            |t| t.and_utc().timestamp(),
        )
}

fn build(tz: Tz, year: i32) -> YearTable {
    let start = year_start(year);
    let end = year_start(year.saturating_add(1));
    let first = chrono_offset(tz, start);
    let mut changes = Vec::new();
    let mut prev = first;
    let mut t = start;
    while t < end {
        let next = (t + 3600).min(end - 1);
        let o = chrono_offset(tz, next);
        if o != prev {
            // The first second in (t, next] with the new offset.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if chrono_offset(tz, mid) == prev {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            changes.push((hi, o));
            prev = o;
        }
        if next <= t {
            break;
        }
        t = next;
    }
    YearTable {
        start,
        end,
        first,
        changes,
    }
}

fn year_of(utc: i64) -> i32 {
    DateTime::from_timestamp(utc, 0).map_or(if utc < 0 { 1 } else { 9999 }, |t| t.year())
}

fn table(tz: Tz, year: i32) -> Arc<YearTable> {
    let read = cache().read().unwrap_or_else(PoisonError::into_inner);
    if let Some(t) = read.get(&(tz, year)) {
        return Arc::clone(t);
    }
    drop(read);
    let built = Arc::new(build(tz, year));
    let mut write = cache().write().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(write.entry((tz, year)).or_insert(built))
}

/// A zone's offsets with the year tables in use kept at hand.
#[derive(Debug)]
pub(crate) struct Offsets {
    tz: Tz,
    held: Vec<Arc<YearTable>>,
}

impl Offsets {
    pub(crate) fn new(tz: Tz) -> Offsets {
        Offsets {
            tz,
            held: Vec::with_capacity(2),
        }
    }

    fn table_for(&mut self, utc: i64) -> Arc<YearTable> {
        if let Some(t) = self.held.iter().find(|t| t.start <= utc && utc < t.end) {
            return Arc::clone(t);
        }
        let t = table(self.tz, year_of(utc));
        if self.held.len() >= 3 {
            self.held.remove(0);
        }
        self.held.push(Arc::clone(&t));
        t
    }

    /// The offset in seconds at `utc`, and the instant of the next change in the same
    /// year table (or the table's end).
    fn segment(&mut self, utc: i64) -> (i32, i64) {
        let t = self.table_for(utc);
        let mut offset = t.first;
        for &(at, o) in &t.changes {
            if at > utc {
                return (offset, at);
            }
            offset = o;
        }
        (offset, t.end)
    }

    /// The offset in seconds at `utc`.
    pub(crate) fn offset_at(&mut self, utc: i64) -> i32 {
        self.segment(utc).0
    }

    /// The first instant at which the local wall clock shows `local` (seconds of naive
    /// local time) or a later time: in a gap the gap's end, in a fold the first reading.
    pub(crate) fn first_instant(&mut self, local: i64) -> i64 {
        // No offset reaches 17 hours, so the clock shows less than `local` here.
        let mut from = local - 17 * 3600;
        loop {
            let (offset, end) = self.segment(from);
            let candidate = local - i64::from(offset);
            if candidate < from {
                // The clock jumped over `local` at `from` (a spring-forward change).
                return from;
            }
            if candidate < end || end <= from {
                return candidate;
            }
            from = end;
        }
    }

    /// The next offset change after `utc`, looking no further than `limit`.
    pub(crate) fn next_change(&mut self, utc: i64, limit: i64) -> Option<i64> {
        let mut from = utc;
        while from < limit {
            let t = self.table_for(from);
            if let Some(&(at, _)) = t.changes.iter().find(|(at, _)| *at > utc) {
                return (at <= limit).then_some(at);
            }
            if t.end <= from {
                return None;
            }
            from = t.end;
        }
        None
    }

    /// Whether the offset is the same over all of `from..=to`.
    pub(crate) fn constant(&mut self, from: i64, to: i64) -> bool {
        self.next_change(from, to).is_none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        chrono::Utc
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .timestamp()
    }

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> i64 {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
            .and_utc()
            .timestamp()
    }

    #[test]
    fn finds_the_2026_amsterdam_changes_to_the_second() {
        let mut o = Offsets::new(Tz::Europe__Amsterdam);
        assert_eq!(
            o.next_change(utc(2026, 1, 1, 0, 0), utc(2027, 1, 1, 0, 0)),
            Some(utc(2026, 3, 29, 1, 0))
        );
        assert_eq!(
            o.next_change(utc(2026, 3, 29, 1, 0), utc(2027, 1, 1, 0, 0)),
            Some(utc(2026, 10, 25, 1, 0))
        );
        assert_eq!(o.offset_at(utc(2026, 3, 29, 0, 59)), 3600);
        assert_eq!(o.offset_at(utc(2026, 3, 29, 1, 0)), 7200);
    }

    #[test]
    fn first_instant_follows_the_design_rule() {
        let mut o = Offsets::new(Tz::Europe__Amsterdam);
        // Gap: 02:30 on the spring night is 03:00 CEST = 01:00Z.
        assert_eq!(
            o.first_instant(local(2026, 3, 29, 2, 30)),
            utc(2026, 3, 29, 1, 0)
        );
        // Fold: 02:30 on the fall night is first read at 00:30Z.
        assert_eq!(
            o.first_instant(local(2026, 10, 25, 2, 30)),
            utc(2026, 10, 25, 0, 30)
        );
        assert_eq!(
            o.first_instant(local(2026, 7, 1, 9, 0)),
            utc(2026, 7, 1, 7, 0)
        );
        // Across the new year.
        assert_eq!(
            o.first_instant(local(2027, 1, 1, 0, 30)),
            utc(2026, 12, 31, 23, 30)
        );
        let mut u = Offsets::new(Tz::UTC);
        assert_eq!(
            u.first_instant(local(2026, 1, 1, 0, 0)),
            utc(2026, 1, 1, 0, 0)
        );
        assert_eq!(
            u.next_change(utc(2026, 1, 1, 0, 0), utc(2030, 1, 1, 0, 0)),
            None
        );
    }
}
