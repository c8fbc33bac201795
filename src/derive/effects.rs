//! Initiative effects on inventory, kept incremental: moving an initiative must not re-scan the
//! inventory.
//!
//! Items are grouped by the set of refresh effects that select them. For each group and each
//! refresher we cache, per completion quarter, the *change* that refresh makes to the slot
//! totals (sparse, per year). A move only looks up (or once computes) the entries for the new
//! quarter; where several initiatives refresh the same items, each year takes the one that
//! completed last.

use crate::assess::compile::{CSelector, compile_selector};
use crate::assess::slots::{Dates, ScanCtx, SlotTotals};
use crate::fast_hash::FastMap;
use crate::model::Horizon;
use crate::model::{Effect, Initiative, Item, Plan, Quarter};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

type EffectKey = (String, usize);

/// A sparse change to slot totals: (position in `SlotTotals::values`, horizon year, amount).
pub type Delta = Vec<(usize, u8, f64)>;

/// Items refreshed by the same set of effects. Most groups have one refresher; a group with
/// several takes, in each year, the refresh that completed last.
#[derive(Debug, Clone, PartialEq)]
struct Group {
    refreshers: Vec<EffectKey>,
    /// Per refresher: its initiative's position in `plan.initiatives` and the effect's support
    /// years when the group was built. `apply` reads these instead of the initiative's id and
    /// effects: right after a 100k-item copy those strings are cold, and comparing them was a
    /// tenth of a move's recompute.
    at: Vec<Option<(usize, Option<u8>)>>,
    items: Vec<usize>,
    /// Identity of (refreshers, items), so caches survive rebuilds that leave a group alone.
    key: u64,
}

