//! The Roadmap timeline: one row per initiative, columns are quarters across the horizon (or
//! the chosen fiscal year with finer columns). Bars carry the title inside; a `!` before the
//! label marks a violated dependency, `»`/`«` mark bars running off the view, and fiscal years
//! over a budget cap are marked in the year header.

use crate::model::time::month_name;
use crate::model::{FiscalYear, Initiative, Plan, Quarter};
use crate::tui::action::Pane;
use crate::tui::app::{App, Timeline};
use crate::tui::view::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use std::ops::Range;

/// Width of the label column for a pane of inner width `w` over a horizon of `years` fiscal
/// years (shared with the budget strip so their year columns line up): a quarter of the width
/// (8 to 26), plus the columns that whole quarter cells would leave empty at the right, so a
/// wide or zoomed roadmap gives them to titles instead of blank space.
pub fn label_width(w: u16, years: usize) -> u16 {
    let base = (w / 4).clamp(8, 26).min(w);
    let cols = usize::from(w - base);
    let fit = (cols / (4 * MIN_QUARTER_CELLS)).clamp(1, years.max(1));
    let qw = cols / (fit * 4);
    if qw == 0 {
        return base;
    }
    let spare = cols - qw * fit * 4;
    base.saturating_add(u16::try_from(spare).unwrap_or(0))
}

/// Fewest cells a quarter gets in the full timeline; below that the view shows fewer years
/// and scrolls by whole years (h/l, or dragging a bar past its edge).
const MIN_QUARTER_CELLS: usize = 2;

/// The fiscal years (horizon indexes) the full timeline and the budget strip show in a pane of
/// inner width `inner_w`: as many as fit, scrolled to keep the chosen year in view.
pub fn year_window(app: &App, inner_w: u16) -> Range<usize> {
    let total = app.derived().horizon.years.len();
    let cols = usize::from(inner_w.saturating_sub(label_width(inner_w, total)));
    let fit = (cols / (4 * MIN_QUARTER_CELLS)).clamp(1, total.max(1));
    let first = super::scroll_to(&app.scroll.years, app.year_index(), fit, total);
    first..(first + fit).min(total)
}

/// The quarters shown in a pane of inner width `inner_w`, by index (`Quarter::index`).
pub fn quarters(app: &App, inner_w: u16) -> Vec<i32> {
    let h = &app.derived().horizon;
    match app.timeline() {
        Timeline::Full => {
            let shown = year_window(app, inner_w);
            let years = &h.years[shown];
            match (years.first(), years.last()) {
                (Some(&a), Some(&b)) => {
                    (Quarter { fy: a, q: 1 }.index()..=Quarter { fy: b, q: 4 }.index()).collect()
                }
                _ => Vec::new(),
            }
        }
        Timeline::Year => {
            let fy = h
                .years
                .get(app.year_index())
                .copied()
                .unwrap_or(h.current());
            let q1 = Quarter { fy, q: 1 }.index();
            (q1..q1 + 4).collect()
        }
    }
}

/// Header rows above the bars for an inner height.
pub fn header_rows(inner_h: u16) -> u16 {
    if inner_h >= 4 { 2 } else { inner_h.min(1) }
}

/// Whether an initiative starts before one of its dependencies ends.
fn dependency_violated(plan: &Plan, ini: &Initiative) -> bool {
    ini.depends_on
        .iter()
        .any(|d| plan.initiative(d).is_none_or(|d| d.end() >= ini.start))
}

