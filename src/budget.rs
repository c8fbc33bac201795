//! The budget per fiscal year and funding source, against caps.
//!
//! Cost lines come from the inventory (recurring licences and circuits, every year) and from
//! initiatives (one-time cost spread evenly over their quarters, recurring cost from the quarter
//! after they finish). E-Rate-eligible lines are split: the discount share is paid by the E-Rate
//! source, the rest by the line's own source. Category Two discounts stop once the five-year C2
//! budget is used up. All arithmetic is integer cents, and splits distribute remainders so that
//! parts always add up to the whole.

use crate::model::Horizon;
use crate::model::{ErateCategory, FiscalYear, GENERAL_FUND, Plan, SourceKind, SpendKind};
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

const ERATE_KINDS: usize = 3;
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
    fn index(&self, q: usize, src: usize, erate: Option<ErateCategory>, spend: SpendKind) -> usize {
        let e = match erate {
            None => 0,
            Some(ErateCategory::C1) => 1,
            Some(ErateCategory::C2) => 2,
        };
        let s = match spend {
            SpendKind::Capital => 0,
            SpendKind::Operating => 1,
        };
        ((src * self.quarters + q) * ERATE_KINDS + e) * SPEND_KINDS + s
    }
    fn add(
        &mut self,
        quarter: i32,
        src: usize,
        erate: Option<ErateCategory>,
        spend: SpendKind,
        cents: i64,
    ) {
        let q = quarter - self.first_q;
        if q >= 0 && (q as usize) < self.quarters {
            let i = self.index(q as usize, src, erate, spend);
            self.cells[i] += cents;
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
}

impl InventorySums {
    pub fn add(&mut self, item: &crate::model::Item) {
        let annual = item
            .annual_cost_cents
            .saturating_mul(i64::from(item.quantity));
        if annual == 0 {
            return;
        }
        let code = match item.erate {
            None => 0,
            Some(ErateCategory::C1) => 1,
            Some(ErateCategory::C2) => 2,
        };
        let source = item.funding.as_deref().unwrap_or(GENERAL_FUND);
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
        }
    }
}

pub fn roll_up(plan: &Plan, horizon: &Horizon) -> Budget {
    roll_up_with(plan, horizon, &InventoryCosts::of(plan))
}

/// The roll-up with the inventory's recurring costs already summed.
pub fn roll_up_with(plan: &Plan, horizon: &Horizon, inventory: &InventoryCosts) -> Budget {
    let mut grid = Grid::new(plan, horizon);
    let (first_q, last_q) = (grid.first_q, grid.first_q + grid.quarters as i32 - 1);
    let quarter_share = |annual: i64, q: i32| {
        let qi = i64::from(crate::model::Quarter::from_index(q).q) - 1;
        split_even(annual, 4, qi)
    };
    for (source, erate, annual) in &inventory.annual {
        let src = grid.source(source);
        for q in first_q..=last_q {
            grid.add(
                q,
                src,
                *erate,
                SpendKind::Operating,
                quarter_share(*annual, q),
            );
        }
    }
    for ini in &plan.initiatives {
        let src = grid.source(&ini.funding);
        let (start, n) = (ini.start.index(), i64::from(ini.duration_q()));
        for k in 0..n {
            grid.add(
                start + k as i32,
                src,
                ini.erate,
                ini.spend,
                split_even(ini.one_time_cents, n, k),
            );
        }
        if ini.recurring_cents > 0 {
            for q in (ini.end().index() + 1).max(first_q)..=last_q {
                grid.add(
                    q,
                    src,
                    ini.erate,
                    SpendKind::Operating,
                    quarter_share(ini.recurring_cents, q),
                );
            }
        }
    }
    settle(plan, horizon, &grid)
}

