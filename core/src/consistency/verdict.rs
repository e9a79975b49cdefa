//! The verdict rules, all in one place.
//!
//! Facts are compared by *key*: their kind and role (a count of bags and a count of
//! laptops never meet). For each key, each answer of a group has the set of values it
//! states (empty when it states none).
//!
//! 1. **Conflict**: two answers that both state the key, where each states a value the other
//!    does not (`€25` against `€30`; `yes` against `no`; `{14d}` against `{7d, 30d}`).
//!    Neither set contains the other, so they cannot both be complete and true.
//! 2. **Incomplete**: no conflict, but some answer lacks a value that another states (it
//!    states nothing for the key, or a subset: `{14d}` against `{14d, 30d}`).
//! 3. **Consistent**: every answer states the same values for every key.
//!
//! A conflict on any key makes the group `conflict`, whatever goes missing elsewhere.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::facts::{Fact, FactKind};
use super::report::{Conflict, Gap};
use crate::channel::Channel;

/// The verdict on a group of answers to the same question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Verdict {
    /// Every answer states the same facts.
    Consistent,
    /// No facts disagree, but some answers leave out facts that others state.
    Incomplete,
    /// At least one fact disagrees between two answers.
    Conflict,
}

/// One answer as the rules see it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Member<'a> {
    pub(crate) index: usize,
    pub(crate) channel: &'a Channel,
    pub(crate) facts: &'a [Fact],
}

/// The outcome of the rules on one group.
#[derive(Debug, Default)]
pub(crate) struct Judgement {
    pub(crate) conflict: bool,
    pub(crate) missing: bool,
    pub(crate) conflicts: Vec<Conflict>,
    pub(crate) gaps: Vec<Gap>,
}

impl Judgement {
    pub(crate) fn verdict(&self) -> Verdict {
        if self.conflict {
            Verdict::Conflict
        } else if !self.missing {
            Verdict::Consistent
        } else {
            Verdict::Incomplete
        }
    }
}

/// Conflicts reported per key; the verdict still counts every one.
const MAX_CONFLICTS_PER_KEY: usize = 16;
/// Pairs of distinct value sets compared per key when looking for conflicts to report.
const MAX_PAIRS_PER_KEY: usize = 4096;
/// Gaps reported per group.
const MAX_GAPS: usize = 256;

type Key = (FactKind, Option<String>);

