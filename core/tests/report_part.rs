//! Report parts: a report made in pieces and merged equals the report of one inbox over all
//! messages when each conversation sits in one part.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use webcare::inbox::{Inbox, InboxOptions};
use webcare::report::part::REPORT_PART_VERSION;
use webcare::{Message, Policy, Report, ReportPart};

mod common;

use common::{messages, FIXTURE, POLICY};

fn policy() -> Policy {
    Policy::from_json(POLICY).unwrap()
}

fn options(window: usize) -> InboxOptions {
    InboxOptions {
        policy: policy(),
        consistency_window: window,
        ..InboxOptions::default()
    }
}

fn inbox_of(messages: &[&Message], window: usize) -> Inbox {
    let mut inbox = Inbox::new(options(window));
    let owned: Vec<Message> = messages.iter().map(|m| (*m).clone()).collect();
    inbox.push_batch(&owned).unwrap();
    inbox
}

/// The part of each group of messages (in the given order), through its JSON.
fn parts_of(groups: &[Vec<&Message>], now: DateTime<Utc>, window: usize) -> Vec<ReportPart> {
    groups
        .iter()
        .map(|g| ReportPart::from_json(&inbox_of(g, window).report_part(now).to_json()).unwrap())
        .collect()
}

fn merged(parts: Vec<ReportPart>) -> Report {
    ReportPart::merge_all(parts).unwrap().finish()
}

fn case_of(m: &Message) -> String {
    m.case_id
        .as_ref()
        .map(|c| c.to_string())
        .unwrap_or_default()
}

#[test]
fn report_is_the_finished_part() {
    let msgs = messages(FIXTURE);
    let all: Vec<&Message> = msgs.iter().collect();
    let inbox = inbox_of(&all, 5_000);
    let now = webcare::parse_instant("2026-03-04T09:00:00Z").unwrap();
    assert_eq!(inbox.report(now), inbox.report_part(now).finish());
    let part = inbox.report_part(now);
    assert_eq!(part.at(), now);
    assert_eq!(part.consistency_window(), 5_000);
    // Answers to questions (bags on X and chat, seat by e-mail) wait for the check.
    assert_eq!(part.pending_answers().len(), 3);
}

#[test]
fn fixture_split_by_case_merges_to_the_single_report() {
    let msgs = messages(FIXTURE);
    let all: Vec<&Message> = msgs.iter().collect();
    let now = webcare::parse_instant("2026-03-03T12:00:00Z").unwrap();
    let single = inbox_of(&all, 5_000).report(now);
    // One part per case, and the cases spread over three parts.
    let mut cases: Vec<String> = msgs.iter().map(case_of).collect();
    cases.dedup();
    let per_case: Vec<Vec<&Message>> = cases
        .iter()
        .map(|c| msgs.iter().filter(|m| case_of(m) == *c).collect())
        .collect();
    assert_eq!(merged(parts_of(&per_case, now, 5_000)), single);
    let three: Vec<Vec<&Message>> = (0..3)
        .map(|k| {
            msgs.iter()
                .filter(|m| cases.iter().position(|c| *c == case_of(m)).unwrap() % 3 == k)
                .collect()
        })
        .collect();
    let report = merged(parts_of(&three, now, 5_000));
    assert_eq!(report, single);
    // The bags conflict (2 on X, 3 on chat) was found across parts.
    assert_eq!(report.consistency.conflicts.len(), 1);
    assert_eq!(report.consistency.groups, 1);
    assert_eq!(report.consistency.consistent, 0);
}

#[test]
fn mismatched_parts_are_typed_errors() {
    let msgs = messages(FIXTURE);
    let all: Vec<&Message> = msgs.iter().collect();
    let now = webcare::parse_instant("2026-03-03T12:00:00Z").unwrap();
    let inbox = inbox_of(&all, 5_000);
    let mut part = inbox.report_part(now);
    let before = part.to_json();

    let later = inbox.report_part(now + TimeDelta::hours(1));
    let err = part.merge(later).unwrap_err();
    assert_eq!(err.code(), "report_part_mismatch");
    assert!(matches!(
        err,
        webcare::Error::ReportPartMismatch { field: "at", .. }
    ));

    let preset = Inbox::new(InboxOptions::default()).report_part(now);
    let err = part.merge(preset).unwrap_err();
    assert!(matches!(
        err,
        webcare::Error::ReportPartMismatch {
            field: "policy",
            ..
        }
    ));

    let other_window = inbox_of(&all, 10).report_part(now);
    let err = part.merge(other_window).unwrap_err();
    assert!(matches!(
        err,
        webcare::Error::ReportPartMismatch {
            field: "consistency_window",
            ..
        }
    ));
    // A refused merge leaves the part as it was.
    assert_eq!(part.to_json(), before);

    let err = ReportPart::merge_all(Vec::new()).unwrap_err();
    assert_eq!(err.code(), "invalid_option");
}

