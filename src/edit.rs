//! Edits: the one way to change a plan. The TUI, the CLI, importers and tests all speak `Edit`.
//!
//! `apply` changes the plan and returns the inverse edit, which is how undo and redo work: undo
//! applies the inverse, and applying that yields the redo. An edit that cannot apply changes
//! nothing and says why.

use crate::model::validate;
use crate::model::{
    AnswerValue, BudgetSettings, District, Governance, Initiative, Item, Plan, Quarter,
};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Add an item, or replace the item with the same id.
    PutItem(Item),
    RemoveItem(String),
    /// Set (Some) or clear (None) an answer.
    SetAnswer {
        key: String,
        value: Option<AnswerValue>,
    },
    /// Add an initiative, or replace the one with the same id.
    PutInitiative(Initiative),
    RemoveInitiative(String),
    MoveInitiative {
        id: String,
        start: Quarter,
    },
    ResizeInitiative {
        id: String,
        duration: u8,
    },
    SetDependencies {
        id: String,
        depends_on: Vec<String>,
    },
    SetDistrict(District),
    SetBudget(BudgetSettings),
    /// Set (Some) or clear (None) a district override of a standard parameter (`ID.param`).
    SetOverride {
        key: String,
        value: Option<f64>,
    },
    /// Replace the people and baselines (a person added or leaving, a baseline saved).
    SetGovernance(Governance),
    /// Several edits as one undoable step (an import, a cascade move, auto-schedule).
    Batch(Vec<Edit>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EditError {
    NoSuchItem(String),
    NoSuchInitiative(String),
    Invalid(String),
}

impl std::fmt::Display for EditError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EditError::NoSuchItem(id) => write!(f, "no inventory item with id {id:?}"),
            EditError::NoSuchInitiative(id) => write!(f, "no initiative with id {id:?}"),
            EditError::Invalid(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for EditError {}

/// What an edit touched, so derived data can recompute only what it must.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Touched {
    pub inventory: bool,
    pub answers: bool,
    pub initiatives: bool,
    pub district: bool,
    pub budget: bool,
    pub overrides: bool,
    pub governance: bool,
}

impl Touched {
    fn union(self, o: Touched) -> Touched {
        Touched {
            inventory: self.inventory || o.inventory,
            answers: self.answers || o.answers,
            initiatives: self.initiatives || o.initiatives,
            district: self.district || o.district,
            budget: self.budget || o.budget,
            overrides: self.overrides || o.overrides,
            governance: self.governance || o.governance,
        }
    }
}

impl Edit {
    /// Which parts of the plan this edit changes.
    pub fn touched(&self) -> Touched {
        let mut t = Touched::default();
        match self {
            Edit::PutItem(_) | Edit::RemoveItem(_) => t.inventory = true,
            Edit::SetAnswer { .. } => t.answers = true,
            Edit::PutInitiative(_)
            | Edit::RemoveInitiative(_)
            | Edit::MoveInitiative { .. }
            | Edit::ResizeInitiative { .. }
            | Edit::SetDependencies { .. } => t.initiatives = true,
            Edit::SetDistrict(_) => t.district = true,
            Edit::SetBudget(_) => t.budget = true,
            Edit::SetOverride { .. } => t.overrides = true,
            Edit::SetGovernance(_) => t.governance = true,
            Edit::Batch(es) => {
                return es.iter().fold(t, |acc, e| acc.union(e.touched()));
            }
        }
        t
    }

    /// A one-line description for the session log ("move INI-004 to FY2028-Q2").
    pub fn describe(&self) -> String {
        match self {
            Edit::PutItem(it) => format!("put item {} ({})", it.id, it.name),
            Edit::RemoveItem(id) => format!("remove item {id}"),
            Edit::SetAnswer {
                key,
                value: Some(v),
            } => format!("answer {key} = {v}"),
            Edit::SetAnswer { key, value: None } => format!("clear answer {key}"),
            Edit::PutInitiative(i) => format!("put initiative {} ({})", i.id, i.title),
            Edit::RemoveInitiative(id) => format!("remove initiative {id}"),
            Edit::MoveInitiative { id, start } => format!("move {id} to {start}"),
            Edit::ResizeInitiative { id, duration } => {
                format!("resize {id} to {duration} quarter(s)")
            }
            Edit::SetDependencies { id, depends_on } => {
                format!("{id} depends on [{}]", depends_on.join(", "))
            }
            Edit::SetDistrict(d) => format!("update district {}", d.name),
            Edit::SetBudget(_) => "update budget settings".into(),
            Edit::SetGovernance(g) => format!(
                "update people and baselines ({} people, {} baselines)",
                g.people.len(),
                g.baselines.len()
            ),
            Edit::SetOverride {
                key,
                value: Some(v),
            } => format!("override {key} = {v}"),
            Edit::SetOverride { key, value: None } => format!("clear override {key}"),
            Edit::Batch(es) => match es.as_slice() {
                [one] => one.describe(),
                _ => format!("{} changes: {}", es.len(), summarize(es)),
            },
        }
    }
}

fn summarize(es: &[Edit]) -> String {
    let mut s: Vec<String> = es.iter().take(3).map(Edit::describe).collect();
    if es.len() > 3 {
        s.push("...".into());
    }
    s.join("; ")
}

fn initiative_mut<'a>(plan: &'a mut Plan, id: &str) -> Result<&'a mut Initiative, EditError> {
    match plan.initiative_index(id) {
        Ok(i) => Ok(&mut plan.initiatives[i]),
        Err(_) => Err(EditError::NoSuchInitiative(id.to_string())),
    }
}

