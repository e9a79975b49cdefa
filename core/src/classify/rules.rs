//! User configuration: extra words and regex rules, and their compiled form.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use super::lexicon::{Lang, Lexicon};
use super::model::ModelWeights;
use super::{Label, SignalKind};
use crate::error::{Error, Result};

/// The largest magnitude a user word or rule weight may have. Built-in signals weigh 0.5 to
/// 2.5, so 10 already lets one user rule decide a label on its own.
pub const MAX_WEIGHT: f64 = 10.0;

/// Size limit, in bytes, of one compiled user regex (and of its lazy DFA cache). A pattern
/// over it is refused with [`Error::RegexTooBig`] instead of costing memory or time.
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;

/// A classifier's configuration: the user's words and regex rules, and optionally the
/// weights of a trained model. JSON through serde; unknown fields are errors, so a typo
/// cannot silently switch a rule off.
///
/// ```json
/// {
///   "words": [{"word": "storing", "weight": 1.5, "label": "complaint"}],
///   "rules": [{"pattern": "order \\d+ (missing|lost)", "weight": 2.0, "label": "complaint"}]
/// }
/// ```
///
/// # Example
///
/// ```
/// use webcare::{Classifier, ClassifierConfig, Context, Label};
///
/// let config = ClassifierConfig::from_json(
///     r#"{"words": [{"word": "outage map", "weight": 3.0, "label": "complaint"}]}"#,
/// )?;
/// let classifier = Classifier::from_config(config)?;
/// let c = classifier.classify("Outage map shows my street", &Context::default());
/// assert_eq!(c.label, Label::Complaint);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassifierConfig {
    /// Extra words and phrases (matched case-insensitively on word boundaries).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<WordRule>,
    /// Extra regex rules (matched on the raw text).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RegexRule>,
    /// The weights of a trained model, if any (see [`Classifier::train`](super::Classifier::train)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<ModelWeights>,
}

impl ClassifierConfig {
    /// Parses a config from JSON.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidJson`] (`invalid_json`) when the text is not JSON of this shape
    /// (unknown fields and unknown labels included). The rules themselves are checked by
    /// [`Classifier::from_config`](super::Classifier::from_config).
    pub fn from_json(json: &str) -> Result<ClassifierConfig> {
        serde_json::from_str(json).map_err(|e| Error::json(&e))
    }

    /// The config as JSON.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidJson`] (`invalid_json`) if serialization fails, which it does not for
    /// configs that [`Classifier::from_config`](super::Classifier::from_config) accepted.
    pub fn to_json(&self) -> Result<String> {
        serde_json::to_string(self).map_err(|e| Error::json(&e))
    }
}

/// A user word or phrase: text, weight, and the label it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WordRule {
    /// The word or phrase, split into words on unicode word boundaries and matched
    /// case-insensitively. `#` stands for any number, `*` for any one word.
    pub word: String,
    /// The weight, between -[`MAX_WEIGHT`] and [`MAX_WEIGHT`].
    pub weight: f64,
    /// The label it supports.
    pub label: Label,
}

/// A user regex rule: pattern, weight, and the label it supports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RegexRule {
    /// The pattern, in the syntax of the `regex` crate (linear-time matching: no
    /// backreferences or look-around).
    pub pattern: String,
    /// The weight, between -[`MAX_WEIGHT`] and [`MAX_WEIGHT`].
    pub weight: f64,
    /// The label it supports.
    pub label: Label,
    /// Whether matching ignores case (default true).
    #[serde(default = "yes")]
    pub case_insensitive: bool,
}

fn yes() -> bool {
    true
}

/// A compiled user regex rule.
#[derive(Debug, Clone)]
pub(crate) struct CompiledRule {
    pub regex: Regex,
    pub weight: f32,
    pub label: Label,
}

/// Checks a weight.
pub(crate) fn check_weight(field: impl FnOnce() -> String, w: f64) -> Result<()> {
    if w.is_finite() && w.abs() <= MAX_WEIGHT {
        Ok(())
    } else {
        Err(Error::InvalidWeight {
            field: field(),
            value: w.to_string(),
            max: MAX_WEIGHT as u64,
        })
    }
}

/// Adds the config's words to `lex` and compiles its rules.
pub(crate) fn compile(config: &ClassifierConfig, lex: &mut Lexicon) -> Result<Vec<CompiledRule>> {
    for (i, w) in config.words.iter().enumerate() {
        check_weight(|| format!("words[{i}].weight"), w.weight)?;
        if !lex.add_phrase(
            &w.word,
            SignalKind::UserWord,
            w.weight as f32,
            Lang::Any,
            w.label,
            true,
        ) {
            return Err(Error::InvalidClassifierConfig {
                field: format!("words[{i}].word"),
                reason: "a word must start with letters or digits",
            });
        }
    }
    lex.finish();
    let mut out = Vec::with_capacity(config.rules.len());
    for (i, r) in config.rules.iter().enumerate() {
        check_weight(|| format!("rules[{i}].weight"), r.weight)?;
        let regex = RegexBuilder::new(&r.pattern)
            .case_insensitive(r.case_insensitive)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| match e {
                regex::Error::CompiledTooBig(limit) => Error::RegexTooBig {
                    pattern: r.pattern.clone(),
                    limit: limit as u64,
                },
                other => Error::InvalidRegexRule {
                    pattern: r.pattern.clone(),
                    reason: other.to_string(),
                },
            })?;
        out.push(CompiledRule {
            regex,
            weight: r.weight as f32,
            label: r.label,
        });
    }
    Ok(out)
}
