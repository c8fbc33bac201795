//! The E-Rate program's rules in the budget, each checked against figures worked out by hand
//! (the comments show the arithmetic). As of 22 November 2026, district FY2027 = E-Rate
//! FY2026 (July 2026 - June 2027), whose Form 471 window closed on 1 April 2026.

mod common;
use common::*;
use vcio::budget::{Budget, YearBudget, roll_up};
use vcio::derive::Horizon;
use vcio::model::*;

fn plan_with(sites: &[(&str, u32)], c1: u8, c2: u8) -> Plan {
    let mut district = District {
        students: sites.iter().map(|(_, n)| n).sum(),
        ..District::default()
    };
    for (id, students) in sites {
        let mut s = Site::new(id, id);
        s.students = *students;
        district.sites.push(s);
    }
    district.erate.c1_pct = Some(c1);
    district.erate.c2_pct = Some(c2);
    // Prices held flat so each figure below is one multiplication; escalation has its own test.
    let mut plan = Plan {
        district,
        ..Plan::default()
    };
    plan.budget.escalation_pct = Some(0);
    plan
}

fn c2(id: &str, start: &str, cents: i64) -> Initiative {
    let mut ini = initiative(id, start, 1, cents);
    ini.erate = Some(ErateCategory::C2);
    ini
}

fn budget(plan: &Plan) -> Budget {
    roll_up(plan, &Horizon::new(&plan.district, as_of()))
}

fn year(b: &Budget, fy: i32) -> &YearBudget {
    b.years
        .iter()
        .find(|y| y.fiscal_year == FiscalYear(fy))
        .expect("year in the horizon")
}

fn erate(b: &Budget, fy: i32) -> i64 {
    year(b, fy).by_source.get("E-Rate").copied().unwrap_or(0)
}

#[test]
fn four_small_schools_get_the_c2_floor_each() {
    // 4 schools x 100 students: 400 x $201.57 = $80,628 < 4 x $30,175 = $120,700.
    let plan = plan_with(&[("a", 100), ("b", 100), ("c", 100), ("d", 100)], 80, 80);
    let b = budget(&plan);
    assert_eq!(b.c2_budget_cents, 120_700_00);
    // A district office adds no C2 budget.
    let mut plan = plan;
    let mut office = Site::new("do", "District Office");
    office.instructional = false;
    plan.district.sites.push(office);
    assert_eq!(budget(&plan).c2_budget_cents, 120_700_00);
}

#[test]
fn category_two_never_exceeds_85_percent() {
    // 80% of students in the lunch program: C1 90%, C2 85% from the matrix.
    let mut plan = plan_with(&[("hs", 1000)], 0, 0);
    plan.district.erate.c1_pct = None;
    plan.district.erate.c2_pct = None;
    plan.district.erate.nslp_pct = Some(80);
    assert_eq!(plan.district.erate_rates(), (90, 85));
    // $10,000 of C2 switches in July 2027 (E-Rate FY2027): E-Rate pays 85% = $8,500, not $9,000.
    plan.initiatives.push(c2("SW", "FY2028-Q1", 10_000_00));
    let b = budget(&plan);
    assert_eq!(erate(&b, 2028), 8_500_00);
    assert_eq!(year(&b, 2028).by_source["General Fund"], 1_500_00);
    assert_eq!(b.erate.c2_pct, 85);
}

