//! From finding to initiative: a failing standard's remediation template becomes an initiative
//! with its cost estimated from the district (e.g. 612 devices x unit cost) and effects that
//! really fix what the check looks at.

use crate::derive::Engine;
use crate::model::{AnswerValue, Category, Effect, Initiative, Item, Plan, Quarter, SpendKind};
use crate::standards::{Check, CostModel, Expect, Per};

/// Builds (does not add) an initiative resolving `std_id`, starting at `start`.
pub fn from_standard(
    plan: &Plan,
    engine: &Engine,
    std_id: &str,
    start: Quarter,
) -> Result<Initiative, String> {
    let lib = engine.library();
    let (index, standard) = lib
        .standards
        .iter()
        .enumerate()
        .find(|(_, s)| s.id.eq_ignore_ascii_case(std_id))
        .ok_or_else(|| format!("no standard with id {std_id:?}"))?;
    let rem = &standard.remediation;
    let units = engine.failing_units(plan, index, 0).max(0.0).ceil() as i64;
    let d = &plan.district;
    // Failing units are priced at what the district paid for them where the inventory says
    // (a $38,000 firewall pair is not a $3,000 switch), at the template's price elsewhere.
    // Their price then, escalated by whole years to the year the work starts.
    let failing = engine.failing_items(plan, index, 0);
    let pct = plan.budget.escalation();
    let start_year = d.calendar().quarter_start(start).year;
    let (priced_units, priced_cents) =
        failing
            .iter()
            .filter(|it| it.unit_cost_cents > 0)
            .fold((0i64, 0i64), |(u, c), it| {
                let q = i64::from(it.quantity);
                let years = it
                    .acquired
                    .map_or(0, |a| u32::try_from(start_year - a.year).unwrap_or(0));
                let unit = crate::model::escalate(it.unit_cost_cents, pct, years);
                (u + q, c.saturating_add(unit.saturating_mul(q)))
            });
    let per_unit = |c: i64| {
        if priced_units == 0 {
            return c.saturating_mul(units);
        }
        // The shortfall may be fewer units than fail (a 90% target): priced at their average.
        let priced = priced_units.min(units);
        let from_inventory =
            i64::try_from(i128::from(priced_cents) * i128::from(priced) / i128::from(priced_units))
                .unwrap_or(i64::MAX);
        from_inventory.saturating_add(c.saturating_mul(units - priced))
    };
    let cost = |m: &CostModel| match m {
        CostModel::Fixed(c) => *c,
        CostModel::PerFailingUnit(c) => per_unit(*c),
        CostModel::PerStudent(c) => c.saturating_mul(i64::from(d.students)),
        CostModel::PerStaff(c) => c.saturating_mul(i64::from(d.staff)),
        CostModel::PerSite(c) => c.saturating_mul(d.sites.len() as i64),
        CostModel::PerClassroom(c) => c.saturating_mul(i64::from(d.classrooms())),
    };
    let mut effects = Vec::new();
    effects_for(&standard.check, plan, units, start, &mut effects);
    let notes = if units > 0 {
        format!(
            "From {}: {} failing unit(s) at the time of creation.",
            standard.id, units
        )
    } else {
        format!("From {}.", standard.id)
    };
    // What share of the work E-Rate pays, by the kinds the standard selects.
    let program = crate::model::erate::program();
    let shares = rem.erate.and(
        check_kinds(&standard.check)
            .iter()
            .find_map(|k| program.eligibility(k)),
    );
    Ok(Initiative {
        id: plan.next_initiative_id(),
        title: rem.title.clone(),
        owner: String::new(),
        start,
        duration: rem.duration.max(1),
        one_time_cents: cost(&rem.cost),
        recurring_cents: rem.recurring.as_ref().map(cost).unwrap_or(0),
        escalation_pct: None,
        funding: crate::model::GENERAL_FUND.into(),
        funding_shares: Vec::new(),
        lease: None,
        spend: if rem.recurring.is_some() && cost(&rem.cost) == 0 {
            SpendKind::Operating
        } else {
            SpendKind::Capital
        },
        // Units bought: their average price decides capital vs operating (the threshold).
        unit_cost_cents: (matches!(rem.cost, CostModel::PerFailingUnit(_)) && units > 0)
            .then(|| cost(&rem.cost) / units),
        erate: rem.erate,
        erate_one_time_pct: shares.map(|e| e.one_time_pct),
        erate_recurring_pct: shares.map(|e| e.recurring_pct),
        erate_note: shares.map(|e| e.note.clone()).unwrap_or_default(),
        depends_on: Vec::new(),
        resolves: vec![standard.id.clone()],
        effects,
        notes,
        ..Initiative::new("", "", start)
    })
}

/// The kinds a check selects, in order.
fn check_kinds(check: &Check) -> Vec<String> {
    match check {
        Check::Share { select, .. } | Check::Exists { select, .. } => select.kinds.clone(),
        Check::All(cs) | Check::Any(cs) => cs.iter().flat_map(check_kinds).collect(),
        Check::Not(c) => check_kinds(c),
        Check::Ratio { .. } | Check::Answer { .. } => Vec::new(),
    }
}

/// Effects that change what a check measures: refresh ageing fleets, add missing units, set
/// answers. Unknown shapes add nothing (the standard is still resolved by name).
fn effects_for(check: &Check, plan: &Plan, units: i64, _start: Quarter, out: &mut Vec<Effect>) {
    match check {
        Check::Share { select, pred, .. } if pred.is_time_dependent() => {
            out.push(Effect::Refresh {
                select: select.clone(),
                support_years: None,
            });
        }
        Check::Ratio { num, per, .. }
            if units > 0 && !matches!(per, Per::Measure(_)) && num.attr.is_none() =>
        {
            if let Some(kind) = num.select.kinds.first() {
                let category = num.select.category.or_else(|| {
                    plan.items
                        .iter()
                        .find(|i| i.kind.eq_ignore_ascii_case(kind))
                        .map(|i| i.category)
                });
                let mut item = Item::new(
                    &format!("NEW-{}", kind.to_uppercase()),
                    &format!("New {kind}"),
                    category.unwrap_or(Category::Network),
                    kind,
                    units.clamp(0, i64::from(u32::MAX)) as u32,
                );
                item.tags = num.select.tags.clone();
                out.push(Effect::AddItems(vec![item]));
            }
        }
        Check::Answer { key, expect } => {
            let value = match expect {
                Expect::Yes => Some(AnswerValue::Yes),
                Expect::No => Some(AnswerValue::No),
                Expect::AtLeast(crate::model::Num::Lit(n))
                | Expect::AtMost(crate::model::Num::Lit(n)) => Some(AnswerValue::Number(*n)),
                Expect::OneOf(v) => v.first().map(|t| AnswerValue::Text(t.clone())),
                Expect::WithinDays(_) => {
                    out.push(Effect::AnswerDated { key: key.clone() });
                    None
                }
                _ => None,
            };
            if let Some(value) = value {
                out.push(Effect::SetAnswer {
                    key: key.clone(),
                    value,
                });
            }
        }
        Check::All(cs) | Check::Any(cs) => cs
            .iter()
            .for_each(|c| effects_for(c, plan, units, _start, out)),
        _ => {}
    }
}
