//! End-to-end in a real pseudo-terminal: the `vcio` binary opens the TUI on the demo district,
//! `L` x4 moves the selected bar one fiscal year and the budget strip changes, `q` quits, a
//! reopen shows the move persisted, a `NO_COLOR=1` run writes no colour SGR codes, and every
//! catchable termination signal leaves the terminal restored. The harness never sends or
//! expects cursor-position queries (a bare pty would never answer them).

mod common;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

const ROWS: u16 = 24;
const COLS: u16 = 80;
fn parser() -> vt100::Parser {
    let rows = std::num::NonZeroU16::new(ROWS).expect("rows");
    let cols = std::num::NonZeroU16::new(COLS).expect("cols");
    vt100::Parser::new(rows, cols, 0)
}

/// Liveness guard only: each wait normally ends as soon as the screen shows what is expected.
const PATIENCE: Duration = Duration::from_secs(30);

struct Tui {
    child: Box<dyn portable_pty::Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    output: Receiver<Vec<u8>>,
    parser: vt100::Parser,
    raw: Vec<u8>,
}

impl Tui {
    fn spawn(data_dir: &std::path::Path, env: &[(&str, &str)]) -> Tui {
        let pty = native_pty_system();
        let pair = pty
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_vcio"));
        cmd.args([
            "--data-dir",
            &data_dir.to_string_lossy(),
            "--as-of",
            "2026-11-22",
        ]);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pair.slave.spawn_command(cmd).expect("spawn vcio");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("reader");
        let writer = pair.master.take_writer().expect("writer");
        // Drain the pty on a thread so the child never blocks on a full buffer.
        let (tx, output) = channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        // Keep the master alive as long as the reader and writer need it.
        std::mem::forget(pair.master);
        Tui {
            child,
            writer,
            output,
            parser: parser(),
            raw: Vec::new(),
        }
    }

    fn pump(&mut self, wait: Duration) {
        if let Ok(bytes) = self.output.recv_timeout(wait) {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
        while let Ok(bytes) = self.output.try_recv() {
            self.parser.process(&bytes);
            self.raw.extend_from_slice(&bytes);
        }
    }

    fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Waits until the screen satisfies `ok`.
    fn wait_for(&mut self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}\nraw tail: {:?}",
                String::from_utf8_lossy(&self.raw[self.raw.len().saturating_sub(3000)..])
            );
            self.pump(Duration::from_millis(50));
        }
    }

    fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    fn quit(mut self) -> Vec<u8> {
        self.send("q");
        let deadline = Instant::now() + PATIENCE;
        loop {
            self.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = self.child.try_wait() {
                assert!(status.success(), "vcio exited with {status:?}");
                break;
            }
            assert!(Instant::now() < deadline, "vcio did not exit on q");
        }
        self.pump(Duration::from_millis(50));
        self.raw
    }
}

/// The selected initiative's start quarter, read from the detail view's first line
/// ("ID FY2028-Q1 → FY2028-Q2 (2q): title").
fn selected_start(screen: &str) -> Option<String> {
    let is_quarter = |s: &str| {
        let b = s.as_bytes();
        b.len() == 9
            && s.starts_with("FY")
            && b[2..6].iter().all(u8::is_ascii_digit)
            && &s[6..8] == "-Q"
            && b[8].is_ascii_digit()
    };
    screen.lines().find_map(|line| {
        line.match_indices("FY").find_map(|(i, _)| {
            let q = line.get(i..i + 9)?;
            let rest = line.get(i + 9..)?;
            (is_quarter(q) && (rest.starts_with(" → FY") || rest.starts_with(" -> FY")))
                .then(|| q.to_string())
        })
    })
}

fn budget_total(screen: &str) -> Option<String> {
    screen
        .lines()
        .find(|l| l.contains("│Total") || l.contains("|Total"))
        .map(|l| l.to_string())
}

fn fy_of(quarter: &str) -> i32 {
    quarter.get(2..6).and_then(|y| y.parse().ok()).unwrap_or(0)
}

#[test]

fn move_a_bar_a_year_then_reopen_and_find_it_moved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::spawn(dir.path(), &[]);
    let s = tui.wait_for("the roadmap", |s| {
        s.contains("Roadmap") && selected_start(s).is_some()
    });
    let start = selected_start(&s).expect("selected start");
    let total = budget_total(&s).expect("budget strip total");
    for _ in 0..4 {
        // One key at a time, each after the previous move is on screen.
        let before = selected_start(&tui.screen());
        tui.send("L");
        tui.wait_for("the move", |s| selected_start(s) != before);
    }
    let s = tui.wait_for("a year later", |s| {
        selected_start(s).is_some_and(|q| fy_of(&q) == fy_of(&start) + 1)
    });
    let moved = selected_start(&s).expect("moved start");
    assert_eq!(moved.get(6..), start.get(6..), "same quarter, next year");
    assert_ne!(budget_total(&s), Some(total), "the budget strip changed");
    tui.quit();

    let mut tui = Tui::spawn(dir.path(), &[]);
    let s = tui.wait_for("the reopened roadmap", |s| selected_start(s).is_some());
    assert_eq!(selected_start(&s), Some(moved), "the move was saved");
    tui.quit();
}

