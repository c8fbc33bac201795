//! The assessment projection: ageing, unknowns, initiative effects and incremental recompute.

mod common;
use common::*;
use vcio::assess::Status;
use vcio::derive::Engine;
use vcio::edit::{Edit, apply};
use vcio::model::*;

fn status(engine: &Engine, id: &str, year: usize) -> (Status, String) {
    let lib = engine.library();
    let i = lib.standards.iter().position(|s| s.id == id).unwrap();
    let o = &engine.derived().projected[year].outcomes[i];
    (o.status, o.evidence.clone())
}

#[test]
fn fleets_age_into_failure_in_later_years() {
    let plan = plan();
    let engine = Engine::new(&plan, library(), as_of());
    let years: Vec<String> = engine
        .derived()
        .horizon
        .years
        .iter()
        .map(|y| y.to_string())
        .collect();
    assert_eq!(years, ["FY2027", "FY2028", "FY2029", "FY2030", "FY2031"]);
    let (now, _) = status(&engine, "DEV-03", 0);
    assert_eq!(now, Status::Pass);
    // Bought 2022-08: 5 years old at FY2028's end (2028-06) is 70 months > 60.
    let (later, evidence) = status(&engine, "DEV-03", 1);
    assert_eq!(later, Status::Fail);
    assert_eq!(
        evidence,
        "1,000 of 1,500 student Chromebooks are older than 5 years by FY2028 (33% meet it, 100% needed)"
    );
}

#[test]
fn per_site_ratio_names_the_short_school_and_zero_classrooms_is_unknown() {
    let mut plan = plan();
    let engine = Engine::new(&plan, library(), as_of());
    let (s, evidence) = status(&engine, "NET-04", 0);
    assert_eq!(s, Status::Fail);
    assert!(evidence.contains("High 0.75"), "{evidence}");
    assert!(!evidence.contains("Elm"), "{evidence}");
    for site in &mut plan.district.sites {
        site.classrooms = 0;
    }
    let engine = Engine::new(&plan, library(), as_of());
    assert_eq!(status(&engine, "NET-04", 0).0, Status::Unknown);
}

#[test]
fn missing_answers_are_unknown_and_dated_answers_expire() {
    let plan = plan();
    let engine = Engine::new(&plan, library(), as_of());
    let (mfa, ev) = status(&engine, "SEC-01", 0);
    assert_eq!(
        (mfa, ev.as_str()),
        (Status::Unknown, "not answered (mfa_staff)")
    );
    assert_eq!(status(&engine, "DAT-03", 0).0, Status::Pass);
    // 2026-03-01 is more than 365 days before FY2028 ends.
    assert_eq!(status(&engine, "DAT-03", 1).0, Status::Fail);
}

#[test]
fn a_refresh_fixes_the_fleet_from_the_year_it_completes_and_a_move_shifts_it() {
    let mut plan = plan();
    let mut ini = initiative("INI-001", "FY2029-Q1", 2, 300_000_00);
    ini.effects.push(Effect::Refresh {
        select: Selector {
            kinds: vec!["chromebook".into()],
            ..Selector::default()
        },
        support_years: None,
    });
    apply(&mut plan, Edit::PutInitiative(ini)).unwrap();
    let mut engine = Engine::new(&plan, library(), as_of());
    assert_eq!(status(&engine, "DEV-03", 1).0, Status::Fail);
    assert_eq!(status(&engine, "DEV-03", 2).0, Status::Pass);
    // The baseline ignores initiatives.
    assert_eq!(
        engine.derived().baseline[2].outcomes[0].status,
        Status::Fail
    );

    let edit = Edit::MoveInitiative {
        id: "INI-001".into(),
        start: "FY2030-Q3".parse().unwrap(),
    };
    let inverse = apply(&mut plan, edit.clone()).unwrap();
    engine.update(&plan, &edit);
    assert_eq!(status(&engine, "DEV-03", 2).0, Status::Fail);
    assert_eq!(status(&engine, "DEV-03", 3).0, Status::Pass);
    // Incremental recompute agrees with a full one.
    let fresh = Engine::new(&plan, library(), as_of());
    assert_eq!(engine.derived(), fresh.derived());

    apply(&mut plan, inverse.clone()).unwrap();
    engine.update(&plan, &inverse);
    assert_eq!(status(&engine, "DEV-03", 2).0, Status::Pass);
}

#[test]
fn overlapping_refreshes_use_the_latest_completed() {
    let mut plan = plan();
    let sel = Selector {
        kinds: vec!["chromebook".into()],
        ..Selector::default()
    };
    for (id, start) in [("INI-A", "FY2027-Q4"), ("INI-B", "FY2030-Q1")] {
        let mut ini = initiative(id, start, 1, 0);
        ini.effects.push(Effect::Refresh {
            select: sel.clone(),
            support_years: Some(6),
        });
        apply(&mut plan, Edit::PutInitiative(ini)).unwrap();
    }
    let mut engine = Engine::new(&plan, library(), as_of());
    for y in 1..5 {
        assert_eq!(status(&engine, "DEV-03", y).0, Status::Pass, "year {y}");
    }
    let edit = Edit::MoveInitiative {
        id: "INI-A".into(),
        start: "FY2031-Q4".parse().unwrap(),
    };
    apply(&mut plan, edit.clone()).unwrap();
    engine.update(&plan, &edit);
    assert_eq!(
        engine.derived(),
        Engine::new(&plan, library(), as_of()).derived()
    );
    assert_eq!(status(&engine, "DEV-03", 1).0, Status::Fail);
}

#[test]
fn resolves_and_answers_apply_from_completion() {
    let mut plan = plan();
    let mut ini = initiative("INI-MFA", "FY2028-Q2", 1, 15_000_00);
    ini.resolves = vec!["SEC-01".into()];
    ini.effects.push(Effect::AnswerDated {
        key: "restore_test".into(),
    });
    apply(&mut plan, Edit::PutInitiative(ini)).unwrap();
    let engine = Engine::new(&plan, library(), as_of());
    assert_eq!(status(&engine, "SEC-01", 0).0, Status::Unknown);
    let (s, ev) = status(&engine, "SEC-01", 1);
    assert_eq!(
        (s, ev.as_str()),
        (Status::Pass, "resolved by INI-MFA (done FY2028-Q2)")
    );
    assert_eq!(status(&engine, "DAT-03", 1).0, Status::Pass);
    assert_eq!(
        engine.derived().fixes[engine
            .library()
            .standards
            .iter()
            .position(|s| s.id == "SEC-01")
            .unwrap()]
        .len(),
        1
    );
}
