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
//! - Sites: one school is one site. A row's location (Snipe-IT `Location`, Google's location
//!   column) and then its org unit's school (the first `orgUnitPath` segment that is not a
//!   grouping word, see the model table's `ou_skip`) are matched to the district's declared
//!   sites by id, name or alias (see `sites`). A district without sites gets one per school
//!   found (`ImportReport::new_sites`); with sites declared, a location matching none fails
//!   the import ([`ImportError::UnmatchedSites`]) unless mapped (`site_map`) or `create_sites`.
//! - Category, kind and vendor facts come from the model table (manufacturer, model, model
//!   number, then the export's category text); unrecognised models become kind `other` and are
//!   listed in [`ImportReport::unmatched_models`].
//! - Dates: Snipe-IT `Purchase Date`; Google has none, so `manufactureDate`, else the first
//!   enrollment. End of support: Google's auto-update expiry, Snipe-IT `EOL` when it is a date (a
//!   number there is months of life and sets `life_years`), else the model table's date (marked
//!   `support_source`). No date at all leaves the age unknown, except that a model's release
//!   year is used as the earliest purchase year (marked `acquired_inferred`).
//! - Costs: `unit_cost_cents` is the average over rows with a cost (integer cents, rounded);
//!   with none, the price book's estimate, marked `cost_estimated` with its `cost_source`.
//! - Facts from the file, set on an item only when every unit has them: `status` (shared by all
//!   rows, else "mixed"), `boot_verified`, `last_sync_days` (to `ImportOptions::today`),
//!   `mdm_enrolled` (Google rows), `asset_tagged`, `os_version`. Rows differing in audience
//!   (a staff org unit), boot mode or sync staleness are kept in separate items.
//! - Rows not in service (Archived, Retired, Disposed, Lost/Stolen, Deprovisioned, Disabled...)
//!   are not imported; they are counted by status in [`ImportReport::not_in_service`] and, if
//!   an existing item holds them, leave it.
//! - Re-import: see `merge` (an asset already in an item at the same site stays in that item;
//!   one at another site moves; the report holds only created and changed items). Assets of
//!   earlier imports that the file no longer lists are reported in [`ImportReport::missing`]
//!   and removed only with `retire_missing`.
//!
//! Bad input is normal input: BOM, `;`/tab delimiters (sniffed, or an Excel `sep=` line),
//! Windows-1252 text, CRLF, blank rows, quoted commas. Every bad cell is a [`RowError`]
//! `FILE:LINE: column "X": message`; without `skip_invalid` any row error fails the import.

use super::columns::{Columns, detect};
use super::csv_util::{Encoding, decode, sniff_delimiter};
use super::group::Tables;
use super::merge::merge;
use super::price_book::PriceBook;
use super::rows::{State, UNKNOWN_MODEL, estimate_rows};
use super::sites::SiteResolver;
use super::{ImportError, ModelRules, RowError};
use crate::model::{Item, Site};

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
    /// The model table (defaults, or `ModelRules::from_ron` of a district file).
    pub rules: ModelRules,
    /// Unit costs assumed where the export has none.
    pub prices: PriceBook,
    /// The district's declared sites, which export locations are matched to.
    pub sites: Vec<Site>,
    /// (location, site id) pairs for locations the names alone do not match.
    pub site_map: Vec<(String, String)>,
    /// Make a new site of each location that matches none (always so with no sites declared).
    pub create_sites: bool,
    /// Remove from their items the assets of earlier imports this file no longer lists.
    pub retire_missing: bool,
    /// The day `last_sync_days` counts to; none leaves sync unknown.
    pub today: Option<chrono::NaiveDate>,
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
    /// Rows left out as not in service (retired, disposed, disabled...).
    pub retired: usize,
    /// The same rows by the status the file gives them.
    pub not_in_service: Vec<(String, usize)>,
    /// Sites created from the export's locations.
    pub new_sites: Vec<Site>,
    /// Locations of the site map to keep as aliases of their site: (site id, location).
    pub aliases: Vec<(String, String)>,
    /// Models no rule recognised: (model, export category text, units).
    pub unmatched_models: Vec<(String, String, u64)>,
    /// Created or updated items whose unit cost is a price-book estimate.
    pub estimated: Vec<String>,
    /// Created or updated items whose purchase year is inferred from the model's release.
    pub inferred: Vec<String>,
    /// Assets of earlier imports this file no longer lists: (item id, assets).
    pub missing: Vec<(String, Vec<String>)>,
    /// Whether `missing` assets were removed from their items.
    pub missing_retired: bool,
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
/// (per unit per year), `renewal` (renew or sunset at the contract's end), `vendor`, `funding`,
/// `erate` (C1/C2), `tags` (separated by `|`), and
/// any number of `attr:NAME` columns: facts the standards read (yes/no, a number or text; the
/// README lists them). Blank category or kind are derived from the name by the model table.
pub fn generic_template() -> &'static str {
    "id,asset tag,serial,name,category,kind,site,quantity,unit cost,acquired,life years,end of support,annual cost,renewal,vendor,funding,erate,tags,attr:mdm_enrolled,attr:encrypted,attr:mfa\n\
     CB-LHS-2021,,,Dell Chromebook 3100,Device,chromebook,lincoln-hs,612,$279.00,2021-08,5,2026-06,,,Dell,,,student|1to1,yes,,\n\
     SW-GWS,,,Google Workspace for Education Plus,Software,productivity,,3200,,2023-07,,2027-06,$5.00,renew,Google,general,,staff|student,,,yes\n"
}

