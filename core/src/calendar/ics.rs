//! iCalendar (`.ics`, RFC 5545) import of holidays: a small line parser, not a full
//! iCalendar implementation.
//!
//! What is imported: every `VEVENT` whose `DTSTART` is a date (`DTSTART;VALUE=DATE:20261225`
//! or a bare 8-digit date) becomes a closed holiday named by its `SUMMARY`; a `DTEND` date
//! (exclusive, as RFC 5545 says) makes it span several days. `RRULE:FREQ=YEARLY` (optionally
//! with `INTERVAL=1`, or `BYMONTH`/`BYMONTHDAY` equal to the start date) makes it a yearly
//! holiday (`{"month_day": ...}`).
//!
//! Limits: events with a time (`DTSTART:20261225T090000Z`) and cancelled events
//! (`STATUS:CANCELLED`) are left out; any other `RRULE` (`COUNT`, `UNTIL`, other
//! frequencies) and `RDATE`/`EXDATE` are an `invalid_ics` error rather than a silent
//! guess; an all-day event longer than 366 days is an error. Folded lines are unfolded,
//! text escapes in `SUMMARY` (`\,` `\;` `\n` `\\`) are undone, time zones (`VTIMEZONE`) are
//! ignored because all-day dates need none.

use chrono::{Datelike, Days, NaiveDate};

use crate::calendar::spec::{DatedHoliday, HolidaySpec, YearlyHoliday};
use crate::error::{Error, Result};

#[derive(Default)]
struct Event {
    start: Option<(String, bool)>,
    end: Option<(String, bool)>,
    rrule: Option<(usize, String)>,
    extra_dates: Option<usize>,
    summary: Option<String>,
    cancelled: bool,
}

/// Parses the all-day events of an iCalendar document into holiday entries.
pub(crate) fn parse_holidays(text: &str) -> Result<Vec<HolidaySpec>> {
    let err = |line: usize, reason: &'static str| Error::InvalidIcs { line, reason };
    // Unfold: a line that starts with a space or tab continues the previous one.
    let mut lines: Vec<String> = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        match (raw.strip_prefix([' ', '\t']), lines.last_mut()) {
            (Some(rest), Some(last)) => last.push_str(rest),
            _ => lines.push(raw.to_owned()),
        }
    }
    let mut out = Vec::new();
    let mut event: Option<Event> = None;
    let mut saw_calendar = false;
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let (head, value) = line
            .split_once(':')
            .ok_or_else(|| err(n, "expected NAME:value"))?;
        let mut parts = head.split(';');
        let name = parts.next().unwrap_or_default().trim().to_ascii_uppercase();
        let is_date = parts.any(|p| p.trim().eq_ignore_ascii_case("VALUE=DATE"));
        let value = value.trim();
        match (name.as_str(), event.as_mut()) {
            ("BEGIN", None) if value.eq_ignore_ascii_case("VCALENDAR") => saw_calendar = true,
            ("BEGIN", Some(_)) if value.eq_ignore_ascii_case("VEVENT") => {
                return Err(err(n, "VEVENT inside VEVENT"));
            }
            ("BEGIN", None) if value.eq_ignore_ascii_case("VEVENT") => {
                if !saw_calendar {
                    return Err(err(n, "VEVENT outside BEGIN:VCALENDAR"));
                }
                event = Some(Event::default());
            }
            ("END", Some(_)) if value.eq_ignore_ascii_case("VEVENT") => {
                if let Some(done) = event.take() {
                    finish(done, n, &mut out)?;
                }
            }
            ("DTSTART", Some(e)) => e.start = Some((value.to_owned(), is_date)),
            ("DTEND", Some(e)) => e.end = Some((value.to_owned(), is_date)),
            ("RRULE", Some(e)) => e.rrule = Some((n, value.to_ascii_uppercase())),
            ("RDATE" | "EXDATE", Some(e)) => e.extra_dates = Some(n),
            ("SUMMARY", Some(e)) => e.summary = Some(unescape(value)),
            ("STATUS", Some(e)) => e.cancelled = value.eq_ignore_ascii_case("CANCELLED"),
            _ => {}
        }
    }
    if !saw_calendar {
        return Err(err(0, "not an iCalendar document (no BEGIN:VCALENDAR)"));
    }
    if event.is_some() {
        return Err(err(lines.len(), "VEVENT without END:VEVENT"));
    }
    Ok(out)
}

