//! Complaint classification in English and Dutch: explained, configurable and trainable.
//!
//! [`Classifier::classify`] reads a message and returns a [`Classification`]: a
//! [`Label`] (complaint, question, praise, other) with a score per label, a [`Severity`],
//! the detected [`Language`] and the [`Signal`]s behind it, each with a byte span so a user
//! interface can highlight it.
//!
//! The built-in rules are English and Dutch lexicons written by the project (negative and
//! positive wording with negation and intensifiers, still-waiting and elapsed-time phrases,
//! broken promises, churn, media and legal threats, #fail hashtags, profanity, shouting,
//! repeated punctuation, emoji, questions, thanks). Users add words and regex rules through
//! a [`ClassifierConfig`], and can fit a linear model on their own labelled history with
//! [`Classifier::train`]; the model uses the rule signals as features and is combined with
//! the rules.
//!
//! # Example
//!
//! ```
//! use webcare::{Channel, Classifier, Context, Label, SeverityLevel, SignalKind};
//!
//! let classifier = Classifier::default();
//! let text = "Al 3 keer gebeld en nog steeds geen internet. Ik ga overstappen!";
//! let ctx = Context { channel: Some(Channel::X), reach: Some(40_000), promoted: false };
//! let c = classifier.classify(text, &ctx);
//! assert_eq!(c.label, Label::Complaint);
//! assert_eq!(c.language.code(), "nl");
//! let churn = c.signals.iter().find(|s| s.kind == SignalKind::ChurnThreat).unwrap();
//! assert_eq!(&text[churn.span.clone()], "overstappen");
//! assert!(c.severity.level >= SeverityLevel::Accusation);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod batch;
mod engine;
mod language;
mod lexicon;
mod model;
mod rules;
mod signal;
mod tokenize;

use std::cell::RefCell;
use std::fmt;
use std::str::FromStr;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::channel::Channel;
use crate::error::{Error, Result};

pub use language::Language;
pub use model::{ModelWeights, TrainOptions};
pub use rules::{ClassifierConfig, RegexRule, WordRule, MAX_WEIGHT, REGEX_SIZE_LIMIT};
pub use signal::{Signal, SignalKind};

use engine::Scratch;
use lexicon::Lexicon;
use model::{Features, Model};
use rules::CompiledRule;

/// What a message is, for a care desk.
///
/// Serialized lowercase: `complaint`, `question`, `praise`, `other`.
///
/// # Example
///
/// ```
/// use webcare::Label;
///
/// let l: Label = "Complaint".parse()?;
/// assert_eq!(l, Label::Complaint);
/// assert_eq!(l.code(), "complaint");
/// assert_eq!("compliant".parse::<Label>().unwrap_err().code(), "unknown_label");
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Label {
    /// The customer reproaches the company: something went wrong and it is the company's
    /// to put right.
    Complaint,
    /// The customer asks for information or help, without reproach.
    Question,
    /// The customer thanks or praises the company.
    Praise,
    /// Anything else: a remark, a mention, news.
    Other,
}

impl Label {
    /// Every label, in the order of [`LabelScores`].
    pub const ALL: [Label; 4] = [
        Label::Complaint,
        Label::Question,
        Label::Praise,
        Label::Other,
    ];

    /// The lowercase code.
    pub fn code(self) -> &'static str {
        match self {
            Label::Complaint => "complaint",
            Label::Question => "question",
            Label::Praise => "praise",
            Label::Other => "other",
        }
    }

    pub(crate) fn index(self) -> usize {
        match self {
            Label::Complaint => 0,
            Label::Question => 1,
            Label::Praise => 2,
            Label::Other => 3,
        }
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl FromStr for Label {
    type Err = Error;

    /// Parses a label code, ignoring ASCII case and surrounding white space.
    ///
    /// # Errors
    ///
    /// [`Error::UnknownLabel`] (`unknown_label`) for any other name.
    fn from_str(s: &str) -> Result<Self> {
        let t = s.trim();
        Label::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(t))
            .ok_or_else(|| Error::UnknownLabel { name: s.into() })
    }
}

