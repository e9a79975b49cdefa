//! Ops of the `case` module.

use serde_json::{json, Value};
use webcare::case::Event;
use webcare::{parse_instant, Case, Error};

use super::Args;

/// Runs a case-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    let run = match op {
        "case.event" => event,
        "case.clocks" => clocks,
        "case.explain" => explain,
        "case.restore" => restore,
        _ => return None,
    };
    Some(run(args))
}

/// A case under the `policy` argument with the `events` applied in the order given.
fn build(args: Args<'_>) -> Result<Case, Error> {
    let mut case = Case::new(super::policy::policy(args)?);
    for e in args.array("events") {
        case.apply(Event::from_value(e)?)?;
    }
    // Every case must survive a snapshot unchanged.
    let restored = Case::from_snapshot(&case.to_snapshot())?;
    assert_eq!(restored, case, "snapshot does not restore the case");
    Ok(case)
}

fn event(args: Args<'_>) -> Result<Value, Error> {
    let e = Event::from_value(
        args.get("event")
            .unwrap_or_else(|| panic!("vector input needs \"event\"")),
    )?;
    assert_eq!(
        Event::from_value(&e.to_value())?,
        e,
        "event does not round-trip"
    );
    Ok(json!({"event": e.to_value()}))
}

fn clocks(args: Args<'_>) -> Result<Value, Error> {
    let case = build(args)?;
    let at = parse_instant(args.str("at"))?;
    let reading = case.read(at);
    Ok(serde_json::to_value(&reading).unwrap_or(Value::Null))
}

fn explain(args: Args<'_>) -> Result<Value, Error> {
    let case = build(args)?;
    let at = parse_instant(args.str("at"))?;
    let metric = args.str("metric").parse()?;
    Ok(serde_json::to_value(case.explain(metric, at)).unwrap_or(Value::Null))
}

fn restore(args: Args<'_>) -> Result<Value, Error> {
    let snapshot = args
        .get("snapshot")
        .unwrap_or_else(|| panic!("vector input needs \"snapshot\""));
    let text = match snapshot {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let case = Case::from_snapshot(&text)?;
    let back: Value = serde_json::from_str(&case.to_snapshot()).unwrap_or(Value::Null);
    Ok(json!({"snapshot": back, "events": case.events().count()}))
}
