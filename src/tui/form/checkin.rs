//! The check-in form (`c` on a roadmap bar): percent complete, a note, the next step and its
//! due date, money spent and who paid it, and the check-in's date (as of, by default). Saving
//! records it through `follow::with_checkin` (the CLI's path too) as one undoable edit; the
//! bar then shows the progress.

use super::{Errors, Form, Kind, Saved, Select, Spec, at, parse_dollars};
use crate::edit::Edit;
use crate::model::time::parse_date;
use crate::model::{Checkin, Plan, Spend};
use crate::tui::app::App;
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy)]
enum F {
    Percent,
    Note,
    Next,
    Due,
    Spent,
    Source,
    Date,
}

const FIELDS: [F; 7] = [
    F::Percent,
    F::Note,
    F::Next,
    F::Due,
    F::Spent,
    F::Source,
    F::Date,
];

pub struct CheckinForm {
    id: String,
    as_of: NaiveDate,
}

impl CheckinForm {
    pub fn form(plan: &Plan, id: &str, as_of: NaiveDate) -> Option<Form> {
        let ini = plan.initiative(id)?;
        let last = crate::follow::percent(ini);
        let sources: Vec<String> = plan.budget.sources.iter().map(|s| s.id.clone()).collect();
        let fields = FIELDS
            .iter()
            .map(|f| match f {
                F::Percent => (
                    Spec::text("Percent done").note(format!("0-100; last {last}%")),
                    last.to_string(),
                ),
                F::Note => (Spec::text("Note"), String::new()),
                F::Next => (Spec::text("Next step"), String::new()),
                F::Due => (
                    Spec::text("Next due").note("YYYY-MM-DD, optional"),
                    String::new(),
                ),
                F::Spent => (
                    Spec::text("Spent $").note("since the last check-in, optional"),
                    String::new(),
                ),
                F::Source => (
                    Spec::choice("Paid by", sources.clone()),
                    ini.funding.clone(),
                ),
                F::Date => (Spec::text("Date").note("YYYY-MM-DD"), as_of.to_string()),
            })
            .collect();
        Some(Form::new(
            format!("Check-in on {id}"),
            fields,
            Kind::Checkin(CheckinForm {
                id: id.to_string(),
                as_of,
            }),
        ))
    }

    pub fn build(&self, values: &[String], plan: &Plan) -> Result<Saved, Errors> {
        let v = |f: F| at(values, f as usize).trim();
        let mut errs: Errors = Vec::new();
        let percent = match v(F::Percent).trim_end_matches('%').parse::<u8>() {
            Ok(p) if p <= 100 => p,
            _ => {
                errs.push((F::Percent as usize, "0 to 100".into()));
                0
            }
        };
        let mut day = |f: F, empty: Option<NaiveDate>| match v(f) {
            "" => empty,
            t => parse_date(t).or_else(|| {
                errs.push((f as usize, "a date like 2026-12-15".into()));
                None
            }),
        };
        let date = day(F::Date, Some(self.as_of)).unwrap_or(self.as_of);
        let next_due = day(F::Due, None);
        let spent = match v(F::Spent) {
            "" => None,
            t => match parse_dollars(t) {
                Ok(cents) => Some(Spend {
                    cents,
                    source: v(F::Source).to_string(),
                    what: String::new(),
                }),
                Err(why) => {
                    errs.push((F::Spent as usize, why));
                    None
                }
            },
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        let checkin = Checkin {
            date,
            percent,
            note: v(F::Note).to_string(),
            next_step: v(F::Next).to_string(),
            next_due,
            spent,
        };
        let ini = crate::follow::with_checkin(plan, &self.id, checkin, self.as_of)
            .map_err(|why| vec![(F::Date as usize, why)])?;
        Ok(Saved::apply(
            Edit::PutInitiative(ini),
            &format!("{}: check-in {date}, {percent}% done", self.id),
            Select::Initiative(self.id.clone()),
        ))
    }
}

impl App {
    /// `c` on a roadmap bar: the check-in form for the selected initiative.
    pub(crate) fn open_checkin(&mut self) {
        let Some(id) = self.selected_initiative().map(|i| i.id.clone()) else {
            self.info("no initiative selected");
            return;
        };
        let as_of = self.derived().horizon.as_of;
        if let Some(form) = CheckinForm::form(self.plan(), &id, as_of) {
            self.open(form);
            self.info(
                "a check-in: percent done, the next step, money spent; Enter saves (one undo step)",
            );
        }
    }
}
