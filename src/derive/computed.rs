//! Answers vcio works out from the plan instead of asking the district.
//!
//! The C2-budget standard asks what share of the cycle's Category Two budget is committed or
//! planned. When the schools' (or the district's) students are known, the budget is sized
//! from them (`model::erate`), so the share is computed: what the district has committed
//! already plus, in the projection, what this plan spends in the cycle. Without students the
//! budget cannot be sized and the typed answer, if any, is used.

use crate::assess::eval::ComputedAnswer;
use crate::budget::erate::ErateSummary;
use crate::budget::money;
use crate::model::{AnswerValue, Plan};

/// The answer key the C2-budget standard reads.
pub const C2_COMMITTED_PCT: &str = "erate_c2_committed_pct";

/// The computed answers: the C2 share committed (and planned, when `with_plan`).
pub fn answers(plan: &Plan, erate: &ErateSummary, with_plan: bool) -> Vec<ComputedAnswer> {
    let d = &plan.district;
    let site_students: u64 = d
        .sites
        .iter()
        .filter(|s| s.instructional)
        .map(|s| u64::from(s.students))
        .sum();
    if (site_students == 0 && d.students == 0) || erate.c2_budget_cents <= 0 {
        return Vec::new();
    }
    let planned = if with_plan { erate.c2_planned_cents } else { 0 };
    let used = erate.c2_committed_cents.saturating_add(planned);
    // Tenths of a percent, so the evidence and the comparison agree.
    let pct = (used as f64 * 1000.0 / erate.c2_budget_cents as f64).round() / 10.0;
    let how = if with_plan {
        format!(
            "{pct}% of the C2 budget {} is committed or planned (committed {} + planned {} of {})",
            erate.c2_cycle,
            money(erate.c2_committed_cents),
            money(planned),
            money(erate.c2_budget_cents)
        )
    } else {
        format!(
            "{pct}% of the C2 budget {} is committed ({} of {}; vcio district set c2_committed=AMOUNT records more)",
            erate.c2_cycle,
            money(erate.c2_committed_cents),
            money(erate.c2_budget_cents)
        )
    };
    vec![ComputedAnswer {
        key: C2_COMMITTED_PCT,
        value: AnswerValue::Number(pct),
        how,
    }]
}
