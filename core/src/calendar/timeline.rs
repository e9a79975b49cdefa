//! The concrete open intervals of one calendar on the UTC timeline, generated lazily day
//! by day, forwards or backwards, with whole plain weeks skipped in one step.
//!
//! Instants and durations are `i128` nanoseconds since the Unix epoch here: exact, and
//! wide enough that no sum of them overflows.

use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, NaiveDate};
use chrono_tz::Tz;

use crate::calendar::cache::{YearTable, Years, FIRST_YEAR, LAST_YEAR};
use crate::calendar::holiday::Holidays;
use crate::calendar::interval::{Span, DAY};
use crate::calendar::ledger::{self, Ledger, Ledgers};
use crate::calendar::offsets::{zone_tables, Offsets, ZoneTables};
use crate::calendar::schedule::Week;

/// Nanoseconds since the Unix epoch (an instant) or nanoseconds (a duration).
pub(crate) type Nanos = i128;
/// Nanoseconds per second.
pub(crate) const NANOS: Nanos = 1_000_000_000;
/// A bound on any UTC offset, in seconds (real ones stay within -12:00 and +14:00;
/// local mean times of the 19th century within 16 hours).
const MAX_OFFSET: Nanos = 16 * 3600;
/// One open interval `[start, end)` in UTC nanoseconds.
pub(crate) type Iv = (Nanos, Nanos);

/// One calendar in one time zone: the weekly schedule and the holidays.
#[derive(Debug, Clone)]
pub(crate) struct Zoned {
    /// The zone's offset changes, shared with every calendar in the zone.
    tables: Arc<ZoneTables>,
    week: Week,
    holidays: Holidays,
    /// Open time of a plain week (no holiday, no offset change), in nanoseconds.
    week_open: Nanos,
    /// For a week starting on weekday `w` (Monday = 0): the latest end of its intervals,
    /// in wall-clock seconds from the first day's midnight (0 when the week is empty).
    week_last_end: [u32; 7],
    /// Whether any interval (weekly or a holiday's) runs past midnight.
    overnight: bool,
    /// The intervals of each local year, built on first use; shared by clones.
    years: Arc<Years<YearTable>>,
    /// The ledger of each UTC year, built on first use; shared by clones.
    ledgers: Arc<Years<Ledger>>,
}

impl Zoned {
    pub(crate) fn new(tz: Tz, week: Week, holidays: Holidays) -> Zoned {
        let week_open = Nanos::from(week.open_secs) * NANOS;
        let mut week_last_end = [0; 7];
        for (w, slot) in week_last_end.iter_mut().enumerate() {
            *slot = (0..7u32)
                .filter_map(|i| {
                    let spans = &week.days[(w + i as usize) % 7];
                    spans.last().map(|s| i * DAY + s.end)
                })
                .max()
                .unwrap_or(0);
        }
        let overnight = week.days.iter().flatten().any(|s| s.end > DAY) || holidays.any_overnight();
        Zoned {
            tables: zone_tables(tz),
            week,
            holidays,
            week_open,
            week_last_end,
            overnight,
            years: Arc::default(),
            ledgers: Arc::default(),
        }
    }

    /// The table of the local year `year`, built on first use; `None` for years that are
    /// not tabled.
    #[inline]
    fn table(&self, year: i32) -> Option<&YearTable> {
        self.years.get(year, || {
            let mut o = Offsets::new(&self.tables);
            YearTable::build(year, |date, out| {
                self.compute_intervals_on(&mut o, date, out)
            })
        })
    }

    /// The intervals of the local years around UTC year `year` (its interval may start on
    /// the last local day before it or end on the first after it); `None` unless all three
    /// local years are tabled.
    fn ledger_of(&self, year: i32) -> Option<Ledger> {
        if year <= FIRST_YEAR || year >= LAST_YEAR {
            return None;
        }
        let mut ivs = Vec::new();
        for y in year - 1..=year + 1 {
            ivs.extend_from_slice(self.table(y)?.intervals_from(0));
        }
        Some(Ledger::from_secs(year, ivs))
    }

    /// The intervals that start on `date`: a holiday's hours or the weekday's.
    #[inline]
    fn spans_on(&self, date: NaiveDate) -> &[Span] {
        match self.holidays.on(date) {
            Some(spans) => spans,
            None => &self.week.days[weekday(date)],
        }
    }

