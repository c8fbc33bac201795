//! Totalling slots over the inventory, per fiscal year (and per site where a check needs it).
//!
//! This is the only place that scans inventory. It runs once per inventory or library change;
//! initiative moves reuse its totals and adjust them with effect deltas (see `projection`).

use super::compile::{CPred, CSelector, Compiled, Facts, Slot};
use crate::model::inventory::needs_support_date;
use crate::model::{Item, Plan};
use std::collections::HashMap;

/// The dates that ageing predicates read. Refreshed items get new ones; the item stays put.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dates {
    /// Month index (`YearMonth::index`) of acquisition.
    pub acquired: Option<i32>,
    /// Month index of the last supported month.
    pub end_of_support: Option<i32>,
    pub life_years: Option<u8>,
}

impl Dates {
    pub fn of(item: &Item) -> Dates {
        Dates {
            acquired: item.acquired.map(|a| a.index()),
            // A contract the budget renews is covered for as long as it is paid.
            end_of_support: if item.renews() {
                None
            } else {
                item.end_of_support.map(|e| e.index())
            },
            life_years: item.life_years,
        }
    }
}

impl CSelector {
    /// Whether an item is selected (kinds, category, tags and the time-independent filter).
    pub fn matches(&self, item: &Item) -> bool {
        (self.kinds.is_empty()
            || self
                .kinds
                .iter()
                .any(|k| k.eq_ignore_ascii_case(&item.kind)))
            && self.matches_besides_kind(item)
    }

    /// The one site this selector is limited to by its filter (`AtSite`, alone or inside
    /// `All`), so callers can look items up by site instead of testing every one.
    pub fn site_hint(&self) -> Option<&str> {
        match self.filter.as_ref()? {
            CPred::AtSite(s) => Some(s),
            CPred::All(ps) => ps.iter().find_map(|p| match p {
                CPred::AtSite(s) => Some(s.as_str()),
                _ => None,
            }),
            _ => None,
        }
    }

    /// `matches` without the kind test, for callers that found the item through a kind index.
    pub fn matches_besides_kind(&self, item: &Item) -> bool {
        self.category.is_none_or(|c| c == item.category)
            && self
                .tags
                .iter()
                .all(|t| item.tags.iter().any(|it| it.eq_ignore_ascii_case(t)))
            && self
                .filter
                .as_ref()
                .is_none_or(|f| f.eval(item, Dates::of(item), i32::MAX))
    }
}

impl CPred {
    /// Evaluates at a reference month (`YearMonth::index`).
    pub fn eval(&self, item: &Item, d: Dates, ref_month: i32) -> bool {
        match self {
            CPred::AgeAtMostMonths(m) => d.acquired.is_some_and(|a| f64::from(ref_month - a) <= *m),
            CPred::WithinLife => match (d.acquired, d.life_years) {
                (Some(a), Some(life)) => ref_month - a <= i32::from(life) * 12,
                (Some(_), None) => true,
                (None, _) => false,
            },
            CPred::SupportedForMonths(m) => match d.end_of_support {
                Some(e) => f64::from(e - ref_month) >= *m,
                None => !needs_support_date(&item.kind),
            },
            CPred::AttrAtLeast(k, v) => item
                .attrs
                .get(k)
                .and_then(|a| a.as_num())
                .is_some_and(|n| n >= *v),
            CPred::AttrAtMost(k, v) => item
                .attrs
                .get(k)
                .and_then(|a| a.as_num())
                .is_some_and(|n| n <= *v),
            CPred::AttrIs(k, v) => item
                .attrs
                .get(k)
                .is_some_and(|a| a.as_text().eq_ignore_ascii_case(v)),
            CPred::Flag(k) => item
                .attrs
                .get(k)
                .and_then(|a| a.as_num())
                .is_some_and(|n| n != 0.0),
            CPred::HasTag(t) => item.tags.iter().any(|it| it.eq_ignore_ascii_case(t)),
            CPred::IsKind(ks) => ks.iter().any(|k| k.eq_ignore_ascii_case(&item.kind)),
            CPred::AtSite(s) => item
                .site
                .as_deref()
                .is_some_and(|is| is.eq_ignore_ascii_case(s)),
            CPred::AcquiredBefore(ym) => d.acquired.is_some_and(|a| a < ym.index()),
            CPred::All(ps) => ps.iter().all(|p| p.eval(item, d, ref_month)),
            CPred::Any(ps) => ps.iter().any(|p| p.eval(item, d, ref_month)),
            CPred::Not(p) => !p.eval(item, d, ref_month),
        }
    }

