//! The initiative form (Enter on a roadmap bar): title, start, duration, one-time and recurring
//! cost, funding source, E-Rate category, dependencies and notes, each validated as typed with
//! the message shown next to the field. Enter saves everything as one `Edit::PutInitiative`
//! (one undo step); Esc leaves the plan untouched.
//!
//! Money is typed in dollars ("$1,234.50") and parsed to integer cents without floats.

use super::app::{App, Mode};
use crate::edit::Edit;
use crate::model::{ErateCategory, Initiative, Plan, Quarter};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Start,
    Duration,
    OneTime,
    Recurring,
    Funding,
    Erate,
    Depends,
    Notes,
}

impl Field {
    pub const ALL: [Field; 9] = [
        Field::Title,
        Field::Start,
        Field::Duration,
        Field::OneTime,
        Field::Recurring,
        Field::Funding,
        Field::Erate,
        Field::Depends,
        Field::Notes,
    ];
    pub fn label(self) -> &'static str {
        match self {
            Field::Title => "Title",
            Field::Start => "Start",
            Field::Duration => "Quarters",
            Field::OneTime => "One-time $",
            Field::Recurring => "Recurring $/yr",
            Field::Funding => "Funding",
            Field::Erate => "E-Rate",
            Field::Depends => "Depends on",
            Field::Notes => "Notes",
        }
    }
    /// Fields chosen from a list (Space, Left and Right cycle) rather than typed.
    pub fn cycles(self) -> bool {
        matches!(self, Field::Funding | Field::Erate)
    }
}

pub struct Form {
    pub base: Initiative,
    /// The text of each field, in `Field::ALL` order.
    pub values: Vec<String>,
    pub focus: usize,
    /// Funding source ids of the plan, to cycle through.
    sources: Vec<String>,
}

/// Parses dollars ("$1,234.50", "1234", "0.5") into cents, exactly (no floats).
pub fn parse_dollars(s: &str) -> Result<i64, String> {
    let t: String = s
        .trim()
        .trim_start_matches('$')
        .chars()
        .filter(|c| *c != ',' && *c != '_' && !c.is_whitespace())
        .collect();
    if t.is_empty() {
        return Ok(0);
    }
    let (whole, frac) = t.split_once('.').unwrap_or((&t, ""));
    let digits = |x: &str| x.chars().all(|c| c.is_ascii_digit());
    if !digits(whole) || !digits(frac) || (whole.is_empty() && frac.is_empty()) {
        return Err("dollars like $1,234.50".into());
    }
    if frac.len() > 2 {
        return Err("at most 2 decimals (cents)".into());
    }
    let dollars: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| "too large".to_string())?
    };
    let cents: i64 = format!("{frac:0<2}").parse().unwrap_or(0);
    dollars
        .checked_mul(100)
        .and_then(|d| d.checked_add(cents))
        .ok_or_else(|| "too large".into())
}

/// Cents as "1,234.50" (the form's starting text).
pub fn format_dollars(cents: i64) -> String {
    let (d, c) = (cents.abs() / 100, cents.abs() % 100);
    let s = d.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    let sign = if cents < 0 { "-" } else { "" };
    if c == 0 {
        format!("{sign}{out}")
    } else {
        format!("{sign}{out}.{c:02}")
    }
}

fn erate_text(e: Option<ErateCategory>) -> &'static str {
    match e {
        None => "none",
        Some(ErateCategory::C1) => "C1",
        Some(ErateCategory::C2) => "C2",
    }
}

/// Whether `from` reaches `to` along dependencies, with `id`'s dependencies replaced by `deps`.
fn reaches(plan: &Plan, id: &str, deps: &[String], from: &str, to: &str) -> bool {
    let mut stack = vec![from.to_string()];
    let mut seen = HashSet::new();
    while let Some(cur) = stack.pop() {
        if cur == to {
            return true;
        }
        if !seen.insert(cur.clone()) {
            continue;
        }
        if cur == id {
            stack.extend(deps.iter().cloned());
        } else if let Some(i) = plan.initiative(&cur) {
            stack.extend(i.depends_on.iter().cloned());
        }
    }
    false
}

