//! Laws of cases (DESIGN.md, "Cases and clocks") as property tests, and the snapshot
//! format of today kept readable.
//!
//! - Any permutation or duplication of a case's events gives the same clocks.
//! - Snapshot, restore, then apply the rest equals applying everything without a snapshot.
//! - Business time left never increases while a clock runs (between events).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use webcare::case::{ClockState, Event, EventKind};
use webcare::{Case, Channel, Policy, Priority};

const DESK: &str = include_str!("data/desk_policy.json");

fn base() -> DateTime<Utc> {
    // Thursday 2026-03-05 08:00 UTC: random events spread over a weekend.
    "2026-03-05T08:00:00Z".parse().unwrap()
}

fn policy(desk: bool) -> Policy {
    if desk {
        Policy::from_json(DESK).unwrap()
    } else {
        Policy::preset()
    }
}

/// One random event: a kind code and a minute offset from [`base`].
fn event_strategy() -> impl Strategy<Value = (u8, u32, u8)> {
    (0u8..16, 0u32..(5 * 24 * 60), 0u8..4)
}

fn make_event(i: usize, (kind, minute, pick): (u8, u32, u8)) -> Event {
    let at = base() + TimeDelta::minutes(i64::from(minute));
    let channel = [
        Channel::X,
        Channel::Email,
        Channel::WhatsApp,
        Channel::Facebook,
    ][pick as usize]
        .clone();
    let kind = match kind {
        0..=3 => EventKind::CustomerMessage {
            channel,
            needs_reply: pick != 3 || kind != 3,
            label: None,
            language: None,
            contact_tags: (kind == 2 && pick == 0).then(|| vec!["vip".to_owned()]),
        },
        4 | 5 => EventKind::ReplyPublic { channel: None },
        6 => EventKind::ReplyPrivate { channel: None },
        7 => EventKind::InternalNote,
        8 => EventKind::WaitingOnCustomer,
        9 => EventKind::WaitingOnThirdParty,
        10 => EventKind::Solved,
        11 => EventKind::Reopened,
        12 => EventKind::PriorityChange {
            priority: Priority::ALL[pick as usize],
        },
        13 => EventKind::TagChange {
            add: if pick % 2 == 0 {
                vec!["billing".into()]
            } else {
                vec![]
            },
            remove: if pick % 2 == 1 {
                vec!["billing".into()]
            } else {
                vec![]
            },
        },
        14 => EventKind::AutomatedReply,
        _ => EventKind::PolicyChange {
            policy: Box::new(policy(pick % 2 == 0)),
        },
    };
    Event::new(format!("e{i}"), at, kind)
}

fn conversation() -> impl Strategy<Value = (bool, Vec<Event>)> {
    (
        any::<bool>(),
        prop::collection::vec(event_strategy(), 1..25),
    )
        .prop_map(|(desk, raw)| {
            let events = raw
                .into_iter()
                .enumerate()
                .map(|(i, r)| make_event(i, r))
                .collect();
            (desk, events)
        })
}

fn instants() -> Vec<DateTime<Utc>> {
    (0..=24)
        .map(|h| base() + TimeDelta::hours(h * 5) + TimeDelta::minutes(7))
        .collect()
}

fn build(desk: bool, events: &[Event]) -> Case {
    let mut case = Case::new(policy(desk));
    for e in events {
        case.apply(e.clone()).unwrap();
    }
    case
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn any_order_and_duplicates_give_the_same_clocks(
        (desk, events) in conversation(),
        order in prop::collection::vec(any::<prop::sample::Index>(), 0..40),
        seed in any::<u64>(),
    ) {
        let straight = build(desk, &events);
        // A permutation (a seeded shuffle) plus duplicates of random events.
        let mut shuffled = events.clone();
        let mut s = seed;
        for i in (1..shuffled.len()).rev() {
            s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            shuffled.swap(i, (s >> 33) as usize % (i + 1));
        }
        for idx in &order {
            shuffled.push(events[idx.index(events.len())].clone());
        }
        let other = build(desk, &shuffled);
        prop_assert_eq!(&straight, &other);
        for t in instants() {
            prop_assert_eq!(straight.read(t), other.read(t));
        }
    }

    #[test]
    fn snapshot_restore_apply_equals_apply((desk, events) in conversation(), cut in any::<prop::sample::Index>()) {
        let k = cut.index(events.len() + 1);
        let mut first = build(desk, &events[..k]);
        first = Case::from_snapshot(&first.to_snapshot()).unwrap();
        let serde_copy: Case = serde_json::from_str(&serde_json::to_string(&first).unwrap()).unwrap();
        prop_assert_eq!(&serde_copy, &first);
        for e in &events[k..] {
            first.apply(e.clone()).unwrap();
        }
        let all = build(desk, &events);
        prop_assert_eq!(&first, &all);
        for t in instants() {
            prop_assert_eq!(first.clocks(t), all.clocks(t));
        }
    }

    #[test]
    fn business_time_left_never_increases_while_running(
        (desk, events) in conversation(),
        probes in prop::collection::vec((0u32..(5 * 24 * 60), 1u32..600), 1..10),
    ) {
        let case = build(desk, &events);
        for (start, step) in probes {
            let t1 = base() + TimeDelta::minutes(i64::from(start));
            let t2 = t1 + TimeDelta::minutes(i64::from(step));
            // Only between events: an event may re-target to a longer target.
            if events.iter().any(|e| e.at > t1 && e.at <= t2) {
                continue;
            }
            let (a, b) = (case.clocks(t1), case.clocks(t2));
            for c1 in a.iter().filter(|c| c.state == ClockState::Running) {
                if let Some(c2) = b.iter().find(|c| c.metric == c1.metric && c.started_at == c1.started_at) {
                    if let (Some(l1), Some(l2)) = (c1.business_left_s, c2.business_left_s) {
                        prop_assert!(l2 <= l1, "{:?} left went from {l1} to {l2}", c1.metric);
                    }
                    prop_assert!(c2.elapsed_s >= c1.elapsed_s);
                }
            }
        }
    }
}