    /// Whether the item has every fact this predicate reads. A missing purchase date, support
    /// date or attribute makes the predicate unknown for the item (ARCHITECTURE.md, "Unknown is
    /// not failing"); tags, kinds and sites are always known.
    pub fn known(&self, item: &Item, d: Dates) -> bool {
        match self {
            CPred::AgeAtMostMonths(_) | CPred::WithinLife | CPred::AcquiredBefore(_) => {
                d.acquired.is_some()
            }
            CPred::SupportedForMonths(_) => {
                d.end_of_support.is_some() || !needs_support_date(&item.kind)
            }
            CPred::AttrAtLeast(k, _) | CPred::AttrAtMost(k, _) | CPred::Flag(k) => {
                item.attrs.get(k).and_then(|a| a.as_num()).is_some()
            }
            CPred::AttrIs(k, _) => item.attrs.get(k).is_some(),
            CPred::HasTag(_) | CPred::IsKind(_) | CPred::AtSite(_) => true,
            // One known part that settles the whole (false in an All, true in an Any, in every
            // month) makes it known even when another part is not.
            CPred::All(ps) => {
                ps.iter().all(|p| p.known(item, d))
                    || ps
                        .iter()
                        .any(|p| p.known(item, d) && p.window(item, d) == Some(Window::Never))
            }
            CPred::Any(ps) => {
                ps.iter().all(|p| p.known(item, d))
                    || ps
                        .iter()
                        .any(|p| p.known(item, d) && p.window(item, d) == Some(ALWAYS))
            }
            CPred::Not(p) => p.known(item, d),
        }
    }
}

/// The months (inclusive) in which a predicate holds for one item, when that is one interval.
/// Ageing predicates hold *until* a month; their negations *from* a month.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window {
    Never,
    Months(i32, i32),
}

const ALWAYS: Window = Window::Months(i32::MIN, i32::MAX);

impl Window {
    fn of(b: bool) -> Window {
        if b { ALWAYS } else { Window::Never }
    }
    pub fn contains(self, month: i32) -> bool {
        matches!(self, Window::Months(lo, hi) if lo <= month && month <= hi)
    }
}

impl CPred {
    /// The interval of reference months in which this holds for the item, or None when it is
    /// not one interval (then callers evaluate per year). Computing it once per item instead of
    /// once per year is what keeps a 100k-item scan fast.
    pub fn window(&self, item: &Item, d: Dates) -> Option<Window> {
        let until = |m: f64| {
            Window::Months(
                i32::MIN,
                m.floor().clamp(f64::from(i32::MIN), f64::from(i32::MAX)) as i32,
            )
        };
        Some(match self {
            CPred::AgeAtMostMonths(m) => match d.acquired {
                Some(a) => until(f64::from(a) + m),
                None => Window::Never,
            },
            CPred::WithinLife => match (d.acquired, d.life_years) {
                (Some(a), Some(l)) => Window::Months(i32::MIN, a + i32::from(l) * 12),
                (Some(_), None) => ALWAYS,
                (None, _) => Window::Never,
            },
            CPred::SupportedForMonths(m) => match d.end_of_support {
                Some(e) => until(f64::from(e) - m),
                None if needs_support_date(&item.kind) => Window::Never,
                None => ALWAYS,
            },
            CPred::All(ps) => {
                let (mut lo, mut hi) = (i32::MIN, i32::MAX);
                for p in ps {
                    match p.window(item, d)? {
                        Window::Never => return Some(Window::Never),
                        Window::Months(a, b) => {
                            lo = lo.max(a);
                            hi = hi.min(b);
                        }
                    }
                }
                if lo <= hi {
                    Window::Months(lo, hi)
                } else {
                    Window::Never
                }
            }
            CPred::Any(ps) => {
                // A union of "until" windows is "until the latest"; anything else falls back.
                let mut hi: Option<i32> = None;
                for p in ps {
                    match p.window(item, d)? {
                        Window::Never => {}
                        Window::Months(i32::MIN, b) => hi = Some(hi.map_or(b, |h| h.max(b))),
                        Window::Months(..) => return None,
                    }
                }
                hi.map_or(Window::Never, |h| Window::Months(i32::MIN, h))
            }
            CPred::Not(p) => match p.window(item, d)? {
                Window::Never => ALWAYS,
                Window::Months(i32::MIN, i32::MAX) => Window::Never,
                Window::Months(i32::MIN, b) => Window::Months(b + 1, i32::MAX),
                Window::Months(a, i32::MAX) => Window::Months(i32::MIN, a - 1),
                Window::Months(..) => return None,
            },
            other => Window::of(other.eval(item, d, 0)),
        })
    }
}

