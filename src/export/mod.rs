//! Output: every data command builds a [`Report`]; one function per format
//! renders it. Writing goes through a temporary file and a rename, so a failed
//! run never leaves a half-written file.

use std::io::Write;
use std::path::Path;

use comfy_table::{presets, CellAlignment, ContentArrangement};
use serde_json::{json, Map, Value as Json};

use crate::error::{Error, Result};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned table for the terminal
    Table,
    /// Tidy CSV with a header row
    Csv,
    /// JSON with metadata (edition, year, price basis, estimates, citation)
    Json,
    /// Markdown, for reports
    Markdown,
}

/// A cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Text(String),
    /// A number and the decimals it is shown with (JSON and CSV keep more).
    Number(f64, usize),
    Int(i64),
    Bool(bool),
    Missing,
}

impl Value {
    pub fn num(v: Option<f64>, decimals: usize) -> Value {
        v.filter(|x| x.is_finite())
            .map_or(Value::Missing, |x| Value::Number(x, decimals))
    }

    pub fn text(s: impl Into<String>) -> Value {
        Value::Text(s.into())
    }

    fn display(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(v, d) => {
                let text = format!("{:.*}", d, v);
                // "-0.00" says nothing a reader can use: a value that rounds to zero is zero.
                match text.strip_prefix('-') {
                    Some(rest) if rest.chars().all(|c| c == '0' || c == '.') => rest.to_string(),
                    _ => text,
                }
            }
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::Missing => "–".to_string(),
        }
    }

    fn csv(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(v, _) => trim_float(*v),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Missing => String::new(),
        }
    }

    fn json(&self) -> Json {
        match self {
            Value::Text(s) => json!(s),
            Value::Number(v, _) => json!(round6(*v)),
            Value::Int(i) => json!(i),
            Value::Bool(b) => json!(b),
            Value::Missing => Json::Null,
        }
    }
}

/// Six decimals are beyond any published precision and hide float noise.
fn round6(v: f64) -> f64 {
    (v * 1e6).round() / 1e6 + 0.0
}

fn trim_float(v: f64) -> String {
    format!("{}", round6(v))
}

/// A column: the key used in CSV and JSON, and the header shown in tables.
#[derive(Debug, Clone)]
pub struct ColumnSpec {
    pub key: String,
    pub header: String,
}

