//! Drag-to-schedule through `App::handle_mouse` on the fixture at 80x24: the preview changes
//! the shown plan and budget without touching the session, release commits exactly one undo
//! step, Esc restores, ends resize, and `M` toggles mouse reporting.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use vcio::tui::App;
use vcio::tui::hit::{Hit, Part, hit};

fn mouse(app: &mut App, kind: MouseEventKind, x: u16, y: u16) {
    app.handle_mouse(MouseEvent {
        kind,
        column: x,
        row: y,
        modifiers: KeyModifiers::NONE,
    });
}
fn press(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Down(MouseButton::Left), x, y);
}
fn drag(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Drag(MouseButton::Left), x, y);
}
fn release(app: &mut App, x: u16, y: u16) {
    mouse(app, MouseEventKind::Up(MouseButton::Left), x, y);
}

/// The screen cell of a part of INI-001's bar (row 0 of the roadmap), after a render.
fn bar_cell(app: &App, part: Part) -> (u16, u16, u16) {
    let lf = app.last_frame();
    let row = lf
        .rows
        .iter()
        .position(|r| r.ini == 0)
        .expect("INI-001 visible");
    let y = lf.bars_y + row as u16;
    let b = lf.rows[row];
    let x0 = lf.bars_x + ((b.start - lf.first_q) as u16) * lf.qw;
    let x1 = lf.bars_x + ((b.end - lf.first_q + 1) as u16) * lf.qw - 1;
    let x = match part {
        Part::Start => x0,
        Part::Body => x0 + 1,
        Part::End => x1,
    };
    assert_eq!(
        hit(&lf, x, y),
        Hit::Bar {
            ini: 0,
            part,
            quarter: lf.quarter_at(x)
        }
    );
    (x, y, lf.qw)
}

#[test]
fn dragging_the_body_a_year_right_previews_then_commits_one_undo_step() {
    let mut app = app();
    let _ = render(&app, 80, 24);
    let (x, y, qw) = bar_cell(&app, Part::Body);
    let (b28, b29) = (year_total(&app, 2028), year_total(&app, 2029));
    press(&mut app, x, y);
    assert!(app.dragging().is_some());
    for step in 1..=4 {
        drag(&mut app, x + step * qw, y);
        let _ = render(&app, 80, 24);
    }
    // The preview: shown plan and budget moved, the session not yet.
    assert_eq!(start(&app, "INI-001"), "FY2029-Q1");
    assert_eq!(year_total(&app, 2028), b28 - 300_000_00);
    assert_eq!(year_total(&app, 2029), b29 + 300_000_00);
    assert!(!app.can_undo(), "nothing persisted mid-drag");
    release(&mut app, x + 4 * qw, y);
    assert!(app.dragging().is_none());
    assert_eq!(start(&app, "INI-001"), "FY2029-Q1");
    assert_eq!(year_total(&app, 2029), b29 + 300_000_00);
    keys(&mut app, "u");
    assert_eq!(start(&app, "INI-001"), "FY2028-Q1");
    assert_eq!(year_total(&app, 2028), b28);
    assert!(!app.can_undo(), "exactly one undo step");
}

#[test]
fn esc_mid_drag_restores_the_plan_and_budget() {
    let mut app = app();
    let _ = render(&app, 80, 24);
    let before = app.plan().clone();
    let b28 = year_total(&app, 2028);
    let (x, y, qw) = bar_cell(&app, Part::Body);
    press(&mut app, x, y);
    drag(&mut app, x + 3 * qw, y);
    assert_ne!(year_total(&app, 2028), b28, "preview changed the budget");
    keys(&mut app, "<Esc>");
    assert!(app.dragging().is_none());
    assert_eq!(app.plan(), &before);
    assert_eq!(year_total(&app, 2028), b28);
    // The release that follows the Esc changes nothing either.
    release(&mut app, x + 3 * qw, y);
    assert_eq!(app.plan(), &before);
    assert!(!app.can_undo());
}

