//! A trainable linear model: multinomial logistic regression on hashed word uni- and
//! bigrams, character n-grams and the rule signals, fitted with seeded SGD.

use serde::{Deserialize, Serialize};

use super::engine::{Shape, Tok};
use super::lexicon::Fnv;
use super::tokenize::lowercase_into;
use super::{Label, Signal};
use crate::error::{Error, Result};
use std::hash::Hasher;

/// Options for [`Classifier::train`](super::Classifier::train). JSON through serde; every
/// field has a default.
///
/// # Example
///
/// ```
/// use webcare::TrainOptions;
///
/// let options = TrainOptions { seed: 7, ..TrainOptions::default() };
/// assert_eq!(options.epochs, 12);
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct TrainOptions {
    /// Seed of the example order; the same seed and data give the same weights.
    pub seed: u64,
    /// Passes over the data.
    pub epochs: u32,
    /// Initial learning rate (it decays per epoch).
    pub learning_rate: f64,
    /// L2 regularization strength.
    pub l2: f64,
    /// The feature space has `2^hash_bits` slots (10 to 24).
    pub hash_bits: u8,
    /// Whether to add character 3- to 5-grams of each word.
    pub char_ngrams: bool,
    /// Whether to weight examples so that every label counts equally.
    pub balance_labels: bool,
    /// Independent runs over differently shuffled data whose weights are averaged (1 to 16).
    pub runs: u32,
    /// Whether to return the average of the weights over all steps (averaged SGD), which
    /// generalizes better than the last step's weights.
    pub average: bool,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 42,
            epochs: 12,
            learning_rate: 0.4,
            l2: 1e-5,
            hash_bits: 18,
            char_ngrams: true,
            balance_labels: true,
            average: true,
            runs: 3,
        }
    }
}

/// The weights of a trained model, as they serialize inside a
/// [`ClassifierConfig`](super::ClassifierConfig). Only non-zero slots are stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModelWeights {
    /// The feature space has `2^hash_bits` slots.
    pub hash_bits: u8,
    /// Whether character n-grams are features.
    pub char_ngrams: bool,
    /// The labels the model was trained on, in the order of the weight columns.
    pub labels: Vec<Label>,
    /// One bias per label.
    pub bias: Vec<f32>,
    /// Non-zero slots: `[slot, [weight per label]]`.
    pub weights: Vec<(u32, Vec<f32>)>,
}

/// A model ready to predict.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    bits: u8,
    char_ngrams: bool,
    pub labels: Vec<Label>,
    bias: Vec<f32>,
    dense: Vec<f32>,
}

/// Sparse features of one text.
pub(crate) type Features = Vec<(u32, f32)>;

const SEED_WORD: u64 = 0x9e37_79b9_7f4a_7c15;
const SEED_BIGRAM: u64 = 0xc2b2_ae3d_27d4_eb4f;
const SEED_CHAR: u64 = 0x1656_67b1_9e37_79f9;
const SEED_SIGNAL: u64 = 0x27d4_eb2f_1656_67c5;

fn hash(seed: u64, bytes: &[u8]) -> u64 {
    let mut h = Fnv::default();
    h.write(&seed.to_le_bytes());
    h.write(bytes);
    // FNV's low bits mix poorly; fold the high half in before masking.
    let x = h.finish();
    x ^ (x >> 29) ^ (x >> 47)
}

