//! A manual walk-through harness until `vcio` (no subcommand) is wired to the TUI on main:
//! `cargo test --test tui_walk -- --ignored --nocapture` in a real terminal (e.g. tmux at 80x24)
//! opens the workbench on a generated district with the built-in library. Set `VCIO_WALK_ASCII`
//! or `NO_COLOR` to try those modes.

use chrono::NaiveDate;
use vcio::history::MemorySession;
use vcio::standards::Library;
use vcio::tui::{TuiOptions, run};

#[test]
#[ignore = "interactive: run by hand in a terminal"]
fn walk_through() -> color_eyre::Result<()> {
    let library = Library::builtin();
    let ids: Vec<String> = library.standards.iter().map(|s| s.id.clone()).collect();
    let plan = vcio::generate::generate(400, 12, 3, &ids);
    let opts = TuiOptions {
        theme: std::env::var("VCIO_WALK_THEME").ok(),
        ascii: std::env::var_os("VCIO_WALK_ASCII").is_some(),
        mouse: true,
        data_dir: std::env::temp_dir().join("vcio-walk"),
    };
    let as_of = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default();
    run(
        Box::new(MemorySession::new("walk", plan)),
        library,
        as_of,
        opts,
    )
}
