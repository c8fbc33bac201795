//! The roadmap: the cascade move, auto-scheduling, and initiatives created from failing
//! standards. (The checks on placement are derived data: `derive::warnings`.)

pub mod schedule;
pub mod template;

use crate::edit::{Edit, EditError};
use crate::model::{Plan, Quarter};
use std::collections::{HashMap, HashSet};

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
