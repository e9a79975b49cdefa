//! Building a calendar in Rust code rather than from JSON.

use chrono::{NaiveDate, Weekday};

use crate::calendar::schedule::WEEKDAY_KEYS;
use crate::calendar::spec::{DatedHoliday, HolidaySpec, Hours, Spec, YearlyHoliday};
use crate::calendar::{ics, Calendar};
use crate::error::Result;

/// Builds a [`Calendar`] step by step; values are checked by [`CalendarBuilder::build`].
///
/// The builder writes the same JSON document that [`Calendar::to_json`] returns, so a
/// built calendar and one parsed from its JSON are equal.
///
/// # Example
///
/// ```
/// use webcare::Calendar;
/// use chrono::{NaiveDate, Weekday};
///
/// let eve = NaiveDate::from_ymd_opt(2026, 12, 24).ok_or("date")?;
/// let cal = Calendar::builder("Europe/Amsterdam")
///     .weekdays(&["09:00-17:00"])
///     .special_hours(eve, &["09:00-12:00"])
///     .closed_every_year(12, 25)
///     .build()?;
/// assert_eq!(Calendar::from_json(&cal.to_json())?, cal);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
#[must_use]
pub struct CalendarBuilder {
    spec: Spec,
}

impl CalendarBuilder {
    pub(crate) fn new(timezone: &str) -> CalendarBuilder {
        CalendarBuilder {
            spec: Spec {
                timezone: Some(timezone.to_owned()),
                ..Spec::default()
            },
        }
    }

    /// Sets the opening intervals of one weekday (`"HH:MM-HH:MM"`, replacing earlier ones).
    pub fn hours(mut self, day: Weekday, intervals: &[&str]) -> CalendarBuilder {
        let index = day.num_days_from_monday() as usize;
        let key = WEEKDAY_KEYS[index];
        let list: Vec<String> = intervals.iter().map(|s| (*s).to_owned()).collect();
        let hours = &mut self.spec.hours.get_or_insert_with(Hours::default).0;
        match hours.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = list,
            None => {
                // Keep Monday-first order so the JSON reads naturally.
                let at = hours
                    .iter()
                    .position(|(k, _)| WEEKDAY_KEYS.iter().position(|w| w == k) > Some(index))
                    .unwrap_or(hours.len());
                hours.insert(at, (key.to_owned(), list));
            }
        }
        self
    }

    /// Sets the same intervals on Monday to Friday.
    pub fn weekdays(self, intervals: &[&str]) -> CalendarBuilder {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
        ]
        .into_iter()
        .fold(self, |b, day| b.hours(day, intervals))
    }

    /// Sets the same intervals on every day of the week.
    pub fn every_day(self, intervals: &[&str]) -> CalendarBuilder {
        [
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
        ]
        .into_iter()
        .fold(self, |b, day| b.hours(day, intervals))
    }

    /// Closed all day on `date` (intervals starting that day are removed).
    pub fn closed_on(self, date: NaiveDate) -> CalendarBuilder {
        self.holiday(HolidaySpec::Closed(date.format("%Y-%m-%d").to_string()))
    }

    /// Open only during `intervals` on `date`, instead of the weekday's hours.
    pub fn special_hours(self, date: NaiveDate, intervals: &[&str]) -> CalendarBuilder {
        self.holiday(HolidaySpec::Dated(DatedHoliday {
            date: date.format("%Y-%m-%d").to_string(),
            hours: Some(intervals.iter().map(|s| (*s).to_owned()).collect()),
            name: None,
        }))
    }

    /// Closed all day on `month`-`day` of every year (`2, 29`: leap years only).
    pub fn closed_every_year(self, month: u32, day: u32) -> CalendarBuilder {
        self.holiday(HolidaySpec::Yearly(YearlyHoliday {
            month_day: format!("{month:02}-{day:02}"),
            hours: None,
            name: None,
        }))
    }

    /// Open only during `intervals` on `month`-`day` of every year.
    pub fn special_hours_every_year(
        self,
        month: u32,
        day: u32,
        intervals: &[&str],
    ) -> CalendarBuilder {
        self.holiday(HolidaySpec::Yearly(YearlyHoliday {
            month_day: format!("{month:02}-{day:02}"),
            hours: Some(intervals.iter().map(|s| (*s).to_owned()).collect()),
            name: None,
        }))
    }

    /// Adds the all-day events of an iCalendar document as closed holidays (see
    /// [iCalendar import](crate::calendar#icalendar-import) for what is imported). Dates that are already holidays
    /// keep their entry.
    ///
    /// # Errors
    ///
    /// `invalid_ics` when the text cannot be imported.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Calendar;
    ///
    /// let ics = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20260101\nRRULE:FREQ=YEARLY\n\
    ///            SUMMARY:New Year\nEND:VEVENT\nEND:VCALENDAR\n";
    /// let cal = Calendar::builder("UTC").weekdays(&["09:00-17:00"]).holidays_from_ics(ics)?.build()?;
    /// assert!(cal.to_json().contains(r#"{"month_day":"01-01","name":"New Year"}"#));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn holidays_from_ics(mut self, text: &str) -> Result<CalendarBuilder> {
        merge_holidays(&mut self.spec, ics::parse_holidays(text)?);
        Ok(self)
    }

    /// Open 24/7 (a calendar with `always_open` has no hours and no holidays).
    pub fn always_open(mut self) -> CalendarBuilder {
        self.spec.always_open = Some(true);
        self
    }

    /// Checks the values and builds the calendar.
    ///
    /// # Errors
    ///
    /// As [`Calendar::from_json`]: `unknown_timezone`, `invalid_interval`,
    /// `empty_interval`, `overlapping_intervals`, `invalid_holiday_date`,
    /// `calendar_never_open`, and `invalid_json` for `always_open` with hours or holidays.
    pub fn build(self) -> Result<Calendar> {
        Calendar::from_spec(self.spec)
    }

    fn holiday(mut self, entry: HolidaySpec) -> CalendarBuilder {
        self.spec.holidays.get_or_insert_with(Vec::new).push(entry);
        self
    }
}

/// Appends `imported` to the holidays of `spec`, leaving out dates already listed.
pub(crate) fn merge_holidays(spec: &mut Spec, imported: Vec<HolidaySpec>) {
    if imported.is_empty() {
        return;
    }
    let list = spec.holidays.get_or_insert_with(Vec::new);
    for entry in imported {
        if !list.iter().any(|h| h.key() == entry.key()) {
            list.push(entry);
        }
    }
}
