//! The fast path of reading a JSON line of a message: one pass over the line, strings
//! borrowed where they have no escapes. It takes only lines it reads exactly as serde
//! would and leaves everything else (every error included) to [`Message::from_json`].

use std::borrow::Cow;

use crate::channel::Channel;
use crate::instant::parse_instant;
use crate::message::{Direction, Message};

/// A JSON line of a message, its strings borrowed from the line where they have no escapes.
struct LineRecord<'a> {
    id: Cow<'a, str>,
    channel: Cow<'a, str>,
    direction: Cow<'a, str>,
    author: Cow<'a, str>,
    sent_at: Cow<'a, str>,
    text: Cow<'a, str>,
    reply_to: Option<Cow<'a, str>>,
    case_id: Option<Cow<'a, str>>,
    reach: Option<u64>,
    promoted: bool,
}

/// Reads one JSON object of the message fields by hand, in one pass over the line. `None`
/// for anything it does not take exactly as serde would (an unknown or repeated key, a
/// missing field, a key with an escape, a number other than plain digits, a bad escape,
/// trailing text...): the caller then reads the line with serde, which accepts or reports it.
fn line_record(line: &str) -> Option<LineRecord<'_>> {
    let mut p = Cursor {
        text: line,
        bytes: line.as_bytes(),
        at: 0,
    };
    let (mut id, mut channel, mut direction, mut author, mut sent_at) =
        (None, None, None, None, None);
    let (mut text, mut reply_to, mut case_id, mut reach, mut promoted) =
        (None, None, None, None, None);
    p.expect(b'{')?;
    if p.peek()? == b'}' {
        p.at += 1;
    } else {
        loop {
            let key = p.plain_string()?;
            p.expect(b':')?;
            fn once<T>(slot: &mut Option<T>, value: T) -> Option<()> {
                slot.is_none().then(|| *slot = Some(value))
            }
            match key {
                "id" => once(&mut id, p.string()?)?,
                "channel" => once(&mut channel, p.string()?)?,
                "direction" => once(&mut direction, p.string()?)?,
                "author" => once(&mut author, p.string()?)?,
                "sent_at" => once(&mut sent_at, p.string()?)?,
                "text" => once(&mut text, p.string()?)?,
                "reply_to" => once(&mut reply_to, p.or_null(Cursor::string)?)?,
                "case_id" => once(&mut case_id, p.or_null(Cursor::string)?)?,
                "reach" => once(&mut reach, p.or_null(Cursor::digits)?)?,
                "promoted" => once(&mut promoted, p.boolean()?)?,
                _ => return None,
            }
            match p.next()? {
                b',' => {}
                b'}' => break,
                _ => return None,
            }
        }
    }
    p.skip_space();
    if p.at != p.bytes.len() {
        return None;
    }
    Some(LineRecord {
        id: id?,
        channel: channel?,
        direction: direction?,
        author: author?,
        sent_at: sent_at?,
        text: text.unwrap_or_default(),
        reply_to: reply_to.flatten(),
        case_id: case_id.flatten(),
        reach: reach.flatten(),
        promoted: promoted.unwrap_or(false),
    })
}