#[derive(Debug, Default, Clone)]
pub struct EffectIndex {
    groups: Vec<Group>,
    /// Per (group key, refresher, completion quarter index): the change if that refresh counts.
    refresh_deltas: FastMap<(u64, usize, i32), Delta>,
    /// Per (initiative, effect, completion quarter index): items an initiative adds.
    add_deltas: FastMap<(String, usize, i32), Delta>,
    /// Per (initiative, effect, completion quarter index): items an initiative retires.
    retire_deltas: FastMap<(String, usize, i32), Delta>,
    /// Scratch for `apply`, kept to save an allocation per group.
    done: Vec<Done>,
    /// How many initiatives the plan had at the last `rebuild`. Edits that add, remove or
    /// replace initiatives rebuild this index (`Engine::update`), so while the count is the
    /// same the positions in `Group::at` still hold; otherwise `apply` looks ids up.
    initiatives: usize,
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

/// Keeps the non-zero entries of dense totals, with the horizon year of each, sorted by year
/// so `apply` takes one year's entries as a slice. (Each position appears once, so the order
/// within a delta does not change any sum.)
fn sparse(d: &SlotTotals) -> Delta {
    let mut out = Delta::new();
    let bounds: Vec<usize> = d.offsets.iter().copied().chain([d.values.len()]).collect();
    for w in bounds.windows(2) {
        for pos in w[0]..w[1] {
            let v = d.values[pos];
            if v.abs() > 1e-12 {
                out.push((pos, ((pos - w[0]) % d.years.max(1)) as u8, v));
            }
        }
    }
    out.sort_by_key(|&(pos, year, _)| (year, pos));
    out
}

/// (completion date, completion quarter index, completion month, support years, position in
/// the group's refreshers) of a refresher that still exists.
type Done = (chrono::NaiveDate, i32, i32, Option<u8>, usize);

/// `known` is the refresher's (position, support years) from the last rebuild, used when
/// `trusted`; else the initiative is looked up by id.
fn refresher_done(
    plan: &Plan,
    horizon: &Horizon,
    key: &EffectKey,
    (known, trusted): (Option<(usize, Option<u8>)>, bool),
    at: usize,
) -> Option<Done> {
    let (ini, support_years) = match known {
        Some((pos, support)) if trusted => (plan.initiatives.get(pos)?, support),
        _ => {
            let ini = plan.initiative(&key.0)?;
            let Effect::Refresh { support_years, .. } = ini.effects.get(key.1)? else {
                return None;
            };
            (ini, *support_years)
        }
    };
    debug_assert_eq!(ini.id, key.0, "refresher positions are stale");
    let end = ini.end();
    let month = horizon.calendar.quarter_end(end).index();
    Some((
        horizon.completion_date(end),
        end.index(),
        month,
        support_years,
        at,
    ))
}

impl EffectIndex {
    /// Finds which items each refresh effect selects. Runs when inventory or initiatives'
    /// effects change, never on a move. Keeps cached deltas whose item sets did not change.
    pub fn rebuild(
        &mut self,
        plan: &Plan,
        items_by_kind: &crate::fast_hash::FastMap<String, Vec<usize>>,
    ) {
        let mut refreshers: HashMap<usize, Vec<EffectKey>> = HashMap::new();
        // Items of a kind by (lower-case) site, built once per kind on demand: refreshes are
        // usually "this kind at that school", and walking every item of the kind for each of
        // hundreds of initiatives costs a cache miss per item.
        let mut by_site: HashMap<String, HashMap<String, Vec<usize>>> = HashMap::new();
        for ini in &plan.initiatives {
            for (e, sel) in refresh_selectors(ini) {
                let mut visit = |i: usize| {
                    if sel.matches_besides_kind(&plan.items[i]) {
                        refreshers.entry(i).or_default().push((ini.id.clone(), e));
                    }
                };
                if sel.kinds.is_empty() {
                    (0..plan.items.len()).for_each(&mut visit);
                    continue;
                }
                for k in &sel.kinds {
                    let Some(of_kind) = items_by_kind.get(k) else {
                        continue;
                    };
                    match sel.site_hint() {
                        Some(site) => {
                            let sites = by_site.entry(k.clone()).or_insert_with(|| {
                                let mut m: HashMap<String, Vec<usize>> = HashMap::new();
                                for &i in of_kind {
                                    let s = plan.items[i].site.as_deref().unwrap_or("");
                                    m.entry(s.to_ascii_lowercase()).or_default().push(i);
                                }
                                m
                            });
                            let key = site.to_ascii_lowercase();
                            sites
                                .get(&key)
                                .into_iter()
                                .flatten()
                                .copied()
                                .for_each(&mut visit);
                        }
                        None => of_kind.iter().copied().for_each(&mut visit),
                    }
                }
            }
        }
        let mut by_set: HashMap<Vec<EffectKey>, Vec<usize>> = HashMap::new();
        for (item, mut keys) in refreshers {
            keys.dedup();
            by_set.entry(keys).or_default().push(item);
        }
        let mut groups: Vec<Group> = by_set
            .into_iter()
            .map(|(refreshers, mut items)| {
                items.sort_unstable();
                let mut h = std::collections::hash_map::DefaultHasher::new();
                (&refreshers, &items).hash(&mut h);
                let at = refreshers
                    .iter()
                    .map(|k| {
                        let pos = plan.initiative_index(&k.0).ok()?;
                        match plan.initiatives[pos].effects.get(k.1)? {
                            Effect::Refresh { support_years, .. } => Some((pos, *support_years)),
                            _ => None,
                        }
                    })
                    .collect();
                Group {
                    refreshers,
                    at,
                    items,
                    key: h.finish(),
                }
            })
            .collect();
        groups.sort_by(|a, b| a.refreshers.cmp(&b.refreshers));
        let live: std::collections::HashSet<u64> = groups.iter().map(|g| g.key).collect();
        self.refresh_deltas.retain(|(g, _, _), _| live.contains(g));
        self.groups = groups;
        self.initiatives = plan.initiatives.len();
    }

