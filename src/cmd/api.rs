//! defspend inside another process (the Python module): the command line's
//! arguments, parsed and run by the same code as `defspend ARGS`, the reports
//! returned instead of written.

use clap::Parser;

use crate::cli::Cli;
use crate::export::Report;
use crate::Error;

/// Why a run failed, with the command line's one-line message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Failure {
    /// Bad arguments or an unknown name: exit code 2 on the command line.
    Usage(String),
    /// A dataset, a scenario file or an input that cannot be used.
    Data(String),
    /// Anything else (a file that cannot be written, …).
    Other(String),
}

impl Failure {
    pub fn message(&self) -> &str {
        match self {
            Failure::Usage(m) | Failure::Data(m) | Failure::Other(m) => m,
        }
    }
}

impl From<Error> for Failure {
    fn from(e: Error) -> Self {
        let line = e.line();
        if e.is_usage() {
            Failure::Usage(line)
        } else if matches!(
            e,
            Error::Data { .. } | Error::Workbook { .. } | Error::Read { .. }
        ) {
            Failure::Data(line)
        } else {
            Failure::Other(line)
        }
    }
}

/// Runs `defspend ARGS` (without the program name) and returns the reports
/// it would have written: one for a data command, none for a chart (which
/// writes its file).
pub fn run<S: AsRef<str>>(args: &[S]) -> Result<Vec<Report>, Failure> {
    let cli =
        Cli::try_parse_from(std::iter::once("defspend").chain(args.iter().map(AsRef::as_ref)))
            .map_err(|e| Failure::Usage(crate::cli::one_line(&e)))?;
    let ((), reports) = guarded(|| crate::export::capture::capture(|| super::run(cli)))??;
    Ok(reports)
}

/// Runs `f`; a panic in it is a bug, but reaches the caller as a failure
/// like any other (in Python a `defspend.Error`), never as an unwinding
/// thread.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, Failure> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        let mut what = crate::error::panic_message(payload.as_ref());
        if what.is_empty() {
            what = "no message".into();
        }
        Failure::Other(format!(
            "internal error ({}): {what}; please report it with the command that caused it",
            env!("CARGO_PKG_VERSION")
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A panic becomes a failure that says what happened, not an unwind.
    #[test]
    fn a_panic_is_a_failure() {
        let hook = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let out: Result<(), Failure> = guarded(|| panic!("index out of bounds"));
        std::panic::set_hook(hook);
        let Err(Failure::Other(message)) = out else {
            panic!("not a failure: {out:?}");
        };
        assert!(message.contains("internal error"), "{message}");
        assert!(message.contains("index out of bounds"), "{message}");
    }

    #[test]
    fn a_command_gives_its_report_and_a_bad_one_the_command_lines_message() {
        let reports = run(&["shortfall", "--edition", "nato-2024", "--year", "2024"]).unwrap();
        assert_eq!(reports.len(), 1);
        assert!(reports[0].title.contains("2024"), "{}", reports[0].title);
        let e = run(&["shortfall", "--edition", "nato-1999"]).unwrap_err();
        assert!(matches!(e, Failure::Usage(_)), "{e:?}");
        assert!(e.message().contains("nato-1999"), "{e:?}");
        let e = run(&["shortfall", "--year", "x"]).unwrap_err();
        assert!(e.message().contains("--year"), "{e:?}");
    }
}
