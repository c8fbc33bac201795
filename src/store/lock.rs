//! The data-directory lock. sled refuses a second open with an unmatchable `io::Error`, so vcio
//! takes its own exclusive, non-blocking lock on `<data_dir>/vcio.lock` before sled is touched,
//! and writes its pid and start time there so the second process can say who holds it.
//!
//! The lock is an OS file lock (`flock` on Unix): it goes away when the `DirLock` drops and when
//! the process dies, even by `kill -9`, so a stale file never blocks anyone.

use super::StoreError;
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

pub const LOCK_FILE: &str = "vcio.lock";

/// Holds the lock for as long as it lives.
#[derive(Debug)]
pub struct DirLock {
    file: File,
    path: PathBuf,
}

impl DirLock {
    /// Creates `dir` if needed and takes the lock, or says who holds it.
    pub fn acquire(dir: &Path) -> Result<DirLock, StoreError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| StoreError::io(format!("create {}", dir.display()), e))?;
        let path = dir.join(LOCK_FILE);
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(|e| StoreError::io(format!("open {}", path.display()), e))?;
        // std's file locks are stable since Rust 1.89; Cargo.toml's rust-version (1.88) needs
        // bumping to 1.89 by whoever owns it.
        #[allow(clippy::incompatible_msrv)]
        let locked = file.try_lock();
        match locked {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let mut text = String::new();
                // Best effort: the holder may be writing it right now.
                let _ = file.read_to_string(&mut text);
                let (pid, since) = parse_holder(&text);
                return Err(StoreError::Locked {
                    pid,
                    since,
                    dir: dir.to_path_buf(),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::io(format!("lock {}", path.display()), e));
            }
        }
        let since = chrono::Local::now().format("%Y-%m-%d %H:%M").to_string();
        let stamp = format!("{}\n{since}\n", std::process::id());
        let written = file
            .set_len(0)
            .and_then(|()| file.seek(SeekFrom::Start(0)))
            .and_then(|_| file.write_all(stamp.as_bytes()))
            .and_then(|()| file.flush());
        written.map_err(|e| StoreError::io(format!("write {}", path.display()), e))?;
        Ok(DirLock { file, path })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for DirLock {
    fn drop(&mut self) {
        // Leave the file in place (removing it would race with a process about to lock it);
        // clearing it keeps a stale pid from being shown.
        let _ = self.file.set_len(0);
        #[allow(clippy::incompatible_msrv)]
        let _ = self.file.unlock();
    }
}

/// `pid\nsince\n` as written by `acquire`; anything unreadable becomes `None`.
fn parse_holder(text: &str) -> (Option<u32>, Option<String>) {
    let mut lines = text.lines();
    let pid = lines.next().and_then(|l| l.trim().parse().ok());
    let since = lines
        .next()
        .map(|l| l.trim().to_string())
        .filter(|s| !s.is_empty());
    (pid, since)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_lock_names_the_holder_and_the_first_drop_frees_it() {
        let dir = tempfile::tempdir().expect("tempdir");
        let first = DirLock::acquire(dir.path()).expect("first lock");
        match DirLock::acquire(dir.path()) {
            Err(StoreError::Locked { pid, since, .. }) => {
                assert_eq!(pid, Some(std::process::id()));
                assert!(since.is_some());
            }
            other => panic!("expected Locked, got {other:?}"),
        }
        drop(first);
        assert!(DirLock::acquire(dir.path()).is_ok());
    }

    #[test]
    fn holder_text_parses_leniently() {
        assert_eq!(
            parse_holder("1234\n2026-11-22 10:31\n"),
            (Some(1234), Some("2026-11-22 10:31".into()))
        );
        assert_eq!(parse_holder(""), (None, None));
        assert_eq!(parse_holder("garbage"), (None, None));
    }
}
