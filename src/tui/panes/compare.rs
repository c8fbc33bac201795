//! Overlays for sessions: the side-by-side comparison of two sessions (scrollable text from
//! the same renderer as `vcio session compare`) and the one-line scenario-name prompt.

use crate::tui::app::App;
use crate::tui::view::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub(crate) fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let (w, h) = (w.min(area.width), h.min(area.height));
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

pub fn draw_compare(app: &App, frame: &mut Frame, area: Rect) {
    let Some(c) = app.compare() else { return };
    let theme = app.theme();
    let g = app.glyphs();
    let popup = centered(
        area,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    );
    if popup.width < 4 || popup.height < 3 {
        return;
    }
    let w = usize::from(popup.width - 2);
    let lines: Vec<Line> = c
        .text
        .lines()
        .skip(c.scroll)
        .map(|l| Line::from(fit(l, w, g.ellipsis)))
        .collect();
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(theme.border_focus)
        .title(Span::styled(
            format!(" {} (j/k scroll, Esc closes) ", c.title),
            theme.title_focus,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).style(theme.base), popup);
}

pub fn draw_prompt(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let g = app.glyphs();
    let popup = centered(area, 60, 3);
    if popup.width < 10 || popup.height < 3 {
        return;
    }
    let w = usize::from(popup.width - 2);
    let line = Line::from(vec![
        Span::raw(fit(app.prompt_text(), w.saturating_sub(1), g.ellipsis)),
        Span::styled("_", theme.muted),
    ]);
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(theme.border_focus)
        .title(Span::styled(
            format!(" Fork {} into scenario (Enter, Esc) ", app.session_name()),
            theme.title_focus,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(line).block(block).style(theme.base), popup);
}