/// Extracts the features of a text from its tokens and signals.
pub(crate) fn features(
    text: &str,
    toks: &[Tok],
    shape: Shape,
    signals: &[Signal],
    bits: u8,
    char_ngrams: bool,
    out: &mut Features,
) {
    out.clear();
    let mask = (1u64 << bits) - 1;
    let mut lower = String::new();
    let mut gram = Vec::with_capacity(32);
    let mut prev: u64 = hash(SEED_WORD, b"<s>");
    for t in toks {
        lowercase_into(&text[t.start..t.end], &mut lower);
        if lower
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
        {
            lower.clear();
            lower.push_str("<num>");
        }
        if t.hashtag {
            lower.insert(0, '#');
        }
        let h = hash(SEED_WORD, lower.as_bytes());
        out.push(((h & mask) as u32, 1.0));
        let bigram = hash(SEED_BIGRAM, &[prev.to_le_bytes(), h.to_le_bytes()].concat());
        out.push(((bigram & mask) as u32, 1.0));
        prev = h;
        if char_ngrams {
            gram.clear();
            gram.push(b'<');
            gram.extend_from_slice(lower.as_bytes());
            gram.push(b'>');
            for n in 3..=5usize {
                for w in gram.windows(n) {
                    out.push(((hash(SEED_CHAR, w) & mask) as u32, 0.5));
                }
            }
        }
    }
    // Normalize the text features to unit length so long texts do not dominate.
    let norm: f32 = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt();
    if norm > 0.0 {
        for (_, v) in out.iter_mut() {
            *v /= norm;
        }
    }
    let words = toks.len();
    let shape_features: [(&[u8], bool); 9] = [
        (b"<mention>", shape.mentions > 0),
        (b"<mentions>", shape.mentions > 1),
        (b"<leading-mention>", shape.leading_mention),
        (b"<url>", shape.urls > 0),
        (b"<hashtag>", shape.hashtags > 0),
        (b"<short>", words < 8),
        (b"<medium>", (8..20).contains(&words)),
        (b"<long>", words >= 20),
        (b"<bias>", true),
    ];
    for (name, on) in shape_features {
        if on {
            out.push(((hash(SEED_SIGNAL, name) & mask) as u32, 1.0));
        }
    }
    for s in signals {
        let h = hash(SEED_SIGNAL, s.kind.code().as_bytes());
        out.push(((h & mask) as u32, (s.weight as f32 * 0.5).clamp(-3.0, 3.0)));
    }
    // The signal kinds' default labels as evidence totals.
    let mut ev = [0.0f32; 4];
    for s in signals {
        if let Some(e) = ev.get_mut(s.kind.label().index()) {
            *e += s.weight as f32;
        }
    }
    for (i, e) in ev.iter().enumerate() {
        if *e != 0.0 {
            let h = hash(SEED_SIGNAL, &[b'e', i as u8]);
            out.push(((h & mask) as u32, (e * 0.3).min(3.0)));
        }
    }
}

