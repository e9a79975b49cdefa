//! The report, checked against figures worked out by hand and by independent code.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use std::collections::{BTreeMap, HashMap};

use chrono::DateTime;
use webcare::{Channel, Classifier, Context, Label, Message, Policy, Report};

mod common;

use common::{messages, FIXTURE, POLICY};

fn row<'a>(report: &'a Report, channel: &str) -> &'a webcare::report::Figures {
    let channel: Channel = channel.parse().unwrap();
    &report
        .channels
        .iter()
        .find(|c| c.channel == channel)
        .unwrap()
        .figures
}

#[test]
fn fixture_figures_match_the_hand_worked_values() {
    let msgs = messages(FIXTURE);
    // Preconditions on the classifier: the unresolved-complaint figures rest on these labels.
    let c = Classifier::default();
    let label = |id: &str| {
        let m = msgs.iter().find(|m| m.id == id).unwrap();
        c.classify(&m.text, &Context::default()).label
    };
    assert_eq!(label("c7a"), Label::Complaint);
    assert_ne!(label("c3a"), Label::Complaint);

    let policy = Policy::from_json(POLICY).unwrap();
    let report = Report::from_messages(&msgs, &policy).unwrap();
    // The latest instant is c5r, Tuesday 10:00.
    assert_eq!(
        report.at,
        webcare::parse_instant("2026-03-03T10:00:00Z").unwrap()
    );
    let names: Vec<String> = report
        .channels
        .iter()
        .map(|c| c.channel.to_string())
        .collect();
    assert_eq!(names, ["x", "email", "chat"]);

    // X: c1..c4. Inbound c1a, c2a, c3a, c4a, c4b = 5; answered c1, c2, c4 = 3 of 4.
    // First responses: c1 20m = 1200 s, c2 1h30m = 5400 s, c4 13:00 -> 13:40 = 2400 s.
    // Sorted [1200, 2400, 5400]: nearest-rank median = 2nd = 2400, p90 = 3rd = 5400,
    // mean 9000 / 3 = 3000. 24/7 calendar: business = calendar.
    // SLA 1h: c1 met, c2 breached (5400 > 3600), c3 unanswered and past due at Tue 10:00:
    // breached, c4 met (40 min) -> 2 met, 2 breached.
    let x = row(&report, "x");
    assert_eq!((x.inbound, x.conversations, x.answered), (5, 4, 3));
    assert_eq!(x.answered_share, Some(0.75));
    assert_eq!(x.first_response.count, 3);
    assert_eq!(x.first_response.median_s, Some(2400.0));
    assert_eq!(x.first_response.p90_s, Some(5400.0));
    assert_eq!(x.first_response.mean_s, Some(3000.0));
    assert_eq!(x.first_response_business.median_s, Some(2400.0));
    assert_eq!((x.sla.first_reply.met, x.sla.first_reply.breached), (2, 2));
    assert_eq!(x.sla.first_reply.rate, Some(0.5));
    // c3 is praise, not a complaint: no unresolved complaint on X.
    assert_eq!(x.unresolved.total(), 0);
    // Three first replies: fewer than the estimator's minimum of 5.
    let expected = x.expected.as_ref().unwrap();
    assert_eq!((expected.sample_size, expected.seconds), (3, None));

    // E-mail: c5, c6, c7. c5: Mon 16:00 -> Tue 10:00 = 18 h = 64800 s calendar; business
    // Mon 16-17 + Tue 09-10 = 7200 s; due after 8 business hours = Tue 16:00: met.
    // c6: Mon 08:00 -> 09:30 = 5400 s calendar; business 09:00-09:30 = 1800 s; met.
    // c7: Mon 09:00, due Mon 17:00, unanswered at Tue 10:00: breached; an unresolved
    // complaint aged 25 h (1 to 7 days).
    let email = row(&report, "email");
    assert_eq!(
        (email.inbound, email.conversations, email.answered),
        (3, 3, 2)
    );
    assert_eq!(email.first_response.median_s, Some(5400.0));
    assert_eq!(email.first_response.p90_s, Some(64800.0));
    assert_eq!(email.first_response.mean_s, Some(35100.0));
    assert_eq!(email.first_response_business.median_s, Some(1800.0));
    assert_eq!(email.first_response_business.p90_s, Some(7200.0));
    assert_eq!(email.first_response_business.mean_s, Some(4500.0));
    assert_eq!(
        (email.sla.first_reply.met, email.sla.first_reply.breached),
        (2, 1)
    );
    assert_eq!(email.unresolved.from_1d_to_7d, 1);
    assert_eq!(email.unresolved.total(), 1);

    // Chat: c8, answered in 5 minutes.
    let chat = row(&report, "chat");
    assert_eq!((chat.inbound, chat.answered), (1, 1));
    assert_eq!(chat.first_response.median_s, Some(300.0));
    assert_eq!(chat.sla.first_reply.rate, Some(1.0));

    // Totals: 9 inbound, 8 conversations, 6 answered. Calendar samples sorted
    // [300, 1200, 2400, 5400, 5400, 64800]: median = 3rd = 2400, p90 = 6th = 64800,
    // mean 79500 / 6 = 13250. Business [300, 1200, 1800, 2400, 5400, 7200]: median 1800,
    // mean 18300 / 6 = 3050. SLA: 5 met, 3 breached.
    let t = &report.total;
    assert_eq!((t.inbound, t.conversations, t.answered), (9, 8, 6));
    assert_eq!(t.answered_share, Some(0.75));
    assert_eq!(t.first_response.median_s, Some(2400.0));
    assert_eq!(t.first_response.p90_s, Some(64800.0));
    assert_eq!(t.first_response.mean_s, Some(13250.0));
    assert_eq!(t.first_response_business.median_s, Some(1800.0));
    assert_eq!(t.first_response_business.mean_s, Some(3050.0));
    assert_eq!((t.sla.first_reply.met, t.sla.first_reply.breached), (5, 3));
    assert_eq!(t.sla.first_reply.rate, Some(0.625));
    assert_eq!(t.unresolved.total(), 1);

    // Consistency compares answers to questions only: c2r (X), c6r (e-mail) and c8r (chat);
    // the replies to complaints (c1r, c4r) and to the invoice request (c5r, labelled other)
    // are personal. "How many bags can I take?" answered on X (2 bags) and in chat (3 bags):
    // one group on two channels, in conflict. The seat question stands alone.
    assert_eq!(report.consistency.answers, 3);
    assert_eq!(report.consistency.groups, 1);
    assert_eq!(report.consistency.consistent, 0);
    assert_eq!(report.consistency.rate, Some(0.0));
    assert_eq!(report.consistency.pairs.len(), 1);
    assert_eq!(x.consistency.answers, 1);
    assert_eq!(x.consistency.rate, Some(0.0));
    assert_eq!(email.consistency.answers, 0);

    // Round trip and text.
    assert_eq!(Report::from_json(&report.to_json()).unwrap(), report);
    let text = report.to_text();
    assert!(text.contains("40m"), "{text}"); // x median 2400 s
    assert!(text.lines().any(|l| l.starts_with("total")));
}

