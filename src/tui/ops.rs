//! Planning operations behind the keys: move, resize, create from a standard, delete (after a
//! yes/no), auto-schedule. Each builds an `Edit` and hands it to `App::apply`, which persists it
//! (`History::apply`) and recomputes (`Engine::update`); undo and redo live here too.

use super::action::Pane;
use super::app::{App, Overlay, Pending};
use super::history_words::{Direction, action_words};
use crate::edit::Edit;
use crate::roadmap::{cascade_move, schedule, template};

use crate::model::validate::MAX_QUARTERS;

impl App {
    fn selected_id(&mut self) -> Option<String> {
        if self.focus != Pane::Roadmap {
            self.info("select an initiative in the Roadmap first (Tab)");
            return None;
        }
        match self.selected_initiative() {
            Some(i) => Some(i.id.clone()),
            None => {
                self.info("no initiatives yet: press n on a failing standard");
                None
            }
        }
    }

    /// Moves the selected initiative by `quarters`, pushing dependents later when needed.
    pub(crate) fn move_selected(&mut self, quarters: i32) {
        let Some(id) = self.selected_id() else { return };
        let Some(start) = self.plan().initiative(&id).map(|i| i.start.plus(quarters)) else {
            return;
        };
        match cascade_move(self.plan(), &id, start) {
            Ok(edit) => {
                let pushed = match &edit {
                    Edit::Batch(es) => es.len().saturating_sub(1),
                    _ => 0,
                };
                if self.apply(edit) {
                    let mut msg = format!("{id} starts {start}");
                    if pushed > 0 {
                        msg.push_str(&format!(" ({pushed} dependent(s) pushed later)"));
                    }
                    self.info(&msg);
                }
            }
            Err(e) => self.error(&format!("not moved: {e}")),
        }
    }

    pub(crate) fn resize_selected(&mut self, delta: i32) {
        let Some(id) = self.selected_id() else { return };
        let Some(cur) = self.plan().initiative(&id).map(|i| i.duration_q()) else {
            return;
        };
        let want = (i32::from(cur) + delta).clamp(1, i32::from(MAX_QUARTERS)) as u8;
        if want == cur {
            self.info(if delta < 0 {
                "already one quarter long"
            } else {
                "already as long as allowed"
            });
            return;
        }
        if self.apply(Edit::ResizeInitiative {
            id: id.clone(),
            duration: want,
        }) {
            self.info(&format!("{id} lasts {want} quarter(s)"));
        }
    }

    /// Creates an initiative from the selected failing standard, starting next quarter, and
    /// selects it in the Roadmap.
    pub(crate) fn new_from_standard(&mut self) {
        if self.focus != Pane::Standards {
            self.info("select a failing standard first (Tab to Failing standards)");
            return;
        }
        let rows = self.standard_rows();
        let Some(row) = rows.get(self.sel.standards) else {
            self.info("no failing standard selected");
            return;
        };
        let Some(std_id) = self
            .library()
            .standards
            .get(row.index)
            .map(|s| s.id.clone())
        else {
            return;
        };
        // Money is not spent on a guess or twice: ask first.
        let why = match (&row.fix, row.status) {
            (Some(f), _) => Some(format!(
                "{} already covers {std_id} (done {})",
                f.initiative, f.done
            )),
            (None, crate::assess::Status::Unknown) => {
                Some(format!("{std_id} is unknown (it needs data), not failing"))
            }
            _ => None,
        };
        if let Some(why) = why {
            self.overlay = Overlay::Confirm(Pending::NewFromStandard(std_id));
            self.info(&format!("{why}: create an initiative anyway? y/n"));
            return;
        }
        self.create_from_standard(&std_id);
    }

    /// Creates the initiative for `std_id` from its remediation template, starting next quarter.
    fn create_from_standard(&mut self, std_id: &str) {
        let std_id = std_id.to_string();
        let start = self.derived().horizon.now_quarter().plus(1);
        match template::from_standard(self.plan(), self.ws.engine(), &std_id, start) {
            Ok(ini) => {
                let id = ini.id.clone();
                let title = ini.title.clone();
                if self.apply(Edit::PutInitiative(ini)) {
                    self.select_initiative(&id);
                    self.focus = Pane::Roadmap;
                    self.info(&format!(
                        "created {id} \"{title}\" from {std_id}, starts {start}"
                    ));
                }
            }
            Err(e) => self.error(&format!("cannot create from {std_id}: {e}")),
        }
    }

