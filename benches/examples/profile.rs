//! One case in a loop, for instruction counts under callgrind:
//! `cargo build --release --example profile` then
//! `valgrind --tool=callgrind target/release/examples/profile add30`.
//! Cases: `add30`, `add8h`, `add30d`, `sub30`, `sub8h`, `sub30d`, `el30`, `el8h`, `el30d`, `el1y` (`sub` counts back from 2026-04-14 10:00 CEST); and the classifier:
//! `ctweets` (one pass over 1,000 generated tweets per iteration), `cemails` (10 emails of
//! 2-5 KB per iteration), `wtweets` and `wemails` (the same texts only split into
//! unicode-segmentation words, the floor of the speed goal). Wall-clock profiles work too:
//! `perf record -e cpu-clock -g target/release/examples/profile ctweets 2000`.

use std::hint::black_box;

use unicode_segmentation::UnicodeSegmentation;
use webcare::{Classifier, Context};
use webcare_bench::texts::{emails, tweets};
use webcare_bench::{add_cases, at, desks, dur, elapsed_cases};

/// Runs a classifier case; false when `case` is not one.
fn classify_case(case: &str, iters: u32) -> bool {
    let texts = match case {
        "ctweets" | "wtweets" => tweets(1_000, 1),
        "cemails" | "wemails" => emails(10, 2),
        _ => return false,
    };
    let classifier = Classifier::default();
    let ctx = Context::default();
    let split = case.starts_with('w');
    for _ in 0..iters {
        for t in &texts {
            if split {
                black_box(black_box(t.as_str()).unicode_words().count());
            } else {
                black_box(classifier.classify(black_box(t), &ctx));
            }
        }
    }
    true
}

fn main() {
    let case = std::env::args().nth(1).unwrap_or_else(|| "add30".into());
    let iters: u32 = std::env::args()
        .nth(2)
        .and_then(|s| s.parse().ok())
        .unwrap_or(10_000);
    if classify_case(&case, iters) {
        return;
    }
    let d = desks();
    let start = at("2026-03-03T10:00:00+01:00");
    let end = at("2026-04-14T10:00:00+02:00");
    let adds = add_cases();
    let els = elapsed_cases();
    let (kind, index) = match case.as_str() {
        "add30" => ("add", 0),
        "add8h" => ("add", 1),
        "add30d" => ("add", 2),
        "sub30" => ("sub", 0),
        "sub8h" => ("sub", 1),
        "sub30d" => ("sub", 2),
        "el30" => ("el", 0),
        "el8h" => ("el", 1),
        "el30d" => ("el", 2),
        "el1y" => ("el", 3),
        other => panic!("unknown case {other}"),
    };
    // Warm the caches once, outside the counted loop's share.
    for _ in 0..2 {
        if kind == "add" {
            let (cd, _) = dur(adds[index].1);
            black_box(d.webcare.add(start.chrono, cd).ok());
        } else if kind == "sub" {
            let (cd, _) = dur(adds[index].1);
            black_box(d.webcare.sub(end.chrono, cd).ok());
        } else {
            let (_, a, b) = els[index];
            black_box(d.webcare.elapsed(a.chrono, b.chrono).ok());
        }
    }
    for _ in 0..iters {
        if kind == "add" {
            let (cd, _) = dur(adds[index].1);
            black_box(d.webcare.add(black_box(start.chrono), black_box(cd)).ok());
        } else if kind == "sub" {
            let (cd, _) = dur(adds[index].1);
            black_box(d.webcare.sub(black_box(end.chrono), black_box(cd)).ok());
        } else {
            let (_, a, b) = els[index];
            black_box(
                d.webcare
                    .elapsed(black_box(a.chrono), black_box(b.chrono))
                    .ok(),
            );
        }
    }
}
