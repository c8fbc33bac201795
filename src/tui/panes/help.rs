//! The help overlay (every binding, from the keymap table) and the "terminal too small" notice.

use crate::tui::app::App;
use crate::tui::layout::{MIN_HEIGHT, MIN_WIDTH};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

pub fn draw(app: &App, frame: &mut Frame, area: Rect, top: u16) {
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
    // As many columns as fit, so every binding shows at 80x24 without scrolling.
    let inner = popup.width.saturating_sub(2) as usize;
    let columns = if inner >= 72 {
        3
    } else if inner >= 60 {
        2
    } else {
        1
    };
    let col = inner / columns;
    let mut lines = Vec::new();
    for (title, rows) in app.keymap().help() {
        lines.push(Line::from(Span::styled(title, theme.header)));
        let key_width = rows
            .iter()
            .map(|(k, _)| k.chars().count())
            .max()
            .unwrap_or(0)
            .min(12);
        let cells: Vec<String> = rows
            .iter()
            .map(|(k, d)| {
                let cell = format!("{k:>key_width$} {d}");
                let cut: String = cell.chars().take(col.saturating_sub(1)).collect();
                format!("{cut:<col$}")
            })
            .collect();
        for chunk in cells.chunks(columns) {
            lines.push(Line::from(chunk.concat().trim_end().to_string()));
        }
    }
    lines.push(Line::from(Span::styled(
        "What the marks mean",
        theme.header,
    )));
    let marks: Vec<String> = app
        .glyphs()
        .legend()
        .into_iter()
        .map(|(g, what)| {
            let cell: String = format!("{g:>3} {what}")
                .chars()
                .take(col.saturating_sub(1))
                .collect();
            format!("{cell:<col$}")
        })
        .collect();
    for chunk in marks.chunks(columns) {
        lines.push(Line::from(chunk.concat().trim_end().to_string()));
    }
    lines.push(Line::from(Span::styled(
        "Every change is saved as you make it; u undoes it.",
        theme.muted,
    )));
    let block = Block::bordered()
        .border_set(app.glyphs().border)
        .border_style(theme.border_focus)
        .title(Span::styled(" Keys (? or Esc closes) ", theme.title_focus))
        .title_bottom(Span::styled(
            " j/k scroll: the legend is below ",
            theme.muted,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false })
            .scroll((top, 0))
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
