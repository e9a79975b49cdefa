//! Criterion groups: webcare, workclock and ule-hours side by side on the same desk and
//! instants (see `src/lib.rs`). `cargo run --release` prints the ratios.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use webcare_bench::{add_cases, at, desks, dur, elapsed_cases};

fn elapsed(c: &mut Criterion) {
    let d = desks();
    for (name, a, b) in elapsed_cases() {
        let mut g = c.benchmark_group(format!("elapsed {name}"));
        g.bench_function("webcare", |x| {
            x.iter(|| d.webcare.elapsed(black_box(a.chrono), black_box(b.chrono)))
        });
        g.bench_function("workclock", |x| {
            x.iter(|| d.workclock.between(black_box(a.jiff), black_box(b.jiff)))
        });
        g.bench_function("ule-hours", |x| {
            x.iter(|| d.ule.between(black_box(a.jiff), black_box(b.jiff)))
        });
        g.finish();
    }
}

fn add(c: &mut Criterion) {
    let d = desks();
    let start = at("2026-03-03T10:00:00+01:00");
    for (name, secs) in add_cases() {
        let (cd, jd) = dur(secs);
        let mut g = c.benchmark_group(format!("add {name}"));
        g.bench_function("webcare", |x| {
            x.iter(|| d.webcare.add(black_box(start.chrono), black_box(cd)))
        });
        g.bench_function("workclock", |x| {
            x.iter(|| d.workclock.add(black_box(start.jiff), black_box(jd)))
        });
        g.bench_function("ule-hours", |x| {
            x.iter(|| d.ule.add(black_box(start.jiff), black_box(jd)))
        });
        g.finish();
    }
}

criterion_group!(benches, elapsed, add);
criterion_main!(benches);
