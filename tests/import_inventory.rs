//! Inventory import from the exports districts have (Snipe-IT, Google Admin, GAM, the generic
//! template), the awkward files they really produce, and re-importing into an existing plan.

use vcio::io::{
    ImportError, ImportOptions, ImportReport, InventoryFormat, generic_template, import_inventory,
};
use vcio::model::{AttrValue, Category, Item};

fn read(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/tests/fixtures/inventory/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn import(name: &str) -> Result<ImportReport, ImportError> {
    import_inventory(name, &read(name), &[], &ImportOptions::default())
}

fn item<'a>(r: &'a ImportReport, id: &str) -> &'a Item {
    r.items.iter().find(|i| i.id == id).unwrap_or_else(|| {
        let ids: Vec<&str> = r.items.iter().map(|i| i.id.as_str()).collect();
        panic!("{id} not among {ids:?}")
    })
}

#[test]
fn snipeit_export_with_bom_crlf_quoted_commas_and_a_retired_asset() {
    let r = import("snipeit_assets.csv").unwrap();
    assert_eq!(r.format, InventoryFormat::SnipeIt);
    assert_eq!(r.rows_read, 9, "the blank row is not a row");
    assert_eq!(r.retired, 1);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("1 asset(s) not in service left out (1 Archived)")),
        "{:?}",
        r.warnings
    );
    assert_eq!(r.items.len(), 4);
    assert_eq!(r.created.len(), 4);

    let cb = item(&r, "IMP-dell-chromebook-3100-lincoln-high-school-2021");
    assert_eq!(
        (cb.category, cb.kind.as_str()),
        (Category::Device, "chromebook")
    );
    assert_eq!(cb.quantity, 4);
    assert_eq!(
        cb.assets,
        ["LHS-CB-0001", "LHS-CB-0002", "LHS-CB-0003", "LHS-CB-0004"]
    );
    assert_eq!(
        cb.unit_cost_cents, 27_900,
        "\"$279.00\" and \"279\" are the same money"
    );
    assert_eq!(
        cb.acquired.map(|a| a.to_string()).as_deref(),
        Some("2021-08")
    );
    assert_eq!(
        cb.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2026-06")
    );
    assert_eq!(cb.site.as_deref(), Some("lincoln-high-school"));
    assert_eq!(cb.vendor.as_deref(), Some("Dell"));
    assert_eq!(cb.name, "Dell Chromebook 3100");
    assert!(cb.tags.contains(&"student".to_string()));
    assert_eq!(
        cb.attrs.get("status"),
        Some(&AttrValue::Text("mixed".into()))
    );

    // Bought the next calendar year: a separate row of the inventory.
    let cb22 = item(&r, "IMP-dell-chromebook-3100-lincoln-high-school-2022");
    assert_eq!((cb22.quantity, cb22.unit_cost_cents), (1, 28_900));

    let lt = item(&r, "IMP-dell-latitude-5440-14-inch-district-office-2023");
    assert_eq!(lt.name, "Dell Latitude 5440, 14-inch");
    assert_eq!(lt.kind, "staff-laptop");
    assert_eq!(lt.quantity, 2);
    assert_eq!(
        lt.unit_cost_cents, 123_425,
        "average of $1,234.00 and $1,234.50"
    );
    assert_eq!(lt.life_years, Some(5), "EOL 60 months");
    assert_eq!(lt.end_of_support, None);

    let ap = item(&r, "IMP-meraki-mr46-lincoln-high-school-2019");
    assert_eq!(
        (ap.category, ap.kind.as_str()),
        (Category::Network, "access-point")
    );
    assert_eq!(ap.unit_cost_cents, 104_900);
    assert_eq!(ap.vendor.as_deref(), Some("Cisco Meraki"));
    assert!(
        r.items
            .iter()
            .all(|i| !i.assets.contains(&"LHS-CB-0099".to_string()))
    );
}

