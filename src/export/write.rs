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
    if path.is_dir() {
        return Err(fail("it is a directory".into()));
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

/// Prints to stdout, or writes the file atomically when `output` is given.
pub fn emit(content: &str, output: Option<&Path>) -> Result<()> {
    match output {
        Some(path) => write_atomic(path, content.as_bytes()),
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth reporting.
            let _ = stdout.write_all(content.as_bytes());
            Ok(())
        }
    }
}