/// Applies an edit and returns its inverse. On error the plan is unchanged.
pub fn apply(plan: &mut Plan, edit: Edit) -> Result<Edit, EditError> {
    match edit {
        Edit::PutItem(item) => {
            validate::item(&item).map_err(EditError::Invalid)?;
            match plan.item_index(&item.id) {
                Ok(i) => Ok(Edit::PutItem(std::mem::replace(&mut plan.items[i], item))),
                Err(i) => {
                    let id = item.id.clone();
                    plan.items.insert(i, item);
                    Ok(Edit::RemoveItem(id))
                }
            }
        }
        Edit::RemoveItem(id) => match plan.item_index(&id) {
            Ok(i) => Ok(Edit::PutItem(plan.items.remove(i))),
            Err(_) => Err(EditError::NoSuchItem(id)),
        },
        Edit::SetAnswer { key, value } => {
            validate::answer(&key, value.as_ref()).map_err(EditError::Invalid)?;
            let old = match value {
                Some(v) => plan.answers.insert(key.clone(), v),
                None => plan.answers.remove(&key),
            };
            Ok(Edit::SetAnswer { key, value: old })
        }
        Edit::PutInitiative(ini) => {
            validate::initiative(&ini).map_err(EditError::Invalid)?;
            match plan.initiative_index(&ini.id) {
                Ok(i) => Ok(Edit::PutInitiative(std::mem::replace(
                    &mut plan.initiatives[i],
                    ini,
                ))),
                Err(i) => {
                    let id = ini.id.clone();
                    plan.initiatives.insert(i, ini);
                    Ok(Edit::RemoveInitiative(id))
                }
            }
        }
        Edit::RemoveInitiative(id) => match plan.initiative_index(&id) {
            Ok(i) => Ok(Edit::PutInitiative(plan.initiatives.remove(i))),
            Err(_) => Err(EditError::NoSuchInitiative(id)),
        },
        Edit::MoveInitiative { id, start } => {
            validate::quarter(&format!("{id}: the start"), start).map_err(EditError::Invalid)?;
            let ini = initiative_mut(plan, &id)?;
            let old = std::mem::replace(&mut ini.start, start);
            Ok(Edit::MoveInitiative { id, start: old })
        }
        Edit::ResizeInitiative { id, duration } => {
            validate::duration(&id, duration).map_err(EditError::Invalid)?;
            let ini = initiative_mut(plan, &id)?;
            let old = std::mem::replace(&mut ini.duration, duration);
            Ok(Edit::ResizeInitiative { id, duration: old })
        }
        Edit::SetDependencies { id, depends_on } => {
            if depends_on.contains(&id) {
                return Err(EditError::Invalid(format!("{id} cannot depend on itself")));
            }
            // A dependency on a missing initiative is allowed (and reported as a roadmap
            // warning): removing an initiative leaves its dependents' lists as they were, and
            // undoing a later dependency change must be able to restore such a list.
            let ini = initiative_mut(plan, &id)?;
            let old = std::mem::replace(&mut ini.depends_on, depends_on);
            Ok(Edit::SetDependencies {
                id,
                depends_on: old,
            })
        }
        Edit::SetDistrict(d) => {
            validate::district(&d).map_err(EditError::Invalid)?;
            Ok(Edit::SetDistrict(std::mem::replace(&mut plan.district, d)))
        }
        Edit::SetBudget(b) => {
            validate::budget(&b).map_err(EditError::Invalid)?;
            Ok(Edit::SetBudget(std::mem::replace(&mut plan.budget, b)))
        }
        Edit::SetGovernance(g) => {
            validate::governance(&g).map_err(EditError::Invalid)?;
            Ok(Edit::SetGovernance(std::mem::replace(
                &mut plan.governance,
                g,
            )))
        }
        Edit::SetOverride { key, value } => {
            validate::override_value(&key, value).map_err(EditError::Invalid)?;
            let old = match value {
                Some(v) => plan.overrides.insert(key.clone(), v),
                None => plan.overrides.remove(&key),
            };
            Ok(Edit::SetOverride { key, value: old })
        }
        Edit::Batch(edits) => {
            let mut inverses = Vec::with_capacity(edits.len());
            for e in edits {
                match apply(plan, e) {
                    Ok(inv) => inverses.push(inv),
                    Err(err) => {
                        // Roll back what was applied so a failed batch changes nothing.
                        for inv in inverses.into_iter().rev() {
                            let _ = apply(plan, inv);
                        }
                        return Err(err);
                    }
                }
            }
            inverses.reverse();
            Ok(Edit::Batch(inverses))
        }
    }
}

