//! Inventory import from the CSV exports districts already have: Snipe-IT asset exports,
//! Google Admin ChromeOS device lists and GAM `print cros` output, and vcio's generic template.
//!
//! One row per asset (or, in the generic template, per line with a quantity) becomes inventory
//! **grouped** by model, site and calendar year of acquisition: 600 Chromebooks bought for one
//! school in 2021 are one [`Item`] with `quantity` 600 and their tags in `assets`. The group id is
//! deterministic, `IMP-<model>-<site>-<year>` (`district` without a site, `undated` without a
//! date), so importing the same export twice gives the same ids.
//!
//! Why the year and not the month: a purchase is delivered over weeks and standards age devices
//! in years, so months would split one fleet into many rows; the item's `acquired` is the
//! earliest month in its group, so ages err on the old side.
//!
//! - Sites: Snipe-IT `Location`, Google `orgUnitPath` (its first segment that is not a grouping
//!   word such as "Students", "Chromebooks" or "Grade 5", see [`ModelRules::ou_skip`]) or else
//!   `annotatedLocation`; slugged ("Lincoln HS" -> `lincoln-hs`).
//! - Category and kind come from [`ModelRules`] (model name, then the export's category text);
//!   unmatched models become Device / `other` with a warning naming them.
//! - Dates: Snipe-IT `Purchase Date`; Google has none, so `manufactureDate`, else the first
//!   enrollment. End of support: Google's auto-update expiry, Snipe-IT `EOL` when it is a date (a
//!   number there is months of life and sets `life_years`).
//! - `unit_cost_cents` is the average over rows with a cost (integer cents, rounded).
//! - Attributes are facts from the file: `status` (shared by all rows, else "mixed"),
//!   `boot_verified` and `dev_mode_units` from Google's boot mode.
//! - Retired rows (status Archived, Retired, Disposed, Lost/Stolen, Broken - Not Fixable,
//!   Deprovisioned...) are not imported; they are counted in [`ImportReport::retired`] and, if an
//!   existing item holds them, leave it.
//! - Re-import: see `merge` (an asset already in an item at the same site stays in that item;
//!   one at another site moves; the report holds only created and changed items).
//!
//! Bad input is normal input: BOM, `;`/tab delimiters (sniffed, or an Excel `sep=` line),
//! Windows-1252 text, CRLF, blank rows, quoted commas. Every bad cell is a [`RowError`]
//! `FILE:LINE: column "X": message`; without `skip_invalid` any row error fails the import.

use super::columns::{Columns, detect};
use super::csv_util::{Encoding, decode, sniff_delimiter};
use super::merge::merge;
use super::rows::{State, UNKNOWN_MODEL, estimate_rows};
use super::{ImportError, ModelRules, RowError};
use crate::model::Item;

/// Which export a file is. `Auto` detects it from the header row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InventoryFormat {
    #[default]
    Auto,
    SnipeIt,
    /// Google Admin console device export and GAM `print cros` output.
    GoogleAdmin,
    Generic,
}

impl InventoryFormat {
    /// The name the CLI uses: `auto`, `snipeit`, `google-admin`, `generic`.
    pub fn name(self) -> &'static str {
        match self {
            InventoryFormat::Auto => "auto",
            InventoryFormat::SnipeIt => "snipeit",
            InventoryFormat::GoogleAdmin => "google-admin",
            InventoryFormat::Generic => "generic",
        }
    }
}

impl std::str::FromStr for InventoryFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match super::csv_util::norm_header(s).as_str() {
            "auto" => Ok(Self::Auto),
            "snipeit" | "snipe" => Ok(Self::SnipeIt),
            "googleadmin" | "google" | "gam" | "chromeos" => Ok(Self::GoogleAdmin),
            "generic" | "vcio" => Ok(Self::Generic),
            _ => Err(format!(
                "unknown inventory format {s:?} (expected auto, snipeit, google-admin or generic)"
            )),
        }
    }
}

/// How to import.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    pub format: InventoryFormat,
    /// Import the valid rows and report the others in [`ImportReport::skipped`], instead of
    /// failing the whole import.
    pub skip_invalid: bool,
    /// Model -> category/kind rules (defaults, or `ModelRules::from_ron` of a district file).
    pub rules: ModelRules,
}

/// What an import produced. Apply it by upserting `items` (by id) and removing `emptied`.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportReport {
    /// The format read (detected when `Auto` was asked).
    pub format: InventoryFormat,
    /// Data rows read (blank rows excluded, retired and invalid rows included).
    pub rows_read: usize,
    /// Created and changed items, sorted by id. Unchanged existing items are not repeated.
    pub items: Vec<Item>,
    /// Ids of `items` that are new.
    pub created: Vec<String>,
    /// Ids of `items` that update an existing item.
    pub updated: Vec<String>,
    /// Existing items whose every unit moved away or retired: the caller should remove them.
    pub emptied: Vec<String>,
    /// Existing items the file touched without changing anything.
    pub unchanged: usize,
    /// Retired / disposed rows left out.
    pub retired: usize,
    /// Errors of the rows left out with `skip_invalid` (a row may have several).
    pub skipped: Vec<RowError>,
    pub warnings: Vec<String>,
}

