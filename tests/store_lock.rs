//! A second vcio process on the same data directory gets one clear line naming the holder, and
//! changes nothing. The second process is this test binary re-executed with
//! `VCIO_LOCK_CHILD_DIR` set (see `store_crash.rs` for why), running only `lock_child`.

mod store_support;

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use store_support::rich_plan;
use vcio::edit::Edit;
use vcio::store::{Store, StoreError};

const DIR_ENV: &str = "VCIO_LOCK_CHILD_DIR";
const MODE_ENV: &str = "VCIO_LOCK_CHILD_MODE";

/// `try`: open the store once and report. `hold`: open it and keep it until stdin closes.
#[test]
fn lock_child() {
    let Ok(dir) = std::env::var(DIR_ENV) else {
        return;
    };
    let mode = std::env::var(MODE_ENV).unwrap_or_default();
    let mut out = std::io::stdout().lock();
    match Store::open(Path::new(&dir)) {
        Ok(store) => {
            if mode == "hold" {
                let mut s = store.open_session("s").expect("session");
                s.apply(Edit::ResizeInitiative {
                    id: "INI-001".into(),
                    duration: 3,
                })
                .expect("edit");
            }
            writeln!(out, "@@OPENED").expect("stdout");
            out.flush().expect("flush");
            if mode == "hold" {
                let mut line = String::new();
                let _ = std::io::stdin().read_line(&mut line);
            }
        }
        Err(e) => {
            writeln!(out, "@@ERR {e}").expect("stdout");
        }
    }
}

fn spawn(dir: &Path, mode: &str) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args(["lock_child", "--exact", "--nocapture", "--test-threads=1"])
        .env(DIR_ENV, dir)
        .env(MODE_ENV, mode)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn child")
}

/// The child's first `@@` message.
fn first_message(child: &mut Child) -> String {
    let stdout = child.stdout.take().expect("stdout");
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        if let Some(at) = line.find("@@") {
            return line[at + 2..].to_string();
        }
    }
    panic!("the child said nothing");
}

/// Every file under `dir` with its length and contents hash, to show nothing changed.
fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push((p.display().to_string(), std::fs::read(&p).expect("read")));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_second_process_is_told_who_holds_the_data_dir_and_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open");
    store.create("s", &rich_plan()).expect("create");
    let before = snapshot(dir.path());

    let mut child = spawn(dir.path(), "try");
    let msg = first_message(&mut child);
    child.wait().expect("child exits");
    let want = format!("ERR another vcio (pid {}, since ", std::process::id());
    assert!(msg.starts_with(&want), "{msg}");
    assert!(
        msg.ends_with(&format!(
            "is using {}; close it first",
            dir.path().display()
        )),
        "{msg}"
    );
    assert_eq!(
        snapshot(dir.path()),
        before,
        "the refused process changed files"
    );
    assert_eq!(
        store.open_session("s").expect("session").plan(),
        &rich_plan()
    );
}

#[test]
fn this_process_is_told_the_pid_of_another_holder_until_it_exits() {
    let dir = tempfile::tempdir().expect("tempdir");
    Store::open(dir.path())
        .expect("open")
        .create("s", &rich_plan())
        .expect("create");
    let mut child = spawn(dir.path(), "hold");
    assert_eq!(first_message(&mut child), "OPENED");
    match Store::open(dir.path()) {
        Err(StoreError::Locked { pid, since, .. }) => {
            assert_eq!(pid, Some(child.id()));
            assert!(since.is_some());
        }
        Err(e) => panic!("expected Locked, got {e}"),
        Ok(_) => panic!("opened a store another process holds"),
    }
    drop(child.stdin.take());
    child.wait().expect("child exits");
    let store = Store::open(dir.path()).expect("free after the holder exits");
    let s = store.open_session("s").expect("session");
    assert_eq!(s.plan().initiative("INI-001").map(|i| i.duration), Some(3));
}