    pub(crate) fn ask_delete(&mut self) {
        match self.focus {
            Pane::Roadmap => {
                if let Some(i) = self.selected_initiative() {
                    let q = format!("delete {} \"{}\"? y/n", i.id, i.title);
                    self.overlay = Overlay::Confirm(Pending::DeleteInitiative(i.id.clone()));
                    self.info(&q);
                }
            }
            Pane::Inventory => {
                if let Some(it) = self.selected_item() {
                    let q = format!("delete item {} \"{}\"? y/n", it.id, it.name);
                    self.overlay = Overlay::Confirm(Pending::DeleteItem(it.id.clone()));
                    self.info(&q);
                }
            }
            _ => self.info("nothing to delete here"),
        }
    }

    pub(crate) fn confirm(&mut self, p: Pending) {
        match p {
            Pending::DeleteInitiative(id) => {
                if self.apply(Edit::RemoveInitiative(id.clone())) {
                    self.info(&format!("deleted {id} (u to undo)"));
                }
            }
            Pending::DeleteItem(id) => {
                if self.apply(Edit::RemoveItem(id.clone())) {
                    self.info(&format!("deleted item {id} (u to undo)"));
                }
            }
            Pending::NewFromStandard(id) => self.create_from_standard(&id),
        }
    }

    /// Levels the whole roadmap against dependencies and caps as one undoable batch.
    pub(crate) fn auto_schedule(&mut self) {
        let result = schedule::schedule(self.plan(), &self.derived().horizon, self.library());
        let outcome = result.outcome(self.plan(), &self.derived().horizon);
        let keep = self.selected_initiative().map(|i| i.id.clone());
        let moved = result.moves.len();
        let applied = match result.edit() {
            Some(edit) => self.apply(edit),
            None => true,
        };
        if !applied {
            return;
        }
        if let Some(id) = keep {
            self.select_initiative(&id);
        }
        let undo = if moved == 0 { "" } else { " (u to undo)" };
        let mut msg = format!("auto-schedule: {outcome}{undo}");
        if let Some((id, why)) = result.unplaced.first() {
            msg.push_str(&format!("; {id}: {why}"));
        }
        self.info(&msg);
    }
}

impl App {
    // ---- edits ----

    /// Every change goes through here, to the workspace (validate, save, recompute). Errors are
    /// shown in the status line, never raised.
    pub(crate) fn apply(&mut self, edit: Edit) -> bool {
        let label = edit.describe();
        self.apply_labeled(edit, label)
    }

    /// `apply` with the label the change log shows ("import inventory from FILE").
    pub(crate) fn apply_labeled(&mut self, edit: Edit, label: String) -> bool {
        let touched = edit.touched();
        match self.ws.apply_labeled(edit, label) {
            Ok(_) => {
                if touched.inventory {
                    self.rebuild_inventory();
                }
                self.clamp_selections();
                true
            }
            Err(e) => {
                self.error(&format!("not changed: {e}"));
                false
            }
        }
    }

    pub(crate) fn undo(&mut self) {
        let before = self.ws.plan().initiatives.clone();
        match self.ws.undo() {
            Ok(Some(edit)) => {
                self.after_history(&edit);
                let arrow = self.glyphs().arrow;
                let words = action_words(&edit, &before, Direction::Undo, arrow);
                self.info(&format!("undid: {words} (C-r redoes)"));
            }
            Ok(None) => self.info("nothing to undo"),
            Err(e) => self.error(&format!("undo failed: {e}")),
        }
    }

    pub(crate) fn redo(&mut self) {
        let before = self.ws.plan().initiatives.clone();
        match self.ws.redo() {
            Ok(Some(edit)) => {
                self.after_history(&edit);
                let arrow = self.glyphs().arrow;
                let words = action_words(&edit, &before, Direction::Redo, arrow);
                self.info(&format!("redid: {words}"));
            }
            Ok(None) => self.info("nothing to redo"),
            Err(e) => self.error(&format!("redo failed: {e}")),
        }
    }

    fn after_history(&mut self, edit: &Edit) {
        if edit.touched().inventory {
            self.rebuild_inventory();
        }
        self.clamp_selections();
    }
}
