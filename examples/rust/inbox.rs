//! The main example: streams an inbox of messages through webcare's pipeline and prints the
//! work queue (what to answer first, why, by when, and how) and the report per channel.
//!
//! ```text
//! cargo run --release --example inbox [-- FILE] [--links FILE] [--mapping twcs|MAPPING.json] [--now RFC3339] [--json] [--html FILE]
//! ```
//!
//! - `FILE`: JSON lines (one message per line), or CSV when the name ends in `.csv`, read
//!   with the column mapping `--mapping` (`twcs` for the Kaggle "Customer Support on
//!   Twitter" export, or a mapping JSON file; default: columns named as the message fields).
//!   Without it: the sample inbox in `examples/data/`.
//! - `--links`: JSON lines `{"a": "x:@ann", "b": "email:ann@example.nl", "evidence": "..."}`
//!   linking handles of one person (default: `links.jsonl` beside the sample inbox).
//! - `--html FILE`: also write the report as one self-contained HTML page, with the
//!   complaints of the queue (the top 100 waiting conversations).
//! - `--now`: the instant to read the queue and report at (default: the latest message).
//! - `--json`: print the top of the queue (conversation, message and priority of each item)
//!   and the report as one JSON object instead of the tables; the Python and Node examples
//!   print the same object, and `scripts/check-front-doors.py` compares the three.
//!
//! Messages stream in batches of 4,096 (classified in parallel, then applied in order); the
//! inbox keeps only open conversations, so memory stays flat however long the file is.
//! A progress bar goes to stderr for inputs over 100,000 messages.

/// mimalloc serves the many short-lived strings of message batches faster than the system
/// allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::cell::Cell;
use std::error::Error;
use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::Instant;

use serde::Deserialize;
use webcare::report::HtmlOptions;
use webcare::{
    format_instant, parse_instant, ColumnMapping, Inbox, InboxOptions, Message, MessageReader,
};

#[derive(Deserialize)]
struct LinkLine {
    a: String,
    b: String,
    #[serde(default)]
    evidence: String,
}

/// Counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

struct Args {
    file: PathBuf,
    links: Option<PathBuf>,
    mapping: Option<String>,
    now: Option<String>,
    json: bool,
    html: Option<PathBuf>,
}

fn args() -> Result<Args, Box<dyn Error>> {
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/data");
    let mut out = Args {
        file: data.join("inbox.jsonl"),
        links: None,
        mapping: None,
        now: None,
        json: false,
        html: None,
    };
    let mut file_given = false;
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--links" => out.links = Some(value("--links")?.into()),
            "--mapping" => out.mapping = Some(value("--mapping")?),
            "--now" => out.now = Some(value("--now")?),
            "--json" => out.json = true,
            "--html" => out.html = Some(value("--html")?.into()),
            "-h" | "--help" => {
                println!("usage: inbox [FILE] [--links FILE] [--mapping twcs|MAPPING.json] [--now RFC3339] [--json] [--html FILE]");
                std::process::exit(0);
            }
            other if other.starts_with("--") => {
                return Err(format!("unknown option {other}").into())
            }
            other => {
                out.file = other.into();
                file_given = true;
            }
        }
    }
    if out.links.is_none() && !file_given {
        out.links = Some(data.join("links.jsonl"));
    }
    Ok(out)
}

fn human(seconds: i64) -> String {
    let s = seconds.abs();
    let text = if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{}m", s / 60)
    } else if s < 86_400 {
        format!("{}h{:02}m", s / 3600, s % 3600 / 60)
    } else {
        format!("{}d{:02}h", s / 86_400, s % 86_400 / 3600)
    };
    if seconds < 0 {
        format!("-{text}")
    } else {
        text
    }
}

fn shorten(text: &str, max: usize) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= max {
        flat
    } else {
        let cut: String = flat.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}

