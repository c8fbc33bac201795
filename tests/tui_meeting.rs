//! A planning meeting at 80x24, keys only, on the demo district over a real store: find a
//! failing standard, read its whole evidence, create an initiative, move it, read every budget
//! source, fork, compare, undo; asserting what is on screen at each step. Also: nothing acts
//! blind on a too-small screen, the roadmap says where it is in a long list, the legend is
//! reachable, presenter mode, and a 40-initiative plan at three sizes.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::store::Store;
use vcio::tui::{App, Mode, Pane};

fn demo_on_store(dir: &std::path::Path) -> App {
    let store = Store::open(dir).expect("store");
    store
        .create("board", &vcio::demo::demo_plan())
        .expect("create");
    let session = store.open_session("board").expect("open");
    let mut app = App::with_color(
        Box::new(session),
        vcio::standards::Library::builtin(),
        as_of(),
        &opts(),
        true,
    );
    app.set_store(Some(store));
    app
}

fn text(app: &App, w: u16, h: u16) -> String {
    screen(&render(app, w, h)).join("\n")
}

/// The budget sources with spend in the horizon, by name.
fn source_names(app: &App) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for y in &app.derived().budget.years {
        for (name, cents) in &y.by_source {
            if *cents != 0 && !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names
}

#[test]
fn a_whole_meeting_at_80x24() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut app = demo_on_store(dir.path());
    let _ = render(&app, 80, 24);

    // 1. Find a failing standard nothing in the plan fixes; its title is readable on its own
    //    line.
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.focus(), Pane::Standards);
    let rows = app.standard_rows();
    let at = rows
        .iter()
        .position(|r| {
            r.status == vcio::assess::Status::Fail && r.fix.is_none() && r.passes_from.is_none()
        })
        .expect("the demo has an unplanned failure");
    let std = app.library().standards[rows[at].index].clone();
    for _ in 0..at {
        keys(&mut app, "j");
    }
    let s = text(&app, 80, 24);
    assert!(s.contains(&format!("{} no fix", std.id)), "{s}");
    let start: String = std.title.chars().take(15).collect();
    assert!(s.contains(&start), "the title has its own line:\n{s}");

    // 2. Enter reads it in full: every year's evidence, nothing created.
    let n = app.plan().initiatives.len();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Inspect);
    assert_eq!(app.plan().initiatives.len(), n, "Enter creates nothing");
    let s = text(&app, 80, 24);
    assert!(s.contains("In full"), "{s}");
    assert!(s.contains("FY2027: FAILS"), "{s}");
    // Scrolling reaches the last year's evidence and what the plan does about it.
    let (mut last_year, mut no_fix) = (false, false);
    for _ in 0..60 {
        let s = text(&app, 80, 24);
        last_year |= s.contains("FY2031");
        no_fix |= s.contains("No initiative fixes it yet");
        keys(&mut app, "j");
    }
    assert!(
        last_year && no_fix,
        "scrolling reaches the last year and the fix line"
    );

    // 3. n (from the full view) creates the initiative and selects it in the Roadmap.
    keys(&mut app, "n");
    assert_eq!(app.plan().initiatives.len(), n + 1, "{:?}", app.status());
    assert_eq!(app.focus(), Pane::Roadmap);
    let new = app.selected_initiative().expect("selected").clone();
    assert_eq!(new.resolves, vec![std.id.clone()]);
    let s = text(&app, 80, 24);
    assert!(s.contains(&new.id), "the new bar is on screen:\n{s}");
    assert!(s.contains(&format!("of {}", n + 1)), "position shown:\n{s}");

    // 4. Move it a year later: the selection stays on it.
    keys(&mut app, "LLLL");
    let moved = app.plan().initiative(&new.id).expect("there").start;
    assert_eq!(moved, new.start.plus(4));
    assert_eq!(
        app.selected_initiative().map(|i| i.id.clone()),
        Some(new.id.clone())
    );

    // 5. Every budget source with spend is on screen, as a row of the strip.
    let s = text(&app, 80, 24);
    for name in source_names(&app) {
        let shown: String = name.chars().take(10).collect();
        assert!(
            s.contains(&shown),
            "{name} missing from the budget strip:\n{s}"
        );
    }

    // 6. Fork into a scenario: the header names it, and the selection stays put.
    keys(&mut app, "F");
    keys(&mut app, "later-devices<Enter>");
    assert_eq!(app.session_name(), "later-devices", "{:?}", app.status());
    assert_eq!(
        app.selected_initiative().map(|i| i.id.clone()),
        Some(new.id.clone())
    );
    let s = text(&app, 80, 24);
    assert!(
        s.lines()
            .next()
            .unwrap_or("")
            .contains("session later-devices"),
        "{s}"
    );

    // 7. Compare with the plan it came from.
    keys(&mut app, "<C-p>compare with board<Enter>");
    assert_eq!(app.mode(), Mode::Compare);
    keys(&mut app, "<Esc>");

    // 8. A move in the scenario, undone: the status names the move, the bar goes back.
    keys(&mut app, "H");
    keys(&mut app, "u");
    let said = app.status().unwrap_or_default().to_string();
    assert_eq!(
        said,
        format!(
            "undid: move {} {} → {} (C-r redoes)",
            new.id,
            new.start.plus(4),
            new.start.plus(3)
        )
    );
    assert_eq!(
        app.plan().initiative(&new.id).map(|i| i.start),
        Some(new.start.plus(4))
    );
}

