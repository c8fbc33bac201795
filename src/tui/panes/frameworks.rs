//! The framework scorecards overlay (`C`): per framework and scored group, controls met, not
//! met, unknown and not covered now and at the end of the plan (the same counts as
//! `vcio frameworks`), then the CIS IG1 safeguards not met now with the standards behind each,
//! so a meeting sees which gaps the roadmap closes.

use crate::derive::scorecard::{ControlStatus, GroupScore, citing, score};
use crate::standards::catalog::Catalog;
use crate::tui::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn counts(g: &GroupScore) -> String {
    format!(
        "{} met · {} not met · {} unknown · {} not covered",
        g.met, g.not_met, g.unknown, g.not_covered
    )
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
    let d = app.derived();
    let lib = app.library();
    let (Some(now), Some(end)) = (d.projected.first(), d.projected.last()) else {
        return;
    };
    let mut lines: Vec<Line> = Vec::new();
    let mut gaps: Vec<Line> = Vec::new();
    for fw in &Catalog::builtin().frameworks {
        let cites = citing(fw, lib);
        let (g_now, c_now) = score(fw, lib, &cites, now);
        let (g_end, c_end) = score(fw, lib, &cites, end);
        lines.push(Line::from(vec![
            Span::styled(format!("{} {}", fw.name, fw.version), theme.header),
            Span::styled(
                format!(
                    " ({} now, {} with the plan)",
                    now.fiscal_year, end.fiscal_year
                ),
                theme.muted,
            ),
        ]));
        for (a, b) in g_now.iter().zip(&g_end) {
            let label = format!("  {} ({}) ", a.group, a.controls);
            lines.push(Line::from(vec![
                Span::styled(label.clone(), theme.header),
                Span::raw(format!("{}: {}", now.fiscal_year, counts(a))),
            ]));
            lines.push(Line::from(Span::styled(
                format!(
                    "{:w$}{}: {}",
                    "",
                    end.fiscal_year,
                    counts(b),
                    w = label.chars().count()
                ),
                theme.muted,
            )));
        }
        if fw.key == "CIS" {
            for (c, later) in c_now.iter().zip(&c_end) {
                if c.status != ControlStatus::NotMet {
                    continue;
                }
                let (mark, style) = if later.status == ControlStatus::Met {
                    (format!("met by {}", end.fiscal_year), theme.ok)
                } else {
                    (later.status.name().to_string(), theme.fail)
                };
                gaps.push(Line::from(vec![
                    Span::raw(format!(
                        "  CIS {} {} ({}) ",
                        c.id,
                        c.title,
                        c.standards.join(", ")
                    )),
                    Span::styled(mark, style),
                ]));
            }
        }
    }
    if !gaps.is_empty() {
        lines.push(Line::from(""));
        lines.push(Line::from(Span::styled(
            format!("CIS IG1 safeguards not met in {}", now.fiscal_year),
            theme.header,
        )));
        lines.extend(gaps);
    }
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        "Met: every standard citing it passes. Unknown: none fails but one lacks data. Not covered: no standard cites it.",
        theme.muted,
    )));
    let block = Block::bordered()
        .border_set(app.glyphs().border)
        .border_style(theme.border_focus)
        .title(Span::styled(" Framework scorecards ", theme.title_focus))
        .title_bottom(Span::styled(" j/k scroll · Esc closes ", theme.muted));
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
