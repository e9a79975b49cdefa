//! `Triager` and `classificationFromJson`, wrapping `webcare::triage`. Messages and
//! classifications go in as the plain objects the rest of the package uses; the result
//! comes back as a plain object.

use napi::bindgen_prelude::*;
use napi::JsDate;
use napi_derive::napi;
use serde_json::Value;
use webcare::triage::{TriageInput, Triager};
use webcare::{Error, Label, SeverityLevel, SignalKind};

use crate::classify::{Classification, LabelScores, Signal};
use crate::convert::{duration_from_millis, guard, instant};

/// One reason with the points it added to the score.
#[napi(object)]
#[derive(Debug)]
pub struct Reason {
    /// What it is.
    #[napi(
        ts_type = "'severity' | 'reach' | 'promoted' | 'public_channel' | 'repeat_contact' | 'unresolved_age' | 'sla_time_left'"
    )]
    pub kind: String,
    /// Points added to the score.
    pub points: f64,
    /// A short English description with the figure behind it ("40,000 followers").
    pub detail: String,
}

/// One step of the suggested approach, with the reason for it.
#[napi(object)]
#[derive(Debug)]
pub struct Advice {
    /// What to do.
    #[napi(
        ts_type = "'answer_in_public' | 'continue_in_private' | 'apologise' | 'escalate' | 'do_not_delete' | 'answer' | 'thank'"
    )]
    pub kind: String,
    /// The step and its reason as one sentence in the triage's language.
    pub text: String,
}

/// The result of triage: priority, score, reasons and the suggested approach.
#[napi(object)]
#[derive(Debug)]
pub struct Triage {
    /// The priority the score maps to.
    #[napi(ts_type = "'low' | 'normal' | 'high' | 'urgent'")]
    pub priority: String,
    /// The sum of the reasons' points, 0 or more.
    pub score: f64,
    /// Every reason that added points, largest first.
    pub reasons: Vec<Reason>,
    /// What to do, each step with its reason, in `language`.
    pub advice: Vec<Advice>,
    /// The language of the advice texts (English when the message is in neither).
    #[napi(ts_type = "'en' | 'nl'")]
    pub language: String,
}

impl From<webcare::Triage> for Triage {
    fn from(t: webcare::Triage) -> Triage {
        Triage {
            priority: t.priority.name().to_owned(),
            score: t.score,
            reasons: t
                .reasons
                .into_iter()
                .map(|r| Reason {
                    kind: r.kind.name().to_owned(),
                    points: r.points,
                    detail: r.detail,
                })
                .collect(),
            advice: t
                .advice
                .into_iter()
                .map(|a| Advice {
                    kind: a.kind.name().to_owned(),
                    text: a.text,
                })
                .collect(),
            language: t.language.code().to_owned(),
        }
    }
}

/// What triage knows about a message besides its text: when, earlier contact, how long
/// unresolved, how much SLA time is left.
#[napi(object, object_to_js = false)]
#[expect(
    missing_debug_implementations,
    reason = "napi's JsDate has no Debug; the options live for one call"
)]
pub struct TriageOptions<'a> {
    /// The instant of triage.
    pub now: JsDate<'a>,
    /// Channels the customer used before this message (the message's own is ignored).
    pub earlier_channels: Option<Vec<String>>,
    /// Since when the customer's complaint has gone unresolved.
    pub unresolved_since: Option<JsDate<'a>>,
    /// Business time left of the case's SLA target in milliseconds, negative when
    /// breached; given together with `slaTargetMs`.
    pub sla_left_ms: Option<f64>,
    /// The SLA target in milliseconds; given together with `slaLeftMs`.
    pub sla_target_ms: Option<f64>,
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

/// A core classification as the package's plain object (signal offsets as they are).
fn classification_to_js(c: webcare::Classification) -> Classification {
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
            .map(|s| Signal {
                kind: s.kind.code().to_owned(),
                label: s.label.code().to_owned(),
                weight: s.weight,
                start: to_u32(s.span.start),
                end: to_u32(s.span.end),
            })
            .collect(),
    }
}

