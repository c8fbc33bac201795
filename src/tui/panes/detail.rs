//! The detail view: the selected thing in full (initiative, standard, item or fiscal year),
//! with money in full (`crate::budget::money`).

use crate::assess::eval::Status;
use crate::budget::money;
use crate::tui::action::Pane;
use crate::tui::app::App;
use crate::tui::panes::standards::severity_label;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph, Wrap};

fn initiative(app: &App) -> Vec<String> {
    let Some(ini) = app.selected_initiative() else {
        return vec!["No initiative selected.".into()];
    };
    let mut out = vec![
        format!(
            "{} {} {} {} ({}q): {}",
            ini.id,
            ini.start,
            app.glyphs().arrow,
            ini.end(),
            ini.duration_q(),
            ini.title,
        ),
        format!(
            "one-time {} | recurring {}/yr | funding {} | resolves {} | depends on {}",
            money(ini.one_time_cents),
            money(ini.recurring_cents),
            app.plan()
                .budget
                .source(&ini.funding)
                .map(|s| s.name.as_str())
                .unwrap_or(&ini.funding),
            if ini.resolves.is_empty() {
                "-".into()
            } else {
                ini.resolves.join(", ")
            },
            if ini.depends_on.is_empty() {
                "-".into()
            } else {
                ini.depends_on.join(", ")
            },
        ),
    ];
    let needle = format!("{} ", ini.id);
    for w in app
        .derived()
        .warnings
        .iter()
        .filter(|w| w.starts_with(&needle))
    {
        out.push(format!("{} {w}", app.glyphs().warn));
    }
    out
}

fn standard(app: &App) -> Vec<String> {
    let rows = app.standard_rows();
    let Some(row) = rows.get(app.selection().standards) else {
        return vec!["Nothing failing in this fiscal year.".into()];
    };
    let Some(s) = app.library().standards.get(row.index) else {
        return Vec::new();
    };
    let y = app.year_index();
    let evidence = app
        .derived()
        .projected
        .get(y)
        .and_then(|a| a.outcomes.get(row.index))
        .map(|o| o.evidence.clone())
        .unwrap_or_default();
    let status = match row.status {
        Status::Fail => "FAILING",
        Status::Unknown => "UNKNOWN",
        Status::Pass => "fixed by then",
        Status::NotApplicable => "SET ASIDE",
    };
    let fix = match &row.fix {
        Some(f) => format!("fixed by {} (done {})", f.initiative, f.done),
        None => "no initiative fixes it yet: press n to create one".into(),
    };
    vec![
        format!(
            "{} {} [{} {}, {}] {status}",
            s.id,
            s.title,
            severity_label(row.severity).trim(),
            s.severity.name(),
            s.area
        ),
        format!("{} Evidence: {evidence}. {fix}.", s.statement),
    ]
}

fn item(app: &App) -> Vec<String> {
    let Some(it) = app.selected_item() else {
        return vec!["No item selected.".into()];
    };
    let opt = |o: Option<String>| o.unwrap_or_else(|| "-".into());
    vec![
        format!(
            "{} {} ({}, {}) x{}",
            it.id,
            it.name,
            it.category.name(),
            it.kind,
            it.quantity
        ),
        format!(
            "site {} | acquired {} | end of support {} | unit {} | yearly {} | vendor {}",
            // The school's name, as people say it; the id only when no site has it.
            opt(it.site.as_ref().map(|id| {
                app.plan()
                    .district
                    .sites
                    .iter()
                    .find(|s| &s.id == id)
                    .map_or_else(|| id.clone(), |s| s.name.clone())
            })),
            match it.acquired {
                Some(a) if it.acquired_inferred() => format!("~{} (model release)", a.year),
                a => opt(a.map(|a| a.to_string())),
            },
            opt(it.end_of_support.map(|a| a.to_string())),
            if it.cost_estimated() {
                format!("{} est.", money(it.unit_cost_cents))
            } else {
                money(it.unit_cost_cents)
            },
            money(it.annual_cost_cents),
            opt(it.vendor.clone()),
        ),
        facts_line(it),
    ]
}

/// The item's facts and tags, as the standards read them; where a value came from when an
/// import filled it in.
fn facts_line(it: &crate::model::Item) -> String {
    use crate::model::marks;
    let facts: Vec<String> = it
        .attrs
        .iter()
        .filter(|(k, _)| *k != marks::IMPORTED_FROM)
        .map(|(k, v)| format!("{k}={}", v.as_text()))
        .collect();
    let tags = if it.tags.is_empty() {
        "-".to_string()
    } else {
        it.tags.join(", ")
    };
    let facts = if facts.is_empty() {
        "none recorded".to_string()
    } else {
        facts.join(" | ")
    };
    format!("tags {tags} | facts {facts}")
}

fn year(app: &App) -> Vec<String> {
    let Some(y) = app.derived().budget.years.get(app.year_index()) else {
        return vec!["No budget years.".into()];
    };
    let cap = y.cap_cents.map(money).unwrap_or_else(|| "no cap".into());
    let mut out = vec![format!(
        "{} total {} against {cap}{}",
        y.fiscal_year,
        money(y.total_cents),
        if y.over_cap {
            format!(" {} OVER CAP", app.glyphs().over)
        } else {
            String::new()
        }
    )];
    let parts: Vec<String> = y
        .by_source
        .iter()
        .map(|(k, v)| format!("{k} {}", money(*v)))
        .collect();
    out.push(parts.join(" | "));
    out.extend(y.over.iter().cloned());
    out
}

/// The lines about whatever the focused pane has selected.
pub fn text(app: &App) -> Vec<String> {
    match app.focus() {
        Pane::Roadmap => initiative(app),
        Pane::Standards => standard(app),
        Pane::Inventory => item(app),
        Pane::Budget => year(app),
    }
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let text = text(app);
    let block = Block::new()
        .borders(Borders::TOP)
        .border_set(app.glyphs().border)
        .border_style(theme.border)
        .title(Span::styled("Detail", theme.title));
    let lines: Vec<Line> = text
        .into_iter()
        .enumerate()
        .map(|(i, t)| {
            Line::from(Span::styled(
                t,
                if i == 0 { theme.header } else { Style::new() },
            ))
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: true })
            .style(theme.base),
        area,
    );
}