/// A probability per label; they sum to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct LabelScores {
    /// Probability of [`Label::Complaint`].
    pub complaint: f64,
    /// Probability of [`Label::Question`].
    pub question: f64,
    /// Probability of [`Label::Praise`].
    pub praise: f64,
    /// Probability of [`Label::Other`].
    pub other: f64,
}

impl LabelScores {
    /// The score of `label`.
    pub fn get(&self, label: Label) -> f64 {
        match label {
            Label::Complaint => self.complaint,
            Label::Question => self.question,
            Label::Praise => self.praise,
            Label::Other => self.other,
        }
    }

    fn from_array(p: [f64; 4]) -> LabelScores {
        let [complaint, question, praise, other] = p;
        LabelScores {
            complaint,
            question,
            praise,
            other,
        }
    }
}

/// How severe a complaint is, on the four-step scale of the complaints literature
/// (Trosborg 1995; Jin & Aletras 2021), plus `none` for messages that are no complaint.
///
/// Ordered: `None < NoExplicitReproach < Disapproval < Accusation < Blame`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SeverityLevel {
    /// Not a complaint (level 0).
    None,
    /// A problem is stated without reproaching anyone (level 1): "my parcel has not arrived".
    NoExplicitReproach,
    /// The customer expresses disapproval (level 2): "really disappointed with the delivery".
    Disapproval,
    /// The customer says the company did something wrong (level 3): "you promised Monday".
    Accusation,
    /// The customer holds the company responsible and threatens consequences (level 4):
    /// "my lawyer will contact you", profanity with threats.
    Blame,
}

impl SeverityLevel {
    /// The snake_case code of the level, as in JSON: `none`, `no_explicit_reproach`,
    /// `disapproval`, `accusation` or `blame`.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::SeverityLevel;
    ///
    /// assert_eq!(SeverityLevel::NoExplicitReproach.code(), "no_explicit_reproach");
    /// let json = serde_json::to_string(&SeverityLevel::Blame)?;
    /// assert_eq!(json, format!("\"{}\"", SeverityLevel::Blame.code()));
    /// # Ok::<(), serde_json::Error>(())
    /// ```
    pub fn code(self) -> &'static str {
        match self {
            SeverityLevel::None => "none",
            SeverityLevel::NoExplicitReproach => "no_explicit_reproach",
            SeverityLevel::Disapproval => "disapproval",
            SeverityLevel::Accusation => "accusation",
            SeverityLevel::Blame => "blame",
        }
    }

    /// The level as a number, 0 (none) to 4 (blame).
    pub fn rank(self) -> u8 {
        match self {
            SeverityLevel::None => 0,
            SeverityLevel::NoExplicitReproach => 1,
            SeverityLevel::Disapproval => 2,
            SeverityLevel::Accusation => 3,
            SeverityLevel::Blame => 4,
        }
    }
}

/// The severity of a message: a score from 0 to 1 and a [`SeverityLevel`].
///
/// The score grows with the complaint evidence and is raised by the [`Context`] (reach,
/// promoted post, public channel). The level is `none` unless the label is complaint; for
/// complaints it follows the score, with floors for the kinds of evidence that define a
/// level (a broken promise is at least an accusation, a legal or media threat is blame).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Severity {
    /// From 0 (no complaint evidence) to 1.
    pub score: f64,
    /// The level on the four-step scale.
    pub level: SeverityLevel,
}