/// The package's plain classification object as a core classification, read through
/// core's JSON form (which checks the severity score).
fn classification_from_js(
    c: &Classification,
) -> std::result::Result<webcare::Classification, Error> {
    let signals = c
        .signals
        .iter()
        .map(|s| {
            let kind = SignalKind::from_code(&s.kind).ok_or_else(|| Error::InvalidOption {
                option: "signals.kind",
                value: s.kind.clone(),
                reason: "not a signal kind code",
            })?;
            let label: Label = s.label.parse()?;
            Ok(serde_json::json!({
                "kind": kind,
                "label": label,
                "weight": s.weight,
                "span": {"start": s.start, "end": s.end},
            }))
        })
        .collect::<std::result::Result<Vec<_>, Error>>()?;
    let doc = serde_json::json!({
        "label": c.label,
        "scores": {
            "complaint": c.scores.complaint,
            "question": c.scores.question,
            "praise": c.scores.praise,
            "other": c.scores.other,
        },
        "severity": {"score": c.severity, "level": c.severity_level},
        "language": c.language,
        "signals": signals,
    });
    webcare::Classification::from_json(&doc.to_string())
}

/// A classification from core's JSON form, for one made elsewhere: `{"label", "severity":
/// {"score", "level"}, "language"}`, optionally `scores` and `signals` (offsets as given).
/// A severity score outside 0 to 1 throws `invalid_option`.
#[napi(catch_unwind)]
pub fn classification_from_json(env: &Env, text: String) -> Result<Classification> {
    guard(env, || webcare::Classification::from_json(&text)).map(classification_to_js)
}

/// Scores inbound messages: which to answer first, and how.
///
/// `new Triager()` has the default weights; `new Triager(weightsJson)` reads weights from
/// JSON text (missing fields take the defaults). Bad weights throw an `Error` with `code`
/// `invalid_option` and `option` naming the field, or `invalid_json` for malformed JSON and
/// unknown fields.
#[napi(js_name = "Triager")]
#[derive(Debug)]
pub struct JsTriager(Triager);

#[napi]
impl JsTriager {
    #[napi(constructor, catch_unwind)]
    pub fn new(env: &Env, weights_json: Option<String>) -> Result<Self> {
        match weights_json {
            None => Ok(JsTriager(Triager::default())),
            Some(text) => JsTriager::from_json(env, text),
        }
    }

    /// A triager from the JSON form of its weights (as written by `toJson`).
    #[napi(factory, catch_unwind)]
    pub fn from_json(env: &Env, text: String) -> Result<Self> {
        guard(env, || Triager::from_json(&text)).map(JsTriager)
    }

    /// The weights as JSON text, every field written.
    #[napi(catch_unwind)]
    pub fn to_json(&self) -> String {
        self.0.to_json()
    }

    /// Triages one inbound message. `classification` is the message's classification (made
    /// without a context: triage counts channel, reach and promotion itself). `options.now`
    /// is the instant of triage; `slaLeftMs` and `slaTargetMs` go together.
    #[napi(catch_unwind)]
    pub fn triage(
        &self,
        env: &Env,
        #[napi(ts_arg_type = "Message")] message: Object<'_>,
        classification: Classification,
        options: TriageOptions<'_>,
    ) -> Result<Triage> {
        let message = crate::message::from_js(env, &message)?;
        let classification = guard(env, || classification_from_js(&classification))?;
        let now = instant(env, &options.now)?;
        let since = options
            .unresolved_since
            .as_ref()
            .map(|d| instant(env, d))
            .transpose()?;
        let sla = match (options.sla_left_ms, options.sla_target_ms) {
            (Some(left), Some(target)) => Some((
                duration_from_millis(env, left)?,
                duration_from_millis(env, target)?,
            )),
            (None, None) => None,
            _ => {
                return Err(napi::Error::new(
                    Status::InvalidArg,
                    "slaLeftMs and slaTargetMs are given together",
                ))
            }
        };
        let channels = guard(env, || {
            options
                .earlier_channels
                .iter()
                .flatten()
                .map(|name| name.parse())
                .collect::<std::result::Result<Vec<webcare::Channel>, Error>>()
        })?;
        let mut input =
            TriageInput::new(&message, &classification, now).with_earlier_channels(channels);
        if let Some(since) = since {
            input = input.with_unresolved_since(since);
        }
        if let Some((left, target)) = sla {
            input = input.with_sla_left(left, target);
        }
        guard(env, || Ok(self.0.triage(&input))).map(Triage::from)
    }
}
