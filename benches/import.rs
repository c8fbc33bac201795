//! Import speed: a 100k-row Google Admin ChromeOS export (generated in memory) through
//! `vcio::io::import_inventory`, the path a large district's first import takes.

use criterion::{Criterion, criterion_group, criterion_main};
use std::fmt::Write;
use std::hint::black_box;
use vcio::io::{ImportOptions, import_inventory};

const MODELS: [(&str, &str); 6] = [
    ("Dell Chromebook 3100", "2026-06-30"),
    ("HP Chromebook 11 G9 EE", "2029-06-30"),
    ("Lenovo 300e Chromebook Gen 3", "2030-06-30"),
    ("Acer Chromebook 311 (C722)", "2028-06-01"),
    ("Lenovo 100e Chromebook Gen 4", "2033-06-30"),
    ("CTL Chromebook NL72", "2031-06-30"),
];

/// `rows` devices across 24 schools, 6 models, 5 enrollment years and grade-level org units.
fn google_export(rows: usize) -> String {
    let mut s = String::with_capacity(rows * 260);
    s.push_str(
        "Serial Number,Status,Asset ID,Last Sync,User,Org Unit Path,Location,Notes,OS Version,Model,Boot Mode,Enrollment Time,Auto Update Expiration\n",
    );
    for i in 0..rows {
        let (model, aue) = MODELS[i % MODELS.len()];
        let school = (i / 7) % 24;
        let year = 2019 + (i / 13) % 5;
        let month = 1 + (i % 12);
        let boot = if i % 97 == 0 { "Dev" } else { "Verified" };
        let _ = writeln!(
            s,
            "SN{i:08X},ACTIVE,T-{i:07},2025-01-{:02}T15:02:11.123Z,student{i}@example.org,/Students/School {school:02}/Grade {},Room {},,131.0.6778.204,{model},{boot},{year}-{month:02}-03T16:20:00.000Z,{aue}",
            1 + i % 28,
            i % 6,
            100 + i % 40,
        );
    }
    s
}

fn bench_import(c: &mut Criterion) {
    let text = google_export(100_000);
    // Sync ages counted to a day inside the export's range, so stale devices are split off as
    // a real import does.
    let opts = ImportOptions {
        today: chrono::NaiveDate::from_ymd_opt(2025, 2, 10),
        ..ImportOptions::default()
    };
    let report = import_inventory("bench.csv", text.as_bytes(), &[], &opts)
        .expect("the generated export imports");
    assert_eq!(
        report
            .items
            .iter()
            .map(|i| u64::from(i.quantity))
            .sum::<u64>(),
        100_000
    );
    let mut g = c.benchmark_group("import");
    g.sample_size(20);
    g.bench_function("google_admin_100k_rows", |b| {
        b.iter(|| import_inventory("bench.csv", black_box(text.as_bytes()), &[], &opts))
    });
    // Re-import of the same export into the inventory the first import produced.
    g.bench_function("google_admin_100k_rows_reimport", |b| {
        b.iter(|| {
            import_inventory(
                "bench.csv",
                black_box(text.as_bytes()),
                &report.items,
                &opts,
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
