//! Which export a header row comes from, and which column holds each fact.
//!
//! Exports name the same fact many ways ("Asset Tag", "annotatedAssetId", "Asset ID"), so headers
//! are compared after [`norm_header`] and every fact has a list of aliases per format, in
//! preference order. A row takes the first non-empty column of the list.

use super::csv_util::norm_header;
use super::inventory_import::InventoryFormat;

/// A fact the importer reads from a row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Id,
    AssetTag,
    Serial,
    Model,
    Category,
    Kind,
    OrgUnit,
    Site,
    Quantity,
    UnitCost,
    Acquired,
    LifeYears,
    Eol,
    AnnualCost,
    Vendor,
    Tags,
    Status,
    BootMode,
    Funding,
    Erate,
    Renewal,
    ModelNo,
    LastSync,
    OsVersion,
}

const FIELDS: usize = 24;

impl Field {
    const ALL: [Field; FIELDS] = [
        Field::Id,
        Field::AssetTag,
        Field::Serial,
        Field::Model,
        Field::Category,
        Field::Kind,
        Field::OrgUnit,
        Field::Site,
        Field::Quantity,
        Field::UnitCost,
        Field::Acquired,
        Field::LifeYears,
        Field::Eol,
        Field::AnnualCost,
        Field::Vendor,
        Field::Tags,
        Field::Status,
        Field::BootMode,
        Field::Funding,
        Field::Erate,
        Field::Renewal,
        Field::ModelNo,
        Field::LastSync,
        Field::OsVersion,
    ];
}

/// Normalised header aliases of a field in a format, most preferred first.
fn aliases(format: InventoryFormat, field: Field) -> &'static [&'static str] {
    use Field as F;
    use InventoryFormat as X;
    match (format, field) {
        (X::Generic, F::Id) => &["id", "itemid"],
        (X::Generic, F::AssetTag) => &["assettag", "tag", "assetid"],
        (X::SnipeIt, F::AssetTag) => &["assettag"],
        (X::GoogleAdmin, F::AssetTag) => &["annotatedassetid", "assetid", "assettag"],
        (X::GoogleAdmin, F::Serial) => &["serialnumber", "serial", "serialno"],
        (_, F::Serial) => &["serial", "serialnumber", "serialno"],
        (X::Generic, F::Model) => &["name", "model", "itemname", "modelname", "description"],
        (X::SnipeIt, F::Model) => &["model", "modelname", "assetmodel"],
        (X::GoogleAdmin, F::Model) => &["model", "modelname"],
        (_, F::Category) => &["category", "assetcategory"],
        (X::Generic, F::Kind) => &["kind", "type"],
        (X::GoogleAdmin, F::OrgUnit) => &["orgunitpath", "orgunit", "ou"],
        (X::GoogleAdmin, F::Site) => &["annotatedlocation", "location"],
        (X::SnipeIt, F::Site) => &["location", "defaultlocation", "rtdlocation"],
        (X::Generic, F::Site) => &["site", "location", "school", "building", "campus"],
        (X::Generic, F::Quantity) => &["quantity", "qty", "count"],
        (X::Generic, F::UnitCost) => &["unitcost", "cost", "price", "purchasecost"],
        (_, F::UnitCost) => &["purchasecost", "cost", "unitcost"],
        (X::Generic, F::Acquired) => &["acquired", "purchasedate", "purchased"],
        (X::SnipeIt, F::Acquired) => &["purchasedate"],
        (X::GoogleAdmin, F::Acquired) => &[
            "purchasedate",
            "manufacturedate",
            "firstenrollmenttime",
            "enrollmentdate",
            "enrollmenttime",
            "lastenrollmenttime",
        ],
        (X::Generic, F::LifeYears) => &["lifeyears", "life", "expectedlife", "usefullife"],
        (X::Generic, F::Eol) => &["endofsupport", "eos", "supportend", "eol", "aue"],
        (X::SnipeIt, F::Eol) => &["eol", "eoldate", "asseteoldate", "eolmonths"],
        (X::GoogleAdmin, F::Eol) => &[
            "autoupdatethrough",
            "autoupdateexpiration",
            "autoupdateexpirationdate",
            "aue",
            "auedate",
            "supportenddate",
        ],
        (X::Generic, F::AnnualCost) => &["annualcost", "recurringcost", "annual"],
        (X::Generic, F::Vendor) => &["vendor", "manufacturer"],
        (X::SnipeIt, F::Vendor) => &["manufacturer"],
        (X::Generic, F::Tags) => &["tags"],
        (X::SnipeIt, F::Status) => &["status", "statuslabel"],
        (_, F::Status) => &["status"],
        (X::GoogleAdmin, F::BootMode) => &["bootmode"],
        (_, F::Funding) => &["funding", "fundingsource"],
        (X::Generic, F::Erate) => &["erate", "eratecategory"],
        (X::Generic, F::Renewal) => &["renewal", "atcontractend", "contractend"],
        (X::SnipeIt | X::Generic, F::ModelNo) => &["modelno", "modelnumber", "partnumber"],
        (X::GoogleAdmin, F::LastSync) => &["lastsync", "lastsynctime", "lastsyncdate"],
        (X::GoogleAdmin, F::OsVersion) => &["osversion"],
        _ => &[],
    }
}