impl ColumnSpec {
    pub fn new(key: &str, header: &str) -> Self {
        ColumnSpec {
            key: key.into(),
            header: header.into(),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    pub columns: Vec<ColumnSpec>,
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    pub fn new(columns: Vec<ColumnSpec>) -> Self {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    fn json_rows(&self) -> Json {
        Json::Array(
            self.rows
                .iter()
                .map(|row| {
                    let mut obj = Map::new();
                    for (c, v) in self.columns.iter().zip(row) {
                        obj.insert(c.key.clone(), v.json());
                    }
                    Json::Object(obj)
                })
                .collect(),
        )
    }
}

/// A titled table within a report.
#[derive(Debug, Clone)]
pub struct Section {
    pub key: String,
    pub title: String,
    pub table: Table,
    /// Detail for machines: in JSON, left out of terminal tables and Markdown.
    pub detail: bool,
}

impl Section {
    pub fn new(key: &str, title: impl Into<String>, table: Table) -> Self {
        Section {
            key: key.into(),
            title: title.into(),
            table,
            detail: false,
        }
    }
}

/// Everything a data command outputs.
#[derive(Debug, Clone)]
pub struct Report {
    pub title: String,
    /// Edition, year, price basis, estimates, …: JSON `metadata`.
    pub metadata: Map<String, Json>,
    /// Sentences that answer the question (the count of allies meeting a target, …).
    pub summary: Vec<String>,
    pub sections: Vec<Section>,
    pub notes: Vec<String>,
    pub citation: String,
    /// The one table a CSV holds: tidy, one row per observation.
    pub tidy: Table,
}

pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Table => render_table(report),
        Format::Csv => render_csv(&report.tidy),
        Format::Json => render_json(report),
        Format::Markdown => render_markdown(report),
    }
}

fn is_numeric_column(table: &Table, i: usize) -> bool {
    table
        .rows
        .iter()
        .any(|r| matches!(r[i], Value::Number(..) | Value::Int(_)))
}

fn render_table(report: &Report) -> String {
    let mut out = format!("{}\n", report.title);
    for line in &report.summary {
        out.push_str(&format!("{line}\n"));
    }
    for section in report.sections.iter().filter(|s| !s.detail) {
        out.push_str(&format!("\n{}\n", section.title));
        if section.table.rows.is_empty() {
            out.push_str("  (none)\n");
            continue;
        }
        let mut t = comfy_table::Table::new();
        t.load_preset(presets::UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Disabled)
            .set_header(section.table.columns.iter().map(|c| c.header.clone()));
        for row in &section.table.rows {
            t.add_row(row.iter().map(Value::display));
        }
        for i in 0..section.table.columns.len() {
            if is_numeric_column(&section.table, i) {
                if let Some(c) = t.column_mut(i) {
                    c.set_cell_alignment(CellAlignment::Right);
                }
            }
        }
        out.push_str(&t.to_string());
        out.push('\n');
    }
    if !report.notes.is_empty() {
        out.push('\n');
        for note in &report.notes {
            out.push_str(&format!("Note: {note}\n"));
        }
    }
    out.push_str(&format!("\n{}\n", report.citation));
    out
}

/// A table as tidy CSV with its keys as the header.
pub fn render_table_csv(table: &Table) -> String {
    render_csv(table)
}

fn render_csv(table: &Table) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    writer
        .write_record(table.columns.iter().map(|c| c.key.as_str()))
        .expect("in-memory CSV");
    for row in &table.rows {
        writer
            .write_record(row.iter().map(Value::csv))
            .expect("in-memory CSV");
    }
    String::from_utf8(writer.into_inner().expect("in-memory CSV")).expect("CSV of UTF-8 text")
}

fn render_json(report: &Report) -> String {
    let mut metadata = report.metadata.clone();
    metadata.insert("citation".into(), json!(report.citation));
    let mut doc = Map::new();
    doc.insert("title".into(), json!(report.title));
    doc.insert("metadata".into(), Json::Object(metadata));
    doc.insert("summary".into(), json!(report.summary));
    for section in &report.sections {
        debug_assert!(
            !doc.contains_key(&section.key),
            "section key {} collides",
            section.key
        );
        doc.insert(section.key.clone(), section.table.json_rows());
    }
    debug_assert!(!doc.contains_key("notes"), "a section is named notes");
    doc.insert("notes".into(), json!(report.notes));
    let mut text = serde_json::to_string_pretty(&Json::Object(doc)).expect("JSON of plain values");
    text.push('\n');
    text
}

fn markdown_escape(s: &str) -> String {
    s.replace('|', "\\|")
}

fn render_markdown(report: &Report) -> String {
    let mut out = format!("## {}\n\n", report.title);
    for line in &report.summary {
        out.push_str(&format!("{line}\n\n"));
    }
    for section in report.sections.iter().filter(|s| !s.detail) {
        out.push_str(&format!("### {}\n\n", section.title));
        if section.table.rows.is_empty() {
            out.push_str("(none)\n\n");
            continue;
        }
        let t = &section.table;
        out.push_str(&format!(
            "| {} |\n",
            t.columns
                .iter()
                .map(|c| markdown_escape(&c.header))
                .collect::<Vec<_>>()
                .join(" | ")
        ));
        out.push_str(&format!(
            "|{}|\n",
            (0..t.columns.len())
                .map(|i| if is_numeric_column(t, i) {
                    "---:"
                } else {
                    "---"
                })
                .collect::<Vec<_>>()
                .join("|")
        ));
        for row in &t.rows {
            out.push_str(&format!(
                "| {} |\n",
                row.iter()
                    .map(|v| markdown_escape(&v.display()))
                    .collect::<Vec<_>>()
                    .join(" | ")
            ));
        }
        out.push('\n');
    }
    for note in &report.notes {
        out.push_str(&format!("*Note: {}*\n\n", markdown_escape(note)));
    }
    out.push_str(&format!("*{}*\n", report.citation));
    out
}

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
