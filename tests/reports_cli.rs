//! `vcio export` from the command line: every report format is written for the session's plan
//! as of `--as-of`, to stdout or `--out FILE`, and the plan inside the JSON export imports back
//! to the same assessment and budget. (The RON round trip is in tests/cli.rs.)

mod common;

use common::vcio;
use serde_json::Value;
use std::process::Output;

fn ok(out: Output) -> String {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

#[test]
fn export_writes_every_report_format() {
    let dir = tempfile::tempdir().unwrap();
    let md = ok(vcio(dir.path(), &["export", "--format", "markdown"]));
    assert!(md.starts_with("# Technology plan: Cedar Valley Unified School District"));
    assert!(md.contains("**OVER CAP**"));

    let file = dir.path().join("board.html");
    let said = ok(vcio(
        dir.path(),
        &[
            "export",
            "--format",
            "html",
            "--out",
            file.to_str().unwrap(),
        ],
    ));
    assert!(said.contains("board.html"), "{said}");
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("OVER CAP"));

    let csv = ok(vcio(dir.path(), &["export", "--format", "csv"]));
    assert!(csv.starts_with("id,title,owner,start,end,duration_quarters,"));
    assert_eq!(
        csv.lines().count(),
        1 + 15,
        "a header and one row per initiative"
    );

    let json: Value =
        serde_json::from_str(&ok(vcio(dir.path(), &["export", "--format", "json"]))).unwrap();
    for key in [
        "session",
        "as_of",
        "plan",
        "assessment",
        "budget",
        "roadmap",
        "warnings",
    ] {
        assert!(!json[key].is_null(), "{key}");
    }
}

#[test]
fn export_reflects_a_moved_initiative() {
    let dir = tempfile::tempdir().unwrap();
    ok(vcio(
        dir.path(),
        &["roadmap", "move", "INI-013", "FY2030-Q1"],
    ));
    let md = ok(vcio(dir.path(), &["export", "--format", "markdown"]));
    let budget = &md[md.find("## Budget").unwrap()..];
    let row = |fy: &str| {
        budget
            .lines()
            .find(|l| l.starts_with(&format!("| {fy} |")))
            .unwrap()
            .to_string()
    };
    assert!(!row("FY2029").contains("OVER CAP"), "{}", row("FY2029"));
    assert!(row("FY2030").contains("OVER CAP"), "{}", row("FY2030"));
}

#[test]
fn the_plan_in_the_json_export_imports_back_to_the_same_results() {
    let dir = tempfile::tempdir().unwrap();
    ok(vcio(
        dir.path(),
        &["roadmap", "move", "INI-001", "FY2028-Q1"],
    ));
    let doc: Value =
        serde_json::from_str(&ok(vcio(dir.path(), &["export", "--format", "json"]))).unwrap();
    let file = dir.path().join("plan.json");
    std::fs::write(&file, serde_json::to_string_pretty(&doc["plan"]).unwrap()).unwrap();

    let other = tempfile::tempdir().unwrap();
    ok(vcio(
        other.path(),
        &["import", "plan", file.to_str().unwrap()],
    ));
    let again: Value =
        serde_json::from_str(&ok(vcio(other.path(), &["export", "--format", "json"]))).unwrap();
    for key in ["plan", "assessment", "budget", "roadmap", "warnings"] {
        assert_eq!(again[key], doc[key], "{key}");
    }
}
