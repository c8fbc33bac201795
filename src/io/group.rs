//! One future inventory item: the rows of an export that share a model, site, purchase year and
//! facts, summed as they are read; then turned into a new item or folded into an existing one,
//! with what the model table and the price book know filled in and marked.
//!
//! What wins when a group updates an existing item (also in the `inventory_import` docs): the
//! export owns the facts its system keeps (end of support, status, sync, boot mode); a CIO's
//! edits (name, category, kind, costs, life, funding) stay, except that an item imported as
//! `other` is reclassified once a rule recognises it. A generic file is the district's own data:
//! its non-empty cells overwrite.

use super::model_rules::{Classified, Described, ModelRules, guess_vendor};
use super::price_book::PriceBook;
use crate::fast_hash::{FastMap, FastSet};
use crate::model::marks;
use crate::model::{AttrValue, Attrs, Category, ErateCategory, Item, Renewal, YearMonth};
use std::cell::RefCell;

/// The tables a group is completed from.
pub(crate) struct Tables<'a> {
    pub rules: &'a ModelRules,
    pub prices: &'a PriceBook,
    /// The export format's name, recorded on the items it creates (`imported_from`).
    pub source: &'static str,
    /// Classifications by description: a 100k-row export has a handful of models but
    /// thousands of groups, and each rule match allocates.
    pub memo: RefCell<FastMap<String, Option<Classified>>>,
}

impl Tables<'_> {
    fn classify(&self, d: &Described) -> Option<Classified> {
        let key = format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            d.maker, d.model, d.model_no, d.category_text
        );
        if let Some(c) = self.memo.borrow().get(&key) {
            return c.clone();
        }
        let c = self.rules.classify(d);
        self.memo.borrow_mut().insert(key, c.clone());
        c
    }
}

