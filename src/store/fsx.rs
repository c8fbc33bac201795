//! Writing inside the data directory safely: private modes, no symlink following, exclusive
//! temporary names.
//!
//! District data (the database, backups, the edit journal) is private: directories are created
//! 0700 and files 0600 whatever the umask, and looser modes found on open are tightened. No file
//! vcio writes in the data directory is opened through a symbolic link: a planted link at a
//! temporary name, the lock file or a backup would otherwise let vcio overwrite or truncate any
//! file the user can write. Files are created with `O_NOFOLLOW | O_EXCL` under a fresh name and
//! renamed into place (`rename` replaces a link at the target, it never follows it).
//!
//! Exports the user sends elsewhere (`--out FILE`) do not come through here: they keep the
//! user's umask, as any other tool's output does.

use super::StoreError;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Mode of every directory vcio creates in the data directory.
pub const DIR_MODE: u32 = 0o700;
/// Mode of every file vcio creates in the data directory.
pub const FILE_MODE: u32 = 0o600;

/// Refuses `path` if it is a symbolic link (anything else, or nothing, is fine).
pub fn refuse_symlink(path: &Path) -> Result<(), StoreError> {
    match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => Err(link_refused(path)),
        _ => Ok(()),
    }
}

fn link_refused(path: &Path) -> StoreError {
    StoreError::Invalid(format!(
        "{} is a symbolic link; vcio does not write through links in its data directory (remove it)",
        path.display()
    ))
}

/// Creates `dir` (and missing parents) with mode 0700. An existing `dir` must be a real
/// directory, not a link to one.
pub fn private_dir(dir: &Path) -> Result<(), StoreError> {
    refuse_symlink(dir)?;
    private_root(dir)
}

/// Creates the data directory itself (mode 0700). It may be a link the user made on purpose
/// (e.g. to another disk); everything vcio creates inside it may not.
pub fn private_root(dir: &Path) -> Result<(), StoreError> {
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(DIR_MODE)
        .create(dir)
        .map_err(|e| StoreError::io(format!("create {}", dir.display()), e))
}

/// Opens (creating if needed, mode 0600) an existing-or-new file for reading and writing without
/// following a link and without truncating it.
pub fn open_private(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| link_or_io(path, "open", e))
}

/// Opens `path` for appending (created 0600 if missing), never through a link.
pub fn open_append(path: &Path) -> Result<File, StoreError> {
    OpenOptions::new()
        .append(true)
        .create(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(path)
        .map_err(|e| link_or_io(path, "open", e))
}

/// Streams `write` into a new, exclusive temporary file beside `path`, syncs it and renames it
/// over `path`: the file is complete or absent, private, and no planted link is followed.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<File>) -> std::io::Result<()>,
) -> Result<(), StoreError> {
    let dir = path.parent().unwrap_or(Path::new("."));
    private_dir(dir)?;
    let tmp = temp_name(path);
    let io = |e| StoreError::io(format!("write {}", path.display()), e);
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(FILE_MODE)
        .custom_flags(libc::O_NOFOLLOW | libc::O_CLOEXEC)
        .open(&tmp)
        .map_err(|e| link_or_io(&tmp, "create", e))?;
    let result = (|| {
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        write(&mut w)?;
        w.flush()?;
        let f = w.into_inner().map_err(|e| e.into_error())?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(io(e));
    }
    // The rename is durable once the directory is.
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

/// `.NAME.PID.N.tmp` beside `path`: unique per process and call, so two writers (or a planted
/// file) never share a temporary.
fn temp_name(path: &Path) -> PathBuf {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{}.{n}.tmp", std::process::id()))
}

fn link_or_io(path: &Path, what: &str, e: std::io::Error) -> StoreError {
    // O_NOFOLLOW on a link fails with ELOOP; O_EXCL on an existing link with EEXIST.
    if e.raw_os_error() == Some(libc::ELOOP) || refuse_symlink(path).is_err() {
        return link_refused(path);
    }
    StoreError::io(format!("{what} {}", path.display()), e)
}

/// Tightens `path` (a directory: 0700, a file: 0600) if group or others may read it. Returns a
/// one-line notice when it changed something. Links are left alone (never followed).
pub fn tighten(path: &Path) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if meta.file_type().is_symlink() {
        return None;
    }
    let mode = meta.permissions().mode() & 0o7777;
    if mode & 0o077 == 0 {
        return None;
    }
    let want = if meta.is_dir() { DIR_MODE } else { FILE_MODE };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(want)).ok()?;
    Some(format!(
        "made {} private ({:o} -> {:o}): it holds district data",
        path.display(),
        mode,
        want
    ))
}

/// Tightens the data directory, its `db`, `backups` and `standards` folders and the files in
/// them. Returns one notice per folder changed (files inside are tightened silently with it).
pub fn tighten_tree(data_dir: &Path) -> Vec<String> {
    let mut notices = Vec::new();
    notices.extend(tighten(data_dir));
    for sub in ["db", "backups", "standards", "themes"] {
        let dir = data_dir.join(sub);
        let mut changed = tighten(&dir);
        if let Ok(entries) = std::fs::read_dir(&dir) {
            for entry in entries.flatten() {
                if let Some(n) = tighten(&entry.path()) {
                    changed.get_or_insert(n);
                }
            }
        }
        if let Some(n) = changed {
            notices.push(n);
        }
    }
    notices.extend(tighten(&data_dir.join(super::lock::LOCK_FILE)));
    notices
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_are_private_and_refuse_nothing_but_links() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("sub").join("a.ron");
        write_atomically(&path, |w| w.write_all(b"x")).expect("write");
        let mode = std::fs::metadata(&path).expect("meta").permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        let dmode = std::fs::metadata(path.parent().expect("parent"))
            .expect("meta")
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(dmode, 0o700);
    }

    #[test]
    fn a_link_in_place_of_the_file_is_replaced_not_followed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep me").expect("victim");
        let path = dir.path().join("a.ron");
        std::os::unix::fs::symlink(&victim, &path).expect("link");
        write_atomically(&path, |w| w.write_all(b"new")).expect("write");
        assert_eq!(std::fs::read(&victim).expect("victim"), b"keep me");
        assert!(
            !std::fs::symlink_metadata(&path)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
    }

    #[test]
    fn opening_a_link_is_refused_with_its_name() {
        let dir = tempfile::tempdir().expect("tempdir");
        let victim = dir.path().join("victim");
        std::fs::write(&victim, b"keep me").expect("victim");
        let path = dir.path().join("vcio.lock");
        std::os::unix::fs::symlink(&victim, &path).expect("link");
        let err = open_private(&path).expect_err("refused");
        assert!(err.to_string().contains("symbolic link"), "{err}");
        assert_eq!(std::fs::read(&victim).expect("victim"), b"keep me");
    }
}