#[test]
fn the_c2_cycle_follows_funding_years_not_district_years() {
    // One school of 100 students: the C2 budget is the $30,175 floor for E-Rate FY2026-2030.
    // July 2027 (district FY2028 = E-Rate FY2027) spends $30,000 of it; July 2030 is district
    // FY2031 but E-Rate FY2030, the same cycle: only $175 is left, so at 60% E-Rate pays $105.
    // Keyed by district years, FY2031 would open a fresh cycle and pay $18,000.
    let mut plan = plan_with(&[("es", 100)], 60, 60);
    plan.initiatives.push(c2("A", "FY2028-Q1", 30_000_00));
    plan.initiatives.push(c2("B", "FY2031-Q1", 30_000_00));
    let b = budget(&plan);
    assert_eq!(erate(&b, 2028), 18_000_00);
    assert_eq!(erate(&b, 2031), 105_00);
    assert!(
        b.warnings.iter().any(|w| w.contains(
            "C2 budget E-Rate FY2026-FY2030 (district FY2027-FY2031) exceeded by $29,825"
        )),
        "{:?}",
        b.warnings
    );
    assert_eq!(b.erate.c2_planned_cents, 60_000_00);
    assert_eq!(b.erate.c2_remaining_cents, 0);
}

#[test]
fn a_january_2027_purchase_as_of_november_2026_gets_no_e_rate() {
    // $48,000 firewall in January-March 2027 (district FY2027-Q3): E-Rate FY2026, window closed
    // 1 April 2026 and no request filed -> E-Rate $0, the district pays $48,000.
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.initiatives.push(c2("FW", "FY2027-Q3", 48_000_00));
    let b = budget(&plan);
    assert_eq!(erate(&b, 2027), 0);
    assert_eq!(year(&b, 2027).by_source["General Fund"], 48_000_00);
    let w = b
        .warnings
        .iter()
        .find(|w| w.starts_with("FW "))
        .expect("a warning");
    assert!(
        w.contains("falls in E-Rate FY2026 (district FY2027)"),
        "{w}"
    );
    assert!(w.contains("$33,600 of E-Rate is not counted"), "{w}");
    assert!(
        w.contains("earliest fundable quarter is FY2027-Q4 (Apr 2027)"),
        "{w}"
    );

    // Moved to April-June 2027: advance installation for E-Rate FY2027 (window open until
    // 1 April 2027). 70% of $48,000 = $33,600, paid from 1 July 2027: district FY2028.
    plan.initiatives[0].start = "FY2027-Q4".parse().unwrap();
    let b = budget(&plan);
    assert_eq!(year(&b, 2027).by_source["General Fund"], 14_400_00);
    assert_eq!(erate(&b, 2027), 0);
    assert_eq!(erate(&b, 2028), 33_600_00);
    assert!(!b.warnings.iter().any(|w| w.starts_with("FW ")));

    // A request already filed for FY2026 makes the January purchase fundable again.
    plan.initiatives[0].start = "FY2027-Q3".parse().unwrap();
    plan.district.erate.filed_years = vec![2026];
    let b = budget(&plan);
    assert_eq!(erate(&b, 2027), 33_600_00);
}

#[test]
fn an_ineligible_subscription_gets_nothing() {
    // A basic firewall ($40,000, July 2027) with a $12,000-a-year UTM subscription from
    // October 2027. C2 at 70%: the firewall earns $28,000; the subscription earns nothing when
    // its eligible share is 0% (at 100% it would earn 70% x $3,000 a quarter = $2,100).
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    let mut fw = c2("FW", "FY2028-Q1", 40_000_00);
    fw.recurring_cents = 12_000_00;
    fw.erate_recurring_pct = Some(0);
    plan.initiatives.push(fw);
    let b = budget(&plan);
    // FY2028: $40,000 + 3 quarters x $3,000 = $49,000 gross; E-Rate $28,000.
    assert_eq!(erate(&b, 2028), 28_000_00);
    assert_eq!(year(&b, 2028).by_source["General Fund"], 21_000_00);
    // FY2029: the subscription alone, all of it the district's.
    assert_eq!(erate(&b, 2029), 0);
    assert_eq!(year(&b, 2029).by_source["General Fund"], 12_000_00);
    plan.initiatives[0].erate_recurring_pct = None;
    assert_eq!(erate(&budget(&plan), 2029), 8_400_00);
}

