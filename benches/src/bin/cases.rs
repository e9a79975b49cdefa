//! Prints events/second for replaying 1 million events across 100,000 cases under the
//! preset policy, split into applying the events and reading the clocks, and the size of
//! a typical case snapshot. Run with `cargo run --release --bin cases` in `benches/`.

use std::time::Instant;

use webcare::{Case, Policy};
use webcare_bench::cases::{conversation, CASES};

fn main() {
    let policy = Policy::preset();
    let events: Vec<_> = (0..CASES).map(conversation).collect();
    let total: usize = events.iter().map(Vec::len).sum();
    let now = chrono::DateTime::from_timestamp(1_772_000_000 + 10_000 * 337 + 86_400, 0)
        .unwrap_or_default();
    for round in 0..3 {
        let t0 = Instant::now();
        let mut cases = Vec::with_capacity(CASES);
        for evs in &events {
            let mut case = Case::new(policy.clone());
            for e in evs.iter().rev() {
                let _ = case.apply(e.clone());
            }
            cases.push(case);
        }
        let t1 = Instant::now();
        let mut clocks = 0usize;
        for case in &cases {
            clocks += case.clocks(now).len();
        }
        let t2 = Instant::now();
        let mut json_cases = 0usize;
        for evs in events.iter().take(CASES / 10) {
            let mut case = Case::new(policy.clone());
            for e in evs {
                let _ = case.apply_json(&e.to_json());
            }
            json_cases += 1;
        }
        let t3 = Instant::now();
        let apply = (t1 - t0).as_secs_f64();
        let read = (t2 - t1).as_secs_f64();
        let json = (t3 - t2).as_secs_f64();
        println!(
            "round {round}: {total} events, {CASES} cases: apply {:.0} ev/s, read clocks {:.0} ev/s replayed, apply+read {:.0} ev/s; \
             JSON parse+apply {:.0} ev/s ({json_cases} cases); {clocks} clock readings",
            total as f64 / apply,
            total as f64 / read,
            total as f64 / (apply + read),
            (json_cases * 10) as f64 / json,
        );
    }
    let typical = &events[0];
    let mut case = Case::new(policy);
    for e in typical {
        let _ = case.apply(e.clone());
    }
    let snap = case.to_snapshot();
    println!(
        "typical snapshot ({} events, preset policy): {} bytes",
        typical.len(),
        snap.len()
    );
}
