//! One district's real exports, imported as a new user would: the Google Admin console's device
//! list, a GAM `print cros` run a week later, and a Snipe-IT asset export of Lakeside USD
//! (`tests/fixtures/inventory/lakeside_*.csv`: BOM, CRLF, quoted commas and line breaks, US
//! dates, `$1,234.00`). Schools must reconcile to the declared sites, network gear must be
//! network gear, devices out of service must not count, and every estimate must say so.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use vcio::io::{ImportError, ImportOptions, import_inventory};
use vcio::model::{AttrValue, Category, Item};

const S: &str = "lakeside";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/inventory")
        .join(name)
}

fn run(dir: &Path, args: &[&str]) -> std::process::Output {
    let mut all = vec!["--session", S];
    all.extend_from_slice(args);
    common::vcio(dir, &all)
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, args);
    assert!(
        out.status.success(),
        "vcio {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn import(dir: &Path, file: &str, extra: &[&str]) -> String {
    let path = fixture(file);
    let mut args = vec!["import", "inventory", path.to_str().expect("utf-8")];
    args.extend_from_slice(extra);
    ok(dir, &args)
}

fn items(dir: &Path) -> Vec<Value> {
    let v: Value =
        serde_json::from_str(&ok(dir, &["inventory", "--format", "json"])).expect("json");
    v["items"].as_array().cloned().unwrap_or_default()
}

/// Lakeside USD's four sites, as `vcio site add` declares them.
fn lakeside(dir: &Path, with_elementary: bool) {
    ok(dir, &["session", "new", S, "--empty"]);
    ok(
        dir,
        &["site", "add", "lhs", "--name", "Lakeside High School"],
    );
    ok(
        dir,
        &["site", "add", "lms", "--name", "Lakeside Middle School"],
    );
    if with_elementary {
        ok(
            dir,
            &["site", "add", "les", "--name", "Lakeside Elementary"],
        );
    }
    ok(
        dir,
        &[
            "site",
            "add",
            "do",
            "--name",
            "District Office",
            "--non-instructional",
        ],
    );
}

fn units_where(items: &[Value], f: impl Fn(&Value) -> bool) -> u64 {
    items
        .iter()
        .filter(|i| f(i))
        .map(|i| i["quantity"].as_u64().unwrap_or(0))
        .sum()
}

