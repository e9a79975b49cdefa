//! Ops of the `expected` module.

use serde_json::{json, Value};
use webcare::expected::{Estimator, Language, Method, ResponseSample, Window};
use webcare::{parse_instant, Error};

use super::Args;

/// Runs an expected-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    match op {
        "expected.response_time" => Some(response_time(Args(input))),
        _ => None,
    }
}

fn count(args: Args<'_>, key: &str) -> Option<i64> {
    args.get(key).and_then(Value::as_i64)
}

fn response_time(args: Args<'_>) -> Result<Value, Error> {
    let window = match (
        count(args, "last_replies"),
        count(args, "last_hours"),
        count(args, "last_days"),
    ) {
        (Some(n), None, None) => Window::LastReplies(n.max(0) as usize),
        (None, Some(h), None) => Window::LastHours(h.max(0) as u32),
        (None, None, Some(d)) => Window::LastDays(d.max(0) as u32),
        _ => panic!("vector input needs exactly one of last_replies, last_hours, last_days"),
    };
    let method = match args.str("method") {
        "percentile" => Method::Percentile(
            args.get("percentile")
                .and_then(Value::as_f64)
                .unwrap_or_else(|| panic!("percentile")),
        ),
        "fastest_share_mean" => Method::FastestShareMean(
            args.get("share")
                .and_then(Value::as_f64)
                .unwrap_or_else(|| panic!("share")),
        ),
        other => panic!("unknown method {other}"),
    };
    let min = count(args, "min_samples").unwrap_or(5).max(0) as usize;
    let estimator = Estimator::new(window, method, min)?;
    let mut samples = Vec::new();
    for s in args.array("samples") {
        let a = Args(s);
        samples.push(ResponseSample::new(
            a.str("channel").parse()?,
            parse_instant(a.str("customer_at"))?,
            parse_instant(a.str("first_reply_at"))?,
        ));
    }
    let now = parse_instant(args.str("at"))?;
    let estimates: Vec<Value> = estimator
        .estimate(&samples, now)
        .iter()
        .map(|e| {
            json!({
                "channel": e.channel.name(),
                "sample_size": e.sample_size,
                "expected_ms": e.time.map(|t| t.num_milliseconds()),
                "rounded_ms": e.rounded().map(|t| t.num_milliseconds()),
                "sentence_en": e.sentence(Language::English),
                "sentence_nl": e.sentence(Language::Dutch),
            })
        })
        .collect();
    Ok(json!({"estimates": estimates}))
}
