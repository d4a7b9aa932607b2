//! Third-party readers over users' files, whose panics are the files' fault.

use crate::error::{Error, Result};

std::thread_local! {
    static IN_UNTRUSTED_READER: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs a third-party reader over a user's file. A panic inside it (calamine
/// overflows on a malformed cell reference in a debug build) is the file's
/// fault: it becomes an error naming the file, and the panic hook, which
/// asks [`in_untrusted_reader`], says nothing of it.
pub fn untrusted<T>(file: &str, f: impl FnOnce() -> Result<T>) -> Result<T> {
    IN_UNTRUSTED_READER.with(|c| c.set(true));
    let out = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    IN_UNTRUSTED_READER.with(|c| c.set(false));
    out.unwrap_or_else(|payload| {
        let what = crate::error::panic_message(payload.as_ref());
        Err(Error::data(
            file,
            format!("the workbook is malformed: its reader gave up ({what})"),
        ))
    })
}

/// Whether this thread is inside [`untrusted`]: a panic here is reported as
/// the file's error, not as an internal one.
pub fn in_untrusted_reader() -> bool {
    IN_UNTRUSTED_READER.with(|c| c.get())
}
