//! The fuzzy palette: ranking, highlighted character indices (char positions), incremental
//! narrowing agreeing with a full scan, and where Enter goes for each kind of candidate; at
//! 100k items a key returns before the scan ends, typing on narrows correctly, and Enter
//! waits for the true best hit. Scoring runs in frame-sized steps, so tests that read hits
//! call `settle` (or `finish`) first.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use ratatui::style::Modifier;
use vcio::tui::palette::{Candidate, Palette, Target};
use vcio::tui::{App, Mode, Pane, Timeline};

fn first_hit(app: &App) -> Option<Target> {
    app.palette()
        .and_then(|p| p.current())
        .map(|c| c.target.clone())
}

fn texts(p: &Palette) -> Vec<String> {
    (0..p.hits.len())
        .filter_map(|k| p.row(k).map(|(c, _)| c.text.clone()))
        .collect()
}

#[test]
fn ctrl_p_opens_and_the_best_match_ranks_first() {
    let mut app = app();
    keys(&mut app, "<C-p>");
    assert_eq!(app.mode(), Mode::Palette);
    let total = app.palette().map(|p| p.candidates.len()).unwrap_or(0);
    assert!(total > 12, "initiatives, standards, commands and items");
    keys(&mut app, "corsw");
    app.settle();
    // "Core switch upgrade" has c-o-r-(e )-s-w at word starts: it wins.
    assert_eq!(first_hit(&app), Some(Target::Initiative(2)));
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
    assert!(app.palette().is_none());
}

#[test]
fn matched_characters_are_char_indices_and_are_drawn_underlined() {
    let cands = vec![
        Candidate {
            text: "Überprüfung Straße".into(),
            target: Target::Item(0),
        },
        Candidate {
            text: "nothing here".into(),
            target: Target::Item(1),
        },
    ];
    let mut p = Palette::new(cands);
    p.query = "prüfs".into();
    p.rescore();
    p.finish();
    assert_eq!(p.hits.len(), 1);
    let (_, idx) = p.row(0).expect("a row");
    assert_eq!(idx, vec![4, 5, 6, 7, 12]);

    // On screen: the matched letters of "Refresh Chromebooks" are bold and underlined.
    let mut app = app();
    keys(&mut app, "<C-p>refch");
    app.settle();
    let t = render(&app, 80, 24);
    let buf = t.backend().buffer();
    let rows = screen(&t);
    let y = rows
        .iter()
        .position(|r| r.contains("INI-001 Refresh Chromebooks"))
        .expect("the hit is listed");
    let x0 = rows[y]
        .find("INI-001 Refresh")
        .map(|b| rows[y][..b].chars().count())
        .expect("column");
    let marked: String = "INI-001 Refresh Chromebooks"
        .chars()
        .enumerate()
        .filter(|(j, _)| {
            buf[(x0 as u16 + *j as u16, y as u16)]
                .modifier
                .contains(Modifier::UNDERLINED)
        })
        .map(|(_, c)| c)
        .collect();
    assert_eq!(marked.to_lowercase(), "refch");
}

#[test]
fn extending_the_query_narrows_the_previous_hits_like_a_full_scan() {
    let mut app = app();
    keys(&mut app, "<C-p>c");
    app.settle();
    let wide = app.palette().map(|p| p.hits.len()).unwrap_or(0);
    keys(&mut app, "hr");
    app.settle();
    let narrowed = texts(app.palette().expect("open"));
    assert!(narrowed.len() < wide);
    let cands = app.palette().expect("open").candidates.clone();
    let mut fresh = Palette::new(cands);
    fresh.query = "chr".into();
    fresh.rescore();
    fresh.finish();
    assert_eq!(narrowed, texts(&fresh));
    // Backspace widens again.
    keys(&mut app, "<Backspace><Backspace>");
    app.settle();
    assert_eq!(app.palette().map(|p| p.hits.len()), Some(wide));
}

