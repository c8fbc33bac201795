//! Actual spend against the plan, the way hledger sets a budget against actuals: per fiscal
//! year and funding source, what the roadmap plans to spend on initiatives, what check-ins
//! record as spent, what remains and the variance; per initiative, spent so far against its
//! one-time budget and how complete it is.
//!
//! Planned is the initiatives' gross spend by payer (before E-Rate reimbursement, which is
//! what a purchase order is written for); running costs of today's inventory are not in it,
//! because check-ins record spend on initiatives.

use crate::budget::initiative_quarters;
use crate::model::{FiscalYear, Horizon, Plan, Quarter};
use serde::Serialize;
use std::collections::BTreeMap;

/// One fiscal year and source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ActualRow {
    pub fiscal_year: i32,
    pub source: String,
    pub source_name: String,
    pub planned_cents: i64,
    pub actual_cents: i64,
    /// Planned less actual (negative: spent more than planned).
    pub remaining_cents: i64,
    /// Actual less planned, as a share of planned, percent (none when nothing was planned).
    pub variance_pct: Option<i64>,
}

/// One initiative's spend so far.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InitiativeSpend {
    pub id: String,
    pub title: String,
    pub budget_cents: i64,
    pub spent_cents: i64,
    pub percent_complete: u8,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actuals {
    pub years: Vec<ActualRow>,
    pub initiatives: Vec<InitiativeSpend>,
}

pub fn actuals(plan: &Plan, horizon: &Horizon) -> Actuals {
    let first_q = horizon.first_quarter().index();
    let last_q = horizon.last_quarter().index();
    let escalation = plan.budget.escalation();
    let mut cells: BTreeMap<(i32, String), (i64, i64)> = BTreeMap::new();
    for ini in &plan.initiatives {
        for (q, _, cents) in initiative_quarters(ini, ini.start, first_q, last_q, escalation) {
            let fy = Quarter::from_index(q).fy.0;
            for (payer, part) in ini.split_by_payer(cents) {
                let cell = cells.entry((fy, payer.to_string())).or_default();
                cell.0 = cell.0.saturating_add(part);
            }
        }
        for c in &ini.checkins {
            if let Some(s) = &c.spent {
                let fy = horizon.calendar.fy_of_date(c.date).0;
                let cell = cells.entry((fy, s.source.clone())).or_default();
                cell.1 = cell.1.saturating_add(s.cents);
            }
        }
    }
    let name = |id: &str| {
        plan.budget
            .source(id)
            .map_or_else(|| id.to_string(), |s| s.name.clone())
    };
    let years = cells
        .into_iter()
        .filter(|((fy, _), (p, a))| {
            // Actual spend always shows; planned spend only inside the horizon.
            *a != 0 || (*p != 0 && horizon.years.contains(&FiscalYear(*fy)))
        })
        .map(|((fy, source), (planned, actual))| ActualRow {
            fiscal_year: fy,
            source_name: name(&source),
            source,
            planned_cents: planned,
            actual_cents: actual,
            remaining_cents: planned.saturating_sub(actual),
            variance_pct: (planned > 0).then(|| {
                i64::try_from(i128::from(actual - planned) * 100 / i128::from(planned)).unwrap_or(0)
            }),
        })
        .collect();
    let initiatives = plan
        .initiatives
        .iter()
        .filter(|i| !i.checkins.is_empty())
        .map(|i| InitiativeSpend {
            id: i.id.clone(),
            title: i.title.clone(),
            budget_cents: i.one_time_cents,
            spent_cents: super::spent_cents(i),
            percent_complete: super::percent(i),
        })
        .collect();
    Actuals { years, initiatives }
}
