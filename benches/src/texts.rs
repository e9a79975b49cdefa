//! Generated customer-care messages for the classifier benchmarks: tweet-length texts and
//! emails of a given size, in English and Dutch, from a seeded generator so every run
//! measures the same inputs. The sentences are written for these benchmarks; none comes
//! from a data set.

/// Openers of a message: mentions and greetings.
const OPENERS: [&str; 10] = [
    "@acme_support",
    "@bol_nl",
    "Hi team,",
    "Hello,",
    "Dear customer service,",
    "Good morning,",
    "Beste klantenservice,",
    "Hallo,",
    "Goedemiddag,",
    "@KPN_webcare",
];

/// English sentences: complaints, questions, praise and unrelated chatter.
const EN: [&str; 24] = [
    "I am still waiting for my refund after 6 weeks",
    "my parcel was supposed to arrive on Monday but nothing showed up",
    "the app keeps crashing every time I try to log in",
    "thanks for the quick help yesterday, really great service!",
    "how do I change the delivery address of my order?",
    "our order number is 4471-2209 and the invoice shows the wrong amount",
    "this is the third time I have to explain the same problem to you",
    "the weather in Amsterdam is lovely today",
    "NOT HAPPY AT ALL!!!",
    "love the new update, the dark mode looks great",
    "I have been on hold for 45 minutes and nobody picks up",
    "your engineer promised to come between 8 and 12 but never turned up",
    "if this is not fixed by Friday I am switching to another provider",
    "can you tell me when the store in Utrecht opens again?",
    "the replacement phone arrived with a cracked screen",
    "I was charged twice for the same subscription this month",
    "my internet has been down since Saturday morning",
    "the driver left my package in the rain without ringing the bell",
    "is it possible to cancel my contract online?",
    "much appreciated, the new router works perfectly",
    "I will be contacting my lawyer if I do not hear from you",
    "not impressed with how this was handled, honestly",
    "watching the match tonight with some friends",
    "the chat agent was friendly but could not solve anything",
];

/// Dutch sentences of the same kinds.
const NL: [&str; 24] = [
    "ik wacht nog steeds op mijn pakket, al 3 keer gebeld",
    "de monteur zou vandaag komen maar is niet verschenen",
    "echt belachelijk hoe lang dit duurt, ik ga overstappen",
    "bedankt voor de snelle reactie, top geholpen",
    "kan ik mijn abonnement ook online opzeggen?",
    "mijn bestelling zou gisteren geleverd worden maar er is niks gekomen",
    "de factuur klopt niet, er staat een bedrag van 89 euro te veel op",
    "al twee weken geen internet en niemand neemt de telefoon op",
    "ik ben niet blij met de manier waarop dit is afgehandeld",
    "hoe kan ik mijn wachtwoord wijzigen in de app?",
    "wat een fijne service, het probleem was binnen een uur opgelost",
    "jullie hebben me nu al vier keer een nieuwe afspraak beloofd",
    "als dit niet snel wordt opgelost stap ik naar de Consumentenbond",
    "het pakket is bij de buren afgeleverd zonder briefje",
    "waarom is mijn maandbedrag ineens verhoogd?",
    "de nieuwe telefoon werkt prima, dank jullie wel",
    "ik heb twee keer betaald voor dezelfde bestelling",
    "de winkel in Rotterdam was vandaag erg druk",
    "sinds de update doet de app het helemaal niet meer",
    "wanneer krijg ik mijn geld terug?",
    "zeer slecht geregeld, nooit meer bij jullie",
    "de medewerker aan de telefoon was heel vriendelijk",
    "ik heb om 10 uur een afspraak maar niemand komt opdagen",
    "lekker weertje vandaag in Utrecht",
];

const ENDINGS: [&str; 6] = [". ", "! ", "? ", ".\n\n", "!! ", ". "];
const SIGN_OFFS: [&str; 4] = ["#fail", "😡", "🙏", "Kind regards, Sam"];

/// A small deterministic generator (xorshift64*).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator for a seed.
    pub fn new(seed: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

/// Cuts `s` to at most `max` bytes on a character boundary.
fn cut(s: &mut String, max: usize) {
    if s.len() > max {
        let mut end = max;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
}

/// One tweet-length message (at most 280 bytes): an opener and one or two sentences of one
/// language, sometimes a hashtag or emoji.
pub fn tweet(rng: &mut Rng) -> String {
    let lang: &[&str] = if rng.below(2) == 0 { &EN } else { &NL };
    let mut s = String::from(rng.pick(&OPENERS));
    for _ in 0..1 + rng.below(2) {
        s.push(' ');
        s.push_str(rng.pick(lang));
        s.push_str(rng.pick(&ENDINGS).trim_end());
    }
    if rng.below(4) == 0 {
        s.push(' ');
        s.push_str(rng.pick(&SIGN_OFFS));
    }
    cut(&mut s, 280);
    s
}

/// One email of `size` bytes (cut on a character boundary): an opener, then sentences of
/// one language in paragraphs.
pub fn email(rng: &mut Rng, size: usize) -> String {
    let lang: &[&str] = if rng.below(2) == 0 { &EN } else { &NL };
    let mut s = String::with_capacity(size + 128);
    s.push_str(rng.pick(&OPENERS));
    s.push_str("\n\n");
    while s.len() < size {
        let sentence = rng.pick(lang);
        let mut chars = sentence.chars();
        if let Some(first) = chars.next() {
            s.extend(first.to_uppercase());
            s.push_str(chars.as_str());
        }
        s.push_str(rng.pick(&ENDINGS));
    }
    cut(&mut s, size);
    s
}

/// `n` tweets from `seed`.
pub fn tweets(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n).map(|_| tweet(&mut rng)).collect()
}

/// `n` emails of 2-5 KB from `seed`, as in the Python speed script.
pub fn emails(n: usize, seed: u64) -> Vec<String> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|_| {
            let size = 2000 + rng.below(3001);
            email(&mut rng, size)
        })
        .collect()
}
