//! Store benchmarks (DESIGN section 5): one edit made durable, and opening a 100k-item session.
//!
//! Run: `cargo bench --bench store`. The durable edit is `Session::apply(MoveInitiative)` on a
//! session of 100k items and 500 initiatives: apply in memory, one sled transaction (initiative,
//! undo entry, log entry, session record), `flush`, and `sync_data` on `<db>/db`. Target: median
//! <= 5 ms.

use criterion::{Criterion, criterion_group, criterion_main};
use std::hint::black_box;
use vcio::edit::Edit;
use vcio::generate::generate;
use vcio::store::Store;

const ITEMS: usize = 100_000;
const INITIATIVES: usize = 500;

fn store_with_big_session() -> (tempfile::TempDir, Store, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Store::open(dir.path()).expect("open store");
    let plan = generate(ITEMS, INITIATIVES, 7, &[]);
    assert!(
        plan.items.len() >= ITEMS,
        "generator made {} items",
        plan.items.len()
    );
    store
        .create("big", &plan)
        .expect("create the 100k-item session");
    let id = plan
        .initiatives
        .first()
        .map(|i| i.id.clone())
        .expect("an initiative");
    (dir, store, id)
}

fn benches(c: &mut Criterion) {
    let (_dir, store, id) = store_with_big_session();

    let mut session = store.open_session("big").expect("open session");
    let start = session
        .plan()
        .initiative(&id)
        .map(|i| i.start)
        .expect("start");
    let mut flip = false;
    c.bench_function("store/edit_durable_move_initiative_100k", |b| {
        b.iter(|| {
            flip = !flip;
            let to = if flip { start.plus(1) } else { start };
            let inverse = session
                .apply(Edit::MoveInitiative {
                    id: id.clone(),
                    start: to,
                })
                .expect("durable move");
            black_box(inverse);
        })
    });
    drop(session);

    let mut group = c.benchmark_group("store");
    group.sample_size(10);
    group.bench_function("open_session_100k_items", |b| {
        b.iter(|| {
            let s = store.open_session("big").expect("open session");
            black_box(s.plan().items.len());
        })
    });
    // What the first command after a change pays. The change is already in the session's edit
    // journal beside its last full backup, so the open only reads the journal's sequence
    // numbers (a full RON backup is written once the journal passes 500 changes).
    let dir = store.data_dir().to_path_buf();
    drop(store);
    let mut n = 0i32;
    group.bench_function("open_store_after_an_edit_100k_session", |b| {
        b.iter_batched(
            || {
                let store = Store::open(&dir).expect("open");
                let mut s = store.open_session("big").expect("session");
                n += 1;
                s.apply(Edit::MoveInitiative {
                    id: id.clone(),
                    start: start.plus(n % 4),
                })
                .expect("move");
            },
            |()| black_box(Store::open(&dir).expect("open with backup")),
            criterion::BatchSize::PerIteration,
        )
    });
    group.bench_function("open_store_unchanged_100k_session", |b| {
        b.iter(|| black_box(Store::open(&dir).expect("open")))
    });
    group.finish();
}

criterion_group!(store_benches, benches);
criterion_main!(store_benches);
