//! The suggested approach that comes with a priority, in the message's language.
//!
//! For a complaint: answer in public first where it was posted in public, continue in a
//! private message for personal data (the booking or order number), apologise and offer to
//! make good, escalate when a legal or media threat, a large audience or weeks without a
//! solution call for it, and never delete the complaint or block the customer (hiding is
//! mentioned only when the message contains profanity). A question gets an answer, praise a
//! thank-you. Every step says why, in English or Dutch.

use serde::{Deserialize, Serialize};

use super::{thousands, TriageInput, TriageWeights};
use crate::classify::{Label, Language, SignalKind};

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
    /// Never delete the complaint or block the customer; hide only abuse.
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
    /// The step and its reason as one sentence in the triage's language.
    pub text: String,
}

/// English or Dutch text.
#[derive(Clone, Copy)]
struct Say {
    dutch: bool,
}

impl Say {
    fn pick<'a>(self, en: &'a str, nl: &'a str) -> &'a str {
        if self.dutch {
            nl
        } else {
            en
        }
    }

    fn step(self, kind: AdviceKind, en: &str, nl: &str) -> Advice {
        Advice {
            kind,
            text: self.pick(en, nl).to_owned(),
        }
    }

    fn weeks(self, weeks: f64) -> String {
        let text = format!("{weeks:.1}");
        if self.dutch {
            text.replace('.', ",")
        } else {
            text
        }
    }
}

pub(super) fn advise(
    input: &TriageInput<'_>,
    w: &TriageWeights,
    weeks_unresolved: Option<f64>,
    language: Language,
) -> Vec<Advice> {
    let say = Say {
        dutch: language == Language::Nl,
    };
    let c = input.classification;
    let message = input.message;
    let public = message.channel.is_public();
    let has = |kind: SignalKind| c.signals.iter().any(|s| s.kind == kind);
    let complaint = c.label == Label::Complaint;
    let mut steps = Vec::new();
    match c.label {
        Label::Complaint => {
            if public {
                steps.push(say.step(
                    AdviceKind::AnswerInPublic,
                    "Answer in public first: everyone can see the complaint, so everyone should see that it is answered.",
                    "Reageer eerst openbaar: iedereen kan de klacht zien, dus iedereen moet ook zien dat er gereageerd wordt.",
                ));
                steps.push(say.step(
                    AdviceKind::ContinueInPrivate,
                    "Continue in a private message and ask for the booking or order number there: personal data does not belong in a public post.",
                    "Ga verder in een privébericht en vraag daar het boekings- of ordernummer: persoonsgegevens horen niet in een openbaar bericht.",
                ));
            }
            steps.push(say.step(
                AdviceKind::Apologise,
                "Apologise and offer to make good: the customer is dissatisfied, and an apology with a remedy keeps the customer.",
                "Bied excuses aan en bied aan het goed te maken: de klant is ontevreden, en excuses met een oplossing houden de klant.",
            ));
        }
        Label::Question => steps.push(say.step(
            AdviceKind::Answer,
            "Answer the question where it was asked: an unanswered question turns into a complaint.",
            "Beantwoord de vraag waar die gesteld is: een onbeantwoorde vraag wordt een klacht.",
        )),
        Label::Praise => steps.push(say.step(
            AdviceKind::Thank,
            "Thank the customer: a reply shows that the company listens to praise as well as to complaints.",
            "Bedank de klant: een reactie laat zien dat het bedrijf ook naar complimenten luistert.",
        )),
        Label::Other => {}
    }

    let mut why: Vec<String> = Vec::new();
    if has(SignalKind::LegalThreat) {
        why.push(
            say.pick(
                "the customer threatens legal steps",
                "de klant dreigt met juridische stappen",
            )
            .to_owned(),
        );
    }
    if has(SignalKind::MediaThreat) {
        why.push(
            say.pick(
                "the customer threatens to go to the media",
                "de klant dreigt naar de media te stappen",
            )
            .to_owned(),
        );
    }
    if let Some(reach) = message
        .reach
        .filter(|r| complaint && *r >= w.escalate_reach)
    {
        why.push(if say.dutch {
            format!("{} volgers zien de klacht", thousands(reach, '.'))
        } else {
            format!("{} followers see the complaint", thousands(reach, ','))
        });
    }
    if let Some(weeks) = weeks_unresolved.filter(|weeks| *weeks >= w.escalate_unresolved_weeks) {
        why.push(if say.dutch {
            format!("de klacht is al {} weken onopgelost", say.weeks(weeks))
        } else {
            format!(
                "the complaint has been unresolved for {} weeks",
                say.weeks(weeks)
            )
        });
    }
    if !why.is_empty() {
        let head = say.pick(
            "Escalate to a senior agent or a specialist",
            "Schaal op naar een senior medewerker of een specialist",
        );
        steps.push(Advice {
            kind: AdviceKind::Escalate,
            text: format!("{head}: {}.", why.join("; ")),
        });
    }

    if complaint {
        steps.push(if has(SignalKind::Profanity) {
            say.step(
                AdviceKind::DoNotDelete,
                "Do not delete the complaint or block the customer: hide only abuse, such as profanity aimed at people, and answer the complaint itself.",
                "Verwijder de klacht niet en blokkeer de klant niet: verberg alleen misbruik, zoals scheldwoorden gericht aan personen, en beantwoord de klacht zelf.",
            )
        } else {
            say.step(
                AdviceKind::DoNotDelete,
                "Do not delete the complaint or block the customer: a removed complaint comes back louder.",
                "Verwijder de klacht niet en blokkeer de klant niet: een verwijderde klacht komt luider terug.",
            )
        });
    }
    steps
}
