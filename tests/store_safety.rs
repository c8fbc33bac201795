//! The data directory is safe to use: it always opens, a restore loses nothing the journal
//! holds, nothing is written through a planted link, district data is private, and the lock
//! names its holder while read-only commands still work. Each test reproduces a measurement from
//! the data-safety review (see ARCHITECTURE.md, "Data safety").

mod common;
mod store_support;

use common::vcio;
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use store_support::{item, q, rich_plan};
use vcio::edit::Edit;
use vcio::store::{Store, StoreError, restore_latest};

fn mode(p: &Path) -> u32 {
    std::fs::symlink_metadata(p)
        .expect("meta")
        .permissions()
        .mode()
        & 0o777
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// sled 0.34.7 reads a leftover `snap.<lsn>.generating` (a snapshot cut off by a kill or a full
/// disk) as its newest snapshot and refuses to open. vcio removes it first.
#[test]
fn an_unfinished_sled_snapshot_never_makes_the_database_unopenable() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        store.create("s", &rich_plan()).expect("create");
        let mut s = store.open_session("s").expect("session");
        s.apply(Edit::PutItem(item("after-snapshot")))
            .expect("edit");
    }
    let planted = dir
        .path()
        .join("db")
        .join("snap.FFFFFFFFFFFFFFFF.generating");
    std::fs::write(&planted, b"partial").expect("plant");
    let store = Store::open(dir.path()).expect("the database opens");
    let s = store.open_session("s").expect("session");
    assert!(
        s.plan().item("after-snapshot").is_some(),
        "the acknowledged edit is there"
    );
    assert!(!planted.exists(), "the unfinished snapshot was removed");
    drop(s);
    drop(store);

    // The same through the command line, as the measurement did it.
    std::fs::write(&planted, b"").expect("plant again");
    let out = vcio(
        dir.path(),
        &["--session", "s", "inventory", "--format", "json"],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).contains("after-snapshot"));
}

#[test]
fn restore_replays_the_journal_and_names_a_change_cut_off_by_a_crash() {
    let dir = tempfile::tempdir().expect("tempdir");
    {
        let store = Store::open(dir.path()).expect("open");
        store.create("s", &rich_plan()).expect("create");
        let mut s = store.open_session("s").expect("session");
        for n in 0..4 {
            s.apply(Edit::PutItem(item(&format!("kept-{n}"))))
                .expect("edit");
        }
        s.undo().expect("undo").expect("one undone");
    }
    // A crash in the middle of appending a fifth change leaves a cut line.
    let journal = dir.path().join("backups").join("s.journal");
    let mut f = std::fs::OpenOptions::new()
        .append(true)
        .open(&journal)
        .expect("journal");
    f.write_all(b"{\"seq\":5,\"at\":\"2026")
        .expect("torn write");
    drop(f);
    // The database is destroyed outright.
    std::fs::remove_dir_all(dir.path().join("db")).expect("remove db");
    std::fs::create_dir(dir.path().join("db")).expect("empty db dir");
    std::fs::write(dir.path().join("db").join("db"), vec![0xA5u8; 8192]).expect("garbage");

    let report = restore_latest(dir.path()).expect("restore");
    let s = &report.restored[0];
    assert_eq!((s.replayed, s.changes), (5, 5), "{report:?}");
    assert_eq!(s.lost.len(), 1, "the cut line is named: {report:?}");
    assert!(s.lost[0].contains("s.journal:6"), "{:?}", s.lost);

    let store = Store::open(dir.path()).expect("open the restored database");
    let mut session = store.open_session("s").expect("session");
    let plan = session.plan();
    assert!(plan.item("kept-2").is_some() && plan.item("kept-3").is_none());
    // The redo of the undone edit survived, and so did the undo history before it.
    session
        .redo()
        .expect("redo")
        .expect("the redo step was restored");
    assert!(session.plan().item("kept-3").is_some());
    for _ in 0..4 {
        session.undo().expect("undo").expect("an undo step");
    }
    assert!(session.plan().item("kept-0").is_none());
    assert_eq!(session.log().expect("log").len(), 10);
}

#[test]
fn a_lock_file_planted_as_a_link_is_refused_and_its_target_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("victim");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).expect("data");
    std::os::unix::fs::symlink(&victim, data.join("vcio.lock")).expect("link");
    let err = Store::open(&data).err().expect("refused");
    assert!(err.to_string().contains("symbolic link"), "{err}");
    assert_eq!(std::fs::read(&victim).expect("victim"), b"precious");
    let out = vcio(&data, &["inventory"]);
    assert!(!out.status.success());
    let msg = stderr(&out);
    assert_eq!(msg.lines().count(), 1, "{msg}");
    assert!(msg.contains("vcio.lock is a symbolic link"), "{msg}");
}

