//! `Channel`, wrapping `webcare::Channel`.

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::convert::guard;

/// A channel on which customers and the company exchange messages.
///
/// `new Channel('x')`, `new Channel('email')`, `new Channel('custom:tiktok')`; `twitter` is
/// accepted for `x`. An unknown name throws an `Error` with code `unknown_channel`.
#[napi(js_name = "Channel")]
#[derive(Debug)]
pub struct JsChannel(pub(crate) webcare::Channel);

#[napi]
impl JsChannel {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, name: String) -> Result<Self> {
        guard(env, || name.parse()).map(JsChannel)
    }

    /// Every built-in channel name.
    #[napi(catch_unwind)]
    pub fn built_in() -> Vec<String> {
        webcare::Channel::BUILT_IN
            .iter()
            .map(|c| c.name().into_owned())
            .collect()
    }

    /// The canonical name (`x`, `x_dm`, ..., `custom:<name>`).
    #[napi(getter, catch_unwind)]
    pub fn name(&self) -> String {
        self.0.name().into_owned()
    }

    /// Whether everyone can see messages on this channel.
    #[napi(getter, catch_unwind)]
    pub fn is_public(&self) -> bool {
        self.0.is_public()
    }

    /// Whether this is a social-media channel.
    #[napi(getter, catch_unwind)]
    pub fn is_social(&self) -> bool {
        self.0.is_social()
    }

    /// The canonical name.
    #[napi(js_name = "toString", catch_unwind)]
    pub fn text(&self) -> String {
        self.name()
    }
}

/// Parses a channel name.
pub fn parse_channel(env: &Env, name: &str) -> Result<webcare::Channel> {
    guard(env, || name.parse())
}
