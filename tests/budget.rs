//! Worked budget examples with hand-computed cents.

mod common;
use common::*;
use vcio::budget::roll_up;
use vcio::derive::Horizon;
use vcio::model::*;

fn small_plan(students: u32) -> Plan {
    let district = District {
        students,
        erate_discount_pct: 60,
        ..District::default()
    };
    // Hand figures without escalation; `escalation.rs`-style growth is tested on its own.
    let mut plan = Plan {
        district,
        ..Plan::default()
    };
    plan.budget.escalation_pct = Some(0);
    plan
}

fn year(b: &vcio::budget::Budget, fy: i32) -> &vcio::budget::YearBudget {
    b.years
        .iter()
        .find(|y| y.fiscal_year == FiscalYear(fy))
        .unwrap()
}

#[test]
fn one_time_cost_spreads_evenly_across_a_fiscal_year_boundary() {
    let mut plan = small_plan(1000);
    // $100,000.00 over FY2027-Q4, FY2028-Q1, FY2028-Q2: 3,333,333 + 3,333,333 + 3,333,334 cents.
    plan.initiatives
        .push(initiative("A", "FY2027-Q4", 3, 100_000_00));
    let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
    assert_eq!(year(&b, 2027).by_source["General Fund"], 3_333_333);
    assert_eq!(year(&b, 2028).by_source["General Fund"], 6_666_667);
    assert_eq!(b.horizon_total_cents, 100_000_00);
}

#[test]
fn erate_pays_its_discount_share_as_its_own_source() {
    let mut plan = small_plan(1000);
    let mut ini = initiative("WIFI", "FY2028-Q1", 1, 50_000_00);
    ini.erate = Some(ErateCategory::C2);
    plan.initiatives.push(ini);
    let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
    let y = year(&b, 2028);
    assert_eq!(y.by_source["E-Rate"], 30_000_00);
    assert_eq!(y.by_source["General Fund"], 20_000_00);
    assert_eq!(y.total_cents, 50_000_00);
}

#[test]
fn category_two_discount_stops_at_the_five_year_budget() {
    // 100 students: $20,157 < floor, so the C2 budget is the $30,175 floor.
    let mut plan = small_plan(100);
    let mut ini = initiative("WIFI", "FY2028-Q1", 1, 50_000_00);
    ini.erate = Some(ErateCategory::C2);
    plan.initiatives.push(ini);
    let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
    assert_eq!(b.c2_budget_cents, 30_175_00);
    let y = year(&b, 2028);
    // 60% of $30,175 = $18,105 reimbursed; the district pays the other $31,895.
    assert_eq!(y.by_source["E-Rate"], 18_105_00);
    assert_eq!(y.by_source["General Fund"], 31_895_00);
    assert!(
        b.warnings
            .iter()
            .any(|w| w.contains("C2 budget") && w.contains("$19,825")),
        "{:?}",
        b.warnings
    );
}

#[test]
fn recurring_cost_starts_the_quarter_after_completion() {
    let mut plan = small_plan(1000);
    let mut ini = initiative("LIC", "FY2027-Q1", 1, 0);
    ini.recurring_cents = 4_000_00;
    plan.initiatives.push(ini);
    let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
    assert_eq!(year(&b, 2027).total_cents, 3_000_00);
    assert_eq!(year(&b, 2028).total_cents, 4_000_00);
}

#[test]
fn over_cap_years_are_flagged_with_the_amount() {
    let mut plan = small_plan(1000);
    plan.budget.annual_cap_cents = Some(50_000_00);
    plan.initiatives
        .push(initiative("A", "FY2027-Q4", 3, 100_000_00));
    let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
    assert!(!year(&b, 2027).over_cap);
    let y = year(&b, 2028);
    assert!(y.over_cap);
    assert_eq!(y.cap_cents, Some(50_000_00));
    assert!(y.over[0].contains("$16,666.67"), "{:?}", y.over);
}

#[test]
fn inventory_licences_recur_every_year_and_unknown_sources_are_unfunded() {
    let mut plan = small_plan(1000);
    let mut lic = Item::new("SIS", "SIS", Category::DataSystem, "sis", 1000);
    lic.annual_cost_cents = 8_00;
    lic.funding = Some("mystery".into());
    plan.items.push(lic);
    let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
    assert_eq!(year(&b, 2029).by_source["Unfunded (mystery)"], 8_000_00);
    assert!(b.warnings.iter().any(|w| w.contains("mystery")));
}
