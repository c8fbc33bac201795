//! Store behaviour a user relies on: sessions persist, export/import round-trips exactly, forks
//! are independent, errors are one clear line and change nothing, undo survives a restart, a
//! damaged database names its way back.

mod store_support;

use store_support::{initiative, item, q, rich_plan};
use vcio::edit::Edit;
use vcio::model::{AnswerValue, Plan};
use vcio::store::{
    Action, Store, StoreError, export_json, export_ron, import_plan, restore_latest,
};

fn open(dir: &std::path::Path) -> Store {
    Store::open(dir).expect("store opens")
}

#[test]
fn ron_export_imports_back_identically() {
    let plan = rich_plan();
    let text = export_ron(&plan);
    let back = import_plan("plan.ron", &text).expect("RON imports");
    assert_eq!(back, plan);
    // Content sniffing works without an extension too.
    assert_eq!(import_plan("plan", &text).expect("sniffed RON"), plan);
}

#[test]
fn json_export_imports_back_identically() {
    let plan = rich_plan();
    let text = export_json(&plan);
    assert_eq!(import_plan("plan.json", &text).expect("JSON imports"), plan);
    assert_eq!(import_plan("plan.txt", &text).expect("sniffed JSON"), plan);
}

#[test]
fn malformed_plans_report_file_line_col() {
    let text = export_ron(&rich_plan()).replacen("students:", "studnets:", 1);
    let err = import_plan("district.ron", &text).expect_err("typo rejected");
    let msg = err.to_string();
    assert!(msg.starts_with("district.ron:"), "{msg}");
    let line: usize = msg
        .split(':')
        .nth(1)
        .and_then(|l| l.parse().ok())
        .expect("a line");
    assert!(
        text.lines()
            .nth(line - 1)
            .expect("line exists")
            .contains("studnets"),
        "{msg}"
    );
    assert!(!msg.contains('\n'));

    let err = import_plan("p.json", "{\"district\": 3}").expect_err("bad JSON");
    assert!(err.to_string().starts_with("p.json:1:"), "{err}");
}

#[test]
fn duplicate_ids_in_a_plan_file_are_refused_with_their_place() {
    let mut plan = rich_plan();
    let dup = plan.items[0].clone();
    plan.items.push(dup);
    let text = export_ron(&plan);
    let err = import_plan("dup.ron", &text)
        .expect_err("duplicate refused")
        .to_string();
    assert!(err.contains("a second inventory item"), "{err}");
    assert!(!err.starts_with("dup.ron:1:1:"), "{err}");
}

#[test]
fn a_session_persists_across_reopen_and_edits_write_through() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = open(dir.path());
        store.create("default", &rich_plan()).expect("create");
        let mut s = store.open_session("default").expect("open session");
        s.apply(Edit::MoveInitiative {
            id: "INI-002".into(),
            start: q(2029, 1),
        })
        .expect("move");
        s.apply(Edit::PutItem(item("AAA-first"))).expect("put");
        s.apply(Edit::RemoveItem("CB-2022".into())).expect("remove");
        s.apply(Edit::SetAnswer {
            key: "sis".into(),
            value: None,
        })
        .expect("clear answer");
    }
    let store = open(dir.path());
    let s = store.open_session("default").expect("reopen session");
    let plan = s.plan();
    assert_eq!(
        plan.initiative("INI-002").map(|i| i.start),
        Some(q(2029, 1))
    );
    assert!(plan.item("AAA-first").is_some());
    assert!(plan.item("CB-2022").is_none());
    assert!(!plan.answers.contains_key("sis"));
    assert_eq!(plan.items.first().map(|i| i.id.as_str()), Some("AAA-first"));
    let info = store.sessions().expect("list");
    assert_eq!(info.len(), 1);
    assert_eq!(info[0].edits, 4);
    assert_eq!(info[0].items, plan.items.len() as u64);
    assert_eq!(info[0].initiatives, 2);
}

