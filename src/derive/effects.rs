//! Initiative effects on inventory, kept incremental: moving an initiative must not re-scan the
//! inventory.
//!
//! For each refresh or add-items effect we cache, per completion quarter, the *change* it makes
//! to the slot totals (sparse). A move only looks up (or once computes) the entry for the new
//! quarter. Items refreshed by more than one initiative are the exception: which refresh counts
//! depends on the order they complete, so those few items are re-evaluated on every recompute.

use super::horizon::Horizon;
use crate::assess::compile::{CSelector, compile_selector};
use crate::assess::slots::{Dates, ScanCtx, SlotTotals};
use crate::model::{Effect, Initiative, Item, Plan, Quarter};
use std::collections::HashMap;

type EffectKey = (String, usize);

/// A sparse change to slot totals: (position in `SlotTotals::values`, amount).
pub type Delta = Vec<(usize, f64)>;

#[derive(Debug, Default, Clone)]
pub struct EffectIndex {
    /// Items refreshed by exactly one effect, per effect.
    exclusive: HashMap<EffectKey, Vec<usize>>,
    /// Items refreshed by several effects, with their refreshers.
    shared: Vec<(usize, Vec<EffectKey>)>,
    /// Cached deltas per (initiative, effect, completion quarter index).
    deltas: HashMap<(String, usize, i32), Delta>,
}

/// The dates a refreshed item has: new at completion, supported for `support_years`.
pub fn refreshed_dates(item: &Item, completion_month: i32, support_years: Option<u8>) -> Dates {
    let years = support_years.or(item.life_years).unwrap_or(5);
    Dates {
        acquired: Some(completion_month),
        end_of_support: Some(completion_month + i32::from(years) * 12),
        life_years: item.life_years,
    }
}

fn refresh_selectors(ini: &Initiative) -> impl Iterator<Item = (usize, CSelector)> + '_ {
    ini.effects
        .iter()
        .enumerate()
        .filter_map(|(e, eff)| match eff {
            Effect::Refresh { select, .. } => Some((e, compile_selector(select))),
            _ => None,
        })
}

impl EffectIndex {
    /// Finds which items each refresh effect selects. Runs when inventory or initiatives'
    /// effects change, never on a move. Keeps cached deltas whose item sets did not change.
    pub fn rebuild(&mut self, plan: &Plan, items_by_kind: &HashMap<String, Vec<usize>>) {
        let mut refreshers: HashMap<usize, Vec<EffectKey>> = HashMap::new();
        for ini in &plan.initiatives {
            for (e, sel) in refresh_selectors(ini) {
                let mut visit = |i: usize| {
                    if sel.matches(&plan.items[i]) {
                        refreshers.entry(i).or_default().push((ini.id.clone(), e));
                    }
                };
                if sel.kinds.is_empty() {
                    (0..plan.items.len()).for_each(&mut visit);
                } else {
                    for k in &sel.kinds {
                        items_by_kind
                            .get(k)
                            .into_iter()
                            .flatten()
                            .copied()
                            .for_each(&mut visit);
                    }
                }
            }
        }
        let mut exclusive: HashMap<EffectKey, Vec<usize>> = HashMap::new();
        let mut shared = Vec::new();
        for (item, mut keys) in refreshers {
            keys.dedup();
            if keys.len() == 1 {
                let key = keys.pop().unwrap_or_default();
                exclusive.entry(key).or_default().push(item);
            } else {
                shared.push((item, keys));
            }
        }
        for v in exclusive.values_mut() {
            v.sort_unstable();
        }
        shared.sort_unstable();
        // Keep cached deltas only for effects whose exclusive item set is unchanged.
        let old = std::mem::take(&mut self.exclusive);
        self.deltas.retain(|(id, e, _), _| {
            let key = (id.clone(), *e);
            old.get(&key) == exclusive.get(&key)
        });
        self.exclusive = exclusive;
        self.shared = shared;
    }

