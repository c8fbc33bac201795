//! The Inventory pane: items grouped by category, sorted (`s`) and filtered (`/`). Only the
//! visible rows are formatted, so a 100k-item inventory draws as fast as a small one.

use crate::model::Item;
use crate::tui::action::Pane;
use crate::tui::app::{App, Mode};
use crate::tui::view::{InvRow, fit, pad, rpad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Wide enough (a zoomed pane) for a school column between the name and the quantity.
const SITE_COLUMN_FROM: usize = 56;

fn item_line(item: &Item, site: Option<&str>, w: usize, ellipsis: &str) -> String {
    let qty = item.quantity.to_string();
    let acq = item
        .acquired
        .map(|a| a.to_string())
        .unwrap_or_else(|| "-".into());
    // Name | site | quantity | acquired, dropping columns right to left as the pane narrows.
    if w >= SITE_COLUMN_FROM {
        let site_w = (w / 3).min(28);
        let name_w = w - site_w - 8 - 8;
        format!(
            "{}{} {}{}",
            pad(&item.name, name_w, ellipsis),
            pad(site.unwrap_or("-"), site_w - 1, ellipsis),
            rpad(&qty, 7),
            rpad(&acq, 9)
        )
    } else if w >= 30 {
        let name_w = w - 8 - 8;
        format!(
            "{}{}{}",
            pad(&item.name, name_w, ellipsis),
            rpad(&qty, 7),
            rpad(&acq, 9)
        )
        .chars()
        .take(w)
        .collect()
    } else if w >= 14 {
        format!("{}{}", pad(&item.name, w - 7, ellipsis), rpad(&qty, 7))
    } else {
        fit(&item.name, w, ellipsis)
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let g = app.glyphs();
    let view = app.inventory_view();
    let mut title = format!(
        "Inventory ({}) by {}",
        view.item_rows.len(),
        app.sort_key().name()
    );
    if app.mode() == Mode::Filter || !app.filter_text().is_empty() {
        title = format!("Inventory /{}", app.filter_text());
        if app.mode() == Mode::Filter {
            title.push('_');
        }
    }
    let block = super::block(app, Pane::Inventory, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let visible = inner.height as usize;
    let sel_item = app
        .sel
        .inventory
        .min(view.item_rows.len().saturating_sub(1));
    let sel_row = view.item_rows.get(sel_item).copied().unwrap_or(0);
    // Keep the selected item's group heading in view when it fits.
    let first = super::scroll_to(&app.scroll.inventory, sel_row, visible, view.rows.len());
    let w = inner.width as usize;
    let plan = app.plan();
    let mut out = Vec::new();
    if view.rows.is_empty() {
        let msg = if app.filter_text().is_empty() {
            "no inventory"
        } else {
            "nothing matches"
        };
        out.push(Line::from(Span::styled(
            fit(msg, w, g.ellipsis),
            theme.muted,
        )));
    }
    for (r, row) in view.rows.iter().enumerate().skip(first).take(visible) {
        match row {
            InvRow::Group(cat, n) => out.push(Line::from(Span::styled(
                fit(&format!("{} ({n})", cat.name()), w, g.ellipsis),
                theme.header,
            ))),
            InvRow::Item(i) => {
                let Some(item) = plan.items.get(*i) else {
                    continue;
                };
                // The school's name as people say it; the id when no declared site has it.
                let site = item
                    .site
                    .as_deref()
                    .map(|id| plan.district.site(id).map_or(id, |s| s.name.as_str()));
                let is_sel = r == sel_row;
                let cursor = if is_sel { g.cursor } else { " " };
                let style = if is_sel && app.focus == Pane::Inventory {
                    theme.selected
                } else {
                    Style::new()
                };
                out.push(Line::from(vec![
                    Span::styled(cursor.to_string(), style),
                    Span::styled(
                        item_line(item, site, w.saturating_sub(1), g.ellipsis),
                        style,
                    ),
                ]));
            }
        }
    }
    super::lines(frame, inner, out, theme.base);
}
