//! Typed access to an op's `input` object. A missing or mistyped argument is a bug in the
//! vector, so it panics with the argument's name.

use serde_json::Value;

/// The `input` object of a case.
#[derive(Debug, Clone, Copy)]
pub struct Args<'a>(pub &'a Value);

impl<'a> Args<'a> {
    /// The raw value of `key`, if present and not null.
    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.0.get(key).filter(|v| !v.is_null())
    }

    /// A required string argument.
    pub fn str(&self, key: &str) -> &'a str {
        self.get(key)
            .and_then(Value::as_str)
            .unwrap_or_else(|| panic!("vector input needs string {key:?}"))
    }

    /// A required integer argument.
    pub fn i64(&self, key: &str) -> i64 {
        self.get(key)
            .and_then(Value::as_i64)
            .unwrap_or_else(|| panic!("vector input needs integer {key:?}"))
    }

    /// An optional array argument (empty when absent).
    pub fn array(&self, key: &str) -> &'a [Value] {
        self.get(key)
            .and_then(Value::as_array)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}
