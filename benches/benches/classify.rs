//! The classifier on one tweet-length message and on one 3 KB email (single-threaded), and
//! `classify_batch` over 10,000 tweets (all cores). The messages are generated
//! (`webcare_bench::texts`), English and Dutch. `cargo run --release --bin classify_speed`
//! prints the same inputs side by side with the peers.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use webcare::{Classifier, Context};
use webcare_bench::texts::{email, tweet, tweets, Rng};

fn single(c: &mut Criterion) {
    let classifier = Classifier::default();
    let ctx = Context::default();
    let mut rng = Rng::new(7);
    let short = tweet(&mut rng);
    let long = email(&mut rng, 3 * 1024);
    let mut g = c.benchmark_group("classify");
    for (name, text) in [("tweet", &short), ("email 3 KB", &long)] {
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| classifier.classify(black_box(text), &ctx))
        });
    }
    g.finish();
}

fn batch(c: &mut Criterion) {
    let classifier = Classifier::default();
    let ctx = Context::default();
    let texts = tweets(10_000, 11);
    let mut g = c.benchmark_group("classify_batch");
    g.sample_size(10);
    g.throughput(Throughput::Elements(texts.len() as u64));
    g.bench_function("10k tweets", |b| {
        b.iter(|| classifier.classify_batch(black_box(&texts), &ctx))
    });
    g.finish();
}

criterion_group!(benches, single, batch);
criterion_main!(benches);
