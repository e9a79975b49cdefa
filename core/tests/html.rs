//! The HTML report: the figures it adds to the report (worked out by hand), escaping of
//! hostile texts, no script or external resource, Dutch labels, bounded size.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use chrono::{TimeDelta, TimeZone, Utc};
use webcare::inbox::{Inbox, InboxOptions};
use webcare::report::{HtmlOptions, Lang, RESPONSE_EDGES_S};
use webcare::{Channel, Direction, Message, Policy, Report};

mod common;

use common::{messages, FIXTURE, POLICY};

fn fixture_report() -> Report {
    Report::from_messages(&messages(FIXTURE), &Policy::from_json(POLICY).unwrap()).unwrap()
}

fn row<'a>(report: &'a Report, channel: &str) -> &'a webcare::report::Figures {
    let channel: Channel = channel.parse().unwrap();
    &report
        .channels
        .iter()
        .find(|c| c.channel == channel)
        .unwrap()
        .figures
}

/// A count list with `n` at the given positions and 0 elsewhere.
fn counts(len: usize, at: &[(usize, u64)]) -> Vec<u64> {
    let mut v = vec![0; len];
    for (i, n) in at {
        v[*i] += n;
    }
    v
}

#[test]
fn histograms_and_targets_match_the_hand_worked_values() {
    let report = fixture_report();
    assert_eq!(
        RESPONSE_EDGES_S,
        [300, 900, 1800, 3600, 7200, 14_400, 28_800, 86_400, 259_200]
    );
    // X: first responses 20m (bucket 15-30m, index 2), 1h30m (1-2h, index 4) and 40m
    // (30m-1h, index 3); 24/7, so business time is the same.
    let x = row(&report, "x");
    assert_eq!(
        x.first_response_histogram.calendar,
        counts(10, &[(2, 1), (3, 1), (4, 1)])
    );
    assert_eq!(
        x.first_response_histogram.business,
        counts(10, &[(2, 1), (3, 1), (4, 1)])
    );
    assert_eq!(x.first_reply_target_s, Some(3600));
    // E-mail: calendar 18h (8h-1d, index 7) and 1h30m (index 4); business 2h (2-4h, index
    // 5) and 30m (30m-1h, index 3). Target 8 business hours.
    let email = row(&report, "email");
    assert_eq!(
        email.first_response_histogram.calendar,
        counts(10, &[(4, 1), (7, 1)])
    );
    assert_eq!(
        email.first_response_histogram.business,
        counts(10, &[(3, 1), (5, 1)])
    );
    assert_eq!(email.first_reply_target_s, Some(8 * 3600));
    // Chat: 5 minutes is the first minute of the 5-15m bucket.
    let chat = row(&report, "chat");
    assert_eq!(
        chat.first_response_histogram.calendar,
        counts(10, &[(1, 1)])
    );
    // The total adds the channels up.
    assert_eq!(
        report.total.first_response_histogram.calendar,
        counts(10, &[(1, 1), (2, 1), (3, 1), (4, 2), (7, 1)])
    );
    assert_eq!(report.total.first_reply_target_s, None);
}

#[test]
fn hours_of_the_week_match_the_hand_worked_values() {
    let report = fixture_report();
    // The policy's office calendar is in UTC; Monday 2 March 2026, so index = hour.
    assert_eq!(report.hours.timezone, "UTC");
    // Customer messages: c6a 08, c7a 09, c1a 10, c2a 11, c3a 12, c4a and c4b 13, c8a 14, c5a 16.
    assert_eq!(
        report.hours.inbound,
        counts(
            168,
            &[
                (8, 1),
                (9, 1),
                (10, 1),
                (11, 1),
                (12, 1),
                (13, 2),
                (14, 1),
                (16, 1)
            ]
        )
    );
    assert_eq!(
        report.hours.conversations,
        counts(
            168,
            &[
                (8, 1),
                (9, 1),
                (10, 1),
                (11, 1),
                (12, 1),
                (13, 1),
                (14, 1),
                (16, 1)
            ]
        )
    );
    // First replies breached: c2 (started 11:00, answered after 1h30m), c3 (12:00, never
    // answered) and c7 (e-mail at 09:00, unanswered past Monday 17:00).
    assert_eq!(
        report.hours.breached,
        counts(168, &[(9, 1), (11, 1), (12, 1)])
    );
    // The JSON carries the new figures and reads back.
    assert_eq!(Report::from_json(&report.to_json()).unwrap(), report);
}

