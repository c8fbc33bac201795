//! Sessions in the workbench over a real store in a temporary directory: fork the current
//! session into a scenario (F, name, Enter) and keep editing there, switch back through the
//! palette and find the original untouched, compare the two side by side; without a store
//! the keys say so and change nothing.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::store::Store;
use vcio::tui::{App, Mode};

fn app_on_store(dir: &std::path::Path) -> App {
    let store = Store::open(dir).expect("store");
    store.create("main", &plan()).expect("create main");
    let session = store.open_session("main").expect("open main");
    let mut app = App::with_color(Box::new(session), library(), as_of(), &opts(), true);
    app.set_store(Some(store));
    app
}

#[test]
fn fork_edit_switch_back_and_compare() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_on_store(dir.path());
    assert_eq!(app.session_name(), "main");
    keys(&mut app, "F");
    assert_eq!(app.mode(), Mode::Prompt);
    keys(&mut app, "delay-refresh<Enter>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.session_name(), "delay-refresh", "{:?}", app.status());
    assert_eq!(app.session_names().len(), 2);
    keys(&mut app, "LLLL");
    assert_eq!(start(&app, "INI-001"), "FY2029-Q1");

    keys(&mut app, "<C-p>session main<Enter>");
    assert_eq!(app.session_name(), "main");
    assert_eq!(start(&app, "INI-001"), "FY2028-Q1", "main is untouched");

    keys(&mut app, "<C-p>compare with delay<Enter>");
    assert_eq!(app.mode(), Mode::Compare);
    let text = app.compare().map(|c| c.text.clone()).unwrap_or_default();
    assert!(text.contains("INI-001"), "{text}");
    assert!(text.contains("delay-refresh"), "{text}");
    let t = render(&app, 80, 24);
    assert!(
        screen(&t)
            .join("\n")
            .contains("main (A) vs delay-refresh (B)")
    );
    keys(&mut app, "jjk<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn a_taken_name_is_refused_and_esc_cancels_the_prompt() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = app_on_store(dir.path());
    keys(&mut app, "Fmain<Enter>");
    assert_eq!(app.session_name(), "main");
    assert!(app.status_is_error(), "{:?}", app.status());
    keys(&mut app, "Fother<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.session_names().len(), 1);
}

#[test]
fn without_a_store_fork_says_so() {
    let mut app = app();
    keys(&mut app, "F");
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.status().unwrap_or_default().contains("no store"));
}
