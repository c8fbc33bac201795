//! The plan: everything a session holds, as plain data. No I/O and no terminal types; the only
//! way to change it is `crate::edit::Edit`.

use super::answers::Answers;
use super::budget::BudgetSettings;
use super::district::District;
use super::governance::Governance;
use super::initiative::Initiative;
use super::inventory::Item;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    pub district: District,
    /// Kept sorted by id, so storage order and memory order agree.
    #[serde(default)]
    pub items: Vec<Item>,
    #[serde(default)]
    pub answers: Answers,
    /// Kept sorted by id.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    #[serde(default)]
    pub budget: BudgetSettings,
    /// District overrides of standard parameters, keyed `STANDARD-ID.param`.
    #[serde(default)]
    pub overrides: BTreeMap<String, f64>,
    /// People and baselines (follow-through).
    #[serde(default, skip_serializing_if = "is_default")]
    pub governance: Governance,
}

fn is_default(g: &Governance) -> bool {
    *g == Governance::default()
}

impl Plan {
    pub fn item(&self, id: &str) -> Option<&Item> {
        self.item_index(id).ok().map(|i| &self.items[i])
    }
    /// Binary search by id: `Ok(position)` or `Err(insertion point)`.
    pub fn item_index(&self, id: &str) -> Result<usize, usize> {
        self.items.binary_search_by(|it| it.id.as_str().cmp(id))
    }
    pub fn initiative(&self, id: &str) -> Option<&Initiative> {
        self.initiative_index(id).ok().map(|i| &self.initiatives[i])
    }
    pub fn initiative_index(&self, id: &str) -> Result<usize, usize> {
        self.initiatives
            .binary_search_by(|it| it.id.as_str().cmp(id))
    }
    /// Restores the sorted-by-id invariant after bulk loading from a file.
    pub fn normalize(&mut self) {
        self.items.sort_by(|a, b| a.id.cmp(&b.id));
        self.initiatives.sort_by(|a, b| a.id.cmp(&b.id));
    }
    /// The first `ITM-NNNN` no item uses.
    pub fn next_item_id(&self) -> String {
        (1..)
            .map(|n| format!("ITM-{n:04}"))
            .find(|id| self.item(id).is_none())
            .unwrap_or_else(|| "ITM-X".into())
    }
    /// A fresh id with a prefix that no initiative uses yet: `INI-014`.
    pub fn next_initiative_id(&self) -> String {
        (1..)
            .map(|n| format!("INI-{n:03}"))
            .find(|id| self.initiative(id).is_none())
            .unwrap_or_else(|| "INI-X".into())
    }
}
