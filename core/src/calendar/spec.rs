//! The JSON form of a calendar, kept exactly as given so that it round-trips unchanged.
//!
//! These types only describe the shape; [`super::Calendar`] validates the values
//! (zone names, interval texts, dates) and reports typed errors.

use std::fmt;

use serde::de::{MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A calendar document: one zone with hours and holidays, always open, or a union.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Spec {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) timezone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) hours: Option<Hours>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) holidays: Option<Vec<HolidaySpec>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) always_open: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) any_of: Option<Vec<Spec>>,
}

/// The `hours` object, in the order its keys were written (so it round-trips as written).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Hours(pub(crate) Vec<(String, Vec<String>)>);

impl Serialize for Hours {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (day, intervals) in &self.0 {
            map.serialize_entry(day, intervals)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Hours {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Hours, D::Error> {
        struct HoursVisitor;
        impl<'de> Visitor<'de> for HoursVisitor {
            type Value = Hours;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of weekday keys to lists of \"HH:MM-HH:MM\"")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Hours, A::Error> {
                let mut out: Vec<(String, Vec<String>)> = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Vec<String>>()? {
                    if out.iter().any(|(k, _)| *k == key) {
                        return Err(serde::de::Error::custom(format_args!(
                            "weekday {key:?} is listed twice"
                        )));
                    }
                    out.push((key, value));
                }
                Ok(Hours(out))
            }
        }
        d.deserialize_map(HoursVisitor)
    }
}

/// One entry of `holidays`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub(crate) enum HolidaySpec {
    /// `"2026-12-25"`: closed all day.
    Closed(String),
    /// `{"date": "2026-12-24", "hours": ["09:00-12:00"]}`.
    Dated(DatedHoliday),
    /// `{"month_day": "12-25"}`: every year.
    Yearly(YearlyHoliday),
}

/// A holiday on one date, closed (no `hours`, or `[]`) or with special hours.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DatedHoliday {
    pub(crate) date: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) hours: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
}

/// A holiday on the same month and day every year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct YearlyHoliday {
    pub(crate) month_day: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) hours: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) name: Option<String>,
}

impl HolidaySpec {
    /// The date or month-day text, which identifies the entry.
    pub(crate) fn key(&self) -> &str {
        match self {
            HolidaySpec::Closed(date) => date,
            HolidaySpec::Dated(h) => &h.date,
            HolidaySpec::Yearly(h) => &h.month_day,
        }
    }
}
