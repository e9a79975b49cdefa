//! The vocabulary: every word the lexicons know, looked up once per word token.
//!
//! An open-addressing table keyed by the lowercase bytes of a word, with a hash that reads
//! eight bytes at a time (most words are one or two such reads) instead of one byte at a
//! time. The words are the project's and the user's own, so hash flooding is no concern.
//! Each word carries its flags and its language n-gram marks, so a known word's language
//! evidence is not worked out again for every occurrence.

use super::super::language::ngram_marks;

/// What the vocabulary knows of one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    /// The word's id: the index of its flags and of its list of phrases.
    pub id: u32,
    /// Its flags (negator, intensifier, stop word, ...).
    pub flags: u8,
    /// Its language n-gram marks (see [`ngram_marks`]).
    pub marks: u32,
}

/// The hash of a lowercase word.
#[inline]
pub(crate) fn word_hash(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut h = (bytes.len() as u64).wrapping_mul(K);
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(<[u8; 8]>::try_from(c).unwrap_or_default());
        h = (h ^ v).wrapping_mul(K).rotate_left(31);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut tail = [0u8; 8];
        if let Some(t) = tail.get_mut(..rest.len()) {
            t.copy_from_slice(rest);
        }
        h = (h ^ u64::from_le_bytes(tail))
            .wrapping_mul(K)
            .rotate_left(31);
    }
    h ^ (h >> 29)
}

/// The table.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    /// `id + 1` of the word in each slot, 0 for an empty slot; a power of two long.
    slots: Vec<u32>,
    /// Per id: the word's hash, and where its bytes are in `bytes`.
    hashes: Vec<u64>,
    spans: Vec<(u32, u32)>,
    bytes: Vec<u8>,
    /// Per id: flags and n-gram marks.
    pub flags: Vec<u8>,
    marks: Vec<u32>,
}

impl Vocab {
    /// The number of words.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    fn key(&self, id: usize) -> &[u8] {
        self.spans
            .get(id)
            .and_then(|&(start, len)| self.bytes.get(start as usize..(start + len) as usize))
            .unwrap_or_default()
    }

    /// The id of a word if it is known.
    #[inline]
    fn find(&self, word: &[u8], hash: u64) -> Option<usize> {
        let mask = self.slots.len().checked_sub(1)?;
        let mut i = hash as usize & mask;
        loop {
            let slot = *self.slots.get(i)?;
            if slot == 0 {
                return None;
            }
            let id = (slot - 1) as usize;
            if self.hashes.get(id) == Some(&hash) && self.key(id) == word {
                return Some(id);
            }
            i = (i + 1) & mask;
        }
    }

    /// What the vocabulary knows of a lowercase word.
    #[inline]
    pub fn get(&self, word: &[u8]) -> Option<Word> {
        let id = self.find(word, word_hash(word))?;
        Some(Word {
            id: id as u32,
            flags: self.flags.get(id).copied().unwrap_or(0),
            marks: self.marks.get(id).copied().unwrap_or(0),
        })
    }

    /// The id of a lowercase word, adding it when new.
    pub fn intern(&mut self, word: &str) -> u32 {
        let bytes = word.as_bytes();
        let hash = word_hash(bytes);
        if let Some(id) = self.find(bytes, hash) {
            return id as u32;
        }
        let id = self.hashes.len();
        self.hashes.push(hash);
        self.spans
            .push((self.bytes.len() as u32, bytes.len() as u32));
        self.bytes.extend_from_slice(bytes);
        self.flags.push(0);
        self.marks.push(ngram_marks(bytes));
        if (id + 1) * 2 > self.slots.len() {
            self.rehash();
        } else {
            self.place(id);
        }
        id as u32
    }

    fn place(&mut self, id: usize) {
        let Some(mask) = self.slots.len().checked_sub(1) else {
            return;
        };
        let mut i = self.hashes.get(id).copied().unwrap_or(0) as usize & mask;
        while let Some(slot) = self.slots.get_mut(i) {
            if *slot == 0 {
                *slot = id as u32 + 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    /// Doubles the table (at most half full) and places every word again.
    fn rehash(&mut self) {
        let size = (self.len() * 2).next_power_of_two().max(64);
        self.slots = vec![0; size];
        for id in 0..self.len() {
            self.place(id);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interned_words_are_found_and_others_not() {
        let mut v = Vocab::default();
        let words: Vec<String> = (0..5000).map(|i| format!("w{i}")).collect();
        let ids: Vec<u32> = words.iter().map(|w| v.intern(w)).collect();
        assert_eq!(v.intern("w17"), ids[17]);
        for (w, id) in words.iter().zip(&ids) {
            assert_eq!(v.get(w.as_bytes()).map(|x| x.id), Some(*id));
        }
        for miss in ["", "w", "w5000", "x1", "w1 ", "verylongwordthatisnotthere"] {
            assert_eq!(v.get(miss.as_bytes()), None, "{miss}");
        }
        assert_eq!(Vocab::default().get(b"a"), None);
    }
}
