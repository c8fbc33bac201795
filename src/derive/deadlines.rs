//! Standards with a legal compliance date (`Standard::deadline`, ADA Title II): a failing
//! outcome says, in each fiscal year, whether the law requires it by a date still ahead or has
//! required it since a date passed, and which date applies to the district's jurisdiction
//! population; without the population it gives both dates and the command that settles it.
//! Applied after every judgement; the suffix is added once, so re-applying changes nothing.

use super::Derived;
use crate::assess::Status;
use crate::model::Plan;
use crate::standards::Library;

pub fn apply(plan: &Plan, library: &Library, derived: &mut Derived) {
    let population = plan.district.jurisdiction_population;
    let calendar = derived.horizon.calendar;
    for (i, s) in library.standards.iter().enumerate() {
        let Some(deadline) = &s.deadline else {
            continue;
        };
        let date = deadline.date_for(population);
        for ya in derived
            .baseline
            .iter_mut()
            .chain(derived.projected.iter_mut())
        {
            let end = calendar.fy_end(ya.fiscal_year);
            let Some(o) = ya.outcomes.get_mut(i) else {
                continue;
            };
            if o.status != Status::Fail {
                continue;
            }
            let suffix = match date {
                Some(d) if d > end => format!("; {} requires it by {d}", deadline.source),
                Some(d) => format!("; {} has required it since {d}", deadline.source),
                None => {
                    let dates: Vec<String> = deadline
                        .by_population
                        .iter()
                        .map(|(min, d)| match min {
                            0 => format!("{d} otherwise"),
                            n => format!("{d} for a jurisdiction of {n} people or more"),
                        })
                        .collect();
                    format!(
                        "; {} requires it by {} (vcio district set jurisdiction_population=N \
                         settles which)",
                        deadline.source,
                        dates.join(", ")
                    )
                }
            };
            if !o.evidence.ends_with(&suffix) {
                o.evidence.push_str(&suffix);
            }
        }
    }
}