/// Whether any SGR sequence (ESC [ ... m) sets a foreground or background colour.
fn has_colour_sgr(raw: &[u8]) -> bool {
    let s = String::from_utf8_lossy(raw);
    let mut rest = &*s;
    while let Some(i) = rest.find("\x1b[") {
        rest = &rest[i + 2..];
        let end = rest.find(|c: char| !(c.is_ascii_digit() || c == ';' || c == ':'));
        let Some(end) = end else { break };
        if rest[end..].starts_with('m') {
            let params: Vec<&str> = rest[..end].split([';', ':']).collect();
            let mut k = 0;
            while k < params.len() {
                let p: u32 = params[k].parse().unwrap_or(0);
                match p {
                    30..=37 | 40..=47 | 90..=97 | 100..=107 => return true,
                    38 | 48 | 58 => return true,
                    _ => {}
                }
                k += 1;
            }
        }
        rest = &rest[end..];
    }
    false
}

#[test]
fn the_colour_detector_detects_colour() {
    assert!(has_colour_sgr(b"\x1b[1;31mred"));
    assert!(has_colour_sgr(b"\x1b[38;5;200mx"));
    assert!(!has_colour_sgr(
        b"\x1b[1mbold\x1b[7m\x1b[0m\x1b[?2026h\x1b[10;4H"
    ));
}

#[test]

fn no_color_writes_no_colour_codes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::spawn(dir.path(), &[("NO_COLOR", "1")]);
    tui.wait_for("the roadmap", |s| s.contains("Roadmap"));
    tui.send("L");
    tui.wait_for("the move", |s| s.contains("starts "));
    let raw = tui.quit();
    assert!(
        !has_colour_sgr(&raw),
        "colour SGR codes written under NO_COLOR"
    );
    // Meaning is still on screen without colour: selection marker and bars.
    assert!(String::from_utf8_lossy(&raw).contains('>'));
}

#[test]

fn the_terminal_is_restored_on_quit() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::spawn(dir.path(), &[]);
    tui.wait_for("the roadmap", |s| s.contains("Roadmap"));
    assert!(
        tui.parser.screen().alternate_screen(),
        "alternate screen while running"
    );
    assert_ne!(
        tui.parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "mouse reporting on"
    );
    let raw = tui.quit();
    let mut parser = parser();
    parser.process(&raw);
    assert!(
        !parser.screen().alternate_screen(),
        "left the alternate screen"
    );
    assert_eq!(
        parser.screen().mouse_protocol_mode(),
        vt100::MouseProtocolMode::None
    );
    assert!(!parser.screen().hide_cursor(), "cursor shown again");
}

/// SIGTERM, SIGHUP, SIGINT and SIGQUIT end the workbench with the terminal restored (alternate
/// screen left, mouse reporting off, cursor shown) and the edit made before them saved.
#[test]
fn the_terminal_is_restored_on_every_catchable_signal() {
    for (sig, name) in [
        (libc::SIGTERM, "TERM"),
        (libc::SIGHUP, "HUP"),
        (libc::SIGINT, "INT"),
        (libc::SIGQUIT, "QUIT"),
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut tui = Tui::spawn(dir.path(), &[]);
        let before = tui.wait_for("the roadmap", |s| selected_start(s).is_some());
        let start = selected_start(&before).expect("a selected bar");
        tui.send("L");
        let after = tui.wait_for("the bar moved", |s| {
            selected_start(s).is_some_and(|q| q != start)
        });
        let moved = selected_start(&after).expect("moved");
        let pid = tui.child.process_id().expect("pid");
        // SAFETY: sending a signal to our own child process.
        assert_eq!(unsafe { libc::kill(pid as i32, sig) }, 0);
        let deadline = Instant::now() + PATIENCE;
        let status = loop {
            tui.pump(Duration::from_millis(50));
            if let Ok(Some(status)) = tui.child.try_wait() {
                break status;
            }
            assert!(Instant::now() < deadline, "SIG{name} did not end vcio");
        };
        tui.pump(Duration::from_millis(50));
        assert_eq!(status.exit_code(), 128 + sig as u32, "SIG{name}");
        let mut parser = parser();
        parser.process(&tui.raw);
        let screen = parser.screen();
        assert!(
            !screen.alternate_screen(),
            "SIG{name}: left the alternate screen"
        );
        assert_eq!(
            screen.mouse_protocol_mode(),
            vt100::MouseProtocolMode::None,
            "SIG{name}: mouse reporting off"
        );
        assert!(!screen.hide_cursor(), "SIG{name}: cursor shown again");
        let out = common::vcio(dir.path(), &["roadmap", "--format", "json"]);
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains(&format!("\"start\": \"{moved}\"")),
            "SIG{name}: the move was saved: {text}"
        );
    }
}

