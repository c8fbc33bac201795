//! Sessions rebuilt from their newest backup and journal (see `journal`): the last-resort
//! `vcio session restore`, which loses nothing the journal holds, and the read-only view a
//! command falls back on while another vcio holds the database or the data directory cannot be
//! written.

use super::backup::{backup_session, backups_dir, change_of, import_plan, list_backups};
use super::history::{self, LogEntry};
use super::journal::{self, History, Replay};
use super::lock::DirLock;
use super::{Ops, SessionMeta, Store, StoreError, T, keys, now_rfc3339, session};
use crate::model::Plan;
use std::path::{Path, PathBuf};

/// One session `restore_latest` rebuilt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoredSession {
    pub name: String,
    /// The backup it started from.
    pub backup: PathBuf,
    /// Changes replayed from the journal on top of the backup.
    pub replayed: u64,
    /// The session's change count after the restore.
    pub changes: u64,
    /// What could not be recovered (empty: nothing was lost).
    pub lost: Vec<String>,
}

/// What `restore_latest` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RestoreReport {
    /// Where the old database was moved (None: there was none).
    pub moved_aside: Option<PathBuf>,
    pub restored: Vec<RestoredSession>,
    /// Sessions whose newest backup could not be read, with the reason.
    pub skipped: Vec<String>,
}

/// A session as its newest backup and journal hold it, read without the database.
#[derive(Debug, Clone)]
pub struct Snapshot {
    pub name: String,
    pub plan: Plan,
    /// The change count reached.
    pub changes: u64,
    /// What could not be read (empty: the snapshot is the newest acknowledged state).
    pub lost: Vec<String>,
}

/// Rebuilds `session` in memory from `backup` (and its history sidecar) plus the journal.
fn rebuild(data_dir: &Path, session: &str, backup: &Path) -> Result<Replay, StoreError> {
    let shown = backup.display().to_string();
    let text = crate::decode::read_file(backup).map_err(StoreError::Invalid)?;
    let base = text.lines().next().and_then(change_of).unwrap_or(0);
    let plan = import_plan(&shown, &text)?;
    // A sidecar that does not match its backup's change count is not used: the history before
    // the backup is then lost, but the plan and the journal after it are not.
    let history = std::fs::read(journal::history_path(backup))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<History>(&bytes).ok())
        .filter(|h| h.changes == base)
        .unwrap_or(History {
            changes: base,
            ..History::default()
        });
    let mut replay = Replay::new(plan, history);
    let (lines, torn) = journal::read(data_dir, session);
    replay.run(lines, torn);
    Ok(replay)
}

/// The newest backup file of each session.
fn latest(data_dir: &Path) -> Result<Vec<(String, PathBuf)>, StoreError> {
    Ok(list_backups(data_dir)?
        .into_iter()
        .filter_map(|(s, mut files)| files.pop().map(|f| (s, f)))
        .collect())
}

/// Reads a session without opening the database: its newest backup plus journal.
pub fn read_snapshot(data_dir: &Path, name: &str) -> Result<Snapshot, StoreError> {
    let backup = latest(data_dir)?
        .into_iter()
        .find(|(s, _)| s == name)
        .map(|(_, f)| f)
        .ok_or_else(|| StoreError::NoSuchSession(name.to_string()))?;
    let replay = rebuild(data_dir, name, &backup)?;
    Ok(Snapshot {
        name: name.to_string(),
        plan: replay.plan,
        changes: replay.changes,
        lost: replay.lost,
    })
}

/// Moves `<data_dir>/db` aside to `db.broken-<timestamp>`, creates a new database and rebuilds
/// each session from its newest backup and journal, undo history and log included. Takes the
/// lock: refused while vcio runs.
pub fn restore_latest(data_dir: &Path) -> Result<RestoreReport, StoreError> {
    let lock = DirLock::acquire(data_dir)?;
    let latest = latest(data_dir)?;
    if latest.is_empty() {
        return Err(StoreError::NoBackups(backups_dir(data_dir)));
    }
    // Everything is read before anything moves: creating a session empties its journal.
    let mut rebuilt = Vec::new();
    let mut skipped = Vec::new();
    for (name, backup) in latest {
        match rebuild(data_dir, &name, &backup) {
            Ok(r) => rebuilt.push((name, backup, r)),
            Err(e) => skipped.push(format!("{name}: {e}")),
        }
    }
    let db = data_dir.join("db");
    let moved_aside = if db.exists() {
        let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S-%3f");
        let to = data_dir.join(format!("db.broken-{stamp}"));
        std::fs::rename(&db, &to)
            .map_err(|e| StoreError::io(format!("move {} aside", db.display()), e))?;
        Some(to)
    } else {
        None
    };
    let store = Store::open_locked(data_dir, lock)?;
    let mut report = RestoreReport {
        moved_aside,
        restored: Vec::new(),
        skipped,
    };
    for (name, backup, replay) in rebuilt {
        let done = create_with_history(&store, &name, &replay).and_then(|meta| {
            let files = list_backups(data_dir)?.remove(&name).unwrap_or_default();
            backup_session(&store, &name, &meta, &files)
        });
        match done {
            Ok(()) => report.restored.push(RestoredSession {
                name,
                backup,
                replayed: replay.replayed,
                changes: replay.changes,
                lost: replay.lost,
            }),
            Err(e) => report.skipped.push(format!("{name}: {e}")),
        }
    }
    Ok(report)
}

/// Creates session `name` holding a rebuilt plan, its undo and redo stacks and its log, in one
/// transaction.
fn create_with_history(
    store: &Store,
    name: &str,
    replay: &Replay,
) -> Result<SessionMeta, StoreError> {
    keys::check_name(name)?;
    if store.exists(name)? {
        return Err(StoreError::SessionExists(name.to_string()));
    }
    let mut ops = Ops::default();
    session::plan_ops(name, &replay.plan, &mut ops)?;
    let floor = replay.undo_floor;
    for (depth, entry) in (floor..).zip(&replay.undo) {
        history::push_ops(T::Undo, name, depth, entry, &mut ops)?;
    }
    for (depth, entry) in (0..).zip(&replay.redo) {
        history::push_ops(T::Redo, name, depth, entry, &mut ops)?;
    }
    for entry in &replay.log {
        history::log_op(name, entry, &mut ops)?;
    }
    let created = replay
        .log
        .first()
        .map_or_else(now_rfc3339, |e: &LogEntry| e.at.clone());
    let meta = SessionMeta {
        created,
        modified: now_rfc3339(),
        changes: replay.changes,
        undo: floor + replay.undo.len() as u64,
        undo_floor: floor,
        redo: replay.redo.len() as u64,
        items: replay.plan.items.len() as u64,
        initiatives: replay.plan.initiatives.len() as u64,
        // Backups do not record a scenario's parent: a restored scenario lists as a district.
        forked_from: None,
    };
    ops.put(
        T::Sessions,
        name.as_bytes().to_vec(),
        keys::encode_trusted("session metadata", &meta)?,
    );
    store.inner().commit(&ops)?;
    journal::reset(store.data_dir(), name)?;
    Ok(meta)
}