#[test]
fn under_bear_the_district_pays_the_outlay_and_is_reimbursed_later() {
    // $100,000 of C2 in January-March 2028 (district FY2028-Q3, E-Rate FY2027), 80% discount.
    // SPI: the district pays $20,000 in FY2028 and E-Rate $80,000.
    // BEAR: the district pays $100,000 in FY2028 (its General Fund cap of $50,000 is exceeded),
    // invoices in April 2028 and receives $80,000 about two quarters later, in October 2028:
    // district FY2029.
    let mut plan = plan_with(&[("hs", 1000)], 80, 80);
    plan.budget.sources[0].annual_cap_cents = Some(50_000_00);
    plan.initiatives.push(c2("SW", "FY2028-Q3", 100_000_00));
    let spi = budget(&plan);
    assert_eq!(year(&spi, 2028).by_source["General Fund"], 20_000_00);
    assert_eq!(erate(&spi, 2028), 80_000_00);
    assert!(!year(&spi, 2028).over_cap);

    plan.district.erate.reimbursement = Some(Reimbursement::Bear);
    let bear = budget(&plan);
    let y28 = year(&bear, 2028);
    assert_eq!(y28.by_source["General Fund"], 100_000_00);
    assert_eq!(erate(&bear, 2028), 0);
    assert!(
        y28.over_cap,
        "caps are checked on the outlay the district pays"
    );
    assert_eq!(y28.erate_receipts_cents, 0);
    assert_eq!(year(&bear, 2029).erate_receipts_cents, 80_000_00);
    assert_eq!(bear.erate.reimbursement, "bear");
}