/// Slot totals, flattened: each slot has `years` district totals, then, for per-site slots,
/// `years` totals per site.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SlotTotals {
    pub years: usize,
    pub sites: usize,
    pub offsets: Vec<usize>,
    pub values: Vec<f64>,
}

impl SlotTotals {
    pub fn zeroed(slots: &[Slot], years: usize, sites: usize) -> SlotTotals {
        let mut offsets = Vec::with_capacity(slots.len());
        let mut len = 0;
        for s in slots {
            offsets.push(len);
            len += years * if s.per_site { 1 + sites } else { 1 };
        }
        SlotTotals {
            years,
            sites,
            offsets,
            values: vec![0.0; len],
        }
    }
    pub fn total(&self, slot: usize, year: usize) -> f64 {
        self.values[self.offsets[slot] + year]
    }
    pub fn site(&self, slot: usize, site: usize, year: usize) -> f64 {
        self.values[self.offsets[slot] + self.years * (1 + site) + year]
    }
    pub fn add(&mut self, other: &SlotTotals) {
        for (a, b) in self.values.iter_mut().zip(&other.values) {
            *a += b;
        }
    }
}

/// Which slots an item could fall in, by kind, so a scan tests only plausible slots.
#[derive(Debug, Clone, Default)]
pub struct SlotIndex {
    by_kind: crate::fast_hash::FastMap<String, Vec<usize>>,
    any_kind: Vec<usize>,
}

impl SlotIndex {
    pub fn new(compiled: &Compiled) -> SlotIndex {
        let mut ix = SlotIndex::default();
        for (i, s) in compiled.slots.iter().enumerate() {
            if s.select.kinds.is_empty() {
                ix.any_kind.push(i);
            }
            for k in &s.select.kinds {
                ix.by_kind.entry(k.clone()).or_default().push(i);
            }
        }
        let by_selector = |v: &mut Vec<usize>| v.sort_by_key(|&i| (compiled.slots[i].sel, i));
        ix.by_kind.values_mut().for_each(by_selector);
        by_selector(&mut ix.any_kind);
        ix
    }
    pub fn candidates<'a>(&'a self, kind: &str) -> impl Iterator<Item = usize> + 'a {
        let by_kind = match self.by_kind.get(kind) {
            Some(v) => v.as_slice(),
            None if kind.bytes().any(|b| b.is_ascii_uppercase()) => self
                .by_kind
                .get(&kind.to_lowercase())
                .map(Vec::as_slice)
                .unwrap_or(&[]),
            None => &[],
        };
        by_kind.iter().chain(self.any_kind.iter()).copied()
    }
}

/// Everything the scan needs about the horizon and the sites.
pub struct ScanCtx<'a> {
    pub compiled: &'a Compiled,
    pub index: &'a SlotIndex,
    /// Reference month per horizon year.
    pub ref_months: &'a [i32],
    /// Site id -> position in `district.sites`.
    pub sites: &'a HashMap<String, usize>,
}