/// Where and by whom a message was posted. It raises severity; it never changes the label.
///
/// # Example
///
/// ```
/// use webcare::{Channel, Classifier, Context};
///
/// let c = Classifier::default();
/// let text = "Still no refund after 6 weeks";
/// let quiet = c.classify(text, &Context::default());
/// let loud = c.classify(text, &Context { channel: Some(Channel::X), reach: Some(250_000), promoted: true });
/// assert_eq!(quiet.label, loud.label);
/// assert!(loud.severity.score > quiet.severity.score);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Context {
    /// The channel it came in on; a public channel raises severity.
    pub channel: Option<Channel>,
    /// The author's reach (followers); it raises severity on a log scale.
    pub reach: Option<u64>,
    /// Whether the post was promoted (paid for), which multiplies its audience.
    pub promoted: bool,
}

impl Context {
    /// The factor by which the context raises severity: 1 for no context.
    fn factor(&self) -> f64 {
        let mut f = 1.0;
        if self.channel.as_ref().is_some_and(Channel::is_public) {
            f += 0.1;
        }
        if let Some(reach) = self.reach {
            f += 0.06 * (1.0 + reach as f64).log10();
        }
        if self.promoted {
            f += 0.25;
        }
        f
    }
}

/// The result of [`Classifier::classify`].
///
/// Its JSON form ([`Classification::to_json`], [`Classification::from_json`]) is the serde
/// form: `{"label", "scores", "severity": {"score", "level"}, "language", "signals"}` with
/// signal spans as UTF-8 byte ranges `{"start", "end"}`; `scores` and `signals` may be left
/// out when reading (zero scores, no signals), so a classification made elsewhere can be
/// given by label, severity and language alone.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    /// The most likely label.
    pub label: Label,
    /// A probability per label.
    #[serde(default)]
    pub scores: LabelScores,
    /// How severe the message is.
    pub severity: Severity,
    /// The detected language.
    pub language: Language,
    /// Every reason found, ordered by span.
    #[serde(default)]
    pub signals: Vec<Signal>,
}

impl Classification {
    /// Reads a classification from its JSON form.
    ///
    /// # Errors
    ///
    /// `invalid_json` for malformed JSON or a missing or mistyped field; `invalid_option`
    /// (option `severity.score`) when the severity score is not a number from 0 to 1.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Classification, Label, SeverityLevel};
    ///
    /// let c = Classification::from_json(r#"{"label": "complaint", "language": "nl",
    ///     "severity": {"score": 0.5, "level": "accusation"}}"#)?;
    /// assert_eq!(c.label, Label::Complaint);
    /// assert_eq!(c.severity.level, SeverityLevel::Accusation);
    /// assert!(c.signals.is_empty());
    /// assert_eq!(Classification::from_json(&c.to_json())?, c);
    /// # Ok::<(), webcare::Error>(())
    /// ```
    pub fn from_json(json: &str) -> Result<Classification> {
        let c: Classification = serde_json::from_str(json)?;
        let score = c.severity.score;
        if !(0.0..=1.0).contains(&score) {
            return Err(Error::InvalidOption {
                option: "severity.score",
                value: score.to_string(),
                reason: "must be a number from 0 to 1",
            });
        }
        Ok(c)
    }

