//! Reports for people outside the workbench: a board report in Markdown or one self-contained
//! HTML file, initiatives as CSV for spreadsheets, and the plan with everything derived as JSON.
//!
//! Every renderer is a pure function of a `ReportInput` (the plan, the standards library and the
//! `Derived` data an `Engine` computed) returning a `String`. The facts the renderers share
//! (failing standards with their fixes, per-year spend of each initiative, the timeline) are
//! computed once here so the Markdown, HTML and CSV always agree.

pub mod attribution;
pub mod csv;
pub mod follow;
pub mod frameworks;
pub mod html;
pub mod html_chart;
pub mod html_timeline;
pub mod json;
pub mod markdown;

use crate::assess::Status;
use crate::budget::money;
use crate::derive::{Derived, Fix, Horizon, YearAssessment};
use crate::model::time::month_name;
use crate::model::{FiscalYear, Initiative, Plan, Quarter, SourceKind};
use crate::standards::{Library, Standard};
use chrono::NaiveDate;

pub use self::csv::render as csv;
pub use self::html::render as html;
pub use self::json::render as json;
pub use self::markdown::render as markdown;

/// What every report is rendered from. `derived` must come from an `Engine` built on `plan`
/// with `library` (so outcomes and fixes are in library order).
#[derive(Clone, Copy)]
pub struct ReportInput<'a> {
    pub session: &'a str,
    pub as_of: NaiveDate,
    pub plan: &'a Plan,
    pub library: &'a Library,
    pub derived: &'a Derived,
    /// The session log, so the follow-through section can say which entries changed the plan
    /// since its baseline (empty when there is none to read).
    pub log: &'a [crate::follow::baseline::LogLine<'a>],
}

/// A standard in a given state in the current fiscal year, with what the roadmap does about it.
pub struct Finding<'a> {
    pub standard: &'a Standard,
    pub evidence: &'a str,
    /// Initiatives that resolve it, earliest completion first.
    pub fixes: &'a [Fix],
    /// The first later horizon year the roadmap makes it pass, if any.
    pub met_from: Option<FiscalYear>,
}

/// A standard met now that stops being met in a later year even with the roadmap.
pub struct ComingFailure<'a> {
    pub standard: &'a Standard,
    pub fiscal_year: FiscalYear,
    pub evidence: &'a str,
    pub fixes: &'a [Fix],
    /// The first year after `fiscal_year` it is met again with the roadmap, if any.
    pub met_from: Option<FiscalYear>,
}

/// What the roadmap does about a standard, in words for the report.
pub enum Remedy {
    /// Initiatives that name it in `resolves`: "INI-008 Backup (done FY2027-Q4); met from FY2028".
    Named(String),
    /// No initiative names it, but the roadmap's effects (refreshes, answers) make it pass.
    Effects(String),
    /// Nothing on the roadmap makes it pass within the horizon.
    Unaddressed,
}

impl Remedy {
    pub fn text(&self) -> &str {
        match self {
            Remedy::Named(t) | Remedy::Effects(t) => t,
            Remedy::Unaddressed => "Not addressed by the roadmap",
        }
    }
}

