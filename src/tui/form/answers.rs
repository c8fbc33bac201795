//! The questionnaire form (`A` in Failing standards): one row per answer key the library asks
//! about (`Check::Answer`, also inside All/Any/Not), with the current answer, what the standard
//! expects read aloud ("yes", "at least 90", "within 365 days", "one of: a, b") and which
//! standard asks. Yes/no and one-of questions are chosen, numbers and dates typed and checked.
//! Saving is one `Edit::Batch` of `Edit::SetAnswer` for the changed rows (one undo step); an
//! emptied row clears the answer (unknown again).

use super::{Errors, Form, Input, Kind, Saved, Select, Spec};
use crate::edit::Edit;
use crate::model::Plan;
use crate::standards::questionnaire::{Question, answer_checks, expectation, parse, questionnaire};
use crate::standards::{Expect, Library};
use crate::tui::action::Pane;
use crate::tui::app::App;
use chrono::NaiveDate;

/// What the questionnaire form needs besides its fields.
pub struct AnswersForm {
    questions: Vec<Question>,
    /// Each row's text when the form opened (an untouched row is never re-validated or saved).
    original: Vec<String>,
    /// Dates after this are refused.
    today: NaiveDate,
}

impl AnswersForm {
    /// A form with no questions (for unit tests of the engine).
    #[cfg(test)]
    pub fn empty() -> AnswersForm {
        AnswersForm {
            questions: Vec::new(),
            original: Vec::new(),
            today: NaiveDate::MIN,
        }
    }

    /// The questionnaire over the plan's current answers.
    pub fn form(library: &Library, plan: &Plan, today: NaiveDate) -> Form {
        let questions = questionnaire(library, plan);
        let fields: Vec<(Spec, String)> = questions
            .iter()
            .map(|q| {
                let choices = |opts: &[&str]| {
                    let mut v = vec![String::new()];
                    v.extend(opts.iter().map(|o| o.to_string()));
                    Input::Choice(v)
                };
                let input = match &q.expect {
                    Expect::Yes | Expect::No => choices(&["yes", "no"]),
                    Expect::OneOf(opts) => {
                        choices(&opts.iter().map(String::as_str).collect::<Vec<_>>())
                    }
                    Expect::AtLeast(_) | Expect::AtMost(_) | Expect::WithinDays(_) => Input::Text,
                };
                let note = format!("{} ({})", expectation(q), q.standards.join(", "));
                let value = plan
                    .answers
                    .get(&q.key)
                    .map(|a| a.to_string())
                    .unwrap_or_default();
                let help = library
                    .questions
                    .get(&q.key)
                    .map(|t| format!("{} {}", t.question, t.help))
                    .unwrap_or_default();
                (Spec::new(&q.key, input).note(note).help(help), value)
            })
            .collect();
        let answered = fields.iter().filter(|(_, v)| !v.is_empty()).count();
        let title = format!("Questionnaire ({answered} of {} answered)", fields.len());
        let original = fields.iter().map(|(_, v)| v.clone()).collect();
        let kind = Kind::Answers(AnswersForm {
            questions,
            original,
            today,
        });
        Form::new(title, fields, kind)
    }

    /// The changed answers as one batch, or one message per invalid row.
    pub fn build(&self, values: &[String], plan: &Plan) -> Result<Saved, Errors> {
        let mut edits = Vec::new();
        let mut errs = Vec::new();
        for (i, q) in self.questions.iter().enumerate() {
            let text = super::at(values, i);
            if self.original.get(i).is_some_and(|o| o == text) {
                continue;
            }
            match parse(q, text, self.today) {
                Ok(value) if plan.answers.get(&q.key) != value.as_ref() => {
                    edits.push(Edit::SetAnswer {
                        key: q.key.clone(),
                        value,
                    })
                }
                Ok(_) => {}
                Err(e) => errs.push((i, e)),
            }
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let n = edits.len();
        Ok(if n == 0 {
            Saved::unchanged("answers unchanged".into())
        } else {
            let msg = format!("saved {n} answer(s)");
            Saved::apply(Edit::Batch(edits), &msg, Select::Nothing)
        })
    }
}

impl App {
    /// `A` in Failing standards: the questionnaire, focused on the selected standard's first
    /// question when it asks one.
    pub(crate) fn open_answers(&mut self) {
        let today = self.derived().horizon.as_of;
        let form = AnswersForm::form(self.library(), self.plan(), today);
        if form.fields.is_empty() {
            self.info("the standards library asks no questions");
            return;
        }
        let mut form = form;
        let selected = (self.focus == Pane::Standards)
            .then(|| {
                self.standard_rows()
                    .get(self.sel.standards)
                    .map(|r| r.index)
            })
            .flatten()
            .and_then(|i| self.library().standards.get(i));
        if let Some(std) = selected {
            let mut keys = Vec::new();
            answer_checks(&std.check, &mut keys);
            if let Some(i) = keys
                .first()
                .and_then(|(k, _)| form.fields.iter().position(|f| f.label == *k))
            {
                form.focus = i;
            }
        }
        self.open(form);
    }
}