fn year_label(fy: FiscalYear, width: usize, over: Option<&str>) -> String {
    let long = format!("FY{}", fy.0);
    let short = format!("{:02}", fy.0.rem_euclid(100));
    let s = match over {
        // A space is left after the label so it never runs into the next year's.
        Some(o) if width > long.len() + 6 => format!("{long} {o}OVER"),
        Some(o) if width > long.len() => format!("{o}{long}"),
        Some(o) => format!("{o}{short}"),
        None if width >= long.len() => long,
        None => short,
    };
    pad(&s, width, "")
}

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let theme = app.theme();
    let g = app.glyphs();
    let plan = app.plan();
    let d = app.derived();
    // The border is one cell on each side (as `block.inner`), known before the title is made.
    let inner_w = area.width.saturating_sub(2);
    let total = d.horizon.years.len();
    let zoom = match app.timeline() {
        Timeline::Full => {
            let shown = year_window(app, inner_w);
            if shown.len() < total {
                let fy = |i: usize| d.horizon.years.get(i).map_or(0, |y| y.0);
                format!(
                    "FY{}-FY{} of {total} years, h/l scroll",
                    fy(shown.start),
                    fy(shown.end.saturating_sub(1))
                )
            } else {
                format!("{total} years")
            }
        }
        Timeline::Year => "1 year".to_string(),
    };
    let block = super::block(app, Pane::Roadmap, format!("Roadmap ({zoom})"));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.width == 0 || inner.height == 0 {
        return;
    }
    let qs = quarters(app, inner.width);
    let nq = qs.len().max(1);
    let lw = label_width(inner.width, total) as usize;
    let cols = (inner.width as usize).saturating_sub(lw);
    let qw = (cols / nq).max(1);
    let hdr = header_rows(inner.height);
    let mut out: Vec<Line> = Vec::new();
    let visible = (inner.height - hdr) as usize;
    let n = plan.initiatives.len();
    let selected = app.sel.roadmap.min(n.saturating_sub(1));
    let first = super::scroll_to(&app.scroll.roadmap, selected, visible, n);
    // Where the view is in the list, when it does not show every initiative.
    let position = if n > visible && visible > 0 {
        format!("{}-{} of {n}", first + 1, (first + visible).min(n))
    } else {
        format!("{n} initiatives")
    };

    // Year header: each fiscal year's label spans its quarters; over-cap years are marked.
    if hdr >= 1 {
        let mut spans = vec![Span::styled(
            pad(&position, lw.saturating_sub(1), g.ellipsis) + " ",
            theme.muted,
        )];
        let mut k = 0;
        while k < qs.len() {
            let fy = Quarter::from_index(qs[k]).fy;
            let n = qs[k..]
                .iter()
                .take_while(|q| Quarter::from_index(**q).fy == fy)
                .count();
            let yb = d.budget.years.iter().find(|y| y.fiscal_year == fy);
            let over = yb.is_some_and(|y| y.over_cap);
            let style = if over { theme.over } else { theme.header };
            spans.push(Span::styled(
                year_label(fy, n * qw, over.then_some(g.over)),
                style,
            ));
            k += n;
        }
        out.push(Line::from(spans));
    }
    // Quarter header (months in the 1-year view when there is room).
    if hdr >= 2 {
        let now = d.horizon.now_quarter().index();
        let mut spans = vec![Span::raw(" ".repeat(lw))];
        for q in &qs {
            let quarter = Quarter::from_index(*q);
            let text = if app.timeline() == Timeline::Year && qw >= 12 {
                let cal = d.horizon.calendar;
                let start = cal.quarter_start(quarter);
                (0..3)
                    .map(|m| month_name(start.plus_months(m).month))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else if qw >= 3 {
                format!("Q{}", quarter.q)
            } else {
                quarter.q.to_string()
            };
            let text = if *q == now && qw >= text.chars().count() + 2 {
                format!("{text}{}", g.now)
            } else {
                text
            };
            let style = if *q == now {
                theme.now.add_modifier(Modifier::BOLD)
            } else {
                theme.muted
            };
            spans.push(Span::styled(pad(&text, qw, ""), style));
        }
        out.push(Line::from(spans));
    }

    if n == 0 && visible > 0 {
        out.push(Line::from(Span::styled(
            fit(
                "no initiatives: Tab to Failing standards and press n",
                inner.width as usize,
                g.ellipsis,
            ),
            theme.muted,
        )));
    }
    let baseline = app
        .ghosts
        .then(|| plan.governance.baselines.iter().max_by_key(|b| b.date))
        .flatten();
    for (i, ini) in plan
        .initiatives
        .iter()
        .enumerate()
        .skip(first)
        .take(visible)
    {
        // Where the approved plan had this initiative, when it is shown.
        let ghost = baseline
            .and_then(|b| b.initiatives.iter().find(|e| e.id == ini.id))
            .map(|e| {
                (
                    e.start.index(),
                    e.start.plus(i32::from(e.duration.max(1)) - 1).index(),
                )
            });
        out.push(bar_line(app, ini, i == selected, &qs, lw, qw, ghost));
    }
    super::lines(frame, inner, out, theme.base);
}

/// One timeline cell's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sym {
    Glyph(&'static str),
    /// Bytes of the title: one character, with any combining marks that follow it.
    Title(usize, usize),
    /// The second column of a wide character: drawn by the character before it.
    Covered,
}

/// The style of an initiative's bar: the colour of the area of the first standard it resolves.
pub fn bar_style(app: &App, ini: &Initiative) -> Style {
    let theme = app.theme();
    ini.resolves
        .first()
        .and_then(|s| app.library().get(s))
        .map(|s| theme.area(&s.area))
        .unwrap_or(theme.bar)
}

