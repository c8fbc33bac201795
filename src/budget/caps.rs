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