fn settle(plan: &Plan, horizon: &Horizon, grid: &Grid) -> Budget {
    let settings = &plan.budget;
    let (c1_pct, c2_pct) = plan.district.erate_rates();
    let erate_source = settings
        .sources
        .iter()
        .position(|s| s.kind == SourceKind::Erate);
    let c2 = &settings.c2;
    let c2_budget = c2.budget_cents(plan.district.students);
    let cycle_of = |fy: FiscalYear| (fy.0 - c2.first_fy.0).div_euclid(5);
    let mut c2_used: BTreeMap<i32, i64> = BTreeMap::new();
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
    // Quarter by quarter, so C2 discounts go to the money committed first.
    for q in 0..grid.quarters {
        let quarter = crate::model::Quarter::from_index(grid.first_q + q as i32);
        let Some(y) = horizon.year_index(quarter.fy) else {
            continue;
        };
        for src in 0..names.len() {
            for erate in [None, Some(ErateCategory::C1), Some(ErateCategory::C2)] {
                for spend in [SpendKind::Capital, SpendKind::Operating] {
                    let cents = grid.cells[grid.index(q, src, erate, spend)];
                    if cents == 0 {
                        continue;
                    }
                    let reimbursed = match (erate, erate_source) {
                        (Some(ErateCategory::C1), Some(_)) => discount_share(cents, c1_pct),
                        (Some(ErateCategory::C2), Some(_)) => {
                            let used = c2_used.entry(cycle_of(quarter.fy)).or_insert(0);
                            let eligible = cents.min((c2_budget - *used).max(0));
                            *used += cents;
                            discount_share(eligible, c2_pct)
                        }
                        _ => 0,
                    };
                    paid[y * names.len() + src] += cents - reimbursed;
                    if let Some(e) = erate_source {
                        paid[y * names.len() + e] += reimbursed;
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
        })
        .collect();
    check_caps(plan, &mut years, &mut warnings);
    let current_cycle = cycle_of(horizon.current());
    let c2_planned = c2_used.get(&current_cycle).copied().unwrap_or(0);
    for (cycle, used) in &c2_used {
        if *used > c2_budget {
            let first = c2.first_fy.0 + cycle * 5;
            warnings.push(format!(
                "E-Rate C2 budget FY{first}-FY{} exceeded by {}: the excess gets no discount",
                first + 4,
                money(used - c2_budget)
            ));
        }
    }
    Budget {
        horizon_total_cents: years.iter().map(|y| y.total_cents).sum(),
        years,
        c2_budget_cents: c2_budget,
        c2_planned_cents: c2_planned,
        warnings,
    }
}

/// Totals each year and marks every cap it exceeds: overall, per source, grant awards.
fn check_caps(plan: &Plan, years: &mut [YearBudget], warnings: &mut Vec<String>) {
    let settings = &plan.budget;
    let mut grant_spent: BTreeMap<&str, i64> = BTreeMap::new();
    for yb in years.iter_mut() {
        yb.total_cents = yb.by_source.values().sum();
        if let Some(cap) = yb.cap_cents.filter(|cap| yb.total_cents > *cap) {
            yb.over.push(format!(
                "total over the {} cap by {}",
                yb.fiscal_year,
                money(yb.total_cents - cap)
            ));
        }
        for s in &settings.sources {
            let spent = yb.by_source.get(&s.name).copied().unwrap_or(0);
            if let Some(cap) = s.annual_cap_cents.filter(|cap| spent > *cap) {
                yb.over.push(format!(
                    "{} over its annual cap by {}",
                    s.name,
                    money(spent - cap)
                ));
            }
            if spent > 0
                && s.kind == SourceKind::Grant
                && !s.years.is_empty()
                && !s.years.contains(&yb.fiscal_year)
            {
                warnings.push(format!(
                    "{} pays {} in {}, outside the grant's years",
                    s.name,
                    money(spent),
                    yb.fiscal_year
                ));
            }
            if let Some(award) = s.award_cents {
                let total = grant_spent.entry(&s.name).or_insert(0);
                let before = *total;
                *total += spent;
                if *total > award && spent > 0 {
                    yb.over.push(format!(
                        "{} over its award by {}",
                        s.name,
                        money(*total - award.max(before))
                    ));
                }
            }
        }
        yb.over_cap = !yb.over.is_empty();
        for o in &yb.over {
            warnings.push(format!("{}: {o}", yb.fiscal_year));
        }
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
