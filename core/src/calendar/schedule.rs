//! The weekly schedule: for each weekday, the local opening intervals that start on it.

use crate::calendar::interval::{Span, DAY};
use crate::error::{Error, Result};

/// The weekday keys of the `hours` object, Monday first (chrono's `num_days_from_monday`).
pub(crate) const WEEKDAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A day's intervals, sorted, touching ones merged, each with the texts it came from (for
/// error messages about the neighbouring day).
#[derive(Debug, Clone, Default)]
pub(crate) struct DayPlan {
    pub(crate) spans: Vec<Span>,
    /// Text of the interval that gives each merged span its start, and its end.
    texts: Vec<(String, String)>,
}

impl DayPlan {
    /// Parses one day's interval texts. `label` names the day in errors.
    pub(crate) fn parse(label: &str, texts: &[String]) -> Result<DayPlan> {
        let mut parsed = texts
            .iter()
            .map(|t| Span::parse(t).map(|s| (s, t.clone())))
            .collect::<Result<Vec<_>>>()?;
        parsed.sort_by_key(|(s, _)| *s);
        let mut plan = DayPlan::default();
        for (span, text) in parsed {
            match (plan.spans.last_mut(), plan.texts.last_mut()) {
                (Some(prev), Some(prev_text)) if prev.end > span.start => {
                    return Err(Error::OverlappingIntervals {
                        day: label.to_owned(),
                        first: prev_text.1.clone(),
                        second: text,
                    });
                }
                (Some(prev), Some(prev_text)) if prev.end == span.start => {
                    // Touching intervals are one opening period.
                    prev.end = span.end;
                    prev_text.1 = text;
                }
                _ => {
                    plan.spans.push(span);
                    plan.texts.push((text.clone(), text));
                }
            }
        }
        // Every span still starts before midnight and ends before the end of the next day
        // (its last part does), so it reaches into the next day only.
        Ok(plan)
    }

    /// Fails when this day's last interval (running past midnight) overlaps the first
    /// interval of `next`, the plan of the following day.
    pub(crate) fn check_before(&self, label: &str, next: &DayPlan) -> Result<()> {
        if let (Some(last), Some(first)) = (self.spans.last(), next.spans.first()) {
            if last.end > first.start + DAY {
                let first_text = self.texts.last().map(|t| t.1.clone()).unwrap_or_default();
                let second_text = next.texts.first().map(|t| t.0.clone()).unwrap_or_default();
                return Err(Error::OverlappingIntervals {
                    day: label.to_owned(),
                    first: first_text,
                    second: second_text,
                });
            }
        }
        Ok(())
    }

    /// Open wall-clock seconds of the day's intervals.
    pub(crate) fn open_secs(&self) -> u64 {
        self.spans.iter().map(|s| u64::from(s.len())).sum()
    }
}

/// The weekly schedule, Monday first.
#[derive(Debug, Clone, Default)]
pub(crate) struct Week {
    pub(crate) days: [Vec<Span>; 7],
    /// Open wall-clock seconds of a whole week (each interval counted on its start day).
    pub(crate) open_secs: u64,
}

impl Week {
    /// Builds the week from `(weekday key, interval texts)` pairs.
    ///
    /// Unknown keys, malformed intervals and overlaps (within a day and across midnight,
    /// including Sunday into Monday) are errors.
    pub(crate) fn parse(hours: &[(String, Vec<String>)]) -> Result<Week> {
        let mut plans: [DayPlan; 7] = Default::default();
        for (key, texts) in hours {
            let index = WEEKDAY_KEYS
                .iter()
                .position(|k| k == key)
                .ok_or_else(|| Error::UnknownWeekday { name: key.clone() })?;
            plans[index] = DayPlan::parse(key, texts)?;
        }
        for (i, plan) in plans.iter().enumerate() {
            plan.check_before(WEEKDAY_KEYS[i], &plans[(i + 1) % 7])?;
        }
        let open_secs = plans.iter().map(DayPlan::open_secs).sum();
        let days = plans.map(|p| p.spans);
        Ok(Week { days, open_secs })
    }

    /// True when no weekday has any interval.
    pub(crate) fn is_empty(&self) -> bool {
        self.open_secs == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hours(pairs: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
        pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), v.iter().map(|s| (*s).to_owned()).collect()))
            .collect()
    }

    #[test]
    fn touching_intervals_merge() {
        let week = Week::parse(&hours(&[("mon", &["12:00-17:00", "09:00-12:00"])])).unwrap();
        assert_eq!(
            week.days[0],
            vec![Span {
                start: 9 * 3600,
                end: 17 * 3600
            }]
        );
        assert_eq!(week.open_secs, 8 * 3600);
    }

    #[test]
    fn overlaps_are_errors_also_across_midnight_and_the_week_end() {
        let err = Week::parse(&hours(&[("mon", &["09:00-13:00", "12:00-17:00"])])).unwrap_err();
        assert_eq!(err.code(), "overlapping_intervals");
        let err = Week::parse(&hours(&[
            ("fri", &["22:00-02:00"]),
            ("sat", &["01:00-05:00"]),
        ]))
        .unwrap_err();
        assert_eq!(err.code(), "overlapping_intervals");
        let err = Week::parse(&hours(&[
            ("sun", &["22:00-02:00"]),
            ("mon", &["00:00-05:00"]),
        ]))
        .unwrap_err();
        assert_eq!(err.code(), "overlapping_intervals");
        // Touching across midnight is fine.
        Week::parse(&hours(&[
            ("fri", &["22:00-02:00"]),
            ("sat", &["02:00-05:00"]),
        ]))
        .unwrap();
    }

    #[test]
    fn unknown_weekday_is_an_error() {
        let err = Week::parse(&hours(&[("monday", &["09:00-17:00"])])).unwrap_err();
        assert_eq!(err.code(), "unknown_weekday");
    }
}
