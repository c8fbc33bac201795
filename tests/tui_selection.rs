//! Selection by identity: the initiative, standard or item a user selected stays selected
//! across another fiscal year, sorting, filtering, undo of an edit that reorders the list, and a
//! fork, where a row index into a derived order used to land on a neighbour.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::store::Store;
use vcio::tui::{App, Pane};

/// Puts the Failing standards pane on a standard that fails now and in the next fiscal year,
/// chosen so that it is not the first row in either year.
fn select_standard_failing_two_years(app: &mut App) -> String {
    keys(app, "<S-Tab>");
    assert_eq!(app.focus(), Pane::Standards);
    let now = app.standard_rows();
    keys(app, "y");
    let next: Vec<String> = app
        .standard_rows()
        .iter()
        .map(|r| app.library().standards[r.index].id.clone())
        .collect();
    keys(app, "yyyy"); // back to the current year (5-year horizon)
    let (row, id) = now
        .iter()
        .enumerate()
        .map(|(i, r)| (i, app.library().standards[r.index].id.clone()))
        .find(|(i, id)| {
            let later = next.iter().position(|n| n == id);
            *i > 0 && later.is_some_and(|l| l != *i)
        })
        .expect("the demo has a standard failing in both years at different rows");
    for _ in 0..row {
        keys(app, "j");
    }
    assert_eq!(app.selected_standard_id().as_deref(), Some(id.as_str()));
    id
}

#[test]
fn the_selected_standard_stays_selected_in_another_fiscal_year() {
    let mut app = demo();
    let id = select_standard_failing_two_years(&mut app);
    keys(&mut app, "y");
    assert_eq!(app.selected_standard_id().as_deref(), Some(id.as_str()));
    keys(&mut app, "yyyy");
    assert_eq!(app.selected_standard_id().as_deref(), Some(id.as_str()));
}

#[test]
fn the_selected_item_stays_selected_when_sorted_and_filtered() {
    let mut app = demo();
    keys(&mut app, "<Tab><Tab>jjjj");
    let id = app.selected_item().map(|i| i.id.clone()).expect("an item");
    keys(&mut app, "s");
    assert_eq!(
        app.selected_item().map(|i| i.id.as_str()),
        Some(id.as_str())
    );
    keys(&mut app, "ss");
    assert_eq!(
        app.selected_item().map(|i| i.id.as_str()),
        Some(id.as_str())
    );
    // A filter that keeps the item (its own name) keeps it selected.
    let name = app.selected_item().map(|i| i.name.clone()).expect("name");
    let word = name.split_whitespace().next().expect("a word").to_string();
    keys(&mut app, &format!("/{word}<Enter>"));
    assert_eq!(
        app.selected_item().map(|i| i.id.as_str()),
        Some(id.as_str())
    );
}

#[test]
fn the_selected_initiative_stays_selected_when_an_undo_reorders_the_list() {
    let mut app = demo();
    keys(&mut app, "jj");
    let x = app
        .selected_initiative()
        .map(|i| i.id.clone())
        .expect("third");
    // Delete the initiative just above it: the selection falls on X.
    keys(&mut app, "k");
    let w = app
        .selected_initiative()
        .map(|i| i.id.clone())
        .expect("second");
    keys(&mut app, "dy");
    assert!(app.plan().initiative(&w).is_none(), "{:?}", app.status());
    assert_eq!(
        app.selected_initiative().map(|i| i.id.as_str()),
        Some(x.as_str())
    );
    // Undo brings W back above X; the selection stays on X, not on the row index.
    keys(&mut app, "u");
    assert!(app.plan().initiative(&w).is_some());
    assert_eq!(
        app.selected_initiative().map(|i| i.id.as_str()),
        Some(x.as_str())
    );
    // And redo (W gone again) keeps X too.
    keys(&mut app, "<C-r>");
    assert_eq!(
        app.selected_initiative().map(|i| i.id.as_str()),
        Some(x.as_str())
    );
}

#[test]
fn a_fork_keeps_the_same_initiative_selected() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store.create("main", &plan()).expect("create");
    let session = store.open_session("main").expect("open");
    let mut app = App::with_color(Box::new(session), library(), as_of(), &opts(), true);
    app.set_store(Some(store));
    keys(&mut app, "j");
    let chosen = app
        .selected_initiative()
        .map(|i| i.id.clone())
        .expect("second");
    keys(&mut app, "Fwhat-if<Enter>");
    assert_eq!(app.session_name(), "what-if");
    assert_eq!(
        app.selected_initiative().map(|i| i.id.as_str()),
        Some(chosen.as_str()),
        "the next L moves the initiative the user was looking at"
    );
    let before = start(&app, &chosen);
    keys(&mut app, "L");
    assert_ne!(start(&app, &chosen), before);
}
