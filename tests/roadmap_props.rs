//! Properties of edits, the budget and moves on the demo district: undo restores the plan
//! exactly, budget totals are the sum of their parts, and moving an initiative by a year moves
//! its costs and effects by a year and changes nothing else.

use chrono::NaiveDate;
use proptest::prelude::*;
use vcio::budget::roll_up;
use vcio::demo::demo_plan;
use vcio::derive::{Engine, Horizon};
use vcio::edit::{Edit, apply};
use vcio::model::*;
use vcio::standards::Library;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap()
}

/// A random edit against the demo plan, chosen by index so proptest can shrink it.
fn edit_for(plan: &Plan, kind: u8, pick: usize, amount: i32) -> Edit {
    let ini = &plan.initiatives[pick % plan.initiatives.len()];
    let item = &plan.items[pick % plan.items.len()];
    match kind % 7 {
        0 => Edit::MoveInitiative {
            id: ini.id.clone(),
            start: ini.start.plus(amount),
        },
        1 => Edit::ResizeInitiative {
            id: ini.id.clone(),
            duration: (amount.unsigned_abs() % 6 + 1) as u8,
        },
        2 => Edit::RemoveInitiative(ini.id.clone()),
        3 => {
            let mut copy = ini.clone();
            copy.id = format!("NEW-{pick}");
            copy.one_time_cents += i64::from(amount) * 100;
            copy.one_time_cents = copy.one_time_cents.max(0);
            Edit::PutInitiative(copy)
        }
        4 => Edit::SetAnswer {
            key: format!("q{}", pick % 5),
            value: (amount % 2 == 0).then_some(AnswerValue::Yes),
        },
        5 => {
            let mut copy = item.clone();
            copy.quantity = copy.quantity.saturating_add(amount.unsigned_abs());
            Edit::PutItem(copy)
        }
        _ => Edit::RemoveItem(item.id.clone()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_edits_then_as_many_undos_give_back_the_plan(steps in prop::collection::vec((any::<u8>(), any::<usize>(), -8i32..8), 1..12)) {
        let original = demo_plan();
        let mut plan = original.clone();
        let mut inverses = Vec::new();
        for (kind, pick, amount) in steps {
            let edit = edit_for(&plan, kind, pick, amount);
            if let Ok(inv) = apply(&mut plan, edit) {
                inverses.push(inv);
            }
        }
        for inv in inverses.into_iter().rev() {
            apply(&mut plan, inv).unwrap();
        }
        prop_assert_eq!(plan, original);
    }

    #[test]
    fn budget_totals_are_the_sum_of_their_parts(moves in prop::collection::vec((any::<usize>(), -6i32..6), 0..6)) {
        let mut plan = demo_plan();
        for (pick, by) in moves {
            let edit = edit_for(&plan, 0, pick, by);
            apply(&mut plan, edit).unwrap();
        }
        let b = roll_up(&plan, &Horizon::new(&plan.district, as_of()));
        for y in &b.years {
            prop_assert_eq!(y.total_cents, y.by_source.values().sum::<i64>());
        }
        prop_assert_eq!(b.horizon_total_cents, b.years.iter().map(|y| y.total_cents).sum::<i64>());
        // E-Rate's share may be paid in a later year than the work (nothing is invoiced before
        // the funding year starts), so the parts add up over the horizon, not year by year.
        let gross: i64 = b.years.iter().map(|y| y.capital_cents + y.operating_cents).sum();
        prop_assert_eq!(b.horizon_total_cents + b.erate_after_horizon_cents, gross);
    }

    #[test]
    fn incremental_recompute_matches_a_full_one(moves in prop::collection::vec((any::<usize>(), -5i32..5), 1..6)) {
        let lib = Library::builtin();
        let mut plan = demo_plan();
        let mut engine = Engine::new(&plan, lib.clone(), as_of());
        for (pick, by) in moves {
            let edit = edit_for(&plan, 0, pick, by);
            apply(&mut plan, edit.clone()).unwrap();
            engine.update(&plan, &edit);
        }
        let fresh = Engine::new(&plan, lib, as_of());
        prop_assert_eq!(engine.derived(), fresh.derived());
    }
}

/// Spend of one initiative alone, per horizon year.
fn spend_alone(plan: &Plan, ini: &Initiative) -> Vec<i64> {
    let mut alone = plan.clone();
    alone.items.clear();
    alone.initiatives = vec![ini.clone()];
    roll_up(&alone, &Horizon::new(&alone.district, as_of()))
        .years
        .iter()
        .map(|y| y.total_cents)
        .collect()
}

#[test]
fn moving_an_initiative_a_year_moves_its_costs_and_effects_a_year_and_nothing_else() {
    let lib = Library::builtin();
    let plan = demo_plan();
    // An initiative that starts early enough to move a year later inside the horizon.
    let ini = plan
        .initiatives
        .iter()
        .find(|i| {
            // Finishing after the current year (judged as of now) and early enough to move a
            // year inside the horizon; the only fix of a standard.
            (2028..=2030).contains(&i.end().fy.0)
                && i.start.fy.0 >= 2028
                && i.resolves.first().is_some_and(|s| {
                    plan.initiatives
                        .iter()
                        .filter(|o| o.resolves.contains(s))
                        .count()
                        == 1
                })
        })
        .expect("the demo has an early initiative that resolves something")
        .clone();
    let mut moved = plan.clone();
    apply(
        &mut moved,
        Edit::MoveInitiative {
            id: ini.id.clone(),
            start: ini.start.plus(4),
        },
    )
    .unwrap();
    let moved_ini = moved.initiative(&ini.id).unwrap().clone();

    let before = spend_alone(&plan, &ini);
    let after = spend_alone(&moved, &moved_ini);
    // One-time costs shift by exactly one year; recurring costs start a year later.
    if ini.recurring_cents == 0 {
        assert_eq!(after[0], 0);
        assert_eq!(&after[1..], &before[..before.len() - 1]);
    } else {
        assert_eq!(after[..2], [0, before[0]]);
    }
    // Everything else in the budget is unchanged.
    let h = Horizon::new(&plan.district, as_of());
    let total_before = roll_up(&plan, &h);
    let total_after = roll_up(&moved, &h);
    for y in 0..before.len() {
        assert_eq!(
            total_after.years[y].total_cents - after[y],
            total_before.years[y].total_cents - before[y],
            "year {y}: spend other than the moved initiative"
        );
    }
    // Its resolved standards pass a year later.
    let e_before = Engine::new(&plan, lib.clone(), as_of());
    let e_after = Engine::new(&moved, lib.clone(), as_of());
    let sid = lib
        .standards
        .iter()
        .position(|s| s.id == ini.resolves[0])
        .unwrap();
    let done = Horizon::new(&plan.district, as_of()).completion_date(ini.end());
    let first = e_before.horizon().first_year_done(done).unwrap();
    let evidence = |e: &Engine, y: usize| e.derived().projected[y].outcomes[sid].evidence.clone();
    assert!(evidence(&e_before, first).contains(&ini.id));
    assert!(!evidence(&e_after, first).contains(&ini.id));
    assert!(evidence(&e_after, first + 1).contains(&ini.id));
}
