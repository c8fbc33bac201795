//! Incremental recompute must equal a from-scratch one. The engine re-judges only standards
//! whose inputs (slots, answers, resolutions) changed and rewrites only the moved initiatives'
//! warnings, so every edit kind, undo, and moves across year boundaries are compared here with
//! `Engine::new` on the edited plan.

mod common;
use common::*;
use proptest::prelude::*;
use vcio::derive::Engine;
use vcio::edit::{Edit, apply};
use vcio::generate::generate;
use vcio::model::*;
use vcio::standards::{Library, Standard};

/// A standard reading both an answer and inventory, so a move that sets the answer and
/// refreshes the fleet changes both inputs of one check.
const MIXED: &str = r#"[
  (
    id: "MIX-01", title: "MFA and fresh devices", area: "Security", severity: High,
    statement: "MFA is on and student devices are at most 5 years old",
    check: All([
      Answer(key: "mfa_staff", expect: Yes),
      Share(select: (kinds: ["chromebook"], tags: ["student"], label: Some("student Chromebooks")),
            pred: AgeAtMost("max_age_years"), at_least: 1.0),
    ]),
    params: {"max_age_years": 5.0},
    refs: [],
    remediation: (title: "Both", cost: Fixed(100000), duration: 1),
  ),
]"#;

fn mixed_library() -> Library {
    let mut lib = library();
    let extra: Vec<Standard> = ron::from_str(MIXED).expect("mixed standard parses");
    lib.standards.extend(extra);
    lib.standards.sort_by(|a, b| a.id.cmp(&b.id));
    lib
}

fn assert_fresh(engine: &Engine, plan: &Plan, lib: &Library, what: &str) {
    let fresh = Engine::new(plan, lib.clone(), as_of());
    assert_eq!(engine.derived(), fresh.derived(), "after {what}");
}

#[test]
fn a_move_across_a_year_boundary_and_its_undo_match_a_full_recompute() {
    let lib = mixed_library();
    let mut plan = plan();
    let mut ini = initiative("INI-MIX", "FY2028-Q4", 1, 50_000_00);
    ini.effects.push(Effect::Refresh {
        select: Selector {
            kinds: vec!["chromebook".into()],
            ..Selector::default()
        },
        support_years: None,
    });
    ini.effects.push(Effect::SetAnswer {
        key: "mfa_staff".into(),
        value: AnswerValue::Yes,
    });
    ini.effects.push(Effect::AnswerDated {
        key: "restore_test".into(),
    });
    apply(&mut plan, Edit::PutInitiative(ini)).unwrap();
    let mut other = initiative("INI-NET", "FY2029-Q1", 2, 10_000_00);
    other.resolves = vec!["NET-04".into()];
    other.depends_on = vec!["INI-MIX".into()];
    apply(&mut plan, Edit::PutInitiative(other)).unwrap();

    let mut engine = Engine::new(&plan, lib.clone(), as_of());
    let before = engine.derived().clone();
    let mix = lib.standards.iter().position(|s| s.id == "MIX-01").unwrap();
    // FY2029: both the answer and the refresh count, so the mixed check passes.
    assert_eq!(
        engine.derived().projected[2].outcomes[mix].status,
        vcio::assess::Status::Pass
    );

    // One quarter later crosses into FY2029: FY2028 loses the refresh and the answer, and the
    // dependent's warning changes.
    let edit = Edit::MoveInitiative {
        id: "INI-MIX".into(),
        start: "FY2029-Q1".parse().unwrap(),
    };
    let inverse = apply(&mut plan, edit.clone()).unwrap();
    engine.update(&plan, &edit);
    assert_fresh(&engine, &plan, &lib, "the move");
    assert_ne!(engine.derived(), &before);

    apply(&mut plan, inverse.clone()).unwrap();
    engine.update(&plan, &inverse);
    assert_fresh(&engine, &plan, &lib, "the undo");
    assert_eq!(engine.derived(), &before);

    // Answering by hand then moving: the plan's own answer is an input of every year.
    for edit in [
        Edit::SetAnswer {
            key: "mfa_staff".into(),
            value: Some(AnswerValue::No),
        },
        Edit::ResizeInitiative {
            id: "INI-MIX".into(),
            duration: 4,
        },
        Edit::MoveInitiative {
            id: "INI-NET".into(),
            start: "FY2027-Q1".parse().unwrap(),
        },
    ] {
        apply(&mut plan, edit.clone()).unwrap();
        engine.update(&plan, &edit);
        assert_fresh(&engine, &plan, &lib, &edit.describe());
    }
}

