//! The Python module `defspend._native`: answers the library's typed
//! requests (`call`, `chart`: the code the command line runs, never a second
//! implementation), or a whole command line (`run`), and hands the reports
//! over, tables as polars DataFrames through Arrow, charts as bytes.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;
use pyo3_polars::PyDataFrame;

use std::collections::HashMap;

use defspend::api::{self, Failure};
use defspend::cmd::argv;
use defspend::export::frame::to_frame;
use defspend::export::Report;
use defspend::param::Param;

create_exception!(
    _native,
    Error,
    PyException,
    "defspend refused or failed: the command line's one-line message."
);
create_exception!(
    _native,
    UsageError,
    Error,
    "Bad arguments or an unknown name (the command line's exit code 2)."
);
create_exception!(
    _native,
    DataError,
    Error,
    "A dataset, a scenario or an input that cannot be used."
);

fn raise(f: Failure) -> PyErr {
    match f {
        Failure::Usage(m) => UsageError::new_err(m),
        Failure::Data(m) => DataError::new_err(m),
        Failure::Other(m) => Error::new_err(m),
    }
}

/// One report: its title, sentences, tidy table (the CSV's), the tables of
/// its sections, notes, citation and metadata (JSON text).
#[pyclass(module = "defspend._native", frozen)]
struct RawReport {
    #[pyo3(get)]
    title: String,
    #[pyo3(get)]
    summary: Vec<String>,
    #[pyo3(get)]
    notes: Vec<String>,
    #[pyo3(get)]
    citation: String,
    #[pyo3(get)]
    metadata_json: String,
    frame: PyDataFrame,
    /// (key, title, table) of each section.
    sections: Vec<(String, String, PyDataFrame)>,
}

#[pymethods]
impl RawReport {
    #[getter]
    fn frame(&self) -> PyDataFrame {
        self.frame.clone()
    }

    #[getter]
    fn sections(&self) -> Vec<(String, String, PyDataFrame)> {
        self.sections.clone()
    }
}

fn frame_of(table: &defspend::export::Table) -> PyResult<PyDataFrame> {
    to_frame(table)
        .map(PyDataFrame)
        .map_err(|e| Error::new_err(e.to_string()))
}

fn raw(report: &Report) -> PyResult<RawReport> {
    Ok(RawReport {
        title: report.title.clone(),
        summary: report.summary.clone(),
        notes: report.notes.clone(),
        citation: report.citation.clone(),
        metadata_json: serde_json::Value::Object(report.metadata.clone()).to_string(),
        frame: frame_of(&report.tidy)?,
        sections: report
            .sections
            .iter()
            .map(|s| Ok((s.key.clone(), s.title.clone(), frame_of(&s.table)?)))
            .collect::<PyResult<_>>()?,
    })
}

/// Runs `defspend ARGS` and returns its reports (none for a chart, which
/// writes its file); raises UsageError, DataError or Error with the command
/// line's message. The calculation runs without the interpreter's lock.
#[pyfunction]
fn run(py: Python<'_>, args: Vec<String>) -> PyResult<Vec<RawReport>> {
    let reports = py.detach(|| argv::run(&args)).map_err(raise)?;
    reports.iter().map(raw).collect()
}

/// A parameter as a Python function names it: `names` maps the ids a
/// function calls otherwise (`from` → `start`); an id is else its snake
/// case. A positional argument is said as the command line says it.
fn python_name(p: Param, names: &HashMap<String, String>) -> String {
    if p.positional() {
        return p.id().to_uppercase();
    }
    let name = names
        .get(p.id())
        .cloned()
        .unwrap_or_else(|| p.id().replace('-', "_"));
    format!("{name}=")
}

/// Text with its parameters spelled as Python's: `year=` within a sentence,
/// `year:` where it heads the message.
fn pythonic(text: &str, names: &HashMap<String, String>) -> String {
    let spelled = defspend::param::spell(text, |p| python_name(p, names)).into_owned();
    match spelled.split_once("=:") {
        Some((head, rest)) if !head.contains(' ') => format!("{head}:{rest}"),
        _ => spelled,
    }
}

/// Answers `command` with the named parameters in `params` (a JSON object:
/// missing ones take the library's defaults, unknown ones are refused),
/// through the library's typed requests; errors name the parameters as
/// `names` spells them. The calculation runs without the interpreter's lock.
#[pyfunction]
fn call(
    py: Python<'_>,
    command: String,
    params: String,
    names: HashMap<String, String>,
) -> PyResult<RawReport> {
    let params: serde_json::Value =
        serde_json::from_str(&params).map_err(|e| UsageError::new_err(e.to_string()))?;
    let answer = py.detach(|| api::guarded(|| api::call(&command, &params)));
    let report = answer
        .map_err(raise)?
        .map_err(|e| raise(Failure::said(&e, pythonic(&e.line(), &names))))?;
    raw(&report.map_text(&|s| pythonic(s, &names)))
}

/// Draws the chart the named parameters in `params` ask for (a JSON object of
/// [`api::ChartRequest`]'s fields: `kind`, `edition`, `year`, `options`,
/// `width`, `height`, `scale`, `format`) and returns the file's bytes, PNG
/// or SVG; errors name the parameters as `names` spells them. Drawn without
/// the interpreter's lock.
#[pyfunction]
fn chart(
    py: Python<'_>,
    params: String,
    names: HashMap<String, String>,
) -> PyResult<pyo3::Py<pyo3::types::PyBytes>> {
    let params: serde_json::Value =
        serde_json::from_str(&params).map_err(|e| UsageError::new_err(e.to_string()))?;
    let answer = py.detach(|| {
        api::guarded(|| {
            let catalog = defspend::data::Catalog::load(defspend::data::DataSource::Embedded)?;
            api::chart(&catalog, &api::request(&params)?)
        })
    });
    let bytes = answer
        .map_err(raise)?
        .map_err(|e| raise(Failure::said(&e, pythonic(&e.line(), &names))))?;
    Ok(pyo3::types::PyBytes::new(py, &bytes).unbind())
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    // The frames are a few hundred rows: one thread, as the command line.
    if std::env::var_os("POLARS_MAX_THREADS").is_none() {
        std::env::set_var("POLARS_MAX_THREADS", "1");
    }
    // A panic reaches Python as a `defspend.Error` carrying its message
    // (`api::run`): no Rust backtrace on the interpreter's standard error.
    std::panic::set_hook(Box::new(|_| {}));
    m.add_function(wrap_pyfunction!(run, m)?)?;
    m.add_function(wrap_pyfunction!(call, m)?)?;
    m.add_function(wrap_pyfunction!(chart, m)?)?;
    m.add_class::<RawReport>()?;
    m.add("Error", m.py().get_type::<Error>())?;
    m.add("UsageError", m.py().get_type::<UsageError>())?;
    m.add("DataError", m.py().get_type::<DataError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