#[test]
fn json_round_trips_and_bad_json_is_a_typed_error() {
    let msgs = messages(FIXTURE);
    let all: Vec<&Message> = msgs.iter().collect();
    let now = webcare::parse_instant("2026-03-03T12:00:00Z").unwrap();
    let part = inbox_of(&all, 5_000).report_part(now);
    let text = part.to_json();
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(doc["version"], REPORT_PART_VERSION);
    assert_eq!(doc["consistency_window"], 5_000);
    assert_eq!(doc["channels"]["x"]["inbound"], 5);
    assert_eq!(doc["consistency"]["pending"].as_array().unwrap().len(), 3);
    let back = ReportPart::from_json(&text).unwrap();
    assert_eq!(back.to_json(), text);
    assert_eq!(back.finish(), part.clone().finish());

    let code = |text: &str| ReportPart::from_json(text).unwrap_err().code();
    assert_eq!(code("not json"), "invalid_json");
    assert_eq!(code("[1, 2]"), "invalid_json");
    assert_eq!(code("{}"), "invalid_json");
    let with = |key: &str, value: serde_json::Value| {
        let mut d = doc.clone();
        d[key] = value;
        d.to_string()
    };
    assert_eq!(
        code(&with("version", 2.into())),
        "unsupported_snapshot_version"
    );
    assert_eq!(code(&with("version", "1".into())), "invalid_json");
    assert_eq!(code(&with("at", "2026-03-03 12:00".into())), "invalid_json");
    let mut d = doc.clone();
    d["hours"]["inbound"] = serde_json::json!([1, 2, 3]);
    assert_eq!(code(&d.to_string()), "invalid_json");
    let mut d = doc.clone();
    d["hours"]["timezone"] = "Asia/Tokyo".into();
    assert_eq!(code(&d.to_string()), "invalid_json");
    let mut d = doc.clone();
    d["channels"]["x"]["first_response"]["count"] = 99.into();
    assert_eq!(code(&d.to_string()), "invalid_json");
    let mut d = doc.clone();
    d["channels"]["x"]["histogram"]["calendar"] = serde_json::json!([1]);
    assert_eq!(code(&d.to_string()), "invalid_json");
    let mut d = doc.clone();
    d["channels"]["telegraph"] = d["channels"]["x"].clone();
    assert_eq!(code(&d.to_string()), "invalid_json");
    let mut d = doc.clone();
    d["policy"] = serde_json::json!({"rules": [{"name": "r", "targets": {"first_reply": {"normal": {"within": "1h", "calendar": "nope"}}}}]});
    assert_eq!(code(&d.to_string()), "invalid_json");
    // Every prefix of a part is an error, never a panic.
    for end in (0..text.len()).step_by(37) {
        if text.is_char_boundary(end) {
            assert!(ReportPart::from_json(&text[..end]).is_err());
        }
    }
}

#[test]
fn huge_counts_saturate_instead_of_overflowing() {
    let msgs = messages(FIXTURE);
    let all: Vec<&Message> = msgs.iter().collect();
    let now = webcare::parse_instant("2026-03-03T12:00:00Z").unwrap();
    let mut doc: serde_json::Value =
        serde_json::from_str(&inbox_of(&all, 5_000).report_part(now).to_json()).unwrap();
    doc["channels"]["x"]["inbound"] = u64::MAX.into();
    doc["hours"]["inbound"][0] = u64::MAX.into();
    let mut a = ReportPart::from_json(&doc.to_string()).unwrap();
    a.merge(ReportPart::from_json(&doc.to_string()).unwrap())
        .unwrap();
    let report = a.finish();
    assert_eq!(
        report
            .channels
            .iter()
            .find(|c| c.channel.name() == "x")
            .unwrap()
            .figures
            .inbound,
        u64::MAX
    );
    assert_eq!(report.hours.inbound[0], u64::MAX);
}

