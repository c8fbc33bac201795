//! Resident memory with 100k inventory items and 500 initiatives open in the TUI (DESIGN
//! target: <= 150 MB). Not a criterion bench: memory is read from `/proc/PID/status`.
//!
//! 1. The real `vcio` binary is started in a 200x60 pseudo-terminal on a generated 100k-item
//!    data directory (so its first open writes the rolling backup, as after an edit); once
//!    the first frame is on screen its VmRSS and peak (VmHWM) are read. This is the target's
//!    figure.
//! 2. For where the memory goes, a fresh child process (this binary re-run with
//!    `VCIO_MEM_DIR` set) does the same steps in-process and prints VmRSS after each one
//!    (the backup is already written by then).
//!
//! `cargo bench --bench memory` (Linux only; elsewhere it says so and exits).

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

fn status_kb(field: &str) -> Option<u64> {
    pid_status_kb("self", field)
}

fn pid_status_kb(pid: &str, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with(field))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn report(step: &str) {
    let mb =
        |kb: Option<u64>| kb.map_or("?".to_string(), |k| format!("{:.1} MB", k as f64 / 1024.0));
    println!("{step:<40} rss {:>10}", mb(status_kb("VmRSS:")));
}

/// The child: open everything as the binary does and report memory along the way.
fn measure(dir: &Path) -> color_eyre::Result<()> {
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 23).unwrap_or_default();
    report("start");
    let store = vcio::store::Store::open(dir)?;
    report("store open");
    let session = store.open_session("default")?;
    report("session loaded");
    let items = vcio::history::History::plan(&session).items.len();
    let library = vcio::standards::Library::builtin();
    let opts = vcio::tui::TuiOptions {
        data_dir: dir.to_path_buf(),
        ..Default::default()
    };
    let mut app = vcio::tui::App::new(Box::new(session), library, as_of, &opts);
    app.set_store(Some(store));
    report("workbench built (engine, views)");
    let mut term = ratatui::Terminal::new(ratatui::backend::TestBackend::new(200, 60))?;
    term.draw(|f| app.draw(f))?;
    report("first frame drawn (200x60)");
    let peak = status_kb("VmHWM:").unwrap_or(0);
    println!("{items} items: peak {:.1} MB", peak as f64 / 1024.0);
    Ok(())
}

/// Runs `vcio` in a pty until its first frame shows, then reads its memory.
fn real_binary(dir: &Path) -> color_eyre::Result<()> {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 60,
            cols: 200,
            pixel_width: 0,
            pixel_height: 0,
        })
        .map_err(|e| color_eyre::eyre::eyre!("openpty: {e}"))?;
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vcio"));
    cmd.args([
        "--data-dir",
        &dir.to_string_lossy(),
        "--as-of",
        "2026-11-23",
    ]);
    cmd.env("TERM", "xterm-256color");
    let mut child = pair
        .slave
        .spawn_command(cmd)
        .map_err(|e| color_eyre::eyre::eyre!("spawn vcio: {e}"))?;
    drop(pair.slave);
    let mut reader = pair
        .master
        .try_clone_reader()
        .map_err(|e| color_eyre::eyre::eyre!("pty reader: {e}"))?;
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });
    let mut parser = vt100::Parser::new(
        std::num::NonZeroU16::new(60).unwrap_or(std::num::NonZeroU16::MIN),
        std::num::NonZeroU16::new(200).unwrap_or(std::num::NonZeroU16::MIN),
        0,
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while !parser.screen().contents().contains("500 initiatives") {
        if Instant::now() > deadline {
            color_eyre::eyre::bail!("vcio showed no first frame within 60 s");
        }
        if let Ok(bytes) = rx.recv_timeout(Duration::from_millis(50)) {
            parser.process(&bytes);
        }
    }
    // Let the frame finish flushing before reading.
    std::thread::sleep(Duration::from_millis(300));
    let pid = child
        .process_id()
        .map(|p| p.to_string())
        .unwrap_or_default();
    let mb = |f: &str| pid_status_kb(&pid, f).map_or(0.0, |k| k as f64 / 1024.0);
    println!(
        "vcio on 100,000 items and 500 initiatives, first frame at 200x60: rss {:.1} MB, peak {:.1} MB",
        mb("VmRSS:"),
        mb("VmHWM:")
    );
    let mut writer = pair
        .master
        .take_writer()
        .map_err(|e| color_eyre::eyre::eyre!("pty writer: {e}"))?;
    let _ = writer.write_all(b"q");
    let _ = writer.flush();
    let _ = child.wait();
    Ok(())
}

fn main() -> color_eyre::Result<()> {
    if let Some(dir) = std::env::var_os("VCIO_MEM_DIR") {
        return measure(Path::new(&dir));
    }
    if status_kb("VmRSS:").is_none() {
        println!("memory bench: /proc/self/status is not readable here (Linux only); skipped");
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    {
        let ids: Vec<String> = vcio::standards::Library::builtin()
            .standards
            .iter()
            .map(|s| s.id.clone())
            .collect();
        let plan = vcio::generate::generate(100_000, 500, 1, &ids);
        let store = vcio::store::Store::open(tmp.path())?;
        store.create("default", &plan)?;
    }
    real_binary(tmp.path())?;
    println!("where it goes, step by step in one process:");
    let status = Command::new(std::env::current_exe()?)
        .env("VCIO_MEM_DIR", tmp.path())
        .status()?;
    if !status.success() {
        color_eyre::eyre::bail!("the measuring process failed: {status}");
    }
    Ok(())
}
