//! The status line (messages, errors, questions) and the hint bar of keys that apply now, both
//! generated from the keymap table.

use crate::tui::app::{App, Mode};
use crate::tui::keymap::Seq;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

pub fn draw_status(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let line = match (app.status(), app.mode()) {
        (_, Mode::Filter) => Line::from(Span::styled(
            format!(" filter: {}_  (Enter keep, Esc clear)", app.filter_text()),
            theme.warn,
        )),
        (Some(msg), Mode::Confirm(_)) => Line::from(Span::styled(format!(" {msg}"), theme.warn)),
        (Some(msg), _) if app.status_is_error() => Line::from(Span::styled(
            format!(" {} {msg}", app.glyphs().warn),
            theme.status_error,
        )),
        (Some(msg), _) => Line::from(Span::styled(format!(" {msg}"), theme.status_info)),
        (None, _) => Line::default(),
    };
    super::lines(frame, area, vec![line], theme.base);
}

pub fn draw_hints(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let mut spans = Vec::new();
    let pending = app.pending_keys();
    let hints = if pending.is_empty() {
        app.keymap().hints(&app.scopes())
    } else {
        // Mid-sequence: what can follow, then how to back out.
        let so_far = Seq(pending.to_vec()).label();
        spans.push(Span::styled(format!(" {so_far} …"), theme.key));
        let mut next = app.keymap().continuations(pending, &app.scopes());
        next.push(("Esc".into(), "cancel"));
        next
    };
    for (key, desc) in hints {
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(format!(" {desc} "), theme.muted));
    }
    super::lines(frame, area, vec![Line::from(spans)], theme.base);
}