    /// The local date of an instant in this zone.
    pub(crate) fn local_date(&self, o: &mut Offsets<'_>, t: Nanos) -> NaiveDate {
        let secs = secs_floor(t);
        let local = secs.saturating_add(i64::from(o.offset_at(secs)));
        match DateTime::from_timestamp(local, 0) {
            Some(utc) => utc.date_naive(),
            None if local < 0 => NaiveDate::MIN,
            None => NaiveDate::MAX,
        }
    }

    /// The instant of a schedule boundary: the first instant at which the local wall clock
    /// shows `secs` after midnight of `date`, or a later time. In a spring-forward gap that
    /// is the end of the gap; in a fall-back fold, the first of the two readings.
    #[inline]
    fn boundary(&self, o: &mut Offsets<'_>, date: NaiveDate, secs: u32) -> i64 {
        let local = local_secs(date) + i64::from(secs);
        o.first_instant(local)
    }

    /// Appends the UTC intervals of the spans that start on `date`, in order. The part of
    /// a span that the previous day's interval running past midnight already covers is
    /// left out (only a holiday's hours can overlap that way), so the intervals of
    /// consecutive days never overlap and together they are the union of both days' hours.
    /// Intervals that a spring-forward gap makes empty are left out too.
    pub(crate) fn intervals_on(&self, o: &mut Offsets<'_>, date: NaiveDate, out: &mut DayBuf) {
        if let Some(table) = self.table(date.year()) {
            for &(a, b) in table.day(date.ordinal0() as usize) {
                out.push((Nanos::from(a) * NANOS, Nanos::from(b) * NANOS));
            }
            return;
        }
        let mut ivs = Vec::new();
        self.compute_intervals_on(o, date, &mut ivs);
        for (a, b) in ivs {
            out.push((Nanos::from(a) * NANOS, Nanos::from(b) * NANOS));
        }
    }

    /// [`Zoned::intervals_on`] worked out from the schedule, in UTC seconds.
    fn compute_intervals_on(
        &self,
        o: &mut Offsets<'_>,
        date: NaiveDate,
        out: &mut Vec<(i64, i64)>,
    ) {
        let spans = self.spans_on(date);
        if spans.is_empty() {
            return;
        }
        let covered = date
            .pred_opt()
            .filter(|_| self.overnight)
            .and_then(|prev| self.spans_on(prev).last())
            .map_or(0, |s| s.end.saturating_sub(DAY));
        for span in spans {
            let start = span.start.max(covered);
            if start >= span.end {
                continue;
            }
            let a = self.boundary(o, date, start);
            let b = self.boundary(o, date, span.end);
            if a < b {
                out.push((a, b));
            }
        }
    }

    /// Whether `t` lies in one of the intervals of the days around its local date.
    pub(crate) fn is_open(&self, t: Nanos) -> bool {
        let mut o = Offsets::new(&self.tables);
        let day = self.local_date(&mut o, t);
        let mut buf = DayBuf::default();
        // The day before: its interval may run past midnight. The day after: a fold around
        // midnight can show the next date's first hour before `t`'s date ends.
        let from = day.pred_opt().unwrap_or(day);
        from.iter_days().take(3).any(|d| {
            buf.clear();
            self.intervals_on(&mut o, d, &mut buf);
            (0..buf.len())
                .filter_map(|i| buf.get(i))
                .any(|(a, b)| a <= t && t < b)
        })
    }

    /// When the days `first - 1..=first + 6` hold no holiday and the UTC offset does not
    /// change from the first day's local midnight to eight days later, the UTC instant
    /// (whole seconds) of that midnight. The week `first..first + 7` then holds exactly
    /// `week_open` of open time, laid out as the weekly schedule says.
    ///
    /// Otherwise the first day from which a plain week may start again: the day after the
    /// day after the holiday, or the day after the offset change.
    fn plain_window(&self, o: &mut Offsets<'_>, first: NaiveDate) -> Result<i64, NaiveDate> {
        let next_day = first.succ_opt().unwrap_or(first);
        let (Some(before), Some(last)) = (first.pred_opt(), first.checked_add_days(Days::new(6)))
        else {
            return Err(next_day);
        };
        if let Some(h) = self.holidays.next_from(before).filter(|h| *h <= last) {
            return Err(h.checked_add_days(Days::new(2)).unwrap_or(next_day));
        }
        let local = local_secs(first);
        let u0 = o.first_instant(local);
        // Midnight in a gap starts the week late: not plain.
        if local - u0 != i64::from(o.offset_at(u0)) {
            return Err(next_day);
        }
        if let Some(change) = o.next_change(u0, u0 + 8 * i64::from(DAY)) {
            let days = (change - u0 + i64::from(DAY) - 1) / i64::from(DAY);
            return Err(first
                .checked_add_days(Days::new(days.unsigned_abs()))
                .unwrap_or(next_day)
                .max(next_day));
        }
        Ok(u0)
    }
}

