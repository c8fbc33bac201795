//! The import overlay: the path being typed (and why the last try was refused), the table of
//! locations to map to schools, or the import's summary.

use super::compare::centered;
use crate::tui::app::App;
use crate::tui::import::Stage;
use crate::tui::view::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(flow) = app.import_flow() else {
        return;
    };
    let theme = app.theme();
    let g = app.glyphs();
    let width = area.width.saturating_sub(2).min(100);
    let (title, lines): (&str, Vec<Line>) = match &flow.stage {
        Stage::Path { error } => {
            let w = usize::from(width.saturating_sub(3));
            let mut lines = vec![Line::from(vec![
                Span::raw(fit(&flow.path, w, g.ellipsis)),
                Span::styled("_", theme.muted),
            ])];
            match error {
                Some(e) => lines.push(Line::styled(fit(e, w + 1, g.ellipsis), theme.fail)),
                None => lines.push(Line::styled(
                    fit(
                        "Google Admin, GAM, Snipe-IT or the generic CSV; ~/ works",
                        w + 1,
                        g.ellipsis,
                    ),
                    theme.muted,
                )),
            }
            (
                " Import inventory: path (Enter imports, Esc cancels) ",
                lines,
            )
        }
        Stage::Map { rows, cursor } => {
            let sites = &app.plan().district.sites;
            let w = usize::from(width.saturating_sub(2));
            let mut lines = vec![Line::styled(
                fit(
                    "These locations match no school. Left/Right picks one; Enter imports.",
                    w,
                    g.ellipsis,
                ),
                theme.muted,
            )];
            for (i, r) in rows.iter().enumerate() {
                let site = sites.get(r.choice).map_or("+ new site".to_string(), |s| {
                    format!("{} ({})", s.id, s.name)
                });
                let text = format!(
                    "{} {:?} ({} rows) -> {site}",
                    if i == *cursor { ">" } else { " " },
                    r.location,
                    r.rows
                );
                let style = if i == *cursor {
                    theme.selected
                } else {
                    theme.base
                };
                lines.push(Line::styled(fit(&text, w, g.ellipsis), style));
            }
            (" Import: map locations to schools (Esc: back) ", lines)
        }
        Stage::Done { lines } => {
            let w = usize::from(width.saturating_sub(2));
            let lines = lines
                .iter()
                .map(|l| Line::from(fit(l, w, g.ellipsis)))
                .collect();
            (" Imported (any key closes; u undoes) ", lines)
        }
    };
    let height = u16::try_from(lines.len() + 2).unwrap_or(u16::MAX);
    let popup = centered(area, width, height.min(area.height));
    if popup.width < 10 || popup.height < 3 {
        return;
    }
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(title, usize::from(popup.width - 2), g.ellipsis),
            theme.title_focus,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).style(theme.base), popup);
}
