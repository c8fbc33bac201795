//! The fuzzy palette overlay: the query, then the best hits with their kind tag and the
//! matched characters underlined and bold (so matches show without colour too). While the
//! query is still being scored, the count line says so ("matching… 40%") and shows the hits
//! found so far.

use crate::tui::app::App;
use crate::tui::view::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(p) = app.palette() else { return };
    let theme = app.theme();
    let g = app.glyphs();
    let w = area.width.saturating_sub(4).min(90);
    let h = area.height.saturating_sub(4).min(20);
    if w < 10 || h < 4 {
        return;
    }
    let popup = Rect::new(area.x + (area.width - w) / 2, area.y + 2, w, h).intersection(area);
    let inner_w = usize::from(popup.width.saturating_sub(2));
    let rows = usize::from(popup.height.saturating_sub(3));
    // Keep the selection in view (the window starts at a multiple of the page size so it
    // does not jump while moving).
    let first = (p.selected / rows.max(1)) * rows.max(1);
    let mut lines = vec![Line::from(vec![
        Span::styled("> ", theme.title_focus),
        Span::raw(fit(&p.query, inner_w.saturating_sub(3), g.ellipsis)),
        Span::styled("_", theme.muted),
    ])];
    let mut count = format!("{} of {}", p.hits.len(), p.candidates.len());
    if let Some((done, all)) = p.progress() {
        let pct = done * 100 / all.max(1);
        count.push_str(&format!(" so far, matching{} {pct}%", g.ellipsis));
    }
    lines.push(Line::from(Span::styled(count, theme.muted)));
    let hit_style = theme
        .base
        .add_modifier(Modifier::BOLD | Modifier::UNDERLINED);
    for k in first..(first + rows).min(p.hits.len()) {
        let Some((c, idx)) = p.row(k) else { break };
        let sel = k == p.selected;
        let base = if sel { theme.selected } else { theme.base };
        let mut spans = vec![
            Span::styled(if sel { g.cursor } else { " " }, base),
            Span::styled(format!("{:<5}", c.target.tag()), base.patch(theme.muted)),
        ];
        let room = inner_w.saturating_sub(6);
        let text = fit(&c.text, room, g.ellipsis);
        // Runs of matched / unmatched characters (indices are char positions).
        let mut run = String::new();
        let mut run_hit = false;
        for (j, ch) in text.chars().enumerate() {
            let is_hit = idx.binary_search(&j).is_ok();
            if is_hit != run_hit && !run.is_empty() {
                let st = if run_hit { base.patch(hit_style) } else { base };
                spans.push(Span::styled(std::mem::take(&mut run), st));
            }
            run_hit = is_hit;
            run.push(ch);
        }
        if !run.is_empty() {
            let st = if run_hit { base.patch(hit_style) } else { base };
            spans.push(Span::styled(run, st));
        }
        lines.push(Line::from(spans));
    }
    if p.hits.is_empty() && !p.is_busy() {
        lines.push(Line::from(Span::styled("no matches", theme.muted)));
    }
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(theme.border_focus)
        .title(Span::styled(
            " Find (Enter goes, Esc closes) ",
            theme.title_focus,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).style(theme.base), popup);
}
