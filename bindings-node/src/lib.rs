//! The Node addon behind the npm package `webcare`: module declarations only. Every class
//! and function lives in the file named for the core module it wraps.
#![deny(clippy::all)]
// Modules are public so that the exported functions count as used under `cargo test`.

/// mimalloc serves the many short-lived strings of message batches faster than the system
/// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod calendar;
pub mod case;
pub mod channel;
pub mod classify;
pub mod consistency;
pub mod contact;
pub mod convert;
pub mod error;
pub mod expected;
pub mod inbox;
pub mod message;
pub mod policy;
pub mod report;
pub mod triage;
