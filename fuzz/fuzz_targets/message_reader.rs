//! Any bytes as a JSON-lines file and as a CSV export: messages or typed errors, never a
//! panic or a hang. Each JSON line is read by the reader's fast path when it can be; the
//! reader must then agree with `Message::from_json` on that line, message for message and
//! error for error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webcare::inbox::{ColumnMapping, MessageReader};
use webcare::Message;

fuzz_target!(|data: &[u8]| {
    for item in MessageReader::json_lines(data) {
        let _ = item;
    }
    if let Ok(reader) = MessageReader::csv(data, ColumnMapping::twcs()) {
        for item in reader.take(10_000) {
            let _ = item;
        }
    }
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for line in text.split('\n').filter(|l| !l.trim().is_empty()) {
        let read = MessageReader::json_lines(line.as_bytes()).next();
        let direct = Message::from_json(line);
        match (read, direct) {
            (Some(Ok(a)), Ok(b)) => assert_eq!(a, b, "the reader and serde read {line:?} apart"),
            (Some(Err(_)), Err(_)) => {}
            (read, direct) => panic!("reader {read:?} vs serde {direct:?} on {line:?}"),
        }
    }
});
