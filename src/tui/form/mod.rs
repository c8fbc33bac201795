//! The form engine behind every edit form: a title, a list of fields (label, text, and how the
//! text is entered: typed, typed with suggestions, chosen from a list, or fixed), the focus and
//! a scroll offset. What a form means lives in its kind (`initiative`, `item`, `answers`): each
//! builds the one `Edit` to apply from the field texts, or says which fields are wrong and why.
//!
//! Keys inside a form are the same for every kind: Tab/Down and S-Tab/Up move between fields
//! (wrapping), PgUp/PgDn/Home/End jump, Space/Left/Right choose, typing types, Backspace and C-u
//! delete, Enter saves (one undo step), Esc cancels. Validation runs as you type; the messages
//! are drawn next to their fields (`panes::form`) and block the save.
//!
//! Money is typed in dollars ("$1,234.50") and parsed to integer cents without floats (`money`).

mod answers;
mod checkin;
mod district;
mod funding;
mod initiative;
mod item;
mod money;

pub use crate::standards::questionnaire::{Question, expectation, questionnaire};
pub use initiative::Field;
pub use money::{format_dollars, parse_dollars};

use super::action::Pane;
use super::app::{App, Overlay};
use crate::edit::Edit;
use crate::model::{ErateCategory, Initiative, Plan, YearMonth};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::cell::Cell;

/// How a field's text is entered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Typed.
    Text,
    /// Typed, with Left/Right stepping through these suggestions.
    Suggest(Vec<String>),
    /// One of these: Space/Left/Right step, a letter jumps, Backspace picks "" if offered.
    Choice(Vec<String>),
    /// Shown, not editable (the id of an item being edited).
    Fixed,
}

/// One field: its label, how it is entered, and a muted note drawn after the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    pub label: String,
    pub input: Input,
    pub note: String,
    /// Shown under the fields while this one has the focus (the question a key stands for).
    pub help: String,
}

impl Spec {
    pub fn new(label: &str, input: Input) -> Spec {
        Spec {
            label: label.to_string(),
            input,
            note: String::new(),
            help: String::new(),
        }
    }
    pub fn help(mut self, help: impl Into<String>) -> Spec {
        self.help = help.into();
        self
    }
    pub fn text(label: &str) -> Spec {
        Spec::new(label, Input::Text)
    }
    pub fn choice(label: &str, options: Vec<String>) -> Spec {
        Spec::new(label, Input::Choice(options))
    }
    pub fn note(mut self, note: impl Into<String>) -> Spec {
        self.note = note.into();
        self
    }
    /// Chosen from a list rather than typed (the renderer shows "<>").
    pub fn cycles(&self) -> bool {
        matches!(self.input, Input::Choice(_))
    }
    fn types(&self) -> bool {
        matches!(self.input, Input::Text | Input::Suggest(_))
    }
    fn options(&self) -> &[String] {
        match &self.input {
            Input::Suggest(o) | Input::Choice(o) => o,
            Input::Text | Input::Fixed => &[],
        }
    }
}

/// Per-field messages: (field index, message).
pub type Errors = Vec<(usize, String)>;

/// What to select once a save went through.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Select {
    Nothing,
    Initiative(String),
    Item(String),
}

/// A valid form: the edit to apply (none when nothing changed), the status message, and what
/// to select afterwards.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub edit: Option<Edit>,
    pub message: String,
    pub select: Select,
}

impl Saved {
    /// Nothing changed: no edit, just a message.
    pub fn unchanged(message: String) -> Saved {
        Saved {
            edit: None,
            message,
            select: Select::Nothing,
        }
    }
    /// Apply `edit`; on success say `message` (the undo hint is added) and select `select`.
    pub fn apply(edit: Edit, message: &str, select: Select) -> Saved {
        Saved {
            edit: Some(edit),
            message: format!("{message} (u to undo)"),
            select,
        }
    }
}

/// What a form edits, with what its `build` needs beyond the field texts.
pub enum Kind {
    Initiative(initiative::InitiativeForm),
    Item(item::ItemForm),
    Answers(answers::AnswersForm),
    District(district::DistrictForm),
    Site(district::SiteForm),
    Funding(funding::FundingForm),
    Checkin(checkin::CheckinForm),
}

pub struct Form {
    pub title: String,
    pub fields: Vec<Spec>,
    /// The text of each field, in `fields` order.
    pub values: Vec<String>,
    pub focus: usize,
    pub kind: Kind,
    /// First field row on screen (the renderer keeps the focus in view).
    pub scroll: Cell<usize>,
    /// The texts the form opened with: a field's message shows once its text differs (or
    /// after a save was refused), so a new item's empty required fields do not open in red.
    initial: Vec<String>,
    /// A save was refused: every message shows.
    tried: bool,
}

