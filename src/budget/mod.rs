//! The budget per fiscal year and funding source, against caps.
//!
//! Cost lines come from the inventory (recurring licences and circuits, every year) and from
//! initiatives (one-time cost spread evenly over their quarters, recurring cost from the quarter
//! after they finish). The E-Rate-eligible share of a line (`erate_*_pct`) is reimbursed at the
//! district's C1 or C2 discount when a funding request can exist for the funding year the line
//! falls in (`erate.rs`); Category Two discounts stop once the cycle's C2 budget is used. Under
//! SPI the E-Rate source pays its share in the quarter of spend; under BEAR the district pays
//! the whole outlay and the reimbursement arrives later (`YearBudget::erate_receipts_cents`).
//! All arithmetic is integer cents, and splits distribute remainders so that parts always add up
//! to the whole.

mod caps;
pub mod erate;

use crate::model::Horizon;
use crate::model::{ErateCategory, FiscalYear, GENERAL_FUND, Plan, SpendKind, YearMonth};
use caps::check_caps;
use serde::Serialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearBudget {
    pub fiscal_year: FiscalYear,
    /// The sum of `by_source`.
    pub total_cents: i64,
    /// The overall cap for the year (none if the district set none).
    pub cap_cents: Option<i64>,
    /// True when the overall cap or any source's cap is exceeded this year.
    pub over_cap: bool,
    /// Spend by funding source name; E-Rate reimbursement is its own source.
    pub by_source: BTreeMap<String, i64>,
    pub capital_cents: i64,
    pub operating_cents: i64,
    /// Which caps are exceeded, in words.
    pub over: Vec<String>,
    /// BEAR only: E-Rate reimbursements received this year for earlier outlays (the district
    /// paid them in full; this comes back to it).
    pub erate_receipts_cents: i64,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Budget {
    pub years: Vec<YearBudget>,
    /// Total over the horizon.
    pub horizon_total_cents: i64,
    /// The Category Two five-year budget (pre-discount) for the cycle containing the current year.
    pub c2_budget_cents: i64,
    /// Pre-discount C2 spend planned in that cycle (inside the horizon).
    pub c2_planned_cents: i64,
    /// The E-Rate picture: rates, the C2 cycle with what is committed, the filing calendar.
    pub erate: erate::ErateSummary,
    /// E-Rate money for work inside the horizon that is paid after it (SPI: E-Rate's share of
    /// late work; BEAR: reimbursements that arrive later). So the years' totals plus the SPI
    /// part add up to the work's gross cost.
    pub erate_after_horizon_cents: i64,
    /// Whether `erate_after_horizon_cents` is reimbursement to the district (BEAR) rather than
    /// E-Rate's own share (SPI).
    pub erate_after_horizon_is_receipt: bool,
    pub warnings: Vec<String>,
}

/// Spend accumulated per (quarter, source, E-Rate category, capital/operating) before E-Rate
/// is split off: a dense grid, so rolling up thousands of initiatives is additions only.
struct Grid<'a> {
    first_q: i32,
    quarters: usize,
    /// Source ids: the budget's sources in order, then unknown ids as they are met.
    ids: Vec<&'a str>,
    cells: Vec<i64>,
}

/// E-Rate codes of a cell: none, then (C1, C2) x (recurring, one-time).
const ERATE_KINDS: usize = 5;
const SPEND_KINDS: usize = 2;

impl<'a> Grid<'a> {
    fn new(plan: &'a Plan, horizon: &Horizon) -> Grid<'a> {
        let first_q = horizon.first_quarter().index();
        let quarters = (horizon.last_quarter().index() - first_q + 1).max(0) as usize;
        let ids: Vec<&str> = plan.budget.sources.iter().map(|s| s.id.as_str()).collect();
        let cells = vec![0; quarters * ids.len().max(1) * ERATE_KINDS * SPEND_KINDS];
        Grid {
            first_q,
            quarters,
            ids,
            cells,
        }
    }
    fn source(&mut self, id: &'a str) -> usize {
        if let Some(i) = self.ids.iter().position(|s| *s == id) {
            return i;
        }
        self.ids.push(id);
        let per_source = self.quarters * ERATE_KINDS * SPEND_KINDS;
        self.cells.resize(self.ids.len() * per_source, 0);
        self.ids.len() - 1
    }
    fn index(&self, q: usize, src: usize, erate: Line, spend: SpendKind) -> usize {
        let e = erate.code();
        let s = match spend {
            SpendKind::Capital => 0,
            SpendKind::Operating => 1,
        };
        ((src * self.quarters + q) * ERATE_KINDS + e) * SPEND_KINDS + s
    }
    fn add(&mut self, quarter: i32, src: usize, erate: Line, spend: SpendKind, cents: i64) {
        let q = quarter - self.first_q;
        if q >= 0 && (q as usize) < self.quarters {
            let i = self.index(q as usize, src, erate, spend);
            self.cells[i] += cents;
        }
    }
}

/// What E-Rate may pay of a grid cell: nothing, or a category's recurring or one-time work.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Line {
    None,
    Erate {
        category: ErateCategory,
        recurring: bool,
    },
}

