//! The UTC offset changes of a time zone, found once per zone and year and shared by all
//! calendars, so that the walk converts wall-clock boundaries and checks weeks for offset
//! changes without asking the tz database again and again.
//!
//! A year's changes are found by reading the offset every hour and bisecting to the
//! second where it differs. Two changes less than an hour apart that restore the same
//! offset would go unseen; the tz database has none.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

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

/// Years whose tables are kept per zone; others are built on demand and not kept.
const FIRST_YEAR: i32 = 1900;
const LAST_YEAR: i32 = 2299;

/// The year tables of one zone, filled in as years are used; shared by every calendar in
/// the zone for the life of the process.
#[derive(Debug)]
pub(crate) struct ZoneTables {
    tz: Tz,
    years: Box<[OnceLock<YearTable>]>,
}

/// The shared tables of `tz`.
pub(crate) fn zone_tables(tz: Tz) -> Arc<ZoneTables> {
    static ZONES: OnceLock<Mutex<HashMap<Tz, Arc<ZoneTables>>>> = OnceLock::new();
    let zones = ZONES.get_or_init(|| Mutex::new(HashMap::new()));
    let mut zones = zones.lock().unwrap_or_else(PoisonError::into_inner);
    Arc::clone(zones.entry(tz).or_insert_with(|| {
        Arc::new(ZoneTables {
            tz,
            years: (FIRST_YEAR..=LAST_YEAR).map(|_| OnceLock::new()).collect(),
        })
    }))
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

/// A zone's offsets, with the year table in use kept at hand.
#[derive(Debug)]
pub(crate) struct Offsets<'a> {
    zone: &'a ZoneTables,
    current: Option<&'a YearTable>,
    /// Tables of years outside the kept range, built for this walk only.
    spare: Vec<YearTable>,
}

impl<'a> Offsets<'a> {
    pub(crate) fn new(zone: &'a ZoneTables) -> Offsets<'a> {
        Offsets {
            zone,
            current: None,
            spare: Vec::new(),
        }
    }

    /// The offset in seconds at `utc`, and the instant of the next change in the same
    /// year table (or the table's end).
    fn segment(&mut self, utc: i64) -> (i32, i64) {
        let table = match self.current {
            Some(t) if t.start <= utc && utc < t.end => t,
            _ => {
                let year = year_of(utc);
                let kept = usize::try_from(year - FIRST_YEAR)
                    .ok()
                    .and_then(|i| self.zone.years.get(i));
                match kept {
                    Some(slot) => {
                        let t = slot.get_or_init(|| build(self.zone.tz, year));
                        self.current = Some(t);
                        t
                    }
                    None => {
                        let at = match self
                            .spare
                            .iter()
                            .position(|t| t.start <= utc && utc < t.end)
                        {
                            Some(i) => i,
                            None => {
                                self.spare.push(build(self.zone.tz, year));
                                self.spare.len() - 1
                            }
                        };
                        return match self.spare.get(at) {
                            Some(t) => scan(t, utc),
                            None => (0, utc + 1),
                        };
                    }
                }
            }
        };
        scan(table, utc)
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
        loop {
            let (_, end) = self.segment(from);
            if end > limit {
                return None;
            }
            if end <= from {
                return None;
            }
            // `end` is a change unless it is only the end of a year table.
            if self.offset_at(end) != self.offset_at(end - 1) {
                return Some(end);
            }
            from = end;
        }
    }
}

/// The offset at `utc` by one table, and the end of its segment.
fn scan(t: &YearTable, utc: i64) -> (i32, i64) {
    let mut offset = t.first;
    for &(at, o) in &t.changes {
        if at > utc {
            return (offset, at);
        }
        offset = o;
    }
    (offset, t.end)
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
        let z = zone_tables(Tz::Europe__Amsterdam);
        let mut o = Offsets::new(&z);
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
        let z = zone_tables(Tz::Europe__Amsterdam);
        let mut o = Offsets::new(&z);
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
        let zu = zone_tables(Tz::UTC);
        let mut u = Offsets::new(&zu);
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
