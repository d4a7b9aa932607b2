//! Where dataset files come from: the copies compiled into the binary, or a
//! directory given with `--data`.

use std::path::PathBuf;

use crate::error::{Error, Result};

/// The default datasets, compiled in so that defspend works from any
/// directory: every file below `datasets/` but the READMEs and licences, by
/// name relative to it (the list is written by `build.rs`).
pub const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

/// The shipped scenarios, by name (a file's stem), as `scenarios.toml` lists
/// them (build.rs).
pub const SCENARIOS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DataSource {
    Embedded,
    Dir(PathBuf),
}

/// One file's text and the name used for it in messages.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub display: String,
    pub text: String,
}

impl SourceFile {
    /// Parses the file as TOML; an error carries `file:line:column`.
    pub fn parse_toml<T: serde::de::DeserializeOwned>(&self) -> Result<T> {
        toml::from_str(&self.text).map_err(|e| {
            let place = match e.span() {
                Some(span) => {
                    let (line, col) = line_col(&self.text, span.start);
                    format!("{}:{line}:{col}", self.display)
                }
                None => self.display.clone(),
            };
            Error::data(place, e.message().trim().to_string())
        })
    }
}

/// How many times each dataset file was read in this process, by its name
/// relative to the datasets: a command reads each file once (a test checks
/// `report --outlook`).
static READS: std::sync::Mutex<Vec<(String, usize)>> = std::sync::Mutex::new(Vec::new());

fn count_read(relative: &str) {
    let mut reads = READS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    match reads.iter_mut().find(|(name, _)| name == relative) {
        Some((_, n)) => *n += 1,
        None => reads.push((relative.to_string(), 1)),
    }
}

/// The dataset files read so far in this process, with how many times each.
pub fn reads() -> Vec<(String, usize)> {
    READS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
}

impl DataSource {
    pub fn describe(&self) -> String {
        match self {
            DataSource::Embedded => "embedded datasets".to_string(),
            DataSource::Dir(dir) => dir.display().to_string(),
        }
    }

    /// Reads `relative` (for example `nato-2024/expenditure.csv`).
    pub fn read(&self, relative: &str) -> Result<SourceFile> {
        count_read(relative);
        match self {
            DataSource::Embedded => EMBEDDED
                .iter()
                .find(|(name, _)| *name == relative)
                .map(|(name, text)| SourceFile {
                    display: format!("datasets/{name}"),
                    text: (*text).to_string(),
                })
                .ok_or_else(|| {
                    Error::data(
                        format!("datasets/{relative}"),
                        "no such file among the embedded datasets",
                    )
                }),
            DataSource::Dir(dir) => read_file(&dir.join(relative)),
        }
    }
}

/// Where `defspend import sipri-xlsx` installs a database that defspend may
/// not redistribute (SIPRI's terms allow reproducing no more than 10% of its
/// database): `$DEFSPEND_DATA_HOME`, else the platform's data directory
/// (`~/.local/share/defspend` on Linux).
pub fn user_data_dir() -> Option<PathBuf> {
    std::env::var_os("DEFSPEND_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| dirs::data_dir().map(|d| d.join("defspend")))
}

impl DataSource {
    /// Reads `relative` from the datasets, or where it is not there, from the
    /// user's data directory ([`user_data_dir`]); `missing` says what to do
    /// when it is in neither.
    pub fn read_installed(&self, relative: &str, missing: &str) -> Result<SourceFile> {
        count_read(relative);
        if let DataSource::Dir(dir) = self {
            if dir.join(relative).is_file() {
                return read_file(&dir.join(relative));
            }
        }
        // A data home that was named but is not a directory is the user's
        // mistake to fix, not a database to install.
        if let Some(home) = std::env::var_os("DEFSPEND_DATA_HOME").filter(|v| !v.is_empty()) {
            let home = PathBuf::from(home);
            if !home.is_dir() {
                return Err(Error::data(
                    format!("DEFSPEND_DATA_HOME={}", home.display()),
                    if home.exists() {
                        "not a directory: point it at the folder `defspend import sipri-xlsx` installs into"
                    } else {
                        "no such directory: point it at the folder `defspend import sipri-xlsx` installs into, or unset it"
                    },
                ));
            }
        }
        match user_data_dir().map(|d| d.join(relative)) {
            Some(path) if path.is_file() => read_file(&path),
            Some(path) => Err(Error::data(path.display().to_string(), missing)),
            None => Err(Error::data(relative, missing)),
        }
    }
}

/// Reads a text file given by the user; errors name it.
pub fn read_file(path: &std::path::Path) -> Result<SourceFile> {
    let bytes = std::fs::read(path).map_err(|source| Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let display = path.display().to_string();
    let text = String::from_utf8(bytes).map_err(|e| {
        Error::data(
            format!(
                "{display}:{}",
                line_of_byte(e.as_bytes(), e.utf8_error().valid_up_to())
            ),
            "the file is not valid UTF-8 text",
        )
    })?;
    Ok(SourceFile { display, text })
}

fn line_of_byte(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|b| **b == b'\n').count() + 1
}

/// 1-based line and column of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