#[test]
fn nothing_acts_while_the_terminal_is_too_small() {
    let mut app = demo();
    let before = app.plan().clone();
    let s = text(&app, 20, 5);
    assert!(s.contains("too small"), "{s}");
    keys(&mut app, "LLd");
    assert_eq!(app.mode(), Mode::Normal, "no delete prompt opened blind");
    assert_eq!(app.plan(), &before, "no initiative moved blind");
    keys(&mut app, "q");
    assert!(app.should_quit(), "q still quits");
    // Back at a usable size, keys act again.
    let mut app = demo();
    let _ = render(&app, 20, 5);
    let _ = render(&app, 80, 24);
    let id = app
        .selected_initiative()
        .map(|i| i.id.clone())
        .unwrap_or_default();
    let start = app.plan().initiative(&id).map(|i| i.start);
    keys(&mut app, "L");
    assert_eq!(
        app.plan().initiative(&id).map(|i| i.start),
        start.map(|s| s.plus(1))
    );
}

#[test]
fn the_legend_is_in_the_help_and_presenter_mode_shows_roadmap_and_budget() {
    let mut app = demo();
    keys(&mut app, "?");
    let s = text(&app, 80, 24);
    assert!(s.contains("Keys"), "{s}");
    keys(&mut app, "jjjjjjjjjjjj");
    let s = text(&app, 80, 24);
    assert!(s.contains("What the marks mean"), "{s}");
    assert!(s.contains("year over a cap"), "{s}");
    keys(&mut app, "<Esc>P");
    assert!(app.presenting());
    let s = text(&app, 80, 24);
    assert!(!s.contains("Failing FY"), "side panes hidden:\n{s}");
    assert!(!s.contains("Inventory ("), "side panes hidden:\n{s}");
    assert!(s.contains("Roadmap"), "{s}");
    assert!(s.contains("Budget"), "{s}");
    assert!(s.contains("session default"), "{s}");
    assert!(s.contains("compliance"), "compliance spelled out:\n{s}");
    // Tab moves between the two panes on screen only.
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus(), Pane::Budget);
    keys(&mut app, "<Tab>");
    assert_eq!(app.focus(), Pane::Roadmap);
    keys(&mut app, "P");
    assert!(!app.presenting());
}

