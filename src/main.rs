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
            eprintln!("defspend: {}", defspend::cli::one_line(&e));
            return ExitCode::from(2);
        }
    };
    match defspend::cmd::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader went away (`| head`): as a program killed by SIGPIPE.
        Err(Error::ClosedPipe) => ExitCode::from(141),
        Err(e) => {
            eprintln!("defspend: {}", e.line());
            if e.is_usage() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
