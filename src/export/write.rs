//! Writing output whole or not at all: a temporary file beside the target and a rename.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::param::Param;

/// Writes `content` to `path` through a temporary file in the same directory and
/// a rename; on any failure no file is left at `path` or beside it.
pub fn write_atomic(path: &Path, content: &[u8]) -> Result<()> {
    let target = resolve(path)?;
    let staged = stage(path, &target, content)?;
    staged.persist(&target).map_err(|e| Error::Write {
        path: path.to_path_buf(),
        problem: e.error.to_string(),
    })
}

/// Writes several files all or nothing: each is written beside its target
/// first, and only when every one is written are they moved into place; a
/// failure at any step leaves every target as it was, byte for byte (files
/// already moved are moved back), and no temporary file behind.
pub fn write_all(files: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let targets = files
        .iter()
        .map(|(path, _)| resolve(path))
        .collect::<Result<Vec<_>>>()?;
    let staged = files
        .iter()
        .zip(&targets)
        .map(|((path, content), target)| stage(path, target, content))
        .collect::<Result<Vec<_>>>()?;
    let moves: Vec<(&Path, &Path)> = staged
        .iter()
        .zip(&targets)
        .map(|(s, t)| (s.as_ref(), t.as_path()))
        .collect();
    swap_in(&moves, &mut |from, to| std::fs::rename(from, to))
}

/// Moves each staged file over its target, all or none. A target that exists
/// is first moved aside; if any move fails, every step taken is undone in
/// reverse and the error names the file that failed. The moved-aside
/// originals are removed once all are in place.
pub fn swap_in(
    moves: &[(&Path, &Path)],
    rename: &mut dyn FnMut(&Path, &Path) -> std::io::Result<()>,
) -> Result<()> {
    enum Step {
        /// An original moved aside; deleted when the step drops (on success).
        Aside {
            target: PathBuf,
            backup: tempfile::TempPath,
        },
        In {
            target: PathBuf,
        },
    }
    for (_, target) in moves {
        if target.is_dir() {
            return Err(Error::Write {
                path: target.to_path_buf(),
                problem: "it is a directory; nothing was replaced".into(),
            });
        }
    }
    let mut steps: Vec<Step> = Vec::new();
    let mut attempt = |steps: &mut Vec<Step>| -> std::result::Result<(), (PathBuf, String)> {
        for (staged, target) in moves {
            let fail = |e: &dyn std::fmt::Display| (target.to_path_buf(), e.to_string());
            if std::fs::symlink_metadata(target).is_ok() {
                let backup = tempfile::Builder::new()
                    .prefix(".defspend-old-")
                    .tempfile_in(parent_of(target))
                    .map_err(|e| fail(&e))?
                    .into_temp_path();
                rename(target, &backup).map_err(|e| fail(&e))?;
                steps.push(Step::Aside {
                    target: target.to_path_buf(),
                    backup,
                });
            }
            rename(staged, target).map_err(|e| fail(&e))?;
            steps.push(Step::In {
                target: target.to_path_buf(),
            });
        }
        Ok(())
    };
    let Err((path, problem)) = attempt(&mut steps) else {
        // The originals, moved aside, are deleted as the steps drop.
        return Ok(());
    };
    // Undo, newest first: a file moved in is removed, an original moved back.
    // (A backup moved back is gone from where its TempPath would delete it.)
    let mut undone = true;
    for step in steps.iter().rev() {
        let ok = match step {
            Step::In { target } => std::fs::remove_file(target).is_ok(),
            Step::Aside { target, backup } => std::fs::rename(backup, target).is_ok(),
        };
        undone &= ok;
    }
    Err(Error::Write {
        path,
        problem: if undone {
            format!("{problem}; nothing was replaced (every file is as it was)")
        } else {
            format!("{problem}; and putting the earlier files back failed too: check the folder")
        },
    })
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// Where writing `path` goes: through a symbolic link to the file it points
/// at (the link stays); refused when it is a directory, a device, FIFO or
/// socket, or its directory does not exist.
fn resolve(path: &Path) -> Result<PathBuf> {
    let fail = |problem: String| Error::Write {
        path: path.to_path_buf(),
        problem,
    };
    let target = match std::fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => std::fs::canonicalize(path).map_err(|e| {
            fail(format!(
                "it is a symbolic link to a file that cannot be reached ({e})"
            ))
        })?,
        _ => path.to_path_buf(),
    };
    if target.is_dir() {
        return Err(fail("it is a directory".into()));
    }
    if let Ok(m) = std::fs::metadata(&target) {
        if !m.is_file() {
            return Err(fail(
                format!("it is not a regular file (a device, FIFO or socket): write to a file, or leave out {} for standard output", Param::Output),
            ));
        }
    }
    let dir = parent_of(&target);
    if !dir.is_dir() {
        return Err(fail(format!("directory {} does not exist", dir.display())));
    }
    Ok(target)
}