// ---- dragging bars with SGR mouse sequences ----

/// SGR mouse report for a 0-based cell: button code `b`, `M` press/drag or `m` release.
fn sgr(b: u8, x: usize, y: usize, end: char) -> String {
    format!("\x1b[<{b};{};{}{end}", x + 1, y + 1)
}

/// Where the selected bar's body is and how wide a quarter is, read off the screen: the
/// quarter header ("1 2 3 4 1 2 ...") gives the first column and the width of a quarter, the
/// year header the first fiscal year, the detail line the selected bar's start quarter.
fn selected_body(screen: &str) -> Option<(usize, usize, usize)> {
    let lines: Vec<Vec<char>> = screen.lines().map(|l| l.chars().collect()).collect();
    let find = |l: &[char], pat: &str| {
        let p: Vec<char> = pat.chars().collect();
        l.windows(p.len()).position(|w| w == p.as_slice())
    };
    let qrow = lines.iter().position(|l| find(l, "1 2 3 4 1").is_some())?;
    let bars_x = find(&lines[qrow], "1 2 3 4 1")?;
    let qw = 2; // "1 2": one digit and one space per quarter at 80 columns
    let years: String = lines.get(qrow.checked_sub(1)?)?[bars_x..].iter().collect();
    let fy0: i32 = years.split("FY").nth(1)?.get(..4)?.parse().ok()?;
    let y = lines.iter().position(|l| find(l, "> INI-").is_some())?;
    let start = selected_start(screen)?;
    let q: i32 = start.get(8..9)?.parse().ok()?;
    let k = usize::try_from((fy_of(&start) - fy0) * 4 + q - 1).ok()?;
    Some((bars_x + k * qw + 1, y, qw))
}

#[test]
fn drag_a_bar_a_year_right_then_reopen_and_esc_mid_drag_changes_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut tui = Tui::spawn(dir.path(), &[]);
    let s = tui.wait_for("the roadmap", |s| selected_body(s).is_some());
    let start = selected_start(&s).expect("selected start");
    let total = budget_total(&s).expect("budget total");
    let (x, y, qw) = selected_body(&s).expect("bar geometry");
    tui.send(&sgr(0, x, y, 'M'));
    for step in 1..=4 * qw {
        tui.send(&sgr(32, x + step, y, 'M'));
    }
    let s = tui.wait_for("the drag preview", |s| {
        selected_start(s).is_some_and(|q| fy_of(&q) == fy_of(&start) + 1)
            && s.contains("release to commit")
    });
    assert_ne!(
        budget_total(&s),
        Some(total.clone()),
        "budget previews the move"
    );
    tui.send(&sgr(0, x + 4 * qw, y, 'm'));
    let s = tui.wait_for("the commit", |s| s.contains("u to undo"));
    let moved = selected_start(&s).expect("moved start");
    assert_eq!(fy_of(&moved), fy_of(&start) + 1);
    assert_eq!(moved.get(6..), start.get(6..), "same quarter, next year");
    assert_ne!(budget_total(&s), Some(total), "the budget strip changed");
    tui.quit();

    let mut tui = Tui::spawn(dir.path(), &[]);
    let s = tui.wait_for("the reopened roadmap", |s| selected_body(s).is_some());
    assert_eq!(
        selected_start(&s),
        Some(moved.clone()),
        "the drag was saved"
    );
    let total = budget_total(&s);
    let (x, y, _) = selected_body(&s).expect("bar geometry");
    tui.send(&sgr(0, x, y, 'M'));
    tui.send(&sgr(32, x + 4, y, 'M'));
    tui.wait_for("the second preview", |s| {
        selected_start(s).is_some_and(|q| q != moved) && s.contains("release to commit")
    });
    tui.send("\x1b");
    let s = tui.wait_for("the cancel", |s| s.contains("drag cancelled"));
    assert_eq!(selected_start(&s), Some(moved.clone()));
    assert_eq!(budget_total(&s), total);
    tui.send(&sgr(0, x + 4, y, 'm'));
    tui.quit();

    let mut tui = Tui::spawn(dir.path(), &[]);
    let s = tui.wait_for("the third opening", |s| selected_start(s).is_some());
    assert_eq!(selected_start(&s), Some(moved), "Esc persisted nothing");
    tui.quit();
}
