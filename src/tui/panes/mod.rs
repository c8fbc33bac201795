//! Rendering: one module per pane. Everything here reads `App` and writes to the frame; nothing
//! changes the plan or the selection.

pub mod budget;
pub mod budget_actuals;
pub mod compare;
pub mod detail;
pub mod followup;
pub mod form;
pub mod frameworks;
pub mod header;
pub mod help;
pub mod hints;
pub mod import;
pub mod inspect;
pub mod inventory;
pub mod palette;
pub mod roadmap;
pub mod standards;

use super::action::Pane;
use super::app::{App, Mode};
use super::layout;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph};
use std::cell::Cell;

/// Draws the whole screen.
pub fn draw(app: &App, frame: &mut Frame) {
    let area = frame.area();
    app.area.set(area);
    let theme = app.theme();
    frame.render_widget(Block::new().style(theme.base), area);
    let areas = layout::compute(area, app.arrangement(), budget::lines_wanted(app));
    if areas.too_small {
        help::too_small(app, frame, area);
        return;
    }
    header::draw(app, frame, areas.header);
    inventory::draw(app, frame, areas.inventory);
    standards::draw(app, frame, areas.standards);
    roadmap::draw(app, frame, areas.roadmap);
    budget::draw(app, frame, areas.budget);
    detail::draw(app, frame, areas.detail);
    hints::draw_status(app, frame, areas.status);
    hints::draw_hints(app, frame, areas.hints);
    match app.mode() {
        Mode::Help => {
            if let super::app::Overlay::Help(top) = app.overlay {
                help::draw(app, frame, area, top);
            }
        }
        Mode::Palette => palette::draw(app, frame, area),
        Mode::Form => form::draw(app, frame, area),
        Mode::Compare => compare::draw_compare(app, frame, area),
        Mode::Prompt => compare::draw_prompt(app, frame, area),
        Mode::Import => import::draw(app, frame, area),
        Mode::Inspect => match app.overlay {
            super::app::Overlay::Inspect(top) => inspect::draw(app, frame, area, top),
            super::app::Overlay::Followup(top) => followup::draw(app, frame, area, top),
            super::app::Overlay::Frameworks(top) => frameworks::draw(app, frame, area, top),
            _ => {}
        },
        Mode::Normal | Mode::Confirm(_) | Mode::Filter => {}
    }
}

/// A pane's bordered block: the focused pane has a bold title with a marker, so focus shows
/// without colour too.
pub fn block<'a>(app: &App, pane: Pane, title: String) -> Block<'a> {
    let theme = app.theme();
    let focused = app.focus == pane;
    let (border, title_style, mark) = if focused {
        (theme.border_focus, theme.title_focus, "*")
    } else {
        (theme.border, theme.title, "")
    };
    Block::bordered()
        .border_set(app.glyphs.border)
        .border_style(border)
        .title(Line::from(Span::styled(
            format!("{mark}{title}"),
            title_style,
        )))
}

/// Keeps `selected` inside a window of `visible` rows starting at `offset`; returns the new
/// first row.
pub fn scroll_to(offset: &Cell<usize>, selected: usize, visible: usize, len: usize) -> usize {
    let mut first = offset.get();
    if visible == 0 {
        return first;
    }
    if selected < first {
        first = selected;
    } else if selected >= first + visible {
        first = selected + 1 - visible;
    }
    first = first.min(len.saturating_sub(visible));
    offset.set(first);
    first
}

/// Renders lines inside an area (clipped, never panics on a zero-size area).
pub fn lines(frame: &mut Frame, area: Rect, lines: Vec<Line<'_>>, style: Style) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    frame.render_widget(Paragraph::new(lines).style(style), area);
}
