//! The district profile form (`D`, or "district profile" in the finder): name, students, staff,
//! fiscal-year start month, planning horizon, state, lunch-program share and rural. Saving is one
//! `Edit::SetDistrict` (one undo step); the model's validation still has the last word. The
//! schools are listed beside the name; in the finder, "school NAME" edits one and "add school"
//! adds one (`SiteForm`); merging and removing schools is `vcio site merge|remove`.

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
            "no schools yet: Ctrl-p \"add school\"".to_string()
        } else {
            format!("{} (Ctrl-p \"school\" edits one)", schools.join(", "))
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

/// The school (site) form: from the finder, "school NAME" edits one and "add school" adds one.
/// Saving is one `Edit::SetDistrict` with the sites changed (one undo step).
pub struct SiteForm {
    /// The site being edited; none when adding.
    base: Option<crate::model::Site>,
}

#[derive(Debug, Clone, Copy)]
enum S {
    Id,
    Name,
    Students,
    Classrooms,
    Staff,
    Instructional,
    Aliases,
}

const SITE_FIELDS: [S; 7] = [
    S::Id,
    S::Name,
    S::Students,
    S::Classrooms,
    S::Staff,
    S::Instructional,
    S::Aliases,
];

/// What saving a school form does besides saving its fields.
const KEEP: &str = "keep";
const REMOVE: &str = "remove";
const MERGE: &str = "merge into ";

impl SiteForm {
    pub fn form(site: Option<&crate::model::Site>, plan: &Plan) -> Form {
        let blank = crate::model::Site::new("", "");
        let s = site.unwrap_or(&blank);
        let fields = SITE_FIELDS
            .iter()
            .map(|f| match f {
                S::Id if site.is_some() => (Spec::new("Id", super::Input::Fixed), s.id.clone()),
                S::Id => (
                    Spec::text("Id").note("short, no spaces: lhs"),
                    String::new(),
                ),
                S::Name => (Spec::text("Name"), s.name.clone()),
                S::Students => (Spec::text("Students"), s.students.to_string()),
                S::Classrooms => (Spec::text("Classrooms"), s.classrooms.to_string()),
                S::Staff => (Spec::text("Staff"), s.staff.to_string()),
                S::Instructional => (
                    Spec::choice("School", vec!["yes".into(), "no".into()])
                        .note("no: district office, garage (no E-Rate C2 budget)"),
                    if s.instructional { "yes" } else { "no" }.into(),
                ),
                S::Aliases => (
                    Spec::text("Also known as").note("names other systems use, comma-separated"),
                    s.aliases.join(", "),
                ),
            })
            .collect::<Vec<_>>();
        let mut fields = fields;
        if let Some(s) = site {
            // Merge moves its inventory to another school and keeps its names as aliases there;
            // remove is refused while inventory uses it.
            let mut then = vec![KEEP.to_string(), REMOVE.to_string()];
            then.extend(
                plan.district
                    .sites
                    .iter()
                    .filter(|o| o.id != s.id)
                    .map(|o| format!("{MERGE}{}", o.id)),
            );
            fields.push((
                Spec::choice("Then", then).note("keep, remove, or merge into another school"),
                KEEP.to_string(),
            ));
        }
        let title = match site {
            Some(s) => format!("School {}", s.id),
            None => "Add a school or building".into(),
        };
        Form::new(
            title,
            fields,
            Kind::Site(SiteForm {
                base: site.cloned(),
            }),
        )
    }

    pub fn build(&self, values: &[String], plan: &Plan) -> Result<Saved, Errors> {
        let v = |f: S| at(values, f as usize).trim();
        let mut errs: Errors = Vec::new();
        let id = v(S::Id).to_string();
        if id.is_empty() || id.contains(char::is_whitespace) {
            errs.push((S::Id as usize, "a short id without spaces".into()));
        } else if self.base.is_none() && plan.district.site(&id).is_some() {
            errs.push((S::Id as usize, "taken".into()));
        }
        if v(S::Name).is_empty() {
            errs.push((S::Name as usize, "needed".into()));
        }
        let count = |f: S, errs: &mut Errors| -> u32 {
            v(f).replace(',', "").parse().unwrap_or_else(|_| {
                errs.push((f as usize, "a whole number, 0 or more".into()));
                0
            })
        };
        let site = crate::model::Site {
            id: id.clone(),
            name: v(S::Name).to_string(),
            students: count(S::Students, &mut errs),
            classrooms: count(S::Classrooms, &mut errs),
            staff: count(S::Staff, &mut errs),
            instructional: v(S::Instructional) != "no",
            aliases: v(S::Aliases)
                .split(',')
                .map(|a| a.trim().to_string())
                .filter(|a| !a.is_empty())
                .collect(),
        };
        if !errs.is_empty() {
            return Err(errs);
        }
        let then = at(values, SITE_FIELDS.len()).trim();
        let shared = |built: Result<Edit, crate::edit::EditError>, msg: String| {
            built
                .map(|e| Saved::apply(e, &msg, Select::Nothing))
                .map_err(|e| vec![(SITE_FIELDS.len(), e.to_string())])
        };
        if then == REMOVE {
            return shared(
                crate::edit::remove_site(plan, &id),
                format!("removed school {id}"),
            );
        }
        if let Some(into) = then.strip_prefix(MERGE) {
            return shared(
                crate::edit::merge_sites(plan, &id, into),
                format!("merged school {id} into {into}"),
            );
        }
        if self.base.as_ref() == Some(&site) {
            return Ok(Saved::unchanged(format!("school {id} unchanged")));
        }
        let mut d = plan.district.clone();
        match d.sites.iter_mut().find(|s| s.id == id) {
            Some(s) => *s = site,
            None => d.sites.push(site),
        }
        Ok(Saved::apply(
            Edit::SetDistrict(d),
            &format!("saved school {id}"),
            Select::Nothing,
        ))
    }
}

impl App {
    /// The school form: the site at `index` in the district, or a new one.
    pub(crate) fn open_site_form(&mut self, index: Option<usize>) {
        let site = index
            .and_then(|i| self.plan().district.sites.get(i))
            .cloned();
        let form = SiteForm::form(site.as_ref(), self.plan());
        self.open(form);
    }
}
