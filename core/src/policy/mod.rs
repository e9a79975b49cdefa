//! Response-time policies: named calendars and ordered rules that give each case its targets.
//!
//! A [`Policy`] is read from JSON ([`Policy::from_json`]) or taken from the
//! [preset](Policy::preset). Rules are tried in order and the first whose conditions
//! match the case gives the targets: per [`Metric`] and per [`Priority`], an amount of open
//! time ([`BusinessDuration`]) on one of the policy's calendars, with an optional
//! [`Warning`] point. A metric or priority without a target has no clock. A case that no
//! rule matches is reported as [`Selection::NoRuleMatched`], not an error.
//!
//! # JSON
//!
//! ```json
//! {"calendars": {"office": {"timezone": "Europe/Amsterdam", "hours": {"mon": ["09:00-17:00"]}},
//!                "always": {"timezone": "UTC", "always_open": true}},
//!  "rules": [
//!    {"name": "public social",
//!     "when": {"channel": ["x", "facebook", "instagram"], "public": true},
//!     "targets": {"first_reply": {"normal": {"within": "1h", "calendar": "always", "warn": "80%"},
//!                                 "urgent": {"within": "30m", "calendar": "always"}}}},
//!    {"name": "everything else", "when": {},
//!     "targets": {"first_reply": {"normal": {"within": "24h", "calendar": "office"}}}}],
//!  "praise_needs_no_reply": false}
//! ```
//!
//! - `calendars`: name to [calendar JSON](crate::calendar).
//! - `rules[].when`: see [`Conditions`]; `{}` or absent matches every case.
//! - `rules[].targets`: metric name to priority name to `{"within", "calendar", "warn"?}`.
//! - `praise_needs_no_reply` (optional, default `false`): when `true`, a customer message the
//!   host labels `"praise"` starts no reply clock, as one marked `"needs_reply": false`.
//!
//! Unknown fields, unknown calendar, metric or priority names, malformed, zero or
//! negative durations are errors that name the bad value, so a typo cannot silently switch
//! an SLA off. The document round-trips through [`Policy::to_json`].

mod duration;
mod preset;
mod rule;
mod target;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

pub(crate) use duration::compact as compact_duration;
pub use duration::BusinessDuration;
pub use rule::{Conditions, Rule, Selection, Subject};
pub use target::{Metric, Priority, Target, Warning};

use crate::calendar::Calendar;
use crate::channel::Channel;
use crate::error::{Error, Result};

/// A response-time policy: named calendars and ordered rules. See the [module docs](self).
///
/// # Example
///
/// ```
/// use webcare::{Metric, Policy, Priority};
/// use webcare::policy::{Selection, Subject};
///
/// let policy = Policy::from_json(r#"{
///   "calendars": {"always": {"timezone": "UTC", "always_open": true}},
///   "rules": [{"name": "public social", "when": {"public": true},
///              "targets": {"first_reply": {"normal": {"within": "1h", "calendar": "always"}}}}]}"#)?;
/// let subject = Subject { channel: Some("x".parse()?), ..Subject::default() };
/// let Selection::Rule { rule, .. } = policy.select(&subject) else { panic!("no rule") };
/// assert_eq!(rule.target(Metric::FirstReply, Priority::Normal).map(|t| t.within().as_str()), Some("1h"));
///
/// let email = Subject { channel: Some("email".parse()?), ..Subject::default() };
/// assert_eq!(policy.select(&email), Selection::NoRuleMatched);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    // Shared: every case holds its policy, and cloning it must be cheap.
    inner: Arc<PolicyInner>,
}

