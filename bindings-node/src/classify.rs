//! `Classifier`, wrapping `webcare::classify`. Results come back as plain objects, built in
//! JS from one buffer of numbers per call (see [`HELPERS_JS`]): far fewer Node-API calls
//! than building each object, its scores and its signals field by field.
//!
//! Spans cross as UTF-16 offsets into the classified string, so `text.slice(start, end)` is
//! the matched text. A JS string with a lone surrogate (which has no UTF-8 form) is read
//! with each lone surrogate replaced by U+FFFD, as Node-API converts strings; since both
//! are one UTF-16 unit, offsets still index the original string.

use std::sync::Arc;

use napi::bindgen_prelude::JsObjectValue;
use napi::bindgen_prelude::*;
use napi_derive::napi;
use webcare::span::{convert_offsets, OffsetUnit};
use webcare::{Context, Error, Label, Language, SeverityLevel, SignalKind, TrainOptions};

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

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Severity levels by rank, the order of the level codes given to [`HELPERS_JS`].
const LEVELS: [SeverityLevel; 5] = [
    SeverityLevel::None,
    SeverityLevel::NoExplicitReproach,
    SeverityLevel::Disapproval,
    SeverityLevel::Accusation,
    SeverityLevel::Blame,
];

/// Languages, the order of the language codes given to [`HELPERS_JS`].
const LANGUAGES: [Language; 3] = [Language::En, Language::Nl, Language::Unknown];

/// Helpers compiled once per JS environment (see [`helpers`]), called with the code tables
/// (labels, signal kinds, severity levels, languages). Building objects in JS costs a small
/// fraction of building them field by field through Node-API calls, so the results cross as
/// one buffer of numbers and become plain objects of the shape of [`Classification`] here:
///
/// - `prep(texts)`: an array of strings as `[joined, utf16Lengths]`, or `null` when it is
///   no array of strings (or too long to join), to be read one by one instead.
/// - `build(numbers, count, one)`: `count` results (or the first, for `one`) from a
///   `Float64Array` as [`Columns`] writes it.
/// - `same(value)`: the value itself, so that Rust reads it with Node-API's own conversion
///   (and its errors).
const HELPERS_JS: &str = r"(function (LABELS, KINDS, LEVELS, LANGUAGES) {
  'use strict'
  const MAX_JOINED = 1 << 28
  function prep (texts) {
    if (!Array.isArray(texts)) return null
    const n = texts.length
    const lens = new Uint32Array(n)
    let total = 0
    for (let i = 0; i < n; i++) {
      const t = texts[i]
      if (typeof t !== 'string') return null
      lens[i] = t.length
      total += t.length
    }
    if (total > MAX_JOINED) return null
    return [Array.prototype.join.call(texts, ''), lens]
  }
  function build (f, count, one) {
    const out = new Array(count)
    let i = 0
    for (let r = 0; r < count; r++) {
      const label = LABELS[f[i]]
      const scores = { complaint: f[i + 1], question: f[i + 2], praise: f[i + 3], other: f[i + 4] }
      const severity = f[i + 5]
      const severityLevel = LEVELS[f[i + 6]]
      const language = LANGUAGES[f[i + 7]]
      const n = f[i + 8]
      i += 9
      const signals = new Array(n)
      for (let s = 0; s < n; s++) {
        signals[s] = { kind: KINDS[f[i]], label: LABELS[f[i + 1]], weight: f[i + 2], start: f[i + 3], end: f[i + 4] }
        i += 5
      }
      out[r] = { label, scores, severity, severityLevel, language, signals }
    }
    return one ? out[0] : out
  }
  return [prep, build, (value) => value]
})";

/// The JS helpers of one environment, kept alive as the environment's instance data.
struct Helpers(ObjectRef<false>);

/// The array `[prep, build, same]` of [`HELPERS_JS`], compiled on first use in this
/// environment (the main thread or a worker).
fn helpers(env: &Env) -> Result<Object<'_>> {
    if let Some(h) = env.get_instance_data::<Helpers>()? {
        return h.0.get_value(env);
    }
    let codes = |codes: Vec<&str>| serde_json::to_string(&codes).unwrap_or_default();
    let script = format!(
        "{HELPERS_JS}({}, {}, {}, {})",
        codes(Label::ALL.iter().map(|l| l.code()).collect()),
        codes(SignalKind::ALL.iter().map(|k| k.code()).collect()),
        serde_json::to_string(&LEVELS).unwrap_or_default(),
        codes(LANGUAGES.iter().map(|l| l.code()).collect()),
    );
    let fns: Object<'_> = env.run_script(script)?;
    env.set_instance_data(Helpers(fns.create_ref::<false>()?), (), |_| {})?;
    Ok(fns)
}

/// The texts of a batch as read from JS.
#[derive(Debug)]
enum Batch {
    /// All texts joined into one string, with the byte offset where each ends.
    Joined { text: String, ends: Vec<usize> },
    /// Each text read on its own.
    Each(Vec<String>),
}

