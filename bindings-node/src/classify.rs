//! `Classifier`, wrapping `webcare::classify`. Results come back as plain objects.
//!
//! Spans cross as UTF-16 offsets into the classified string, so `text.slice(start, end)` is
//! the matched text. A JS string with a lone surrogate (which has no UTF-8 form) is read
//! with each lone surrogate replaced by U+FFFD, as Node-API converts strings; since both
//! are one UTF-16 unit, offsets still index the original string.

use std::sync::Arc;

use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::*;
use napi::JsString;
use napi_derive::napi;
use serde_json::Value;
use webcare::span::{convert_offsets, OffsetUnit};
use webcare::{Context, Error, Label, SeverityLevel, SignalKind, TrainOptions};

use crate::convert::{catch as caught, guard};
use crate::error::to_js;

/// Where and by whom a message was posted. It raises severity; it never changes the label.
#[napi(object)]
#[derive(Debug, Default)]
pub struct ClassifyContext {
    /// The channel's name (`x`, `email`, ..., `custom:<name>`); a public channel raises severity.
    pub channel: Option<String>,
    /// The author's reach (followers); it raises severity on a log scale.
    pub reach: Option<f64>,
    /// Whether the post was promoted (paid for).
    pub promoted: Option<bool>,
}

/// A probability per label; they sum to 1.
#[napi(object)]
#[derive(Debug)]
pub struct LabelScores {
    /// Probability of `complaint`.
    pub complaint: f64,
    /// Probability of `question`.
    pub question: f64,
    /// Probability of `praise`.
    pub praise: f64,
    /// Probability of `other`.
    pub other: f64,
}

/// One reason behind a classification: what matched, how much it weighs, and where.
#[napi(object)]
#[derive(Debug)]
pub struct Signal {
    /// What kind of evidence this is (a stable snake_case code such as `still_waiting`).
    pub kind: String,
    /// The label it supports.
    #[napi(ts_type = "'complaint' | 'question' | 'praise' | 'other'")]
    pub label: String,
    /// How strongly it counts towards its label (after negation and intensifiers).
    pub weight: f64,
    /// UTF-16 offset of the start of the matched text (`text.slice(start, end)`).
    pub start: u32,
    /// UTF-16 offset just past the end of the matched text.
    pub end: u32,
}

/// The result of `classify`: a label with a score per label, the severity, the detected
/// language and the signals behind it.
#[napi(object)]
#[derive(Debug)]
pub struct Classification {
    /// The most likely label.
    #[napi(ts_type = "'complaint' | 'question' | 'praise' | 'other'")]
    pub label: String,
    /// A probability per label.
    pub scores: LabelScores,
    /// The severity score, from 0 (no complaint evidence) to 1; raised by the context.
    pub severity: f64,
    /// The severity level (`none` when the message is no complaint).
    #[napi(ts_type = "'none' | 'no_explicit_reproach' | 'disapproval' | 'accusation' | 'blame'")]
    pub severity_level: String,
    /// The detected language.
    #[napi(ts_type = "'en' | 'nl' | 'unknown'")]
    pub language: String,
    /// Every reason found, ordered by span.
    pub signals: Vec<Signal>,
}

