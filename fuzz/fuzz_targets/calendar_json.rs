//! Any text as a calendar: a calendar or a typed error, never a panic or a hang. An accepted
//! calendar round-trips through JSON and answers `add`/`elapsed` consistently.
#![no_main]

use chrono::{DateTime, TimeDelta, Utc};
use libfuzzer_sys::fuzz_target;
use webcare::Calendar;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(calendar) = Calendar::from_json(text) else {
        return;
    };
    let again = Calendar::from_json(&calendar.to_json()).expect("written calendar parses");
    assert_eq!(again, calendar);
    let start = DateTime::<Utc>::from_timestamp(1_774_000_000 + (data.len() as i64) * 7_919, 0)
        .expect("in range");
    let duration = TimeDelta::minutes((data.len() as i64 * 37) % 100_000);
    if let Ok(due) = calendar.add(start, duration) {
        assert_eq!(calendar.elapsed(start, due).expect("elapsed of a computed span"), duration);
    }
});
