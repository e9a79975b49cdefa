//! Ops of the `triage` module.
//!
//! `triage.one` reports the reasons twice, so that vectors can assert as much as they mean:
//! `reasons` (the full list, largest first) and `points` (an object from reason kind to
//! points: the subset rule checks only the kinds a vector lists).

use chrono::TimeDelta;
use serde_json::{json, Map, Value};
use webcare::{
    parse_instant, Channel, Classification, Classifier, Context, Error, Message, TriageInput,
    TriageWeights, Triager,
};

use super::Args;

/// Runs a triage-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    let run = match op {
        "triage.one" => one,
        "triage.weights" => weights,
        _ => return None,
    };
    Some(run(args))
}

/// The `weights` argument: a JSON object or a string holding the document; absent means
/// the defaults.
fn triager(args: Args<'_>) -> Result<Triager, Error> {
    match args.get("weights") {
        Some(Value::String(text)) => Triager::from_json(text),
        Some(doc) => Triager::from_json(&doc.to_string()),
        None => Ok(Triager::default()),
    }
}

fn one(args: Args<'_>) -> Result<Value, Error> {
    let triager = triager(args)?;
    let message = Message::from_json(
        &args
            .get("message")
            .unwrap_or_else(|| panic!("vector input needs \"message\""))
            .to_string(),
    )?;
    let classification = match args.get("classification") {
        Some(c) => Classification::from_json(&c.to_string())?,
        None => Classifier::default().classify(&message.text, &Context::default()),
    };
    let now = parse_instant(args.str("now"))?;
    let earlier = args
        .array("earlier_channels")
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("earlier_channels holds strings"))
                .parse::<Channel>()
        })
        .collect::<Result<Vec<_>, _>>()?;
    let mut input = TriageInput::new(&message, &classification, now).with_earlier_channels(earlier);
    if let Some(since) = args.get("unresolved_since").and_then(Value::as_str) {
        input = input.with_unresolved_since(parse_instant(since)?);
    }
    match (args.get("sla_left_ms"), args.get("sla_target_ms")) {
        (Some(_), Some(_)) => {
            input = input.with_sla_left(
                TimeDelta::milliseconds(args.i64("sla_left_ms")),
                TimeDelta::milliseconds(args.i64("sla_target_ms")),
            );
        }
        (None, None) => {}
        _ => panic!("sla_left_ms and sla_target_ms go together"),
    }
    let t = triager.triage(&input);
    let mut points = Map::new();
    for r in &t.reasons {
        points.insert(r.kind.name().to_owned(), json!(r.points));
    }
    Ok(json!({
        "priority": t.priority.name(),
        "score": t.score,
        "reasons": t.reasons.iter().map(|r| json!({
            "kind": r.kind.name(),
            "points": r.points,
            "detail": r.detail,
        })).collect::<Vec<_>>(),
        "points": points,
        "advice": t.advice.iter().map(|a| json!({"kind": a.kind.name(), "text": a.text})).collect::<Vec<_>>(),
        "advice_kinds": t.advice.iter().map(|a| a.kind.name()).collect::<Vec<_>>(),
        "language": t.language.code(),
    }))
}

fn weights(args: Args<'_>) -> Result<Value, Error> {
    let triager = triager(args)?;
    let json = triager.to_json();
    let again = TriageWeights::from_json(&json)?;
    Ok(json!({
        "weights": serde_json::from_str::<Value>(&json)?,
        "round_trips": &again == triager.weights(),
    }))
}
