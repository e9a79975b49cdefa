//! Unit tests of the checker as a whole; the laws are in `core/tests/consistency_laws.rs`.

use super::*;
use crate::parse_instant;

fn answer(channel: &str, question: &str, text: &str) -> Answer {
    Answer::new(
        channel.parse().unwrap(),
        parse_instant("2026-03-06T10:00:00+01:00").unwrap(),
        question,
        text,
    )
}

#[test]
fn empty_input_is_an_empty_report() {
    let report = ConsistencyChecker::default().check(&[]).unwrap();
    assert!(report.groups.is_empty());
    assert_eq!(report.rate, None);
    assert!(report.pairs.is_empty());
}

#[test]
fn empty_question_needs_a_topic() {
    let checker = ConsistencyChecker::default();
    let bare = [answer("x", "Fee?", "€25"), answer("email", "  ", "€25")];
    let err = checker.check(&bare).unwrap_err();
    assert_eq!(err, Error::EmptyQuestion { index: 1 });
    let with_topic = [
        bare[0].clone().with_topic("fee"),
        bare[1].clone().with_topic("fee"),
    ];
    let report = checker.check(&with_topic).unwrap();
    assert_eq!(report.groups.len(), 1);
    assert_eq!(report.groups[0].topic.as_deref(), Some("fee"));
    assert_eq!(report.groups[0].verdict, Verdict::Consistent);
}

#[test]
fn bad_options_are_typed_errors() {
    for t in [0.0, -0.1, 1.0001, f64::NAN, f64::INFINITY] {
        let options = ConsistencyOptions {
            threshold: t,
            ..Default::default()
        };
        let err = ConsistencyChecker::new(options).unwrap_err();
        assert_eq!(err.code(), "invalid_option", "{t}");
    }
    let options = ConsistencyOptions {
        shingle_size: 0,
        ..Default::default()
    };
    assert_eq!(
        ConsistencyChecker::new(options).unwrap_err().code(),
        "invalid_option"
    );
    assert_eq!(
        ConsistencyChecker::from_json("{\"treshold\": 0.5}")
            .unwrap_err()
            .code(),
        "invalid_json"
    );
    let checker: ConsistencyChecker = serde_json::from_str("{\"threshold\": 1}").unwrap();
    assert_eq!(checker.options().threshold, 1.0);
    assert!(serde_json::from_str::<ConsistencyChecker>("{\"threshold\": 2}").is_err());
}

#[test]
fn answers_round_trip_through_json() {
    let a = answer("x_dm", "Fee?", "€25").with_topic("fee");
    let json = serde_json::to_string(std::slice::from_ref(&a)).unwrap();
    assert!(json.contains("\"at\":\"2026-03-06T09:00:00Z\""));
    assert_eq!(Answer::list_from_json(&json).unwrap(), [a]);
}

#[test]
fn incomplete_and_pair_rates() {
    let answers = [
        answer(
            "x",
            "What is the fee?",
            "The fee is €25, paid within 14 days.",
        ),
        answer("email", "What is the fee exactly?", "It costs 25 euro."),
        answer("chat", "What is the fee?", "The fee is €30."),
    ];
    let report = ConsistencyChecker::default().check(&answers).unwrap();
    assert_eq!(report.groups.len(), 1);
    let g = &report.groups[0];
    assert_eq!(g.verdict, Verdict::Conflict);
    // One conflict per pair of distinct value sets: x and e-mail both say €25.
    assert_eq!(g.conflicts.len(), 1);
    assert_eq!(g.conflicts[0].values, ["EUR 25.00", "EUR 30.00"]);
    assert_eq!(report.rate, Some(0.0));
    // Pairs in channel order: x < email < chat is the enum order.
    let by_pair: Vec<_> = report
        .pairs
        .iter()
        .map(|p| {
            (
                p.channels[0].name().into_owned(),
                p.channels[1].name().into_owned(),
                p.consistent,
            )
        })
        .collect();
    assert_eq!(
        by_pair,
        [
            ("x".into(), "email".into(), 0),
            ("x".into(), "chat".into(), 0),
            ("email".into(), "chat".into(), 0)
        ]
    );
    // x and e-mail agree on the fee; e-mail leaves out the 14 days: incomplete, not consistent.
    let two = ConsistencyChecker::default().check(&answers[..2]).unwrap();
    assert_eq!(two.groups[0].verdict, Verdict::Incomplete);
    assert_eq!(two.groups[0].gaps[0].value, "14d");
    assert_eq!(two.groups[0].gaps[0].missing_in, [1]);
}

#[test]
fn megabyte_answers_and_questions() {
    let big_answer = "Binnen 14 dagen krijgt u €25,00 terug, bel 020 474 7747. ".repeat(18_000);
    let big_question = "how long does a refund take for my lost bag ".repeat(25_000);
    assert!(big_answer.len() > 1_000_000 && big_question.len() > 1_000_000);
    let answers = [
        answer("x", &big_question, &big_answer),
        answer(
            "email",
            &big_question,
            "Binnen twee weken krijgt u EUR 25 terug, bel +31 20 474 7747.",
        ),
    ];
    let report = ConsistencyChecker::default().check(&answers).unwrap();
    assert_eq!(report.groups.len(), 1);
    assert_eq!(report.groups[0].verdict, Verdict::Consistent);
}