#[test]
fn google_admin_export_with_iso_datetimes_and_auto_update_expiry() {
    let r = import("google_admin_devices.csv").unwrap();
    assert_eq!(r.format, InventoryFormat::GoogleAdmin);
    assert_eq!(
        (r.rows_read, r.retired),
        (6, 1),
        "the DEPROVISIONED device is retired"
    );
    assert_eq!(r.items.len(), 3, "the developer-mode device is kept apart");

    let hp = item(&r, "IMP-hp-chromebook-11-g9-ee-washington-elementary-2022");
    assert_eq!(
        hp.quantity, 3,
        "grade-level org units roll up to the school"
    );
    assert_eq!(
        hp.assets,
        ["WES-0101", "WES-0102", "NXHPG9A004"],
        "serial when no asset id"
    );
    let dev = item(
        &r,
        "IMP-hp-chromebook-11-g9-ee-washington-elementary-2022-dev",
    );
    assert_eq!(dev.assets, ["WES-0103"]);
    assert_eq!(
        dev.attrs.get("boot_verified"),
        Some(&AttrValue::Flag(false))
    );
    assert_eq!(dev.attrs.get("mdm_enrolled"), Some(&AttrValue::Flag(true)));
    assert_eq!(
        dev.attrs.get("os_version"),
        Some(&AttrValue::Text("130.0.6723.132".into()))
    );
    assert_eq!(
        hp.acquired.map(|a| a.to_string()).as_deref(),
        Some("2022-08")
    );
    assert_eq!(
        hp.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2029-06")
    );
    assert_eq!(hp.kind, "chromebook");
    assert_eq!(
        hp.vendor.as_deref(),
        Some("HP"),
        "guessed from the model name"
    );
    assert_eq!(hp.attrs.get("boot_verified"), Some(&AttrValue::Flag(true)));
    assert_eq!(
        hp.attrs.get("asset_tagged"),
        None,
        "one of three has no asset id: unknown, not failing"
    );
    assert_eq!(
        hp.attrs.get("status"),
        Some(&AttrValue::Text("ACTIVE".into()))
    );

    let len = item(&r, "IMP-lenovo-300e-chromebook-gen-2-jefferson-middle-2020");
    assert_eq!(
        (len.quantity, len.site.as_deref()),
        (1, Some("jefferson-middle"))
    );
    assert_eq!(
        len.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2026-06")
    );
}

#[test]
fn gam_print_cros_output_with_its_own_column_names() {
    let r = import("gam_print_cros.csv").unwrap();
    assert_eq!(r.format, InventoryFormat::GoogleAdmin);
    assert_eq!(
        (r.rows_read, r.retired),
        (4, 1),
        "a DISABLED device is not in service"
    );
    assert_eq!(r.not_in_service, [("DISABLED".to_string(), 1)]);
    let acer = item(&r, "IMP-acer-chromebook-311-c722-roosevelt-high-2021");
    assert_eq!(acer.quantity, 2);
    assert_eq!(
        acer.site.as_deref(),
        Some("roosevelt-high"),
        "org unit wins over the room"
    );
    assert_eq!(
        acer.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2028-06")
    );
    assert_eq!(
        acer.attrs.get("status"),
        Some(&AttrValue::Text("ACTIVE".into()))
    );
    assert_eq!(
        acer.attrs.get("boot_verified"),
        Some(&AttrValue::Flag(true))
    );
    // Root org unit: the annotated location names the site.
    let box_ = item(&r, "IMP-google-chromebox-micro-library-annex-2024");
    assert_eq!(
        (box_.kind.as_str(), box_.assets.as_slice()),
        ("chromebox", &["CBXMICRO01".to_string()][..])
    );
}

