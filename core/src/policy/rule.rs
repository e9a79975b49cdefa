//! Rules: conditions on a case and the targets they give.

use std::collections::{BTreeMap, BTreeSet};

use super::target::{Metric, Priority, Target};
use crate::channel::Channel;

/// The conditions of a rule (`when` in JSON). An absent condition matches every case; all
/// present conditions must match.
///
/// JSON keys: `channel` (list: the case's channel is one of them), `public` (bool: whether
/// the case's channel is public), `priority` (list), `language` (list; a case without a
/// language matches no list), `tags` (all required on the case), `contact_tags` (all
/// required on the customer, such as `"vip"`). Tags and languages compare case-insensitively.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Conditions {
    pub(crate) channel: Option<Vec<Channel>>,
    pub(crate) public: Option<bool>,
    pub(crate) priority: Option<Vec<Priority>>,
    pub(crate) language: Option<Vec<String>>,
    pub(crate) tags: Option<Vec<String>>,
    pub(crate) contact_tags: Option<Vec<String>>,
}

/// What a rule is matched against: the facts of a case at one instant.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Subject {
    /// The case's channel (of its first customer message), if known.
    pub channel: Option<Channel>,
    /// The case's priority.
    pub priority: Priority,
    /// The case's language (`"en"`, `"nl"`), if known.
    pub language: Option<String>,
    /// The case's tags, lowercase.
    pub tags: BTreeSet<String>,
    /// The customer's tags (`"vip"`), lowercase.
    pub contact_tags: BTreeSet<String>,
}

impl Conditions {
    /// Whether `subject` meets every condition.
    pub fn matches(&self, subject: &Subject) -> bool {
        let channel_ok = match (&self.channel, &subject.channel) {
            (None, _) => true,
            (Some(list), Some(c)) => list.contains(c),
            (Some(_), None) => false,
        };
        let public_ok = match (self.public, &subject.channel) {
            (None, _) => true,
            (Some(p), Some(c)) => c.is_public() == p,
            (Some(_), None) => false,
        };
        let priority_ok = self
            .priority
            .as_ref()
            .is_none_or(|list| list.contains(&subject.priority));
        let language_ok = match (&self.language, &subject.language) {
            (None, _) => true,
            (Some(list), Some(lang)) => list.iter().any(|l| l.eq_ignore_ascii_case(lang)),
            (Some(_), None) => false,
        };
        let all_in = |need: &Option<Vec<String>>, have: &BTreeSet<String>| {
            need.as_ref()
                .is_none_or(|list| list.iter().all(|t| have.contains(&t.to_lowercase())))
        };
        channel_ok
            && public_ok
            && priority_ok
            && language_ok
            && all_in(&self.tags, &subject.tags)
            && all_in(&self.contact_tags, &subject.contact_tags)
    }
}

/// One rule of a policy: a name, conditions and targets per metric and priority.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub(crate) name: String,
    pub(crate) when: Conditions,
    pub(crate) targets: BTreeMap<Metric, BTreeMap<Priority, Target>>,
}

impl Rule {
    /// The rule's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The rule's conditions.
    pub fn conditions(&self) -> &Conditions {
        &self.when
    }

    /// The target for `metric` at `priority`; `None` means that metric has no clock.
    pub fn target(&self, metric: Metric, priority: Priority) -> Option<&Target> {
        self.targets.get(&metric)?.get(&priority)
    }
}

/// The outcome of rule selection: a rule, or the report that no rule matched (which is not
/// an error: the case simply has no clocks, and says so).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection<'a> {
    /// The first rule whose conditions match, with its position in the policy.
    Rule {
        /// 0-based position in the policy's rules.
        index: usize,
        /// The rule.
        rule: &'a Rule,
    },
    /// No rule's conditions match the case.
    NoRuleMatched,
}
