//! Ops of the `report` and `source` modules.

use serde_json::{json, Value};
use webcare::{ColumnMapping, Error, Message, MessageReader, Policy, Report};

use super::Args;

/// Runs a report- or source-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    Some(match op {
        "report.from_messages" => from_messages(args),
        "source.read_csv" => read_csv(args),
        _ => return None,
    })
}

fn from_messages(args: Args<'_>) -> Result<Value, Error> {
    let policy = match args.get("policy") {
        None => Policy::preset(),
        Some(Value::String(s)) if s == "preset" => Policy::preset(),
        Some(doc) => Policy::from_json(&doc.to_string())?,
    };
    let messages = args
        .array("messages")
        .iter()
        .map(|m| Message::from_value(m.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(serde_json::to_value(Report::from_messages(
        &messages, &policy,
    )?)?)
}

fn read_csv(args: Args<'_>) -> Result<Value, Error> {
    let mapping = match args.get("mapping") {
        None => ColumnMapping::default(),
        Some(Value::String(s)) if s == "twcs" => ColumnMapping::twcs(),
        Some(doc) => ColumnMapping::from_json(&doc.to_string())?,
    };
    let text = args.str("text");
    let messages = MessageReader::csv(text.as_bytes(), mapping)?
        .map(|m| m.map(|m| serde_json::from_str::<Value>(&m.to_json()).unwrap_or(Value::Null)))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(json!({ "messages": messages }))
}
