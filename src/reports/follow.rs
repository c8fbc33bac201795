//! The report's follow-through section: initiatives at risk with why and the next step, what
//! changed since the plan the board approved (the newest baseline), and spend so far against
//! budget. Shared by the Markdown, HTML and JSON renderers, so they agree.

use super::ReportInput;
use crate::budget::money;
use crate::follow::actuals::{Actuals, actuals};
use crate::follow::baseline::{Change, attribute, diff};
use crate::follow::{Flag, Severity, flags};
use crate::model::Baseline;
use serde_json::{Value, json};
use std::fmt::Write;

/// What the section says, computed once.
pub struct FollowThrough<'a> {
    pub flags: Vec<Flag>,
    pub baseline: Option<(&'a Baseline, Vec<Change>)>,
    pub actuals: Actuals,
}

impl<'a> FollowThrough<'a> {
    pub fn of(r: &ReportInput<'a>) -> FollowThrough<'a> {
        let g = &r.plan.governance;
        FollowThrough {
            flags: flags(r.plan, r.horizon()),
            baseline: g.baselines.iter().max_by_key(|b| b.date).map(|b| {
                let mut changes = diff(r.plan, b);
                attribute(&mut changes, b, r.log);
                (b, changes)
            }),
            actuals: actuals(r.plan, r.horizon()),
        }
    }
    /// Nothing to say: no people, no check-ins, no baseline.
    pub fn is_empty(&self, r: &ReportInput) -> bool {
        self.flags.is_empty()
            && self.baseline.is_none()
            && self.actuals.initiatives.is_empty()
            && r.plan.governance.people.is_empty()
    }
}

fn sev(s: Severity) -> &'static str {
    match s {
        Severity::High => "High",
        Severity::Medium => "Medium",
        Severity::Low => "Low",
    }
}

/// The section in Markdown.
pub fn markdown(out: &mut String, r: &ReportInput) {
    use super::markdown::esc;
    let f = FollowThrough::of(r);
    if f.is_empty(r) {
        return;
    }
    out.push_str("## Keeping the plan\n\n");
    if f.flags.is_empty() {
        out.push_str("No initiative is at risk: every open initiative has an active owner, recent check-ins and spend in line with its progress.\n\n");
    } else {
        let _ = writeln!(
            out,
            "{} concern(s) as of {}, most serious first:\n\n| Initiative | Concern | Next step | Owner | Level |\n| --- | --- | --- | --- | --- |",
            f.flags.len(),
            super::long_date(r.as_of)
        );
        for fl in &f.flags {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {} | {} |",
                esc(&fl.initiative),
                esc(&fl.title),
                esc(&fl.reason),
                esc(&fl.next_step),
                esc(&fl.owner),
                sev(fl.severity)
            );
        }
        out.push('\n');
    }
    if let Some((b, changes)) = &f.baseline {
        let _ = writeln!(
            out,
            "### Since the plan approved on {} ({})\n",
            super::long_date(b.date),
            esc(&b.name)
        );
        if changes.is_empty() {
            out.push_str("Nothing has moved, grown, been added or dropped.\n\n");
        } else {
            // The log column only when the log says how something changed.
            let how = changes.iter().any(|c| !c.by.is_empty());
            out.push_str("| Initiative | Change | Then | Now |");
            out.push_str(if how {
                " How (session log) |\n| --- | --- | --- | --- | --- |\n"
            } else {
                "\n| --- | --- | --- | --- |\n"
            });
            for c in changes {
                let _ = write!(
                    out,
                    "| {} {} | {} | {} | {} |",
                    esc(&c.id),
                    esc(&c.title),
                    c.kind,
                    esc(&c.before),
                    esc(&c.after),
                );
                if how {
                    let _ = write!(out, " {} |", esc(&c.by.join("; ")));
                }
                out.push('\n');
            }
            out.push('\n');
        }
    }
    if !f.actuals.initiatives.is_empty() {
        out.push_str("### Spent so far\n\n| Initiative | Budget | Spent | Complete |\n| --- | ---: | ---: | ---: |\n");
        for i in &f.actuals.initiatives {
            let _ = writeln!(
                out,
                "| {} {} | {} | {} | {}% |",
                esc(&i.id),
                esc(&i.title),
                money(i.budget_cents),
                money(i.spent_cents),
                i.percent_complete
            );
        }
        out.push('\n');
    }
}

/// The section in HTML.
pub fn html(out: &mut String, r: &ReportInput) {
    use super::html::esc;
    let f = FollowThrough::of(r);
    if f.is_empty(r) {
        return;
    }
    out.push_str("<section id=\"follow-through\">\n<h2>Keeping the plan</h2>\n");
    if f.flags.is_empty() {
        out.push_str("<p>No initiative is at risk.</p>\n");
    } else {
        out.push_str("<table>\n<tr><th>Initiative</th><th>Concern</th><th>Next step</th><th>Owner</th><th>Level</th></tr>\n");
        for fl in &f.flags {
            let _ = writeln!(
                out,
                "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&fl.initiative),
                esc(&fl.title),
                esc(&fl.reason),
                esc(&fl.next_step),
                esc(&fl.owner),
                sev(fl.severity)
            );
        }
        out.push_str("</table>\n");
    }
    if let Some((b, changes)) = &f.baseline {
        let _ = writeln!(
            out,
            "<h3>Since the plan approved on {} ({})</h3>",
            super::long_date(b.date),
            esc(&b.name)
        );
        if changes.is_empty() {
            out.push_str("<p>Nothing has changed.</p>\n");
        } else {
            let how = changes.iter().any(|c| !c.by.is_empty());
            out.push_str(
                "<table>\n<tr><th>Initiative</th><th>Change</th><th>Then</th><th>Now</th>",
            );
            out.push_str(if how {
                "<th>How (session log)</th></tr>\n"
            } else {
                "</tr>\n"
            });
            for c in changes {
                let _ = write!(
                    out,
                    "<tr><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td>",
                    esc(&c.id),
                    esc(&c.title),
                    c.kind,
                    esc(&c.before),
                    esc(&c.after),
                );
                if how {
                    let _ = write!(out, "<td>{}</td>", esc(&c.by.join("; ")));
                }
                out.push_str("</tr>\n");
            }
            out.push_str("</table>\n");
        }
    }
    out.push_str("</section>\n");
}

/// The section as JSON: `{"flags", "baseline": {"name", "date", "changes"}, "actuals"}`.
pub fn json(r: &ReportInput) -> Value {
    let f = FollowThrough::of(r);
    json!({
        "flags": f.flags,
        "baseline": f.baseline.as_ref().map(|(b, c)| json!({"name": b.name, "date": b.date, "changes": c})),
        "actuals": f.actuals,
    })
}
