//! Time to render the HTML report (issue 8, item 4), beyond computing the report. Run in
//! `benches/` on the generated 2-million-message inbox:
//!
//!     python3 ../examples/data/generate.py --weeks 1000 --out /tmp/inbox-2m.jsonl
//!     cargo run --release --bin html_speed -- /tmp/inbox-2m.jsonl [--rounds 5]
//!
//! Streams the file through an `Inbox` (preset policy, batches of 4,096), reads the report
//! and the queue (every waiting conversation) at the latest message, then renders the page
//! `rounds` times with and without the queue and prints the median render time, the size of
//! the page and, for scale, the time the pipeline took. Without a file it uses the sample
//! inbox of `examples/data`.

use std::fs::File;
use std::io::BufReader;
use std::time::{Duration, Instant};

use webcare::report::{HtmlOptions, Lang};
use webcare::{Inbox, InboxOptions, Message, MessageReader};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut path = concat!(env!("CARGO_MANIFEST_DIR"), "/../examples/data/inbox.jsonl").to_owned();
    let mut rounds = 5usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().ok_or("--rounds needs a value")?.parse()?,
            other => path = other.to_owned(),
        }
    }
    let t0 = Instant::now();
    let mut inbox = Inbox::new(InboxOptions::default());
    let reader = MessageReader::json_lines(BufReader::with_capacity(1 << 16, File::open(&path)?));
    let mut batch: Vec<Message> = Vec::with_capacity(4096);
    let mut count = 0u64;
    for m in reader {
        batch.push(m?);
        count += 1;
        if batch.len() == 4096 {
            inbox.push_batch(&batch)?;
            batch.clear();
        }
    }
    inbox.push_batch(&batch)?;
    let pipeline = t0.elapsed();
    let now = inbox.latest().ok_or("no messages")?;
    let t1 = Instant::now();
    let report = inbox.report(now);
    let queue = inbox.queue(now, usize::MAX);
    let reading = t1.elapsed();
    println!(
        "{count} messages from {path}: pipeline {:.2} s, report and queue ({} waiting) {:.3} s",
        pipeline.as_secs_f64(),
        queue.len(),
        reading.as_secs_f64()
    );
    for (name, options) in [
        ("without queue", HtmlOptions::default()),
        (
            "with queue, Dutch",
            HtmlOptions {
                lang: Lang::Nl,
                title: None,
                queue: Some(queue),
            },
        ),
    ] {
        let mut times = Vec::with_capacity(rounds);
        let mut size = 0;
        for _ in 0..rounds.max(1) {
            let t = Instant::now();
            let html = std::hint::black_box(report.to_html(&options));
            times.push(t.elapsed());
            size = html.len();
        }
        println!(
            "to_html {name}: median {:.2} ms over {} rounds, {} bytes ({:.0} KB)",
            median(times).as_secs_f64() * 1000.0,
            rounds.max(1),
            size,
            size as f64 / 1024.0
        );
    }
    Ok(())
}
