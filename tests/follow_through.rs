//! Follow-through over several months, through the CLI as a district would use it: people and
//! owners, the board's approval as a baseline, check-ins with spend, an owner who leaves; then
//! the flags, the actuals and the baseline diff in the CLI (table and JSON) and in the board
//! report. Bad input changes nothing. And in the workbench: `c` records a check-in, `f` lists
//! what is at risk.

mod common;

use serde_json::Value;
use std::path::Path;

/// `vcio` on `dir` as of `date`.
fn at(dir: &Path, date: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--as-of", date, "--session", "district"])
        .args(args)
        .env_remove("VCIO_DATA_DIR")
        .env_remove("VCIO_AS_OF")
        .env_remove("VCIO_SESSION")
        .output()
        .expect("vcio runs")
}

fn ok(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = at(dir, date, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn json(dir: &Path, date: &str, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, date, args)).expect("JSON")
}

fn refused(dir: &Path, date: &str, args: &[&str]) -> String {
    let out = at(dir, date, args);
    assert!(!out.status.success(), "{args:?} should be refused");
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    err
}

#[test]
fn a_plan_approved_then_kept_or_not_over_several_months() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    // An empty district with two initiatives of its own.
    ok(d, "2026-09-01", &["session", "new", "district", "--empty"]);
    let fw = ok(
        d,
        "2026-09-01",
        &[
            "roadmap",
            "add",
            "--title",
            "Firewall",
            "--start",
            "FY2027-Q2",
            "--quarters",
            "2",
            "--one-time",
            "40000",
        ],
    );
    let fw = fw.trim().to_string();
    let mfa = ok(
        d,
        "2026-09-01",
        &[
            "roadmap",
            "add",
            "--title",
            "Staff MFA",
            "--start",
            "FY2027-Q2",
            "--quarters",
            "1",
            "--one-time",
            "10000",
        ],
    );
    let mfa = mfa.trim().to_string();
    ok(
        d,
        "2026-09-01",
        &["person", "add", "Dana Ruiz", "--role", "CIO"],
    );
    ok(
        d,
        "2026-09-01",
        &["person", "add", "Sam Okafor", "--role", "Network manager"],
    );
    ok(
        d,
        "2026-09-01",
        &[
            "initiative",
            "set",
            &fw,
            "owner=Sam Okafor",
            "sponsor=Dana Ruiz",
            "status=approved",
        ],
    );
    ok(
        d,
        "2026-09-01",
        &[
            "initiative",
            "set",
            &mfa,
            "owner=dana ruiz",
            "status=approved",
        ],
    );
    // The board approves the roadmap.
    ok(d, "2026-09-10", &["baseline", "save", "board-2026-09"]);

    // October: the firewall is 25% done and $30,000 is spent (75% of its $40,000).
    ok(
        d,
        "2026-10-15",
        &[
            "initiative",
            "checkin",
            &fw,
            "--percent",
            "25",
            "--spent",
            "$30,000",
            "--note",
            "hardware ordered",
        ],
    );
    // MFA finished early.
    ok(
        d,
        "2026-10-20",
        &[
            "initiative",
            "checkin",
            &mfa,
            "--percent",
            "100",
            "--spent",
            "9500",
        ],
    );
    // November: Sam leaves; the firewall moves a quarter later.
    ok(d, "2026-11-30", &["person", "leave", "Sam Okafor"]);
    ok(d, "2026-11-30", &["roadmap", "move", &fw, "FY2027-Q3"]);

    // December's visit: the flags say why and what to do.
    let f = json(d, "2026-12-15", &["followup", "--format", "json"]);
    let flags = f["flags"].as_array().expect("flags");
    let reasons: Vec<&str> = flags.iter().filter_map(|x| x["reason"].as_str()).collect();
    assert!(
        reasons.contains(&"its owner Sam Okafor left on 2026-11-30"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"spent 75% of its $40,000 at 25% complete"),
        "{reasons:?}"
    );
    assert!(
        reasons.contains(&"no check-in for 61 days (last 2026-10-15)"),
        "{reasons:?}"
    );
    assert_eq!(flags[0]["severity"], "high", "most serious first");
    assert!(
        flags.iter().all(|x| x["initiative"] == fw.as_str()),
        "the finished MFA work is not flagged: {flags:?}"
    );
    let table = ok(d, "2026-12-15", &["followup"]);
    assert!(table.contains("HIGH"), "{table}");

    // Actuals: $39,500 spent in FY2027 from the general fund against $50,000 planned.
    let a = json(
        d,
        "2026-12-15",
        &["budget", "--actuals", "--format", "json"],
    );
    let fy27 = a["years"]
        .as_array()
        .expect("years")
        .iter()
        .find(|r| r["fiscal_year"] == 2027 && r["source"] == "general")
        .expect("FY2027 general fund");
    assert_eq!(fy27["planned_cents"], 50_000_00);
    assert_eq!(fy27["actual_cents"], 39_500_00);
    assert_eq!(fy27["remaining_cents"], 10_500_00);
    assert_eq!(fy27["variance_pct"], -21);

    // The baseline diff names the move.
    let b = json(d, "2026-12-15", &["baseline", "diff", "--format", "json"]);
    assert_eq!(b["baseline"], "board-2026-09");
    let changes = b["changes"].as_array().expect("changes");
    assert_eq!(changes.len(), 1, "{changes:?}");
    assert_eq!(changes[0]["kind"], "moved");
    assert_eq!(changes[0]["before"], "FY2027-Q2");
    assert_eq!(changes[0]["after"], "FY2027-Q3");
    // ...with the log entry that made it (the log's date is the wall clock's, so only its
    // words are checked).
    let by = changes[0]["by"].as_array().expect("by");
    assert_eq!(by.len(), 1, "{by:?}");
    assert!(
        by[0]
            .as_str()
            .is_some_and(|e| e.contains(&format!("move {fw}"))),
        "{by:?}"
    );
    let table = ok(d, "2026-12-15", &["baseline", "diff"]);
    assert!(table.contains("From the session log:"), "{table}");

    // The board report carries the same.
    let report = ok(d, "2026-12-15", &["export", "--format", "markdown"]);
    assert!(report.contains("## Keeping the plan"), "{report}");
    assert!(
        report.contains("its owner Sam Okafor left on 2026-11-30"),
        "{report}"
    );
    assert!(
        report.contains("| moved | FY2027-Q2 | FY2027-Q3 | "),
        "{report}"
    );
    assert!(
        report.contains(&format!("move {fw} to FY2027-Q3 |")),
        "the report says which log entry moved it:\n{report}"
    );

    // The log reads as minutes: each change in words, owner changes with before and after.
    ok(
        d,
        "2026-12-15",
        &["initiative", "set", &fw, "owner=Dana Ruiz"],
    );
    let minutes = ok(
        d,
        "2026-12-15",
        &[
            "session",
            "log",
            "--since",
            "2026-01-01",
            "--format",
            "markdown",
        ],
    );
    assert!(
        minutes.starts_with("# Changes to district since 2026-01-01"),
        "{minutes}"
    );
    assert!(
        minutes.contains(&format!(
            "{fw}: check-in 2026-10-15: 25% complete, spent $30,000 (hardware ordered)"
        )),
        "{minutes}"
    );
    assert!(
        minutes.contains(&format!("{fw}: owner Sam Okafor → Dana Ruiz")),
        "{minutes}"
    );
    assert!(
        minutes.contains("Sam Okafor left on 2026-11-30"),
        "{minutes}"
    );
    assert!(
        minutes.contains("baseline board-2026-09 saved"),
        "{minutes}"
    );
    let later = ok(
        d,
        "2026-12-15",
        &[
            "session",
            "log",
            "--since",
            "2999-01-01",
            "--format",
            "markdown",
        ],
    );
    assert!(later.contains("No changes."), "{later}");

    // Reassigning to an active person clears the owner flag.
    ok(
        d,
        "2026-12-15",
        &["initiative", "set", &fw, "owner=Dana Ruiz"],
    );
    let f = json(d, "2026-12-15", &["followup", "--format", "json"]);
    let still: Vec<&str> = f["flags"]
        .as_array()
        .expect("flags")
        .iter()
        .filter_map(|x| x["reason"].as_str())
        .collect();
    assert!(!still.iter().any(|r| r.contains("left")), "{still:?}");
}

