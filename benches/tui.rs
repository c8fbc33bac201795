//! TUI benchmarks (DESIGN section 5): a full draw at 200x60 into a TestBackend (target <= 2 ms),
//! the bytes written to a real crossterm backend when a bar moves one quarter (target <= 4 KB,
//! printed once), and app construction to first frame; and (group `palette_100k`) palette
//! keystrokes over 100k items, bounded to a frame and to complete results (see `palette`).
//!
//! Workload: a generated district (5,000 inventory rows, 60 initiatives; 100,000 items for the
//! palette) against the built-in library. Run with `cargo bench --bench tui`
//! (`cargo bench --bench tui -- palette_100k` for the palette alone).

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::backend::{CrosstermBackend, TestBackend};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use std::cell::Cell;
use std::hint::black_box;
use std::io::Write;
use std::rc::Rc;
use vcio::history::MemorySession;
use vcio::model::Plan;
use vcio::standards::Library;
use vcio::tui::{App, TuiOptions};

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 22).unwrap_or_default()
}

fn workload() -> (Plan, Library) {
    let library = Library::builtin();
    let ids: Vec<String> = library.standards.iter().map(|s| s.id.clone()).collect();
    (vcio::generate::generate(5_000, 60, 7, &ids), library)
}

fn opts() -> TuiOptions {
    TuiOptions {
        data_dir: std::env::temp_dir().join("vcio-bench-no-such-dir"),
        ..TuiOptions::default()
    }
}

fn new_app(plan: Plan, library: Library) -> App {
    App::with_color(
        Box::new(MemorySession::new("bench", plan)),
        library,
        as_of(),
        &opts(),
        true,
    )
}

/// Counts bytes and throws them away.
struct Counter(Rc<Cell<usize>>);
impl Write for Counter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.set(self.0.get() + buf.len());
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Bytes written for: first frame, then one `L` (a one-quarter move) and the redraw.
pub fn move_bytes(app: &mut App, w: u16, h: u16) -> (usize, usize) {
    let count = Rc::new(Cell::new(0));
    let backend = CrosstermBackend::new(Counter(count.clone()));
    let opts = TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    };
    let Ok(mut t) = Terminal::with_options(backend, opts) else {
        return (0, 0);
    };
    let _ = vcio::tui::term::draw_frame(&mut t, app);
    let first = count.get();
    app.handle_key(KeyEvent::new(KeyCode::Char('L'), KeyModifiers::SHIFT));
    let _ = vcio::tui::term::draw_frame(&mut t, app);
    (first, count.get() - first)
}

fn benches(c: &mut Criterion) {
    let (plan, library) = workload();
    let app = new_app(plan.clone(), library.clone());
    let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
    c.bench_function("draw_200x60", |b| {
        b.iter(|| {
            term.draw(|f| app.draw(f)).expect("draw");
            black_box(term.backend().buffer().area);
        })
    });

    let mut sizes = Vec::new();
    for (w, h) in [(200, 60), (80, 24)] {
        let mut app = new_app(plan.clone(), library.clone());
        let (first, moved) = move_bytes(&mut app, w, h);
        sizes.push(format!(
            "{w}x{h}: first frame {first} B, one-quarter move {moved} B"
        ));
    }
    eprintln!("bytes written: {}", sizes.join("; "));
    c.bench_function("move_one_quarter_and_redraw_200x60", |b| {
        let mut app = new_app(plan.clone(), library.clone());
        let count = Rc::new(Cell::new(0));
        let backend = CrosstermBackend::new(Counter(count));
        let mut t = Terminal::with_options(
            backend,
            TerminalOptions {
                viewport: Viewport::Fixed(Rect::new(0, 0, 200, 60)),
            },
        )
        .expect("terminal");
        let mut later = true;
        b.iter(|| {
            let k = if later { 'L' } else { 'H' };
            later = !later;
            app.handle_key(KeyEvent::new(KeyCode::Char(k), KeyModifiers::SHIFT));
            vcio::tui::term::draw_frame(&mut t, &app).expect("draw");
        })
    });

    c.bench_function("startup_to_first_frame_200x60", |b| {
        b.iter(|| {
            let app = new_app(plan.clone(), library.clone());
            let mut term = Terminal::new(TestBackend::new(200, 60)).expect("test backend");
            term.draw(|f| app.draw(f)).expect("draw");
            black_box(term.backend().buffer().area);
        })
    });
}