/// Turns one finished event into holiday entries (none for timed or cancelled events).
fn finish(e: Event, line: usize, out: &mut Vec<HolidaySpec>) -> Result<()> {
    let err = |line: usize, reason: &'static str| Error::InvalidIcs { line, reason };
    let (start_text, start_is_date) = e.start.ok_or_else(|| err(line, "VEVENT without DTSTART"))?;
    if e.cancelled || !(start_is_date || is_basic_date(&start_text)) {
        return Ok(());
    }
    let start =
        basic_date(&start_text).ok_or_else(|| err(line, "DTSTART is not a date YYYYMMDD"))?;
    let days = match e.end {
        Some((end_text, _)) => {
            let end = basic_date(end_text.get(..8).unwrap_or_default())
                .ok_or_else(|| err(line, "DTEND is not a date YYYYMMDD"))?;
            let days = (end - start).num_days().max(1);
            if days > 366 {
                return Err(err(line, "all-day event longer than 366 days"));
            }
            days as u64
        }
        None => 1,
    };
    if let Some(at) = e.extra_dates {
        return Err(err(at, "RDATE and EXDATE are not supported"));
    }
    let yearly = match &e.rrule {
        None => false,
        Some((_, rule)) if simple_yearly(rule, start) => true,
        Some((at, _)) => {
            return Err(err(
                *at,
                "unsupported RRULE: only FREQ=YEARLY without COUNT, UNTIL or other parts",
            ));
        }
    };
    for offset in 0..days {
        let date = start
            .checked_add_days(Days::new(offset))
            .ok_or_else(|| err(line, "date out of range"))?;
        out.push(if yearly {
            HolidaySpec::Yearly(YearlyHoliday {
                month_day: date.format("%m-%d").to_string(),
                hours: None,
                name: e.summary.clone(),
            })
        } else {
            HolidaySpec::Dated(DatedHoliday {
                date: date.format("%Y-%m-%d").to_string(),
                hours: None,
                name: e.summary.clone(),
            })
        });
    }
    Ok(())
}

/// `FREQ=YEARLY`, optionally with `INTERVAL=1` and `BYMONTH`/`BYMONTHDAY` of the start.
fn simple_yearly(rule: &str, start: NaiveDate) -> bool {
    let mut yearly = false;
    for part in rule.split(';').filter(|p| !p.is_empty()) {
        let ok = match part.split_once('=') {
            Some(("FREQ", "YEARLY")) => {
                yearly = true;
                true
            }
            Some(("INTERVAL", "1")) => true,
            Some(("BYMONTH", m)) => m.parse::<u32>().ok() == Some(start.month()),
            Some(("BYMONTHDAY", d)) => d.parse::<u32>().ok() == Some(start.day()),
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    yearly
}

fn is_basic_date(text: &str) -> bool {
    text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit())
}

fn basic_date(text: &str) -> Option<NaiveDate> {
    if !is_basic_date(text) {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y%m%d").ok()
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n' | 'N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn imports_all_day_events_multi_day_and_yearly() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART;VALUE=DATE:20261225\r\n\
                    DTEND;VALUE=DATE:20261227\r\nSUMMARY:Kerst\\, Tweede\r\n  Kerstdag\r\nEND:VEVENT\r\n\
                    BEGIN:VEVENT\r\nDTSTART:20260101\r\nRRULE:FREQ=YEARLY;BYMONTH=1\r\nEND:VEVENT\r\n\
                    BEGIN:VEVENT\r\nDTSTART:20260310T090000Z\r\nSUMMARY:meeting\r\nEND:VEVENT\r\n\
                    END:VCALENDAR\r\n";
        let got = parse_holidays(text).unwrap();
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].key(), "2026-12-25");
        assert_eq!(got[1].key(), "2026-12-26");
        assert_eq!(got[2].key(), "01-01");
        match &got[0] {
            HolidaySpec::Dated(h) => assert_eq!(h.name.as_deref(), Some("Kerst, Tweede Kerstdag")),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn refuses_what_it_cannot_import() {
        let code = |t: &str| parse_holidays(t).unwrap_err().code();
        assert_eq!(code("hello"), "invalid_ics");
        assert_eq!(
            code("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\n"),
            "invalid_ics"
        );
        assert_eq!(
            code("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20261225\nRRULE:FREQ=YEARLY;COUNT=3\nEND:VEVENT\nEND:VCALENDAR"),
            "invalid_ics"
        );
        assert_eq!(code("BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026122\nEND:VEVENT\nEND:VCALENDAR"), "invalid_ics");
    }
}
