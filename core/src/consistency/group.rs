//! Grouping answers to the same question: by topic id, else by question similarity.
//!
//! A question becomes a set of *shingles*: its words lowercased, English and Dutch stop
//! words dropped, numbers (digits and number words) folded to one token `#`, a plural `s`
//! dropped, then runs of `shingle_size` consecutive words hashed with a fixed hash. Two
//! questions are similar when the Jaccard index of their shingle sets reaches the
//! threshold.
//!
//! All pairs would cost n²; instead each set gets a MinHash signature of [`HASHES`] values
//! and the signature is cut into bands. Sets that agree on a whole band are *candidates*;
//! only candidates are compared exactly, and a verified pair joins the two groups
//! (union-find), so a group is a connected component of verified pairs. The bands are
//! chosen from the threshold so that a pair exactly at the threshold becomes a candidate
//! with probability ≥ 99.5%. Every hash is fixed (no random seed), so the same input
//! always gives the same groups, and the groups do not depend on the input order.
//!
//! Identical questions are compared once. Links and e-mail addresses in a question are
//! dropped; @handles stay, since the company addressed is part of what is asked.
//!
//! Cost: near-linear at the default threshold 0.5 (100,000 generated answers sharing common
//! words group in about 1.2 s on one core). Low thresholds need short bands, so questions
//! that share one common word become candidates and cost approaches all-pairs among them:
//! the same input takes about 7.5 s at 0.3 and a minute at 0.2.

use std::collections::HashMap;
use std::sync::LazyLock;

use super::facts::numbers::{lower_word_value, word_value};

/// The number of MinHash values per question.
pub const HASHES: usize = 128;

/// Recall wanted for a pair exactly at the threshold.
const RECALL_AT_THRESHOLD: f64 = 0.995;

#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    // English
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "but", "by", "can", "could", "did", "do", "does", "doing",
    "for", "from", "had", "has", "have", "having", "he", "her", "here", "hi", "hello", "hey",
    "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "i'm", "just", "me",
    "my", "myself", "of", "on", "or", "our", "ours", "please", "pls", "she", "should", "so",
    "some", "than", "thank", "thanks", "that", "the", "their", "them", "then", "there",
    "these", "they", "this", "those", "to", "too", "u", "very", "was", "we", "were", "what",
    "when", "where", "which", "while", "who", "whom", "why", "will", "with", "would", "you",
    "your", "yours", "im", "ur",
    // Dutch
    "aan", "al", "alle", "als", "ben", "bij", "dan", "dat", "de", "der", "deze", "die",
    "dit", "doe", "doen", "door", "dus", "een", "en", "er", "ga", "had", "heb", "hebben",
    "heeft", "hem", "het", "hier", "hij", "hoe", "hun", "ik", "in", "is", "ja", "je", "jij",
    "jou", "jullie", "kan", "kun", "kunnen", "kunt", "maar", "me", "mij", "mijn", "moet",
    "na", "naar", "niet", "nog", "nu", "of", "om", "omdat", "ons", "onze", "ook", "op",
    "over", "te", "tot", "u", "uw", "van", "veel", "voor", "waar", "wanneer", "wat", "we",
    "wel", "welke", "werd", "wie", "wij", "wil", "word", "wordt", "zal", "ze", "zich", "zij",
    "zijn", "zo", "zou", "graag", "hallo", "hoi", "bedankt", "dank",
];

static STOP_SET: LazyLock<std::collections::HashSet<&'static str>> =
    LazyLock::new(|| STOP_WORDS.iter().copied().collect());

/// Whether `word` (lowercase) is an English or Dutch stop word.
pub(crate) fn is_stop_word(word: &str) -> bool {
    STOP_SET.contains(word)
}

/// Whether a whitespace-separated chunk is a link or an e-mail address: its pieces
/// (`https`, `t`, `co`, random ids) say nothing about the question. An @handle stays: the
/// company addressed is part of what is asked.
fn is_address(chunk: &str) -> bool {
    chunk.contains("://") || chunk.starts_with("www.") || chunk.find('@').is_some_and(|at| at > 0)
}

