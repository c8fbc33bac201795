//! The district profile form (`D`, or "district profile" in the finder): name, students, staff,
//! fiscal-year start month, planning horizon, state, lunch-program share and rural. Saving is one
//! `Edit::SetDistrict` (one undo step); the model's validation still has the last word. The
//! schools are listed under the form; `vcio site ...` adds, renames, merges and removes them.

use super::{Errors, Form, Kind, Saved, Select, Spec, at};
use crate::edit::Edit;
use crate::model::{District, Plan};
use crate::tui::app::App;

#[derive(Debug, Clone, Copy)]
enum F {
    Name,
    Students,
    Staff,
    FiscalStart,
    Horizon,
    State,
    Nslp,
    Rural,
}

const FIELDS: [F; 8] = [
    F::Name,
    F::Students,
    F::Staff,
    F::FiscalStart,
    F::Horizon,
    F::State,
    F::Nslp,
    F::Rural,
];

/// What the district form needs besides its fields: the profile as it was.
pub struct DistrictForm {
    base: District,
}

fn yes_no(b: Option<bool>) -> String {
    match b {
        Some(true) => "yes".into(),
        Some(false) => "no".into(),
        None => String::new(),
    }
}

impl DistrictForm {
    pub fn form(plan: &Plan) -> Form {
        let d = &plan.district;
        let schools: Vec<String> = d
            .sites
            .iter()
            .map(|s| format!("{} ({} students)", s.name, s.students))
            .collect();
        let schools = if schools.is_empty() {
            "no schools yet: vcio site add ID --name NAME".to_string()
        } else {
            schools.join(", ")
        };
        let count = |n: u32| if n == 0 { String::new() } else { n.to_string() };
        let fields = FIELDS
            .iter()
            .map(|f| match f {
                F::Name => (Spec::text("Name").note(schools.clone()), d.name.clone()),
                F::Students => (Spec::text("Students"), count(d.students)),
                F::Staff => (Spec::text("Staff"), count(d.staff)),
                F::FiscalStart => (
                    Spec::text("FY starts (month)").note("7 = July"),
                    d.fiscal_start_month.to_string(),
                ),
                F::Horizon => (Spec::text("Horizon (years)"), d.horizon_years.to_string()),
                F::State => (
                    Spec::text("State").note("two letters, e.g. NY"),
                    d.state.clone().unwrap_or_default(),
                ),
                F::Nslp => (
                    Spec::text("NSLP %").note("students eligible for free or reduced lunch"),
                    d.erate.nslp_pct.map(|n| n.to_string()).unwrap_or_default(),
                ),
                F::Rural => (
                    Spec::choice("Rural", vec![String::new(), "yes".into(), "no".into()]),
                    yes_no(d.erate.rural),
                ),
            })
            .collect();
        Form::new(
            "District profile".into(),
            fields,
            Kind::District(DistrictForm { base: d.clone() }),
        )
    }

    pub fn build(&self, values: &[String], _plan: &Plan) -> Result<Saved, Errors> {
        let mut d = self.base.clone();
        let mut errs: Errors = Vec::new();
        let v = |f: F| at(values, f as usize).trim();
        let count = |f: F, errs: &mut Errors| -> u32 {
            let t = v(f).replace(',', "");
            if t.is_empty() {
                return 0;
            }
            t.parse().unwrap_or_else(|_| {
                errs.push((f as usize, "a whole number, 0 or more".into()));
                0
            })
        };
        if v(F::Name).is_empty() {
            errs.push((F::Name as usize, "needed".into()));
        }
        d.name = v(F::Name).to_string();
        d.students = count(F::Students, &mut errs);
        d.staff = count(F::Staff, &mut errs);
        match v(F::FiscalStart).parse::<u8>() {
            Ok(m) if (1..=12).contains(&m) => d.fiscal_start_month = m,
            _ => errs.push((F::FiscalStart as usize, "a month 1-12".into())),
        }
        match v(F::Horizon).parse::<u8>() {
            Ok(h) if (1..=10).contains(&h) => d.horizon_years = h,
            _ => errs.push((F::Horizon as usize, "1 to 10 years".into())),
        }
        let state = v(F::State).to_ascii_uppercase();
        d.state = (!state.is_empty()).then_some(state);
        d.erate.nslp_pct = match v(F::Nslp).trim_end_matches('%') {
            "" => None,
            t => match t.parse::<u8>() {
                Ok(n) if n <= 100 => Some(n),
                _ => {
                    errs.push((F::Nslp as usize, "a percentage 0-100".into()));
                    None
                }
            },
        };
        d.erate.rural = match v(F::Rural) {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        Ok(if d == self.base {
            Saved::unchanged("district unchanged".into())
        } else {
            Saved::apply(
                Edit::SetDistrict(d),
                "saved the district profile",
                Select::Nothing,
            )
        })
    }
}

impl App {
    /// `D`: the district profile form.
    pub(crate) fn open_district_form(&mut self) {
        let form = DistrictForm::form(self.plan());
        self.open(form);
    }
}
