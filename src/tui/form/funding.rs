//! The funding source form, from the finder: "funding NAME" edits a source, "add funding
//! source" adds one. A grant given "per year" is its annual cap, one given "in total" its award;
//! both can be set, and the years it may be spent in. Saving is one `Edit::SetBudget`.

use super::{Errors, Form, Input, Kind, Saved, Select, Spec, at, format_dollars, parse_dollars};
use crate::edit::Edit;
use crate::model::{FiscalYear, FundingSource, Plan, SourceKind};
use crate::tui::app::App;

#[derive(Debug, Clone, Copy)]
enum F {
    Id,
    Name,
    Kind,
    AnnualCap,
    Award,
    Years,
}

const FIELDS: [F; 6] = [F::Id, F::Name, F::Kind, F::AnnualCap, F::Award, F::Years];

const KINDS: [(&str, SourceKind); 4] = [
    ("general", SourceKind::General),
    ("grant", SourceKind::Grant),
    ("bond", SourceKind::Bond),
    ("erate", SourceKind::Erate),
];

pub struct FundingForm {
    base: Option<FundingSource>,
}

fn years_text(years: &[FiscalYear]) -> String {
    match (years.first(), years.last()) {
        (Some(a), Some(b)) if a != b => format!("{a}..{b}"),
        (Some(a), _) => a.to_string(),
        _ => String::new(),
    }
}

impl FundingForm {
    pub fn form(source: Option<&FundingSource>) -> Form {
        let money = |c: Option<i64>| c.map(format_dollars).unwrap_or_default();
        let kind_name = |k: SourceKind| {
            KINDS
                .iter()
                .find(|(_, kk)| *kk == k)
                .map_or("general", |(n, _)| n)
                .to_string()
        };
        let fields = FIELDS
            .iter()
            .map(|f| match f {
                F::Id => match source {
                    Some(s) => (Spec::new("Id", Input::Fixed), s.id.clone()),
                    None => (Spec::text("Id").note("short: title4"), String::new()),
                },
                F::Name => (
                    Spec::text("Name"),
                    source.map(|s| s.name.clone()).unwrap_or_default(),
                ),
                F::Kind => (
                    Spec::choice("Kind", KINDS.iter().map(|(n, _)| n.to_string()).collect()),
                    source.map_or_else(|| "grant".into(), |s| kind_name(s.kind)),
                ),
                F::AnnualCap => (
                    Spec::text("Per year $").note("at most this much each fiscal year"),
                    money(source.and_then(|s| s.annual_cap_cents)),
                ),
                F::Award => (
                    Spec::text("In total $").note("at most this much over all its years"),
                    money(source.and_then(|s| s.award_cents)),
                ),
                F::Years => (
                    Spec::text("Years").note("FY2027..FY2031, or empty for any"),
                    source.map(|s| years_text(&s.years)).unwrap_or_default(),
                ),
            })
            .collect();
        let title = match source {
            Some(s) => format!("Funding source {}", s.id),
            None => "Add a funding source".into(),
        };
        Form::new(
            title,
            fields,
            Kind::Funding(FundingForm {
                base: source.cloned(),
            }),
        )
    }

    pub fn build(&self, values: &[String], plan: &Plan) -> Result<Saved, Errors> {
        let v = |f: F| at(values, f as usize).trim();
        let mut errs: Errors = Vec::new();
        let id = v(F::Id).to_string();
        if id.is_empty() || id.contains(char::is_whitespace) {
            errs.push((F::Id as usize, "a short id without spaces".into()));
        } else if self.base.is_none() && plan.budget.source(&id).is_some() {
            errs.push((F::Id as usize, "taken".into()));
        }
        if v(F::Name).is_empty() {
            errs.push((F::Name as usize, "needed".into()));
        }
        let mut amount = |f: F| match v(f) {
            "" => None,
            t => match parse_dollars(t) {
                Ok(c) => Some(c),
                Err(why) => {
                    errs.push((f as usize, why));
                    None
                }
            },
        };
        let annual_cap_cents = amount(F::AnnualCap);
        let award_cents = amount(F::Award);
        let years = match v(F::Years) {
            "" => Vec::new(),
            t => FiscalYear::parse_range(t).unwrap_or_else(|_| {
                errs.push((F::Years as usize, "like FY2027..FY2031".into()));
                Vec::new()
            }),
        };
        let kind = KINDS
            .iter()
            .find(|(n, _)| *n == v(F::Kind))
            .map_or(SourceKind::General, |(_, k)| *k);
        if !errs.is_empty() {
            return Err(errs);
        }
        let source = FundingSource {
            id: id.clone(),
            name: v(F::Name).to_string(),
            kind,
            annual_cap_cents,
            award_cents,
            years,
            spend_only: None,
            max_capital_pct: None,
        };
        if self.base.as_ref() == Some(&source) {
            return Ok(Saved::unchanged(format!("{id} unchanged")));
        }
        let mut b = plan.budget.clone();
        match b.sources.iter_mut().find(|s| s.id == id) {
            Some(s) => *s = source,
            None => b.sources.push(source),
        }
        Ok(Saved::apply(
            Edit::SetBudget(b),
            &format!("saved funding source {id}"),
            Select::Nothing,
        ))
    }
}

impl App {
    /// The funding source form: the source at `index`, or a new one.
    pub(crate) fn open_funding_form(&mut self, index: Option<usize>) {
        let source = index
            .and_then(|i| self.plan().budget.sources.get(i))
            .cloned();
        let form = FundingForm::form(source.as_ref());
        self.open(form);
    }
}