#[derive(Debug, PartialEq, Eq)]
struct PolicyInner {
    calendars: BTreeMap<String, Arc<Calendar>>,
    rules: Vec<Rule>,
    praise_needs_no_reply: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct PolicyDoc {
    #[serde(default)]
    calendars: BTreeMap<String, Value>,
    rules: Vec<RuleDoc>,
    #[serde(default)]
    praise_needs_no_reply: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RuleDoc {
    name: String,
    #[serde(default)]
    when: WhenDoc,
    #[serde(default)]
    targets: BTreeMap<String, BTreeMap<String, TargetDoc>>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct WhenDoc {
    channel: Option<Vec<String>>,
    public: Option<bool>,
    priority: Option<Vec<String>>,
    language: Option<Vec<String>>,
    tags: Option<Vec<String>>,
    contact_tags: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetDoc {
    within: String,
    calendar: String,
    warn: Option<String>,
}

impl Policy {
    /// Parses a policy from its JSON document.
    ///
    /// # Errors
    ///
    /// - `invalid_json`: not JSON, an unknown field, a missing `rules`, `name`, `within` or
    ///   `calendar`, or a value of the wrong type.
    /// - `unknown_metric`, `unknown_priority`, `unknown_calendar`, `unknown_channel`: a name
    ///   the policy does not know, named in the error.
    /// - `invalid_duration`, `non_positive_duration`, `invalid_warning`: a bad `within` or
    ///   `warn` (a `before` warning must be shorter than its target).
    /// - Any calendar error (`unknown_timezone`, `invalid_interval`, ...) of a calendar.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Policy;
    ///
    /// let err = Policy::from_json(r#"{"rules": [{"name": "r",
    ///     "targets": {"first_reply": {"normal": {"within": "1h", "calendar": "ofice"}}}}]}"#).unwrap_err();
    /// assert_eq!(err.code(), "unknown_calendar");
    /// let err = Policy::from_json(r#"{"rules": [], "rulez": []}"#).unwrap_err();
    /// assert_eq!(err.code(), "invalid_json");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn from_json(text: &str) -> Result<Policy> {
        let doc: PolicyDoc = serde_json::from_str(text).map_err(|e| Error::json(&e))?;
        Policy::from_doc(doc)
    }

    /// Parses a policy from a JSON value (see [`Policy::from_json`]).
    ///
    /// # Errors
    ///
    /// As [`Policy::from_json`].
    pub fn from_value(value: &Value) -> Result<Policy> {
        let doc = PolicyDoc::deserialize(value).map_err(|e| Error::json(&e))?;
        Policy::from_doc(doc)
    }

    fn from_doc(doc: PolicyDoc) -> Result<Policy> {
        let mut calendars = BTreeMap::new();
        for (name, cal) in doc.calendars {
            let cal = Calendar::from_json(&cal.to_string())?;
            calendars.insert(name, Arc::new(cal));
        }
        let mut rules = Vec::with_capacity(doc.rules.len());
        for r in doc.rules {
            let when = Conditions {
                channel: r
                    .when
                    .channel
                    .map(|list| list.iter().map(|c| c.parse::<Channel>()).collect())
                    .transpose()?,
                public: r.when.public,
                priority: r
                    .when
                    .priority
                    .map(|list| list.iter().map(|p| p.parse::<Priority>()).collect())
                    .transpose()?,
                language: r.when.language,
                tags: r.when.tags,
                contact_tags: r.when.contact_tags,
            };
            let mut targets = BTreeMap::new();
            for (metric, per_priority) in r.targets {
                let metric: Metric = metric.parse()?;
                let mut map = BTreeMap::new();
                for (priority, t) in per_priority {
                    let priority: Priority = priority.parse()?;
                    let within: BusinessDuration = t.within.parse()?;
                    if !calendars.contains_key(&t.calendar) {
                        return Err(Error::UnknownCalendar { name: t.calendar });
                    }
                    let warn = match t.warn {
                        Some(w) => {
                            let parsed: Warning = w.parse()?;
                            if parsed.threshold(within.delta()).is_none() {
                                return Err(Error::InvalidWarning {
                                    value: w,
                                    reason: "a warning must fall before the target is used up",
                                });
                            }
                            Some(parsed)
                        }
                        None => None,
                    };
                    map.insert(
                        priority,
                        Target {
                            within,
                            calendar: t.calendar,
                            warn,
                        },
                    );
                }
                targets.insert(metric, map);
            }
            rules.push(Rule {
                name: r.name,
                when,
                targets,
            });
        }
        Ok(Policy {
            inner: Arc::new(PolicyInner {
                calendars,
                rules,
                praise_needs_no_reply: doc.praise_needs_no_reply,
            }),
        })
    }

    /// The policy as a JSON value; parsing it gives an equal policy.
    pub fn to_value(&self) -> Value {
        let calendars: Map<String, Value> = self
            .inner
            .calendars
            .iter()
            .map(|(name, cal)| {
                let doc = serde_json::from_str(&cal.to_json()).unwrap_or(Value::Null);
                (name.clone(), doc)
            })
            .collect();
        let rules: Vec<Value> = self.inner.rules.iter().map(rule_value).collect();
        let mut doc = Map::new();
        doc.insert("calendars".into(), Value::Object(calendars));
        doc.insert("rules".into(), Value::Array(rules));
        if self.inner.praise_needs_no_reply {
            doc.insert("praise_needs_no_reply".into(), Value::Bool(true));
        }
        Value::Object(doc)
    }

    /// The policy's JSON document; [`Policy::from_json`] reads it back to an equal policy.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::Policy;
    ///
    /// let preset = Policy::preset();
    /// assert_eq!(Policy::from_json(&preset.to_json())?, preset);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_json(&self) -> String {
        self.to_value().to_string()
    }

    /// The rules, in order.
    pub fn rules(&self) -> &[Rule] {
        &self.inner.rules
    }

    /// The calendar named `name`.
    pub fn calendar(&self, name: &str) -> Option<&Calendar> {
        self.inner.calendars.get(name).map(|c| &**c)
    }

    pub(crate) fn calendar_arc(&self, name: &str) -> Option<Arc<Calendar>> {
        self.inner.calendars.get(name).cloned()
    }

    /// Whether a customer message labelled `"praise"` starts no reply clock.
    pub fn praise_needs_no_reply(&self) -> bool {
        self.inner.praise_needs_no_reply
    }

    /// The first rule whose conditions match `subject`, or [`Selection::NoRuleMatched`].
    pub fn select(&self, subject: &Subject) -> Selection<'_> {
        self.inner
            .rules
            .iter()
            .enumerate()
            .find(|(_, r)| r.when.matches(subject))
            .map_or(Selection::NoRuleMatched, |(index, rule)| Selection::Rule {
                index,
                rule,
            })
    }
}

fn rule_value(rule: &Rule) -> Value {
    let mut when = Map::new();
    let c = &rule.when;
    if let Some(list) = &c.channel {
        when.insert(
            "channel".into(),
            list.iter()
                .map(|c| Value::String(c.name().into_owned()))
                .collect(),
        );
    }
    if let Some(p) = c.public {
        when.insert("public".into(), Value::Bool(p));
    }
    if let Some(list) = &c.priority {
        when.insert(
            "priority".into(),
            list.iter()
                .map(|p| Value::String(p.name().into()))
                .collect(),
        );
    }
    for (key, list) in [
        ("language", &c.language),
        ("tags", &c.tags),
        ("contact_tags", &c.contact_tags),
    ] {
        if let Some(list) = list {
            when.insert(
                key.into(),
                list.iter().map(|s| Value::String(s.clone())).collect(),
            );
        }
    }
    let mut targets = Map::new();
    for (metric, per) in &rule.targets {
        let mut m = Map::new();
        for (priority, t) in per {
            let mut o = Map::new();
            o.insert("within".into(), Value::String(t.within.as_str().into()));
            o.insert("calendar".into(), Value::String(t.calendar.clone()));
            if let Some(w) = &t.warn {
                o.insert("warn".into(), Value::String(w.to_string()));
            }
            m.insert(priority.name().into(), Value::Object(o));
        }
        targets.insert(metric.name().into(), Value::Object(m));
    }
    let mut r = Map::new();
    r.insert("name".into(), Value::String(rule.name.clone()));
    r.insert("when".into(), Value::Object(when));
    r.insert("targets".into(), Value::Object(targets));
    Value::Object(r)
}

impl Serialize for Policy {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.to_value().serialize(s)
    }
}

