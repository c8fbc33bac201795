//! The initiative form: Enter opens it on the selected bar, typed values save as one undoable
//! edit, money is parsed to exact cents, bad values show a message next to their field and
//! block the save, dependencies are validated (unknown, self, cycle), Esc changes nothing.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::model::ErateCategory;
use vcio::tui::form::Field;
use vcio::tui::{App, Mode};

/// Clears the focused field (C-u) and types `text`.
fn retype(app: &mut App, text: &str) {
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('u'),
        ratatui::crossterm::event::KeyModifiers::CONTROL,
    ));
    keys(app, text);
}

/// The form's messages by initiative field.
fn errors(app: &App) -> Vec<(Field, String)> {
    app.form_errors()
        .into_iter()
        .filter_map(|(i, m)| Field::ALL.get(i).map(|f| (*f, m)))
        .collect()
}

/// Moves the form's focus to `f` (from the first field).
fn to_field(app: &mut App, f: Field) {
    let i = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
    for _ in 0..i {
        keys(app, "<Tab>");
    }
}

#[test]
fn enter_opens_the_form_and_a_save_is_one_undo_step() {
    let mut app = app();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(
        app.form()
            .and_then(|f| f.initiative())
            .map(|i| i.id.as_str()),
        Some("INI-001")
    );
    retype(&mut app, "Refresh all Chromebooks");
    keys(&mut app, "<Tab>");
    retype(&mut app, "fy2029-q2");
    keys(&mut app, "<Tab>");
    retype(&mut app, "3");
    keys(&mut app, "<Tab>");
    retype(&mut app, "$1,234.50");
    keys(&mut app, "<Tab>");
    retype(&mut app, "99.99");
    keys(&mut app, "<Tab><Tab> "); // E-Rate: none -> C1
    keys(&mut app, "<Tab>");
    retype(&mut app, "ini-003");
    keys(&mut app, "<Tab>");
    retype(&mut app, "Board approved");
    assert!(app.form_errors().is_empty(), "{:?}", app.form_errors());
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Normal);
    let ini = app
        .plan()
        .initiative("INI-001")
        .expect("still there")
        .clone();
    assert_eq!(ini.title, "Refresh all Chromebooks");
    assert_eq!(ini.start.to_string(), "FY2029-Q2");
    assert_eq!(ini.duration, 3);
    assert_eq!(ini.one_time_cents, 123_450);
    assert_eq!(ini.recurring_cents, 9_999);
    assert_eq!(ini.erate, Some(ErateCategory::C1));
    assert_eq!(ini.depends_on, vec!["INI-003".to_string()]);
    assert_eq!(ini.notes, "Board approved");
    keys(&mut app, "u");
    let back = app.plan().initiative("INI-001").expect("there");
    assert_eq!(back.title, "Refresh Chromebooks");
    assert_eq!(back.one_time_cents, 300_000_00);
    assert!(!app.can_undo(), "the whole form was one undo step");
}

#[test]
fn invalid_fields_show_messages_next_to_them_and_block_the_save() {
    let mut app = app();
    keys(&mut app, "<Enter>");
    to_field(&mut app, Field::Start);
    retype(&mut app, "next spring");
    keys(&mut app, "<Tab>");
    retype(&mut app, "0");
    keys(&mut app, "<Tab>");
    retype(&mut app, "$12.345");
    let errs = errors(&app);
    let fields: Vec<Field> = errs.iter().map(|(f, _)| *f).collect();
    assert_eq!(fields, vec![Field::Start, Field::Duration, Field::OneTime]);
    let t = render(&app, 80, 24);
    let s = screen(&t).join("\n");
    assert!(s.contains("like FY2028-Q1"), "{s}");
    assert!(s.contains("1 to 40 quarters"), "{s}");
    let before = app.plan().clone();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form, "still open");
    assert!(app.status_is_error());
    assert_eq!(app.plan(), &before);
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.plan(), &before);
    assert!(!app.can_undo());
}

#[test]
fn dependencies_must_exist_and_not_be_self_or_a_cycle() {
    let mut app = app();
    // INI-002 depends on INI-003 in the fixture; make INI-003 depend on INI-002: a cycle.
    keys(&mut app, "jj<Enter>");
    assert_eq!(
        app.form()
            .and_then(|f| f.initiative())
            .map(|i| i.id.as_str()),
        Some("INI-003")
    );
    to_field(&mut app, Field::Depends);
    for (typed, msg) in [
        ("INI-999", "no initiative INI-999"),
        ("INI-003", "is this initiative"),
        ("INI-002", "cycle"),
    ] {
        retype(&mut app, typed);
        let errs = errors(&app);
        assert!(
            errs.iter()
                .any(|(f, m)| *f == Field::Depends && m.contains(msg)),
            "{typed}: {errs:?}"
        );
    }
    retype(&mut app, "INI-001");
    assert!(app.form_errors().is_empty());
    keys(&mut app, "<Enter>");
    assert_eq!(
        app.plan()
            .initiative("INI-003")
            .map(|i| i.depends_on.clone()),
        Some(vec!["INI-001".to_string()])
    );
}