/// Nearest-rank percentile of a sorted list.
fn nearest_rank(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil().max(1.0) as usize;
    Some(sorted[rank - 1])
}

/// The sample inbox, recomputed with plain code: conversations by case id, else by the
/// root of the reply chain, else alone; per channel of the first customer message.
#[test]
fn sample_inbox_matches_an_independent_count() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data/inbox.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let rows: Vec<serde_json::Value> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let by_id: HashMap<&str, &serde_json::Value> = rows
        .iter()
        .map(|r| (r["id"].as_str().unwrap(), r))
        .collect();
    let key = |r: &serde_json::Value| -> String {
        if let Some(c) = r["case_id"].as_str() {
            return format!("case:{c}");
        }
        let mut at = r;
        while let Some(parent) = at["reply_to"].as_str() {
            match by_id.get(parent) {
                Some(p) if p["case_id"].is_string() => {
                    return format!("case:{}", p["case_id"].as_str().unwrap())
                }
                Some(p) => at = p,
                None => return format!("msg:{parent}"),
            }
        }
        format!("msg:{}", at["id"].as_str().unwrap())
    };
    let mut conversations: BTreeMap<String, Vec<&serde_json::Value>> = BTreeMap::new();
    for r in &rows {
        conversations.entry(key(r)).or_default().push(r);
    }
    // channel -> (inbound, conversations, answered, first responses)
    let mut want: BTreeMap<String, (u64, u64, u64, Vec<f64>)> = BTreeMap::new();
    for msgs in conversations.values() {
        let at =
            |r: &serde_json::Value| webcare::parse_instant(r["sent_at"].as_str().unwrap()).unwrap();
        let inbound: Vec<_> = msgs
            .iter()
            .filter(|r| r["direction"] == "inbound")
            .collect();
        let Some(first) = inbound
            .iter()
            .min_by_key(|r| (at(r), r["id"].as_str().unwrap().to_owned()))
        else {
            continue;
        };
        let first_at = at(first);
        let reply = msgs
            .iter()
            .filter(|r| r["direction"] == "outbound" && at(r) >= first_at)
            .map(|r| at(r))
            .min();
        let channel: Channel = first["channel"].as_str().unwrap().parse().unwrap();
        let e = want.entry(channel.to_string()).or_default();
        e.0 += inbound.len() as u64;
        e.1 += 1;
        if let Some(r) = reply {
            e.2 += 1;
            e.3.push((r - first_at).num_milliseconds() as f64 / 1000.0);
        }
    }
    let msgs = messages(&text);
    let report = Report::from_messages(&msgs, &Policy::preset()).unwrap();
    assert_eq!(
        report
            .channels
            .iter()
            .filter(|c| c.figures.conversations > 0)
            .count(),
        want.len()
    );
    for (channel, (inbound, convs, answered, mut times)) in want {
        let f = row(&report, &channel);
        assert_eq!(f.inbound, inbound, "{channel}");
        assert_eq!(f.conversations, convs, "{channel}");
        assert_eq!(f.answered, answered, "{channel}");
        assert_eq!(
            f.answered_share,
            Some(answered as f64 / convs as f64),
            "{channel}"
        );
        times.sort_by(f64::total_cmp);
        assert_eq!(
            f.first_response.median_s,
            nearest_rank(&times, 50.0),
            "{channel}"
        );
    }
}

