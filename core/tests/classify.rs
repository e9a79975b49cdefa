//! Behaviour of the classifier on hostile and edge-case input, config round trips, training.

use webcare::{
    Channel, Classifier, ClassifierConfig, Context, Label, Language, RegexRule, SeverityLevel,
    SignalKind, TrainOptions, WordRule,
};

fn ctx() -> Context {
    Context::default()
}

/// Every span lies on char boundaries inside the text.
fn check_spans(text: &str, c: &webcare::Classification) {
    for s in &c.signals {
        assert!(
            s.span.start <= s.span.end && s.span.end <= text.len(),
            "{s:?}"
        );
        assert!(
            text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end),
            "{s:?}"
        );
        assert!(s.weight.is_finite());
    }
    let sum = c.scores.complaint + c.scores.question + c.scores.praise + c.scores.other;
    assert!((sum - 1.0).abs() < 1e-9, "scores sum to {sum}");
    assert!((0.0..=1.0).contains(&c.severity.score));
}

#[test]
fn hostile_inputs_do_not_panic() {
    let c = Classifier::default();
    let inputs = [
        "",
        " ",
        "\n\n\t",
        "?",
        "!!!???!!!",
        "#",
        "@",
        "#fail",
        "@@@###",
        "👨‍👩‍👧‍👦🏳️‍🌈🇳🇱👍🏽😡😡😡",
        "مرحبا، الخدمة سيئة جدا! still waiting",
        "שלום עולם not happy",
        "日本語のテキスト。最悪です！",
        "Ѕсаm 𝕱𝖆𝖎𝖑 ℌ𝔢𝔩𝔭 niet blij",
        "\u{202E}reversed text\u{202C} terrible",
        "a\u{0301}\u{0301}\u{0301}\u{0301} e\u{0308}",
        "\u{FEFF}\u{200B}\u{200D}",
        "http://",
        "https://example.com/fail?x=!!!",
        "NOT HAPPY AT ALL",
        "6",
        "al 3 keer",
        ":(",
        ">:(",
    ];
    for text in inputs {
        let r = c.classify(text, &ctx());
        check_spans(text, &r);
    }
}

#[test]
fn empty_text_is_other_with_no_signals() {
    let r = Classifier::default().classify("", &ctx());
    assert_eq!(r.label, Label::Other);
    assert!(r.signals.is_empty());
    assert_eq!(r.language, Language::Unknown);
    assert_eq!(r.severity.level, SeverityLevel::None);
}

#[test]
fn one_megabyte_is_classified() {
    let unit = "Still waiting 6 weeks, niet blij 😡!!! ";
    let text = unit.repeat(1_000_000 / unit.len() + 1);
    let r = Classifier::default().classify(&text, &ctx());
    assert_eq!(r.label, Label::Complaint);
    check_spans(&text, &r);
    let one_line = "x".repeat(1 << 20);
    let r = Classifier::default().classify(&one_line, &ctx());
    check_spans(&one_line, &r);
}

#[test]
fn invalid_utf8_is_a_typed_error() {
    let err = Classifier::default()
        .classify_bytes(b"ok \xF0\x28\x8C\x28", &ctx())
        .unwrap_err();
    assert_eq!(err.code(), "invalid_encoding");
    assert!(matches!(err, webcare::Error::InvalidUtf8 { offset: 3 }));
}

#[test]
fn context_raises_severity_never_label() {
    let c = Classifier::default();
    for text in [
        "Still no refund after 6 weeks",
        "Thanks, great help!",
        "How do I log in?",
        "",
    ] {
        let quiet = c.classify(text, &ctx());
        let loud = c.classify(
            text,
            &Context {
                channel: Some(Channel::X),
                reach: Some(1_000_000),
                promoted: true,
            },
        );
        assert_eq!(quiet.label, loud.label, "{text}");
        assert!(loud.severity.score >= quiet.severity.score, "{text}");
    }
}

#[test]
fn batch_equals_single() {
    let c = Classifier::default();
    let texts = [
        "Still waiting!!",
        "Dank je wel",
        "kan ik mijn adres wijzigen?",
        "",
    ];
    let batch = c.classify_batch(&texts, &ctx());
    for (t, b) in texts.iter().zip(&batch) {
        assert_eq!(&c.classify(t, &ctx()), b);
    }
}