#[test]
fn funding_cycles_through_the_plans_sources_and_the_form_fits_small_terminals() {
    let mut app = app();
    keys(&mut app, "<Enter>");
    to_field(&mut app, Field::Funding);
    let first = app.form().map(|f| f.values[5].clone());
    // Funding is typed (a split like bond:60,general:40) with the sources offered by Right.
    keys(&mut app, "<Right>");
    let second = app.form().map(|f| f.values[5].clone());
    assert_ne!(first, second);
    let ids: Vec<String> = app
        .plan()
        .budget
        .sources
        .iter()
        .map(|s| s.id.clone())
        .collect();
    assert!(second.is_some_and(|s| ids.contains(&s)));
    for (w, h) in [(80, 24), (60, 15), (20, 5), (200, 60)] {
        let _ = render(&app, w, h);
    }
}

#[test]
fn esc_then_a_key_arriving_as_one_alt_chord_closes_the_form_then_acts() {
    let mut app = app();
    keys(&mut app, "<Enter>");
    let before = app.plan().clone();
    // ESC F in one read: crossterm reports Alt-F.
    app.handle_key(ratatui::crossterm::event::KeyEvent::new(
        ratatui::crossterm::event::KeyCode::Char('L'),
        ratatui::crossterm::event::KeyModifiers::ALT
            | ratatui::crossterm::event::KeyModifiers::SHIFT,
    ));
    assert_eq!(app.mode(), Mode::Normal, "the form closed");
    assert_eq!(app.plan().initiatives[0].title, before.initiatives[0].title);
    assert_eq!(
        app.plan().initiatives[0].start.to_string(),
        "FY2028-Q2",
        "then L moved it"
    );
}

#[test]
fn the_form_sets_split_funding_eligible_shares_a_lease_and_the_unit_cost() {
    let mut app = app();
    keys(&mut app, "<Enter>");
    to_field(&mut app, Field::Funding);
    retype(&mut app, "erate:30,general:60");
    keys(&mut app, "<Enter>");
    // A split that does not add up is refused next to the field.
    assert_eq!(app.mode(), Mode::Form);
    assert!(
        errors(&app)
            .iter()
            .any(|(f, m)| *f == Field::Funding && m == "the shares add up to 90%, not 100%"),
        "{:?}",
        errors(&app)
    );
    retype(&mut app, "erate:30,general:70");
    for _ in Field::ALL
        .iter()
        .position(|f| *f == Field::Funding)
        .unwrap_or(0)
        ..Field::ALL
            .iter()
            .position(|f| *f == Field::Eligible)
            .unwrap_or(0)
    {
        keys(&mut app, "<Tab>");
    }
    retype(&mut app, "89/0");
    keys(&mut app, "<Tab>");
    retype(&mut app, "4:3.5");
    keys(&mut app, "<Tab>");
    retype(&mut app, "$338.21");
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Normal, "{:?}", errors(&app));
    let ini = app.plan().initiative("INI-001").expect("there").clone();
    assert_eq!(ini.funding, "general");
    let shares: Vec<(String, u8)> = ini
        .funding_shares
        .iter()
        .map(|s| (s.source.clone(), s.pct))
        .collect();
    assert_eq!(shares, vec![("erate".into(), 30), ("general".into(), 70)]);
    assert_eq!(
        (ini.erate_one_time_pct, ini.erate_recurring_pct),
        (Some(89), Some(0))
    );
    assert_eq!(ini.lease.map(|l| (l.years, l.rate_bp)), Some((4, 350)));
    assert_eq!(ini.unit_cost_cents, Some(338_21));
    // Reopened, the form shows what was saved, as it would be typed.
    keys(&mut app, "<Enter>");
    let values = app.form().map(|f| f.values.clone()).unwrap_or_default();
    assert_eq!(values[Field::Funding.index()], "erate:30,general:70");
    assert_eq!(values[Field::Eligible.index()], "89/0");
    assert_eq!(values[Field::Lease.index()], "4:3.5");
    assert_eq!(values[Field::UnitCost.index()], "338.21");
}