impl Batch {
    /// Reads an array of strings: joined in JS and read as one string, the cheap way, or
    /// string by string when it must be (not an array of strings, which then throws as any
    /// other conversion does; or two texts whose lone surrogates pair up when joined).
    fn read<'env>(env: &'env Env, texts: Unknown<'env>) -> Result<Batch> {
        let fns = helpers(env)?;
        let prep: Function<'_, Unknown<'_>, Unknown<'_>> = fns.get_element(0)?;
        let prepared = prep.call(texts)?;
        if prepared.get_type()? == ValueType::Object {
            let same: Function<'_, Unknown<'_>, Array<'_>> = fns.get_element(2)?;
            let pair = same.call(prepared)?;
            let text: String = pair.get_element(0)?;
            let lens: Uint32Array = pair.get_element(1)?;
            if let Some(ends) = split(&text, &lens) {
                return Ok(Batch::Joined { text, ends });
            }
        }
        let same: Function<'_, Unknown<'_>, Vec<String>> = fns.get_element(2)?;
        same.call(texts).map(Batch::Each)
    }

    /// The texts, in input order.
    fn texts(&self) -> Vec<&str> {
        match self {
            Batch::Joined { text, ends } => {
                let mut at = 0;
                ends.iter()
                    .map(|&end| {
                        let t = text.get(at..end).unwrap_or_default();
                        at = end;
                        t
                    })
                    .collect()
            }
            Batch::Each(texts) => texts.iter().map(String::as_str).collect(),
        }
    }
}

/// The byte offsets where the texts of UTF-16 lengths `lens` end in `joined`, or `None` when
/// an end falls inside a character (a surrogate pair made by joining two texts, one ending
/// and the next starting with a lone surrogate) or the lengths do not add up.
fn split(joined: &str, lens: &[u32]) -> Option<Vec<usize>> {
    let bytes = joined.as_bytes();
    let mut at = 0usize;
    let mut ends = Vec::with_capacity(lens.len());
    for &len in lens {
        let mut units = usize::try_from(len).ok()?;
        let ascii_end = at.checked_add(units)?;
        if bytes.get(at..ascii_end).is_some_and(<[u8]>::is_ascii) {
            at = ascii_end;
        } else {
            while units > 0 {
                // (UTF-8 length, UTF-16 length) of the character starting here.
                let (width, n) = match *bytes.get(at)? {
                    0..=0x7f => (1, 1),
                    0xc0..=0xdf => (2, 1),
                    0xe0..=0xef => (3, 1),
                    _ => (4, 2),
                };
                if n > units {
                    return None;
                }
                units -= n;
                at += width;
            }
        }
        ends.push(at);
    }
    (at == bytes.len()).then_some(ends)
}

/// Results as numbers for `build` of [`HELPERS_JS`], in one `Float64Array` (every index and
/// offset is a u32, exact as an f64): per result its label (an index into the label codes),
/// the four scores, the severity score, the severity level (its rank), the language (an
/// index into [`LANGUAGES`]) and the number of signals; then per signal its kind (an index
/// into `SignalKind::ALL`), label, weight, start and end (UTF-16 offsets).
#[derive(Debug, Default)]
pub struct Columns {
    numbers: Vec<f64>,
    count: u32,
}

/// From this many numbers on, JS reads them where Rust wrote them (an external buffer,
/// freed by the garbage collector) instead of a copy.
const LEND_FROM: usize = 1 << 14;

/// The numbers per result, and per signal, in [`Columns`].
const PER_RESULT: usize = 9;
const PER_SIGNAL: usize = 5;

/// The index of `x` in `all`, as an f64.
fn index<T: PartialEq>(all: &[T], x: &T) -> Result<f64> {
    all.iter()
        .position(|a| a == x)
        .map(|i| f64::from(to_u32(i)))
        .ok_or_else(|| napi::Error::new(Status::GenericFailure, "a code missing from its table"))
}

