//! The edits that turn one plan into another. `Store::replace_plan` uses them so that importing
//! a plan is one undoable step that writes only what differs (re-importing the same file writes
//! nothing).

use crate::edit::Edit;
use crate::model::{Initiative, Plan};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Edits that, applied in order to `old`, give `new`. Both plans must be sorted by id
/// (`Plan::normalize`) with unique ids.
pub fn plan_diff(old: &Plan, new: &Plan) -> Vec<Edit> {
    let mut out = Vec::new();
    if old.district != new.district {
        out.push(Edit::SetDistrict(new.district.clone()));
    }
    if old.governance != new.governance {
        out.push(Edit::SetGovernance(new.governance.clone()));
    }
    if old.budget != new.budget {
        out.push(Edit::SetBudget(new.budget.clone()));
    }
    merge(
        &old.items,
        &new.items,
        |i| i.id.as_str(),
        |i| Edit::RemoveItem(i.id.clone()),
        |i| Edit::PutItem(i.clone()),
        &mut out,
    );
    // Removals before puts, so an initiative is never briefly duplicated.
    merge(
        &old.initiatives,
        &new.initiatives,
        |i| i.id.as_str(),
        |i| Edit::RemoveInitiative(i.id.clone()),
        |i| Edit::PutInitiative(i.clone()),
        &mut out,
    );
    map_diff(&old.answers, &new.answers, &mut out, |key, value| {
        Edit::SetAnswer { key, value }
    });
    map_diff(&old.overrides, &new.overrides, &mut out, |key, value| {
        Edit::SetOverride { key, value }
    });
    out
}

/// Walks two id-sorted lists: removes what is only in `old`, puts what is new or changed.
fn merge<X: PartialEq>(
    old: &[X],
    new: &[X],
    id: impl Fn(&X) -> &str,
    remove: impl Fn(&X) -> Edit,
    put: impl Fn(&X) -> Edit,
    out: &mut Vec<Edit>,
) {
    let (mut i, mut j) = (0, 0);
    loop {
        match (old.get(i), new.get(j)) {
            (None, None) => break,
            (Some(a), None) => {
                out.push(remove(a));
                i += 1;
            }
            (None, Some(b)) => {
                out.push(put(b));
                j += 1;
            }
            (Some(a), Some(b)) => match id(a).cmp(id(b)) {
                Ordering::Less => {
                    out.push(remove(a));
                    i += 1;
                }
                Ordering::Greater => {
                    out.push(put(b));
                    j += 1;
                }
                Ordering::Equal => {
                    if a != b {
                        out.push(put(b));
                    }
                    i += 1;
                    j += 1;
                }
            },
        }
    }
}

fn map_diff<V: Clone + PartialEq>(
    old: &BTreeMap<String, V>,
    new: &BTreeMap<String, V>,
    out: &mut Vec<Edit>,
    set: impl Fn(String, Option<V>) -> Edit,
) {
    for k in old.keys().filter(|k| !new.contains_key(*k)) {
        out.push(set(k.clone(), None));
    }
    for (k, v) in new {
        if old.get(k) != Some(v) {
            out.push(set(k.clone(), Some(v.clone())));
        }
    }
}

/// How an initiative differs between two plans (for `vcio session compare`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ChangeKind {
    Added,
    Removed,
    /// Only the start quarter differs.
    Moved,
    /// Anything else differs; `fields` names what.
    Changed {
        fields: Vec<&'static str>,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct InitiativeChange<'a> {
    pub id: &'a str,
    pub a: Option<&'a Initiative>,
    pub b: Option<&'a Initiative>,
    pub kind: ChangeKind,
}

/// The initiatives that differ between plan `a` and plan `b`, by id.
pub fn initiative_changes<'a>(a: &'a Plan, b: &'a Plan) -> Vec<InitiativeChange<'a>> {
    let mut ids: Vec<&str> = a
        .initiatives
        .iter()
        .chain(&b.initiatives)
        .map(|i| i.id.as_str())
        .collect();
    ids.sort_unstable();
    ids.dedup();
    ids.into_iter()
        .filter_map(|id| {
            let (x, y) = (a.initiative(id), b.initiative(id));
            let kind = match (x, y) {
                (None, Some(_)) => ChangeKind::Added,
                (Some(_), None) => ChangeKind::Removed,
                (Some(x), Some(y)) if x != y => {
                    let fields = changed_fields(x, y);
                    if fields == ["start"] {
                        ChangeKind::Moved
                    } else {
                        ChangeKind::Changed { fields }
                    }
                }
                _ => return None,
            };
            Some(InitiativeChange {
                id,
                a: x,
                b: y,
                kind,
            })
        })
        .collect()
}

fn changed_fields(x: &Initiative, y: &Initiative) -> Vec<&'static str> {
    let checks: [(&'static str, bool); 13] = [
        ("title", x.title != y.title),
        ("owner", x.owner != y.owner),
        ("start", x.start != y.start),
        ("duration", x.duration != y.duration),
        ("one-time cost", x.one_time_cents != y.one_time_cents),
        ("recurring cost", x.recurring_cents != y.recurring_cents),
        ("funding", x.funding != y.funding),
        ("spend", x.spend != y.spend),
        ("E-Rate", x.erate != y.erate),
        ("dependencies", x.depends_on != y.depends_on),
        ("resolves", x.resolves != y.resolves),
        ("effects", x.effects != y.effects),
        ("notes", x.notes != y.notes),
    ];
    checks
        .into_iter()
        .filter(|(_, d)| *d)
        .map(|(f, _)| f)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::apply;
    use crate::model::{AnswerValue, Category, Item};

    #[test]
    fn applying_the_diff_gives_the_new_plan() {
        let mut old = Plan::default();
        for id in ["a", "b", "c"] {
            old.items.push(Item::new(id, id, Category::Device, "x", 1));
        }
        old.answers.insert("mfa".into(), AnswerValue::No);
        old.overrides.insert("NET-01.max".into(), 3.0);
        let mut new = old.clone();
        new.items.remove(0);
        new.items[0].quantity = 9;
        new.items
            .push(Item::new("d", "d", Category::Network, "y", 2));
        new.answers.insert("mfa".into(), AnswerValue::Yes);
        new.overrides.clear();
        new.district.name = "Elsewhere".into();
        let edits = plan_diff(&old, &new);
        assert_eq!(edits.len(), 6);
        let mut got = old.clone();
        apply(&mut got, Edit::Batch(edits)).expect("diff applies");
        assert_eq!(got, new);
        assert!(plan_diff(&new, &new).is_empty());
    }
}
