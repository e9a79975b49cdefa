//! How well question-similarity grouping matches real data, and how fast it scales.
//!
//! Usage: `cargo run --release -p webcare --example grouping_quality [PATH] [N] [THRESHOLD]`
//!
//! 1. Quality. PATH (default `../shared/data/support/ibm-care-dev.json`, relative to the
//!    project root) holds Twitter customer-care conversations, each answered with one help
//!    article (`agentURL.doc_id`). Conversations answered with the same article ask the same
//!    thing, so the article is the true group of each customer's first message. For several
//!    thresholds this prints B-cubed precision, recall and F1 of the LSH grouping next to
//!    exact all-pairs grouping and a TF-IDF cosine baseline (scikit-learn's defaults,
//!    re-implemented here so that all three run on the same input in the same process). Skipped, with a message, when the file is absent: the data is
//!    not part of the project.
//! 2. Scale. Groups and checks N (default 100,000) generated answers at THRESHOLD (default
//!    0.5) and prints the time.
//!    Run it under `/usr/bin/time -v` for the peak memory.

use std::collections::HashMap;
use std::time::Instant;

use serde_json::Value;
use webcare::{parse_instant, Answer, Channel, ConsistencyChecker, ConsistencyOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args
        .next()
        .unwrap_or_else(|| "../shared/data/support/ibm-care-dev.json".to_owned());
    let n: usize = args.next().map_or(Ok(100_000), |s| s.parse())?;
    let threshold: f64 = args.next().map_or(Ok(0.5), |s| s.parse())?;
    match std::fs::read_to_string(&path) {
        Ok(text) => quality(&text)?,
        Err(e) => println!("quality: skipped, cannot read {path}: {e}"),
    }
    scale(n, threshold)?;
    Ok(())
}

/// Customers' first messages and the article that answered each conversation.
fn load(text: &str) -> Result<(Vec<Answer>, Vec<String>), Box<dyn std::error::Error>> {
    let conversations: Vec<Value> = serde_json::from_str(text)?;
    let (mut answers, mut truth) = (Vec::new(), Vec::new());
    for c in &conversations {
        let doc = c["agentURL"]["doc_id"].as_str();
        let first = c["dialogContent"]
            .as_array()
            .and_then(|turns| turns.first());
        let (Some(doc), Some(first)) = (doc, first) else {
            continue;
        };
        let message = first["message"].as_str().unwrap_or_default();
        let at = parse_instant(first["datetime"].as_str().unwrap_or_default())?;
        if message.trim().is_empty() {
            continue;
        }
        answers.push(Answer::new(Channel::X, at, message, ""));
        truth.push(doc.to_owned());
    }
    Ok((answers, truth))
}

/// B-cubed precision and recall of `groups` against the true labels.
fn b_cubed(groups: &[Vec<usize>], truth: &[String]) -> (f64, f64) {
    let mut group_of = vec![0; truth.len()];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = g;
        }
    }
    let mut label_size: HashMap<&str, usize> = HashMap::new();
    for t in truth {
        *label_size.entry(t).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (i, t) in truth.iter().enumerate() {
        let members = &groups[group_of[i]];
        let correct = members.iter().filter(|&&m| truth[m] == *t).count() as f64;
        precision += correct / members.len() as f64;
        recall += correct / label_size[t.as_str()] as f64;
    }
    let n = truth.len() as f64;
    (precision / n, recall / n)
}

fn report(name: &str, groups: &[Vec<usize>], truth: &[String], seconds: f64) {
    let (p, r) = b_cubed(groups, truth);
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    println!(
        "  {name:<24} groups {:>4}  P {p:.3}  R {r:.3}  F1 {f1:.3}  ({:.1} ms)",
        groups.len(),
        seconds * 1000.0
    );
}

fn quality(text: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (answers, truth) = load(text)?;
    let articles = truth.iter().collect::<std::collections::HashSet<_>>().len();
    println!(
        "quality: {} first messages, {articles} help articles",
        answers.len()
    );
    let singletons: Vec<Vec<usize>> = (0..answers.len()).map(|i| vec![i]).collect();
    report("every message alone", &singletons, &truth, 0.0);
    report(
        "all in one group",
        &[(0..answers.len()).collect()],
        &truth,
        0.0,
    );
    for threshold in [0.2, 0.3, 0.4, 0.5, 0.6] {
        let t = Instant::now();
        let groups = tf_idf_groups(&answers, threshold);
        report(
            &format!("TF-IDF cosine {threshold}"),
            &groups,
            &truth,
            t.elapsed().as_secs_f64(),
        );
    }
    for threshold in [0.1, 0.15, 0.2, 0.3, 0.5] {
        let checker = ConsistencyChecker::new(ConsistencyOptions {
            threshold,
            ..Default::default()
        })?;
        let t = Instant::now();
        let lsh = checker.group(&answers)?;
        let lsh_s = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let exact = checker.group_exact(&answers)?;
        let exact_s = t.elapsed().as_secs_f64();
        report(&format!("LSH threshold {threshold}"), &lsh, &truth, lsh_s);
        report(
            &format!("exact threshold {threshold}"),
            &exact,
            &truth,
            exact_s,
        );
    }
    Ok(())
}