    /// The classification as JSON text (the form [`Classification::from_json`] reads).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

thread_local! {
    /// Token buffers reused across calls on one thread, so classifying does not allocate
    /// them anew for every message.
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The classifier: built-in lexicons, the user's words and rules, and optionally a trained
/// model. Build it once and share it: it is `Send + Sync`, and classifying takes `&self`.
///
/// # Example
///
/// ```
/// use webcare::{Classifier, Context, Label};
///
/// let c = Classifier::default();
/// let ctx = Context::default();
/// assert_eq!(c.classify("I'm not happy, my order was supposed to arrive yesterday", &ctx).label, Label::Complaint);
/// assert_eq!(c.classify("How do I change my delivery address?", &ctx).label, Label::Question);
/// assert_eq!(c.classify("Thanks for the quick help, great service!", &ctx).label, Label::Praise);
/// assert_eq!(c.classify("Bedankt, top geholpen!", &ctx).label, Label::Praise);
/// ```
#[derive(Debug, Clone)]
pub struct Classifier {
    config: ClassifierConfig,
    lexicon: Lexicon,
    rules: Vec<CompiledRule>,
    model: Option<Model>,
}

impl Default for Classifier {
    /// The built-in English and Dutch rules, no user rules, no model.
    fn default() -> Self {
        Classifier {
            config: ClassifierConfig::default(),
            lexicon: Lexicon::builtin(),
            rules: Vec::new(),
            model: None,
        }
    }
}

/// The threshold that each label's rule evidence must pass to beat `other`.
const RULE_BIAS: [f64; 4] = [0.75, 1.0, 1.0, 0.0];

impl Classifier {
    /// A classifier with the built-in rules plus the config's words, rules and model.
    ///
    /// # Errors
    ///
    /// - [`Error::InvalidRegexRule`] (`invalid_regex_rule`) for a pattern that does not parse.
    /// - [`Error::RegexTooBig`] (`regex_too_big`) for a pattern over [`REGEX_SIZE_LIMIT`].
    /// - [`Error::InvalidWeight`] (`invalid_weight`) for a weight that is not finite or over
    ///   [`MAX_WEIGHT`].
    /// - [`Error::InvalidClassifierConfig`] (`invalid_classifier_config`) for a word without
    ///   letters or model weights whose sizes do not fit.
    /// - [`Error::LabelCountMismatch`] (`label_count_mismatch`) for model rows with the wrong
    ///   number of labels.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Classifier, ClassifierConfig, Label, RegexRule};
    ///
    /// let config = ClassifierConfig {
    ///     rules: vec![RegexRule {
    ///         pattern: "(a+)+{1000}{1000}".into(),
    ///         weight: 1.0,
    ///         label: Label::Complaint,
    ///         case_insensitive: true,
    ///     }],
    ///     ..ClassifierConfig::default()
    /// };
    /// let err = Classifier::from_config(config).unwrap_err();
    /// assert_eq!(err.code(), "regex_too_big");
    /// ```
    pub fn from_config(config: ClassifierConfig) -> Result<Classifier> {
        let mut lexicon = Lexicon::builtin();
        let rules = rules::compile(&config, &mut lexicon)?;
        let model = config.model.as_ref().map(Model::from_weights).transpose()?;
        Ok(Classifier {
            config,
            lexicon,
            rules,
            model,
        })
    }

    /// A classifier from a JSON [`ClassifierConfig`] (as written by [`Classifier::to_json`]).
    ///
    /// # Errors
    ///
    /// [`Error::InvalidJson`] (`invalid_json`) for text that is not a config, and every error
    /// of [`Classifier::from_config`].
    pub fn from_json(json: &str) -> Result<Classifier> {
        Classifier::from_config(ClassifierConfig::from_json(json)?)
    }

    /// The configuration, with the trained model's weights if there is one.
    pub fn config(&self) -> &ClassifierConfig {
        &self.config
    }

    /// The configuration as JSON, trained weights included; [`Classifier::from_json`] loads it.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidJson`] (`invalid_json`) if serialization fails (it does not in practice).
    pub fn to_json(&self) -> Result<String> {
        self.config.to_json()
    }

    /// Whether a trained model is part of this classifier.
    pub fn has_model(&self) -> bool {
        self.model.is_some()
    }

    /// Classifies one message. Linear in the length of the text; never panics.
    pub fn classify(&self, text: &str, context: &Context) -> Classification {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                let out = self.classify_with(text, context, &mut scratch);
                // Do not keep the buffers of one huge text alive for the thread's lifetime.
                if scratch.toks.capacity() > 1 << 16 {
                    *scratch = Scratch::default();
                }
                out
            }
            Err(_) => self.classify_with(text, context, &mut Scratch::default()),
        })
    }

    /// Classifies UTF-8 bytes.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidUtf8`] (`invalid_encoding`) with the offset of the first invalid byte.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Classifier, Context, Error};
    ///
    /// let c = Classifier::default();
    /// let err = c.classify_bytes(b"fine \xff", &Context::default()).unwrap_err();
    /// assert!(matches!(err, Error::InvalidUtf8 { offset: 5 }));
    /// let ok = c.classify_bytes("bedankt!".as_bytes(), &Context::default())?;
    /// assert_eq!(ok.label.code(), "praise");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn classify_bytes(&self, bytes: &[u8], context: &Context) -> Result<Classification> {
        let text = std::str::from_utf8(bytes).map_err(|e| Error::InvalidUtf8 {
            offset: e.valid_up_to() as u64,
        })?;
        Ok(self.classify(text, context))
    }

    /// Classifies many messages on all cores (rayon's global pool), in input order.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Classifier, Context, Label};
    ///
    /// let c = Classifier::default();
    /// let out = c.classify_batch(&["Still waiting!!", "Dank je wel"], &Context::default());
    /// assert_eq!(out[0].label, Label::Complaint);
    /// assert_eq!(out[1].label, Label::Praise);
    /// ```
    pub fn classify_batch<T: AsRef<str> + Sync>(
        &self,
        texts: &[T],
        context: &Context,
    ) -> Vec<Classification> {
        texts
            .par_iter()
            .map(|t| self.classify(t.as_ref(), context))
            .collect()
    }

    /// Fits a model on labelled examples with the built-in rules, and returns the classifier
    /// that combines both. Deterministic for a seed (`options.seed`).
    ///
    /// # Errors
    ///
    /// - [`Error::EmptyTrainingSet`] (`empty_training_set`) for no examples.
    /// - [`Error::InvalidClassifierConfig`] (`invalid_classifier_config`) for examples of only
    ///   one label, or options out of range.
    ///
    /// # Example
    ///
    /// ```
    /// use webcare::{Classifier, Context, Label, TrainOptions};
    ///
    /// let examples = [
    ///     ("my parcel never arrived", Label::Complaint),
    ///     ("the app keeps crashing", Label::Complaint),
    ///     ("new store opening in Utrecht", Label::Other),
    ///     ("watching the match tonight", Label::Other),
    /// ];
    /// let c = Classifier::train(&examples, &TrainOptions::default())?;
    /// assert!(c.has_model());
    /// let again = Classifier::from_json(&c.to_json()?)?;
    /// let text = "parcel never arrived";
    /// assert_eq!(c.classify(text, &Context::default()), again.classify(text, &Context::default()));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn train<S: AsRef<str> + Sync>(
        examples: &[(S, Label)],
        options: &TrainOptions,
    ) -> Result<Classifier> {
        Classifier::default().fit(examples, options)
    }

    /// Like [`Classifier::train`], with texts and labels in two lists (as the bindings pass
    /// them).
    ///
    /// # Errors
    ///
    /// [`Error::LabelCountMismatch`] (`label_count_mismatch`) when the lists differ in
    /// length, and the errors of [`Classifier::train`].
    pub fn train_texts<S: AsRef<str> + Sync>(
        texts: &[S],
        labels: &[Label],
        options: &TrainOptions,
    ) -> Result<Classifier> {
        if texts.len() != labels.len() {
            return Err(Error::LabelCountMismatch {
                texts: texts.len() as u64,
                labels: labels.len() as u64,
            });
        }
        let examples: Vec<(&str, Label)> = texts
            .iter()
            .zip(labels)
            .map(|(t, l)| (t.as_ref(), *l))
            .collect();
        Classifier::train(&examples, options)
    }

    /// Fits a model with this classifier's rules (built-in and user) as features, and returns
    /// a classifier with these rules and the new model (replacing any previous one).
    ///
    /// # Errors
    ///
    /// As [`Classifier::train`].
    pub fn fit<S: AsRef<str> + Sync>(
        &self,
        examples: &[(S, Label)],
        options: &TrainOptions,
    ) -> Result<Classifier> {
        if examples.is_empty() {
            return Err(Error::EmptyTrainingSet);
        }
        let featurized: Vec<(Features, Label)> = examples
            .par_iter()
            .map(|(text, label)| {
                let mut feats = Features::new();
                let mut scratch = Scratch::default();
                let mut signals = Vec::new();
                let text = text.as_ref();
                self.scan(text, &mut scratch, &mut signals);
                model::features(
                    text,
                    &scratch.toks,
                    scratch.shape,
                    &signals,
                    options.hash_bits.clamp(10, 24),
                    options.char_ngrams,
                    &mut feats,
                );
                (feats, *label)
            })
            .collect();
        let model = Model::fit(&featurized, options)?;
        let mut config = self.config.clone();
        config.model = Some(model.to_weights());
        Ok(Classifier {
            config,
            lexicon: self.lexicon.clone(),
            rules: self.rules.clone(),
            model: Some(model),
        })
    }

    /// Runs the built-in and user rules; returns the language.
    fn scan(&self, text: &str, scratch: &mut Scratch, signals: &mut Vec<Signal>) -> Language {
        let scan = engine::scan(&self.lexicon, text, scratch, signals);
        if !self.rules.is_empty() {
            for rule in &self.rules {
                for m in rule.regex.find_iter(text) {
                    if !m.is_empty() {
                        signals.push(Signal {
                            kind: SignalKind::UserRule,
                            label: rule.label,
                            weight: f64::from(rule.weight),
                            span: m.start()..m.end(),
                        });
                    }
                }
            }
            signals.sort_by_key(|s| (s.span.start, s.span.end));
        }
        scan.language
    }

    fn classify_with(
        &self,
        text: &str,
        context: &Context,
        scratch: &mut Scratch,
    ) -> Classification {
        let mut signals = Vec::new();
        let language = self.scan(text, scratch, &mut signals);

        // Evidence per label. Shouting and repeated punctuation amplify whichever of
        // complaint and praise is ahead; questions count at most twice.
        let mut ev = [0.0f64; 4];
        let mut amplify = 0.0;
        for s in &signals {
            match s.kind {
                SignalKind::Shouting | SignalKind::RepeatedPunctuation => amplify += s.weight,
                _ => {
                    if let Some(e) = ev.get_mut(s.label.index()) {
                        *e += s.weight;
                    }
                }
            }
        }
        // A question that also reproaches ("why is my order still not here?") is a
        // complaint first: complaint evidence (of at least one strong signal) halves the weight of
        // question evidence.
        ev[1] = ev[1].min(2.0);
        if ev[0] >= 1.0 {
            ev[1] *= 0.5;
        }
        if ev[0] > 0.0 || ev[2] > 0.0 {
            if ev[0] >= ev[2] {
                ev[0] += amplify;
            } else {
                ev[2] += amplify;
            }
        }
        let mut logits = [0.0f64; 4];
        for ((l, e), b) in logits.iter_mut().zip(ev).zip(RULE_BIAS) {
            *l = e - b;
        }
        let rule_p = softmax4(logits);
        let (p, label) = match &self.model {
            Some(model) => {
                let mut feats = Features::new();
                model::features(
                    text,
                    &scratch.toks,
                    scratch.shape,
                    &signals,
                    model.bits(),
                    model.char_ngrams(),
                    &mut feats,
                );
                let mut mp = Vec::new();
                model.predict(&feats, &mut mp);
                let p = combine(&model.labels, &mp, rule_p);
                // The model decides among its own labels; when its catch-all `other` wins,
                // the labels it never saw compete with `other` on the combined scores.
                let mut winner = Label::Other;
                let mut best = f32::NEG_INFINITY;
                for (l, v) in model.labels.iter().zip(&mp) {
                    if *v > best {
                        best = *v;
                        winner = *l;
                    }
                }
                let label = if winner == Label::Other {
                    argmax(p, |l| !model.labels.contains(&l) || l == Label::Other)
                } else {
                    winner
                };
                (p, label)
            }
            None => (rule_p, argmax(rule_p, |_| true)),
        };
        let severity = severity(ev[0], label, &signals, context);
        Classification {
            label,
            scores: LabelScores::from_array(p),
            severity,
            language,
            signals,
        }
    }
}