#[test]
fn the_undo_stack_keeps_the_newest_steps_and_drops_the_oldest() {
    use vcio::store::UNDO_KEEP;
    let dir = tempfile::tempdir().expect("tempdir");
    let extra = 3;
    let edits = UNDO_KEEP + extra;
    {
        let store = open(dir.path());
        store.create("s", &rich_plan()).expect("create");
        let mut s = store.open_session("s").expect("open");
        // Alternate two quarters so every edit changes the plan.
        for k in 0..edits {
            s.apply(Edit::MoveInitiative {
                id: "INI-001".into(),
                start: q(2028, 1 + (k % 2) as u8),
            })
            .expect("move");
        }
    }
    let store = open(dir.path());
    let mut s = store.open_session("s").expect("reopen");
    let mut undone = 0;
    while s.undo().expect("undo").is_some() {
        undone += 1;
    }
    assert_eq!(undone, UNDO_KEEP, "the oldest {extra} steps were dropped");
    assert!(!s.can_undo());
    // What is left is the plan as it was after the dropped steps: INI-001 where the last
    // dropped move put it.
    let start = s.plan().initiative("INI-001").map(|i| i.start);
    assert_eq!(start, Some(q(2028, 1 + ((extra - 1) % 2) as u8)));
    // Redo walks all the way forward again.
    let mut redone = 0;
    while s.redo().expect("redo").is_some() {
        redone += 1;
    }
    assert_eq!(redone, UNDO_KEEP);
}

#[test]
fn undo_and_redo_survive_a_restart_and_are_logged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let original = rich_plan();
    let edited;
    {
        let store = open(dir.path());
        store.create("s", &original).expect("create");
        let mut s = store.open_session("s").expect("open");
        assert!(!s.can_undo());
        s.apply(Edit::MoveInitiative {
            id: "INI-001".into(),
            start: q(2028, 3),
        })
        .expect("move");
        edited = s.plan().clone();
    }
    {
        let store = open(dir.path());
        let mut s = store.open_session("s").expect("open");
        assert!(s.can_undo() && !s.can_redo());
        let undone = s.undo().expect("undo").expect("something to undo");
        assert_eq!(
            undone,
            Edit::MoveInitiative {
                id: "INI-001".into(),
                start: q(2027, 2)
            }
        );
        assert_eq!(s.plan(), &original);
        assert_eq!(s.undo().expect("undo"), None);
    }
    let store = open(dir.path());
    let mut s = store.open_session("s").expect("open");
    assert_eq!(s.plan(), &original);
    assert!(s.can_redo());
    s.redo().expect("redo").expect("something to redo");
    assert_eq!(s.plan(), &edited);
    let log = s.log().expect("log");
    let actions: Vec<Action> = log.iter().map(|e| e.action).collect();
    assert_eq!(actions, [Action::Do, Action::Undo, Action::Redo]);
    assert!(
        log.iter()
            .all(|e| e.description == "move INI-001 to FY2028-Q3")
    );
    assert_eq!(log.iter().map(|e| e.seq).collect::<Vec<_>>(), [0, 1, 2]);
    assert!(chrono::DateTime::parse_from_rfc3339(&log[0].at).is_ok());
}

#[test]
fn a_new_edit_clears_redo() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("s", &rich_plan()).expect("create");
    let mut s = store.open_session("s").expect("open");
    s.apply(Edit::ResizeInitiative {
        id: "INI-001".into(),
        duration: 4,
    })
    .expect("resize");
    s.undo().expect("undo");
    assert!(s.can_redo());
    s.apply(Edit::SetAnswer {
        key: "mfa_staff".into(),
        value: Some(AnswerValue::Yes),
    })
    .expect("answer");
    assert!(!s.can_redo());
    drop(s);
    let s = store.open_session("s").expect("reopen");
    assert!(!s.can_redo());
    assert_eq!(s.log().expect("log").len(), 3);
}

#[test]
fn a_failing_edit_changes_nothing_in_memory_or_on_disk() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("s", &rich_plan()).expect("create");
    let mut s = store.open_session("s").expect("open");
    let before = s.plan().clone();
    let err = s
        .apply(Edit::RemoveInitiative("nope".into()))
        .expect_err("refused");
    assert!(matches!(err, StoreError::Edit(_)));
    // A value JSON cannot carry: refused after applying in memory, so it must be rolled back.
    let err = s
        .apply(Edit::SetOverride {
            key: "X.y".into(),
            value: Some(f64::NAN),
        })
        .expect_err("NaN refused");
    assert!(err.to_string().contains("not a number"), "{err}");
    assert_eq!(s.plan(), &before);
    assert!(!s.can_undo());
    drop(s);
    let s = store.open_session("s").expect("reopen");
    assert_eq!(s.plan(), &before);
    assert!(s.log().expect("log").is_empty());
}

