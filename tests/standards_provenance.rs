//! Standards a CIO can cite: every ref names a framework control or a dated document, every
//! threshold says whether a source states it or it is a house default, the citations the
//! research found wrong are gone, `vcio standards lint` holds a folder to this, and
//! `vcio frameworks` scores CIS IG1, the CSF 2.0 functions and the K12 SIX categories from
//! the standards, now and with the plan; a district with no data meets nothing.

mod common;

use serde_json::Value;
use std::path::Path;

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = common::vcio(dir, args);
    assert!(
        out.status.success(),
        "vcio {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("one JSON document")
}

fn refs(dir: &Path, id: &str) -> Vec<Value> {
    let s = json(dir, &["standards", "show", id, "--format", "json"]);
    s["refs"].as_array().cloned().unwrap_or_default()
}

#[test]
fn a_standard_shows_what_it_cites_and_where_each_threshold_comes_from() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let s = json(dir, &["standards", "show", "SEC-05", "--format", "json"]);
    let cis = &s["refs"][0];
    assert_eq!(cis["framework"], "CIS Critical Security Controls");
    assert_eq!(cis["id"], "5.3");
    assert_eq!(cis["title"], "Disable Dormant Accounts");
    assert_eq!(cis["group"], "IG1");
    assert!(
        cis["url"]
            .as_str()
            .is_some_and(|u| u.starts_with("https://"))
    );
    assert_eq!(s["params"][0]["source"], "CIS 5.3");

    // A house default says so, in JSON and in words.
    let s = json(dir, &["standards", "show", "SEC-10", "--format", "json"]);
    assert_eq!(s["params"][0]["source"], "default");
    let text = ok(dir, &["standards", "show", "SEC-10"]);
    assert!(
        text.contains("house default (district may change)"),
        "{text}"
    );
    let text = ok(dir, &["standards", "show", "SEC-05"]);
    assert!(text.contains("sourced: CIS 5.3"), "{text}");
    assert!(
        text.contains("CIS 5.3: Disable Dormant Accounts (IG1"),
        "{text}"
    );
}

#[test]
fn the_citations_found_wrong_are_corrected() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let cited = |id: &str| -> Vec<String> {
        refs(dir, id)
            .iter()
            .filter_map(|r| r["ref"].as_str().map(String::from))
            .collect()
    };
    // One access point per classroom is industry practice, not SETDA.
    assert!(!cited("NET-04").iter().any(|r| r == "SETDA"));
    assert!(cited("NET-04").iter().any(|r| r == "Wi-Fi design practice"));
    // 1,000 devices per technician is not a CoSN figure.
    assert!(!cited("OPS-06").iter().any(|r| r.starts_with("CoSN")));
    // FERPA has no breach-notification duty: state law does.
    assert!(!cited("DAT-15").iter().any(|r| r == "FERPA"));
    assert!(
        cited("DAT-15")
            .iter()
            .any(|r| r == "State breach-notification law")
    );
    // Section 508 binds federal agencies; the ADA Title II rule allows no percentage.
    assert!(!cited("CLS-10").iter().any(|r| r == "Section 508"));
    let cls10 = json(dir, &["standards", "show", "CLS-10", "--format", "json"]);
    assert_eq!(cls10["params"][0]["value"], 1.0);
    // The backup circuit is not E-Rate eligible; 1 Mbps per student is Connect K-12's goal.
    assert!(!cited("NET-10").iter().any(|r| r.starts_with("E-Rate")));
    assert!(!cited("NET-01").iter().any(|r| r == "FCC 14-99"));
}

#[test]
fn lint_holds_the_shipped_library_and_a_folder_to_structured_refs_and_sourced_params() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let out = ok(dir, &["standards", "lint"]);
    assert!(
        out.contains("the shipped library: no problems found"),
        "{out}"
    );

    let mine = dir.join("mine");
    std::fs::create_dir(&mine).expect("mkdir");
    let text = r#"[
    (
        id: "X-01",
        title: "Wi-Fi in every classroom",
        area: "Infrastructure",
        severity: Low,
        statement: "An access point per classroom.",
        check: Answer(key: "aps_ok", expect: Yes),
        params: {"min_aps": 1.0},
        refs: ["SETDA"],
        remediation: (title: "Add access points", cost: Fixed(100000), duration: 1),
    ),
]
"#;
    std::fs::write(mine.join("wifi.ron"), text).expect("write");
    let out = common::vcio(
        dir,
        &["standards", "lint", mine.to_str().unwrap_or_default()],
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        err.contains("wifi.ron:3:9: X-01: ref \"SETDA\" is not in the catalog"),
        "{err}"
    );
    assert!(err.contains("param \"min_aps\" has no source"), "{err}");

    let fixed = text
        .replace("refs: [\"SETDA\"]", "refs: [\"Wi-Fi design practice\"]")
        .replace(
            "params: {\"min_aps\": 1.0},",
            "params: {\"min_aps\": 1.0},\n        sources: {\"min_aps\": \"Wi-Fi design practice\"},",
        );
    std::fs::write(mine.join("wifi.ron"), fixed).expect("write");
    ok(
        dir,
        &["standards", "lint", mine.to_str().unwrap_or_default()],
    );
}

