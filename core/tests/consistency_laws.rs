//! Laws of the consistency checker, as properties.
#![allow(clippy::unwrap_used, reason = "a test: a panic is the failure report")]

use std::collections::BTreeSet;

use proptest::prelude::*;
use webcare::{parse_instant, Answer, Channel, ConsistencyChecker, ConsistencyOptions, Verdict};

/// Content words (no stop words, no plural `s`), so that questions differ in what they share.
const WORDS: &[&str] = &[
    "refund", "bag", "dog", "flight", "seat", "meal", "wifi", "delay", "ticket", "price",
    "upgrade", "cancel", "change", "luggage", "pet", "child", "voucher", "lounge",
];

const ANSWERS: &[&str] = &[
    "Yes, you can.",
    "Nee, helaas.",
    "The fee is €25.",
    "It costs 25 euro.",
    "The fee is €30, see klm.com/fees.",
    "Within 14 days.",
    "Binnen twee weken.",
    "Within a month, call 020 474 7747.",
    "Thanks for asking!",
];

const CHANNELS: &[&str] = &["x", "x_dm", "email", "chat", "whatsapp"];

fn question() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 1..7).prop_map(|w| w.join(" "))
}

fn answer() -> impl Strategy<Value = Answer> {
    (
        question(),
        prop::sample::select(ANSWERS),
        prop::sample::select(CHANNELS),
        prop::option::weighted(0.2, prop::sample::select(&["topic-a", "topic-b"][..])),
    )
        .prop_map(|(q, a, c, topic)| {
            let at = parse_instant("2026-03-06T10:00:00+01:00").unwrap_or_default();
            let channel: Channel = c.parse().unwrap_or(Channel::Email);
            let answer = Answer::new(channel, at, &q, a);
            match topic {
                Some(t) => answer.with_topic(t),
                None => answer,
            }
        })
}

/// Groups as sets of original positions, with the verdict of each.
fn partition(
    groups: Vec<(Vec<usize>, Verdict)>,
    original: &[usize],
) -> BTreeSet<(Vec<usize>, String)> {
    groups
        .into_iter()
        .map(|(members, verdict)| {
            let mut ids: Vec<usize> = members.into_iter().map(|i| original[i]).collect();
            ids.sort_unstable();
            (ids, format!("{verdict:?}"))
        })
        .collect()
}

fn checked(checker: &ConsistencyChecker, answers: &[Answer]) -> Vec<(Vec<usize>, Verdict)> {
    let report = checker.check(answers).unwrap();
    report
        .groups
        .into_iter()
        .map(|g| (g.answers, g.verdict))
        .collect()
}

fn sets(groups: Vec<Vec<usize>>) -> BTreeSet<Vec<usize>> {
    groups.into_iter().collect()
}

fn letter(n: usize) -> char {
    char::from(b'a' + (n % 26) as u8)
}