#[test]
fn enter_on_an_initiative_selects_it_in_the_roadmap() {
    let mut app = app();
    keys(&mut app, "<Tab><C-p>INI-003<Enter>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.focus(), Pane::Roadmap);
    assert_eq!(
        app.selected_initiative().map(|i| i.id.as_str()),
        Some("INI-003")
    );
}

#[test]
fn enter_on_a_standard_focuses_failing_standards_on_its_row() {
    let mut app = app();
    keys(&mut app, "<C-p>NET-04<Enter>");
    assert_eq!(app.focus(), Pane::Standards);
    let rows = app.standard_rows();
    let row = rows.get(app.selection().standards).expect("a row");
    assert_eq!(app.library().standards[row.index].id, "NET-04");
}

#[test]
fn enter_on_an_item_focuses_the_inventory_on_it_even_through_a_filter() {
    let mut app = app();
    keys(&mut app, "<Tab><Tab>/chrome<Enter>"); // filter the inventory to Chromebooks
    assert_eq!(app.filter_text(), "chrome");
    keys(&mut app, "<C-p>SIS Student<Enter>");
    assert_eq!(app.focus(), Pane::Inventory);
    assert_eq!(app.filter_text(), "", "the filter that hid it was cleared");
    let view = app.inventory_view();
    let row = view.item_rows[app.selection().inventory];
    match view.rows[row] {
        vcio::tui::view::InvRow::Item(i) => assert_eq!(app.plan().items[i].id, "SIS"),
        _ => panic!("not an item row"),
    }
}

#[test]
fn enter_on_a_command_runs_it_and_slash_opens_where_free() {
    let mut app = app();
    keys(&mut app, "/1y5y<Enter>");
    assert_eq!(app.timeline(), Timeline::Year, "the 1y/5y command ran");
    keys(&mut app, "<C-p>later in Roadmap<Enter>");
    assert_eq!(app.plan().initiatives[0].start.to_string(), "FY2028-Q2");
    // In the Inventory, `/` is still the filter.
    keys(&mut app, "<Tab><Tab>");
    assert_eq!(app.focus(), Pane::Inventory);
    keys(&mut app, "/");
    assert_eq!(app.mode(), Mode::Filter);
}

#[test]
fn no_match_and_an_empty_palette_are_harmless() {
    let mut app = app_with(vcio::model::Plan::default(), false);
    keys(&mut app, "<C-p>zzzzqqq<Down><Up><Enter>");
    assert_eq!(app.mode(), Mode::Normal);
    for (w, h) in [(80, 24), (60, 15), (20, 5)] {
        keys(&mut app, "<C-p>x");
        let _ = render(&app, w, h);
        keys(&mut app, "<Esc>");
    }
}

/// A full scan of `q` over the same candidates, completed.
fn fresh(app: &App, q: &str) -> Palette {
    let mut p = Palette::new(app.palette().expect("open").candidates.clone());
    p.query = q.into();
    p.rescore();
    p.finish();
    p
}

#[test]
fn at_100k_items_keys_return_early_typing_on_narrows_and_enter_takes_the_true_best() {
    let ids: Vec<String> = library().standards.iter().map(|s| s.id.clone()).collect();
    let mut app = app_with(vcio::generate::generate(100_000, 60, 7, &ids), false);
    keys(&mut app, "<C-p>c");
    // One frame's work cannot score 100k candidates: the key returned with a partial result.
    assert!(app.has_pending_work());
    let rows = screen(&render(&app, 100, 30));
    assert!(
        rows.iter().any(|r| r.contains("so far, matching")),
        "progress shows"
    );
    // Keys typed while it runs narrow from the hits so far plus the unscored rest.
    keys(&mut app, "hr");
    while app.has_pending_work() {
        app.do_pending_work();
    }
    let p = app.palette().expect("open");
    assert!(!p.is_busy() && p.progress().is_none());
    assert_eq!(p.hits, fresh(&app, "chr").hits);
    // Backspace is a full rescan; Enter while it runs picks the true best of "c".
    keys(&mut app, "<Backspace><Backspace>");
    assert!(app.has_pending_work());
    let best = fresh(&app, "c").current().map(|c| c.target.clone());
    keys(&mut app, "<Enter>");
    assert!(app.palette().is_none());
    match best {
        Some(Target::Initiative(i)) => {
            assert_eq!(app.focus(), Pane::Roadmap);
            assert_eq!(app.selection().roadmap, i);
        }
        Some(Target::Item(i)) => {
            assert_eq!(app.focus(), Pane::Inventory);
            let view = app.inventory_view();
            let row = view.item_rows[app.selection().inventory];
            assert_eq!(view.rows[row], vcio::tui::view::InvRow::Item(i));
        }
        // A command named with a c ("check-in") ran: its form is open.
        Some(Target::Command(_, _)) => {
            assert_eq!(app.mode(), vcio::tui::Mode::Form, "{:?}", app.status());
        }
        other => panic!("the best hit for \"c\" is {other:?}; pick another query"),
    }
}
