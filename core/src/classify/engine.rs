//! The rule engine: one pass over the segments of a text collects word tokens, emoji,
//! punctuation runs and language evidence; a second pass over the word tokens matches the
//! lexicon (with negation and intensifiers), hashtags and shouting.

use super::language::{ngram_marks, Evidence};
use super::lexicon::{
    Candidate, Elem, Entry, Lang, Lexicon, INTENSIFIER, LEX_EN, LEX_NL, NEGATOR, NUMBER, STOP_EN,
    STOP_NL,
};
use super::tokenize::{fold, lowercase_into, segments, SegmentKind, FOLD_MAX};
use super::{Label, Language, Signal, SignalKind};

const NO_ID: u32 = u32::MAX;

/// A word or number token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub start: usize,
    pub end: usize,
    id: u32,
    flags: u8,
    num: bool,
    /// Letters when the word is all capitals, else 0.
    caps: u32,
    /// Punctuation or an emoji between the previous token and this one.
    gap: bool,
    pub hashtag: bool,
}

/// The shape of a message: what it holds besides words. The model uses it as features
/// (a message addressed to a company's handle is more often a complaint than one that only
/// mentions it in passing).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Shape {
    pub mentions: u32,
    pub urls: u32,
    pub hashtags: u32,
    pub leading_mention: bool,
}

/// Buffers reused across calls on one thread.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    pub toks: Vec<Tok>,
    pub shape: Shape,
    lower: String,
    /// Signals of the lexicon and of shouting, merged into the output in span order.
    lexical: Vec<Signal>,
    merged: Vec<Signal>,
}