impl Ledgers for Zoned {
    #[inline]
    fn ledger(&self, year: i32) -> Option<&Ledger> {
        if ledger::switched_off() {
            return None;
        }
        if year <= FIRST_YEAR || year >= LAST_YEAR {
            return None;
        }
        self.ledgers.try_get(year, || self.ledger_of(year))
    }
}

/// The forward stream of a [`Zoned`]: its intervals in time order, from the local date of
/// `from` (the day before when that day's interval runs past midnight) to two days after
/// that of `until`.
#[derive(Debug)]
pub(crate) struct Forward<'a> {
    z: &'a Zoned,
    o: Offsets<'a>,
    day: NaiveDate,
    /// Days since the Unix epoch of `day`.
    num: i64,
    /// Days since the Unix epoch of the last day.
    last: i64,
    /// No plain week starts before this day (found by a failed check).
    retry: NaiveDate,
    buf: DayBuf,
    pos: usize,
    /// The table of the year last used, and that year.
    table: Option<(i32, &'a YearTable)>,
}

impl<'a> Forward<'a> {
    pub(crate) fn new(z: &'a Zoned, from: Nanos, until: Nanos) -> Forward<'a> {
        let mut o = Offsets::new(&z.tables);
        let day = z.local_date(&mut o, from);
        // A bound is enough here: no local date is later than the UTC date 16 hours on.
        let last = secs_floor(until)
            .saturating_add(16 * 3600)
            .div_euclid(i64::from(DAY))
            .saturating_add(2);
        // Intervals of earlier days end by the local midnight that starts `day`, so by
        // `from`; only the previous day's interval running past midnight can reach it.
        let first = match day.pred_opt() {
            Some(prev) if z.overnight && z.spans_on(prev).last().is_some_and(|s| s.end > DAY) => {
                prev
            }
            _ => day,
        };
        Forward {
            z,
            o,
            day: first,
            num: day_num(first),
            last,
            // The first day holds `from`: nothing to skip before it is walked.
            retry: first.succ_opt().unwrap_or(first),
            buf: DayBuf::default(),
            pos: 0,
            table: None,
        }
    }

    /// The table of `year`, kept at hand for the next day.
    #[inline]
    fn year_table(&mut self, year: i32) -> Option<&'a YearTable> {
        if let Some((y, t)) = self.table {
            if y == year {
                return Some(t);
            }
        }
        let z = self.z;
        let t = z.table(year)?;
        self.table = Some((year, t));
        Some(t)
    }

    /// The next interval, or `None` past the last day.
    pub(crate) fn next(&mut self) -> Option<Iv> {
        while self.pos == self.buf.len() {
            if self.num > self.last {
                return None;
            }
            self.buf.clear();
            self.pos = 0;
            match self.year_table(self.day.year()) {
                Some(table) => {
                    for &(a, b) in table.day(self.day.ordinal0() as usize) {
                        self.buf
                            .push((Nanos::from(a) * NANOS, Nanos::from(b) * NANOS));
                    }
                }
                None => self.z.intervals_on(&mut self.o, self.day, &mut self.buf),
            }
            self.day = self.day.succ_opt()?;
            self.num += 1;
        }
        let iv = self.buf.get(self.pos);
        self.pos += 1;
        iv
    }

    /// Skips whole plain weeks from the next day on, as many as fit: they lie after
    /// `cursor`, hold less than `open_below` of open time together and end by `ends_by`,
    /// and no holiday or offset change comes in between. Returns the open time skipped.
    #[inline]
    pub(crate) fn skip_week(
        &mut self,
        cursor: Nanos,
        open_below: Nanos,
        ends_by: Nanos,
    ) -> Option<Nanos> {
        if self.pos != self.buf.len() || self.day < self.retry {
            return None;
        }
        self.try_skip(cursor, open_below, ends_by)
    }

