//! Importing an export from the workbench, keys only: the finder's "import inventory" asks for
//! the path; a location that matches no school is listed with its rows and mapped to a site
//! with Left/Right; Enter imports it as one undoable edit and shows the summary. A bad path is
//! refused inside the overlay and changes nothing.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::model::{Plan, Site};
use vcio::tui::Mode;
use vcio::tui::import::Stage;

fn lakeside() -> Plan {
    let mut plan = Plan::default();
    plan.district.sites = vec![
        Site::new("lhs", "Lakeside High School"),
        Site::new("lms", "Lakeside Middle School"),
        Site::new("annex", "Lakeside Annex"),
        Site::new("do", "District Office"),
    ];
    plan
}

fn export() -> String {
    concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/inventory/lakeside_google_admin.csv"
    )
    .to_string()
}

#[test]
fn an_unmatched_school_is_mapped_with_keys_and_the_import_is_one_undo_step() {
    let mut app = app_with(lakeside(), false);
    keys(&mut app, "<C-p>import inventory<Enter>");
    assert_eq!(app.mode(), Mode::Import);
    keys(&mut app, &export());
    keys(&mut app, "<Enter>");
    let Some(Stage::Map { rows, .. }) = app.import_flow().map(|f| f.stage.clone()) else {
        panic!("expected the mapping stage: {:?}", app.import_flow());
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].location.as_str(), rows[0].rows),
        ("Lakeside ES", 4)
    );
    assert!(
        app.plan().items.is_empty(),
        "nothing imported before the mapping"
    );
    let screen_text = screen(&render(&app, 80, 24)).join("\n");
    assert!(
        screen_text.contains("\"Lakeside ES\" (4 rows) ->"),
        "{screen_text}"
    );

    // Left/Right cycle the school until it is the annex.
    for _ in 0..6 {
        let choice = match app.import_flow().map(|f| &f.stage) {
            Some(Stage::Map { rows, .. }) => rows[0].choice,
            _ => unreachable!(),
        };
        if app
            .plan()
            .district
            .sites
            .get(choice)
            .is_some_and(|s| s.id == "annex")
        {
            break;
        }
        keys(&mut app, "<Right>");
    }
    keys(&mut app, "<Enter>");
    let Some(Stage::Done { lines }) = app.import_flow().map(|f| f.stage.clone()) else {
        panic!("expected the summary: {:?}", app.import_flow());
    };
    assert!(lines[0].contains("24 rows -> 6 items added"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("kept as site aliases")),
        "{lines:?}"
    );
    let annex: u32 = app
        .plan()
        .items
        .iter()
        .filter(|i| i.site.as_deref() == Some("annex"))
        .map(|i| i.quantity)
        .sum();
    assert_eq!(annex, 4);
    let aliases = &app.plan().district.sites[2].aliases;
    assert_eq!(aliases, &["Lakeside ES".to_string()]);

    keys(&mut app, "x");
    assert_eq!(app.mode(), Mode::Normal, "any key closes the summary");
    keys(&mut app, "u");
    assert!(
        app.plan().items.is_empty(),
        "one undo takes the whole import back"
    );
    assert!(app.plan().district.sites[2].aliases.is_empty());
}

#[test]
fn a_bad_path_is_refused_in_the_overlay_and_changes_nothing() {
    let mut app = app_with(lakeside(), false);
    keys(&mut app, "<C-p>import inventory<Enter>");
    keys(&mut app, "/no/such/export.csv<Enter>");
    match app.import_flow().map(|f| &f.stage) {
        Some(Stage::Path { error: Some(e) }) => {
            assert!(e.starts_with("/no/such/export.csv: "), "{e}")
        }
        other => panic!("expected a refusal: {other:?}"),
    }
    assert!(app.plan().items.is_empty());
    // At 80x24 the refusal is on screen.
    let text = screen(&render(&app, 80, 24)).join("\n");
    assert!(text.contains("/no/such/export.csv:"), "{text}");
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn the_finder_opens_the_e_rate_view_with_the_next_deadline() {
    let mut app = app_with(lakeside(), false);
    keys(&mut app, "<C-p>E-Rate deadlines<Enter>");
    assert_eq!(app.mode(), Mode::Compare);
    let text = app.compare().map(|c| c.text.clone()).unwrap_or_default();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        text.contains("now E-Rate FY2026 (district FY2027)"),
        "{text}"
    );
    assert!(text.contains("DEADLINES"), "{text}");
    assert!(
        text.contains("Form 471 window closes for E-Rate FY2027"),
        "{text}"
    );
}
