//! The `vcio` binary: parse the command line and hand over to the library. Every user error
//! ends here as one line on stderr and exit status 1.

use clap::Parser;
use vcio::cli::{Cli, Ctx, commands};

fn main() {
    let cli = Cli::parse();
    let result = Ctx::new(
        cli.data_dir.clone(),
        cli.session.clone(),
        cli.as_of.as_deref(),
    )
    .and_then(|ctx| commands::run(cli, &ctx));
    if let Err(e) = result {
        eprintln!("vcio: {e}");
        std::process::exit(1);
    }
}
