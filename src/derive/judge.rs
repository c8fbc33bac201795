//! Judging every standard in every horizon year, and re-judging after an initiative change only
//! the (standard, year) pairs whose inputs changed.
//!
//! An outcome is a pure function of: whether (and by which initiative) the standard is resolved
//! by that year, the slot totals its check reads in that year, the answers it reads in that year,
//! and the district and horizon (which only a rebuild changes). A move changes a few slots and at
//! most a few answers and resolutions, so most of the 122 x 5 outcomes, and the evidence
//! sentences whose formatting was most of the judging time, are kept as they were.

use super::{Horizon, YearAssessment};
use crate::assess::compile::{CCheck, CPer, Compiled};
use crate::assess::eval::{ComputedAnswer, Outcome, Status, YearView, evaluate};
use crate::assess::slots::SlotTotals;
use crate::fast_hash::FastMap;
use crate::model::{AnswerValue, Effect, Plan, Quarter};
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// What each check reads, so a change can be traced to the checks it may alter.
#[derive(Debug, Clone, Default)]
pub struct CheckReads {
    /// Per check: the slots it reads (any year's value of these may change its outcome).
    slots: Vec<Vec<usize>>,
    /// Per check: whether it reads any answer.
    answers: Vec<bool>,
}

impl CheckReads {
    pub fn new(compiled: &Compiled) -> CheckReads {
        let mut reads = CheckReads::default();
        for check in &compiled.checks {
            let (mut slots, mut answers) = (Vec::new(), false);
            collect_reads(check, &mut slots, &mut answers);
            slots.sort_unstable();
            slots.dedup();
            reads.slots.push(slots);
            reads.answers.push(answers);
        }
        reads
    }
}

fn collect_reads(check: &CCheck, slots: &mut Vec<usize>, answers: &mut bool) {
    match check {
        CCheck::Share { total, pass, .. } => slots.extend([*total, *pass]),
        CCheck::Ratio { num, per, .. } => {
            slots.push(*num);
            if let CPer::Slot(x) = per {
                slots.push(*x);
            }
        }
        CCheck::Answer { .. } => *answers = true,
        CCheck::Exists { total, .. } => slots.push(*total),
        CCheck::All(cs) | CCheck::Any(cs) => {
            for c in cs {
                collect_reads(c, slots, answers);
            }
        }
        CCheck::Not(c) => collect_reads(c, slots, answers),
    }
}

/// What judging needs from the engine.
pub struct Judge<'a> {
    pub compiled: &'a Compiled,
    pub reads: &'a CheckReads,
    pub std_index: &'a FastMap<String, usize>,
    pub horizon: &'a Horizon,
}

/// The initiative-dependent inputs of a projection, computed from the plan on every update.
struct Inputs<'p> {
    /// Per check: (completion date, initiative, end) of the first initiative resolving it.
    resolved: Vec<Option<(NaiveDate, &'p str, Quarter)>>,
    /// Per horizon year: answers set by initiatives completed by then.
    answers: Vec<BTreeMap<&'p str, AnswerValue>>,
}

/// What the last projection was judged from, to tell what changed since.
#[derive(Debug, Clone, Default)]
pub struct Memo {
    /// Whether `resolved` and `answers` describe the outcomes held (false after a rebuild or an
    /// answer change, which re-judge everything).
    valid: bool,
    resolved: Vec<Option<(NaiveDate, String, Quarter)>>,
    answers: Vec<Vec<(String, AnswerValue)>>,
    computed: Vec<ComputedAnswer>,
}

impl Memo {
    pub fn invalidate(&mut self) {
        self.valid = false;
    }
}

