//! The session interface the TUI and CLI drive: a plan plus undo/redo, whatever keeps it.
//!
//! `store::Session` implements it on sled (durable before it returns); `MemorySession` keeps
//! everything in memory, for tests and for previews that must never touch disk.

use crate::edit::{Edit, apply};
use crate::model::Plan;

pub trait History {
    fn name(&self) -> &str;
    fn plan(&self) -> &Plan;
    /// Applies an edit, records it for undo and clears redo. Returns the inverse.
    fn apply(&mut self, edit: Edit) -> Result<Edit, String>;
    /// `apply` with the description the log records (sessions without a log ignore it).
    fn apply_labeled(&mut self, edit: Edit, _label: String) -> Result<Edit, String> {
        self.apply(edit)
    }
    /// Undoes the last edit; returns the edit that was applied to do so.
    fn undo(&mut self) -> Result<Option<Edit>, String>;
    /// Redoes the last undone edit; returns the edit that was applied.
    fn redo(&mut self) -> Result<Option<Edit>, String>;
    fn can_undo(&self) -> bool;
    fn can_redo(&self) -> bool;
}

/// An in-memory session.
#[derive(Debug, Clone, Default)]
pub struct MemorySession {
    pub name: String,
    pub plan: Plan,
    undo: Vec<(Edit, Edit)>,
    redo: Vec<(Edit, Edit)>,
}

impl MemorySession {
    pub fn new(name: &str, plan: Plan) -> Self {
        Self {
            name: name.into(),
            plan,
            undo: Vec::new(),
            redo: Vec::new(),
        }
    }
}

impl History for MemorySession {
    fn name(&self) -> &str {
        &self.name
    }
    fn plan(&self) -> &Plan {
        &self.plan
    }
    fn apply(&mut self, edit: Edit) -> Result<Edit, String> {
        let inverse = apply(&mut self.plan, edit.clone()).map_err(|e| e.to_string())?;
        self.undo.push((edit, inverse.clone()));
        self.redo.clear();
        Ok(inverse)
    }
    fn undo(&mut self) -> Result<Option<Edit>, String> {
        let Some((edit, inverse)) = self.undo.pop() else {
            return Ok(None);
        };
        apply(&mut self.plan, inverse.clone()).map_err(|e| e.to_string())?;
        self.redo.push((edit, inverse.clone()));
        Ok(Some(inverse))
    }
    fn redo(&mut self) -> Result<Option<Edit>, String> {
        let Some((edit, inverse)) = self.redo.pop() else {
            return Ok(None);
        };
        apply(&mut self.plan, edit.clone()).map_err(|e| e.to_string())?;
        self.undo.push((edit.clone(), inverse));
        Ok(Some(edit))
    }
    fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }
    fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }
}
