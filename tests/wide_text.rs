//! Titles in any script stay within their columns: a Japanese title (two columns a character)
//! and an accented one (a combining mark, no column) in the CLI's tables at 80 columns and in
//! the workbench's roadmap at 80x24.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::text_width::width;

const JAPANESE: &str = "校内ネットワーク更新と無線アクセスポイントの交換計画";
const ACCENTED: &str = "Re\u{301}seau de l'e\u{301}cole primaire: remplacement des commutateurs";

fn wide_plan() -> vcio::model::Plan {
    let mut plan = plan();
    plan.initiatives[0].title = JAPANESE.into();
    plan.initiatives[1].title = ACCENTED.into();
    plan
}

#[test]
fn cli_tables_fit_80_columns_with_wide_titles() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("plan.json");
    std::fs::write(&file, serde_json::to_string(&wide_plan()).expect("json")).expect("write");
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_vcio"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(["--as-of", "2026-11-22", "--session", "wide"])
            .args(args)
            .env("COLUMNS", "80")
            .env_remove("VCIO_DATA_DIR")
            .output()
            .expect("vcio runs")
    };
    assert!(
        run(&["import", "plan", file.to_str().expect("utf-8")])
            .status
            .success()
    );
    let out = run(&["roadmap"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("校内ネット"), "{text}");
    for line in text.lines() {
        assert!(width(line) <= 80, "{} columns: {line}", width(line));
    }
}

#[test]
fn the_roadmap_keeps_its_border_with_wide_titles() {
    let app = app_with(wide_plan(), false);
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    let rows = screen(&t);
    let y = rows
        .iter()
        .position(|r| r.contains('校'))
        .expect("the Japanese title is drawn");
    // The pane's right border is still in the last column of the title's row.
    assert_eq!(buf[(79, y as u16)].symbol(), "│", "{}", rows[y]);
    // Each wide character takes two cells, the second left blank by the first.
    let row = &rows[y];
    assert!(row.contains("校") && row.contains("ネ"), "{row}");
    let y2 = rows
        .iter()
        .position(|r| {
            r.contains("commutateurs") || r.contains("Re\u{301}seau") || r.contains("Réseau")
        })
        .expect("the accented title is drawn");
    assert_eq!(buf[(79, y2 as u16)].symbol(), "│", "{}", rows[y2]);
}