#[test]
fn generic_semicolon_file_with_decimal_commas_and_explicit_ids() {
    let r = import("generic_semicolon.csv").unwrap();
    assert_eq!(r.format, InventoryFormat::Generic);
    assert_eq!(r.rows_read, 3);
    let cb = item(&r, "CB-LHS-2021");
    assert_eq!(
        (cb.quantity, cb.unit_cost_cents, cb.life_years),
        (612, 27_900, Some(5))
    );
    assert_eq!(cb.tags, ["student", "1to1"]);
    assert_eq!(cb.site.as_deref(), Some("lincoln-hs"));
    let gws = item(&r, "SW-GWS");
    assert_eq!(
        (gws.category, gws.kind.as_str()),
        (Category::Software, "productivity")
    );
    assert_eq!(
        (gws.quantity, gws.annual_cost_cents, gws.site.as_deref()),
        (3200, 500, None)
    );
    let fw = item(&r, "FW-CORE");
    assert_eq!(
        (fw.category, fw.kind.as_str()),
        (Category::Network, "firewall"),
        "from the model rules"
    );
    assert_eq!(
        (fw.unit_cost_cents, fw.annual_cost_cents),
        (845_000, 120_000)
    );
    assert_eq!(
        fw.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2029-03")
    );
}

#[test]
fn the_generic_template_imports_as_documented() {
    let r = import_inventory(
        "template.csv",
        generic_template().as_bytes(),
        &[],
        &ImportOptions::default(),
    )
    .unwrap();
    assert_eq!(r.format, InventoryFormat::Generic);
    assert_eq!(r.items.len(), 2);
    assert_eq!(item(&r, "CB-LHS-2021").quantity, 612);
    assert_eq!(item(&r, "SW-GWS").funding.as_deref(), Some("general"));
}

#[test]
fn a_missing_required_column_names_the_column_and_the_file() {
    let err = import("bad_missing_model.csv").unwrap_err();
    assert_eq!(
        err.to_string(),
        "bad_missing_model.csv:1: missing required column \"Model\" for a snipeit export"
    );
    let opts = ImportOptions {
        format: InventoryFormat::GoogleAdmin,
        ..ImportOptions::default()
    };
    let err = import_inventory("x.csv", &read("bad_missing_model.csv"), &[], &opts).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("x.csv:1: missing required columns \"Serial Number\", \"Model\""),
        "{err}"
    );
    let err =
        import_inventory("odd.csv", b"foo,bar\n1,2\n", &[], &ImportOptions::default()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("odd.csv:1: cannot tell the export format"),
        "{err}"
    );
}

#[test]
fn a_bad_date_fails_the_import_with_file_line_and_column() {
    let err = import("bad_date.csv").unwrap_err();
    let ImportError::Rows { errors } = &err else {
        panic!("{err}")
    };
    assert_eq!(errors.len(), 1);
    assert_eq!(
        (errors[0].line, errors[0].column.as_deref()),
        (3, Some("Purchase Date"))
    );
    assert!(
        err.to_string().starts_with(
            "bad_date.csv:3: column \"Purchase Date\": expected a date like 2024-03-05"
        ),
        "{err}"
    );
    assert!(err.to_string().contains("nothing imported"));
}

