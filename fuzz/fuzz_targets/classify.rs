//! Any bytes: classify must return a result or `invalid_encoding`, never panic, and every
//! signal span must lie on char boundaries inside the text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webcare::{Classifier, Context};

fuzz_target!(|data: &[u8]| {
    let classifier = Classifier::default();
    match classifier.classify_bytes(data, &Context::default()) {
        Ok(c) => {
            let text = std::str::from_utf8(data).unwrap_or_default();
            for s in &c.signals {
                assert!(s.span.start <= s.span.end && s.span.end <= text.len());
                assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
            }
            let sum = c.scores.complaint + c.scores.question + c.scores.praise + c.scores.other;
            assert!((sum - 1.0).abs() < 1e-6);
        }
        Err(e) => assert_eq!(e.code(), "invalid_encoding"),
    }
});
