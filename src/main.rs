use std::process::ExitCode;

use clap::{CommandFactory, Parser};
use triptyque::cli::{self, Cli};

fn main() -> ExitCode {
    let args = Cli::parse();
    match &args.command {
        Some(command) => cli::run(&args, command),
        None => {
            // The full-screen explorer comes with the TUI; until then, help.
            let _ = Cli::command().print_help();
            ExitCode::SUCCESS
        }
    }
}
