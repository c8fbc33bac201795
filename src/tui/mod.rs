//! The workbench TUI: panes for inventory, failing standards, the roadmap timeline and the
//! budget strip, driven from the keyboard (and mouse clicks), recomputing live on every edit.
//!
//! Structure (TEA with a keymap in front): `keymap` maps keys to `action::Action`s, `App::update`
//! turns actions into `Edit`s (through `History::apply`, then `Engine::update`) or view-state
//! changes, and `panes::draw` renders from `App` without changing it. No ratatui type leaves
//! this module.
//!
//! Terminal care: event-driven (the loop blocks on input; nothing animates), output buffered and
//! wrapped in synchronized updates, SGR button+drag mouse reporting only (no any-motion
//! tracking), and raw mode, the alternate screen and mouse reporting restored on exit, on error
//! and on panic.

pub mod action;
pub mod app;
pub mod drag;
pub mod form;
pub mod glyphs;
mod history_words;
pub mod hit;
pub mod import;
mod input;
pub mod keymap;
pub mod keymap_file;
pub mod layout;
pub mod mouse;
mod ops;
pub mod palette;
pub mod panes;
pub mod selection;
pub mod sessions;
pub mod term;
pub mod theme;
pub mod view;

pub use action::{Action, Pane};
pub use app::{App, Mode, Timeline};

use crate::history::History;
use crate::standards::Library;
use chrono::NaiveDate;
use std::path::PathBuf;

/// Options from the command line.
#[derive(Debug, Clone, Default)]
pub struct TuiOptions {
    /// Theme name (`default`, `light`, `projector`, `mono`, or a file in `<data_dir>/themes`).
    pub theme: Option<String>,
    /// ASCII borders and bars for terminals without box-drawing or block glyphs.
    pub ascii: bool,
    /// Report mouse clicks and drags (off with `--no-mouse`, which keeps native copy/paste).
    pub mouse: bool,
    /// Where `themes/NAME.ron` overrides are looked up.
    pub data_dir: PathBuf,
}

impl App {
    /// Draws the whole screen into a frame (read-only apart from scroll offsets).
    pub fn draw(&self, frame: &mut ratatui::Frame) {
        panes::draw(self, frame);
    }
}

/// Opens the workbench on a session and runs until the user quits. The terminal is restored
/// on return, on error and on panic.
pub fn run(
    history: Box<dyn History>,
    library: Library,
    as_of: NaiveDate,
    opts: TuiOptions,
) -> color_eyre::Result<()> {
    run_with_store(history, None, library, as_of, opts)
}

/// Like `run`, with the store the session came from, which turns on switching sessions,
/// forking scenarios (`F`) and comparing sessions (palette: "compare with NAME").
pub fn run_with_store(
    history: Box<dyn History>,
    store: Option<crate::store::Store>,
    library: Library,
    as_of: NaiveDate,
    opts: TuiOptions,
) -> color_eyre::Result<()> {
    let mut app = App::new(history, library, as_of, &opts);
    app.set_store(store);
    app.open_setup_if_new();
    term::run(&mut app, opts.mouse)
}
