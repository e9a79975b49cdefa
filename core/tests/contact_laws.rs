#![allow(
    clippy::unwrap_used,
    reason = "test fixtures are valid by construction; a failure should be loud"
)]

//! Laws of the contact book, as properties over random books: the order in which links and
//! messages arrive does not change who is who or what repeat contact is found, and merging
//! never loses a handle or a message.

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use webcare::{Channel, ContactBook, Direction, Handle, Message, RepeatOptions};

const PEOPLE: usize = 6;

/// Author spellings per channel for person `p`; several spellings normalize to one handle.
fn author(channel: &Channel, p: usize, spelling: usize) -> String {
    match channel {
        Channel::Email => [
            format!("person{p}@example.nl"),
            format!(" Person{p}@EXAMPLE.nl"),
        ][spelling % 2]
            .clone(),
        Channel::Phone => {
            [format!("+31 6 1000 000{p}"), format!("0031-6-1000000{p}")][spelling % 2].clone()
        }
        _ => [format!("@person{p}"), format!("PERSON{p}")][spelling % 2].clone(),
    }
}

fn handle_of(channel: &Channel, p: usize) -> Handle {
    Handle::for_channel(channel, &author(channel, p, 0)).unwrap()
}

const CHANNELS: [Channel; 3] = [Channel::Email, Channel::Phone, Channel::X];

#[derive(Debug, Clone)]
struct Input {
    messages: Vec<Message>,
    links: Vec<(Handle, Handle)>,
}

fn input() -> impl Strategy<Value = Input> {
    let message = (
        0..PEOPLE,
        0..3usize,
        0..2usize,
        0i64..(14 * 24 * 60),
        any::<bool>(),
    );
    let link = (0..PEOPLE, 0..3usize, 0..PEOPLE, 0..3usize);
    (
        prop::collection::vec(message, 0..40),
        prop::collection::vec(link, 0..12),
    )
        .prop_map(|(ms, ls)| {
            let start: DateTime<Utc> = "2026-03-02T00:00:00Z".parse().unwrap();
            let messages = ms
                .into_iter()
                .enumerate()
                .map(|(i, (p, c, s, minute, inbound))| Message {
                    id: format!("m{i}"),
                    channel: CHANNELS[c].clone(),
                    direction: if inbound {
                        Direction::Inbound
                    } else {
                        Direction::Outbound
                    },
                    author: author(&CHANNELS[c], p, s),
                    sent_at: start + TimeDelta::minutes(minute),
                    text: String::new(),
                    reply_to: None,
                    case_id: None,
                    reach: None,
                    promoted: false,
                })
                .collect();
            let links = ls
                .into_iter()
                .map(|(p, c, q, d)| (handle_of(&CHANNELS[c], p), handle_of(&CHANNELS[d], q)))
                .collect();
            Input { messages, links }
        })
}

fn build(messages: &[Message], links: &[(Handle, Handle)]) -> ContactBook {
    let mut book = ContactBook::new();
    for m in messages {
        book.add_message(m.clone()).unwrap();
    }
    for (a, b) in links {
        book.link(a.clone(), b.clone(), "").unwrap();
    }
    book
}

/// The partition of handles into contacts, and each contact's message ids, in a canonical form.
fn partition(book: &ContactBook) -> Vec<(Vec<String>, Vec<String>)> {
    let mut out: Vec<_> = book
        .contacts()
        .map(|c| {
            let mut handles: Vec<String> = c.handles().map(ToString::to_string).collect();
            handles.sort();
            let mut ids: Vec<String> = c.messages().iter().map(|m| m.id.clone()).collect();
            ids.sort();
            (handles, ids)
        })
        .collect();
    out.sort();
    out
}

fn repeats(book: &ContactBook) -> Vec<(Vec<String>, Vec<String>)> {
    let options = RepeatOptions::new(TimeDelta::days(3)).unwrap();
    let mut out: Vec<_> = book
        .repeat_contacts(&options)
        .into_iter()
        .map(|r| {
            let mut handles: Vec<String> = r.handles.iter().map(ToString::to_string).collect();
            handles.sort();
            (handles, r.messages)
        })
        .collect();
    out.sort();
    out
}

proptest! {
    #[test]
    fn delivery_order_does_not_matter(input in input(), seed in any::<u64>()) {
        let forward = build(&input.messages, &input.links);
        let mut messages = input.messages.clone();
        let mut links = input.links.clone();
        // A deterministic shuffle from the seed.
        let n = messages.len().max(1) as u64;
        messages.rotate_left((seed % n) as usize);
        messages.reverse();
        links.reverse();
        let shuffled = build(&messages, &links);
        prop_assert_eq!(partition(&forward), partition(&shuffled));
        prop_assert_eq!(repeats(&forward), repeats(&shuffled));
    }

    #[test]
    fn merging_never_loses_data(input in input()) {
        let book = build(&input.messages, &input.links);
        let handles: usize = book.contacts().map(|c| c.handles().count()).sum();
        let mut distinct: Vec<Handle> = input.messages.iter()
            .map(|m| Handle::for_channel(&m.channel, &m.author).unwrap())
            .chain(input.links.iter().flat_map(|(a, b)| [a.clone(), b.clone()]))
            .collect();
        distinct.sort();
        distinct.dedup();
        prop_assert_eq!(handles, distinct.len());
        let messages: usize = book.contacts().map(|c| c.messages().len()).sum();
        prop_assert_eq!(messages, input.messages.len());
        for m in &input.messages {
            let handle = Handle::for_channel(&m.channel, &m.author).unwrap();
            let contact = book.contact(book.contact_of(&handle).unwrap()).unwrap();
            prop_assert!(contact.messages().iter().any(|x| x.id == m.id));
        }
    }

    #[test]
    fn json_round_trip_is_identical(input in input()) {
        let book = build(&input.messages, &input.links);
        let again = ContactBook::from_json(&book.to_json()).unwrap();
        prop_assert_eq!(partition(&book), partition(&again));
        prop_assert_eq!(again.to_json(), book.to_json());
    }

    #[test]
    fn linked_handles_share_a_contact(input in input()) {
        let book = build(&input.messages, &input.links);
        for (a, b) in &input.links {
            prop_assert_eq!(book.contact_of(a), book.contact_of(b));
        }
    }
}
