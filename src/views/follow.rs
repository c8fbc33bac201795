//! Follow-through views for the CLI: `vcio followup` (initiatives at risk), `vcio person`,
//! `vcio baseline diff|list` and `vcio budget --actuals`. JSON is each view's `Serialize`
//! struct, so keys are the fields.

use super::table::{Table, wrap};
use crate::budget::money;
use crate::follow::actuals::Actuals;
use crate::follow::baseline::Change;
use crate::follow::{Flag, Severity};
use crate::model::{Baseline, Governance, Plan};
use serde::Serialize;
use std::fmt::Write;

#[derive(Serialize)]
pub struct Followup<'a> {
    pub session: &'a str,
    pub as_of: chrono::NaiveDate,
    pub flags: &'a [Flag],
}

pub fn followup_table(flags: &[Flag], width: usize) -> String {
    if flags.is_empty() {
        return "Nothing at risk: every open initiative has an active owner, recent check-ins and spend in line with progress.\n".into();
    }
    let high = flags
        .iter()
        .filter(|f| f.severity == Severity::High)
        .count();
    let mut out = format!(
        "{} flag(s) on {} initiative(s), {high} high:\n\n",
        flags.len(),
        crate::follow::flagged(flags).0
    );
    for f in flags {
        let sev = match f.severity {
            Severity::High => "HIGH",
            Severity::Medium => "MED ",
            Severity::Low => "LOW ",
        };
        out.push_str(&wrap(
            &format!("{sev} {} {}: {}", f.initiative, f.title, f.reason),
            width,
            5,
        ));
        let owner = if f.owner.is_empty() {
            String::new()
        } else {
            format!(" (owner {})", f.owner)
        };
        out.push_str(&wrap(&format!("     -> {}{owner}", f.next_step), width, 8));
    }
    out
}

pub fn people_table(plan: &Plan, width: usize) -> String {
    let g = &plan.governance;
    if g.people.is_empty() {
        return "No people recorded: vcio person add NAME --role ROLE, then vcio initiative set ID owner=NAME.\n".into();
    }
    let mut t = Table::new(&["name", "role", "status", "owns", "sponsors"]).flex(1);
    for p in &g.people {
        let ids = |f: &dyn Fn(&crate::model::Initiative) -> &str| {
            plan.initiatives
                .iter()
                .filter(|i| !i.status.closed() && f(i).eq_ignore_ascii_case(&p.name))
                .map(|i| i.id.clone())
                .collect::<Vec<_>>()
                .join(" ")
        };
        t.row(vec![
            p.name.clone(),
            p.role.clone(),
            p.left_on
                .map_or_else(|| "active".into(), |d| format!("left {d}")),
            ids(&|i| i.owner.as_str()),
            ids(&|i| i.sponsor.as_str()),
        ]);
    }
    t.render(width)
}

pub fn people_json(g: &Governance) -> serde_json::Value {
    serde_json::json!({ "people": g.people })
}

#[derive(Serialize)]
pub struct BaselineDiff<'a> {
    pub baseline: &'a str,
    pub date: chrono::NaiveDate,
    pub changes: &'a [Change],
}

pub fn baseline_diff_table(b: &Baseline, changes: &[Change], width: usize) -> String {
    let mut out = format!(
        "Since baseline {} ({}, {} initiatives):",
        b.name,
        b.date,
        b.initiatives.len()
    );
    if changes.is_empty() {
        out.push_str(" nothing has changed.\n");
        return out;
    }
    out.push('\n');
    let mut t = Table::new(&["id", "change", "before", "after", "title"]).flex(4);
    for c in changes {
        t.row(vec![
            c.id.clone(),
            c.kind.to_string(),
            c.before.clone(),
            c.after.clone(),
            c.title.clone(),
        ]);
    }
    out.push_str(&t.render(width));
    // The log entries that made each change, so "moved" says when and by which edit.
    let made: Vec<&Change> = changes.iter().filter(|c| !c.by.is_empty()).collect();
    if !made.is_empty() {
        out.push_str("\nFrom the session log:\n");
        for c in made {
            for entry in &c.by {
                let _ = writeln!(out, "  {} {}: {}", c.id, c.kind, entry);
            }
        }
    }
    out
}

pub fn baselines_table(g: &Governance, width: usize) -> String {
    if g.baselines.is_empty() {
        return "No baselines: vcio baseline save NAME snapshots the roadmap (e.g. when the board approves it).\n".into();
    }
    let mut t = Table::new(&["name", "date", "initiatives"]).right(&[2]);
    for b in &g.baselines {
        t.row(vec![
            b.name.clone(),
            b.date.to_string(),
            b.initiatives.len().to_string(),
        ]);
    }
    t.render(width)
}

pub fn actuals_table(a: &Actuals, width: usize) -> String {
    let mut out = String::from(
        "Initiative spend planned against actual (check-ins), per fiscal year and source:\n",
    );
    let mut t = Table::new(&[
        "year",
        "source",
        "planned",
        "actual",
        "remaining",
        "variance",
    ])
    .right(&[2, 3, 4, 5])
    .flex(1);
    for r in &a.years {
        t.row(vec![
            format!("FY{}", r.fiscal_year),
            r.source_name.clone(),
            money(r.planned_cents),
            money(r.actual_cents),
            money(r.remaining_cents),
            r.variance_pct
                .map_or_else(|| "-".into(), |v| format!("{v:+}%")),
        ]);
    }
    out.push_str(&t.render(width));
    if a.initiatives.is_empty() {
        out.push_str(
            "\nNo check-ins yet: vcio initiative checkin ID --percent N --spent AMOUNT.\n",
        );
        return out;
    }
    out.push_str("\nPer initiative, spent so far against its one-time budget:\n");
    let mut t = Table::new(&["id", "budget", "spent", "spent %", "complete", "title"])
        .right(&[1, 2, 3, 4])
        .flex(5);
    for i in &a.initiatives {
        let pct = if i.budget_cents > 0 {
            format!(
                "{}%",
                i128::from(i.spent_cents) * 100 / i128::from(i.budget_cents)
            )
        } else {
            "-".into()
        };
        t.row(vec![
            i.id.clone(),
            money(i.budget_cents),
            money(i.spent_cents),
            pct,
            format!("{}%", i.percent_complete),
            i.title.clone(),
        ]);
    }
    out.push_str(&t.render(width));
    out
}