/// The label with the highest score among those `allowed`; ties go to the earlier label.
fn argmax(p: [f64; 4], allowed: impl Fn(Label) -> bool) -> Label {
    let mut label = Label::Other;
    let mut best = f64::NEG_INFINITY;
    for l in Label::ALL {
        if allowed(l) && p[l.index()] > best {
            best = p[l.index()];
            label = l;
        }
    }
    label
}

fn softmax4(z: [f64; 4]) -> [f64; 4] {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e = z.map(|v| (v - max).exp());
    let sum: f64 = e.iter().sum();
    e.map(|v| v / sum)
}

/// Combines the model's probabilities over the labels it was trained on with the rules'
/// probabilities over all four. The model decides its own labels; labels it never saw
/// share the probability of its catch-all `other` (or, without `other`, keep the rules'
/// probability), split in proportion to the rules.
fn combine(labels: &[Label], mp: &[f32], rule_p: [f64; 4]) -> [f64; 4] {
    let mut p = [0.0f64; 4];
    let mut known = [false; 4];
    for (l, &v) in labels.iter().zip(mp) {
        p[l.index()] = f64::from(v);
        known[l.index()] = true;
    }
    let residual: Vec<usize> = (0..4).filter(|&i| !known[i]).collect();
    if residual.is_empty() {
        return p;
    }
    if known[Label::Other.index()] {
        let other = Label::Other.index();
        let mass = p[other];
        let group: Vec<usize> = residual.iter().copied().chain([other]).collect();
        let total: f64 = group.iter().map(|&i| rule_p[i]).sum();
        if total > 0.0 {
            for &i in &group {
                p[i] = mass * rule_p[i] / total;
            }
        }
    } else {
        let m: f64 = residual.iter().map(|&i| rule_p[i]).sum();
        for (i, v) in p.iter_mut().enumerate() {
            if known[i] {
                *v *= 1.0 - m;
            } else {
                *v = rule_p[i];
            }
        }
    }
    p
}

