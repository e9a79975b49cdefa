//! Inline SVG charts: horizontal bars, a two-series histogram with a target line, and a
//! heat map of the hours of the week. Every chart is an `<svg role="img">` with a `<title>`
//! and a `<desc>`; the page puts a table of the same figures beside it.

use std::fmt::Write;

use super::escape::Esc;

/// The colour of calendar-time bars (contrast 6.4:1 on white).
pub(crate) const CALENDAR: &str = "#1f5fa8";
/// The colour of business-time bars (contrast 6.6:1 on white).
pub(crate) const BUSINESS: &str = "#b35900";
/// The colour of target lines (contrast 6.1:1 on white).
pub(crate) const TARGET: &str = "#c0182a";

/// One bar of a bar chart.
#[derive(Debug)]
pub(crate) struct Bar {
    pub(crate) label: String,
    pub(crate) value: f64,
    pub(crate) text: String,
}

fn open(out: &mut String, id: &str, title: &str, desc: &str, width: u32, height: u32) {
    let _ = write!(
        out,
        r#"<svg class="chart" role="img" viewBox="0 0 {width} {height}" aria-labelledby="{id}-t {id}-d"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc>"#,
        Esc(title),
        Esc(desc)
    );
}

/// Horizontal bars scaled to `max` (at least the largest value).
pub(crate) fn bars(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    rows: &[Bar],
    max: f64,
    color: &str,
) {
    let row = 24;
    let (left, width) = (140.0, 270.0);
    let height = (rows.len() as u32).max(1) * row + 8;
    open(out, id, title, desc, 480, height);
    let max = rows
        .iter()
        .map(|r| r.value)
        .fold(max, f64::max)
        .max(f64::MIN_POSITIVE);
    for (i, r) in rows.iter().enumerate() {
        let y = 4 + i as u32 * row;
        let w = (r.value.max(0.0) / max * width).max(if r.value > 0.0 { 1.0 } else { 0.0 });
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" text-anchor="end" class="lbl">{}</text><rect x="{left}" y="{}" width="{w:.1}" height="16" fill="{color}"><title>{}: {}</title></rect><text x="{:.1}" y="{}" class="val">{}</text>"#,
            left - 8.0,
            y + 13,
            Esc(&r.label),
            y + 1,
            Esc(&r.label),
            Esc(&r.text),
            left + w + 6.0,
            y + 13,
            Esc(&r.text)
        );
    }
    out.push_str("</svg>");
}

/// A series of a histogram.
#[derive(Debug)]
pub(crate) struct Series<'a> {
    pub(crate) name: &'a str,
    pub(crate) color: &'a str,
    pub(crate) counts: &'a [u64],
}

/// Buckets side by side, two bars per bucket, and a dashed vertical line at `target`
/// (a position in bucket units: 2.5 is the middle of the third bucket).
pub(crate) fn histogram(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    buckets: &[String],
    series: &[Series<'_>],
    target: Option<(f64, &str)>,
) {
    let (width, height) = (600.0, 230.0);
    let (left, right, top, bottom) = (44.0, 590.0, 34.0, 206.0);
    open(out, id, title, desc, width as u32, height as u32);
    let max = series
        .iter()
        .flat_map(|s| s.counts.iter())
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let n = buckets.len().max(1) as f64;
    let step = (right - left) / n;
    let bar = (step - 6.0) / series.len().max(1) as f64;
    for (k, tick) in [0, max / 2, max].iter().enumerate() {
        if k == 1 && (*tick == 0 || *tick == max) {
            continue;
        }
        let y = bottom - (*tick as f64 / max as f64) * (bottom - top);
        let _ = write!(
            out,
            r##"<line x1="{left}" x2="{right}" y1="{y:.1}" y2="{y:.1}" stroke="#c8c8c8" stroke-width="1"/><text x="{}" y="{:.1}" text-anchor="end" class="tick">{tick}</text>"##,
            left - 6.0,
            y + 4.0
        );
    }
    for (i, name) in buckets.iter().enumerate() {
        let x0 = left + i as f64 * step + 3.0;
        for (j, s) in series.iter().enumerate() {
            let count = s.counts.get(i).copied().unwrap_or(0);
            let h = count as f64 / max as f64 * (bottom - top);
            let _ = write!(
                out,
                r#"<rect x="{:.1}" y="{:.1}" width="{bar:.1}" height="{h:.1}" fill="{}"><title>{}, {}: {count}</title></rect>"#,
                x0 + j as f64 * bar,
                bottom - h,
                s.color,
                Esc(name),
                Esc(s.name)
            );
        }
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="{}" text-anchor="middle" class="tick">{}</text>"#,
            x0 + (step - 6.0) / 2.0,
            bottom + 16.0,
            Esc(name)
        );
    }
    let _ = write!(
        out,
        r##"<line x1="{left}" x2="{right}" y1="{bottom}" y2="{bottom}" stroke="#555" stroke-width="1"/>"##
    );
    // Legend.
    let mut x = left;
    for s in series {
        let _ = write!(
            out,
            r#"<rect x="{x:.1}" y="8" width="12" height="12" fill="{}"/><text x="{:.1}" y="18" class="lbl">{}</text>"#,
            s.color,
            x + 16.0,
            Esc(s.name)
        );
        x += 24.0 + s.name.chars().count() as f64 * 7.0;
    }
    if let Some((at, label)) = target {
        let tx = left + at.clamp(0.0, n) * step;
        let _ = write!(
            out,
            r#"<line x1="{tx:.1}" x2="{tx:.1}" y1="{top}" y2="{bottom}" stroke="{TARGET}" stroke-width="2" stroke-dasharray="6 4"/><text x="{:.1}" y="{}" class="lbl target" text-anchor="{}">{}</text>"#,
            if tx > right - 120.0 {
                tx - 4.0
            } else {
                tx + 4.0
            },
            top + 12.0,
            if tx > right - 120.0 { "end" } else { "start" },
            Esc(label)
        );
        let _ = write!(
            out,
            r#"<text x="{x:.1}" y="18" class="lbl target">- - {}</text>"#,
            Esc(label)
        );
    }
    out.push_str("</svg>");
}

