//! `kill -9` never loses an acknowledged edit and never leaves a database that will not open.
//!
//! The writer is this same test binary, re-executed with `VCIO_CRASH_WRITER_DIR` set and told to
//! run only `crash_writer_child` (which does nothing in a normal test run). That keeps the writer
//! out of the shipped binaries and needs no extra build target: `std::env::current_exe()` is the
//! test binary itself. The writer prints `@@ACK ...` only after `Session::apply`/`undo` returned,
//! i.e. after the transaction, flush and fsync; the parent SIGKILLs it at a varying point,
//! reopens the store and checks every acknowledged edit is there.

mod store_support;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::os::unix::process::ExitStatusExt;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;
use store_support::{item, q, rich_plan};
use vcio::edit::Edit;
use vcio::model::AnswerValue;
use vcio::store::Store;

const DIR_ENV: &str = "VCIO_CRASH_WRITER_DIR";
const ITER_ENV: &str = "VCIO_CRASH_WRITER_ITER";
const SESSION: &str = "crash";
const ITERATIONS: u64 = 12;

/// The writer. In a normal test run (no env var) it returns at once.
#[test]
fn crash_writer_child() {
    let Ok(dir) = std::env::var(DIR_ENV) else {
        return;
    };
    let iter: u64 = std::env::var(ITER_ENV)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let store = Store::open(std::path::Path::new(&dir)).expect("writer opens the store");
    if !store.exists(SESSION).expect("exists") {
        store.create(SESSION, &rich_plan()).expect("create");
    }
    let mut s = store.open_session(SESSION).expect("open session");
    let mut out = std::io::stdout().lock();
    let mut say = |line: String| {
        // A closed pipe means the parent is gone: stop.
        if writeln!(out, "@@{line}")
            .and_then(|()| out.flush())
            .is_err()
        {
            std::process::exit(0);
        }
    };
    for n in 0u64..1_000_000 {
        let id = format!("crash-{iter:02}-{n:06}");
        s.apply(Edit::PutItem(item(&id))).expect("put item");
        say(format!("ACK ITEM {id}"));
        if n % 5 == 2 {
            let start = q(2027, 1).plus(((n + iter) % 16) as i32);
            say(format!("TRY MOVE {start}"));
            s.apply(Edit::MoveInitiative {
                id: "INI-001".into(),
                start,
            })
            .expect("move");
            say(format!("ACK MOVE {start}"));
        }
        if n % 7 == 4 {
            let key = format!("scratch-{iter}-{n}");
            s.apply(Edit::SetAnswer {
                key: key.clone(),
                value: Some(AnswerValue::Yes),
            })
            .expect("answer");
            say(format!("ACK ANSWER {key}"));
            s.undo().expect("undo").expect("an edit to undo");
            say(format!("ACK UNDO {key}"));
        }
    }
}

/// What the writer acknowledged before it died.
#[derive(Default, Debug)]
struct Acks {
    items: Vec<String>,
    /// Quarters tried since the last acknowledged move (any of them may have landed), and the
    /// last acknowledged one.
    moves_in_flight: Vec<String>,
    last_move: Option<String>,
    answers: BTreeSet<String>,
    undone: BTreeSet<String>,
}

impl Acks {
    fn take(&mut self, line: &str) {
        let Some(at) = line.find("@@") else { return };
        let msg = line[at + 2..].trim_end();
        let mut parts = msg.splitn(3, ' ');
        match (parts.next(), parts.next(), parts.next()) {
            (Some("ACK"), Some("ITEM"), Some(id)) => self.items.push(id.to_string()),
            (Some("TRY"), Some("MOVE"), Some(qr)) => self.moves_in_flight.push(qr.to_string()),
            (Some("ACK"), Some("MOVE"), Some(qr)) => {
                self.last_move = Some(qr.to_string());
                self.moves_in_flight.clear();
            }
            (Some("ACK"), Some("ANSWER"), Some(k)) => {
                self.answers.insert(k.to_string());
            }
            (Some("ACK"), Some("UNDO"), Some(k)) => {
                self.undone.insert(k.to_string());
            }
            _ => {}
        }
    }
}

/// A cheap deterministic spread of numbers (no `rand` needed, and failures replay).
fn spread(seed: u64, modulo: u64) -> u64 {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0xD1B5_4A32_D192_ED03;
    x ^= x >> 29;
    x = x.wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x ^= x >> 32;
    x % modulo
}

#[test]
fn kill_9_loses_no_acknowledged_edit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let exe = std::env::current_exe().expect("test binary path");
    let mut all_items: Vec<String> = Vec::new();
    for iter in 0..ITERATIONS {
        let mut child = Command::new(&exe)
            .args([
                "crash_writer_child",
                "--exact",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DIR_ENV, dir.path())
            .env(ITER_ENV, iter.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn writer");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel::<String>();
        let reader = std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match r.read_line(&mut line) {
                    // Only complete lines count: a torn last line was never acknowledged.
                    Ok(n) if n > 0 && line.ends_with('\n') => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        });
        // Let it acknowledge a varying number of edits, then kill it a varying moment later.
        let wait_for = 1 + spread(iter, 40);
        let mut acks = Acks::default();
        while (acks.items.len() as u64) < wait_for {
            match rx.recv_timeout(Duration::from_secs(30)) {
                Ok(line) => acks.take(&line),
                Err(_) => {
                    let _ = child.kill();
                    let out = child.wait_with_output().expect("writer output");
                    panic!(
                        "writer stopped early: {}",
                        String::from_utf8_lossy(&out.stderr)
                    );
                }
            }
        }
        std::thread::sleep(Duration::from_micros(spread(iter + 100, 4000)));
        child.kill().expect("SIGKILL the writer");
        let status = child.wait().expect("reap the writer");
        assert_eq!(
            status.signal(),
            Some(9),
            "the writer was killed, not finished"
        );
        reader.join().expect("reader thread");
        while let Ok(line) = rx.try_recv() {
            acks.take(&line);
        }

        let store = Store::open(dir.path()).expect("the database opens after kill -9");
        let s = store.open_session(SESSION).expect("the session opens");
        let plan = s.plan();
        all_items.extend(acks.items.iter().cloned());
        for id in &all_items {
            assert!(
                plan.item(id).is_some(),
                "iteration {iter}: acknowledged item {id} lost"
            );
        }
        let start = plan.initiative("INI-001").map(|i| i.start.to_string());
        let mut allowed: Vec<String> = acks.moves_in_flight.clone();
        allowed.extend(acks.last_move.clone());
        if !allowed.is_empty() {
            let start = start.expect("INI-001 exists");
            assert!(
                allowed.contains(&start),
                "iteration {iter}: INI-001 starts {start}, acknowledged {allowed:?}"
            );
        }
        for key in &acks.answers {
            let present = plan.answers.contains_key(key);
            if acks.undone.contains(key) {
                assert!(
                    !present,
                    "iteration {iter}: acknowledged undo of {key} lost"
                );
            }
        }
        // The history is usable after the crash: undo then redo the newest change.
        drop(s);
        let mut s = store.open_session(SESSION).expect("reopen");
        let before = s.plan().clone();
        if s.undo().expect("undo after crash").is_some() {
            s.redo().expect("redo after crash");
            assert_eq!(s.plan(), &before);
        }
    }
    assert!(all_items.len() as u64 >= ITERATIONS);
}
