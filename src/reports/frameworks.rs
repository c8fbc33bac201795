//! The report's "Against the frameworks" section: the framework scorecards now and with the
//! plan (the counts `vcio frameworks` prints), and the sources behind the standards that fail
//! now, each with its title, date or version and URL, so a board member or auditor can look
//! a finding up. Shared by the Markdown, HTML and JSON renderers.

use super::ReportInput;
use crate::assess::Status;
use crate::derive::scorecard::{GroupScore, citing, score};
use crate::standards::catalog::{Catalog, Ref};
use serde_json::{Value, json};
use std::fmt::Write;

/// One row: framework, group, controls, counts now, counts with the plan.
struct Row {
    framework: String,
    group: String,
    now: GroupScore,
    end: GroupScore,
}

fn rows(r: &ReportInput) -> Vec<Row> {
    let d = r.derived;
    let (Some(now), Some(end)) = (d.projected.first(), d.projected.last()) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for fw in &Catalog::builtin().frameworks {
        let cites = citing(fw, r.library);
        let (a, _) = score(fw, r.library, &cites, now);
        let (b, _) = score(fw, r.library, &cites, end);
        for (n, e) in a.into_iter().zip(b) {
            out.push(Row {
                framework: format!("{} {}", fw.name, fw.version),
                group: n.group.clone(),
                now: n,
                end: e,
            });
        }
    }
    out
}

/// The distinct refs of the standards failing now, resolved, in first-cited order.
fn sources<'c>(r: &ReportInput, catalog: &'c Catalog) -> Vec<(String, Ref<'c>)> {
    let mut out: Vec<(String, Ref<'c>)> = Vec::new();
    for f in r.findings(Status::Fail) {
        for cited in &f.standard.refs {
            if out.iter().any(|(c, _)| c == cited) {
                continue;
            }
            if let Some(found) = catalog.resolve(cited) {
                out.push((cited.clone(), found));
            }
        }
    }
    out
}

fn counts(g: &GroupScore) -> String {
    format!(
        "{} met, {} not met, {} unknown, {} not covered",
        g.met, g.not_met, g.unknown, g.not_covered
    )
}

pub fn markdown(out: &mut String, r: &ReportInput) {
    use super::markdown::esc;
    let rows = rows(r);
    if rows.is_empty() {
        return;
    }
    let (now, end) = years(r);
    out.push_str("## Against the frameworks\n\n");
    let _ = writeln!(
        out,
        "A control is met when every standard citing it passes; unknown when none fails but one lacks data; not covered when no standard in the library cites it.\n\n| Framework | Group | Controls | {now} | {end} with the plan |\n| --- | --- | ---: | --- | --- |"
    );
    for row in &rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            esc(&row.framework),
            esc(&row.group),
            row.now.controls,
            counts(&row.now),
            counts(&row.end)
        );
    }
    out.push('\n');
    let catalog = Catalog::builtin();
    let cited = sources(r, catalog);
    if !cited.is_empty() {
        out.push_str("### Sources of the failing standards\n\n");
        for (_, found) in &cited {
            let url = found.url();
            if url.is_empty() {
                let _ = writeln!(out, "- {}", esc(&found.describe()));
            } else {
                let _ = writeln!(out, "- {} <{url}>", esc(&found.describe()));
            }
        }
        out.push('\n');
    }
}

pub fn html(out: &mut String, r: &ReportInput) {
    use super::html::esc;
    let rows = rows(r);
    if rows.is_empty() {
        return;
    }
    let (now, end) = years(r);
    out.push_str("<section>\n<h2>Against the frameworks</h2>\n");
    let _ = writeln!(
        out,
        "<table>\n<tr><th>Framework</th><th>Group</th><th>Controls</th><th>{now}</th><th>{end} with the plan</th></tr>"
    );
    for row in &rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&row.framework),
            esc(&row.group),
            row.now.controls,
            counts(&row.now),
            counts(&row.end)
        );
    }
    out.push_str("</table>\n");
    let catalog = Catalog::builtin();
    let cited = sources(r, catalog);
    if !cited.is_empty() {
        out.push_str("<h3>Sources of the failing standards</h3>\n<ul>\n");
        for (_, found) in &cited {
            let url = found.url();
            if url.is_empty() {
                let _ = writeln!(out, "<li>{}</li>", esc(&found.describe()));
            } else {
                let _ = writeln!(
                    out,
                    "<li>{} <a href=\"{}\">{}</a></li>",
                    esc(&found.describe()),
                    esc(url),
                    esc(url)
                );
            }
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
}

/// `{"scorecards": [{framework, group, controls, now, with_plan}], "sources": [...]}`.
pub fn json(r: &ReportInput) -> Value {
    let catalog = Catalog::builtin();
    let scorecards: Vec<Value> = rows(r)
        .iter()
        .map(|row| {
            json!({
                "framework": row.framework, "group": row.group, "controls": row.now.controls,
                "now": row.now, "with_plan": row.end,
            })
        })
        .collect();
    let cited: Vec<Value> = sources(r, catalog)
        .iter()
        .map(|(c, found)| found.json(c))
        .collect();
    json!({"scorecards": scorecards, "sources": cited})
}

fn years(r: &ReportInput) -> (String, String) {
    let h = &r.derived.horizon.years;
    let first = h.first().map(ToString::to_string).unwrap_or_default();
    let last = h.last().map(ToString::to_string).unwrap_or_default();
    (first, last)
}