/// Physical line numbers (1 = the first line) of byte offsets that only move forward. The CSV
/// reader's own count is one short in CRLF files (a record "starts" at the LF left over from
/// the previous CR), so lines are counted here from the bytes: quoted multi-line fields and
/// either line ending come out as an editor shows them.
struct LineCounter<'a> {
    text: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            pos: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        // A record starts at its first character, after any line ending left over.
        let mut at = byte.min(self.text.len());
        while at < self.text.len() && matches!(self.text[at], b'\r' | b'\n') {
            at += 1;
        }
        if at < self.pos {
            // Offsets only move forward; a step back (an error about an earlier record) is
            // counted from the start.
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.text[self.pos..at]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = at;
        self.line
    }
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
    let lines = std::cell::RefCell::new(LineCounter::new(body.as_bytes()));
    let line_of = |p: Option<&csv::Position>| {
        p.map_or(0, |p| lines.borrow_mut().line_at(p.byte() as usize)) + skip_lines
    };
    let csv_err = |e: csv::Error| ImportError::Parse {
        file: file_name.into(),
        line: line_of(e.position()),
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

    let resolver = SiteResolver::new(&opts.sites, &opts.site_map, opts.create_sites);
    let mut st = State::new(
        file_name,
        format,
        &cols,
        existing,
        &opts.rules,
        resolver,
        opts.today,
    );
    st.header_len = headers.len();
    st.reserve(estimate_rows(body));
    while rdr.read_record(&mut rec).map_err(csv_err)? {
        let line = line_of(rec.position());
        st.row(&rec, line);
    }
    let State {
        rows_read,
        groups,
        leaving,
        errors,
        retired,
        not_in_service,
        no_site,
        no_model,
        sites,
        tags_seen,
        serials_seen,
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
    let unmatched = sites.unmatched();
    if !unmatched.is_empty() {
        return Err(ImportError::UnmatchedSites {
            file: file_name.into(),
            sites: unmatched,
        });
    }
    let tables = Tables {
        rules: &opts.rules,
        prices: &opts.prices,
        source: format.name(),
        memo: Default::default(),
    };
    let seen = |a: &str| tags_seen.contains(a) || serials_seen.contains(a);
    let merged = merge(
        groups,
        existing,
        &leaving,
        &tables,
        format == InventoryFormat::Generic,
        &seen,
        opts.retire_missing,
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
        let by_status: Vec<String> = not_in_service
            .iter()
            .map(|(s, n)| format!("{n} {s}"))
            .collect();
        warnings.push(format!(
            "{file_name}: {retired} asset(s) not in service left out ({})",
            by_status.join(", ")
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
    let marked = |name: &str| -> Vec<String> {
        merged
            .items
            .iter()
            .filter(|i| i.attrs.get(name).is_some())
            .map(|i| i.id.clone())
            .collect()
    };
    let estimated = marked(crate::model::marks::COST_ESTIMATED);
    let inferred = marked(crate::model::marks::ACQUIRED_INFERRED);
    let aliases = opts
        .site_map
        .iter()
        .map(|(loc, id)| (id.clone(), loc.clone()))
        .collect();
    Ok(ImportReport {
        format,
        rows_read,
        items: merged.items,
        created: merged.created,
        updated: merged.updated,
        emptied: merged.emptied,
        unchanged: merged.unchanged,
        retired,
        not_in_service: not_in_service.into_iter().collect(),
        new_sites: sites.created,
        aliases,
        unmatched_models: merged.unknown_models,
        estimated,
        inferred,
        missing: merged.missing,
        missing_retired: opts.retire_missing,
        skipped: errors,
        warnings,
    })
}
