//! Fixture for the TUI tests: a small district and roadmap built in code over the shared mini
//! library (`tests/common`), with one fiscal year over its cap and one dependency violated, so
//! every mark has something to show.
#![allow(dead_code)]

use chrono::NaiveDate;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use vcio::history::MemorySession;
use vcio::model::*;
use vcio::standards::Library;
use vcio::tui::{App, TuiOptions};

#[path = "../common/mod.rs"]
mod common;

pub use common::as_of;
/// The CLI runner, for tests that read alongside the workbench.
#[allow(unused_imports)]
pub use common::vcio;

/// The integration tests' mini library, with student Chromebooks due for refresh after 4
/// years instead of 5 so the fixture's 2022 fleet fails inside the horizon.
pub fn library() -> Library {
    let mut lib = common::library();
    for s in lib.standards.iter_mut().filter(|s| s.id == "DEV-03") {
        s.params.insert("max_age_years".into(), 4.0);
    }
    lib
}

pub fn initiative(id: &str, title: &str, start: &str, quarters: u8, cents: i64) -> Initiative {
    Initiative {
        duration: quarters,
        one_time_cents: cents,
        ..Initiative::new(id, title, start.parse().expect("quarter"))
    }
}

/// Two schools, ageing Chromebooks, too few APs, no MFA answer; a $350k cap that FY2028 busts.
pub fn plan() -> Plan {
    let district = District {
        name: "Testville USD".into(),
        ..common::district()
    };
    let mut plan = Plan {
        district,
        ..Plan::default()
    };
    plan.budget.annual_cap_cents = Some(350_000_00);
    let mut cb = Item::new(
        "CB-2022",
        "Chromebook 2022",
        Category::Device,
        "chromebook",
        1000,
    );
    cb.tags = vec!["student".into()];
    cb.unit_cost_cents = 300_00;
    cb.acquired = Some("2022-08".parse().expect("ym"));
    let mut cb2 = Item::new(
        "CB-2026",
        "Chromebook 2026",
        Category::Device,
        "chromebook",
        500,
    );
    cb2.tags = vec!["student".into()];
    cb2.unit_cost_cents = 300_00;
    cb2.acquired = Some("2026-08".parse().expect("ym"));
    let mut ap_es = Item::new(
        "AP-ES",
        "Access point",
        Category::Network,
        "access-point",
        20,
    );
    ap_es.site = Some("es".into());
    let mut ap_hs = Item::new(
        "AP-HS",
        "Access point",
        Category::Network,
        "access-point",
        30,
    );
    ap_hs.site = Some("hs".into());
    let mut sis = Item::new(
        "SIS",
        "Student information system",
        Category::DataSystem,
        "sis",
        1,
    );
    sis.annual_cost_cents = 40_000_00;
    plan.items = vec![cb, cb2, ap_es, ap_hs, sis];
    plan.answers.insert(
        "restore_test".into(),
        AnswerValue::Date(NaiveDate::from_ymd_opt(2026, 3, 1).expect("date")),
    );
    let mut refresh = initiative("INI-001", "Refresh Chromebooks", "FY2028-Q1", 2, 300_000_00);
    refresh.resolves = vec!["DEV-03".into()];
    let mut aps = initiative("INI-002", "Add access points", "FY2027-Q4", 2, 90_000_00);
    aps.resolves = vec!["NET-04".into()];
    aps.depends_on = vec!["INI-003".into()];
    let mut core = initiative("INI-003", "Core switch upgrade", "FY2027-Q4", 1, 60_000_00);
    core.owner = "network".into();
    plan.initiatives = vec![refresh, aps, core];
    // The screens under test show these figures unescalated.
    plan.budget.escalation_pct = Some(0);
    plan.normalize();
    plan
}

pub fn opts() -> TuiOptions {
    TuiOptions {
        theme: None,
        ascii: false,
        mouse: true,
        // No themes directory here: the embedded themes are used.
        data_dir: std::env::temp_dir().join("vcio-tui-tests-no-such-dir"),
    }
}

pub fn app() -> App {
    app_with(plan(), false)
}

pub fn app_with(plan: Plan, ascii: bool) -> App {
    let mut o = opts();
    o.ascii = ascii;
    App::with_color(
        Box::new(MemorySession::new("test", plan)),
        library(),
        as_of(),
        &o,
        true,
    )
}

/// Sends keys written as a script: single characters, or `<Tab>`, `<S-Tab>`, `<Left>`,
/// `<S-Right>`, `<C-r>`, `<Esc>`, `<Enter>`, `<Down>`, `<Up>`.
pub fn keys(app: &mut App, script: &str) {
    let mut chars = script.chars().peekable();
    while let Some(c) = chars.next() {
        let ev = if c == '<' && chars.peek().is_some_and(|n| n.is_ascii_alphabetic()) {
            let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
            match name.as_str() {
                "Tab" => KeyEvent::new(KeyCode::Tab, KeyModifiers::NONE),
                "S-Tab" => KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
                "Left" => KeyEvent::new(KeyCode::Left, KeyModifiers::NONE),
                "Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::NONE),
                "Up" => KeyEvent::new(KeyCode::Up, KeyModifiers::NONE),
                "Down" => KeyEvent::new(KeyCode::Down, KeyModifiers::NONE),
                "S-Left" => KeyEvent::new(KeyCode::Left, KeyModifiers::SHIFT),
                "S-Right" => KeyEvent::new(KeyCode::Right, KeyModifiers::SHIFT),
                "C-r" => KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL),
                "C-c" => KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL),
                "C-p" => KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL),
                "C-n" => KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL),
                "C-u" => KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL),
                "Esc" => KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE),
                "Enter" => KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                "Backspace" => KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE),
                other => panic!("unknown key <{other}> in test script"),
            }
        } else {
            let mods = if c.is_ascii_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), mods)
        };
        app.handle_key(ev);
    }
}

/// Draws the app into a TestBackend of the given size.
pub fn render(app: &App, w: u16, h: u16) -> ratatui::Terminal<ratatui::backend::TestBackend> {
    let mut t =
        ratatui::Terminal::new(ratatui::backend::TestBackend::new(w, h)).expect("test backend");
    t.draw(|f| app.draw(f)).expect("draw");
    t
}

/// The screen as text, one string per row.
pub fn screen(t: &ratatui::Terminal<ratatui::backend::TestBackend>) -> Vec<String> {
    let buf = t.backend().buffer();
    (0..buf.area.height)
        .map(|y| {
            (0..buf.area.width)
                .map(|x| buf[(x, y)].symbol().to_string())
                .collect()
        })
        .collect()
}

/// The workbench on the demo district (Cedar Valley) with the built-in library.
pub fn demo() -> App {
    App::with_color(
        Box::new(MemorySession::new("default", vcio::demo::demo_plan())),
        Library::builtin(),
        as_of(),
        &opts(),
        true,
    )
}

/// An initiative's start quarter as shown (`FY2028-Q1`), or "" when it is gone.
pub fn start(app: &App, id: &str) -> String {
    app.plan()
        .initiative(id)
        .map(|i| i.start.to_string())
        .unwrap_or_default()
}

/// The budget total of fiscal year `fy` as shown (the drag preview's, during a drag); -1 when
/// the year is outside the horizon.
pub fn year_total(app: &App, fy: i32) -> i64 {
    app.derived()
        .budget
        .years
        .iter()
        .find(|y| y.fiscal_year == FiscalYear(fy))
        .map(|y| y.total_cents)
        .unwrap_or(-1)
}
