use std::process::ExitCode;

use clap::Parser;
use defspend::cli::Cli;
use defspend::Error;

fn main() -> ExitCode {
    // The frames are a few hundred rows: a thread pool costs more to start than
    // it saves. A user who wants one sets POLARS_MAX_THREADS.
    if std::env::var_os("POLARS_MAX_THREADS").is_none() {
        std::env::set_var("POLARS_MAX_THREADS", "1");
    }
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            // clap's message is several lines; the first says what and where.
            let text = e.render().to_string();
            let first = text
                .lines()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("invalid arguments");
            eprintln!("defspend: {}", first.trim_start_matches("error: "));
            return ExitCode::from(2);
        }
    };
    match defspend::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("defspend: {e}");
            match e {
                Error::Usage { .. } => ExitCode::from(2),
                _ => ExitCode::from(1),
            }
        }
    }
}
