//! `vcio erate`: the district's E-Rate picture as of the plan's date: C1 and C2 discounts, the
//! Category Two budget with what is committed, planned and left, every E-Rate line with the
//! funding year it falls in (both names) and whether a request can still be filed for it, and
//! the filing calendar ahead.

use super::table::{Table, fit};
use crate::budget::erate::{deadlines, name};
use crate::budget::money;
use crate::derive::Derived;
use crate::model::erate::program;
use crate::model::{ErateCategory, Plan};
use serde::Serialize;
use serde_json::{Value, json};

/// One E-Rate line of the plan in one funding year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErateLine {
    /// The initiative or inventory item.
    pub id: String,
    pub title: String,
    pub category: &'static str,
    /// "one-time" or "recurring".
    pub cost: &'static str,
    pub funding_year: i32,
    pub funding_year_name: String,
    /// The eligible share, percent, and the eligible pre-discount amount in this funding year
    /// (inside the horizon).
    pub eligible_pct: u8,
    pub eligible_cents: i64,
    /// Whether a funding request can exist for it as of the plan's date.
    pub fundable: bool,
    pub note: String,
}

fn cat_name(c: ErateCategory) -> &'static str {
    match c {
        ErateCategory::C1 => "C1",
        ErateCategory::C2 => "C2",
    }
}

/// Every initiative's E-Rate lines, one per (initiative, one-time/recurring, funding year).
pub fn lines(plan: &Plan, derived: &Derived) -> Vec<ErateLine> {
    let p = program();
    let h = &derived.horizon;
    let (first_q, last_q) = (h.first_quarter().index(), h.last_quarter().index());
    let filed = &plan.district.erate.filed_years;
    let mut out: Vec<ErateLine> = Vec::new();
    for ini in &plan.initiatives {
        let Some(cat) = ini.erate else { continue };
        let escalation = plan.budget.escalation();
        let quarters =
            crate::budget::initiative_quarters(ini, ini.start, first_q, last_q, escalation);
        for (q, recurring, cents) in quarters {
            if cents == 0 {
                continue;
            }
            let pct = ini.eligible_pct(recurring);
            if pct == 0 {
                // Not eligible at all: the note says why; no line to file.
                continue;
            }
            let start = h
                .calendar
                .quarter_start(crate::model::Quarter::from_index(q));
            let fy = p.funding_year_for(start, cat, recurring);
            let cost = if recurring { "recurring" } else { "one-time" };
            let eligible = cents * i64::from(pct) / 100;
            match out
                .iter_mut()
                .find(|l| l.id == ini.id && l.cost == cost && l.funding_year == fy)
            {
                Some(l) => l.eligible_cents += eligible,
                None => out.push(ErateLine {
                    id: ini.id.clone(),
                    title: ini.title.clone(),
                    category: cat_name(cat),
                    cost,
                    funding_year: fy,
                    funding_year_name: name(h.calendar, fy),
                    eligible_pct: pct,
                    eligible_cents: eligible,
                    fundable: p.request_possible(fy, h.as_of, filed),
                    note: ini.erate_note.clone(),
                }),
            }
        }
    }
    out.sort_by(|a, b| a.funding_year.cmp(&b.funding_year).then(a.id.cmp(&b.id)));
    out
}

pub fn json(session: &str, plan: &Plan, derived: &Derived) -> Value {
    let e = &derived.budget.erate;
    let h = &derived.horizon;
    let calendar = deadlines(program(), h.calendar, h.as_of, e.funding_year, 3);
    json!({
        "session": session,
        "c1_pct": e.c1_pct,
        "c2_pct": e.c2_pct,
        "reimbursement": e.reimbursement,
        "funding_year": e.funding_year,
        "funding_year_name": e.funding_year_name,
        "c2_cycle": e.c2_cycle,
        "c2_method": e.c2_method,
        "c2_budget_cents": e.c2_budget_cents,
        "c2_committed_cents": e.c2_committed_cents,
        "c2_planned_cents": e.c2_planned_cents,
        "c2_remaining_cents": e.c2_remaining_cents,
        "c2_figures_known": e.c2_figures_known,
        "filed_years": plan.district.erate.filed_years,
        "lines": lines(plan, derived),
        "deadlines": calendar,
    })
}

pub fn table(plan: &Plan, derived: &Derived, width: usize) -> String {
    let e = &derived.budget.erate;
    let h = &derived.horizon;
    let mut out = String::new();
    for l in e.lines() {
        out.push_str(&super::table::wrap(&l, width, 2));
    }
    if !e.c2_figures_known {
        out.push_str(&fit(
            "(the cycle's per-student and floor figures are the last known cycle's, until the FCC sets new ones)",
            width,
        ));
        out.push('\n');
    }
    let lines = lines(plan, derived);
    out.push_str("\nLINES\n");
    if lines.is_empty() {
        out.push_str("No initiative asks for E-Rate.\n");
    } else {
        let mut t = Table::new(&["Funding year", "Line", "Cat", "Cost", "Eligible", "Request"])
            .right(&[4])
            .flex(1);
        for l in &lines {
            t.row(vec![
                l.funding_year_name.clone(),
                format!("{} {}", l.id, l.title),
                l.category.into(),
                l.cost.into(),
                format!("{} ({}%)", money(l.eligible_cents), l.eligible_pct),
                if l.fundable {
                    "can be filed".into()
                } else {
                    "window closed".into()
                },
            ]);
        }
        out.push_str(&t.render(width));
    }
    out.push_str("\nDEADLINES\n");
    let mut t = Table::new(&["Date", "What"]).flex(1);
    for d in deadlines(program(), h.calendar, h.as_of, e.funding_year, 3) {
        t.row(vec![d.date.format("%Y-%m-%d").to_string(), d.what]);
    }
    out.push_str(&t.render(width));
    out
}