/// Applies the rules to a group (`gaps` only when `detail`).
pub(crate) fn judge(members: &[Member<'_>], detail: bool) -> Judgement {
    // key → per member: value → first fact with it.
    let mut keys: BTreeMap<Key, Vec<BTreeMap<&str, &Fact>>> = BTreeMap::new();
    for (m, member) in members.iter().enumerate() {
        for fact in member.facts {
            let per_member = keys
                .entry((fact.kind, fact.role.clone()))
                .or_insert_with(|| vec![BTreeMap::new(); members.len()]);
            per_member[m].entry(fact.value.as_str()).or_insert(fact);
        }
    }
    let mut out = Judgement::default();
    for ((kind, role), values) in &keys {
        // Distinct non-empty value sets, in order of first appearance, with that member.
        let mut seen: BTreeSet<Vec<&str>> = BTreeSet::new();
        let mut sets: Vec<(usize, Vec<&str>)> = Vec::new();
        for (m, v) in values.iter().enumerate() {
            let set: Vec<&str> = v.keys().copied().collect();
            if !set.is_empty() && seen.insert(set.clone()) {
                sets.push((m, set));
            }
        }
        if let Some(pair) = first_incomparable(&sets) {
            out.conflict = true;
            if detail {
                report_conflicts(
                    &mut out.conflicts,
                    members,
                    values,
                    &sets,
                    pair,
                    (*kind, role),
                );
            }
        } else if sets.len() > 1 || values.iter().any(BTreeMap::is_empty) {
            out.missing = true;
            if detail && out.gaps.len() < MAX_GAPS {
                report_gaps(&mut out.gaps, members, values, (*kind, role));
            }
        }
    }
    out
}

/// Whether the sets form a chain under ⊆; if not, two that do not. Sorted by size, a chain
/// has each set inside the next, so one pass finds a witness.
fn first_incomparable(sets: &[(usize, Vec<&str>)]) -> Option<(usize, usize)> {
    let mut order: Vec<usize> = (0..sets.len()).collect();
    order.sort_by_key(|&i| (sets[i].1.len(), i));
    order
        .windows(2)
        .find(|w| !is_subset(&sets[w[0]].1, &sets[w[1]].1))
        .map(|w| (w[0].min(w[1]), w[0].max(w[1])))
}

fn is_subset(a: &[&str], b: &[&str]) -> bool {
    a.iter().all(|v| b.binary_search(v).is_ok())
}

fn report_conflicts(
    out: &mut Vec<Conflict>,
    members: &[Member<'_>],
    values: &[BTreeMap<&str, &Fact>],
    sets: &[(usize, Vec<&str>)],
    witness: (usize, usize),
    (kind, role): (FactKind, &Option<String>),
) {
    let mut found = 0;
    let mut pairs = 0;
    let push = |a: usize, b: usize, out: &mut Vec<Conflict>| {
        let (ma, mb) = (sets[a].0, sets[b].0);
        let side_a = values[ma]
            .iter()
            .find(|(v, _)| !values[mb].contains_key(*v));
        let side_b = values[mb]
            .iter()
            .find(|(v, _)| !values[ma].contains_key(*v));
        if let (Some((_, fa)), Some((_, fb))) = (side_a, side_b) {
            out.push(Conflict::new(
                kind,
                role.clone(),
                [&members[ma], &members[mb]],
                [fa, fb],
            ));
        }
    };
    'outer: for a in 0..sets.len() {
        for b in a + 1..sets.len() {
            pairs += 1;
            if pairs > MAX_PAIRS_PER_KEY || found >= MAX_CONFLICTS_PER_KEY {
                break 'outer;
            }
            if !is_subset(&sets[a].1, &sets[b].1) && !is_subset(&sets[b].1, &sets[a].1) {
                push(a, b, out);
                found += 1;
            }
        }
    }
    if found == 0 {
        push(witness.0, witness.1, out);
    }
}

fn report_gaps(
    out: &mut Vec<Gap>,
    members: &[Member<'_>],
    values: &[BTreeMap<&str, &Fact>],
    (kind, role): (FactKind, &Option<String>),
) {
    let union: BTreeSet<&str> = values.iter().flat_map(|v| v.keys().copied()).collect();
    for value in union {
        if out.len() >= MAX_GAPS {
            return;
        }
        let lacking: Vec<&Member<'_>> = members
            .iter()
            .zip(values)
            .filter(|(_, v)| !v.contains_key(value))
            .map(|(m, _)| m)
            .collect();
        if !lacking.is_empty() {
            out.push(Gap::new(kind, role.clone(), value, &lacking));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fact(kind: FactKind, role: Option<&str>, value: &str) -> Fact {
        Fact {
            kind,
            role: role.map(str::to_owned),
            value: value.to_owned(),
            start: 0,
            end: 1,
        }
    }

    fn verdict_of(answers: &[Vec<Fact>]) -> Verdict {
        let members: Vec<Member<'_>> = answers
            .iter()
            .enumerate()
            .map(|(index, facts)| Member {
                index,
                channel: &Channel::Email,
                facts,
            })
            .collect();
        judge(&members, true).verdict()
    }

    #[test]
    fn the_rules() {
        use FactKind::{Count, Duration};
        let d = |v| fact(Duration, None, v);
        // Equal sets: consistent.
        assert_eq!(
            verdict_of(&[vec![d("14d")], vec![d("14d")]]),
            Verdict::Consistent
        );
        // A subset: something is missing.
        assert_eq!(
            verdict_of(&[vec![d("14d")], vec![d("14d"), d("30d")]]),
            Verdict::Incomplete
        );
        assert_eq!(verdict_of(&[vec![d("14d")], vec![]]), Verdict::Incomplete);
        // Neither contains the other: conflict, even when they overlap.
        assert_eq!(
            verdict_of(&[vec![d("14d")], vec![d("7d"), d("30d")]]),
            Verdict::Conflict
        );
        assert_eq!(
            verdict_of(&[vec![d("14d"), d("7d")], vec![d("14d"), d("30d")]]),
            Verdict::Conflict
        );
        // A chain {14d} ⊂ {14d, 7d} ⊂ {14d, 7d, 30d} has no conflict; a branch has.
        let chain = [
            vec![d("14d")],
            vec![d("14d"), d("7d")],
            vec![d("14d"), d("7d"), d("30d")],
        ];
        assert_eq!(verdict_of(&chain), Verdict::Incomplete);
        let branch = [
            vec![d("14d"), d("7d")],
            vec![d("14d")],
            vec![d("14d"), d("30d")],
        ];
        assert_eq!(verdict_of(&branch), Verdict::Conflict);
        // Different roles never meet.
        let bags = fact(Count, Some("bag"), "2");
        let laptops = fact(Count, Some("laptop"), "1");
        assert_eq!(
            verdict_of(&[vec![bags.clone()], vec![bags, laptops]]),
            Verdict::Incomplete
        );
    }
}
