//! Bad input is normal input: every value the data-safety review got past a reader (negative
//! costs, FY9999, 2026-02-30, a quantity of 4,294,967,295, money sums that wrapped) is refused
//! by the one validation, every reader names FILE:LINE:COL of bytes that are not UTF-8, an error
//! never echoes a 10 MB token, a short CSV row is an error, and a rejected import of any kind
//! changes nothing.

mod common;

use common::vcio;
use std::path::Path;

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn export(dir: &Path) -> String {
    let out = vcio(dir, &["export", "--format", "ron"]);
    assert!(out.status.success(), "{}", stderr(&out));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Replaces the first match of `pattern` (a literal prefix up to the value) in the demo plan.
fn edited(plan: &str, from: &str, to: &str, times: usize) -> String {
    let mut out = plan.to_string();
    let mut n = 0;
    let mut at = 0;
    while n < times {
        let Some(i) = out[at..].find(from) else { break };
        let i = at + i;
        out.replace_range(i..i + from.len(), to);
        at = i + to.len();
        n += 1;
    }
    assert_eq!(n, times, "{from:?} found {n} times");
    out
}

#[test]
fn import_plan_refuses_what_every_other_way_in_refuses_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = export(dir.path());
    let first_start = plan
        .find("start: \"FY")
        .map(|i| plan[i..i + "start: \"FY2027-Q1\"".len()].to_string())
        .expect("a start");
    let first_acquired = plan
        .find("acquired: Some(\"")
        .map(|i| plan[i..i + "acquired: Some(\"2021-08\")".len()].to_string())
        .expect("an acquired date");
    let first_quantity = plan
        .find("quantity: ")
        .map(|i| {
            let rest = &plan[i..];
            rest[..rest.find(',').expect("comma")].to_string()
        })
        .expect("a quantity");
    let cases = [
        (
            edited(&plan, "annual_cost_cents: 0", "annual_cost_cents: -500", 1),
            "cannot be negative",
        ),
        (
            edited(&plan, &first_start, "start: \"FY9999-Q4\"", 1),
            "FY9999-Q4 is outside FY2000-FY2100",
        ),
        (
            edited(&plan, &first_acquired, "acquired: Some(\"2026-02-30\")", 1),
            "\"2026-02-30\" is not a real date",
        ),
        (
            edited(&plan, &first_quantity, "quantity: 4294967295", 1),
            "at most 1000000",
        ),
        (
            edited(
                &plan,
                "annual_cost_cents: 0",
                "annual_cost_cents: 5000000000000000000",
                2,
            ),
            "over $1,000,000,000",
        ),
    ];
    for (n, (text, want)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case-{n}.ron"));
        std::fs::write(&file, text).expect("write");
        let out = vcio(
            dir.path(),
            &["import", "plan", file.to_str().expect("utf-8")],
        );
        let err = stderr(&out);
        assert!(!out.status.success(), "case {n} accepted");
        assert!(err.contains(want), "case {n}: {err}");
        assert_eq!(err.trim_end().lines().count(), 1, "case {n}: {err}");
        assert_eq!(export(dir.path()), plan, "case {n} changed the plan");
    }
    // The date error has its position in the file.
    let file = dir.path().join("case-2.ron");
    let out = vcio(
        dir.path(),
        &["import", "plan", file.to_str().expect("utf-8")],
    );
    let line = cases[2].0[..cases[2].0.find("2026-02-30").expect("date")]
        .matches('\n')
        .count()
        + 1;
    assert!(
        stderr(&out).contains(&format!("case-2.ron:{line}:")),
        "{}",
        stderr(&out)
    );
}