impl Judge<'_> {
    /// Judges every standard for every horizon year, ignoring initiatives (the baseline).
    pub fn baseline(
        &self,
        plan: &Plan,
        totals: &SlotTotals,
        computed: &[ComputedAnswer],
    ) -> Vec<YearAssessment> {
        let inputs = Inputs {
            resolved: vec![None; self.compiled.checks.len()],
            answers: vec![BTreeMap::new(); self.horizon.years.len()],
        };
        self.judge_all(plan, totals, &inputs, computed)
    }

    /// The projection with initiatives: answers set by completed initiatives count and named
    /// standards are resolved from completion. Re-judges only pairs whose inputs differ from
    /// those `memo` and `old_totals` recorded for `years`; judges everything when `memo` is
    /// not valid.
    pub fn projected(
        &self,
        plan: &Plan,
        old_totals: &SlotTotals,
        totals: &SlotTotals,
        computed: &[ComputedAnswer],
        memo: &mut Memo,
        years: &mut Vec<YearAssessment>,
    ) {
        let inputs = self.inputs(plan);
        let comparable = memo.valid
            && years.len() == self.horizon.years.len()
            && old_totals.values.len() == totals.values.len()
            && memo.resolved.len() == inputs.resolved.len();
        if !comparable {
            *years = self.judge_all(plan, totals, &inputs, computed);
            memo.computed = computed.to_vec();
            memo.resolved = inputs
                .resolved
                .iter()
                .map(|r| r.map(|(d, id, end)| (d, id.to_string(), end)))
                .collect();
            memo.answers = inputs.answers.iter().map(owned_answers).collect();
            memo.valid = true;
            return;
        }
        let changed = changed_slots(old_totals, totals);
        let computed_changed = memo.computed != computed;
        let n_years = self.horizon.years.len();
        for (y, ya) in years.iter_mut().enumerate() {
            let ref_date = self.horizon.ref_dates[y];
            let answers_changed =
                computed_changed || !same_answers(&memo.answers[y], &inputs.answers[y]);
            let lookup = |k: &str| inputs.answers[y].get(k).or_else(|| plan.answers.get(k));
            let view = self.view(plan, y, totals, &lookup, computed);
            let mut touched = false;
            for (i, check) in self.compiled.checks.iter().enumerate() {
                let now = resolved_by(&inputs.resolved[i], ref_date);
                let was = memo.resolved[i]
                    .as_ref()
                    .filter(|r| r.0 <= ref_date)
                    .map(|r| (r.1.as_str(), r.2));
                let stale = now != was
                    || (now.is_none()
                        && ((answers_changed && self.reads.answers[i])
                            || self.reads.slots[i]
                                .iter()
                                .any(|&s| changed[s * n_years + y])));
                if stale {
                    ya.outcomes[i] = outcome(check, now, &view);
                    touched = true;
                }
            }
            if touched {
                ya.recount();
            }
        }
        // Remember the new inputs, allocating only for what changed.
        for (old, new) in memo.resolved.iter_mut().zip(&inputs.resolved) {
            let same = match (&*old, new) {
                (Some(o), Some(n)) => o.0 == n.0 && o.1 == n.1 && o.2 == n.2,
                (None, None) => true,
                _ => false,
            };
            if !same {
                *old = new.map(|(d, id, end)| (d, id.to_string(), end));
            }
        }
        if computed_changed {
            memo.computed = computed.to_vec();
        }
        for (old, new) in memo.answers.iter_mut().zip(&inputs.answers) {
            if !same_answers(old, new) {
                *old = owned_answers(new);
            }
        }
    }

    fn judge_all(
        &self,
        plan: &Plan,
        totals: &SlotTotals,
        inputs: &Inputs,
        computed: &[ComputedAnswer],
    ) -> Vec<YearAssessment> {
        let h = self.horizon;
        (0..h.years.len())
            .map(|y| {
                let lookup = |k: &str| inputs.answers[y].get(k).or_else(|| plan.answers.get(k));
                let view = self.view(plan, y, totals, &lookup, computed);
                let outcomes = self
                    .compiled
                    .checks
                    .iter()
                    .enumerate()
                    .map(|(i, check)| {
                        outcome(
                            check,
                            resolved_by(&inputs.resolved[i], h.ref_dates[y]),
                            &view,
                        )
                    })
                    .collect();
                YearAssessment::new(h.years[y], outcomes)
            })
            .collect()
    }

    fn view<'a>(
        &self,
        plan: &'a Plan,
        y: usize,
        totals: &'a SlotTotals,
        answer: &'a dyn Fn(&str) -> Option<&'a AnswerValue>,
        computed: &'a [ComputedAnswer],
    ) -> YearView<'a> {
        YearView {
            year: y,
            fy: self.horizon.years[y],
            ref_date: self.horizon.ref_dates[y],
            is_current: y == 0,
            totals,
            district: &plan.district,
            answer,
            computed,
        }
    }

    fn inputs<'p>(&self, plan: &'p Plan) -> Inputs<'p> {
        let h = self.horizon;
        // Initiatives in completion order, ties by id: `plan.initiatives` is sorted by id, so
        // its positions order ties without comparing strings.
        let mut done: Vec<(NaiveDate, usize)> = plan
            .initiatives
            .iter()
            .enumerate()
            .map(|(at, i)| (h.completion_date(i.end()), at))
            .collect();
        done.sort_unstable();
        let mut resolved = vec![None; self.compiled.checks.len()];
        for &(date, at) in &done {
            let ini = &plan.initiatives[at];
            for sid in &ini.resolves {
                if let Some(&i) = self.std_index.get(sid.as_str()) {
                    resolved[i].get_or_insert((date, ini.id.as_str(), ini.end()));
                }
            }
        }
        let answers = h
            .ref_dates
            .iter()
            .map(|&ref_date| {
                let mut set: BTreeMap<&str, AnswerValue> = BTreeMap::new();
                for &(date, at) in done.iter().take_while(|(d, _)| *d <= ref_date) {
                    for eff in &plan.initiatives[at].effects {
                        match eff {
                            Effect::SetAnswer { key, value } => {
                                set.insert(key, value.clone());
                            }
                            Effect::AnswerDated { key } => {
                                set.insert(key, AnswerValue::Date(date));
                            }
                            _ => {}
                        }
                    }
                }
                set
            })
            .collect();
        Inputs { resolved, answers }
    }
}

