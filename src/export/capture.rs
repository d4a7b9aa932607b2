//! Where reports go: written out (the command line), or kept for a caller
//! inside the process (the Python module), which runs the very same command
//! and takes its reports instead of their text.

use std::cell::RefCell;

use super::Report;

thread_local! {
    static KEPT: RefCell<Option<Vec<Report>>> = const { RefCell::new(None) };
}

/// Runs `f` with every report it emits kept, not written; returns them.
pub fn capture<T>(f: impl FnOnce() -> crate::Result<T>) -> crate::Result<(T, Vec<Report>)> {
    KEPT.with(|k| *k.borrow_mut() = Some(Vec::new()));
    let out = f();
    let kept = KEPT.with(|k| k.borrow_mut().take()).unwrap_or_default();
    out.map(|t| (t, kept))
}

/// Keeps the report when a caller is capturing; `false` when it is to be written.
pub(crate) fn keep(report: &Report) -> bool {
    KEPT.with(|k| match k.borrow_mut().as_mut() {
        Some(kept) => {
            kept.push(report.clone());
            true
        }
        None => false,
    })
}