/// The snake_case code of a severity level, as core serializes it.
fn level_code(level: SeverityLevel) -> String {
    match serde_json::to_value(level) {
        Ok(Value::String(code)) => code,
        _ => format!("{level:?}"),
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A core result as a plain object, its UTF-8 byte spans converted to UTF-16 offsets of `text`.
fn result(text: &str, c: webcare::Classification) -> Classification {
    let offsets: Vec<usize> = c
        .signals
        .iter()
        .flat_map(|s| [s.span.start, s.span.end])
        .collect();
    let units = convert_offsets(text, &offsets, OffsetUnit::Utf16);
    Classification {
        label: c.label.code().to_owned(),
        scores: LabelScores {
            complaint: c.scores.complaint,
            question: c.scores.question,
            praise: c.scores.praise,
            other: c.scores.other,
        },
        severity: c.severity.score,
        severity_level: level_code(c.severity.level),
        language: c.language.code().to_owned(),
        signals: c
            .signals
            .iter()
            .zip(units.chunks_exact(2))
            .map(|(s, u)| Signal {
                kind: s.kind.code().to_owned(),
                label: s.label.code().to_owned(),
                weight: s.weight,
                start: to_u32(u[0]),
                end: to_u32(u[1]),
            })
            .collect(),
    }
}

/// JS strings made once per call and reused for every result: the property names, and the
/// codes of labels, signal kinds, severity levels and languages. Creating a JS string is
/// most of the cost of a result object, so a result built with these costs a fraction of
/// one converted field by field (the shape is the same as [`Classification`]).
struct Names<'env> {
    env: &'env Env,
    label: JsString<'env>,
    scores: JsString<'env>,
    severity: JsString<'env>,
    severity_level: JsString<'env>,
    language: JsString<'env>,
    signals: JsString<'env>,
    kind: JsString<'env>,
    weight: JsString<'env>,
    start: JsString<'env>,
    end: JsString<'env>,
    /// In the order of `Label::ALL` (also the names of the score properties).
    labels: Vec<JsString<'env>>,
    /// In the order of `SignalKind::ALL`, made when first needed.
    kinds: Vec<Option<JsString<'env>>>,
    /// Other codes met so far, by code.
    codes: Vec<(String, JsString<'env>)>,
}

impl<'env> Names<'env> {
    fn new(env: &'env Env) -> Result<Self> {
        let s = |name: &str| env.create_string(name);
        Ok(Names {
            env,
            label: s("label")?,
            scores: s("scores")?,
            severity: s("severity")?,
            severity_level: s("severityLevel")?,
            language: s("language")?,
            signals: s("signals")?,
            kind: s("kind")?,
            weight: s("weight")?,
            start: s("start")?,
            end: s("end")?,
            labels: Label::ALL
                .iter()
                .map(|l| s(l.code()))
                .collect::<Result<_>>()?,
            kinds: vec![None; SignalKind::ALL.len()],
            codes: Vec::new(),
        })
    }

    fn label(&self, label: Label) -> Result<JsString<'env>> {
        let i = Label::ALL.iter().position(|l| *l == label);
        match i.and_then(|i| self.labels.get(i)) {
            Some(js) => Ok(*js),
            None => self.env.create_string(label.code()),
        }
    }

    fn kind(&mut self, kind: SignalKind) -> Result<JsString<'env>> {
        let slot = SignalKind::ALL
            .binary_search(&kind)
            .ok()
            .and_then(|i| self.kinds.get_mut(i));
        match slot {
            Some(Some(js)) => Ok(*js),
            Some(slot) => {
                let js = self.env.create_string(kind.code())?;
                *slot = Some(js);
                Ok(js)
            }
            None => self.env.create_string(kind.code()),
        }
    }

    fn code(&mut self, code: &str) -> Result<JsString<'env>> {
        if let Some((_, js)) = self.codes.iter().find(|(c, _)| c == code) {
            return Ok(*js);
        }
        let js = self.env.create_string(code)?;
        self.codes.push((code.to_owned(), js));
        Ok(js)
    }

    /// A core result as a JS object of the shape of [`Classification`], its UTF-8 byte
    /// spans converted to UTF-16 offsets of `text`.
    fn result(&mut self, text: &str, c: &webcare::Classification) -> Result<Object<'env>> {
        let env = self.env;
        let offsets: Vec<usize> = c
            .signals
            .iter()
            .flat_map(|s| [s.span.start, s.span.end])
            .collect();
        let units = convert_offsets(text, &offsets, OffsetUnit::Utf16);
        let mut obj = Object::new(env)?;
        obj.set_property(self.label, self.label(c.label)?)?;
        let mut scores = Object::new(env)?;
        for (name, l) in self.labels.iter().zip(Label::ALL) {
            scores.set_property(*name, env.create_double(c.scores.get(l))?)?;
        }
        obj.set_property(self.scores, scores)?;
        obj.set_property(self.severity, env.create_double(c.severity.score)?)?;
        let level = self.code(&level_code(c.severity.level))?;
        obj.set_property(self.severity_level, level)?;
        let language = self.code(c.language.code())?;
        obj.set_property(self.language, language)?;
        let mut signals = env.create_array(to_u32(c.signals.len()))?;
        for (i, (s, u)) in c.signals.iter().zip(units.chunks_exact(2)).enumerate() {
            let mut sig = Object::new(env)?;
            sig.set_property(self.kind, self.kind(s.kind)?)?;
            sig.set_property(self.label, self.label(s.label)?)?;
            sig.set_property(self.weight, env.create_double(s.weight)?)?;
            sig.set_property(self.start, env.create_uint32(to_u32(u[0]))?)?;
            sig.set_property(self.end, env.create_uint32(to_u32(u[1]))?)?;
            signals.set(to_u32(i), sig)?;
        }
        obj.set_property(self.signals, signals)?;
        Ok(obj)
    }
}

