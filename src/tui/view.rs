//! View models: the rows panes show, computed from the plan and derived data. Shared by the
//! renderers, the update logic (what is selected) and mouse hit-testing, so all three agree.

use crate::assess::eval::Status;
use crate::derive::{Derived, Fix};
use crate::model::{Category, Item, Plan};
use crate::standards::{Library, Severity};

/// One row of the Failing standards pane.
#[derive(Debug, Clone, PartialEq)]
pub struct StdRow {
    /// Index into the library (and into each year's outcomes).
    pub index: usize,
    pub severity: Severity,
    /// With initiatives done by the chosen year.
    pub status: Status,
    /// If nothing were done.
    pub baseline: Status,
    /// The first initiative that resolves it, and when its work ends.
    pub fix: Option<Fix>,
    /// The first fiscal year, from the chosen one on, in which it passes with the plan (by a
    /// named fix or by an initiative's effects, such as a refresh).
    pub passes_from: Option<crate::model::FiscalYear>,
}

/// Standards not passing in the chosen year if nothing were done, or not passing even with the
/// plan: still failing first, then unknown, then fixed by then; most severe first in each.
pub fn standard_rows(library: &Library, derived: &Derived, year: usize) -> Vec<StdRow> {
    let (Some(proj), Some(base)) = (derived.projected.get(year), derived.baseline.get(year)) else {
        return Vec::new();
    };
    let mut rows: Vec<StdRow> = library
        .standards
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let status = proj.outcomes.get(i)?.status;
            let baseline = base.outcomes.get(i)?.status;
            let listed = !matches!(status, Status::Pass | Status::NotApplicable)
                || !matches!(baseline, Status::Pass | Status::NotApplicable);
            listed.then(|| StdRow {
                index: i,
                severity: s.severity,
                status,
                baseline,
                fix: derived.fixes.get(i).and_then(|f| f.first().cloned()),
                passes_from: derived
                    .projected
                    .iter()
                    .skip(year)
                    .find(|y| y.outcomes.get(i).is_some_and(|o| o.status == Status::Pass))
                    .map(|y| y.fiscal_year),
            })
        })
        .collect();
    let rank = |s: Status| match s {
        Status::Fail => 0,
        Status::Unknown => 1,
        Status::Pass => 2,
        Status::NotApplicable => 3,
    };
    // What still fails comes first, then what cannot be judged, then what the plan fixes by
    // then: a future year's list never mixes "failing then" with "fixed by then".
    rows.sort_by(|a, b| {
        rank(a.status)
            .cmp(&rank(b.status))
            .then(a.severity.cmp(&b.severity))
            .then(a.index.cmp(&b.index))
    });
    rows
}

/// How the inventory is sorted inside each category group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortKey {
    Name,
    Oldest,
    Quantity,
    Cost,
}

impl SortKey {
    pub fn next(self) -> SortKey {
        match self {
            SortKey::Name => SortKey::Oldest,
            SortKey::Oldest => SortKey::Quantity,
            SortKey::Quantity => SortKey::Cost,
            SortKey::Cost => SortKey::Name,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            SortKey::Name => "name",
            SortKey::Oldest => "oldest",
            SortKey::Quantity => "quantity",
            SortKey::Cost => "cost",
        }
    }
}

/// A displayed inventory row: a category heading or an item (index into `plan.items`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvRow {
    Group(Category, usize),
    Item(usize),
}

/// The inventory as shown: grouped by category, sorted, filtered. Rebuilt only when the
/// inventory, the sort or the filter changes, never per frame.
#[derive(Debug, Clone, Default)]
pub struct InventoryView {
    pub rows: Vec<InvRow>,
    /// Display row of each selectable item, in order.
    pub item_rows: Vec<usize>,
}

fn matches(item: &Item, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hay = |s: &str| s.to_lowercase().contains(needle);
    hay(&item.id)
        || hay(&item.name)
        || hay(&item.kind)
        || item.site.as_deref().is_some_and(hay)
        || item.vendor.as_deref().is_some_and(hay)
        || item.tags.iter().any(|t| hay(t))
}

impl InventoryView {
    pub fn build(plan: &Plan, sort: SortKey, filter: &str) -> InventoryView {
        let needle = filter.trim().to_lowercase();
        let mut view = InventoryView::default();
        for cat in Category::ALL {
            let mut idx: Vec<usize> = plan
                .items
                .iter()
                .enumerate()
                .filter(|(_, it)| it.category == cat && matches(it, &needle))
                .map(|(i, _)| i)
                .collect();
            if idx.is_empty() {
                continue;
            }
            let items = &plan.items;
            match sort {
                SortKey::Name => idx.sort_by(|a, b| items[*a].name.cmp(&items[*b].name)),
                SortKey::Oldest => idx.sort_by_key(|i| items[*i].acquired),
                SortKey::Quantity => idx.sort_by_key(|i| std::cmp::Reverse(items[*i].quantity)),
                SortKey::Cost => {
                    idx.sort_by_key(|i| std::cmp::Reverse(items[*i].total_cost_cents()))
                }
            }
            view.rows.push(InvRow::Group(cat, idx.len()));
            for i in idx {
                view.item_rows.push(view.rows.len());
                view.rows.push(InvRow::Item(i));
            }
        }
        view
    }
}

/// Compact money for narrow budget cells, from integer cents: "$950", "$12.3k", "$1.25M".
/// Full amounts (`crate::budget::money`) are in the detail view.
pub fn compact_money(cents: i64) -> String {
    let sign = if cents < 0 { "-" } else { "" };
    let dollars = cents.unsigned_abs() / 100;
    if dollars < 10_000 {
        return crate::budget::money(cents - cents % 100);
    }
    if dollars < 1_000_000 {
        let tenths = dollars / 100; // in $100s
        return format!("{sign}${}.{}k", tenths / 10, tenths % 10);
    }
    let hundredths = dollars / 10_000; // in $10,000s
    format!("{sign}${}.{:02}M", hundredths / 100, hundredths % 100)
}

pub use crate::text_width::{fit, pad, rpad};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compact_money_is_short_and_exact_enough() {
        assert_eq!(compact_money(95_000), "$950");
        assert_eq!(compact_money(1_234_567_00), "$1.23M");
        assert_eq!(compact_money(12_345_00), "$12.3k");
        assert_eq!(compact_money(0), "$0");
    }

    #[test]
    fn fit_and_pad_never_exceed_width() {
        assert_eq!(fit("abcdef", 4, "~"), "abc~");
        assert_eq!(pad("ab", 4, "~"), "ab  ");
        assert_eq!(fit("abc", 0, "~"), "");
        assert_eq!(rpad("abc", 5), "  abc");
    }
}
