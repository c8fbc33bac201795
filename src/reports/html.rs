//! The board report as ONE self-contained HTML file: inline CSS (with print rules: page breaks
//! before major sections, no meaning carried by background colour), an inline SVG compliance
//! chart, a table timeline, no scripts and nothing fetched from the network.
//!
//! Every piece of user text (district, titles, evidence, source names) goes through `esc`.

use super::{Finding, Remedy, ReportInput, long_date, severity_heading};
use crate::assess::{Status, group};
use crate::budget::money;
use crate::model::FiscalYear;
use crate::standards::Standard;
use std::fmt::Write;

const CSS: &str = include_str!("report.css");

/// Escapes text for HTML element content and double- or single-quoted attributes.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for ch in s.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(ch),
        }
    }
    out
}

/// The full report.
pub fn render(r: &ReportInput) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Technology plan: {} ({})</title>\n<style>\n{CSS}</style>\n</head>\n<body>\n",
        esc(r.district()),
        r.as_of
    );
    header(&mut out, r);
    summary(&mut out, r);
    super::html_chart::compliance(&mut out, r);
    failing(&mut out, r);
    coming(&mut out, r);
    super::html_timeline::roadmap(&mut out, r);
    super::follow::html(&mut out, r);
    super::frameworks::html(&mut out, r);
    budget(&mut out, r);
    unknowns(&mut out, r);
    out.push_str("</body>\n</html>\n");
    out
}

fn header(out: &mut String, r: &ReportInput) {
    let h = r.horizon();
    let last = h.years.last().copied().unwrap_or(h.current());
    let d = &r.plan.district;
    let _ = write!(
        out,
        "<header>\n<p class=\"kicker\">Technology plan &middot; board report</p>\n\
         <h1>{}</h1>\n<p class=\"meta\">As of <strong>{}</strong> (fiscal year {}) &middot; \
         planning horizon {} to {} &middot; session &ldquo;{}&rdquo;</p>\n\
         <p class=\"meta\">{} students &middot; {} staff &middot; {} sites &middot; \
         E-Rate discount {}%</p>\n</header>\n",
        esc(r.district()),
        long_date(r.as_of),
        h.current(),
        h.current(),
        last,
        esc(r.session),
        group(f64::from(d.students)),
        group(f64::from(d.staff)),
        d.sites.len(),
        d.erate_discount_pct
    );
}

fn summary(out: &mut String, r: &ReportInput) {
    let (Some(now), Some(end), Some(base)) = (
        r.now(),
        r.derived.projected.last(),
        r.derived.baseline.last(),
    ) else {
        return;
    };
    let b = &r.derived.budget;
    let over: Vec<String> = b
        .years
        .iter()
        .filter(|y| y.over_cap)
        .map(|y| match y.cap_cents {
            Some(cap) => format!(
                "{}: {} against a {} cap",
                y.fiscal_year,
                money(y.total_cents),
                money(cap)
            ),
            None => format!("{}: a funding source over its cap", y.fiscal_year),
        })
        .collect();
    out.push_str(
        "<section id=\"summary\" class=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n",
    );
    let card = |out: &mut String, label: &str, big: String, small: String, class: &str| {
        let _ = writeln!(
            out,
            "<div class=\"card {class}\"><div class=\"label\">{label}</div>\
             <div class=\"big\">{big}</div><div class=\"small\">{small}</div></div>"
        );
    };
    card(
        out,
        "Standards met today",
        format!("{:.0}%", now.compliance() * 100.0),
        format!(
            "{} of {}; {} not met, {} unknown",
            now.passing,
            now.outcomes.len(),
            now.failing,
            now.unknown
        ),
        "",
    );
    card(
        out,
        &format!("With the roadmap, {}", end.fiscal_year),
        format!("{:.0}%", end.compliance() * 100.0),
        format!("{} of {} met", end.passing, end.outcomes.len()),
        "",
    );
    card(
        out,
        &format!("If nothing is done, {}", base.fiscal_year),
        format!("{:.0}%", base.compliance() * 100.0),
        format!("{} of {} met", base.passing, base.outcomes.len()),
        "",
    );
    card(
        out,
        &format!("{}-year technology spend", b.years.len()),
        money(b.horizon_total_cents),
        format!("{} initiatives on the roadmap", r.plan.initiatives.len()),
        "",
    );
    if over.is_empty() {
        card(out, "Budget", "Within caps".into(), "every year".into(), "");
    } else {
        card(
            out,
            "Budget",
            "&#9650; OVER CAP".into(),
            over.join("; "),
            "over",
        );
    }
    out.push_str("</div>\n</section>\n");
}

fn remedy_cell(
    r: &ReportInput,
    standard: &Standard,
    fixes: &[crate::derive::Fix],
    met: Option<FiscalYear>,
) -> String {
    match r.remedy(standard, fixes, met) {
        Remedy::Unaddressed => format!("<strong>{}</strong>", Remedy::Unaddressed.text()),
        other => esc(other.text()),
    }
}

