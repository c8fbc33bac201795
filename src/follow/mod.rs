//! Follow-through: whether the plan is being kept. `flags` finds the initiatives at risk and
//! says why (the agenda of a monthly vCIO visit), `actuals` sets actual spend against the
//! plan, `baseline` snapshots the roadmap and says what changed since.
//!
//! Everything here reads a plan and the horizon (its as-of date); nothing changes them.

pub mod actuals;
pub mod baseline;

use crate::model::{Horizon, Initiative, InitiativeStatus, Plan};
use chrono::NaiveDate;
use serde::Serialize;

/// Days without a check-in after which work under way is flagged.
pub const STALE_DAYS: i64 = 45;

/// How much a flag matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    High,
    Medium,
    Low,
}

/// One reason an initiative is at risk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Flag {
    pub initiative: String,
    pub title: String,
    pub severity: Severity,
    pub reason: String,
    /// What to do about it, and who.
    pub next_step: String,
    pub owner: String,
}

/// The latest check-in, if any.
pub fn last_checkin(ini: &Initiative) -> Option<&crate::model::Checkin> {
    ini.checkins.iter().max_by_key(|c| c.date)
}

/// Percent complete by the latest check-in (done counts as 100).
pub fn percent(ini: &Initiative) -> u8 {
    if ini.status == InitiativeStatus::Done {
        return 100;
    }
    last_checkin(ini).map_or(0, |c| c.percent)
}

/// Actual spend recorded in check-ins.
pub fn spent_cents(ini: &Initiative) -> i64 {
    ini.checkins
        .iter()
        .filter_map(|c| c.spent.as_ref())
        .map(|s| s.cents)
        .fold(0i64, i64::saturating_add)
}

/// The initiative `id` with a check-in recorded, or why it cannot be: percent 0-100, dated no
/// later than `as_of` (a check-in records what has happened), spend paid by a known source.
/// Check-ins stay in date order; reporting progress on a proposed or approved initiative puts
/// it in progress (done at 100%), with the change in its status history. The CLI and the
/// workbench's check-in form both record through this.
pub fn with_checkin(
    plan: &Plan,
    id: &str,
    c: crate::model::Checkin,
    as_of: NaiveDate,
) -> Result<Initiative, String> {
    let mut ini = plan
        .initiative(id)
        .cloned()
        .ok_or_else(|| format!("no initiative {id:?}"))?;
    if c.percent > 100 {
        return Err(format!("percent complete is 0 to 100, not {}", c.percent));
    }
    if c.date > as_of {
        return Err(format!(
            "{} is after the as-of date {as_of}; a check-in records what has happened",
            c.date
        ));
    }
    if let Some(s) = &c.spent {
        if s.cents < 0 {
            return Err("the amount spent cannot be negative".into());
        }
        if plan.budget.source(&s.source).is_none() {
            return Err(format!("no funding source {:?}", s.source));
        }
    }
    let (day, pct) = (c.date, c.percent);
    ini.checkins.push(c);
    ini.checkins.sort_by_key(|c| c.date);
    if matches!(
        ini.status,
        InitiativeStatus::Proposed | InitiativeStatus::Approved
    ) && pct > 0
    {
        ini.status = if pct == 100 {
            InitiativeStatus::Done
        } else {
            InitiativeStatus::InProgress
        };
        ini.status_log.push(crate::model::StatusChange {
            date: day,
            status: ini.status,
            by: String::new(),
        });
    }
    Ok(ini)
}

/// Whether work should be under way: in progress, or approved with its start reached.
fn under_way(ini: &Initiative, now: crate::model::Quarter) -> bool {
    match ini.status {
        InitiativeStatus::InProgress => true,
        InitiativeStatus::Approved => ini.start <= now,
        _ => false,
    }
}