    /// Forgets cached deltas of one initiative (its effects changed).
    pub fn forget(&mut self, id: &str) {
        self.deltas.retain(|(i, _, _), _| i != id);
    }

    pub fn clear(&mut self) {
        *self = EffectIndex::default();
    }

    /// Adds the effects of every completed initiative to `totals`.
    pub fn apply(
        &mut self,
        plan: &Plan,
        horizon: &Horizon,
        ctx: &ScanCtx,
        totals: &mut SlotTotals,
    ) {
        for ini in &plan.initiatives {
            let end = ini.end();
            for (e, eff) in ini.effects.iter().enumerate() {
                if !matches!(eff, Effect::Refresh { .. } | Effect::AddItems(_)) {
                    continue;
                }
                let key = (ini.id.clone(), e, end.index());
                if !self.deltas.contains_key(&key) {
                    let delta = self.compute(plan, horizon, ctx, &ini.id, e, eff, end);
                    self.deltas.insert(key.clone(), delta);
                }
                if let Some(delta) = self.deltas.get(&key) {
                    for &(pos, v) in delta {
                        totals.values[pos] += v;
                    }
                }
            }
        }
        self.apply_shared(plan, horizon, ctx, totals);
    }

    #[allow(clippy::too_many_arguments)]
    fn compute(
        &self,
        plan: &Plan,
        horizon: &Horizon,
        ctx: &ScanCtx,
        id: &str,
        e: usize,
        eff: &Effect,
        end: Quarter,
    ) -> Delta {
        let Some(from) = horizon.first_year_done(horizon.completion_date(end)) else {
            return Delta::new();
        };
        let years = from..horizon.years.len();
        let month = horizon.calendar.quarter_end(end).index();
        let mut d = SlotTotals::zeroed(&ctx.compiled.slots, horizon.years.len(), ctx.sites.len());
        match eff {
            Effect::Refresh { support_years, .. } => {
                let key = (id.to_string(), e);
                for &i in self.exclusive.get(&key).into_iter().flatten() {
                    let item = &plan.items[i];
                    let new = refreshed_dates(item, month, *support_years);
                    ctx.add_item(&mut d, item, new, years.clone(), 1.0);
                    ctx.add_item(&mut d, item, Dates::of(item), years.clone(), -1.0);
                }
            }
            Effect::AddItems(items) => {
                for item in items {
                    let mut dates = Dates::of(item);
                    dates.acquired = dates.acquired.or(Some(month));
                    ctx.add_item(&mut d, item, dates, years.clone(), 1.0);
                }
            }
            _ => {}
        }
        d.values
            .iter()
            .enumerate()
            .filter(|(_, v)| v.abs() > 1e-12)
            .map(|(i, v)| (i, *v))
            .collect()
    }

    /// Items refreshed by several initiatives: in each year the latest completed refresh counts.
    fn apply_shared(&self, plan: &Plan, horizon: &Horizon, ctx: &ScanCtx, totals: &mut SlotTotals) {
        for (item_ix, keys) in &self.shared {
            let item = &plan.items[*item_ix];
            // (completion date, completion month, support years) of each refresher.
            let mut done: Vec<(chrono::NaiveDate, i32, Option<u8>)> = keys
                .iter()
                .filter_map(|(id, e)| {
                    let ini = plan.initiative(id)?;
                    let Effect::Refresh { support_years, .. } = ini.effects.get(*e)? else {
                        return None;
                    };
                    let end = ini.end();
                    let month = horizon.calendar.quarter_end(end).index();
                    Some((horizon.completion_date(end), month, *support_years))
                })
                .collect();
            done.sort_by_key(|d| (d.0, d.1));
            for y in 0..horizon.years.len() {
                let latest = done.iter().rev().find(|d| d.0 <= horizon.ref_dates[y]);
                if let Some(&(_, month, support)) = latest {
                    let new = refreshed_dates(item, month, support);
                    ctx.add_item(totals, item, new, y..y + 1, 1.0);
                    ctx.add_item(totals, item, Dates::of(item), y..y + 1, -1.0);
                }
            }
        }
    }
}
