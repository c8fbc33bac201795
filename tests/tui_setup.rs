//! Setting a district up in the workbench, keys only: a new empty session opens on the setup
//! checklist; `D` fills in the profile, `N` adds an initiative of the district's own, `A` shows
//! each question's text while answering; the header shows how complete setup is; and the
//! board report read alongside (another process, read-only, while the workbench holds the
//! database) tells the same story.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use vcio::model::Plan;
use vcio::store::Store;
use vcio::tui::{App, Mode};

#[test]
fn a_new_district_is_set_up_from_the_keyboard() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("store");
    store.create("lakeside", &Plan::default()).expect("create");
    let session = store.open_session("lakeside").expect("open");
    let mut app = App::with_color(
        Box::new(session),
        vcio::standards::Library::builtin(),
        as_of(),
        &opts(),
        true,
    );
    app.set_store(Some(store));

    // A new empty session opens on the checklist, and the header says setup is not done.
    app.open_setup_if_new();
    assert_eq!(app.mode(), Mode::Compare);
    let text = app.compare().map(|c| c.text.clone()).unwrap_or_default();
    assert!(text.contains("Setup 0% complete"), "{text}");
    assert!(text.contains("vcio import inventory"), "{text}");
    keys(&mut app, "<Esc>");
    let head = screen(&render(&app, 120, 40))[0].clone();
    assert!(head.contains("setup 0% (S)"), "{head}");

    // D: the district profile form. Name, students, staff, then save.
    keys(&mut app, "D");
    assert_eq!(app.mode(), Mode::Form);
    keys(&mut app, "<C-u>Lakeside USD<Tab>2400<Tab>210<Enter>");
    assert_eq!(app.mode(), Mode::Normal, "{:?}", app.status());
    let d = &app.plan().district;
    assert_eq!(
        (d.name.as_str(), d.students, d.staff),
        ("Lakeside USD", 2400, 210)
    );
    keys(&mut app, "u");
    assert_eq!(app.plan().district.students, 0, "one undo step");
    keys(&mut app, "<C-r>");
    assert_eq!(app.plan().district.students, 2400);

    // Schools from the finder: add one, then edit it.
    keys(&mut app, "<C-p>add school<Enter>");
    assert_eq!(app.mode(), Mode::Form, "{:?}", app.status());
    keys(
        &mut app,
        "lhs<Tab>Lakeside High School<Tab>900<Tab>40<Tab>80<Enter>",
    );
    assert_eq!(app.mode(), Mode::Normal, "{:?}", app.status());
    let site = app
        .plan()
        .district
        .site("lhs")
        .cloned()
        .expect("the school");
    assert_eq!(
        (site.students, site.classrooms, site.instructional),
        (900, 40, true)
    );
    keys(&mut app, "<C-p>school lhs<Enter><Tab><Tab><C-u>950<Enter>");
    assert_eq!(
        app.plan().district.site("lhs").map(|s| s.students),
        Some(950)
    );

    // A second school merged into the first: its names become aliases there.
    keys(&mut app, "<C-p>add school<Enter>");
    keys(&mut app, "lhs2<Tab>LHS Annex<Tab>50<Tab>2<Tab>4<Enter>");
    assert!(
        app.plan().district.site("lhs2").is_some(),
        "{:?}",
        app.status()
    );
    keys(&mut app, "<C-p>school lhs2<Enter>");
    // To "Then" (the last field), then its third choice: merge into lhs.
    keys(&mut app, "<S-Tab><Right><Right><Enter>");
    assert!(
        app.plan().district.site("lhs2").is_none(),
        "{:?}",
        app.status()
    );
    let lhs = app.plan().district.site("lhs").cloned().expect("lhs");
    assert!(
        lhs.aliases.contains(&"LHS Annex".to_string()),
        "{:?}",
        lhs.aliases
    );
    assert_eq!(lhs.students, 1000);

    // A grant of $40,000 a year from the finder; the budget strip shows it as a cap.
    keys(&mut app, "<C-p>add funding source<Enter>");
    assert_eq!(app.mode(), Mode::Form, "{:?}", app.status());
    keys(
        &mut app,
        "title4<Tab>Title IV-A<Tab><Tab>40,000<Tab><Tab>FY2027..FY2031<Enter>",
    );
    let grant = app
        .plan()
        .budget
        .source("title4")
        .cloned()
        .expect("the grant");
    assert_eq!(
        (grant.annual_cap_cents, grant.award_cents),
        (Some(40_000_00), None)
    );
    assert_eq!(grant.years.len(), 5);

    // N in the Roadmap: an initiative of the district's own, from an empty form.
    keys(&mut app, "N");
    assert_eq!(app.mode(), Mode::Form);
    keys(&mut app, "Staff MFA rollout<Tab><Tab><Tab>12000<Enter>");
    assert_eq!(app.mode(), Mode::Normal, "{:?}", app.status());
    let ini = app.plan().initiatives.first().cloned().expect("created");
    assert_eq!(
        (ini.title.as_str(), ini.one_time_cents),
        ("Staff MFA rollout", 12_000_00)
    );

    // A: the questionnaire shows the focused question in words.
    keys(&mut app, "<S-Tab>A");
    assert_eq!(app.mode(), Mode::Form);
    let shown = screen(&render(&app, 120, 40)).join("\n");
    assert!(shown.contains("?"), "a question is shown");
    let first_key = app
        .form()
        .and_then(|f| f.fields.first())
        .map(|s| s.label.clone());
    let question = first_key
        .and_then(|k| app.library().questions.get(&k).map(|q| q.question.clone()))
        .expect("the first key has a question");
    let start: String = question.chars().take(40).collect();
    assert!(shown.contains(&start), "{start:?} not on screen:\n{shown}");
    keys(&mut app, "<Esc>");

    // S: the checklist again, now further along.
    keys(&mut app, "S");
    let text = app.compare().map(|c| c.text.clone()).unwrap_or_default();
    assert!(!text.contains("students is 0"), "{text}");
    keys(&mut app, "<Esc>");

    // The board report, read by another process while the workbench holds the database.
    let out = vcio(
        dir.path(),
        &["--session", "lakeside", "export", "--format", "markdown"],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("Lakeside USD"), "{report}");
    assert!(
        report.contains("Staff MFA rollout"),
        "the TUI's initiative is in the report"
    );
    assert!(report.contains("## Needs data"));
}
