//! The session store: every named plan (session, scenario) in one sled database under
//! `<data_dir>/db`, with undo/redo stacks and an edit log that survive restarts.
//!
//! # Layout
//! A few global trees (`meta`, `sessions`, `district`, `items`, `answers`, `initiatives`,
//! `budget`, `overrides`, `undo`, `redo`, `log`); keys are `session 0x00 rest` (see `keys`).
//! Entities live under their own keys, so an edit writes only what it changed: moving an
//! initiative in a 100k-item session writes one initiative, one undo entry, one log entry and the
//! session's small metadata record.
//!
//! # Durability
//! Each acknowledged change is ONE sled transaction across the trees it touches, then
//! `Db::flush()` and `sync_data()` on `<db>/db` (sled's flush uses `sync_file_range`, which is
//! not power-loss durable, sled #1452). Values stay far below sled's ~128 KiB blob threshold (blobs
//! are never fsynced); long undo entries are chunked.
//!
//! # Concurrency
//! One process at a time: `lock::DirLock` on `<data_dir>/vcio.lock` is taken before sled opens.
//! Within a process, open a given session once (two `Session`s of one name would diverge).
//!
//! # Schema and migrations
//! `meta/schema_version` is a big-endian u32, currently `SCHEMA_VERSION` = 1. A database with a
//! higher version is refused. A future migration from version N to N+1 is done offline, never in
//! place:
//! 1. take the lock; export every session of the old database with `backup::export_ron`
//!    (the portable format, independent of sled's on-disk format);
//! 2. create a new database in `<data_dir>/db.migrating` and import each session
//!    (`Store::create`), writing `schema_version` = N+1 last;
//! 3. flush and fsync, then atomically rename `db` to `db.v<N>-<timestamp>` and `db.migrating`
//!    to `db` (the old directory stays as a fallback until the user deletes it).
//!
//! An interrupted migration leaves `db` untouched and a `db.migrating` that the next run
//! deletes and redoes.
//!
//! # Recovery
//! On every open, `backup` writes a rolling RON export of each changed session to
//! `<data_dir>/backups/`; if the database cannot be opened, the error names
//! `vcio session restore`, which is `backup::restore_latest`.

pub mod backup;
mod diff;
mod error;
pub(crate) mod fsx;
mod history;
mod journal;
mod keys;
pub mod lock;
mod restore;
mod session;
mod sled_open;

pub use backup::{export_json, export_ron, import_plan};
pub use diff::{ChangeKind, InitiativeChange, initiative_changes, plan_diff};
pub use error::StoreError;
pub use restore::{RestoreReport, RestoredSession, Snapshot, read_snapshot, restore_latest};

/// Writes `bytes` to `path` inside the data directory: private, atomic, never through a link.
pub fn write_private_file(path: &Path, bytes: &[u8]) -> Result<(), StoreError> {
    use std::io::Write;
    fsx::write_atomically(path, |w| w.write_all(bytes))
}
pub use history::{Action, LogEntry};
pub use session::{Session, UNDO_KEEP};

use crate::model::Plan;
use lock::DirLock;
use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};
use sled_open::{new_instance_id, open_sled};
use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The version of the key layout and value shapes this build reads and writes.
pub const SCHEMA_VERSION: u32 = 1;
const SCHEMA_KEY: &[u8] = b"schema_version";
const INSTANCE_KEY: &[u8] = b"instance";
/// Values above this may become sled blobs (its threshold is higher; this errs on the safe side).
const LARGE_VALUE: usize = 32 * 1024;

/// The global trees. The discriminant indexes `Inner::trees`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum T {
    Meta,
    Sessions,
    District,
    Items,
    Answers,
    Initiatives,
    Budget,
    Overrides,
    Governance,
    Undo,
    Redo,
    Log,
}

const TREES: [(T, &str); 12] = [
    (T::Meta, "meta"),
    (T::Sessions, "sessions"),
    (T::District, "district"),
    (T::Items, "items"),
    (T::Answers, "answers"),
    (T::Initiatives, "initiatives"),
    (T::Budget, "budget"),
    (T::Overrides, "overrides"),
    (T::Governance, "governance"),
    (T::Undo, "undo"),
    (T::Redo, "redo"),
    (T::Log, "log"),
];

/// The trees holding per-session keys (all but `meta` and `sessions`).
const SESSION_TREES: [T; 10] = [
    T::District,
    T::Items,
    T::Answers,
    T::Initiatives,
    T::Budget,
    T::Overrides,
    T::Governance,
    T::Undo,
    T::Redo,
    T::Log,
];

/// A list of writes committed as one transaction.
#[derive(Debug, Default)]
pub(crate) struct Ops(Vec<(T, Vec<u8>, Option<Vec<u8>>)>);

