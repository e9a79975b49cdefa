//! Measures the classifier on real, public labelled data that webcare did not write.
//!
//! ```text
//! cargo run --release -p webcare --example accuracy [-- <data dir>]
//! ```
//!
//! The data dir defaults to `../shared/data` relative to the repository root (see
//! `../shared/data/README.md`); the data is never copied into the repository. When it is
//! absent the program says so and exits successfully, so a fresh clone still passes.
//!
//! It prints, for complaint-vs-not on `complaints/dev.csv`: macro F1 and the complaint
//! class's precision, recall and F1 for the built-in rules alone and for a model trained on
//! `complaints/train.csv`; and negative-vs-rest F1 with the rules alone on
//! `airline/train.csv` (English) and `dutch/political-polarity.csv` (Dutch). A prediction
//! counts as complaint (or negative) when the label is [`Label::Complaint`].

use std::path::{Path, PathBuf};
use std::time::Instant;

use webcare::{Classifier, Context, Label, TrainOptions};

/// Parses CSV with a header row: quoted fields, doubled quotes, newlines inside quotes.
fn read_csv(path: &Path) -> Option<Vec<std::collections::HashMap<String, String>>> {
    let text = std::fs::read_to_string(path).ok()?;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, '\r') => {}
            (false, c) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    let mut it = rows.into_iter();
    let header = it.next()?;
    Some(
        it.filter(|r| r.len() == header.len())
            .map(|r| header.iter().cloned().zip(r).collect())
            .collect(),
    )
}

#[derive(Default)]
struct Counts {
    tp: u32,
    fp: u32,
    fn_: u32,
    tn: u32,
}

impl Counts {
    fn add(&mut self, gold: bool, pred: bool) {
        match (gold, pred) {
            (true, true) => self.tp += 1,
            (false, true) => self.fp += 1,
            (true, false) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    fn prf(tp: u32, fp: u32, fn_: u32) -> (f64, f64, f64) {
        let p = if tp + fp == 0 {
            0.0
        } else {
            f64::from(tp) / f64::from(tp + fp)
        };
        let r = if tp + fn_ == 0 {
            0.0
        } else {
            f64::from(tp) / f64::from(tp + fn_)
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
    fn positive(&self) -> (f64, f64, f64) {
        Counts::prf(self.tp, self.fp, self.fn_)
    }
    fn macro_f1(&self) -> f64 {
        let (_, _, f1) = self.positive();
        let (_, _, f0) = Counts::prf(self.tn, self.fn_, self.fp);
        (f1 + f0) / 2.0
    }
    fn report(&self, what: &str) {
        let (p, r, f) = self.positive();
        println!(
            "{what:<44} macro F1 {:.3} | positive class P {p:.3} R {r:.3} F1 {f:.3} (n={})",
            self.macro_f1(),
            self.tp + self.fp + self.fn_ + self.tn
        );
    }
}

fn evaluate(c: &Classifier, rows: &[(String, bool)]) -> Counts {
    let texts: Vec<&str> = rows.iter().map(|(t, _)| t.as_str()).collect();
    let out = c.classify_batch(&texts, &Context::default());
    let mut counts = Counts::default();
    for ((_, gold), cl) in rows.iter().zip(out) {
        counts.add(*gold, cl.label == Label::Complaint);
    }
    counts
}

fn load(path: &Path, text: &str, label: &str, positive: &str) -> Option<Vec<(String, bool)>> {
    let rows = read_csv(path)?;
    Some(
        rows.into_iter()
            .filter_map(|r| Some((r.get(text)?.clone(), r.get(label)? == positive)))
            .collect(),
    )
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/data"));
    let dev_path = dir.join("complaints/dev.csv");
    if !dev_path.exists() {
        println!(
            "skipping: no labelled data at {} (see ../shared/data/README.md)",
            dir.display()
        );
        return;
    }
    let rules = Classifier::default();

    let dev = load(&dev_path, "text", "complaint", "1").unwrap_or_default();
    evaluate(&rules, &dev).report("complaints/dev rules only");

    if let Some(train) = load(&dir.join("complaints/train.csv"), "text", "complaint", "1") {
        let examples: Vec<(&str, Label)> = train
            .iter()
            .map(|(t, y)| (t.as_str(), if *y { Label::Complaint } else { Label::Other }))
            .collect();
        let started = Instant::now();
        match Classifier::train(&examples, &TrainOptions::default()) {
            Ok(model) => {
                let took = started.elapsed();
                evaluate(&model, &dev).report("complaints/dev model trained on train.csv");
                println!("  (trained on {} examples in {:.2?})", examples.len(), took);
            }
            Err(e) => println!("training failed: {e}"),
        }
    }

    if let Some(airline) = load(
        &dir.join("airline/train.csv"),
        "text",
        "sentiment",
        "negative",
    ) {
        evaluate(&rules, &airline).report("airline negative-vs-rest rules only");
    }
    if let Some(dutch) = load(
        &dir.join("dutch/political-polarity.csv"),
        "text",
        "polarity",
        "negative",
    ) {
        evaluate(&rules, &dutch).report("dutch negative-vs-rest rules only");
    }
}