/// Whether every group of `fine` lies inside one group of `coarse`.
fn refines(fine: &BTreeSet<Vec<usize>>, coarse: &BTreeSet<Vec<usize>>) -> bool {
    fine.iter()
        .all(|f| coarse.iter().any(|c| f.iter().all(|i| c.contains(i))))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn groups_and_verdicts_do_not_depend_on_input_order(
        (answers, order) in prop::collection::vec(answer(), 0..30)
            .prop_flat_map(|a| { let n = a.len(); (Just(a), Just((0..n).collect::<Vec<_>>()).prop_shuffle()) }),
        threshold in prop::sample::select(&[0.3, 0.5, 0.8, 1.0][..]),
    ) {
        let checker = ConsistencyChecker::new(ConsistencyOptions { threshold, ..Default::default() }).unwrap();
        let identity: Vec<usize> = (0..answers.len()).collect();
        let shuffled: Vec<Answer> = order.iter().map(|&i| answers[i].clone()).collect();
        prop_assert_eq!(
            partition(checked(&checker, &answers), &identity),
            partition(checked(&checker, &shuffled), &order)
        );
    }

    #[test]
    fn an_answer_is_consistent_with_itself(
        first in answer(),
        text in "[ -~€éë]{0,80}",
        other in prop::sample::select(CHANNELS),
    ) {
        let checker = ConsistencyChecker::default();
        for body in [first.answer.clone(), text] {
            let mut a = first.clone();
            a.answer = body;
            let mut b = a.clone();
            b.channel = other.parse().unwrap();
            let report = checker.check(&[a, b]).unwrap();
            prop_assert_eq!(report.groups.len(), 1);
            prop_assert_eq!(report.groups[0].verdict, Verdict::Consistent);
            prop_assert!(report.rate.is_none() || report.rate == Some(1.0));
        }
    }

    /// Any text gives facts, never a panic, with spans inside the text on character
    /// boundaries and in order.
    #[test]
    fn facts_of_any_text(text in any::<String>(), noise in "[0-9€£$%.,:/@ a-zA-Z-]{0,200}") {
        for t in [text, noise] {
            let facts = webcare::extract_facts(&t).unwrap();
            let mut last = 0;
            for f in &facts {
                prop_assert!(f.start < f.end && f.end <= t.len());
                prop_assert!(t.is_char_boundary(f.start) && t.is_char_boundary(f.end));
                prop_assert!(f.start >= last);
                last = f.end;
            }
        }
    }

    /// LSH only joins pairs that exact comparison joins, and misses no pair far above the
    /// threshold: exact(0.8) ⊑ LSH(0.5) ⊑ exact(0.5).
    #[test]
    fn lsh_is_sandwiched_between_exact_groupings(
        questions in prop::collection::vec(question(), 1..40),
    ) {
        let at = parse_instant("2026-03-06T10:00:00Z").unwrap();
        let answers: Vec<Answer> = questions.iter().map(|q| Answer::new(Channel::X, at, q, "")).collect();
        let at = |t: f64| ConsistencyChecker::new(ConsistencyOptions { threshold: t, ..Default::default() }).unwrap();
        let lsh = sets(at(0.5).group(&answers).unwrap());
        let exact = sets(at(0.5).group_exact(&answers).unwrap());
        let strict = sets(at(0.8).group_exact(&answers).unwrap());
        prop_assert!(refines(&lsh, &exact));
        prop_assert!(refines(&strict, &lsh));
    }

    /// On clusters of near-duplicate questions (each pair inside a cluster at Jaccard ≥ 0.8,
    /// clusters sharing no word) LSH and exact all-pairs give the same groups.
    #[test]
    fn lsh_agrees_with_exact_at_high_similarity(
        clusters in prop::collection::vec(prop::collection::vec(0usize..3, 1..6), 1..6),
        threshold in prop::sample::select(&[0.5, 0.7, 0.8][..]),
    ) {
        let at = parse_instant("2026-03-06T10:00:00Z").unwrap();
        let mut answers = Vec::new();
        // Words of letters only: digits would fold to one number token.
        let word = |c: usize, w: usize| format!("zq{}{}k", letter(c), letter(w));
        for (c, variants) in clusters.iter().enumerate() {
            // Cluster c owns its words: eight base words plus one extra per variant, so two
            // variants share 8 of 10 words (Jaccard 0.8) and a variant and itself all.
            let base: Vec<String> = (0..8).map(|w| word(c, w)).collect();
            for &v in variants {
                let mut words = base.clone();
                words.push(word(c, 10 + v));
                answers.push(Answer::new(Channel::Chat, at, &words.join(" "), ""));
            }
        }
        let checker = ConsistencyChecker::new(ConsistencyOptions { threshold, ..Default::default() }).unwrap();
        prop_assert_eq!(sets(checker.group(&answers).unwrap()), sets(checker.group_exact(&answers).unwrap()));
        prop_assert_eq!(checker.group(&answers).unwrap().len(), clusters.len());
    }
}