impl<'a> ReportInput<'a> {
    /// Per horizon year: its index, the assessment with the roadmap and the one if nothing is
    /// done (the pairs every compliance table and chart walks).
    pub fn years(
        &self,
    ) -> impl Iterator<Item = (usize, &'a YearAssessment, &'a YearAssessment)> + use<'a> {
        let derived = self.derived;
        derived
            .projected
            .iter()
            .zip(&derived.baseline)
            .enumerate()
            .map(|(i, (p, b))| (i, p, b))
    }

    pub fn district(&self) -> &'a str {
        &self.plan.district.name
    }
    pub fn horizon(&self) -> &'a Horizon {
        &self.derived.horizon
    }
    /// The current fiscal year with the roadmap (work done before "now" counts).
    pub fn now(&self) -> Option<&'a YearAssessment> {
        self.derived.projected.first()
    }
    pub fn total_standards(&self) -> usize {
        self.library.standards.len()
    }

    /// Standards with `status` in the current year, most severe first, then by id.
    pub fn findings(&self, status: Status) -> Vec<Finding<'a>> {
        let Some(now) = self.now() else {
            return Vec::new();
        };
        let mut v: Vec<Finding<'a>> = self
            .library
            .standards
            .iter()
            .enumerate()
            .filter_map(|(i, s)| {
                let o = now.outcomes.get(i)?;
                (o.status == status).then(|| Finding {
                    standard: s,
                    evidence: &o.evidence,
                    fixes: self.fixes(i),
                    met_from: self.passes_after(i, 0),
                })
            })
            .collect();
        v.sort_by(|a, b| {
            a.standard
                .severity
                .cmp(&b.standard.severity)
                .then_with(|| a.standard.id.cmp(&b.standard.id))
        });
        v
    }

    /// Standards met now that fail in a later year with the roadmap as planned, by the year
    /// they first fail, then severity.
    pub fn coming_failures(&self) -> Vec<ComingFailure<'a>> {
        let Some(now) = self.now() else {
            return Vec::new();
        };
        let mut v = Vec::new();
        for (i, s) in self.library.standards.iter().enumerate() {
            if now.outcomes.get(i).map(|o| o.status) != Some(Status::Pass) {
                continue;
            }
            let first_fail = self.derived.projected.iter().skip(1).find_map(|y| {
                y.outcomes
                    .get(i)
                    .filter(|o| o.status == Status::Fail)
                    .map(|o| (y.fiscal_year, o.evidence.as_str()))
            });
            if let Some((fiscal_year, evidence)) = first_fail {
                let y = self.horizon().year_index(fiscal_year).unwrap_or(0);
                v.push(ComingFailure {
                    standard: s,
                    fiscal_year,
                    evidence,
                    fixes: self.fixes(i),
                    met_from: self.passes_after(i, y),
                });
            }
        }
        v.sort_by(|a, b| {
            a.fiscal_year
                .cmp(&b.fiscal_year)
                .then_with(|| a.standard.severity.cmp(&b.standard.severity))
                .then_with(|| a.standard.id.cmp(&b.standard.id))
        });
        v
    }

    /// The first projected year after horizon year `after` in which standard `i` passes.
    fn passes_after(&self, i: usize, after: usize) -> Option<FiscalYear> {
        self.derived
            .projected
            .iter()
            .skip(after + 1)
            .find(|y| y.outcomes.get(i).map(|o| o.status) == Some(Status::Pass))
            .map(|y| y.fiscal_year)
    }

    /// What the roadmap does about a standard: the initiatives naming it, else the work with
    /// effects that completes in the year it starts to pass, else nothing.
    pub fn remedy(
        &self,
        standard: &Standard,
        fixes: &[Fix],
        met_from: Option<FiscalYear>,
    ) -> Remedy {
        let met = met_from
            .map(|y| format!("; met from {y}"))
            .unwrap_or_default();
        if let Some(t) = self.fix_text(fixes) {
            return Remedy::Named(format!("{t}{met}"));
        }
        let Some(fy) = met_from else {
            return Remedy::Unaddressed;
        };
        let h = self.horizon();
        let Some(y) = h.year_index(fy) else {
            return Remedy::Unaddressed;
        };
        let done_in_year: Vec<String> = self
            .initiatives()
            .into_iter()
            .filter(|i| attribution::touches(i, standard))
            .filter(|i| h.first_year_done(h.completion_date(i.end())) == Some(y))
            .map(|i| format!("{} (done {})", i.id, i.end()))
            .collect();
        if done_in_year.is_empty() {
            Remedy::Effects(format!("Met from {fy} with the roadmap"))
        } else {
            Remedy::Effects(format!(
                "Met from {fy} as roadmap work completes: {}",
                done_in_year.join("; ")
            ))
        }
    }

    /// How many findings nothing on the roadmap addresses.
    pub fn unaddressed(&self, list: &[Finding]) -> usize {
        list.iter()
            .filter(|f| {
                matches!(
                    self.remedy(f.standard, f.fixes, f.met_from),
                    Remedy::Unaddressed
                )
            })
            .count()
    }

    fn fixes(&self, standard: usize) -> &'a [Fix] {
        self.derived
            .fixes
            .get(standard)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// "INI-008 Immutable cloud backup (done FY2027-Q4)" for each fix, or `None` if none.
    pub fn fix_text(&self, fixes: &[Fix]) -> Option<String> {
        if fixes.is_empty() {
            return None;
        }
        let parts: Vec<String> = fixes
            .iter()
            .map(|f| match self.plan.initiative(&f.initiative) {
                Some(ini) => format!("{} {} (done {})", f.initiative, ini.title, f.done),
                None => format!("{} (done {})", f.initiative, f.done),
            })
            .collect();
        Some(parts.join("; "))
    }

    /// Initiatives in roadmap order: by start quarter, then id.
    pub fn initiatives(&self) -> Vec<&'a Initiative> {
        let mut v: Vec<&Initiative> = self.plan.initiatives.iter().collect();
        v.sort_by(|a, b| a.start.cmp(&b.start).then_with(|| a.id.cmp(&b.id)));
        v
    }

    /// Every quarter of the horizon, in order.
    pub fn quarters(&self) -> Vec<Quarter> {
        let h = self.horizon();
        let (first, last) = (h.first_quarter().index(), h.last_quarter().index());
        (first..=last).map(Quarter::from_index).collect()
    }

    /// "Jul-Sep 2026": the months a quarter covers.
    pub fn quarter_months(&self, q: Quarter) -> String {
        let cal = self.horizon().calendar;
        let (a, b) = (cal.quarter_start(q), cal.quarter_end(q));
        if a.year == b.year {
            format!("{}-{} {}", month_name(a.month), month_name(b.month), b.year)
        } else {
            format!(
                "{} {}-{} {}",
                month_name(a.month),
                a.year,
                month_name(b.month),
                b.year
            )
        }
    }

    /// Whether the initiative's work happens in quarter `q`.
    pub fn active(ini: &Initiative, q: Quarter) -> bool {
        ini.start <= q && q <= ini.end()
    }

    /// What an initiative costs in each horizon year (one-time share plus recurring cost once
    /// done), before E-Rate reimbursement: the same arithmetic as the budget roll-up, so the
    /// per-year columns of all initiatives plus inventory running costs equal the budget.
    pub fn spend_by_year(&self, ini: &Initiative) -> Vec<i64> {
        let escalation = self.plan.budget.escalation();
        spend_by_year(ini, self.horizon(), escalation)
    }

    /// A funding source's name from its id, or the id marked as unknown.
    pub fn source_name(&self, id: &str) -> String {
        self.plan
            .budget
            .source(id)
            .map(|s| s.name.clone())
            .unwrap_or_else(|| format!("{id} (not a funding source)"))
    }

    /// One line per cap, award and discount that bounds the budget (unescaped text).
    pub fn cap_lines(&self) -> Vec<String> {
        let s = &self.plan.budget;
        let mut lines = Vec::new();
        if let Some(cap) = s.annual_cap_cents {
            lines.push(format!("Overall technology budget: {} a year", money(cap)));
        }
        for (fy, cap) in &s.caps_by_year {
            lines.push(format!("Overall cap in {fy}: {}", money(*cap)));
        }
        for src in &s.sources {
            let mut terms = Vec::new();
            if let Some(c) = src.annual_cap_cents {
                terms.push(format!("at most {} a year", money(c)));
            }
            if let Some(a) = src.award_cents {
                terms.push(format!("award {}", money(a)));
            }
            if !src.years.is_empty() {
                let ys: Vec<String> = src.years.iter().map(|y| y.to_string()).collect();
                terms.push(format!("spendable in {}", ys.join(", ")));
            }
            if src.kind == SourceKind::Erate {
                let e = &self.derived.budget.erate;
                terms.push(format!(
                    "C1 {}% and C2 {}% discount on the eligible share of each line, when a funding request can be filed for it",
                    e.c1_pct, e.c2_pct
                ));
            }
            if terms.is_empty() {
                terms.push("no cap".into());
            }
            lines.push(format!("{}: {}", src.name, terms.join(", ")));
        }
        lines.extend(self.derived.budget.erate.lines());
        lines
    }

    /// Compliance "84 of 122 (69%)".
    pub fn compliance_text(&self, y: &YearAssessment) -> String {
        format!(
            "{} of {} ({:.0}%)",
            y.passing,
            y.outcomes.len(),
            y.compliance() * 100.0
        )
    }
}

/// See `ReportInput::spend_by_year`.
pub fn spend_by_year(ini: &Initiative, h: &Horizon, escalation: u8) -> Vec<i64> {
    let mut years = vec![0i64; h.years.len()];
    let (first, last) = (h.first_quarter().index(), h.last_quarter().index());
    for (q, _, cents) in crate::budget::initiative_quarters(ini, ini.start, first, last, escalation)
    {
        if let Some(y) = h.year_index(Quarter::from_index(q).fy) {
            years[y] += cents;
        }
    }
    years
}

/// "22 November 2026": the as-of date as a board would write it.
pub fn long_date(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Severity headings in board language.
pub fn severity_heading(s: crate::standards::Severity) -> &'static str {
    use crate::standards::Severity::*;
    match s {
        Critical => "Critical",
        High => "High",
        Medium => "Medium",
        Low => "Low",
    }
}
