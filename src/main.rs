use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use triptyque::cli::{self, Cli};

fn main() -> ExitCode {
    let args = match Cli::try_parse() {
        Ok(a) => a,
        // Clap's messages echo the arguments: through the one sanitizer, like
        // every other output ("render --view $'\e]0;PWN\a'" prints inert).
        Err(e) => {
            let text = e.to_string();
            let safe = triptyque::text::term_safe(&text);
            if e.use_stderr() {
                let _ = write!(std::io::stderr(), "{safe}");
            } else {
                let _ = write!(std::io::stdout(), "{safe}");
            }
            return ExitCode::from(u8::try_from(e.exit_code()).unwrap_or(2));
        }
    };
    match &args.command {
        Some(command) => cli::run(&args, command),
        None => cli::run_tui(&args),
    }
}
