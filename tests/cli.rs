//! The command-line contract (DESIGN section 4): JSON shapes, edits that persist and undo, and
//! user errors that exit 1 with one line on stderr and change nothing.

mod common;

use common::vcio;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

fn json(dir: &Path, args: &[&str]) -> Value {
    let out = vcio(dir, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("one JSON document")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn assess_json_has_the_contract_shape_and_the_fleet_ages_into_failure() {
    let dir = tempfile::tempdir().unwrap();
    let now = json(dir.path(), &["assess", "--format", "json"]);
    assert_eq!(now["session"], "default");
    assert_eq!(now["fiscal_year"], 2027);
    let total = now["standards_total"].as_u64().unwrap();
    assert!(total >= 100, "{total}");
    let failing = now["failing"].as_array().unwrap();
    assert!(!failing.is_empty());
    for f in failing {
        for key in ["id", "title", "area", "severity", "evidence"] {
            assert!(f[key].is_string(), "{key} in {f}");
        }
    }
    let later = json(
        dir.path(),
        &[
            "assess",
            "--year",
            "FY2030",
            "--baseline",
            "--format",
            "json",
        ],
    );
    assert_eq!(later["fiscal_year"], 2030);
    assert!(
        later["passing"].as_u64() < now["passing"].as_u64(),
        "the baseline gets worse as equipment ages"
    );
    let dev02 = later["failing"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "DEV-02")
        .expect("DEV-02 fails by FY2030");
    assert!(
        dev02["evidence"].as_str().unwrap().contains("by FY2030"),
        "{dev02}"
    );
}

#[test]
fn listings_have_the_contract_shapes() {
    let dir = tempfile::tempdir().unwrap();
    let standards = json(dir.path(), &["standards", "list", "--format", "json"]);
    let standards = standards.as_array().unwrap();
    assert!(standards.len() >= 100);
    let kinds: std::collections::BTreeSet<&str> = standards
        .iter()
        .map(|s| s["check"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains("share") && kinds.contains("ratio") && kinds.contains("answer"),
        "{kinds:?}"
    );
    assert!(
        standards
            .iter()
            .all(|s| s["refs"].is_array() && s["severity"].is_string())
    );

    let inv = json(dir.path(), &["inventory", "--format", "json"]);
    let item = &inv["items"][0];
    for key in [
        "id",
        "name",
        "category",
        "kind",
        "quantity",
        "unit_cost_cents",
        "acquired",
        "site",
    ] {
        assert!(item.get(key).is_some(), "{key} in {item}");
    }

    let roadmap = json(dir.path(), &["roadmap", "--format", "json"]);
    let ini = &roadmap["initiatives"][0];
    for key in [
        "id",
        "title",
        "start",
        "end",
        "one_time_cents",
        "recurring_cents",
        "funding_source",
        "depends_on",
        "resolves",
    ] {
        assert!(ini.get(key).is_some(), "{key} in {ini}");
    }
    assert!(roadmap["warnings"].is_array());

    let budget = json(dir.path(), &["budget", "--format", "json"]);
    let years = budget["years"].as_array().unwrap();
    assert_eq!(years.len(), 5);
    for y in years {
        let sum: i64 = y["by_source"]
            .as_object()
            .unwrap()
            .values()
            .map(|v| v.as_i64().unwrap())
            .sum();
        assert_eq!(
            sum,
            y["total_cents"].as_i64().unwrap(),
            "total is the sum of by_source"
        );
        assert!(y["over_cap"].is_boolean());
        assert!(y.get("cap_cents").is_some());
    }
    assert_eq!(
        years.iter().filter(|y| y["over_cap"] == true).count(),
        1,
        "the demo has one over-cap year"
    );
}

#[test]
fn schedule_dry_run_lists_the_moves_and_saves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = json(dir.path(), &["roadmap", "--format", "json"]);
    let out = vcio(dir.path(), &["roadmap", "schedule", "--dry-run"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    let moves: Vec<&str> = text.lines().filter(|l| l.contains(" -> ")).collect();
    assert!(
        !moves.is_empty(),
        "the demo roadmap has moves to make:\n{text}"
    );
    assert!(text.contains("nothing saved"), "{text}");
    assert_eq!(json(dir.path(), &["roadmap", "--format", "json"]), before);
    // The real run makes exactly the moves the dry run listed.
    let out = vcio(dir.path(), &["roadmap", "schedule"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let after = json(dir.path(), &["roadmap", "--format", "json"]);
    for line in moves {
        let mut parts = line.split_whitespace();
        let (id, to) = (parts.next().unwrap(), parts.last().unwrap());
        let ini = after["initiatives"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap();
        assert_eq!(ini["start"], to, "{id}");
    }
}

#[test]
fn a_move_persists_changes_the_budget_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let before = json(dir.path(), &["budget", "--format", "json"]);
    let out = vcio(dir.path(), &["roadmap", "move", "INI-013", "FY2030-Q1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let roadmap = json(dir.path(), &["roadmap", "--format", "json"]);
    let ini = roadmap["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "INI-013")
        .unwrap()
        .clone();
    assert_eq!(ini["start"], "FY2030-Q1");
    let after = json(dir.path(), &["budget", "--format", "json"]);
    assert_ne!(before["years"], after["years"]);
    assert!(vcio(dir.path(), &["undo"]).status.success());
    assert_eq!(
        json(dir.path(), &["budget", "--format", "json"])["years"],
        before["years"]
    );
    assert!(vcio(dir.path(), &["redo"]).status.success());
    assert_eq!(
        json(dir.path(), &["budget", "--format", "json"])["years"],
        after["years"]
    );
}

#[test]
fn user_errors_are_one_line_exit_1_and_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let before = json(dir.path(), &["roadmap", "--format", "json"]);
    // A value that is not a quarter or a fiscal year at all is a usage error, like an unknown
    // --format: exit 2, the cause on the first line.
    for (args, says) in [
        (
            vec!["roadmap", "move", "INI-001", "FY2028-Q9"],
            "expected a quarter like FY2027-Q1",
        ),
        (
            vec!["assess", "--year", "next"],
            "expected a fiscal year like FY2027",
        ),
        (vec!["assess", "--year", "banana"], "banana"),
    ] {
        let out = vcio(dir.path(), &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        let first = err.lines().next().unwrap_or_default();
        assert!(first.contains(says), "{args:?}: {err}");
    }
    for args in [
        vec!["roadmap", "move", "INI-999", "FY2028-Q1"],
        vec!["assess", "--year", "FY1999"],
        vec!["import", "plan", "/nonexistent/plan.ron"],
        vec!["session", "delete", "nope"],
    ] {
        let out = vcio(dir.path(), &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr(&out);
        assert_eq!(err.trim_end().lines().count(), 1, "{args:?}: {err}");
        assert!(err.starts_with("vcio: "), "{err}");
    }
    assert_eq!(json(dir.path(), &["roadmap", "--format", "json"]), before);
    let out = Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir.path())
        .args(["--as-of", "22/11/2026", "assess"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("--as-of"), "{}", stderr(&out));
}

#[test]
fn lint_reports_file_line_col_and_exits_nonzero() {
    let dir = tempfile::tempdir().unwrap();
    let stds = dir.path().join("mine");
    std::fs::create_dir(&stds).unwrap();
    std::fs::write(
        stds.join("bad.ron"),
        "[\n  (\n    id: \"X-1\",\n    severity: Severe,\n  ),\n]\n",
    )
    .unwrap();
    let out = vcio(dir.path(), &["standards", "lint", stds.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(err.contains("bad.ron:4:"), "{err}");
    let ok = vcio(dir.path(), &["standards", "lint", "standards"]);
    assert!(
        ok.status.success(),
        "the shipped library lints clean: {}",
        stderr(&ok)
    );
}

#[test]
fn a_malformed_user_standards_file_is_a_clear_error_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let stds = dir.path().join("standards");
    std::fs::create_dir(&stds).unwrap();
    std::fs::write(stds.join("broken.ron"), "[ ( id: \"X\", title: 3 ) ]").unwrap();
    let out = vcio(dir.path(), &["assess"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("broken.ron:1:"), "{}", stderr(&out));
}

#[test]
fn export_ron_round_trips_through_import_plan() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ron");
    assert!(
        vcio(dir.path(), &["roadmap", "move", "INI-001", "FY2028-Q1"])
            .status
            .success()
    );
    assert!(
        vcio(
            dir.path(),
            &["export", "--format", "ron", "--out", file.to_str().unwrap()]
        )
        .status
        .success()
    );
    let assess = json(
        dir.path(),
        &["assess", "--year", "FY2029", "--format", "json"],
    );
    let budget = json(dir.path(), &["budget", "--format", "json"]);
    let other = tempfile::tempdir().unwrap();
    let out = vcio(other.path(), &["import", "plan", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        json(
            other.path(),
            &["assess", "--year", "FY2029", "--format", "json"]
        ),
        assess
    );
    assert_eq!(json(other.path(), &["budget", "--format", "json"]), budget);
}

#[test]
fn fix_creates_an_initiative_from_a_failing_standard() {
    let dir = tempfile::tempdir().unwrap();
    let out = vcio(
        dir.path(),
        &["roadmap", "fix", "DEV-02", "--start", "FY2028-Q1"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let roadmap = json(dir.path(), &["roadmap", "--format", "json"]);
    let new = roadmap["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["resolves"][0] == "DEV-02" && i["start"] == "FY2028-Q1")
        .expect("created")
        .clone();
    // 345 Lenovo 100e Gen 2 past AUE, bought in 2020 at $275: replaced in July 2027 at their
    // price escalated 3% a year for 7 years, 27,500 x 1.03^7 = 33,821.5 -> 33,821 cents each.
    assert_eq!(new["one_time_cents"], 345 * 33_821);
}

#[test]
fn the_command_line_definition_is_sound_and_every_printing_command_speaks_json() {
    use clap::CommandFactory;
    vcio::cli::Cli::command().debug_assert();
    let dir = tempfile::tempdir().unwrap();
    // A change made with --format json says what it did as JSON.
    let moved = json(
        dir.path(),
        &[
            "roadmap",
            "--format",
            "json",
            "move",
            "INI-001",
            "FY2028-Q2",
        ],
    );
    assert_eq!(moved["change"], "move INI-001 to FY2028-Q2");
    assert_eq!(moved["initiatives"][0]["id"], "INI-001");
    assert_eq!(moved["initiatives"][0]["start"], "FY2028-Q2");
    let sched = json(
        dir.path(),
        &["roadmap", "--format", "json", "schedule", "--dry-run"],
    );
    assert_eq!(sched["saved"], false);
    assert!(sched["outcome"].is_string());
    let list = json(dir.path(), &["session", "list", "--format", "json"]);
    assert_eq!(list["sessions"][0]["name"], "default");
    // Workbench-only flags and the developer command stay out of the commands' help.
    let help = Command::new(env!("CARGO_BIN_EXE_vcio"))
        .args(["budget", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    assert!(
        !help.contains("--ascii") && !help.contains("--no-mouse"),
        "{help}"
    );
    assert!(
        help.contains("--format <FORMAT>") && help.contains("json: one JSON document"),
        "{help}"
    );
    let top = Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--help")
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&top.stdout).contains("generate"));
}
