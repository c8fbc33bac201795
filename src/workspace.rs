//! The one owner of change (ARCHITECTURE.md, "One way to change a plan"): a session (its plan
//! and undo history, durable or in memory) together with the engine that derives from it.
//!
//! Every apply, undo, redo and drag preview goes through here, for the TUI and the CLI alike:
//! the edit is validated and applied by `edit::apply` (via the session, which persists it before
//! returning), then the engine recomputes only what the edit can change. Nothing else holds a
//! session and an engine side by side, so the two can never disagree.

use crate::derive::{Derived, Engine};
use crate::edit::{self, Edit};
use crate::history::History;
use crate::model::Plan;
use crate::standards::Library;
use chrono::NaiveDate;

/// Why a change was not made. Nothing changed, in memory or on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeError {
    /// The edit is not valid for this plan (a bad value, an unknown id).
    Refused(String),
    /// The session could not save it (disk full, database error).
    NotSaved(String),
}

impl std::fmt::Display for ChangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeError::Refused(why) => f.write_str(why),
            ChangeError::NotSaved(why) => write!(f, "not saved: {why}"),
        }
    }
}

impl std::error::Error for ChangeError {}

/// The session plus its derived state.
pub struct Workspace {
    session: Box<dyn History>,
    engine: Engine,
}

impl Workspace {
    pub fn new(session: Box<dyn History>, library: Library, as_of: NaiveDate) -> Workspace {
        let engine = Engine::new(session.plan(), library, as_of);
        Workspace { session, engine }
    }

    /// Replaces the session (switching to another), keeping the library and "now".
    pub fn switch(&mut self, session: Box<dyn History>) {
        let library = self.engine.library().clone();
        let as_of = self.engine.horizon().as_of;
        self.engine = Engine::new(session.plan(), library, as_of);
        self.session = session;
    }

    pub fn name(&self) -> &str {
        self.session.name()
    }
    pub fn plan(&self) -> &Plan {
        self.session.plan()
    }
    pub fn engine(&self) -> &Engine {
        &self.engine
    }
    pub fn derived(&self) -> &Derived {
        self.engine.derived()
    }
    pub fn library(&self) -> &Library {
        self.engine.library()
    }
    pub fn as_of(&self) -> NaiveDate {
        self.engine.horizon().as_of
    }
    pub fn can_undo(&self) -> bool {
        self.session.can_undo()
    }
    pub fn can_redo(&self) -> bool {
        self.session.can_redo()
    }

    /// Validates, saves and recomputes. Returns the inverse (what undo will apply).
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, ChangeError> {
        let label = edit.describe();
        self.apply_labeled(edit, label)
    }

    /// `apply` with the description the log records ("import inventory from FILE").
    pub fn apply_labeled(&mut self, edit: Edit, label: String) -> Result<Edit, ChangeError> {
        let probe = edit.clone();
        let inverse = self.session.apply_labeled(edit, label).map_err(classify)?;
        self.engine.update(self.session.plan(), &probe);
        Ok(inverse)
    }

    /// Undoes the last change; returns the edit applied to undo it (None: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<Edit>, ChangeError> {
        let done = self.session.undo().map_err(classify)?;
        if let Some(e) = &done {
            self.engine.update(self.session.plan(), e);
        }
        Ok(done)
    }

    /// Redoes the last undone change; returns the edit applied.
    pub fn redo(&mut self) -> Result<Option<Edit>, ChangeError> {
        let done = self.session.redo().map_err(classify)?;
        if let Some(e) = &done {
            self.engine.update(self.session.plan(), e);
        }
        Ok(done)
    }

    /// Starts a preview: a scratch copy of the plan and engine that candidate edits are applied
    /// to (never saved), e.g. while a bar is dragged.
    pub fn preview(&self) -> Preview {
        Preview {
            plan: self.plan().clone(),
            engine: self.engine.clone(),
            inverse: None,
        }
    }
}

/// The edit's own error text says whether it was refused; anything the store adds is a save
/// failure. The session reports both as text, so the store's prefix tells them apart.
fn classify(message: String) -> ChangeError {
    const REFUSED: &str = "cannot apply the change: ";
    match message.strip_prefix(REFUSED) {
        Some(why) => ChangeError::Refused(why.to_string()),
        None if message.starts_with("the database")
            || message.starts_with("cannot ")
            || message.starts_with("stored data") =>
        {
            ChangeError::NotSaved(message)
        }
        None => ChangeError::Refused(message),
    }
}

/// A plan and derived state with one candidate edit applied, for previews.
#[derive(Clone)]
pub struct Preview {
    pub plan: Plan,
    pub engine: Engine,
    /// Undoes the candidate currently applied.
    inverse: Option<Edit>,
}

impl Preview {
    /// Shows `candidate` instead of the previous one (None: the plan as it is).
    pub fn show(&mut self, candidate: Option<&Edit>) {
        if let Some(inv) = self.inverse.take()
            && edit::apply(&mut self.plan, inv.clone()).is_ok()
        {
            self.engine.update(&self.plan, &inv);
        }
        if let Some(c) = candidate
            && let Ok(inv) = edit::apply(&mut self.plan, c.clone())
        {
            self.engine.update(&self.plan, c);
            self.inverse = Some(inv);
        }
    }

    pub fn derived(&self) -> &Derived {
        self.engine.derived()
    }
}