#[test]
fn a_part_stays_small_however_many_messages_it_saw() {
    // 400 conversations of 50 customer messages each and one reply, against 400 of one
    // customer message and one reply: the parts hold per-conversation samples (below
    // the caps), not per-message ones, so their sizes are about the same.
    let base = webcare::parse_instant("2026-03-02T00:00:00Z").unwrap();
    let build = |per_conversation: usize| {
        let mut inbox = Inbox::new(options(5_000));
        let mut batch = Vec::new();
        for c in 0..400 {
            let start = base + TimeDelta::minutes(c * 10);
            for k in 0..per_conversation {
                batch.push(message(
                    &format!("c{c}m{k}"),
                    &format!("case{c}"),
                    "x",
                    true,
                    &format!("@u{c}"),
                    start + TimeDelta::seconds(k as i64),
                    "Still no refund after 6 weeks! This is ridiculous #fail",
                ));
            }
            batch.push(message(
                &format!("c{c}r"),
                &format!("case{c}"),
                "x",
                false,
                "@airline",
                start + TimeDelta::minutes(5),
                "Sorry, we will look into it today.",
            ));
        }
        inbox.push_batch(&batch).unwrap();
        inbox.report_part(base + TimeDelta::days(5)).to_json().len()
    };
    let small = build(1);
    let large = build(50);
    assert!(large < 60_000, "{large} bytes");
    assert!(large <= small + small / 10, "{large} vs {small} bytes");
}

fn message(
    id: &str,
    case: &str,
    channel: &str,
    inbound: bool,
    author: &str,
    at: DateTime<Utc>,
    text: &str,
) -> Message {
    let mut doc = serde_json::json!({
        "id": id, "case_id": case, "channel": channel,
        "direction": if inbound { "inbound" } else { "outbound" },
        "author": author, "sent_at": webcare::format_instant(at), "text": text,
    });
    if !inbound {
        doc["reply_to"] = format!("{case}-0").into();
    }
    Message::from_value(doc).unwrap()
}

/// One generated conversation.
#[derive(Debug, Clone)]
struct Conv {
    channel: usize,
    minute: i64,
    text: usize,
    follow_up: Option<i64>,
    reply: Option<(i64, usize)>,
    part: usize,
}

fn conv() -> impl Strategy<Value = Conv> {
    (
        0usize..3,
        0i64..6_000,
        0usize..4,
        proptest::option::of(1i64..90),
        proptest::option::of((0i64..3_000, 0usize..2)),
        0usize..4,
    )
        .prop_map(|(channel, minute, text, follow_up, reply, part)| Conv {
            channel,
            minute,
            text,
            follow_up,
            reply,
            part,
        })
}

const CUSTOMER: [&str; 4] = [
    "Still no refund after 6 weeks! This is ridiculous #fail",
    "How many bags can I take?",
    "How do I change my seat?",
    "Thanks for the great flight, lovely crew!",
];

/// The messages of the conversations, in time order. Every instant is unique: conversation
/// `i` sends at `i` seconds past a minute (fewer than 60 conversations).
fn stream(convs: &[Conv]) -> Vec<(usize, Message)> {
    let base = webcare::parse_instant("2026-03-02T00:00:00Z").unwrap();
    let mut out = Vec::new();
    for (i, c) in convs.iter().enumerate() {
        let channel = ["x", "email", "chat"][c.channel];
        let author = match channel {
            "x" => format!("@user{i}"),
            "email" => format!("user{i}@example.com"),
            _ => format!("visitor-{i}"),
        };
        let at = |minute: i64| base + TimeDelta::seconds(minute * 60 + i as i64);
        let case = format!("case{i}");
        let mut first = message(
            &format!("{case}-0"),
            &case,
            channel,
            true,
            &author,
            at(c.minute),
            CUSTOMER[c.text],
        );
        first.reply_to = None;
        out.push((c.part, first));
        if let Some(after) = c.follow_up {
            out.push((
                c.part,
                message(
                    &format!("{case}-1"),
                    &case,
                    channel,
                    true,
                    &author,
                    at(c.minute + after),
                    "Hello?? Still waiting!",
                ),
            ));
        }
        if let Some((after, variant)) = c.reply {
            let text = match (c.text, variant) {
                (1, 0) => "You can take 2 bags.",
                (1, _) => "You can take 3 bags.",
                (2, 0) => "You can change it under My Bookings.",
                (2, _) => "Please call us to change it, it costs EUR 25.",
                _ => "Sorry, we will look into it today.",
            };
            out.push((
                c.part,
                message(
                    &format!("{case}-r"),
                    &case,
                    channel,
                    false,
                    "agent",
                    at(c.minute + after + 1),
                    text,
                ),
            ));
        }
    }
    out.sort_by_key(|(_, m)| m.sent_at);
    out
}

