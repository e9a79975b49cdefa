//! Signals: the reasons behind a classification, each with a stable kind code and a span.

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::Label;

/// One reason behind a [`Classification`](super::Classification): what matched, how much it
/// weighs, and where it is in the text.
///
/// `span` is a range of UTF-8 byte offsets into the classified text (the Rust convention:
/// `&text[signal.span.clone()]` is the matched text). Spans start and end on
/// unicode-segmentation word boundaries (or on the punctuation or emoji that matched).
///
/// # Example
///
/// ```
/// use webcare::{Classifier, Context, SignalKind};
///
/// let text = "Still waiting for my refund after 6 weeks";
/// let c = Classifier::default().classify(text, &Context::default());
/// let waiting = c.signals.iter().find(|s| s.kind == SignalKind::StillWaiting).unwrap();
/// assert_eq!(&text[waiting.span.clone()], "Still waiting");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Signal {
    /// What kind of evidence this is.
    pub kind: SignalKind,
    /// The label it supports: the kind's [default](SignalKind::label), or the label the user
    /// gave a config word or rule.
    pub label: Label,
    /// How strongly it counts towards its label (after negation and intensifiers).
    pub weight: f64,
    /// UTF-8 byte range of the matched text.
    pub span: Range<usize>,
}

macro_rules! signal_kinds {
    ($( $(#[$doc:meta])* $variant:ident = $code:literal => $label:ident ),* $(,)?) => {
        /// The kind of a [`Signal`], with a stable snake_case [code](SignalKind::code).
        ///
        /// Codes never change once released; vectors and bindings compare on them.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        #[non_exhaustive]
        pub enum SignalKind {
            $( $(#[$doc])* $variant, )*
        }

        impl SignalKind {
            /// Every signal kind, in a fixed order.
            pub const ALL: &'static [SignalKind] = &[$(SignalKind::$variant),*];

            /// The stable snake_case code of this kind.
            pub fn code(self) -> &'static str {
                match self { $(SignalKind::$variant => $code,)* }
            }

            /// The label this kind of evidence supports by default. User words and rules
            /// carry their own label; for them this is [`Label::Other`].
            pub fn label(self) -> Label {
                match self { $(SignalKind::$variant => Label::$label,)* }
            }

            /// The kind with this code, if any.
            pub fn from_code(code: &str) -> Option<SignalKind> {
                match code { $($code => Some(SignalKind::$variant),)* _ => None }
            }
        }
    };
}

signal_kinds! {
    /// What it detects: a negative word or phrase ("terrible", "belachelijk", "rip-off").
    /// Why it matters: disapproval is the core of a complaint.
    /// Example: "this service is terrible".
    NegativeWord = "negative_word" => Complaint,
    /// What it detects: a positive word under negation ("not happy", "niet blij").
    /// Why it matters: negated praise is disapproval, often politely worded.
    /// Example: "I am not happy with my new phone".
    NegatedPositive = "negated_positive" => Complaint,
    /// What it detects: a positive word or phrase ("great", "super", "top").
    /// Why it matters: praise is a label of its own and tempers a complaint.
    /// Example: "great service today".
    PositiveWord = "positive_word" => Praise,
    /// What it detects: a negative word under negation ("not bad", "geen probleem").
    /// Why it matters: it reads as mild approval, not as a complaint.
    /// Example: "no problem at all".
    NegatedNegative = "negated_negative" => Praise,
    /// What it detects: still-waiting phrases ("still waiting", "nog steeds", "still no").
    /// Why it matters: an unresolved issue that drags on is the most common complaint.
    /// Example: "still waiting for my refund".
    StillWaiting = "still_waiting" => Complaint,
    /// What it detects: elapsed time ("6 weeks", "for hours", "al 3 dagen").
    /// Why it matters: a customer counting time is counting the company's delay.
    /// Example: "my parcel is 6 weeks late".
    ElapsedTime = "elapsed_time" => Complaint,
    /// What it detects: repeated contact ("called 3 times", "al 3 keer gebeld", "again").
    /// Why it matters: having to ask again is an accusation that the first answer failed.
    /// Example: "I have called three times".
    RepeatContact = "repeat_contact" => Complaint,
    /// What it detects: a broken promise ("was supposed to", "zou vandaag geleverd worden").
    /// Why it matters: a missed commitment turns disappointment into accusation.
    /// Example: "it was supposed to arrive on Monday".
    BrokenPromise = "broken_promise" => Complaint,
    /// What it detects: a report that something fails ("not working", "werkt niet", "cancelled").
    /// Why it matters: a broken product or service is what customers complain about.
    /// Example: "the app is not working".
    ProblemReport = "problem_report" => Complaint,
    /// What it detects: a reproachful question ("why is", "how come", "waarom").
    /// Why it matters: "why" aimed at a company usually demands an account of a failure.
    /// Example: "why is my order not here".
    ReproachQuestion = "reproach_question" => Complaint,
    /// What it detects: a threat to leave ("switching to", "overstappen", "opzeggen").
    /// Why it matters: churn is the cost a complaint desk exists to prevent.
    /// Example: "I am switching to another provider".
    ChurnThreat = "churn_threat" => Complaint,
    /// What it detects: a threat to go to the press or a consumer programme ("Radar", "Watchdog").
    /// Why it matters: public escalation multiplies the reach of a complaint.
    /// Example: "I will take this to the press".
    MediaThreat = "media_threat" => Complaint,
    /// What it detects: a legal threat ("lawyer", "advocaat", "Consumentenbond", "sue").
    /// Why it matters: it needs a careful, often escalated answer.
    /// Example: "my lawyer will contact you".
    LegalThreat = "legal_threat" => Complaint,
    /// What it detects: a #fail-style hashtag ("#fail", "#epicfail", "#schande").
    /// Why it matters: a public label of failure, meant to be seen.
    /// Example: "#fail".
    FailHashtag = "fail_hashtag" => Complaint,
    /// What it detects: profanity ("wtf", "shit", "kut").
    /// Why it matters: strong emotion; it raises severity.
    /// Example: "wtf is going on".
    Profanity = "profanity" => Complaint,
    /// What it detects: shouting, a word or run of words in ALL CAPS.
    /// Why it matters: it amplifies whatever the message says, anger or joy.
    /// Example: "STILL NOT DELIVERED".
    Shouting = "shouting" => Complaint,
    /// What it detects: repeated punctuation ("!!!", "?!?").
    /// Why it matters: it amplifies the message's polarity.
    /// Example: "where is it?!?".
    RepeatedPunctuation = "repeated_punctuation" => Complaint,
    /// What it detects: an emoji of anger, sadness or disgust.
    /// Why it matters: a compact, unambiguous negative signal.
    /// Example: "😡".
    NegativeEmoji = "negative_emoji" => Complaint,
    /// What it detects: an emoji of joy, love or approval.
    /// Why it matters: a compact positive signal.
    /// Example: "😍".
    PositiveEmoji = "positive_emoji" => Praise,
    /// What it detects: thanks ("thank you", "bedankt", "top geholpen").
    /// Why it matters: thanks without a problem is praise.
    /// Example: "thanks for the quick help".
    Thanks = "thanks" => Praise,
    /// What it detects: a question ("how do I", "kan ik", a question mark).
    /// Why it matters: a question wants an answer, not an apology.
    /// Example: "how do I change my address?".
    Question = "question" => Question,
    /// What it detects: a word or phrase from the user's config.
    /// Why it matters: teams know their own product words.
    /// Example: a config word "storing" with label complaint.
    UserWord = "user_word" => Other,
    /// What it detects: a match of a regex rule from the user's config.
    /// Why it matters: patterns such as order numbers or product codes.
    /// Example: a rule `order \d+ (missing|lost)` with label complaint.
    UserRule = "user_rule" => Other,
}

impl fmt::Display for SignalKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