#[test]
fn files_that_are_not_utf8_are_located_and_long_tokens_are_cut() {
    let dir = tempfile::tempdir().expect("tempdir");
    let plan = export(dir.path());
    // UTF-16, as Windows tools save "Unicode".
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(plan.encode_utf16().flat_map(u16::to_le_bytes));
    let file = dir.path().join("plan16.ron");
    std::fs::write(&file, utf16).expect("write");
    let out = vcio(
        dir.path(),
        &["import", "plan", file.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("plan16.ron:1:1: the file is UTF-16 LE"),
        "{}",
        stderr(&out)
    );

    // A Latin-1 byte in a user standards file: every command that loads the library says where.
    let standards = dir.path().join("standards");
    std::fs::create_dir_all(&standards).expect("dir");
    std::fs::write(standards.join("local.ron"), b"[\n  // caf\xE9\n]\n").expect("write");
    let out = vcio(dir.path(), &["assess"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("local.ron:2:9: byte 0xE9 is not UTF-8"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_file(standards.join("local.ron")).expect("remove");

    // A 10 MB token quoted back would be 10 MB of stderr.
    let file = dir.path().join("long.ron");
    std::fs::write(&file, format!("(district: {})", "x".repeat(10_000_000))).expect("write");
    let out = vcio(
        dir.path(),
        &["import", "plan", file.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    assert!(
        out.stderr.len() < 1_000,
        "{} bytes of stderr",
        out.stderr.len()
    );
    assert!(stderr(&out).contains("long.ron:1:"), "{}", stderr(&out));
}

#[test]
fn a_csv_row_with_too_few_fields_is_an_error_naming_its_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fixture = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/inventory/snipeit_assets.csv"
    );
    let text = std::fs::read_to_string(fixture).expect("fixture");
    let mut lines: Vec<&str> = text.lines().collect();
    // Line 3 of the file cut after its serial, as a truncated download leaves it.
    let cut: String = lines[2].split(',').take(3).collect::<Vec<_>>().join(",");
    lines[2] = &cut;
    let file = dir.path().join("cut.csv");
    std::fs::write(&file, lines.join("\n") + "\n").expect("write");
    let before = export(dir.path());
    let out = vcio(
        dir.path(),
        &["import", "inventory", file.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("cut.csv:3"), "{err}");
    assert!(
        err.contains("the row has 3 fields, fewer than the header's 13"),
        "{err}"
    );
    assert_eq!(export(dir.path()), before);

    // Excel's "Unicode text" (UTF-16 with a byte-order mark) is read, not refused.
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        text.trim_start_matches('\u{feff}')
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let file = dir.path().join("unicode.csv");
    std::fs::write(&file, utf16).expect("write");
    let out = vcio(
        dir.path(),
        &[
            "import",
            "inventory",
            file.to_str().expect("utf-8"),
            "--create-sites",
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("read as UTF-16"), "{}", stderr(&out));
}

#[test]
fn a_rejected_standards_import_keeps_the_catalog_imported_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let catalog = dir.path().join("basic-catalog.json");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/oscal/basic-catalog.json"
        ),
        &catalog,
    )
    .expect("fixture");
    let out = vcio(
        dir.path(),
        &["import", "standards", catalog.to_str().expect("utf-8")],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let kept = dir.path().join("standards").join("oscal-basic-catalog.ron");
    let before = std::fs::read(&kept).expect("imported");
    // Another standards file goes bad, so the library cannot load with the new catalog either.
    std::fs::write(dir.path().join("standards").join("zz-bad.ron"), "[ (id: ").expect("bad");
    let out = vcio(
        dir.path(),
        &["import", "standards", catalog.to_str().expect("utf-8")],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("nothing changed"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&kept).expect("still there"), before);
}

#[test]
fn a_theme_file_that_is_not_utf8_is_reported_not_ignored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let themes = dir.path().join("themes");
    std::fs::create_dir_all(&themes).expect("dir");
    std::fs::write(themes.join("default.ron"), b"(\n  fail: \"r\xE9d\",\n)").expect("write");
    std::fs::write(themes.join("mine.ron"), b"\xFF\xFE(\0").expect("write");
    let (themes_loaded, errors) = vcio::tui::theme::load_all(dir.path());
    assert!(
        themes_loaded.iter().any(|t| t.name == "default"),
        "the built-in is used"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("default.ron:2:11: byte 0xE9 is not UTF-8")),
        "{errors:?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("mine.ron:1:1: the file is UTF-16")),
        "{errors:?}"
    );
}
