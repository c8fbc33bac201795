//! Selection by identity. Each pane draws a row index, but what the user selected is an
//! initiative, a standard or an item: the id is kept (`Chosen`) and the index is found again
//! after anything that reorders or refilters a pane (an edit, undo or redo, another fiscal year,
//! sorting, filtering, switching to a fork). Only an explicit choice (a key that moves the
//! cursor, a click, the finder, a new initiative) changes the id.

use super::app::App;
use super::view::InvRow;

/// The ids selected in each pane (None: nothing, or an empty pane).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Chosen {
    pub initiative: Option<String>,
    pub standard: Option<String>,
    pub item: Option<String>,
}

impl App {
    /// Records the ids at the current indices: the user chose them.
    pub(crate) fn choose(&mut self) {
        self.chosen = Chosen {
            initiative: self.selected_initiative().map(|i| i.id.clone()),
            standard: self.selected_standard_id(),
            item: self.selected_item().map(|i| i.id.clone()),
        };
    }

    /// Finds each pane's index again from its chosen id; where the id is gone (deleted, not
    /// failing in this year, filtered out) the index stays in range and its row becomes the
    /// choice.
    pub(crate) fn follow(&mut self) {
        if let Some(i) = self
            .chosen
            .initiative
            .as_deref()
            .and_then(|id| self.plan().initiative_index(id).ok())
        {
            self.sel.roadmap = i;
        }
        let n = self.plan().initiatives.len();
        self.sel.roadmap = self.sel.roadmap.min(n.saturating_sub(1));

        let rows = self.standard_rows();
        let library = self.library();
        if let Some(row) = self.chosen.standard.as_deref().and_then(|id| {
            rows.iter()
                .position(|r| library.standards.get(r.index).is_some_and(|s| s.id == id))
        }) {
            self.sel.standards = row;
        }
        self.sel.standards = self.sel.standards.min(rows.len().saturating_sub(1));

        if let Some(k) = self
            .chosen
            .item
            .as_deref()
            .and_then(|id| self.plan().item_index(id).ok())
            .and_then(|index| {
                self.inventory
                    .item_rows
                    .iter()
                    .position(|r| self.inventory.rows.get(*r) == Some(&InvRow::Item(index)))
            })
        {
            self.sel.inventory = k;
        }
        let m = self.inventory.item_rows.len();
        self.sel.inventory = self.sel.inventory.min(m.saturating_sub(1));
        self.choose();
    }

    /// The id of the standard selected in the Failing standards pane.
    pub fn selected_standard_id(&self) -> Option<String> {
        let rows = self.standard_rows();
        let row = rows.get(self.sel.standards)?;
        self.library()
            .standards
            .get(row.index)
            .map(|s| s.id.clone())
    }
}
