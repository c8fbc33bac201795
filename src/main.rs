//! The `vcio` binary: parse the command line and hand over to the library.

use clap::Parser;
use vcio::cli::{Cli, Ctx};

fn main() {
    let cli = Cli::parse();
    let ctx = match Ctx::new(
        cli.data_dir.clone(),
        cli.session.clone(),
        cli.as_of.as_deref(),
    ) {
        Ok(ctx) => ctx,
        Err(e) => {
            eprintln!("vcio: {e}");
            std::process::exit(1);
        }
    };
    let _ = ctx;
}
