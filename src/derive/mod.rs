//! Derived data: everything computed from a plan and never stored: the assessment per fiscal
//! year (baseline and with initiatives), the budget, and warnings.
//!
//! `Engine` keeps the expensive parts (compiled library, inventory slot totals, effect deltas)
//! and recomputes only what an edit can change: a move re-applies cached effect deltas,
//! re-judges only the checks whose inputs changed (`judge`) and rewrites only the moved
//! initiatives' warnings; it never re-scans the inventory.

pub mod computed;
mod deadlines;
pub mod effects;
mod exemptions;
mod judge;
pub mod scorecard;
pub mod warnings;

use crate::assess::compile::{Compiled, compile};
use crate::assess::eval::{Outcome, Status};
use crate::assess::slots::{ScanCtx, SlotIndex, SlotTotals, scan};
use crate::budget::{Budget, InventoryCosts, InventorySums, roll_up_with};
use crate::edit::Edit;
use crate::fast_hash::FastMap;
pub use crate::model::Horizon;
use crate::model::{FiscalYear, Plan, Quarter};
use crate::standards::Library;
use chrono::NaiveDate;
use effects::EffectIndex;
use judge::{CheckReads, Judge, Memo};
use std::collections::HashMap;

#[derive(Debug, Clone, PartialEq)]
pub struct YearAssessment {
    pub fiscal_year: FiscalYear,
    /// One outcome per standard, in library order.
    pub outcomes: Vec<Outcome>,
    pub passing: usize,
    pub failing: usize,
    pub unknown: usize,
    /// Set aside by the district: outside the compliance share.
    pub not_applicable: usize,
}

impl YearAssessment {
    fn new(fiscal_year: FiscalYear, outcomes: Vec<Outcome>) -> Self {
        let mut ya = Self {
            fiscal_year,
            outcomes,
            passing: 0,
            failing: 0,
            unknown: 0,
            not_applicable: 0,
        };
        ya.recount();
        ya
    }
    /// Recounts statuses after some outcomes were replaced.
    fn recount(&mut self) {
        let count = |s| self.outcomes.iter().filter(|o| o.status == s).count();
        (
            self.passing,
            self.failing,
            self.unknown,
            self.not_applicable,
        ) = (
            count(Status::Pass),
            count(Status::Fail),
            count(Status::Unknown),
            count(Status::NotApplicable),
        );
    }
    /// Passing share of the standards that apply, 0..1.
    pub fn compliance(&self) -> f64 {
        let applicable = self.outcomes.len() - self.not_applicable;
        if applicable == 0 {
            0.0
        } else {
            self.passing as f64 / applicable as f64
        }
    }
}

/// An initiative that resolves a standard, and the quarter its work ends.
#[derive(Debug, Clone, PartialEq)]
pub struct Fix {
    pub initiative: String,
    pub done: Quarter,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub horizon: Horizon,
    /// As if no initiative is done.
    pub baseline: Vec<YearAssessment>,
    /// With the effects of initiatives completed by each year.
    pub projected: Vec<YearAssessment>,
    pub budget: Budget,
    /// Per standard (library order): the initiatives that resolve it.
    pub fixes: Vec<Vec<Fix>>,
    /// Roadmap warnings (dependencies, horizon, unknown ids) followed by budget warnings.
    pub warnings: Vec<String>,
}

#[derive(Clone)]
pub struct Engine {
    library: Library,
    compiled: Compiled,
    slot_index: SlotIndex,
    /// What each compiled check reads, to re-judge only checks whose inputs changed.
    reads: CheckReads,
    /// The inputs the projection was last judged from.
    memo: Memo,
    std_index: FastMap<String, usize>,
    sites: HashMap<String, usize>,
    items_by_kind: crate::fast_hash::FastMap<String, Vec<usize>>,
    baseline_totals: SlotTotals,
    projected_totals: SlotTotals,
    inventory_costs: InventoryCosts,
    effects: EffectIndex,
    /// Per initiative (plan order): its placement warnings, kept so a move recomputes only
    /// those of the moved initiative and its dependents.
    ini_warnings: Vec<Vec<String>>,
    /// The dependency-cycle warning; only dependency changes can alter it.
    cycle_warning: Option<String>,
    derived: Derived,
}

impl Engine {
    pub fn new(plan: &Plan, library: Library, as_of: NaiveDate) -> Engine {
        let horizon = Horizon::new(&plan.district, as_of);
        let mut engine = Engine {
            compiled: Compiled::default(),
            slot_index: SlotIndex::default(),
            reads: CheckReads::default(),
            memo: Memo::default(),
            std_index: library
                .standards
                .iter()
                .enumerate()
                .map(|(i, s)| (s.id.clone(), i))
                .collect(),
            library,
            sites: HashMap::new(),
            items_by_kind: Default::default(),
            baseline_totals: SlotTotals::default(),
            projected_totals: SlotTotals::default(),
            inventory_costs: InventoryCosts::default(),
            effects: EffectIndex::default(),
            ini_warnings: Vec::new(),
            cycle_warning: None,
            derived: Derived {
                horizon,
                baseline: Vec::new(),
                projected: Vec::new(),
                budget: Budget::default(),
                fixes: Vec::new(),
                warnings: Vec::new(),
            },
        };
        engine.rebuild(plan);
        engine
    }

