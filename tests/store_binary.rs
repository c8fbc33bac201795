//! The real `vcio` binary against the store: a second process is refused with one line naming
//! the holder and changes nothing; a damaged database names `vcio session restore`, which brings
//! the sessions back from their backups.

mod store_support;

use std::process::{Command, Output};
use store_support::rich_plan;
use vcio::store::Store;

fn vcio(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--as-of", "2026-11-22"])
        .args(args)
        .output()
        .expect("run vcio")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn the_binary_is_refused_while_this_process_holds_the_data_dir() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    store.create("default", &rich_plan()).expect("create");
    let out = vcio(dir.path(), &["roadmap", "move", "INI-001", "FY2029-Q1"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    let want = format!("vcio: another vcio (pid {}, since ", std::process::id());
    assert!(err.starts_with(&want), "{err}");
    assert!(err.trim_end().ends_with("; close it first"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");
    let s = store.open_session("default").expect("session");
    assert_eq!(
        s.plan(),
        &rich_plan(),
        "the refused command changed the plan"
    );
    assert!(!s.can_undo());
}

#[test]
fn a_damaged_database_points_to_restore_which_brings_the_sessions_back() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = vcio(dir.path(), &["session", "new", "what-if"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // Any command opens the store and so writes the backups.
    let out = vcio(dir.path(), &["session", "list"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let before = {
        let store = Store::open(dir.path()).expect("open");
        store
            .open_session("what-if")
            .expect("session")
            .plan()
            .clone()
    };
    let out = vcio(dir.path(), &["session", "restore"]);
    assert!(!out.status.success(), "restore refuses a healthy database");
    assert!(stderr(&out).contains("--force"), "{}", stderr(&out));

    let log = dir.path().join("db").join("db");
    let len = std::fs::metadata(&log).expect("db file").len() as usize;
    std::fs::write(&log, vec![0x5Au8; len.max(4096)]).expect("damage");
    let out = vcio(dir.path(), &["session", "list"]);
    assert!(!out.status.success());
    let err = stderr(&out);
    assert!(err.contains("`vcio session restore` rebuilds it"), "{err}");
    assert_eq!(err.trim_end().lines().count(), 1, "{err}");

    let out = vcio(dir.path(), &["session", "restore"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("restored session \"what-if\""), "{said}");
    let store = Store::open(dir.path()).expect("restored database opens");
    assert_eq!(
        store.open_session("what-if").expect("session").plan(),
        &before
    );
}
