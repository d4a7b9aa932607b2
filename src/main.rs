use std::process::ExitCode;

use defspend::Error;

/// Whether descriptor 1 was closed when the process started: probed by a
/// constructor that runs before the Rust runtime opens /dev/null on a closed
/// standard descriptor (after which `>&-` and `> /dev/null` look alike).
#[cfg(target_os = "linux")]
mod probe {
    use std::sync::atomic::{AtomicBool, Ordering};

    pub static CLOSED: AtomicBool = AtomicBool::new(false);

    extern "C" fn probe() {
        // SAFETY: fcntl(F_GETFD) only reads the descriptor's flags.
        if unsafe { libc::fcntl(1, libc::F_GETFD) } < 0 {
            CLOSED.store(true, Ordering::Relaxed);
        }
    }

    #[used]
    #[unsafe(link_section = ".init_array")]
    static PROBE: extern "C" fn() = probe;

    pub fn closed() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

fn stdout_closed_at_start() -> bool {
    #[cfg(target_os = "linux")]
    {
        probe::closed()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

fn main() -> ExitCode {
    // A bug is said in one line, as every other failure (exit status 101).
    std::panic::set_hook(Box::new(|info| {
        if defspend::data::in_untrusted_reader() {
            // Said as the file's error where the reader is called.
            return;
        }
        let message = defspend::error::panic_message(info.payload());
        let place = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "defspend: internal error{place}: {}; please report it",
            message.lines().next().unwrap_or("")
        );
    }));
    // Standard output closed (`>&-`): said when something is to be written there.
    defspend::export::guard_stdout(stdout_closed_at_start());
    // The frames are a few hundred rows: a thread pool costs more to start than
    // it saves. A user who wants one sets POLARS_MAX_THREADS.
    match std::env::var("POLARS_MAX_THREADS") {
        Err(std::env::VarError::NotPresent) => std::env::set_var("POLARS_MAX_THREADS", "1"),
        Ok(v) if v.trim().parse::<usize>().is_ok_and(|n| n >= 1) => {}
        Ok(v) => {
            eprintln!("defspend: POLARS_MAX_THREADS: '{v}' is not a number of threads (1 or more)");
            return ExitCode::from(2);
        }
        Err(_) => {
            eprintln!("defspend: POLARS_MAX_THREADS: not a number of threads (1 or more)");
            return ExitCode::from(2);
        }
    }
    let cli = match defspend::cmd::parse_from(std::env::args_os()) {
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
            eprintln!("defspend: {}", defspend::cmd::say(&e));
            if e.is_usage() {
                ExitCode::from(2)
            } else {
                ExitCode::from(1)
            }
        }
    }
}