/// The group counts of one framework in one year of `vcio frameworks --format json`.
fn group(doc: &Value, key: &str, year: usize, group: &str) -> Value {
    let fw = doc["frameworks"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["key"] == key))
        .cloned()
        .unwrap_or_default();
    fw["years"][year]["groups"]
        .as_array()
        .and_then(|g| g.iter().find(|x| x["group"] == group))
        .cloned()
        .unwrap_or_default()
}

fn n(v: &Value, k: &str) -> u64 {
    v[k].as_u64().unwrap_or(u64::MAX)
}

#[test]
fn scorecards_count_every_control_and_the_plan_moves_them() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let doc = json(dir, &["frameworks", "--format", "json"]);
    let now = group(&doc, "CIS", 0, "IG1");
    let end = group(&doc, "CIS", 4, "IG1");
    for g in [&now, &end] {
        assert_eq!(n(g, "controls"), 56);
        assert_eq!(
            n(g, "met") + n(g, "not_met") + n(g, "unknown") + n(g, "not_covered"),
            56,
            "{g}"
        );
    }
    assert!(
        n(&end, "met") > n(&now, "met"),
        "the demo's plan meets more IG1: {now} {end}"
    );
    assert!(n(&now, "not_met") > 0);
    let csf: u64 = ["GV", "ID", "PR", "DE", "RS", "RC"]
        .iter()
        .map(|f| n(&group(&doc, "CSF", 0, f), "controls"))
        .sum();
    assert_eq!(csf, 106);
    // Each control lists the standards that cite it.
    let cis = &doc["frameworks"][0]["controls"];
    let c53 = cis
        .as_array()
        .and_then(|a| a.iter().find(|c| c["id"] == "5.3"))
        .cloned()
        .unwrap_or_default();
    assert!(
        c53["standards"]
            .as_array()
            .is_some_and(|s| s.iter().any(|x| x == "SEC-05"))
    );

    let table = ok(dir, &["frameworks"]);
    assert!(table.contains("IG1"), "{table}");
    assert!(table.contains("FY2027 now"), "{table}");
    assert!(table.contains("FY2031 with plan"), "{table}");
    let table = ok(dir, &["frameworks", "--year", "FY2028"]);
    assert!(table.contains("FY2028 with plan"), "{table}");
}

#[test]
fn a_district_with_no_data_meets_no_control() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    ok(dir, &["session", "new", "empty", "--empty"]);
    let doc = json(
        dir,
        &["--session", "empty", "frameworks", "--format", "json"],
    );
    for (key, g) in [("CIS", "IG1"), ("CSF", "PR"), ("K12 SIX", "Category")] {
        let now = group(&doc, key, 0, g);
        assert_eq!(n(&now, "met"), 0, "{key} {g}: unknown is never met: {now}");
        assert!(n(&now, "unknown") > 0, "{key} {g}: {now}");
    }
}

/// The evidence of CLS-10 (ADA Title II) in each fiscal year of the horizon.
fn ada(dir: &Path) -> Vec<String> {
    let s = json(dir, &["standards", "show", "CLS-10", "--format", "json"]);
    s["years"]
        .as_array()
        .map(|ys| {
            ys.iter()
                .map(|y| {
                    format!(
                        "{} {}",
                        y["fiscal_year"],
                        y["evidence"].as_str().unwrap_or_default()
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn the_ada_title_ii_date_follows_the_jurisdiction_population() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    // Not recorded: both dates, and the command that settles which.
    let years = ada(dir);
    assert!(
        years[0].contains("2027-04-26 for a jurisdiction of 50000 people or more"),
        "{years:?}"
    );
    assert!(years[0].contains("jurisdiction_population=N"), "{years:?}");

    // A small jurisdiction: due 26 Apr 2028, so FY2027 says "by" and FY2028 "since".
    ok(dir, &["district", "set", "jurisdiction_population=42000"]);
    let years = ada(dir);
    assert!(years[0].starts_with("2027 "), "{years:?}");
    assert!(years[0].ends_with("requires it by 2028-04-26"), "{years:?}");
    assert!(
        years[1].ends_with("has required it since 2028-04-26"),
        "{years:?}"
    );

    // A city of 60,000: the 2027 date, already in force by the end of FY2027.
    ok(dir, &["district", "set", "jurisdiction_population=60000"]);
    let years = ada(dir);
    assert!(
        years[0].ends_with("has required it since 2027-04-26"),
        "{years:?}"
    );
}
