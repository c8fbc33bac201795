//! The virtual CIO's portfolio over a data directory of districts: one row each, scenarios
//! under the district they were forked from, sorted by what needs attention, with the figures
//! each district's own screens show.

use serde_json::Value;
use std::path::Path;

fn vcio(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--as-of", "2026-11-22"])
        .args(args)
        .env_remove("VCIO_DATA_DIR")
        .env_remove("VCIO_AS_OF")
        .env_remove("VCIO_SESSION")
        .output()
        .expect("vcio runs")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = vcio(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn every_district_on_one_line_with_its_scenarios_and_the_neediest_first() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    ok(d, &["session", "new", "lakeside", "--empty"]);
    ok(
        d,
        &[
            "--session",
            "lakeside",
            "district",
            "set",
            "name=Lakeside USD",
            "students=400",
        ],
    );
    ok(d, &["session", "new", "cedar-valley"]);
    ok(d, &["session", "fork", "cedar-valley", "later-refresh"]);
    let p: Value = serde_json::from_str(&ok(d, &["portfolio", "--format", "json"])).expect("JSON");
    let rows = p["districts"].as_array().expect("districts");
    let order: Vec<&str> = rows.iter().filter_map(|r| r["session"].as_str()).collect();
    // Cedar Valley has an owner who left and a year over its cap: it comes first, with its
    // scenario under it; the empty district after.
    assert_eq!(order, vec!["cedar-valley", "later-refresh", "lakeside"]);
    assert_eq!(rows[1]["scenario_of"], "cedar-valley");
    let cedar = &rows[0];
    assert_eq!(cedar["years_over_cap"], 1);
    assert_eq!(cedar["at_risk_high"], 1);
    assert_eq!(cedar["now"]["passing"], 84);
    // The same figures as the district's own commands.
    let assess: Value = serde_json::from_str(&ok(
        d,
        &["--session", "cedar-valley", "assess", "--format", "json"],
    ))
    .expect("JSON");
    assert_eq!(cedar["now"]["passing"], assess["passing"]);
    let erate: Value = serde_json::from_str(&ok(
        d,
        &["--session", "cedar-valley", "erate", "--format", "json"],
    ))
    .expect("JSON");
    assert_eq!(cedar["c2_remaining_cents"], erate["c2_remaining_cents"]);
    // An empty district is unknown, not failing: almost everything needs data.
    let lake = &rows[2];
    assert_eq!(lake["district"], "Lakeside USD");
    assert!(lake["now"]["unknown"].as_u64().unwrap_or(0) > 100, "{lake}");
    let table = ok(d, &["portfolio"]);
    assert!(table.contains("└ later-refresh"), "{table}");
    assert!(
        table.lines().all(|l| vcio::text_width::width(l) <= 100),
        "{table}"
    );
}