#[test]
fn a_fork_is_independent_of_its_original() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("base", &rich_plan()).expect("create");
    store.fork("base", "what-if").expect("fork");
    let mut fork = store.open_session("what-if").expect("open fork");
    assert_eq!(fork.plan(), &rich_plan());
    fork.apply(Edit::RemoveInitiative("INI-002".into()))
        .expect("edit fork");
    fork.apply(Edit::PutInitiative(initiative("INI-009", q(2030, 1))))
        .expect("edit fork");
    drop(fork);
    let base = store.open_session("base").expect("open base");
    assert_eq!(base.plan(), &rich_plan());
    assert!(!base.can_undo());
    assert!(matches!(
        store.fork("base", "what-if"),
        Err(StoreError::SessionExists(_))
    ));
    assert!(matches!(
        store.fork("nope", "x"),
        Err(StoreError::NoSuchSession(_))
    ));
    assert!(!store.exists("x").expect("exists"));
}

#[test]
fn delete_removes_a_session_and_refuses_a_missing_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("a", &rich_plan()).expect("create a");
    store.create("ab", &rich_plan()).expect("create ab");
    let mut s = store.open_session("a").expect("open");
    s.apply(Edit::PutItem(item("Z"))).expect("edit");
    drop(s);
    let err = store.delete("missing").expect_err("refused");
    assert_eq!(err.to_string(), "no session named \"missing\"");
    store.delete("a").expect("delete");
    assert!(!store.exists("a").expect("exists"));
    assert!(matches!(
        store.open_session("a"),
        Err(StoreError::NoSuchSession(_))
    ));
    // The neighbour whose name shares a prefix is untouched.
    assert_eq!(store.open_session("ab").expect("ab").plan(), &rich_plan());
    // A re-created session starts clean: no leftover items, history or log.
    store.create("a", &Plan::default()).expect("re-create");
    let s = store.open_session("a").expect("open");
    assert_eq!(s.plan(), &Plan::default());
    assert!(!s.can_undo());
    assert!(s.log().expect("log").is_empty());
}

#[test]
fn create_refuses_a_taken_name_and_bad_names() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("a", &Plan::default()).expect("create");
    assert!(matches!(
        store.create("a", &rich_plan()),
        Err(StoreError::SessionExists(_))
    ));
    assert_eq!(
        store.open_session("a").expect("open").plan(),
        &Plan::default()
    );
    assert!(matches!(
        store.create("a/b", &Plan::default()),
        Err(StoreError::InvalidName { .. })
    ));
}

#[test]
fn replace_plan_is_one_undoable_step_that_writes_only_differences() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("s", &Plan::default()).expect("create");
    let plan = rich_plan();
    let n = store.replace_plan("s", &plan).expect("import");
    assert!(n > 5);
    assert_eq!(store.replace_plan("s", &plan).expect("re-import"), 0);
    let mut s = store.open_session("s").expect("open");
    assert_eq!(s.plan(), &plan);
    let log = s.log().expect("log");
    assert_eq!(log.len(), 1);
    assert!(
        log[0].description.starts_with("import plan ("),
        "{}",
        log[0].description
    );
    s.undo().expect("undo").expect("one step");
    assert_eq!(s.plan(), &Plan::default());
    assert!(!s.can_undo());
}

#[test]
fn a_second_open_in_the_same_process_is_refused_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let _store = open(dir.path());
    let err = Store::open(dir.path()).err().expect("locked");
    let msg = err.to_string();
    let want = format!("another vcio (pid {}, since ", std::process::id());
    assert!(msg.starts_with(&want), "{msg}");
    assert!(msg.ends_with("; close it first"), "{msg}");
}