/// Calls `each` with the words of a question, normalized: lowercase, numbers folded to
/// `#`, plurals not yet dropped. One buffer serves every word.
fn words(question: &str, mut each: impl FnMut(&str)) {
    let mut lower = String::new();
    for w in question
        .split_whitespace()
        .filter(|chunk| !is_address(chunk))
        .flat_map(|chunk| chunk.split(|c: char| !(c.is_alphanumeric() || c == '\'')))
        .map(|w| w.trim_matches('\''))
        .filter(|w| !w.is_empty())
    {
        lower.clear();
        let number = if w.is_ascii() {
            lower.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
            lower.bytes().any(|b| b.is_ascii_digit()) || lower_word_value(&lower).is_some()
        } else {
            lower.push_str(&w.to_lowercase());
            lower.chars().any(|c| c.is_ascii_digit()) || word_value(&lower).is_some()
        };
        each(if number { "#" } else { &lower });
    }
}

fn stem(word: &str) -> &str {
    if word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
        &word[..word.len() - 1]
    } else {
        word
    }
}

/// The sorted, distinct shingle hashes of a question.
///
/// Stop words are dropped unless nothing else is left; a question without any word is one
/// shingle of its trimmed text, so `???` still equals `???`.
pub(crate) fn shingles(question: &str, shingle_size: usize) -> Vec<u64> {
    // The hashes of all words, and of the content words (stop words dropped, stemmed).
    let mut all = Vec::new();
    let mut content = Vec::new();
    words(question, |w| {
        all.push(hash_bytes(w.as_bytes()));
        if !is_stop_word(w) {
            content.push(hash_bytes(stem(w).as_bytes()));
        }
    });
    let hashes = if content.is_empty() { all } else { content };
    let mut out: Vec<u64> = if hashes.is_empty() {
        vec![hash_bytes(question.trim().as_bytes())]
    } else {
        let k = shingle_size.clamp(1, hashes.len());
        hashes
            .windows(k)
            .map(|w| {
                w.iter()
                    .fold(0x9e37_79b9_7f4a_7c15_u64, |h, t| mix(h.rotate_left(7) ^ t))
            })
            .collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// FNV-1a, then a final mix: fixed across runs and platforms.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    mix(h)
}

/// The splitmix64 finalizer.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The Jaccard index of two sorted, distinct sets.
pub(crate) fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        1.0
    } else {
        common as f64 / union as f64
    }
}

/// Rows per band for `threshold`: the most rows (fewest false candidates) that still find
/// a pair at the threshold with probability [`RECALL_AT_THRESHOLD`].
pub(crate) fn rows_per_band(threshold: f64) -> usize {
    (1..=HASHES)
        .rev()
        .find(|&rows| {
            let bands = (HASHES / rows) as i32;
            let hit = threshold.powi(rows as i32);
            1.0 - (1.0 - hit).powi(bands) >= RECALL_AT_THRESHOLD
        })
        .unwrap_or(1)
}

fn min_hashes(set: &[u64]) -> [u64; HASHES] {
    let mut sig = [u64::MAX; HASHES];
    for &s in set {
        for (i, slot) in sig.iter_mut().enumerate() {
            let h = mix(s ^ SEEDS[i]);
            if h < *slot {
                *slot = h;
            }
        }
    }
    sig
}

static SEEDS: LazyLock<[u64; HASHES]> = LazyLock::new(|| {
    let mut seeds = [0; HASHES];
    for (i, seed) in seeds.iter_mut().enumerate() {
        *seed = mix(0x5eed_0000 + i as u64);
    }
    seeds
});

/// Union-find over `0..n` with path halving and union by size.
#[derive(Debug)]
pub(crate) struct UnionFind {
    parent: Vec<usize>,
    size: Vec<usize>,
}

impl UnionFind {
    pub(crate) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
            size: vec![1; n],
        }
    }

    pub(crate) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    pub(crate) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra == rb {
            return;
        }
        let (big, small) = if self.size[ra] >= self.size[rb] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small] = big;
        self.size[big] += self.size[small];
    }
}

