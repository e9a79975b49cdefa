//! Ops of the `channel`, `handle`, `message` and `contact` modules.

use chrono::TimeDelta;
use serde_json::{json, Value};
use webcare::{Channel, ContactBook, Error, Handle, HandleKind, Message, RepeatOptions};

use super::Args;

/// Runs a contact-module op.
pub fn dispatch(op: &str, input: &Value) -> Option<Result<Value, Error>> {
    let args = Args(input);
    Some(match op {
        "channel.parse" => channel_parse(args),
        "handle.normalize" => handle_normalize(args),
        "handle.parse" => args.str("text").parse::<Handle>().map(handle_json),
        "handle.for_channel" => handle_for_channel(args),
        "message.parse" => Message::from_value(args.get("message").cloned().unwrap_or(Value::Null))
            .and_then(|m| Ok(serde_json::to_value(&m)?))
            .map(|m| json!({ "message": m })),
        "contact.merge" => build_book(args).map(|book| contact_merge(&book)),
        "contact.lookup" => contact_lookup(args),
        "contact.repeat" => contact_repeat(args),
        "contact.get" => build_book(args).and_then(|book| {
            let id =
                webcare::ContactId::from_u64(u64::try_from(args.i64("id")).unwrap_or(u64::MAX));
            Ok(contact_json(book.contact(id)?))
        }),
        _ => return None,
    })
}

fn channel_parse(args: Args<'_>) -> Result<Value, Error> {
    let channel: Channel = args.str("name").parse()?;
    Ok(json!({ "channel": channel.name(), "public": channel.is_public() }))
}

fn handle_json(handle: Handle) -> Value {
    json!({ "handle": handle.to_string(), "kind": handle.kind().name(), "value": handle.value() })
}

fn handle_normalize(args: Args<'_>) -> Result<Value, Error> {
    let kind: HandleKind = args.str("kind").parse()?;
    Handle::new(kind, args.str("value")).map(handle_json)
}

fn handle_for_channel(args: Args<'_>) -> Result<Value, Error> {
    let channel: Channel = args.str("channel").parse()?;
    Handle::for_channel(&channel, args.str("author")).map(handle_json)
}

/// Builds a book from `handles`, `links` (pairs of handle text) and `messages`.
fn build_book(args: Args<'_>) -> Result<ContactBook, Error> {
    let mut book = ContactBook::new();
    for handle in args.array("handles") {
        book.add_handle(handle.as_str().unwrap_or_default().parse()?);
    }
    for link in args.array("links") {
        let pair = link.as_array().map(Vec::as_slice).unwrap_or(&[]);
        let text = |i: usize| pair.get(i).and_then(Value::as_str).unwrap_or_default();
        book.link(text(0).parse()?, text(1).parse()?, text(2))?;
    }
    let messages = args
        .array("messages")
        .iter()
        .map(|m| Message::from_value(m.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    book.add_messages(messages)?;
    Ok(book)
}

fn contact_json(contact: webcare::Contact<'_>) -> Value {
    let mut handles: Vec<String> = contact.handles().map(Handle::to_string).collect();
    handles.sort();
    let mut messages: Vec<&str> = contact.messages().iter().map(|m| m.id.as_str()).collect();
    messages.sort();
    json!({ "handles": handles, "messages": messages })
}

fn contact_merge(book: &ContactBook) -> Value {
    let mut contacts: Vec<Value> = book.contacts().map(contact_json).collect();
    contacts.sort_by_key(|c| c["handles"][0].as_str().unwrap_or_default().to_owned());
    json!({ "contacts": contacts })
}

fn contact_lookup(args: Args<'_>) -> Result<Value, Error> {
    let book = build_book(args)?;
    let handle: Handle = args.str("handle").parse()?;
    Ok(match book.contact_of(&handle) {
        Some(id) => {
            let mut found = contact_json(book.contact(id)?);
            found["found"] = json!(true);
            found
        }
        None => json!({ "found": false }),
    })
}

fn contact_repeat(args: Args<'_>) -> Result<Value, Error> {
    let book = build_book(args)?;
    let mut options = RepeatOptions::default();
    if args.get("window_ms").is_some() {
        options = RepeatOptions::new(TimeDelta::milliseconds(args.i64("window_ms")))?;
    }
    if args.get("min_channels").is_some() {
        let n = usize::try_from(args.i64("min_channels")).unwrap_or(0);
        options = options.with_min_channels(n)?;
    }
    let repeats: Vec<Value> = book
        .repeat_contacts(&options)
        .into_iter()
        .map(|r| {
            let mut handles: Vec<String> = r.handles.iter().map(Handle::to_string).collect();
            handles.sort();
            json!({
                "handles": handles,
                "channels": r.channels.iter().map(|c| c.name()).collect::<Vec<_>>(),
                "messages": r.messages,
                "first_at": webcare::format_instant(r.first_at),
                "last_at": webcare::format_instant(r.last_at),
            })
        })
        .collect();
    Ok(json!({ "repeats": repeats }))
}