    /// [`Forward::skip_week`] at a day boundary.
    #[inline(never)]
    fn try_skip(&mut self, cursor: Nanos, open_below: Nanos, ends_by: Nanos) -> Option<Nanos> {
        let z = self.z;
        if self.year_table(self.day.year()).is_some() {
            return self.skip_days(cursor, open_below, ends_by);
        }
        if z.week_open >= open_below {
            return None;
        }
        let week = 7 * Nanos::from(DAY);
        let span_days = self.last - self.num;
        // Cheap bounds first: no UTC offset exceeds 16 hours either way.
        let local = Nanos::from(local_secs(self.day));
        let last = Nanos::from(z.week_last_end[weekday(self.day)]);
        if span_days < 7
            || (local + MAX_OFFSET) * NANOS < cursor
            || (local + last - MAX_OFFSET) * NANOS > ends_by
        {
            return None;
        }
        let u0 = match z.plain_window(&mut self.o, self.day) {
            Ok(u0) => Nanos::from(u0),
            Err(retry) => {
                self.retry = retry;
                return None;
            }
        };
        if u0 * NANOS < cursor || (u0 + last) * NANOS > ends_by {
            return None;
        }
        // How many weeks: by budget, by `ends_by`, by the last day, by the next holiday
        // and by the next offset change.
        let mut weeks = Nanos::from(span_days / 7);
        if z.week_open > 0 {
            weeks = weeks.min((open_below - 1) / z.week_open);
        }
        if ends_by != Nanos::MAX {
            weeks = weeks.min((ends_by.div_euclid(NANOS) - u0 - last).div_euclid(week) + 1);
        }
        if let Some(h) = z.holidays.next_from(self.day) {
            weeks = weeks.min(Nanos::from((h - self.day).num_days() / 7));
        }
        let reach = i64::try_from(u0 + (7 * weeks + 1) * Nanos::from(DAY)).ok()?;
        let start = i64::try_from(u0).ok()?;
        if let Some(change) = self.o.next_change(start, reach) {
            let days = (Nanos::from(change) - u0 - 1) / Nanos::from(DAY);
            weeks = weeks.min((days - 1).div_euclid(7));
        }
        if weeks < 1 {
            return None;
        }
        self.day = self
            .day
            .checked_add_days(Days::new(u64::try_from(weeks * 7).ok()?))?;
        self.num += i64::try_from(weeks * 7).ok()?;
        Some(z.week_open * weeks)
    }
}

impl Forward<'_> {
    /// Skips whole days from the next day on with the year tables, as many as fit: their
    /// intervals start at or after `cursor`, hold less than `open_below` together and end
    /// by `ends_by`, and the days end before the stream's last day. Returns the open time
    /// skipped, or `None` when no day is skipped.
    fn skip_days(&mut self, cursor: Nanos, mut open_below: Nanos, ends_by: Nanos) -> Option<Nanos> {
        let mut skipped: Option<Nanos> = None;
        while self.num < self.last {
            let year = self.day.year();
            let Some(table) = self.year_table(year) else {
                break;
            };
            let from = self.day.ordinal0() as usize;
            if table
                .intervals_from(from)
                .first()
                .is_some_and(|iv| Nanos::from(iv.0) * NANOS < cursor)
            {
                break;
            }
            let mut to = table.days();
            // Not the last day itself: the walk ends there.
            let before_last = usize::try_from(self.last - self.num).unwrap_or(usize::MAX);
            to = to.min(from.saturating_add(before_last));
            if open_below != Nanos::MAX {
                // Whole seconds `x` with `x * NANOS < open_below`.
                let below = secs_floor(open_below.saturating_add(NANOS - 1));
                to = to.min(table.last_day_below(from, below));
            }
            if ends_by != Nanos::MAX {
                to = to.min(table.last_day_ending_by(from, secs_floor(ends_by)));
            }
            if to <= from {
                break;
            }
            let open = Nanos::from(table.open(from, to)) * NANOS;
            *skipped.get_or_insert(0) += open;
            if open_below != Nanos::MAX {
                open_below -= open;
            }
            let next = if to >= table.days() {
                NaiveDate::from_yo_opt(year.checked_add(1)?, 1)
            } else {
                NaiveDate::from_yo_opt(year, u32::try_from(to).ok()? + 1)
            };
            let Some(next) = next else {
                break;
            };
            self.day = next;
            self.num += i64::try_from(to - from).ok()?;
            if to < table.days() {
                // A bound other than the year's end stopped the skip: no later day can
                // be skipped in this walk.
                self.retry = NaiveDate::MAX;
                break;
            }
        }
        skipped
    }
}

/// The backward stream of a [`Zoned`]: its intervals latest first, from two days after
/// the local date of `from` down to two days before that of `until` (`until <= from`).
#[derive(Debug)]
pub(crate) struct Backward<'a> {
    z: &'a Zoned,
    o: Offsets<'a>,
    day: NaiveDate,
    first_day: NaiveDate,
    buf: DayBuf,
}

