//! Reading in full (`i`, or Enter on a failing standard): the selected standard with its
//! evidence in every year of the horizon (with the plan and if nothing is done) and what fixes
//! it; or the selected initiative, item or year as the Detail pane shows it, unwrapped. Scrolls
//! with j/k, so nothing is cut off at 80x24.

use crate::assess::eval::Status;
use crate::tui::action::Pane;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Pass => "passes",
        Status::Fail => "FAILS",
        Status::Unknown => "UNKNOWN",
        Status::NotApplicable => "set aside",
    }
}

/// The selected standard in full.
fn standard(app: &App) -> Vec<String> {
    let rows = app.standard_rows();
    let Some(row) = rows.get(app.selection().standards) else {
        return vec!["Nothing failing in this fiscal year.".into()];
    };
    let Some(s) = app.library().standards.get(row.index) else {
        return Vec::new();
    };
    let d = app.derived();
    let mut out = vec![
        format!("{} {} [{}, {}]", s.id, s.title, s.severity.name(), s.area),
        s.statement.clone(),
        String::new(),
    ];
    for (y, fy) in d.horizon.years.iter().enumerate() {
        let (Some(p), Some(b)) = (
            d.projected.get(y).and_then(|a| a.outcomes.get(row.index)),
            d.baseline.get(y).and_then(|a| a.outcomes.get(row.index)),
        ) else {
            continue;
        };
        out.push(format!("{fy}: {}: {}", status_word(p.status), p.evidence));
        if b.status != p.status || b.evidence != p.evidence {
            out.push(format!(
                "  if nothing is done: {}: {}",
                status_word(b.status),
                b.evidence
            ));
        }
    }
    out.push(String::new());
    let fixes = d.fixes.get(row.index).cloned().unwrap_or_default();
    let passes_from = rows
        .get(app.selection().standards)
        .and_then(|r| r.passes_from);
    if fixes.is_empty()
        && let Some(fy) = passes_from.filter(|_| row.status != Status::Pass)
    {
        out.push(format!(
            "No initiative names it, but the plan makes it pass from {fy} (an initiative's refresh or new items); n creates one of its own."
        ));
    } else if fixes.is_empty() {
        out.push("No initiative fixes it yet: n creates one from its remediation template.".into());
    } else {
        let named: Vec<String> = fixes
            .iter()
            .map(|f| format!("{} (done {})", f.initiative, f.done))
            .collect();
        out.push(format!(
            "Fixed by {}: g goes to {}.",
            named.join(", "),
            fixes[0].initiative
        ));
    }
    if !s.params.is_empty() {
        out.push(String::new());
        out.push("Thresholds:".into());
        for (name, default) in &s.params {
            let value = app
                .plan()
                .overrides
                .get(&format!("{}.{name}", s.id))
                .map_or_else(|| format!("{default}"), |v| format!("{v} (district)"));
            let source = crate::standards::provenance::describe_source(s, name);
            out.push(format!("  {name} = {value}: {source}"));
        }
    }
    if !s.refs.is_empty() {
        out.push(String::new());
        out.push("References:".into());
        out.extend(
            crate::standards::provenance::citations(s)
                .into_iter()
                .map(|c| format!("  {c}")),
        );
    }
    out
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect, top: u16) {
    let theme = app.theme();
    let popup = Rect::new(
        area.x + 1,
        area.y + 1,
        area.width.saturating_sub(2),
        area.height.saturating_sub(2),
    )
    .intersection(area);
    if popup.width < 3 || popup.height < 3 {
        return;
    }
    let text = match app.focus() {
        Pane::Standards => standard(app),
        _ => super::detail::text(app),
    };
    let hint = match app.focus() {
        Pane::Standards => " j/k scroll · g go to its fix · n new initiative · Esc closes ",
        _ => " j/k scroll · Esc closes ",
    };
    let lines: Vec<Line> = text
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            let style = if i == 0 { theme.header } else { Style::new() };
            Line::from(Span::styled(t, style))
        })
        .collect();
    let block = Block::bordered()
        .border_set(app.glyphs().border)
        .border_style(theme.border_focus)
        .title(Span::styled(" In full ", theme.title_focus))
        .title_bottom(Span::styled(hint, theme.muted));
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