fn context(ctx: Option<ClassifyContext>) -> std::result::Result<Context, Error> {
    let mut out = Context::default();
    let Some(ctx) = ctx else {
        return Ok(out);
    };
    if let Some(channel) = ctx.channel {
        out.channel = Some(channel.parse()?);
    }
    if let Some(reach) = ctx.reach {
        if !(reach.is_finite() && reach >= 0.0) {
            return Err(Error::InvalidOption {
                option: "reach",
                value: reach.to_string(),
                reason: "must be a non-negative finite number of followers",
            });
        }
        // Finite and non-negative: `as` truncates a fraction and saturates above u64::MAX.
        out.reach = Some(reach as u64);
    }
    if let Some(promoted) = ctx.promoted {
        out.promoted = promoted;
    }
    Ok(out)
}

fn train_options(options_json: Option<&str>) -> std::result::Result<TrainOptions, Error> {
    let Some(text) = options_json else {
        return Ok(TrainOptions::default());
    };
    serde_json::from_str(text).map_err(|e| Error::InvalidJson {
        message: e.to_string(),
        line: e.line(),
        column: e.column(),
    })
}

fn parse_labels(labels: &[String]) -> std::result::Result<Vec<Label>, Error> {
    labels.iter().map(|l| l.parse::<Label>()).collect()
}

/// Checks the arguments of `train` and trains.
fn train(
    texts: &[String],
    labels: &[String],
    options_json: Option<&str>,
) -> std::result::Result<webcare::Classifier, Error> {
    let options = train_options(options_json)?;
    let labels = parse_labels(labels)?;
    webcare::Classifier::train_texts(texts, &labels, &options)
}

/// The work of `classifyBatchAsync`.
#[derive(Debug)]
pub struct ClassifyBatchTask {
    classifier: Arc<webcare::Classifier>,
    texts: Vec<String>,
    ctx: Option<ClassifyContext>,
}

#[napi]
impl Task for ClassifyBatchTask {
    type Output = std::result::Result<Vec<Classification>, Error>;
    type JsValue = Vec<Classification>;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(caught(|| {
            let ctx = context(self.ctx.take())?;
            let out = self.classifier.classify_batch(&self.texts, &ctx);
            Ok(self
                .texts
                .iter()
                .zip(out)
                .map(|(t, c)| result(t, c))
                .collect())
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        output.map_err(|e| to_js(&env, e))
    }
}

/// The work of `Classifier.trainAsync`.
#[derive(Debug)]
pub struct TrainTask {
    texts: Vec<String>,
    labels: Vec<String>,
    options_json: Option<String>,
}

#[napi]
impl Task for TrainTask {
    type Output = std::result::Result<webcare::Classifier, Error>;
    type JsValue = JsClassifier;

    fn compute(&mut self) -> Result<Self::Output> {
        Ok(caught(|| {
            train(&self.texts, &self.labels, self.options_json.as_deref())
        }))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> Result<Self::JsValue> {
        output
            .map(|c| JsClassifier(Arc::new(c)))
            .map_err(|e| to_js(&env, e))
    }
}

/// The classifier: built-in English and Dutch rules, the user's words and regex rules, and
/// optionally a trained model.
///
/// `new Classifier()` has the built-in rules only; `new Classifier(configJson)` adds a JSON
/// config (`{"words": [...], "rules": [...], "model": {...}}`). A bad config throws an
/// `Error` whose `code` names the problem (`invalid_json`, `invalid_regex_rule`,
/// `regex_too_big`, `invalid_weight`, ...).
#[napi(js_name = "Classifier")]
#[derive(Debug)]
pub struct JsClassifier(pub(crate) Arc<webcare::Classifier>);

#[napi]
impl JsClassifier {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, config_json: Option<String>) -> Result<Self> {
        match config_json {
            None => Ok(JsClassifier(Arc::new(webcare::Classifier::default()))),
            Some(text) => JsClassifier::from_json(env, text),
        }
    }

    /// A classifier from a JSON config (as written by `toJson`).
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || webcare::Classifier::from_json(&text)).map(|c| JsClassifier(Arc::new(c)))
    }

