//! README's "Set up your district" works as written on a fresh data directory: every `vcio`
//! line of its shell block runs and succeeds (the two export files it names are this
//! repository's sample exports), and the district it builds is the one the text describes.

use std::path::Path;

/// The shell block under the heading, with continuation lines joined.
fn walkthrough() -> Vec<String> {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## Set up your district")
        .nth(1)
        .expect("the README has the walkthrough");
    let block = section
        .split("```sh\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a shell block");
    let joined = block.replace("\\\n", " ");
    joined
        .lines()
        .map(|l| l.split(" #").next().unwrap_or("").trim().to_string())
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Splits a command line as a POSIX shell would for these simple lines (double quotes only).
fn words(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut any = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                any = true;
            }
            c if c.is_whitespace() && !quoted => {
                if any {
                    out.push(std::mem::take(&mut cur));
                    any = false;
                }
            }
            c => {
                cur.push(c);
                any = true;
            }
        }
    }
    if any {
        out.push(cur);
    }
    out
}

#[test]
fn the_readme_walkthrough_runs_as_written_on_a_fresh_data_dir() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/inventory");
    let files = [
        (
            "chromeos-devices.csv",
            fixtures.join("lakeside_google_admin.csv"),
        ),
        ("gam-cros.csv", fixtures.join("lakeside_gam.csv")),
        ("snipeit-assets.csv", fixtures.join("lakeside_snipeit.csv")),
        ("questions.csv", dir.join("questions.csv")),
        ("board-report.html", dir.join("board-report.html")),
    ];
    let mut session = None;
    let lines = walkthrough();
    assert!(lines.len() >= 20, "{lines:?}");
    for line in &lines {
        let mut w = words(line);
        if w[0] == "export" {
            session = w[1].strip_prefix("VCIO_SESSION=").map(String::from);
            continue;
        }
        assert_eq!(w[0], "vcio", "{line}");
        for word in w.iter_mut() {
            if let Some((_, real)) = files.iter().find(|(name, _)| word == name) {
                *word = real.display().to_string();
            }
        }
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_vcio"));
        cmd.arg("--data-dir")
            .arg(dir)
            .args(["--as-of", "2026-11-22"])
            .args(&w[1..])
            .env_remove("VCIO_DATA_DIR")
            .env_remove("VCIO_AS_OF");
        match &session {
            Some(s) => cmd.env("VCIO_SESSION", s),
            None => cmd.env_remove("VCIO_SESSION"),
        };
        let out = cmd.output().expect("vcio runs");
        assert!(
            out.status.success(),
            "README line failed: {line}\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let report = std::fs::read_to_string(dir.join("board-report.html")).expect("the report");
    assert!(report.contains("Lakeside USD"));
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--session", "lakeside", "district", "--format", "json"])
        .output()
        .expect("vcio runs");
    let d: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(d["students"], 2400);
    assert_eq!(d["sites"].as_array().map(Vec::len), Some(4));
}