/// Today's snapshot format (version 1) stays readable, restores to the same clocks, and
/// is written back unchanged.
#[test]
fn snapshot_file_of_version_1_loads() {
    let text = include_str!("data/case_snapshot_v1.json");
    let case = Case::from_snapshot(text).unwrap();
    assert_eq!(case.events().count(), 4);
    let now: DateTime<Utc> = "2026-03-06T11:30:00Z".parse().unwrap();
    let reading = case.read(now);
    assert_eq!(
        reading.status,
        webcare::case::CaseStatus::WaitingOnThirdParty
    );
    assert_eq!(reading.rule.as_deref(), Some("social"));
    // Hand-worked in tests/vectors/case/conversations.json, third-party-resumes-pausable.
    let pausable = &reading.clocks[2];
    assert_eq!(pausable.metric, webcare::Metric::PausableUpdate);
    assert_eq!(pausable.elapsed_s, 3000);
    assert_eq!(pausable.due, Some("2026-03-06T14:40:00Z".parse().unwrap()));
    assert_eq!(
        reading.next_deadline,
        Some("2026-03-06T14:10:00Z".parse().unwrap())
    );
    let file: serde_json::Value = serde_json::from_str(text).unwrap();
    let back: serde_json::Value = serde_json::from_str(&case.to_snapshot()).unwrap();
    assert_eq!(file, back);
}

/// A typical case (a complaint, a reply, a follow-up, a reply, solved) under the preset
/// stays well under 1 KB as a snapshot.
#[test]
fn typical_snapshot_is_small() {
    let mut case = Case::new(Policy::preset());
    for json in [
        r#"{"id": "m-1001", "at": "2026-03-06T10:00:00Z", "type": "customer_message", "channel": "x"}"#,
        r#"{"id": "r-1002", "at": "2026-03-06T10:20:00Z", "type": "reply_public", "channel": "x"}"#,
        r#"{"id": "m-1003", "at": "2026-03-06T10:25:00Z", "type": "customer_message", "channel": "x"}"#,
        r#"{"id": "r-1004", "at": "2026-03-06T10:40:00Z", "type": "reply_private", "channel": "x_dm"}"#,
        r#"{"id": "s-1005", "at": "2026-03-06T10:41:00Z", "type": "solved"}"#,
    ] {
        case.apply_json(json).unwrap();
    }
    let size = case.to_snapshot().len();
    assert!(size < 1024, "snapshot is {size} bytes");
}

/// Smoke test on real conversations: the IBM Twitter customer-care set (see
/// ../shared/data/README.md), each replayed through a case under the preset. No error, and
/// the first-reply clock agrees with the timestamps. Skipped when the data is absent.
#[test]
fn real_support_conversations_replay() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/support/ibm-care-dev.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let data: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    for conv in &data {
        let mut case = Case::new(Policy::preset());
        let mut customer = Vec::new();
        let mut agent = Vec::new();
        for turn in conv["dialogContent"].as_array().unwrap() {
            let at = webcare::parse_instant(turn["datetime"].as_str().unwrap()).unwrap();
            let id = turn["tweet_ID"].as_str().unwrap().to_owned();
            let kind = if turn.get("agent").is_some() {
                agent.push(at);
                EventKind::ReplyPublic {
                    channel: Some(Channel::X),
                }
            } else {
                customer.push(at);
                EventKind::CustomerMessage {
                    channel: Channel::X,
                    needs_reply: true,
                    label: None,
                    language: None,
                    contact_tags: None,
                }
            };
            case.apply(Event::new(id, at, kind)).unwrap();
        }
        // The last agent turn's time is in its tweet id (Twitter snowflake).
        let id: i64 = conv["agentURL"]["tweet_ID"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let at = DateTime::from_timestamp_millis((id >> 22) + 1_288_834_974_657).unwrap();
        agent.push(at);
        let event = Event::new(
            id.to_string(),
            at,
            EventKind::ReplyPublic {
                channel: Some(Channel::X),
            },
        );
        case.apply(event).unwrap();

        let first_msg = *customer.iter().min().unwrap();
        let Some(first_reply) = agent.iter().filter(|t| **t >= first_msg).min().copied() else {
            continue;
        };
        let end = customer.iter().chain(&agent).max().unwrap();
        let clocks = case.clocks(*end + TimeDelta::days(1));
        let first = clocks
            .iter()
            .find(|c| c.metric == webcare::Metric::FirstReply)
            .unwrap();
        let waited = (first_reply - first_msg).num_seconds();
        assert_eq!(first.started_at, first_msg);
        assert_eq!(first.stopped_at, Some(first_reply));
        assert_eq!(first.elapsed_s, waited);
        let expected = if first_reply <= first_msg + TimeDelta::hours(1) {
            ClockState::Met
        } else {
            ClockState::Breached
        };
        assert_eq!(
            first.state, expected,
            "conversation {}",
            conv["dialogHeader"]["sessionID"]
        );
        checked += 1;
    }
    assert!(checked > 500, "only {checked} conversations checked");
}
