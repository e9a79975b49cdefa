//! The preset policy, following the facts in DESIGN.md.

use super::Policy;

/// The preset as JSON. Every number and its source:
///
/// - **Public social (X, Facebook, Instagram): first and next reply 1 hour, 24/7; 30 minutes
///   when urgent.** DESIGN.md "Facts": 42% of people who complain on social media expect an
///   answer within 1 hour and 32% within 30 minutes, most of them 24/7 (Edison Research, The
///   Social Habit); 72% expect a reply on Twitter within an hour.
/// - **Private social (X DMs, WhatsApp): 4 hours, 24/7.** DESIGN.md "Policies" preset: a
///   private message is not seen by others, so it gets more time than a public complaint
///   but still round the clock; well under the 8h37m Twitter average that Eptica measured
///   (DESIGN.md "Facts").
/// - **E-mail and web form: 24 business hours** on a Monday-to-Friday 09:00-17:00 desk in
///   Europe/Amsterdam (three working days of 8 hours). DESIGN.md "Policies" preset; Eptica
///   measured 61h39m on average for e-mail (DESIGN.md "Facts").
/// - **Phone: 5 business minutes** on the same desk (DESIGN.md "Policies" preset).
///
/// Every priority gets the target, so raising a priority never switches a clock off.
/// Channels outside these rules (chat, custom channels) match no rule: the case says so.
pub(super) const PRESET_JSON: &str = r#"{
 "calendars": {
  "always": {"timezone": "UTC", "always_open": true},
  "office": {"timezone": "Europe/Amsterdam",
             "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"], "wed": ["09:00-17:00"],
                       "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]}}},
 "rules": [
  {"name": "public social", "when": {"channel": ["x", "facebook", "instagram"], "public": true},
   "targets": {
    "first_reply": {"low": {"within": "1h", "calendar": "always"}, "normal": {"within": "1h", "calendar": "always"},
                    "high": {"within": "1h", "calendar": "always"}, "urgent": {"within": "30m", "calendar": "always"}},
    "next_reply": {"low": {"within": "1h", "calendar": "always"}, "normal": {"within": "1h", "calendar": "always"},
                   "high": {"within": "1h", "calendar": "always"}, "urgent": {"within": "30m", "calendar": "always"}}}},
  {"name": "private social", "when": {"channel": ["x_dm", "whatsapp"]},
   "targets": {
    "first_reply": {"low": {"within": "4h", "calendar": "always"}, "normal": {"within": "4h", "calendar": "always"},
                    "high": {"within": "4h", "calendar": "always"}, "urgent": {"within": "4h", "calendar": "always"}},
    "next_reply": {"low": {"within": "4h", "calendar": "always"}, "normal": {"within": "4h", "calendar": "always"},
                   "high": {"within": "4h", "calendar": "always"}, "urgent": {"within": "4h", "calendar": "always"}}}},
  {"name": "email and web form", "when": {"channel": ["email", "web_form"]},
   "targets": {
    "first_reply": {"low": {"within": "24h", "calendar": "office"}, "normal": {"within": "24h", "calendar": "office"},
                    "high": {"within": "24h", "calendar": "office"}, "urgent": {"within": "24h", "calendar": "office"}},
    "next_reply": {"low": {"within": "24h", "calendar": "office"}, "normal": {"within": "24h", "calendar": "office"},
                   "high": {"within": "24h", "calendar": "office"}, "urgent": {"within": "24h", "calendar": "office"}}}},
  {"name": "phone", "when": {"channel": ["phone"]},
   "targets": {
    "first_reply": {"low": {"within": "5m", "calendar": "office"}, "normal": {"within": "5m", "calendar": "office"},
                    "high": {"within": "5m", "calendar": "office"}, "urgent": {"within": "5m", "calendar": "office"}}}}]}"#;

impl Policy {
    /// The preset policy, following the facts webcare is built on (sources on each number
    /// below).
    ///
    /// | rule | channels | first and next reply | calendar | source (DESIGN.md) |
    /// |---|---|---|---|---|
    /// | public social | `x`, `facebook`, `instagram` | 1h, urgent 30m | 24/7 | Facts: 42% expect an answer within 1 h, 32% within 30 min, 24/7 (Edison Research); 72% expect a Twitter reply within an hour |
    /// | private social | `x_dm`, `whatsapp` | 4h | 24/7 | Policies preset; Facts: Eptica's 8h37m Twitter average is what customers get today |
    /// | email and web form | `email`, `web_form` | 24h of open time | Mon-Fri 09:00-17:00 Europe/Amsterdam | Policies preset; Facts: Eptica measured 61h39m for e-mail |
    /// | phone | `phone` | 5m (first reply only) | same office hours | Policies preset |
    ///
    /// Other channels (chat, custom channels) match no rule, which a case reports.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Metric, Policy, Priority};
    /// use webcare::policy::{Selection, Subject};
    /// use chrono::TimeDelta;
    ///
    /// let preset = Policy::preset();
    /// let x = Subject { channel: Some("x".parse()?), priority: Priority::Urgent, ..Subject::default() };
    /// let Selection::Rule { rule, .. } = preset.select(&x) else { panic!("no rule") };
    /// let target = rule.target(Metric::FirstReply, Priority::Urgent).ok_or("no target")?;
    /// assert_eq!(target.within().delta(), TimeDelta::minutes(30));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn preset() -> Policy {
        static PRESET: std::sync::OnceLock<Policy> = std::sync::OnceLock::new();
        PRESET
            .get_or_init(|| {
                // The preset is a constant document checked by a unit test; it always parses.
                Policy::from_json(PRESET_JSON).unwrap_or_else(|_| Policy {
                    inner: std::sync::Arc::new(super::PolicyInner {
                        calendars: Default::default(),
                        rules: Vec::new(),
                        praise_needs_no_reply: false,
                    }),
                })
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn preset_parses() {
        let p = Policy::from_json(PRESET_JSON).unwrap();
        assert_eq!(p.rules().len(), 4);
        assert_eq!(Policy::preset(), p);
    }
}
