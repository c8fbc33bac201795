//! The initiative form (Enter on a roadmap bar, `N` for a new one): title, start, duration,
//! one-time and recurring cost, funding (one source or split, `bond:60,general:40`), E-Rate
//! category, dependencies, notes, owner, capital or operating, the standards it resolves (its
//! effect on compliance), E-Rate eligible shares, a lease and the unit cost. Saving is one
//! `Edit::PutInitiative` (one undo step); dependencies are checked (unknown, self, cycle).

use super::{Errors, Form, Input, Kind, Saved, Select, Spec, at, erate_options, erate_text};
use super::{dollars_into, format_dollars, parse_erate};
use crate::edit::Edit;
use crate::model::payment::{
    eligible_text, funding_text, lease_text, parse_eligible, parse_funding, parse_lease,
};
use crate::model::{Initiative, Plan, Quarter, SpendKind};
use crate::tui::app::App;
use std::collections::HashSet;

/// The initiative form's fields, in order (`index` is the position in the form).
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
    Owner,
    Spend,
    Resolves,
    Eligible,
    Lease,
    UnitCost,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::Title,
        Field::Start,
        Field::Duration,
        Field::OneTime,
        Field::Recurring,
        Field::Funding,
        Field::Erate,
        Field::Depends,
        Field::Notes,
        Field::Owner,
        Field::Spend,
        Field::Resolves,
        Field::Eligible,
        Field::Lease,
        Field::UnitCost,
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
            Field::Owner => "Owner",
            Field::Spend => "Capital/operating",
            Field::Resolves => "Resolves",
            Field::Eligible => "E-Rate eligible %",
            Field::Lease => "Lease",
            Field::UnitCost => "Unit cost $",
        }
    }
    /// What to type, shown beside the field.
    fn note(self) -> Option<&'static str> {
        match self {
            Field::Funding => Some("a source, or split: bond:60,general:40"),
            Field::Eligible => Some("one-time/recurring, e.g. 89/0; empty = 100"),
            Field::Lease => Some("years:rate, e.g. 4:3.5; empty = paid up front"),
            Field::UnitCost => Some("per unit bought; under the threshold = operating"),
            _ => None,
        }
    }
    /// The field's position in the form (and in `Form::values`).
    pub fn index(self) -> usize {
        self as usize
    }
}

/// What the initiative form needs besides its fields: the initiative as it was.
pub struct InitiativeForm {
    pub base: Initiative,
    /// Standard ids of the library (what Resolves may name).
    standards: Vec<String>,
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

impl InitiativeForm {
    /// The form over `ini`, filled with its current values.
    pub fn form(plan: &Plan, ini: &Initiative, standards: Vec<String>) -> Form {
        let sources: Vec<String> = plan.budget.sources.iter().map(|s| s.id.clone()).collect();
        let fields = Field::ALL
            .iter()
            .map(|f| {
                let (input, value) = match f {
                    Field::Title => (Input::Text, ini.title.clone()),
                    Field::Start => (Input::Text, ini.start.to_string()),
                    Field::Duration => (Input::Text, ini.duration.to_string()),
                    Field::OneTime => (Input::Text, format_dollars(ini.one_time_cents)),
                    Field::Recurring => (Input::Text, format_dollars(ini.recurring_cents)),
                    Field::Funding => (Input::Suggest(sources.clone()), funding_text(ini)),
                    Field::Erate => (Input::Choice(erate_options()), erate_text(ini.erate)),
                    Field::Depends => (Input::Text, ini.depends_on.join(", ")),
                    Field::Notes => (Input::Text, ini.notes.clone()),
                    Field::Owner => (Input::Text, ini.owner.clone()),
                    Field::Spend => (
                        Input::Choice(vec!["capital".into(), "operating".into()]),
                        match ini.spend {
                            SpendKind::Capital => "capital".into(),
                            SpendKind::Operating => "operating".into(),
                        },
                    ),
                    Field::Resolves => (Input::Text, ini.resolves.join(", ")),
                    Field::Eligible => (Input::Text, eligible_text(ini)),
                    Field::Lease => (
                        Input::Text,
                        ini.lease.map(|l| lease_text(&l)).unwrap_or_default(),
                    ),
                    Field::UnitCost => (
                        Input::Text,
                        ini.unit_cost_cents.map(format_dollars).unwrap_or_default(),
                    ),
                };
                let spec = Spec::new(f.label(), input);
                (
                    match f.note() {
                        Some(n) => spec.note(n),
                        None => spec,
                    },
                    value,
                )
            })
            .collect();
        let kind = Kind::Initiative(InitiativeForm {
            base: ini.clone(),
            standards,
        });
        Form::new(format!("Edit {}", ini.id), fields, kind)
    }

