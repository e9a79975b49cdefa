//! Lexicons: the built-in English and Dutch word lists, compiled with the user's words into
//! one table that is looked up once per word token.

pub(crate) mod en;
pub(crate) mod nl;
mod vocab;

use std::hash::Hasher;

use super::tokenize::{lowercase_into, segments, SegmentKind};
use super::{Label, SignalKind};
use vocab::Vocab;
pub(crate) use vocab::Word;

/// A group of phrases of one kind and weight.
#[derive(Debug)]
pub(crate) struct Group {
    pub kind: SignalKind,
    pub weight: f32,
    pub phrases: &'static [&'static str],
}

/// The word lists of one language.
#[derive(Debug)]
pub(crate) struct LanguageLexicon {
    pub negators: &'static [&'static str],
    pub intensifiers: &'static [&'static str],
    pub number_words: &'static [&'static str],
    pub stop_words: &'static [&'static str],
    /// Words of this lexicon that mean something else in the other language ("worst" is a
    /// sausage in Dutch). Phrases with one apply only when the text is not detected as the
    /// other language; every other phrase applies in any language, so code-switching
    /// ("ik ben not happy") is still read.
    pub false_friends: &'static [&'static str],
    pub groups: &'static [Group],
}

/// The language an entry applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Nl,
    Any,
}

pub(crate) const NEGATOR: u8 = 1;
pub(crate) const INTENSIFIER: u8 = 2;
pub(crate) const STOP_EN: u8 = 4;
pub(crate) const STOP_NL: u8 = 8;
pub(crate) const NUMBER: u8 = 16;
/// The word occurs in a phrase of the English lexicon (weak evidence for English).
pub(crate) const LEX_EN: u8 = 32;
/// The word occurs in a phrase of the Dutch lexicon (weak evidence for Dutch).
pub(crate) const LEX_NL: u8 = 64;

/// One element of a phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Elem {
    Word(u32),
    Num,
    Any,
}

/// One phrase with its signal.
#[derive(Debug, Clone)]
pub(crate) struct Entry {
    pub elems: Box<[Elem]>,
    pub kind: SignalKind,
    pub weight: f32,
    pub lang: Lang,
    pub label: Label,
    pub user: bool,
}

/// FNV-1a, the hash of the model's features (its values are part of trained weights, so
/// it never changes).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// A phrase that can start at a token, with what its second element must be, so most
/// candidates are rejected by looking at the next token only.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Candidate {
    /// Index in [`Lexicon::entries`].
    pub entry: u32,
    /// Number of elements of the phrase.
    pub len: u32,
    /// Its second element (phrases of one word: `Elem::Any`).
    pub second: Elem,
}

/// The compiled lexicon.
#[derive(Debug, Clone, Default)]
pub(crate) struct Lexicon {
    vocab: Vocab,
    by_first: Vec<Vec<u32>>,
    num_first: Vec<u32>,
    /// The lists of `by_first` (one range per word id) and `num_first` (the last range)
    /// as candidates, in the same order.
    candidates: Vec<Candidate>,
    ranges: Vec<(u32, u32)>,
    pub entries: Vec<Entry>,
}

impl Lexicon {
    /// The built-in English and Dutch lexicons.
    pub fn builtin() -> Lexicon {
        let mut lex = Lexicon::default();
        for (lang, src, stop, lex_flag) in [
            (Lang::En, &en::LEXICON, STOP_EN, LEX_EN),
            (Lang::Nl, &nl::LEXICON, STOP_NL, LEX_NL),
        ] {
            for w in src.negators {
                lex.flag(w, NEGATOR);
            }
            for w in src.intensifiers {
                lex.flag(w, INTENSIFIER);
            }
            for w in src.number_words {
                lex.flag(w, NUMBER);
            }
            for w in src.stop_words {
                lex.flag(w, stop);
            }
            for g in src.groups {
                for p in g.phrases {
                    let gated = p.split_whitespace().any(|w| src.false_friends.contains(&w));
                    let lang = if gated { lang } else { Lang::Any };
                    lex.add_phrase(p, g.kind, g.weight, lang, g.kind.label(), false);
                    if let Some(entry) = lex.entries.last() {
                        let ids: Vec<u32> = entry
                            .elems
                            .iter()
                            .filter_map(|e| match e {
                                Elem::Word(id) => Some(*id),
                                _ => None,
                            })
                            .collect();
                        for id in ids {
                            if let Some(f) = lex.vocab.flags.get_mut(id as usize) {
                                *f |= lex_flag;
                            }
                        }
                    }
                }
            }
        }
        lex.finish();
        lex
    }