impl Line {
    const ALL: [Line; ERATE_KINDS] = [
        Line::None,
        Line::erate(ErateCategory::C1, true),
        Line::erate(ErateCategory::C1, false),
        Line::erate(ErateCategory::C2, true),
        Line::erate(ErateCategory::C2, false),
    ];
    const fn erate(category: ErateCategory, recurring: bool) -> Line {
        Line::Erate {
            category,
            recurring,
        }
    }
    fn of(cat: Option<ErateCategory>, recurring: bool) -> Line {
        cat.map_or(Line::None, |c| Line::erate(c, recurring))
    }
    fn code(self) -> usize {
        match self {
            Line::None => 0,
            Line::Erate {
                category,
                recurring,
            } => {
                let c = match category {
                    ErateCategory::C1 => 1,
                    ErateCategory::C2 => 3,
                };
                c + usize::from(!recurring)
            }
        }
    }
}

/// `total` split into `n` parts that differ by at most a cent and sum exactly to `total`.
pub fn split_even(total: i64, n: i64, k: i64) -> i64 {
    if n <= 0 {
        return 0;
    }
    total * (k + 1) / n - total * k / n
}

/// An initiative's spend quarter by quarter were it to start at `start`, from `first_q` to
/// `last_q` (quarter indexes): its one-time cost spread evenly over its own quarters (or, when
/// leased, its yearly payments from the start quarter), then its recurring cost from the
/// quarter after it ends, escalated each fiscal year after the first by its own rate or
/// `escalation`. Each entry is (quarter, recurring, cents). The one statement of how an
/// initiative costs money: the budget, the scheduler, the reports and `vcio erate` all use it.
pub fn initiative_quarters(
    ini: &crate::model::Initiative,
    start: crate::model::Quarter,
    first_q: i32,
    last_q: i32,
    escalation: u8,
) -> Vec<(i32, bool, i64)> {
    let (start, n) = (start.index(), i64::from(ini.duration_q()));
    let mut out = Vec::with_capacity(n as usize + 4);
    match ini.lease {
        // A lease pays yearly from the start quarter instead of the cost up front.
        Some(lease) => {
            let payment = lease.payment(ini.one_time_cents);
            let years = i64::from(lease.years.max(1));
            for y in 0..years {
                let q = start + 4 * y as i32;
                // At 0% the last payment takes the remainder, so the payments sum to the cost.
                let cents = if lease.rate_bp == 0 && y + 1 == years {
                    ini.one_time_cents - payment * (years - 1)
                } else {
                    payment
                };
                if (first_q..=last_q).contains(&q) {
                    out.push((q, false, cents));
                }
            }
        }
        None => {
            for k in 0..n {
                let q = start + k as i32;
                if (first_q..=last_q).contains(&q) {
                    out.push((q, false, split_even(ini.one_time_cents, n, k)));
                }
            }
        }
    }
    if ini.recurring_cents > 0 {
        let first = start + n as i32;
        let pct = ini.escalation_pct.unwrap_or(escalation);
        let fy = |q: i32| crate::model::Quarter::from_index(q).fy.0;
        for q in first.max(first_q)..=last_q {
            let years = u32::try_from(fy(q) - fy(first)).unwrap_or(0);
            let annual = crate::model::escalate(ini.recurring_cents, pct, years);
            let qi = i64::from(crate::model::Quarter::from_index(q).q) - 1;
            out.push((q, true, split_even(annual, 4, qi)));
        }
    }
    out
}

/// The discount share of an amount, rounded down to the cent.
pub fn discount_share(cents: i64, pct: u8) -> i64 {
    cents * i64::from(pct.min(100)) / 100
}

/// The inventory's recurring costs per year, by funding source and E-Rate category. They do
/// not change when initiatives move, so the engine computes them once per inventory change
/// instead of walking every item on every keystroke.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InventoryCosts {
    annual: Vec<(String, Option<ErateCategory>, i64)>,
    /// Contracts sunset at their end: (source, E-Rate, annual, last month paid).
    sunset: Vec<(String, Option<ErateCategory>, i64, YearMonth)>,
}

