//! Roadmap warnings, derived from the plan: dependencies violated or missing, initiatives past
//! the horizon, ids that name no standard, dependency cycles.

use crate::model::{Horizon, Initiative, Plan};
use std::collections::HashMap;

/// Placement problems a CIO should see, one line each.
/// `is_standard` says whether an id names a standard in the library in use.
pub fn warnings(plan: &Plan, horizon: &Horizon, is_standard: &dyn Fn(&str) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    for ini in &plan.initiatives {
        initiative_warnings(plan, horizon, is_standard, ini, &mut out);
    }
    out.extend(cycle_warning(plan));
    out
}

/// The warnings about one initiative, in the order `warnings` lists them. They depend only on
/// the initiative and the ends of its dependencies, so after a move the engine recomputes them
/// for the moved initiative and its dependents alone.
pub fn initiative_warnings(
    plan: &Plan,
    horizon: &Horizon,
    is_standard: &dyn Fn(&str) -> bool,
    ini: &Initiative,
    out: &mut Vec<String>,
) {
    let last = horizon.last_quarter();
    for dep in &ini.depends_on {
        match plan.initiative(dep) {
            None => out.push(format!("{} depends on {dep}, which does not exist", ini.id)),
            Some(d) if d.end() >= ini.start => out.push(format!(
                "{} starts {} before {} finishes ({}): dependency violated",
                ini.id,
                ini.start,
                d.id,
                d.end()
            )),
            Some(_) => {}
        }
    }
    if ini.end() > last {
        out.push(format!(
            "{} ends {}, after the planning horizon ({last})",
            ini.id,
            ini.end()
        ));
    }
    for s in &ini.resolves {
        if !is_standard(s) {
            out.push(format!(
                "{} resolves {s}, which is not in the standards library",
                ini.id
            ));
        }
    }
}

/// The dependency-cycle warning, if any. It depends only on the dependency graph, which moves
/// and resizes leave alone.
pub fn cycle_warning(plan: &Plan) -> Option<String> {
    find_cycle(plan).map(|cycle| format!("dependency cycle: {}", cycle.join(" -> ")))
}

fn find_cycle(plan: &Plan) -> Option<Vec<String>> {
    // Iterative DFS with colours: 1 = on the stack, 2 = finished.
    let mut colour: HashMap<&str, u8> = HashMap::new();
    for root in &plan.initiatives {
        if colour.contains_key(root.id.as_str()) {
            continue;
        }
        let mut stack: Vec<(&str, usize)> = vec![(&root.id, 0)];
        colour.insert(&root.id, 1);
        while let Some((id, next)) = stack.pop() {
            let deps = plan
                .initiative(id)
                .map(|i| i.depends_on.as_slice())
                .unwrap_or(&[]);
            if let Some(dep) = deps.get(next) {
                stack.push((id, next + 1));
                match colour.get(dep.as_str()) {
                    Some(1) => {
                        let mut cycle: Vec<String> =
                            stack.iter().map(|(s, _)| s.to_string()).collect();
                        let pos = cycle.iter().position(|s| s == dep).unwrap_or(0);
                        cycle.drain(..pos);
                        cycle.push(dep.clone());
                        return Some(cycle);
                    }
                    Some(_) => {}
                    None if plan.initiative(dep).is_some() => {
                        colour.insert(dep, 1);
                        stack.push((dep, 0));
                    }
                    None => {}
                }
            } else {
                colour.insert(id, 2);
            }
        }
    }
    None
}
