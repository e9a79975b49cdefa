//! Op dispatch: one module per core module, each answering the ops it owns.

use serde_json::Value;
use webcare::Error;

mod args;
mod calendar;
mod case;
mod classify;
mod consistency;
mod contact;
mod expected;
mod policy;
mod report;

pub use args::Args;

/// Runs `op` on `input`; `None` when no module knows the op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let (module, _) = op.split_once('.')?;
    match module {
        "channel" | "handle" | "message" | "contact" => contact::dispatch(op, input),
        "classify" => classify::dispatch(op, input),
        "consistency" => consistency::dispatch(op, input),
        "calendar" => calendar::dispatch(op, input),
        "policy" => policy::dispatch(op, input),
        "case" => case::dispatch(op, input),
        "expected" => expected::dispatch(op, input),
        "report" | "source" => report::dispatch(op, input),
        _ => None,
    }
}
