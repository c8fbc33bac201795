//! Caps: each year's total against the overall cap, each source against its annual cap and
//! award, and grants spent outside their years.

use super::{YearBudget, money};
use crate::model::{Plan, SourceKind};
use std::collections::BTreeMap;

/// Totals each year and marks every cap it exceeds: overall, per source, grant awards.
pub(super) fn check_caps(plan: &Plan, years: &mut [YearBudget], warnings: &mut Vec<String>) {
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

/// What a source may pay for, checked against the initiatives it pays: a capital-only source
/// (a bond) paying running costs, an operating-only one paying purchases, or a grant's capital
/// share above its limit (Title IV-A: 15% on devices and equipment). Each is a warning naming
/// the initiative or the source.
pub(super) fn restrictions(
    plan: &Plan,
    horizon: &crate::model::Horizon,
    warnings: &mut Vec<String>,
) {
    use crate::model::SpendKind;
    let restricted =
        |s: &crate::model::FundingSource| s.spend_only.is_some() || s.max_capital_pct.is_some();
    if !plan.budget.sources.iter().any(restricted) {
        // Nothing to check: the roll-up stays one pass over the initiatives.
        return;
    }
    let (first, last) = (
        horizon.first_quarter().index(),
        horizon.last_quarter().index(),
    );
    let escalation = plan.budget.escalation();
    let mut capital: BTreeMap<&str, i64> = BTreeMap::new();
    for ini in &plan.initiatives {
        let lines = super::initiative_quarters(ini, ini.start, first, last, escalation);
        for (payer, pct) in ini.payers() {
            let Some(src) = settings_source(plan, payer) else {
                continue;
            };
            let share = |recurring: bool| -> i64 {
                lines
                    .iter()
                    .filter(|(_, r, _)| *r == recurring)
                    .map(|(_, _, c)| c * i64::from(pct) / 100)
                    .sum()
            };
            let (one_time, running) = (share(false), share(true));
            match src.spend_only {
                Some(SpendKind::Capital) if running > 0 => warnings.push(format!(
                    "{} {}: {} may pay only capital costs, not its {} of running costs",
                    ini.id,
                    ini.title,
                    src.name,
                    money(running)
                )),
                Some(SpendKind::Capital)
                    if plan.budget.spend_of(ini) == SpendKind::Operating && one_time > 0 =>
                {
                    let why = match ini.unit_cost_cents {
                        Some(unit) if ini.spend == SpendKind::Capital => format!(
                            " (units at {} are under the {} capitalisation threshold)",
                            money(unit),
                            money(plan.budget.capitalisation_threshold())
                        ),
                        _ => String::new(),
                    };
                    warnings.push(format!(
                        "{} {}: {} may pay only capital costs, and this work is operating{why}",
                        ini.id, ini.title, src.name
                    ))
                }
                Some(SpendKind::Operating)
                    if plan.budget.spend_of(ini) == SpendKind::Capital && one_time > 0 =>
                {
                    warnings.push(format!(
                        "{} {}: {} may pay only operating costs, not a {} purchase",
                        ini.id,
                        ini.title,
                        src.name,
                        money(one_time)
                    ))
                }
                _ => {}
            }
            if plan.budget.spend_of(ini) == SpendKind::Capital {
                *capital.entry(src.id.as_str()).or_default() += one_time;
            }
        }
    }
    for s in &plan.budget.sources {
        let (Some(pct), Some(award)) = (s.max_capital_pct, s.award_cents) else {
            continue;
        };
        let limit = award * i64::from(pct) / 100;
        let spent = capital.get(s.id.as_str()).copied().unwrap_or(0);
        if spent > limit {
            warnings.push(format!(
                "{} pays {} of capital purchases, over its {pct}% limit of {} (award {})",
                s.name,
                money(spent),
                money(limit),
                money(award)
            ));
        }
    }
}

fn settings_source<'p>(plan: &'p Plan, id: &str) -> Option<&'p crate::model::FundingSource> {
    plan.budget.sources.iter().find(|s| s.id == id)
}
