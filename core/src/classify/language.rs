//! Language detection: English, Dutch or unknown, from stop words and character n-grams.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// The language of a message, as far as the classifier can tell.
///
/// Detection is cheap: it counts English and Dutch stop words, words of each built-in
/// lexicon, and a few character n-grams typical of each language ("ij", "sch", "oe" against
/// "th", "wh", "-ing") in the same pass that tokenizes the text. Words that are common in
/// both languages ("of", "is", "in", "we") are not evidence. A text with too little evidence, or in another
/// language or script, is [`Language::Unknown`].
///
/// The lexicons apply in every language, so code-switching ("ik ben not happy") is read;
/// only phrases with a false friend (a word that means something else in the other
/// language, such as "worst", a sausage in Dutch) wait for the language to allow them.
///
/// # Example
///
/// ```
/// use webcare::{Classifier, Context, Language};
///
/// let c = Classifier::default();
/// assert_eq!(c.classify("Ik wacht nog steeds op mijn pakket", &Context::default()).language, Language::Nl);
/// assert_eq!(c.classify("I am still waiting for my parcel", &Context::default()).language, Language::En);
/// assert_eq!(c.classify("😀", &Context::default()).language, Language::Unknown);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Language {
    /// English (`en`).
    En,
    /// Dutch (`nl`).
    Nl,
    /// Not enough evidence, or another language (`unknown`).
    #[default]
    Unknown,
}

impl Language {
    /// The code: `en`, `nl` or `unknown`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
            Language::Unknown => "unknown",
        }
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Language {
    type Err = Error;

    /// Parses `en`, `nl` or `unknown` (case-insensitive).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidClassifierConfig`] (`invalid_classifier_config`) for any other name.
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "en" => Ok(Language::En),
            "nl" => Ok(Language::Nl),
            "unknown" => Ok(Language::Unknown),
            _ => Err(Error::InvalidClassifierConfig {
                field: "language".into(),
                reason: "expected en, nl or unknown",
            }),
        }
    }
}

/// Evidence accumulated while tokenizing.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Evidence {
    pub en: f32,
    pub nl: f32,
}

impl Evidence {
    /// Adds the character n-gram evidence of one lowercase word, given as its
    /// [`ngram_marks`].
    #[inline]
    pub fn add_marks(&mut self, marks: u32) {
        if marks == 0 {
            return;
        }
        let (nl, en) = word_evidence(marks);
        self.en += en;
        self.nl += nl;
    }

    /// The language the evidence points to.
    pub fn decide(self) -> Language {
        let (hi, lo, lang) = if self.en >= self.nl {
            (self.en, self.nl, Language::En)
        } else {
            (self.nl, self.en, Language::Nl)
        };
        if hi >= 1.0 && hi - lo >= 0.5 && hi >= 1.5 * lo {
            lang
        } else {
            Language::Unknown
        }
    }
}

/// Dutch n-gram marks (bits 0-7), English ones (bits 8-15), a Dutch ending (bit 16) and an
/// English ending (bit 17).
const NL_ENDING: u32 = 1 << 16;
const EN_ENDING: u32 = 1 << 17;

/// The n-grams typical of a language that a lowercase word contains (each counted once),
/// and whether it has an ending typical of one, as bits for [`Evidence::add_marks`].
/// Words under three bytes have none.
///
/// Dutch n-grams: "ij", "sch", "oe", "aa", "uu", "cht", "eu", "ui"; endings "en", "je",
/// "lijk", "heid", "tie". English: "th", "wh", "ing", "ly", "tion", "ould", "ea"; endings
/// "ed", "'s", "n't", "y". Found in one pass over the bytes.
pub(crate) fn ngram_marks(b: &[u8]) -> u32 {
    if b.len() < 3 {
        return 0;
    }
    let mut found = 0u32;
    for (i, pair) in b.windows(2).enumerate() {
        let third = b.get(i + 2).copied();
        found |= match (pair[0], pair[1]) {
            (b'i', b'j') => 1,
            (b's', b'c') if third == Some(b'h') => 1 << 1,
            (b'o', b'e') => 1 << 2,
            (b'a', b'a') => 1 << 3,
            (b'u', b'u') => 1 << 4,
            (b'c', b'h') if third == Some(b't') => 1 << 5,
            (b'e', b'u') => 1 << 6,
            (b'u', b'i') => 1 << 7,
            (b't', b'h') => 1 << 8,
            (b'w', b'h') => 1 << 9,
            (b'i', b'n') if third == Some(b'g') => 1 << 10,
            (b'l', b'y') => 1 << 11,
            (b't', b'i') if b.get(i + 2..i + 4) == Some(b"on") => 1 << 12,
            (b'o', b'u') if b.get(i + 2..i + 4) == Some(b"ld") => 1 << 13,
            (b'e', b'a') => 1 << 14,
            _ => 0,
        };
    }
    if b.ends_with(b"en")
        || b.ends_with(b"je")
        || b.ends_with(b"lijk")
        || b.ends_with(b"heid")
        || b.ends_with(b"tie")
    {
        found |= NL_ENDING;
    }
    if b.ends_with(b"ed") || b.ends_with(b"'s") || b.ends_with(b"n't") || b.ends_with(b"y") {
        found |= EN_ENDING;
    }
    // A word of three bytes or more always counts, even with no marks (it adds nothing).
    found
}

/// The Dutch and English evidence of one word's marks: 0.3 per n-gram, added one at a time
/// in f32, then 0.2 for an ending.
fn word_evidence(marks: u32) -> (f32, f32) {
    let sum = |n: u32| {
        let mut v = 0.0f32;
        for _ in 0..n {
            v += 0.3;
        }
        v
    };
    let mut nl = sum((marks & 0xff).count_ones());
    let mut en = sum(((marks >> 8) & 0xff).count_ones());
    if marks & NL_ENDING != 0 {
        nl += 0.2;
    }
    if marks & EN_ENDING != 0 {
        en += 0.2;
    }
    (nl, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_count_each_ngram_once_and_endings() {
        let mut e = Evidence::default();
        e.add_marks(ngram_marks(b"schijn"));
        // "sch", "ij" and the ending "en"? "schijn" ends in "jn": no ending.
        assert_eq!(e.nl, 0.3f32 + 0.3);
        assert_eq!(e.en, 0.0);
        let mut e = Evidence::default();
        e.add_marks(ngram_marks(b"thinking"));
        // "th", "ing" (twice, counted once); no ending.
        assert_eq!(e.en, 0.3f32 + 0.3);
        let mut e = Evidence::default();
        e.add_marks(ngram_marks(b"wouldn't"));
        assert_eq!(e.en, 0.3f32 + 0.2);
        assert_eq!(ngram_marks(b"ij"), 0);
    }
}
