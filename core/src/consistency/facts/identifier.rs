//! Identifiers: order, booking, flight and reference numbers, seats and gates.
//!
//! What it detects: a number or code after an identifier word (`order 12345`,
//! `boekingsnummer: ABC123`, `flight KL1234`, `gate D7`), `#12345`, and codes that mix
//! letters and digits (`KL1234`, `AB12CD`). Why it matters: two answers about different
//! bookings quote different numbers, which is no inconsistency; claiming these first keeps
//! them from being read as counts, amounts or phone numbers. It produces no fact.

use std::sync::LazyLock;

use regex::Regex;

use super::{compiled, Pattern, Scan};
use crate::error::Result;

static CUED: Pattern = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?-u:\b)(order|booking|boeking|bestel(?:ling)?|flight|vlucht|reference|referentie|ref|case|zaak|ticket|confirmation|reservation|reservering|tracking|track|customer|klant|account|member(?:ship)?|invoice|factuur|dossier|pnr|parcel|pakket|shipment|zending|gate|seat|stoel|terminal|room|kamer|page|pagina|step|stap|platform|perron|spoor|version|versie)(?:s?nummer|number|nr|no|code|id)?\.?(?:\s*(?:number|nummer|nr|no|code|id)\.?)?\s*[:#]?\s*#?\s*([a-z0-9-]*[0-9][a-z0-9-]*)(?-u:\b)",
    )
});

static CODE: Pattern = LazyLock::new(|| {
    Regex::new(
        r"#[0-9][0-9a-zA-Z-]*|(?-u:\b)[a-zA-Z]+[0-9][a-zA-Z0-9]*(?-u:\b)|(?-u:\b)[0-9]+[a-zA-Z]{2,}[0-9][a-zA-Z0-9]*(?-u:\b)",
    )
});

const SHORT_ID_CUES: &[&str] = &[
    "gate", "seat", "stoel", "terminal", "room", "kamer", "page", "pagina", "step", "stap",
    "platform", "perron", "spoor", "version", "versie",
];

pub(super) fn extract(scan: &mut Scan<'_>) -> Result<()> {
    if scan.digits {
        for caps in compiled(&CUED)?.captures_iter(scan.text) {
            if let (Some(cue), Some(id)) = (caps.get(1), caps.get(2)) {
                // "flight 14 days", "order 2 bags": a short number after a booking word is more
                // often a quantity than an id; only places (gate 7, seat 12) have short ids.
                let cue = cue.as_str().to_lowercase();
                if id.len() < 3 && !SHORT_ID_CUES.contains(&cue.as_str()) {
                    continue;
                }
                let id_text = id.as_str().trim_end_matches('-');
                scan.claim(id.start()..id.start() + id_text.len());
            }
        }
        for m in compiled(&CODE)?.find_iter(scan.text) {
            // `EUR25` and `GBP9,99` are amounts, not codes.
            let code = m.as_str().to_ascii_lowercase();
            let amount = ["eur", "gbp", "usd"].iter().any(|c| {
                code.strip_prefix(c)
                    .is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_digit()))
            });
            if !amount {
                scan.claim(m.range());
            }
        }
    }
    Ok(())
}
