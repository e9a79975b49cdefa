//! `Policy`, wrapping `webcare::policy`. Rule selection comes back as a plain object.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use webcare::policy::{BusinessDuration, Selection, Subject};

use crate::channel::parse_channel;
use crate::convert::guard;

/// A response-time policy: named calendars and ordered rules; the first rule whose
/// conditions match a case gives its targets per metric and priority.
///
/// Made from its JSON document (`Policy.fromJson`) or the preset (`Policy.preset()`).
/// Unknown fields, unknown calendar, metric or priority names and zero or negative
/// durations throw an `Error` whose `code` names the problem.
#[napi(js_name = "Policy")]
#[derive(Debug, Clone)]
pub struct JsPolicy(pub(crate) webcare::Policy);

/// The facts of a case that rules are matched against; absent facts are core's defaults
/// (no channel, priority normal, no language, no tags).
#[napi(object)]
#[derive(Debug, Default)]
pub struct CaseFacts {
    /// The case's channel (`x`, `email`, ...).
    pub channel: Option<String>,
    /// `low`, `normal`, `high` or `urgent`.
    pub priority: Option<String>,
    /// The case's language (`en`, `nl`).
    pub language: Option<String>,
    /// The case's tags.
    pub tags: Option<Vec<String>>,
    /// The customer's tags (`vip`).
    pub contact_tags: Option<Vec<String>>,
}

/// The outcome of rule selection: the first matching rule, or the report that none matched.
#[napi(object)]
#[derive(Debug)]
pub struct RuleSelection {
    /// The name of the first rule whose conditions match, or `null`.
    pub rule: Option<String>,
    /// Its 0-based position in the policy's rules, or `null`.
    pub index: Option<u32>,
    /// `true` when no rule's conditions match.
    pub no_rule_matched: bool,
}

#[napi]
impl JsPolicy {
    /// Parses a policy from its JSON document.
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::Policy::from_json(&text)).map(JsPolicy)
    }

    /// The preset that follows the published facts: public social first reply 1h on a 24/7
    /// calendar (30m when urgent), private social 4h 24/7, email and web form 24 business
    /// hours, phone 5 minutes.
    #[napi(factory, catch_unwind)]
    pub fn preset() -> Self {
        JsPolicy(webcare::Policy::preset())
    }

    /// The policy's JSON document; `Policy.fromJson` reads it back to an equal policy.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The rules' names, in order.
    #[napi(getter, catch_unwind)]
    pub fn rules(&self) -> Vec<String> {
        self.0.rules().iter().map(|r| r.name().to_owned()).collect()
    }

    /// Whether a customer message labelled `praise` starts no reply clock.
    #[napi(getter, catch_unwind)]
    pub fn praise_needs_no_reply(&self) -> bool {
        self.0.praise_needs_no_reply()
    }

    /// Whether two policies are equal.
    #[napi(catch_unwind)]
    pub fn equals(&self, other: &JsPolicy) -> bool {
        self.0 == other.0
    }

    /// The first rule whose conditions match a case with these facts.
    #[napi(catch_unwind)]
    pub fn select(&self, env: &Env, facts: Option<CaseFacts>) -> Result<RuleSelection> {
        let facts = facts.unwrap_or_default();
        let mut subject = Subject::default();
        if let Some(c) = &facts.channel {
            subject.channel = Some(parse_channel(env, c)?);
        }
        if let Some(p) = &facts.priority {
            subject.priority = guard(env, || p.parse())?;
        }
        subject.language = facts.language;
        let lower = |v: Vec<String>| v.into_iter().map(|t| t.to_lowercase()).collect();
        subject.tags = facts.tags.map(lower).unwrap_or_default();
        subject.contact_tags = facts.contact_tags.map(lower).unwrap_or_default();
        Ok(match self.0.select(&subject) {
            Selection::Rule { index, rule } => RuleSelection {
                rule: Some(rule.name().to_owned()),
                index: Some(u32::try_from(index).unwrap_or(u32::MAX)),
                no_rule_matched: false,
            },
            Selection::NoRuleMatched => RuleSelection {
                rule: None,
                index: None,
                no_rule_matched: true,
            },
        })
    }

    /// Parses a policy duration (`'30s'`, `'45m'`, `'1h30m'`, `'2d'`, `'PT1H30M'`) into
    /// milliseconds of open time on a calendar, where a day is 24 hours of it.
    #[napi(catch_unwind)]
    pub fn parse_duration(env: &Env, text: String) -> Result<f64> {
        guard(env, || text.parse::<BusinessDuration>()).map(|d| d.delta().num_milliseconds() as f64)
    }
}
