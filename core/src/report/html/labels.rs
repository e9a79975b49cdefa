//! The words of the HTML report in English and Dutch.

use super::Lang;
use crate::consistency::FactKind;
use crate::policy::Priority;
use crate::triage::ReasonKind;

/// Every fixed text of the page in one language.
#[derive(Debug)]
pub(crate) struct Labels {
    pub(crate) title: &'static str,
    pub(crate) report_at: &'static str,
    pub(crate) hours_in: &'static str,
    pub(crate) contents: &'static str,
    pub(crate) overview: &'static str,
    pub(crate) channels: &'static str,
    pub(crate) channel: &'static str,
    pub(crate) total: &'static str,
    pub(crate) inbound: &'static str,
    pub(crate) conversations: &'static str,
    pub(crate) answered: &'static str,
    pub(crate) answered_share: &'static str,
    pub(crate) first_response: &'static str,
    pub(crate) calendar_time: &'static str,
    pub(crate) business_time: &'static str,
    pub(crate) median: &'static str,
    pub(crate) mean: &'static str,
    pub(crate) p90: &'static str,
    pub(crate) sla_met: &'static str,
    pub(crate) met: &'static str,
    pub(crate) breached: &'static str,
    pub(crate) target: &'static str,
    pub(crate) no_target: &'static str,
    pub(crate) bucket: &'static str,
    pub(crate) histogram_title: &'static str,
    pub(crate) histogram_note: &'static str,
    pub(crate) volume_chart: &'static str,
    pub(crate) share_chart: &'static str,
    pub(crate) sla_chart: &'static str,
    pub(crate) unresolved: &'static str,
    pub(crate) age_buckets: [&'static str; 5],
    pub(crate) week: &'static str,
    pub(crate) week_note: &'static str,
    pub(crate) volume_heat: &'static str,
    pub(crate) breach_heat: &'static str,
    pub(crate) hour: &'static str,
    pub(crate) weekdays: [&'static str; 7],
    pub(crate) expected: &'static str,
    pub(crate) expected_note: &'static str,
    pub(crate) expected_time: &'static str,
    pub(crate) sample_size: &'static str,
    pub(crate) sentence: &'static str,
    pub(crate) too_few: &'static str,
    pub(crate) consistency: &'static str,
    pub(crate) consistency_note: &'static str,
    pub(crate) answers_checked: &'static str,
    pub(crate) groups: &'static str,
    pub(crate) consistent: &'static str,
    pub(crate) rate: &'static str,
    pub(crate) pair: &'static str,
    pub(crate) pair_chart: &'static str,
    pub(crate) conflicts: &'static str,
    pub(crate) no_conflicts: &'static str,
    pub(crate) question: &'static str,
    pub(crate) fact: &'static str,
    pub(crate) queue: &'static str,
    pub(crate) queue_note: &'static str,
    pub(crate) queue_missing: &'static str,
    pub(crate) queue_empty: &'static str,
    pub(crate) other_waiting: &'static str,
    pub(crate) waiting: &'static str,
    pub(crate) due: &'static str,
    pub(crate) overdue: &'static str,
    pub(crate) no_deadline: &'static str,
    pub(crate) score: &'static str,
    pub(crate) reasons: &'static str,
    pub(crate) advice: &'static str,
    pub(crate) more_items: &'static str,
    pub(crate) more_channels: &'static str,
    pub(crate) hour_unit: &'static str,
    pub(crate) footer: &'static str,
}

const EN: Labels = Labels {
    title: "Customer care report",
    report_at: "Report at",
    hours_in: "times in",
    contents: "Contents",
    overview: "Overview",
    channels: "Channels",
    channel: "Channel",
    total: "Total",
    inbound: "Inbound messages",
    conversations: "Conversations",
    answered: "Answered",
    answered_share: "Share answered",
    first_response: "First response",
    calendar_time: "calendar time",
    business_time: "business time",
    median: "median",
    mean: "mean",
    p90: "90th percentile",
    sla_met: "First reply on time",
    met: "met",
    breached: "breached",
    target: "Target",
    no_target: "no target",
    bucket: "Response time",
    histogram_title: "First-response times",
    histogram_note: "Conversations per response time, in calendar and in business time; the dashed line is the policy's first-reply target (normal priority, business time).",
    volume_chart: "Inbound messages per channel",
    share_chart: "Share of conversations answered per channel",
    sla_chart: "First replies on time per channel",
    unresolved: "Unresolved complaints by age",
    age_buckets: ["under 1 hour", "1 hour to 1 day", "1 to 7 days", "1 to 4 weeks", "4 weeks or more"],
    week: "By hour of the week",
    week_note: "Darker is more. Breaches are first replies past their target, counted at the hour the conversation started: where the hours of the desk leave customers waiting.",
    volume_heat: "Inbound messages by hour of the week",
    breach_heat: "First replies breached by hour of the week",
    hour: "Hour",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    expected: "Expected response time to publish",
    expected_note: "The fastest 90% of the first replies of the last 30 days: the figure to show on the channel's profile.",
    expected_time: "Expected time",
    sample_size: "Sample size",
    sentence: "Sentence",
    too_few: "too few replies to publish",
    consistency: "Consistency",
    consistency_note: "Questions answered on two or more channels, and whether the answers agree.",
    answers_checked: "Answers checked",
    groups: "Questions on 2+ channels",
    consistent: "Consistent",
    rate: "Rate",
    pair: "Channel pair",
    pair_chart: "Consistency per pair of channels",
    conflicts: "Conflicting answers",
    no_conflicts: "No conflicting answers found.",
    question: "Question",
    fact: "Disagreeing fact",
    queue: "Queue: open complaints",
    queue_note: "Complaints waiting for an answer, most urgent first, with the reasons for their priority and their next deadline.",
    queue_missing: "No queue was given for this report.",
    queue_empty: "No complaint is waiting.",
    other_waiting: "other waiting messages (questions, praise, other) are not listed",
    waiting: "waiting",
    due: "next deadline",
    overdue: "overdue",
    no_deadline: "no deadline ahead (past due, or no target)",
    score: "score",
    reasons: "Why",
    advice: "What to do",
    more_items: "more not shown",
    more_channels: "more channels not shown",
    hour_unit: "h",
    footer: "Made by webcare. This page needs no network and no script.",
};

const NL: Labels = Labels {
    title: "Webcare-rapport",
    report_at: "Rapport op",
    hours_in: "tijden in",
    contents: "Inhoud",
    overview: "Overzicht",
    channels: "Kanalen",
    channel: "Kanaal",
    total: "Totaal",
    inbound: "Binnengekomen berichten",
    conversations: "Gesprekken",
    answered: "Beantwoord",
    answered_share: "Aandeel beantwoord",
    first_response: "Eerste reactie",
    calendar_time: "kalendertijd",
    business_time: "openingstijd",
    median: "mediaan",
    mean: "gemiddelde",
    p90: "90e percentiel",
    sla_met: "Eerste reactie op tijd",
    met: "gehaald",
    breached: "overschreden",
    target: "Norm",
    no_target: "geen norm",
    bucket: "Reactietijd",
    histogram_title: "Tijd tot eerste reactie",
    histogram_note: "Gesprekken per reactietijd, in kalendertijd en in openingstijd; de streeplijn is de norm voor de eerste reactie (normale prioriteit, openingstijd).",
    volume_chart: "Binnengekomen berichten per kanaal",
    share_chart: "Aandeel beantwoorde gesprekken per kanaal",
    sla_chart: "Eerste reacties op tijd per kanaal",
    unresolved: "Onopgeloste klachten naar leeftijd",
    age_buckets: ["minder dan 1 uur", "1 uur tot 1 dag", "1 tot 7 dagen", "1 tot 4 weken", "4 weken of meer"],
    week: "Per uur van de week",
    week_note: "Donkerder is meer. Overschrijdingen zijn eerste reacties na de norm, geteld op het uur waarop het gesprek begon: waar de openingstijden klanten laten wachten.",
    volume_heat: "Binnengekomen berichten per uur van de week",
    breach_heat: "Overschreden eerste reacties per uur van de week",
    hour: "Uur",
    weekdays: ["ma", "di", "wo", "do", "vr", "za", "zo"],
    expected: "Te publiceren verwachte reactietijd",
    expected_note: "De snelste 90% van de eerste reacties van de laatste 30 dagen: het getal voor op het profiel van het kanaal.",
    expected_time: "Verwachte tijd",
    sample_size: "Steekproef",
    sentence: "Zin",
    too_few: "te weinig reacties om te publiceren",
    consistency: "Consistentie",
    consistency_note: "Vragen die op twee of meer kanalen zijn beantwoord, en of de antwoorden overeenkomen.",
    answers_checked: "Gecontroleerde antwoorden",
    groups: "Vragen op 2+ kanalen",
    consistent: "Consistent",
    rate: "Percentage",
    pair: "Kanaalpaar",
    pair_chart: "Consistentie per kanaalpaar",
    conflicts: "Tegenstrijdige antwoorden",
    no_conflicts: "Geen tegenstrijdige antwoorden gevonden.",
    question: "Vraag",
    fact: "Afwijkend feit",
    queue: "Wachtrij: open klachten",
    queue_note: "Klachten die op antwoord wachten, de dringendste eerst, met de redenen voor hun prioriteit en hun volgende deadline.",
    queue_missing: "Bij dit rapport is geen wachtrij meegegeven.",
    queue_empty: "Er wacht geen klacht.",
    other_waiting: "andere wachtende berichten (vragen, lof, overig) staan niet in de lijst",
    waiting: "wacht",
    due: "volgende deadline",
    overdue: "te laat",
    no_deadline: "geen deadline meer (verstreken, of geen norm)",
    score: "score",
    reasons: "Waarom",
    advice: "Aanpak",
    more_items: "meer niet getoond",
    more_channels: "kanalen meer niet getoond",
    hour_unit: "u",
    footer: "Gemaakt met webcare. Deze pagina heeft geen netwerk en geen script nodig.",
};

/// The labels of `lang`.
pub(crate) fn labels(lang: Lang) -> &'static Labels {
    match lang {
        Lang::En => &EN,
        Lang::Nl => &NL,
    }
}

/// A priority's name for a heading.
pub(crate) fn priority(lang: Lang, p: Priority) -> &'static str {
    match (lang, p) {
        (Lang::En, Priority::Urgent) => "Urgent",
        (Lang::En, Priority::High) => "High",
        (Lang::En, Priority::Normal) => "Normal",
        (Lang::En, Priority::Low) => "Low",
        (Lang::Nl, Priority::Urgent) => "Urgent",
        (Lang::Nl, Priority::High) => "Hoog",
        (Lang::Nl, Priority::Normal) => "Normaal",
        (Lang::Nl, Priority::Low) => "Laag",
    }
}