/// Every flag of every open initiative, most severe first (then by initiative).
pub fn flags(plan: &Plan, horizon: &Horizon) -> Vec<Flag> {
    let now = horizon.now_quarter();
    let today = horizon.as_of;
    let mut out = Vec::new();
    for ini in plan.initiatives.iter().filter(|i| !i.status.closed()) {
        let mut flag = |severity, reason: String, next_step: String| {
            out.push(Flag {
                initiative: ini.id.clone(),
                title: ini.title.clone(),
                severity,
                reason,
                next_step,
                owner: ini.owner.clone(),
            })
        };
        people_flags(plan, ini, &mut flag);
        let pct = percent(ini);
        if ini.end() < now {
            flag(
                Severity::High,
                format!("past its end ({}) and not done: {pct}% complete", ini.end()),
                "record it done, or move it to when it will finish".into(),
            );
        }
        if under_way(ini, now) {
            match last_checkin(ini) {
                Some(c) if days(c.date, today) > STALE_DAYS => flag(
                    Severity::Medium,
                    format!(
                        "no check-in for {} days (last {})",
                        days(c.date, today),
                        c.date
                    ),
                    "ask the owner for a check-in".into(),
                ),
                None if ini.start < now => flag(
                    Severity::Medium,
                    format!("under way since {} with no check-in", ini.start),
                    "ask the owner for a first check-in".into(),
                ),
                _ => {}
            }
        }
        if let Some(c) = last_checkin(ini)
            && let Some(due) = c.next_due
            && due < today
        {
            flag(
                Severity::Medium,
                format!(
                    "next step overdue since {due}: {}",
                    if c.next_step.is_empty() {
                        "(not named)"
                    } else {
                        &c.next_step
                    }
                ),
                "agree a new date with the owner".into(),
            );
        }
        let budget = ini.one_time_cents;
        let spent = spent_cents(ini);
        if budget > 0 && spent > 0 {
            let spent_pct =
                i64::try_from(i128::from(spent) * 100 / i128::from(budget)).unwrap_or(i64::MAX);
            if spent_pct > i64::from(pct) + 20 {
                flag(
                    Severity::Medium,
                    format!(
                        "spent {spent_pct}% of its {} at {pct}% complete",
                        crate::budget::money(budget)
                    ),
                    "review the cost to finish with the sponsor".into(),
                );
            }
        }
        for dep in &ini.depends_on {
            if let Some(d) = plan.initiative(dep)
                && !d.status.closed()
                && d.end() >= ini.start
            {
                flag(
                    Severity::Low,
                    format!(
                        "depends on {dep}, which ends {} (after this starts)",
                        d.end()
                    ),
                    format!("move {} later or bring {dep} forward", ini.id),
                );
            }
        }
    }
    out.sort_by(|a, b| {
        a.severity
            .cmp(&b.severity)
            .then_with(|| a.initiative.cmp(&b.initiative))
    });
    out
}

/// How many initiatives the flags name, all and with a high flag. Flags are sorted by
/// severity first, so one initiative's flags need not be next to each other.
pub fn flagged(flags: &[Flag]) -> (usize, usize) {
    let count = |high_only: bool| {
        let mut ids: Vec<&str> = flags
            .iter()
            .filter(|f| !high_only || f.severity == Severity::High)
            .map(|f| f.initiative.as_str())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    (count(false), count(true))
}

fn days(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The owner and sponsor: gone, or not a person the plan knows.
fn people_flags(plan: &Plan, ini: &Initiative, flag: &mut impl FnMut(Severity, String, String)) {
    let g = &plan.governance;
    for (role, name) in [("owner", &ini.owner), ("sponsor", &ini.sponsor)] {
        if name.trim().is_empty() {
            if role == "owner" && !g.people.is_empty() {
                flag(
                    Severity::Medium,
                    "no owner".into(),
                    format!("name an owner: vcio initiative set {} owner=NAME", ini.id),
                );
            }
            continue;
        }
        match g.person(name) {
            Some(p) if !p.active() => {
                let backup = g
                    .person(&ini.backup)
                    .filter(|b| b.active())
                    .map(|b| format!("hand it to {} (the backup)", b.name))
                    .unwrap_or_else(|| format!("name a new {role}"));
                flag(
                    Severity::High,
                    format!(
                        "its {role} {} left on {}",
                        p.name,
                        p.left_on.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    backup,
                );
            }
            None if !g.people.is_empty() => flag(
                Severity::Low,
                format!("its {role} {name:?} is not in the people list"),
                format!("vcio person add {name:?} --role ROLE"),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_initiative_with_flags_of_several_severities_counts_once() {
        let flag = |id: &str, severity| Flag {
            initiative: id.into(),
            title: String::new(),
            severity,
            reason: String::new(),
            next_step: String::new(),
            owner: String::new(),
        };
        // As `flags` sorts them: high first, so A's two flags are apart.
        let flags = [
            flag("A", Severity::High),
            flag("B", Severity::Medium),
            flag("A", Severity::Medium),
        ];
        assert_eq!(flagged(&flags), (2, 1));
    }
}