/// The initiative resolving a standard by `ref_date`, if any.
fn resolved_by<'p>(
    r: &Option<(NaiveDate, &'p str, Quarter)>,
    ref_date: NaiveDate,
) -> Option<(&'p str, Quarter)> {
    r.filter(|r| r.0 <= ref_date).map(|r| (r.1, r.2))
}

fn outcome(check: &CCheck, resolved: Option<(&str, Quarter)>, view: &YearView) -> Outcome {
    match resolved {
        Some((id, end)) => Outcome::new(
            Status::Pass,
            Some(1.0),
            format!("resolved by {id} (done {end})"),
        ),
        None => evaluate(check, view),
    }
}

/// Per (slot, year), at `slot * years + year`: whether any value of that slot in that year
/// (district-wide or at any site) differs. Compared bit for bit, so "unchanged" means the
/// checks reading it would compute exactly what they did.
fn changed_slots(old: &SlotTotals, new: &SlotTotals) -> Vec<bool> {
    let years = new.years.max(1);
    let mut changed = vec![false; new.offsets.len() * years];
    for (s, &start) in new.offsets.iter().enumerate() {
        let end = new.offsets.get(s + 1).copied().unwrap_or(new.values.len());
        for pos in start..end {
            if old.values[pos].to_bits() != new.values[pos].to_bits() {
                changed[s * years + (pos - start) % years] = true;
            }
        }
    }
    changed
}

fn same_answers(old: &[(String, AnswerValue)], new: &BTreeMap<&str, AnswerValue>) -> bool {
    old.len() == new.len()
        && old
            .iter()
            .zip(new)
            .all(|((ok, ov), (nk, nv))| ok == nk && ov == nv)
}

fn owned_answers(set: &BTreeMap<&str, AnswerValue>) -> Vec<(String, AnswerValue)> {
    set.iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}