impl<'de> Deserialize<'de> for Policy {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Policy, D::Error> {
        let doc = PolicyDoc::deserialize(d)?;
        Policy::from_doc(doc).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> &'static str {
        Policy::from_json(text).unwrap_err().code()
    }

    const CAL: &str = r#""calendars": {"c": {"timezone": "UTC", "always_open": true}}"#;

    fn one_target(metric: &str, priority: &str, target: &str) -> String {
        format!(
            r#"{{{CAL}, "rules": [{{"name": "r", "targets": {{"{metric}": {{"{priority}": {target}}}}}}}]}}"#
        )
    }

    #[test]
    fn typed_errors_name_the_value() {
        assert_eq!(
            code(&one_target(
                "first_reply",
                "normal",
                r#"{"within": "1h", "calendar": "nope"}"#
            )),
            "unknown_calendar"
        );
        assert_eq!(
            code(&one_target(
                "first_response",
                "normal",
                r#"{"within": "1h", "calendar": "c"}"#
            )),
            "unknown_metric"
        );
        assert_eq!(
            code(&one_target(
                "first_reply",
                "asap",
                r#"{"within": "1h", "calendar": "c"}"#
            )),
            "unknown_priority"
        );
        assert_eq!(
            code(&one_target(
                "first_reply",
                "normal",
                r#"{"within": "0m", "calendar": "c"}"#
            )),
            "non_positive_duration"
        );
        assert_eq!(
            code(&one_target(
                "first_reply",
                "normal",
                r#"{"within": "1 hour", "calendar": "c"}"#
            )),
            "invalid_duration"
        );
        assert_eq!(
            code(&one_target(
                "first_reply",
                "normal",
                r#"{"within": "1h", "calendar": "c", "warn": "2h before"}"#
            )),
            "invalid_warning"
        );
        assert_eq!(
            code(&one_target(
                "first_reply",
                "normal",
                r#"{"within": "1h", "calendar": "c", "wran": "80%"}"#
            )),
            "invalid_json"
        );
        let err = Policy::from_json(&one_target(
            "first_reply",
            "normal",
            r#"{"within": "1h", "calendar": "ofice"}"#,
        ))
        .unwrap_err();
        assert_eq!(
            err,
            Error::UnknownCalendar {
                name: "ofice".into()
            }
        );
    }

    #[test]
    fn round_trip() {
        let text = format!(
            r#"{{{CAL}, "rules": [{{"name": "r", "when": {{"channel": ["x"], "public": true, "priority": ["urgent"], "language": ["nl"], "tags": ["billing"], "contact_tags": ["vip"]}},
                "targets": {{"first_reply": {{"normal": {{"within": "PT1H30M", "calendar": "c", "warn": "10m before"}}}}}}}}], "praise_needs_no_reply": true}}"#
        );
        let p = Policy::from_json(&text).unwrap();
        let back = Policy::from_json(&p.to_json()).unwrap();
        assert_eq!(p, back);
        let a: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(p.to_value(), a);
    }
}