    /// Parses every field into the initiative, or one message per invalid field.
    pub fn build(&self, values: &[String], plan: &Plan) -> Result<Saved, Errors> {
        let v = |f: Field| at(values, f.index());
        let mut ini = self.base.clone();
        let mut errs: Errors = Vec::new();
        let title = v(Field::Title).trim();
        if title.is_empty() {
            errs.push((Field::Title.index(), "needed".into()));
        }
        ini.title = title.to_string();
        match v(Field::Start).trim().to_uppercase().parse::<Quarter>() {
            Ok(q) => ini.start = q,
            Err(_) => errs.push((Field::Start.index(), "like FY2028-Q1".into())),
        }
        match v(Field::Duration).trim().parse::<u8>() {
            Ok(d) if (1..=40).contains(&d) => ini.duration = d,
            _ => errs.push((Field::Duration.index(), "1 to 40 quarters".into())),
        }
        let (one_time, recurring) = (Field::OneTime.index(), Field::Recurring.index());
        dollars_into(values, one_time, &mut ini.one_time_cents, &mut errs);
        dollars_into(values, recurring, &mut ini.recurring_cents, &mut errs);
        match parse_funding(&plan.budget, v(Field::Funding)) {
            Ok((primary, shares)) => (ini.funding, ini.funding_shares) = (primary, shares),
            Err(e) => errs.push((Field::Funding.index(), e)),
        }
        ini.erate = parse_erate(v(Field::Erate));
        match parse_eligible(v(Field::Eligible)) {
            Ok((one_time, recurring)) => {
                (ini.erate_one_time_pct, ini.erate_recurring_pct) = (one_time, recurring);
            }
            Err(e) => errs.push((Field::Eligible.index(), e)),
        }
        let lease = v(Field::Lease).trim();
        ini.lease = None;
        if !lease.is_empty() {
            match parse_lease(lease) {
                Ok(l) => ini.lease = Some(l),
                Err(e) => errs.push((Field::Lease.index(), e)),
            }
        }
        ini.unit_cost_cents = None;
        if !v(Field::UnitCost).trim().is_empty() {
            let mut unit = 0;
            dollars_into(values, Field::UnitCost.index(), &mut unit, &mut errs);
            ini.unit_cost_cents = Some(unit);
        }
        let deps: Vec<String> = v(Field::Depends)
            .split([',', ' '])
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
            .collect();
        let dep_err = deps.iter().find_map(|d| {
            if *d == ini.id {
                Some(format!("{d} is this initiative"))
            } else if plan.initiative(d).is_none() {
                Some(format!("no initiative {d}"))
            } else if reaches(plan, &ini.id, &deps, d, &ini.id) {
                Some(format!("{d} depends on this one (cycle)"))
            } else {
                None
            }
        });
        if let Some(e) = dep_err {
            errs.push((Field::Depends.index(), e));
        }
        ini.depends_on = deps;
        ini.notes = v(Field::Notes).to_string();
        ini.owner = v(Field::Owner).trim().to_string();
        ini.spend = if v(Field::Spend) == "operating" {
            SpendKind::Operating
        } else {
            SpendKind::Capital
        };
        // The standards it resolves once done: its effect on compliance.
        ini.resolves = v(Field::Resolves)
            .split([',', ' '])
            .map(|s| s.trim().to_uppercase())
            .filter(|s| !s.is_empty())
            .collect();
        if let Some(bad) = ini.resolves.iter().find(|s| !self.standards.contains(*s)) {
            errs.push((Field::Resolves.index(), format!("no standard {bad}")));
        }
        if !errs.is_empty() {
            return Err(errs);
        }
        let id = ini.id.clone();
        Ok(if ini == self.base {
            Saved::unchanged(format!("{id} unchanged"))
        } else {
            let msg = format!("saved {id}");
            Saved::apply(Edit::PutInitiative(ini), &msg, Select::Initiative(id))
        })
    }
}

impl App {
    fn standard_ids(&self) -> Vec<String> {
        self.library()
            .standards
            .iter()
            .map(|s| s.id.clone())
            .collect()
    }

    /// `N` in the Roadmap: an empty form for an initiative of the district's own, starting next
    /// quarter with a fresh id.
    pub(crate) fn open_new_initiative(&mut self) {
        let id = self.plan().next_initiative_id();
        let start = self.derived().horizon.now_quarter().plus(1);
        let ini = Initiative::new(&id, "", start);
        let mut form = InitiativeForm::form(self.plan(), &ini, self.standard_ids());
        form.title = format!("New initiative {id}");
        self.open(form);
        self.info("a new initiative: type its title, Enter saves (one undo step), Esc cancels");
    }

    /// Enter on a roadmap bar: opens its form.
    pub(crate) fn open_form(&mut self) {
        let Some(ini) = self.selected_initiative().cloned() else {
            self.info("no initiative selected");
            return;
        };
        let form = InitiativeForm::form(self.plan(), &ini, self.standard_ids());
        self.open(form);
    }
}
