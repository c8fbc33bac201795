//! The item and questionnaire forms: `a` in the Inventory adds an item with exact cents as one
//! undo step and selects it; bad quantities, money, months and a duplicate id show messages and
//! block the save; Enter edits an existing item. `A` in Failing standards answers the
//! questionnaire: set, change and clear answers in one undo step, standards follow, typed
//! answers are checked against what the standard expects, and the long form scrolls.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vcio::assess::eval::Status;
use vcio::model::{AnswerValue, YearMonth};
use vcio::standards::{Check, Expect};
use vcio::tui::form::questionnaire;
use vcio::tui::{App, Mode, Pane};

/// Clears the focused field (C-u) and types `text`.
fn retype(app: &mut App, text: &str) {
    app.handle_key(KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL));
    keys(app, text);
}

/// Moves the form's focus to the field labelled `label` (Tab from where it is).
fn to_label(app: &mut App, label: &str) {
    let n = app.form().map_or(0, |f| f.fields.len());
    for _ in 0..n {
        if app
            .form()
            .and_then(|f| f.spec())
            .is_some_and(|s| s.label == label)
        {
            return;
        }
        keys(app, "<Tab>");
    }
    panic!("no field {label}");
}

/// Home (the fixture's key script has no name for it): the form's first field.
fn home(app: &mut App) {
    app.handle_key(KeyEvent::new(KeyCode::Home, KeyModifiers::NONE));
}

fn value(app: &App, label: &str) -> String {
    let f = app.form().expect("a form is open");
    let i = f
        .fields
        .iter()
        .position(|s| s.label == label)
        .expect("field");
    f.values[i].clone()
}

fn error_for(app: &App, label: &str) -> Option<String> {
    let f = app.form()?;
    let i = f.fields.iter().position(|s| s.label == label)?;
    app.form_errors()
        .into_iter()
        .find(|(e, _)| *e == i)
        .map(|(_, m)| m)
}

fn text(app: &App, w: u16, h: u16) -> String {
    screen(&render(app, w, h)).join("\n")
}

/// Tab order is Inventory, Standards, Roadmap (where the app starts), Budget.
const TO_INVENTORY: &str = "<S-Tab><S-Tab>";
const TO_STANDARDS: &str = "<S-Tab>";

#[test]
fn a_new_item_is_saved_with_exact_cents_selected_and_one_undo_step() {
    let mut app = app();
    keys(&mut app, TO_INVENTORY);
    assert_eq!(app.focus(), Pane::Inventory);
    let before = app.plan().clone();
    keys(&mut app, "a");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(value(&app, "Id"), "ITM-0001", "a fresh id is offered");
    to_label(&mut app, "Name");
    keys(&mut app, "Chromebook 2027");
    keys(&mut app, "<Tab>");
    // Left/Right offer the kinds already in the plan (access-point, chromebook, sis).
    keys(&mut app, "<Right><Right>");
    assert_eq!(value(&app, "Kind"), "chromebook");
    to_label(&mut app, "Site");
    keys(&mut app, " ");
    assert_eq!(value(&app, "Site"), "es");
    to_label(&mut app, "Quantity");
    retype(&mut app, "1,250");
    keys(&mut app, "<Tab>");
    retype(&mut app, "$329.99");
    keys(&mut app, "<Tab>");
    retype(&mut app, "2027-01");
    keys(&mut app, "<Tab>");
    retype(&mut app, "5");
    keys(&mut app, "<Tab>");
    retype(&mut app, "2032-06");
    keys(&mut app, "<Tab>");
    retype(&mut app, "12.5");
    to_label(&mut app, "E-Rate");
    keys(&mut app, "<Right><Right>");
    to_label(&mut app, "Vendor");
    keys(&mut app, "Acme");
    assert!(app.form_errors().is_empty(), "{:?}", app.form_errors());
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.status(), Some("added ITM-0001 (u to undo)"));
    let it = app.plan().item("ITM-0001").expect("added").clone();
    assert_eq!(it.name, "Chromebook 2027");
    assert_eq!(it.kind, "chromebook");
    assert_eq!(it.site.as_deref(), Some("es"));
    assert_eq!(it.quantity, 1250);
    assert_eq!(it.unit_cost_cents, 32_999);
    assert_eq!(it.total_cost_cents(), 412_487_50);
    assert_eq!(it.annual_cost_cents, 12_50);
    assert_eq!(it.acquired, YearMonth::new(2027, 1));
    assert_eq!(it.life_years, Some(5));
    assert_eq!(it.end_of_support, YearMonth::new(2032, 6));
    assert_eq!(it.funding, None, "none is the general fund");
    assert_eq!(it.erate, Some(vcio::model::ErateCategory::C2));
    assert_eq!(it.vendor.as_deref(), Some("Acme"));
    // Shown and selected in the Inventory pane.
    assert_eq!(app.focus(), Pane::Inventory);
    assert_eq!(app.selected_item().map(|i| i.id.as_str()), Some("ITM-0001"));
    assert!(text(&app, 120, 40).contains("Chromebook 2027"));
    keys(&mut app, "u");
    assert_eq!(app.plan(), &before);
    assert!(!app.can_undo(), "adding the item was one undo step");
    assert!(app.selected_item().is_some_and(|i| i.id != "ITM-0001"));
}