    pub fn derived(&self) -> &Derived {
        &self.derived
    }
    pub fn library(&self) -> &Library {
        &self.library
    }
    pub fn horizon(&self) -> &Horizon {
        &self.derived.horizon
    }

    /// Everything from scratch: after loading, or when the district, overrides or inventory change.
    pub fn rebuild(&mut self, plan: &Plan) {
        let horizon = Horizon::new(&plan.district, self.derived.horizon.as_of);
        self.compiled = compile(&self.library, &plan.overrides);
        self.slot_index = SlotIndex::new(&self.compiled);
        self.reads = CheckReads::new(&self.compiled);
        self.memo.invalidate();
        self.sites = plan
            .district
            .sites
            .iter()
            .enumerate()
            .map(|(i, s)| (s.id.clone(), i))
            .collect();
        self.derived.horizon = horizon;
        // One pass over the inventory totals the slots, indexes items by kind for effects, and
        // sums recurring costs for the budget.
        let mut by_kind: crate::fast_hash::FastMap<String, Vec<usize>> = Default::default();
        let mut costs = InventorySums::default();
        let ctx = self.scan_ctx();
        let totals = scan(plan, &ctx, &mut |i, item| {
            // Allocate a key only for a kind not seen yet.
            let lower;
            let kind = if item.kind.bytes().any(|b| b.is_ascii_uppercase()) {
                lower = item.kind.to_lowercase();
                lower.as_str()
            } else {
                item.kind.as_str()
            };
            match by_kind.get_mut(kind) {
                Some(v) => v.push(i),
                None => {
                    by_kind.insert(kind.to_string(), vec![i]);
                }
            }
            costs.add(item);
        });
        self.baseline_totals = totals;
        self.items_by_kind = by_kind;
        self.inventory_costs = costs.finish();
        self.effects.clear();
        self.effects.rebuild(plan, &self.items_by_kind);
        let erate = crate::budget::erate::summary_before_plan(plan, &self.derived.horizon);
        self.derived.baseline = self.judge().baseline(
            plan,
            &self.baseline_totals,
            &computed::answers(plan, &erate, false),
        );
        self.recompute_initiatives(plan, None);
    }

