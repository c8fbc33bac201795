//! Style assertions on the rendered buffer (insta snapshots carry no colour): the selected
//! row, over-cap cells, NO_COLOR, ASCII mode, and theme files (override, malformed, unknown).

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use ratatui::buffer::Buffer;
use ratatui::style::{Color, Modifier};
use vcio::history::MemorySession;
use vcio::tui::{App, TuiOptions};

fn find(buf: &Buffer, text: &str) -> Option<(u16, u16)> {
    for y in 0..buf.area.height {
        let row: Vec<String> = (0..buf.area.width)
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect();
        let joined: String = row.concat();
        if let Some(byte) = joined.find(text) {
            let x = joined[..byte].chars().count() as u16;
            return Some((x, y));
        }
    }
    None
}

#[test]
fn the_selected_roadmap_row_is_marked_and_reversed() {
    let app = app();
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    // The roadmap's rows (the failing list may name initiatives too, after an arrow).
    let (x, y) = find(buf, "> INI-001").expect("INI-001 on screen");
    let x = x + 2;
    // The ">" marker sits two cells before the label, and the label is reverse video.
    assert_eq!(buf[(x - 2, y)].symbol(), ">");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    // INI-002 starts before its dependency ends: "!" in the warning column, no cursor.
    let (x2, y2) = find(buf, " !INI-002")
        .map(|(x, y)| (x + 2, y))
        .expect("INI-002 on screen");
    assert!(!buf[(x2, y2)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buf[(x2 - 2, y2)].symbol(), " ");
}

#[test]
fn an_over_cap_year_has_the_symbol_and_the_warning_style() {
    let app = app();
    let over = app.theme().over;
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    // FY2028 is over its cap: the budget strip's total carries the symbol in the over style.
    let (x, y) = find(buf, "▲$385.0k").expect("over-cap total in the strip");
    assert_eq!(buf[(x, y)].fg, over.fg.unwrap_or(Color::Reset));
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    assert!(find(buf, "▲FY2028").is_some(), "year header marked too");
    assert!(
        find(buf, "1 year over cap").is_some(),
        "and the header says so"
    );
    // A year within its cap is not marked.
    let (x, y) = find(buf, "$145.0k").expect("FY2027 total");
    assert_ne!(
        buf[(x, y)].modifier & Modifier::REVERSED,
        Modifier::REVERSED
    );
}

#[test]
fn without_colour_no_cell_has_a_colour() {
    let app = App::with_color(
        Box::new(MemorySession::new("nc", plan())),
        library(),
        as_of(),
        &opts(),
        false,
    );
    assert_eq!(app.theme().name, "mono");
    for (w, h) in [(80, 24), (120, 40)] {
        let t = render(&app, w, h);
        for cell in t.backend().buffer().content() {
            assert_eq!(cell.fg, Color::Reset);
            assert_eq!(cell.bg, Color::Reset);
        }
    }
    // Meaning survives: the over-cap symbol and the selection marker are still there.
    let t = render(&app, 80, 24);
    assert!(find(t.backend().buffer(), "▲$385.0k").is_some());
    assert!(find(t.backend().buffer(), ">").is_some());
}

#[test]
fn ascii_mode_draws_only_ascii() {
    let mut app = app_with(plan(), true);
    for script in ["", "v", "?"] {
        keys(&mut app, script);
        let t = render(&app, 80, 24);
        for cell in t.backend().buffer().content() {
            assert!(
                cell.symbol().is_ascii(),
                "non-ASCII {:?} after {script:?}",
                cell.symbol()
            );
        }
        keys(&mut app, "<Esc>");
    }
    let t = render(&app, 80, 24);
    assert!(
        find(t.backend().buffer(), "!$385.0k").is_some(),
        "over-cap mark is !"
    );
}

fn app_in(dir: &std::path::Path, theme: Option<&str>) -> App {
    let o = TuiOptions {
        theme: theme.map(String::from),
        data_dir: dir.to_path_buf(),
        ..opts()
    };
    App::with_color(
        Box::new(MemorySession::new("t", plan())),
        library(),
        as_of(),
        &o,
        true,
    )
}

#[test]
fn a_malformed_theme_file_is_reported_with_file_line_col_and_the_default_is_used() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("themes")).expect("mkdir");
    std::fs::write(
        dir.path().join("themes/default.ron"),
        "(\n  border: \"cyan\",\n  fail: \"purple bold\",\n)\n",
    )
    .expect("write");
    let app = app_in(dir.path(), None);
    let status = app.status().unwrap_or_default().to_string();
    assert!(app.status_is_error());
    assert!(status.contains("default.ron:3:"), "{status}");
    assert!(status.contains("purple"), "{status}");
    assert_eq!(app.theme().name, "default");
    let t = render(&app, 80, 24);
    assert!(
        find(t.backend().buffer(), "default.ron:3:").is_some(),
        "shown in the status line"
    );
}

#[test]
fn a_user_theme_overrides_the_embedded_one_and_theme_picks_by_name() {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::create_dir_all(dir.path().join("themes")).expect("mkdir");
    std::fs::write(
        dir.path().join("themes/light.ron"),
        "(over: \"magenta bold\")",
    )
    .expect("write");
    std::fs::write(
        dir.path().join("themes/mine.ron"),
        "(selected: \"underlined\")",
    )
    .expect("write");
    let app = app_in(dir.path(), Some("light"));
    assert_eq!(app.status(), None);
    assert_eq!(app.theme().name, "light");
    assert_eq!(app.theme().over.fg, Some(Color::Magenta));
    let app = app_in(dir.path(), Some("mine"));
    assert!(
        app.theme()
            .selected
            .add_modifier
            .contains(Modifier::UNDERLINED)
    );
    let app = app_in(dir.path(), Some("nope"));
    assert!(
        app.status()
            .unwrap_or_default()
            .contains("no theme named \"nope\"")
    );
}