#[test]
fn hours_are_read_in_the_desks_zone() {
    // Under the preset the desk sits in Amsterdam: 08:30 UTC on a winter Monday is 09:30.
    let m = Message::from_json(
        r#"{"id": "a", "channel": "x", "direction": "inbound", "author": "@a",
            "sent_at": "2026-03-02T08:30:00Z", "text": "Where is my parcel?"}"#,
    )
    .unwrap();
    let report = Report::from_messages(&[m], &Policy::preset()).unwrap();
    assert_eq!(report.hours.timezone, "Europe/Amsterdam");
    assert_eq!(report.hours.inbound[9], 1);
    assert_eq!(report.hours.inbound.iter().sum::<u64>(), 1);
}

const HOSTILE_QUESTION: &str =
    r#"<script>alert("q")</script> Can I keep my number for free? <img src=x onerror=alert(1)>"#;

/// Two customers ask the same question on e-mail and X; the answers contradict each other
/// and carry markup; a third complaint stays in the queue.
fn hostile_messages() -> Vec<Message> {
    let t0 = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).unwrap();
    let msg = |id: &str,
               case: &str,
               channel: Channel,
               inbound: bool,
               minutes: i64,
               text: &str,
               reply_to: Option<&str>| Message {
        id: id.into(),
        channel,
        direction: if inbound {
            Direction::Inbound
        } else {
            Direction::Outbound
        },
        author: if inbound {
            format!("{case}@example.com")
        } else {
            "care".into()
        },
        sent_at: t0 + TimeDelta::minutes(minutes),
        text: text.into(),
        reply_to: reply_to.map(Into::into),
        case_id: Some(case.into()),
        reach: None,
        promoted: false,
    };
    vec![
        msg("e1", "ce", Channel::Email, true, 0, HOSTILE_QUESTION, None),
        msg("x1", "cx", Channel::X, true, 5, HOSTILE_QUESTION, None),
        msg("e2", "ce", Channel::Email, false, 60, "Yes, you keep your number free of charge within 14 days. <a href=\"javascript:alert(2)\">click</a>", Some("e1")),
        msg("x2", "cx", Channel::X, false, 70, "You keep your number within 7 days for a fee of EUR 25. javascript:alert(3) <svg onload=alert(4)>", Some("x1")),
        msg("w1", "cw", Channel::X, true, 80, "</textarea><script>alert('w')</script> Still no refund after 6 weeks! Terrible! <body onerror=alert(5)>", None),
    ]
}

/// Every tag of `html` (all `<` in text are escaped, so each `<` opens a tag): its name and
/// attribute names and values.
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let end = rest[start..].find('>').unwrap() + start;
        let inner = &rest[start + 1..end];
        rest = &rest[end + 1..];
        if inner.starts_with('!') || inner.starts_with('/') {
            continue;
        }
        let name: String = inner
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let mut attrs = Vec::new();
        let mut s = inner[name.len()..].trim_start();
        while !s.is_empty() && !s.starts_with('/') {
            let eq = s.find(['=', ' ']).unwrap_or(s.len());
            let attr = s[..eq].to_owned();
            s = &s[eq..];
            let value = if let Some(v) = s.strip_prefix("=\"") {
                let close = v.find('"').unwrap();
                s = &v[close + 1..];
                v[..close].to_owned()
            } else {
                String::new()
            };
            attrs.push((attr, value));
            s = s.trim_start();
        }
        out.push((name.to_ascii_lowercase(), attrs));
    }
    out
}

