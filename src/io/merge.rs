//! Turning accumulated rows into inventory items, and merging them with the items the plan
//! already has so a re-import updates rather than duplicates.
//!
//! The rules (also in the `inventory_import` module docs):
//! - An asset belongs to one item. A row whose tag or serial is already in an existing item at
//!   the same site joins that item; at another site it has moved: it leaves the old item and
//!   joins the item of its new group. Retired rows leave their item and join nothing.
//! - A group whose id is an existing item's id updates that item.
//! - An updated item keeps what a CIO may have edited (name, category, kind, costs, life,
//!   funding); from an export it takes the facts the source system owns (end of support,
//!   attributes), fills fields it lacks, and its assets and quantity follow the file. A generic
//!   file is the district's own data: its non-empty cells overwrite.

use super::model_rules::{ModelRules, guess_vendor};
use crate::fast_hash::{FastMap, FastSet};
use crate::model::{AttrValue, Attrs, Category, ErateCategory, Item, YearMonth};
use std::collections::HashMap;

/// Rows of one future item, summed as they are read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub id: String,
    pub model: String,
    pub category_text: String,
    pub category: Option<Category>,
    pub kind: Option<String>,
    pub site: Option<String>,
    /// Units in the file, tracked (with an asset key) or not.
    pub qty: u64,
    /// Units from rows without an asset tag or serial (aggregate lines of a generic file).
    pub untracked: u64,
    pub cost_sum: i128,
    pub cost_units: u64,
    pub annual_sum: i128,
    pub annual_units: u64,
    pub acquired: Option<YearMonth>,
    pub life: Option<u8>,
    pub eos: Option<YearMonth>,
    pub vendor: Option<String>,
    pub funding: Option<String>,
    pub erate: Option<ErateCategory>,
    pub tags: Vec<String>,
    pub assets: Vec<String>,
    pub status: Option<String>,
    pub status_mixed: bool,
    pub boot_known: u64,
    pub boot_dev: u64,
}

fn avg(sum: i128, units: u64) -> i64 {
    if units == 0 {
        return 0;
    }
    let u = i128::from(units);
    // Round half away from zero without floating point.
    let q = if sum >= 0 {
        (2 * sum + u) / (2 * u)
    } else {
        -((-2 * sum + u) / (2 * u))
    };
    i64::try_from(q).unwrap_or(i64::MAX)
}

fn min_ym(a: Option<YearMonth>, b: Option<YearMonth>) -> Option<YearMonth> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

