//! Auto-scheduling: dependencies first, every cap kept, and what cannot fit said plainly.

mod common;
use common::*;
use vcio::derive::Horizon;
use vcio::edit::apply;
use vcio::model::*;
use vcio::roadmap::schedule::schedule;

fn capped_plan(cap_dollars: i64) -> Plan {
    let mut plan = Plan::default();
    plan.budget.annual_cap_cents = Some(cap_dollars * 100);
    plan
}

fn run(plan: &Plan) -> (Plan, Vec<(String, String)>) {
    let h = Horizon::new(&plan.district, as_of());
    let result = schedule(plan, &h, &library());
    let mut after = plan.clone();
    if let Some(edit) = result.edit() {
        apply(&mut after, edit).unwrap();
    }
    (after, result.unplaced)
}

#[test]
fn two_initiatives_that_do_not_fit_one_year_together_go_to_different_years() {
    let mut plan = capped_plan(100_000);
    plan.initiatives
        .push(initiative("A", "FY2028-Q1", 1, 60_000_00));
    plan.initiatives
        .push(initiative("B", "FY2028-Q1", 1, 60_000_00));
    let (after, unplaced) = run(&plan);
    assert!(unplaced.is_empty(), "{unplaced:?}");
    let (a, b) = (
        after.initiative("A").unwrap().start,
        after.initiative("B").unwrap().start,
    );
    assert_ne!(a.fy, b.fy, "{a} {b}");
}

#[test]
fn a_dependent_starts_after_its_dependency_ends() {
    let mut plan = capped_plan(1_000_000);
    plan.initiatives
        .push(initiative("A", "FY2028-Q1", 3, 10_000_00));
    let mut b = initiative("B", "FY2027-Q3", 1, 10_000_00);
    b.depends_on = vec!["A".into()];
    plan.initiatives.push(b);
    let (after, unplaced) = run(&plan);
    assert!(unplaced.is_empty(), "{unplaced:?}");
    assert!(after.initiative("B").unwrap().start > after.initiative("A").unwrap().end());
}

#[test]
fn whatever_depends_on_an_initiative_that_cannot_fit_cannot_fit_either() {
    let mut plan = capped_plan(100_000);
    // A costs more than any year's cap; C fits; B needs both; D needs B.
    plan.initiatives
        .push(initiative("A", "FY2028-Q1", 1, 500_000_00));
    plan.initiatives
        .push(initiative("C", "FY2028-Q1", 1, 1_000_00));
    let mut b = initiative("B", "FY2028-Q2", 1, 1_000_00);
    b.depends_on = vec!["C".into(), "A".into()];
    plan.initiatives.push(b);
    let mut d = initiative("D", "FY2028-Q3", 1, 1_000_00);
    d.depends_on = vec!["B".into()];
    plan.initiatives.push(d);
    plan.normalize();
    let (_, unplaced) = run(&plan);
    let ids: Vec<&str> = unplaced.iter().map(|(id, _)| id.as_str()).collect();
    assert_eq!(ids, ["A", "B", "D"], "{unplaced:?}");
    assert!(unplaced[1].1.contains("depends on A"), "{unplaced:?}");
}
