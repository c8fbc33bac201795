//! `kill -9` of the real `vcio` binary in the middle of CLI edits: the database always opens
//! afterwards and no acknowledged edit (a `roadmap move` that exited 0) is lost. Kills land at
//! every moment of a command's life, including while sled writes a snapshot on open (the
//! `snap.*.generating` case) and while backups are written.
//!
//! CI runs `KILLS_IN_CI` kills. The full measurement is the same test at length:
//! `VCIO_KILLS=1000 cargo test --release --test store_kill_cli -- --nocapture`, which prints
//! kills, acknowledged edits, lost and unopenable.

mod common;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const KILLS_IN_CI: u64 = 40;

fn spread(seed: u64, modulo: u64) -> u64 {
    let mut x = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
    x = (x ^ (x >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (x ^ (x >> 31)) % modulo
}

fn quarter(n: u64) -> String {
    format!("FY{}-Q{}", 2027 + (n / 4) % 4, n % 4 + 1)
}

/// INI-001's start as the database holds it; None if the database would not open.
fn start_of_ini_001(dir: &std::path::Path) -> Result<String, String> {
    let out = common::vcio(dir, &["roadmap", "--format", "json"]);
    if !out.status.success() {
        return Err(String::from_utf8_lossy(&out.stderr).into_owned());
    }
    let json: serde_json::Value =
        serde_json::from_slice(&out.stdout).map_err(|e| format!("json: {e}"))?;
    json["initiatives"]
        .as_array()
        .and_then(|a| a.iter().find(|i| i["id"] == "INI-001"))
        .and_then(|i| i["start"].as_str())
        .map(str::to_string)
        .ok_or_else(|| "INI-001 missing".into())
}

#[test]
fn kill_9_of_cli_edits_loses_nothing_and_never_leaves_the_database_unopenable() {
    let kills: u64 = std::env::var("VCIO_KILLS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(KILLS_IN_CI);
    let dir = tempfile::tempdir().expect("tempdir");
    let first = common::vcio(dir.path(), &["roadmap", "move", "INI-001", &quarter(0)]);
    assert!(first.status.success());
    let mut acknowledged = quarter(0);
    let (mut acks, mut lost, mut unopenable, mut killed) = (1u64, 0u64, 0u64, 0u64);
    let mut n = 1;
    let began = Instant::now();
    while killed < kills {
        let target = quarter(n);
        let mut child = Command::new(env!("CARGO_BIN_EXE_vcio"))
            .arg("--data-dir")
            .arg(dir.path())
            .args([
                "--as-of",
                "2026-11-22",
                "roadmap",
                "move",
                "INI-001",
                &target,
            ])
            .env_remove("VCIO_DATA_DIR")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        // Kill somewhere in the command's life (it takes a few ms to ~100 ms).
        let delay = Duration::from_micros(spread(n, 60_000));
        let deadline = Instant::now() + delay;
        let mut exited = None;
        while Instant::now() < deadline {
            if let Ok(Some(status)) = child.try_wait() {
                exited = Some(status);
                break;
            }
            std::thread::sleep(Duration::from_micros(200));
        }
        let in_flight = match exited {
            Some(status) if status.success() => {
                acknowledged = target.clone();
                acks += 1;
                None
            }
            Some(status) => panic!("move {n} failed without a kill: {status:?}"),
            None => {
                let _ = child.kill();
                let _ = child.wait();
                killed += 1;
                Some(target)
            }
        };
        match start_of_ini_001(dir.path()) {
            Ok(start) => {
                // A killed move may have committed before it could say so.
                if start != acknowledged && Some(&start) != in_flight.as_ref() {
                    lost += 1;
                    eprintln!("kill {killed}: INI-001 at {start}, acknowledged {acknowledged}");
                }
                acknowledged = start;
            }
            Err(why) => {
                unopenable += 1;
                eprintln!("kill {killed}: the database did not open: {why}");
                break;
            }
        }
        n += 1;
    }
    println!(
        "kill -9 of CLI edits: {killed} kills, {acks} acknowledged edits, {lost} lost, {unopenable} unopenable ({:.1} s)",
        began.elapsed().as_secs_f64()
    );
    assert_eq!((lost, unopenable), (0, 0));
}