#[test]
fn backups_roll_and_restore_rebuilds_a_damaged_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = open(dir.path());
        store.create("default", &rich_plan()).expect("create");
        store.create("empty", &Plan::default()).expect("create");
    }
    let backups = dir.path().join("backups");
    let count = |prefix: &str| {
        std::fs::read_dir(&backups)
            .expect("backups dir")
            .flatten()
            .filter(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                name.starts_with(prefix) && name.ends_with(".ron")
            })
            .count()
    };
    // Creating wrote one backup per session; opening again without changes writes none.
    open(dir.path());
    assert_eq!((count("default-"), count("empty-")), (1, 1));
    for n in 0..5u32 {
        let store = open(dir.path());
        let mut s = store.open_session("default").expect("open");
        s.apply(Edit::MoveInitiative {
            id: "INI-001".into(),
            start: q(2027, 1).plus(n as i32 + 1),
        })
        .expect("move");
    }
    let store = open(dir.path());
    let expected = store.open_session("default").expect("open").plan().clone();
    drop(store);
    // The five edits are in the journal beside the one backup: no full backup per open.
    assert_eq!(count("default-"), 1, "the journal covers the edits");
    let journal = std::fs::read_to_string(backups.join("default.journal")).expect("journal");
    assert_eq!(journal.lines().count(), 5, "{journal}");

    // Damage the database: sled's log file overwritten with garbage.
    let log = dir.path().join("db").join("db");
    let len = std::fs::metadata(&log).expect("db file").len() as usize;
    std::fs::write(&log, vec![0xA5u8; len.max(4096)]).expect("damage");
    let err = Store::open(dir.path()).err().expect("damaged db refused");
    let msg = err.to_string();
    assert!(matches!(err, StoreError::Corrupt { .. }), "{msg}");
    assert!(msg.contains("vcio session restore"), "{msg}");
    assert!(!msg.contains('\n'));

    let report = restore_latest(dir.path()).expect("restore");
    assert!(report.moved_aside.as_ref().is_some_and(|p| p.exists()));
    assert_eq!(report.restored.len(), 2, "{report:?}");
    assert!(report.skipped.is_empty());
    let default = &report.restored[0];
    assert_eq!(
        (default.name.as_str(), default.replayed, default.changes),
        ("default", 5, 5)
    );
    assert!(default.lost.is_empty(), "{report:?}");
    let store = open(dir.path());
    assert_eq!(
        store.open_session("default").expect("open").plan(),
        &expected
    );
    // The log and the undo history came back too: undo returns INI-001 one quarter earlier.
    {
        let mut s = store.open_session("default").expect("open");
        assert_eq!(s.log().expect("log").len(), 5);
        s.undo()
            .expect("undo")
            .expect("an undo step survived the restore");
        assert_eq!(
            s.plan().initiative("INI-001").map(|i| i.start),
            Some(q(2027, 1).plus(4))
        );
        s.redo().expect("redo").expect("redo");
    }
    assert_eq!(
        store.open_session("empty").expect("open").plan(),
        &Plan::default()
    );
    drop(store);
    let listing = || {
        let mut v: Vec<String> = std::fs::read_dir(&backups)
            .expect("backups dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    };
    let before = listing();
    open(dir.path());
    assert_eq!(
        listing(),
        before,
        "an unchanged restored session adds no backup"
    );
    // The newest backup is exactly a header line plus `export_ron` of the plan.
    let newest = before
        .iter()
        .rfind(|f| f.starts_with("default-"))
        .expect("a backup");
    let text = std::fs::read_to_string(backups.join(newest)).expect("read backup");
    assert_eq!(
        import_plan(newest, &text).expect("backup imports"),
        expected
    );
    assert_eq!(
        text.split_once('\n').map(|(_, b)| b),
        Some(export_ron(&expected).as_str())
    );
}

#[test]
fn the_store_session_drives_like_the_memory_session() {
    use vcio::history::{History, MemorySession};
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("s", &rich_plan()).expect("create");
    let mut disk = store.open_session("s").expect("open");
    let mut memory = MemorySession::new("s", rich_plan());
    let sessions: [&mut dyn History; 2] = [&mut disk, &mut memory];
    let mut plans = Vec::new();
    for h in sessions {
        h.apply(Edit::MoveInitiative {
            id: "INI-002".into(),
            start: q(2030, 2),
        })
        .expect("move");
        h.apply(Edit::RemoveItem("FW-1".into())).expect("remove");
        h.undo().expect("undo");
        assert!(h.can_redo() && h.can_undo());
        assert!(h.apply(Edit::RemoveItem("nope".into())).is_err());
        plans.push(h.plan().clone());
    }
    assert_eq!(plans[0], plans[1]);
}

/// A plan `apply` would refuse (an initiative without a title, as a hand-made file could carry)
/// cannot be stored at all: every way in shares the same validation, so no stored inverse can
/// fail to apply later.
#[test]
fn a_plan_that_edits_would_refuse_cannot_be_stored() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    let mut plan = rich_plan();
    plan.initiatives[0].title = String::new();
    let err = store.create("s", &plan).expect_err("refused");
    assert!(err.to_string().contains("the title is empty"), "{err}");
    assert!(!store.exists("s").expect("exists"));
}

#[test]
fn undo_of_a_dependency_change_after_its_target_was_removed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = open(dir.path());
    store.create("s", &rich_plan()).expect("create");
    let mut s = store.open_session("s").expect("open");
    s.apply(Edit::RemoveInitiative("INI-001".into()))
        .expect("remove");
    s.apply(Edit::SetDependencies {
        id: "INI-002".into(),
        depends_on: vec![],
    })
    .expect("clear dependencies");
    while s.undo().expect("undo").is_some() {}
    assert_eq!(s.plan(), &rich_plan());
}
