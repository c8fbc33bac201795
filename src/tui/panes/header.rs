//! The header: district, session, as-of date, compliance now -> end of horizon, budget status.

use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

fn pct(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let theme = app.theme();
    let g = app.glyphs();
    let d = app.derived();
    let plan = app.plan();
    let now = d.projected.first().map(|y| y.compliance()).unwrap_or(0.0);
    let end = d.projected.last().map(|y| y.compliance()).unwrap_or(0.0);
    let over = d.budget.years.iter().filter(|y| y.over_cap).count();
    let budget = match over {
        0 => Span::styled("budget within caps", theme.ok),
        1 => Span::styled(format!("{} 1 year over cap", g.over), theme.over),
        n => Span::styled(format!("{} {n} years over cap", g.over), theme.over),
    };
    let sep = || Span::styled(" | ", theme.muted);
    // Most important first: on a narrow terminal the right end is cut.
    let spans = vec![
        Span::styled(format!(" {}", plan.district.name), theme.header),
        sep(),
        Span::styled(
            format!("compliance {} {} {}", pct(now), g.arrow, pct(end)),
            theme.header,
        ),
        sep(),
        budget,
        sep(),
        Span::styled(format!("session {}", app.ws.name()), theme.muted),
        sep(),
        Span::styled(format!("as of {}", d.horizon.as_of), theme.muted),
    ];
    super::lines(frame, area, vec![Line::from(spans)], theme.base);
}