impl InventoryCosts {
    pub fn of(plan: &Plan) -> InventoryCosts {
        let mut sums = InventorySums::default();
        plan.items.iter().for_each(|item| sums.add(item));
        sums.finish()
    }
}

/// Accumulates `InventoryCosts` one item at a time (during the engine's single inventory pass).
#[derive(Debug, Default)]
pub struct InventorySums {
    sums: BTreeMap<(String, u8), (Option<ErateCategory>, i64)>,
    sunset: Vec<(String, Option<ErateCategory>, i64, YearMonth)>,
}

impl InventorySums {
    pub fn add(&mut self, item: &crate::model::Item) {
        let annual = item
            .annual_cost_cents
            .saturating_mul(i64::from(item.quantity));
        if annual == 0 {
            return;
        }
        let code = Line::of(item.erate, true).code() as u8;
        let source = item.funding.as_deref().unwrap_or(GENERAL_FUND);
        if let Some(end) = item.contract_end().filter(|_| !item.renews()) {
            self.sunset
                .push((source.to_string(), item.erate, annual, end));
            return;
        }
        match self.sums.get_mut(&(source.to_string(), code)) {
            Some(entry) => entry.1 += annual,
            None => {
                self.sums
                    .insert((source.to_string(), code), (item.erate, annual));
            }
        }
    }
    pub fn finish(self) -> InventoryCosts {
        InventoryCosts {
            annual: self
                .sums
                .into_iter()
                .map(|((s, _), (e, c))| (s, e, c))
                .collect(),
            sunset: self.sunset,
        }
    }
}

pub fn roll_up(plan: &Plan, horizon: &Horizon) -> Budget {
    roll_up_with(plan, horizon, &InventoryCosts::of(plan))
}

/// The roll-up with the inventory's recurring costs already summed.
pub fn roll_up_with<'a>(
    plan: &'a Plan,
    horizon: &Horizon,
    inventory: &'a InventoryCosts,
) -> Budget {
    let mut grid = Grid::new(plan, horizon);
    let (first_q, last_q) = (grid.first_q, grid.first_q + grid.quarters as i32 - 1);
    let quarter_share = |annual: i64, q: i32| {
        let qi = i64::from(crate::model::Quarter::from_index(q).q) - 1;
        split_even(annual, 4, qi)
    };
    let escalation = plan.budget.escalation();
    let fy_of = |q: i32| crate::model::Quarter::from_index(q).fy.0;
    // Recurring costs in a year `years` after their first, escalated.
    let grown = |annual: i64, pct: u8, years: i32| {
        crate::model::escalate(annual, pct, u32::try_from(years).unwrap_or(0))
    };
    // Existing services were filed for when they began; they stay fundable. Today's prices
    // hold in the current year and rise from the next.
    for (source, erate, annual) in &inventory.annual {
        let src = grid.source(source);
        let line = Line::of(*erate, true);
        for q in first_q..=last_q {
            let cents = grown(*annual, escalation, fy_of(q) - fy_of(first_q));
            grid.add(q, src, line, SpendKind::Operating, quarter_share(cents, q));
        }
    }
    // A sunset contract is paid for the months up to its end and not after.
    for (source, erate, annual, end) in &inventory.sunset {
        let src = grid.source(source);
        let line = Line::of(*erate, true);
        for q in first_q..=last_q {
            let start = horizon
                .calendar
                .quarter_start(crate::model::Quarter::from_index(q));
            let months = i64::from((end.index() - start.index() + 1).clamp(0, 3));
            if months == 0 {
                break;
            }
            let cents = grown(*annual, escalation, fy_of(q) - fy_of(first_q));
            grid.add(
                q,
                src,
                line,
                SpendKind::Operating,
                quarter_share(cents, q) * months / 3,
            );
        }
    }
    let mut timing = erate::Timing::new(plan, horizon);
    for ini in &plan.initiatives {
        // One payer (the common case) is looked up once, not per quarter.
        let one_time_spend = plan.budget.spend_of(ini);
        let single = ini
            .funding_shares
            .is_empty()
            .then(|| grid.source(&ini.funding));
        let mut put = |grid: &mut Grid<'a>, q: i32, recurring: bool, cents: i64| {
            let spend = if recurring {
                SpendKind::Operating
            } else {
                one_time_spend
            };
            for (line, part) in timing.place(ini, q, recurring, cents) {
                match single {
                    Some(src) => grid.add(q, src, line, spend, part),
                    None => {
                        for (payer, share) in ini.split_by_payer(part) {
                            let src = grid.source(payer);
                            grid.add(q, src, line, spend, share);
                        }
                    }
                }
            }
        };
        for (q, recurring, cents) in
            initiative_quarters(ini, ini.start, first_q, last_q, escalation)
        {
            put(&mut grid, q, recurring, cents);
        }
    }
    let mut budget = settle(plan, horizon, &grid);
    budget.warnings.extend(timing.warnings());
    caps::restrictions(plan, horizon, &mut budget.warnings);
    budget
}