fn failing(out: &mut String, r: &ReportInput) {
    let list = r.findings(Status::Fail);
    let _ = writeln!(
        out,
        "<section id=\"failing\" class=\"major\">\n<h2>Standards not met now ({})</h2>",
        r.horizon().current()
    );
    if list.is_empty() {
        out.push_str("<p>Every standard that can be judged is met.</p>\n</section>\n");
        return;
    }
    let unplanned = r.unaddressed(&list);
    let _ = writeln!(
        out,
        "<p>{} standards are not met, most severe first. {unplanned} of them are not \
         addressed by the roadmap within the planning horizon.</p>",
        list.len()
    );
    let mut i = 0;
    while i < list.len() {
        let sev = list[i].standard.severity;
        let group: Vec<&Finding> = list[i..]
            .iter()
            .take_while(|f| f.standard.severity == sev)
            .collect();
        i += group.len();
        let _ = writeln!(
            out,
            "<h3>{} ({})</h3>\n<table class=\"findings\"><thead><tr><th>Standard</th>\
             <th>What we found</th><th>Fixed by</th></tr></thead><tbody>",
            severity_heading(sev),
            group.len()
        );
        for f in group {
            let _ = writeln!(
                out,
                "<tr><td><strong>{}</strong> {}<div class=\"area\">{}</div></td><td>{}</td>\
                 <td>{}</td></tr>",
                esc(&f.standard.id),
                esc(&f.standard.title),
                esc(&f.standard.area),
                esc(f.evidence),
                remedy_cell(r, f.standard, f.fixes, f.met_from)
            );
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
}

fn coming(out: &mut String, r: &ReportInput) {
    let list = r.coming_failures();
    if list.is_empty() {
        return;
    }
    out.push_str(
        "<section id=\"coming\">\n<h2>Standards that will stop being met</h2>\n<p>Met today, but not met in a \
         later year even with the roadmap as planned (equipment ages out or loses vendor \
         support).</p>\n<table class=\"findings\"><thead><tr><th>First year not met</th>\
         <th>Standard</th><th>What we expect</th><th>Fixed by</th></tr></thead><tbody>\n",
    );
    for c in list {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td><strong>{}</strong> {}<div class=\"area\">{}</div></td>\
             <td>{}</td><td>{}</td></tr>",
            c.fiscal_year,
            esc(&c.standard.id),
            esc(&c.standard.title),
            c.standard.severity.name(),
            esc(c.evidence),
            remedy_cell(r, c.standard, c.fixes, c.met_from)
        );
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn budget(out: &mut String, r: &ReportInput) {
    let b = &r.derived.budget;
    out.push_str(
        "<section id=\"budget\" class=\"major\">\n<h2>Budget</h2>\n<p>Technology spend per fiscal year by \
         funding source: running costs of today's inventory plus the roadmap. E-Rate is the \
         reimbursed share of eligible costs.</p>\n",
    );
    let mut sources: Vec<&String> = b.years.iter().flat_map(|y| y.by_source.keys()).collect();
    sources.sort();
    sources.dedup();
    out.push_str("<table class=\"num budget keep\"><thead><tr><th>Fiscal year</th>");
    for s in &sources {
        let _ = write!(out, "<th>{}</th>", esc(s));
    }
    out.push_str("<th>Total</th><th>Cap</th><th>Status</th></tr></thead><tbody>\n");
    for y in &b.years {
        let class = if y.over_cap { " class=\"overrow\"" } else { "" };
        let _ = write!(out, "<tr{class}><th scope=\"row\">{}</th>", y.fiscal_year);
        for s in &sources {
            let _ = write!(
                out,
                "<td>{}</td>",
                money(y.by_source.get(*s).copied().unwrap_or(0))
            );
        }
        let status = if y.over_cap {
            "<span class=\"badge over\">&#9650; OVER CAP</span>"
        } else {
            "within caps"
        };
        let _ = writeln!(
            out,
            "<td><strong>{}</strong></td><td>{}</td><td class=\"status\">{status}</td></tr>",
            money(y.total_cents),
            y.cap_cents.map(money).unwrap_or_else(|| "none".into())
        );
    }
    let _ = writeln!(
        out,
        "</tbody><tfoot><tr><th scope=\"row\">{}-year total</th><td colspan=\"{}\"></td>\
         <td><strong>{}</strong></td><td></td><td></td></tr></tfoot></table>",
        b.years.len(),
        sources.len(),
        money(b.horizon_total_cents)
    );
    for y in b.years.iter().filter(|y| y.over_cap) {
        let _ = writeln!(
            out,
            "<p class=\"callout\"><strong>{} is OVER CAP:</strong> {}.</p>",
            y.fiscal_year,
            esc(&y.over.join("; "))
        );
    }
    caps(out, r);
    if !r.derived.warnings.is_empty() {
        out.push_str("<h3>Warnings</h3>\n<ul class=\"warnings\">\n");
        for w in &r.derived.warnings {
            let _ = writeln!(out, "<li>{}</li>", esc(w));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

fn caps(out: &mut String, r: &ReportInput) {
    out.push_str("<h3>Caps and awards</h3>\n<ul>\n");
    for line in r.cap_lines() {
        let _ = writeln!(out, "<li>{}</li>", esc(&line));
    }
    out.push_str("</ul>\n");
}

fn unknowns(out: &mut String, r: &ReportInput) {
    let list = r.findings(Status::Unknown);
    out.push_str("<section id=\"questions\">\n<h2>Needs data</h2>\n");
    let aside = r.findings(Status::NotApplicable);
    if !aside.is_empty() {
        out.push_str("<p>Set aside by the district:</p>\n<ul>");
        for f in aside {
            let _ = writeln!(
                out,
                "<li><strong>{}</strong> {}: {}.</li>",
                esc(&f.standard.id),
                esc(&f.standard.title),
                esc(f.evidence)
            );
        }
        out.push_str("</ul>\n");
    }
    if list.is_empty() {
        out.push_str("<p>Every standard could be judged: no data is missing.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(
        out,
        "<p>{} standards cannot be judged until these are answered or recorded:</p>\n<ul>",
        list.len()
    );
    for f in list {
        let fix = r
            .fix_text(f.fixes)
            .map(|t| format!(" Addressed by {}.", esc(&t)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "<li><strong>{}</strong> {} ({}): {}.{fix}</li>",
            esc(&f.standard.id),
            esc(&f.standard.title),
            f.standard.severity.name(),
            esc(f.evidence)
        );
    }
    out.push_str("</ul>\n</section>\n");
}
