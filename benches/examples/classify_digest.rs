//! Prints every classification of a large, varied corpus as JSON lines, so that a speed
//! change to the classifier can be checked to change no result: run it before and after,
//! and compare the two outputs (`cmp`).
//!
//! ```text
//! cargo run --release --example classify_digest > before.jsonl
//! cargo run --release --example classify_digest -- [FILE ...] > after.jsonl
//! cmp before.jsonl after.jsonl
//! ```
//!
//! The corpus: the generated tweets and emails of the speed benchmarks; texts cut at
//! every length from them (so spans near the end are exercised); and seeded random texts
//! drawn from lexicon words, numbers, punctuation, emoticons, hashtags, mentions, URLs,
//! capitals and hostile Unicode (combining marks, ZWJ emoji sequences, flags, skin tones,
//! right-to-left letters, CJK, ideographic and no-break spaces, soft hyphens, lone CR). Each
//! line of any FILE given is classified too (for instance labelled data kept outside the
//! repository). Every text goes through three classifiers: the default one, one with user
//! words and regex rules, and one with a model trained on part of the generated texts.

use std::io::{BufWriter, Write};

use webcare::{Classifier, ClassifierConfig, Context, Label, RegexRule, TrainOptions, WordRule};
use webcare_bench::texts::{emails, tweets, Rng};

const WORDS: &[&str] = &[
    "not",
    "niet",
    "happy",
    "blij",
    "still",
    "waiting",
    "nog",
    "steeds",
    "wacht",
    "al",
    "keer",
    "gebeld",
    "weeks",
    "weken",
    "6",
    "3",
    "three",
    "drie",
    "was",
    "supposed",
    "to",
    "zou",
    "vandaag",
    "geleverd",
    "worden",
    "switching",
    "overstappen",
    "opzeggen",
    "lawyer",
    "advocaat",
    "consumentenbond",
    "press",
    "very",
    "echt",
    "belachelijk",
    "really",
    "disappointed",
    "thanks",
    "thank",
    "you",
    "bedankt",
    "dank",
    "je",
    "wel",
    "great",
    "top",
    "how",
    "do",
    "i",
    "kan",
    "ik",
    "why",
    "waarom",
    "never",
    "nooit",
    "worst",
    "the",
    "de",
    "het",
    "een",
    "a",
    "is",
    "of",
    "in",
    "we",
    "fuck",
    "shit",
    "kut",
    "refund",
    "order",
    "pakket",
    "helpdesk",
    "hold",
    "for",
    "45",
    "minutes",
    "minuten",
    "twice",
    "twee",
    "don't",
    "dont",
    "can't",
    "isn’t",
    "NOT",
    "HAPPY",
    "AT",
    "ALL",
    "Still",
    "Waiting",
    "outage",
    "map",
    "1,5",
    "3.14",
    "e.g.",
    "a:b",
    "o'clock",
    "geen",
    "internet",
    "sinds",
    "zaterdag",
    "customer",
    "service",
    "klantenservice",
    "slecht",
    "geregeld",
    "love",
    "lovely",
    "thx",
    "tnx",
    "hey",
    "hoi",
    "please",
    "alsjeblieft",
    "asap",
    "urgent",
    "wtf",
    "omg",
    "lol",
    "fixed",
    "opgelost",
    "broken",
    "kapot",
    "storing",
    "disgusting",
    "schandalig",
    "amazing",
    "prima",
    "helemaal",
    "niks",
    "nothing",
    "nobody",
    "niemand",
    "without",
    "zonder",
    "é",
    "café",
    "één",
    "coöperatie",
    "ÉÉN",
    "naïef",
    "straße",
    "İstanbul",
    "ǅ",
    "ﬁx",
];

const PIECES: &[&str] = &[
    " ",
    " ",
    " ",
    " ",
    "  ",
    "\n",
    "\r\n",
    "\r",
    "\t",
    ".",
    ",",
    "!",
    "?",
    "!!",
    "?!",
    "!!!",
    "???",
    "！",
    "？",
    "'",
    "’",
    "-",
    "*",
    "&",
    "/",
    ":",
    ";",
    "\"",
    "(",
    ")",
    "#",
    "@",
    "_",
    ":(",
    ":-(",
    ">:(",
    ":'(",
    ":/",
    ":-/",
    ":[",
    ":)",
    ":-)",
    ":D",
    ";)",
    "<3",
    ":-D",
    ":/x",
    ":)a",
    "😡",
    "😡😡",
    "👍",
    "👍🏽",
    "🙏",
    "😀",
    "😢",
    "❤",
    "❤️",
    "☹",
    "⭐",
    "👨\u{200d}👩\u{200d}👧",
    "🇳🇱",
    "🇳🇱🇬🇧",
    "🇳",
    "\u{200d}",
    "\u{0301}",
    "\u{00ad}",
    "\u{00a0}",
    "\u{3000}",
    "\u{2003}",
    "\u{feff}",
    "שלום",
    "مرحبا",
    "漢字",
    "ｶﾀｶﾅ",
    "カタカナ",
    "한국어",
    "ไทย",
    "\u{1F3FB}",
    "\u{FE0F}",
    "\u{20E3}",
    "1\u{FE0F}\u{20E3}",
    "http://x.nl/a?b",
    "https://t.co/abc",
    "www.example.com",
    "#fail",
    "#epicfail",
    "#schande",
    "#Fail",
    "@acme",
    "@KPN_webcare",
    "1.000",
    "4471-2209",
    "8-12",
    "10:30",
    "1'000",
    "½",
    "²",
    "٣",
    "Ⅻ",
    "𝐛𝐨𝐥𝐝",
    "ß",
    "ﬀ",
];

