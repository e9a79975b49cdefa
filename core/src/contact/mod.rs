//! Contacts: one person across channels.
//!
//! A [`Handle`] names a person on one kind of channel, normalized so that two spellings of
//! one address are equal. A [`ContactBook`] links handles that belong to one person, looks
//! a contact up by any handle, keeps every message, and reports
//! [repeat contact](ContactBook::repeat_contacts).

mod book;
mod handle;
mod repeat;

pub use book::{Contact, ContactBook, ContactId, Link};
pub use handle::{Handle, HandleKind};
pub use repeat::{RepeatContact, RepeatOptions};
