//! Standards the district has set aside (`District::exemptions`): their outcome in every year,
//! baseline and projected, is "not applicable" or "accepted risk" with the reason, never a
//! pass; a review date that has come is a warning. Applied after every judgement, so the
//! incremental engine needs no special case (a district edit re-judges everything anyway).

use super::Derived;
use crate::assess::{Outcome, Status};
use crate::fast_hash::FastMap;
use crate::model::{ExemptionKind, Plan};

pub fn apply(plan: &Plan, std_index: &FastMap<String, usize>, derived: &mut Derived) {
    let exemptions = &plan.district.exemptions;
    if exemptions.is_empty() {
        return;
    }
    let as_of = derived.horizon.as_of;
    for (id, ex) in exemptions {
        let Some(&i) = std_index.get(id) else {
            derived.warnings.push(format!(
                "{id} is exempted but is not in the standards library"
            ));
            continue;
        };
        let what = match ex.kind {
            ExemptionKind::NotApplicable => "not applicable",
            ExemptionKind::AcceptedRisk => "accepted risk",
        };
        let review = match ex.until {
            Some(d) if d <= as_of => format!(" (review was due {d})"),
            Some(d) => format!(" (review by {d})"),
            None => String::new(),
        };
        if let Some(d) = ex.until.filter(|d| *d <= as_of) {
            derived.warnings.push(format!(
                "{id}: the {what} decision was due for review on {d}: `vcio standards exempt {id} ...` again or remove it"
            ));
        }
        let outcome = Outcome::new(
            Status::NotApplicable,
            None,
            format!("{what}: {}{review}", ex.reason),
        );
        for ya in derived
            .baseline
            .iter_mut()
            .chain(derived.projected.iter_mut())
        {
            if let Some(o) = ya.outcomes.get_mut(i) {
                *o = outcome.clone();
            }
            ya.recount();
        }
    }
}
