//! The sections of the page.

use std::fmt::Write;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::escape::{cut, Esc};
use super::labels::{self, Labels};
use super::svg::{self, Bar, Series};
use super::{Lang, MAX_CHANNELS, MAX_PAIRS, MAX_QUEUE, MAX_TEXT};
use crate::channel::Channel;
use crate::classify::Label;
use crate::inbox::QueueItem;
use crate::policy::Priority;
use crate::report::histogram::RESPONSE_EDGES_S;
use crate::report::{ChannelReport, ConflictExample, Figures, Report};

/// What every section needs.
#[derive(Debug)]
pub(crate) struct Ctx {
    pub(crate) lang: Lang,
    pub(crate) l: &'static Labels,
    pub(crate) zone: Tz,
    pub(crate) at: DateTime<Utc>,
}

/// An instant on the desk's wall clock: `2026-03-29 23:58`.
pub(crate) fn local(t: DateTime<Utc>, zone: Tz) -> String {
    t.with_timezone(&zone).format("%Y-%m-%d %H:%M").to_string()
}

/// A count with thousands separators (`2,065`; Dutch `2.065`).
fn count(lang: Lang, n: u64) -> String {
    let digits = n.to_string();
    let sep = if lang == Lang::Nl { '.' } else { ',' };
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

fn percent(rate: Option<f64>) -> String {
    // Halves round up (12.5% reads 13%), as people and `Math.round` do.
    rate.map_or_else(
        || "-".into(),
        |r| format!("{}%", (r * 100.0).round() as i64),
    )
}

/// The key of a channel in `data-figure`: its name, or `channel-<i>` for a custom name
/// that is long or holds other characters than lowercase letters, digits, `_` and `-`.
fn key(i: usize, channel: &Channel) -> String {
    let name = channel.name();
    if name.len() <= 40
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '_' | '-' | ':'))
        && !name.starts_with("channel-")
        && name != "total"
    {
        name.into_owned()
    } else {
        format!("channel-{i}")
    }
}

fn channel_name(channel: &Channel) -> String {
    cut(&channel.name(), 40).into_owned()
}

/// A table cell with a figure: `data-figure`, `data-value` (the JSON value, `null` for
/// none) and the text shown.
fn cell(out: &mut String, figure: &str, value: Option<f64>, shown: &str) {
    let value = value.map_or_else(|| "null".to_owned(), |v| v.to_string());
    let _ = write!(
        out,
        r#"<td class="n" data-figure="{}" data-value="{value}">{}</td>"#,
        Esc(figure),
        Esc(shown)
    );
}

fn count_cell(out: &mut String, ctx: &Ctx, figure: &str, n: u64) {
    cell(out, figure, Some(n as f64), &count(ctx.lang, n));
}

fn duration_cell(out: &mut String, ctx: &Ctx, figure: &str, seconds: Option<f64>) {
    cell(out, figure, seconds, &labels::duration(ctx.lang, seconds));
}

fn rate_cell(out: &mut String, figure: &str, rate: Option<f64>) {
    cell(out, figure, rate, &percent(rate));
}

/// The channels shown: at most [`MAX_CHANNELS`], those with the most inbound messages, in
/// report order; with their index in the report.
fn shown_channels(report: &Report) -> Vec<(usize, &ChannelReport)> {
    let mut all: Vec<(usize, &ChannelReport)> = report.channels.iter().enumerate().collect();
    if all.len() > MAX_CHANNELS {
        all.sort_by(|a, b| {
            b.1.figures
                .inbound
                .cmp(&a.1.figures.inbound)
                .then(a.0.cmp(&b.0))
        });
        all.truncate(MAX_CHANNELS);
        all.sort_by_key(|(i, _)| *i);
    }
    all
}

fn card(out: &mut String, what: &str, figure: &str, value: Option<f64>, shown: &str) {
    let value = value.map_or_else(|| "null".to_owned(), |v| v.to_string());
    let _ = write!(
        out,
        r#"<div class="card"><span class="big" data-figure="{}" data-value="{value}">{}</span><span class="what">{}</span></div>"#,
        Esc(figure),
        Esc(shown),
        Esc(what)
    );
}

