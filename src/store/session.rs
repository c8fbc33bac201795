//! An open session: the plan in memory plus the handle that persists each change.
//!
//! `apply`, `undo` and `redo` change the in-memory plan with `edit::apply`, then write exactly
//! the entities the edit touched (their state after the edit), the history entry, the log entry
//! and the session record in one transaction, flushed and fsynced before returning. If persisting
//! fails, the in-memory plan is rolled back, so memory and disk never disagree.

use super::history::{self, Action, LogEntry, StackEntry};
use super::{Inner, Ops, SessionMeta, StoreError, T, journal, keys, now_rfc3339};
use crate::edit::{self, Edit};
use crate::model::Plan;
use std::collections::BTreeSet;
use std::sync::Arc;

pub struct Session {
    inner: Arc<Inner>,
    name: String,
    plan: Plan,
    meta: SessionMeta,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("name", &self.name)
            .field("meta", &self.meta)
            .finish_non_exhaustive()
    }
}

/// Undo steps kept per session; older ones are dropped as new edits arrive.
pub const UNDO_KEEP: u64 = 1000;

impl Session {
    pub(crate) fn load(inner: Arc<Inner>, name: &str) -> Result<Session, StoreError> {
        let meta = inner
            .meta_of(name)?
            .ok_or_else(|| StoreError::NoSuchSession(name.to_string()))?;
        let plan = load_plan(&inner, name)?;
        Ok(Session {
            inner,
            name: name.to_string(),
            plan,
            meta,
        })
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn can_undo(&self) -> bool {
        self.meta.undo > self.meta.undo_floor
    }

    pub fn can_redo(&self) -> bool {
        self.meta.redo > 0
    }

    /// Changes recorded so far (the length of the log).
    pub fn changes(&self) -> u64 {
        self.meta.changes
    }

    /// Applies `edit`, makes it durable, pushes its inverse on the undo stack and clears the
    /// redo stack. Returns the inverse. On any error the plan is unchanged, in memory and on disk.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, StoreError> {
        let description = edit.describe();
        self.apply_labeled(edit, description)
    }

    /// `apply` with the log description given (e.g. "import plan (12 changes)").
    pub fn apply_labeled(&mut self, edit: Edit, description: String) -> Result<Edit, StoreError> {
        let mut touched = Keys::default();
        touched.collect(&edit);
        let edit_json = journal::encode_edit(&edit);
        let inverse = edit::apply(&mut self.plan, edit)?;
        let entry = StackEntry {
            edit: inverse,
            description,
        };
        match self.persist_do(&touched, &entry) {
            Ok(meta) => {
                self.meta = meta;
                self.journal(Action::Do, &entry.description, edit_json.as_deref());
                Ok(entry.edit)
            }
            Err(e) => {
                let _ = edit::apply(&mut self.plan, entry.edit);
                Err(e)
            }
        }
    }

    fn persist_do(&self, touched: &Keys, entry: &StackEntry) -> Result<SessionMeta, StoreError> {
        let (meta, ops) = self.do_ops(touched, entry)?;
        self.finish(meta, ops)
    }

    /// The writes of one acknowledged edit, except the session record `finish` adds.
    fn do_ops(&self, touched: &Keys, entry: &StackEntry) -> Result<(SessionMeta, Ops), StoreError> {
        let mut ops = Ops::default();
        touched.write(&self.name, &self.plan, &mut ops)?;
        let mut meta = self.next_meta(Action::Do, &entry.description, &mut ops)?;
        history::push_ops(T::Undo, &self.name, meta.undo, entry, &mut ops)?;
        meta.undo += 1;
        if meta.undo - meta.undo_floor > UNDO_KEEP {
            // The oldest step goes, in the same batch: the stack (and the database) stays
            // bounded however long a session is used.
            history::drop_entry_ops(&self.inner, T::Undo, &self.name, meta.undo_floor, &mut ops)?;
            meta.undo_floor += 1;
        }
        if meta.redo > 0 {
            history::clear_ops(&self.inner, T::Redo, &self.name, &mut ops)?;
            meta.redo = 0;
        }
        Ok((meta, ops))
    }

    /// Undoes the last edit. Returns the edit applied to undo it (None: nothing to undo).
    pub fn undo(&mut self) -> Result<Option<Edit>, StoreError> {
        self.step(T::Undo)
    }