impl Group {
    pub fn add_acquired(&mut self, ym: Option<YearMonth>) {
        self.acquired = min_ym(self.acquired, ym);
    }
    pub fn add_eos(&mut self, ym: Option<YearMonth>) {
        self.eos = min_ym(self.eos, ym);
    }
    pub fn add_status(&mut self, s: &str) {
        match &self.status {
            None if !self.status_mixed => self.status = Some(s.to_string()),
            Some(cur) if !cur.eq_ignore_ascii_case(s) => {
                self.status = None;
                self.status_mixed = true;
            }
            _ => {}
        }
    }
    pub fn add_tags(&mut self, text: &str) {
        for t in text
            .split(['|', ',', ';'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
        {
            let t = t.to_lowercase();
            if !self.tags.contains(&t) {
                self.tags.push(t);
            }
        }
    }

    fn attrs(&self) -> Attrs {
        let mut a = Attrs::new();
        if let Some(s) = &self.status {
            a.insert("status", AttrValue::Text(s.clone()));
        } else if self.status_mixed {
            a.insert("status", AttrValue::Text("mixed".into()));
        }
        if self.boot_known > 0 {
            a.insert("boot_verified", AttrValue::Flag(self.boot_dev == 0));
            if self.boot_dev > 0 {
                a.insert("dev_mode_units", AttrValue::Num(self.boot_dev as f64));
            }
        }
        a
    }

    /// A new item from this group. `None` classification falls back to the export's category
    /// text, else Device / "other" (and `unknown` is set so the importer can warn).
    pub fn into_item(self, rules: &ModelRules, unknown: &mut bool) -> Item {
        let model_lower = self.model.to_lowercase();
        let cat_lower = self.category_text.to_lowercase();
        let classified = rules.classify(&model_lower, &cat_lower);
        let (mut category, mut kind, mut tags) = match classified {
            Some(c) => (c.category, c.kind, c.tags),
            None => (Category::Device, String::new(), Vec::new()),
        };
        if let Some(c) = self.category.or_else(|| self.category_text.parse().ok()) {
            category = c;
        }
        if let Some(k) = &self.kind {
            kind = k.clone();
        }
        if kind.is_empty() {
            *unknown = true;
            kind = "other".into();
        }
        for t in &self.tags {
            if !tags.contains(t) {
                tags.push(t.clone());
            }
        }
        let mut item = Item::new(&self.id, &self.model, category, &kind, 0);
        item.quantity = u32::try_from(self.qty).unwrap_or(u32::MAX);
        item.site = self.site.clone();
        item.unit_cost_cents = avg(self.cost_sum, self.cost_units);
        item.annual_cost_cents = avg(self.annual_sum, self.annual_units);
        item.acquired = self.acquired;
        item.life_years = self.life;
        item.end_of_support = self.eos;
        item.vendor = self
            .vendor
            .clone()
            .or_else(|| guess_vendor(&self.model).map(str::to_string));
        item.funding = self.funding.clone();
        item.erate = self.erate;
        item.tags = tags;
        item.attrs = self.attrs();
        item.assets = self.assets;
        item
    }

    /// Update an existing item with this group (see the module docs for what wins).
    /// `leaving` are the item's assets that this file moves elsewhere or retires.
    pub fn update(self, old: &Item, leaving: &FastSet<&str>, authoritative: bool) -> Item {
        let mut item = old.clone();
        let had: FastSet<&str> = old.assets.iter().map(String::as_str).collect();
        let before = old.assets.len() as u64;
        item.assets.retain(|a| !leaving.contains(a.as_str()));
        let removed = before - item.assets.len() as u64;
        let mut added = 0u64;
        for a in &self.assets {
            if !had.contains(a.as_str()) {
                item.assets.push(a.clone());
                added += 1;
            }
        }
        let quantity = if self.untracked > 0 {
            // Aggregate lines state the count; keep tracked units the file did not mention.
            let in_file: FastSet<&str> = self.assets.iter().map(String::as_str).collect();
            let kept = item
                .assets
                .iter()
                .filter(|a| !in_file.contains(a.as_str()))
                .count() as u64;
            self.qty + kept
        } else {
            u64::from(old.quantity).saturating_sub(removed) + added
        };
        item.quantity = u32::try_from(quantity).unwrap_or(u32::MAX);
        let attrs = self.attrs();
        item.attrs.extend(attrs);
        if self.eos.is_some() {
            item.end_of_support = self.eos;
        }
        let vendor = self
            .vendor
            .clone()
            .or_else(|| guess_vendor(&self.model).map(str::to_string));
        let cost = (self.cost_units > 0).then(|| avg(self.cost_sum, self.cost_units));
        let annual = (self.annual_units > 0).then(|| avg(self.annual_sum, self.annual_units));
        if authoritative {
            if let Some(c) = self.category {
                item.category = c;
            }
            if let Some(k) = self.kind {
                item.kind = k;
            }
            item.unit_cost_cents = cost.unwrap_or(item.unit_cost_cents);
            item.annual_cost_cents = annual.unwrap_or(item.annual_cost_cents);
            item.acquired = self.acquired.or(item.acquired);
            item.life_years = self.life.or(item.life_years);
            item.vendor = vendor.or(item.vendor);
            item.funding = self.funding.or(item.funding);
            item.erate = self.erate.or(item.erate);
        } else {
            if item.unit_cost_cents == 0 {
                item.unit_cost_cents = cost.unwrap_or(0);
            }
            if item.annual_cost_cents == 0 {
                item.annual_cost_cents = annual.unwrap_or(0);
            }
            item.acquired = item.acquired.or(self.acquired);
            item.life_years = item.life_years.or(self.life);
            item.vendor = item.vendor.or(vendor);
            item.funding = item.funding.or(self.funding);
            item.erate = item.erate.or(self.erate);
        }
        for t in self.tags {
            if !item.tags.contains(&t) {
                item.tags.push(t);
            }
        }
        item
    }
}

/// What merging produced.
pub(crate) struct Merged {
    pub items: Vec<Item>,
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub emptied: Vec<String>,
    pub unchanged: usize,
    pub unknown_models: Vec<String>,
}

/// Merge groups with the existing items. `leaving[i]` are assets of `existing[i]` that this
/// file moves elsewhere or retires.
pub(crate) fn merge(
    groups: Vec<Group>,
    existing: &[Item],
    leaving: &HashMap<usize, Vec<String>>,
    rules: &ModelRules,
    authoritative: bool,
) -> Merged {
    let by_id: FastMap<&str, usize> = existing
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let empty = FastSet::default();
    let leaving_sets: FastMap<usize, FastSet<&str>> = leaving
        .iter()
        .map(|(i, v)| (*i, v.iter().map(String::as_str).collect()))
        .collect();
    let mut out = Merged {
        items: Vec::with_capacity(groups.len()),
        created: Vec::new(),
        updated: Vec::new(),
        emptied: Vec::new(),
        unchanged: 0,
        unknown_models: Vec::new(),
    };
    let mut touched: FastSet<usize> = FastSet::default();
    let push_existing = |out: &mut Merged, old: &Item, new: Item| {
        if new.quantity == 0 && new.assets.is_empty() {
            out.emptied.push(new.id);
        } else if &new == old {
            out.unchanged += 1;
        } else {
            out.updated.push(new.id.clone());
            out.items.push(new);
        }
    };
    for g in groups {
        if let Some(&i) = by_id.get(g.id.as_str()) {
            touched.insert(i);
            let new = g.update(
                &existing[i],
                leaving_sets.get(&i).unwrap_or(&empty),
                authoritative,
            );
            push_existing(&mut out, &existing[i], new);
        } else {
            let mut unknown = false;
            let model = g.model.clone();
            let item = g.into_item(rules, &mut unknown);
            if unknown && !out.unknown_models.contains(&model) {
                out.unknown_models.push(model);
            }
            out.created.push(item.id.clone());
            out.items.push(item);
        }
    }
    // Items that only lost assets.
    let mut rest: Vec<usize> = leaving_sets
        .keys()
        .copied()
        .filter(|i| !touched.contains(i))
        .collect();
    rest.sort_unstable();
    for i in rest {
        let g = Group {
            id: existing[i].id.clone(),
            ..Group::default()
        };
        let new = g.update(&existing[i], &leaving_sets[&i], false);
        push_existing(&mut out, &existing[i], new);
    }
    out.items.sort_by(|a, b| a.id.cmp(&b.id));
    out.emptied.sort();
    out
}
