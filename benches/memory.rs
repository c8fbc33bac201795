//! Resident memory with 100k inventory items and 500 initiatives open in the TUI (DESIGN
//! target: <= 150 MB). Not a criterion bench: memory is read from `/proc/self/status`, so it
//! measures in a fresh child process (this binary re-run with `VCIO_MEM_DIR` set) that does
//! what `vcio` does on start: open the store (writing the rolling backup, as after an edit),
//! load the session, build the workbench and draw a 200x60 frame. It prints VmRSS after each
//! step and the peak (VmHWM).
//!
//! `cargo bench --bench memory` (Linux only; elsewhere it says so and exits).

use std::path::Path;
use std::process::Command;

fn status_kb(field: &str) -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
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
    report("store open (with a rolling backup)");
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
    let status = Command::new(std::env::current_exe()?)
        .env("VCIO_MEM_DIR", tmp.path())
        .status()?;
    if !status.success() {
        color_eyre::eyre::bail!("the measuring process failed: {status}");
    }
    Ok(())
}
