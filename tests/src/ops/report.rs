//! Ops of the `report` and `source` modules.

use serde_json::{json, Value};
use webcare::inbox::{Inbox, InboxOptions};
use webcare::{ColumnMapping, Error, Message, MessageReader, Policy, Report, ReportPart};

use super::Args;

/// Runs a report- or source-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    Some(match op {
        "report.from_messages" => from_messages(args),
        "report.merge_parts" => merge_parts(args),
        "source.read_csv" => read_csv(args),
        _ => return None,
    })
}

fn policy(args: Args<'_>) -> Result<Policy, Error> {
    Ok(match args.get("policy") {
        None => Policy::preset(),
        Some(Value::String(s)) if s == "preset" => Policy::preset(),
        Some(doc) => Policy::from_json(&doc.to_string())?,
    })
}

fn messages(args: Args<'_>) -> Result<Vec<Message>, Error> {
    args.array("messages")
        .iter()
        .map(|m| Message::from_value(m.clone()))
        .collect()
}

fn from_messages(args: Args<'_>) -> Result<Value, Error> {
    Ok(serde_json::to_value(Report::from_messages(
        &messages(args)?,
        &policy(args)?,
    )?)?)
}

/// One inbox per group of message ids (messages in the order given), each part read at
/// its `at` (default: the latest instant of all messages) and sent through its JSON; the
/// parts merged and finished.
fn merge_parts(args: Args<'_>) -> Result<Value, Error> {
    let policy = policy(args)?;
    let messages = messages(args)?;
    let latest = messages
        .iter()
        .map(|m| m.sent_at)
        .max()
        .unwrap_or(chrono::DateTime::<chrono::Utc>::UNIX_EPOCH);
    let at = args.array("at");
    let mut parts = Vec::new();
    for (i, group) in args.array("groups").iter().enumerate() {
        let ids: Vec<&str> = group
            .as_array()
            .map(|g| g.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let mut inbox = Inbox::new(InboxOptions {
            policy: policy.clone(),
            ..InboxOptions::default()
        });
        let mine: Vec<Message> = messages
            .iter()
            .filter(|m| ids.contains(&m.id.as_str()))
            .cloned()
            .collect();
        inbox.push_batch(&mine)?;
        let now = match at.get(i).and_then(Value::as_str) {
            Some(text) => webcare::parse_instant(text)?,
            None => latest,
        };
        parts.push(ReportPart::from_json(&inbox.report_part(now).to_json())?);
    }
    Ok(serde_json::to_value(
        ReportPart::merge_all(parts)?.finish(),
    )?)
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
