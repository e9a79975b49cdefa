//! Replaying 1 million events across 100,000 cases under the preset policy: applying the
//! events (in reverse order, so every case sorts them), reading every case's clocks, and
//! the size of a typical snapshot. `cargo run --release --bin cases` prints events/second.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use webcare::{Case, Policy};
use webcare_bench::cases::{conversation, CASES};

fn replay(c: &mut Criterion) {
    let policy = Policy::preset();
    let events: Vec<_> = (0..CASES).map(conversation).collect();
    let total: usize = events.iter().map(Vec::len).sum();
    let now = chrono::DateTime::from_timestamp(1_772_000_000 + 10_000 * 337 + 86_400, 0)
        .unwrap_or_default();
    let mut g = c.benchmark_group("case");
    g.sample_size(10);
    g.throughput(Throughput::Elements(total as u64));
    g.bench_function("apply 1M events, read clocks of 100k cases", |b| {
        b.iter(|| {
            let mut deadlines = 0usize;
            for evs in &events {
                let mut case = Case::new(policy.clone());
                for e in evs.iter().rev() {
                    let _ = case.apply(e.clone());
                }
                deadlines += black_box(case.clocks(now)).len();
            }
            deadlines
        })
    });
    g.finish();
}

criterion_group!(benches, replay);
criterion_main!(benches);