#[test]
fn bad_quantity_money_and_months_show_messages_and_block_the_save() {
    let mut app = app();
    keys(&mut app, TO_INVENTORY);
    keys(&mut app, "a");
    // Nothing typed yet: name and kind are needed.
    assert!(error_for(&app, "Name").is_some_and(|m| m.contains("needed")));
    assert!(error_for(&app, "Kind").is_some_and(|m| m.contains("needed")));
    to_label(&mut app, "Name");
    keys(&mut app, "Projector");
    keys(&mut app, "<Tab>");
    keys(&mut app, "Projector lamp");
    assert!(error_for(&app, "Kind").is_some_and(|m| m.contains("one word")));
    retype(&mut app, "Projector");
    assert_eq!(error_for(&app, "Kind"), None, "kinds are lower-cased");
    for (label, typed, msg) in [
        ("Quantity", "0", "1 or more"),
        ("Quantity", "twelve", "1 or more"),
        ("Unit cost $", "$12.345", "at most 2 decimals"),
        ("Annual $/unit", "-5", "dollars like"),
        ("Acquired", "2027-13", "a month like 2024-07"),
        ("Life years", "40", "1 to 30"),
        ("End of support", "soon", "a month like"),
    ] {
        to_label(&mut app, label);
        retype(&mut app, typed);
        let got = error_for(&app, label);
        assert!(
            got.as_deref().is_some_and(|m| m.contains(msg)),
            "{label} {typed}: {got:?}"
        );
    }
    let s = text(&app, 100, 30);
    assert!(s.contains("1 to 30 years"), "{s}");
    assert!(s.contains("a month like 2024-07"), "{s}");
    let before = app.plan().clone();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form, "still open");
    assert!(app.status_is_error());
    assert_eq!(app.plan(), &before);
    assert!(!app.can_undo());
    keys(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.plan(), &before);
}

#[test]
fn a_new_item_opens_without_messages_until_a_save_is_refused() {
    let mut app = app();
    keys(&mut app, TO_INVENTORY);
    keys(&mut app, "a");
    let before = app.plan().clone();
    let opened = text(&app, 100, 30);
    assert!(
        !opened.contains("needed"),
        "empty required fields do not open in red:\n{opened}"
    );
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form, "the save was refused");
    assert_eq!(app.plan(), &before);
    let refused = text(&app, 100, 30);
    assert!(
        refused.contains("needed"),
        "after the refusal every message shows:\n{refused}"
    );
}