impl Form {
    pub fn new(plan: &Plan, ini: &Initiative) -> Form {
        let values = Field::ALL
            .iter()
            .map(|f| match f {
                Field::Title => ini.title.clone(),
                Field::Start => ini.start.to_string(),
                Field::Duration => ini.duration.to_string(),
                Field::OneTime => format_dollars(ini.one_time_cents),
                Field::Recurring => format_dollars(ini.recurring_cents),
                Field::Funding => ini.funding.clone(),
                Field::Erate => erate_text(ini.erate).to_string(),
                Field::Depends => ini.depends_on.join(", "),
                Field::Notes => ini.notes.clone(),
            })
            .collect();
        Form {
            base: ini.clone(),
            values,
            focus: 0,
            sources: plan.budget.sources.iter().map(|s| s.id.clone()).collect(),
        }
    }

    pub fn field(&self) -> Field {
        Field::ALL[self.focus.min(Field::ALL.len() - 1)]
    }

    fn value(&self, f: Field) -> &str {
        let i = Field::ALL.iter().position(|x| *x == f).unwrap_or(0);
        self.values.get(i).map(String::as_str).unwrap_or("")
    }

    /// Parses every field into an initiative, or one message per invalid field.
    pub fn build(&self, plan: &Plan) -> Result<Initiative, Vec<(Field, String)>> {
        let mut ini = self.base.clone();
        let mut errs = Vec::new();
        let title = self.value(Field::Title).trim();
        if title.is_empty() {
            errs.push((Field::Title, "needed".into()));
        }
        ini.title = title.to_string();
        match self
            .value(Field::Start)
            .trim()
            .to_uppercase()
            .parse::<Quarter>()
        {
            Ok(q) => ini.start = q,
            Err(_) => errs.push((Field::Start, "like FY2028-Q1".into())),
        }
        match self.value(Field::Duration).trim().parse::<u8>() {
            Ok(d) if (1..=40).contains(&d) => ini.duration = d,
            _ => errs.push((Field::Duration, "1 to 40 quarters".into())),
        }
        for (f, slot) in [
            (Field::OneTime, &mut ini.one_time_cents),
            (Field::Recurring, &mut ini.recurring_cents),
        ] {
            match parse_dollars(self.value(f)) {
                Ok(c) => *slot = c,
                Err(e) => errs.push((f, e)),
            }
        }
        let src = self.value(Field::Funding).to_string();
        if !self.sources.is_empty() && !self.sources.contains(&src) {
            errs.push((Field::Funding, "not a funding source".into()));
        }
        ini.funding = src;
        ini.erate = match self.value(Field::Erate) {
            "C1" => Some(ErateCategory::C1),
            "C2" => Some(ErateCategory::C2),
            _ => None,
        };
        let deps: Vec<String> = self
            .value(Field::Depends)
            .split([',', ' '])
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
            .collect();
        let mut dep_err = None;
        for d in &deps {
            if *d == ini.id {
                dep_err = Some(format!("{d} is this initiative"));
            } else if plan.initiative(d).is_none() {
                dep_err = Some(format!("no initiative {d}"));
            } else if reaches(plan, &ini.id, &deps, d, &ini.id) {
                dep_err = Some(format!("{d} depends on this one (cycle)"));
            }
            if dep_err.is_some() {
                break;
            }
        }
        if let Some(e) = dep_err {
            errs.push((Field::Depends, e));
        }
        ini.depends_on = deps;
        ini.notes = self.value(Field::Notes).to_string();
        if errs.is_empty() { Ok(ini) } else { Err(errs) }
    }

    fn cycle(&mut self, step: i32) {
        let f = self.field();
        let options: Vec<String> = match f {
            Field::Funding => self.sources.clone(),
            Field::Erate => vec!["none".into(), "C1".into(), "C2".into()],
            _ => return,
        };
        if options.is_empty() {
            return;
        }
        let n = options.len() as i32;
        let cur = options
            .iter()
            .position(|o| o == self.value(f))
            .map_or(0, |i| i as i32);
        let next = (cur + step).rem_euclid(n) as usize;
        if let Some(v) = self.values.get_mut(self.focus) {
            v.clone_from(&options[next]);
        }
    }
}

