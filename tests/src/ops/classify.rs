//! Ops of the `classify` module.
//!
//! `classify.one` reports signals in three shapes so that vectors can assert as much as they
//! mean and no more (see tests/vectors/README.md): `kinds` (every kind, sorted, distinct:
//! pins the full set), `has_kind` and `has` (objects whose keys are kind codes and
//! `kind@start..end` spans, all `true`: the subset rule checks only the keys a vector lists).

use serde_json::{json, Map, Value};
use webcare::{Classifier, ClassifierConfig, Context, Error, Label, TrainOptions};

use super::Args;

/// Runs a classify-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    Some(match op {
        "classify.one" => one(args),
        "classify.bytes" => bytes(args),
        "classify.config" => config(args),
        "classify.train" => train(args),
        _ => return None,
    })
}

fn classifier(args: Args<'_>) -> Result<Classifier, Error> {
    match (args.get("config"), args.get("config_text")) {
        (Some(c), _) => Classifier::from_json(&c.to_string()),
        (None, Some(t)) => Classifier::from_json(t.as_str().unwrap_or_default()),
        (None, None) => Ok(Classifier::default()),
    }
}

fn context(args: Args<'_>) -> Context {
    args.get("context")
        .map(|c| {
            serde_json::from_value(c.clone())
                .unwrap_or_else(|e| panic!("vector context is not a Context: {e}"))
        })
        .unwrap_or_default()
}

fn report(c: &webcare::Classification) -> Value {
    let mut kinds: Vec<&str> = c.signals.iter().map(|s| s.kind.code()).collect();
    kinds.sort_unstable();
    kinds.dedup();
    let mut has = Map::new();
    let mut has_kind = Map::new();
    for s in &c.signals {
        has.insert(
            format!("{}@{}..{}", s.kind.code(), s.span.start, s.span.end),
            Value::Bool(true),
        );
        has_kind.insert(s.kind.code().to_owned(), Value::Bool(true));
    }
    json!({
        "label": c.label.code(),
        "language": c.language.code(),
        "severity": c.severity.level,
        "kinds": kinds,
        "has_kind": has_kind,
        "has": has,
    })
}

fn one(args: Args<'_>) -> Result<Value, Error> {
    let classifier = classifier(args)?;
    Ok(report(
        &classifier.classify(args.str("text"), &context(args)),
    ))
}

fn bytes(args: Args<'_>) -> Result<Value, Error> {
    let hex = args.str("hex");
    let bytes: Vec<u8> = (0..hex.len())
        .step_by(2)
        .map(|i| {
            hex.get(i..i + 2)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .unwrap_or_else(|| panic!("vector hex {hex:?} is not hex"))
        })
        .collect();
    let c = Classifier::default().classify_bytes(&bytes, &context(args))?;
    Ok(report(&c))
}

fn config(args: Args<'_>) -> Result<Value, Error> {
    let classifier = classifier(args)?;
    let json = classifier.to_json()?;
    let again = ClassifierConfig::from_json(&json)?;
    Ok(json!({
        "config": serde_json::from_str::<Value>(&json).map_err(|e| Error::InvalidJson {
            message: e.to_string(),
            line: e.line(),
            column: e.column(),
        })?,
        "round_trips": &again == classifier.config(),
    }))
}

fn train(args: Args<'_>) -> Result<Value, Error> {
    let texts: Vec<&str> = args
        .array("texts")
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("texts must be strings"))
        })
        .collect();
    let labels = args
        .array("labels")
        .iter()
        .map(|v| v.as_str().unwrap_or_default().parse::<Label>())
        .collect::<Result<Vec<_>, _>>()?;
    let options: TrainOptions = args
        .get("options")
        .map(|o| serde_json::from_value(o.clone()).unwrap_or_else(|e| panic!("bad options: {e}")))
        .unwrap_or_default();
    let classifier = Classifier::train_texts(&texts, &labels, &options)?;
    let check: Vec<&str> = args
        .array("check")
        .iter()
        .map(|v| v.as_str().unwrap_or_default())
        .collect();
    let predicted: Vec<&str> = classifier
        .classify_batch(&check, &Context::default())
        .iter()
        .map(|c| c.label.code())
        .collect();
    let reloaded = Classifier::from_json(&classifier.to_json()?)?;
    let same = check.iter().all(|t| {
        reloaded.classify(t, &Context::default()) == classifier.classify(t, &Context::default())
    });
    Ok(json!({ "labels": predicted, "reloads_identically": same }))
}
