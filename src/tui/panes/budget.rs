//! The Budget strip under the timeline: per fiscal year, spend by funding source against caps.
//! Over-cap years carry the over-cap symbol (and "OVER" when there is room) in the year header
//! and on the total, as well as the warning style, so they are unmistakable without colour.

use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::panes::roadmap::{label_width, year_window};
use crate::tui::view::{compact_money, pad, rpad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

/// Most funding-source rows shown; the rest are summed into "Other".
const MAX_SOURCES: usize = 4;

/// Funding sources with any spend in the horizon, in name order.
pub fn sources(app: &App) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for y in &app.derived().budget.years {
        for (name, cents) in &y.by_source {
            if *cents != 0 && !names.contains(name) {
                names.push(name.clone());
            }
        }
    }
    names.sort();
    names
}

/// Lines wanted inside the border: year header, sources, total, cap (or the actuals view's).
pub fn lines_wanted(app: &App) -> u16 {
    if app.actuals {
        return super::budget_actuals::lines_wanted(app);
    }
    (sources(app).len().min(MAX_SOURCES + 1) + 3) as u16
}

/// Width of each year's column for an inner width (4 quarter columns of the full timeline, so
/// the strip lines up under the roadmap).
pub fn column_width(inner_w: u16, years: usize, horizon_years: usize) -> usize {
    let cols = inner_w.saturating_sub(label_width(inner_w, horizon_years)) as usize;
    let years = years.max(1);
    let quarter = cols / (years * 4);
    if quarter >= 1 {
        quarter * 4
    } else {
        cols / years
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    if app.actuals {
        return super::budget_actuals::draw(app, frame, area);
    }
    let theme = app.theme();
    let g = app.glyphs();
    let budget = &app.derived().budget;
    let block = super::block(
        app,
        Pane::Budget,
        format!(
            "Budget (horizon {})",
            compact_money(budget.horizon_total_cents)
        ),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let lw = label_width(inner.width, budget.years.len()) as usize;
    // The same years as the full timeline above, so the columns line up when it scrolls.
    let shown = year_window(app, inner.width);
    let first = shown.start;
    let years = budget.years.get(shown).unwrap_or_default();
    let cw = column_width(inner.width, years.len(), budget.years.len());
    let sel = app.year_index();
    let focused = app.focus == Pane::Budget;
    let cell = |s: String| rpad(&format!("{s} "), cw);

    let mut head = vec![Span::styled(
        pad("per fiscal year", lw, g.ellipsis),
        theme.muted,
    )];
    for (i, y) in (first..).zip(years) {
        let cursor = if i == sel && focused { g.cursor } else { "" };
        let label = if y.over_cap {
            if cw >= 14 {
                format!("{cursor}FY{} {}OVER", y.fiscal_year.0, g.over)
            } else if cw >= 8 {
                format!("{cursor}{}FY{}", g.over, y.fiscal_year.0)
            } else {
                format!("{cursor}{}{:02}", g.over, y.fiscal_year.0.rem_euclid(100))
            }
        } else if cw >= 7 {
            format!("{cursor}FY{}", y.fiscal_year.0)
        } else {
            format!("{cursor}{:02}", y.fiscal_year.0.rem_euclid(100))
        };
        let mut style = if y.over_cap { theme.over } else { theme.header };
        if i == sel && focused {
            style = style.patch(theme.selected);
        }
        head.push(Span::styled(rpad(&format!("{label} "), cw), style));
    }
    let mut out = vec![Line::from(head)];

    let names = sources(app);
    // Lines for sources under the year header and above the total. Every dollar in the total
    // is in a row above it: sources that do not fit are summed into "Other (n)", and the cap
    // row (also marked in the year header) gives way first.
    let room = (inner.height as usize).saturating_sub(2);
    let fits_all = names.len() <= room.min(MAX_SOURCES + 1);
    let (shown, rest) = if fits_all {
        (names.clone(), Vec::new())
    } else {
        let k = room.min(MAX_SOURCES + 1).saturating_sub(1).min(names.len());
        (names[..k].to_vec(), names[k..].to_vec())
    };
    let cap_row = shown.len() + usize::from(!rest.is_empty()) < room;
    // A source's own annual cap is shown with its name ("General Fund <=180k"), and a year
    // over it is marked in its row, so every cap that exists reads as a cap.
    let source_cap = |name: &str| {
        app.plan()
            .budget
            .sources
            .iter()
            .find(|s| s.name == name)
            .and_then(|s| s.annual_cap_cents.map(|c| (c, s.years.clone())))
    };
    for name in &shown {
        let cap = source_cap(name);
        let label = match &cap {
            Some((c, _)) => format!("{name} {}{}", g.at_most, compact_money(*c)),
            None => name.to_string(),
        };
        let mut spans = vec![Span::styled(pad(&label, lw, g.ellipsis), Style::new())];
        for y in years {
            let c = y.by_source.get(name).copied().unwrap_or(0);
            let over = cap.as_ref().is_some_and(|(cap, yrs)| {
                c > *cap && (yrs.is_empty() || yrs.contains(&y.fiscal_year))
            });
            if over {
                spans.push(Span::styled(
                    cell(format!("{}{}", g.over, compact_money(c))),
                    theme.over,
                ));
            } else {
                spans.push(Span::raw(cell(compact_money(c))));
            }
        }
        out.push(Line::from(spans));
    }
    if !rest.is_empty() && room > 0 {
        let mut spans = vec![Span::raw(pad(
            &format!("Other ({})", rest.len()),
            lw,
            g.ellipsis,
        ))];
        for y in years {
            let c: i64 = rest.iter().filter_map(|n| y.by_source.get(n)).sum();
            spans.push(Span::raw(cell(compact_money(c))));
        }
        out.push(Line::from(spans));
    }
    let mut total = vec![Span::styled(pad("Total", lw, g.ellipsis), theme.header)];
    for y in years {
        if y.over_cap {
            total.push(Span::styled(
                cell(format!("{}{}", g.over, compact_money(y.total_cents))),
                theme.over,
            ));
        } else {
            total.push(Span::styled(
                cell(compact_money(y.total_cents)),
                theme.header,
            ));
        }
    }
    out.push(Line::from(total));
    if !cap_row {
        super::lines(frame, inner, out, theme.base);
        return;
    }
    let mut cap = vec![Span::styled(pad("Cap", lw, g.ellipsis), theme.muted)];
    for y in years {
        // No overall cap: "-" (sources may still carry their own, shown in their rows).
        let c = y.cap_cents.map(compact_money).unwrap_or_else(|| "-".into());
        cap.push(Span::styled(cell(c), theme.muted));
    }
    out.push(Line::from(cap));
    super::lines(frame, inner, out, theme.base);
}
