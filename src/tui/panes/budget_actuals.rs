//! The Budget strip's actuals view (`a` in the Budget pane): per fiscal year and funding
//! source, what check-ins record as spent on initiatives against what the roadmap plans to
//! spend on them (before E-Rate reimbursement, as a purchase order is written), then the
//! totals and what remains. A source spent past its plan carries the over-cap symbol, so it
//! reads without colour. The figures are `follow::actuals`, the same as `vcio budget --actuals`.

use crate::follow::actuals::{ActualRow, actuals};
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::panes::roadmap::{label_width, year_window};
use crate::tui::view::{compact_money, pad, rpad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

/// Lines wanted inside the border: year header, sources, actual, planned, remaining.
pub fn lines_wanted(app: &App) -> u16 {
    let a = actuals(app.plan(), &app.derived().horizon);
    let mut sources: Vec<&str> = a.years.iter().map(|r| r.source_name.as_str()).collect();
    sources.sort_unstable();
    sources.dedup();
    u16::try_from(sources.len().min(5) + 4).unwrap_or(9)
}

/// Sums of (planned, actual) over the rows of `fy` that `keep` admits.
fn sums(rows: &[ActualRow], fy: i32, keep: impl Fn(&ActualRow) -> bool) -> (i64, i64) {
    rows.iter()
        .filter(|r| r.fiscal_year == fy && keep(r))
        .fold((0i64, 0i64), |(p, a), r| {
            (
                p.saturating_add(r.planned_cents),
                a.saturating_add(r.actual_cents),
            )
        })
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let g = app.glyphs();
    let a = actuals(app.plan(), &app.derived().horizon);
    let spent: i64 = a.years.iter().map(|r| r.actual_cents).sum();
    let block = super::block(
        app,
        Pane::Budget,
        format!(
            "Budget: spent {} on initiatives (a: plan)",
            compact_money(spent)
        ),
    );
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let all_years = &app.derived().horizon.years;
    let lw = label_width(inner.width, all_years.len()) as usize;
    let shown = year_window(app, inner.width);
    let years: Vec<i32> = all_years
        .get(shown.clone())
        .unwrap_or_default()
        .iter()
        .map(|y| y.0)
        .collect();
    let cw = super::budget::column_width(inner.width, years.len(), all_years.len());
    let cell = |s: String| rpad(&format!("{s} "), cw);
    // Wide cells read "actual/planned"; narrow ones the actual alone, marked when over plan.
    let pair = |(planned, actual): (i64, i64)| {
        let over = actual > planned;
        let mark = if over { g.over } else { "" };
        let text = if cw >= 16 {
            format!("{mark}{}/{}", compact_money(actual), compact_money(planned))
        } else {
            format!("{mark}{}", compact_money(actual))
        };
        (text, over)
    };

    let head_label = if cw >= 16 { "actual/planned" } else { "actual" };
    let mut head = vec![Span::styled(pad(head_label, lw, g.ellipsis), theme.muted)];
    for fy in &years {
        head.push(Span::styled(cell(format!("FY{fy}")), theme.header));
    }
    let mut out = vec![Line::from(head)];

    let mut names: Vec<&str> = a.years.iter().map(|r| r.source_name.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    // Every dollar in the totals is in a row above them: when lines are short, Remaining
    // (planned less actual) gives way first, then Planned, then sources that do not fit are
    // summed into "Other (n)".
    let lines = inner.height as usize;
    let totals = (lines.saturating_sub(1 + names.len())).clamp(1, 3);
    let room = lines.saturating_sub(1 + totals);
    let (rows_shown, rest) = if names.len() <= room {
        (names.as_slice(), &[][..])
    } else {
        names.split_at(room.saturating_sub(1).min(names.len()))
    };
    let mut source_row = |label: String, keep: &dyn Fn(&ActualRow) -> bool| {
        let mut spans = vec![Span::raw(pad(&label, lw, g.ellipsis))];
        for fy in &years {
            let (text, over) = pair(sums(&a.years, *fy, keep));
            let style = if over { theme.over } else { theme.base };
            spans.push(Span::styled(cell(text), style));
        }
        out.push(Line::from(spans));
    };
    for name in rows_shown {
        source_row((*name).to_string(), &|r| r.source_name == *name);
    }
    if !rest.is_empty() && room > 0 {
        source_row(format!("Other ({})", rest.len()), &|r| {
            rest.contains(&r.source_name.as_str())
        });
    }
    let total = |label: &str, f: &dyn Fn((i64, i64)) -> i64| {
        let mut spans = vec![Span::styled(pad(label, lw, g.ellipsis), theme.header)];
        for fy in &years {
            let v = f(sums(&a.years, *fy, |_| true));
            spans.push(Span::styled(cell(compact_money(v)), theme.header));
        }
        Line::from(spans)
    };
    out.push(total("Actual", &|(_, a)| a));
    if totals >= 2 {
        out.push(total("Planned", &|(p, _)| p));
    }
    if totals >= 3 {
        out.push(total("Remaining", &|(p, a)| p.saturating_sub(a)));
    }
    super::lines(frame, inner, out, theme.base);
}
