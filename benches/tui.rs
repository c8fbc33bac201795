//! TUI benchmarks (DESIGN section 5): a full draw at 200x60 into a TestBackend (target <= 2 ms),
//! the bytes written to a real crossterm backend when a bar moves one quarter (target <= 4 KB,
//! printed once), and app construction to first frame.
//!
//! Workload: a generated district (5,000 inventory rows, 60 initiatives) against the built-in
//! library. Run with `cargo bench --bench tui`.

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
/// commands): one keystroke = re-score (incremental when the query extends the previous one,
/// a full split scan otherwise) + sort + char indices for the 18 rows on screen. Target
/// <= 16 ms.
fn palette(c: &mut Criterion) {
    use vcio::tui::palette::Palette;
    let library = Library::builtin();
    let ids: Vec<String> = library.standards.iter().map(|s| s.id.clone()).collect();
    let plan = vcio::generate::generate(100_000, 60, 7, &ids);
    let app = new_app(plan, library);
    let candidates = app.palette_candidates();
    let mut probe = Palette::new(candidates.clone());
    probe.query = "c".into();
    probe.rescore();
    eprintln!(
        "palette candidates: {}; hits for \"c\": {}",
        candidates.len(),
        probe.hits.len()
    );
    let keystroke = |p: &mut Palette, q: &str| {
        p.query = q.to_string();
        p.rescore();
        for k in 0..18 {
            black_box(p.row(k));
        }
        p.hits.len()
    };
    let mut g = c.benchmark_group("palette_100k");
    // First key: nothing to narrow, every candidate is scored.
    g.bench_function("first_key_full_scan", |b| {
        let mut p = Palette::new(candidates.clone());
        b.iter(|| {
            p.query.clear();
            p.rescore();
            keystroke(&mut p, "c")
        })
    });
    // A later key: only the previous hits are re-scored ("c" -> "ch"; the widest narrowing).
    // Each iteration restores the hits of "c" (outside the keystroke's work, a memcpy).
    g.bench_function("extending_key", |b| {
        let mut p = Palette::new(candidates.clone());
        keystroke(&mut p, "c");
        let base = p.hits.clone();
        b.iter(|| {
            p.hits.clone_from(&base);
            keystroke(&mut p, "ch")
        })
    });
    g.finish();
}

criterion_group!(tui, benches);
criterion_group!(tui_palette, palette);
criterion_main!(tui, tui_palette);