#[test]
fn the_budget_shows_rates_the_c2_budget_and_the_next_deadline() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let run = |args: &[&str]| {
        let out = vcio(dir, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    run(&["session", "new", "s", "--empty"]);
    for (id, n) in [("a", "100"), ("b", "100"), ("c", "100"), ("d", "100")] {
        run(&[
            "--session",
            "s",
            "site",
            "add",
            id,
            "--name",
            id,
            "--students",
            n,
        ]);
    }
    run(&[
        "--session",
        "s",
        "district",
        "set",
        "nslp_pct=80",
        "c2_committed=20000",
    ]);
    // Read as one line: the terminal's width may wrap it anywhere.
    let table = run(&["--session", "s", "budget"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        table.contains("E-Rate: C1 90%, C2 85% (SPI); now E-Rate FY2026 (district FY2027)"),
        "{table}"
    );
    // $120,700 budget, $20,000 committed, nothing planned: $100,700 left.
    assert!(
        table.contains(
            "$120,700 (sized district-wide), committed $20,000, planned $0, remaining $100,700"
        ),
        "{table}"
    );
    assert!(
        table.contains("Next E-Rate deadline: 21 Jan 2027 Form 471 window opens for E-Rate FY2027"),
        "{table}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&run(&["--session", "s", "erate", "--format", "json"])).unwrap();
    assert_eq!(json["c1_pct"], 90);
    assert_eq!(json["c2_pct"], 85);
    assert_eq!(json["c2_budget_cents"], 120_700_00);
    assert_eq!(json["c2_committed_cents"], 20_000_00);
    assert_eq!(json["c2_planned_cents"], 0);
    assert!(json["lines"].as_array().is_some_and(Vec::is_empty));
    let deadlines = json["deadlines"].as_array().unwrap();
    assert_eq!(deadlines[0]["date"], "2027-01-21");
    assert!(
        deadlines.iter().any(|d| d["date"] == "2027-03-04"),
        "the Form 470 date"
    );
}

#[test]
fn auto_schedule_moves_e_rate_work_to_a_fundable_quarter_and_never_claims_a_fit_it_lacks() {
    use vcio::roadmap::schedule::schedule;
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.initiatives.push(c2("FW", "FY2027-Q3", 48_000_00));
    let horizon = Horizon::new(&plan.district, as_of());
    let r = schedule(&plan, &horizon, &library());
    // January-March 2027 cannot be funded; April 2027 (advance installation) can.
    assert_eq!(
        r.moves,
        vec![move_to("FW", "FY2027-Q4")],
        "{:?}",
        r.unplaced
    );
    assert!(
        r.outcome(&plan, &horizon)
            .ends_with("every year is within its caps")
    );

    // $3,000,000 a year against a $1,000,000 cap fits nowhere: said so, with the year.
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.budget.annual_cap_cents = Some(1_000_000_00);
    plan.initiatives
        .push(initiative("BIG", "FY2028-Q1", 4, 3_000_000_00));
    let horizon = Horizon::new(&plan.district, as_of());
    let r = schedule(&plan, &horizon, &library());
    let said = r.outcome(&plan, &horizon);
    assert!(said.starts_with("nothing to move"), "{said}");
    assert!(
        said.contains("could not be placed and stay where they are: BIG"),
        "{said}"
    );
    assert!(said.contains("still over a cap in FY2028"), "{said}");
    assert!(!said.contains("fits"), "{said}");

    // The same work against a General Fund capped at $1,000,000 a year, with a bond that has
    // room: the scheduler names the bond and the quarter, and leaves the choice to the
    // district (nothing is moved to it).
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.budget.sources[0].annual_cap_cents = Some(1_000_000_00);
    plan.budget.sources.push(FundingSource {
        id: "bond".into(),
        name: "2026 Bond".into(),
        kind: SourceKind::Bond,
        annual_cap_cents: None,
        award_cents: Some(5_000_000_00),
        years: Vec::new(),
        spend_only: Some(SpendKind::Capital),
        max_capital_pct: None,
    });
    plan.initiatives
        .push(initiative("BIG", "FY2028-Q1", 4, 3_000_000_00));
    let horizon = Horizon::new(&plan.district, as_of());
    let r = schedule(&plan, &horizon, &library());
    assert_eq!(
        r.unplaced,
        vec![(
            "BIG".to_string(),
            "no quarter keeps every cap; 2026 Bond could pay it from FY2027-Q2".to_string()
        )]
    );
    assert!(r.moves.is_empty());
}

fn move_to(id: &str, q: &str) -> vcio::edit::Edit {
    vcio::edit::Edit::MoveInitiative {
        id: id.into(),
        start: q.parse().unwrap(),
    }
}

#[test]
fn the_program_figures_are_data_a_district_can_replace() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let ok = |args: &[&str]| {
        let out = vcio(dir, args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    ok(&["session", "new", "s", "--empty"]);
    ok(&[
        "--session",
        "s",
        "site",
        "add",
        "es",
        "--name",
        "Elm",
        "--students",
        "100",
    ]);
    // The FCC raises the floor to $40,000 for a cycle starting in 2026: the district's file says so.
    let builtin = include_str!("../standards/erate-program.ron");
    let raised = builtin.replace("floor_cents: 3017500", "floor_cents: 4000000");
    assert_ne!(raised, builtin);
    std::fs::write(dir.join("erate-program.ron"), raised).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ok(&["--session", "s", "erate", "--format", "json"])).unwrap();
    assert_eq!(json["c2_budget_cents"], 40_000_00);
    // A broken file is refused with its line and column, and nothing runs on wrong figures.
    std::fs::write(dir.join("erate-program.ron"), "(c2_cycles: [oops])").unwrap();
    let out = vcio(dir, &["--session", "s", "erate"]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("erate-program.ron:1:"), "{err}");
}

#[test]
fn a_fix_is_priced_from_the_failing_items_own_cost() {
    // A FortiGate HA pair bought at $19,000 each in 2019, out of support since September 2026:
    // the NET-06 template's $3,000 per failing unit would say $6,000. Replaced in April 2027
    // at 3% a year for 8 years: 1,900,000 x 1.03^8 = 2,406,863.15 -> $24,068.63 each.
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.budget.escalation_pct = None;
    let mut fw = Item::new("FW", "FortiGate 500E", Category::Network, "firewall", 2);
    fw.unit_cost_cents = 19_000_00;
    fw.acquired = YearMonth::new(2019, 7);
    fw.end_of_support = YearMonth::new(2026, 9);
    plan.items.push(fw);
    let engine = vcio::derive::Engine::new(&plan, vcio::standards::Library::builtin(), as_of());
    let ini = vcio::roadmap::template::from_standard(
        &plan,
        &engine,
        "NET-06",
        "FY2027-Q4".parse().unwrap(),
    )
    .expect("a template");
    assert_eq!(ini.one_time_cents, 2 * 2_406_863);
    // With escalation set to 0%, what was paid.
    plan.budget.escalation_pct = Some(0);
    let engine = vcio::derive::Engine::new(&plan, vcio::standards::Library::builtin(), as_of());
    let ini = vcio::roadmap::template::from_standard(
        &plan,
        &engine,
        "NET-06",
        "FY2027-Q4".parse().unwrap(),
    )
    .expect("a template");
    assert_eq!(ini.one_time_cents, 38_000_00);
}

#[test]
fn split_funding_shares_the_district_part_and_e_rate_comes_off_each() {
    // $100,000 of C2 in July 2027 at 80%, paid 60% by a bond and 40% by the general fund:
    // E-Rate pays $80,000; the bond $60,000 - $48,000 = $12,000; the general fund $8,000.
    let mut plan = plan_with(&[("hs", 1000)], 80, 80);
    plan.budget.sources.push(FundingSource {
        id: "bond".into(),
        name: "2026 Bond".into(),
        kind: SourceKind::Bond,
        annual_cap_cents: None,
        award_cents: None,
        years: Vec::new(),
        spend_only: None,
        max_capital_pct: None,
    });
    let mut ini = c2("NET", "FY2028-Q1", 100_000_00);
    ini.funding_shares = vec![
        FundingShare {
            source: "bond".into(),
            pct: 60,
        },
        FundingShare {
            source: "general".into(),
            pct: 40,
        },
    ];
    plan.initiatives.push(ini);
    let b = budget(&plan);
    let y = year(&b, 2028);
    assert_eq!(erate(&b, 2028), 80_000_00);
    assert_eq!(y.by_source["2026 Bond"], 12_000_00);
    assert_eq!(y.by_source["General Fund"], 8_000_00);
    assert_eq!(y.total_cents, 100_000_00);

    // Shares that do not add up to 100% are refused.
    let mut bad = plan.initiatives[0].clone();
    bad.funding_shares[0].pct = 50;
    assert!(
        vcio::model::validate::initiative(&bad)
            .unwrap_err()
            .contains("add up to 90%, not 100%")
    );

    // The command line takes the same split.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    let run = |args: &[&str]| vcio(dir, args);
    assert!(run(&["session", "new", "s", "--empty"]).status.success());
    let fund = run(&[
        "--session",
        "s",
        "funding",
        "add",
        "bond",
        "--name",
        "Bond",
        "--kind",
        "bond",
    ]);
    assert!(
        fund.status.success(),
        "{}",
        String::from_utf8_lossy(&fund.stderr)
    );
    let add = run(&[
        "--session",
        "s",
        "roadmap",
        "add",
        "--title",
        "Core",
        "--start",
        "FY2028-Q1",
        "--one-time",
        "100000",
        "--funding",
        "bond:60,general:40",
    ]);
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let bad = run(&[
        "--session",
        "s",
        "roadmap",
        "add",
        "--title",
        "Core",
        "--start",
        "FY2028-Q1",
        "--funding",
        "bond:60,general:30",
    ]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("add up to 90%, not 100%"));
    let roadmap: serde_json::Value =
        serde_json::from_slice(&run(&["--session", "s", "roadmap", "--format", "json"]).stdout)
            .unwrap();
    assert_eq!(roadmap["initiatives"][0]["funding_shares"][0]["pct"], 60);
}

#[test]
fn recurring_costs_escalate_each_year_after_the_first() {
    // A $10,000-a-year licence in the inventory: FY2027 at today's price, then 3% a year:
    // FY2028 $10,300, FY2029 10,000 x 1.03^2 = $10,609, FY2030 $10,927.27 (1,092,727 cents).
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.budget.escalation_pct = None;
    let mut lic = Item::new("LIC", "Filter licence", Category::Software, "web-filter", 1);
    lic.annual_cost_cents = 10_000_00;
    plan.items.push(lic);
    // An initiative's subscription from FY2028-Q1 at 5% of its own: $2,000, then $2,100.
    let mut sub = initiative("SUB", "FY2027-Q4", 1, 0);
    sub.recurring_cents = 2_000_00;
    sub.escalation_pct = Some(5);
    plan.initiatives.push(sub);
    let b = budget(&plan);
    let gf = |fy| year(&b, fy).by_source["General Fund"];
    assert_eq!(gf(2027), 10_000_00);
    assert_eq!(gf(2028), 10_300_00 + 2_000_00);
    assert_eq!(gf(2029), 10_609_00 + 2_100_00);
    assert_eq!(gf(2030), 1_092_727 + 2_205_00);
}

#[test]
fn a_lease_pays_yearly_instead_of_up_front() {
    // 4,400 Chromebooks for $1,000,000 on a 4-year lease-purchase at 5% from July 2027:
    // 1,000,000 x 0.05 x 1.05^4 / (1.05^4 - 1) = $282,011.83 a year in FY2028-FY2031, not
    // $1,000,000 in FY2028.
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    let mut ini = initiative("CB", "FY2028-Q1", 1, 1_000_000_00);
    ini.lease = Some(Lease {
        years: 4,
        rate_bp: 500,
    });
    plan.initiatives.push(ini);
    let b = budget(&plan);
    for fy in 2028..=2031 {
        assert_eq!(year(&b, fy).by_source["General Fund"], 282_011_83, "FY{fy}");
    }
    assert!(!year(&b, 2027).by_source.contains_key("General Fund"));
    // At 0% the payments add up to the cost exactly.
    plan.initiatives[0].lease = Some(Lease {
        years: 3,
        rate_bp: 0,
    });
    plan.initiatives[0].one_time_cents = 100_000_00;
    let b = budget(&plan);
    let paid: i64 = (2028..=2030)
        .map(|fy| year(&b, fy).by_source["General Fund"])
        .sum();
    assert_eq!(paid, 100_000_00);
    assert_eq!(year(&b, 2030).by_source["General Fund"], 33_333_34);
    // The command line takes YEARS:RATE.
    let tmp = tempfile::tempdir().expect("tempdir");
    let dir = tmp.path();
    assert!(
        vcio(dir, &["session", "new", "s", "--empty"])
            .status
            .success()
    );
    let add = vcio(
        dir,
        &[
            "--session",
            "s",
            "roadmap",
            "add",
            "--title",
            "Fleet",
            "--start",
            "FY2028-Q1",
            "--one-time",
            "1,000,000",
            "--lease",
            "4:5",
        ],
    );
    assert!(
        add.status.success(),
        "{}",
        String::from_utf8_lossy(&add.stderr)
    );
    let budget: serde_json::Value = serde_json::from_slice(
        &vcio(dir, &["--session", "s", "budget", "--format", "json"]).stdout,
    )
    .unwrap();
    assert_eq!(budget["years"][1]["by_source"]["general"], 282_011_83);
}

#[test]
fn a_source_restricted_to_capital_or_a_capital_share_warns_when_it_pays_otherwise() {
    // A bond for capital only pays an initiative with $5,000 a year of running costs (from
    // October 2027 to June 2031 inside the horizon: 15 quarters x $1,250 = $18,750); a
    // $100,000 Title IV-A award with a 15% capital limit ($15,000) buys $20,000 of devices.
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.budget.sources.push(FundingSource {
        id: "bond".into(),
        name: "2026 Bond".into(),
        kind: SourceKind::Bond,
        annual_cap_cents: None,
        award_cents: None,
        years: Vec::new(),
        spend_only: Some(SpendKind::Capital),
        max_capital_pct: None,
    });
    plan.budget.sources.push(FundingSource {
        id: "t4".into(),
        name: "Title IV-A".into(),
        kind: SourceKind::Grant,
        annual_cap_cents: None,
        award_cents: Some(100_000_00),
        years: Vec::new(),
        spend_only: None,
        max_capital_pct: Some(15),
    });
    let mut cam = initiative("CAM", "FY2028-Q1", 1, 50_000_00);
    cam.funding = "bond".into();
    cam.recurring_cents = 5_000_00;
    let mut dev = initiative("DEV", "FY2028-Q1", 1, 20_000_00);
    dev.funding = "t4".into();
    plan.initiatives.extend([cam, dev]);
    let w = budget(&plan).warnings;
    assert!(
        w.iter().any(|x| x.starts_with("CAM Initiative CAM: 2026 Bond may pay only capital costs, not its $18,750 of running costs")),
        "{w:?}"
    );
    assert!(
        w.iter().any(|x| x == "Title IV-A pays $20,000 of capital purchases, over its 15% limit of $15,000 (award $100,000)"),
        "{w:?}"
    );
}

#[test]
fn the_c2_budget_standard_is_judged_from_the_schools_not_a_typed_share() {
    use vcio::assess::eval::Status;
    use vcio::derive::Engine;
    // 4 schools x 100 students: C2 budget $120,700 (the floor per school). $30,000 committed
    // already is 24.9%; with a $70,000 C2 project in April 2027 it is $100,000 = 82.9%.
    let mut plan = plan_with(&[("a", 100), ("b", 100), ("c", 100), ("d", 100)], 80, 80);
    plan.district.erate.c2_committed_cents = 30_000_00;
    // A typed share is set aside once the budget can be sized from the schools.
    plan.answers
        .insert("erate_c2_committed_pct".into(), AnswerValue::Number(95.0));
    plan.initiatives.push(c2("SW", "FY2027-Q4", 70_000_00));
    let library = vcio::standards::Library::load(None).expect("embedded library");
    let at = library
        .standards
        .iter()
        .position(|s| s.id == "NET-11")
        .expect("NET-11 in the library");
    let mut engine = Engine::new(&plan, library.clone(), as_of());
    let d = engine.derived();
    let now = &d.baseline[0].outcomes[at];
    assert_eq!(now.status, Status::Fail, "{}", now.evidence);
    assert!(
        now.evidence.starts_with("24.9% of the C2 budget"),
        "{}",
        now.evidence
    );
    let planned = &d.projected[0].outcomes[at];
    assert_eq!(planned.status, Status::Pass, "{}", planned.evidence);
    assert!(
        planned
            .evidence
            .contains("(committed $30,000 + planned $70,000 of $120,700)"),
        "{}",
        planned.evidence
    );

    // Moving the project out of the plan's reach (into the next cycle, E-Rate FY2031) leaves
    // only what is committed: the projection follows the move.
    let edit = move_to("SW", "FY2032-Q1");
    vcio::edit::apply(&mut plan, edit.clone()).expect("move applies");
    engine.update(&plan, &edit);
    let after = &engine.derived().projected[0].outcomes[at];
    assert_eq!(after.status, Status::Fail, "{}", after.evidence);

    // Without any student count the budget cannot be sized: the typed share is used.
    plan.district.students = 0;
    for s in &mut plan.district.sites {
        s.students = 0;
    }
    let engine = Engine::new(&plan, library.clone(), as_of());
    let typed = &engine.derived().baseline[0].outcomes[at];
    assert_eq!(typed.status, Status::Pass, "{}", typed.evidence);
    assert!(
        typed.evidence.starts_with("answered 95"),
        "{}",
        typed.evidence
    );
}

#[test]
fn a_renewed_contract_is_paid_and_covered_a_sunset_one_stops_and_lapses() {
    use vcio::assess::eval::Status;
    use vcio::derive::Engine;
    // 100 EDR seats at $30 a year = $3,000 a year; the contract ends in December 2027, half way
    // through district FY2028 (July 2027 - June 2028).
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    let mut edr = Item::new("EDR", "CrowdStrike Falcon", Category::Security, "edr", 100);
    edr.annual_cost_cents = 30_00;
    edr.end_of_support = Some("2027-12".parse().expect("month"));
    plan.items.push(edr);
    let library = vcio::standards::Library::load(None).expect("embedded library");
    let at = library
        .standards
        .iter()
        .position(|s| s.id == "OPS-07")
        .expect("OPS-07 in the library");
    let ops07 = |plan: &Plan, fy: usize| {
        let e = Engine::new(plan, library.clone(), as_of());
        e.derived().baseline[fy].outcomes[at].status
    };

    // Renewed (the default): paid every year, and the standard sees it covered every year.
    let b = budget(&plan);
    assert_eq!(year(&b, 2028).by_source["General Fund"], 3_000_00);
    assert_eq!(year(&b, 2029).by_source["General Fund"], 3_000_00);
    assert_eq!(ops07(&plan, 2), Status::Pass, "FY2029, renewed");

    // Sunset: paid through December 2027 ($3,000 x 6/12 = $1,500 in FY2028), nothing after,
    // and the standard sees it lapse: FY2028 fails (it ends before the year does).
    plan.items[0].renewal = Some(Renewal::Sunset);
    let b = budget(&plan);
    assert_eq!(year(&b, 2027).by_source["General Fund"], 3_000_00);
    assert_eq!(year(&b, 2028).by_source["General Fund"], 1_500_00);
    assert_eq!(year(&b, 2029).by_source.get("General Fund"), None);
    assert_eq!(
        ops07(&plan, 0),
        Status::Pass,
        "FY2027, still under contract"
    );
    assert_eq!(ops07(&plan, 1), Status::Fail, "FY2028, sunset in December");
}

#[test]
fn units_below_the_capitalisation_threshold_are_operating_spend() {
    // 345 Chromebooks at $338.21 = $116,682.45 in FY2028-Q1. Under the default $5,000
    // threshold they are operating spend, so a capital-only bond may not buy them; a $19,000
    // firewall bought the same way stays capital. At a $300 threshold the Chromebooks are
    // capital again.
    let mut plan = plan_with(&[("hs", 1000)], 70, 70);
    plan.budget.sources.push(FundingSource {
        id: "bond".into(),
        name: "2026 Bond".into(),
        kind: SourceKind::Bond,
        annual_cap_cents: None,
        award_cents: None,
        years: Vec::new(),
        spend_only: Some(SpendKind::Capital),
        max_capital_pct: None,
    });
    let mut cb = initiative("CB", "FY2028-Q1", 1, 116_682_45);
    cb.funding = "bond".into();
    cb.unit_cost_cents = Some(338_21);
    let mut fw = initiative("FW", "FY2028-Q1", 1, 19_000_00);
    fw.funding = "bond".into();
    fw.unit_cost_cents = Some(19_000_00);
    plan.initiatives.extend([cb, fw]);
    let b = budget(&plan);
    assert_eq!(year(&b, 2028).operating_cents, 116_682_45);
    assert_eq!(year(&b, 2028).capital_cents, 19_000_00);
    assert!(
        b.warnings.iter().any(|w| w == "CB Initiative CB: 2026 Bond may pay only capital costs, and this work is operating (units at $338.21 are under the $5,000 capitalisation threshold)"),
        "{:?}",
        b.warnings
    );
    assert!(
        !b.warnings.iter().any(|w| w.starts_with("FW ")),
        "{:?}",
        b.warnings
    );

    plan.budget.capitalisation_threshold_cents = Some(300_00);
    let b = budget(&plan);
    assert_eq!(year(&b, 2028).capital_cents, 135_682_45);
    assert!(
        !b.warnings.iter().any(|w| w.starts_with("CB ")),
        "{:?}",
        b.warnings
    );
}
