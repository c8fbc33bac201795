//! The help overlay (every binding, from the keymap table) and the "terminal too small" notice.

use crate::tui::app::App;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let w = area.width.saturating_sub(4).min(100);
    let h = area.height.saturating_sub(2);
    let popup = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
    .intersection(area);
    if popup.width == 0 || popup.height == 0 {
        return;
    }
    let mut lines = Vec::new();
    for (title, rows) in app.keymap().help() {
        lines.push(Line::from(Span::styled(title, theme.header)));
        let pairs: Vec<String> = rows.iter().map(|(k, d)| format!("{k:>14}  {d}")).collect();
        // Two columns when wide enough.
        let col = 34usize;
        if popup.width as usize >= col * 2 + 2 {
            for chunk in pairs.chunks(2) {
                let left = format!("{:<col$}", chunk[0]);
                let right = chunk.get(1).cloned().unwrap_or_default();
                lines.push(Line::from(format!("{left}{right}")));
            }
        } else {
            lines.extend(pairs.into_iter().map(Line::from));
        }
    }
    lines.push(Line::from(Span::styled(
        "Every change is saved as you make it; u undoes it.",
        theme.muted,
    )));
    let block = Block::bordered()
        .border_set(app.glyphs().border)
        .border_style(theme.border_focus)
        .title(Span::styled(" Keys (? or Esc closes) ", theme.title_focus));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .style(theme.base),
        popup,
    );
}

pub fn too_small(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let text = format!(
        "Terminal too small: {}x{}. vcio needs at least {MIN_WIDTH}x{MIN_HEIGHT}. Enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(
        Paragraph::new(text)
            .wrap(Wrap { trim: true })
            .style(app.theme().warn),
        area,
    );
}
