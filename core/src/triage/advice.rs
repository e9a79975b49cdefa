//! The suggested approach that comes with a priority, in the message's language.

use serde::{Deserialize, Serialize};

use super::{Reason, ReasonKind, TriageInput};
use crate::classify::{Label, Language, SignalKind};
use crate::policy::Priority;

/// A kind of step in the suggested approach.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AdviceKind {
    /// Answer where the customer posted, so others see the company respond.
    AnswerInPublic,
    /// Continue in a private message where personal data is needed.
    ContinueInPrivate,
    /// Apologise and offer to make good.
    Apologise,
    /// Hand to a senior agent or a specialist.
    Escalate,
    /// Never delete or block a complaint; hide only abuse.
    DoNotDelete,
    /// Answer the question.
    Answer,
    /// Thank the customer.
    Thank,
}

impl AdviceKind {
    /// The snake_case name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            AdviceKind::AnswerInPublic => "answer_in_public",
            AdviceKind::ContinueInPrivate => "continue_in_private",
            AdviceKind::Apologise => "apologise",
            AdviceKind::Escalate => "escalate",
            AdviceKind::DoNotDelete => "do_not_delete",
            AdviceKind::Answer => "answer",
            AdviceKind::Thank => "thank",
        }
    }
}

/// One step of the suggested approach, with the reason for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Advice {
    /// What to do.
    pub kind: AdviceKind,
    /// The step and its reason as a sentence in the message's language.
    pub text: String,
}

fn say(kind: AdviceKind, dutch: bool, en: &str, nl: &str) -> Advice {
    Advice {
        kind,
        text: if dutch { nl } else { en }.to_owned(),
    }
}

pub(super) fn advise(
    input: &TriageInput<'_>,
    priority: Priority,
    reasons: &[Reason],
    language: Language,
) -> Vec<Advice> {
    let dutch = language == Language::Nl;
    let c = input.classification;
    let public = input.message.channel.is_public();
    let has = |kind: SignalKind| c.signals.iter().any(|s| s.kind == kind);
    let mut steps = Vec::new();
    match c.label {
        Label::Complaint => {
            if public {
                steps.push(say(
                    AdviceKind::AnswerInPublic,
                    dutch,
                    "Answer in public first: others see the complaint and should see the reply.",
                    "Reageer eerst openbaar: anderen zien de klacht en moeten ook het antwoord zien.",
                ));
                steps.push(say(
                    AdviceKind::ContinueInPrivate,
                    dutch,
                    "Continue in a private message for personal data such as the booking or order number.",
                    "Ga verder in een privébericht voor persoonsgegevens zoals het boekings- of ordernummer.",
                ));
            }
            steps.push(say(
                AdviceKind::Apologise,
                dutch,
                "Apologise and offer to make good.",
                "Bied excuses aan en bied aan het goed te maken.",
            ));
            let escalate = has(SignalKind::MediaThreat)
                || has(SignalKind::LegalThreat)
                || reasons.iter().any(|r| {
                    matches!(r.kind, ReasonKind::Reach | ReasonKind::UnresolvedAge)
                        && priority == Priority::Urgent
                });
            if escalate {
                steps.push(say(
                    AdviceKind::Escalate,
                    dutch,
                    "Escalate to a senior agent or specialist: media or legal threat, large reach or a long unresolved history.",
                    "Schaal op naar een senior of specialist: dreiging met media of juridische stappen, groot bereik of een lang onopgeloste klacht.",
                ));
            }
            if public {
                steps.push(say(
                    AdviceKind::DoNotDelete,
                    dutch,
                    "Do not delete or block the complaint; hide only abuse.",
                    "Verwijder of blokkeer de klacht niet; verberg alleen misbruik.",
                ));
            }
        }
        Label::Question => steps.push(say(
            AdviceKind::Answer,
            dutch,
            "Answer the question where it was asked.",
            "Beantwoord de vraag waar die gesteld is.",
        )),
        Label::Praise => steps.push(say(
            AdviceKind::Thank,
            dutch,
            "Thank the customer.",
            "Bedank de klant.",
        )),
        Label::Other => {}
    }
    steps
}