#[test]
fn three_exports_of_one_district_reconcile_to_its_declared_schools() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    lakeside(dir, true);

    let google = import(dir, "lakeside_google_admin.csv", &[]);
    assert!(google.contains("24 rows -> 6 items added"), "{google}");
    let gam = import(dir, "lakeside_gam.csv", &[]);
    assert!(
        gam.contains("1 items added, 0 updated"),
        "the same devices again: {gam}"
    );
    let snipe = import(dir, "lakeside_snipeit.csv", &[]);
    assert!(
        snipe.contains("vcio inventory map-model \"Gizmo 9\" --kind KIND"),
        "the unknown model is listed with the command that maps it: {snipe}"
    );

    let all = items(dir);
    let sites: std::collections::BTreeSet<&str> =
        all.iter().filter_map(|i| i["site"].as_str()).collect();
    assert_eq!(
        sites.into_iter().collect::<Vec<_>>(),
        ["do", "les", "lhs", "lms"],
        "org units (/Students/Lakeside ES), GAM and Snipe-IT names are one school each"
    );
    let district: Value =
        serde_json::from_str(&ok(dir, &["district", "--format", "json"])).expect("json");
    assert_eq!(
        district["sites"].as_array().map(Vec::len),
        Some(4),
        "no site invented"
    );

    // Every asset is in one item: the Snipe-IT Chromebooks joined Google's.
    let lhs_chromebooks = units_where(&all, |i| i["kind"] == "chromebook" && i["site"] == "lhs");
    assert_eq!(
        lhs_chromebooks, 12,
        "10 student devices - 1 disabled + 3 staff devices"
    );
    let lms_chromebooks = units_where(&all, |i| i["kind"] == "chromebook" && i["site"] == "lms");
    assert_eq!(
        lms_chromebooks, 8,
        "6 from the console, 2 new in the GAM run"
    );

    // Network gear is network gear, with what the model table knows.
    let kind_units =
        |kind: &str| units_where(&all, |i| i["kind"] == kind && i["category"] == "Network");
    assert_eq!(
        kind_units("access-point"),
        9,
        "Aruba AP-515 under category Networking"
    );
    assert_eq!(kind_units("switch"), 3, "Aruba CX 6100");
    assert_eq!(kind_units("firewall"), 1, "FortiGate 100F");
    let ap = all
        .iter()
        .find(|i| i["id"] == "IMP-ap-515-lhs-2022")
        .expect("APs at LHS");
    assert_eq!(ap["name"], "Aruba AP-515");
    assert_eq!(ap["attrs"]["wifi_gen"], 6.0);
    assert_eq!(ap["unit_cost_cents"], 109_500, "\"$1,095.00\"");
    assert_eq!(ap["acquired"], "2022-07", "07/15/2022 is a US date");

    // Out of service is out; staff devices are staff devices.
    assert!(
        !all.iter()
            .any(|i| i["id"].as_str().is_some_and(|id| id.contains("air-cap"))),
        "the archived Aironet is not in service"
    );
    let stderr = String::from_utf8_lossy(
        &run(
            dir,
            &[
                "import",
                "inventory",
                fixture("lakeside_google_admin.csv").to_str().unwrap(),
            ],
        )
        .stderr,
    )
    .into_owned();
    assert!(stderr.contains("(1 DEPROVISIONED, 1 DISABLED)"), "{stderr}");
    let staff = all
        .iter()
        .find(|i| i["id"] == "IMP-dell-chromebook-3110-lhs-2022-staff")
        .expect("staff Chromebooks");
    let tags: Vec<&str> = staff["tags"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        tags.contains(&"staff") && !tags.contains(&"student"),
        "{tags:?}"
    );
    let stale = all
        .iter()
        .find(|i| i["id"] == "IMP-dell-chromebook-3110-lhs-2022-stale")
        .expect("the device not synced since August is kept apart");
    assert_eq!(
        stale["attrs"]["last_sync_days"], 84.0,
        "2026-08-30 to --as-of 2026-11-22"
    );
    let main = all
        .iter()
        .find(|i| i["id"] == "IMP-dell-chromebook-3110-lhs-2022")
        .unwrap();
    assert!(
        main["attrs"]["last_sync_days"]
            .as_f64()
            .is_some_and(|d| d <= 30.0)
    );
    assert_eq!(main["attrs"]["mdm_enrolled"], true);

    // The sync and enrolment facts settle DEV-04 instead of leaving it unknown.
    let assess: Value =
        serde_json::from_str(&ok(dir, &["assess", "--format", "json"])).expect("json");
    let unknown: Vec<&str> = assess["unknown"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|o| o["id"].as_str())
        .collect();
    assert!(!unknown.contains(&"DEV-04"), "{unknown:?}");
    assert!(
        !unknown.contains(&"DEV-05"),
        "boot mode is in the export: {unknown:?}"
    );
}

#[test]
fn a_location_matching_no_school_stops_the_import_until_it_is_mapped() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    lakeside(dir, false);
    ok(dir, &["site", "add", "annex", "--name", "Lakeside Annex"]);
    let before = ok(dir, &["export", "--format", "ron"]);
    let out = run(
        dir,
        &[
            "import",
            "inventory",
            fixture("lakeside_google_admin.csv").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    let first = err.lines().next().unwrap_or_default();
    assert!(
        first.ends_with("1 location matches no school of the district; nothing imported"),
        "{err}"
    );
    assert!(
        err.contains("\"Lakeside ES\" (4 rows): closest is"),
        "{err}"
    );
    assert!(
        err.contains("--site-map FILE") && err.contains("--create-sites"),
        "{err}"
    );
    assert_eq!(
        ok(dir, &["export", "--format", "ron"]),
        before,
        "nothing changed"
    );

    // A site map settles it, and the location becomes an alias for the next export.
    let map = dir.join("sites.csv");
    std::fs::write(&map, "location,site\nLakeside ES,annex\n").unwrap();
    let done = import(
        dir,
        "lakeside_google_admin.csv",
        &["--site-map", map.to_str().unwrap()],
    );
    assert!(
        done.contains("1 mapped location(s) kept as site aliases"),
        "{done}"
    );
    let gam = import(dir, "lakeside_gam.csv", &[]);
    assert!(
        gam.contains("google-admin"),
        "the alias matches without the map: {gam}"
    );
    assert_eq!(units_where(&items(dir), |i| i["site"] == "annex"), 4);

    // A bad map line points at itself.
    std::fs::write(&map, "Lakeside ES,nowhere\n").unwrap();
    let out = run(
        dir,
        &[
            "import",
            "inventory",
            fixture("lakeside_gam.csv").to_str().unwrap(),
            "--site-map",
            map.to_str().unwrap(),
        ],
    );
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("sites.csv:1: \"nowhere\" is not a site of the district"),
        "{err}"
    );
}