/// Convenience for the common case of moving by a number of quarters.
pub fn move_by(plan: &Plan, id: &str, quarters: i32) -> Result<Edit, EditError> {
    let ini = plan
        .initiative(id)
        .ok_or_else(|| EditError::NoSuchInitiative(id.into()))?;
    Ok(Edit::MoveInitiative {
        id: id.into(),
        start: ini.start.plus(quarters),
    })
}

/// Merging school `from` into `into`: `from`'s inventory moves to `into`, its id, name and
/// aliases become `into`'s aliases and its counts are added there, and `from` is gone. One
/// batch, so it undoes as one step. (`vcio site merge` and the TUI's school form both use it.)
pub fn merge_sites(plan: &Plan, from: &str, into: &str) -> Result<Edit, EditError> {
    if from == into {
        return Err(EditError::Invalid("merge a site into another one".into()));
    }
    let missing = |id: &str| EditError::Invalid(format!("no site {id:?}"));
    let mut d = plan.district.clone();
    let gone = d.site(from).cloned().ok_or_else(|| missing(from))?;
    let target = d
        .sites
        .iter_mut()
        .find(|s| s.id == into)
        .ok_or_else(|| missing(into))?;
    for a in [gone.id.clone(), gone.name.clone()]
        .into_iter()
        .chain(gone.aliases.iter().cloned())
    {
        if !target.aliases.contains(&a) && a != target.name && a != target.id {
            target.aliases.push(a);
        }
    }
    target.students += gone.students;
    target.classrooms += gone.classrooms;
    target.staff += gone.staff;
    d.sites.retain(|s| s.id != from);
    let mut edits: Vec<Edit> = plan
        .items
        .iter()
        .filter(|i| i.site.as_deref() == Some(from))
        .map(|it| {
            let mut it = it.clone();
            it.site = Some(into.to_string());
            Edit::PutItem(it)
        })
        .collect();
    edits.push(Edit::SetDistrict(d));
    Ok(Edit::Batch(edits))
}

/// Removing school `id`, refused while inventory is recorded there (merge it instead).
pub fn remove_site(plan: &Plan, id: &str) -> Result<Edit, EditError> {
    if plan.district.site(id).is_none() {
        return Err(EditError::Invalid(format!("no site {id:?}")));
    }
    let used = plan
        .items
        .iter()
        .filter(|i| i.site.as_deref() == Some(id))
        .count();
    if used > 0 {
        return Err(EditError::Invalid(format!(
            "site {id} has {used} inventory row(s); merge it into another site instead"
        )));
    }
    let mut d = plan.district.clone();
    d.sites.retain(|s| s.id != id);
    Ok(Edit::SetDistrict(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Quarter};

    fn ini(id: &str) -> Initiative {
        Initiative {
            duration: 2,
            one_time_cents: 10_000,
            ..Initiative::new(
                id,
                &format!("Initiative {id}"),
                Quarter::new(2027, 2).unwrap(),
            )
        }
    }

    #[test]
    fn every_edit_undoes_to_the_original_plan() {
        let mut plan = Plan::default();
        apply(&mut plan, Edit::PutInitiative(ini("A"))).unwrap();
        let original = plan.clone();
        let edits = vec![
            Edit::PutItem(Item::new("X", "Switch", Category::Network, "switch", 3)),
            Edit::PutInitiative(ini("B")),
            Edit::MoveInitiative {
                id: "A".into(),
                start: Quarter::new(2029, 1).unwrap(),
            },
            Edit::ResizeInitiative {
                id: "A".into(),
                duration: 5,
            },
            Edit::SetDependencies {
                id: "B".into(),
                depends_on: vec!["A".into()],
            },
            Edit::SetAnswer {
                key: "mfa".into(),
                value: Some(AnswerValue::Yes),
            },
            Edit::RemoveInitiative("A".into()),
        ];
        let mut inverses = Vec::new();
        for e in edits {
            inverses.push(apply(&mut plan, e).unwrap());
        }
        assert_ne!(plan, original);
        for inv in inverses.into_iter().rev() {
            apply(&mut plan, inv).unwrap();
        }
        assert_eq!(plan, original);
    }

    #[test]
    fn a_failing_batch_changes_nothing() {
        let mut plan = Plan::default();
        apply(&mut plan, Edit::PutInitiative(ini("A"))).unwrap();
        let before = plan.clone();
        let batch = Edit::Batch(vec![
            Edit::MoveInitiative {
                id: "A".into(),
                start: Quarter::new(2030, 1).unwrap(),
            },
            Edit::RemoveInitiative("nope".into()),
        ]);
        assert_eq!(
            apply(&mut plan, batch),
            Err(EditError::NoSuchInitiative("nope".into()))
        );
        assert_eq!(plan, before);
    }

    #[test]
    fn items_stay_sorted_by_id() {
        let mut plan = Plan::default();
        for id in ["c", "a", "b"] {
            apply(
                &mut plan,
                Edit::PutItem(Item::new(id, id, Category::Device, "x", 1)),
            )
            .unwrap();
        }
        let ids: Vec<_> = plan.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
    }
}
