//! Getting data in: inventory CSV exports (Snipe-IT, Google Admin / GAM, a generic template) and
//! OSCAL control catalogs, as pure functions from file text to model values.
//!
//! Nothing here touches the terminal, the store or the file system: the caller reads the file and
//! passes its name (for messages) and bytes. Every error names `FILE:LINE` (and the column where
//! one is at fault), and a failed import returns `Err` having changed nothing.
//!
//! - [`import_inventory`]: CSV bytes + existing items -> [`ImportReport`] (grouped [`crate::model::Item`]s).
//! - [`generic_template`]: the documented generic CSV (`vcio import inventory --template`).
//! - [`import_oscal`]: OSCAL catalog JSON -> [`crate::standards::Standard`]s.
//! - [`ModelRules`]: model name -> category/kind/tags, extensible by a district RON file.

mod cells;
pub mod columns;
pub mod csv_util;
pub mod district_import;
mod group;
pub mod inventory_import;
mod merge;
pub mod model_rules;
pub mod oscal;
pub mod price_book;
mod rows;
pub mod sites;

pub use inventory_import::{
    ImportOptions, ImportReport, InventoryFormat, generic_template, import_inventory,
};
pub use model_rules::{ModelRule, ModelRules};
pub use oscal::import_oscal;
pub use price_book::PriceBook;
pub use sites::{SiteResolver, UnmatchedSite, parse_site_map};

use std::fmt;

/// One bad row: `FILE:LINE: column "X": message` (the column part only when one column is at
/// fault). `line` is the 1-based line in the file where the row starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowError {
    pub file: String,
    pub line: usize,
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: ", self.file, self.line)?;
        if let Some(c) = &self.column {
            write!(f, "column {c:?}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Why an import produced nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError {
    /// The file cannot be read as its format at all (malformed JSON or RON, broken CSV quoting).
    Parse {
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// Required columns are absent from the header row.
    MissingColumns {
        file: String,
        format: &'static str,
        missing: Vec<String>,
    },
    /// `Auto` could not tell the export format from the header row.
    UnknownFormat { file: String, header: Vec<String> },
    /// The file parsed but is not what was asked for (e.g. JSON that is not an OSCAL catalog,
    /// a CSV with no data rows).
    Invalid { file: String, message: String },
    /// Rows with errors, and `skip_invalid` was not set: nothing was imported.
    Rows { errors: Vec<RowError> },
    /// Locations that match none of the district's sites: nothing was imported.
    UnmatchedSites {
        file: String,
        sites: Vec<UnmatchedSite>,
    },
}

/// How many row errors an `ImportError::Rows` message lists before "and N more".
pub const ROW_ERRORS_SHOWN: usize = 10;

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ImportError::Parse {
                file,
                line,
                column,
                message,
            } => {
                write!(
                    f,
                    "{file}:{line}:{column}: {}",
                    crate::decode::one_line(message, 200)
                )
            }
            ImportError::MissingColumns {
                file,
                format,
                missing,
            } => {
                let names: Vec<String> = missing.iter().map(|m| format!("{m:?}")).collect();
                let s = if missing.len() == 1 { "" } else { "s" };
                write!(
                    f,
                    "{file}:1: missing required column{s} {} for a {format} export",
                    names.join(", ")
                )
            }
            ImportError::UnknownFormat { file, header } => {
                let shown: Vec<String> = header
                    .iter()
                    .take(12)
                    .map(|h| crate::decode::one_line(h, 40))
                    .collect();
                let more = if header.len() > 12 { ", ..." } else { "" };
                write!(
                    f,
                    "{file}:1: cannot tell the export format from the header ({}{more}); pass --format snipeit, google-admin or generic",
                    shown.join(", ")
                )
            }
            ImportError::Invalid { file, message } => write!(f, "{file}: {message}"),
            ImportError::UnmatchedSites { file, sites } => {
                let n = sites.len();
                let (s, verb) = if n == 1 {
                    ("", "matches")
                } else {
                    ("s", "match")
                };
                write!(
                    f,
                    "{file}: {n} location{s} {verb} no school of the district; nothing imported"
                )?;
                for u in sites {
                    let rows = if u.rows == 1 { "row" } else { "rows" };
                    write!(f, "\n  {:?} ({} {rows})", u.location, u.rows)?;
                    if let Some((id, name)) = &u.closest {
                        write!(f, ": closest is {id} ({name})")?;
                    }
                }
                write!(
                    f,
                    "\nMap each with `vcio site alias SITE \"LOCATION\"` or --site-map FILE (lines \"location,site\"), or pass --create-sites to add them as new sites."
                )
            }
            ImportError::Rows { errors } => {
                // First line: the first cause, so a one-line report still names FILE:LINE.
                let n = errors.len();
                match errors.first() {
                    Some(first) => write!(f, "{first}")?,
                    None => f.write_str("invalid rows")?,
                }
                write!(
                    f,
                    " ({n} invalid row{} in all; nothing imported)",
                    if n == 1 { "" } else { "s" }
                )?;
                for e in errors.iter().skip(1).take(ROW_ERRORS_SHOWN - 1) {
                    write!(f, "\n  {e}")?;
                }
                if n > ROW_ERRORS_SHOWN {
                    write!(
                        f,
                        "\n  ... and {} more (--skip-invalid imports the valid rows)",
                        n - ROW_ERRORS_SHOWN
                    )?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ImportError {}
