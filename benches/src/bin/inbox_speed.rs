//! Messages per second of the inbox pipeline (issue 7, item 5) on a generated inbox file,
//! end to end and by stage. Run in `benches/`:
//!
//!     cargo run --release --bin inbox_speed -- FILE [--links FILE] [--rounds R]
//!
//! FILE is JSON lines as written by `examples/data/generate.py`; without it, or when it
//! does not exist, the program says so and exits successfully. Stages, each over the whole
//! file and timed on its own: `read` (JSON lines into messages), `classify` (the customer
//! texts, one thread), `pipeline` (read, then `Inbox::push_batch` in batches of 4,096, then
//! the queue and the report at the latest instant). Run with `RAYON_NUM_THREADS=1` for one
//! core. Prints the median of R rounds (default 3).

use std::fs::File;
use std::io::BufReader;
use std::path::PathBuf;
use std::time::Instant;

use webcare::{Classifier, Context, Inbox, InboxOptions, Message, MessageReader};

fn read(path: &PathBuf) -> Vec<Message> {
    let Ok(file) = File::open(path) else {
        return Vec::new();
    };
    MessageReader::json_lines(BufReader::with_capacity(1 << 16, file))
        .filter_map(Result::ok)
        .collect()
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs[xs.len() / 2]
}

fn main() {
    let mut file: Option<PathBuf> = None;
    let mut links: Option<PathBuf> = None;
    let mut rounds = 3usize;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--links" => links = args.next().map(PathBuf::from),
            "--rounds" => rounds = args.next().and_then(|r| r.parse().ok()).unwrap_or(3),
            other => file = Some(other.into()),
        }
    }
    let Some(file) = file.filter(|f| f.exists()) else {
        println!("inbox_speed: no input file given or found; generate one with");
        println!("  python3 examples/data/generate.py --weeks 100 --out /tmp/inbox-200k.jsonl --links /tmp/links-200k.jsonl");
        return;
    };
    let link_lines: Vec<(String, String)> = links
        .and_then(|p| std::fs::read_to_string(p).ok())
        .map(|text| {
            text.lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| Some((v["a"].as_str()?.to_owned(), v["b"].as_str()?.to_owned())))
                .collect()
        })
        .unwrap_or_default();

    let (mut read_s, mut classify_s, mut pipeline_s) = (Vec::new(), Vec::new(), Vec::new());
    let mut count = 0usize;
    let mut open = 0usize;
    for _ in 0..rounds.max(1) {
        let t = Instant::now();
        let messages = read(&file);
        read_s.push(t.elapsed().as_secs_f64());
        count = messages.len();

        let classifier = Classifier::default();
        let t = Instant::now();
        let mut labels = 0usize;
        for m in messages.iter().filter(|m| m.is_inbound()) {
            let context = Context {
                channel: Some(m.channel.clone()),
                reach: m.reach,
                promoted: m.promoted,
            };
            labels += classifier.classify(&m.text, &context).signals.len();
        }
        classify_s.push(t.elapsed().as_secs_f64());
        std::hint::black_box(labels);
        drop(messages);

        let t = Instant::now();
        let mut inbox = Inbox::new(InboxOptions::default());
        for (a, b) in &link_lines {
            if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                inbox.link(a, b, "");
            }
        }
        let Ok(f) = File::open(&file) else { return };
        let mut batch = Vec::with_capacity(4096);
        for m in MessageReader::json_lines(BufReader::with_capacity(1 << 16, f)).flatten() {
            batch.push(m);
            if batch.len() == 4096 {
                if let Err(e) = inbox.push_batch(&batch) {
                    println!("inbox_speed: {e}");
                    return;
                }
                batch.clear();
            }
        }
        if let Err(e) = inbox.push_batch(&batch) {
            println!("inbox_speed: {e}");
            return;
        }
        if let Some(now) = inbox.latest() {
            std::hint::black_box(inbox.queue(now, 20));
            std::hint::black_box(inbox.report(now));
        }
        pipeline_s.push(t.elapsed().as_secs_f64());
        open = inbox.open_conversations();
    }
    let n = count as f64;
    println!("{count} messages, {open} conversations open at the end, median of {rounds} rounds");
    for (stage, secs) in [("read", read_s), ("classify", classify_s), ("pipeline", pipeline_s)] {
        let s = median(secs);
        println!("{stage:<9} {s:>8.2} s  {:>9.0} messages/s", n / s);
    }
}