/// What the engine found.
#[derive(Debug)]
pub(crate) struct Scan {
    pub language: Language,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Marker {
    None,
    Hash,
    At,
}

/// Positive or negative polarity of an emoji, by its first code point.
fn emoji_polarity(c: char) -> Option<bool> {
    match c {
        '😡' | '😠' | '🤬' | '😤' | '😞' | '😢' | '😭' | '😩' | '😫' | '🙄' | '😒' | '👎'
        | '💩' | '😔' | '😟' | '😕' | '🙁' | '☹' | '😣' | '😖' | '🤮' | '🤢' | '💔' | '🤦'
        | '😑' | '😐' | '😾' | '😿' | '🖕' | '😓' | '😥' | '😰' | '😱' | '😨' | '😪' | '🥵'
        | '🤯' | '😬' | '🥺' => Some(false),
        '😀' | '😃' | '😄' | '😁' | '😊' | '🙂' | '😍' | '🥰' | '😘' | '❤' | '💕' | '💖' | '👍'
        | '👏' | '🙏' | '🎉' | '🥳' | '✨' | '💯' | '🤩' | '😎' | '♥' | '💙' | '💚' | '💛'
        | '💜' | '🧡' | '🤗' | '🌟' | '⭐' | '😇' | '🙌' | '✅' | '💪' | '😻' | '🤍' | '👌'
        | '☺' | '😌' | '💗' | '💓' | '🥇' | '🏆' => Some(true),
        _ => None,
    }
}

/// A run of punctuation made of `!` and `?`.
#[derive(Debug, Default)]
struct PunctRun {
    start: usize,
    end: usize,
    len: u32,
    questions: u32,
}

impl PunctRun {
    fn flush(&mut self, out: &mut Vec<Signal>) {
        if self.len == 0 {
            return;
        }
        if self.questions > 0 {
            out.push(Signal {
                kind: SignalKind::Question,
                label: Label::Question,
                weight: 1.2,
                span: self.start..self.end,
            });
        }
        if self.len >= 2 {
            out.push(Signal {
                kind: SignalKind::RepeatedPunctuation,
                label: Label::Complaint,
                weight: f64::from(0.3 + 0.1 * self.len.min(5) as f32),
                span: self.start..self.end,
            });
        }
        *self = PunctRun::default();
    }
}

/// A run of emoji of one polarity.
#[derive(Debug, Default)]
struct EmojiRun {
    start: usize,
    end: usize,
    count: u32,
    positive: bool,
}

impl EmojiRun {
    fn flush(&mut self, out: &mut Vec<Signal>) {
        if self.count == 0 {
            return;
        }
        let (kind, base) = if self.positive {
            (SignalKind::PositiveEmoji, 1.2)
        } else {
            (SignalKind::NegativeEmoji, 1.4)
        };
        out.push(Signal {
            kind,
            label: kind.label(),
            weight: f64::from(base * (1.0 + 0.25 * (self.count.min(5) - 1) as f32)),
            span: self.start..self.end,
        });
        *self = EmojiRun::default();
    }
}

/// An ASCII emoticon at the start of `rest`: its length and polarity. ":(" and ":/" are
/// as clear as their emoji, and older clients still send them.
fn emoticon(rest: &str) -> Option<(usize, bool)> {
    // Every emoticon starts with one of these.
    if !matches!(rest.as_bytes().first(), Some(b':' | b';' | b'>' | b'<')) {
        return None;
    }
    const NEGATIVE: [&str; 8] = [">:(", ":'(", ":-(", ":(", ":-/", ":/", ":-[", ":["];
    const POSITIVE: [&str; 7] = [":-)", ":)", ":-D", ":D", ";)", ";-)", "<3"];
    let b = rest.as_bytes();
    let ends_clean = |n: usize| {
        b.get(n)
            .is_none_or(|c| !c.is_ascii_alphanumeric() && *c != b'/')
    };
    for e in NEGATIVE {
        if rest.starts_with(e) && ends_clean(e.len()) {
            return Some((e.len(), false));
        }
    }
    for e in POSITIVE {
        if rest.starts_with(e) && ends_clean(e.len()) {
            return Some((e.len(), true));
        }
    }
    None
}

/// Whether a hashtag (lowercase, without `#`) calls the company a failure.
fn is_fail_hashtag(tag: &str) -> bool {
    const MARKS: [&str; 16] = [
        "fail",
        "sucks",
        "worst",
        "never",
        "boycot",
        "schande",
        "waardeloos",
        "slecht",
        "scam",
        "shame",
        "disgrace",
        "nothanks",
        "badservice",
        "klantonvriendelijk",
        "ripoff",
        "fraud",
    ];
    MARKS.iter().any(|m| tag.contains(m))
}

/// Runs the rules over `text`, appending signals to `out` (sorted by span at the end).
pub(crate) fn scan(
    lex: &Lexicon,
    text: &str,
    scratch: &mut Scratch,
    out: &mut Vec<Signal>,
) -> Scan {
    let Scratch {
        toks,
        shape,
        lower,
        lexical,
        merged,
    } = scratch;
    toks.clear();
    let mut buf = [0u8; FOLD_MAX];
    *shape = Shape::default();
    let mut evidence = Evidence::default();
    let mut marker = Marker::None;
    let mut in_url = false;
    let mut gap = false;
    let mut punct = PunctRun::default();
    let mut emoji = EmojiRun::default();

    let mut skip_to = 0;
    for seg in segments(text) {
        if seg.start < skip_to {
            continue;
        }
        let s = &text[seg.start..seg.end];
        match seg.kind {
            SegmentKind::Space => {
                in_url = false;
                marker = Marker::None;
                punct.flush(out);
            }
            SegmentKind::Punct => {
                marker = Marker::None;
                if in_url {
                    continue;
                }
                if s.chars().all(|c| matches!(c, '!' | '?' | '！' | '？')) {
                    if punct.len == 0 {
                        punct.start = seg.start;
                    }
                    punct.end = seg.end;
                    punct.len += s.chars().count() as u32;
                    punct.questions += s.chars().filter(|c| matches!(c, '?' | '？')).count() as u32;
                    gap = true;
                    continue;
                }
                punct.flush(out);
                if let Some((len, positive)) = emoticon(&text[seg.start..]) {
                    skip_to = seg.start + len;
                    out.push(Signal {
                        kind: if positive {
                            SignalKind::PositiveEmoji
                        } else {
                            SignalKind::NegativeEmoji
                        },
                        label: if positive {
                            Label::Praise
                        } else {
                            Label::Complaint
                        },
                        weight: if positive { 1.0 } else { 1.2 },
                        span: seg.start..seg.start + len,
                    });
                    gap = true;
                    continue;
                }
                match s {
                    "#" => marker = Marker::Hash,
                    "@" => marker = Marker::At,
                    "'" | "-" | "*" | "\u{2019}" | "&" | "/" => {}
                    _ => gap = true,
                }
            }
            SegmentKind::Emoji => {
                punct.flush(out);
                marker = Marker::None;
                gap = true;
                let Some(pol) = s.chars().next().and_then(emoji_polarity) else {
                    emoji.flush(out);
                    continue;
                };
                if emoji.count > 0 && emoji.positive != pol {
                    emoji.flush(out);
                }
                if emoji.count == 0 {
                    emoji.start = seg.start;
                    emoji.positive = pol;
                }
                emoji.end = seg.end;
                emoji.count += 1;
            }
            SegmentKind::Word | SegmentKind::Number => {
                punct.flush(out);
                emoji.flush(out);
                let m = std::mem::replace(&mut marker, Marker::None);
                if in_url {
                    continue;
                }
                if m == Marker::At {
                    shape.mentions += 1;
                    if toks.is_empty() && shape.urls == 0 {
                        shape.leading_mention = true;
                    }
                    continue;
                }
                let (word, caps) = fold(s, &mut buf, lower);
                if (word == b"http" || word == b"https") && text[seg.end..].starts_with("://")
                    || word == b"www"
                {
                    in_url = true;
                    shape.urls += 1;
                    continue;
                }
                let known = lex.lookup(word);
                let (id, flags) = known.map_or((NO_ID, 0), |w| (w.id, w.flags));
                let hashtag = m == Marker::Hash;
                shape.hashtags += u32::from(hashtag);
                if !hashtag {
                    if flags & STOP_EN != 0 {
                        evidence.en += 1.0;
                    }
                    if flags & STOP_NL != 0 {
                        evidence.nl += 1.0;
                    }
                    if flags & LEX_EN != 0 {
                        evidence.en += 0.5;
                    }
                    if flags & LEX_NL != 0 {
                        evidence.nl += 0.5;
                    }
                    evidence.add_marks(known.map_or_else(|| ngram_marks(word), |w| w.marks));
                }
                toks.push(Tok {
                    start: seg.start,
                    end: seg.end,
                    id,
                    flags,
                    num: seg.kind == SegmentKind::Number || flags & NUMBER != 0,
                    caps,
                    gap: std::mem::replace(&mut gap, false),
                    hashtag,
                });
            }
        }
    }
    punct.flush(out);
    emoji.flush(out);

    let language = evidence.decide();
    lexical.clear();
    match_lexicon(lex, text, toks, language, lower, lexical);
    shouting(toks, lexical);
    // The same order as a stable sort of all the signals by span: each list sorted
    // (stably; they nearly always are already), then merged with ties kept in list order.
    sort_by_span(out);
    sort_by_span(lexical);
    merge_by_span(out, lexical, merged);
    Scan { language }
}

fn span_key(s: &Signal) -> (usize, usize) {
    (s.span.start, s.span.end)
}

fn sort_by_span(v: &mut [Signal]) {
    if !v.is_sorted_by_key(span_key) {
        v.sort_by_key(span_key);
    }
}

/// Merges the sorted `more` into the sorted `out`; on equal spans `out`'s signals come
/// first. `more` is left empty; `tmp` is a buffer.
fn merge_by_span(out: &mut Vec<Signal>, more: &mut Vec<Signal>, tmp: &mut Vec<Signal>) {
    let fits_after = match (out.last(), more.first()) {
        (_, None) => return,
        (None, _) => true,
        (Some(a), Some(b)) => span_key(a) <= span_key(b),
    };
    if fits_after {
        out.append(more);
        return;
    }
    tmp.clear();
    tmp.reserve(out.len() + more.len());
    let mut a = out.drain(..).peekable();
    let mut b = more.drain(..).peekable();
    loop {
        let take_b = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => span_key(y) < span_key(x),
            (None, Some(_)) => true,
            (Some(_), None) => false,
            (None, None) => break,
        };
        let next = if take_b { b.next() } else { a.next() };
        if let Some(s) = next {
            tmp.push(s);
        }
    }
    drop(a);
    drop(b);
    std::mem::swap(out, tmp);
}