impl<'a> Backward<'a> {
    pub(crate) fn new(z: &'a Zoned, from: Nanos, until: Nanos) -> Backward<'a> {
        let mut o = Offsets::new(&z.tables);
        let day = z.local_date(&mut o, from);
        // A bound is enough here: no local date is earlier than the UTC date 16 hours back.
        let first = utc_date(until - MAX_OFFSET * NANOS);
        Backward {
            z,
            o,
            day: day.checked_add_days(Days::new(1)).unwrap_or(day),
            first_day: first.checked_sub_days(Days::new(2)).unwrap_or(first),
            buf: DayBuf::default(),
        }
    }

    /// The previous interval, or `None` before the first day.
    pub(crate) fn next(&mut self) -> Option<Iv> {
        while self.buf.is_empty() {
            if self.day < self.first_day {
                return None;
            }
            self.z.intervals_on(&mut self.o, self.day, &mut self.buf);
            self.day = self.day.pred_opt()?;
        }
        self.buf.pop()
    }

    /// Skips the seven days ending with the next day in one step when they form a plain
    /// week that ends by `cursor` and holds less than `open_below`; returns the open time
    /// skipped.
    pub(crate) fn skip_week(&mut self, cursor: Nanos, open_below: Nanos) -> Option<Nanos> {
        if !self.buf.is_empty() || self.z.week_open >= open_below {
            return None;
        }
        let first = self.day.checked_sub_days(Days::new(6))?;
        if first < self.first_day {
            return None;
        }
        let local = Nanos::from(local_secs(first));
        let last = Nanos::from(self.z.week_last_end[weekday(first)]);
        if (local + last - MAX_OFFSET) * NANOS > cursor {
            return None;
        }
        let u0 = Nanos::from(self.z.plain_window(&mut self.o, first).ok()?);
        if (u0 + last) * NANOS > cursor {
            return None;
        }
        self.day = first.pred_opt()?;
        Some(self.z.week_open)
    }
}

/// Monday = 0 ... Sunday = 6.
#[inline]
fn weekday(date: NaiveDate) -> usize {
    date.weekday().num_days_from_monday() as usize
}

/// Days since the Unix epoch of `date`.
#[inline]
fn day_num(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE)
}

/// Seconds of naive local time at midnight of `date`.
#[inline]
fn local_secs(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce() - UNIX_EPOCH_DAYS_FROM_CE) * i64::from(DAY)
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const UNIX_EPOCH_DAYS_FROM_CE: i32 = 719_163;

/// The UTC date of an instant.
fn utc_date(t: Nanos) -> NaiveDate {
    let secs = secs_floor(t);
    match DateTime::from_timestamp(secs, 0) {
        Some(utc) => utc.date_naive(),
        None if secs < 0 => NaiveDate::MIN,
        None => NaiveDate::MAX,
    }
}

/// Up to this many intervals of a day are kept without allocating.
const INLINE: usize = 4;

/// The intervals of one day: a few inline, more on the heap.
#[derive(Debug, Default)]
pub(crate) struct DayBuf {
    inline: [Iv; INLINE],
    len: usize,
    more: Vec<Iv>,
}

impl DayBuf {
    #[inline]
    pub(crate) fn push(&mut self, iv: Iv) {
        match self.inline.get_mut(self.len) {
            Some(slot) => *slot = iv,
            None => self.more.push(iv),
        }
        self.len += 1;
    }

    #[inline]
    pub(crate) fn get(&self, i: usize) -> Option<Iv> {
        if i >= self.len {
            return None;
        }
        match self.inline.get(i) {
            Some(iv) => Some(*iv),
            None => self.more.get(i - INLINE).copied(),
        }
    }

    #[inline]
    pub(crate) fn pop(&mut self) -> Option<Iv> {
        let last = self.len.checked_sub(1)?;
        self.len = last;
        match self.inline.get(last) {
            Some(iv) => Some(*iv),
            None => self.more.pop(),
        }
    }

    #[inline]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    #[inline]
    pub(crate) fn clear(&mut self) {
        self.len = 0;
        self.more.clear();
    }
}

/// Whole seconds of `t` (rounded down), clamped to `i64`; exact for every instant chrono
/// can hold.
#[inline]
pub(crate) fn secs_floor(t: Nanos) -> i64 {
    match i64::try_from(t) {
        Ok(t) => t.div_euclid(1_000_000_000),
        Err(_) => clamp_secs(t.div_euclid(NANOS)),
    }
}

fn clamp_secs(secs: Nanos) -> i64 {
    i64::try_from(secs).unwrap_or(if secs < 0 { i64::MIN } else { i64::MAX })
}
