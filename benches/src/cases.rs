//! Shared inputs of the case benchmarks: 100,000 conversations of 10 events each (1 million
//! events), a mix of public X complaints, e-mails and WhatsApp chats under the preset policy.

use chrono::{DateTime, TimeDelta, Utc};
use webcare::case::{Event, EventKind};
use webcare::Channel;

/// Number of cases.
pub const CASES: usize = 100_000;

/// The events of case `n`: a complaint, a note, a reply, a follow-up, waiting on the
/// customer, the customer's answer, a reply, solved, a closing "thanks", and a late
/// priority change, spread over a few hours from a start that varies with `n`.
pub fn conversation(n: usize) -> Vec<Event> {
    let start: DateTime<Utc> =
        DateTime::from_timestamp(1_772_000_000 + (n as i64 % 10_000) * 337, 0).unwrap_or_default();
    let channel = [
        Channel::X,
        Channel::Email,
        Channel::WhatsApp,
        Channel::Facebook,
    ][n % 4]
        .clone();
    let msg = |needs_reply: bool| EventKind::CustomerMessage {
        channel: channel.clone(),
        needs_reply,
        label: None,
        language: None,
        contact_tags: None,
    };
    let steps: [(i64, EventKind); 10] = [
        (0, msg(true)),
        (7, EventKind::InternalNote),
        (31, EventKind::ReplyPublic { channel: None }),
        (45, msg(true)),
        (80, EventKind::ReplyPrivate { channel: None }),
        (81, EventKind::WaitingOnCustomer),
        (300, msg(true)),
        (
            320,
            EventKind::PriorityChange {
                priority: webcare::Priority::High,
            },
        ),
        (340, EventKind::Solved),
        (345, msg(false)),
    ];
    steps
        .into_iter()
        .enumerate()
        .map(|(i, (minutes, kind))| {
            Event::new(
                format!("c{n}-e{i}"),
                start + TimeDelta::minutes(minutes),
                kind,
            )
        })
        .collect()
}