/// A position in a JSON line.
struct Cursor<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes.get(self.at).copied()
    }

    /// Takes the next byte that is not white space.
    fn next(&mut self) -> Option<u8> {
        let b = self.peek()?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, b: u8) -> Option<()> {
        (self.next()? == b).then_some(())
    }

    fn literal(&mut self, word: &str) -> bool {
        let found = self.bytes[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// `null` as `None`, else the value `read` reads.
    fn or_null<T>(&mut self, read: fn(&mut Self) -> Option<T>) -> Option<Option<T>> {
        self.skip_space();
        if self.literal("null") {
            Some(None)
        } else {
            read(self).map(Some)
        }
    }

    fn boolean(&mut self) -> Option<bool> {
        self.skip_space();
        if self.literal("true") {
            Some(true)
        } else if self.literal("false") {
            Some(false)
        } else {
            None
        }
    }

    /// An unsigned integer written as plain digits, no leading zero (as JSON has it).
    fn digits(&mut self) -> Option<u64> {
        self.skip_space();
        let start = self.at;
        let mut n: u64 = 0;
        while let Some(d) = self.bytes.get(self.at).filter(|b| b.is_ascii_digit()) {
            n = n.checked_mul(10)?.checked_add(u64::from(d - b'0'))?;
            self.at += 1;
        }
        let len = self.at - start;
        let leading_zero = len > 1 && self.bytes[start] == b'0';
        let more = matches!(self.bytes.get(self.at), Some(b'.' | b'e' | b'E'));
        (len > 0 && !leading_zero && !more).then_some(n)
    }

    /// A string without escapes, borrowed.
    fn plain_string(&mut self) -> Option<&'a str> {
        match self.string()? {
            Cow::Borrowed(s) => Some(s),
            Cow::Owned(_) => None,
        }
    }

    /// A string: borrowed when it has no escape, else unescaped into a new one.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.expect(b'"')?;
        let start = self.at;
        loop {
            self.skip_plain();
            match *self.bytes.get(self.at)? {
                b'"' => {
                    let s = self.text.get(start..self.at)?;
                    self.at += 1;
                    return Some(Cow::Borrowed(s));
                }
                b'\\' => break,
                b if b < 0x20 => return None,
                _ => self.at += 1,
            }
        }
        let mut out = String::from(self.text.get(start..self.at)?);
        loop {
            let run = self.at;
            self.skip_plain();
            out.push_str(self.text.get(run..self.at)?);
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    self.at += 1;
                    let c = match *self.bytes.get(self.at)? {
                        b'"' => '"',
                        b'\\' => '\\',
                        b'/' => '/',
                        b'b' => '\u{8}',
                        b'f' => '\u{c}',
                        b'n' => '\n',
                        b'r' => '\r',
                        b't' => '\t',
                        b'u' => {
                            let hi = self.hex4()?;
                            let code = if (0xD800..0xDC00).contains(&hi) {
                                if !self.literal("\\") {
                                    return None;
                                }
                                let lo = self.hex4()?;
                                if !(0xDC00..0xE000).contains(&lo) {
                                    return None;
                                }
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            } else {
                                hi
                            };
                            out.push(char::from_u32(code)?);
                            continue;
                        }
                        _ => return None,
                    };
                    self.at += 1;
                    out.push(c);
                }
                _ => return None,
            }
        }
    }

    /// Moves to the next `"`, `\\` or control character (or the end), eight bytes at a
    /// time while none is in sight.
    fn skip_plain(&mut self) {
        const ONES: u64 = 0x0101_0101_0101_0101;
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // High bit set in the bytes below `n`; exact up to the first such byte.
        let below = |x: u64, n: u8| x.wrapping_sub(ONES * u64::from(n)) & !x & HIGH;
        while let Some(chunk) = self.bytes.get(self.at..self.at + 8) {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            let x = u64::from_le_bytes(word);
            let hits = below(x ^ (ONES * u64::from(b'"')), 1)
                | below(x ^ (ONES * u64::from(b'\\')), 1)
                | below(x, 0x20);
            if hits != 0 {
                self.at += (hits.trailing_zeros() / 8) as usize;
                return;
            }
            self.at += 8;
        }
        while let Some(&b) = self.bytes.get(self.at) {
            if b == b'"' || b == b'\\' || b < 0x20 {
                return;
            }
            self.at += 1;
        }
    }

    /// The four hex digits after `\u` (the `u` is at the cursor); the cursor ends past them.
    fn hex4(&mut self) -> Option<u32> {
        if self.bytes.get(self.at) != Some(&b'u') {
            return None;
        }
        let digits = self.text.get(self.at + 1..self.at + 5)?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let v = u32::from_str_radix(digits, 16).ok()?;
        self.at += 5;
        Some(v)
    }
}

