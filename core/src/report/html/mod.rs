//! The report as one self-contained HTML page (see [`Report::to_html`]).
//!
//! The page is written with `std::fmt::Write` into one string: inline CSS, inline SVG
//! charts, no script, no external resource (no font, image, stylesheet or link outside the
//! page), so it opens from a `file://` URL or an e-mail attachment. Every figure shown is
//! marked with `data-figure` (its place in the report's JSON, channels by name, e.g.
//! `x.inbound`, `total.answered_share`, `hours.breached.33`) and `data-value` (the JSON
//! number), so a test can compare the page with [`Report::to_json`].
//!
//! The size is bounded whatever the input: at most [`MAX_CHANNELS`] channels,
//! [`MAX_PAIRS`] channel pairs and [`MAX_QUEUE`] queue items are shown, texts are cut to
//! [`MAX_TEXT`] characters, and the report itself keeps fixed buckets and at most
//! [`CONFLICT_EXAMPLES`](super::CONFLICT_EXAMPLES) conflict examples.

mod escape;
mod labels;
mod sections;
mod svg;

use std::fmt::Write;
use std::str::FromStr;

use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::Report;
use crate::error::{Error, Result};
use crate::inbox::QueueItem;
use escape::Esc;

/// Channels shown at most (those with the most inbound messages).
pub const MAX_CHANNELS: usize = 40;
/// Channel pairs shown at most (those with the most groups).
pub const MAX_PAIRS: usize = 60;
/// Queue items shown at most.
pub const MAX_QUEUE: usize = 100;
/// Customer and agent texts are cut to this many characters.
pub const MAX_TEXT: usize = 500;

/// The language of the page's labels.
///
/// JSON and bindings: `"en"` or `"nl"`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Lang {
    /// English.
    #[default]
    En,
    /// Dutch.
    Nl,
}

impl Lang {
    /// The code: `en` or `nl`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Nl => "nl",
        }
    }
}

impl FromStr for Lang {
    type Err = Error;

    /// Parses `en` or `nl`.
    ///
    /// # Errors
    ///
    /// `invalid_option` (option `lang`) for any other text.
    fn from_str(text: &str) -> Result<Lang> {
        match text {
            "en" => Ok(Lang::En),
            "nl" => Ok(Lang::Nl),
            _ => Err(Error::InvalidOption {
                option: "lang",
                value: text.to_owned(),
                reason: "the language of the labels: en or nl",
            }),
        }
    }
}

/// The options of [`Report::to_html`].
///
/// JSON: `{"lang": "nl", "title": "Velder, week 13", "queue": [QueueItem, ...]}`, every key
/// optional; unknown keys are an error.
///
/// # Example
///
/// ```
/// use webcare::report::{HtmlOptions, Lang};
///
/// let options = HtmlOptions::from_json(r#"{"lang": "nl", "title": "Week 13"}"#)?;
/// assert_eq!(options.lang, Lang::Nl);
/// assert_eq!(options.title.as_deref(), Some("Week 13"));
/// assert!(options.queue.is_none());
/// assert_eq!(HtmlOptions::from_json(r#"{"lang": "de"}"#).unwrap_err().code(), "invalid_json");
/// # Ok::<(), webcare::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HtmlOptions {
    /// The language of the labels (English by default).
    pub lang: Lang,
    /// The page title; by default "Customer care report" in the page's language.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The work queue to list (from [`Inbox::queue`](crate::Inbox::queue)); its complaints
    /// are shown by priority. Without it the queue section says none was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub queue: Option<Vec<QueueItem>>,
}

impl HtmlOptions {
    /// Options from their JSON form.
    ///
    /// # Errors
    ///
    /// `invalid_json` for text that is not an options object (an unknown key or language
    /// included).
    pub fn from_json(text: &str) -> Result<HtmlOptions> {
        Ok(serde_json::from_str(text)?)
    }

    /// The options as JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }
}

