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
            // clap's message, on one line: what is wrong, the argument's name,
            // the allowed values or a similar argument; not the usage lines.
            let text = e.render().to_string();
            let message: Vec<&str> = text
                .lines()
                .map(str::trim)
                .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
                .filter(|l| !l.is_empty())
                .collect();
            let line = message
                .iter()
                .enumerate()
                .map(|(i, l)| match (i, l.starts_with("tip:")) {
                    (0, _) => (*l).to_string(),
                    (_, true) => format!("; {l}"),
                    (_, false) => format!(" {l}"),
                })
                .collect::<String>();
            let line = if line.is_empty() {
                "invalid arguments".to_string()
            } else {
                line
            };
            eprintln!("defspend: {}", line.trim_start_matches("error: "));
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