#[test]
fn catastrophic_regex_is_an_error_naming_it() {
    let pattern = "((a{100}){100}){100}";
    let config = ClassifierConfig {
        rules: vec![RegexRule {
            pattern: pattern.into(),
            weight: 1.0,
            label: Label::Complaint,
            case_insensitive: true,
        }],
        ..ClassifierConfig::default()
    };
    match Classifier::from_config(config) {
        Err(webcare::Error::RegexTooBig { pattern: p, .. }) => assert_eq!(p, pattern),
        other => panic!("expected regex_too_big, got {other:?}"),
    }
    let err = Classifier::from_json(
        r#"{"rules": [{"pattern": "(unclosed", "weight": 1, "label": "complaint"}]}"#,
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_regex_rule");
}

#[test]
fn config_round_trips_and_user_rules_apply() {
    let config = ClassifierConfig {
        words: vec![WordRule {
            word: "storing".into(),
            weight: 2.0,
            label: Label::Complaint,
        }],
        rules: vec![RegexRule {
            pattern: r"order \d+".into(),
            weight: 1.5,
            label: Label::Question,
            case_insensitive: false,
        }],
        model: None,
    };
    let json = config.to_json().unwrap();
    assert_eq!(ClassifierConfig::from_json(&json).unwrap(), config);
    let c = Classifier::from_config(config).unwrap();
    let text = "Where is order 123";
    let r = c.classify(text, &ctx());
    let rule = r
        .signals
        .iter()
        .find(|s| s.kind == SignalKind::UserRule)
        .unwrap();
    assert_eq!(&text[rule.span.clone()], "order 123");
    assert_eq!(rule.label, Label::Question);
    let r = c.classify("Storing!", &ctx());
    assert!(r
        .signals
        .iter()
        .any(|s| s.kind == SignalKind::UserWord && s.label == Label::Complaint));
    assert_eq!(
        ClassifierConfig::from_json(r#"{"wordz": []}"#)
            .unwrap_err()
            .code(),
        "invalid_json"
    );
    assert_eq!(
        Classifier::from_json(r#"{"words": [{"word": "x", "weight": 11, "label": "praise"}]}"#)
            .unwrap_err()
            .code(),
        "invalid_weight"
    );
}

#[test]
fn training_is_deterministic_and_serializes() {
    let examples: Vec<(String, Label)> = (0..200)
        .map(|i| {
            if i % 2 == 0 {
                (
                    format!("order {i} never arrived, still waiting"),
                    Label::Complaint,
                )
            } else {
                (format!("lovely weather in town {i}"), Label::Other)
            }
        })
        .collect();
    let a = Classifier::train(&examples, &TrainOptions::default()).unwrap();
    let b = Classifier::train(&examples, &TrainOptions::default()).unwrap();
    assert_eq!(a.to_json().unwrap(), b.to_json().unwrap());
    let loaded = Classifier::from_json(&a.to_json().unwrap()).unwrap();
    for text in [
        "my order never arrived",
        "nice weather",
        "Bedankt!",
        "how do I pay?",
    ] {
        assert_eq!(a.classify(text, &ctx()), loaded.classify(text, &ctx()));
    }
    assert_eq!(
        a.classify("my order never arrived", &ctx()).label,
        Label::Complaint
    );
    // Labels the model never saw still come from the rules.
    assert_eq!(
        a.classify("Thanks so much, great help!", &ctx()).label,
        Label::Praise
    );
    let empty: [(&str, Label); 0] = [];
    assert_eq!(
        Classifier::train(&empty, &TrainOptions::default())
            .unwrap_err()
            .code(),
        "empty_training_set"
    );
    assert_eq!(
        Classifier::train_texts(&["a", "b"], &[Label::Other], &TrainOptions::default())
            .unwrap_err()
            .code(),
        "label_count_mismatch"
    );
}

#[test]
fn english_and_dutch_signals() {
    let c = Classifier::default();
    let cases: [(&str, SignalKind, &str); 12] = [
        (
            "I am not happy with this",
            SignalKind::NegatedPositive,
            "not happy",
        ),
        ("Ik ben niet blij", SignalKind::NegatedPositive, "niet blij"),
        (
            "Dit is echt belachelijk",
            SignalKind::NegativeWord,
            "echt belachelijk",
        ),
        (
            "still waiting for my refund",
            SignalKind::StillWaiting,
            "still waiting",
        ),
        ("parcel is 6 weeks late", SignalKind::ElapsedTime, "6 weeks"),
        (
            "ik heb al 3 keer gebeld",
            SignalKind::RepeatContact,
            "al 3 keer gebeld",
        ),
        (
            "it was supposed to arrive",
            SignalKind::BrokenPromise,
            "was supposed to",
        ),
        (
            "het pakket zou vandaag geleverd worden",
            SignalKind::BrokenPromise,
            "zou vandaag geleverd worden",
        ),
        (
            "ik ga overstappen naar Ziggo",
            SignalKind::ChurnThreat,
            "overstappen",
        ),
        (
            "ik stap naar de Consumentenbond",
            SignalKind::LegalThreat,
            "Consumentenbond",
        ),
        ("Great airline #fail", SignalKind::FailHashtag, "#fail"),
        (
            "WHERE IS MY PARCEL",
            SignalKind::Shouting,
            "WHERE IS MY PARCEL",
        ),
    ];
    for (text, kind, span) in cases {
        let r = c.classify(text, &ctx());
        assert!(
            r.signals
                .iter()
                .any(|s| s.kind == kind && &text[s.span.clone()] == span),
            "{text}: expected {kind} on {span:?}, got {:?}",
            r.signals
        );
    }
}

mod properties {
    use proptest::prelude::*;
    use webcare::{Classifier, Context};

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// Any text: a classification whose spans lie on char boundaries, and the label does
        /// not depend on the context.
        #[test]
        fn any_text_classifies(text in "\\PC{0,200}", reach in proptest::option::of(any::<u64>())) {
            let c = Classifier::default();
            let plain = c.classify(&text, &Context::default());
            for s in &plain.signals {
                prop_assert!(s.span.end <= text.len());
                prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            }
            let loud = c.classify(&text, &Context { channel: None, reach, promoted: true });
            prop_assert_eq!(plain.label, loud.label);
            prop_assert!(loud.severity.score >= plain.severity.score);
        }

        /// Any bytes: a result or invalid_encoding.
        #[test]
        fn any_bytes_classify(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            match Classifier::default().classify_bytes(&bytes, &Context::default()) {
                Ok(_) => prop_assert!(std::str::from_utf8(&bytes).is_ok()),
                Err(e) => prop_assert_eq!(e.code(), "invalid_encoding"),
            }
        }
    }
}
