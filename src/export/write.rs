//! Writing output whole or not at all: a temporary file beside the target and a rename.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `content` to `path` through a temporary file in the same directory and
/// a rename; on any failure no file is left at `path` or beside it.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let fail = |problem: String| Error::Write {
        path: path.to_path_buf(),
        problem,
    };
    // A symbolic link is written through, to the file it points at; the
    // link itself stays.
    let target;
    let path = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            target = std::fs::canonicalize(path).map_err(|e| {
                fail(format!(
                    "it is a symbolic link to a file that cannot be reached ({e})"
                ))
            })?;
            target.as_path()
        }
        _ => path,
    };
    if path.is_dir() {
        return Err(fail("it is a directory".into()));
    }
    if let Ok(m) = std::fs::metadata(path) {
        if !m.is_file() {
            return Err(fail(
                "it is not a regular file (a device, FIFO or socket): write to a file, or leave out --output for standard output".into(),
            ));
        }
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    if !dir.is_dir() {
        return Err(fail(format!("directory {} does not exist", dir.display())));
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".defspend-").suffix(".tmp");
    // Temporary files are private by default; the result is an ordinary file (umask applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(|e| fail(e.to_string()))?;
    tmp.write_all(content).map_err(|e| fail(e.to_string()))?;
    tmp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    tmp.persist(path).map_err(|e| fail(e.error.to_string()))?;
    Ok(())
}

/// Prints to stdout, or writes the file atomically when `output` is given
/// (`-`: standard output).
pub fn emit(content: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) if path != Path::new("-") => write_atomic(path, content.as_bytes()),
        _ => to_stdout(content.as_bytes()),
    }
}

/// Standard output was closed when the process started.
static STDOUT_CLOSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Called first thing with whether standard output was closed when the
/// process started (`>&-`; the binary probes it before the Rust runtime puts
/// /dev/null there): writing to it is then an error, not output silently lost.
pub fn guard_stdout(closed_at_start: bool) {
    if closed_at_start {
        STDOUT_CLOSED.store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Writes to standard output and flushes it: a full disk is an error; a
/// closed pipe (`| head`) is one too, said by the exit status alone.
pub fn to_stdout(content: &[u8]) -> Result<()> {
    if STDOUT_CLOSED.load(std::sync::atomic::Ordering::Relaxed) {
        return Err(Error::Write {
            path: "standard output".into(),
            problem: "it is closed".into(),
        });
    }
    let mut stdout = std::io::stdout().lock();
    stdout
        .write_all(content)
        .and_then(|()| stdout.flush())
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::BrokenPipe => Error::ClosedPipe,
            _ => Error::Write {
                path: "standard output".into(),
                problem: e.to_string(),
            },
        })
}

/// A line to standard output (a command's confirmation), its errors as
/// [`to_stdout`]'s.
pub fn say(line: &str) -> Result<()> {
    to_stdout(format!("{line}\n").as_bytes())
}
