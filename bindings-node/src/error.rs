//! `webcare::Error` -> JS `Error` with `code` (the core's stable code) and the variant's
//! fields (`value`, `reason`, `line`, ...) as properties.

use napi::bindgen_prelude::*;
use webcare::ErrorField;

/// Builds the JS error for a core error. Falls back to a plain error carrying the code as
/// its napi status if the JS object cannot be built.
pub fn to_js(env: &Env, err: webcare::Error) -> napi::Error {
    build(env, &err).unwrap_or_else(|_| {
        napi::Error::new(Status::GenericFailure, format!("{}: {err}", err.code()))
    })
}

fn build(env: &Env, err: &webcare::Error) -> Result<napi::Error> {
    let mut obj = env.create_error(napi::Error::new(Status::GenericFailure, err.to_string()))?;
    obj.set_named_property("code", err.code())?;
    for (name, value) in err.fields() {
        match value {
            ErrorField::Text(text) => obj.set_named_property(name, text)?,
            ErrorField::UInt(n) => obj.set_named_property(name, n as f64)?,
            ErrorField::Int(n) => obj.set_named_property(name, n as f64)?,
            other => obj.set_named_property(name, other.to_string())?,
        }
    }
    Ok(napi::Error::from(obj.into_unknown(env)?))
}

/// `Result<T, webcare::Error>` -> `napi::Result<T>`.
pub trait IntoJsResult<T> {
    /// Maps the error to its JS error.
    fn js_err(self, env: &Env) -> Result<T>;
}

impl<T> IntoJsResult<T> for std::result::Result<T, webcare::Error> {
    fn js_err(self, env: &Env) -> Result<T> {
        self.map_err(|e| to_js(env, e))
    }
}
