//! The inbox's contact index: who wrote, merged over linked handles, and on which channels
//! each contact wrote recently.
//!
//! Unlike [`ContactBook`](crate::ContactBook), which keeps every message forever, this
//! index keeps per contact only the inbound (channel, instant) pairs of the repeat-contact
//! window, and forgets a contact idle longer than the window, so its memory follows the
//! number of recent customers, not the number of messages. Linked handles (a small
//! union-find over the handles given to [`Inbox::link`](super::Inbox::link)) are kept.

use foldhash::HashMap;

use chrono::{DateTime, TimeDelta, Utc};

use crate::channel::Channel;
use crate::contact::{Handle, HandleKind};

#[derive(Debug, Default)]
struct Recent {
    last_at: Option<DateTime<Utc>>,
    seen: Vec<(Channel, DateTime<Utc>)>,
}

#[derive(Debug)]
pub(crate) struct Contacts {
    parent: HashMap<Handle, Handle>,
    recent: HashMap<Handle, Recent>,
    window: TimeDelta,
}

/// The normalized handle of a message's author; an author the channel's rules refuse (a
/// malformed address) is kept as given, as a handle of a custom kind named for the channel.
/// `None` only for a blank author.
pub(crate) fn handle_of(channel: &Channel, author: &str) -> Option<Handle> {
    Handle::for_channel(channel, author)
        .or_else(|_| Handle::new(HandleKind::Custom(channel.name().into_owned()), author))
        .ok()
}

/// The representative of `handle`'s linked handles.
fn root_of<'h>(parent: &'h HashMap<Handle, Handle>, handle: &'h Handle) -> &'h Handle {
    let mut h = handle;
    while let Some(p) = parent.get(h) {
        if p == h {
            break;
        }
        h = p;
    }
    h
}

impl Contacts {
    pub(crate) fn new(window: TimeDelta) -> Contacts {
        Contacts {
            parent: HashMap::default(),
            recent: HashMap::default(),
            window,
        }
    }

    fn root(&self, handle: &Handle) -> Handle {
        root_of(&self.parent, handle).clone()
    }

    pub(crate) fn link(&mut self, a: &Handle, b: &Handle) {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            self.parent.entry(ra.clone()).or_insert(ra);
            return;
        }
        // The smaller handle becomes the root, so the result does not depend on link order.
        let (root, child) = if ra < rb { (ra, rb) } else { (rb, ra) };
        self.parent.insert(child.clone(), root.clone());
        self.parent
            .entry(root.clone())
            .or_insert_with(|| root.clone());
        if let Some(moved) = self.recent.remove(&child) {
            let into = self.recent.entry(root).or_default();
            into.seen.extend(moved.seen);
            into.seen.sort_by_key(|(_, t)| *t);
            into.last_at = into.last_at.max(moved.last_at);
        }
    }

    /// Records an inbound message of `handle` on `channel` at `at`, and returns the other
    /// channels the same contact wrote on in the window before it.
    pub(crate) fn record(
        &mut self,
        handle: &Handle,
        channel: &Channel,
        at: DateTime<Utc>,
    ) -> Vec<Channel> {
        let window = self.window;
        // The root is cloned only for a contact not held yet.
        let root = root_of(&self.parent, handle);
        if !self.recent.contains_key(root) {
            self.recent.insert(root.clone(), Recent::default());
        }
        let Some(recent) = self.recent.get_mut(root) else {
            return Vec::new();
        };
        let from = at - window;
        let mut earlier = Vec::new();
        for (c, t) in &recent.seen {
            if *t >= from && *t <= at && c != channel && !earlier.contains(c) {
                earlier.push(c.clone());
            }
        }
        let newest = recent.last_at.map_or(at, |l| l.max(at));
        recent.last_at = Some(newest);
        let pos = recent.seen.partition_point(|(_, t)| *t <= at);
        recent.seen.insert(pos, (channel.clone(), at));
        let keep_from = newest - window;
        let stale = recent.seen.partition_point(|(_, t)| *t < keep_from);
        if stale > 0 {
            recent.seen.drain(..stale);
        }
        earlier
    }

    /// Forgets contacts whose latest inbound message is older than `cutoff`.
    pub(crate) fn evict(&mut self, cutoff: DateTime<Utc>) {
        self.recent
            .retain(|_, r| r.last_at.is_some_and(|t| t >= cutoff));
    }

    pub(crate) fn window(&self) -> TimeDelta {
        self.window
    }

    pub(crate) fn len(&self) -> usize {
        self.recent.len()
    }
}
