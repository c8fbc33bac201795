//! `vcio roadmap` and `vcio budget`: initiatives with their quarters and costs, and spend per
//! fiscal year and funding source against caps.

use super::table::Table;
use crate::budget::money;
use crate::derive::Derived;
use crate::model::Plan;
use serde_json::{Value, json};

pub fn roadmap_json(session: &str, plan: &Plan, derived: &Derived) -> Value {
    let initiatives: Vec<Value> = plan
        .initiatives
        .iter()
        .map(|i| {
            json!({
                "id": i.id, "title": i.title, "owner": i.owner,
                "start": i.start.to_string(), "end": i.end().to_string(), "duration": i.duration_q(),
                "one_time_cents": i.one_time_cents, "recurring_cents": i.recurring_cents,
                "funding_source": i.funding, "funding_shares": i.funding_shares,
                "erate": i.erate, "spend": i.spend,
                "depends_on": i.depends_on, "resolves": i.resolves, "effects": i.effects.len(),
                "notes": i.notes,
            })
        })
        .collect();
    json!({"session": session, "initiatives": initiatives, "warnings": derived.warnings})
}

pub fn roadmap_table(plan: &Plan, derived: &Derived, width: usize) -> String {
    let mut rows: Vec<&crate::model::Initiative> = plan.initiatives.iter().collect();
    rows.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
    let mut t = Table::new(&[
        "ID", "Start", "End", "One-time", "Yearly", "Source", "Title",
    ])
    .right(&[3, 4])
    .flex(6);
    for i in rows {
        t.row(vec![
            i.id.clone(),
            i.start.to_string(),
            i.end().to_string(),
            money(i.one_time_cents),
            money(i.recurring_cents),
            i.funding.clone(),
            i.title.clone(),
        ]);
    }
    let mut out = t.render(width);
    let first = derived
        .projected
        .first()
        .map(|y| y.compliance() * 100.0)
        .unwrap_or(0.0);
    let last = derived
        .projected
        .last()
        .map(|y| y.compliance() * 100.0)
        .unwrap_or(0.0);
    out.push_str(&format!(
        "{} initiatives · compliance {first:.0}% now -> {last:.0}% by the end of the horizon\n",
        plan.initiatives.len()
    ));
    if !derived.warnings.is_empty() {
        out.push_str("\nWARNINGS\n");
        for w in &derived.warnings {
            out.push_str(&super::table::fit(&format!("! {w}"), width));
            out.push('\n');
        }
    }
    out
}

pub fn budget_json(session: &str, plan: &crate::model::Plan, derived: &Derived) -> Value {
    let b = &derived.budget;
    // Sources by id (`erate`, `general`), as the contract names them; the names are beside.
    let id_of = |name: &str| {
        plan.budget
            .sources
            .iter()
            .find(|s| s.name == name)
            .map_or_else(|| name.to_string(), |s| s.id.clone())
    };
    let years: Vec<Value> = b
        .years
        .iter()
        .map(|y| {
            let mut v = serde_json::to_value(y).unwrap_or(Value::Null);
            let by_id: serde_json::Map<String, Value> = y
                .by_source
                .iter()
                .map(|(n, c)| (id_of(n), json!(c)))
                .collect();
            v["by_source_name"] = v["by_source"].take();
            v["by_source"] = Value::Object(by_id);
            v
        })
        .collect();
    json!({
        "session": session,
        "years": years,
        "horizon_total_cents": b.horizon_total_cents,
        "c2_budget_cents": b.c2_budget_cents,
        "c2_planned_cents": b.c2_planned_cents,
        "erate": b.erate,
        "erate_after_horizon_cents": b.erate_after_horizon_cents,
        "warnings": b.warnings,
    })
}

pub fn budget_table(
    derived: &Derived,
    settings: &crate::model::BudgetSettings,
    width: usize,
) -> String {
    // One row per source and one column per year: five years fit 80 columns however long the
    // source names are.
    let b = &derived.budget;
    let mut sources: Vec<&String> = b.years.iter().flat_map(|y| y.by_source.keys()).collect();
    sources.sort();
    sources.dedup();
    let years: Vec<String> = b.years.iter().map(|y| y.fiscal_year.to_string()).collect();
    let mut headers: Vec<&str> = vec![""];
    headers.extend(years.iter().map(String::as_str));
    let n = headers.len();
    let mut t = Table::new(&headers)
        .right(&(1..n).collect::<Vec<_>>())
        .flex(0);
    for s in &sources {
        let mut row = vec![s.to_string()];
        row.extend(
            b.years
                .iter()
                .map(|y| money(y.by_source.get(*s).copied().unwrap_or(0))),
        );
        t.row(row);
    }
    let mut row = vec!["Total".to_string()];
    row.extend(b.years.iter().map(|y| money(y.total_cents)));
    t.row(row);
    let mut row = vec!["Cap".to_string()];
    row.extend(
        b.years
            .iter()
            .map(|y| y.cap_cents.map(money).unwrap_or_else(|| "-".into())),
    );
    t.row(row);
    // Every cap that exists is shown as one: the sources' own annual caps too.
    for s in &settings.sources {
        if let Some(cap) = s.annual_cap_cents {
            let mut row = vec![format!("Cap {}", s.name)];
            row.extend(b.years.iter().map(|y| {
                if s.years.is_empty() || s.years.contains(&y.fiscal_year) {
                    money(cap)
                } else {
                    "-".into()
                }
            }));
            t.row(row);
        }
    }
    let mut row = vec!["Status".to_string()];
    row.extend(b.years.iter().map(|y| {
        if y.over_cap {
            "OVER CAP !".into()
        } else {
            "ok".into()
        }
    }));
    t.row(row);
    let mut out = t.render(width);
    out.push_str(&format!(
        "Horizon total {} · E-Rate C2 budget {} (planned {})\n",
        money(b.horizon_total_cents),
        money(b.c2_budget_cents),
        money(b.c2_planned_cents)
    ));
    if b.years.iter().any(|y| y.erate_receipts_cents != 0) {
        let received: Vec<String> = b
            .years
            .iter()
            .map(|y| format!("{} {}", y.fiscal_year, money(y.erate_receipts_cents)))
            .collect();
        out.push_str(&super::table::fit(
            &format!(
                "BEAR: the district pays E-Rate work in full; reimbursements received: {}",
                received.join(", ")
            ),
            width,
        ));
        out.push('\n');
    }
    for l in b.erate.lines() {
        out.push_str(&super::table::wrap(&l, width, 2));
    }
    for w in &b.warnings {
        out.push_str(&super::table::fit(&format!("! {w}"), width));
        out.push('\n');
    }
    out
}