impl Form {
    pub fn new(title: String, fields: Vec<(Spec, String)>, kind: Kind) -> Form {
        let (fields, values): (Vec<Spec>, Vec<String>) = fields.into_iter().unzip();
        Form {
            title,
            fields,
            initial: values.clone(),
            values,
            focus: 0,
            kind,
            scroll: Cell::new(0),
            tried: false,
        }
    }

    /// Validates every field: the outcome of saving, or one message per invalid field (in
    /// field order).
    pub fn build(&self, plan: &Plan) -> Result<Saved, Errors> {
        let built = match &self.kind {
            Kind::Initiative(k) => k.build(&self.values, plan),
            Kind::Item(k) => k.build(&self.values, plan),
            Kind::Answers(k) => k.build(&self.values, plan),
            Kind::District(k) => k.build(&self.values, plan),
            Kind::Site(k) => k.build(&self.values, plan),
            Kind::Funding(k) => k.build(&self.values, plan),
            Kind::Checkin(k) => k.build(&self.values, plan),
        };
        built.map_err(|mut errs| {
            errs.sort_by_key(|(i, _)| *i);
            errs
        })
    }

    /// The initiative being edited, for an initiative form.
    pub fn initiative(&self) -> Option<&Initiative> {
        match &self.kind {
            Kind::Initiative(k) => Some(&k.base),
            _ => None,
        }
    }

    /// The focused field's spec.
    pub fn spec(&self) -> Option<&Spec> {
        self.fields.get(self.focus)
    }

    fn value_mut(&mut self) -> Option<&mut String> {
        self.values.get_mut(self.focus)
    }

    fn move_focus(&mut self, to: usize) {
        self.focus = to.min(self.fields.len().saturating_sub(1));
    }

    /// Steps the focused field through its options.
    fn cycle(&mut self, step: i32) {
        let Some(spec) = self.spec() else { return };
        let options = spec.options().to_vec();
        if options.is_empty() {
            return;
        }
        let n = options.len() as i32;
        let cur = self
            .values
            .get(self.focus)
            .map(String::as_str)
            .unwrap_or("");
        let next = match options.iter().position(|o| o == cur) {
            Some(i) => (i as i32 + step).rem_euclid(n) as usize,
            None if step < 0 => options.len() - 1,
            None => 0,
        };
        if let Some(v) = self.value_mut() {
            v.clone_from(&options[next]);
        }
    }

    /// A letter on a choice: the next option starting with it.
    fn jump(&mut self, c: char) {
        let Some(spec) = self.spec() else { return };
        let options = spec.options().to_vec();
        let cur = self
            .values
            .get(self.focus)
            .map(String::as_str)
            .unwrap_or("");
        let start = options.iter().position(|o| o == cur).map_or(0, |i| i + 1);
        let n = options.len();
        let hit = (0..n)
            .map(|k| &options[(start + k) % n])
            .find(|o| o.chars().next().is_some_and(|f| f.eq_ignore_ascii_case(&c)));
        if let (Some(h), Some(v)) = (hit.cloned(), self.value_mut()) {
            *v = h;
        }
    }

    /// Backspace / C-u on the focused field (`all`: C-u).
    fn erase(&mut self, all: bool) {
        let Some(spec) = self.spec() else { return };
        if spec.types() {
            if let Some(v) = self.value_mut() {
                if all {
                    v.clear();
                } else {
                    v.pop();
                }
            }
        } else if spec.options().iter().any(String::is_empty)
            && let Some(v) = self.value_mut()
        {
            v.clear();
        }
    }