/// Edits drawn from these choices, on a generated district: initiative positions are taken
/// modulo the current count.
#[derive(Debug, Clone)]
enum Step {
    Move(usize, i32),
    Resize(usize, u8),
    Answer(usize, Option<bool>),
    Depend(usize, usize),
    Remove(usize),
    MoveTwo(usize, usize, i32),
    Undo,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        4 => (any::<usize>(), -8i32..8).prop_map(|(i, d)| Step::Move(i, d)),
        1 => (any::<usize>(), 1u8..6).prop_map(|(i, d)| Step::Resize(i, d)),
        1 => (0usize..3, proptest::option::of(any::<bool>())).prop_map(|(k, v)| Step::Answer(k, v)),
        1 => (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Step::Depend(a, b)),
        1 => any::<usize>().prop_map(Step::Remove),
        1 => (any::<usize>(), any::<usize>(), -4i32..4).prop_map(|(a, b, d)| Step::MoveTwo(a, b, d)),
        2 => Just(Step::Undo),
    ]
}

fn edit_for(plan: &Plan, step: &Step) -> Option<Edit> {
    let n = plan.initiatives.len();
    let ini = |i: usize| (n > 0).then(|| &plan.initiatives[i % n]);
    let moved = |i: usize, d: i32| {
        ini(i).map(|x| Edit::MoveInitiative {
            id: x.id.clone(),
            start: x.start.plus(d),
        })
    };
    Some(match step {
        Step::Move(i, d) => moved(*i, *d)?,
        Step::Resize(i, d) => Edit::ResizeInitiative {
            id: ini(*i)?.id.clone(),
            duration: *d,
        },
        Step::Answer(k, v) => Edit::SetAnswer {
            key: ["mfa_staff", "restore_test", "mfa_students"][*k].into(),
            value: v.map(|b| if b { AnswerValue::Yes } else { AnswerValue::No }),
        },
        Step::Depend(a, b) => Edit::SetDependencies {
            id: ini(*a)?.id.clone(),
            depends_on: vec![ini(*b)?.id.clone()],
        },
        Step::Remove(i) => Edit::RemoveInitiative(ini(*i)?.id.clone()),
        Step::MoveTwo(a, b, d) => Edit::Batch(vec![moved(*a, *d)?, moved(*b, -*d)?]),
        Step::Undo => return None,
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    #[test]
    fn any_edit_sequence_matches_a_full_recompute(
        seed in 0u64..1000,
        steps in proptest::collection::vec(step(), 1..8),
    ) {
        let lib = Library::builtin();
        let ids: Vec<String> = lib.standards.iter().map(|s| s.id.clone()).collect();
        let mut plan = generate(1_500, 30, seed, &ids);
        let mut engine = Engine::new(&plan, lib.clone(), as_of());
        let mut undo: Vec<Edit> = Vec::new();
        for s in &steps {
            let edit = match edit_for(&plan, s) {
                Some(e) => e,
                None => match undo.pop() {
                    Some(e) => e,
                    None => continue,
                },
            };
            let applied = apply(&mut plan, edit.clone());
            if let (Ok(inverse), false) = (applied, matches!(s, Step::Undo)) {
                undo.push(inverse);
            }
            engine.update(&plan, &edit);
            let fresh = Engine::new(&plan, lib.clone(), as_of());
            prop_assert_eq!(engine.derived(), fresh.derived(), "after {:?}", s);
        }
    }
}
