//! E-Rate in the budget: which share of a line can be reimbursed and when.
//!
//! - [`Timing`] places an initiative's line: its eligible share goes to E-Rate only when a
//!   funding request can exist for the funding year the work falls in (as of the plan's date);
//!   otherwise it is paid in full by its own source and a warning names the earliest fundable
//!   quarter.
//! - [`Ledger`] reimburses the E-Rate cells of the grid at the C1 or C2 discount, charging C2
//!   to its cycle's budget (sized from the schools, less what is committed), and says when the
//!   money arrives: with the spend under SPI, two quarters after invoicing under BEAR.
//! - [`ErateSummary`] is what `vcio budget`, `vcio erate` and the reports show.

use super::{Line, discount_share, money};
use crate::model::erate::{C2Budget, C2Method, ErateProgram, both_names, funding_year_of, program};
use crate::model::{
    ErateCategory, FiscalCalendar, FiscalYear, Horizon, Initiative, Plan, Quarter, Reimbursement,
    SourceKind, YearMonth,
};
use chrono::NaiveDate;
use serde::Serialize;
use std::collections::BTreeMap;

/// One filing date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Deadline {
    pub date: NaiveDate,
    pub funding_year: i32,
    pub what: String,
}

/// The E-Rate picture of a plan as of its date.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct ErateSummary {
    pub c1_pct: u8,
    pub c2_pct: u8,
    /// "spi" or "bear".
    pub reimbursement: &'static str,
    /// The funding year the plan's date falls in, and its name with the district's.
    pub funding_year: i32,
    pub funding_year_name: String,
    /// The C2 cycle containing the current funding year.
    pub c2_cycle: String,
    pub c2_budget_cents: i64,
    pub c2_method: Option<C2Method>,
    /// Committed or pending before this plan (an input).
    pub c2_committed_cents: i64,
    /// C2 this plan spends in the cycle (pre-discount, eligible share only).
    pub c2_planned_cents: i64,
    pub c2_remaining_cents: i64,
    /// Whether the cycle's figures are the FCC's (false: carried forward).
    pub c2_figures_known: bool,
    /// The filing dates still ahead, soonest first.
    pub deadlines: Vec<Deadline>,
}

impl ErateSummary {
    /// The lines the budget and the reports print about E-Rate (rates, C2, next deadline).
    pub fn lines(&self) -> Vec<String> {
        let e = self;
        let mut out = vec![
            if e.c1_pct == 0 && e.c2_pct == 0 {
                // No discount recorded is a missing fact, not a district without E-Rate.
                format!(
                    "E-Rate: discounts not recorded, so no reimbursement is counted (vcio district set nslp_pct=N rural=true|false, or erate_c1_pct / erate_c2_pct); now {}",
                    e.funding_year_name
                )
            } else {
                format!(
                    "E-Rate: C1 {}%, C2 {}% ({}); now {}",
                    e.c1_pct,
                    e.c2_pct,
                    e.reimbursement.to_uppercase(),
                    e.funding_year_name
                )
            },
            format!(
                "C2 budget {}: {} ({}), committed {}, planned {}, remaining {}",
                e.c2_cycle,
                money(e.c2_budget_cents),
                match e.c2_method {
                    Some(crate::model::erate::C2Method::PerSchool) => "sized school by school",
                    _ => "sized district-wide",
                },
                money(e.c2_committed_cents),
                money(e.c2_planned_cents),
                money(e.c2_remaining_cents)
            ),
        ];
        if let Some(d) = e.deadlines.first() {
            out.push(format!(
                "Next E-Rate deadline: {} {}",
                d.date.format("%-d %b %Y"),
                d.what
            ));
        }
        out
    }
}

/// The E-Rate summary before any initiative: rates, the current C2 budget and what the
/// district has committed, the deadlines.
pub fn summary_before_plan(plan: &Plan, horizon: &Horizon) -> ErateSummary {
    Ledger::new(plan, horizon).finish(&mut Vec::new())
}

fn district_fy_of_july(cal: FiscalCalendar, funding_year: i32) -> i32 {
    YearMonth::new(funding_year, 7).map_or(funding_year + 1, |ym| cal.fy_of(ym).0)
}

/// A funding year with the district's name for it.
pub fn name(cal: FiscalCalendar, funding_year: i32) -> String {
    both_names(funding_year, district_fy_of_july(cal, funding_year))
}

/// Lines that lost their reimbursement to timing, per initiative and kind of cost.
struct Lost {
    title: String,
    category: ErateCategory,
    first: Quarter,
    funding_year: i32,
    eligible_cents: i64,
}

pub(super) struct Timing<'a> {
    program: &'static ErateProgram,
    cal: FiscalCalendar,
    as_of: NaiveDate,
    filed: &'a [i32],
    rates: (u8, u8),
    lost: BTreeMap<(String, bool), Lost>,
}

