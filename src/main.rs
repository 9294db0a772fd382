use std::process::ExitCode;

use clap::Parser;
use triptyque::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => cli::run(&args, command),
        None => cli::run_tui(&args),
    }
}
