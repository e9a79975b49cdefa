//! Properties of the inbox pipeline: batch size, duplicates and eviction change no figure.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use chrono::{TimeDelta, TimeZone, Utc};
use proptest::prelude::*;
use webcare::inbox::{ColumnMapping, Inbox, InboxOptions, MessageReader};
use webcare::{Channel, Direction, Message, Report};

const CHANNELS: [Channel; 4] = [Channel::X, Channel::Email, Channel::Chat, Channel::Facebook];
const TEXTS: [&str; 4] = [
    "Still no refund after 6 weeks! #fail",
    "How many bags can I take?",
    "Thanks, lovely crew!",
    "Waar blijft mijn koffer? Al 3 keer gebeld.",
];

/// Conversations one after another, each finished (a reply) well before the next starts:
/// (channel, text, reply delay in minutes or none, gap to the next conversation in hours).
fn stream(spec: &[(usize, usize, Option<u32>, u32)]) -> Vec<Message> {
    let mut t = Utc.with_ymd_and_hms(2026, 3, 2, 8, 0, 0).unwrap();
    let mut out = Vec::new();
    for (i, (channel, text, reply, gap)) in spec.iter().enumerate() {
        let channel = CHANNELS[channel % CHANNELS.len()].clone();
        let case = format!("c{i}");
        out.push(Message {
            id: format!("{case}a"),
            channel: channel.clone(),
            direction: Direction::Inbound,
            author: format!("user{}@example.com", i % 5),
            sent_at: t,
            text: TEXTS[text % TEXTS.len()].to_owned(),
            reply_to: None,
            case_id: Some(case.clone()),
            reach: None,
            promoted: false,
        });
        if let Some(minutes) = reply {
            out.push(Message {
                id: format!("{case}r"),
                channel,
                direction: Direction::Outbound,
                author: "service@airline.example".into(),
                sent_at: t + TimeDelta::minutes(i64::from(*minutes)),
                text: "We are on it: within 14 days.".into(),
                reply_to: Some(format!("{case}a")),
                case_id: Some(case),
                reach: None,
                promoted: false,
            });
        }
        t += TimeDelta::hours(i64::from(*gap));
    }
    out
}

fn report_with(messages: &[Message], batch: usize, retention: TimeDelta, twice: bool) -> Report {
    let mut inbox = Inbox::new(InboxOptions {
        retention,
        ..InboxOptions::default()
    });
    for chunk in messages.chunks(batch.max(1)) {
        inbox.push_batch(chunk).unwrap();
        if twice {
            inbox.push_batch(chunk).unwrap();
        }
    }
    let now = messages.iter().map(|m| m.sent_at).max().unwrap();
    inbox.report(now + TimeDelta::days(60))
}

