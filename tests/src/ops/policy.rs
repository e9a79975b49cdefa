//! Ops of the `policy` module.

use serde_json::{json, Value};
use webcare::policy::{BusinessDuration, Selection, Subject};
use webcare::{Error, Policy};

use super::Args;

/// Runs a policy-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    let run = match op {
        "policy.parse" => parse,
        "policy.select" => select,
        "policy.duration" => duration,
        _ => return None,
    };
    Some(run(args))
}

/// The `policy` argument: `"preset"`, a JSON object, or a string holding the document.
pub fn policy(args: Args<'_>) -> Result<Policy, Error> {
    match args.get("policy") {
        Some(Value::String(s)) if s == "preset" => Ok(Policy::preset()),
        Some(Value::String(text)) => Policy::from_json(text),
        Some(doc) => Policy::from_json(&doc.to_string()),
        None => panic!("vector input needs \"policy\""),
    }
}

fn parse(args: Args<'_>) -> Result<Value, Error> {
    let p = policy(args)?;
    let back = Policy::from_json(&p.to_json())?;
    assert_eq!(back, p, "policy does not round-trip");
    Ok(json!({"policy": p.to_value()}))
}

fn strings(args: Args<'_>, key: &str) -> Vec<String> {
    args.array(key)
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{key} holds strings"))
                .to_lowercase()
        })
        .collect()
}

fn select(args: Args<'_>) -> Result<Value, Error> {
    let p = policy(args)?;
    let subject = Subject {
        channel: args
            .get("channel")
            .and_then(Value::as_str)
            .map(str::parse)
            .transpose()?,
        priority: args
            .get("priority")
            .and_then(Value::as_str)
            .map(str::parse)
            .transpose()?
            .unwrap_or_default(),
        language: args
            .get("language")
            .and_then(Value::as_str)
            .map(str::to_owned),
        tags: strings(args, "tags").into_iter().collect(),
        contact_tags: strings(args, "contact_tags").into_iter().collect(),
    };
    Ok(match p.select(&subject) {
        Selection::Rule { index, rule } => {
            json!({"rule": rule.name(), "index": index, "no_rule_matched": false})
        }
        Selection::NoRuleMatched => json!({"rule": null, "no_rule_matched": true}),
    })
}

fn duration(args: Args<'_>) -> Result<Value, Error> {
    let d: BusinessDuration = args.str("duration").parse()?;
    Ok(json!({"duration_ms": d.delta().num_milliseconds()}))
}
