//! The Failing standards pane: standards not passing in the chosen fiscal year (if nothing were
//! done, or even with the plan), most severe first, each with the initiative that fixes it and
//! when. Status is a glyph and a word-like mark: failing, unknown (shown distinctly) or fixed.

use crate::assess::eval::Status;
use crate::standards::Severity;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::view::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};

pub fn severity_label(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "CRIT",
        Severity::High => "HIGH",
        Severity::Medium => "MED ",
        Severity::Low => "LOW ",
    }
}

pub fn severity_style(app: &App, s: Severity) -> Style {
    let t = app.theme();
    match s {
        Severity::Critical => t.critical,
        Severity::High => t.high,
        Severity::Medium => t.medium,
        Severity::Low => t.low,
    }
}

/// The window title: which year is shown, how many standards fail and, apart, how many
/// cannot be judged yet ("Failing FY2027 (6,?109)"): unknown is never counted as failing.
pub fn title(app: &App, rows: &[crate::tui::view::StdRow]) -> String {
    // Rows fixed by the roadmap (shown with the fix) still fail if nothing is done.
    let unknown = rows.iter().filter(|r| r.status == Status::Unknown).count();
    let failing = rows
        .iter()
        .filter(|r| matches!(r.status, Status::Fail | Status::Pass))
        .count();
    let n = if unknown > 0 {
        format!("{failing},{}{unknown}", app.glyphs().unknown)
    } else {
        rows.len().to_string()
    };
    let y = app.year_index();
    let fy = app
        .derived()
        .horizon
        .years
        .get(y)
        .map(|f| f.to_string())
        .unwrap_or_default();
    if y == 0 {
        format!("Failing {fy} ({n})")
    } else {
        format!("Failing by {fy} ({n})")
    }
}

/// Screen lines per standard for a pane of inner width `w`: two when narrow (the id and fix on
/// the first, the title on the second), so titles stay readable at 80 columns.
pub fn row_lines(w: u16) -> usize {
    if w < 40 { 2 } else { 1 }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let g = app.glyphs();
    let rows = app.standard_rows();
    let block = super::block(app, Pane::Standards, title(app, &rows));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let per_row = row_lines(inner.width);
    let visible = inner.height as usize / per_row;
    let selected = app.sel.standards.min(rows.len().saturating_sub(1));
    let first = super::scroll_to(&app.scroll.standards, selected, visible, rows.len());
    let w = inner.width as usize;
    let lib = &app.library().standards;
    let mut out = Vec::new();
    if rows.is_empty() {
        out.push(Line::from(Span::styled(
            fit("nothing failing this year", w, g.ellipsis),
            theme.ok,
        )));
    }
    for (i, row) in rows.iter().enumerate().skip(first).take(visible) {
        let Some(std) = lib.get(row.index) else {
            continue;
        };
        let is_sel = i == selected && app.focus == Pane::Standards;
        let cursor = if i == selected { g.cursor } else { " " };
        let (mark, mark_style) = match row.status {
            Status::Fail => (g.fail, theme.fail),
            Status::Unknown => (g.unknown, theme.unknown),
            Status::Pass => (g.fixed, theme.ok),
            Status::NotApplicable => ("-", theme.muted),
        };
        let fix = match (&row.fix, row.status) {
            (Some(f), _) => format!(" {} {} {}", g.arrow, f.initiative, f.done),
            (None, Status::Unknown) => " unknown".to_string(),
            (None, Status::NotApplicable) => " set aside".to_string(),
            // Passing by then through the plan's effects (a refresh), not a named fix.
            (None, Status::Pass) => " fixed by then".to_string(),
            // No initiative names it, but the plan's effects make it pass later.
            (None, Status::Fail) if row.passes_from.is_some() => {
                format!(
                    " plan {}",
                    row.passes_from.map(|f| f.to_string()).unwrap_or_default()
                )
            }
            (None, _) => " no fix".to_string(),
        };
        let head = format!("{cursor}{mark} ");
        let sev = format!("{} ", severity_label(row.severity));
        let used = head.chars().count() + sev.chars().count();
        let rest = w.saturating_sub(used);
        let base = if is_sel { theme.selected } else { Style::new() };
        if per_row == 2 {
            // Two lines when narrow: the id and what fixes it, then the severity and title.
            let after_id = w.saturating_sub(head.chars().count() + std.id.len() + 1);
            let fix = row.fix.as_ref().map_or(fix.trim_start().to_string(), |f| {
                // The fixing initiative without its quarter: reading in full has it.
                format!("{} {}", g.arrow, f.initiative)
            });
            out.push(Line::from(vec![
                Span::styled(cursor.to_string(), base),
                Span::styled(mark.to_string(), base.patch(mark_style)),
                Span::styled(" ", base),
                Span::styled(format!("{} ", std.id), base),
                Span::styled(
                    pad(&fit(&fix, after_id, g.ellipsis), after_id, ""),
                    base.patch(theme.muted),
                ),
            ]));
            out.push(Line::from(vec![
                Span::styled(" ", base),
                Span::styled(sev, base.patch(severity_style(app, row.severity))),
                Span::styled(pad(&std.title, w.saturating_sub(6), g.ellipsis), base),
            ]));
            continue;
        }
        // The fix goes at the right when there is room for a useful title beside it.
        let (text, fix) = if rest >= fix.chars().count() + 16 {
            let t = rest - fix.chars().count();
            (
                pad(&format!("{} {}", std.id, std.title), t, g.ellipsis),
                fix,
            )
        } else {
            (
                pad(&format!("{} {}", std.id, std.title), rest, g.ellipsis),
                String::new(),
            )
        };
        out.push(Line::from(vec![
            Span::styled(cursor.to_string(), base),
            Span::styled(mark.to_string(), base.patch(mark_style)),
            Span::styled(" ", base),
            Span::styled(sev, base.patch(severity_style(app, row.severity))),
            Span::styled(text, base),
            Span::styled(fix, base.patch(theme.muted)),
        ]));
    }
    super::lines(frame, inner, out, theme.base);
}
