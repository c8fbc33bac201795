//! `vcio session ...` through `cli::session::run`: each command does what it says, and each
//! refusal is one line that leaves the data directory unchanged.

mod store_support;

use store_support::{q, rich_plan};
use vcio::cli::session::{open_or_create, run};
use vcio::cli::{Ctx, SessionCmd};
use vcio::derive::Engine;
use vcio::edit::Edit;
use vcio::model::Plan;
use vcio::standards::Library;
use vcio::store::Store;
use vcio::views::compare::render as render_compare;

fn ctx(dir: &std::path::Path, session: &str) -> Ctx {
    Ctx::new(Some(dir.to_path_buf()), session.into(), Some("2026-11-22")).expect("ctx")
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let store = Store::open(dir).expect("open");
    store
        .sessions()
        .expect("list")
        .into_iter()
        .map(|s| s.name)
        .collect()
}

#[test]
fn new_fork_delete_and_their_refusals() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = ctx(dir.path(), "default");
    run(
        SessionCmd::New {
            name: "a".into(),
            empty: false,
        },
        &c,
        rich_plan,
    )
    .expect("new");
    run(
        SessionCmd::New {
            name: "e".into(),
            empty: true,
        },
        &c,
        rich_plan,
    )
    .expect("new empty");
    run(
        SessionCmd::Fork {
            from: "a".into(),
            to: "b".into(),
        },
        &c,
        rich_plan,
    )
    .expect("fork");
    assert_eq!(names(dir.path()), ["a", "b", "e"]);
    {
        let store = Store::open(dir.path()).expect("open");
        assert_eq!(store.open_session("e").expect("e").plan(), &Plan::default());
        assert_eq!(store.open_session("b").expect("b").plan(), &rich_plan());
    }
    let refusals = [
        SessionCmd::New {
            name: "a".into(),
            empty: false,
        },
        SessionCmd::New {
            name: "x/y".into(),
            empty: false,
        },
        SessionCmd::Fork {
            from: "nope".into(),
            to: "c".into(),
        },
        SessionCmd::Fork {
            from: "a".into(),
            to: "b".into(),
        },
        SessionCmd::Delete {
            name: "nope".into(),
        },
        SessionCmd::Compare {
            a: "a".into(),
            b: "nope".into(),
        },
        SessionCmd::Restore { force: false },
    ];
    for cmd in refusals {
        let shown = format!("{cmd:?}");
        let err = run(cmd, &c, rich_plan).expect_err(&shown).to_string();
        assert!(!err.is_empty() && !err.contains('\n'), "{shown}: {err}");
        assert_eq!(
            names(dir.path()),
            ["a", "b", "e"],
            "{shown} changed something"
        );
    }
    run(SessionCmd::Delete { name: "b".into() }, &c, rich_plan).expect("delete");
    assert_eq!(names(dir.path()), ["a", "e"]);
    run(
        SessionCmd::List {
            format: Default::default(),
        },
        &c,
        rich_plan,
    )
    .expect("list");
}

#[test]
fn log_needs_an_existing_session_and_shows_its_history() {
    let dir = tempfile::tempdir().expect("tempdir");
    let c = ctx(dir.path(), "default");
    let err = run(
        SessionCmd::Log {
            since: None,
            format: Default::default(),
        },
        &c,
        rich_plan,
    )
    .expect_err("no session yet");
    assert_eq!(err.to_string(), "no session named \"default\"");
    {
        let store = Store::open(dir.path()).expect("open");
        let mut s = open_or_create(&store, &c, rich_plan).expect("created from the demo");
        assert_eq!(s.plan(), &rich_plan());
        s.apply(Edit::MoveInitiative {
            id: "INI-001".into(),
            start: q(2028, 2),
        })
        .expect("move");
        // A second call opens the same session instead of re-creating it.
        drop(s);
        let s = open_or_create(&store, &c, Plan::default).expect("reopen");
        assert!(s.can_undo());
    }
    run(
        SessionCmd::Log {
            since: None,
            format: Default::default(),
        },
        &c,
        rich_plan,
    )
    .expect("log");
}

#[test]
fn compare_lists_added_removed_moved_and_changed_initiatives() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    store.create("base", &rich_plan()).expect("create");
    store.fork("base", "alt").expect("fork");
    let mut alt = store.open_session("alt").expect("alt");
    alt.apply(Edit::MoveInitiative {
        id: "INI-001".into(),
        start: q(2029, 1),
    })
    .expect("move");
    alt.apply(Edit::ResizeInitiative {
        id: "INI-002".into(),
        duration: 5,
    })
    .expect("resize");
    let mut extra = store_support::initiative("INI-777", q(2028, 1));
    extra.title = "Door access control".into();
    alt.apply(Edit::PutInitiative(extra)).expect("add");
    let base = store.open_session("base").expect("base");
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).expect("date");
    let ea = Engine::new(base.plan(), Library::builtin(), as_of);
    let eb = Engine::new(alt.plan(), Library::builtin(), as_of);
    let text = render_compare(
        [
            (base.name(), base.plan(), ea.derived()),
            (alt.name(), alt.plan(), eb.derived()),
        ],
        80,
    );
    // INI-001's spend moves from FY2027 to FY2029.
    let year = |fy: &str| {
        text.lines()
            .find(|l| l.starts_with(fy))
            .unwrap_or_default()
            .to_string()
    };
    assert!(
        year("FY2027")
            .trim_end()
            .ends_with(|c: char| c.is_ascii_digit()),
        "{text}"
    );
    assert!(year("FY2027").contains(" -$"), "{text}");
    assert!(year("FY2029").contains(" +$"), "{text}");
    assert!(year("FY2027").contains('%'), "{text}");
    let row = |id: &str| {
        text.lines()
            .find(|l| l.starts_with(id))
            .unwrap_or_default()
            .to_string()
    };
    assert!(row("INI-001").contains("moved"), "{text}");
    assert!(row("INI-001").contains("FY2029-Q1..FY2029-Q2"), "{text}");
    assert!(
        row("INI-002").contains("changed") && row("INI-002").contains("duration"),
        "{text}"
    );
    assert!(row("INI-777").contains("added"), "{text}");
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    let same = render_compare(
        [
            (base.name(), base.plan(), ea.derived()),
            (base.name(), base.plan(), ea.derived()),
        ],
        80,
    );
    assert!(same.contains("the initiatives are the same"), "{same}");
}
