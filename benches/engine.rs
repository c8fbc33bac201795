//! The engine's hot paths against DESIGN section 5 targets: assessing 100k items x all
//! standards x 5 years (<= 50 ms), recompute after one move at 500 initiatives and 100k items
//! (<= 1 ms), budget roll-up of 10k initiatives (<= 20 ms), scheduling 5k chained (<= 100 ms).

use chrono::NaiveDate;
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use vcio::budget::roll_up;
use vcio::derive::{Engine, Horizon};
use vcio::edit::{Edit, apply};
use vcio::generate::generate;
use vcio::roadmap::schedule::schedule;
use vcio::standards::Library;

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn ids(lib: &Library) -> Vec<String> {
    lib.standards.iter().map(|s| s.id.clone()).collect()
}

fn benches(c: &mut Criterion) {
    let lib = Library::builtin();
    let mut g = c.benchmark_group("engine");
    g.sample_size(20);

    let plan = generate(100_000, 0, 7, &ids(&lib));
    g.bench_function("assess 100k items x all standards x 5 years", |b| {
        b.iter(|| black_box(Engine::new(&plan, lib.clone(), as_of())))
    });

    let mut plan = generate(100_000, 500, 7, &ids(&lib));
    let engine = Engine::new(&plan, lib.clone(), as_of());
    let target = plan.initiatives[250].id.clone();
    let start = plan.initiatives[250].start;
    // Uncached: the first move to a quarter computes that quarter's effect deltas.
    g.bench_function(
        "recompute after a move (500 initiatives, 100k items), uncached",
        |b| {
            b.iter_batched(
                || (plan.clone(), engine.clone()),
                |(mut p, mut e)| {
                    let edit = Edit::MoveInitiative {
                        id: target.clone(),
                        start: start.plus(1),
                    };
                    let _ = apply(&mut p, edit.clone());
                    e.update(&p, &edit);
                    // Returned so criterion drops the 100k-item copies outside the timing.
                    (p, e)
                },
                BatchSize::LargeInput,
            )
        },
    );
    // Cached: dragging back and forth over quarters already visited.
    let mut e = engine.clone();
    let mut k = 0;
    g.bench_function(
        "recompute after a move (500 initiatives, 100k items), cached",
        |b| {
            b.iter(|| {
                k = (k + 1) % 2;
                let edit = Edit::MoveInitiative {
                    id: target.clone(),
                    start: start.plus(k),
                };
                let _ = apply(&mut plan, edit.clone());
                e.update(&plan, &edit);
                black_box(e.derived().projected.len())
            })
        },
    );

    let big = generate(1_000, 10_000, 3, &ids(&lib));
    let horizon = Horizon::new(&big.district, as_of());
    g.bench_function("budget roll-up of 10k initiatives over 5 years", |b| {
        b.iter(|| black_box(roll_up(&big, &horizon)))
    });

    let chained = generate(1_000, 5_000, 5, &ids(&lib));
    let horizon = Horizon::new(&chained.district, as_of());
    g.bench_function("schedule 5k initiatives in dependency chains", |b| {
        b.iter(|| black_box(schedule(&chained, &horizon, &lib)))
    });
    g.finish();
}

criterion_group!(engine, benches);
criterion_main!(engine);
