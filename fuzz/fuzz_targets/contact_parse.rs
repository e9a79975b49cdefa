//! Any text as a handle, a channel name, a message and a contact book: a value or a typed
//! error, never a panic. Whatever parses must round-trip through its text or JSON form.
#![no_main]

use libfuzzer_sys::fuzz_target;
use webcare::{Channel, ContactBook, Handle, HandleKind, Message};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(handle) = text.parse::<Handle>() {
        let again: Handle = handle.to_string().parse().expect("a handle's text form parses");
        assert_eq!(again, handle);
    }
    for kind in ["email", "phone", "x", "instagram", "facebook", "chat"] {
        let kind: HandleKind = kind.parse().expect("built-in kind");
        if let Ok(handle) = Handle::new(kind.clone(), text) {
            // Normalizing is idempotent.
            assert_eq!(Handle::new(kind, handle.value()).expect("normalized value is valid"), handle);
        }
    }
    if let Ok(channel) = text.parse::<Channel>() {
        assert_eq!(channel.name().parse::<Channel>().expect("canonical name parses"), channel);
    }
    if let Ok(message) = Message::from_json(text) {
        assert_eq!(Message::from_json(&message.to_json()).expect("written message parses"), message);
    }
    if let Ok(book) = ContactBook::from_json(text) {
        let json = book.to_json();
        assert_eq!(ContactBook::from_json(&json).expect("written book parses").to_json(), json);
    }
});
