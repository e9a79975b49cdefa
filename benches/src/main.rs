//! Prints, for every case, the time per call of webcare, workclock and ule-hours, and the
//! ratios (peer time / webcare time: above 1 means webcare is faster). Run with
//! `cargo run --release` in `benches/`. Times are medians of several rounds.

use std::hint::black_box;
use std::time::Instant;

use chrono::TimeZone;
use webcare_bench::{add_cases, at, desks, dur, elapsed_cases, follow_the_sun, pairs};

/// Median nanoseconds per call of `f` over `rounds` rounds of `iters` calls.
fn time(iters: u32, mut f: impl FnMut()) -> f64 {
    for _ in 0..iters.min(1000) {
        f();
    }
    let mut rounds: Vec<f64> = (0..7)
        .map(|_| {
            let start = Instant::now();
            for _ in 0..iters {
                f();
            }
            start.elapsed().as_nanos() as f64 / f64::from(iters)
        })
        .collect();
    rounds.sort_by(f64::total_cmp);
    rounds[3]
}

fn row(name: &str, w: f64, wc: f64, ule: f64) {
    println!(
        "{name:<32} {w:>10.0} {wc:>10.0} {ule:>10.0}   {:>7.1}x {:>7.1}x",
        wc / w,
        ule / w
    );
}

fn main() {
    let d = desks();
    println!(
        "9-to-5 Mon-Fri Europe/Amsterdam, 10 holidays a year. ns per call (median of 7 rounds)."
    );
    println!(
        "{:<32} {:>10} {:>10} {:>10}   {:>8} {:>8}",
        "case", "webcare", "workclock", "ule-hours", "wc/web", "ule/web"
    );
    let mut per_case = Vec::new();
    for (name, a, b) in elapsed_cases() {
        let iters = 20_000;
        let w = time(iters, || {
            black_box(
                d.webcare
                    .elapsed(black_box(a.chrono), black_box(b.chrono))
                    .ok(),
            );
        });
        let wc = time(iters, || {
            black_box(d.workclock.between(black_box(a.jiff), black_box(b.jiff)));
        });
        let ule = time(iters / 10, || {
            black_box(d.ule.between(black_box(a.jiff), black_box(b.jiff)));
        });
        row(&format!("elapsed {name}"), w, wc, ule);
        per_case.push((format!("elapsed {name}"), w));
    }
    let start = at("2026-03-03T10:00:00+01:00");
    for (name, secs) in add_cases() {
        let (cd, jd) = dur(secs);
        let iters = 20_000;
        let w = time(iters, || {
            black_box(d.webcare.add(black_box(start.chrono), black_box(cd)).ok());
        });
        let wc = time(iters, || {
            black_box(d.workclock.add(black_box(start.jiff), black_box(jd)).ok());
        });
        let ule = time(iters / 10, || {
            black_box(d.ule.add(black_box(start.jiff), black_box(jd)).ok());
        });
        row(&format!("add {name}"), w, wc, ule);
        per_case.push((format!("add {name}"), w));
    }
    // `sub` and a follow-the-sun union (Amsterdam + New York): webcare only, the peers
    // have neither.
    let end = at("2026-04-14T10:00:00+02:00");
    let union = follow_the_sun();
    let mut only = Vec::new();
    for (name, secs) in add_cases() {
        let (cd, _) = dur(secs);
        let iters = 20_000;
        let sub = time(iters, || {
            black_box(d.webcare.sub(black_box(end.chrono), black_box(cd)).ok());
        });
        let uadd = time(iters, || {
            black_box(union.add(black_box(start.chrono), black_box(cd)).ok());
        });
        let usub = time(iters, || {
            black_box(union.sub(black_box(end.chrono), black_box(cd)).ok());
        });
        only.push((format!("sub {name}"), sub));
        only.push((format!("union add {name}"), uadd));
        only.push((format!("union sub {name}"), usub));
    }
    for (name, a, b) in elapsed_cases() {
        let w = time(20_000, || {
            black_box(union.elapsed(black_box(a.chrono), black_box(b.chrono)).ok());
        });
        only.push((format!("union elapsed {name}"), w));
    }
    println!();
    println!("webcare only (ns per call):");
    for (name, w) in &only {
        println!("  {name:<30} {w:>6.0}");
    }
    per_case.extend(only);
    let list = pairs(1_000_000);
    let once = |f: &mut dyn FnMut()| {
        let s = Instant::now();
        f();
        s.elapsed().as_nanos() as f64 / list.len() as f64
    };
    let w = once(&mut || {
        for (a, b) in &list {
            black_box(d.webcare.elapsed(a.chrono, b.chrono).ok());
        }
    });
    let (starts, ends): (Vec<_>, Vec<_>) = list.iter().map(|(a, b)| (a.chrono, b.chrono)).unzip();
    let wm = once(&mut || {
        black_box(d.webcare.elapsed_many(&starts, &ends).ok());
    });
    let wc = once(&mut || {
        for (a, b) in &list {
            black_box(d.workclock.between(a.jiff, b.jiff));
        }
    });
    let ule = once(&mut || {
        for (a, b) in &list {
            black_box(d.ule.between(a.jiff, b.jiff));
        }
    });
    row("1M elapsed pairs (per pair)", w, wc, ule);
    row("1M pairs, elapsed_many", wm, wc, ule);
    let tz = chrono_tz::Europe::Amsterdam;
    let (a, b) = (start.chrono, at("2026-04-14T10:00:00+02:00").chrono);
    let bare = time(200_000, || {
        black_box(
            tz.from_utc_datetime(&black_box(a).naive_utc())
                .naive_local(),
        );
        black_box(
            tz.from_utc_datetime(&black_box(b).naive_utc())
                .naive_local(),
        );
    });
    println!();
    println!("bare loop converting two instants to local time: {bare:.0} ns");
    for (name, w) in &per_case {
        println!("  {name:<30} {:>6.1}x the bare loop", w / bare);
    }
    let find = |n: &str| {
        per_case
            .iter()
            .find(|(k, _)| k == n)
            .map_or(f64::NAN, |(_, v)| *v)
    };
    println!("scaling, 30 business days / 30 min:");
    for op in [
        "elapsed",
        "add",
        "sub",
        "union elapsed",
        "union add",
        "union sub",
    ] {
        println!(
            "  {op:<14} {:.2}",
            find(&format!("{op} 30 business days")) / find(&format!("{op} 30 min"))
        );
    }
}
