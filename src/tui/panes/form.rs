//! The edit form overlay: one line per field (label, value, and the validation message next
//! to it), the focused field marked with the cursor glyph and a caret, the keys at the bottom.

use crate::tui::app::App;
use crate::tui::form::Field;
use crate::tui::view::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(form) = app.form() else { return };
    let theme = app.theme();
    let g = app.glyphs();
    let w = area.width.saturating_sub(4).min(90);
    let h = (Field::ALL.len() as u16 + 4).min(area.height);
    if w < 20 || h < 4 {
        return;
    }
    let popup = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
    .intersection(area);
    let inner_w = usize::from(popup.width.saturating_sub(2));
    let errors = app.form_errors();
    let label_w = 15;
    let mut lines = Vec::new();
    for (i, f) in Field::ALL.iter().enumerate() {
        let focused = i == form.focus;
        let value = form.values.get(i).map(String::as_str).unwrap_or("");
        let err = errors.iter().find(|(e, _)| e == f).map(|(_, m)| m.as_str());
        let err_text = err.map(|m| format!(" {} {m}", g.warn)).unwrap_or_default();
        let caret = if focused {
            if f.cycles() { " <>" } else { "_" }
        } else {
            ""
        };
        let room = inner_w
            .saturating_sub(label_w + 2 + caret.len() + err_text.chars().count())
            .max(4);
        let style = if focused { theme.selected } else { theme.base };
        lines.push(Line::from(vec![
            Span::styled(if focused { g.cursor } else { " " }, style),
            Span::styled(pad(f.label(), label_w, g.ellipsis) + " ", theme.muted),
            Span::styled(fit_tail(value, room, g.ellipsis), style),
            Span::styled(caret, theme.muted),
            Span::styled(err_text, theme.warn),
        ]));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        fit(
            "Enter save  Esc cancel  Tab/Up/Down field  Space/Left/Right choose  C-u clear",
            inner_w,
            g.ellipsis,
        ),
        theme.muted,
    )));
    let title = format!(" Edit {} ", form.base.id);
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(theme.border_focus)
        .title(Span::styled(title, theme.title_focus));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).style(theme.base), popup);
}

/// The end of a long value (where typing happens), with an ellipsis in front.
fn fit_tail(s: &str, width: usize, ellipsis: &str) -> String {
    let n = s.chars().count();
    if n <= width {
        return s.to_string();
    }
    let keep = width.saturating_sub(ellipsis.chars().count());
    let tail: String = s.chars().skip(n - keep).collect();
    format!("{ellipsis}{tail}")
}