#[test]
fn bad_follow_through_input_is_one_line_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let before = ok(d, "2026-11-22", &["export", "--format", "ron"]);
    let err = refused(
        d,
        "2026-11-22",
        &[
            "initiative",
            "checkin",
            "INI-004",
            "--percent",
            "20",
            "--date",
            "2027-01-01",
        ],
    );
    assert!(err.contains("after the as-of date"), "{err}");
    let err = refused(
        d,
        "2026-11-22",
        &["initiative", "checkin", "INI-004", "--percent", "120"],
    );
    assert!(err.contains("0 to 100"), "{err}");
    let err = refused(
        d,
        "2026-11-22",
        &[
            "initiative",
            "checkin",
            "INI-004",
            "--percent",
            "20",
            "--spent=-5",
        ],
    );
    assert!(err.contains("negative"), "{err}");
    let err = refused(
        d,
        "2026-11-22",
        &[
            "initiative",
            "checkin",
            "INI-004",
            "--percent",
            "20",
            "--spent",
            "5",
            "--source",
            "lottery",
        ],
    );
    assert!(err.contains("no funding source \"lottery\""), "{err}");
    let err = refused(
        d,
        "2026-11-22",
        &["initiative", "set", "INI-004", "owner=Nobody Known"],
    );
    assert!(err.contains("no person named"), "{err}");
    let err = refused(d, "2026-11-22", &["person", "leave", "Nobody Known"]);
    assert!(err.contains("no person named"), "{err}");
    let err = refused(
        d,
        "2026-11-22",
        &["initiative", "set", "INI-004", "status=finished"],
    );
    assert!(err.contains("is not a status"), "{err}");
    assert_eq!(
        ok(d, "2026-11-22", &["export", "--format", "ron"]),
        before,
        "nothing changed"
    );
}

#[test]
fn the_demo_history_shows_a_stalled_initiative_and_one_over_its_spend() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = common::vcio(dir.path(), &["followup", "--format", "json"]);
    let f: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let flags = f["flags"].as_array().expect("flags");
    let by = |id: &str| -> Vec<String> {
        flags
            .iter()
            .filter(|x| x["initiative"] == id)
            .filter_map(|x| x["reason"].as_str().map(String::from))
            .collect()
    };
    assert!(
        by("INI-005")
            .iter()
            .any(|r| r == "its owner Alex Romero left on 2026-09-30")
    );
    assert!(
        by("INI-010")
            .iter()
            .any(|r| r.starts_with("spent 72% of its $24,000"))
    );
    let out = common::vcio(dir.path(), &["baseline", "diff"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("board-2025-12"), "{text}");
    assert!(text.contains("INI-005  moved"), "{text}");
}