impl Ops {
    pub(crate) fn put(&mut self, t: T, key: Vec<u8>, value: Vec<u8>) {
        self.0.push((t, key, Some(value)));
    }
    pub(crate) fn del(&mut self, t: T, key: Vec<u8>) {
        self.0.push((t, key, None));
    }
}

/// The open database, shared by the `Store` and its `Session`s. Field order is drop order: the
/// database closes before the lock is released.
pub(crate) struct Inner {
    db: sled::Db,
    trees: Vec<sled::Tree>,
    sync: File,
    dir: PathBuf,
    instance: u64,
    _lock: DirLock,
}

impl Inner {
    pub(crate) fn tree(&self, t: T) -> &sled::Tree {
        &self.trees[t as usize]
    }

    /// Commits `ops` atomically across the trees they touch and makes them durable.
    pub(crate) fn commit(&self, ops: &Ops) -> Result<(), StoreError> {
        if ops.0.is_empty() {
            return Ok(());
        }
        let began = std::time::SystemTime::now();
        let large = ops
            .0
            .iter()
            .any(|(_, _, v)| v.as_ref().is_some_and(|v| v.len() > LARGE_VALUE));
        let mut used: Vec<T> = ops.0.iter().map(|(t, _, _)| *t).collect();
        used.sort();
        used.dedup();
        let mut slot = [0usize; TREES.len()];
        for (i, t) in used.iter().enumerate() {
            slot[*t as usize] = i;
        }
        let trees: Vec<&sled::Tree> = used.iter().map(|t| self.tree(*t)).collect();
        let result = trees.as_slice().transaction(|txs| {
            for (t, k, v) in &ops.0 {
                let tx = &txs[slot[*t as usize]];
                match v {
                    Some(v) => tx.insert(k.as_slice(), v.as_slice())?,
                    None => tx.remove(k.as_slice())?,
                };
            }
            Ok::<_, ConflictableTransactionError<()>>(())
        });
        match result {
            Ok(()) => {}
            Err(TransactionError::Storage(e)) => return Err(e.into()),
            Err(TransactionError::Abort(())) => {
                return Err(StoreError::Db("the change was aborted".into()));
            }
        }
        self.durable()?;
        if large {
            self.sync_blobs(began)?;
        }
        Ok(())
    }

    /// sled 0.34.7 writes a value above its blob threshold to its own file under `db/blobs/`
    /// and never fsyncs it. Entities are bounded (`model::validate`) and undo entries chunked,
    /// but an item with many asset tags can still be large, so after such a commit every blob
    /// file written since it began is synced, then the folder.
    fn sync_blobs(&self, since: std::time::SystemTime) -> Result<(), StoreError> {
        let dir = self.dir.join("db").join("blobs");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(());
        };
        let recent = since - std::time::Duration::from_secs(2);
        for entry in entries.flatten() {
            let fresh = entry
                .metadata()
                .and_then(|m| m.modified())
                .is_ok_and(|t| t >= recent);
            if fresh {
                let path = entry.path();
                File::open(&path)
                    .and_then(|f| f.sync_all())
                    .map_err(|e| StoreError::io(format!("sync {}", path.display()), e))?;
            }
        }
        File::open(&dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| StoreError::io(format!("sync {}", dir.display()), e))
    }

    /// `flush` (sled's log to the OS) plus `sync_data` on the log file (the OS to the disk).
    pub(crate) fn durable(&self) -> Result<(), StoreError> {
        self.db.flush()?;
        self.sync
            .sync_data()
            .map_err(|e| StoreError::io(format!("sync {}", self.dir.join("db").display()), e))
    }

    pub(crate) fn meta_of(&self, name: &str) -> Result<Option<SessionMeta>, StoreError> {
        match self.tree(T::Sessions).get(name.as_bytes())? {
            Some(v) => Ok(Some(keys::decode(&format!("session {name:?}"), &v)?)),
            None => Ok(None),
        }
    }
}

/// A session's bookkeeping record in the `sessions` tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct SessionMeta {
    pub created: String,
    pub modified: String,
    /// Changes made (Do, Undo and Redo each count): the next log sequence number.
    pub changes: u64,
    /// Depth of the undo stack (one past its newest entry).
    pub undo: u64,
    /// Depth of its oldest entry still kept: entries below were dropped to bound the stack
    /// (`session::UNDO_KEEP`). Absent in records written before the bound, hence the default.
    #[serde(default)]
    pub undo_floor: u64,
    /// Depth of the redo stack.
    pub redo: u64,
    pub items: u64,
    pub initiatives: u64,
    /// The session this one was forked from: a what-if scenario of that district.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forked_from: Option<String>,
}

/// One row of `vcio session list`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SessionInfo {
    pub name: String,
    /// RFC 3339.
    pub created: String,
    /// RFC 3339.
    pub modified: String,
    /// Changes recorded in the session's log.
    pub edits: u64,
    pub items: u64,
    pub initiatives: u64,
    /// The session this scenario was forked from.
    pub forked_from: Option<String>,
}