    /// Every label code, in core's order.
    #[napi(catch_unwind)]
    pub fn labels() -> Vec<String> {
        Label::ALL.iter().map(|l| l.code().to_owned()).collect()
    }

    /// Every signal kind code, in core's fixed order.
    #[napi(catch_unwind)]
    pub fn signal_kinds() -> Vec<String> {
        SignalKind::ALL
            .iter()
            .map(|k| k.code().to_owned())
            .collect()
    }

    /// Fits a model on labelled examples (label codes, as many as texts) with the built-in
    /// rules, and returns the classifier that combines both. `optionsJson` is the JSON of
    /// the training options (`seed`, `epochs`, `learning_rate`, `l2`, `hash_bits`,
    /// `char_ngrams`, `balance_labels`, `runs`, `average`); missing ones take core's
    /// defaults. Deterministic for a seed. Blocks the event loop: see `trainAsync`.
    #[napi(factory, catch_unwind)]
    pub fn train(
        env: &Env,
        texts: Vec<String>,
        labels: Vec<String>,
        options_json: Option<String>,
    ) -> Result<Self> {
        guard(env, || train(&texts, &labels, options_json.as_deref()))
            .map(|c| JsClassifier(Arc::new(c)))
    }

    /// `train`, computed off the event loop; errors reject the promise.
    #[napi(catch_unwind, ts_return_type = "Promise<Classifier>")]
    pub fn train_async(
        texts: Vec<String>,
        labels: Vec<String>,
        options_json: Option<String>,
    ) -> AsyncTask<TrainTask> {
        AsyncTask::new(TrainTask {
            texts,
            labels,
            options_json,
        })
    }

    /// Whether a trained model is part of this classifier.
    #[napi(getter, catch_unwind)]
    pub fn has_model(&self) -> bool {
        self.0.has_model()
    }

    /// The configuration as JSON text, trained weights included; `fromJson` loads it.
    #[napi(catch_unwind)]
    pub fn to_json(&self, env: &Env) -> Result<String> {
        guard(env, || self.0.to_json())
    }

    /// Classifies one message. `ctx` (`{channel, reach, promoted}`) raises severity, never
    /// changes the label.
    #[napi(catch_unwind, ts_return_type = "Classification")]
    pub fn classify<'env>(
        &self,
        env: &'env Env,
        text: String,
        ctx: Option<ClassifyContext>,
    ) -> Result<Object<'env>> {
        let c = guard(env, || Ok(self.0.classify(&text, &context(ctx)?)))?;
        Names::new(env)?.result(&text, &c)
    }

    /// Classifies UTF-8 bytes; offsets are UTF-16 units of the decoded string. Invalid UTF-8
    /// throws `invalid_encoding` with `offset`.
    #[napi(catch_unwind, ts_return_type = "Classification")]
    pub fn classify_bytes<'env>(
        &self,
        env: &'env Env,
        data: Uint8Array,
        ctx: Option<ClassifyContext>,
    ) -> Result<Object<'env>> {
        let c = guard(env, || self.0.classify_bytes(&data, &context(ctx)?))?;
        // classify_bytes succeeded, so the bytes are UTF-8.
        let text = std::str::from_utf8(&data).unwrap_or_default();
        Names::new(env)?.result(text, &c)
    }

    /// Classifies many messages on all cores, in input order. Blocks the event loop: see
    /// `classifyBatchAsync`.
    #[napi(catch_unwind, ts_return_type = "Array<Classification>")]
    pub fn classify_batch<'env>(
        &self,
        env: &'env Env,
        texts: Vec<String>,
        ctx: Option<ClassifyContext>,
    ) -> Result<Array<'env>> {
        let out = guard(env, || Ok(self.0.classify_batch(&texts, &context(ctx)?)))?;
        let mut names = Names::new(env)?;
        let mut arr = env.create_array(to_u32(out.len()))?;
        for (i, (t, c)) in texts.iter().zip(&out).enumerate() {
            arr.set(to_u32(i), names.result(t, c)?)?;
        }
        Ok(arr)
    }

    /// `classifyBatch`, computed off the event loop (on all cores); errors reject the promise.
    #[napi(catch_unwind)]
    pub fn classify_batch_async(
        &self,
        texts: Vec<String>,
        ctx: Option<ClassifyContext>,
    ) -> AsyncTask<ClassifyBatchTask> {
        AsyncTask::new(ClassifyBatchTask {
            classifier: Arc::clone(&self.0),
            texts,
            ctx,
        })
    }
}
