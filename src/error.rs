//! The one error type of defspend. Every variant renders as a single line that
//! names the place (file, line, column, sheet and cell, or option) and the problem.

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A problem inside a data file: `place` is `file:line` or `file` alone.
    #[error("{place}: {problem}")]
    Data { place: String, problem: String },

    /// A workbook whose layout is not the one the importer knows.
    #[error("{file}: sheet {sheet}, cell {cell}: {problem}")]
    Workbook {
        file: String,
        sheet: String,
        cell: String,
        problem: String,
    },

    /// A command-line value that is well-formed but not usable.
    #[error("{option}: {problem}")]
    Usage { option: String, problem: String },

    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write {}: {problem}", path.display())]
    Write { path: PathBuf, problem: String },

    /// `defspend validate` found problems; they have been reported above.
    #[error("{count} violation(s) found in {scope}")]
    Invalid { count: usize, scope: String },

    /// Standard output was closed before everything was written (`| head`):
    /// nothing to say, but not a success.
    #[error("standard output closed")]
    ClosedPipe,

    #[error("calculation failed: {0}")]
    Calc(#[from] polars::error::PolarsError),
}

impl Error {
    pub fn data(place: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Data {
            place: place.into(),
            problem: problem.into(),
        }
    }

    pub fn usage(option: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Usage {
            option: option.into(),
            problem: problem.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;
