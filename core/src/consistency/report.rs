//! The consistency report: groups with their verdicts, conflicts and gaps, and rates.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use super::facts::{Fact, FactKind};
use super::verdict::{judge, Member, Verdict};
use crate::channel::Channel;

/// What [`ConsistencyChecker::check`](super::ConsistencyChecker::check) found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsistencyReport {
    /// Groups of answers to the same question, ordered by their first answer.
    pub groups: Vec<AnswerGroup>,
    /// The share of groups answered on more than one channel that are consistent; `None`
    /// (JSON `null`) when no group spans two channels.
    pub rate: Option<f64>,
    /// The same rate per pair of channels: over the groups answered on both, judging only
    /// the answers on those two channels. Ordered by channel pair.
    pub pairs: Vec<PairRate>,
}

/// One group of answers to the same question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerGroup {
    /// Positions of the answers in the input, ascending.
    pub answers: Vec<usize>,
    /// The topic id, when the group was formed by topic.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub topic: Option<String>,
    /// The distinct channels of the answers, sorted.
    pub channels: Vec<Channel>,
    /// The verdict.
    pub verdict: Verdict,
    /// Facts that disagree (empty unless the verdict is `conflict`). At most 16 per fact
    /// kind and role are listed.
    pub conflicts: Vec<Conflict>,
    /// Facts that some answers leave out (listed when a kind and role has no conflict; at
    /// most 256 per group).
    pub gaps: Vec<Gap>,
}

/// Two answers stating different values for the same fact kind and role.
///
/// Answers that state the same set of values for a kind and role count as one: a group
/// where X and e-mail say €25 and chat says €30 has one conflict, between the first answer
/// saying €25 and the chat answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// The fact kind.
    pub kind: FactKind,
    /// The role within the kind, if any (for counts: the thing counted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The two answers' positions in the input.
    pub answers: [usize; 2],
    /// Their channels.
    pub channels: [Channel; 2],
    /// The disagreeing normalized values, one from each answer.
    pub values: [String; 2],
    /// Where each value stands in its answer: `[start, end]` byte offsets.
    pub spans: [[usize; 2]; 2],
}

impl Conflict {
    pub(crate) fn new(
        kind: FactKind,
        role: Option<String>,
        members: [&Member<'_>; 2],
        facts: [&Fact; 2],
    ) -> Conflict {
        Conflict {
            kind,
            role,
            answers: members.map(|m| m.index),
            channels: members.map(|m| m.channel.clone()),
            values: facts.map(|f| f.value.clone()),
            spans: facts.map(|f| [f.start, f.end]),
        }
    }
}

/// A fact that some answers of a group state and others leave out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gap {
    /// The fact kind.
    pub kind: FactKind,
    /// The role within the kind, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The normalized value that is missing.
    pub value: String,
    /// The answers that leave it out.
    pub missing_in: Vec<usize>,
    /// Their distinct channels, sorted.
    pub channels: Vec<Channel>,
}

impl Gap {
    pub(crate) fn new(
        kind: FactKind,
        role: Option<String>,
        value: &str,
        lacking: &[&Member<'_>],
    ) -> Gap {
        let channels: BTreeSet<Channel> = lacking.iter().map(|m| m.channel.clone()).collect();
        Gap {
            kind,
            role,
            value: value.to_owned(),
            missing_in: lacking.iter().map(|m| m.index).collect(),
            channels: channels.into_iter().collect(),
        }
    }
}

/// The consistency rate of one pair of channels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PairRate {
    /// The two channels, in order.
    pub channels: [Channel; 2],
    /// Groups answered on both.
    pub groups: usize,
    /// Of those, the groups whose answers on these two channels are consistent.
    pub consistent: usize,
    /// `consistent / groups`.
    pub rate: f64,
}

/// A group before judging: answer positions and the topic that formed it.
#[derive(Debug)]
pub(crate) struct Formed {
    pub(crate) answers: Vec<usize>,
    pub(crate) topic: Option<String>,
}

/// Judges every group and computes the rates.
pub(crate) fn build(
    formed: Vec<Formed>,
    channels: &[&Channel],
    facts: &[Vec<Fact>],
) -> ConsistencyReport {
    let mut groups = Vec::with_capacity(formed.len());
    let mut multi = (0usize, 0usize);
    let mut pairs: BTreeMap<(Channel, Channel), (usize, usize)> = BTreeMap::new();
    for group in formed {
        let members: Vec<Member<'_>> = group
            .answers
            .iter()
            .map(|&i| Member {
                index: i,
                channel: channels[i],
                facts: &facts[i],
            })
            .collect();
        let judgement = judge(&members, true);
        let verdict = judgement.verdict();
        let distinct: BTreeSet<&Channel> = members.iter().map(|m| m.channel).collect();
        if distinct.len() > 1 {
            multi.0 += 1;
            multi.1 += usize::from(verdict == Verdict::Consistent);
            let list: Vec<&Channel> = distinct.iter().copied().collect();
            for (i, a) in list.iter().enumerate() {
                for b in &list[i + 1..] {
                    let sub: Vec<Member<'_>> = members
                        .iter()
                        .filter(|m| m.channel == *a || m.channel == *b)
                        .copied()
                        .collect();
                    let ok = judge(&sub, false).verdict() == Verdict::Consistent;
                    let entry = pairs.entry(((*a).clone(), (*b).clone())).or_default();
                    entry.0 += 1;
                    entry.1 += usize::from(ok);
                }
            }
        }
        groups.push(AnswerGroup {
            answers: group.answers,
            topic: group.topic,
            channels: distinct.into_iter().cloned().collect(),
            verdict,
            conflicts: judgement.conflicts,
            gaps: judgement.gaps,
        });
    }
    ConsistencyReport {
        groups,
        rate: (multi.0 > 0).then(|| multi.1 as f64 / multi.0 as f64),
        pairs: pairs
            .into_iter()
            .map(|((a, b), (n, ok))| PairRate {
                channels: [a, b],
                groups: n,
                consistent: ok,
                rate: ok as f64 / n as f64,
            })
            .collect(),
    }
}
