//! The `vcio` binary: parse the command line and hand over to the library. With no subcommand
//! it opens the workbench TUI on the session (a new session starts with the demo district).
//! Every user error ends here as one line on stderr and exit status 1.

use clap::Parser;
use std::io::IsTerminal;
use vcio::cli::session::{open_or_create, open_store};
use vcio::cli::{Cli, Ctx, UserError, commands};
use vcio::tui::TuiOptions;

fn main() {
    let cli = Cli::parse();
    let result = Ctx::new(
        cli.data_dir.clone(),
        cli.session.clone(),
        cli.as_of.as_deref(),
    )
    .and_then(|ctx| match cli.command {
        None => workbench(&cli, &ctx),
        Some(_) => {
            restore_default_sigpipe();
            commands::run(cli, &ctx)
        }
    });
    if let Err(e) = result {
        // The first line says it all, however long the cause (a 10 MB token quoted back would
        // flood the terminal); lists that follow it (rows, unmatched locations) are cut too.
        let text = e.to_string();
        let mut lines = text.lines();
        eprintln!(
            "vcio: {}",
            vcio::decode::one_line(lines.next().unwrap_or(""), 600)
        );
        for line in lines.take(30) {
            eprintln!("  {}", vcio::decode::one_line(line.trim(), 300));
        }
        std::process::exit(1);
    }
}

fn workbench(cli: &Cli, ctx: &Ctx) -> Result<(), UserError> {
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        return Err("the workbench needs a terminal; for scripts use a subcommand such as `vcio assess` (see --help)".into());
    }
    // Errors before the terminal is taken over print normally.
    let store = open_store(ctx)?;
    let session = open_or_create(&store, ctx, vcio::demo::demo_plan)?;
    let library = ctx.library()?;
    let opts = TuiOptions {
        theme: cli.theme.clone(),
        ascii: cli.ascii,
        mouse: !cli.no_mouse,
        data_dir: ctx.data_dir.clone(),
    };
    // color-eyre's report hook is installed by the TUI, once: a second `install` fails, and its
    // error report captures a symbolised backtrace that pulled ~65 MB of debug info into memory.
    // The store goes along so the workbench can switch, fork and compare sessions.
    vcio::tui::run_with_store(Box::new(session), Some(store), library, ctx.as_of, opts)
        .map_err(|e| UserError(e.to_string()))
}

/// Piping a command into `head` should end it quietly, as other Unix tools do, rather than
/// panic on a closed stdout. The TUI keeps Rust's default (SIGPIPE ignored).
fn restore_default_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called once at start-up before any thread exists; SIG_DFL is a valid handler.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}