    /// Forgets cached deltas of one initiative (its effects changed).
    pub fn forget(&mut self, id: &str) {
        let stale: std::collections::HashSet<(u64, usize)> = self
            .groups
            .iter()
            .flat_map(|g| {
                g.refreshers
                    .iter()
                    .enumerate()
                    .filter(|(_, k)| k.0 == id)
                    .map(|(at, _)| (g.key, at))
            })
            .collect();
        self.refresh_deltas
            .retain(|(g, at, _), _| !stale.contains(&(*g, *at)));
        self.add_deltas.retain(|(i, _, _), _| i != id);
        self.retire_deltas.retain(|(i, _, _), _| i != id);
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
                let key = (ini.id.clone(), e, end.index());
                let delta = match eff {
                    Effect::AddItems(items) => self
                        .add_deltas
                        .entry(key)
                        .or_insert_with(|| added(items, horizon, ctx, end)),
                    Effect::Retire { select } => self
                        .retire_deltas
                        .entry(key)
                        .or_insert_with(|| retired(plan, select, horizon, ctx, end)),
                    _ => continue,
                };
                for &(pos, _, v) in delta.iter() {
                    totals.values[pos] += v;
                }
            }
        }
        let mut done = std::mem::take(&mut self.done);
        let trusted = plan.initiatives.len() == self.initiatives;
        for g in &self.groups {
            done.clear();
            done.extend(g.refreshers.iter().zip(&g.at).enumerate().filter_map(
                |(at, (k, &known))| refresher_done(plan, horizon, k, (known, trusted), at),
            ));
            done.sort_by(|a, b| (a.0, &a.4).cmp(&(b.0, &b.4)));
            let pick = |y: usize| done.iter().rev().find(|d| d.0 <= horizon.ref_dates[y]);
            let n = horizon.years.len();
            let mut y = 0;
            while y < n {
                let Some(r) = pick(y) else {
                    y += 1;
                    continue;
                };
                // Years that count the same refresh are consecutive: one look-up serves them
                // all. (Each year's entries touch their own positions, so taking the run at
                // once adds the same numbers in the same order per position.)
                let mut end = y + 1;
                while end < n && pick(end).map(|d| d.4) == Some(r.4) {
                    end += 1;
                }
                let key = (g.key, r.4, r.1);
                let delta = self
                    .refresh_deltas
                    .entry(key)
                    .or_insert_with(|| refreshed(plan, &g.items, horizon, ctx, r));
                let lo = delta.partition_point(|e| usize::from(e.1) < y);
                let hi = delta.partition_point(|e| usize::from(e.1) < end);
                for &(pos, _, v) in &delta[lo..hi] {
                    totals.values[pos] += v;
                }
                y = end;
            }
        }
        self.done = done;
    }
}

/// What refreshing these items at `r`'s completion changes, in every year from then on.
fn refreshed(plan: &Plan, items: &[usize], horizon: &Horizon, ctx: &ScanCtx, r: &Done) -> Delta {
    let Some(from) = horizon.first_year_done(r.0) else {
        return Delta::new();
    };
    let years = from..horizon.years.len();
    let mut d = SlotTotals::zeroed(&ctx.compiled.slots, horizon.years.len(), ctx.sites.len());
    // A group's items are nearly always of one kind: look its candidate slots up once.
    let mut kind: Option<&str> = None;
    let mut candidates: Vec<usize> = Vec::new();
    for &i in items {
        let item = &plan.items[i];
        if kind != Some(item.kind.as_str()) {
            candidates.clear();
            candidates.extend(ctx.index.candidates(&item.kind));
            kind = Some(&item.kind);
        }
        let dates = refreshed_dates(item, r.2, r.3);
        let slots = candidates.iter().copied();
        ctx.add_item_with(&mut d, item, dates, years.clone(), 1.0, slots.clone());
        ctx.add_item_with(&mut d, item, Dates::of(item), years.clone(), -1.0, slots);
    }
    sparse(&d)
}

/// What taking the selected items out of service when work ending in `end` completes changes:
/// each item's contribution as recorded, removed from then on.
fn retired(
    plan: &Plan,
    select: &crate::model::Selector,
    horizon: &Horizon,
    ctx: &ScanCtx,
    end: Quarter,
) -> Delta {
    let Some(from) = horizon.first_year_done(horizon.completion_date(end)) else {
        return Delta::new();
    };
    let sel = compile_selector(select);
    let mut d = SlotTotals::zeroed(&ctx.compiled.slots, horizon.years.len(), ctx.sites.len());
    for item in plan.items.iter().filter(|it| sel.matches(it)) {
        ctx.add_item(
            &mut d,
            item,
            Dates::of(item),
            from..horizon.years.len(),
            -1.0,
        );
    }
    sparse(&d)
}

/// What adding these items when work ending in `end` completes changes.
fn added(items: &[Item], horizon: &Horizon, ctx: &ScanCtx, end: Quarter) -> Delta {
    let Some(from) = horizon.first_year_done(horizon.completion_date(end)) else {
        return Delta::new();
    };
    let month = horizon.calendar.quarter_end(end).index();
    let mut d = SlotTotals::zeroed(&ctx.compiled.slots, horizon.years.len(), ctx.sites.len());
    for item in items {
        let mut dates = Dates::of(item);
        dates.acquired = dates.acquired.or(Some(month));
        // A purchase the plan makes is supported for its life (or five years) unless the item
        // says otherwise: planned gear is bought supported, not of unknown support.
        let life = i32::from(item.life_years.unwrap_or(5));
        dates.end_of_support = dates.end_of_support.or(Some(month + life * 12));
        ctx.add_item(&mut d, item, dates, from..horizon.years.len(), 1.0);
    }
    sparse(&d)
}