pub(crate) fn overview(out: &mut String, ctx: &Ctx, report: &Report) {
    let l = ctx.l;
    let t = &report.total;
    let _ = write!(
        out,
        r#"<section id="overview"><h2>{}</h2><div class="cards">"#,
        l.overview
    );
    card(
        out,
        l.inbound,
        "total.inbound",
        Some(t.inbound as f64),
        &count(ctx.lang, t.inbound),
    );
    card(
        out,
        l.conversations,
        "total.conversations",
        Some(t.conversations as f64),
        &count(ctx.lang, t.conversations),
    );
    card(
        out,
        l.answered_share,
        "total.answered_share",
        t.answered_share,
        &percent(t.answered_share),
    );
    card(
        out,
        l.sla_met,
        "total.sla.first_reply.rate",
        t.sla.first_reply.rate,
        &percent(t.sla.first_reply.rate),
    );
    let median = format!("{} ({}, {})", l.first_response, l.median, l.calendar_time);
    card(
        out,
        &median,
        "total.first_response.median_s",
        t.first_response.median_s,
        &labels::duration(ctx.lang, t.first_response.median_s),
    );
    card(
        out,
        l.consistency,
        "consistency.rate",
        report.consistency.rate,
        &percent(report.consistency.rate),
    );
    out.push_str("</div></section>\n");
}

/// A row of a channels-section table: a shown channel or the total.
struct Row<'a> {
    /// The `data-figure` key of the row's cells.
    key: String,
    /// The name in the row's header cell.
    name: String,
    /// The figures in the row's cells.
    figures: &'a Figures,
    /// Whether the row is the total.
    total: bool,
}

/// The rows of the channels section's tables: one per shown channel, then the total.
fn channel_rows<'a>(
    ctx: &Ctx,
    shown: &[(usize, &'a ChannelReport)],
    total: &'a Figures,
) -> Vec<Row<'a>> {
    shown
        .iter()
        .map(|(i, c)| Row {
            key: key(*i, &c.channel),
            name: channel_name(&c.channel),
            figures: &c.figures,
            total: false,
        })
        .chain(std::iter::once(Row {
            key: "total".to_owned(),
            name: ctx.l.total.to_owned(),
            figures: total,
            total: true,
        }))
        .collect()
}