fn applies(entry: &Entry, language: Language) -> bool {
    match entry.lang {
        Lang::Any => true,
        Lang::En => language != Language::Nl,
        Lang::Nl => language != Language::En,
    }
}

fn matches_at(entry: &Entry, toks: &[Tok], i: usize) -> bool {
    let Some(window) = toks.get(i..i + entry.elems.len()) else {
        return false;
    };
    window
        .iter()
        .zip(entry.elems.iter())
        .enumerate()
        .all(|(k, (t, e))| {
            (k == 0 || !t.gap)
                && (!t.hashtag || entry.elems.len() == 1)
                && match *e {
                    Elem::Word(id) => t.id == id,
                    Elem::Num => t.num,
                    Elem::Any => true,
                }
        })
}

fn match_lexicon(
    lex: &Lexicon,
    text: &str,
    toks: &[Tok],
    language: Language,
    lower: &mut String,
    out: &mut Vec<Signal>,
) {
    let mut i = 0;
    while i < toks.len() {
        let Some(tok) = toks.get(i) else { break };
        if tok.hashtag {
            lowercase_into(&text[tok.start..tok.end], lower);
            if is_fail_hashtag(lower) {
                out.push(Signal {
                    kind: SignalKind::FailHashtag,
                    label: Label::Complaint,
                    weight: 2.0,
                    span: tok.start.saturating_sub(1)..tok.end,
                });
                i += 1;
                continue;
            }
        }
        let mut best: Option<&Entry> = None;
        let lists: [&[Candidate]; 2] = [
            if tok.id == NO_ID {
                &[]
            } else {
                lex.starting_with(tok.id)
            },
            if tok.num {
                lex.starting_with_number()
            } else {
                &[]
            },
        ];
        // What a phrase of two or more words needs of the next token (see `matches_at`).
        let next = toks
            .get(i + 1)
            .filter(|t| !t.gap && !t.hashtag && !tok.hashtag);
        for list in lists {
            for c in list {
                if best.is_some_and(|b| b.elems.len() >= c.len as usize) {
                    break;
                }
                if c.len >= 2 {
                    // Cannot match: skip it without looking at the whole phrase.
                    let Some(n) = next else { continue };
                    let fits = match c.second {
                        Elem::Word(id) => n.id == id,
                        Elem::Num => n.num,
                        Elem::Any => true,
                    };
                    if !fits {
                        continue;
                    }
                }
                let Some(entry) = lex.entries.get(c.entry as usize) else {
                    continue;
                };
                if applies(entry, language) && matches_at(entry, toks, i) {
                    best = Some(entry);
                    break;
                }
            }
        }
        let Some(entry) = best else {
            i += 1;
            continue;
        };
        let len = entry.elems.len();
        let end = toks.get(i + len - 1).map_or(tok.end, |t| t.end);
        let mut start = tok.start;
        let mut weight = entry.weight;
        let mut kind = entry.kind;
        if matches!(
            kind,
            SignalKind::PositiveWord | SignalKind::NegativeWord | SignalKind::Thanks
        ) {
            // Intensifier right before: "echt belachelijk", "very disappointed".
            if i > 0 && !tok.gap {
                if let Some(prev) = toks.get(i - 1) {
                    if prev.flags & INTENSIFIER != 0 {
                        weight *= 1.5;
                        start = prev.start;
                    }
                }
            }
            // Negation up to three words back, within the clause: "not happy",
            // "niet blij", "ik ben er niet blij mee".
            let mut j = i;
            let mut steps = 0;
            while j > 0 && steps < 3 && !toks.get(j).is_some_and(|t| t.gap) {
                j -= 1;
                steps += 1;
                if let Some(t) = toks.get(j) {
                    if t.flags & NEGATOR != 0 {
                        start = start.min(t.start);
                        (kind, weight) = match kind {
                            SignalKind::NegativeWord => (SignalKind::NegatedNegative, weight * 0.5),
                            _ => (SignalKind::NegatedPositive, weight * 1.2),
                        };
                        break;
                    }
                }
            }
        }
        out.push(Signal {
            kind,
            label: if entry.user {
                entry.label
            } else {
                kind.label()
            },
            weight: f64::from(weight),
            span: start..end,
        });
        i += len;
    }
}

fn shouting(toks: &[Tok], out: &mut Vec<Signal>) {
    let mut run: Option<(usize, usize, u32)> = None;
    let flush = |run: &mut Option<(usize, usize, u32)>, out: &mut Vec<Signal>| {
        if let Some((start, end, letters)) = run.take() {
            if letters >= 5 {
                out.push(Signal {
                    kind: SignalKind::Shouting,
                    label: Label::Complaint,
                    weight: f64::from(0.4 + 0.05 * letters.min(20) as f32),
                    span: start..end,
                });
            }
        }
    };
    for t in toks {
        if t.caps > 0 && !t.hashtag {
            run = Some(match run {
                Some((s, _, l)) => (s, t.end, l + t.caps),
                None => (t.start, t.end, t.caps),
            });
        } else if !(t.num && run.is_some()) {
            flush(&mut run, out);
        }
    }
    flush(&mut run, out);
}
