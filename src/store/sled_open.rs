//! Opening sled safely: unfinished snapshots removed first (see `remove_unfinished_snapshots`),
//! sled's own lock waited for briefly, and its errors and panics on a damaged database turned
//! into `StoreError::Corrupt` with a one-line cause.

use super::{StoreError, error};
use std::path::Path;
use std::sync::Arc;

/// Opens sled, turning its errors and panics on a damaged database into `Corrupt`.
///
/// We hold `vcio.lock`, so when sled still finds its own lock taken it is almost always a sled
/// instance of this process that is shutting down (a `Store` just dropped: sled releases its
/// file lock from background threads); wait for it briefly before giving up.
pub(crate) fn open_sled(dir: &Path) -> Result<sled::Db, StoreError> {
    remove_unfinished_snapshots(dir)?;
    let config = sled::Config::new()
        .path(dir)
        .mode(sled::Mode::LowSpace)
        .cache_capacity(8 * 1024 * 1024);
    let corrupt = |detail: String| StoreError::Corrupt {
        dir: dir.to_path_buf(),
        detail,
    };
    let mut tries = 0;
    loop {
        match quietly(|| config.open()) {
            Ok(Ok(db)) => return Ok(db),
            Ok(Err(sled::Error::Io(e))) if e.to_string().contains("could not acquire lock") => {
                tries += 1;
                if tries < 300 {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    continue;
                }
                return Err(StoreError::Locked {
                    pid: None,
                    since: None,
                    dir: dir.parent().unwrap_or(dir).to_path_buf(),
                });
            }
            Ok(Err(sled::Error::Io(e))) if e.kind() != std::io::ErrorKind::Other => {
                return Err(StoreError::io(
                    format!("open the database in {}", dir.display()),
                    e,
                ));
            }
            Ok(Err(e)) => return Err(corrupt(error::sled_cause(&e))),
            Err(()) => return Err(corrupt("reading it crashed".into())),
        }
    }
}

/// Removes `snap.<lsn>.generating` files: snapshots sled began writing (when opening a database
/// whose log had moved on) but never finished, because the process was killed or the disk was
/// full. sled 0.34.7 picks the lexically greatest `snap.*` file as its newest snapshot, and a
/// `.generating` name sorts after the finished snapshot of the same or a lower LSN, so a partial
/// one makes the database fail to open ("the data on disk is corrupt") although every
/// acknowledged edit is in the log. A finished snapshot is renamed from `.generating` only after
/// it is complete and synced, so none is lost here; and no other process can be writing one,
/// because the caller holds `vcio.lock` (sled writes snapshots only while it has the database
/// open).
pub(crate) fn remove_unfinished_snapshots(dir: &Path) -> Result<(), StoreError> {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(StoreError::io(format!("read {}", dir.display()), e)),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with("snap.") && name.ends_with(".generating") {
            let path = entry.path();
            std::fs::remove_file(&path)
                .map_err(|e| StoreError::io(format!("remove {}", path.display()), e))?;
        }
    }
    Ok(())
}

/// Runs `f`, catching a panic and keeping its message off the terminal (sled may panic on a
/// damaged log). Panics on other threads are still reported by the previous hook.
fn quietly<R>(f: impl FnOnce() -> R) -> Result<R, ()> {
    static HOOK: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _serial = HOOK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let prev = Arc::new(std::panic::take_hook());
    let shared = prev.clone();
    let me = std::thread::current().id();
    std::panic::set_hook(Box::new(move |info| {
        if std::thread::current().id() != me {
            shared(info);
        }
    }));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    drop(std::panic::take_hook());
    match Arc::try_unwrap(prev) {
        Ok(hook) => std::panic::set_hook(hook),
        Err(prev) => std::panic::set_hook(Box::new(move |info| prev(info))),
    }
    result.map_err(|_| ())
}

pub(crate) fn new_instance_id() -> u64 {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0);
    nanos ^ (u64::from(std::process::id()) << 32)
}
