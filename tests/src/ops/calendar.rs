//! Ops of the `calendar` module.

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};
use webcare::{format_instant, parse_instant, Calendar, Error};

use super::Args;

/// Runs a calendar-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    let run = match op {
        "calendar.parse" => parse,
        "calendar.add" => add,
        "calendar.sub" => sub,
        "calendar.elapsed" => elapsed,
        "calendar.is_open" => is_open,
        "calendar.next_open" => next_open,
        "calendar.next_close" => next_close,
        "calendar.add_many" => add_many,
        "calendar.elapsed_many" => elapsed_many,
        "calendar.import_ics" => import_ics,
        _ => return None,
    };
    Some(run(args))
}

/// The `calendar` argument: a JSON object, or a string holding the document as text.
fn calendar(args: Args<'_>) -> Result<Calendar, Error> {
    match args.get("calendar") {
        Some(Value::String(text)) => Calendar::from_json(text),
        Some(doc) => Calendar::from_json(&doc.to_string()),
        None => panic!("vector input needs \"calendar\""),
    }
}

fn instant(args: Args<'_>, key: &str) -> Result<DateTime<Utc>, Error> {
    parse_instant(args.str(key))
}

fn instants(args: Args<'_>, key: &str) -> Result<Vec<DateTime<Utc>>, Error> {
    args.array(key)
        .iter()
        .map(|v| parse_instant(v.as_str().unwrap_or_else(|| panic!("{key} holds strings"))))
        .collect()
}

fn ms(d: TimeDelta) -> i64 {
    d.num_milliseconds()
}

fn parse(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    let doc: Value = serde_json::from_str(&cal.to_json()).unwrap_or(Value::Null);
    Ok(json!({ "calendar": doc }))
}

fn add(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    let due = cal.add(
        instant(args, "start")?,
        TimeDelta::milliseconds(args.i64("duration_ms")),
    )?;
    Ok(json!({ "due": format_instant(due) }))
}

fn sub(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    let start = cal.sub(
        instant(args, "end")?,
        TimeDelta::milliseconds(args.i64("duration_ms")),
    )?;
    Ok(json!({ "start": format_instant(start) }))
}

fn elapsed(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    let e = cal.elapsed(instant(args, "from")?, instant(args, "to")?)?;
    Ok(json!({ "elapsed_ms": ms(e) }))
}

fn is_open(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    Ok(json!({ "open": cal.is_open(instant(args, "at")?) }))
}

fn next_open(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    Ok(json!({ "at": format_instant(cal.next_open(instant(args, "at")?)?) }))
}

fn next_close(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    Ok(json!({ "at": format_instant(cal.next_close(instant(args, "at")?)?) }))
}

fn add_many(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    let starts = instants(args, "starts")?;
    let durations: Vec<TimeDelta> = args
        .array("durations_ms")
        .iter()
        .map(|v| {
            TimeDelta::milliseconds(
                v.as_i64()
                    .unwrap_or_else(|| panic!("durations_ms holds integers")),
            )
        })
        .collect();
    let due = cal.add_many(&starts, &durations)?;
    Ok(json!({ "due": due.into_iter().map(format_instant).collect::<Vec<_>>() }))
}

fn elapsed_many(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?;
    let e = cal.elapsed_many(&instants(args, "from")?, &instants(args, "to")?)?;
    Ok(json!({ "elapsed_ms": e.into_iter().map(ms).collect::<Vec<_>>() }))
}

fn import_ics(args: Args<'_>) -> Result<Value, Error> {
    let cal = calendar(args)?.with_ics_holidays(args.str("ics"))?;
    let doc: Value = serde_json::from_str(&cal.to_json()).unwrap_or(Value::Null);
    Ok(json!({ "calendar": doc }))
}