const ALLOWED_TAGS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "header",
    "nav",
    "ul",
    "li",
    "a",
    "main",
    "section",
    "h1",
    "h2",
    "h3",
    "h4",
    "p",
    "div",
    "span",
    "strong",
    "time",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "figure",
    "figcaption",
    "svg",
    "desc",
    "rect",
    "line",
    "text",
    "article",
    "mark",
    "footer",
];

fn render_hostile(lang: Lang) -> (Report, String) {
    let mut inbox = Inbox::new(InboxOptions::default());
    inbox.push_batch(&hostile_messages()).unwrap();
    let now = inbox.latest().unwrap();
    let report = inbox.report(now);
    let html = report.to_html(&HtmlOptions {
        lang,
        title: Some("<script>alert('title')</script>".into()),
        queue: Some(inbox.queue(now, 20)),
    });
    (report, html)
}

#[test]
fn hostile_texts_render_as_text_only() {
    let (report, html) = render_hostile(Lang::En);
    // The conflicting answers are in the report, side by side, markup and all.
    let example = report
        .consistency
        .conflicts
        .first()
        .expect("a conflict example");
    assert_eq!(example.answers[0].channel, Channel::Email);
    assert!(example.answers[1].text.contains("onload="));
    // They show as escaped text: in the conflict, in the queue and in the title.
    assert!(html.contains("&lt;script&gt;alert(&quot;q&quot;)&lt;/script&gt;"));
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(html.contains("&lt;a href=&quot;javascript:alert(2)&quot;&gt;"));
    assert!(html.contains("javascript:alert(3) &lt;svg onload=alert(4)&gt;"));
    assert!(html.contains("&lt;/textarea&gt;&lt;script&gt;alert(&#39;w&#39;)&lt;/script&gt;"));
    assert!(html.contains("<title>&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;</title>"));
    assert!(html.contains("<mark>14 days</mark>"));
    // No tag but the page's own, no event handler, no script URL, no resource to load.
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script"));
    for (name, attrs) in tags(&html) {
        assert!(ALLOWED_TAGS.contains(&name.as_str()), "tag <{name}>");
        for (attr, value) in attrs {
            assert!(
                !attr.to_ascii_lowercase().starts_with("on"),
                "attribute {attr} on <{name}>"
            );
            assert!(![
                "src",
                "srcset",
                "action",
                "formaction",
                "xlink:href",
                "background"
            ]
            .contains(&attr.as_str()));
            if attr == "href" {
                assert!(value.starts_with('#'), "href {value}");
            }
            assert!(
                !value.to_ascii_lowercase().contains("javascript:"),
                "{attr}={value}"
            );
        }
    }
    for external in [
        "url(",
        "@import",
        "http://",
        "https://",
        "//cdn",
        "@font-face",
    ] {
        assert!(!lower.contains(external), "{external}");
    }
}

#[test]
fn the_queue_lists_complaints_by_priority_with_reasons_and_deadlines() {
    let (_, html) = render_hostile(Lang::En);
    let queue = html.split("id=\"queue\"").nth(1).unwrap();
    assert!(queue.contains("Still no refund after 6 weeks!"));
    assert!(queue.contains("next deadline"));
    assert!(queue.contains("Why"));
    assert!(queue.contains("class=\"badge "));
    let without = fixture_report().to_html(&HtmlOptions::default());
    assert!(without.contains("No queue was given for this report."));
}