/// `content` written and synced to a temporary file beside `target`,
/// deleted if dropped.
fn stage(path: &Path, target: &Path, content: &[u8]) -> Result<tempfile::TempPath> {
    let fail = |problem: String| Error::Write {
        path: path.to_path_buf(),
        problem,
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".defspend-").suffix(".tmp");
    // Temporary files are private by default; the result is an ordinary file (umask applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(parent_of(target))
        .map_err(|e| fail(e.to_string()))?;
    tmp.write_all(content).map_err(|e| fail(e.to_string()))?;
    tmp.as_file().sync_all().map_err(|e| fail(e.to_string()))?;
    Ok(tmp.into_temp_path())
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The files of a folder, by name, with their bytes.
    fn contents(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| {
                let e = e.unwrap();
                (
                    e.file_name().to_string_lossy().to_string(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        files
    }

    /// A move that fails part way (the third of five renames, the second
    /// file's own) leaves the folder byte for byte as it was, with no
    /// temporary or moved-aside file, and says nothing was replaced.
    #[test]
    fn a_failure_part_way_through_undoes_every_move() {
        for fail_at in 1..=5 {
            let dir = tempfile::tempdir().unwrap();
            let old = [("a.csv", "old a\n"), ("b.csv", "old b\n")];
            for (name, text) in old {
                std::fs::write(dir.path().join(name), text).unwrap();
            }
            let before = contents(dir.path());
            let files: Vec<(PathBuf, Vec<u8>)> = ["a.csv", "b.csv", "c.csv"]
                .iter()
                .map(|n| (dir.path().join(n), format!("new {n}\n").into_bytes()))
                .collect();
            let targets: Vec<PathBuf> = files.iter().map(|(p, _)| resolve(p).unwrap()).collect();
            let staged: Vec<_> = files
                .iter()
                .zip(&targets)
                .map(|((p, c), t)| stage(p, t, c).unwrap())
                .collect();
            let moves: Vec<(&Path, &Path)> = staged
                .iter()
                .zip(&targets)
                .map(|(s, t)| (s.as_ref(), t.as_path()))
                .collect();
            let mut n = 0;
            let err = swap_in(&moves, &mut |from, to| {
                n += 1;
                if n == fail_at {
                    Err(std::io::Error::other("injected failure"))
                } else {
                    std::fs::rename(from, to)
                }
            })
            .unwrap_err()
            .to_string();
            assert!(err.contains("injected failure"), "{err}");
            assert!(err.contains("nothing was replaced"), "{err}");
            drop(staged);
            assert_eq!(contents(dir.path()), before, "failing at move {fail_at}");
        }
    }

    /// Without a failure every file is replaced or created, and nothing else
    /// is left in the folder.
    #[test]
    fn every_file_lands_when_nothing_fails() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "old\n").unwrap();
        let files: Vec<(PathBuf, Vec<u8>)> = ["a.csv", "b.csv"]
            .iter()
            .map(|n| (dir.path().join(n), format!("new {n}\n").into_bytes()))
            .collect();
        write_all(&files).unwrap();
        assert_eq!(
            contents(dir.path()),
            vec![
                ("a.csv".to_string(), b"new a.csv\n".to_vec()),
                ("b.csv".to_string(), b"new b.csv\n".to_vec()),
            ]
        );
    }
}