/// The message of a JSON line on the common path: one parse with borrowed strings, the
/// channel and direction in their canonical spelling. `None` whenever anything is unusual
/// (including every error), so that [`Message::from_json`] decides, with its errors.
pub(super) fn fast_message(line: &str) -> Option<Message> {
    let r = line_record(line)?;
    let direction = match &*r.direction {
        "inbound" => Direction::Inbound,
        "outbound" => Direction::Outbound,
        _ => return None,
    };
    let message = Message {
        id: r.id.into_owned(),
        channel: Channel::built_in(&r.channel)?,
        direction,
        author: r.author.into_owned(),
        sent_at: parse_instant(&r.sent_at).ok()?,
        text: r.text.into_owned(),
        reply_to: r.reply_to.map(Cow::into_owned),
        case_id: r.case_id.map(Cow::into_owned),
        reach: r.reach,
        promoted: r.promoted,
    };
    message.validate().ok()?;
    Some(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every line the hand reader takes, serde reads to the same message; the lines it
    /// leaves (`None`) serde reads or rejects on its own.
    #[test]
    fn hand_reading_agrees_with_serde() {
        let head = r#""id": "m1", "channel": "x", "direction": "inbound", "author": "@ann", "sent_at": "2026-03-06T10:00:00+01:00""#;
        let lines = [
            format!("{{{head}}}"),
            format!("{{{head}, \"text\": \"Hi \\\"there\\\"\\n\\u00e9\\ud83d\\ude00 \\/ \\\\ \\t\"}}\n"),
            format!("  {{ {head} , \"reach\" : 40000 , \"promoted\" : true , \"reply_to\": null, \"case_id\": \"c1\" }}  \r\n"),
            format!("{{{head}, \"reach\": null, \"promoted\": false, \"text\": \"é中😀\"}}"),
            format!("{{{head}, \"reach\": 0}}"),
            format!("{{{head}, \"reach\": 01}}"),
            format!("{{{head}, \"reach\": 1.0}}"),
            format!("{{{head}, \"reach\": 1e3}}"),
            format!("{{{head}, \"reach\": -1}}"),
            format!("{{{head}, \"reach\": 18446744073709551616}}"),
            format!("{{{head}, \"reach\": 18446744073709551615}}"),
            format!("{{{head}, \"text\": null}}"),
            format!("{{{head}, \"promoted\": null}}"),
            format!("{{{head}, \"id\": \"m2\"}}"),
            format!("{{{head}, \"extra\": 1}}"),
            format!("{{{head}, \"text\": \"\\ud83d\"}}"),
            format!("{{{head}, \"text\": \"\\ude00\"}}"),
            format!("{{{head}, \"text\": \"\\ud83d\\u0041\"}}"),
            format!("{{{head}, \"text\": \"\\x\"}}"),
            format!("{{{head}, \"text\": \"tab\tinside\"}}"),
            format!("{{{head}, \"text\": \"a longer text, then\\nan escape and é\\\"quotes\\\" after it\"}}"),
            format!("{{{head}, \"text\": \"a longer text\u{1} with a control character\"}}"),
            format!("{{{head}, \"text\": \"a\"}} x"),
            format!("{{{head},}}"),
            format!("{{{head}, \"text\": \"unterminated}}"),
            format!("{{\"\\u0069d\": \"m1\", {}}}", &head[12..]),
            r#"{"id": "m1"}"#.to_owned(),
            "{}".to_owned(),
            "[]".to_owned(),
        ];
        let mut taken = 0;
        for line in &lines {
            if let Some(m) = fast_message(line) {
                taken += 1;
                assert_eq!(Message::from_json(line).ok(), Some(m), "{line}");
            }
        }
        assert_eq!(taken, 7);
    }
}