const CSS: &str = r#"
:root{--ink:#1a1a1a;--muted:#4a4a4a;--line:#d0d0d0;--soft:#f4f6f9;--accent:#1f5fa8;--warn:#a50e1e}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--ink);background:#fff}
header,main,footer{max-width:1120px;margin:0 auto;padding:0 20px}
header{padding-top:20px}
h1{font-size:1.7em;margin:.2em 0}
h2{font-size:1.3em;margin:1.6em 0 .4em;padding-top:.4em;border-top:2px solid var(--accent)}
h3{font-size:1.05em;margin:1.2em 0 .4em}
p.meta,p.note,figcaption{color:var(--muted)}
p.note{margin:.2em 0 .8em}
nav ul{list-style:none;padding:0;margin:.5em 0;display:flex;flex-wrap:wrap;gap:.3em 1.2em}
nav a{color:var(--accent)}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(160px,1fr));gap:10px;margin:.6em 0}
.card{background:var(--soft);border:1px solid var(--line);border-radius:6px;padding:10px 12px}
.card .big{display:block;font-size:1.6em;font-weight:650}
.card .what{color:var(--muted);font-size:.9em}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(440px,1fr));gap:18px 26px}
figure{margin:.4em 0 1em}
figcaption{font-size:.9em;margin:.2em 0}
svg.chart{width:100%;height:auto;max-width:640px;display:block}
svg text{font:12px system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;fill:#1a1a1a}
svg .tick{font-size:11px;fill:#4a4a4a}
svg .target{fill:#c0182a;font-weight:600}
.scroll{overflow-x:auto;max-width:100%}
table{border-collapse:collapse;margin:.3em 0 1em;font-size:.92em}
th,td{border-bottom:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:var(--soft);font-weight:600}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
tr.total td{font-weight:650;border-top:2px solid var(--ink)}
table.small{font-size:.85em}
table.week td,table.week th{padding:2px 4px}
.side-by-side{display:grid;grid-template-columns:1fr 1fr;gap:12px}
.conflict{border:1px solid var(--line);border-radius:6px;padding:10px 12px;margin:0 0 14px}
.conflict .answer{background:var(--soft);border-radius:4px;padding:8px 10px}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.3em 0}
mark{background:#ffe08a;color:#1a1a1a;padding:0 2px;border-bottom:2px solid #b35900}
.item{border:1px solid var(--line);border-left:6px solid var(--accent);border-radius:6px;padding:8px 12px;margin:0 0 10px}
.item.urgent{border-left-color:#a50e1e}.item.high{border-left-color:#b35900}.item.low{border-left-color:#666}
.badge{display:inline-block;border-radius:3px;padding:0 6px;font-size:.85em;font-weight:600;color:#fff;background:#1f5fa8}
.badge.urgent{background:#a50e1e}.badge.high{background:#8a4500}.badge.low{background:#555}
.item ul{margin:.2em 0;padding-left:1.3em}
.late{color:var(--warn);font-weight:600}
footer{color:var(--muted);font-size:.85em;padding:20px}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
h4.chart-title{margin:.2em 0;font-size:1em}
@media (max-width:640px){
 body{font-size:14px}
 header,main,footer{padding:0 10px}
 .grid{grid-template-columns:1fr}
 .side-by-side{grid-template-columns:1fr}
 .cards{grid-template-columns:repeat(2,1fr)}
 h1{font-size:1.35em}
}
@media print{
 body{font-size:11pt}
 nav{display:none}
 header,main,footer{max-width:none;padding:0}
 h2{break-after:avoid}
 figure,.conflict,.item,tr{break-inside:avoid}
 .scroll{overflow:visible}
 .card,th,.conflict .answer{background:#fff}
}
"#;

/// Renders the page.
pub(crate) fn render(report: &Report, options: &HtmlOptions) -> String {
    let lang = options.lang;
    let l = labels::labels(lang);
    let zone: Tz = report.hours.timezone.parse().unwrap_or(Tz::UTC);
    let title = options
        .title
        .as_deref()
        .filter(|t| !t.trim().is_empty())
        .map_or(std::borrow::Cow::Borrowed(l.title), |t| escape::cut(t, 200));
    let mut out = String::with_capacity(256 * 1024);
    let _ = write!(
        out,
        r#"<!DOCTYPE html>
<html lang="{}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>{}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{}</h1>
<p class="meta">{} <time datetime="{}">{}</time> ({} {})</p>
<nav aria-label="{}"><ul>"#,
        lang.code(),
        Esc(&title),
        Esc(&title),
        l.report_at,
        crate::instant::format_instant(report.at),
        sections::local(report.at, zone),
        l.hours_in,
        Esc(zone.name()),
        l.contents,
    );
    for (id, name) in [
        ("overview", l.overview),
        ("channels", l.channels),
        ("week", l.week),
        ("expected", l.expected),
        ("consistency", l.consistency),
        ("queue", l.queue),
    ] {
        let _ = write!(out, r##"<li><a href="#{id}">{name}</a></li>"##);
    }
    out.push_str("</ul></nav>\n</header>\n<main>\n");
    let ctx = sections::Ctx {
        lang,
        l,
        zone,
        at: report.at,
    };
    sections::overview(&mut out, &ctx, report);
    sections::channels(&mut out, &ctx, report);
    sections::week(&mut out, &ctx, report);
    sections::expected(&mut out, &ctx, report);
    sections::consistency(&mut out, &ctx, report);
    sections::queue(&mut out, &ctx, options.queue.as_deref());
    let _ = write!(
        out,
        "</main>\n<footer>{}</footer>\n</body>\n</html>\n",
        l.footer
    );
    out
}