/// Columns that must be in the header, with the name used in the "missing column" message.
fn required(format: InventoryFormat) -> &'static [(Field, &'static str)] {
    match format {
        InventoryFormat::SnipeIt => &[(Field::AssetTag, "Asset Tag"), (Field::Model, "Model")],
        InventoryFormat::GoogleAdmin => {
            &[(Field::Serial, "Serial Number"), (Field::Model, "Model")]
        }
        InventoryFormat::Generic | InventoryFormat::Auto => &[(Field::Model, "name")],
    }
}

/// The resolved columns of one file.
#[derive(Debug, Clone)]
pub struct Columns {
    /// The header as written, for messages (`column "Purchase Cost"`).
    pub headers: Vec<String>,
    cols: [Vec<usize>; FIELDS],
    /// Generic `attr:NAME` columns: (column index, fact name).
    pub attrs: Vec<(usize, String)>,
}

impl Columns {
    /// Map a header row to fields; `Err` lists the required columns that are missing.
    pub fn resolve(format: InventoryFormat, headers: &[String]) -> Result<Columns, Vec<String>> {
        let norm: Vec<String> = headers.iter().map(|h| norm_header(h)).collect();
        let mut cols: [Vec<usize>; FIELDS] = Default::default();
        for (slot, field) in cols.iter_mut().zip(Field::ALL) {
            for alias in aliases(format, field) {
                // The first column with this name; later duplicates are ignored.
                if let Some(i) = norm.iter().position(|n| n == alias)
                    && !slot.contains(&i)
                {
                    slot.push(i);
                }
            }
        }
        let missing: Vec<String> = required(format)
            .iter()
            .filter(|(f, _)| cols[*f as usize].is_empty())
            .map(|(_, name)| (*name).to_string())
            .collect();
        let attrs = headers
            .iter()
            .enumerate()
            .filter_map(|(i, h)| {
                let name = h.trim().strip_prefix("attr:")?;
                let name: String = name
                    .trim()
                    .chars()
                    .map(|c| {
                        if c.is_alphanumeric() {
                            c.to_ascii_lowercase()
                        } else {
                            '_'
                        }
                    })
                    .collect();
                (!name.is_empty() && format == InventoryFormat::Generic).then_some((i, name))
            })
            .collect();
        if missing.is_empty() {
            Ok(Columns {
                headers: headers.to_vec(),
                cols,
                attrs,
            })
        } else {
            Err(missing)
        }
    }

    /// Column indexes of a field, most preferred first.
    pub fn of(&self, field: Field) -> &[usize] {
        &self.cols[field as usize]
    }

    pub fn has(&self, field: Field) -> bool {
        !self.cols[field as usize].is_empty()
    }