fn spec() -> impl Strategy<Value = Vec<(usize, usize, Option<u32>, u32)>> {
    prop::collection::vec(
        (0..4usize, 0..4usize, prop::option::of(1..600u32), 11..30u32),
        1..40,
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn batch_size_changes_nothing(spec in spec(), batch in 1..50usize) {
        let messages = stream(&spec);
        let one = report_with(&messages, 1, TimeDelta::days(7), false);
        let many = report_with(&messages, batch, TimeDelta::days(7), false);
        prop_assert_eq!(one, many);
    }

    #[test]
    fn pushing_twice_changes_nothing(spec in spec(), batch in 1..50usize) {
        let messages = stream(&spec);
        let once = report_with(&messages, batch, TimeDelta::days(7), false);
        let twice = report_with(&messages, batch, TimeDelta::days(7), true);
        prop_assert_eq!(once, twice);
    }

    #[test]
    fn a_shorter_queue_is_the_head_of_the_whole_one(spec in spec(), read_at in 0..40usize) {
        // Many conversations tie on priority and score (same texts), so the order beyond
        // them (deadline, waiting time, id) decides which ones a short queue shows.
        let messages = stream(&spec);
        let mut inbox = Inbox::new(InboxOptions::default());
        inbox.push_batch(&messages).unwrap();
        let now = messages[read_at % messages.len()].sent_at + TimeDelta::minutes(30);
        let whole = inbox.queue(now, usize::MAX);
        for limit in 0..=whole.len() + 1 {
            let head = inbox.queue(now, limit);
            prop_assert_eq!(&head[..], &whole[..limit.min(whole.len())], "limit {}", limit);
        }
        let mut sorted = whole.clone();
        sorted.sort_by(|a, b| {
            b.priority
                .cmp(&a.priority)
                .then_with(|| {
                    let score = |q: &webcare::inbox::QueueItem| q.triage.as_ref().map_or(0.0, |t| t.score);
                    score(b).total_cmp(&score(a))
                })
                .then_with(|| match (a.due, b.due) {
                    (Some(x), Some(y)) => x.cmp(&y),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                })
                .then_with(|| b.waiting_s.cmp(&a.waiting_s))
                .then_with(|| a.conversation.cmp(&b.conversation))
        });
        prop_assert_eq!(sorted, whole);
    }

    #[test]
    fn eviction_changes_nothing(spec in spec()) {
        let messages = stream(&spec);
        // Pushed one by one, a 1-second retention folds each finished conversation in at
        // the next sweep; a 1000-day one never does.
        let tiny = report_with(&messages, 1, TimeDelta::seconds(1), false);
        let huge = report_with(&messages, 1, TimeDelta::days(1000), false);
        prop_assert_eq!(tiny, huge);
    }
}

#[test]
fn a_queue_item_is_due_when_its_first_reply_clock_runs_out() {
    // The preset policy answers public social messages within 1 hour, around the clock.
    let mut inbox = Inbox::new(InboxOptions::default());
    let at = Utc.with_ymd_and_hms(2026, 3, 6, 22, 50, 0).unwrap();
    inbox
        .push(Message {
            id: "m1".into(),
            channel: Channel::X,
            direction: Direction::Inbound,
            author: "@ann".into(),
            sent_at: at,
            text: "Still no refund after 6 weeks! #fail".into(),
            reply_to: None,
            case_id: None,
            reach: None,
            promoted: false,
        })
        .unwrap();
    let queue = inbox.queue(at + TimeDelta::minutes(20), 5);
    assert_eq!(queue.len(), 1);
    assert_eq!(queue[0].due, Some(at + TimeDelta::hours(1)));
    assert_eq!(queue[0].waiting_s, 20 * 60);
    assert!(inbox.queue(at, 0).is_empty());
}

#[test]
fn a_reused_id_with_other_content_is_an_error() {
    let messages = stream(&[(0, 0, Some(5), 1)]);
    let mut inbox = Inbox::new(InboxOptions::default());
    inbox.push(messages[0].clone()).unwrap();
    let mut other = messages[0].clone();
    other.sent_at += TimeDelta::minutes(1);
    assert_eq!(
        inbox.push(other).unwrap_err().code(),
        "duplicate_message_id"
    );
}

#[test]
fn a_reply_before_its_parent_joins_the_parents_conversation() {
    let mut messages = stream(&[(0, 0, Some(5), 1)]);
    for m in &mut messages {
        m.case_id = None;
    }
    messages.reverse();
    let mut inbox = Inbox::new(InboxOptions::default());
    inbox.push_batch(&messages).unwrap();
    assert_eq!(inbox.open_conversations(), 1);
    let report = inbox.report(messages[0].sent_at);
    assert_eq!(report.total.answered, 1);
    assert_eq!(report.total.first_response.median_s, Some(300.0));
}

#[test]
fn twcs_sample_loads_without_editing() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/support/twcs-sample.csv");
    let Ok(file) = std::fs::File::open(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let reader = MessageReader::csv(std::io::BufReader::new(file), ColumnMapping::twcs()).unwrap();
    // The sample has a few rows broken by unquoted line breaks in tweets: each is an
    // `invalid_record` naming its line, and reading goes on past it.
    let (ok, bad): (Vec<_>, Vec<_>) = reader.partition(Result::is_ok);
    let messages: Vec<Message> = ok.into_iter().map(Result::unwrap).collect();
    assert!(bad
        .iter()
        .all(|e| e.as_ref().unwrap_err().code() == "invalid_record"));
    assert!(
        messages.len() > 4000 && bad.len() < 100,
        "{} read, {} bad",
        messages.len(),
        bad.len()
    );
    assert!(messages.iter().any(|m| m.direction == Direction::Outbound));
    assert!(messages
        .iter()
        .all(|m| m.reply_to.as_deref().is_none_or(|r| !r.ends_with(".0"))));
    let mut sorted = messages.clone();
    sorted.sort_by_key(|m| m.sent_at);
    let report = Report::from_messages(&sorted, &webcare::Policy::preset()).unwrap();
    assert!(report.total.answered > 0);
}

#[test]
fn csv_errors_name_line_and_column() {
    let csv = "id,author,direction,sent_at,text,channel\n\
               m1,ann@example.com,inbound,2026-03-02T10:00:00Z,hi,email\n\
               m2,ann@example.com,sideways,2026-03-02T10:00:00Z,hi,email\n";
    let results: Vec<_> = MessageReader::csv(csv.as_bytes(), ColumnMapping::default())
        .unwrap()
        .collect();
    assert!(results[0].is_ok());
    let err = results[1].as_ref().unwrap_err();
    assert_eq!(err.code(), "invalid_record");
    assert!(
        err.to_string().contains("line 3, column direction"),
        "{err}"
    );
}

#[test]
fn json_lines_keep_the_lines_before_a_bad_one_and_name_the_file_line() {
    let good = r#"{"id": "m1", "channel": "x", "direction": "inbound", "author": "@ann", "sent_at": "2026-03-02T10:00:00Z", "text": "Where is my refund?"}"#;
    let text = format!("{good}\n\n{{not json\n");
    let mut inbox = Inbox::new(InboxOptions::default());
    // The chunk starts at line 41 of its file: the bad line is the chunk's third, 43.
    let err = inbox.push_json_lines(text.as_bytes(), 41).unwrap_err();
    assert!(
        matches!(err, webcare::Error::InvalidRecord { line: 43, .. }),
        "{err:?}"
    );
    assert_eq!(inbox.pushed(), 1);
    assert_eq!(inbox.push_json_lines(b"", 1).unwrap(), 0);
}
