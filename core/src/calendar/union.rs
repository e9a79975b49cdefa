//! Follow-the-sun: the union of several calendars, open when any of them is open.
//!
//! `add`, `sub` and `elapsed` read the union's ledgers: per UTC year, the merge of the
//! members' ledgers, so a union skips whole years and days like a single calendar. The
//! members' interval streams, merged (overlapping and touching intervals become one),
//! serve `next_open` and `next_close`, and years without ledgers.

use std::sync::Arc;

use crate::calendar::cache::Years;
use crate::calendar::ledger::{self, Ledger, Ledgers};
use crate::calendar::timeline::{Backward, Forward, Iv, Nanos, Zoned};

/// Calendars in several zones, open when any of them is open.
#[derive(Debug, Clone)]
pub(crate) struct Union {
    pub(crate) members: Vec<Zoned>,
    /// The ledger of each UTC year, built on first use; shared by clones.
    ledgers: Arc<Years<Ledger>>,
}

impl Union {
    pub(crate) fn new(members: Vec<Zoned>) -> Union {
        Union {
            members,
            ledgers: Arc::default(),
        }
    }
}

impl Ledgers for Union {
    #[inline]
    fn ledger(&self, year: i32) -> Option<&Ledger> {
        if ledger::switched_off() {
            return None;
        }
        // Every member has the year, or the union has no ledger for it.
        self.ledgers.try_get(year, || {
            let members = self
                .members
                .iter()
                .map(|m| m.ledger(year))
                .collect::<Option<Vec<_>>>()?;
            Some(Ledger::union(year, members))
        })
    }
}

/// Forward stream of a union: disjoint, merged intervals in time order.
#[derive(Debug)]
pub(crate) struct UnionForward<'a> {
    members: Vec<Forward<'a>>,
    heads: Vec<Option<Iv>>,
}

impl<'a> UnionForward<'a> {
    pub(crate) fn new(members: &'a [Zoned], from: Nanos, until: Nanos) -> UnionForward<'a> {
        let mut members: Vec<_> = members
            .iter()
            .map(|z| Forward::new(z, from, until))
            .collect();
        let heads = members.iter_mut().map(Forward::next).collect();
        UnionForward { members, heads }
    }

    pub(crate) fn next(&mut self) -> Option<Iv> {
        let (first, (a, mut b)) = self
            .heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.map(|iv| (i, iv)))
            .min_by_key(|(_, iv)| iv.0)?;
        self.advance(first);
        loop {
            let joining = self
                .heads
                .iter()
                .enumerate()
                .find_map(|(i, h)| h.filter(|iv| iv.0 <= b).map(|iv| (i, iv)));
            let Some((i, iv)) = joining else {
                return Some((a, b));
            };
            b = b.max(iv.1);
            self.advance(i);
        }
    }

    fn advance(&mut self, i: usize) {
        if let (Some(head), Some(member)) = (self.heads.get_mut(i), self.members.get_mut(i)) {
            *head = member.next();
        }
    }
}

/// Backward stream of a union: disjoint, merged intervals, latest first.
#[derive(Debug)]
pub(crate) struct UnionBackward<'a> {
    members: Vec<Backward<'a>>,
    heads: Vec<Option<Iv>>,
}

impl<'a> UnionBackward<'a> {
    pub(crate) fn new(members: &'a [Zoned], from: Nanos, until: Nanos) -> UnionBackward<'a> {
        let mut members: Vec<_> = members
            .iter()
            .map(|z| Backward::new(z, from, until))
            .collect();
        let heads = members.iter_mut().map(Backward::next).collect();
        UnionBackward { members, heads }
    }

    pub(crate) fn next(&mut self) -> Option<Iv> {
        let (first, (mut a, b)) = self
            .heads
            .iter()
            .enumerate()
            .filter_map(|(i, h)| h.map(|iv| (i, iv)))
            .max_by_key(|(_, iv)| iv.1)?;
        self.advance(first);
        loop {
            let joining = self
                .heads
                .iter()
                .enumerate()
                .find_map(|(i, h)| h.filter(|iv| iv.1 >= a).map(|iv| (i, iv)));
            let Some((i, iv)) = joining else {
                return Some((a, b));
            };
            a = a.min(iv.0);
            self.advance(i);
        }
    }

    fn advance(&mut self, i: usize) {
        if let (Some(head), Some(member)) = (self.heads.get_mut(i), self.members.get_mut(i)) {
            *head = member.next();
        }
    }
}