impl ScanCtx<'_> {
    /// Adds `sign` x one item's contribution (with the given dates) to the totals, for the
    /// horizon years in `years`.
    pub fn add_item(
        &self,
        totals: &mut SlotTotals,
        item: &Item,
        dates: Dates,
        years: std::ops::Range<usize>,
        sign: f64,
    ) {
        let candidates = self.index.candidates(&item.kind);
        self.add_item_with(totals, item, dates, years, sign, candidates);
    }

    /// `add_item` with the item's candidate slots already looked up (`index.candidates`), for
    /// callers adding many items of one kind: the look-up hashes the kind string.
    pub fn add_item_with(
        &self,
        totals: &mut SlotTotals,
        item: &Item,
        dates: Dates,
        years: std::ops::Range<usize>,
        sign: f64,
        candidates: impl Iterator<Item = usize>,
    ) {
        // Looked up only when a per-site slot needs it.
        let mut site: Option<Option<usize>> = None;
        // Candidates come grouped by selector, so each selector is matched once per item.
        let mut last: Option<(usize, bool)> = None;
        let mut known_memo: Option<(usize, bool)> = None;
        for sid in candidates {
            let slot = &self.compiled.slots[sid];
            let selected = match last {
                Some((sel, m)) if sel == slot.sel => m,
                _ => slot.select.matches_besides_kind(item),
            };
            last = Some((slot.sel, selected));
            if !selected {
                continue;
            }
            let weight = match &slot.attr {
                Some(a) => item.attrs.get(a).and_then(|v| v.as_num()).unwrap_or(0.0),
                None => 1.0,
            } * f64::from(item.quantity)
                * sign;
            if weight == 0.0 {
                continue;
            }
            let base = totals.offsets[sid];
            let end = years.end.min(self.ref_months.len());
            // Whether the item has the facts the predicate reads, asked once for the pass and
            // unknown slots of one share (adjacent, same selector and predicate).
            let known = match (slot.facts, &slot.pred) {
                (Facts::Any, _) | (_, None) => true,
                (_, Some(p)) => match known_memo {
                    Some((key, k)) if key == slot.known_key && key != 0 => k,
                    _ => {
                        let k = p.known(item, dates);
                        known_memo = Some((slot.known_key, k));
                        k
                    }
                },
            };
            let window = match (slot.facts, &slot.pred) {
                (Facts::Unknown, _) if known => continue,
                (Facts::Unknown, _) => Some(ALWAYS),
                (Facts::Known, _) if !known => continue,
                (_, None) => Some(ALWAYS),
                (_, Some(p)) => p.window(item, dates),
            };
            if window == Some(Window::Never) {
                continue;
            }
            for y in years.start..end {
                let rm = self.ref_months[y];
                let holds = match (window, &slot.pred) {
                    _ if slot.facts == Facts::Unknown => true,
                    (Some(w), _) => w.contains(rm),
                    (None, Some(p)) => p.eval(item, dates, rm),
                    (None, None) => true,
                };
                if holds {
                    totals.values[base + y] += weight;
                    if !slot.per_site {
                        continue;
                    }
                    let site = *site.get_or_insert_with(|| {
                        item.site
                            .as_deref()
                            .and_then(|s| self.sites.get(s))
                            .copied()
                    });
                    if let Some(si) = site {
                        totals.values[base + totals.years * (1 + si) + y] += weight;
                    }
                }
            }
        }
    }
}

/// Totals every slot over the whole inventory: the baseline, with no initiative done. `visit`
/// sees each item on the same pass, so callers that index the inventory need no second walk
/// over 100k items (memory traffic, not arithmetic, is what a scan costs).
pub fn scan(plan: &Plan, ctx: &ScanCtx, visit: &mut dyn FnMut(usize, &Item)) -> SlotTotals {
    let mut totals = SlotTotals::zeroed(&ctx.compiled.slots, ctx.ref_months.len(), ctx.sites.len());
    // In inventory order: items are large, and walking them in memory order lets the hardware
    // prefetch them (walking kind by kind measured 30% slower).
    for (i, item) in plan.items.iter().enumerate() {
        ctx.add_item(
            &mut totals,
            item,
            Dates::of(item),
            0..ctx.ref_months.len(),
            1.0,
        );
        visit(i, item);
    }
    totals
}