#[test]
fn a_duplicate_id_is_refused() {
    let mut app = app();
    keys(&mut app, TO_INVENTORY);
    keys(&mut app, "a");
    retype(&mut app, "CB-2022");
    to_label(&mut app, "Name");
    keys(&mut app, "Another Chromebook<Tab>chromebook");
    assert_eq!(
        error_for(&app, "Id").as_deref(),
        Some("CB-2022 already exists")
    );
    let before = app.plan().clone();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(app.plan(), &before);
    assert_eq!(app.form().map(|f| f.focus), Some(0), "focus goes to the id");
    retype(&mut app, "CB 2022");
    assert_eq!(error_for(&app, "Id").as_deref(), Some("no spaces"));
    retype(&mut app, "CB-2027");
    keys(&mut app, "<Enter>");
    assert!(app.plan().item("CB-2027").is_some());
    assert_eq!(
        app.plan().item("CB-2022").map(|i| i.name.as_str()),
        Some("Chromebook 2022"),
        "the existing item is untouched"
    );
}

#[test]
fn enter_on_an_item_edits_it_with_its_id_fixed() {
    let mut app = app();
    keys(&mut app, TO_INVENTORY);
    let id = app.selected_item().expect("an item").id.clone();
    let n = app.plan().items.len();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    keys(&mut app, "X"); // the id does not take typing
    assert_eq!(value(&app, "Id"), id);
    keys(&mut app, "<Enter>");
    assert_eq!(app.status(), Some(format!("{id} unchanged").as_str()));
    assert!(!app.can_undo());
    keys(&mut app, "e");
    to_label(&mut app, "Quantity");
    retype(&mut app, "7");
    keys(&mut app, "<Enter>");
    assert_eq!(app.plan().items.len(), n);
    assert_eq!(app.plan().item(&id).map(|i| i.quantity), Some(7));
    assert_eq!(app.selected_item().map(|i| i.id.clone()), Some(id.clone()));
    keys(&mut app, "u");
    assert_ne!(app.plan().item(&id).map(|i| i.quantity), Some(7));
    assert!(!app.can_undo());
}

#[test]
fn tags_and_facts_are_edited_in_the_item_form_and_a_typed_cost_is_no_longer_an_estimate() {
    // Every cost a price-book estimate, as an import marks them.
    let mut plan = plan();
    for it in &mut plan.items {
        it.attrs
            .insert("cost_estimated", vcio::model::AttrValue::Flag(true));
    }
    let mut app = app_with(plan, false);
    keys(&mut app, TO_INVENTORY);
    let id = app.selected_item().expect("an item").id.clone();
    keys(&mut app, "<Enter>");
    to_label(&mut app, "Tags");
    retype(&mut app, "Student, 1to1");
    keys(&mut app, "<Tab>");
    retype(&mut app, "mdm_enrolled=yes, wifi_gen=6, os=ChromeOS");
    keys(&mut app, "<Enter>");
    let it = app.plan().item(&id).expect("saved").clone();
    assert_eq!(it.tags, ["student", "1to1"]);
    assert_eq!(
        it.attrs.get("mdm_enrolled"),
        Some(&vcio::model::AttrValue::Flag(true))
    );
    assert_eq!(
        it.attrs.get("wifi_gen"),
        Some(&vcio::model::AttrValue::Num(6.0))
    );
    assert_eq!(
        it.attrs.get("os"),
        Some(&vcio::model::AttrValue::Text("ChromeOS".into()))
    );
    assert!(
        it.cost_estimated(),
        "the cost was not retyped: still an estimate"
    );

    // A fact without "=" is refused next to its field; a retyped cost is the district's own.
    keys(&mut app, "<Enter>");
    to_label(&mut app, "Facts");
    retype(&mut app, "encrypted");
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    assert!(
        app.form_errors()
            .iter()
            .any(|(_, m)| m.contains("write name=value")),
        "{:?}",
        app.form_errors()
    );
    retype(&mut app, "encrypted=no");
    to_label(&mut app, "Unit cost $");
    retype(&mut app, "$265.00");
    keys(&mut app, "<Enter>");
    let it = app.plan().item(&id).expect("saved").clone();
    assert_eq!(it.unit_cost_cents, 26_500);
    assert!(!it.cost_estimated());
    assert_eq!(
        it.attrs.get("encrypted"),
        Some(&vcio::model::AttrValue::Flag(false))
    );
    assert_eq!(
        it.attrs.get("mdm_enrolled"),
        None,
        "the form's facts replace the old ones"
    );
}