fn main() -> Result<(), Box<dyn Error>> {
    let args = args()?;
    let mut inbox = Inbox::new(InboxOptions::default());
    if let Some(links) = args.links.as_ref().filter(|p| p.exists()) {
        for line in std::fs::read_to_string(links)?
            .lines()
            .filter(|l| !l.trim().is_empty())
        {
            let link: LinkLine = serde_json::from_str(line)?;
            inbox.link(link.a.parse()?, link.b.parse()?, link.evidence);
        }
    }

    let file = File::open(&args.file).map_err(|e| format!("{}: {e}", args.file.display()))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0).max(1);
    let read = Rc::new(Cell::new(0u64));
    let counting = BufReader::with_capacity(
        1 << 16,
        Counting {
            inner: file,
            read: Rc::clone(&read),
        },
    );
    let is_csv = args
        .file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let reader: Box<dyn Iterator<Item = webcare::Result<Message>>> = if is_csv {
        let mapping = match args.mapping.as_deref() {
            Some("twcs") => ColumnMapping::twcs(),
            Some(path) => ColumnMapping::from_json(&std::fs::read_to_string(path)?)?,
            None => ColumnMapping::default(),
        };
        Box::new(MessageReader::csv(counting, mapping)?)
    } else {
        Box::new(MessageReader::json_lines(counting))
    };

    let started = Instant::now();
    let name = args.file.display().to_string();
    let mut batch: Vec<Message> = Vec::with_capacity(4096);
    let mut count: u64 = 0;
    let mut shown = false;
    let flush = |inbox: &mut Inbox, batch: &mut Vec<Message>| -> Result<(), Box<dyn Error>> {
        inbox.push_batch(batch)?;
        batch.clear();
        Ok(())
    };
    let mut skipped = 0u64;
    for message in reader {
        let message = match message {
            Ok(m) => m,
            // A malformed row of an export (an unquoted line break in a tweet): skip it,
            // say so, and read on.
            Err(e) if e.code() == "invalid_record" && is_csv => {
                skipped += 1;
                if skipped <= 3 {
                    eprintln!("{name}: skipped: {e}");
                }
                continue;
            }
            Err(e) => return Err(format!("{name}: {e} ({})", e.code()).into()),
        };
        batch.push(message);
        count += 1;
        if batch.len() == 4096 {
            flush(&mut inbox, &mut batch)?;
            if count > 100_000 && count % (4096 * 16) == 0 {
                let done = read.get() as f64 / size as f64;
                let width = 30;
                let filled = ((done * width as f64) as usize).min(width);
                eprint!(
                    "\r[{}{}] {:>3.0}%  {count} messages  {:.0}/s",
                    "#".repeat(filled),
                    " ".repeat(width - filled),
                    done * 100.0,
                    count as f64 / started.elapsed().as_secs_f64()
                );
                shown = true;
            }
        }
    }
    flush(&mut inbox, &mut batch)?;
    let elapsed = started.elapsed().as_secs_f64();
    if shown {
        eprintln!();
    }
    if skipped > 0 {
        eprintln!("{name}: {skipped} malformed records skipped");
    }

    let now = match &args.now {
        Some(text) => parse_instant(text)?,
        None => inbox.latest().ok_or("no messages")?,
    };
    eprintln!(
        "{count} messages in {elapsed:.2}s ({:.0} messages/s); {} conversations open",
        count as f64 / elapsed.max(1e-9),
        inbox.open_conversations()
    );
    let queue = inbox.queue(now, 20);
    if let Some(path) = &args.html {
        let options = HtmlOptions {
            queue: Some(inbox.queue(now, 100)),
            ..HtmlOptions::default()
        };
        std::fs::write(path, inbox.report(now).to_html(&options))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    if args.json {
        let queue: Vec<_> = queue
            .iter()
            .map(|q| {
                serde_json::json!({"conversation": q.conversation, "message_id": q.message_id,
                    "priority": q.priority})
            })
            .collect();
        let report: serde_json::Value = serde_json::from_str(&inbox.report(now).to_json())?;
        println!("{}", serde_json::json!({"queue": queue, "report": report}));
        return Ok(());
    }
    println!(
        "{count} messages from {}; queue and report at {}\n",
        args.file.file_name().unwrap_or_default().to_string_lossy(),
        format_instant(now)
    );

    println!("Queue: the {} conversations to answer first", queue.len());
    for (i, item) in queue.iter().enumerate() {
        let due = match item.due {
            Some(due) => format!(
                "due {} (in {})",
                format_instant(due),
                human((due - now).num_seconds())
            ),
            None => "no deadline".into(),
        };
        let handle = item
            .handles
            .first()
            .map(ToString::to_string)
            .unwrap_or_default();
        println!(
            "{:>2}. {:<6} {:<8} {:<28} waiting {:<7} {}",
            i + 1,
            item.priority.to_string().to_uppercase(),
            item.channel.name(),
            shorten(&handle, 28),
            human(item.waiting_s),
            due
        );
        println!("    [{}] \"{}\"", item.label, shorten(&item.text, 100));
        if let Some(triage) = &item.triage {
            let reasons: Vec<&str> = triage.reasons.iter().map(|r| r.detail.as_str()).collect();
            if !reasons.is_empty() {
                println!("    why: score {:.1}: {}", triage.score, reasons.join("; "));
            }
            for advice in triage.advice.iter().take(2) {
                println!("    do:  {}", advice.text);
            }
        }
    }
    println!();
    print!("{}", inbox.report(now).to_text());
    std::io::stdout().flush()?;
    Ok(())
}
