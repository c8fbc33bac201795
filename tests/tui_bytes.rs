//! Bytes written to a real crossterm backend when a bar moves one quarter: the redraw is a
//! diff, so it must stay small over SSH (target <= 4 KB). Counted, not timed.

#[path = "tui_fixture/mod.rs"]
mod fixture;

use fixture::*;
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::Cell;
use std::io::Write;
use std::rc::Rc;

struct Counter(Rc<Cell<usize>>, Rc<Cell<Vec<u8>>>);
impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        let mut all = self.1.take();
        all.extend_from_slice(buf);
        self.1.set(all);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[test]
fn a_one_quarter_move_redraws_in_under_4_kb_and_is_synchronized() {
    for (w, h) in [(80u16, 24u16), (200, 60)] {
        let mut app = app();
        let count = Rc::new(Cell::new(0));
        let bytes = Rc::new(Cell::new(Vec::new()));
        let backend = CrosstermBackend::new(Counter(count.clone(), bytes.clone()));
        let opts = TerminalOptions {
            viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
        };
        let mut t = Terminal::with_options(backend, opts).expect("terminal");
        vcio::tui::term::draw_frame(&mut t, &app).expect("first frame");
        let first = count.get();
        bytes.set(Vec::new());
        keys(&mut app, "L");
        vcio::tui::term::draw_frame(&mut t, &app).expect("second frame");
        let moved = count.get() - first;
        assert!(moved > 0, "something was redrawn");
        assert!(
            moved <= 4096,
            "{w}x{h}: {moved} bytes for a one-quarter move"
        );
        let out = String::from_utf8_lossy(&bytes.take()).to_string();
        assert!(
            out.starts_with("\x1b[?2026h"),
            "begins a synchronized update"
        );
        assert!(out.ends_with("\x1b[?2026l"), "ends it");
    }
}
