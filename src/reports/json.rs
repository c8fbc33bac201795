//! The plan plus everything derived from it, as one JSON document for other programs:
//! `{"session", "as_of", "plan", "assessment", "budget", "roadmap", "fixes", "warnings"}`.
//!
//! `plan` is exactly what `vcio export --format ron` holds (the portable plan); the rest is
//! computed and is never read back. Fiscal years are numbers, money is integer cents.

use super::ReportInput;
use crate::derive::YearAssessment;
use serde_json::{Map, Value, json};

/// The document as a value (tests and other renderers read it).
pub fn value(r: &ReportInput) -> Value {
    let year = |y: &YearAssessment| {
        let outcomes: Map<String, Value> = r
            .library
            .standards
            .iter()
            .zip(&y.outcomes)
            .map(|(s, o)| {
                (
                    s.id.clone(),
                    json!({"status": o.status, "score": o.score, "evidence": o.evidence}),
                )
            })
            .collect();
        json!({
            "passing": y.passing, "failing": y.failing, "unknown": y.unknown,
            "standards_total": y.outcomes.len(), "compliance": y.compliance(),
            "outcomes": outcomes,
        })
    };
    let assessment: Vec<Value> = r
        .derived
        .projected
        .iter()
        .zip(&r.derived.baseline)
        .map(|(p, b)| json!({"fiscal_year": p.fiscal_year, "projected": year(p), "baseline": year(b)}))
        .collect();
    let years = &r.horizon().years;
    let roadmap: Vec<Value> = r
        .initiatives()
        .into_iter()
        .map(|i| {
            let spend = r.spend_by_year(i);
            let by_year: Map<String, Value> = years
                .iter()
                .zip(&spend)
                .map(|(fy, c)| (fy.0.to_string(), json!(c)))
                .collect();
            json!({
                "id": i.id, "title": i.title, "owner": i.owner,
                "start": i.start.to_string(), "end": i.end().to_string(),
                "duration_quarters": i.duration_q(),
                "one_time_cents": i.one_time_cents, "recurring_cents": i.recurring_cents,
                "funding_source": i.funding, "erate": i.erate, "spend": i.spend,
                "depends_on": i.depends_on, "resolves": i.resolves,
                "spend_by_year_cents": by_year,
                "in_horizon_cents": spend.iter().sum::<i64>(),
            })
        })
        .collect();
    let fixes: Map<String, Value> = r
        .library
        .standards
        .iter()
        .zip(&r.derived.fixes)
        .filter(|(_, f)| !f.is_empty())
        .map(|(s, f)| {
            let list: Vec<Value> = f
                .iter()
                .map(|f| json!({"initiative": f.initiative, "done": f.done.to_string()}))
                .collect();
            (s.id.clone(), Value::Array(list))
        })
        .collect();
    json!({
        "session": r.session,
        "as_of": r.as_of.to_string(),
        "district": r.district(),
        "fiscal_years": years,
        "plan": r.plan,
        "assessment": assessment,
        "budget": r.derived.budget,
        "roadmap": roadmap,
        "fixes": fixes,
        "warnings": r.derived.warnings,
        "follow_through": super::follow::json(r),
        "frameworks": super::frameworks::json(r),
    })
}

/// The document, pretty-printed, with a final newline.
pub fn render(r: &ReportInput) -> String {
    let mut s = serde_json::to_string_pretty(&value(r))
        .unwrap_or_else(|e| json!({"error": e.to_string()}).to_string());
    s.push('\n');
    s
}
