//! The edit form overlay, for every kind of form: one line per field (label, value, the
//! validation message next to it, then the field's note), the focused field marked with the
//! cursor glyph and a caret, the keys at the bottom. Long forms (the questionnaire) scroll so
//! the focused field is always on screen; the title says which rows show.

use crate::tui::app::App;
use crate::tui::form::{Input, Spec};
use crate::tui::view::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Width kept for values when fields carry notes, so the notes line up.
const VALUE_COLUMN: usize = 12;

pub fn draw(app: &App, frame: &mut Frame, area: Rect) {
    let Some(form) = app.form() else { return };
    let theme = app.theme();
    let g = app.glyphs();
    let n = form.fields.len();
    let w = area.width.saturating_sub(4).min(100);
    // The header and the status line stay visible above and below when the form is long.
    let h = (n as u16)
        .saturating_add(4)
        .min(area.height.saturating_sub(4));
    if w < 20 || h < 4 {
        return;
    }
    let popup = Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
    .intersection(area);
    let inner_w = usize::from(popup.width.saturating_sub(2));
    let inner_h = usize::from(popup.height.saturating_sub(2));
    // A blank line and the keys at the bottom, when there is room for a field as well.
    let footer = if inner_h >= 3 { 2 } else { 0 };
    let visible = inner_h - footer;
    let first = super::scroll_to(&form.scroll, form.focus, visible, n);
    let errors = app.form_errors_shown();
    let longest = form
        .fields
        .iter()
        .map(|f| f.label.chars().count())
        .max()
        .unwrap_or(0);
    let label_w = (longest + 1).clamp(8, (inner_w * 9 / 20).max(8));
    let notes = form.fields.iter().any(|f| !f.note.is_empty());
    let mut lines = Vec::new();
    for (i, spec) in form.fields.iter().enumerate().skip(first).take(visible) {
        let focused = i == form.focus;
        let value = form.values.get(i).map(String::as_str).unwrap_or("");
        let err = errors
            .iter()
            .find(|(e, _)| *e == i)
            .map(|(_, m)| m.as_str());
        let err_text = err.map(|m| format!(" {} {m}", g.warn)).unwrap_or_default();
        let caret = match (&spec.input, focused) {
            (_, false) | (Input::Fixed, true) => "",
            (Input::Choice(_), true) => " <>",
            (Input::Text | Input::Suggest(_), true) => "_",
        };
        let used = 1 + label_w + 1 + caret.len() + err_text.chars().count();
        let room = inner_w.saturating_sub(used).max(4);
        let shown = shown_value(spec, value);
        let text = fit_tail(&shown, room, g.ellipsis);
        // Pad after the caret so notes line up.
        let fill = if notes && err.is_none() {
            let col = VALUE_COLUMN.min(room + caret.len());
            " ".repeat(col.saturating_sub(crate::text_width::width(&text) + caret.len()))
        } else {
            String::new()
        };
        let style = if focused { theme.selected } else { theme.base };
        let value_style = match (&spec.input, value.is_empty()) {
            (Input::Fixed, _) | (Input::Choice(_), true) => theme.muted,
            _ => style,
        };
        let rest = inner_w.saturating_sub(used + crate::text_width::width(&text) + fill.len() + 2);
        let note = if spec.note.is_empty() || rest < 4 {
            String::new()
        } else {
            format!("  {}", fit(&spec.note, rest, g.ellipsis))
        };
        lines.push(Line::from(vec![
            Span::styled(if focused { g.cursor } else { " " }, style),
            Span::styled(pad(&spec.label, label_w, g.ellipsis) + " ", theme.muted),
            Span::styled(text, value_style),
            Span::styled(caret, theme.muted),
            Span::raw(fill),
            Span::styled(err_text, theme.warn),
            Span::styled(note, theme.muted),
        ]));
    }
    if footer > 0 {
        // The focused field's question, where it has one (the questionnaire), else a gap.
        let help = form.spec().map(|s| s.help.as_str()).unwrap_or("");
        lines.push(Line::from(Span::styled(
            fit(help, inner_w, g.ellipsis),
            theme.status_info,
        )));
        lines.push(Line::from(Span::styled(
            fit(
                "Enter save  Esc cancel  Tab/Up/Down field  Space/Left/Right choose  C-u clear  PgUp/PgDn",
                inner_w,
                g.ellipsis,
            ),
            theme.muted,
        )));
    }
    let mut title = format!(" {} ", form.title);
    if visible < n {
        let last = (first + visible).min(n);
        title.push_str(&format!("{}-{last} of {n} ", first + 1));
    }
    let block = Block::bordered()
        .border_set(g.border)
        .border_style(theme.border_focus)
        .title(Span::styled(
            fit(&title, inner_w, g.ellipsis),
            theme.title_focus,
        ));
    frame.render_widget(Clear, popup);
    frame.render_widget(Paragraph::new(lines).block(block).style(theme.base), popup);
}

/// What a value looks like: an empty choice is "-" (no answer).
fn shown_value(spec: &Spec, value: &str) -> String {
    match (&spec.input, value.is_empty()) {
        (Input::Choice(_), true) => "-".to_string(),
        _ => value.to_string(),
    }
}

/// The end of a long value (where typing happens), with an ellipsis in front.
fn fit_tail(s: &str, width: usize, ellipsis: &str) -> String {
    use crate::text_width::{char_width, width as cols};
    if cols(s) <= width {
        return s.to_string();
    }
    // Characters from the end while they fit, measured in columns.
    let keep = width.saturating_sub(cols(ellipsis));
    let mut used = 0;
    let mut start = s.len();
    for (i, c) in s.char_indices().rev() {
        used += char_width(c);
        if used > keep {
            break;
        }
        start = i;
    }
    format!("{ellipsis}{}", &s[start..])
}
