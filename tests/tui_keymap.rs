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
fn an_unknown_action_is_named_at_its_line_and_column() {
    let (app, dir) = app_with_keymap("unknown.ron");
    let msg = app.status().unwrap_or_default();
    assert!(msg.contains("unknown action \"teleport\""), "{msg}");
    let want = format!("{}:2:18:", dir.path().join("keymap.ron").display());
    assert!(msg.contains(&want), "{msg}");
}

#[test]
fn an_unknown_scope_and_an_unknown_key_are_placed_too() {
    let (app, dir) = app_with_keymap("unknown_scope.ron");
    let msg = app.status().unwrap_or_default();
    let file = dir.path().join("keymap.ron");
    assert!(
        msg.contains(&format!(
            "{}:3:5: unknown scope \"timeline\"",
            file.display()
        )),
        "{msg}"
    );
    let (app, _dir) = app_with_keymap("bad_key.ron");
    let msg = app.status().unwrap_or_default();
    assert!(msg.contains(":3:29: roadmap.move_later:"), "{msg}");
    assert!(msg.contains("Hyper-x"), "{msg}");
    assert_eq!(
        app.keymap()
            .keys_for(Action::MoveLater, Scope::Pane(Pane::Roadmap)),
        vec!["L", "S-Right"],
        "the defaults stay"
    );
}

#[test]
fn a_key_sequence_runs_its_action_only_when_complete() {
    let (mut app, _dir) = app_with_keymap("sequences.ron");
    assert!(!app.status_is_error(), "{:?}", app.status());
    let ids = |app: &App| app.plan().initiatives.len();
    let n = ids(&app);
    // "d" alone no longer deletes in the Roadmap.
    keys(&mut app, "d");
    assert_eq!(app.mode(), vcio::tui::Mode::Normal);
    // "g" waits, and the hint bar lists what may follow.
    keys(&mut app, "g");
    assert_eq!(app.pending_keys().len(), 1);
    let bar = screen(&render(&app, 80, 24)).join("\n");
    assert!(bar.contains("g …"), "{bar}");
    assert!(bar.contains("d delete") && bar.contains("t theme"), "{bar}");
    keys(&mut app, "d");
    assert!(app.pending_keys().is_empty());
    assert!(
        matches!(app.mode(), vcio::tui::Mode::Confirm(_)),
        "g d asks to delete"
    );
    keys(&mut app, "y");
    assert_eq!(ids(&app), n - 1);
    // Esc abandons a sequence; an unbound continuation says so and does nothing.
    keys(&mut app, "g<Esc>");
    assert!(app.pending_keys().is_empty());
    keys(&mut app, "gx");
    assert!(app.pending_keys().is_empty());
    assert!(
        app.status()
            .unwrap_or_default()
            .contains("g x is not bound")
    );
    assert_eq!(ids(&app), n - 1);
    // The help screen shows the sequence as one entry.
    let help = app.keymap().help();
    assert!(
        help.iter()
            .flat_map(|(_, rows)| rows)
            .any(|(k, d)| k == "g d" && *d == "delete"),
        "{help:?}"
    );
}

#[test]
fn a_key_that_starts_another_binding_is_a_conflict() {
    let (app, dir) = app_with_keymap("prefix_conflict.ron");
    let msg = app.status().unwrap_or_default();
    let file = dir.path().join("keymap.ron");
    assert!(msg.contains(&file.display().to_string()), "{msg}");
    assert!(
        msg.contains("g (top) is the start of g g (bottom)"),
        "{msg}"
    );
    assert!(msg.contains("using the default keys"), "{msg}");
    assert_eq!(
        app.keymap().keys_for(Action::Top, Scope::Global),
        vec!["g", "Home"]
    );
}

#[test]
fn the_defaults_have_no_conflicts() {
    assert_eq!(vcio::tui::keymap_file::conflict(&Default::default()), None);
}
