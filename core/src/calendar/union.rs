//! Follow-the-sun: the union of several calendars, open when any of them is open.
//!
//! The members' interval streams are merged; overlapping and touching intervals become
//! one. Whole weeks are not skipped here (the members' weeks do not line up across zones),
//! so a union walks its intervals one by one.

use crate::calendar::timeline::{Backward, Forward, Iv, Nanos, Zoned};

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