    fn judge(&self) -> Judge<'_> {
        Judge {
            compiled: &self.compiled,
            reads: &self.reads,
            std_index: &self.std_index,
            horizon: &self.derived.horizon,
        }
    }

    fn scan_ctx(&self) -> ScanCtx<'_> {
        ScanCtx {
            compiled: &self.compiled,
            index: &self.slot_index,
            ref_months: &self.derived.horizon.ref_months,
            sites: &self.sites,
        }
    }

    /// Brings derived data up to date after `edit` was applied to `plan` (either direction).
    pub fn update(&mut self, plan: &Plan, edit: &Edit) {
        let t = edit.touched();
        if t.district || t.overrides || t.inventory {
            self.rebuild(plan);
            return;
        }
        if effects_changed(edit, &mut |id| self.effects.forget(id)) {
            self.effects.rebuild(plan, &self.items_by_kind);
        }
        if t.answers {
            let computed = computed::answers(plan, &self.derived.budget.erate, false);
            self.derived.baseline = self
                .judge()
                .baseline(plan, &self.baseline_totals, &computed);
            // Plan answers are an input of every projected year: judge it afresh.
            self.memo.invalidate();
        }
        let mut moved = Vec::new();
        let placed_only = only_placement(edit, &mut moved);
        self.recompute_initiatives(plan, placed_only.then_some(moved.as_slice()));
    }

    /// The projection, fixes, budget and warnings: what any initiative change can affect.
    /// `moved`, when known, lists the only initiatives whose placement changed (nothing else
    /// about initiatives did).
    fn recompute_initiatives(&mut self, plan: &Plan, moved: Option<&[&str]>) {
        let mut totals = self.baseline_totals.clone();
        let mut effects = std::mem::take(&mut self.effects);
        effects.apply(plan, &self.derived.horizon, &self.scan_ctx(), &mut totals);
        self.effects = effects;
        // The budget first: the projection reads the C2 share the plan commits.
        self.derived.budget = roll_up_with(plan, &self.derived.horizon, &self.inventory_costs);
        let computed = computed::answers(plan, &self.derived.budget.erate, true);
        let mut memo = std::mem::take(&mut self.memo);
        let mut projected = std::mem::take(&mut self.derived.projected);
        self.judge().projected(
            plan,
            &self.projected_totals,
            &totals,
            &computed,
            &mut memo,
            &mut projected,
        );
        self.memo = memo;
        self.derived.projected = projected;
        self.projected_totals = totals;
        self.derived.fixes = self.fixes(plan);
        self.placement_warnings(plan, moved);
        let mut warnings: Vec<String> = self.ini_warnings.iter().flatten().cloned().collect();
        warnings.extend(self.cycle_warning.iter().cloned());
        warnings.extend(self.derived.budget.warnings.iter().cloned());
        self.derived.warnings = warnings;
        deadlines::apply(plan, &self.library, &mut self.derived);
        exemptions::apply(plan, &self.std_index, &mut self.derived);
    }

    /// Brings the per-initiative and cycle warnings up to date: all of them, or after moves
    /// only those of the moved initiatives and of initiatives depending on them.
    fn placement_warnings(&mut self, plan: &Plan, moved: Option<&[&str]>) {
        let is_standard = |id: &str| self.std_index.contains_key(id);
        let h = &self.derived.horizon;
        let warn = |ini| {
            let mut out = Vec::new();
            warnings::initiative_warnings(plan, h, &is_standard, ini, &mut out);
            out
        };
        match moved {
            Some(ids) if self.ini_warnings.len() == plan.initiatives.len() => {
                for (at, ini) in plan.initiatives.iter().enumerate() {
                    let affected = ids.contains(&ini.id.as_str())
                        || ini.depends_on.iter().any(|d| ids.contains(&d.as_str()));
                    if affected {
                        self.ini_warnings[at] = warn(ini);
                    }
                }
            }
            _ => {
                self.ini_warnings = plan.initiatives.iter().map(warn).collect();
                self.cycle_warning = warnings::cycle_warning(plan);
            }
        }
    }

    /// How many units a standard is short by in a horizon year, with initiatives: failing items
    /// for a share, missing units for a ratio or existence check. 0 when it passes or does not
    /// measure inventory.
    pub fn failing_units(&self, plan: &Plan, standard: usize, year: usize) -> f64 {
        let Some(check) = self.compiled.checks.get(standard) else {
            return 0.0;
        };
        crate::assess::eval::shortfall(check, &self.projected_totals, year, &plan.district)
    }

    /// The items a share standard finds failing in a year (those whose facts are known and
    /// that do not meet it), so a fix can be priced from what they cost.
    pub fn failing_items<'p>(
        &self,
        plan: &'p Plan,
        standard: usize,
        year: usize,
    ) -> Vec<&'p crate::model::Item> {
        use crate::assess::compile::CCheck;
        use crate::assess::slots::Dates;
        let Some(CCheck::Share { total, pass, .. }) = self.compiled.checks.get(standard) else {
            return Vec::new();
        };
        let (Some(all), Some(meets)) = (
            self.compiled.slots.get(*total),
            self.compiled.slots.get(*pass),
        ) else {
            return Vec::new();
        };
        let (Some(pred), Some(&month)) = (&meets.pred, self.derived.horizon.ref_months.get(year))
        else {
            return Vec::new();
        };
        plan.items
            .iter()
            .filter(|it| {
                let d = Dates::of(it);
                all.select.matches(it) && pred.known(it, d) && !pred.eval(it, d, month)
            })
            .collect()
    }

    fn fixes(&self, plan: &Plan) -> Vec<Vec<Fix>> {
        let mut fixes = vec![Vec::new(); self.library.standards.len()];
        for ini in &plan.initiatives {
            for sid in &ini.resolves {
                if let Some(&i) = self.std_index.get(sid) {
                    fixes[i].push(Fix {
                        initiative: ini.id.clone(),
                        done: ini.end(),
                    });
                }
            }
        }
        for f in &mut fixes {
            f.sort_by(|a, b| {
                a.done
                    .cmp(&b.done)
                    .then_with(|| a.initiative.cmp(&b.initiative))
            });
        }
        fixes
    }
}

/// Whether an edit changes which items initiatives refresh; forgets changed initiatives' caches.
fn effects_changed(edit: &Edit, forget: &mut dyn FnMut(&str)) -> bool {
    match edit {
        Edit::PutInitiative(ini) => {
            forget(&ini.id);
            true
        }
        Edit::RemoveInitiative(id) => {
            forget(id);
            true
        }
        Edit::Batch(es) => {
            // Visit every part (no short-circuit): each changed initiative must be forgotten.
            let mut changed = false;
            for e in es {
                changed |= effects_changed(e, forget);
            }
            changed
        }
        _ => false,
    }
}

/// Whether an edit changes initiatives only by moving or resizing them (or not at all), which
/// leaves the dependency graph alone; collects the ids of the initiatives it places.
fn only_placement<'e>(edit: &'e Edit, ids: &mut Vec<&'e str>) -> bool {
    match edit {
        Edit::MoveInitiative { id, .. } | Edit::ResizeInitiative { id, .. } => {
            ids.push(id);
            true
        }
        Edit::SetAnswer { .. } | Edit::SetBudget(_) => true,
        Edit::Batch(es) => es.iter().all(|e| only_placement(e, ids)),
        _ => false,
    }
}