    /// Redoes the last undone edit. Returns the edit applied (None: nothing to redo).
    pub fn redo(&mut self) -> Result<Option<Edit>, StoreError> {
        self.step(T::Redo)
    }

    /// Pops an entry from `from` (undo or redo), applies it, and pushes its inverse on the other.
    fn step(&mut self, from: T) -> Result<Option<Edit>, StoreError> {
        let (depth, floor, to, action) = match from {
            T::Undo => (self.meta.undo, self.meta.undo_floor, T::Redo, Action::Undo),
            _ => (self.meta.redo, 0, T::Undo, Action::Redo),
        };
        if depth <= floor {
            return Ok(None);
        }
        let top = depth - 1;
        let (entry, used) = history::read_entry(&self.inner, from, &self.name, top)?;
        let mut touched = Keys::default();
        touched.collect(&entry.edit);
        let applied = entry.edit.clone();
        let back = StackEntry {
            edit: edit::apply(&mut self.plan, entry.edit)?,
            description: entry.description,
        };
        let description = back.description.clone();
        let persisted = (|| {
            let mut ops = Ops::default();
            touched.write(&self.name, &self.plan, &mut ops)?;
            for k in used {
                ops.del(from, k);
            }
            let mut meta = self.next_meta(action, &back.description, &mut ops)?;
            let to_depth = if to == T::Undo {
                &mut meta.undo
            } else {
                &mut meta.redo
            };
            let at = *to_depth;
            *to_depth += 1;
            if from == T::Undo {
                meta.undo = top;
            } else {
                meta.redo = top;
            }
            history::push_ops(to, &self.name, at, &back, &mut ops)?;
            self.finish(meta, ops)
        })();
        match persisted {
            Ok(meta) => {
                self.meta = meta;
                self.journal(action, &description, None);
                Ok(Some(applied))
            }
            Err(e) => {
                let _ = edit::apply(&mut self.plan, back.edit);
                Err(e)
            }
        }
    }

    /// Appends the change just committed to the journal beside the backups. A failure is not
    /// the user's problem now (the database holds the change); the next open finds the gap in
    /// the journal and writes a full backup instead.
    fn journal(&self, action: Action, description: &str, edit_json: Option<&str>) {
        let entry = LogEntry {
            seq: self.meta.changes.saturating_sub(1),
            at: self.meta.modified.clone(),
            action,
            description: description.to_string(),
        };
        let _ = journal::append(&self.inner.dir, &self.name, &entry, edit_json);
    }

    /// The undo and redo stacks and the log, as a backup's history sidecar records them.
    pub(crate) fn history(&self) -> Result<journal::History, StoreError> {
        let mut undo = Vec::new();
        for depth in self.meta.undo_floor..self.meta.undo {
            undo.push(history::read_entry(&self.inner, T::Undo, &self.name, depth)?.0);
        }
        let mut redo = Vec::new();
        for depth in 0..self.meta.redo {
            redo.push(history::read_entry(&self.inner, T::Redo, &self.name, depth)?.0);
        }
        Ok(journal::History {
            changes: self.meta.changes,
            undo_floor: self.meta.undo_floor,
            undo,
            redo,
            log: self.log()?,
        })
    }

    /// The session's log, oldest first.
    pub fn log(&self) -> Result<Vec<LogEntry>, StoreError> {
        history::read_log(&self.inner, &self.name)
    }

    /// The next session record plus the log entry for a change; `changes` is advanced.
    fn next_meta(
        &self,
        action: Action,
        description: &str,
        ops: &mut Ops,
    ) -> Result<SessionMeta, StoreError> {
        let mut meta = self.meta.clone();
        let at = now_rfc3339();
        history::log_op(
            &self.name,
            &LogEntry {
                seq: meta.changes,
                at: at.clone(),
                action,
                description: description.to_string(),
            },
            ops,
        )?;
        meta.changes += 1;
        meta.modified = at;
        meta.items = self.plan.items.len() as u64;
        meta.initiatives = self.plan.initiatives.len() as u64;
        Ok(meta)
    }