/// A plan of 40 initiatives with long titles and four funding sources.
fn forty() -> App {
    let mut plan = plan();
    plan.initiatives.clear();
    for k in 0..40u8 {
        let start = format!("FY{}-Q{}", 2028 + i32::from(k % 4), 1 + k % 4);
        let mut ini = initiative(
            &format!("INI-{:03}", k + 1),
            &format!("Initiative number {} with a long descriptive title", k + 1),
            &start,
            1 + k % 3,
            10_000_00 * i64::from(k + 1),
        );
        ini.funding = ["general", "erate", "general", "title-iv"][usize::from(k % 4)].into();
        plan.initiatives.push(ini);
    }
    if !plan.budget.sources.iter().any(|s| s.id == "title-iv") {
        let mut s = plan.budget.sources[0].clone();
        s.id = "title-iv".into();
        s.name = "Title IV-A".into();
        s.annual_cap_cents = None;
        plan.budget.sources.push(s);
    }
    app_with(plan, false)
}

#[test]
fn forty_initiatives_are_all_reachable_at_three_sizes() {
    for (w, h) in [(80, 24), (100, 30), (120, 40)] {
        let mut app = forty();
        let _ = render(&app, w, h);
        let mut seen = std::collections::BTreeSet::new();
        for _ in 0..40 {
            let s = text(&app, w, h);
            for k in 1..=40 {
                if s.contains(&format!("INI-{k:03}")) {
                    seen.insert(k);
                }
            }
            keys(&mut app, "j");
        }
        assert_eq!(seen.len(), 40, "{w}x{h}: only {seen:?} reachable");
        let s = text(&app, w, h);
        assert!(s.contains("of 40"), "{w}x{h}: no position shown:\n{s}");
        // Titles are readable: at least 12 characters of the selected one show.
        assert!(s.contains("Initiative n"), "{w}x{h}:\n{s}");
        for name in source_names(&app) {
            let shown: String = name.chars().take(8).collect();
            assert!(s.contains(&shown), "{w}x{h}: {name} missing:\n{s}");
        }
        insta::assert_snapshot!(format!("forty_{w}x{h}"), s);
    }
}

#[test]
fn c_records_a_check_in_and_f_lists_what_is_at_risk() {
    let mut app = demo();
    let id = app
        .selected_initiative()
        .map(|i| i.id.clone())
        .unwrap_or_default();
    keys(&mut app, "c");
    assert_eq!(app.mode(), Mode::Form);
    // Percent done, a note, the next step; the rest as offered.
    keys(
        &mut app,
        "<C-u>45<Tab>pilot done<Tab>order the rest<Tab><Tab><C-u>$1,200",
    );
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Normal, "{:?}", app.status());
    let ini = app.plan().initiative(&id).expect("there").clone();
    let c = ini.checkins.last().expect("a check-in");
    assert_eq!((c.percent, c.note.as_str()), (45, "pilot done"));
    assert_eq!(c.spent.as_ref().map(|s| s.cents), Some(1_200_00));
    assert_eq!(ini.status, vcio::model::InitiativeStatus::InProgress);
    let s = text(&app, 80, 24);
    assert!(
        s.contains(&format!("{id} 45%")),
        "the bar shows progress:\n{s}"
    );
    // In the Budget pane, `a` shows what check-ins record as spent against the plan; undoing
    // the $1,200 check-in takes it out of this year's actual total; `a` returns to the plan.
    while app.focus() != Pane::Budget {
        keys(&mut app, "<Tab>");
    }
    keys(&mut app, "a");
    let actual_row = |app: &App| {
        let s = text(app, 120, 40);
        assert!(s.contains("Budget: spent"), "{s}");
        assert!(s.contains("│Planned "), "{s}");
        s.lines()
            .find(|l| l.contains("│Actual "))
            .map(String::from)
            .unwrap_or_default()
    };
    let with = actual_row(&app);
    keys(&mut app, "u");
    let without = actual_row(&app);
    assert_ne!(with, without, "the check-in's spend is in the actual row");
    keys(&mut app, "<C-r>a");
    assert!(!text(&app, 120, 40).contains("Budget: spent"));
    while app.focus() != Pane::Roadmap {
        keys(&mut app, "<Tab>");
    }

    keys(&mut app, "u");
    assert!(
        app.plan()
            .initiative(&id)
            .is_some_and(|i| i.checkins.is_empty())
    );

    keys(&mut app, "f");
    let s = text(&app, 80, 24);
    assert!(s.contains("Follow-through"), "{s}");
    assert!(s.contains("HIGH INI-005"), "{s}");
    assert!(s.contains("Alex Romero left"), "{s}");
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
}

