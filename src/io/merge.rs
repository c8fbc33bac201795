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

use super::group::{Group, Tables};
use crate::fast_hash::{FastMap, FastSet};
use crate::model::Item;
use std::collections::HashMap;

/// What merging produced.
pub(crate) struct Merged {
    pub items: Vec<Item>,
    pub created: Vec<String>,
    pub updated: Vec<String>,
    pub emptied: Vec<String>,
    pub unchanged: usize,
    /// Models no rule recognised: (model, export category text, units).
    pub unknown_models: Vec<(String, String, u64)>,
    /// Tracked assets of earlier imports of these kinds that this file no longer lists:
    /// (item id, assets). Removed from their items only when `retire_missing` was asked.
    pub missing: Vec<(String, Vec<String>)>,
}

/// Merge groups with the existing items. `leaving[i]` are assets of `existing[i]` that this
/// file moves elsewhere or retires; `seen` says whether the file lists an asset key.
pub(crate) fn merge(
    groups: Vec<Group>,
    existing: &[Item],
    leaving: &HashMap<usize, Vec<String>>,
    t: &Tables,
    authoritative: bool,
    seen: &dyn Fn(&str) -> bool,
    retire_missing: bool,
) -> Merged {
    let by_id: FastMap<&str, usize> = existing
        .iter()
        .enumerate()
        .map(|(i, it)| (it.id.as_str(), i))
        .collect();
    let empty = FastSet::default();
    let mut leaving_sets: FastMap<usize, FastSet<&str>> = leaving
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
        missing: Vec::new(),
    };
    let note_unknown = |out: &mut Merged, (model, category, qty): (String, String, u64)| match out
        .unknown_models
        .iter_mut()
        .find(|(m, ..)| *m == model)
    {
        Some(u) => u.2 += qty,
        None => out.unknown_models.push((model, category, qty)),
    };
    let about = |g: &Group| (g.model.clone(), g.category_text.clone(), g.qty);
    // Kinds and sites this file speaks for: only earlier imports of the same format, kinds and
    // sites can be "gone from the export" (a GAM export of one school says nothing of another).
    let mut kinds: FastSet<String> = FastSet::default();
    let sites: FastSet<Option<String>> = groups.iter().map(|g| g.site.clone()).collect();
    let mut touched: FastSet<usize> = FastSet::default();
    let mut pending: Vec<(usize, Group)> = Vec::new();
    for g in groups {
        if let Some(&i) = by_id.get(g.id.as_str()) {
            touched.insert(i);
            kinds.insert(existing[i].kind.clone());
            pending.push((i, g));
        } else {
            let mut unknown = false;
            let probe = about(&g);
            let item = g.into_item(t, &mut unknown);
            if unknown {
                note_unknown(&mut out, probe);
            }
            kinds.insert(item.kind.clone());
            out.created.push(item.id.clone());
            out.items.push(item);
        }
    }
    // Assets of earlier imports of this format, kinds and sites that the file does not list.
    let same_source = |item: &Item| {
        item.attrs
            .get(crate::model::marks::IMPORTED_FROM)
            .is_some_and(|v| v.as_text() == t.source)
    };
    for (i, item) in existing.iter().enumerate() {
        if !same_source(item) || !kinds.contains(&item.kind) || !sites.contains(&item.site) {
            continue;
        }
        let gone: Vec<String> = item
            .assets
            .iter()
            .filter(|a| !seen(a) && !leaving_sets.get(&i).is_some_and(|l| l.contains(a.as_str())))
            .cloned()
            .collect();
        if gone.is_empty() {
            continue;
        }
        if retire_missing {
            let set = leaving_sets.entry(i).or_default();
            for a in &item.assets {
                if gone.contains(a) {
                    set.insert(a.as_str());
                }
            }
        }
        out.missing.push((item.id.clone(), gone));
    }
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
    for (i, g) in pending {
        let mut unknown = false;
        let probe = about(&g);
        let new = g.update(
            &existing[i],
            leaving_sets.get(&i).unwrap_or(&empty),
            authoritative,
            t,
            &mut unknown,
        );
        if unknown {
            note_unknown(&mut out, probe);
        }
        push_existing(&mut out, &existing[i], new);
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
        let mut unknown = false;
        let new = g.update(&existing[i], &leaving_sets[&i], false, t, &mut unknown);
        push_existing(&mut out, &existing[i], new);
    }
    out.items.sort_by(|a, b| a.id.cmp(&b.id));
    out.emptied.sort();
    out
}
