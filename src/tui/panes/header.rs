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
    // A projector shows the scenario and compliance first and in full.
    let narrow = area.width < 100 && !app.presenting();
    let session_style = if app.presenting() {
        theme.title_focus
    } else {
        theme.muted
    };
    // Most important first: on a narrow terminal the right end is cut. The session comes
    // early so that after a fork everyone can see which plan is being changed.
    let mut spans = vec![
        Span::styled(String::new(), theme.header),
        sep(),
        Span::styled(format!("session {}", app.ws.name()), session_style),
        sep(),
        Span::styled(
            if narrow {
                format!("pass {}{}{}", pct(now), g.arrow, pct(end))
            } else {
                format!("compliance {} {} {}", pct(now), g.arrow, pct(end))
            },
            theme.header,
        ),
    ];
    // Until setup is done, how much of the assessment can be judged at all (S shows what is
    // missing), so a district with little data looks neither compliant nor failing.
    if let Some(p) = app.setup_pct() {
        spans.push(sep());
        let text = if narrow {
            format!("setup {p}%")
        } else {
            format!("setup {p}% (S)")
        };
        spans.push(Span::styled(text, theme.warn));
    }
    spans.extend([
        sep(),
        budget,
        sep(),
        Span::styled(format!("as of {}", d.horizon.as_of), theme.muted),
    ]);
    // The district name gives way first (down to 12 columns) so the session, compliance,
    // setup and budget status stay readable at 80 columns; the date is cut after it.
    let others: usize = spans
        .iter()
        .rev()
        .skip(2)
        .map(|s| crate::text_width::width(&s.content))
        .sum();
    let room = usize::from(area.width).saturating_sub(others + 1).max(12);
    let name = &plan.district.name;
    spans[0].content = format!(" {}", crate::text_width::fit(name, room, g.ellipsis)).into();
    super::lines(frame, area, vec![Line::from(spans)], theme.base);
}
