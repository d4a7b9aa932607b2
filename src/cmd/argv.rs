//! `defspend ARGS` inside another process (the Python module's `run`): the
//! command line's arguments, parsed and run by the same code, the reports
//! returned instead of written. The typed calls are [`crate::api`]'s.

use crate::api::{guarded, Failure};
use crate::export::Report;

/// Runs `defspend ARGS` (without the program name) and returns the reports
/// it would have written: one for a data command, none for a chart (which
/// writes its file).
pub fn run<S: AsRef<str>>(args: &[S]) -> Result<Vec<Report>, Failure> {
    let cli = super::parse_from(std::iter::once("defspend").chain(args.iter().map(AsRef::as_ref)))
        .map_err(|e| Failure::Usage(crate::cli::one_line(&e)))?;
    let ((), reports) = guarded(|| crate::export::capture::capture(|| super::run(cli)))?
        .map_err(|e| Failure::from_error(&e, super::flag))?;
    Ok(reports)
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
