//! The status line (messages, errors, questions) and the hint bar of keys that apply now, both
//! generated from the keymap table.

use crate::tui::app::{App, Mode};
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
    for (key, desc) in app.keymap().hints(&app.scopes()) {
        spans.push(Span::styled(format!(" {key}"), theme.key));
        spans.push(Span::styled(format!(" {desc} "), theme.muted));
    }
    super::lines(frame, area, vec![Line::from(spans)], theme.base);
}
