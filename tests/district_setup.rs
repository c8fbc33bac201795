//! A real district set up from an empty session through the command line alone, as a new
//! user would: profile, schools, funding and caps, the questionnaire, an exemption, an
//! initiative of its own, and a sparse Google Admin export, then the assessment, the budget
//! and the board report. Missing data must read as unknown, never as failing, everywhere.

mod common;

use serde_json::Value;
use std::path::Path;

const S: &str = "lakeside";

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

fn json(dir: &Path, args: &[&str]) -> Value {
    serde_json::from_str(&ok(dir, args)).expect("one JSON document")
}

/// A refused command: non-zero, one line naming the cause, and the plan unchanged.
fn refused(dir: &Path, args: &[&str], cause: &str) {
    let before = ok(dir, &["export", "--format", "ron"]);
    let out = run(dir, args);
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!out.status.success(), "vcio {args:?} was accepted");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    assert!(err.contains(cause), "vcio {args:?}: {err}");
    assert_eq!(
        ok(dir, &["export", "--format", "ron"]),
        before,
        "{args:?} changed the plan"
    );
}

fn ids(v: &Value, list: &str) -> Vec<String> {
    v[list]
        .as_array()
        .map(|a| {
            a.iter()
                .filter_map(|f| f["id"].as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn an_empty_session_becomes_a_set_up_district_through_the_cli() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    common::vcio(dir, &["session", "new", S, "--empty"]);

    // A new empty session: nothing can be judged, and setup says what to do first.
    let setup = json(dir, &["setup", "--format", "json"]);
    assert_eq!(setup["complete_pct"], 0);
    let first = setup["gaps"][0]["command"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(first.contains("vcio import inventory"), "{first}");
    let assess = json(dir, &["assess", "--format", "json"]);
    assert_eq!(
        (assess["passing"].as_u64(), ids(&assess, "failing").len()),
        (Some(0), 0)
    );

    ok(
        dir,
        &[
            "district",
            "set",
            "name=Lakeside USD",
            "students=2400",
            "staff=210",
            "nslp_pct=42",
            "rural=true",
            "state=NY",
        ],
    );
    ok(
        dir,
        &[
            "site",
            "add",
            "lhs",
            "--name",
            "Lakeside High School",
            "--students",
            "900",
            "--classrooms",
            "40",
            "--staff",
            "80",
        ],
    );
    ok(
        dir,
        &[
            "site",
            "add",
            "lms",
            "--name",
            "Lakeside Middle School",
            "--students",
            "700",
            "--classrooms",
            "30",
            "--staff",
            "60",
        ],
    );
    ok(
        dir,
        &[
            "site",
            "add",
            "les",
            "--name",
            "Lakeside Elementary",
            "--students",
            "800",
            "--classrooms",
            "36",
            "--staff",
            "70",
        ],
    );
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
    ok(dir, &["site", "alias", "les", "Lakeside ES"]);
    let district = json(dir, &["district", "--format", "json"]);
    assert_eq!(district["name"], "Lakeside USD");
    assert_eq!(district["students"], 2400);
    assert_eq!(district["sites"].as_array().map(Vec::len), Some(4));
    assert_eq!(district["sites"][3]["instructional"], false);
    assert_eq!(district["sites"][2]["aliases"][0], "Lakeside ES");
    // 42% NSLP, rural: 70% for both categories (USAC matrix).
    assert_eq!(
        (
            district["erate_c1_pct"].as_u64(),
            district["erate_c2_pct"].as_u64()
        ),
        (Some(70), Some(70))
    );

    // $250,000 overall, $180,000 from the general fund, Title IV-A $40,000 a year (not in total).
    ok(dir, &["budget", "cap", "$250,000"]);
    ok(dir, &["funding", "set", "general", "annual_cap=180000"]);
    ok(
        dir,
        &[
            "funding",
            "add",
            "title4",
            "--name",
            "Title IV-A",
            "--kind",
            "grant",
            "--annual-cap",
            "40,000",
            "--years",
            "FY2027..FY2031",
        ],
    );
    let funding = json(dir, &["funding", "--format", "json"]);
    assert_eq!(funding["annual_cap_cents"], 250_000_00);
    let title4 = &funding["sources"][2];
    assert_eq!(
        (
            title4["annual_cap_cents"].as_i64(),
            title4["award_cents"].as_i64()
        ),
        (Some(40_000_00), None)
    );
    assert_eq!(title4["limits"], "$40,000 a year, FY2027-FY2031");

    // The questionnaire: US dates are accepted; a CSV round trip is one undoable edit.
    ok(dir, &["answers", "set", "last_restore_test", "9/15/2026"]);
    let csv = dir.join("questions.csv");
    ok(
        dir,
        &["answers", "export", "--out", csv.to_str().expect("utf-8")],
    );
    let filled = std::fs::read_to_string(&csv)
        .expect("csv")
        .lines()
        .map(|l| {
            if l.starts_with("irp_approved,") {
                let mut f: Vec<String> = l.split(',').map(String::from).collect();
                f[3] = "yes".into();
                f.join(",")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&csv, filled).expect("fill in");
    ok(dir, &["answers", "import", csv.to_str().expect("utf-8")]);
    let answers = json(dir, &["answers", "--format", "json"]);
    let mut answered: Vec<&str> = answers["questions"]
        .as_array()
        .expect("questions")
        .iter()
        .filter(|q| !q["answer"].is_null())
        .filter_map(|q| q["key"].as_str())
        .collect();
    answered.sort_unstable();
    assert_eq!(answered, ["irp_approved", "last_restore_test"]);
    assert_eq!(answers["answered"], 2);

    // A district-specific threshold and a standard that does not apply.
    ok(dir, &["standards", "set", "DEV-03", "max_age_years", "6"]);
    ok(
        dir,
        &[
            "standards",
            "exempt",
            "CLS-10",
            "--reason",
            "The county hosts the website",
            "--until",
            "2027-06-30",
        ],
    );

    // A sparse Google Admin export: no boot mode, no purchase or auto-update dates.
    ok(
        dir,
        &[
            "import",
            "inventory",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/inventory/google_admin_sparse.csv"
            ),
        ],
    );
    let assess = json(dir, &["assess", "--format", "json"]);
    let failing = ids(&assess, "failing");
    let unknown = ids(&assess, "unknown");
    for id in ["DEV-02", "DEV-03", "DEV-05", "DEV-10"] {
        assert!(
            unknown.contains(&id.to_string()),
            "{id} should need data: {unknown:?}"
        );
        assert!(
            !failing.contains(&id.to_string()),
            "{id} reported as failing"
        );
    }
    assert_eq!(ids(&assess, "not_applicable"), vec!["CLS-10".to_string()]);
    let dev05 = assess["unknown"]
        .as_array()
        .and_then(|a| a.iter().find(|f| f["id"] == "DEV-05"))
        .and_then(|f| f["evidence"].as_str())
        .unwrap_or_default()
        .to_string();
    assert!(dev05.contains("unknown for all 5 Chromebooks"), "{dev05}");

    // An initiative of the district's own, bigger than the general fund's cap in its year.
    let id = ok(
        dir,
        &[
            "roadmap",
            "add",
            "--title",
            "Staff MFA and EDR",
            "--start",
            "FY2028-Q1",
            "--quarters",
            "2",
            "--one-time",
            "$300,000",
            "--resolves",
            "SEC-01",
        ],
    );
    assert_eq!(id.trim(), "INI-001");
    let budget = json(dir, &["budget", "--format", "json"]);
    let fy2028 = budget["years"]
        .as_array()
        .and_then(|ys| ys.iter().find(|y| y["fiscal_year"] == 2028))
        .cloned()
        .expect("FY2028");
    assert_eq!(fy2028["cap_cents"], 250_000_00);
    assert_eq!(fy2028["total_cents"], 300_000_00);
    assert_eq!(fy2028["over_cap"], true);
    let table = ok(dir, &["budget"]);
    assert!(
        table.contains("Cap General Fund") && table.contains("Cap Title IV-A"),
        "{table}"
    );

    // The board report tells the same story: the unknowns are under "Needs data".
    let report = ok(dir, &["export", "--format", "markdown"]);
    let needs = report
        .split("## Needs data")
        .nth(1)
        .expect("a Needs data section");
    assert!(needs.contains("**DEV-02**"), "{needs}");
    let before_needs = report.split("## Needs data").next().unwrap_or_default();
    assert!(
        !before_needs.contains("**DEV-02**"),
        "DEV-02 listed as failing in the report"
    );
    assert!(report.contains("Set aside by the district") && report.contains("county hosts"));
    assert!(report.contains("Lakeside USD"));

    // Setup now ranks what is still missing, with commands.
    let setup = ok(dir, &["setup"]);
    assert!(setup.contains("end-of-support date unknown"), "{setup}");

    // Every change was one undoable edit.
    ok(dir, &["undo"]);
    let roadmap = json(dir, &["roadmap", "--format", "json"]);
    assert_eq!(roadmap["initiatives"].as_array().map(Vec::len), Some(0));
}

#[test]
fn bad_setup_input_is_one_line_and_changes_nothing() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    common::vcio(dir, &["session", "new", S, "--empty"]);
    ok(
        dir,
        &["site", "add", "lhs", "--name", "Lakeside High School"],
    );
    ok(
        dir,
        &[
            "funding",
            "add",
            "bond",
            "--name",
            "2026 Bond",
            "--kind",
            "bond",
            "--award",
            "1,000,000",
        ],
    );
    ok(
        dir,
        &[
            "roadmap",
            "add",
            "--title",
            "Core switches",
            "--start",
            "FY2028-Q1",
            "--funding",
            "bond",
        ],
    );
    ok(
        dir,
        &[
            "import",
            "inventory",
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/inventory/google_admin_sparse.csv"
            ),
            "--create-sites",
        ],
    );

    refused(
        dir,
        &["district", "set", "students=-5"],
        "students: expected a whole number",
    );
    refused(
        dir,
        &["district", "set", "fiscal_start_month=13"],
        "month 1..12",
    );
    refused(dir, &["district", "set", "erate_c2_pct=90"], "stop at 85%");
    refused(
        dir,
        &["district", "set", "colour=blue"],
        "unknown key \"colour\"",
    );
    refused(dir, &["budget", "cap", "lots"], "expected an amount");
    refused(
        dir,
        &["site", "set", "nope", "students=5"],
        "no site \"nope\"",
    );
    refused(
        dir,
        &["funding", "remove", "bond"],
        "pays for 1 initiative(s)",
    );
    refused(
        dir,
        &[
            "roadmap",
            "add",
            "--title",
            "X",
            "--start",
            "FY2028-Q1",
            "--funding",
            "grant9",
        ],
        "no funding source \"grant9\"",
    );
    refused(
        dir,
        &["standards", "set", "DEV-03", "max_age", "6"],
        "no parameter \"max_age\"",
    );
    refused(
        dir,
        &["answers", "set", "last_restore_test", "2026-02-30"],
        "expected a date",
    );

    // A site an import placed items at cannot simply be removed.
    let sites = json(dir, &["site", "--format", "json"]);
    let imported = sites
        .as_array()
        .and_then(|a| a.iter().find(|s| s["id"] != "lhs"))
        .map(|s| s["id"].as_str().unwrap_or_default().to_string());
    if let Some(site) = imported {
        refused(dir, &["site", "remove", &site], "inventory row(s)");
    }

    // Questionnaire CSVs: a wrong key, a bad date, a missing column, each at its line.
    for (name, text, cause) in [
        (
            "key.csv",
            "key,answer\nirp_approved,yes\nno_such_key,yes\n",
            "key.csv:3: no question \"no_such_key\"",
        ),
        (
            "date.csv",
            "key,answer\nlast_restore_test,13/45/2026\n",
            "date.csv:2: column \"answer\"",
        ),
        (
            "cols.csv",
            "key,value\nirp_approved,yes\n",
            "cols.csv:1: missing column(s) answer",
        ),
    ] {
        let file = dir.join(name);
        std::fs::write(&file, text).expect("write");
        refused(
            dir,
            &["answers", "import", file.to_str().expect("utf-8")],
            cause,
        );
    }
}

#[test]
fn discounts_follow_the_matrix_and_category_two_stops_at_85() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    common::vcio(dir, &["session", "new", S, "--empty"]);
    // 80% NSLP, urban: C1 90%, C2 85% (USAC discount matrix; C2 is capped at 85).
    ok(dir, &["district", "set", "nslp_pct=80", "rural=false"]);
    let d = json(dir, &["district", "--format", "json"]);
    assert_eq!(
        (d["erate_c1_pct"].as_u64(), d["erate_c2_pct"].as_u64()),
        (Some(90), Some(85))
    );
    // 10% NSLP: urban 40/40, rural 50/50.
    ok(dir, &["district", "set", "nslp_pct=10"]);
    let d = json(dir, &["district", "--format", "json"]);
    assert_eq!(d["erate_c2_pct"], 40);
    ok(dir, &["district", "set", "rural=true"]);
    let d = json(dir, &["district", "--format", "json"]);
    assert_eq!(d["erate_c2_pct"], 50);
}