#[test]
fn bad_money_fails_unless_invalid_rows_are_skipped() {
    let err = import("bad_money.csv").unwrap_err().to_string();
    assert!(
        err.starts_with("bad_money.csv:4: column \"Purchase Cost\": expected an amount"),
        "{err}"
    );
    assert!(err.contains("\"about $300\""), "{err}");

    let opts = ImportOptions {
        skip_invalid: true,
        ..ImportOptions::default()
    };
    let r = import_inventory("bad_money.csv", &read("bad_money.csv"), &[], &opts).unwrap();
    assert_eq!(r.rows_read, 3);
    assert_eq!(r.items.len(), 1);
    assert_eq!(r.items[0].quantity, 2, "the two good rows are imported");
    assert_eq!(r.skipped.len(), 1);
    assert_eq!(r.skipped[0].line, 4);
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("1 invalid row(s) skipped")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn a_duplicate_asset_tag_points_at_both_lines() {
    let err = import("bad_duplicate_tag.csv").unwrap_err().to_string();
    assert!(
        err.starts_with(
            "bad_duplicate_tag.csv:4: column \"Asset Tag\": duplicate asset tag \"T-1\" (first on line 2)"
        ),
        "{err}"
    );
}

const SNIPE_HEAD: &str = "Asset Tag,Model,Category,Location,Purchase Date,Purchase Cost,Status\n";

fn snipe(rows: &[&str]) -> Vec<u8> {
    let mut s = SNIPE_HEAD.to_string();
    for r in rows {
        s.push_str(r);
        s.push('\n');
    }
    s.into_bytes()
}

#[test]
fn reimporting_the_same_export_changes_nothing() {
    let first = import("snipeit_assets.csv").unwrap();
    let again = import_inventory(
        "snipeit_assets.csv",
        &read("snipeit_assets.csv"),
        &first.items,
        &ImportOptions::default(),
    )
    .unwrap();
    assert!(again.items.is_empty(), "{:?}", again.items);
    assert_eq!(
        (again.unchanged, again.created.len(), again.updated.len()),
        (4, 0, 0)
    );
}

#[test]
fn reimport_moves_retires_and_adds_assets_without_duplicating() {
    let opts = ImportOptions::default();
    let first = import_inventory(
        "june.csv",
        &snipe(&[
            "T-1,Dell Chromebook 3100,Chromebooks,Lincoln HS,2021-08-15,$279.00,Deployed",
            "T-2,Dell Chromebook 3100,Chromebooks,Lincoln HS,2021-08-15,$279.00,Deployed",
            "T-3,Dell Chromebook 3100,Chromebooks,Lincoln HS,2021-08-15,$279.00,Deployed",
            "AP-1,Meraki MR46,Access Points,Adams ES,2019-07-01,$999.00,Deployed",
        ]),
        &[],
        &opts,
    )
    .unwrap();
    // The district renames the fleet in vcio; the import must keep its edits and its id.
    let mut existing = first.items.clone();
    let cb_id = "IMP-dell-chromebook-3100-lincoln-hs-2021".to_string();
    let cb = existing
        .iter_mut()
        .find(|i| i.id == cb_id)
        .expect("grouped by model, site and year");
    cb.name = "LHS student Chromebooks".into();
    cb.life_years = Some(6);

    let second = import_inventory(
        "july.csv",
        &snipe(&[
            "T-1,Dell Chromebook 3100,Chromebooks,Lincoln HS,2021-08-15,$279.00,Deployed",
            "T-2,Dell Chromebook 3100,Chromebooks,Washington ES,2021-08-15,$279.00,Deployed",
            "T-3,Dell Chromebook 3100,Chromebooks,Lincoln HS,2021-08-15,$279.00,Archived",
            "T-4,Dell Chromebook 3100,Chromebooks,Lincoln HS,2021-09-01,$279.00,Deployed",
            "AP-1,Meraki MR46,Access Points,Adams ES,2019-07-01,$999.00,Archived",
        ]),
        &existing,
        &opts,
    )
    .unwrap();
    assert_eq!(second.retired, 2);
    let lhs = item(&second, &cb_id);
    assert_eq!(
        lhs.assets,
        ["T-1", "T-4"],
        "T-2 moved away, T-3 retired, T-4 is new"
    );
    assert_eq!(lhs.quantity, 2);
    assert_eq!(
        (lhs.name.as_str(), lhs.life_years),
        ("LHS student Chromebooks", Some(6)),
        "edits kept"
    );
    let wes = item(&second, "IMP-dell-chromebook-3100-washington-es-2021");
    assert_eq!(
        (wes.quantity, wes.assets.as_slice()),
        (1, &["T-2".to_string()][..])
    );
    assert_eq!(
        second.created,
        ["IMP-dell-chromebook-3100-washington-es-2021"]
    );
    assert_eq!(second.updated, [cb_id.as_str()]);
    assert_eq!(
        second.emptied,
        ["IMP-meraki-mr46-adams-es-2019"],
        "its only AP retired"
    );
    let all: usize = second.items.iter().map(|i| i.assets.len()).sum();
    assert_eq!(all, 3, "no asset is in two items");
}

#[test]
fn assets_found_by_serial_in_a_hand_made_item_stay_there() {
    let mut mine = Item::new(
        "CB-WES",
        "Washington Chromebooks",
        Category::Device,
        "chromebook",
        30,
    );
    mine.site = Some("washington-elementary".into());
    mine.assets = vec!["NXHPG9A001".into(), "NXHPG9A002".into()];
    let r = import_inventory(
        "google_admin_devices.csv",
        &read("google_admin_devices.csv"),
        std::slice::from_ref(&mine),
        &ImportOptions::default(),
    )
    .unwrap();
    let cb = item(&r, "CB-WES");
    assert_eq!(
        cb.quantity, 30,
        "28 untracked units are kept; the two known ones matched by serial"
    );
    assert_eq!(cb.assets, ["NXHPG9A001", "NXHPG9A002"]);
    assert_eq!(
        cb.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2029-06"),
        "the source owns AUE"
    );
    let rest = item(&r, "IMP-hp-chromebook-11-g9-ee-washington-elementary-2022");
    assert_eq!(rest.quantity, 1);
    let dev = item(
        &r,
        "IMP-hp-chromebook-11-g9-ee-washington-elementary-2022-dev",
    );
    assert_eq!(dev.quantity, 1);
}

#[test]
fn excel_windows_1252_tab_separated_export_with_eol_in_months() {
    let mut bytes =
        b"Asset Tag\tModel\tLocation\tPurchase Date\tPurchase Cost\tEOL\tNotes\r\n".to_vec();
    bytes.extend_from_slice(b"MS-01\tDell Latitude 3540\tAdams Middle\t2024-07-01\t$899.99\t48 months\tTeacher\x92s laptop\r\n");
    let r = import_inventory("excel.csv", &bytes, &[], &ImportOptions::default()).unwrap();
    assert_eq!(r.format, InventoryFormat::SnipeIt);
    let lt = item(&r, "IMP-dell-latitude-3540-adams-middle-2024");
    assert_eq!((lt.unit_cost_cents, lt.life_years), (89_999, Some(4)));
    assert!(
        r.warnings.iter().any(|w| w.contains("not UTF-8")),
        "{:?}",
        r.warnings
    );
}

#[test]
fn google_devices_without_a_model_are_kept_with_a_warning() {
    let text = "serialNumber,model,orgUnitPath,status\nSN1,,/Students/Adams Middle,ACTIVE\nSN2,,/Students/Adams Middle,ACTIVE\n";
    let r = import_inventory("gam.csv", text.as_bytes(), &[], &ImportOptions::default()).unwrap();
    let it = item(&r, "IMP-unknown-model-adams-middle-undated");
    assert_eq!((it.quantity, it.kind.as_str()), (2, "other"));
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("2 asset(s) have no model")),
        "{:?}",
        r.warnings
    );
}

proptest::proptest! {
    /// Whatever the cells hold, an import answers with a report or an error, never a panic,
    /// and without `skip_invalid` either every row is imported or nothing is.
    #[test]
    fn arbitrary_cells_never_panic(rows in proptest::collection::vec("[a-zA-Z0-9$,.;/\" -]{0,40}", 1..20)) {
        for head in [SNIPE_HEAD, "Serial Number,Model,Org Unit Path,AUE,Status\n", "name;category;kind;quantity;unit cost\n"] {
            let mut text = head.to_string();
            for r in &rows {
                text.push_str(r);
                text.push('\n');
            }
            if let Ok(r) = import_inventory("p.csv", text.as_bytes(), &[], &ImportOptions::default()) {
                proptest::prop_assert!(r.skipped.is_empty());
            }
            let opts = ImportOptions { skip_invalid: true, ..ImportOptions::default() };
            let _ = import_inventory("p.csv", text.as_bytes(), &[], &opts);
        }
    }
}
