//! `vcio frameworks`: per framework and scored group, how many controls the district meets,
//! does not meet, cannot tell, and that no standard covers, now and in a later fiscal year of
//! the plan (the end of the horizon unless `--year` says). JSON lists every control with the
//! standards that cite it and its status in each year.

use super::table::Table;
use crate::derive::Derived;
use crate::derive::scorecard::{ControlStatus, GroupScore, citing, score};
use crate::standards::Library;
use crate::standards::catalog::Catalog;
use serde_json::{Value, json};
use std::fmt::Write;

/// `years` are indexes into the horizon: now first, then the later year.
pub fn text(lib: &Library, derived: &Derived, years: &[usize], width: usize) -> String {
    let catalog = Catalog::builtin();
    let mut out = String::new();
    for fw in &catalog.frameworks {
        let cites = citing(fw, lib);
        let _ = writeln!(
            out,
            "{} {}, by {}:",
            fw.name,
            fw.version,
            fw.grouping.to_lowercase()
        );
        let scored: Vec<(String, Vec<GroupScore>)> = years
            .iter()
            .filter_map(|&y| derived.projected.get(y))
            .enumerate()
            .map(|(k, ya)| {
                let when = if k == 0 { "now" } else { "with plan" };
                (
                    format!("{} {when}", ya.fiscal_year),
                    score(fw, lib, &cites, ya).0,
                )
            })
            .collect();
        let mut t = Table::new(&[
            "group",
            "year",
            "controls",
            "met",
            "not met",
            "unknown",
            "not covered",
        ])
        .right(&[2, 3, 4, 5, 6]);
        for (gi, group) in fw.scored.iter().enumerate() {
            for (k, (when, groups)) in scored.iter().enumerate() {
                let Some(g) = groups.get(gi) else { continue };
                t.row(vec![
                    if k == 0 { group.clone() } else { String::new() },
                    when.clone(),
                    g.controls.to_string(),
                    g.met.to_string(),
                    g.not_met.to_string(),
                    g.unknown.to_string(),
                    g.not_covered.to_string(),
                ]);
            }
        }
        out.push_str(&t.render(width));
        out.push('\n');
    }
    out.push_str(&super::table::wrap(
        "A control is met when every standard citing it passes, not met when one fails, \
         unknown when none fails but one lacks data, and not covered when no standard cites \
         it. --format json lists each control with its standards.",
        width,
        0,
    ));
    out
}

pub fn json(session: &str, lib: &Library, derived: &Derived) -> Value {
    let catalog = Catalog::builtin();
    let frameworks: Vec<Value> = catalog
        .frameworks
        .iter()
        .map(|fw| {
            let cites = citing(fw, lib);
            let per_year: Vec<_> = derived
                .projected
                .iter()
                .map(|ya| (ya.fiscal_year, score(fw, lib, &cites, ya)))
                .collect();
            let years: Vec<Value> = per_year
                .iter()
                .map(|(fy, (groups, _))| json!({"fiscal_year": fy, "groups": groups}))
                .collect();
            let controls: Vec<Value> = per_year
                .first()
                .map(|(_, (_, controls))| {
                    controls
                        .iter()
                        .enumerate()
                        .map(|(i, c)| {
                            let status: Vec<Value> = per_year
                                .iter()
                                .map(|(fy, (_, cs))| {
                                    let s =
                                        cs.get(i).map_or(ControlStatus::NotCovered, |c| c.status);
                                    json!({"fiscal_year": fy, "status": s})
                                })
                                .collect();
                            json!({
                                "id": c.id, "title": c.title, "group": c.group,
                                "standards": c.standards, "years": status,
                            })
                        })
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "key": fw.key, "name": fw.name, "version": fw.version, "url": fw.url,
                "grouping": fw.grouping, "years": years, "controls": controls,
            })
        })
        .collect();
    json!({"session": session, "frameworks": frameworks})
}