#[test]
fn an_empty_district_gets_its_schools_from_the_export_and_is_told_so() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    ok(dir, &["session", "new", S, "--empty"]);
    let out = import(dir, "lakeside_snipeit.csv", &[]);
    assert!(
        out.contains("new sites from the export's locations:"),
        "{out}"
    );
    let district: Value =
        serde_json::from_str(&ok(dir, &["district", "--format", "json"])).expect("json");
    let ids: Vec<&str> = district["sites"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["id"].as_str())
        .collect();
    assert_eq!(
        ids,
        [
            "lakeside-high-school",
            "lakeside-middle-school",
            "lakeside-elementary-school",
            "district-office"
        ]
    );
    // The Google export's org units name the same schools another way.
    import(dir, "lakeside_google_admin.csv", &[]);
    let district: Value =
        serde_json::from_str(&ok(dir, &["district", "--format", "json"])).expect("json");
    assert_eq!(district["sites"].as_array().map(Vec::len), Some(4));
}

#[test]
fn a_rule_or_a_mapping_reclassifies_what_was_imported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    lakeside(dir, true);
    import(dir, "lakeside_snipeit.csv", &[]);
    let gizmo = |dir: &Path| {
        items(dir)
            .into_iter()
            .find(|i| i["name"] == "Acme Gizmo 9")
            .expect("the gizmo")
    };
    assert_eq!(
        (gizmo(dir)["category"].clone(), gizmo(dir)["kind"].clone()),
        ("Network".into(), "other".into())
    );

    // map-model: recorded in the session, the item reclassified, one undo step.
    let out = ok(
        dir,
        &[
            "inventory",
            "map-model",
            "Gizmo 9",
            "--kind",
            "access-point",
        ],
    );
    assert!(out.contains("1 item(s) (1 units) reclassified"), "{out}");
    assert_eq!(gizmo(dir)["kind"], "access-point");
    ok(dir, &["undo"]);
    assert_eq!(
        gizmo(dir)["kind"],
        "other",
        "one undo restores the item and the mapping"
    );

    // A rule added to the data directory's model table reclassifies on re-import.
    std::fs::write(
        dir.join("model-rules.ron"),
        "(rules: [(contains: \"Gizmo 9\", maker: \"Acme\", category: Network, kind: \"wireless-bridge\")])",
    )
    .unwrap();
    let again = import(dir, "lakeside_snipeit.csv", &[]);
    assert!(again.contains("1 updated"), "{again}");
    assert_eq!(gizmo(dir)["kind"], "wireless-bridge");
}

#[test]
fn re_import_reports_what_is_gone_and_retires_it_only_when_asked() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    lakeside(dir, true);
    import(dir, "lakeside_google_admin.csv", &[]);
    let before = units_where(&items(dir), |i| i["site"] == "lms");
    // The same console export a month later: two LMS devices are gone.
    let text = std::fs::read_to_string(fixture("lakeside_google_admin.csv")).unwrap();
    let trimmed: String = text
        .lines()
        .filter(|l| !l.contains("LMS-0005") && !l.contains("LMS-0006"))
        .map(|l| format!("{l}\n"))
        .collect();
    let later = dir.join("later.csv");
    std::fs::write(&later, trimmed).unwrap();
    let out = ok(dir, &["import", "inventory", later.to_str().unwrap()]);
    assert!(
        out.contains("2 asset(s) imported before are not in this export")
            && out.contains("--retire-missing"),
        "{out}"
    );
    assert_eq!(
        units_where(&items(dir), |i| i["site"] == "lms"),
        before,
        "kept until asked"
    );
    let out = ok(
        dir,
        &[
            "import",
            "inventory",
            later.to_str().unwrap(),
            "--retire-missing",
        ],
    );
    assert!(
        out.contains("2 asset(s) no longer in the export removed"),
        "{out}"
    );
    assert_eq!(units_where(&items(dir), |i| i["site"] == "lms"), before - 2);
}

fn import_bytes(name: &str, text: &str) -> Result<vcio::io::ImportReport, ImportError> {
    let opts = ImportOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 22),
        ..ImportOptions::default()
    };
    import_inventory(name, text.as_bytes(), &[], &opts)
}