fn severity(
    complaint_evidence: f64,
    label: Label,
    signals: &[Signal],
    context: &Context,
) -> Severity {
    let base = 1.0 - (-complaint_evidence.max(0.0) / 4.0).exp();
    let factor = context.factor();
    // x^1 is x exactly; skipping the call saves its cost for the common empty context.
    let score = if factor == 1.0 {
        1.0 - (1.0 - base)
    } else {
        1.0 - (1.0 - base).powf(factor)
    };
    let level = if label != Label::Complaint {
        SeverityLevel::None
    } else {
        let by_score = match score {
            s if s < 0.35 => SeverityLevel::NoExplicitReproach,
            s if s < 0.6 => SeverityLevel::Disapproval,
            s if s < 0.85 => SeverityLevel::Accusation,
            _ => SeverityLevel::Blame,
        };
        let floor = signals
            .iter()
            .map(|s| match s.kind {
                SignalKind::LegalThreat | SignalKind::MediaThreat => SeverityLevel::Blame,
                SignalKind::BrokenPromise | SignalKind::ChurnThreat | SignalKind::Profanity => {
                    SeverityLevel::Accusation
                }
                SignalKind::NegativeWord
                | SignalKind::NegatedPositive
                | SignalKind::NegativeEmoji
                | SignalKind::FailHashtag => SeverityLevel::Disapproval,
                _ => SeverityLevel::NoExplicitReproach,
            })
            .max()
            .unwrap_or(SeverityLevel::NoExplicitReproach);
        by_score.max(floor)
    };
    Severity { score, level }
}
