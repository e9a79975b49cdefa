//! Any text as each JSON configuration a user hands to webcare: a policy, triage weights,
//! consistency options, a column mapping and HTML report options. Each gives a value or a
//! typed error, never a panic or a hang; an accepted value round-trips through its JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webcare::report::HtmlOptions;
use webcare::{ColumnMapping, ConsistencyChecker, Policy, TriageWeights};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(policy) = Policy::from_json(text) {
        let again = Policy::from_json(&policy.to_json()).expect("written policy parses");
        assert_eq!(again, policy);
    }
    if let Ok(weights) = TriageWeights::from_json(text) {
        let again = TriageWeights::from_json(&weights.to_json()).expect("written weights parse");
        assert_eq!(again, weights);
    }
    if let Ok(checker) = ConsistencyChecker::from_json(text) {
        let again =
            ConsistencyChecker::from_json(&checker.to_json()).expect("written options parse");
        assert_eq!(again, checker);
    }
    if let Ok(mapping) = ColumnMapping::from_json(text) {
        let again = ColumnMapping::from_json(&mapping.to_json()).expect("written mapping parses");
        assert_eq!(again, mapping);
    }
    let _ = HtmlOptions::from_json(text);
});
