//! The main example: reads an inbox of messages (JSON lines), merges the customers' handles
//! into contacts using the links the desk recorded, and prints who reached the company on
//! several channels within a week.
//!
//! ```text
//! cargo run --example inbox [-- INBOX.jsonl [LINKS.jsonl]]
//! ```
//!
//! Without arguments it reads the sample inbox shipped in `examples/data/`.

use std::error::Error;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use webcare::{format_instant, ContactBook, Message, RepeatOptions};

#[derive(Deserialize)]
struct LinkLine {
    a: String,
    b: String,
    evidence: String,
}

fn main() -> Result<(), Box<dyn Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let mut args = std::env::args().skip(1).map(PathBuf::from);
    let inbox = args.next().unwrap_or_else(|| data.join("inbox.jsonl"));
    let links = args.next().unwrap_or_else(|| data.join("links.jsonl"));

    let mut messages = Vec::new();
    for (n, line) in std::fs::read_to_string(&inbox)?.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let message = Message::from_json(line)
            .map_err(|e| format!("{}:{}: {e} ({})", inbox.display(), n + 1, e.code()))?;
        messages.push(message);
    }
    // Company replies are authored by the company's own handles; the contact book is about
    // customers, so it takes the inbound messages.
    let inbound: Vec<Message> = messages
        .iter()
        .filter(|m| m.is_inbound())
        .cloned()
        .collect();

    let mut book = ContactBook::new();
    book.add_messages(inbound)?;
    let handles_before = book.len();
    if links.exists() {
        for line in std::fs::read_to_string(&links)?
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let link: LinkLine = serde_json::from_str(line)?;
            book.link(link.a.parse()?, link.b.parse()?, link.evidence)?;
        }
    }

    println!(
        "{} messages ({} from customers) from {}",
        messages.len(),
        book.message_count(),
        inbox.file_name().unwrap_or_default().to_string_lossy()
    );
    println!(
        "{} customer handles merged into {} contacts\n",
        handles_before,
        book.len()
    );

    for contact in book.contacts().filter(|c| c.handles().count() > 1) {
        let handles: Vec<String> = contact.handles().map(ToString::to_string).collect();
        println!("contact {}: {}", contact.id().get(), handles.join(", "));
    }

    let repeats = book.repeat_contacts(&RepeatOptions::default());
    println!(
        "\nRepeat contact (several channels within {} days): {}",
        RepeatOptions::default().window().num_days(),
        repeats.len()
    );
    for repeat in &repeats {
        let channels: Vec<String> = repeat.channels.iter().map(ToString::to_string).collect();
        println!(
            "  {}  {} -> {}  via {}  (messages {})",
            repeat.handles[0],
            format_instant(repeat.first_at),
            format_instant(repeat.last_at),
            channels.join(" -> "),
            repeat.messages.join(", ")
        );
    }
    Ok(())
}