/// The generic template: header plus two example rows (`vcio import inventory --template`).
///
/// Columns (any order, case and spacing ignored; only `name` is required):
/// `id` (optional: rows sharing it form one item; without it rows group like exports),
/// `asset tag`, `serial`, `name` (model or product), `category` (Device, Network, Software,
/// DataSystem, Security, Facility, Service), `kind`, `site`, `quantity` (default 1),
/// `unit cost`, `acquired` (YYYY-MM or a date), `life years`, `end of support`, `annual cost`
/// (per unit per year), `vendor`, `funding`, `erate` (C1/C2), `tags` (separated by `|`).
/// Blank category or kind are derived from the name by the model rules.
pub fn generic_template() -> &'static str {
    "id,asset tag,serial,name,category,kind,site,quantity,unit cost,acquired,life years,end of support,annual cost,vendor,funding,erate,tags\n\
     CB-LHS-2021,,,Dell Chromebook 3100,Device,chromebook,lincoln-hs,612,$279.00,2021-08,5,2026-06,,Dell,,,student|1to1\n\
     SW-GWS,,,Google Workspace for Education Plus,Software,productivity,,3200,,2023-07,,,$5.00,Google,general,,staff|student\n"
}

/// Import an inventory export. `file_name` is only used in messages; `existing` is the plan's
/// inventory (assets found there are updated in place, see the module docs).
pub fn import_inventory(
    file_name: &str,
    bytes: &[u8],
    existing: &[Item],
    opts: &ImportOptions,
) -> Result<ImportReport, ImportError> {
    let (text, encoding) = decode(bytes);
    let (delim, skip_lines) = sniff_delimiter(&text);
    let body = {
        let mut rest: &str = &text;
        for _ in 0..skip_lines {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
        }
        rest
    };
    let mut rdr = csv::ReaderBuilder::new()
        .delimiter(delim)
        .has_headers(false)
        .flexible(true)
        .from_reader(body.as_bytes());
    let csv_err = |e: csv::Error| ImportError::Parse {
        file: file_name.into(),
        line: e.position().map_or(0, |p| p.line() as usize) + skip_lines,
        column: 1,
        message: e.to_string(),
    };
    let mut rec = csv::StringRecord::new();
    // Header: the first non-blank record.
    let headers: Vec<String> = loop {
        if !rdr.read_record(&mut rec).map_err(csv_err)? {
            return Err(ImportError::Invalid {
                file: file_name.into(),
                message: "empty file: no header row".into(),
            });
        }
        if rec.iter().any(|f| !f.trim().is_empty()) {
            break rec.iter().map(|h| h.trim().to_string()).collect();
        }
    };
    let format = match opts.format {
        InventoryFormat::Auto => detect(&headers).ok_or_else(|| ImportError::UnknownFormat {
            file: file_name.into(),
            header: headers.clone(),
        })?,
        f => f,
    };
    let cols =
        Columns::resolve(format, &headers).map_err(|missing| ImportError::MissingColumns {
            file: file_name.into(),
            format: format.name(),
            missing,
        })?;

    let mut st = State::new(file_name, format, &cols, existing, &opts.rules);
    st.header_len = headers.len();
    st.reserve(estimate_rows(body));
    while rdr.read_record(&mut rec).map_err(csv_err)? {
        let line = rec.position().map_or(0, |p| p.line() as usize) + skip_lines;
        st.row(&rec, line);
    }
    let State {
        rows_read,
        groups,
        leaving,
        errors,
        retired,
        no_site,
        no_model,
        ..
    } = st;
    if rows_read == 0 {
        return Err(ImportError::Invalid {
            file: file_name.into(),
            message: "no data rows under the header".into(),
        });
    }
    if !errors.is_empty() && !opts.skip_invalid {
        return Err(ImportError::Rows { errors });
    }
    let merged = merge(
        groups,
        existing,
        &leaving,
        &opts.rules,
        format == InventoryFormat::Generic,
    );
    let mut warnings = Vec::new();
    match encoding {
        Encoding::Utf8 => {}
        Encoding::Utf16 => warnings.push(format!("{file_name}: read as UTF-16 (byte-order mark)")),
        Encoding::Windows1252 { line, col } => warnings.push(format!(
            "{file_name}:{line}:{col}: not UTF-8 from here on; read as Windows-1252/Latin-1"
        )),
    }
    if retired > 0 {
        warnings.push(format!(
            "{file_name}: {retired} retired or disposed asset(s) not imported"
        ));
    }
    if !errors.is_empty() {
        let mut lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        lines.dedup();
        warnings.push(format!(
            "{file_name}: {} invalid row(s) skipped",
            lines.len()
        ));
    }
    if no_site > 0 && format != InventoryFormat::Generic {
        warnings.push(format!(
            "{file_name}: {no_site} asset(s) have no location; imported as district-wide"
        ));
    }
    if no_model > 0 {
        warnings.push(format!(
            "{file_name}: {no_model} asset(s) have no model; imported as {UNKNOWN_MODEL:?}"
        ));
    }
    if !merged.unknown_models.is_empty() {
        let shown: Vec<&str> = merged
            .unknown_models
            .iter()
            .take(5)
            .map(String::as_str)
            .collect();
        warnings.push(format!(
            "{file_name}: {} model(s) matched no model rule and were imported as Device/other: {}{}",
            merged.unknown_models.len(),
            shown.join(", "),
            if merged.unknown_models.len() > 5 { ", ..." } else { "" }
        ));
    }
    Ok(ImportReport {
        format,
        rows_read,
        items: merged.items,
        created: merged.created,
        updated: merged.updated,
        emptied: merged.emptied,
        unchanged: merged.unchanged,
        retired,
        skipped: errors,
        warnings,
    })
}
