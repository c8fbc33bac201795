//! The HTML report's roadmap: one table row per initiative, one column per quarter of the
//! horizon grouped by fiscal year, with start, end, costs and funding. Quarters of work carry a
//! glyph, so the timeline reads in print without background colours.

use super::ReportInput;
use super::html::esc;
use crate::budget::money;
use std::fmt::Write;

pub fn roadmap(out: &mut String, r: &ReportInput) {
    out.push_str("<section id=\"roadmap\" class=\"major\">\n<h2>Roadmap</h2>\n");
    let inis = r.initiatives();
    if inis.is_empty() {
        out.push_str("<p>No initiatives are planned.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p>Initiatives by fiscal quarter (&#9632; = work under way; &#9660; marks the current \
         quarter). One-time cost is spread over the quarters of work; the yearly cost starts \
         once the work is done.</p>\n\
         <table class=\"timeline\"><thead><tr><th rowspan=\"2\" class=\"name\">Initiative</th>",
    );
    let quarters = r.quarters();
    for fy in &r.horizon().years {
        let _ = write!(out, "<th colspan=\"4\" class=\"fy\">{fy}</th>");
    }
    out.push_str(
        "<th rowspan=\"2\">Start</th><th rowspan=\"2\">End</th><th rowspan=\"2\">One-time</th>\
         <th rowspan=\"2\">Yearly</th><th rowspan=\"2\">Funding</th></tr>\n<tr>",
    );
    let now = r.horizon().now_quarter();
    for q in &quarters {
        let class = if q.q == 1 { "q fyStart" } else { "q" };
        let (now_class, mark) = if *q == now {
            (" now", "<span class=\"nowtag\">&#9660; now</span>")
        } else {
            ("", "")
        };
        let _ = write!(
            out,
            "<th class=\"{class}{now_class}\" title=\"{}\">{mark}Q{}</th>",
            r.quarter_months(*q),
            q.q
        );
    }
    out.push_str("</tr></thead><tbody>\n");
    for ini in &inis {
        let _ = write!(
            out,
            "<tr><td class=\"name\"><span class=\"id\">{}</span> {}{}</td>",
            esc(&ini.id),
            esc(&ini.title),
            details(ini)
        );
        for q in &quarters {
            let start = if q.q == 1 { " fyStart" } else { "" };
            if ReportInput::active(ini, *q) {
                let _ = write!(
                    out,
                    "<td class=\"on{start}\" title=\"{} {q}\">&#9632;</td>",
                    esc(&ini.id)
                );
            } else {
                let _ = write!(out, "<td class=\"off{start}\"></td>");
            }
        }
        let erate = if ini.erate.is_some() { " + E-Rate" } else { "" };
        let _ = writeln!(
            out,
            "<td class=\"nowrap\">{}</td><td class=\"nowrap\">{}</td><td class=\"money\">{}</td>\
             <td class=\"money\">{}</td><td>{}{erate}</td></tr>",
            ini.start,
            ini.end(),
            money(ini.one_time_cents),
            money(ini.recurring_cents),
            esc(&r.source_name(&ini.funding))
        );
    }
    out.push_str("</tbody></table>\n");
    let outside: Vec<String> = inis
        .iter()
        .filter(|i| !quarters.iter().any(|q| ReportInput::active(i, *q)))
        .map(|i| format!("{} ({} to {})", esc(&i.id), i.start, i.end()))
        .collect();
    if !outside.is_empty() {
        let _ = writeln!(
            out,
            "<p>Outside the planning horizon: {}.</p>",
            outside.join(", ")
        );
    }
    out.push_str("</section>\n");
}

/// Owner, what it resolves and what it waits for, as a small line under the title.
fn details(ini: &crate::model::Initiative) -> String {
    let mut parts = Vec::new();
    if !ini.owner.is_empty() {
        parts.push(esc(&ini.owner));
    }
    if !ini.resolves.is_empty() {
        let shown: Vec<&str> = ini.resolves.iter().take(5).map(String::as_str).collect();
        let more = match ini.resolves.len().saturating_sub(shown.len()) {
            0 => String::new(),
            n => format!(" and {n} more"),
        };
        parts.push(format!("resolves {}{more}", esc(&shown.join(", "))));
    }
    if !ini.depends_on.is_empty() {
        parts.push(format!("after {}", esc(&ini.depends_on.join(", "))));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("<div class=\"detail\">{}</div>", parts.join(" &middot; "))
    }
}