#[test]
fn b_shows_where_the_approved_baseline_had_a_bar() {
    let mut app = demo();
    let row = |app: &App| {
        text(app, 120, 40)
            .lines()
            .find(|l| l.contains("INI-002"))
            .map(String::from)
            .unwrap_or_default()
    };
    assert!(!row(&app).contains('░'), "{}", row(&app));
    keys(&mut app, "b");
    // INI-002 was approved for FY2027-Q1 and Q2 and now runs Q3 and Q4.
    let r = row(&app);
    assert!(r.contains("░░░"), "{r}");
    assert!(app.status().unwrap_or_default().contains("board-2025-12"));
    keys(&mut app, "b");
    assert!(!row(&app).contains('░'));
}

#[test]
fn the_minimum_size_lists_several_initiatives_and_a_zoomed_inventory_names_each_school() {
    let mut app = demo();
    // 60x15: the Detail pane gives way so the roadmap still lists three initiatives whole,
    // and the budget strip keeps a row for its sources (summed) above the total.
    let s = text(&app, 60, 15);
    assert!(s.contains("1-3 of 15"), "{s}");
    assert!(s.contains("Other (3)"), "{s}");
    for id in ["INI-001", "INI-002", "INI-003"] {
        assert!(s.contains(id), "{id} readable at 60x15:\n{s}");
    }
    keys(&mut app, "j");
    assert!(text(&app, 60, 15).contains("INI-002"));

    // Zoomed Inventory at 80x24: each row says which school the items are at, by name.
    while app.focus() != Pane::Inventory {
        keys(&mut app, "<Tab>");
    }
    keys(&mut app, "z");
    let s = text(&app, 80, 24);
    assert!(s.contains("Aspen Elementary"), "{s}");
    assert!(s.contains("Willow Elementary"), "{s}");
}

#[test]
fn c_shows_the_framework_scorecards_and_i_cites_each_source() {
    let mut app = demo();
    keys(&mut app, "C");
    let s = text(&app, 80, 24);
    assert!(s.contains("Framework scorecards"), "{s}");
    assert!(s.contains("IG1 (56) FY2027:"), "{s}");
    assert!(s.contains("K12 SIX") || text(&app, 120, 60).contains("K12 SIX"));
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);

    // Reading a standard in full says where each threshold comes from and what it cites.
    keys(&mut app, "<S-Tab>");
    assert_eq!(app.focus(), Pane::Standards);
    let id = app
        .standard_rows()
        .iter()
        .filter_map(|r| app.library().standards.get(r.index))
        .find(|s| !s.params.is_empty() && s.refs.iter().any(|r| r.starts_with("CIS ")))
        .map(|s| s.id.clone())
        .expect("a failing standard with a threshold and a CIS ref");
    while app
        .standard_rows()
        .get(app.selection().standards)
        .and_then(|r| app.library().standards.get(r.index))
        .is_some_and(|s| s.id != id)
    {
        keys(&mut app, "j");
    }
    keys(&mut app, "i");
    let s = text(&app, 120, 60);
    assert!(s.contains("Thresholds:"), "{s}");
    assert!(
        s.contains("house default (district may change)") || s.contains("sourced: "),
        "{s}"
    );
    assert!(s.contains("<https://www.cisecurity.org"), "{s}");
}
