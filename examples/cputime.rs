//! Interim CPU-time probe of the engine's hot paths (thread CPU time, robust to other load).
use vcio::derive::Engine;
use vcio::edit::{Edit, apply};
fn cpu() -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) };
    t.tv_sec as f64 * 1e3 + t.tv_nsec as f64 / 1e6
}
fn main() {
    let lib = vcio::standards::Library::builtin();
    let ids: Vec<String> = lib.standards.iter().map(|s| s.id.clone()).collect();
    let as_of = chrono::NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
    let plan0 = vcio::generate::generate(100_000, 0, 7, &ids);
    let mut v = vec![];
    for _ in 0..10 {
        let t = cpu();
        let e = Engine::new(&plan0, lib.clone(), as_of);
        v.push(cpu() - t);
        drop(e);
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("assess 100k: median {:.1} ms cpu", v[5]);
    let mut plan = vcio::generate::generate(100_000, 500, 7, &ids);
    let t = cpu();
    let mut e = Engine::new(&plan, lib.clone(), as_of);
    println!("engine new 100k/500: {:.1} ms cpu", cpu() - t);
    let id = plan.initiatives[250].id.clone();
    let s = plan.initiatives[250].start;
    let mut v = vec![];
    for k in 0..200 {
        let edit = Edit::MoveInitiative {
            id: id.clone(),
            start: s.plus(k % 2),
        };
        apply(&mut plan, edit.clone()).unwrap();
        let t = cpu();
        e.update(&plan, &edit);
        v.push(cpu() - t);
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("move cached: median {:.3} ms cpu", v[100]);
    let mut v = vec![];
    for k in 2..22 {
        let edit = Edit::MoveInitiative {
            id: plan.initiatives[(k * 13) % 500].id.clone(),
            start: s.plus(k as i32 % 7 - 3),
        };
        apply(&mut plan, edit.clone()).unwrap();
        let t = cpu();
        e.update(&plan, &edit);
        v.push(cpu() - t);
    }
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!("move uncached: median {:.3} ms cpu", v[10]);
}
