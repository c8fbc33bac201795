//! The roadmap: checks on initiatives' placement (dependencies, horizon, unknown ids), the
//! cascade move, auto-scheduling, and initiatives created from failing standards.

pub mod schedule;
pub mod template;

use crate::derive::Horizon;
use crate::edit::{Edit, EditError};
use crate::model::{Initiative, Plan, Quarter};
use std::collections::{HashMap, HashSet};

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

/// Moves an initiative and pushes later any dependents (transitively) that would then start
/// before their dependencies finish. One batch, so it undoes as one step.
pub fn cascade_move(plan: &Plan, id: &str, start: Quarter) -> Result<Edit, EditError> {
    if plan.initiative(id).is_none() {
        return Err(EditError::NoSuchInitiative(id.into()));
    }
    let mut starts: HashMap<&str, Quarter> = plan
        .initiatives
        .iter()
        .map(|i| (i.id.as_str(), i.start))
        .collect();
    starts.insert(id, start);
    let mut moves = vec![Edit::MoveInitiative {
        id: id.into(),
        start,
    }];
    let mut queue = vec![id.to_string()];
    let mut seen: HashSet<String> = HashSet::new();
    while let Some(cur) = queue.pop() {
        if !seen.insert(cur.clone()) {
            continue;
        }
        for dependent in plan
            .initiatives
            .iter()
            .filter(|i| i.depends_on.contains(&cur))
        {
            let latest_end = dependent
                .depends_on
                .iter()
                .filter_map(|d| {
                    let ini = plan.initiative(d)?;
                    Some(
                        starts
                            .get(d.as_str())?
                            .plus(i32::from(ini.duration_q()) - 1),
                    )
                })
                .max();
            let current = starts[dependent.id.as_str()];
            if let Some(end) = latest_end.filter(|end| *end >= current) {
                let new_start = end.plus(1);
                starts.insert(&dependent.id, new_start);
                moves.retain(
                    |m| !matches!(m, Edit::MoveInitiative { id, .. } if *id == dependent.id),
                );
                moves.push(Edit::MoveInitiative {
                    id: dependent.id.clone(),
                    start: new_start,
                });
                seen.remove(&dependent.id);
                queue.push(dependent.id.clone());
            }
        }
    }
    Ok(if moves.len() == 1 {
        moves.remove(0)
    } else {
        Edit::Batch(moves)
    })
}
