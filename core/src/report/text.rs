//! The plain-text table of a report.

use std::fmt::Write;

use super::{Figures, Report};
use crate::instant::format_instant;

/// A duration in seconds as people read it: `45s`, `12m`, `1h05m`, `2d03h`; `-` for none.
pub(crate) fn human(seconds: Option<f64>) -> String {
    let Some(s) = seconds else {
        return "-".into();
    };
    let s = s.max(0.0).round() as i64;
    let (d, h, m) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60);
    if s < 60 {
        format!("{s}s")
    } else if s < 3600 {
        format!("{m}m")
    } else if s < 86_400 {
        format!("{h}h{m:02}m")
    } else {
        format!("{d}d{h:02}h")
    }
}

fn share(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |r| format!("{:.0}%", r * 100.0))
}

fn row(out: &mut String, name: &str, f: &Figures) {
    let fr = &f.first_response;
    let u = &f.unresolved;
    let _ = writeln!(
        out,
        "{name:<10} {:>8} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8} {:>5} {:>6} {:>5} {:>5} {:>5} {:>5} {:>5}",
        f.inbound,
        f.conversations,
        share(f.answered_share),
        human(fr.median_s),
        human(fr.mean_s),
        human(fr.p90_s),
        human(f.first_response_business.median_s),
        share(f.sla.first_reply.rate),
        share(f.consistency.rate),
        u.under_1h,
        u.from_1h_to_1d,
        u.from_1d_to_7d,
        u.from_1w_to_4w,
        u.over_4w,
    );
}

pub(crate) fn render(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "Report at {}", format_instant(report.at));
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8} {:>5} {:>6} {:>29}",
        "",
        "",
        "",
        "",
        "first response (calendar)",
        "",
        "",
        "business",
        "SLA",
        "consis",
        "unresolved complaints by age"
    );
    let _ = writeln!(
        out,
        "{:<10} {:>8} {:>7} {:>5} {:>8} {:>8} {:>8} {:>8} {:>5} {:>6} {:>5} {:>5} {:>5} {:>5} {:>5}",
        "channel", "inbound", "convs", "ans", "median", "mean", "p90", "median", "met", "tent", "<1h", "<1d", "<7d", "<4w", ">=4w"
    );
    for c in &report.channels {
        row(&mut out, &c.channel.name(), &c.figures);
    }
    row(&mut out, "total", &report.total);

    let expected: Vec<_> = report
        .channels
        .iter()
        .filter_map(|c| c.figures.expected.as_ref().map(|e| (c, e)))
        .collect();
    if !expected.is_empty() {
        let _ = writeln!(
            out,
            "\nExpected response time to publish (fastest 90% of 30 days):"
        );
        for (c, e) in expected {
            let _ = writeln!(
                out,
                "  {:<10} {:>8}  n={:<6} {}",
                c.channel.name(),
                human(e.seconds.map(|s| s as f64)),
                e.sample_size,
                e.en.as_deref().unwrap_or("too few replies to publish")
            );
        }
    }
    let c = &report.consistency;
    let _ = writeln!(
        out,
        "\nConsistency: {} answers, {} questions answered on 2+ channels, {} consistent ({})",
        c.answers,
        c.groups,
        c.consistent,
        share(c.rate)
    );
    for p in &c.pairs {
        let _ = writeln!(
            out,
            "  {:<10} / {:<10} {:>5} groups {:>5}",
            p.channels[0].name(),
            p.channels[1].name(),
            p.groups,
            share(p.rate)
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::human;

    #[test]
    fn durations_read_as_people_say_them() {
        assert_eq!(human(None), "-");
        assert_eq!(human(Some(45.0)), "45s");
        assert_eq!(human(Some(1200.0)), "20m");
        assert_eq!(human(Some(3900.0)), "1h05m");
        assert_eq!(human(Some(2.0 * 86_400.0 + 3.0 * 3600.0)), "2d03h");
    }
}