fn bar_line<'a>(
    app: &App,
    ini: &Initiative,
    selected: bool,
    qs: &[i32],
    lw: usize,
    qw: usize,
    ghost: Option<(i32, i32)>,
) -> Line<'a> {
    let theme = app.theme();
    let g = app.glyphs();
    let focused = selected && app.focus == Pane::Roadmap;
    let violated = dependency_violated(app.plan(), ini);
    let cursor = if selected { g.cursor } else { " " };
    let warn = if violated { g.warn } else { " " };
    // Progress from the latest check-in, once there is one.
    let progress = if ini.checkins.is_empty() && !ini.status.closed() {
        String::new()
    } else if ini.status == crate::model::InitiativeStatus::Cancelled {
        " x".to_string()
    } else {
        format!(" {}%", crate::follow::percent(ini))
    };
    let label_style = if focused {
        theme.selected
    } else {
        Style::new()
    };
    let mut spans = vec![
        Span::styled(cursor.to_string(), label_style),
        Span::styled(warn.to_string(), label_style.patch(theme.warn)),
        Span::styled(
            // A narrow label shows just the id (and progress once reported): the title is
            // inside the bar.
            if lw < 20 {
                pad(
                    &format!("{}{progress}", ini.id),
                    lw.saturating_sub(2),
                    g.ellipsis,
                )
            } else {
                pad(
                    &format!("{}{progress} {}", ini.id, ini.title),
                    lw.saturating_sub(2),
                    g.ellipsis,
                )
            },
            label_style,
        ),
    ];
    let (start, end) = (ini.start.index(), ini.end().index());
    let (Some(&first_q), Some(&last_q)) = (qs.first(), qs.last()) else {
        return Line::from(spans);
    };
    // Cells of the bar row: (char, inside the bar).
    let total = qs.len() * qw;
    // A cell is a glyph or a title character; no per-cell allocation (this runs for every cell of
    // every visible row on every frame).
    let mut cells: Vec<(Sym, bool)> = Vec::with_capacity(total);
    for (k, q) in qs.iter().enumerate() {
        let inside = (start..=end).contains(q);
        for c in 0..qw {
            let ch = if inside {
                if selected { g.bar_selected } else { g.bar }
            } else if ghost.is_some_and(|(a, b)| (a..=b).contains(q)) {
                g.ghost
            } else if c == 0 && k > 0 && k % 4 == 0 && qw >= 2 && app.timeline() == Timeline::Full {
                g.year_rule
            } else {
                " "
            };
            cells.push((Sym::Glyph(ch), inside));
        }
    }
    let vis_start = start.max(first_q);
    let vis_end = end.min(last_q);
    let mut text_range = 0..0;
    let mut title = String::new();
    if vis_start <= vis_end {
        let a = ((vis_start - first_q) as usize) * qw;
        let b = ((vis_end - first_q + 1) as usize) * qw;
        if start < first_q {
            cells[a].0 = Sym::Glyph(g.more_left);
        }
        if end > last_q && b > 0 {
            cells[b - 1].0 = Sym::Glyph(g.more_right);
        }
        // The title inside the bar (keeping a cap at each end when it fits); a title longer
        // than its bar runs on past the bar's end, in the bar's colour, so it stays readable.
        // Keep the « mark of a bar that starts before the view.
        let a = if start < first_q { (a + 1).min(b) } else { a };
        let room = b - a;
        let len = crate::text_width::width(&ini.title);
        // ...and the » mark of one that ends after it.
        let tail = usize::from(end > last_q);
        let right = (total - a).saturating_sub(tail);
        let (ta, limit) = if room >= len + 2 {
            (a + 1, len)
        } else if right < len.min(16) && a > right {
            // A bar near the end of the view: the title goes before it, ending at its start,
            // so it is as readable as any other.
            let limit = len.min(a.saturating_sub(1));
            (a - limit - 1, limit)
        } else {
            (a, right)
        };
        title = fit(&ini.title, limit.min(len.max(room)), g.ellipsis);
        // Cell by cell in columns: a wide character covers the next cell too, and a combining
        // mark joins the character before it.
        let mut col = ta;
        for (at, ch) in title.char_indices() {
            let w = crate::text_width::char_width(ch);
            let end = at + ch.len_utf8();
            if w == 0 {
                if col > ta
                    && let Sym::Title(_, e) = &mut cells[col - 1].0
                {
                    *e = end;
                }
                continue;
            }
            if col + w > total {
                break;
            }
            cells[col].0 = Sym::Title(at, end);
            for k in 1..w {
                cells[col + k].0 = Sym::Covered;
            }
            col += w;
        }
        text_range = ta..col;
    } else if end < first_q {
        cells[0] = (Sym::Glyph(g.more_left), false);
    } else if start > last_q && total > 0 {
        cells[total - 1] = (Sym::Glyph(g.more_right), false);
    }
    let bar = bar_style(app, ini);
    let bar = if selected {
        bar.patch(theme.bar_selected)
    } else {
        bar
    };
    let text_style = bar.add_modifier(Modifier::REVERSED);
    // Group runs of cells with the same style into one span.
    let mut run = String::new();
    let mut run_style = None;
    for (j, (ch, inside)) in cells.into_iter().enumerate() {
        let style = if text_range.contains(&j) {
            if inside { text_style } else { bar }
        } else if inside || ch == Sym::Glyph(g.more_left) || ch == Sym::Glyph(g.more_right) {
            bar
        } else {
            theme.muted
        };
        if run_style != Some(style) && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                run_style.unwrap_or_default(),
            ));
        }
        run_style = Some(style);
        match ch {
            Sym::Glyph(s) => run.push_str(s),
            Sym::Title(a, b) => run.push_str(&title[a..b]),
            Sym::Covered => {}
        }
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, run_style.unwrap_or_default()));
    }
    Line::from(spans)
}
