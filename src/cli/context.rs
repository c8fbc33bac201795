//! What every command needs: the resolved data directory, session name and "now", and the
//! one-line user error type.

use crate::standards::Library;
use chrono::NaiveDate;
use std::path::PathBuf;

/// A user-facing failure: printed as one line on stderr, exit status 1.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserError(pub String);

impl std::fmt::Display for UserError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UserError {}

impl From<String> for UserError {
    fn from(s: String) -> Self {
        UserError(s)
    }
}

impl From<&str> for UserError {
    fn from(s: &str) -> Self {
        UserError(s.to_string())
    }
}

impl From<crate::workspace::ChangeError> for UserError {
    fn from(e: crate::workspace::ChangeError) -> Self {
        UserError(e.to_string())
    }
}

pub type CliResult<T = ()> = Result<T, UserError>;

#[derive(Debug, Clone)]
pub struct Ctx {
    pub data_dir: PathBuf,
    pub session: String,
    pub as_of: NaiveDate,
}

impl Ctx {
    pub fn new(data_dir: Option<PathBuf>, session: String, as_of: Option<&str>) -> CliResult<Ctx> {
        let data_dir = match data_dir {
            Some(d) => d,
            None => directories::ProjectDirs::from("org", "vcio", "vcio")
                .map(|p| p.data_dir().to_path_buf())
                .ok_or("cannot find a home directory for the data; pass --data-dir DIR")?,
        };
        let as_of = match as_of {
            Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map_err(|_| format!("--as-of: expected a date like 2026-11-22, found {s:?}"))?,
            None => chrono::Local::now().date_naive(),
        };
        install_erate_program(&data_dir)?;
        if session.trim().is_empty() || session.contains(['/', '\\', '\0']) {
            return Err(format!("--session: {session:?} is not a valid session name").into());
        }
        Ok(Ctx {
            data_dir,
            session,
            as_of,
        })
    }

    /// The built-in standards, extended or overridden by `DATA_DIR/standards/*.ron`.
    pub fn library(&self) -> CliResult<Library> {
        let dir = self.data_dir.join("standards");
        Library::load(dir.is_dir().then_some(dir.as_path())).map_err(|e| UserError(e.to_string()))
    }
}

/// A district's `erate-program.ron` (the FCC's figures and dates, when they change before vcio
/// does) replaces the embedded one for this process. Errors read `FILE:LINE:COL: message`.
fn install_erate_program(data_dir: &std::path::Path) -> CliResult {
    let path = data_dir.join("erate-program.ron");
    if !path.is_file() {
        return Ok(());
    }
    let text = crate::decode::read_file(&path).map_err(UserError)?;
    let program = crate::model::erate::ErateProgram::from_ron(&path.display().to_string(), &text)
        .map_err(UserError)?;
    crate::model::erate::install(program);
    Ok(())
}
