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
    /// Adds the character n-gram evidence of one lowercase word.
    #[inline]
    pub fn add_ngrams(&mut self, w: &str) {
        if w.len() < 3 {
            return;
        }
        const NL: [&str; 8] = ["ij", "sch", "oe", "aa", "uu", "cht", "eu", "ui"];
        const EN: [&str; 7] = ["th", "wh", "ing", "ly", "tion", "ould", "ea"];
        let b = w.as_bytes();
        let mut nl = 0.0f32;
        let mut en = 0.0f32;
        for g in NL {
            if contains(b, g.as_bytes()) {
                nl += 0.3;
            }
        }
        for g in EN {
            if contains(b, g.as_bytes()) {
                en += 0.3;
            }
        }
        if w.ends_with("en")
            || w.ends_with("je")
            || w.ends_with("lijk")
            || w.ends_with("heid")
            || w.ends_with("tie")
        {
            nl += 0.2;
        }
        if w.ends_with("ed") || w.ends_with("'s") || w.ends_with("n't") || w.ends_with('y') {
            en += 0.2;
        }
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

#[inline]
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}
