//! The budget per fiscal year and funding source, against caps.
//!
//! Cost lines come from the inventory (recurring licences and circuits, every year) and from
//! initiatives (one-time cost spread evenly over their quarters, recurring cost from the quarter
//! after they finish). E-Rate-eligible lines are split: the discount share is paid by the E-Rate
//! source, the rest by the line's own source. Category Two discounts stop once the five-year C2
//! budget is used up. All arithmetic is integer cents, and splits distribute remainders so that
//! parts always add up to the whole.

use crate::derive::horizon::Horizon;
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

/// One amount of spending in one quarter, before E-Rate is split off.
struct Line<'a> {
    quarter: i32,
    cents: i64,
    source: &'a str,
    erate: Option<ErateCategory>,
    spend: SpendKind,
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

pub fn roll_up(plan: &Plan, horizon: &Horizon) -> Budget {
    let first_q = horizon.first_quarter().index();
    let last_q = horizon.last_quarter().index();
    let in_horizon = |q: i32| (first_q..=last_q).contains(&q);
    let mut lines: Vec<Line> = Vec::new();

    for item in &plan.items {
        let annual = item
            .annual_cost_cents
            .saturating_mul(i64::from(item.quantity));
        if annual == 0 {
            continue;
        }
        for q in first_q..=last_q {
            let qi = i64::from(crate::model::Quarter::from_index(q).q) - 1;
            lines.push(Line {
                quarter: q,
                cents: split_even(annual, 4, qi),
                source: item.funding.as_deref().unwrap_or(GENERAL_FUND),
                erate: item.erate,
                spend: SpendKind::Operating,
            });
        }
    }
    for ini in &plan.initiatives {
        let start = ini.start.index();
        let n = i64::from(ini.duration_q());
        for k in 0..n {
            let q = start + k as i32;
            if in_horizon(q) {
                lines.push(Line {
                    quarter: q,
                    cents: split_even(ini.one_time_cents, n, k),
                    source: &ini.funding,
                    erate: ini.erate,
                    spend: ini.spend,
                });
            }
        }
        if ini.recurring_cents > 0 {
            for q in (ini.end().index() + 1).max(first_q)..=last_q {
                let qi = i64::from(crate::model::Quarter::from_index(q).q) - 1;
                lines.push(Line {
                    quarter: q,
                    cents: split_even(ini.recurring_cents, 4, qi),
                    source: &ini.funding,
                    erate: ini.erate,
                    spend: SpendKind::Operating,
                });
            }
        }
    }
    // C2 discounts are limited by the cycle budget in the order money is committed.
    lines.sort_by_key(|l| l.quarter);
    settle(plan, horizon, &lines)
}

fn settle(plan: &Plan, horizon: &Horizon, lines: &[Line]) -> Budget {
    let settings = &plan.budget;
    let pct = plan.district.erate_discount_pct;
    let erate_name = settings.erate_source().map(|s| s.name.clone());
    let c2 = &settings.c2;
    let c2_budget = c2.budget_cents(plan.district.students);
    let cycle_of = |fy: FiscalYear| (fy.0 - c2.first_fy.0).div_euclid(5);
    let current_cycle = cycle_of(horizon.current());
    let mut c2_used: BTreeMap<i32, i64> = BTreeMap::new();
    let mut warnings = Vec::new();
    let mut unknown_sources: Vec<String> = Vec::new();

    let mut years: Vec<YearBudget> = horizon
        .years
        .iter()
        .map(|fy| YearBudget {
            fiscal_year: *fy,
            total_cents: 0,
            cap_cents: settings.cap_for(*fy),
            over_cap: false,
            by_source: BTreeMap::new(),
            capital_cents: 0,
            operating_cents: 0,
            over: Vec::new(),
        })
        .collect();

    for line in lines {
        let fy = crate::model::Quarter::from_index(line.quarter).fy;
        let Some(y) = horizon.year_index(fy) else {
            continue;
        };
        let source_name = match settings.source(line.source) {
            Some(s) => s.name.clone(),
            None => {
                if !unknown_sources.iter().any(|s| s == line.source) {
                    unknown_sources.push(line.source.to_string());
                }
                format!("Unfunded ({})", line.source)
            }
        };
        let reimbursed = match (line.erate, &erate_name) {
            (Some(ErateCategory::C1), Some(_)) => discount_share(line.cents, pct),
            (Some(ErateCategory::C2), Some(_)) => {
                let used = c2_used.entry(cycle_of(fy)).or_insert(0);
                let eligible = line.cents.min((c2_budget - *used).max(0));
                *used += line.cents;
                discount_share(eligible, pct)
            }
            _ => 0,
        };
        let yb = &mut years[y];
        *yb.by_source.entry(source_name).or_insert(0) += line.cents - reimbursed;
        if let (true, Some(name)) = (reimbursed > 0, &erate_name) {
            *yb.by_source.entry(name.clone()).or_insert(0) += reimbursed;
        }
        match line.spend {
            SpendKind::Capital => yb.capital_cents += line.cents,
            SpendKind::Operating => yb.operating_cents += line.cents,
        }
    }

    for id in unknown_sources {
        warnings.push(format!(
            "funding source {id:?} is not in the budget settings: unfunded"
        ));
    }
    let mut grant_spent: BTreeMap<String, i64> = BTreeMap::new();
    for yb in &mut years {
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
                let total = grant_spent.entry(s.name.clone()).or_insert(0);
                let before = *total;
                *total += spent;
                if *total > award && spent > 0 {
                    let over = *total - award.max(before);
                    yb.over
                        .push(format!("{} over its award by {}", s.name, money(over)));
                }
            }
        }
        yb.over_cap = !yb.over.is_empty();
        for o in &yb.over {
            warnings.push(format!("{}: {o}", yb.fiscal_year));
        }
    }
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