    /// Writes the session record and commits.
    fn finish(&self, meta: SessionMeta, mut ops: Ops) -> Result<SessionMeta, StoreError> {
        ops.put(
            T::Sessions,
            self.name.as_bytes().to_vec(),
            keys::encode_trusted("session metadata", &meta)?,
        );
        self.inner.commit(&ops)?;
        Ok(meta)
    }
}

/// The interface the TUI and CLI drive; errors become their one-line text.
impl crate::history::History for Session {
    fn name(&self) -> &str {
        Session::name(self)
    }
    fn plan(&self) -> &Plan {
        Session::plan(self)
    }
    fn apply(&mut self, edit: Edit) -> Result<Edit, String> {
        Session::apply(self, edit).map_err(|e| e.to_string())
    }
    fn apply_labeled(&mut self, edit: Edit, label: String) -> Result<Edit, String> {
        Session::apply_labeled(self, edit, label).map_err(|e| e.to_string())
    }
    fn undo(&mut self) -> Result<Option<Edit>, String> {
        Session::undo(self).map_err(|e| e.to_string())
    }
    fn redo(&mut self) -> Result<Option<Edit>, String> {
        Session::redo(self).map_err(|e| e.to_string())
    }
    fn can_undo(&self) -> bool {
        Session::can_undo(self)
    }
    fn can_redo(&self) -> bool {
        Session::can_redo(self)
    }
}

/// The entities an edit touches, by tree.
#[derive(Debug, Default)]
struct Keys {
    items: BTreeSet<String>,
    answers: BTreeSet<String>,
    initiatives: BTreeSet<String>,
    overrides: BTreeSet<String>,
    district: bool,
    budget: bool,
    governance: bool,
}

impl Keys {
    fn collect(&mut self, edit: &Edit) {
        match edit {
            Edit::PutItem(it) => {
                self.items.insert(it.id.clone());
            }
            Edit::RemoveItem(id) => {
                self.items.insert(id.clone());
            }
            Edit::SetAnswer { key, .. } => {
                self.answers.insert(key.clone());
            }
            Edit::PutInitiative(i) => {
                self.initiatives.insert(i.id.clone());
            }
            Edit::RemoveInitiative(id)
            | Edit::MoveInitiative { id, .. }
            | Edit::ResizeInitiative { id, .. }
            | Edit::SetDependencies { id, .. } => {
                self.initiatives.insert(id.clone());
            }
            Edit::SetDistrict(_) => self.district = true,
            Edit::SetBudget(_) => self.budget = true,
            Edit::SetGovernance(_) => self.governance = true,
            Edit::SetOverride { key, .. } => {
                self.overrides.insert(key.clone());
            }
            Edit::Batch(es) => es.iter().for_each(|e| self.collect(e)),
        }
    }

    /// Writes the current state of every touched entity (or removes it if it is gone).
    fn write(&self, name: &str, plan: &Plan, ops: &mut Ops) -> Result<(), StoreError> {
        for id in &self.items {
            let key = keys::entity(name, id);
            match plan.item(id) {
                Some(it) => ops.put(T::Items, key, keys::encode(&format!("item {id}"), it)?),
                None => ops.del(T::Items, key),
            }
        }
        for id in &self.initiatives {
            let key = keys::entity(name, id);
            match plan.initiative(id) {
                Some(i) => ops.put(
                    T::Initiatives,
                    key,
                    keys::encode(&format!("initiative {id}"), i)?,
                ),
                None => ops.del(T::Initiatives, key),
            }
        }
        for k in &self.answers {
            let key = keys::entity(name, k);
            match plan.answers.get(k) {
                Some(v) => ops.put(T::Answers, key, keys::encode(&format!("answer {k}"), v)?),
                None => ops.del(T::Answers, key),
            }
        }
        for k in &self.overrides {
            let key = keys::entity(name, k);
            match plan.overrides.get(k) {
                Some(v) => ops.put(
                    T::Overrides,
                    key,
                    keys::encode(&format!("override {k}"), v)?,
                ),
                None => ops.del(T::Overrides, key),
            }
        }
        if self.district {
            let v = keys::encode("the district", &plan.district)?;
            ops.put(T::District, keys::prefix(name), v);
        }
        if self.budget {
            let v = keys::encode("the budget settings", &plan.budget)?;
            ops.put(T::Budget, keys::prefix(name), v);
        }
        if self.governance {
            let v = keys::encode("the people and baselines", &plan.governance)?;
            ops.put(T::Governance, keys::prefix(name), v);
        }
        Ok(())
    }
}

