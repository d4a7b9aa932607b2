//! The one error type of defspend. Every variant renders as a single line that
//! names the place (file, line, column, sheet and cell, or parameter) and the problem.

use std::path::PathBuf;

use crate::param::Param;

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

    /// A value that is well-formed but not usable, for the parameter that
    /// gave it (each front spells its name: [`crate::param`]).
    #[error("{param}: {problem}")]
    Usage { param: Param, problem: String },

    /// What was asked of the data that it cannot give: an id that no
    /// manifest lists, a year outside an edition, a measure a source lacks.
    /// The data and the calculator raise it without knowing which parameter
    /// asked; the edge that resolved it says so ([`Error::from_param`]),
    /// else [`Asked::param`] is said.
    #[error("{problem}")]
    Request {
        asked: Asked,
        id: String,
        problem: String,
        /// For an unknown id: the ids that are (empty otherwise).
        available: Vec<String>,
        param: Option<Param>,
    },

    #[error("cannot read {}: {source}", path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },

    #[error("cannot write {}: {problem}", path.display())]
    Write { path: PathBuf, problem: String },

    /// A download that failed or did not hold what its source publishes:
    /// `source` is the provider (`nato`, `sipri`, `eurostat`).
    #[error("{source_name}: {url}: {problem}")]
    Fetch {
        source_name: String,
        url: String,
        problem: String,
    },

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

/// What a [`Error::Request`] asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Asked {
    Edition,
    SipriRelease,
    Outlook,
    PlansVintage,
    Group,
    Ally,
    Country,
    Source,
    Measure,
    /// A first year (a forecast's origin, a vintage to compare from).
    From,
    /// A target year.
    By,
    /// A scenario, by shipped name or file.
    Scenario,
}

impl Asked {
    /// The parameter that asks for it on most commands; an edge where
    /// another asked says so with [`Error::from_param`].
    pub fn param(self) -> Param {
        match self {
            Asked::Edition | Asked::SipriRelease => Param::Edition,
            Asked::Outlook => Param::Economy,
            Asked::PlansVintage => Param::PlansVintage,
            Asked::Group => Param::Groups,
            Asked::Ally => Param::Ally,
            Asked::Country => Param::Name,
            Asked::Source => Param::Source,
            Asked::Measure => Param::Measure,
            Asked::From => Param::From,
            Asked::By => Param::By,
            Asked::Scenario => Param::Scenario,
        }
    }
}

impl Error {
    /// A download's failure: the source, the address and the problem.
    pub fn fetch(source: &str, url: &str, problem: impl Into<String>) -> Self {
        Error::Fetch {
            source_name: source.to_string(),
            url: url.to_string(),
            problem: problem.into(),
        }
    }

    /// A request the data cannot answer: `id` as asked, `problem` the whole
    /// sentence (what is available, the closest names).
    pub fn request(asked: Asked, id: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Request {
            asked,
            id: id.into(),
            problem: problem.into(),
            available: Vec::new(),
            param: None,
        }
    }

    /// An id that no manifest lists: "unknown `noun` 'id'; available: …".
    pub fn unknown(asked: Asked, noun: &str, id: &str, available: Vec<String>) -> Self {
        Error::Request {
            asked,
            id: id.to_string(),
            problem: format!("unknown {noun} '{id}'; available: {}", available.join(", ")),
            available,
            param: None,
        }
    }

    /// The same error, said to have come from `param` (a request or a usage
    /// error; any other error is returned as it is).
    pub fn from_param(self, param: Param) -> Self {
        match self {
            Error::Request {
                asked,
                id,
                problem,
                available,
                ..
            } => Error::Request {
                asked,
                id,
                problem,
                available,
                param: Some(param),
            },
            Error::Usage { problem, .. } => Error::usage(param, problem),
            other => other,
        }
    }

    /// A request for `asked` that no edge named the parameter of yet, said
    /// to have come from `param`.
    pub fn param_for(self, asked: Asked, param: Param) -> Self {
        match self {
            Error::Request {
                asked: a,
                param: None,
                ..
            } if a == asked => self.from_param(param),
            other => other,
        }
    }

    /// A user's mistake (exit 2), not a failure of data or output (exit 1).
    pub fn is_usage(&self) -> bool {
        matches!(self, Error::Usage { .. } | Error::Request { .. })
    }

    /// The one line a front says, its parameters marked for the front to
    /// spell ([`crate::param::spell`]): a request names its parameter.
    pub fn line(&self) -> String {
        match self {
            Error::Request {
                asked,
                problem,
                param,
                ..
            } => format!("{}: {problem}", param.unwrap_or(asked.param())),
            other => other.to_string(),
        }
    }

    pub fn data(place: impl Into<String>, problem: impl Into<String>) -> Self {
        Error::Data {
            place: place.into(),
            problem: problem.into(),
        }
    }

    pub fn usage(param: Param, problem: impl Into<String>) -> Self {
        Error::Usage {
            param,
            problem: problem.into(),
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

/// What a panic said (its `&str` or `String` payload; empty otherwise): the
/// one reading of a payload for the command line's hook, the library's
/// guard and the workbook readers'.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_default()
}