/// Rows of one future item, summed as they are read.
#[derive(Debug, Clone, Default)]
pub(crate) struct Group {
    pub id: String,
    pub model: String,
    pub model_no: String,
    pub category_text: String,
    pub category: Option<Category>,
    pub kind: Option<String>,
    pub site: Option<String>,
    /// Units in the file, tracked (with an asset key) or not.
    pub qty: u64,
    /// Rows in the file.
    pub rows: u64,
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
    pub renewal: Option<Renewal>,
    pub tags: Vec<String>,
    pub assets: Vec<String>,
    pub status: Option<String>,
    pub status_mixed: bool,
    /// Devices in a staff org unit.
    pub staff: bool,
    /// Rows from Google Admin / GAM: the devices are enrolled in management.
    pub google: bool,
    pub boot_known: u64,
    pub boot_dev: u64,
    pub sync_units: u64,
    pub sync_max_days: i64,
    pub tagged_units: u64,
    /// The oldest OS version among the rows.
    pub os_min: Option<String>,
    /// Generic `attr:NAME` facts: (name, value while every row so far agrees, rows with it).
    pub cell_attrs: Vec<(String, Option<AttrValue>, u64)>,
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
    pub fn add_os(&mut self, v: &str) {
        if self
            .os_min
            .as_deref()
            .is_none_or(|cur| cur != v && super::cells::version_lt(v, cur))
        {
            self.os_min = Some(v.to_string());
        }
    }
    /// An `attr:NAME` cell of a row (`None` when empty). Rows that disagree leave it unknown.
    pub fn add_attr(&mut self, name: &str, value: Option<AttrValue>) {
        let Some(v) = value else { return };
        match self.cell_attrs.iter_mut().find(|(n, ..)| n == name) {
            Some((_, cur, n)) => {
                if cur.as_ref() != Some(&v) {
                    *cur = None;
                }
                *n += 1;
            }
            None => self.cell_attrs.push((name.to_string(), Some(v), 1)),
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

    /// Facts read from the rows. A fact is set only when every unit of the group has it: a
    /// fact some rows lack stays unknown rather than judged on the others.
    fn attrs(&self) -> Attrs {
        let mut a = Attrs::new();
        if let Some(s) = &self.status {
            a.insert("status", AttrValue::Text(s.clone()));
        } else if self.status_mixed {
            a.insert("status", AttrValue::Text("mixed".into()));
        }
        let all = |n: u64| self.qty > 0 && n == self.qty;
        if all(self.boot_known) {
            a.insert("boot_verified", AttrValue::Flag(self.boot_dev == 0));
        }
        if all(self.sync_units) {
            a.insert("last_sync_days", AttrValue::Num(self.sync_max_days as f64));
        }
        if self.google {
            // Listed in the admin console as in service: enrolled in management.
            a.insert("mdm_enrolled", AttrValue::Flag(true));
            if all(self.tagged_units) || self.tagged_units == 0 {
                a.insert("asset_tagged", AttrValue::Flag(self.tagged_units > 0));
            }
        } else if all(self.tagged_units) {
            a.insert("asset_tagged", AttrValue::Flag(true));
        }
        if let Some(v) = &self.os_min {
            a.insert("os_version", AttrValue::Text(v.clone()));
        }
        for (name, value, n) in &self.cell_attrs {
            if let Some(v) = value.as_ref().filter(|_| *n == self.rows) {
                a.insert(name, v.clone());
            }
        }
        a
    }

    fn described(&self) -> Described<'_> {
        Described {
            maker: self.vendor.as_deref().unwrap_or(""),
            model: &self.model,
            model_no: &self.model_no,
            category_text: &self.category_text,
        }
    }

    /// The item's name: the model, with its manufacturer in front when the model lacks it
    /// ("Aruba AP-515", not "AP-515").
    fn name(&self) -> String {
        match &self.vendor {
            Some(v)
                if !v.is_empty()
                    && !self.model.to_lowercase().contains(&v.to_lowercase())
                    && self.model != super::rows::UNKNOWN_MODEL =>
            {
                format!("{v} {}", self.model)
            }
            _ => self.model.clone(),
        }
    }

    /// A new item from this group. Unrecognised models become kind `other` (in the export's
    /// category when it names one) and `unknown` is set so the importer lists them.
    pub fn into_item(self, t: &Tables, unknown: &mut bool) -> Item {
        let classified = t.classify(&self.described());
        let mut item = Item::new(&self.id, &self.name(), Category::Device, "", 0);
        if let Some(c) = &classified {
            item.category = c.category;
            item.kind = c.kind.clone().unwrap_or_default();
            item.tags = c.tags.clone();
        }
        if let Some(c) = self.category.or_else(|| self.category_text.parse().ok()) {
            item.category = c;
        }
        if let Some(k) = &self.kind {
            item.kind = k.clone();
        }
        if item.kind.is_empty() {
            *unknown = true;
            item.kind = "other".into();
        }
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
        item.renewal = self.renewal;
        for tag in &self.tags {
            if !item.tags.contains(tag) {
                item.tags.push(tag.clone());
            }
        }
        item.attrs = self.attrs();
        item.attrs
            .insert(marks::IMPORTED_FROM, AttrValue::Text(t.source.into()));
        item.assets = self.assets;
        complete(&mut item, self.staff, classified.as_ref(), t.prices);
        item
    }

    /// Update an existing item with this group (see the module docs for what wins).
    /// `leaving` are the item's assets that this file moves elsewhere or retires.
    pub fn update(
        self,
        old: &Item,
        leaving: &FastSet<&str>,
        authoritative: bool,
        t: &Tables,
        unknown: &mut bool,
    ) -> Item {
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
        if self.qty == 0 {
            // Only units leaving: nothing else in the file speaks for this item.
            return item;
        }
        let classified = t.classify(&self.described());
        // An item imported unrecognised is reclassified once a rule knows its model.
        if old.kind == "other"
            && let Some(c) = classified.as_ref().filter(|c| c.kind.is_some())
        {
            item.category = c.category;
            item.kind = c.kind.clone().unwrap_or_default();
            for tag in &c.tags {
                if !item.tags.contains(tag) {
                    item.tags.push(tag.clone());
                }
            }
        }
        if item.kind == "other" {
            *unknown = true;
        }
        let attrs = self.attrs();
        item.attrs.extend(attrs);
        if self.eos.is_some() {
            item.end_of_support = self.eos;
            item.attrs.remove(marks::SUPPORT_SOURCE);
        }
        let vendor = self
            .vendor
            .clone()
            .or_else(|| guess_vendor(&self.model).map(str::to_string));
        let cost = (self.cost_units > 0).then(|| avg(self.cost_sum, self.cost_units));
        let annual = (self.annual_units > 0).then(|| avg(self.annual_sum, self.annual_units));
        if cost.is_some() && item.attrs.get(marks::COST_ESTIMATED).is_some() {
            // A real cost replaces an estimate.
            item.unit_cost_cents = 0;
            item.attrs.remove(marks::COST_ESTIMATED);
            item.attrs.remove(marks::COST_SOURCE);
        }
        if self.acquired.is_some() && item.attrs.get(marks::ACQUIRED_INFERRED).is_some() {
            item.acquired = None;
            item.attrs.remove(marks::ACQUIRED_INFERRED);
        }
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
            item.renewal = self.renewal.or(item.renewal);
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
            item.renewal = item.renewal.or(self.renewal);
        }
        for tag in self.tags {
            if !item.tags.contains(&tag) {
                item.tags.push(tag);
            }
        }
        complete(&mut item, self.staff, classified.as_ref(), t.prices);
        item
    }
}

/// Fill what the export left out from the model table and the price book, each marked as
/// such; and make staff devices staff devices.
fn complete(item: &mut Item, staff: bool, model: Option<&Classified>, prices: &PriceBook) {
    if staff {
        item.tags.retain(|t| t != "student");
        if !item.tags.iter().any(|t| t == "staff") {
            item.tags.push("staff".into());
        }
    }
    if let Some(m) = model {
        if item.end_of_support.is_none()
            && let Some(eos) = m.end_of_support
        {
            item.end_of_support = Some(eos);
            let source = m
                .source
                .clone()
                .unwrap_or_else(|| "vcio model table".into());
            item.attrs
                .insert(marks::SUPPORT_SOURCE, AttrValue::Text(source));
        }
        if let Some(g) = m.wifi_gen
            && item.attrs.get("wifi_gen").is_none()
        {
            item.attrs.insert("wifi_gen", AttrValue::Num(f64::from(g)));
        }
        if item.acquired.is_none()
            && let Some(year) = m.released.and_then(|y| YearMonth::new(i32::from(y), 1))
        {
            item.acquired = Some(year);
            item.attrs
                .insert(marks::ACQUIRED_INFERRED, AttrValue::Flag(true));
        }
    }
    if item.unit_cost_cents == 0 {
        let described = format!("{} {}", item.vendor.as_deref().unwrap_or(""), item.name);
        if let Some(p) = prices.estimate(&item.kind, &described) {
            item.unit_cost_cents = p.unit_cost_cents;
            item.attrs
                .insert(marks::COST_ESTIMATED, AttrValue::Flag(true));
            item.attrs
                .insert(marks::COST_SOURCE, AttrValue::Text(p.note()));
        }
    }
}
