//! Ops of the `consistency` module.

use serde_json::{json, Value};
use webcare::{extract_facts, Answer, ConsistencyChecker, Error};

use super::Args;

/// Runs a consistency-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    Some(match op {
        "consistency.check" => check(args),
        "consistency.facts" => extract_facts(args.str("text"))
            .and_then(|facts| Ok(json!({ "facts": serde_json::to_value(facts)? }))),
        _ => return None,
    })
}

fn check(args: Args<'_>) -> Result<Value, Error> {
    let checker = match args.get("options") {
        Some(options) => ConsistencyChecker::from_json(&options.to_string())?,
        None => ConsistencyChecker::default(),
    };
    let answers_json = args.get("answers").cloned().unwrap_or(Value::Null);
    let answers = Answer::list_from_json(&answers_json.to_string())?;
    Ok(serde_json::to_value(checker.check(&answers)?)?)
}
