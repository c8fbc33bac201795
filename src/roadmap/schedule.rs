//! Auto-scheduling (levelling): place initiatives in priority order at the earliest quarter
//! that respects dependencies and every cap, and report what cannot fit in the horizon.
//!
//! Priority is value per dollar: the severity weights of the standards an initiative resolves,
//! divided by its cost. An initiative is placed only after everything it depends on. Caps are
//! checked with the same arithmetic as the budget (even splits, E-Rate discount share); the C2
//! budget limit is not modelled here, so the budget view remains the final word.

use crate::budget::{discount_share, initiative_quarters};
use crate::edit::Edit;
use crate::model::Horizon;
use crate::model::{ErateCategory, GENERAL_FUND, Initiative, Plan, Quarter, SourceKind, escalate};
use crate::standards::Library;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ScheduleResult {
    /// The moves, as one undoable batch (empty when nothing moves).
    pub moves: Vec<Edit>,
    /// Initiatives that fit nowhere in the horizon, with why.
    pub unplaced: Vec<(String, String)>,
}

impl ScheduleResult {
    pub fn edit(&self) -> Option<Edit> {
        (!self.moves.is_empty()).then(|| Edit::Batch(self.moves.clone()))
    }

    /// What the roadmap looks like after these moves, in one honest sentence: it "fits" only
    /// when every initiative is placed and no year is over a cap; otherwise the years still
    /// over and the initiatives left where they were are named.
    pub fn outcome(&self, plan: &Plan, horizon: &Horizon) -> String {
        let mut after = plan.clone();
        for m in &self.moves {
            if let Edit::MoveInitiative { id, start } = m
                && let Some(ini) = after.initiatives.iter_mut().find(|i| &i.id == id)
            {
                ini.start = *start;
            }
        }
        let budget = crate::budget::roll_up(&after, horizon);
        let over: Vec<String> = budget
            .years
            .iter()
            .filter(|y| y.over_cap)
            .map(|y| format!("{} ({})", y.fiscal_year, y.over.join("; ")))
            .collect();
        let moved = match self.moves.len() {
            0 => "nothing to move".to_string(),
            n => format!("{n} move(s)"),
        };
        if over.is_empty() && self.unplaced.is_empty() {
            return format!(
                "{moved}: every initiative is placed and every year is within its caps"
            );
        }
        let mut parts = vec![moved];
        if !self.unplaced.is_empty() {
            let named: Vec<String> = self
                .unplaced
                .iter()
                .map(|(id, why)| format!("{id} ({why})"))
                .collect();
            parts.push(format!(
                "{} initiative(s) could not be placed and stay where they are: {}",
                named.len(),
                named.join(", ")
            ));
        }
        if !over.is_empty() {
            parts.push(format!("still over a cap in {}", over.join(", ")));
        }
        parts.join("; ")
    }
}

/// Value per million cents, so integer ordering is stable and exact.
fn value(ini: &Initiative, weights: &HashMap<&str, i64>) -> i64 {
    let weight: i64 = ini
        .resolves
        .iter()
        .filter_map(|s| weights.get(s.as_str()))
        .sum();
    let cost = (ini.one_time_cents + ini.recurring_cents).max(100);
    weight.saturating_mul(1_000_000_000_000) / cost
}

