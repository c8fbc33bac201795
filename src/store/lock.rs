//! The data-directory lock. sled refuses a second open with an unmatchable `io::Error`, so vcio
//! takes its own exclusive, non-blocking lock on `<data_dir>/vcio.lock` before sled is touched,
//! and writes its pid and start time there so the second process can say who holds it.
//!
//! The lock is an OS file lock (`flock` on Unix): it goes away when the `DirLock` drops and when
//! the process dies, even by `kill -9`, so a stale file never blocks anyone.

use super::StoreError;
use std::fs::{File, TryLockError};
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
        super::fsx::private_root(dir)?;
        let path = dir.join(LOCK_FILE);
        let mut file = super::fsx::open_private(&path)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => {
                let (pid, since) = read_holder(&mut file);
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
        let _ = self.file.unlock();
    }
}

/// Who holds the lock. The holder writes its pid just after taking the lock, so a reader that
/// finds the file still empty waits for it (up to 200 ms) rather than report "another vcio".
fn read_holder(file: &mut File) -> (Option<u32>, Option<String>) {
    for _ in 0..40 {
        let mut text = String::new();
        let read = file
            .seek(SeekFrom::Start(0))
            .and_then(|_| file.read_to_string(&mut text));
        let holder = parse_holder(&text);
        if read.is_ok() && text.contains('\n') && holder.0.is_some() {
            return holder;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    (None, None)
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