/// Distinct shingle sets and, for each input, the index of its set.
fn distinct(sets: Vec<Vec<u64>>) -> (Vec<Vec<u64>>, Vec<usize>) {
    let mut index: HashMap<Vec<u64>, usize> = HashMap::new();
    let mut unique = Vec::new();
    let mut of_input = Vec::with_capacity(sets.len());
    for set in sets {
        let next = unique.len();
        let id = *index.entry(set.clone()).or_insert(next);
        if id == next {
            unique.push(set);
        }
        of_input.push(id);
    }
    (unique, of_input)
}

/// Groups the inputs whose shingle sets are similar (LSH candidates, verified).
/// Returns one list of input positions per group.
pub(crate) fn group_similar(sets: Vec<Vec<u64>>, threshold: f64) -> Vec<Vec<usize>> {
    let (unique, of_input) = distinct(sets);
    let n = unique.len();
    let signatures: Vec<[u64; HASHES]> = unique.iter().map(|s| min_hashes(s)).collect();
    let rows = rows_per_band(threshold);
    let mut uf = UnionFind::new(n);
    let mut keys: Vec<(u64, usize)> = Vec::with_capacity(n);
    for band in 0..HASHES / rows {
        keys.clear();
        for (node, sig) in signatures.iter().enumerate() {
            let key = sig[band * rows..(band + 1) * rows]
                .iter()
                .fold(band as u64, |h, v| mix(h ^ v));
            keys.push((key, node));
        }
        keys.sort_unstable();
        for run in keys.chunk_by(|a, b| a.0 == b.0) {
            for (i, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[i + 1..] {
                    if uf.find(a) != uf.find(b) && jaccard(&unique[a], &unique[b]) >= threshold {
                        uf.union(a, b);
                    }
                }
            }
        }
    }
    components(&mut uf, &of_input)
}

/// The exact reference: every pair of distinct sets compared. Quadratic; for tests and
/// for measuring what LSH misses.
pub(crate) fn group_exact(sets: Vec<Vec<u64>>, threshold: f64) -> Vec<Vec<usize>> {
    let (unique, of_input) = distinct(sets);
    let mut uf = UnionFind::new(unique.len());
    for a in 0..unique.len() {
        for b in a + 1..unique.len() {
            if jaccard(&unique[a], &unique[b]) >= threshold {
                uf.union(a, b);
            }
        }
    }
    components(&mut uf, &of_input)
}

/// The groups of inputs, each sorted, ordered by their first input.
fn components(uf: &mut UnionFind, of_input: &[usize]) -> Vec<Vec<usize>> {
    let mut by_root: HashMap<usize, usize> = HashMap::new();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for (input, &node) in of_input.iter().enumerate() {
        let root = uf.find(node);
        let next = groups.len();
        let g = *by_root.entry(root).or_insert(next);
        if g == next {
            groups.push(Vec::new());
        }
        groups[g].push(input);
    }
    groups
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_fold_and_stop_words_drop() {
        assert_eq!(
            shingles("How long does a refund take for 2 bags?", 1),
            shingles("refund take long 5 bag", 1)
        );
        assert_eq!(
            shingles("Hoe lang duurt een terugbetaling van twee tassen?", 1),
            shingles("lang duurt terugbetaling 3 tassen", 1)
        );
        assert_eq!(shingles("???", 1), shingles(" ???", 1));
        assert_eq!(shingles("what is it?", 1).len(), 3);
        assert_eq!(
            shingles("@KLM can I bring my dog? https://t.co/x1 me@x.nl", 1),
            shingles("@KLM can I bring my dog", 1)
        );
    }

    #[test]
    fn bands_follow_the_threshold() {
        assert!(rows_per_band(0.9) > rows_per_band(0.5));
        assert_eq!(rows_per_band(1.0), HASHES);
        assert!(rows_per_band(0.01) >= 1);
    }

    #[test]
    fn lsh_finds_near_duplicates() {
        let qs = [
            "can i bring my dog on the plane",
            "can i bring my dog on a plane please",
            "how long does a refund take",
            "how long will my refund take",
            "unrelated words here",
        ];
        let sets: Vec<_> = qs.iter().map(|q| shingles(q, 1)).collect();
        let lsh = group_similar(sets.clone(), 0.5);
        assert_eq!(lsh, group_exact(sets, 0.5));
        assert_eq!(lsh, vec![vec![0, 1], vec![2, 3], vec![4]]);
    }
}
