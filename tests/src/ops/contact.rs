//! Ops of the `channel`, `handle`, `message` and `contact` modules.

use serde_json::Value;
use webcare::Error;

/// Runs a contact-module op.
pub fn dispatch(_op: &str, _input: &Value) -> Option<Result<Value, Error>> {
    None
}