impl App {
    /// Enter on a roadmap bar: opens its form.
    pub(crate) fn open_form(&mut self) {
        let Some(ini) = self.selected_initiative().cloned() else {
            self.info("no initiative selected");
            return;
        };
        self.form = Some(Form::new(self.plan(), &ini));
        self.mode = Mode::Form;
    }

    pub fn form(&self) -> Option<&Form> {
        self.form.as_ref()
    }

    /// The form's current validation messages (for the renderer and tests).
    pub fn form_errors(&self) -> Vec<(Field, String)> {
        match &self.form {
            Some(f) => f.build(self.plan()).err().unwrap_or_default(),
            None => Vec::new(),
        }
    }

    pub(crate) fn form_key(&mut self, key: KeyEvent) {
        let Some(form) = self.form.as_mut() else {
            self.mode = Mode::Normal;
            return;
        };
        let n = Field::ALL.len();
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => {
                self.form = None;
                self.mode = Mode::Normal;
                self.info("edit cancelled");
            }
            KeyCode::Char('c') if ctrl => self.quit = true,
            KeyCode::Enter => self.save_form(),
            KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1) % n,
            KeyCode::BackTab | KeyCode::Up => form.focus = (form.focus + n - 1) % n,
            KeyCode::Left if form.field().cycles() => form.cycle(-1),
            KeyCode::Right | KeyCode::Char(' ') if form.field().cycles() => form.cycle(1),
            KeyCode::Backspace => {
                if let Some(v) = form.values.get_mut(form.focus) {
                    v.pop();
                }
            }
            KeyCode::Char('u') if ctrl => {
                if let Some(v) = form.values.get_mut(form.focus) {
                    v.clear();
                }
            }
            KeyCode::Char(c) if !ctrl && !c.is_control() && !form.field().cycles() => {
                if let Some(v) = form.values.get_mut(form.focus) {
                    v.push(c);
                }
            }
            _ => {}
        }
    }

    fn save_form(&mut self) {
        let Some(form) = self.form.as_ref() else {
            return;
        };
        match form.build(self.plan()) {
            Ok(ini) => {
                let unchanged = ini == form.base;
                let id = ini.id.clone();
                self.form = None;
                self.mode = Mode::Normal;
                if unchanged {
                    self.info(&format!("{id} unchanged"));
                } else if self.apply(Edit::PutInitiative(ini)) {
                    self.select_initiative(&id);
                    self.info(&format!("saved {id} (u to undo)"));
                }
            }
            Err(errs) => {
                if let (Some((f, _)), Some(form)) = (errs.first(), self.form.as_mut()) {
                    form.focus = Field::ALL.iter().position(|x| x == f).unwrap_or(0);
                }
                self.error(&format!("{} field(s) to fix before saving", errs.len()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dollars_parse_exactly_into_cents() {
        assert_eq!(parse_dollars("$1,234.50"), Ok(123_450));
        assert_eq!(parse_dollars("1234"), Ok(123_400));
        assert_eq!(parse_dollars(" $0.5 "), Ok(50));
        assert_eq!(parse_dollars(".07"), Ok(7));
        assert_eq!(parse_dollars(""), Ok(0));
        assert_eq!(parse_dollars("$300,000"), Ok(300_000_00));
        assert!(parse_dollars("1.234").is_err());
        assert!(parse_dollars("-5").is_err());
        assert!(parse_dollars("12a").is_err());
        assert!(parse_dollars(".").is_err());
        assert!(parse_dollars("99999999999999999999").is_err());
    }

    #[test]
    fn dollars_format_with_commas_and_round_trip() {
        for c in [0, 5, 100, 123_450, 300_000_00, 1_000_000_01] {
            assert_eq!(parse_dollars(&format_dollars(c)), Ok(c), "{c}");
        }
        assert_eq!(format_dollars(123_450), "1,234.50");
        assert_eq!(format_dollars(300_000_00), "300,000");
    }
}