#[test]
fn backups_journals_and_imported_standards_never_write_through_planted_links() {
    let dir = tempfile::tempdir().expect("tempdir");
    let victim = dir.path().join("victim.txt");
    std::fs::write(&victim, b"precious").expect("victim");
    let data = dir.path().join("data");
    // A first run creates the folders, then links are planted at every name vcio once wrote.
    let out = vcio(&data, &["inventory"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let backups = data.join("backups");
    let standards = data.join("standards");
    std::fs::create_dir_all(&standards).expect("standards dir");
    for planted in [
        backups.join(".backup.tmp"),
        backups.join("default.journal"),
        standards.join("oscal-basic-catalog.ron.tmp"),
    ] {
        let _ = std::fs::remove_file(&planted);
        std::os::unix::fs::symlink(&victim, &planted).expect("link");
    }
    let moved = vcio(&data, &["roadmap", "move", "INI-001", "FY2028-Q1"]);
    assert!(moved.status.success(), "{}", stderr(&moved));
    let catalog = dir.path().join("basic-catalog.json");
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/oscal/basic-catalog.json"
        ),
        &catalog,
    )
    .expect("fixture");
    // The import's own target, planted too (the library would read it, so only now).
    std::os::unix::fs::symlink(&victim, standards.join("oscal-basic-catalog.ron")).expect("link");
    let imported = vcio(
        &data,
        &["import", "standards", catalog.to_str().expect("utf-8")],
    );
    assert!(imported.status.success(), "{}", stderr(&imported));
    assert_eq!(std::fs::read(&victim).expect("victim"), b"precious");
    assert!(
        !std::fs::symlink_metadata(standards.join("oscal-basic-catalog.ron"))
            .expect("meta")
            .file_type()
            .is_symlink(),
        "the link was replaced by the file, not followed"
    );
}

#[test]
fn district_data_is_private_whatever_the_umask_and_loose_modes_are_tightened() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    // The test process's umask is inherited by the child: set the usual 022.
    // SAFETY: umask only changes this process's file-creation mask.
    let old = unsafe { libc::umask(0o022) };
    let out = vcio(&data, &["roadmap", "move", "INI-001", "FY2028-Q1"]);
    unsafe { libc::umask(old) };
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&data), 0o700);
    for sub in ["db", "backups"] {
        let folder = data.join(sub);
        assert_eq!(mode(&folder), 0o700, "{sub}");
        for entry in std::fs::read_dir(&folder).expect("read").flatten() {
            let p = entry.path();
            if p.is_file() {
                assert_eq!(mode(&p), 0o600, "{}", p.display());
            }
        }
    }
    assert_eq!(mode(&data.join("vcio.lock")), 0o600);

    // A directory left 0755 by an older version is tightened, with a one-line notice.
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).expect("loosen");
    std::fs::set_permissions(data.join("backups"), std::fs::Permissions::from_mode(0o755))
        .expect("loosen");
    let out = vcio(&data, &["inventory"]);
    assert!(out.status.success());
    let notes = stderr(&out);
    assert!(
        notes.contains("made") && notes.contains("private (755 -> 700)"),
        "{notes}"
    );
    assert_eq!(mode(&data), 0o700);
    assert_eq!(mode(&data.join("backups")), 0o700);

    // Exports go where the user says, with the user's umask.
    let report = dir.path().join("report.md");
    let old = unsafe { libc::umask(0o022) };
    let out = vcio(
        &data,
        &[
            "export",
            "--format",
            "markdown",
            "--out",
            report.to_str().expect("utf-8"),
        ],
    );
    unsafe { libc::umask(old) };
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&report), 0o644);
}

/// The holder writes its pid just after taking the lock; a second process arriving in between
/// waits for it instead of saying only "another vcio".
#[test]
fn the_lock_holder_is_named_even_when_asked_the_moment_it_locked() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("vcio.lock");
    let mut holder = std::fs::File::create(&path).expect("lock file");
    holder
        .try_lock()
        .expect("take the lock, pid not yet written");
    let writer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(60));
        holder.write_all(b"4242\n2026-12-03 09:00\n").expect("pid");
        holder.flush().expect("flush");
        std::thread::sleep(std::time::Duration::from_millis(300));
        drop(holder);
    });
    match Store::open(dir.path()) {
        Err(StoreError::Locked { pid, .. }) => assert_eq!(pid, Some(4242)),
        Err(other) => panic!("expected Locked, got {other}"),
        Ok(_) => panic!("the lock was taken twice"),
    }
    writer.join().expect("writer");
}

#[test]
fn read_only_commands_work_while_another_vcio_holds_the_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = vcio(dir.path(), &["roadmap", "move", "INI-001", "FY2028-Q1"]);
    assert!(out.status.success(), "{}", stderr(&out));
    // This process holds the database (as the TUI would) and makes one more edit.
    let store = Store::open(dir.path()).expect("open");
    let mut s = store.open_session("default").expect("session");
    s.apply(Edit::MoveInitiative {
        id: "INI-001".into(),
        start: q(2028, 3),
    })
    .expect("edit while held");
    let out = vcio(dir.path(), &["roadmap", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("json");
    let ini = json["initiatives"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == "INI-001"))
        .expect("INI-001");
    assert_eq!(
        ini["start"], "FY2028-Q3",
        "the newest acknowledged edit is shown"
    );
    assert!(stderr(&out).contains("read session \"default\" from its backup and journal"));
    // A command that changes the plan is still refused, naming the holder.
    let out = vcio(dir.path(), &["roadmap", "move", "INI-001", "FY2029-Q1"]);
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains(&format!("pid {}", std::process::id())),
        "{}",
        stderr(&out)
    );
}