impl<'a> Timing<'a> {
    pub fn new(plan: &'a Plan, horizon: &Horizon) -> Timing<'a> {
        Timing {
            program: program(),
            cal: horizon.calendar,
            as_of: horizon.as_of,
            filed: &plan.district.erate.filed_years,
            rates: plan.district.erate_rates(),
            lost: BTreeMap::new(),
        }
    }

    /// An initiative's cost in quarter `q` as (line, cents) parts: the eligible share as E-Rate
    /// work when a request can exist for it, the rest (or all) as ordinary spend.
    pub fn place(
        &mut self,
        ini: &Initiative,
        q: i32,
        recurring: bool,
        cents: i64,
    ) -> [(Line, i64); 2] {
        let Some(category) = ini.erate else {
            return [(Line::None, cents), (Line::None, 0)];
        };
        let eligible = cents * i64::from(ini.eligible_pct(recurring)) / 100;
        let quarter = Quarter::from_index(q);
        let ym = self.cal.quarter_start(quarter);
        let fy = self.program.funding_year_for(ym, category, recurring);
        if eligible > 0 && !self.program.request_possible(fy, self.as_of, self.filed) {
            let lost = self
                .lost
                .entry((ini.id.clone(), recurring))
                .or_insert_with(|| Lost {
                    title: ini.title.clone(),
                    category,
                    first: quarter,
                    funding_year: fy,
                    eligible_cents: 0,
                });
            lost.eligible_cents += eligible;
            return [(Line::None, cents), (Line::None, 0)];
        }
        [
            (
                Line::Erate {
                    category,
                    recurring,
                },
                eligible,
            ),
            (Line::None, cents - eligible),
        ]
    }

    pub fn warnings(self) -> Vec<String> {
        self.lost
            .into_iter()
            .map(|((id, recurring), l)| {
                let (pct, cat) = match l.category {
                    ErateCategory::C1 => (self.rates.0, "C1"),
                    ErateCategory::C2 => (self.rates.1, "C2"),
                };
                let start = self.cal.quarter_start(l.first);
                let earliest = self.program.earliest_fundable(
                    start,
                    l.category,
                    recurring,
                    self.as_of,
                    self.filed,
                );
                let (_, closes) = self.program.window(l.funding_year);
                format!(
                    "{id} {}: {cat} {} from {} ({}) falls in {}, whose Form 471 window closed {} with no request filed: {} of E-Rate is not counted; the earliest fundable quarter is {} ({})",
                    l.title,
                    if recurring { "service" } else { "work" },
                    l.first,
                    month_year(start),
                    name(self.cal, l.funding_year),
                    closes.format("%-d %b %Y"),
                    money(discount_share(l.eligible_cents, pct)),
                    self.cal.quarter_of(earliest),
                    month_year(earliest),
                )
            })
            .collect()
    }
}

fn month_year(ym: YearMonth) -> String {
    format!("{} {}", crate::model::time::month_name(ym.month), ym.year)
}

/// What E-Rate pays of one cell, and when.
pub(super) struct Reimbursed {
    pub cents: i64,
    /// SPI: the district pays only its share; E-Rate's share is booked in `year`.
    /// BEAR: the district pays everything; the reimbursement reaches it in `year`.
    pub bear: bool,
    pub year: FiscalYear,
}

pub(super) struct Ledger<'a> {
    plan: &'a Plan,
    program: &'static ErateProgram,
    cal: FiscalCalendar,
    rates: (u8, u8),
    bear: bool,
    erate_source: Option<usize>,
    current_fy: i32,
    as_of: NaiveDate,
    /// C2 budget and pre-discount use per cycle (by its first funding year).
    cycles: BTreeMap<i32, (C2Budget, i64)>,
    /// Funding year -> its cycle's first year: sizing a cycle walks the schools, so it is done
    /// once per cycle, not once per grid cell.
    cycle_of: BTreeMap<i32, i32>,
}