/// The first yes/no question in the library, the index of a standard that asks it, and its
/// position in the questionnaire.
fn yes_question(app: &App) -> (String, usize, usize) {
    let (std_index, key) = app
        .library()
        .standards
        .iter()
        .enumerate()
        .find_map(|(i, s)| match &s.check {
            Check::Answer {
                key,
                expect: Expect::Yes,
            } => Some((i, key.clone())),
            _ => None,
        })
        .expect("a yes/no standard");
    let row = questionnaire(app.library(), app.plan())
        .iter()
        .position(|q| q.key == key)
        .expect("asked");
    (key, std_index, row)
}

fn status_now(app: &App, std_index: usize) -> Status {
    app.derived().projected[0].outcomes[std_index].status
}

#[test]
fn answers_are_set_changed_and_cleared_in_one_undo_step_and_standards_follow() {
    let mut app = app();
    let (key, std_index, row) = yes_question(&app);
    let date_row = questionnaire(app.library(), app.plan())
        .iter()
        .position(|q| matches!(q.expect, Expect::WithinDays(_)))
        .expect("a date question");
    let date_key = questionnaire(app.library(), app.plan())[date_row]
        .key
        .clone();
    let before = app.plan().clone();
    assert_ne!(status_now(&app, std_index), Status::Pass);
    keys(&mut app, TO_STANDARDS);
    keys(&mut app, "A");
    assert_eq!(app.mode(), Mode::Form);
    // Opened on the selected standard's question when it asks one.
    let selected = app.standard_rows()[0].index;
    if let Check::Answer { key: k, .. } = &app.library().standards[selected].check {
        let f = app.form().expect("open");
        assert_eq!(f.spec().map(|s| s.label.as_str()), Some(k.as_str()));
    }
    home(&mut app);
    for _ in 0..row {
        keys(&mut app, "<Down>");
    }
    keys(&mut app, " ");
    assert_eq!(value(&app, &key), "yes");
    home(&mut app);
    for _ in 0..date_row {
        keys(&mut app, "<Down>");
    }
    retype(&mut app, "2026-10-01");
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Normal);
    assert_eq!(app.status(), Some("saved 2 answer(s) (u to undo)"));
    assert_eq!(app.plan().answers.get(&key), Some(&AnswerValue::Yes));
    assert_eq!(
        app.plan().answers.get(&date_key),
        Some(&AnswerValue::Date("2026-10-01".parse().expect("date")))
    );
    assert_eq!(
        status_now(&app, std_index),
        Status::Pass,
        "the standard passes"
    );
    // Change one, clear the other.
    keys(&mut app, "A");
    to_label(&mut app, &key);
    keys(&mut app, "n");
    assert_eq!(value(&app, &key), "no");
    to_label(&mut app, &date_key);
    retype(&mut app, "");
    keys(&mut app, "<Enter>");
    assert_eq!(app.status(), Some("saved 2 answer(s) (u to undo)"));
    assert_eq!(app.plan().answers.get(&key), Some(&AnswerValue::No));
    assert_eq!(app.plan().answers.get(&date_key), None, "cleared: unknown");
    assert_eq!(status_now(&app, std_index), Status::Fail);
    // Each save is one step.
    keys(&mut app, "u");
    assert_eq!(app.plan().answers.get(&key), Some(&AnswerValue::Yes));
    assert!(app.plan().answers.contains_key(&date_key));
    keys(&mut app, "u");
    assert_eq!(app.plan(), &before);
    assert!(!app.can_undo());
    assert_eq!(status_now(&app, std_index), Status::Unknown);
}