fn settle(plan: &Plan, horizon: &Horizon, grid: &Grid) -> Budget {
    let settings = &plan.budget;
    let mut warnings = Vec::new();
    let names: Vec<String> = grid
        .ids
        .iter()
        .enumerate()
        .map(|(i, id)| match settings.sources.get(i) {
            Some(s) => s.name.clone(),
            None => format!("Unfunded ({id})"),
        })
        .collect();
    for id in grid.ids.iter().skip(settings.sources.len()) {
        warnings.push(format!(
            "funding source {id:?} is not in the budget settings: unfunded"
        ));
    }
    let years_n = horizon.years.len();
    // Paid per (year, source), capital and operating per year.
    let mut paid = vec![0i64; years_n * names.len()];
    let mut capital = vec![0i64; years_n];
    let mut operating = vec![0i64; years_n];
    let mut receipts = vec![0i64; years_n];
    let mut after_horizon = 0i64;
    let mut ledger = erate::Ledger::new(plan, horizon);
    // Quarter by quarter, so C2 discounts go to the money committed first.
    for q in 0..grid.quarters {
        let quarter = crate::model::Quarter::from_index(grid.first_q + q as i32);
        let Some(y) = horizon.year_index(quarter.fy) else {
            continue;
        };
        for src in 0..names.len() {
            for line in Line::ALL {
                for spend in [SpendKind::Capital, SpendKind::Operating] {
                    let cents = grid.cells[grid.index(q, src, line, spend)];
                    if cents == 0 {
                        continue;
                    }
                    let r = ledger.reimburse(quarter, line, cents);
                    // E-Rate money booked after the horizon is still E-Rate's, not the
                    // district's: it is left out of the years shown.
                    let ry = horizon.year_index(r.year);
                    match (r.bear, ledger.erate_source()) {
                        (false, Some(e)) => {
                            paid[y * names.len() + src] += cents - r.cents;
                            match ry {
                                Some(ry) => paid[ry * names.len() + e] += r.cents,
                                None => after_horizon += r.cents,
                            }
                        }
                        _ => {
                            paid[y * names.len() + src] += cents;
                            match ry {
                                Some(ry) => receipts[ry] += r.cents,
                                None => after_horizon += r.cents,
                            }
                        }
                    }
                    match spend {
                        SpendKind::Capital => capital[y] += cents,
                        SpendKind::Operating => operating[y] += cents,
                    }
                }
            }
        }
    }
    let mut years: Vec<YearBudget> = horizon
        .years
        .iter()
        .enumerate()
        .map(|(y, fy)| YearBudget {
            fiscal_year: *fy,
            total_cents: 0,
            cap_cents: settings.cap_for(*fy),
            over_cap: false,
            by_source: names
                .iter()
                .enumerate()
                .filter(|(s, _)| paid[y * names.len() + s] != 0)
                .map(|(s, n)| (n.clone(), paid[y * names.len() + s]))
                .collect(),
            capital_cents: capital[y],
            operating_cents: operating[y],
            over: Vec::new(),
            erate_receipts_cents: receipts[y],
        })
        .collect();
    check_caps(plan, &mut years, &mut warnings);
    let summary = ledger.finish(&mut warnings);
    Budget {
        erate_after_horizon_cents: after_horizon,
        erate_after_horizon_is_receipt: summary.reimbursement == "bear",
        horizon_total_cents: years.iter().map(|y| y.total_cents).sum(),
        years,
        c2_budget_cents: summary.c2_budget_cents,
        c2_planned_cents: summary.c2_planned_cents,
        erate: summary,
        warnings,
    }
}

/// Dollars with thousands separators and cents only when there are some: "$1,234" or "$5.50".
pub fn money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let c = cents.unsigned_abs();
    let dollars = crate::assess::group((c / 100) as f64);
    match c % 100 {
        0 => format!("{sign}${dollars}"),
        r => format!("{sign}${dollars}.{r:02}"),
    }
}