impl<'a> Ledger<'a> {
    pub fn new(plan: &'a Plan, horizon: &Horizon) -> Ledger<'a> {
        let mut l = Ledger {
            plan,
            program: program(),
            cal: horizon.calendar,
            rates: plan.district.erate_rates(),
            bear: plan.district.erate.reimbursement == Some(Reimbursement::Bear),
            erate_source: plan
                .budget
                .sources
                .iter()
                .position(|s| s.kind == SourceKind::Erate),
            current_fy: funding_year_of(YearMonth::of(horizon.as_of)),
            as_of: horizon.as_of,
            cycles: BTreeMap::new(),
            cycle_of: BTreeMap::new(),
        };
        // The current cycle is always reported, planned or not.
        l.cycle(l.current_fy);
        l
    }

    pub fn erate_source(&self) -> Option<usize> {
        self.erate_source
    }

    /// The cycle containing a funding year: its budget and what is used of it so far (the
    /// current cycle starts at what the district has committed already).
    fn cycle(&mut self, fy: i32) -> Option<&mut (C2Budget, i64)> {
        if let Some(first) = self.cycle_of.get(&fy) {
            return self.cycles.get_mut(first);
        }
        let budget = self.program.c2_budget(&self.plan.district, fy)?;
        self.cycle_of.insert(fy, budget.first_year);
        let committed = if (budget.first_year..=budget.last_year).contains(&self.current_fy) {
            self.plan.district.erate.c2_committed_cents.max(0)
        } else {
            0
        };
        Some(
            self.cycles
                .entry(budget.first_year)
                .or_insert((budget, committed)),
        )
    }

    pub fn reimburse(&mut self, quarter: Quarter, line: Line, cents: i64) -> Reimbursed {
        let none = Reimbursed {
            cents: 0,
            bear: false,
            year: quarter.fy,
        };
        let Line::Erate {
            category,
            recurring,
        } = line
        else {
            return none;
        };
        if self.erate_source.is_none() {
            return none;
        }
        let start = self.cal.quarter_start(quarter);
        let fy = self.program.funding_year_for(start, category, recurring);
        let (c1, c2) = self.rates;
        let r = match category {
            ErateCategory::C1 => discount_share(cents, c1),
            ErateCategory::C2 => match self.cycle(fy) {
                Some((budget, used)) => {
                    let eligible = cents.min((budget.budget_cents - *used).max(0));
                    *used += cents;
                    discount_share(eligible, c2)
                }
                None => 0,
            },
        };
        let july = YearMonth::new(fy, 7).unwrap_or(start);
        if !self.bear {
            // SPI: nothing is invoiced before 1 July of the funding year, so E-Rate's share of
            // work installed early (April-June) lands in the funding year, not before it.
            return Reimbursed {
                cents: r,
                bear: false,
                year: self.cal.fy_of(start.max(july)),
            };
        }
        // BEAR: invoiced after the quarter's work and not before 1 July of the funding year;
        // paid about two quarters later.
        let invoice = self.cal.quarter_end(quarter).plus_months(1).max(july);
        Reimbursed {
            cents: r,
            bear: true,
            year: self.cal.fy_of(invoice.plus_months(6)),
        }
    }

    /// The summary, and a warning for each cycle planned past its budget.
    pub fn finish(mut self, warnings: &mut Vec<String>) -> ErateSummary {
        let current = self.current_fy;
        let committed = self.plan.district.erate.c2_committed_cents.max(0);
        for (budget, used) in self.cycles.values() {
            if *used > budget.budget_cents {
                warnings.push(format!(
                    "E-Rate C2 budget {} exceeded by {}: the excess gets no discount",
                    self.cycle_name(budget),
                    money(used - budget.budget_cents)
                ));
            }
        }
        let (budget, used) = self.cycle(current).map(|(b, u)| (b.clone(), *u)).unzip();
        let (c1_pct, c2_pct) = self.rates;
        let budget_cents = budget.as_ref().map_or(0, |b| b.budget_cents);
        let used = used.unwrap_or(committed);
        ErateSummary {
            c1_pct,
            c2_pct,
            reimbursement: if self.bear { "bear" } else { "spi" },
            funding_year: current,
            funding_year_name: name(self.cal, current),
            c2_cycle: budget
                .as_ref()
                .map(|b| self.cycle_name(b))
                .unwrap_or_default(),
            c2_budget_cents: budget_cents,
            c2_method: budget.as_ref().map(|b| b.method),
            c2_committed_cents: committed,
            c2_planned_cents: used - committed,
            c2_remaining_cents: (budget_cents - used).max(0),
            c2_figures_known: budget.as_ref().is_some_and(|b| b.figures_known),
            deadlines: deadlines(self.program, self.cal, self.as_of, current, 3),
        }
    }

    fn cycle_name(&self, b: &C2Budget) -> String {
        format!(
            "E-Rate FY{}-FY{} (district FY{}-FY{})",
            b.first_year,
            b.last_year,
            district_fy_of_july(self.cal, b.first_year),
            district_fy_of_july(self.cal, b.last_year)
        )
    }
}

/// The filing dates of `years` funding years from `first`, soonest first.
pub fn deadlines(
    p: &ErateProgram,
    cal: FiscalCalendar,
    from: NaiveDate,
    first: i32,
    years: i32,
) -> Vec<Deadline> {
    let mut out = Vec::new();
    for fy in first..first + years {
        let n = name(cal, fy);
        let (opens, closes) = p.window(fy);
        let start = NaiveDate::from_ymd_opt(fy, 7, 1).unwrap_or(NaiveDate::MIN);
        let end = NaiveDate::from_ymd_opt(fy + 1, 6, 30).unwrap_or(NaiveDate::MAX);
        let days = chrono::Duration::days;
        for (date, what) in [
            (
                p.form470_last(fy),
                format!("last day to post a Form 470 for {n} (28 days before the window closes)"),
            ),
            (opens, format!("Form 471 window opens for {n}")),
            (closes, format!("Form 471 window closes for {n}")),
            (
                start + days(p.form486_days),
                format!("Form 486 due for {n} services starting 1 July (120 days)"),
            ),
            (
                end + days(p.invoice_days),
                format!("last day to invoice {n} recurring services (120 days after 30 June)"),
            ),
        ] {
            if date >= from {
                out.push(Deadline {
                    date,
                    funding_year: fy,
                    what,
                });
            }
        }
    }
    out.sort_by_key(|d| d.date);
    out
}
