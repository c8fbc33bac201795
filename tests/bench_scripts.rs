//! The peer benchmark's scripts read what vcio writes today: `prepare_plan.py` turns a real
//! `vcio export --format json` into a plan `vcio import plan` takes back, in both modes. They
//! broke once silently when the export nested the plan under "plan"; this keeps them honest.

use std::path::Path;
use std::process::Command;

fn vcio(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_vcio"))
        .arg("--data-dir")
        .arg(dir)
        .args(["--as-of", "2026-11-22"])
        .args(args)
        .env_remove("VCIO_DATA_DIR")
        .env_remove("VCIO_SESSION")
        .output()
        .expect("vcio runs")
}

#[test]
fn prepare_plan_reads_todays_export_and_its_output_imports() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let generated = vcio(
        d,
        &[
            "--session",
            "gen",
            "generate",
            "--items",
            "200",
            "--initiatives",
            "20",
        ],
    );
    assert!(
        generated.status.success(),
        "{}",
        String::from_utf8_lossy(&generated.stderr)
    );
    let export = d.join("generated.json");
    let out = vcio(
        d,
        &[
            "--session",
            "gen",
            "export",
            "--format",
            "json",
            "--out",
            export.to_str().expect("utf-8"),
        ],
    );
    assert!(out.status.success());
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/peers/prepare_plan.py");
    for mode in ["budget", "schedule"] {
        let prepared = d.join(format!("{mode}.json"));
        let py = Command::new("python3")
            .arg(&script)
            .arg(mode)
            .arg(&export)
            .arg(&prepared)
            .output()
            .expect("python3 runs (.ci/run installs it)");
        assert!(
            py.status.success(),
            "{mode}: {}",
            String::from_utf8_lossy(&py.stderr)
        );
        let imported = vcio(
            d,
            &[
                "--session",
                mode,
                "import",
                "plan",
                prepared.to_str().expect("utf-8"),
            ],
        );
        assert!(
            imported.status.success(),
            "{mode}: {}",
            String::from_utf8_lossy(&imported.stderr)
        );
        let said = String::from_utf8_lossy(&imported.stdout);
        assert!(said.contains("20 initiatives"), "{said}");
    }
}