fn item<'a>(r: &'a vcio::io::ImportReport, id: &str) -> &'a Item {
    r.items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn missing_costs_are_estimated_and_missing_dates_inferred_and_both_say_so() {
    let csv = "Asset Tag,Model,Category,Manufacturer,Location,Purchase Date,Purchase Cost\r\n\
               T-1,Chromebook 3110,Chromebooks,Dell,Lakeside High School,,\r\n\
               T-2,Chromebook 3110,Chromebooks,Dell,Lakeside High School,,\r\n\
               T-3,Mystery Box,Widgets,Acme,Lakeside High School,,\r\n";
    let r = import_bytes("snipe.csv", csv).unwrap();
    let cb = item(&r, "IMP-chromebook-3110-lakeside-high-school-undated");
    assert_eq!(cb.unit_cost_cents, 30_000);
    assert!(cb.cost_estimated());
    assert!(
        matches!(cb.attrs.get("cost_source"), Some(AttrValue::Text(t)) if t.starts_with("price book: "))
    );
    assert_eq!(
        cb.acquired.map(|a| a.to_string()).as_deref(),
        Some("2021-01")
    );
    assert!(
        cb.acquired_inferred(),
        "the 2021 release year, marked as inferred"
    );
    assert_eq!(
        cb.end_of_support.map(|a| a.to_string()).as_deref(),
        Some("2031-06")
    );
    assert!(
        cb.attrs.get("support_source").is_some(),
        "the model table's date names its source"
    );
    let unknown = item(&r, "IMP-mystery-box-lakeside-high-school-undated");
    assert_eq!(
        (unknown.unit_cost_cents, unknown.acquired),
        (0, None),
        "no price, no date: unknown"
    );
    assert!(!unknown.cost_estimated());
    assert_eq!(
        r.estimated,
        ["IMP-chromebook-3110-lakeside-high-school-undated"]
    );

    // The inventory shows both marks.
    let plan = vcio::model::Plan {
        items: r.items.clone(),
        ..Default::default()
    };
    let table = vcio::views::listings::inventory_table(&plan, 120);
    assert!(
        table.contains("$300 est.") && table.contains("~2021"),
        "{table}"
    );
    assert!(
        table.contains("est. = unit cost estimated from the price book"),
        "{table}"
    );
}

#[test]
fn errors_point_at_the_line_an_editor_shows() {
    // CRLF, a BOM, and a quoted note over two lines before the bad rows.
    let mut text =
        String::from("\u{feff}Asset Tag,Model,Category,Location,Purchase Date,Notes\r\n");
    for i in 1..=20 {
        let note = if i == 3 {
            "\"cracked,\r\nreplaced\""
        } else {
            ""
        };
        let date = if i == 18 { "2021-13-45" } else { "2021-08-15" };
        let tag = if i == 12 {
            "T-4".to_string()
        } else {
            format!("T-{i}")
        };
        text.push_str(&format!(
            "{tag},Dell Chromebook 3100,Chromebooks,LHS,{date},{note}\r\n"
        ));
    }
    let err = import_bytes("lines.csv", &text).unwrap_err().to_string();
    // Row 12 is on line 14 (header, 11 rows, one extra line); T-4 first on line 6.
    assert!(
        err.starts_with(
            "lines.csv:14: column \"Asset Tag\": duplicate asset tag \"T-4\" (first on line 6)"
        ),
        "{err}"
    );
    assert!(
        err.contains("lines.csv:20: column \"Purchase Date\""),
        "{err}"
    );

    // A Snipe-IT export that lost two columns names them.
    let cut = "Name,Serial,Category,Location,Purchase Date,Purchase Cost\nx,1,Chromebooks,L,2021-01-01,$1\n";
    let err = import_bytes("cut.csv", cut).unwrap_err().to_string();
    assert_eq!(
        err,
        "cut.csv:1: missing required columns \"Asset Tag\", \"Model\" for a snipeit export"
    );
}

#[test]
fn generic_attr_columns_become_facts_the_standards_read() {
    let csv = "name,category,kind,site,quantity,attr:mdm_enrolled,attr:wifi_gen,attr:os\n\
               Dell Chromebook 3110,Device,chromebook,hs,30,yes,,131.0\n\
               Meraki MR46,Network,access-point,hs,12,,6,\n";
    let r = import_bytes("generic.csv", csv).unwrap();
    let cb = r.items.iter().find(|i| i.kind == "chromebook").unwrap();
    assert_eq!(cb.attrs.get("mdm_enrolled"), Some(&AttrValue::Flag(true)));
    assert_eq!(cb.attrs.get("os"), Some(&AttrValue::Num(131.0)));
    let ap = r
        .items
        .iter()
        .find(|i| i.category == Category::Network)
        .unwrap();
    assert_eq!(ap.attrs.get("wifi_gen"), Some(&AttrValue::Num(6.0)));
    assert_eq!(
        ap.attrs.get("mdm_enrolled"),
        None,
        "an empty cell is unknown"
    );
    // The template documents the columns and imports as written.
    assert!(
        vcio::io::generic_template()
            .lines()
            .next()
            .unwrap()
            .contains("attr:mdm_enrolled")
    );
}