pub(crate) fn now_rfc3339() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
}

/// The store: the lock plus the open database. Cheap to keep open for the whole process.
pub struct Store {
    inner: Arc<Inner>,
    warnings: Vec<String>,
}

impl Store {
    /// Creates `data_dir` if needed, takes the lock, opens sled, checks the schema and writes
    /// rolling backups of changed sessions (failures to back up become `warnings`).
    pub fn open(data_dir: &Path) -> Result<Store, StoreError> {
        let lock = DirLock::acquire(data_dir)?;
        // Looser modes left by an older vcio (or a umask of 022) are tightened, and said so.
        let notices = fsx::tighten_tree(data_dir);
        let mut store = Store::open_locked(data_dir, lock)?;
        store.warnings = notices;
        store.warnings.extend(backup::rolling_backups(&store));
        Ok(store)
    }

    /// Opens the database while already holding the lock (no backups written).
    pub(crate) fn open_locked(data_dir: &Path, lock: DirLock) -> Result<Store, StoreError> {
        let dir = data_dir.join("db");
        fsx::private_dir(&dir)?;
        // A database that had data but lost its schema record is damaged, not new.
        let existed = std::fs::metadata(dir.join("db"))
            .map(|m| m.len() > 0)
            .unwrap_or(false);
        let db = open_sled(&dir)?;
        // sled creates its files with the process umask; the folder is private already, and
        // the files are made so too (quietly: this is not a change the user made).
        let _ = fsx::tighten_tree(data_dir);
        let corrupt = |detail: &str| StoreError::Corrupt {
            dir: dir.clone(),
            detail: detail.to_string(),
        };
        let mut trees = Vec::with_capacity(TREES.len());
        for (_, name) in TREES {
            trees.push(
                db.open_tree(name)
                    .map_err(|e| corrupt(&error::sled_cause(&e)))?,
            );
        }
        let sync = File::open(dir.join("db"))
            .map_err(|e| StoreError::io(format!("open {}", dir.join("db").display()), e))?;
        let meta = &trees[T::Meta as usize];
        let version = meta
            .get(SCHEMA_KEY)
            .map_err(|e| corrupt(&error::sled_cause(&e)))?;
        let instance = match version {
            Some(v) => {
                let found = <[u8; 4]>::try_from(v.as_ref())
                    .map(u32::from_be_bytes)
                    .map_err(|_| corrupt("the schema version is unreadable"))?;
                if found > SCHEMA_VERSION {
                    return Err(StoreError::NewerSchema { found, dir });
                }
                meta.get(INSTANCE_KEY)
                    .ok()
                    .flatten()
                    .and_then(|v| <[u8; 8]>::try_from(v.as_ref()).ok())
                    .map(u64::from_be_bytes)
                    .unwrap_or(0)
            }
            None if existed && !trees[T::Sessions as usize].is_empty() => {
                return Err(corrupt("the schema version is missing"));
            }
            None if existed && backup::has_backups(data_dir) => {
                return Err(corrupt("the database has lost its contents"));
            }
            None => {
                let instance = new_instance_id();
                meta.insert(SCHEMA_KEY, &SCHEMA_VERSION.to_be_bytes())?;
                meta.insert(INSTANCE_KEY, &instance.to_be_bytes())?;
                instance
            }
        };
        let inner = Inner {
            db,
            trees,
            sync,
            dir: data_dir.to_path_buf(),
            instance,
            _lock: lock,
        };
        inner.durable()?;
        Ok(Store {
            inner: Arc::new(inner),
            warnings: Vec::new(),
        })
    }

    pub fn data_dir(&self) -> &Path {
        &self.inner.dir
    }