#[allow(
    clippy::disallowed_methods,
    reason = "a test knob, not core configuration"
)]
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases: std::env::var("REPORT_PART_CASES")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(cases),
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// Each conversation in one of up to four parts: the merged report equals the single
    /// inbox's report in every figure (fewer answers than one consistency window), whatever
    /// the order of merges.
    #[test]
    fn merged_parts_equal_one_inbox(
        convs in proptest::collection::vec(conv(), 0..40),
        extra_minutes in 0i64..20_000,
        order in proptest::collection::vec(any::<u16>(), 4),
    ) {
        let stream = stream(&convs);
        let now = stream
            .iter()
            .map(|(_, m)| m.sent_at)
            .max()
            .unwrap_or_else(|| webcare::parse_instant("2026-03-02T00:00:00Z").unwrap())
            + TimeDelta::minutes(extra_minutes);
        let all: Vec<&Message> = stream.iter().map(|(_, m)| m).collect();
        let single = inbox_of(&all, 5_000).report(now);

        let groups: Vec<Vec<&Message>> = (0..4)
            .map(|k| stream.iter().filter(|(p, _)| *p == k).map(|(_, m)| m).collect())
            .collect();
        let parts = parts_of(&groups, now, 5_000);
        prop_assert_eq!(&merged(parts.clone()), &single);

        // Merged one by one in a random order, and as a tree.
        let mut shuffled: Vec<(u16, ReportPart)> = order.iter().copied().zip(parts.clone()).collect();
        shuffled.sort_by_key(|(k, _)| *k);
        let mut it = shuffled.into_iter().map(|(_, p)| p);
        let mut folded = it.next().unwrap();
        for p in it {
            folded.merge(p).unwrap();
        }
        prop_assert_eq!(&folded.finish(), &single);
        let mut left = parts[0].clone();
        left.merge(parts[1].clone()).unwrap();
        let mut right = parts[2].clone();
        right.merge(parts[3].clone()).unwrap();
        right.merge(left).unwrap();
        prop_assert_eq!(&right.finish(), &single);
    }

    /// With small consistency windows, parts check windows of their own: every figure but
    /// the consistency ones still equals the single inbox's, and the number of answers
    /// checked is the same.
    #[test]
    fn small_windows_change_only_consistency(
        convs in proptest::collection::vec(conv(), 0..30),
        window in 1usize..4,
    ) {
        let stream = stream(&convs);
        let now = webcare::parse_instant("2026-03-10T00:00:00Z").unwrap();
        let all: Vec<&Message> = stream.iter().map(|(_, m)| m).collect();
        let mut single = inbox_of(&all, window).report(now);
        let groups: Vec<Vec<&Message>> = (0..4)
            .map(|k| stream.iter().filter(|(p, _)| *p == k).map(|(_, m)| m).collect())
            .collect();
        let mut merged = merged(parts_of(&groups, now, window));
        prop_assert_eq!(merged.consistency.answers, single.consistency.answers);
        for r in [&mut single, &mut merged] {
            r.consistency = webcare::report::ConsistencySummary {
                answers: 0, groups: 0, consistent: 0, rate: None, pairs: vec![], conflicts: vec![],
            };
            for c in r.channels.iter_mut() {
                c.figures.consistency = Default::default();
            }
            r.total.consistency = Default::default();
        }
        prop_assert_eq!(merged, single);
    }
}