    /// The header text of a column.
    pub fn name(&self, index: usize) -> &str {
        self.headers.get(index).map_or("?", String::as_str)
    }
}

/// Tell the export format from its header row, or `None`.
///
/// Generic-only columns (kind, quantity, life years, unit cost...) mean the generic template;
/// Google-only names (orgUnitPath, annotatedAssetId, auto-update expiry, bootMode, lastSync...)
/// with a serial mean Google Admin or GAM; an asset tag with a model, purchase or location column
/// means Snipe-IT; a name with a
/// category falls back to generic.
pub fn detect(headers: &[String]) -> Option<InventoryFormat> {
    let norm: Vec<String> = headers.iter().map(|h| norm_header(h)).collect();
    let has = |names: &[&str]| names.iter().any(|n| norm.iter().any(|h| h == n));
    if has(&[
        "kind",
        "quantity",
        "qty",
        "lifeyears",
        "unitcost",
        "annualcost",
        "endofsupport",
    ]) {
        return Some(InventoryFormat::Generic);
    }
    let google = [
        "annotatedassetid",
        "orgunitpath",
        "autoupdateexpiration",
        "autoupdatethrough",
        "deviceid",
        "bootmode",
        "aue",
        "lastsync",
        "supportenddate",
        "annotatedlocation",
        "osversion",
    ];
    if has(&google) && has(&["serialnumber", "serial"]) {
        return Some(InventoryFormat::GoogleAdmin);
    }
    let snipe = [
        "model",
        "modelname",
        "assetmodel",
        "purchasecost",
        "purchasedate",
        "manufacturer",
        "statuslabel",
        "category",
        "location",
    ];
    if has(&["assettag"]) && has(&snipe) {
        return Some(InventoryFormat::SnipeIt);
    }
    // A Snipe-IT export that lost its key columns is still a Snipe-IT export: say which are
    // missing rather than read it as the generic template.
    let snipe_only = [
        "purchasecost",
        "purchasedate",
        "modelno",
        "statuslabel",
        "supplier",
        "ordernumber",
        "checkedoutto",
        "warranty",
    ];
    if snipe_only.iter().filter(|n| has(&[**n])).count() >= 2 {
        return Some(InventoryFormat::SnipeIt);
    }
    if has(&["name"]) && has(&["category", "kind"]) {
        return Some(InventoryFormat::Generic);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn h(s: &str) -> Vec<String> {
        s.split(',').map(str::to_string).collect()
    }

    #[test]
    fn formats_are_told_apart_by_their_headers() {
        let snipe = h(
            "Company,Name,Asset Tag,Category,Manufacturer,Location,Model,Purchase Date,Purchase Cost",
        );
        assert_eq!(detect(&snipe), Some(InventoryFormat::SnipeIt));
        let gam =
            h("deviceId,serialNumber,annotatedAssetId,model,orgUnitPath,autoUpdateExpiration");
        assert_eq!(detect(&gam), Some(InventoryFormat::GoogleAdmin));
        let console = h("Serial Number,Status,Asset ID,Last Sync,Org Unit Path,Model,AUE");
        assert_eq!(detect(&console), Some(InventoryFormat::GoogleAdmin));
        let generic = h("id,name,category,kind,site,quantity");
        assert_eq!(detect(&generic), Some(InventoryFormat::Generic));
        assert_eq!(detect(&h("foo,bar")), None);
    }

    #[test]
    fn aliases_resolve_in_preference_order_and_missing_columns_are_named() {
        let cols = Columns::resolve(
            InventoryFormat::GoogleAdmin,
            &h("Serial Number,Model,AUE,autoUpdateThrough,Org Unit Path"),
        )
        .unwrap();
        assert_eq!(cols.of(Field::Eol), &[3, 2]);
        assert_eq!(cols.name(2), "AUE");
        let missing =
            Columns::resolve(InventoryFormat::SnipeIt, &h("Name,Model,Serial")).unwrap_err();
        assert_eq!(missing, vec!["Asset Tag".to_string()]);
    }
}
