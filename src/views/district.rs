//! The district profile, its sites and its funding, as `vcio district`, `vcio site` and
//! `vcio funding` print them (tables for people, one JSON document for programs).

use super::table::Table;
use crate::budget::money;
use crate::model::{BudgetSettings, District, FiscalYear, FundingSource, SourceKind};
use serde_json::{Value, json};

fn site_json(s: &crate::model::Site) -> Value {
    json!({
        "id": s.id, "name": s.name, "students": s.students, "classrooms": s.classrooms,
        "staff": s.staff, "instructional": s.instructional, "aliases": s.aliases,
    })
}

pub fn district_json(d: &District) -> Value {
    let (c1, c2) = d.erate_rates();
    json!({
        "name": d.name, "students": d.students, "staff": d.staff,
        "fiscal_start_month": d.fiscal_start_month, "horizon_years": d.horizon_years,
        "state": d.state, "jurisdiction_population": d.jurisdiction_population,
        "nslp_pct": d.erate.nslp_pct, "rural": d.erate.rural,
        "erate_c1_pct": c1, "erate_c2_pct": c2, "reimbursement": d.erate.reimbursement,
        "inventory_complete": d.inventory_complete,
        "sites": d.sites.iter().map(site_json).collect::<Vec<_>>(),
    })
}

pub fn sites_json(d: &District) -> Value {
    Value::Array(d.sites.iter().map(site_json).collect())
}

fn unset<T: ToString>(v: Option<T>) -> String {
    v.map_or_else(|| "not set".into(), |v| v.to_string())
}

pub fn district_table(d: &District, width: usize) -> String {
    let (c1, c2) = d.erate_rates();
    let rates_from = match (d.erate.c1_pct.or(d.erate.c2_pct), d.erate.nslp_pct) {
        (Some(_), _) => "set explicitly".to_string(),
        (None, Some(n)) => format!(
            "from {n}% NSLP, {}",
            if d.erate.rural == Some(true) {
                "rural"
            } else {
                "urban"
            }
        ),
        (None, None) => "nslp_pct not set".to_string(),
    };
    let mut out = format!(
        "{}\n  students {} · staff {} · fiscal year starts month {} · horizon {} years\n  state {} · jurisdiction population {}\n  E-Rate C1 {c1}% · C2 {c2}% ({rates_from}) · reimbursement {}\n",
        d.name,
        d.students,
        d.staff,
        d.fiscal_start_month,
        d.horizon_years,
        unset(d.state.as_deref()),
        unset(d.jurisdiction_population),
        unset(
            d.erate
                .reimbursement
                .map(|r| format!("{r:?}").to_uppercase())
        ),
    );
    if !d.inventory_complete.is_empty() {
        out.push_str(&format!(
            "  inventory marked complete: {}\n",
            d.inventory_complete.join(", ")
        ));
    }
    out.push('\n');
    out.push_str(&sites_table(d, width));
    out
}

pub fn sites_table(d: &District, width: usize) -> String {
    if d.sites.is_empty() {
        return "no sites yet: add one with `vcio site add ID --name NAME --students N --classrooms N`\n".into();
    }
    let mut t = Table::new(&[
        "ID",
        "Name",
        "Students",
        "Classrooms",
        "Staff",
        "Type",
        "Aliases",
    ])
    .right(&[2, 3, 4])
    .flex(6);
    for s in &d.sites {
        t.row(vec![
            s.id.clone(),
            s.name.clone(),
            s.students.to_string(),
            s.classrooms.to_string(),
            s.staff.to_string(),
            if s.instructional {
                "school"
            } else {
                "non-instructional"
            }
            .into(),
            s.aliases.join(", "),
        ]);
    }
    t.render(width)
}

fn kind_name(k: SourceKind) -> &'static str {
    match k {
        SourceKind::General => "general",
        SourceKind::Grant => "grant",
        SourceKind::Erate => "erate",
        SourceKind::Bond => "bond",
    }
}

/// A fiscal-year list as a range where it is one ("FY2027-FY2031").
pub fn years_text(years: &[FiscalYear]) -> String {
    match years {
        [] => "any year".into(),
        [one] => one.to_string(),
        [first, .., last] if (last.0 - first.0) as usize + 1 == years.len() => {
            format!("{first}-{last}")
        }
        many => many
            .iter()
            .map(|y| y.to_string())
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// How a source may be spent, in words a finance office reads one way only: "$40,000 a year,
/// FY2027-FY2031" or "$200,000 in total, FY2027-FY2028".
pub fn limits_text(s: &FundingSource) -> String {
    let mut parts = Vec::new();
    if let Some(c) = s.annual_cap_cents {
        parts.push(format!("{} a year", money(c)));
    }
    if let Some(a) = s.award_cents {
        parts.push(format!("{} in total", money(a)));
    }
    if parts.is_empty() {
        parts.push("no cap".into());
    }
    if !s.years.is_empty() {
        parts.push(years_text(&s.years));
    }
    parts.join(", ")
}

pub fn funding_json(b: &BudgetSettings) -> Value {
    json!({
        "annual_cap_cents": b.annual_cap_cents,
        "caps_by_year": b.caps_by_year.iter().map(|(fy, c)| (fy.0.to_string(), json!(c))).collect::<serde_json::Map<_, _>>(),
        "sources": b.sources.iter().map(|s| json!({
            "id": s.id, "name": s.name, "kind": kind_name(s.kind),
            "annual_cap_cents": s.annual_cap_cents, "award_cents": s.award_cents,
            "years": s.years.iter().map(|y| y.0).collect::<Vec<_>>(),
            "limits": limits_text(s),
        })).collect::<Vec<_>>(),
    })
}

pub fn funding_table(b: &BudgetSettings, width: usize) -> String {
    let mut t = Table::new(&["ID", "Name", "Kind", "Limits"]).flex(3);
    for s in &b.sources {
        t.row(vec![
            s.id.clone(),
            s.name.clone(),
            kind_name(s.kind).into(),
            limits_text(s),
        ]);
    }
    let mut out = t.render(width);
    out.push_str(&match b.annual_cap_cents {
        Some(c) => format!("Overall cap: {} a year", money(c)),
        None => "Overall cap: none".into(),
    });
    if !b.caps_by_year.is_empty() {
        let years: Vec<String> = b
            .caps_by_year
            .iter()
            .map(|(fy, c)| format!("{fy} {}", money(*c)))
            .collect();
        out.push_str(&format!("; by year: {}", years.join(", ")));
    }
    out.push('\n');
    out
}
