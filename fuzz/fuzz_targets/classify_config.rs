//! Any text as a classifier config: a classifier or a typed error, never a panic or a hang
//! (regexes compile with size limits). An accepted config must round-trip through JSON.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webcare::{Classifier, ClassifierConfig, Context};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(classifier) = Classifier::from_json(text) {
        let json = classifier.to_json().expect("an accepted config serializes");
        let again = ClassifierConfig::from_json(&json).expect("written config parses");
        assert_eq!(&again, classifier.config());
        let _ = classifier.classify(text, &Context::default());
    }
});
