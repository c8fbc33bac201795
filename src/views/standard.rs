//! One standard in full (`vcio standards show ID`): what it asks, its parameters with the
//! district's values, its references, the remediation it suggests, and how it stands now.

use crate::derive::Derived;
use crate::model::{Plan, Pred};
use crate::standards::catalog::{Catalog, DEFAULT_SOURCE};
use crate::standards::{Check, Library, Standard};
use serde_json::{Value, json};

/// Each ref with what it names, or the bare string where the catalog does not hold it (a
/// district's own standard may cite what it likes).
fn refs_json(s: &Standard) -> Vec<Value> {
    let catalog = Catalog::builtin();
    s.refs
        .iter()
        .map(|r| match catalog.resolve(r) {
            Some(found) => found.json(r),
            None => json!({"ref": r}),
        })
        .collect()
}

fn params(s: &Standard, plan: &Plan) -> Vec<Value> {
    s.params
        .iter()
        .map(|(name, default)| {
            let own = plan.overrides.get(&format!("{}.{name}", s.id)).copied();
            let source = s.sources.get(name).map_or(DEFAULT_SOURCE, String::as_str);
            json!({
                "name": name, "default": default, "district": own,
                "value": own.unwrap_or(*default), "source": source,
            })
        })
        .collect()
}

/// The item facts (attribute names, as `attr:NAME` columns write them) a check reads.
pub fn facts_read(check: &Check) -> Vec<String> {
    fn pred(p: &Pred, out: &mut Vec<String>) {
        match p {
            Pred::AttrAtLeast(k, _)
            | Pred::AttrAtMost(k, _)
            | Pred::AttrIs(k, _)
            | Pred::Flag(k) => out.push(k.clone()),
            Pred::All(ps) | Pred::Any(ps) => ps.iter().for_each(|p| pred(p, out)),
            Pred::Not(p) => pred(p, out),
            _ => {}
        }
    }
    fn walk(c: &Check, out: &mut Vec<String>) {
        match c {
            Check::Share {
                select, pred: p, ..
            } => {
                if let Some(f) = &select.filter {
                    pred(f, out);
                }
                pred(p, out);
            }
            Check::Exists { select, .. } => {
                if let Some(f) = &select.filter {
                    pred(f, out);
                }
            }
            Check::All(cs) | Check::Any(cs) => cs.iter().for_each(|c| walk(c, out)),
            Check::Not(c) => walk(c, out),
            Check::Ratio { .. } | Check::Answer { .. } => {}
        }
    }
    let mut out = Vec::new();
    walk(check, &mut out);
    out.sort();
    out.dedup();
    out
}

pub fn json(lib: &Library, plan: &Plan, derived: &Derived, id: &str) -> Option<Value> {
    let i = lib.standards.iter().position(|s| s.id == id)?;
    let s = &lib.standards[i];
    let years: Vec<Value> = derived
        .projected
        .iter()
        .map(|y| {
            let o = &y.outcomes[i];
            json!({"fiscal_year": y.fiscal_year, "status": o.status, "evidence": o.evidence})
        })
        .collect();
    Some(json!({
        "id": s.id, "title": s.title, "area": s.area, "severity": s.severity.name(),
        "statement": s.statement, "check": s.check.kind(), "refs": refs_json(s),
        "facts": facts_read(&s.check),
        "params": params(s, plan),
        "remediation": {"title": s.remediation.title, "quarters": s.remediation.duration},
        "exemption": plan.district.exemptions.get(id),
        "years": years,
    }))
}

pub fn text(
    lib: &Library,
    plan: &Plan,
    derived: &Derived,
    id: &str,
    width: usize,
) -> Option<String> {
    let i = lib.standards.iter().position(|s| s.id == id)?;
    let s = &lib.standards[i];
    let wrap = |t: &str| super::table::wrap(t, width, 2);
    let mut out = format!("{} {} ({}, {})\n", s.id, s.title, s.area, s.severity.name());
    out.push_str(&wrap(&s.statement));
    out.push_str(&format!("  check: {}\n", s.check.kind()));
    let facts = facts_read(&s.check);
    if !facts.is_empty() {
        out.push_str(&format!(
            "  reads item facts: {} (generic CSV: attr:NAME columns)\n",
            facts.join(", ")
        ));
    }
    for p in params(s, plan) {
        let name = p["name"].as_str().unwrap_or_default();
        let source = crate::standards::provenance::describe_source(s, name);
        let line = match p["district"].as_f64() {
            Some(v) => format!(
                "  {name} = {v} (district; library default {}, {source})",
                p["default"]
            ),
            None => format!(
                "  {name} = {} ({source}; `vcio standards set {} {name} VALUE` changes it)",
                p["default"], s.id
            ),
        };
        out.push_str(&line);
        out.push('\n');
    }
    if !s.refs.is_empty() {
        out.push_str("  references:\n");
        for line in crate::standards::provenance::citations(s) {
            out.push_str(&super::table::wrap(&line, width, 4));
        }
    }
    out.push_str(&wrap(&format!(
        "remediation: {} ({} quarters)",
        s.remediation.title, s.remediation.duration
    )));
    for y in &derived.projected {
        let o = &y.outcomes[i];
        let status = o.status.name().to_uppercase();
        out.push_str(&wrap(&format!(
            "{} {status}: {}",
            y.fiscal_year, o.evidence
        )));
    }
    Some(out)
}