/// Writes of every entity of `plan` (a new session).
pub(crate) fn plan_ops(name: &str, plan: &Plan, ops: &mut Ops) -> Result<(), StoreError> {
    let all = Keys {
        items: plan.items.iter().map(|i| i.id.clone()).collect(),
        answers: plan.answers.keys().cloned().collect(),
        initiatives: plan.initiatives.iter().map(|i| i.id.clone()).collect(),
        overrides: plan.overrides.keys().cloned().collect(),
        district: true,
        budget: true,
        governance: true,
    };
    all.write(name, plan, ops)
}

/// Reads a session's plan from its entity keys.
pub(crate) fn load_plan(inner: &Inner, name: &str) -> Result<Plan, StoreError> {
    if inner.meta_of(name)?.is_none() {
        return Err(StoreError::NoSuchSession(name.to_string()));
    }
    let prefix = keys::prefix(name);
    let what = |w: &str| format!("{w} of session {name:?}");
    let mut plan = Plan::default();
    // A missing district or budget record reads as the default.
    if let Some(v) = inner.tree(T::District).get(&prefix)? {
        plan.district = keys::decode(&what("the district"), &v)?;
    }
    if let Some(v) = inner.tree(T::Budget).get(&prefix)? {
        plan.budget = keys::decode(&what("the budget"), &v)?;
    }
    if let Some(v) = inner.tree(T::Governance).get(&prefix)? {
        plan.governance = keys::decode(&what("the people and baselines"), &v)?;
    }
    for kv in inner.tree(T::Items).scan_prefix(&prefix) {
        let (_, v) = kv?;
        plan.items.push(keys::decode(&what("an item"), &v)?);
    }
    for kv in inner.tree(T::Initiatives).scan_prefix(&prefix) {
        let (_, v) = kv?;
        plan.initiatives
            .push(keys::decode(&what("an initiative"), &v)?);
    }
    for kv in inner.tree(T::Answers).scan_prefix(&prefix) {
        let (k, v) = kv?;
        let key = keys::id_of(&k, prefix.len())?;
        plan.answers
            .insert(key, keys::decode(&what("an answer"), &v)?);
    }
    for kv in inner.tree(T::Overrides).scan_prefix(&prefix) {
        let (k, v) = kv?;
        let key = keys::id_of(&k, prefix.len())?;
        plan.overrides
            .insert(key, keys::decode(&what("an override"), &v)?);
    }
    // Keys sort by bytes, as `String`'s order does; normalize is a cheap safety net.
    plan.normalize();
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Category, Initiative, Item, Quarter};
    use crate::store::Store;

    #[test]
    fn moving_an_initiative_writes_four_small_keys_whatever_the_inventory_size() {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = Store::open(dir.path()).expect("open");
        let items = (0..5000)
            .map(|n| Item::new(&format!("IT-{n:05}"), "CB", Category::Device, "cb", 1))
            .collect();
        let mut plan = Plan {
            items,
            ..Plan::default()
        };
        let start = Quarter::new(2027, 1).expect("quarter");
        plan.initiatives.push(Initiative {
            duration: 2,
            ..Initiative::new("INI-001", "Refresh", start)
        });
        store.create("big", &plan).expect("create");
        let mut s = store.open_session("big").expect("session");
        let edit = Edit::MoveInitiative {
            id: "INI-001".into(),
            start: start.plus(3),
        };
        let mut touched = Keys::default();
        touched.collect(&edit);
        let inverse = edit::apply(&mut s.plan, edit).expect("applies");
        let entry = StackEntry {
            edit: inverse,
            description: "move".into(),
        };
        let (_, ops) = s.do_ops(&touched, &entry).expect("ops");
        let trees: Vec<T> = ops.0.iter().map(|(t, _, _)| *t).collect();
        assert_eq!(trees, [T::Initiatives, T::Log, T::Undo]);
        assert!(
            ops.0
                .iter()
                .all(|(_, k, v)| k.len() + v.as_ref().map_or(0, Vec::len) < 1024)
        );
    }
}