#[test]
fn dragging_the_end_resizes_and_the_start_keeps_the_end() {
    let mut app = app();
    let _ = render(&app, 80, 24);
    let dur = app.plan().initiatives[0].duration;
    let (x, y, qw) = bar_cell(&app, Part::End);
    press(&mut app, x, y);
    drag(&mut app, x + 2 * qw, y);
    release(&mut app, x + 2 * qw, y);
    assert_eq!(app.plan().initiatives[0].duration, dur + 2);
    assert_eq!(start(&app, "INI-001"), "FY2028-Q1");

    let _ = render(&app, 80, 24);
    let end = app.plan().initiatives[0].end();
    let (x, y, qw) = bar_cell(&app, Part::Start);
    press(&mut app, x, y);
    drag(&mut app, x + qw, y);
    release(&mut app, x + qw, y);
    assert_eq!(start(&app, "INI-001"), "FY2028-Q2");
    assert_eq!(app.plan().initiatives[0].end(), end, "the end stays put");
}

#[test]
fn dragging_past_the_right_edge_keeps_going_and_a_return_to_the_anchor_is_a_no_op() {
    let mut app = app();
    let _ = render(&app, 80, 24);
    let before = app.plan().clone();
    let (x, y, _) = bar_cell(&app, Part::Body);
    press(&mut app, x, y);
    drag(&mut app, 79, y);
    let far = app.plan().initiatives[0].start;
    assert!(far > before.initiatives[0].start);
    drag(&mut app, x, y);
    assert_eq!(
        app.plan(),
        &before,
        "back at the anchor: the preview is undone"
    );
    release(&mut app, x, y);
    assert_eq!(app.plan(), &before);
    assert!(!app.can_undo());
}

#[test]
fn a_press_outside_bars_starts_no_drag_and_m_toggles_the_mouse() {
    let mut app = app();
    let _ = render(&app, 80, 24);
    press(&mut app, 0, 0);
    drag(&mut app, 10, 0);
    release(&mut app, 10, 0);
    assert!(app.dragging().is_none());
    assert!(app.mouse_enabled());
    keys(&mut app, "M");
    assert!(!app.mouse_enabled());
    keys(&mut app, "M");
    assert!(app.mouse_enabled());
}

#[test]
fn a_horizon_wider_than_the_pane_scrolls_by_years_while_a_bar_is_dragged_past_the_edge() {
    let mut plan = plan();
    plan.district.horizon_years = 10;
    let mut app = app_with(plan, false);
    let t = render(&app, 80, 24);
    let title = screen(&t).join("\n");
    assert!(
        title.contains("of 10 years"),
        "the title says only part of the horizon is shown:\n{title}"
    );
    let lf = app.last_frame();
    let (first_q, last_q) = (lf.first_q, lf.first_q + lf.nq as i32 - 1);
    assert!(lf.qw >= 2, "quarters stay wide enough to grab");
    let (x, y, _) = bar_cell(&app, Part::Body);
    press(&mut app, x, y);
    // Wiggling at the right border: each drag event scrolls the timeline one more year.
    for k in 0..6 {
        drag(&mut app, 79 - (k % 2), y);
        let _ = render(&app, 80, 24);
    }
    let lf = app.last_frame();
    assert!(lf.first_q > first_q, "the view scrolled right");
    let moved = app.plan().initiatives[0].start.index();
    assert!(
        moved > last_q,
        "the bar went past what was first visible ({moved} > {last_q})"
    );
    release(&mut app, 79, y);
    assert_eq!(app.plan().initiatives[0].start.index(), moved, "committed");
    assert!(app.can_undo());
    // The budget strip follows the same years as the timeline.
    let shown = screen(&render(&app, 80, 24)).join("\n");
    let fy = app.derived().horizon.years[app.year_index()].0;
    assert!(shown.contains(&format!("FY{fy}")), "{shown}");
}

#[test]
fn dragging_the_left_edge_back_says_the_bar_grows() {
    let mut app = app();
    let _ = render(&app, 80, 24);
    let dur = app.plan().initiatives[0].duration;
    let (x, y, qw) = bar_cell(&app, Part::Start);
    press(&mut app, x, y);
    drag(&mut app, x - qw, y);
    let said = app.status().unwrap_or_default().to_string();
    assert!(
        said.contains(&format!("{} quarter(s) (+1), from FY2027-Q4", dur + 1)),
        "{said}"
    );
    release(&mut app, x - qw, y);
    assert_eq!(app.plan().initiatives[0].duration, dur + 1);
}