impl Columns {
    /// Room for `results`.
    fn for_results<'a>(results: impl IntoIterator<Item = &'a webcare::Classification>) -> Self {
        let size = results
            .into_iter()
            .map(|c| PER_RESULT + PER_SIGNAL * c.signals.len())
            .sum();
        Columns {
            numbers: Vec::with_capacity(size),
            count: 0,
        }
    }

    /// Adds a result, its UTF-8 byte spans converted to UTF-16 offsets of `text`.
    fn push(&mut self, text: &str, c: &webcare::Classification) -> Result<()> {
        let offsets: Vec<usize> = c
            .signals
            .iter()
            .flat_map(|s| [s.span.start, s.span.end])
            .collect();
        let units = convert_offsets(text, &offsets, OffsetUnit::Utf16);
        self.numbers.extend([
            index(&Label::ALL, &c.label)?,
            c.scores.complaint,
            c.scores.question,
            c.scores.praise,
            c.scores.other,
            c.severity.score,
            f64::from(c.severity.level.rank()),
            index(&LANGUAGES, &c.language)?,
            f64::from(to_u32(c.signals.len())),
        ]);
        for (s, u) in c.signals.iter().zip(units.chunks_exact(2)) {
            self.numbers.extend([
                index(SignalKind::ALL, &s.kind)?,
                index(&Label::ALL, &s.label)?,
                s.weight,
                f64::from(to_u32(u[0])),
                f64::from(to_u32(u[1])),
            ]);
        }
        self.count += 1;
        Ok(())
    }

    /// The results of `texts` (in the same order).
    fn of(texts: &[&str], results: &[webcare::Classification]) -> Result<Columns> {
        let mut out = Columns::for_results(results);
        for (t, c) in texts.iter().zip(results) {
            out.push(t, c)?;
        }
        Ok(out)
    }

    /// One result.
    fn one(text: &str, c: &webcare::Classification) -> Result<Columns> {
        let mut out = Columns::for_results([c]);
        out.push(text, c)?;
        Ok(out)
    }

    /// The plain result objects: an array, or the first result for `one`.
    fn build<'env>(self, env: &'env Env, one: bool) -> Result<Unknown<'env>> {
        let fns = helpers(env)?;
        if self.numbers.len() < LEND_FROM {
            let numbers = Float64ArraySlice::copy_from(env, &self.numbers)?;
            let build: Function<'_, FnArgs<(Float64ArraySlice<'_>, u32, bool)>, Unknown<'_>> =
                fns.get_element(1)?;
            build.call((numbers, self.count, one).into())
        } else {
            let numbers = Float64Array::new(self.numbers);
            let build: Function<'_, FnArgs<(Float64Array, u32, bool)>, Unknown<'_>> =
                fns.get_element(1)?;
            build.call((numbers, self.count, one).into())
        }
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
    texts: Batch,
    ctx: Option<ClassifyContext>,
}

impl<'task> napi::ScopedTask<'task> for ClassifyBatchTask {
    type Output = std::result::Result<Columns, Error>;
    type JsValue = Unknown<'task>;

    fn compute(&mut self) -> Result<Self::Output> {
        let texts = self.texts.texts();
        let out = caught(|| {
            let ctx = context(self.ctx.take())?;
            Ok(self.classifier.classify_batch(&texts, &ctx))
        });
        match out {
            Ok(out) => Columns::of(&texts, &out).map(Ok),
            Err(e) => Ok(Err(e)),
        }
    }

    fn resolve(&mut self, env: &'task Env, output: Self::Output) -> Result<Self::JsValue> {
        output.map_err(|e| to_js(env, e))?.build(env, false)
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
    ) -> Result<Unknown<'env>> {
        let c = guard(env, || Ok(self.0.classify(&text, &context(ctx)?)))?;
        Columns::one(&text, &c)?.build(env, true)
    }

    /// Classifies UTF-8 bytes; offsets are UTF-16 units of the decoded string. Invalid UTF-8
    /// throws `invalid_encoding` with `offset`.
    #[napi(catch_unwind, ts_return_type = "Classification")]
    pub fn classify_bytes<'env>(
        &self,
        env: &'env Env,
        data: Uint8Array,
        ctx: Option<ClassifyContext>,
    ) -> Result<Unknown<'env>> {
        let c = guard(env, || self.0.classify_bytes(&data, &context(ctx)?))?;
        // classify_bytes succeeded, so the bytes are UTF-8.
        let text = std::str::from_utf8(&data).unwrap_or_default();
        Columns::one(text, &c)?.build(env, true)
    }

    /// Classifies many messages on all cores, in input order. Blocks the event loop: see
    /// `classifyBatchAsync`.
    #[napi(catch_unwind, ts_return_type = "Array<Classification>")]
    pub fn classify_batch<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Array<string>")] texts: Unknown<'env>,
        ctx: Option<ClassifyContext>,
    ) -> Result<Unknown<'env>> {
        let batch = Batch::read(env, texts)?;
        let texts = batch.texts();
        let out = guard(env, || Ok(self.0.classify_batch(&texts, &context(ctx)?)))?;
        Columns::of(&texts, &out)?.build(env, false)
    }

    /// `classifyBatch`, computed off the event loop (on all cores); errors reject the promise.
    #[napi(catch_unwind, ts_return_type = "Promise<Array<Classification>>")]
    pub fn classify_batch_async<'env>(
        &self,
        env: &'env Env,
        #[napi(ts_arg_type = "Array<string>")] texts: Unknown<'env>,
        ctx: Option<ClassifyContext>,
    ) -> Result<AsyncTask<ClassifyBatchTask>> {
        Ok(AsyncTask::new(ClassifyBatchTask {
            classifier: Arc::clone(&self.0),
            texts: Batch::read(env, texts)?,
            ctx,
        }))
    }
}
