//! Baselines: the roadmap as it was at a named moment (what the board approved), and what has
//! changed since: initiatives moved, grown or shrunk (in time or money), added or dropped. The
//! "promised vs delivered" page.

use crate::model::{Baseline, BaselineEntry, Plan};
use chrono::NaiveDate;
use serde::Serialize;

/// The roadmap now, as a baseline named `name` taken on `date`.
pub fn snapshot(plan: &Plan, name: &str, date: NaiveDate) -> Baseline {
    Baseline {
        name: name.trim().to_string(),
        date,
        initiatives: plan
            .initiatives
            .iter()
            .filter(|i| i.status != crate::model::InitiativeStatus::Cancelled)
            .map(|i| BaselineEntry {
                id: i.id.clone(),
                title: i.title.clone(),
                start: i.start,
                duration: i.duration,
                one_time_cents: i.one_time_cents,
                recurring_cents: i.recurring_cents,
            })
            .collect(),
    }
}

/// One difference between a baseline and today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    pub id: String,
    pub title: String,
    /// "moved", "longer", "shorter", "costs more", "costs less", "added", "dropped",
    /// "cancelled".
    pub kind: &'static str,
    pub before: String,
    pub after: String,
}

/// What changed since `b`, initiative by initiative (in id order).
pub fn diff(plan: &Plan, b: &Baseline) -> Vec<Change> {
    let money = crate::budget::money;
    let mut out = Vec::new();
    let change = |e: &BaselineEntry, kind, before: String, after: String| Change {
        id: e.id.clone(),
        title: e.title.clone(),
        kind,
        before,
        after,
    };
    for e in &b.initiatives {
        let Some(now) = plan.initiative(&e.id) else {
            out.push(change(
                e,
                "dropped",
                format!("{} {}q", e.start, e.duration),
                "-".into(),
            ));
            continue;
        };
        if now.status == crate::model::InitiativeStatus::Cancelled {
            out.push(change(
                e,
                "cancelled",
                e.start.to_string(),
                "cancelled".into(),
            ));
            continue;
        }
        if now.start != e.start {
            out.push(change(
                e,
                "moved",
                e.start.to_string(),
                now.start.to_string(),
            ));
        }
        if now.duration != e.duration {
            let kind = if now.duration > e.duration {
                "longer"
            } else {
                "shorter"
            };
            out.push(change(
                e,
                kind,
                format!("{}q", e.duration),
                format!("{}q", now.duration),
            ));
        }
        let (was, is) = (
            e.one_time_cents.saturating_add(e.recurring_cents),
            now.one_time_cents.saturating_add(now.recurring_cents),
        );
        if was != is {
            let kind = if is > was { "costs more" } else { "costs less" };
            out.push(change(e, kind, money(was), money(is)));
        }
    }
    for ini in &plan.initiatives {
        if !b.initiatives.iter().any(|e| e.id == ini.id) {
            out.push(Change {
                id: ini.id.clone(),
                title: ini.title.clone(),
                kind: "added",
                before: "-".into(),
                after: format!("{} {}q", ini.start, ini.duration),
            });
        }
    }
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out
}
