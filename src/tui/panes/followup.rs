//! The Follow-through overlay (`f`): initiatives at risk, most serious first, each with why,
//! the next step and the owner (`follow::flags`), then the plan's progress: each open
//! initiative's status and percent complete. The agenda of a monthly vCIO visit.

use crate::follow::{Severity, flags, percent};
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

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
    let plan = app.plan();
    let found = flags(plan, &app.derived().horizon);
    let mut lines: Vec<Line> = Vec::new();
    if found.is_empty() {
        lines.push(Line::from(Span::styled(
            "Nothing at risk: every open initiative has an active owner, recent check-ins and spend in line with progress.",
            theme.ok,
        )));
    }
    for f in &found {
        let (word, style) = match f.severity {
            Severity::High => ("HIGH", theme.fail),
            Severity::Medium => ("MED ", theme.warn),
            Severity::Low => ("LOW ", theme.muted),
        };
        lines.push(Line::from(vec![
            Span::styled(format!("{word} "), style),
            Span::styled(format!("{} ", f.initiative), theme.header),
            Span::raw(f.reason.clone()),
        ]));
        let owner = if f.owner.is_empty() {
            String::new()
        } else {
            format!(" (owner {})", f.owner)
        };
        lines.push(Line::from(Span::styled(
            format!("     {} {}{owner}", app.glyphs().arrow, f.next_step),
            theme.muted,
        )));
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled("Progress", theme.header)));
    for ini in plan.initiatives.iter().filter(|i| !i.status.closed()) {
        lines.push(Line::from(vec![
            Span::styled(format!("{:>4}% ", percent(ini)), Style::new()),
            Span::styled(format!("{:<11} ", ini.status.name()), theme.muted),
            Span::raw(format!("{} {}", ini.id, ini.title)),
        ]));
    }
    let block = Block::bordered()
        .border_set(app.glyphs().border)
        .border_style(theme.border_focus)
        .title(Span::styled(" Follow-through ", theme.title_focus))
        .title_bottom(Span::styled(
            " j/k scroll · c on a bar records a check-in · Esc closes ",
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
