//! Any text as a report or a report part: a value or a typed error, never a panic or a hang.
//! An accepted part round-trips through JSON, merges with a copy of itself and finishes into
//! a report; every report renders as text and as HTML.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webcare::report::HtmlOptions;
use webcare::{Report, ReportPart};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(report) = Report::from_json(text) {
        let again = Report::from_json(&report.to_json()).expect("written report parses");
        assert_eq!(again.to_json(), report.to_json());
        let _ = report.to_text();
        let _ = report.to_html(&HtmlOptions::default());
    }
    if let Ok(part) = ReportPart::from_json(text) {
        let written = part.to_json();
        let again = ReportPart::from_json(&written).expect("written part parses");
        assert_eq!(again.to_json(), written);
        let mut merged = part.clone();
        merged.merge(again).expect("a part merges with a copy of itself");
        let report = merged.finish();
        let _ = report.to_text();
        let _ = report.to_html(&HtmlOptions::default());
    }
});
