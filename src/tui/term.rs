//! Terminal lifecycle: raw mode, alternate screen, SGR mouse reporting (button and drag only),
//! synchronized and buffered output, the event loop, and restoring everything on exit, on error
//! (a guard's `Drop`), on panic (a hook chained after color-eyre's) and on SIGTERM, SIGHUP,
//! SIGINT and SIGQUIT (a flag the event loop checks at least every `SIGNAL_CHECK`; edits are
//! durable before they show, so leaving between two events loses nothing acknowledged).

use super::app::App;
use ratatui::Terminal;
use ratatui::backend::{Backend, CrosstermBackend};
use ratatui::crossterm::event::{self, Event, KeyEventKind};
use ratatui::crossterm::terminal::{
    BeginSynchronizedUpdate, Clear, ClearType, EndSynchronizedUpdate, EnterAlternateScreen,
    LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{Command, cursor, execute, queue};
use std::io::{self, BufWriter, Stdout, Write};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// Whether the terminal is in our modes (so the panic hook knows to restore it).
static ACTIVE: AtomicBool = AtomicBool::new(false);
static MOUSE: AtomicBool = AtomicBool::new(false);
static HOOK: Once = Once::new();
/// The catchable termination signal received (0: none).
static SIGNALLED: std::sync::LazyLock<std::sync::Arc<std::sync::atomic::AtomicUsize>> =
    std::sync::LazyLock::new(Default::default);
/// How often an idle event loop wakes to notice a termination signal.
const SIGNAL_CHECK: Duration = Duration::from_millis(200);

/// Registers the termination signals (once per process) so they end the loop instead of the
/// process, which would leave the terminal in raw mode with mouse reporting on.
fn install_signal_flags() {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        for sig in [SIGTERM, SIGHUP, SIGINT, SIGQUIT] {
            let _ = signal_hook::flag::register_usize(sig, SIGNALLED.clone(), sig as usize);
        }
    });
}

fn signalled() -> Option<i32> {
    match SIGNALLED.load(Ordering::SeqCst) {
        0 => None,
        sig => i32::try_from(sig).ok(),
    }
}

/// SGR mouse reporting of presses, releases and drags only: `?1000` + `?1002` + `?1006`.
/// Crossterm's `EnableMouseCapture` also turns on `?1003` (every motion), which floods an SSH
/// link with events nobody uses.
#[derive(Debug, Clone, Copy)]
pub struct SgrMouse(pub bool);

impl Command for SgrMouse {
    fn write_ansi(&self, f: &mut impl std::fmt::Write) -> std::fmt::Result {
        if self.0 {
            f.write_str("\x1b[?1000h\x1b[?1002h\x1b[?1006h")
        } else {
            f.write_str("\x1b[?1006l\x1b[?1002l\x1b[?1000l")
        }
    }
    #[cfg(windows)]
    fn execute_winapi(&self) -> io::Result<()> {
        Ok(())
    }
}

/// Puts the terminal back as it was. Safe to call more than once and from the panic hook.
pub fn restore() {
    if !ACTIVE.swap(false, Ordering::SeqCst) {
        return;
    }
    let mut out = io::stdout();
    if MOUSE.swap(false, Ordering::SeqCst) {
        let _ = execute!(out, SgrMouse(false));
    }
    let _ = execute!(
        out,
        EndSynchronizedUpdate,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
}

/// Installs (once) a panic hook that restores the terminal and then runs the previous hook
/// (color-eyre's report, installed first so the report prints on a sane terminal).
fn install_panic_hook() {
    HOOK.call_once(|| {
        // Only ever called here, once. (A second `install` fails, and building that error
        // captures and symbolises a backtrace: ~65 MB of debug info stayed resident.)
        let _ = color_eyre::install();
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// Restores the terminal when dropped: covers every early return with `?`.
struct Guard;
impl Drop for Guard {
    fn drop(&mut self) {
        restore();
    }
}

fn setup(mouse: bool) -> io::Result<Guard> {
    install_panic_hook();
    install_signal_flags();
    enable_raw_mode()?;
    ACTIVE.store(true, Ordering::SeqCst);
    let guard = Guard;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        cursor::Hide,
        Clear(ClearType::All)
    )?;
    if mouse {
        execute!(out, SgrMouse(true))?;
        MOUSE.store(true, Ordering::SeqCst);
    }
    Ok(guard)
}

/// Draws one frame inside a synchronized update, so the terminal shows it all at once.
pub fn draw_frame<W: Write>(
    terminal: &mut Terminal<CrosstermBackend<W>>,
    app: &App,
) -> io::Result<()> {
    queue!(terminal.backend_mut(), BeginSynchronizedUpdate)?;
    terminal.draw(|f| app.draw(f))?;
    queue!(terminal.backend_mut(), EndSynchronizedUpdate)?;
    Backend::flush(terminal.backend_mut())
}

fn handle(app: &mut App, ev: Event) {
    match ev {
        Event::Key(k) if k.kind != KeyEventKind::Release => app.handle_key(k),
        Event::Mouse(m) => app.handle_mouse(m),
        _ => {} // Resize: the next draw adapts to the new size.
    }
}

/// Runs the event loop until the user quits. Blocks on input between frames when idle: nothing
/// animates, so there is no tick and no busy redraw. While the palette has scoring pending it
/// polls instead, doing one bounded step per frame when no input is waiting.
pub fn run(app: &mut App, mouse: bool) -> color_eyre::Result<()> {
    let _guard = setup(mouse)?;
    let out: BufWriter<Stdout> = BufWriter::with_capacity(1 << 16, io::stdout());
    // Not `terminal.clear()`: it asks the terminal where the cursor is (ESC[6n), which costs a
    // round trip over SSH and fails outright where nothing answers (a bare pty). The alternate
    // screen was cleared in `setup`.
    let mut terminal = Terminal::new(CrosstermBackend::new(out))?;
    let mut mouse_on = mouse;
    'frames: loop {
        // `M` turns reporting off (so the terminal's own selection and copy work) and on.
        if app.mouse_enabled() != mouse_on {
            mouse_on = app.mouse_enabled();
            execute!(terminal.backend_mut(), SgrMouse(mouse_on))?;
            MOUSE.store(mouse_on, Ordering::SeqCst);
        }
        draw_frame(&mut terminal, app)?;
        if app.should_quit() {
            break;
        }
        if app.has_pending_work() {
            // The palette is still scoring: a waiting key goes first (it may make the work
            // moot), otherwise one step of at most a frame, then redraw with the hits so far.
            if event::poll(Duration::ZERO)? {
                handle(app, event::read()?);
            } else {
                app.do_pending_work();
            }
        } else {
            // Idle: wait for input, waking now and then to notice a termination signal.
            loop {
                if signalled().is_some() {
                    break 'frames;
                }
                if event::poll(SIGNAL_CHECK)? {
                    handle(app, event::read()?);
                    break;
                }
            }
        }
        // Coalesce a burst (key repeat, pasted text, wheel, a fast drag: only the newest drag
        // position matters) into one redraw.
        while !app.should_quit() && event::poll(Duration::ZERO)? {
            handle(app, event::read()?);
        }
    }
    drop(terminal);
    restore();
    if let Some(sig) = signalled() {
        // The terminal is back; end as the signal would have, with the shell's usual status.
        std::process::exit(128 + sig);
    }
    Ok(())
}
