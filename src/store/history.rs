//! A session's history in sled: the undo and redo stacks (entries keyed by depth, chunked so
//! none is large) and the append-only edit log (keyed by sequence number).
//!
//! An undo entry holds the inverse of an acknowledged edit plus that edit's description; a redo
//! entry holds the edit that re-does an undone one. Both stacks live on disk, so undo works
//! across restarts.

use super::{Inner, Ops, StoreError, T, keys};
use crate::edit::Edit;
use serde::{Deserialize, Serialize};

/// What a log entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    Do,
    Undo,
    Redo,
}

impl std::fmt::Display for Action {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Action::Do => "do",
            Action::Undo => "undo",
            Action::Redo => "redo",
        })
    }
}

/// One line of a session's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    pub seq: u64,
    /// RFC 3339, local time with offset.
    pub at: String,
    pub action: Action,
    /// `Edit::describe` of the edit done, undone or redone.
    pub description: String,
}

/// An undo or redo stack entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub(crate) struct StackEntry {
    /// The edit to apply when this entry is popped.
    pub edit: Edit,
    /// What the user did, for the log ("move INI-004 to FY2028-Q2").
    pub description: String,
}

/// Writes `entry` at `depth` of a stack (`T::Undo` or `T::Redo`).
pub(crate) fn push_ops(
    tree: T,
    session: &str,
    depth: u64,
    entry: &StackEntry,
    ops: &mut Ops,
) -> Result<(), StoreError> {
    let bytes = keys::encode("the undo history", entry)?;
    for (i, part) in keys::chunks(&bytes).into_iter().enumerate() {
        let i =
            u32::try_from(i).map_err(|_| StoreError::Invalid("a change is too large".into()))?;
        ops.put(tree, keys::chunk(session, depth, i), part);
    }
    Ok(())
}

/// Reads the entry at `depth` and the keys it occupies (to remove them when popped).
pub(crate) fn read_entry(
    inner: &Inner,
    tree: T,
    session: &str,
    depth: u64,
) -> Result<(StackEntry, Vec<Vec<u8>>), StoreError> {
    let mut bytes = Vec::new();
    let mut used = Vec::new();
    for kv in inner.tree(tree).scan_prefix(keys::numbered(session, depth)) {
        let (k, v) = kv?;
        bytes.extend_from_slice(&v);
        used.push(k.to_vec());
    }
    let what = format!("the history of session {session:?}");
    if used.is_empty() {
        return Err(StoreError::Decode {
            what,
            detail: format!("entry {depth} is missing"),
        });
    }
    Ok((keys::decode(&what, &bytes)?, used))
}

/// Removes the entry at `depth` of a stack (all its chunks).
pub(crate) fn drop_entry_ops(
    inner: &Inner,
    tree: T,
    session: &str,
    depth: u64,
    ops: &mut Ops,
) -> Result<(), StoreError> {
    delete_prefix_ops(inner, tree, keys::numbered(session, depth), ops)
}

/// Removes every entry of a stack.
pub(crate) fn clear_ops(
    inner: &Inner,
    tree: T,
    session: &str,
    ops: &mut Ops,
) -> Result<(), StoreError> {
    delete_prefix_ops(inner, tree, keys::prefix(session), ops)
}

fn delete_prefix_ops(
    inner: &Inner,
    tree: T,
    prefix: Vec<u8>,
    ops: &mut Ops,
) -> Result<(), StoreError> {
    for k in inner.tree(tree).scan_prefix(prefix).keys() {
        ops.del(tree, k?.to_vec());
    }
    Ok(())
}

/// Appends a log entry.
pub(crate) fn log_op(session: &str, entry: &LogEntry, ops: &mut Ops) -> Result<(), StoreError> {
    ops.put(
        T::Log,
        keys::numbered(session, entry.seq),
        keys::encode("the log", entry)?,
    );
    Ok(())
}

/// The whole log, oldest first.
pub(crate) fn read_log(inner: &Inner, session: &str) -> Result<Vec<LogEntry>, StoreError> {
    let what = format!("the log of session {session:?}");
    inner
        .tree(T::Log)
        .scan_prefix(keys::prefix(session))
        .values()
        .map(|v| keys::decode(&what, &v?))
        .collect()
}
