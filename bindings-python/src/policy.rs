//! `webcare.Policy` and `webcare.RuleSelection`, wrapping `webcare::policy`.

use chrono::TimeDelta;
use pyo3::prelude::*;
use pyo3::types::PyTuple;
use webcare::policy::{BusinessDuration, Selection, Subject};

use crate::channel::extract_channel;
use crate::convert::guard;

/// A response-time policy: named calendars and ordered rules; the first rule whose
/// conditions match a case gives its targets per metric and priority.
///
/// Made from its JSON document (`Policy.from_json`) or the preset (`Policy.preset()`).
/// Unknown fields, unknown calendar, metric or priority names and zero or negative
/// durations raise `InvalidInputError` naming the bad value.
#[pyclass(name = "Policy", module = "webcare", frozen, eq, from_py_object)]
#[derive(Debug, Clone, PartialEq)]
pub struct PyPolicy(pub webcare::Policy);

/// The outcome of rule selection: the first matching rule, or the report that none matched.
#[pyclass(name = "RuleSelection", module = "webcare", frozen)]
#[derive(Debug)]
pub struct PyRuleSelection {
    /// The name of the first rule whose conditions match, or `None`.
    #[pyo3(get)]
    rule: Option<String>,
    /// Its 0-based position in the policy's rules, or `None`.
    #[pyo3(get)]
    index: Option<usize>,
    /// `True` when no rule's conditions match.
    #[pyo3(get)]
    no_rule_matched: bool,
}

#[pymethods]
impl PyRuleSelection {
    fn __repr__(&self) -> String {
        format!(
            "RuleSelection(rule={:?}, index={:?}, no_rule_matched={})",
            self.rule, self.index, self.no_rule_matched
        )
    }
}

#[pymethods]
impl PyPolicy {
    /// Parses a policy from its JSON document.
    #[staticmethod]
    fn from_json(py: Python<'_>, text: &str) -> PyResult<Self> {
        guard(py, || webcare::Policy::from_json(text)).map(PyPolicy)
    }

    /// The preset that follows the published facts: public social first reply 1h on a 24/7
    /// calendar (30m when urgent), private social 4h 24/7, email and web form 24 business
    /// hours, phone 5 minutes.
    #[staticmethod]
    fn preset() -> Self {
        PyPolicy(webcare::Policy::preset())
    }

    /// The policy's JSON document; `Policy.from_json` reads it back to an equal policy.
    fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// The rules' names, in order.
    #[getter]
    fn rules(&self) -> Vec<String> {
        self.0.rules().iter().map(|r| r.name().to_owned()).collect()
    }

    /// Whether a customer message labelled `"praise"` starts no reply clock.
    #[getter]
    fn praise_needs_no_reply(&self) -> bool {
        self.0.praise_needs_no_reply()
    }

    /// The first rule whose conditions match a case with these facts. Absent facts are
    /// core's defaults (no channel, priority normal, no language, no tags).
    #[pyo3(signature = (channel = None, priority = None, language = None, tags = None, contact_tags = None))]
    fn select(
        &self,
        py: Python<'_>,
        channel: Option<&Bound<'_, PyAny>>,
        priority: Option<&str>,
        language: Option<String>,
        tags: Option<Vec<String>>,
        contact_tags: Option<Vec<String>>,
    ) -> PyResult<PyRuleSelection> {
        let mut subject = Subject::default();
        if let Some(c) = channel {
            subject.channel = Some(extract_channel(c)?);
        }
        if let Some(p) = priority {
            subject.priority = guard(py, || p.parse())?;
        }
        subject.language = language;
        let lower = |v: Vec<String>| v.into_iter().map(|t| t.to_lowercase()).collect();
        subject.tags = tags.map(lower).unwrap_or_default();
        subject.contact_tags = contact_tags.map(lower).unwrap_or_default();
        Ok(match self.0.select(&subject) {
            Selection::Rule { index, rule } => PyRuleSelection {
                rule: Some(rule.name().to_owned()),
                index: Some(index),
                no_rule_matched: false,
            },
            Selection::NoRuleMatched => PyRuleSelection {
                rule: None,
                index: None,
                no_rule_matched: true,
            },
        })
    }

    /// Parses a policy duration (`"30s"`, `"45m"`, `"1h30m"`, `"2d"`, `"PT1H30M"`): an
    /// amount of open time on a calendar, where a day is 24 hours of it.
    #[staticmethod]
    fn parse_duration(py: Python<'_>, text: &str) -> PyResult<TimeDelta> {
        guard(py, || text.parse::<BusinessDuration>()).map(|d| d.delta())
    }

    fn __repr__(&self) -> String {
        format!("Policy.from_json({:?})", self.0.to_json())
    }

    fn __reduce__<'py>(
        slf: &Bound<'py, Self>,
    ) -> PyResult<(Bound<'py, PyAny>, Bound<'py, PyTuple>)> {
        let py = slf.py();
        let from_json = py.get_type::<PyPolicy>().getattr("from_json")?;
        Ok((from_json, PyTuple::new(py, [slf.get().0.to_json()])?))
    }
}

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<PyPolicy>()?;
    m.add_class::<PyRuleSelection>()
}
