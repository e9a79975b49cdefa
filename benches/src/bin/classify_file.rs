//! Texts per second of core's `Classifier::classify_batch` on a file of texts, the Rust
//! reference of `bindings-python/benches/arrow_speed.py` (issue 9, item 5). Run in
//! `benches/`:
//!
//!     cargo run --release --bin classify_file -- PATH [--rounds R]
//!
//! `PATH` holds one JSON string per line (the texts). The batch runs on rayon's global
//! pool, so `RAYON_NUM_THREADS` sets the thread count as it does for the Python binding.
//! Prints one line `texts=<n> rounds=<r> median_seconds=<s> texts_per_second=<rate>`
//! (median round) for the script to read.

use std::time::Instant;

use webcare::{Classifier, Context};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let mut path = None;
    let mut rounds = 3_usize;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rounds" => rounds = args.next().ok_or("--rounds needs a value")?.parse()?,
            _ => path = Some(arg),
        }
    }
    let path = path.ok_or("usage: classify_file PATH [--rounds R]")?;
    let texts: Vec<String> = std::fs::read_to_string(&path)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(serde_json::from_str)
        .collect::<Result<_, _>>()?;
    let classifier = Classifier::default();
    let context = Context::default();
    // One warm-up round: the thread pool and the per-thread buffers.
    std::hint::black_box(classifier.classify_batch(&texts, &context));
    let mut times = Vec::with_capacity(rounds);
    for _ in 0..rounds.max(1) {
        let t0 = Instant::now();
        let out = classifier.classify_batch(&texts, &context);
        std::hint::black_box(&out);
        drop(out);
        times.push(t0.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "texts={} rounds={} median_seconds={median:.6} texts_per_second={:.1}",
        texts.len(),
        times.len(),
        texts.len() as f64 / median
    );
    Ok(())
}
