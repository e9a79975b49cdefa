//! Laws of triage (DESIGN.md, "Triage") as property tests.
//!
//! - More reach never lowers the score.
//! - Adding any reason never lowers the priority.
//! - The score is the sum of the reasons' points.
//! - The priority is monotone in the score.
//! - Weights and triage results round-trip through JSON.
//! - Zero weights give priority low.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "test helpers: a failed unwrap is a failed test"
)]

use chrono::{DateTime, TimeDelta, Utc};
use proptest::prelude::*;
use webcare::classify::{Severity, SeverityLevel};
use webcare::triage::PriorityThresholds;
use webcare::{
    Channel, Classification, Direction, Label, LabelScores, Language, Message, Priority, Triage,
    TriageInput, TriageWeights, Triager,
};

fn now() -> DateTime<Utc> {
    "2026-03-06T10:00:00Z".parse().unwrap()
}

const CHANNELS: [Channel; 6] = [
    Channel::X,
    Channel::Facebook,
    Channel::Email,
    Channel::Phone,
    Channel::Chat,
    Channel::WebForm,
];

/// Everything a triage input can vary in.
#[derive(Debug, Clone)]
struct Case {
    channel: usize,
    label: u8,
    severity: f64,
    dutch: bool,
    reach: Option<u64>,
    promoted: bool,
    earlier: Vec<usize>,
    unresolved_hours: Option<i64>,
    sla: Option<(i64, i64)>,
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        0..CHANNELS.len(),
        0u8..4,
        0.0f64..=1.0,
        any::<bool>(),
        proptest::option::of(0u64..10_000_000),
        any::<bool>(),
        proptest::collection::vec(0..CHANNELS.len(), 0..4),
        proptest::option::of(0i64..(20 * 7 * 24)),
        proptest::option::of((-600i64..600, 1i64..600)),
    )
        .prop_map(
            |(channel, label, severity, dutch, reach, promoted, earlier, unresolved, sla)| Case {
                channel,
                label,
                severity,
                dutch,
                reach,
                promoted,
                earlier,
                unresolved_hours: unresolved,
                sla,
            },
        )
}

fn label(code: u8) -> Label {
    [
        Label::Complaint,
        Label::Question,
        Label::Praise,
        Label::Other,
    ][usize::from(code % 4)]
}

fn message(case: &Case) -> Message {
    Message {
        id: "m1".into(),
        channel: CHANNELS[case.channel].clone(),
        direction: Direction::Inbound,
        author: "ann".into(),
        sent_at: now() - TimeDelta::minutes(5),
        text: String::new(),
        reply_to: None,
        case_id: None,
        reach: case.reach,
        promoted: case.promoted,
    }
}

fn classification(case: &Case) -> Classification {
    let label = label(case.label);
    Classification {
        label,
        scores: LabelScores::default(),
        severity: Severity {
            score: case.severity,
            level: if label == Label::Complaint {
                SeverityLevel::Disapproval
            } else {
                SeverityLevel::None
            },
        },
        language: if case.dutch {
            Language::Nl
        } else {
            Language::En
        },
        signals: Vec::new(),
    }
}

fn run(triager: &Triager, case: &Case) -> Triage {
    run_with(triager, case, |t, input| t.triage(input))
}