#[test]
fn typed_answers_are_checked_against_the_expectation() {
    let mut app = app();
    let qs = questionnaire(app.library(), app.plan());
    let date_key = qs
        .iter()
        .find(|q| matches!(q.expect, Expect::WithinDays(_)))
        .map(|q| q.key.clone())
        .expect("a date question");
    keys(&mut app, TO_STANDARDS);
    keys(&mut app, "A<Enter>");
    assert_eq!(app.status(), Some("answers unchanged"));
    assert!(!app.can_undo());
    keys(&mut app, "A");
    to_label(&mut app, &date_key);
    let s = text(&app, 80, 24);
    assert!(
        s.contains("within 365 days"),
        "the expectation is read aloud: {s}"
    );
    for (typed, msg) in [
        ("last spring", "a date like"),
        ("2026-02-30", "a date like"),
        ("2027-01-01", "after today"),
    ] {
        retype(&mut app, typed);
        let got = error_for(&app, &date_key);
        assert!(
            got.as_deref().is_some_and(|m| m.contains(msg)),
            "{typed}: {got:?}"
        );
    }
    assert!(text(&app, 80, 24).contains("after today"));
    let before = app.plan().clone();
    keys(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    assert!(app.status_is_error());
    assert_eq!(app.plan(), &before);
}

#[test]
fn the_long_questionnaire_scrolls_to_keep_the_focused_row_on_screen() {
    let mut app = demo();
    let qs = questionnaire(app.library(), app.plan());
    assert!(qs.len() >= 30, "the built-in library asks many questions");
    let numbers = qs
        .iter()
        .find(|q| matches!(q.expect, Expect::AtLeast(_)))
        .expect("an at-least question");
    assert!(
        vcio::tui::form::expectation(numbers).starts_with("at least "),
        "thresholds come from the standard's parameters"
    );
    keys(&mut app, TO_STANDARDS);
    keys(&mut app, "A");
    home(&mut app);
    let first = &qs[0].key;
    let last = &qs[qs.len() - 1].key;
    let s = text(&app, 80, 24);
    assert!(s.contains(first.as_str()), "{s}");
    assert!(!s.contains(last.as_str()), "{s}");
    keys(&mut app, "<Up>"); // wraps to the last row
    assert_eq!(app.form().map(|f| f.focus), Some(qs.len() - 1));
    let t = render(&app, 80, 24);
    let rows = screen(&t);
    let focused = rows
        .iter()
        .find(|r| r.contains(last.as_str()))
        .unwrap_or_else(|| panic!("{last} on screen:\n{}", rows.join("\n")));
    assert!(focused.contains('>'), "the cursor marks it: {focused}");
    assert!(!rows.join("\n").contains(first.as_str()));
    // Paging back up shows the top again.
    home(&mut app);
    assert!(text(&app, 80, 24).contains(first.as_str()));
    for (w, h) in [(20, 5), (0, 0), (60, 15), (80, 6), (200, 60)] {
        let _ = render(&app, w, h);
    }
}

#[test]
fn the_new_keys_are_in_the_help_the_hints_and_the_palette() {
    let mut app = app();
    keys(&mut app, "?");
    let s = text(&app, 80, 24);
    assert!(s.contains("add item"), "{s}");
    assert!(s.contains("edit answers"), "{s}");
    keys(&mut app, "<Esc>");
    let texts: Vec<String> = app
        .palette_candidates()
        .into_iter()
        .map(|c| c.text)
        .collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("add item") && t.contains("[a]"))
    );
    assert!(texts.iter().any(|t| t.starts_with("edit answers")));
    // Running the palette command opens the form where it belongs.
    keys(&mut app, "<C-p>edit answers<Enter>");
    assert_eq!(app.mode(), Mode::Form);
    assert_eq!(app.focus(), Pane::Standards);
}