/// A colour between light and dark for `share` in 0..=1 (0 is near white): blues, or
/// reds when `warm`.
fn shade(share: f64, warm: bool) -> String {
    let (light, dark) = if warm {
        ([253.0, 240.0, 236.0], [127.0, 0.0, 13.0])
    } else {
        ([240.0, 244.0, 250.0], [8.0, 48.0, 107.0])
    };
    let t = share.clamp(0.0, 1.0).sqrt();
    let c: Vec<u8> = light
        .iter()
        .zip(dark.iter())
        .map(|(l, d)| (l + (d - l) * t).round() as u8)
        .collect();
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// Seven rows of 24 cells: `counts[24 * day + hour]`, darker for more (reds when `warm`).
pub(crate) fn heat_map(
    out: &mut String,
    id: &str,
    title: &str,
    desc: &str,
    days: &[&str; 7],
    counts: &[u64],
    warm: bool,
) {
    let (left, top, cw, ch) = (40.0, 22.0, 23.0, 22.0);
    open(
        out,
        id,
        title,
        desc,
        (left + 24.0 * cw + 6.0) as u32,
        (top + 7.0 * ch + 8.0) as u32,
    );
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    for h in (0..24).step_by(3) {
        let _ = write!(
            out,
            r#"<text x="{:.1}" y="15" class="tick" text-anchor="middle">{h:02}</text>"#,
            left + h as f64 * cw + cw / 2.0
        );
    }
    for (d, day) in days.iter().enumerate() {
        let y = top + d as f64 * ch;
        let _ = write!(
            out,
            r#"<text x="{}" y="{:.1}" text-anchor="end" class="lbl">{}</text>"#,
            left - 6.0,
            y + 15.0,
            Esc(day)
        );
        for h in 0..24 {
            let n = counts.get(d * 24 + h).copied().unwrap_or(0);
            let fill = if n == 0 {
                "#fafafa".to_owned()
            } else {
                shade(n as f64 / max as f64, warm)
            };
            let _ = write!(
                out,
                r##"<rect x="{:.1}" y="{y:.1}" width="{}" height="{}" fill="{fill}" stroke="#ffffff"><title>{} {h:02}:00: {n}</title></rect>"##,
                left + h as f64 * cw,
                cw - 1.0,
                ch - 1.0,
                Esc(day)
            );
        }
    }
    out.push_str("</svg>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shades_run_from_light_to_dark() {
        assert_eq!(shade(0.0, false), "#f0f4fa");
        assert_eq!(shade(1.0, false), "#08306b");
        assert_eq!(shade(1.0, true), "#7f000d");
    }

    #[test]
    fn charts_carry_titles_and_escape_labels() {
        let mut out = String::new();
        bars(
            &mut out,
            "b",
            "Title <x>",
            "desc",
            &[Bar {
                label: "<b>".into(),
                value: 2.0,
                text: "2".into(),
            }],
            0.0,
            CALENDAR,
        );
        assert!(out.contains("<title id=\"b-t\">Title &lt;x&gt;</title>"));
        assert!(out.contains("&lt;b&gt;"));
        assert!(!out.contains("<b>"));
    }
}
