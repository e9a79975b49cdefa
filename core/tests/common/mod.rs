//! The policy and the hand-worked fixture that the report and HTML tests share.
#![allow(
    clippy::unwrap_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use webcare::Message;

/// Every channel: first reply within 1h on a 24/7 calendar, except e-mail: 8 business
/// hours, Monday to Friday 09:00-17:00 UTC. The same target for every priority, so that
/// triage raising a priority changes no figure.
pub const POLICY: &str = r#"{
  "calendars": {
    "always": {"timezone": "UTC", "always_open": true},
    "office": {"timezone": "UTC", "hours": {"mon": ["09:00-17:00"], "tue": ["09:00-17:00"],
               "wed": ["09:00-17:00"], "thu": ["09:00-17:00"], "fri": ["09:00-17:00"]}}},
  "rules": [
    {"name": "email", "when": {"channel": ["email"]},
     "targets": {"first_reply": {
        "low": {"within": "8h", "calendar": "office"}, "normal": {"within": "8h", "calendar": "office"},
        "high": {"within": "8h", "calendar": "office"}, "urgent": {"within": "8h", "calendar": "office"}}}},
    {"name": "all", "when": {},
     "targets": {"first_reply": {
        "low": {"within": "1h", "calendar": "always"}, "normal": {"within": "1h", "calendar": "always"},
        "high": {"within": "1h", "calendar": "always"}, "urgent": {"within": "1h", "calendar": "always"}}}}]}"#;

/// Monday 2 March 2026 and Tuesday 3 March, UTC.
pub const FIXTURE: &str = r#"
{"id": "c1a", "case_id": "c1", "channel": "x", "direction": "inbound", "author": "@ann", "sent_at": "2026-03-02T10:00:00Z", "text": "Still no refund after 6 weeks! This is ridiculous #fail"}
{"id": "c1r", "case_id": "c1", "channel": "x", "direction": "outbound", "author": "@airline", "sent_at": "2026-03-02T10:20:00Z", "text": "Sorry Ann, we will look into it today.", "reply_to": "c1a"}
{"id": "c2a", "case_id": "c2", "channel": "x", "direction": "inbound", "author": "@bob", "sent_at": "2026-03-02T11:00:00Z", "text": "How many bags can I take?"}
{"id": "c2r", "case_id": "c2", "channel": "x", "direction": "outbound", "author": "@airline", "sent_at": "2026-03-02T12:30:00Z", "text": "You can take 2 bags.", "reply_to": "c2a"}
{"id": "c3a", "case_id": "c3", "channel": "x", "direction": "inbound", "author": "@cas", "sent_at": "2026-03-02T12:00:00Z", "text": "Thanks for the great flight, lovely crew!"}
{"id": "c4a", "case_id": "c4", "channel": "x", "direction": "inbound", "author": "@dirk", "sent_at": "2026-03-02T13:00:00Z", "text": "My suitcase is lost and nobody answers. Terrible service!"}
{"id": "c4b", "case_id": "c4", "channel": "x", "direction": "inbound", "author": "@dirk", "sent_at": "2026-03-02T13:30:00Z", "text": "Hello?? Still waiting!"}
{"id": "c4r", "case_id": "c4", "channel": "x", "direction": "outbound", "author": "@airline", "sent_at": "2026-03-02T13:40:00Z", "text": "Sorry Dirk, please send us your file reference by DM.", "reply_to": "c4b"}
{"id": "c5a", "case_id": "c5", "channel": "email", "direction": "inbound", "author": "eva@example.com", "sent_at": "2026-03-02T16:00:00Z", "text": "Please send me an invoice for my last booking."}
{"id": "c5r", "case_id": "c5", "channel": "email", "direction": "outbound", "author": "service@airline.example", "sent_at": "2026-03-03T10:00:00Z", "text": "Dear Eva, the invoice is attached.", "reply_to": "c5a"}
{"id": "c6a", "case_id": "c6", "channel": "email", "direction": "inbound", "author": "fay@example.com", "sent_at": "2026-03-02T08:00:00Z", "text": "How do I change my seat?"}
{"id": "c6r", "case_id": "c6", "channel": "email", "direction": "outbound", "author": "service@airline.example", "sent_at": "2026-03-02T09:30:00Z", "text": "You can change it under My Bookings.", "reply_to": "c6a"}
{"id": "c7a", "case_id": "c7", "channel": "email", "direction": "inbound", "author": "gus@example.com", "sent_at": "2026-03-02T09:00:00Z", "text": "My complaint is still unanswered after weeks. Disgraceful service, I want my money back!"}
{"id": "c8a", "case_id": "c8", "channel": "chat", "direction": "inbound", "author": "visitor-81", "sent_at": "2026-03-02T14:00:00Z", "text": "How many bags can I take?"}
{"id": "c8r", "case_id": "c8", "channel": "chat", "direction": "outbound", "author": "agent-3", "sent_at": "2026-03-02T14:05:00Z", "text": "You can take 3 bags.", "reply_to": "c8a"}
"#;

pub fn messages(text: &str) -> Vec<Message> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| Message::from_json(l).unwrap())
        .collect()
}