/// A figure table of the channels section: a head with the row-name column and one
/// number column per entry of `columns` (label text, written as it is), then a line per
/// row whose number cells `cells` writes (from the row's key, figures and total flag).
fn channel_table(
    out: &mut String,
    ctx: &Ctx,
    id: &str,
    caption: Option<&str>,
    columns: &[&str],
    rows: &[Row<'_>],
    cells: impl Fn(&mut String, &str, &Figures, bool),
) {
    let _ = write!(out, r#"<div class="scroll"><table id="{id}">"#);
    if let Some(caption) = caption {
        let _ = write!(out, "<caption>{caption}</caption>");
    }
    let _ = write!(out, r#"<thead><tr><th scope="col">{}</th>"#, ctx.l.channel);
    for column in columns {
        let _ = write!(out, r#"<th class="n" scope="col">{column}</th>"#);
    }
    out.push_str("</tr></thead><tbody>");
    for row in rows {
        row_head(out, row);
        cells(out, &row.key, row.figures, row.total);
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody></table></div>");
}

/// A row's `<tr>` and header cell.
fn row_head(out: &mut String, row: &Row<'_>) {
    let _ = write!(
        out,
        "<tr{}><th scope=\"row\">{}</th>",
        if row.total { " class=\"total\"" } else { "" },
        Esc(&row.name)
    );
}

/// The cells of a row of the volume table.
fn volume_cells(out: &mut String, ctx: &Ctx, k: &str, f: &Figures) {
    count_cell(out, ctx, &format!("{k}.inbound"), f.inbound);
    count_cell(out, ctx, &format!("{k}.conversations"), f.conversations);
    count_cell(out, ctx, &format!("{k}.answered"), f.answered);
    rate_cell(out, &format!("{k}.answered_share"), f.answered_share);
}

/// The cells of a row of the first-response table; the total row has no target.
fn response_cells(out: &mut String, ctx: &Ctx, k: &str, f: &Figures, total: bool) {
    duration_cell(
        out,
        ctx,
        &format!("{k}.first_response.median_s"),
        f.first_response.median_s,
    );
    duration_cell(
        out,
        ctx,
        &format!("{k}.first_response.mean_s"),
        f.first_response.mean_s,
    );
    duration_cell(
        out,
        ctx,
        &format!("{k}.first_response.p90_s"),
        f.first_response.p90_s,
    );
    duration_cell(
        out,
        ctx,
        &format!("{k}.first_response_business.median_s"),
        f.first_response_business.median_s,
    );
    count_cell(
        out,
        ctx,
        &format!("{k}.sla.first_reply.met"),
        f.sla.first_reply.met,
    );
    count_cell(
        out,
        ctx,
        &format!("{k}.sla.first_reply.breached"),
        f.sla.first_reply.breached,
    );
    rate_cell(
        out,
        &format!("{k}.sla.first_reply.rate"),
        f.sla.first_reply.rate,
    );
    if total {
        out.push_str("<td class=\"n\"></td>");
    } else {
        let target = f.first_reply_target_s.map(|s| s as f64);
        let shown = match target {
            Some(_) => labels::duration(ctx.lang, target),
            None => ctx.l.no_target.to_owned(),
        };
        cell(out, &format!("{k}.first_reply_target_s"), target, &shown);
    }
}

/// The names of the histogram buckets: `<5m`, `5-15m`, ..., `≥3d`.
fn bucket_names(lang: Lang) -> Vec<String> {
    let d = |s: i64| labels::short(lang, s);
    let mut names = Vec::with_capacity(RESPONSE_EDGES_S.len() + 1);
    let mut lo: Option<i64> = None;
    for edge in RESPONSE_EDGES_S {
        names.push(match lo {
            None => format!("<{}", d(edge)),
            Some(lo) => format!("{}–{}", d(lo), d(edge)),
        });
        lo = Some(edge);
    }
    names.push(format!("≥{}", d(lo.unwrap_or(0))));
    names
}

/// Where a duration stands on the histogram's axis, in bucket units (log scale inside a
/// bucket; the open last bucket puts it in its middle).
fn position(seconds: f64) -> f64 {
    let i = crate::report::histogram::bucket_of(seconds);
    let lo = if i == 0 {
        0.0
    } else {
        RESPONSE_EDGES_S[i - 1] as f64
    };
    match RESPONSE_EDGES_S.get(i) {
        None => i as f64 + 0.5,
        Some(hi) if lo <= 0.0 => i as f64 + (seconds / *hi as f64).clamp(0.0, 1.0),
        Some(hi) => i as f64 + ((seconds / lo).ln() / (*hi as f64 / lo).ln()).clamp(0.0, 1.0),
    }
}

pub(crate) fn channels(out: &mut String, ctx: &Ctx, report: &Report) {
    let l = ctx.l;
    let shown = shown_channels(report);
    let table_rows = channel_rows(ctx, &shown, &report.total);
    let _ = write!(out, r#"<section id="channels"><h2>{}</h2>"#, l.channels);
    channel_table(
        out,
        ctx,
        "channel-table",
        None,
        &[l.inbound, l.conversations, l.answered, l.answered_share],
        &table_rows,
        |out, k, f, _| volume_cells(out, ctx, k, f),
    );
    let caption = format!("{} ({})", l.first_response, l.sla_met);
    let business_median = format!("{} ({})", l.median, l.business_time);
    channel_table(
        out,
        ctx,
        "response-table",
        Some(&caption),
        &[
            l.median,
            l.mean,
            l.p90,
            &business_median,
            l.met,
            l.breached,
            "%",
            l.target,
        ],
        &table_rows,
        |out, k, f, total| response_cells(out, ctx, k, f, total),
    );
    out.push('\n');
    if report.channels.len() > shown.len() {
        let _ = write!(
            out,
            "<p class=\"note\">{} {}</p>",
            report.channels.len() - shown.len(),
            l.more_channels
        );
    }

    // Bar charts: volume, answered share, first replies on time; figures in the table above.
    out.push_str("<div class=\"grid\">");
    let rows = |f: &dyn Fn(&Figures) -> (f64, String)| -> Vec<Bar> {
        shown
            .iter()
            .map(|(_, c)| {
                let (value, text) = f(&c.figures);
                Bar {
                    label: channel_name(&c.channel),
                    value,
                    text,
                }
            })
            .collect()
    };
    let charts: [(&str, &str, Vec<Bar>, f64); 3] = [
        (
            "chart-volume",
            l.volume_chart,
            rows(&|f| (f.inbound as f64, count(ctx.lang, f.inbound))),
            0.0,
        ),
        (
            "chart-answered",
            l.share_chart,
            rows(&|f| (f.answered_share.unwrap_or(0.0), percent(f.answered_share))),
            1.0,
        ),
        (
            "chart-sla",
            l.sla_chart,
            rows(&|f| {
                (
                    f.sla.first_reply.rate.unwrap_or(0.0),
                    percent(f.sla.first_reply.rate),
                )
            }),
            1.0,
        ),
    ];
    for (id, title, bars, max) in charts {
        out.push_str("<figure>");
        svg::bars(out, id, title, title, &bars, max, svg::CALENDAR);
        let _ = write!(
            out,
            r##"<figcaption>{} (<a href="#channel-table">{}</a>)</figcaption></figure>"##,
            Esc(title),
            l.channels
        );
    }
    out.push_str("</div>\n");

    // First-response histograms with the target line, each with its table.
    let _ = write!(
        out,
        "<h3>{}</h3><p class=\"note\">{}</p><div class=\"grid\">",
        l.histogram_title, l.histogram_note
    );
    let names = bucket_names(ctx.lang);
    for (i, c) in &shown {
        let k = key(*i, &c.channel);
        let name = channel_name(&c.channel);
        let h = &c.figures.first_response_histogram;
        let target_label = c
            .figures
            .first_reply_target_s
            .map(|s| format!("{} {}", l.target, labels::short(ctx.lang, s)));
        let title = format!("{}: {name}", l.histogram_title);
        let desc = format!(
            "{}; {}",
            percent(c.figures.sla.first_reply.rate),
            target_label.as_deref().unwrap_or(l.no_target)
        );
        let _ = write!(out, "<figure><h4 class=\"chart-title\">{}</h4>", Esc(&name));
        svg::histogram(
            out,
            &format!("hist-{i}"),
            &title,
            &format!("{} {desc}", l.sla_met),
            &names,
            &[
                Series {
                    name: l.calendar_time,
                    color: svg::CALENDAR,
                    counts: &h.calendar,
                },
                Series {
                    name: l.business_time,
                    color: svg::BUSINESS,
                    counts: &h.business,
                },
            ],
            c.figures
                .first_reply_target_s
                .zip(target_label.as_deref())
                .map(|(s, label)| (position(s as f64), label)),
        );
        let _ = write!(
            out,
            r#"<figcaption>{}: {} ({} {}, {} {})</figcaption><div class="scroll"><table class="small"><thead><tr><th scope="col">{}</th><th class="n" scope="col">{}</th><th class="n" scope="col">{}</th></tr></thead><tbody>"#,
            l.sla_met,
            percent(c.figures.sla.first_reply.rate),
            c.figures.sla.first_reply.met,
            l.met,
            c.figures.sla.first_reply.breached,
            l.breached,
            l.bucket,
            l.calendar_time,
            l.business_time
        );
        for (b, name) in names.iter().enumerate() {
            let _ = write!(out, "<tr><th scope=\"row\">{}</th>", Esc(name));
            for (kind, counts) in [("calendar", &h.calendar), ("business", &h.business)] {
                let n = counts.get(b).copied().unwrap_or(0);
                count_cell(
                    out,
                    ctx,
                    &format!("{k}.first_response_histogram.{kind}.{b}"),
                    n,
                );
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table></div></figure>\n");
    }
    out.push_str("</div>\n");

    // Unresolved complaints by age.
    let _ = write!(
        out,
        r#"<h3>{}</h3><div class="scroll"><table><thead><tr><th scope="col">{}</th>"#,
        l.unresolved, l.channel
    );
    for name in l.age_buckets {
        let _ = write!(out, "<th class=\"n\" scope=\"col\">{name}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for row in &table_rows {
        let (k, u) = (&row.key, &row.figures.unresolved);
        row_head(out, row);
        for (field, n) in [
            ("under_1h", u.under_1h),
            ("from_1h_to_1d", u.from_1h_to_1d),
            ("from_1d_to_7d", u.from_1d_to_7d),
            ("from_1w_to_4w", u.from_1w_to_4w),
            ("over_4w", u.over_4w),
        ] {
            count_cell(out, ctx, &format!("{k}.unresolved.{field}"), n);
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div></section>\n");
}

fn week_table(out: &mut String, ctx: &Ctx, field: &str, counts: &[u64]) {
    let _ = write!(
        out,
        r#"<div class="scroll"><table class="small week"><thead><tr><th scope="col">{}</th>"#,
        ctx.l.hour
    );
    for h in 0..24 {
        let _ = write!(out, "<th class=\"n\" scope=\"col\">{h:02}</th>");
    }
    out.push_str("</tr></thead><tbody>");
    for (d, day) in ctx.l.weekdays.iter().enumerate() {
        let _ = write!(out, "<tr><th scope=\"row\">{day}</th>");
        for h in 0..24 {
            let i = d * 24 + h;
            let n = counts.get(i).copied().unwrap_or(0);
            cell(
                out,
                &format!("hours.{field}.{i}"),
                Some(n as f64),
                &n.to_string(),
            );
        }
        out.push_str("</tr>");
    }
    out.push_str("</tbody></table></div>");
}

pub(crate) fn week(out: &mut String, ctx: &Ctx, report: &Report) {
    let l = ctx.l;
    let _ = write!(
        out,
        r#"<section id="week"><h2>{}</h2><p class="note">{} ({} {})</p>"#,
        l.week,
        l.week_note,
        l.hours_in,
        Esc(&report.hours.timezone)
    );
    for (id, title, field, counts) in [
        (
            "heat-inbound",
            l.volume_heat,
            "inbound",
            &report.hours.inbound,
        ),
        (
            "heat-breached",
            l.breach_heat,
            "breached",
            &report.hours.breached,
        ),
    ] {
        let _ = write!(out, "<figure><h3>{title}</h3>");
        let desc = format!("{title} ({} {})", l.hours_in, report.hours.timezone);
        svg::heat_map(
            out,
            id,
            title,
            &desc,
            &l.weekdays,
            counts,
            id == "heat-breached",
        );
        let _ = write!(out, "<figcaption>{}</figcaption>", Esc(&desc));
        week_table(out, ctx, field, counts);
        out.push_str("</figure>\n");
    }
    out.push_str("</section>\n");
}

pub(crate) fn expected(out: &mut String, ctx: &Ctx, report: &Report) {
    let l = ctx.l;
    let _ = write!(
        out,
        r#"<section id="expected"><h2>{}</h2><p class="note">{}</p><div class="grid"><div class="scroll"><table id="expected-table"><thead><tr><th scope="col">{}</th><th class="n" scope="col">{}</th><th class="n" scope="col">{}</th><th scope="col">{}</th></tr></thead><tbody>"#,
        l.expected, l.expected_note, l.channel, l.expected_time, l.sample_size, l.sentence
    );
    let mut bars = Vec::new();
    for (i, c) in shown_channels(report) {
        let Some(e) = &c.figures.expected else {
            continue;
        };
        let k = key(i, &c.channel);
        let name = channel_name(&c.channel);
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", Esc(&name));
        let seconds = e.seconds.map(|s| s as f64);
        duration_cell(out, ctx, &format!("{k}.expected.seconds"), seconds);
        count_cell(
            out,
            ctx,
            &format!("{k}.expected.sample_size"),
            e.sample_size as u64,
        );
        let sentence = match ctx.lang {
            Lang::En => e.en.as_deref(),
            Lang::Nl => e.nl.as_deref(),
        };
        let _ = write!(out, "<td>{}</td></tr>", Esc(sentence.unwrap_or(l.too_few)));
        if let Some(s) = seconds {
            bars.push(Bar {
                label: name,
                value: s,
                text: labels::duration(ctx.lang, Some(s)),
            });
        }
    }
    out.push_str("</tbody></table></div><figure>");
    svg::bars(
        out,
        "chart-expected",
        l.expected,
        l.expected_note,
        &bars,
        0.0,
        svg::CALENDAR,
    );
    let _ = write!(
        out,
        r##"<figcaption>{} (<a href="#expected-table">{}</a>)</figcaption></figure></div></section>{}"##,
        l.expected, l.sample_size, '\n'
    );
}

/// `text` with the byte ranges `spans` wrapped in `<mark>`, escaped.
fn highlighted(out: &mut String, text: &str, spans: &mut [[usize; 2]]) {
    spans.sort_unstable();
    let mut at = 0;
    for [s, e] in spans.iter().copied() {
        if s < at || e > text.len() || !text.is_char_boundary(s) || !text.is_char_boundary(e) {
            continue;
        }
        let _ = write!(
            out,
            "{}<mark>{}</mark>",
            Esc(&text[at..s]),
            Esc(&text[s..e])
        );
        at = e;
    }
    let _ = write!(out, "{}", Esc(&text[at..]));
}

fn conflict(out: &mut String, ctx: &Ctx, n: usize, c: &ConflictExample) {
    let l = ctx.l;
    let _ = write!(
        out,
        r#"<article class="conflict" data-conflict="{n}"><p><strong>{}:</strong> <span class="text">{}</span></p><div class="side-by-side">"#,
        l.question,
        Esc(&cut(&c.question, MAX_TEXT))
    );
    for (side, answer) in c.answers.iter().enumerate() {
        let mut spans: Vec<[usize; 2]> = c.facts.iter().filter_map(|f| f.spans[side]).collect();
        let _ = write!(
            out,
            r#"<div class="answer"><strong>{}</strong> · <time datetime="{}">{}</time><p class="text">"#,
            Esc(&channel_name(&answer.channel)),
            crate::instant::format_instant(answer.at),
            local(answer.at, ctx.zone)
        );
        highlighted(out, &answer.text, &mut spans);
        out.push_str("</p></div>");
    }
    out.push_str("</div><ul>");
    for f in &c.facts {
        let kind = labels::fact(ctx.lang, f.kind);
        let _ = write!(
            out,
            "<li>{}: {}{} <mark>{}</mark> ≠ <mark>{}</mark></li>",
            l.fact,
            kind,
            f.role
                .as_deref()
                .map(|r| format!(" ({})", Esc(&cut(r, 60))))
                .unwrap_or_default(),
            Esc(&cut(&f.values[0], 100)),
            Esc(&cut(&f.values[1], 100))
        );
    }
    out.push_str("</ul></article>\n");
}

pub(crate) fn consistency(out: &mut String, ctx: &Ctx, report: &Report) {
    let l = ctx.l;
    let c = &report.consistency;
    let _ = write!(
        out,
        r#"<section id="consistency"><h2>{}</h2><p class="note">{}</p><div class="cards">"#,
        l.consistency, l.consistency_note
    );
    card(
        out,
        l.answers_checked,
        "consistency.answers",
        Some(c.answers as f64),
        &count(ctx.lang, c.answers),
    );
    card(
        out,
        l.groups,
        "consistency.groups",
        Some(c.groups as f64),
        &count(ctx.lang, c.groups),
    );
    card(
        out,
        l.consistent,
        "consistency.consistent",
        Some(c.consistent as f64),
        &count(ctx.lang, c.consistent),
    );
    card(out, l.rate, "consistency.rate", c.rate, &percent(c.rate));
    out.push_str("</div>");

    let mut pairs: Vec<_> = c.pairs.iter().collect();
    if pairs.len() > MAX_PAIRS {
        pairs.sort_by_key(|p| std::cmp::Reverse(p.groups));
        pairs.truncate(MAX_PAIRS);
    }
    let _ = write!(
        out,
        r#"<div class="grid"><div class="scroll"><table id="pair-table"><thead><tr><th scope="col">{}</th><th class="n" scope="col">{}</th><th class="n" scope="col">{}</th><th class="n" scope="col">{}</th></tr></thead><tbody>"#,
        l.pair, l.groups, l.consistent, l.rate
    );
    let mut bars = Vec::new();
    for p in &pairs {
        let name = format!(
            "{} / {}",
            channel_name(&p.channels[0]),
            channel_name(&p.channels[1])
        );
        let k = format!(
            "consistency.pairs.{}/{}",
            p.channels[0].name(),
            p.channels[1].name()
        );
        let _ = write!(out, "<tr><th scope=\"row\">{}</th>", Esc(&name));
        count_cell(out, ctx, &format!("{k}.groups"), p.groups);
        count_cell(out, ctx, &format!("{k}.consistent"), p.consistent);
        rate_cell(out, &format!("{k}.rate"), p.rate);
        out.push_str("</tr>");
        bars.push(Bar {
            label: name,
            value: p.rate.unwrap_or(0.0),
            text: format!("{} ({})", percent(p.rate), p.groups),
        });
    }
    out.push_str("</tbody></table></div><figure>");
    svg::bars(
        out,
        "chart-pairs",
        l.pair_chart,
        l.consistency_note,
        &bars,
        1.0,
        svg::CALENDAR,
    );
    let _ = write!(
        out,
        r##"<figcaption>{} (<a href="#pair-table">{}</a>)</figcaption></figure></div>"##,
        l.pair_chart, l.pair
    );
    let _ = write!(out, "<h3>{}</h3>", l.conflicts);
    if c.conflicts.is_empty() {
        let _ = write!(out, "<p>{}</p>", l.no_conflicts);
    }
    for (n, example) in c.conflicts.iter().enumerate() {
        conflict(out, ctx, n, example);
    }
    out.push_str("</section>\n");
}

fn queue_item(out: &mut String, ctx: &Ctx, item: &QueueItem) {
    let l = ctx.l;
    let p = item.priority.name();
    let handle = item
        .handles
        .first()
        .map(ToString::to_string)
        .unwrap_or_default();
    let _ = write!(
        out,
        r#"<article class="item {p}"><p><span class="badge {p}">{}</span> <strong>{}</strong> {} · {} {} · "#,
        labels::priority(ctx.lang, item.priority),
        Esc(&channel_name(&item.channel)),
        Esc(&cut(&handle, 60)),
        l.waiting,
        labels::duration(ctx.lang, Some(item.waiting_s as f64)),
    );
    match item.due {
        Some(due) => {
            let left = (due - ctx.at).num_seconds();
            let _ = write!(
                out,
                r#"{}: <time datetime="{}">{}</time> {}"#,
                l.due,
                crate::instant::format_instant(due),
                local(due, ctx.zone),
                if left < 0 {
                    format!("<span class=\"late\">{}</span>", l.overdue)
                } else {
                    format!("(+{})", labels::duration(ctx.lang, Some(left as f64)))
                }
            );
        }
        None => out.push_str(l.no_deadline),
    }
    let _ = write!(
        out,
        r#"</p><p class="text">{}</p>"#,
        Esc(&cut(&item.text, MAX_TEXT))
    );
    if let Some(t) = &item.triage {
        if !t.reasons.is_empty() {
            let _ = write!(
                out,
                "<p><strong>{}</strong> ({} {:.1}): ",
                l.reasons, l.score, t.score
            );
            for (n, r) in t.reasons.iter().enumerate() {
                let _ = write!(
                    out,
                    "{}{}: {}",
                    if n > 0 { "; " } else { "" },
                    labels::reason(ctx.lang, r.kind),
                    Esc(&cut(&r.detail, 200))
                );
            }
            out.push_str("</p>");
        }
        if !t.advice.is_empty() {
            let _ = write!(out, "<p><strong>{}</strong>:</p><ul>", l.advice);
            for a in t.advice.iter().take(2) {
                let _ = write!(out, "<li>{}</li>", Esc(&cut(&a.text, 300)));
            }
            out.push_str("</ul>");
        }
    }
    out.push_str("</article>\n");
}

pub(crate) fn queue(out: &mut String, ctx: &Ctx, queue: Option<&[QueueItem]>) {
    let l = ctx.l;
    let _ = write!(
        out,
        r#"<section id="queue"><h2>{}</h2><p class="note">{}</p>"#,
        l.queue, l.queue_note
    );
    let Some(queue) = queue else {
        let _ = writeln!(out, "<p>{}</p></section>", l.queue_missing);
        return;
    };
    let complaints: Vec<&QueueItem> = queue
        .iter()
        .filter(|q| q.label == Label::Complaint)
        .collect();
    if complaints.is_empty() {
        let _ = write!(out, "<p>{}</p>", l.queue_empty);
    }
    let mut shown = 0;
    for priority in Priority::ALL.iter().rev() {
        let items: Vec<&&QueueItem> = complaints
            .iter()
            .filter(|q| q.priority == *priority)
            .collect();
        if items.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            r#"<h3>{} <span data-figure="queue.{}" data-value="{}">({})</span></h3>"#,
            labels::priority(ctx.lang, *priority),
            priority.name(),
            items.len(),
            items.len()
        );
        for item in items {
            if shown < MAX_QUEUE {
                queue_item(out, ctx, item);
            }
            shown += 1;
        }
    }
    if shown > MAX_QUEUE {
        let _ = write!(
            out,
            "<p class=\"note\">{} {}</p>",
            shown - MAX_QUEUE,
            l.more_items
        );
    }
    let others = queue.len() - complaints.len();
    if others > 0 {
        let _ = write!(out, "<p class=\"note\">{others} {}</p>", l.other_waiting);
    }
    out.push_str("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_and_buckets_read_well() {
        assert_eq!(count(Lang::En, 2_216_982), "2,216,982");
        assert_eq!(count(Lang::Nl, 2065), "2.065");
        assert_eq!(count(Lang::En, 999), "999");
        let names = bucket_names(Lang::En);
        assert_eq!(names.first().map(String::as_str), Some("<5m"));
        assert_eq!(names.get(3).map(String::as_str), Some("30m–1h"));
        assert_eq!(names.last().map(String::as_str), Some("≥3d"));
        assert_eq!(
            bucket_names(Lang::Nl).get(4).map(String::as_str),
            Some("1u–2u")
        );
    }

    #[test]
    fn target_positions() {
        assert!((position(3600.0) - 4.0).abs() < 1e-9);
        assert!((position(150.0) - 0.5).abs() < 1e-9);
        assert!((position(1e9) - 9.5).abs() < 1e-9);
        let mid = position((3600.0f64 * 7200.0).sqrt());
        assert!((mid - 4.5).abs() < 1e-9);
    }

    #[test]
    fn highlights_escape_around_marks() {
        let mut out = String::new();
        highlighted(&mut out, "a <b> 14 days & more", &mut [[6, 13]]);
        assert_eq!(out, "a &lt;b&gt; <mark>14 days</mark> &amp; more");
    }
}
