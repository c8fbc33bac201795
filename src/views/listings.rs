//! `vcio inventory` and `vcio standards list`.

use super::table::Table;
use crate::assess::group;
use crate::budget::money;
use crate::model::Plan;
use crate::standards::Library;
use serde_json::{Value, json};

pub fn inventory_json(session: &str, plan: &Plan) -> Value {
    let items: Vec<Value> = plan
        .items
        .iter()
        .map(|i| {
            json!({
                "id": i.id, "name": i.name, "category": i.category.name(), "kind": i.kind,
                "quantity": i.quantity, "unit_cost_cents": i.unit_cost_cents,
                "cost_estimated": i.cost_estimated(), "acquired_inferred": i.acquired_inferred(),
                "acquired": i.acquired.map(|a| a.to_string()), "site": i.site,
                "life_years": i.life_years, "end_of_support": i.end_of_support.map(|e| e.to_string()),
                "annual_cost_cents": i.annual_cost_cents, "vendor": i.vendor, "tags": i.tags,
                "attrs": i.attrs, "assets": i.assets.len(),
            })
        })
        .collect();
    json!({"session": session, "items": items})
}

pub fn inventory_table(plan: &Plan, width: usize) -> String {
    let mut rows: Vec<&crate::model::Item> = plan.items.iter().collect();
    rows.sort_by(|a, b| {
        a.category
            .cmp(&b.category)
            .then_with(|| a.kind.cmp(&b.kind))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut t = Table::new(&[
        "Category",
        "Kind",
        "Site",
        "Qty",
        "Acquired",
        "Unit cost",
        "Name",
    ])
    .right(&[3, 5])
    .flex(6);
    for i in rows {
        t.row(vec![
            i.category.name().into(),
            i.kind.clone(),
            i.site.clone().unwrap_or_else(|| "-".into()),
            group(f64::from(i.quantity)),
            match i.acquired {
                Some(a) if i.acquired_inferred() => format!("~{}", a.year),
                Some(a) => a.to_string(),
                None => "-".into(),
            },
            if i.cost_estimated() {
                format!("{} est.", money(i.unit_cost_cents))
            } else {
                money(i.unit_cost_cents)
            },
            i.name.clone(),
        ]);
    }
    let units: u64 = plan.items.iter().map(|i| u64::from(i.quantity)).sum();
    let mut notes = Vec::new();
    if plan.items.iter().any(|i| i.cost_estimated()) {
        notes.push("est. = unit cost estimated from the price book");
    }
    if plan.items.iter().any(|i| i.acquired_inferred()) {
        notes.push("~YEAR = purchase year inferred from the model's release");
    }
    let notes = if notes.is_empty() {
        String::new()
    } else {
        format!("; {}", notes.join("; "))
    };
    format!(
        "{}{} rows, {} units{notes}\n",
        t.render(width),
        group(plan.items.len() as f64),
        group(units as f64)
    )
}

pub fn standards_json(lib: &Library) -> Value {
    Value::Array(
        lib.standards
            .iter()
            .map(|s| {
                json!({
                    "id": s.id, "title": s.title, "area": s.area, "severity": s.severity.name(),
                    "refs": s.refs, "check": s.check.kind(), "statement": s.statement,
                    "uses_inventory": s.check.uses_inventory(), "params": s.params,
                })
            })
            .collect(),
    )
}

pub fn standards_table(lib: &Library, width: usize) -> String {
    let mut t = Table::new(&["ID", "Area", "Severity", "Check", "Title"]).flex(4);
    for s in &lib.standards {
        t.row(vec![
            s.id.clone(),
            s.area.clone(),
            s.severity.name().into(),
            s.check.kind().into(),
            s.title.clone(),
        ]);
    }
    let inv = lib
        .standards
        .iter()
        .filter(|s| s.check.uses_inventory())
        .count();
    format!(
        "{}{} standards, {} checked against inventory\n",
        t.render(width),
        lib.standards.len(),
        inv
    )
}