#[test]
fn dutch_labels() {
    let (_, html) = render_hostile(Lang::Nl);
    assert!(html.contains("<html lang=\"nl\">"));
    for label in [
        "Kanalen",
        "Per uur van de week",
        "Te publiceren verwachte reactietijd",
        "Consistentie",
        "Wachtrij: open klachten",
        "Tegenstrijdige antwoorden",
        "ma",
        "zo",
        "Waarom",
    ] {
        assert!(html.contains(label), "{label}");
    }
    assert!(!html.contains("Share answered"));
    let en = fixture_report().to_html(&HtmlOptions::default());
    assert!(en.contains("<html lang=\"en\">") && en.contains("Share answered"));
    // Durations read the Dutch way: 1u30m, not 1h30m.
    let nl = fixture_report().to_html(&HtmlOptions {
        lang: Lang::Nl,
        ..HtmlOptions::default()
    });
    assert!(nl.contains(">1u30m<") || nl.contains("1u00m"));
    assert!("de".parse::<Lang>().unwrap_err().code() == "invalid_option");
}

#[test]
fn figures_are_marked_with_their_json_values() {
    let report = fixture_report();
    let html = report.to_html(&HtmlOptions::default());
    for (figure, value) in [
        ("x.inbound", "5"),
        ("x.answered_share", "0.75"),
        ("x.first_response.median_s", "2400"),
        ("email.first_response_business.median_s", "1800"),
        ("x.first_reply_target_s", "3600"),
        ("email.first_response_histogram.calendar.7", "1"),
        ("total.inbound", "9"),
        ("hours.inbound.13", "2"),
        ("hours.breached.9", "1"),
    ] {
        let needle = format!("data-figure=\"{figure}\" data-value=\"{value}\"");
        assert!(html.contains(&needle), "{needle}");
    }
}

/// A large inbox of invented traffic on the built-in channels and 300 custom ones, long
/// texts and many waiting complaints: the page stays under 2 MB.
#[test]
fn size_stays_bounded_for_a_large_inbox() {
    let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 0, 0, 0).unwrap();
    let mut channels: Vec<Channel> = Channel::BUILT_IN.to_vec();
    channels.extend((0..300).map(|i| format!("custom:shop-{i}").parse().unwrap()));
    let long = "Still no refund after 6 weeks, this is terrible! ".repeat(200);
    let mut messages = Vec::new();
    for i in 0..30_000usize {
        let channel = channels[i % channels.len()].clone();
        let case = format!("c{i}");
        let at = t0 + TimeDelta::minutes(i as i64 * 7);
        messages.push(Message {
            id: format!("{case}a"),
            channel: channel.clone(),
            direction: Direction::Inbound,
            author: format!("user{}@example.com", i % 997),
            sent_at: at,
            text: if i % 10 == 0 {
                long.clone()
            } else {
                format!("Question {i}: can I cancel within {} days?", i % 30)
            },
            reply_to: None,
            case_id: Some(case.clone()),
            reach: Some((i % 50_000) as u64),
            promoted: false,
        });
        if i % 3 != 0 {
            messages.push(Message {
                id: format!("{case}r"),
                channel,
                direction: Direction::Outbound,
                author: "care".into(),
                sent_at: at + TimeDelta::minutes((i % 600) as i64),
                text: format!(
                    "You can cancel within {} days for EUR {}. {}",
                    i % 30,
                    i % 40,
                    if i % 7 == 0 { long.as_str() } else { "" }
                ),
                reply_to: Some(format!("{case}a")),
                case_id: Some(case),
                reach: None,
                promoted: false,
            });
        }
    }
    messages.sort_by_key(|m| m.sent_at);
    let mut inbox = Inbox::new(InboxOptions::default());
    for chunk in messages.chunks(4096) {
        inbox.push_batch(chunk).unwrap();
    }
    let now = inbox.latest().unwrap();
    let queue = inbox.queue(now, usize::MAX);
    assert!(queue.len() > 5_000);
    let report = inbox.report(now);
    assert!(report.channels.len() > 300);
    let html = report.to_html(&HtmlOptions {
        lang: Lang::En,
        title: Some("x".repeat(100_000)),
        queue: Some(queue),
    });
    assert!(html.len() < 2_000_000, "{} bytes", html.len());
    assert!(html.contains("more channels not shown"));
    assert!(html.contains("more not shown"));
}
