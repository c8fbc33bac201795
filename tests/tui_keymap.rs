//! Keymap files: a partial override changes only the actions it lists (and the hint bar and
//! help follow), a malformed file is reported as FILE:LINE:COL, a conflict names both
//! actions, an unknown action is named; every error leaves the defaults in force.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use std::path::{Path, PathBuf};
use vcio::history::MemorySession;
use vcio::tui::keymap::Scope;
use vcio::tui::{Action, App, Pane};

fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/tui_fixture/keymaps")
        .join(name)
}

/// An app whose data dir holds `name` as keymap.ron.
fn app_with_keymap(name: &str) -> (App, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(fixture_path(name), dir.path().join("keymap.ron")).expect("copy");
    let mut o = opts();
    o.data_dir = dir.path().to_path_buf();
    let app = App::with_color(
        Box::new(MemorySession::new("test", plan())),
        library(),
        as_of(),
        &o,
        true,
    );
    (app, dir)
}

#[test]
fn a_partial_override_rebinds_only_what_it_lists() {
    let (mut app, _dir) = app_with_keymap("valid.ron");
    assert!(!app.status_is_error(), "{:?}", app.status());
    let km = app.keymap();
    let r = Scope::Pane(Pane::Roadmap);
    assert_eq!(km.keys_for(Action::MoveLater, r), vec!["C-l", "S-Right"]);
    assert_eq!(km.keys_for(Action::Undo, Scope::Global), vec!["u", "C-z"]);
    assert_eq!(km.keys_for(Action::MoveEarlier, r), vec!["H", "S-Left"]);
    // The hint bar shows the new first key.
    assert!(
        km.hints(&[r, Scope::Global])
            .contains(&("C-l".to_string(), "later"))
    );
    keys(&mut app, "L"); // no longer bound
    assert_eq!(app.plan().initiatives[0].start.to_string(), "FY2028-Q1");
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('l'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    assert_eq!(app.plan().initiatives[0].start.to_string(), "FY2028-Q2");
}

#[test]
fn a_malformed_file_is_reported_with_file_line_and_column() {
    let (app, dir) = app_with_keymap("malformed.ron");
    let msg = app.status().unwrap_or_default().to_string();
    assert!(app.status_is_error());
    let want = format!("{}:2:", dir.path().join("keymap.ron").display());
    assert!(msg.contains(&want), "{msg}");
    assert!(msg.contains("using the default keys"), "{msg}");
    let r = Scope::Pane(Pane::Roadmap);
    assert_eq!(
        app.keymap().keys_for(Action::MoveLater, r),
        vec!["L", "S-Right"]
    );
}

#[test]
fn a_conflict_names_both_actions_and_keeps_the_defaults() {
    let (app, _dir) = app_with_keymap("conflict.ron");
    let msg = app.status().unwrap_or_default();
    assert!(msg.contains("u is bound to both"), "{msg}");
    assert!(msg.contains("undo") && msg.contains("redo"), "{msg}");
    assert_eq!(
        app.keymap().keys_for(Action::Redo, Scope::Global),
        vec!["C-r"]
    );
}

#[test]
fn an_unknown_action_is_named() {
    let (app, _dir) = app_with_keymap("unknown.ron");
    let msg = app.status().unwrap_or_default();
    assert!(msg.contains("unknown action \"teleport\""), "{msg}");
}

#[test]
fn the_defaults_have_no_conflicts() {
    assert_eq!(vcio::tui::keymap_file::conflict(&Default::default()), None);
}