    /// Problems met while opening that did not stop it (a backup that could not be written).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    pub(crate) fn inner(&self) -> &Arc<Inner> {
        &self.inner
    }

    /// A number identifying this database (backups record it to tell databases apart).
    pub(crate) fn instance(&self) -> u64 {
        self.inner.instance
    }

    /// All sessions, by name.
    pub fn sessions(&self) -> Result<Vec<SessionInfo>, StoreError> {
        let mut out = Vec::new();
        for kv in self.inner.tree(T::Sessions).iter() {
            let (k, v) = kv?;
            let name = String::from_utf8_lossy(&k).into_owned();
            let m: SessionMeta = keys::decode(&format!("session {name:?}"), &v)?;
            out.push(SessionInfo {
                name,
                created: m.created,
                modified: m.modified,
                edits: m.changes,
                items: m.items,
                initiatives: m.initiatives,
                forked_from: m.forked_from,
            });
        }
        Ok(out)
    }

    pub fn exists(&self, name: &str) -> Result<bool, StoreError> {
        Ok(self.inner.tree(T::Sessions).contains_key(name.as_bytes())?)
    }

    /// Creates a session holding `plan`, in one transaction. Refused if the name is taken.
    pub fn create(&self, name: &str, plan: &Plan) -> Result<(), StoreError> {
        self.create_as(name, plan, None)
    }

    /// `create`, recording the session a scenario was forked from.
    fn create_as(&self, name: &str, plan: &Plan, parent: Option<&str>) -> Result<(), StoreError> {
        keys::check_name(name)?;
        if self.exists(name)? {
            return Err(StoreError::SessionExists(name.to_string()));
        }
        check_unique_ids(plan)?;
        crate::model::validate::plan(plan).map_err(StoreError::Invalid)?;
        let mut ops = Ops::default();
        // Clear leftovers a failed delete may have left under this name.
        self.delete_ops(name, &mut ops)?;
        session::plan_ops(name, plan, &mut ops)?;
        let now = now_rfc3339();
        let meta = SessionMeta {
            created: now.clone(),
            modified: now,
            changes: 0,
            undo: 0,
            undo_floor: 0,
            redo: 0,
            items: plan.items.len() as u64,
            initiatives: plan.initiatives.len() as u64,
            forked_from: parent.map(String::from),
        };
        ops.put(
            T::Sessions,
            name.as_bytes().to_vec(),
            keys::encode_trusted("session metadata", &meta)?,
        );
        self.inner.commit(&ops)?;
        // A journal left by an earlier session of this name describes another history.
        journal::reset(self.data_dir(), name)?;
        // A first backup now, so the journal always has a base (restore and read-only opens
        // need one). If it fails, the next open writes it.
        let files = backup::list_backups(self.data_dir())?
            .remove(name)
            .unwrap_or_default();
        let _ = backup::backup_session(self, name, &meta, &files);
        Ok(())
    }

    /// Opens a session: its plan, undo/redo depth and log position.
    pub fn open_session(&self, name: &str) -> Result<Session, StoreError> {
        Session::load(self.inner.clone(), name)
    }

    /// Copies `from`'s plan into a new session `to` (with a fresh history).
    pub fn fork(&self, from: &str, to: &str) -> Result<(), StoreError> {
        keys::check_name(to)?;
        if self.exists(to)? {
            return Err(StoreError::SessionExists(to.to_string()));
        }
        let plan = session::load_plan(&self.inner, from)?;
        self.create_as(to, &plan, Some(from))
    }

    /// Deletes a session and its history, in one transaction. Refused if it does not exist.
    pub fn delete(&self, name: &str) -> Result<(), StoreError> {
        if !self.exists(name)? {
            return Err(StoreError::NoSuchSession(name.to_string()));
        }
        let mut ops = Ops::default();
        ops.del(T::Sessions, name.as_bytes().to_vec());
        self.delete_ops(name, &mut ops)?;
        self.inner.commit(&ops)?;
        journal::reset(self.data_dir(), name)
    }

    /// Replaces a session's plan (an import) as ONE undoable step that writes only what differs.
    /// Returns the number of changes (0: the plan was already identical; nothing recorded).
    pub fn replace_plan(&self, name: &str, plan: &Plan) -> Result<usize, StoreError> {
        check_unique_ids(plan)?;
        let mut session = self.open_session(name)?;
        let edits = plan_diff(session.plan(), plan);
        let n = edits.len();
        if n == 0 {
            return Ok(0);
        }
        let label = format!("import plan ({n} change{})", if n == 1 { "" } else { "s" });
        session.apply_labeled(crate::edit::Edit::Batch(edits), label)?;
        Ok(n)
    }

    /// Removals of every key of `name` in the per-session trees.
    fn delete_ops(&self, name: &str, ops: &mut Ops) -> Result<(), StoreError> {
        let prefix = keys::prefix(name);
        for t in SESSION_TREES {
            for k in self.inner.tree(t).scan_prefix(&prefix).keys() {
                ops.del(t, k?.to_vec());
            }
        }
        Ok(())
    }
}

/// Items and initiatives are stored under their ids, so ids must be unique.
fn check_unique_ids(plan: &Plan) -> Result<(), StoreError> {
    let dup = |ids: Vec<&str>| {
        let mut ids = ids;
        ids.sort_unstable();
        ids.windows(2)
            .find(|w| w[0] == w[1])
            .map(|w| w[0].to_string())
    };
    if let Some(id) = dup(plan.items.iter().map(|i| i.id.as_str()).collect()) {
        return Err(StoreError::Invalid(format!(
            "two inventory items have the id {id:?}"
        )));
    }
    if let Some(id) = dup(plan.initiatives.iter().map(|i| i.id.as_str()).collect()) {
        return Err(StoreError::Invalid(format!(
            "two initiatives have the id {id:?}"
        )));
    }
    Ok(())
}