impl Model {
    /// Compiles serialized weights, checking that their sizes fit together.
    pub fn from_weights(w: &ModelWeights) -> Result<Model> {
        let bad = |field: &str, reason: &'static str| Error::InvalidClassifierConfig {
            field: format!("model.{field}"),
            reason,
        };
        if !(10..=24).contains(&w.hash_bits) {
            return Err(bad("hash_bits", "must be between 10 and 24"));
        }
        let k = w.labels.len();
        if k < 2 {
            return Err(bad("labels", "a model needs at least two labels"));
        }
        for (i, l) in w.labels.iter().enumerate() {
            if w.labels.get(..i).is_some_and(|before| before.contains(l)) {
                return Err(bad("labels", "labels must be distinct"));
            }
        }
        if w.bias.len() != k {
            return Err(Error::LabelCountMismatch {
                texts: w.bias.len() as u64,
                labels: k as u64,
            });
        }
        let dim = 1usize << w.hash_bits;
        let mut dense = vec![0.0f32; dim * k];
        for (i, (slot, row)) in w.weights.iter().enumerate() {
            if *slot as usize >= dim {
                return Err(bad("weights", "slot out of range for hash_bits"));
            }
            if row.len() != k {
                return Err(Error::LabelCountMismatch {
                    texts: row.len() as u64,
                    labels: k as u64,
                });
            }
            for (j, v) in row.iter().enumerate() {
                check_model_weight(|| format!("model.weights[{i}]"), *v)?;
                if let Some(d) = dense.get_mut(*slot as usize * k + j) {
                    *d = *v;
                }
            }
        }
        for (i, v) in w.bias.iter().enumerate() {
            check_model_weight(|| format!("model.bias[{i}]"), *v)?;
        }
        Ok(Model {
            bits: w.hash_bits,
            char_ngrams: w.char_ngrams,
            labels: w.labels.clone(),
            bias: w.bias.clone(),
            dense,
        })
    }

    /// The serializable weights.
    pub fn to_weights(&self) -> ModelWeights {
        let k = self.labels.len();
        let weights = self
            .dense
            .chunks(k)
            .enumerate()
            .filter(|(_, row)| row.iter().any(|v| *v != 0.0))
            .map(|(slot, row)| (slot as u32, row.to_vec()))
            .collect();
        ModelWeights {
            hash_bits: self.bits,
            char_ngrams: self.char_ngrams,
            labels: self.labels.clone(),
            bias: self.bias.clone(),
            weights,
        }
    }

    pub fn bits(&self) -> u8 {
        self.bits
    }

    pub fn char_ngrams(&self) -> bool {
        self.char_ngrams
    }

    /// Label probabilities, in the order of `self.labels`.
    pub fn predict(&self, feats: &Features, probs: &mut Vec<f32>) {
        let k = self.labels.len();
        probs.clear();
        probs.extend_from_slice(&self.bias);
        for &(slot, v) in feats {
            let base = slot as usize * k;
            if let Some(row) = self.dense.get(base..base + k) {
                for (p, w) in probs.iter_mut().zip(row) {
                    *p += w * v;
                }
            }
        }
        softmax(probs);
    }

    /// Fits a model on featurized examples.
    pub fn fit(examples: &[(Features, Label)], options: &TrainOptions) -> Result<Model> {
        if examples.is_empty() {
            return Err(Error::EmptyTrainingSet);
        }
        if !(10..=24).contains(&options.hash_bits) {
            return Err(Error::InvalidClassifierConfig {
                field: "options.hash_bits".into(),
                reason: "must be between 10 and 24",
            });
        }
        for (field, v) in [
            ("options.learning_rate", options.learning_rate),
            ("options.l2", options.l2),
        ] {
            if !(0.0..=10.0).contains(&v) {
                return Err(Error::InvalidClassifierConfig {
                    field: field.into(),
                    reason: "must be a number from 0 to 10",
                });
            }
        }
        let mut labels: Vec<Label> = examples.iter().map(|(_, l)| *l).collect();
        labels.sort();
        labels.dedup();
        if labels.len() < 2 {
            return Err(Error::InvalidClassifierConfig {
                field: "examples".into(),
                reason: "training needs examples of at least two labels",
            });
        }
        let k = labels.len();
        let dim = 1usize << options.hash_bits;
        let targets: Vec<usize> = examples
            .iter()
            .map(|(_, l)| labels.iter().position(|x| x == l).unwrap_or(0))
            .collect();
        let mut counts = vec![0usize; k];
        for &t in &targets {
            if let Some(c) = counts.get_mut(t) {
                *c += 1;
            }
        }
        let class_weight: Vec<f32> = counts
            .iter()
            .map(|&c| {
                if options.balance_labels && c > 0 {
                    examples.len() as f32 / (k * c) as f32
                } else {
                    1.0
                }
            })
            .collect();
        // Several runs over different shuffles, averaged: a linear model's average is the
        // average of its logits, and it halves the variance that the example order causes.
        let runs = options.runs.clamp(1, 16);
        let mut dense = vec![0.0f32; dim * k];
        let mut bias = vec![0.0f32; k];
        let mut rng = SplitMix(options.seed);
        for _ in 0..runs {
            let (d, b) = sgd(
                examples,
                &targets,
                &class_weight,
                k,
                dim,
                options,
                rng.next(),
            );
            for (x, y) in dense.iter_mut().zip(d) {
                *x += y / runs as f32;
            }
            for (x, y) in bias.iter_mut().zip(b) {
                *x += y / runs as f32;
            }
        }
        Ok(Model {
            bits: options.hash_bits,
            char_ngrams: options.char_ngrams,
            labels,
            bias,
            dense,
        })
    }
}

