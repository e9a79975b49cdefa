//! Holidays: dates on which the weekly schedule does not apply. A holiday is closed all
//! day or has its own hours; it is on one date or on the same month-day every year.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};

use crate::calendar::interval::{Span, DAY};
use crate::calendar::schedule::DayPlan;
use crate::calendar::spec::HolidaySpec;
use crate::error::{Error, Result};

/// Compiled holidays. A dated holiday wins over a yearly one on the same date.
#[derive(Debug, Clone, Default)]
pub(crate) struct Holidays {
    /// Hours per date; empty = closed all day.
    dated: BTreeMap<NaiveDate, Vec<Span>>,
    /// Hours per (month, day); empty = closed all day.
    yearly: BTreeMap<(u32, u32), Vec<Span>>,
    /// Bit `d` of `yearly_mask[m]` is set when `(m, d)` is a yearly holiday.
    yearly_mask: [u32; 13],
    /// Whether any holiday has hours (a calendar with no weekly hours is still open then).
    pub(crate) any_hours: bool,
}

impl Holidays {
    /// Validates and compiles the `holidays` list.
    pub(crate) fn parse(specs: &[HolidaySpec]) -> Result<Holidays> {
        let mut out = Holidays::default();
        for spec in specs {
            let (text, hours) = match spec {
                HolidaySpec::Closed(date) => (date, None),
                HolidaySpec::Dated(h) => (&h.date, h.hours.as_deref()),
                HolidaySpec::Yearly(h) => (&h.month_day, h.hours.as_deref()),
            };
            let spans = DayPlan::parse(text, hours.unwrap_or(&[]))?.spans;
            out.any_hours |= !spans.is_empty();
            let twice = || Error::InvalidHolidayDate {
                value: text.clone(),
                reason: "this date is listed twice",
            };
            if let HolidaySpec::Yearly(_) = spec {
                let (m, d) = parse_month_day(text)?;
                if out.yearly.insert((m, d), spans).is_some() {
                    return Err(twice());
                }
                out.yearly_mask[m as usize] |= 1 << d;
            } else {
                let date = parse_date(text)?;
                if out.dated.insert(date, spans).is_some() {
                    return Err(twice());
                }
            }
        }
        Ok(out)
    }

    /// The hours of `date` when it is a holiday (empty: closed), `None` otherwise.
    #[inline]
    pub(crate) fn on(&self, date: NaiveDate) -> Option<&[Span]> {
        if let Some(spans) = self.dated.get(&date) {
            return Some(spans);
        }
        let (m, d) = (date.month(), date.day());
        if self.yearly_mask[m as usize] & (1 << d) != 0 {
            return self.yearly.get(&(m, d)).map(Vec::as_slice);
        }
        None
    }

    /// Whether any holiday's hours run past midnight.
    pub(crate) fn any_overnight(&self) -> bool {
        self.dated
            .values()
            .chain(self.yearly.values())
            .flatten()
            .any(|s| s.end > DAY)
    }

    /// The first holiday on or after `from`, if any.
    pub(crate) fn next_from(&self, from: NaiveDate) -> Option<NaiveDate> {
        let dated = self.dated.range(from..).next().map(|(d, _)| *d);
        let yearly = self.yearly.keys().filter_map(|&(m, d)| {
            // The next year (from `from`'s) that has this month-day; Feb 29 waits for a leap year.
            (0..9)
                .filter_map(|k| NaiveDate::from_ymd_opt(from.year().checked_add(k)?, m, d))
                .find(|date| *date >= from)
        });
        dated.into_iter().chain(yearly).min()
    }
}

/// `YYYY-MM-DD`, exactly.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate> {
    let ok = text.len() == 10
        && text.bytes().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    ok.then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
        .ok_or_else(|| Error::InvalidHolidayDate {
            value: text.to_owned(),
            reason: "expected a date YYYY-MM-DD",
        })
}

/// `MM-DD`, exactly, a day that exists in a leap year (`02-29` applies in leap years only).
fn parse_month_day(text: &str) -> Result<(u32, u32)> {
    let bad = || Error::InvalidHolidayDate {
        value: text.to_owned(),
        reason: "expected a month and day MM-DD",
    };
    let b = text.as_bytes();
    if b.len() != 5
        || b[2] != b'-'
        || !b
            .iter()
            .enumerate()
            .all(|(i, c)| i == 2 || c.is_ascii_digit())
    {
        return Err(bad());
    }
    let m = u32::from(b[0] - b'0') * 10 + u32::from(b[1] - b'0');
    let d = u32::from(b[3] - b'0') * 10 + u32::from(b[4] - b'0');
    NaiveDate::from_ymd_opt(2000, m, d).ok_or_else(bad)?;
    Ok((m, d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::spec::{DatedHoliday, YearlyHoliday};

    fn date(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn dated_wins_over_yearly_and_ranges_see_both() {
        let h = Holidays::parse(&[
            HolidaySpec::Yearly(YearlyHoliday {
                month_day: "12-25".into(),
                hours: None,
                name: None,
            }),
            HolidaySpec::Dated(DatedHoliday {
                date: "2026-12-25".into(),
                hours: Some(vec!["10:00-12:00".into()]),
                name: None,
            }),
        ])
        .unwrap();
        assert_eq!(h.on(date("2027-12-25")), Some(&[][..]));
        assert_eq!(h.on(date("2026-12-25")).map(<[Span]>::len), Some(1));
        assert_eq!(h.on(date("2026-12-24")), None);
        assert_eq!(h.next_from(date("2030-12-20")), Some(date("2030-12-25")));
        assert_eq!(h.next_from(date("2030-12-26")), Some(date("2031-12-25")));
        assert_eq!(h.next_from(date("2026-12-25")), Some(date("2026-12-25")));
    }

    #[test]
    fn bad_dates_are_typed_errors() {
        for bad in [
            "2026-13-01",
            "2026-2-01",
            "25-12-2026",
            "christmas",
            "2026-02-30",
        ] {
            let err = Holidays::parse(&[HolidaySpec::Closed(bad.into())]).unwrap_err();
            assert_eq!(err.code(), "invalid_holiday_date", "{bad}");
        }
        let err = Holidays::parse(&[HolidaySpec::Yearly(YearlyHoliday {
            month_day: "02-30".into(),
            hours: None,
            name: None,
        })])
        .unwrap_err();
        assert_eq!(err.code(), "invalid_holiday_date");
        let twice = [
            HolidaySpec::Closed("2026-12-25".into()),
            HolidaySpec::Closed("2026-12-25".into()),
        ];
        assert_eq!(
            Holidays::parse(&twice).unwrap_err().code(),
            "invalid_holiday_date"
        );
    }
}