struct Ready {
    value: i64,
    id: usize,
}
impl PartialEq for Ready {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Ready {}
impl PartialOrd for Ready {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Ready {
    /// Highest value first; ties by plan order (lower index first).
    fn cmp(&self, o: &Self) -> Ordering {
        self.value.cmp(&o.value).then_with(|| o.id.cmp(&self.id))
    }
}

/// Spend per (year, source) with caps, filled as initiatives are placed.
struct Ledger {
    years: usize,
    first_q: i32,
    sources: Vec<(String, Option<i64>, Option<i64>)>,
    by_source: Vec<i64>,
    totals: Vec<i64>,
    caps: Vec<Option<i64>>,
    erate: Option<usize>,
    /// Category One and Two discounts, percent.
    pct: (u8, u8),
    /// Yearly escalation of recurring costs, percent.
    escalation: u8,
}

impl Ledger {
    fn new(plan: &Plan, h: &Horizon) -> Ledger {
        let sources: Vec<(String, Option<i64>, Option<i64>)> = plan
            .budget
            .sources
            .iter()
            .map(|s| (s.id.clone(), s.annual_cap_cents, s.award_cents))
            .collect();
        let years = h.years.len();
        let mut l = Ledger {
            years,
            first_q: h.first_quarter().index(),
            erate: plan
                .budget
                .sources
                .iter()
                .position(|s| s.kind == SourceKind::Erate),
            by_source: vec![0; years * sources.len().max(1)],
            totals: vec![0; years],
            caps: h.years.iter().map(|fy| plan.budget.cap_for(*fy)).collect(),
            sources,
            pct: plan.district.erate_rates(),
            escalation: plan.budget.escalation(),
        };
        for item in &plan.items {
            let annual = item
                .annual_cost_cents
                .saturating_mul(i64::from(item.quantity));
            let src = item.funding.as_deref().unwrap_or(GENERAL_FUND);
            for y in 0..years {
                let grown = escalate(annual, l.escalation, u32::try_from(y).unwrap_or(0));
                l.add(y, src, grown, item.erate, 1);
            }
        }
        l
    }
    fn source(&self, id: &str) -> Option<usize> {
        self.sources.iter().position(|s| s.0 == id)
    }
    fn add(&mut self, y: usize, src: &str, cents: i64, erate: Option<ErateCategory>, sign: i64) {
        let reimbursed = match (erate, self.erate) {
            (Some(ErateCategory::C1), Some(_)) => discount_share(cents, self.pct.0),
            (Some(ErateCategory::C2), Some(_)) => discount_share(cents, self.pct.1),
            _ => 0,
        };
        if let Some(s) = self.source(src) {
            self.by_source[s * self.years + y] += sign * (cents - reimbursed);
        }
        if let Some(e) = self.erate {
            self.by_source[e * self.years + y] += sign * reimbursed;
        }
        self.totals[y] += sign * cents;
    }
    /// Per-year amounts an initiative would spend starting at `start`.
    fn spend(&self, ini: &Initiative, start: Quarter) -> Vec<i64> {
        let mut per_year = vec![0; self.years];
        let last_q = self.first_q + self.years as i32 * 4 - 1;
        for (q, _, cents) in initiative_quarters(ini, start, self.first_q, last_q, self.escalation)
        {
            per_year[((q - self.first_q) / 4) as usize] += cents;
        }
        per_year
    }
    fn apply(&mut self, ini: &Initiative, spend: &[i64], sign: i64) {
        for (y, cents) in spend.iter().enumerate() {
            if *cents != 0 {
                for (payer, part) in ini.split_by_payer(*cents) {
                    self.add(y, payer, part, ini.erate, sign);
                }
            }
        }
    }
    /// The first quarter from `earliest` at which the initiative keeps every cap, applied to
    /// the ledger; none (and the ledger unchanged) when no quarter in the horizon does.
    fn first_fit(&mut self, ini: &Initiative, earliest: Quarter, last: Quarter) -> Option<Quarter> {
        let mut q = earliest;
        while q.plus(i32::from(ini.duration_q()) - 1) <= last {
            let spend = self.spend(ini, q);
            self.apply(ini, &spend, 1);
            if self.within_caps() {
                return Some(q);
            }
            self.apply(ini, &spend, -1);
            q = q.plus(1);
        }
        None
    }
    fn within_caps(&self) -> bool {
        let overall = self
            .totals
            .iter()
            .zip(&self.caps)
            .all(|(t, c)| c.is_none_or(|c| *t <= c));
        overall
            && self.sources.iter().enumerate().all(|(s, (_, cap, award))| {
                let row = &self.by_source[s * self.years..(s + 1) * self.years];
                row.iter().all(|v| cap.is_none_or(|c| *v <= c))
                    && award.is_none_or(|a| row.iter().sum::<i64>() <= a)
            })
    }
}

/// Another source with headroom for an initiative that fits nowhere with its own: the first
/// (in the plan's order) that may pay this kind of spend in the years it would run and keeps
/// every cap, with the quarter it would start. Only named: who pays is the district's call.
fn other_payer(
    plan: &Plan,
    ledger: &mut Ledger,
    ini: &Initiative,
    earliest: Quarter,
    last: Quarter,
) -> Option<(String, Quarter)> {
    let spend = plan.budget.spend_of(ini);
    plan.budget.sources.iter().find_map(|s| {
        let allowed = s.kind != SourceKind::Erate
            && s.id != ini.funding
            && s.spend_only.is_none_or(|only| only == spend)
            && (s.spend_only.is_none() || ini.recurring_cents == 0);
        if !allowed {
            return None;
        }
        let alt = Initiative {
            funding: s.id.clone(),
            funding_shares: Vec::new(),
            ..ini.clone()
        };
        let q = ledger.first_fit(&alt, earliest, last)?;
        // Probing only: the initiative stays unplaced.
        ledger.apply(&alt, &ledger.spend(&alt, q), -1);
        // A grant restricted to some years pays only work inside them.
        let years_ok = s.years.is_empty()
            || (0..i32::from(alt.duration_q())).all(|k| s.years.contains(&q.plus(k).fy));
        years_ok.then(|| (s.name.clone(), q))
    })
}

/// The first quarter from `now` in which an initiative's E-Rate work can still be funded (a
/// request can be filed for its funding year): the scheduler does not place E-Rate work where
/// the discount it counts on cannot exist.
fn fundable_from(plan: &Plan, horizon: &Horizon, ini: &Initiative, now: Quarter) -> Quarter {
    let Some(cat) = ini.erate else { return now };
    if ini.one_time_cents == 0 || ini.eligible_pct(false) == 0 {
        return now;
    }
    let p = crate::model::erate::program();
    let ym = p.earliest_fundable(
        horizon.calendar.quarter_start(now),
        cat,
        false,
        horizon.as_of,
        &plan.district.erate.filed_years,
    );
    horizon.calendar.quarter_of(ym)
}

/// Levels the whole roadmap. Initiatives already under way (started before now) stay put.
pub fn schedule(plan: &Plan, horizon: &Horizon, library: &Library) -> ScheduleResult {
    let n = plan.initiatives.len();
    let index: HashMap<&str, usize> = plan
        .initiatives
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let mut waiting = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, ini) in plan.initiatives.iter().enumerate() {
        for d in &ini.depends_on {
            if let Some(&j) = index.get(d.as_str()) {
                waiting[i] += 1;
                dependents[j].push(i);
            }
        }
    }
    let weights: HashMap<&str, i64> = library
        .standards
        .iter()
        .map(|s| (s.id.as_str(), s.severity.weight()))
        .collect();
    let mut ledger = Ledger::new(plan, horizon);
    let now = horizon.now_quarter().max(horizon.first_quarter());
    let last = horizon.last_quarter();
    let mut end: Vec<Option<Quarter>> = vec![None; n];
    let mut heap: BinaryHeap<Ready> = (0..n)
        .filter(|&i| waiting[i] == 0)
        .map(|i| Ready {
            value: value(&plan.initiatives[i], &weights),
            id: i,
        })
        .collect();
    let mut result = ScheduleResult::default();
    let mut placed = vec![false; n];
    // Some dependency of it does not fit.
    let mut blocked = vec![false; n];
    while let Some(Ready { id: i, .. }) = heap.pop() {
        let ini = &plan.initiatives[i];
        let earliest = ini
            .depends_on
            .iter()
            .filter_map(|d| index.get(d.as_str()).and_then(|&j| end[j]))
            .map(|e| e.plus(1))
            .fold(
                now.max(fundable_from(plan, horizon, ini, now)),
                Quarter::max,
            );
        let chosen = if ini.start < now {
            // Work already under way is not re-planned.
            ledger.apply(ini, &ledger.spend(ini, ini.start), 1);
            Some(ini.start)
        } else {
            ledger.first_fit(ini, earliest, last)
        };
        match chosen {
            Some(q) => {
                placed[i] = true;
                end[i] = Some(q.plus(i32::from(ini.duration_q()) - 1));
                if q != ini.start {
                    result.moves.push(Edit::MoveInitiative {
                        id: ini.id.clone(),
                        start: q,
                    });
                }
            }
            None => {
                let why = if earliest.plus(i32::from(ini.duration_q()) - 1) > last {
                    "its dependencies finish too late for the horizon".to_string()
                } else {
                    match other_payer(plan, &mut ledger, ini, earliest, last) {
                        Some((name, q)) => {
                            format!("no quarter keeps every cap; {name} could pay it from {q}")
                        }
                        None => "no quarter keeps every cap, whichever source pays".into(),
                    }
                };
                result.unplaced.push((ini.id.clone(), why));
            }
        }
        // Release dependents; those of an initiative that does not fit cannot fit either, and
        // that propagates down their own chains.
        let mut settled = vec![i];
        while let Some(j) = settled.pop() {
            for &d in &dependents[j] {
                blocked[d] |= !placed[j];
                waiting[d] -= 1;
                if waiting[d] > 0 {
                    continue;
                }
                if blocked[d] {
                    let first_blocker = plan.initiatives[d]
                        .depends_on
                        .iter()
                        .find(|dep| index.get(dep.as_str()).is_some_and(|&k| !placed[k]))
                        .cloned()
                        .unwrap_or_default();
                    result.unplaced.push((
                        plan.initiatives[d].id.clone(),
                        format!("depends on {first_blocker}, which does not fit"),
                    ));
                    settled.push(d);
                } else {
                    heap.push(Ready {
                        value: value(&plan.initiatives[d], &weights),
                        id: d,
                    });
                }
            }
        }
    }
    for (i, ini) in plan.initiatives.iter().enumerate() {
        if waiting[i] > 0 {
            result
                .unplaced
                .push((ini.id.clone(), "waits on a dependency cycle".into()));
        }
    }
    result
}