fn run_with<T>(triager: &Triager, case: &Case, f: impl Fn(&Triager, &TriageInput<'_>) -> T) -> T {
    let m = message(case);
    let c = classification(case);
    let mut input = TriageInput::new(&m, &c, now())
        .with_earlier_channels(case.earlier.iter().map(|&i| CHANNELS[i].clone()));
    if let Some(h) = case.unresolved_hours {
        input = input.with_unresolved_since(now() - TimeDelta::hours(h));
    }
    if let Some((left, target)) = case.sla {
        input = input.with_sla_left(TimeDelta::minutes(left), TimeDelta::minutes(target));
    }
    f(triager, &input)
}

fn weights_strategy() -> impl Strategy<Value = TriageWeights> {
    (
        proptest::collection::vec(0.0f64..100.0, 10),
        0u64..100_000,
        (0.1f64..50.0, 0.1f64..50.0, 0.1f64..50.0),
    )
        .prop_map(|(v, escalate_reach, (a, b, c))| TriageWeights {
            severity: v[0],
            reach: v[1],
            reach_floor_log10: v[2] / 20.0,
            promoted: v[3],
            public_channel: v[4],
            repeat_contact: v[5],
            unresolved_age_per_week: v[6],
            unresolved_age_cap_weeks: v[7],
            sla_time_left: v[8],
            escalate_reach,
            escalate_unresolved_weeks: v[9] / 10.0,
            thresholds: PriorityThresholds {
                normal: a,
                high: a + b,
                urgent: a + b + c,
            },
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn more_reach_never_lowers_the_score(
        case in case_strategy(),
        weights in weights_strategy(),
        extra in 0u64..100_000_000,
    ) {
        let triager = Triager::new(weights).unwrap();
        let low = run(&triager, &case);
        let more = Case { reach: Some(case.reach.unwrap_or(0).saturating_add(extra)), ..case.clone() };
        let high = run(&triager, &more);
        prop_assert!(high.score >= low.score, "{} < {}", high.score, low.score);
        prop_assert!(high.priority >= low.priority);
    }

    #[test]
    fn adding_any_reason_never_lowers_the_priority(
        case in case_strategy(),
        weights in weights_strategy(),
        which in 0u8..6,
    ) {
        let triager = Triager::new(weights).unwrap();
        let before = run(&triager, &case);
        let mut more = case.clone();
        match which {
            0 => more.promoted = true,
            1 => more.earlier.push((case.channel + 1) % CHANNELS.len()),
            2 => more.unresolved_hours = Some(case.unresolved_hours.unwrap_or(0) + 24),
            3 => more.sla = Some(case.sla.map_or((-1, 60), |(left, target)| (left - 30, target))),
            4 => more.reach = Some(case.reach.unwrap_or(0) + 50_000),
            _ => more.severity = (case.severity + 0.3).min(1.0),
        }
        let after = run(&triager, &more);
        prop_assert!(after.priority >= before.priority, "{:?} < {:?}", after.priority, before.priority);
        prop_assert!(after.score >= before.score);
    }

    #[test]
    fn score_is_the_sum_of_the_reasons(case in case_strategy(), weights in weights_strategy()) {
        let t = run(&Triager::new(weights).unwrap(), &case);
        let sum: f64 = t.reasons.iter().map(|r| r.points).sum();
        prop_assert_eq!(t.score, sum);
        prop_assert!(t.reasons.iter().all(|r| r.points > 0.0 && r.points.is_finite()));
        prop_assert!(t.reasons.windows(2).all(|p| p[0].points >= p[1].points));
        prop_assert!(t.language == Language::En || t.language == Language::Nl);
    }

    #[test]
    fn score_alone_is_the_triage_score(case in case_strategy(), weights in weights_strategy()) {
        let triager = Triager::new(weights).unwrap();
        let t = run(&triager, &case);
        let score = run_with(&triager, &case, |t, input| t.score(input));
        prop_assert_eq!(t.score.to_bits(), score.to_bits());
    }

    #[test]
    fn priority_is_monotone_in_the_score(
        weights in weights_strategy(),
        a in 0.0f64..200.0,
        b in 0.0f64..200.0,
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let t = weights.thresholds;
        prop_assert!(t.priority(lo) <= t.priority(hi));
    }

    #[test]
    fn weights_round_trip_through_json(weights in weights_strategy()) {
        let json = weights.to_json();
        prop_assert_eq!(TriageWeights::from_json(&json).unwrap(), weights.clone());
        prop_assert_eq!(Triager::from_json(&json).unwrap(), Triager::new(weights).unwrap());
    }

    #[test]
    fn triage_round_trips_through_json(case in case_strategy()) {
        let t = run(&Triager::default(), &case);
        prop_assert_eq!(Triage::from_json(&t.to_json()).unwrap(), t);
    }

    #[test]
    fn zero_weights_give_low_priority(case in case_strategy()) {
        let zero = TriageWeights {
            severity: 0.0,
            reach: 0.0,
            promoted: 0.0,
            public_channel: 0.0,
            repeat_contact: 0.0,
            unresolved_age_per_week: 0.0,
            sla_time_left: 0.0,
            ..TriageWeights::default()
        };
        let t = run(&Triager::new(zero).unwrap(), &case);
        prop_assert_eq!(t.priority, Priority::Low);
        prop_assert_eq!(t.score, 0.0);
        prop_assert!(t.reasons.is_empty());
    }

    #[test]
    fn a_complaint_is_never_to_be_deleted(case in case_strategy()) {
        let t = run(&Triager::default(), &case);
        let complaint = label(case.label) == Label::Complaint;
        let kinds: Vec<&str> = t.advice.iter().map(|a| a.kind.name()).collect();
        prop_assert_eq!(kinds.contains(&"do_not_delete"), complaint);
        prop_assert_eq!(kinds.contains(&"apologise"), complaint);
        prop_assert_eq!(
            kinds.contains(&"answer_in_public"),
            complaint && CHANNELS[case.channel].is_public()
        );
    }
}

#[test]
fn bad_weights_name_the_field() {
    let cases = [
        (r#"{"severity": -1}"#, "severity"),
        (r#"{"reach": 2e6}"#, "reach"),
        (r#"{"thresholds": {"normal": 0}}"#, "thresholds.normal"),
        (r#"{"thresholds": {"high": 80}}"#, "thresholds"),
    ];
    for (json, field) in cases {
        let err = Triager::from_json(json).unwrap_err();
        assert_eq!(err.code(), "invalid_option", "{json}");
        assert!(
            matches!(err, webcare::Error::InvalidOption { option, .. } if option == field),
            "{json}: {err:?}"
        );
    }
    for json in [r#"{"severty": 1}"#, r#"{"reach": "ten"}"#, "{"] {
        assert_eq!(
            Triager::from_json(json).unwrap_err().code(),
            "invalid_json",
            "{json}"
        );
    }
}

#[test]
fn the_documented_examples_hold() {
    // The weights' documentation: an ordinary public complaint is high, the same by e-mail
    // normal, a severe public complaint with 40,000 followers urgent.
    let triager = Triager::default();
    let base = Case {
        channel: 0,
        label: 0,
        severity: 0.5,
        dutch: false,
        reach: None,
        promoted: false,
        earlier: vec![],
        unresolved_hours: None,
        sla: None,
    };
    let t = run(&triager, &base);
    assert_eq!((t.score, t.priority), (30.0, Priority::High));
    let email = Case {
        channel: 2,
        ..base.clone()
    };
    assert_eq!(run(&triager, &email).priority, Priority::Normal);
    let loud = Case {
        severity: 0.75,
        reach: Some(100_000),
        ..base
    };
    let t = run(&triager, &loud);
    // 40 * 0.75 + 10 (public) + 10 * (5 - 2) (reach) = 70.
    assert_eq!((t.score, t.priority), (70.0, Priority::Urgent));
    assert!(t.advice.iter().any(|a| a.kind.name() == "escalate"));
}
