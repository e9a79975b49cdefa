//! Messages per second of webcare's classifier, side by side in one process with the Rust
//! VADER port `vader-sentimental` and with merely splitting the same texts into
//! unicode-segmentation words (issue 5, item 6). Run in `benches/`:
//!
//!     cargo run --release --bin classify_speed [-- --tweets N --emails N --rounds R]
//!
//! Inputs (`webcare_bench::texts`, seeded): tweet-length messages and 2-5 KB emails in
//! English and Dutch. Each case is timed in `rounds` interleaved rounds (every case once per
//! round, so a burst of load on the machine hits all of them alike) and the median round is
//! reported. Single-threaded cases are per core; `classify_batch` runs on rayon's global pool
//! (all cores) and is also shown divided by the number of threads. VADER in Python is not run
//! here (see bindings-python/benches/classify_speed.py); its rates measured on these machines
//! (31,000 tweets/s, 270 emails/s, one core) are printed as the reference for the goals.
//! Last, the cost of one `classify` on texts of 1 KB to 1 MB, to show it grows linearly.

use std::hint::black_box;
use std::time::{Duration, Instant};

use unicode_segmentation::UnicodeSegmentation;
use vader_sentimental::SentimentIntensityAnalyzer;
use webcare::{Classifier, Context};
use webcare_bench::texts::{email, emails, tweets, Rng};

/// Python VADER (`vaderSentiment`), one core, as measured on these machines.
const VADER_PY_TWEETS: f64 = 31_000.0;
const VADER_PY_EMAILS: f64 = 270.0;

/// Runs `f` over all texts repeatedly for at least `min` and returns texts per second.
fn rate(texts: &[String], min: Duration, mut f: impl FnMut(&[String]) -> usize) -> f64 {
    let start = Instant::now();
    let mut n = 0usize;
    loop {
        black_box(f(black_box(texts)));
        n += texts.len();
        let took = start.elapsed();
        if took >= min {
            return n as f64 / took.as_secs_f64();
        }
    }
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let m = xs.len() / 2;
    if xs.len() % 2 == 1 {
        xs[m]
    } else {
        (xs[m - 1] + xs[m]) / 2.0
    }
}

fn arg(args: &[String], name: &str, default: usize) -> usize {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

const CASES: [&str; 4] = [
    "webcare classify (1 core)",
    "webcare classify_batch (all cores)",
    "vader-sentimental (1 core)",
    "unicode_words split (1 core)",
];

/// Median rate of every case over interleaved rounds.
fn measure(texts: &[String], rounds: usize, min: Duration) -> [f64; 4] {
    let classifier = Classifier::default();
    let ctx = Context::default();
    let vader = SentimentIntensityAnalyzer::new();
    let mut runs: [Vec<f64>; 4] = Default::default();
    // Warm up (lexicons, thread pool, scratch buffers).
    let warm = &texts[..texts.len().min(200)];
    black_box(classifier.classify_batch(warm, &ctx));
    for t in warm {
        black_box(classifier.classify(t, &ctx));
        black_box(vader.polarity_scores(t));
    }
    for _ in 0..rounds {
        runs[0].push(rate(texts, min, |ts| {
            ts.iter()
                .map(|t| classifier.classify(t, &ctx).label as usize)
                .sum()
        }));
        runs[1].push(rate(texts, min, |ts| {
            classifier.classify_batch(ts, &ctx).len()
        }));
        runs[2].push(rate(texts, min, |ts| {
            ts.iter()
                .map(|t| usize::from(vader.polarity_scores(t).compound < -0.05))
                .sum()
        }));
        runs[3].push(rate(texts, min, |ts| {
            ts.iter().map(|t| t.unicode_words().count()).sum()
        }));
    }
    runs.map(median)
}

fn report(what: &str, texts: &[String], rates: [f64; 4], vader_py: f64, threads: usize) {
    let bytes: usize = texts.iter().map(String::len).sum();
    println!(
        "\n{what}: {} messages, {:.0} bytes on average",
        texts.len(),
        bytes as f64 / texts.len() as f64
    );
    println!("{:<38} {:>14}", "case", "messages/s");
    for (name, r) in CASES.iter().zip(rates) {
        println!("{name:<38} {r:>14.0}");
    }
    println!(
        "{:<38} {:>14.0}",
        format!("  classify_batch / {threads} threads"),
        rates[1] / threads as f64
    );
    println!(
        "{:<38} {:>14.0}",
        "VADER Python (reference, not run)", vader_py
    );
    let single = rates[0];
    println!("ratios (webcare classify, 1 core):");
    println!("  vs VADER Python            {:>7.1}x", single / vader_py);
    println!("  vs vader-sentimental       {:>7.1}x", single / rates[2]);
    println!(
        "  time vs unicode_words      {:>7.2}x (webcare takes this many times as long)",
        rates[3] / single
    );
    println!(
        "  classify_batch / classify  {:>7.2}x on {threads} threads",
        rates[1] / single
    );
}

fn scaling(min: Duration) {
    let classifier = Classifier::default();
    let ctx = Context::default();
    println!("\nscaling: one classify call (1 core), median of 3");
    println!(
        "{:>8} {:>14} {:>10} {:>14}",
        "size", "ms per text", "ns/byte", "vs 1 KB ns/byte"
    );
    let mut base = None;
    for (label, size) in [
        ("1 KB", 1usize << 10),
        ("10 KB", 10 << 10),
        ("100 KB", 100 << 10),
        ("1 MB", 1 << 20),
    ] {
        let text = vec![email(&mut Rng::new(size as u64), size)];
        black_box(classifier.classify(&text[0], &ctx));
        let per_sec = median(
            (0..3)
                .map(|_| {
                    rate(&text, min, |ts| {
                        classifier.classify(&ts[0], &ctx).label as usize
                    })
                })
                .collect(),
        );
        let ns_byte = 1e9 / per_sec / text[0].len() as f64;
        let b = *base.get_or_insert(ns_byte);
        println!(
            "{label:>8} {:>14.3} {ns_byte:>10.2} {:>14.2}x",
            1e3 / per_sec,
            ns_byte / b
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let n_tweets = arg(&args, "--tweets", 20_000);
    let n_emails = arg(&args, "--emails", 1_000);
    let rounds = arg(&args, "--rounds", 5).max(1);
    let threads = rayon::current_num_threads();
    let min = Duration::from_millis(300);
    println!(
        "classify speed: {rounds} interleaved rounds, median; rayon threads: {threads}; \
         vader-sentimental 0.1.3, unicode-segmentation 1.x"
    );
    let t = tweets(n_tweets, 1);
    let rates = measure(&t, rounds, min);
    report("tweets", &t, rates, VADER_PY_TWEETS, threads);
    let e = emails(n_emails, 2);
    let rates = measure(&e, rounds, min);
    report("emails (2-5 KB)", &e, rates, VADER_PY_EMAILS, threads);
    scaling(min);
}