    fn flag(&mut self, word: &str, flag: u8) {
        let id = self.intern(word);
        if let Some(f) = self.vocab.flags.get_mut(id as usize) {
            *f |= flag;
        }
    }

    fn intern(&mut self, word: &str) -> u32 {
        let id = self.vocab.intern(word);
        if id as usize >= self.by_first.len() {
            self.by_first.push(Vec::new());
        }
        id
    }

    /// The id, flags and language n-gram marks of a lowercase word.
    #[inline]
    pub fn lookup(&self, lower: &[u8]) -> Option<Word> {
        self.vocab.get(lower)
    }

    /// Adds a phrase; returns false when it has no words. Call [`Lexicon::finish`] after.
    pub fn add_phrase(
        &mut self,
        phrase: &str,
        kind: SignalKind,
        weight: f32,
        lang: Lang,
        label: Label,
        user: bool,
    ) -> bool {
        let mut elems = Vec::new();
        let mut lower = String::new();
        for piece in phrase.split_whitespace() {
            match piece {
                "#" => elems.push(Elem::Num),
                "*" => elems.push(Elem::Any),
                _ => {
                    for seg in segments(piece) {
                        if matches!(seg.kind, SegmentKind::Word | SegmentKind::Number) {
                            lowercase_into(&piece[seg.start..seg.end], &mut lower);
                            elems.push(Elem::Word(self.intern(&lower)));
                        }
                    }
                }
            }
        }
        // A phrase must start with a word or a number so that it can be indexed.
        let first = match elems.first() {
            Some(&e) if e != Elem::Any => e,
            _ => return false,
        };
        let index = self.entries.len() as u32;
        self.entries.push(Entry {
            elems: elems.into_boxed_slice(),
            kind,
            weight,
            lang,
            label,
            user,
        });
        match first {
            Elem::Word(id) => {
                if let Some(list) = self.by_first.get_mut(id as usize) {
                    list.push(index);
                }
            }
            _ => self.num_first.push(index),
        }
        true
    }

    /// Orders each candidate list longest phrase first, user entries before built-in ones.
    pub fn finish(&mut self) {
        let entries = &self.entries;
        let key = |i: &u32| {
            entries
                .get(*i as usize)
                .map(|e| (std::cmp::Reverse(e.elems.len()), !e.user))
        };
        for list in &mut self.by_first {
            list.sort_by_key(key);
        }
        self.num_first.sort_by_key(key);
        self.candidates.clear();
        self.ranges.clear();
        for list in self.by_first.iter().chain([&self.num_first]) {
            let start = self.candidates.len() as u32;
            for &e in list {
                if let Some(entry) = self.entries.get(e as usize) {
                    self.candidates.push(Candidate {
                        entry: e,
                        len: entry.elems.len() as u32,
                        second: entry.elems.get(1).copied().unwrap_or(Elem::Any),
                    });
                }
            }
            self.ranges.push((start, self.candidates.len() as u32));
        }
    }

    fn range(&self, index: usize) -> &[Candidate] {
        self.ranges
            .get(index)
            .and_then(|&(a, b)| self.candidates.get(a as usize..b as usize))
            .unwrap_or_default()
    }

    /// Phrases whose first element is the word `id`, longest first.
    #[inline]
    pub fn starting_with(&self, id: u32) -> &[Candidate] {
        if id as usize >= self.by_first.len() {
            return &[];
        }
        self.range(id as usize)
    }

    /// Phrases whose first element is a number, longest first.
    #[inline]
    pub fn starting_with_number(&self) -> &[Candidate] {
        self.range(self.by_first.len())
    }
}
