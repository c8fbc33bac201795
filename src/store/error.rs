//! The store's error type. Every variant displays as one line a CIO can act on; sled's own error
//! text (source paths, `Os { code: .. }` debris) is translated here and never shown raw.

use crate::edit::EditError;
use std::path::PathBuf;

#[derive(Debug)]
pub enum StoreError {
    /// Another process holds `<data_dir>/vcio.lock`.
    Locked {
        pid: Option<u32>,
        since: Option<String>,
        dir: PathBuf,
    },
    /// A file-system operation failed (`what` says which, e.g. "create DIR").
    Io {
        what: String,
        source: std::io::Error,
    },
    /// The database exists but cannot be opened: the user should run `vcio session restore`.
    Corrupt {
        dir: PathBuf,
        detail: String,
    },
    /// The database was written by a newer vcio.
    NewerSchema {
        found: u32,
        dir: PathBuf,
    },
    /// A database operation failed after the database was opened.
    Db(String),
    /// Stored data cannot be read back (`what` names the key).
    Decode {
        what: String,
        detail: String,
    },
    NoSuchSession(String),
    SessionExists(String),
    InvalidName {
        name: String,
        why: String,
    },
    /// A value cannot be stored as given (e.g. a number that is not finite).
    Invalid(String),
    /// The edit itself cannot apply to the plan; nothing changed.
    Edit(EditError),
    /// A plan file is malformed: `FILE:LINE:COL: message`.
    Parse {
        file: String,
        line: usize,
        col: usize,
        msg: String,
    },
    /// `restore` found nothing to restore.
    NoBackups(PathBuf),
    /// `restore` was asked to replace a database that opens fine.
    Healthy(PathBuf),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::Locked { pid, since, dir } => {
                let who = match (pid, since) {
                    (Some(p), Some(s)) => format!("another vcio (pid {p}, since {s})"),
                    (Some(p), None) => format!("another vcio (pid {p})"),
                    _ => "another vcio".to_string(),
                };
                write!(f, "{who} is using {}; close it first", dir.display())
            }
            StoreError::Io { what, source } => write!(f, "cannot {what}: {}", one_line(source)),
            StoreError::Corrupt { dir, detail } => write!(
                f,
                "the database in {} cannot be opened ({detail}); `vcio session restore` rebuilds it from the backups and the edit journal",
                dir.display()
            ),
            StoreError::NewerSchema { found, dir } => write!(
                f,
                "the database in {} was written by a newer vcio (schema {found}, this one reads {}); upgrade vcio",
                dir.display(),
                super::SCHEMA_VERSION
            ),
            StoreError::Db(why) => write!(f, "the database failed: {why}"),
            StoreError::Decode { what, detail } => {
                write!(f, "stored data for {what} cannot be read ({detail})")
            }
            StoreError::NoSuchSession(n) => write!(f, "no session named {n:?}"),
            StoreError::SessionExists(n) => write!(f, "a session named {n:?} already exists"),
            StoreError::InvalidName { name, why } => {
                write!(f, "{name:?} is not a valid session name: {why}")
            }
            StoreError::Invalid(why) => f.write_str(why),
            StoreError::Edit(e) => write!(f, "cannot apply the change: {e}"),
            StoreError::Parse {
                file,
                line,
                col,
                msg,
            } => write!(
                f,
                "{file}:{line}:{col}: {}",
                crate::decode::one_line(msg, 200)
            ),
            StoreError::NoBackups(dir) => {
                write!(f, "no backups to restore in {}", dir.display())
            }
            StoreError::Healthy(dir) => write!(
                f,
                "the database in {} opens fine; pass --force to replace it with the newest backups anyway",
                dir.display()
            ),
        }
    }
}

impl std::error::Error for StoreError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            StoreError::Io { source, .. } => Some(source),
            StoreError::Edit(e) => Some(e),
            _ => None,
        }
    }
}

impl From<EditError> for StoreError {
    fn from(e: EditError) -> Self {
        StoreError::Edit(e)
    }
}

impl From<sled::Error> for StoreError {
    fn from(e: sled::Error) -> Self {
        StoreError::Db(sled_cause(&e))
    }
}

impl StoreError {
    /// Why the database cannot be opened for writing when a read-only command may still read
    /// the newest backup and journal instead: another vcio holds it, or the data directory is
    /// read-only to this user. None for every other error.
    pub fn read_only_reason(&self) -> Option<String> {
        match self {
            StoreError::Locked { pid, dir, .. } => Some(match pid {
                Some(p) => format!("another vcio (pid {p}) is using {}", dir.display()),
                None => format!("another vcio is using {}", dir.display()),
            }),
            StoreError::Io { what, source }
                if source.kind() == std::io::ErrorKind::PermissionDenied
                    || source.raw_os_error() == Some(libc::EROFS) =>
            {
                Some(format!("cannot {what} (read-only)"))
            }
            _ => None,
        }
    }

    pub(crate) fn io(what: impl Into<String>, source: std::io::Error) -> Self {
        StoreError::Io {
            what: what.into(),
            source,
        }
    }
}

/// A short, user-readable cause for a sled error, without sled's internal text.
pub(crate) fn sled_cause(e: &sled::Error) -> String {
    match e {
        sled::Error::Io(io) => format!("disk error ({})", io.kind()),
        sled::Error::Corruption { .. } => "the data on disk is corrupt".into(),
        sled::Error::ReportableBug(_) => "an internal database error".into(),
        sled::Error::Unsupported(_) => "an unsupported database operation".into(),
        sled::Error::CollectionNotFound(_) => "a database table is missing".into(),
    }
}

/// An io::Error as one line (the OS message without the `(os error N)` noise is fine as is).
fn one_line(e: &std::io::Error) -> String {
    e.to_string().replace('\n', " ")
}
