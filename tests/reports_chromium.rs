//! The HTML board report opened in headless Chromium, as a superintendent would open it: it
//! renders to a non-trivial screenshot and prints to PDF. Skipped (with a message) when no
//! `chromium` is on PATH; CI installs it.

use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};
use vcio::demo::demo_plan;
use vcio::derive::Engine;
use vcio::reports::{self, ReportInput};
use vcio::standards::Library;

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join("chromium"))
        .find(|p| p.is_file())
}

fn demo_html() -> String {
    let plan = demo_plan();
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).expect("valid date");
    let engine = Engine::new(&plan, Library::builtin(), as_of);
    reports::html(&ReportInput {
        session: "default",
        as_of,
        plan: &plan,
        library: engine.library(),
        derived: engine.derived(),
        log: &[],
    })
}

/// Runs headless Chromium with the isolating flags plus `extra`, killing it after two minutes.
fn run_chromium(bin: &Path, profile: &Path, extra: &[String], page: &Path) {
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("chromium starts");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            assert!(status.success(), "chromium exited with {status}");
            return;
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium did not finish within two minutes");
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn html_report_renders_and_prints_in_headless_chromium() {
    let Some(bin) = chromium() else {
        eprintln!("skipped: no chromium on PATH (apt-get install chromium to run this test)");
        return;
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("report.html");
    std::fs::write(&page, demo_html()).expect("write report");

    let png = dir.path().join("report.png");
    run_chromium(
        &bin,
        &dir.path().join("profile-shot"),
        &[
            format!("--screenshot={}", png.display()),
            "--window-size=1200,1600".into(),
        ],
        &page,
    );
    let bytes = std::fs::read(&png).expect("screenshot written");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    let width = u32::from_be_bytes([bytes[16], bytes[17], bytes[18], bytes[19]]);
    let height = u32::from_be_bytes([bytes[20], bytes[21], bytes[22], bytes[23]]);
    assert_eq!((width, height), (1200, 1600));
    // A blank white page of this size compresses to under 10 KB; text, tables and the chart
    // take far more.
    assert!(
        bytes.len() > 60_000,
        "screenshot looks blank: {} bytes",
        bytes.len()
    );

    let pdf = dir.path().join("report.pdf");
    run_chromium(
        &bin,
        &dir.path().join("profile-pdf"),
        &[
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".into(),
        ],
        &page,
    );
    let bytes = std::fs::read(&pdf).expect("PDF written");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    assert!(
        bytes.len() > 20_000,
        "PDF looks empty: {} bytes",
        bytes.len()
    );
}
