//! The virtual CIO's portfolio (`vcio portfolio`): every district in the data directory on one
//! line, its what-if scenarios under it, sorted by what needs attention: at-risk initiatives,
//! years over a cap, failing standards. Each row is worked out from the district's own plan
//! with the same engine, follow-through flags and setup checklist as the district's screens.

use super::table::Table;
use crate::budget::money;
use crate::derive::Engine;
use crate::model::Plan;
use crate::standards::Library;
use chrono::NaiveDate;
use serde::Serialize;

/// Pass / fail / unknown counts of one year.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub fiscal_year: i32,
    pub passing: usize,
    pub failing: usize,
    pub unknown: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Row {
    pub session: String,
    pub district: String,
    /// The district session this scenario was forked from.
    pub scenario_of: Option<String>,
    pub students: u32,
    pub now: Counts,
    pub end_of_horizon: Counts,
    pub setup_pct: u32,
    pub years_over_cap: usize,
    /// Open initiatives with at least one follow-through flag, and how many are high.
    pub at_risk: usize,
    pub at_risk_high: usize,
    pub c2_remaining_cents: i64,
    pub next_erate_deadline: Option<crate::budget::erate::Deadline>,
    /// Higher needs attention sooner.
    pub attention: i64,
}

/// One session's row.
pub fn row(
    session: &str,
    scenario_of: Option<&str>,
    plan: &Plan,
    library: Library,
    as_of: NaiveDate,
) -> Row {
    let engine = Engine::new(plan, library, as_of);
    let d = engine.derived();
    let counts = |y: Option<&crate::derive::YearAssessment>| Counts {
        fiscal_year: y.map_or(0, |y| y.fiscal_year.0),
        passing: y.map_or(0, |y| y.passing),
        failing: y.map_or(0, |y| y.failing),
        unknown: y.map_or(0, |y| y.unknown),
    };
    let flags = crate::follow::flags(plan, &d.horizon);
    let (at_risk, at_risk_high) = crate::follow::flagged(&flags);
    let setup = crate::setup::checklist(plan, engine.library(), d);
    let over = d.budget.years.iter().filter(|y| y.over_cap).count();
    let now = counts(d.projected.first());
    let attention = 4 * at_risk_high as i64
        + 3 * over as i64
        + at_risk as i64
        + now.failing as i64 / 5
        + i64::from(setup.complete_pct < 80);
    Row {
        session: session.to_string(),
        district: plan.district.name.clone(),
        scenario_of: scenario_of.map(String::from),
        students: plan.district.students,
        end_of_horizon: counts(d.projected.last()),
        now,
        setup_pct: setup.complete_pct,
        years_over_cap: over,
        at_risk,
        at_risk_high,
        c2_remaining_cents: d.budget.erate.c2_remaining_cents,
        next_erate_deadline: d.budget.erate.deadlines.first().cloned(),
        attention,
    }
}

/// Districts by attention (then name), each followed by its scenarios.
pub fn order(mut rows: Vec<Row>) -> Vec<Row> {
    let known: Vec<String> = rows.iter().map(|r| r.session.clone()).collect();
    // A scenario whose district is gone stands as a district.
    for r in &mut rows {
        if r.scenario_of.as_ref().is_some_and(|p| !known.contains(p)) {
            r.scenario_of = None;
        }
    }
    let (mut districts, scenarios): (Vec<Row>, Vec<Row>) =
        rows.into_iter().partition(|r| r.scenario_of.is_none());
    districts.sort_by(|a, b| {
        b.attention
            .cmp(&a.attention)
            .then_with(|| a.district.cmp(&b.district))
    });
    let mut out = Vec::new();
    for d in districts {
        let name = d.session.clone();
        out.push(d);
        let mut mine: Vec<Row> = scenarios
            .iter()
            .filter(|s| s.scenario_of.as_deref() == Some(name.as_str()))
            .cloned()
            .collect();
        mine.sort_by(|a, b| a.session.cmp(&b.session));
        out.extend(mine);
    }
    out
}

pub fn table(rows: &[Row], width: usize) -> String {
    if rows.is_empty() {
        return "No districts yet: vcio --session NAME session new NAME --empty, then vcio setup.\n".into();
    }
    let mut t = Table::new(&[
        "district",
        "now ✓/✗/?",
        "end ✓/✗/?",
        "setup",
        "over",
        "at risk",
        "C2 left",
        "E-Rate",
    ])
    .right(&[3, 4, 5, 6])
    .flex(0);
    for r in rows {
        let name = match &r.scenario_of {
            Some(_) => format!(" └ {}", r.session),
            None if r.session == r.district => r.district.clone(),
            None => format!("{} ({})", r.district, r.session),
        };
        let c = |c: &Counts| format!("{}/{}/{}", c.passing, c.failing, c.unknown);
        t.row(vec![
            name,
            c(&r.now),
            c(&r.end_of_horizon),
            format!("{}%", r.setup_pct),
            r.years_over_cap.to_string(),
            if r.at_risk_high > 0 {
                format!("{} ({}!)", r.at_risk, r.at_risk_high)
            } else {
                r.at_risk.to_string()
            },
            // Whole dollars: the column is for comparing districts.
            money(r.c2_remaining_cents / 100 * 100),
            r.next_erate_deadline
                .as_ref()
                .map(|d| d.date.format("%-d %b").to_string())
                .unwrap_or_else(|| "-".into()),
        ]);
    }
    let mut out = t.render(width);
    out.push_str("\nStandards passing/failing/unknown now and at the end of the horizon; over: years over a cap;\nat risk: initiatives flagged (! high); E-Rate: the next filing date. Sorted by what needs
attention; vcio --session NAME followup says why.\n");
    out
}