/// A triage reason's name.
pub(crate) fn reason(lang: Lang, r: ReasonKind) -> &'static str {
    match (lang, r) {
        (Lang::En, ReasonKind::Severity) => "severity",
        (Lang::En, ReasonKind::Reach) => "reach",
        (Lang::En, ReasonKind::Promoted) => "promoted post",
        (Lang::En, ReasonKind::PublicChannel) => "public channel",
        (Lang::En, ReasonKind::RepeatContact) => "repeat contact",
        (Lang::En, ReasonKind::UnresolvedAge) => "unresolved for long",
        (Lang::En, ReasonKind::SlaTimeLeft) => "SLA time left",
        (Lang::Nl, ReasonKind::Severity) => "ernst",
        (Lang::Nl, ReasonKind::Reach) => "bereik",
        (Lang::Nl, ReasonKind::Promoted) => "gepromoot bericht",
        (Lang::Nl, ReasonKind::PublicChannel) => "openbaar kanaal",
        (Lang::Nl, ReasonKind::RepeatContact) => "herhaald contact",
        (Lang::Nl, ReasonKind::UnresolvedAge) => "lang onopgelost",
        (Lang::Nl, ReasonKind::SlaTimeLeft) => "resterende SLA-tijd",
    }
}

/// A fact kind's name.
pub(crate) fn fact(lang: Lang, k: FactKind) -> &'static str {
    match (lang, k) {
        (Lang::En, FactKind::Money) => "amount",
        (Lang::En, FactKind::Duration) => "duration",
        (Lang::En, FactKind::Percent) => "percentage",
        (Lang::En, FactKind::Count) => "count",
        (Lang::En, FactKind::Date) => "date",
        (Lang::En, FactKind::TimeOfDay) => "time of day",
        (Lang::En, FactKind::Url) => "web address",
        (Lang::En, FactKind::Phone) => "phone number",
        (Lang::En, FactKind::Email) => "e-mail address",
        (Lang::En, FactKind::Polarity) => "yes or no",
        (Lang::Nl, FactKind::Money) => "bedrag",
        (Lang::Nl, FactKind::Duration) => "duur",
        (Lang::Nl, FactKind::Percent) => "percentage",
        (Lang::Nl, FactKind::Count) => "aantal",
        (Lang::Nl, FactKind::Date) => "datum",
        (Lang::Nl, FactKind::TimeOfDay) => "tijdstip",
        (Lang::Nl, FactKind::Url) => "webadres",
        (Lang::Nl, FactKind::Phone) => "telefoonnummer",
        (Lang::Nl, FactKind::Email) => "e-mailadres",
        (Lang::Nl, FactKind::Polarity) => "ja of nee",
    }
}

/// A round duration in seconds, short: `5m`, `1h`, `3d` (Dutch `1u`).
pub(crate) fn short(lang: Lang, seconds: i64) -> String {
    if seconds > 0 && seconds % 86_400 == 0 {
        format!("{}d", seconds / 86_400)
    } else if seconds > 0 && seconds % 3600 == 0 {
        format!("{}{}", seconds / 3600, labels(lang).hour_unit)
    } else if seconds % 60 == 0 {
        format!("{}m", seconds / 60)
    } else {
        duration(lang, Some(seconds as f64))
    }
}

/// A duration in seconds as people read it: `45s`, `12m`, `1h05m`, `2d03h` (Dutch `1u05m`,
/// `2d03u`); `-` for none.
pub(crate) fn duration(lang: Lang, seconds: Option<f64>) -> String {
    let Some(s) = seconds else {
        return "-".into();
    };
    let negative = s < 0.0;
    let s = s.abs().round() as i64;
    let h = labels(lang).hour_unit;
    let (d, hh, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    let text = if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{m}m")
    } else if s < 86_400 {
        format!("{hh}{h}{m:02}m")
    } else {
        format!("{d}d{hh:02}{h}")
    };
    if negative {
        format!("-{text}")
    } else {
        text
    }
}