/// The fuzzy palette over 100,000 inventory items (plus the library, initiatives and
/// commands), through `App::handle_key` as the event loop calls it. A keystroke starts a
/// scoring job and does one step of at most `palette::STEP`; the event loop draws, then
/// continues the job between input events. Measured (only the keystroke is timed; resetting
/// the palette before it is not):
///
/// - `first_key_bounded`: "" -> "c", until `handle_key` returns + matched indices of the 18
///   rows on screen, i.e. until the first frame can be drawn. Target <= 16 ms.
/// - `narrowing_key_bounded`: "c" (complete) -> "ch", the same. Target <= 16 ms.
/// - `first_key_complete` / `narrowing_key_complete`: the same keys until the results are
///   complete (`settle`): the whole cost, spread over frames by the event loop.
/// - `visible_rows_highlight_18`: matched indices for a screenful of "ch" hits.
fn palette(c: &mut Criterion) {
    use std::time::{Duration, Instant};
    let library = Library::builtin();
    let ids: Vec<String> = library.standards.iter().map(|s| s.id.clone()).collect();
    let plan = vcio::generate::generate(100_000, 60, 7, &ids);
    let mut app = new_app(plan, library);
    let key =
        |app: &mut App, code: KeyCode| app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    let rows = |app: &App| {
        if let Some(p) = app.palette() {
            for k in 0..18 {
                black_box(p.row(k));
            }
        }
    };
    let hits = |app: &App| app.palette().map_or(0, |p| p.hits.len());
    // A freshly opened palette: empty query, and no kept results (Backspace restores the
    // results of shorter queries, which would turn a "first key" into a lookup).
    let clear = |app: &mut App| {
        key(app, KeyCode::Esc);
        app.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    };
    app.handle_key(KeyEvent::new(KeyCode::Char('p'), KeyModifiers::CONTROL));
    let total = app.palette().map_or(0, |p| p.candidates.len());
    key(&mut app, KeyCode::Char('c'));
    let first_frame = hits(&app);
    let mut steps = 1;
    while app.has_pending_work() {
        app.do_pending_work();
        steps += 1;
    }
    let c_hits = hits(&app);
    key(&mut app, KeyCode::Char('h'));
    let narrow_frame = hits(&app);
    app.settle();
    eprintln!(
        "palette candidates: {total}; \"c\": {c_hits} hits ({first_frame} in the first frame, \
         {steps} steps); \"ch\": {} hits ({narrow_frame} in the first frame)",
        hits(&app)
    );

    let mut g = c.benchmark_group("palette_100k");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3));
    // `reset` untimed, then `timed`; total of the timed parts.
    let mut measure = |name: &str, reset: &dyn Fn(&mut App), timed: &dyn Fn(&mut App)| {
        g.bench_function(name, |b| {
            b.iter_custom(|iters| {
                let mut spent = Duration::ZERO;
                for _ in 0..iters {
                    reset(&mut app);
                    let t = Instant::now();
                    timed(&mut app);
                    spent += t.elapsed();
                }
                spent
            })
        });
    };
    let to_c = |app: &mut App| {
        clear(app);
        key(app, KeyCode::Char('c'));
        app.settle();
    };
    measure("first_key_bounded", &clear, &|app| {
        key(app, KeyCode::Char('c'));
        rows(app);
    });
    measure("narrowing_key_bounded", &to_c, &|app| {
        key(app, KeyCode::Char('h'));
        rows(app);
    });
    measure("first_key_complete", &clear, &|app| {
        key(app, KeyCode::Char('c'));
        app.settle();
        rows(app);
    });
    measure("narrowing_key_complete", &to_c, &|app| {
        key(app, KeyCode::Char('h'));
        app.settle();
        rows(app);
    });
    measure(
        "backspace_to_a_kept_query",
        &|app| {
            to_c(app);
            key(app, KeyCode::Char('h'));
            app.settle();
        },
        &|app| {
            key(app, KeyCode::Backspace);
            rows(app);
        },
    );
    measure(
        "visible_rows_highlight_18",
        &|app| {
            if app.palette().is_some_and(|p| p.query != "ch") {
                to_c(app);
                key(app, KeyCode::Char('h'));
                app.settle();
            }
        },
        &|app| rows(app),
    );
    g.finish();
}

criterion_group!(tui, benches);
criterion_group!(tui_palette, palette);
criterion_main!(tui, tui_palette);