/// The baseline: TF-IDF vectors (words of two or more letters or digits, lowercased, smooth
/// IDF, L2-normalized, as scikit-learn's `TfidfVectorizer` defaults), every pair compared by
/// cosine, groups the connected components of pairs at or above the threshold.
fn tf_idf_groups(answers: &[Answer], threshold: f64) -> Vec<Vec<usize>> {
    let docs: Vec<HashMap<String, f64>> = answers
        .iter()
        .map(|a| {
            let mut tf = HashMap::new();
            for w in a.question.split(|c: char| !c.is_alphanumeric()) {
                if w.chars().count() >= 2 {
                    *tf.entry(w.to_lowercase()).or_insert(0.0) += 1.0;
                }
            }
            tf
        })
        .collect();
    let n = docs.len() as f64;
    let mut df: HashMap<&str, f64> = HashMap::new();
    for d in &docs {
        for w in d.keys() {
            *df.entry(w.as_str()).or_insert(0.0) += 1.0;
        }
    }
    let vectors: Vec<HashMap<&str, f64>> = docs
        .iter()
        .map(|d| {
            let mut v: HashMap<&str, f64> = d
                .iter()
                .map(|(w, tf)| {
                    (
                        w.as_str(),
                        tf * (((1.0 + n) / (1.0 + df[w.as_str()])).ln() + 1.0),
                    )
                })
                .collect();
            let norm = v
                .values()
                .map(|x| x * x)
                .sum::<f64>()
                .sqrt()
                .max(f64::MIN_POSITIVE);
            v.values_mut().for_each(|x| *x /= norm);
            v
        })
        .collect();
    let mut parent: Vec<usize> = (0..vectors.len()).collect();
    fn root(parent: &mut [usize], mut x: usize) -> usize {
        while parent[x] != x {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        x
    }
    for i in 0..vectors.len() {
        for j in i + 1..vectors.len() {
            let dot: f64 = vectors[i]
                .iter()
                .filter_map(|(w, x)| vectors[j].get(w).map(|y| x * y))
                .sum();
            if dot >= threshold {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..vectors.len() {
        groups.entry(root(&mut parent, i)).or_default().push(i);
    }
    let mut out: Vec<Vec<usize>> = groups.into_values().collect();
    out.sort();
    out
}

/// A fixed pseudo-random sequence (splitmix64), so every run measures the same input.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// A made-up word of letters only, so that number folding leaves it alone.
fn word(i: usize) -> String {
    let letters = b"bcdfghjklmnprtvz";
    let mut w = String::from("q");
    let mut x = i;
    for _ in 0..4 {
        w.push(char::from(letters[x % 16]));
        x /= 16;
    }
    w.push('a');
    w
}

/// `n` answers to about `n / 20` questions, each asked in small variations on five channels;
/// one answer in ten states a different amount. Questions share common words, as real ones do.
fn generate(n: usize) -> Result<Vec<Answer>, webcare::Error> {
    let mut rng = Rng(42);
    let topics = (n / 20).max(1);
    let channels = ["x", "email", "chat", "whatsapp", "facebook"];
    let at = parse_instant("2026-03-06T10:00:00+01:00")?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let topic = rng.below(topics);
        // Four words of the topic, two from a small pool that every topic shares (like
        // "refund" or "bag"), and now and then a stray word.
        let mut words: Vec<String> = (0..4).map(|k| word(1000 + topic * 4 + k)).collect();
        words.extend((0..2).map(|k| word((topic * 7 + k * 13) % 50)));
        if rng.below(2) == 0 {
            words.push(word(1000 + rng.below(topics * 4)));
        }
        let question = format!("hi, how do i {} please?", words.join(" "));
        let fee = if rng.below(10) == 0 { 30 } else { 25 };
        let text = format!(
            "Thanks for asking! The fee is €{fee},00 and refunds take {} days; see klm.com/help/{topic}.",
            7 * (1 + topic % 3)
        );
        let channel: Channel = channels[rng.below(channels.len())].parse()?;
        out.push(Answer::new(channel, at, &question, &text));
    }
    Ok(out)
}

fn scale(n: usize, threshold: f64) -> Result<(), Box<dyn std::error::Error>> {
    let answers = generate(n)?;
    let checker = ConsistencyChecker::new(ConsistencyOptions {
        threshold,
        ..Default::default()
    })?;
    let t = Instant::now();
    let groups = checker.group(&answers)?;
    let group_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let report = checker.check(&answers)?;
    let check_s = t.elapsed().as_secs_f64();
    println!(
        "scale: {n} answers, threshold {threshold} -> {} groups; grouping {group_s:.2} s; grouping + facts + verdicts {check_s:.2} s; rate {:.3}",
        groups.len(),
        report.rate.unwrap_or(f64::NAN)
    );
    Ok(())
}