/// One run of (averaged) SGD over the examples in an order shuffled by `seed`.
fn sgd(
    examples: &[(Features, Label)],
    targets: &[usize],
    class_weight: &[f32],
    k: usize,
    dim: usize,
    options: &TrainOptions,
    seed: u64,
) -> (Vec<f32>, Vec<f32>) {
    let mut dense = vec![0.0f32; dim * k];
    let mut bias = vec![0.0f32; k];
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = SplitMix(seed);
    let mut probs = Vec::with_capacity(k);
    let l2 = options.l2 as f32;
    // Averaged SGD: the returned weights are the mean over all steps, which is far less
    // noisy than the last iterate on small data. `acc` holds sum(step * update) so the
    // mean is `w - acc / steps` (Daume's trick), with no pass over all weights per step.
    let mut acc = vec![0.0f32; dim * k];
    let mut acc_bias = vec![0.0f32; k];
    let mut step = 1.0f32;
    for epoch in 0..options.epochs {
        // Fisher-Yates with the seeded generator: deterministic for a seed.
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let lr = options.learning_rate as f32 / (1.0 + epoch as f32 * 0.1);
        for &e in &order {
            let (Some((feats, _)), Some(&target)) = (examples.get(e), targets.get(e)) else {
                continue;
            };
            probs.clear();
            probs.extend_from_slice(&bias);
            for &(slot, v) in feats {
                let base = slot as usize * k;
                if let Some(row) = dense.get(base..base + k) {
                    for (p, w) in probs.iter_mut().zip(row) {
                        *p += w * v;
                    }
                }
            }
            softmax(&mut probs);
            let cw = class_weight.get(target).copied().unwrap_or(1.0);
            for (j, p) in probs.iter_mut().enumerate() {
                *p = (*p - if j == target { 1.0 } else { 0.0 }) * cw;
            }
            for ((b, a), g) in bias.iter_mut().zip(acc_bias.iter_mut()).zip(probs.iter()) {
                let d = lr * g;
                *b -= d;
                *a -= step * d;
            }
            for &(slot, v) in feats {
                let base = slot as usize * k;
                if let (Some(row), Some(arow)) =
                    (dense.get_mut(base..base + k), acc.get_mut(base..base + k))
                {
                    for ((w, a), g) in row.iter_mut().zip(arow.iter_mut()).zip(probs.iter()) {
                        let d = lr * (g * v + l2 * *w);
                        *w -= d;
                        *a -= step * d;
                    }
                }
            }
            step += 1.0;
        }
    }
    if options.average {
        for (w, a) in dense.iter_mut().zip(&acc) {
            *w -= a / step;
        }
        for (b, a) in bias.iter_mut().zip(&acc_bias) {
            *b -= a / step;
        }
    }
    (dense, bias)
}

/// The largest magnitude of a model weight. Trained weights stay far below it; a larger one
/// means a corrupted or hand-edited model.
pub const MAX_MODEL_WEIGHT: f64 = 1e6;

fn check_model_weight(field: impl FnOnce() -> String, v: f32) -> Result<()> {
    if v.is_finite() && f64::from(v).abs() <= MAX_MODEL_WEIGHT {
        Ok(())
    } else {
        Err(Error::InvalidWeight {
            field: field(),
            value: v.to_string(),
            max: MAX_MODEL_WEIGHT as u64,
        })
    }
}

fn softmax(z: &mut [f32]) {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for v in z.iter_mut() {
        *v = (*v - max).exp();
        sum += *v;
    }
    if sum > 0.0 {
        for v in z.iter_mut() {
            *v /= sum;
        }
    }
}

/// SplitMix64: a tiny, well-mixed generator, enough for shuffling.
#[derive(Debug)]
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
}