fn random_text(rng: &mut Rng) -> String {
    let len = rng.below(40);
    let mut s = String::new();
    for _ in 0..len {
        match rng.below(10) {
            0..=4 => {
                let w = WORDS[rng.below(WORDS.len())];
                match rng.below(8) {
                    0 => s.push_str(&w.to_uppercase()),
                    1 => {
                        let mut c = w.chars();
                        if let Some(f) = c.next() {
                            s.extend(f.to_uppercase());
                            s.push_str(c.as_str());
                        }
                    }
                    _ => s.push_str(w),
                }
            }
            5..=6 => s.push(' '),
            _ => s.push_str(PIECES[rng.below(PIECES.len())]),
        }
    }
    s
}

fn config() -> ClassifierConfig {
    let word = |w: &str, weight: f64, label: Label| WordRule {
        word: w.into(),
        weight,
        label,
    };
    ClassifierConfig {
        words: vec![
            word("outage map", 3.0, Label::Complaint),
            word("storing", 1.5, Label::Complaint),
            word("# minutes", 1.0, Label::Complaint),
            word("still * waiting", 2.0, Label::Complaint),
            word("great", -1.0, Label::Praise),
            word("hoe laat", 1.0, Label::Question),
        ],
        rules: vec![
            RegexRule {
                pattern: r"order \d+ (missing|lost)".into(),
                weight: 2.0,
                label: Label::Complaint,
                case_insensitive: true,
            },
            RegexRule {
                pattern: r"\bKPN\b".into(),
                weight: 0.5,
                label: Label::Other,
                case_insensitive: false,
            },
            RegexRule {
                pattern: r"x*".into(),
                weight: 1.0,
                label: Label::Question,
                case_insensitive: true,
            },
        ],
        model: None,
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut texts: Vec<String> = Vec::new();
    texts.extend(tweets(5_000, 3));
    texts.extend(emails(200, 4));
    for t in tweets(300, 5) {
        for end in (0..=t.len()).filter(|&i| t.is_char_boundary(i)) {
            texts.push(t[..end].to_string());
        }
    }
    let mut rng = Rng::new(99);
    texts.extend((0..60_000).map(|_| random_text(&mut rng)));
    texts.push(String::new());
    texts.push("a".repeat(100_000));
    texts.push("NOT HAPPY ".repeat(5_000));
    texts.push("😡".repeat(10_000));
    for path in std::env::args().skip(1) {
        let data = std::fs::read_to_string(&path)?;
        texts.extend(data.lines().map(str::to_string));
    }

    let default = Classifier::default();
    let configured = Classifier::from_config(config())?;
    let examples: Vec<(String, Label)> = tweets(2_000, 6)
        .into_iter()
        .map(|t| {
            let l = default.classify(&t, &Context::default()).label;
            (t, l)
        })
        .collect();
    let trained = Classifier::train(
        &examples,
        &TrainOptions {
            epochs: 3,
            runs: 1,
            ..TrainOptions::default()
        },
    )?;
    let contexts = [
        Context::default(),
        Context {
            channel: Some(webcare::Channel::X),
            reach: Some(40_000),
            promoted: true,
        },
    ];
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    for (i, t) in texts.iter().enumerate() {
        let ctx = &contexts[i % 2];
        for c in [&default, &configured, &trained] {
            serde_json::to_writer(&mut out, &c.classify(t, ctx))?;
            out.write_all(b"\n")?;
        }
    }
    // The batch call must agree with the single calls.
    let batch = default.classify_batch(&texts[..2_000], &contexts[0]);
    for c in &batch {
        serde_json::to_writer(&mut out, c)?;
        out.write_all(b"\n")?;
    }
    eprintln!("{} texts, 3 classifiers", texts.len());
    Ok(())
}