/// The IBM customer-care conversations (real timestamps; see ../shared/data/README.md):
/// the overall calendar median first-response time equals a short independent computation.
#[test]
fn ibm_conversations_median_first_response() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../shared/data/support/ibm-care-dev.json");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: {} not found", path.display());
        return;
    };
    let data: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    let mut msgs = Vec::new();
    let mut times = Vec::new();
    for conv in &data {
        let session = conv["dialogHeader"]["sessionID"].as_str().unwrap();
        let mut customer = Vec::new();
        let mut agent = Vec::new();
        for turn in conv["dialogContent"].as_array().unwrap() {
            let at = webcare::parse_instant(turn["datetime"].as_str().unwrap()).unwrap();
            let is_agent = turn.get("agent").is_some();
            if is_agent {
                agent.push(at)
            } else {
                customer.push(at)
            }
            let author = turn
                .get("client")
                .or(turn.get("agent"))
                .and_then(|a| a.as_str())
                .unwrap_or("someone");
            msgs.push(Message {
                // A tweet can sit in two conversations of the set: ids are per conversation.
                id: format!("{session}:{}", turn["tweet_ID"].as_str().unwrap()),
                channel: Channel::X,
                direction: if is_agent {
                    webcare::Direction::Outbound
                } else {
                    webcare::Direction::Inbound
                },
                author: author.to_owned(),
                sent_at: at,
                text: turn["message"].as_str().unwrap_or("").to_owned(),
                reply_to: None,
                case_id: Some(session.to_owned()),
                reach: None,
                promoted: false,
            });
        }
        let id: i64 = conv["agentURL"]["tweet_ID"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        let at = DateTime::from_timestamp_millis((id >> 22) + 1_288_834_974_657).unwrap();
        agent.push(at);
        msgs.push(Message {
            id: format!("{session}:{id}"),
            channel: Channel::X,
            direction: webcare::Direction::Outbound,
            author: conv["dialogHeader"]["company"]
                .as_str()
                .unwrap_or("company")
                .to_owned(),
            sent_at: at,
            text: conv["agentURL"]["url_utterance"]
                .as_str()
                .unwrap_or("")
                .to_owned(),
            reply_to: None,
            case_id: Some(session.to_owned()),
            reach: None,
            promoted: false,
        });
        // Independent: first customer turn to the first agent reply at or after it.
        let Some(first) = customer.iter().min().copied() else {
            continue;
        };
        if let Some(reply) = agent.iter().filter(|t| **t >= first).min() {
            times.push((*reply - first).num_milliseconds() as f64 / 1000.0);
        }
    }
    msgs.sort_by_key(|m| m.sent_at);
    times.sort_by(f64::total_cmp);
    let report = Report::from_messages(&msgs, &Policy::preset()).unwrap();
    assert!(times.len() > 500);
    assert_eq!(report.total.first_response.count, times.len() as u64);
    assert_eq!(
        report.total.first_response.median_s,
        nearest_rank(&times, 50.0)
    );
}