    /// Handles a key that edits or moves inside the form.
    fn key(&mut self, key: KeyEvent) {
        let n = self.fields.len().max(1);
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let cycles = self.spec().is_some_and(Spec::cycles);
        let suggests = matches!(self.spec().map(|s| &s.input), Some(Input::Suggest(_)));
        match key.code {
            KeyCode::Tab | KeyCode::Down => self.focus = (self.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => self.focus = (self.focus + n - 1) % n,
            KeyCode::PageDown => self.move_focus(self.focus + 10),
            KeyCode::PageUp => self.move_focus(self.focus.saturating_sub(10)),
            KeyCode::Home => self.move_focus(0),
            KeyCode::End => self.move_focus(n - 1),
            KeyCode::Left if cycles || suggests => self.cycle(-1),
            KeyCode::Right if cycles || suggests => self.cycle(1),
            KeyCode::Char(' ') if cycles => self.cycle(1),
            KeyCode::Backspace => self.erase(false),
            KeyCode::Char('u') if ctrl => self.erase(true),
            KeyCode::Char(c) if !ctrl && !c.is_control() && cycles => self.jump(c),
            KeyCode::Char(c) if !ctrl && !c.is_control() => {
                if self.spec().is_some_and(Spec::types)
                    && let Some(v) = self.value_mut()
                {
                    v.push(c);
                }
            }
            _ => {}
        }
    }
}

/// The E-Rate choices shared by the initiative and item forms.
fn erate_options() -> Vec<String> {
    vec!["none".into(), "C1".into(), "C2".into()]
}

fn erate_text(e: Option<ErateCategory>) -> String {
    match e {
        None => "none",
        Some(ErateCategory::C1) => "C1",
        Some(ErateCategory::C2) => "C2",
    }
    .to_string()
}

fn parse_erate(s: &str) -> Option<ErateCategory> {
    match s {
        "C1" => Some(ErateCategory::C1),
        "C2" => Some(ErateCategory::C2),
        _ => None,
    }
}

/// An optional year-month ("" is none).
fn parse_month(s: &str) -> Result<Option<YearMonth>, String> {
    let t = s.trim();
    if t.is_empty() {
        return Ok(None);
    }
    t.parse()
        .map(Some)
        .map_err(|_| "a month like 2024-07, or empty".into())
}

/// Parses the dollars in field `i` into `slot`, or records why not.
fn dollars_into(values: &[String], i: usize, slot: &mut i64, errs: &mut Errors) {
    match parse_dollars(at(values, i)) {
        Ok(c) => *slot = c,
        Err(e) => errs.push((i, e)),
    }
}

/// The text of field `i` ("" past the end).
fn at(values: &[String], i: usize) -> &str {
    values.get(i).map(String::as_str).unwrap_or("")
}

impl App {
    /// Opens a form (the mode follows).
    pub(crate) fn open(&mut self, form: Form) {
        self.overlay = Overlay::Form(Box::new(form));
    }

    pub fn form(&self) -> Option<&Form> {
        match &self.overlay {
            Overlay::Form(f) => Some(f),
            _ => None,
        }
    }

    /// The form's current validation messages, by field index (for the renderer and tests).
    pub fn form_errors(&self) -> Errors {
        match self.form() {
            Some(f) => f.build(self.plan()).err().unwrap_or_default(),
            None => Vec::new(),
        }
    }

    /// The messages drawn: those of fields changed since the form opened, or all of them once
    /// a save was refused.
    pub fn form_errors_shown(&self) -> Errors {
        let Some(f) = self.form() else {
            return Vec::new();
        };
        let mut errs = self.form_errors();
        if !f.tried {
            errs.retain(|(i, _)| f.values.get(*i) != f.initial.get(*i));
        }
        errs
    }

    pub(crate) fn form_key(&mut self, key: KeyEvent) {
        let Overlay::Form(form) = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                self.overlay = Overlay::None;
                self.info("edit cancelled");
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => self.quit = true,
            KeyCode::Enter => self.save_form(),
            _ => form.key(key),
        }
    }

    fn save_form(&mut self) {
        let form = match std::mem::replace(&mut self.overlay, Overlay::None) {
            Overlay::Form(form) => *form,
            other => {
                self.overlay = other;
                return;
            }
        };
        match form.build(self.plan()) {
            Ok(saved) => {
                let Some(edit) = saved.edit else {
                    self.info(&saved.message);
                    return;
                };
                if !self.apply(edit) {
                    // Keep what was typed; the status line says why.
                    self.open(form);
                    return;
                }
                match &saved.select {
                    Select::Initiative(id) => self.select_initiative(id),
                    Select::Item(id) => {
                        self.focus = Pane::Inventory;
                        self.select_item(id);
                    }
                    Select::Nothing => {}
                }
                self.info(&saved.message);
            }
            Err(errs) => {
                let mut form = form;
                form.tried = true;
                if let Some((i, _)) = errs.first() {
                    form.focus = *i;
                }
                self.open(form);
                self.error(&format!("{} field(s) to fix before saving", errs.len()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn choices_cycle_jump_and_clear() {
        let spec = Spec::choice("x", vec![String::new(), "yes".into(), "no".into()]);
        let mut f = Form::new(
            "t".into(),
            vec![(spec, String::new())],
            Kind::Answers(answers::AnswersForm::empty()),
        );
        f.cycle(1);
        assert_eq!(f.values[0], "yes");
        f.cycle(-2);
        assert_eq!(f.values[0], "no");
        f.jump('Y');
        assert_eq!(f.values[0], "yes");
        f.erase(false);
        assert_eq!(f.values[0], "");
    }
}
