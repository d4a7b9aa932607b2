//! Output: every data command builds a [`Report`]; one [`Exporter`] per format
//! (one file each) renders it. Writing goes through a temporary file and a
//! rename ([`write`]), so a failed run never leaves a half-written file.

pub mod capture;
mod csv;
pub mod frame;
pub mod html;
mod json;
mod markdown;
mod table;
pub mod write;
mod xlsx;

use serde_json::{json, Map, Value as Json};

pub use write::{emit, guard_stdout, say, swap_in, to_stdout, write_all, write_atomic};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned table for the terminal
    Table,
    /// Tidy CSV with a header row
    Csv,
    /// JSON with metadata (edition, year, price basis, estimates, citation)
    Json,
    /// Markdown, for reports
    Markdown,
    /// Excel workbook (needs --output): the data, every table, and a Source sheet
    Xlsx,
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

    /// A share of GDP or a gap in points: two decimals.
    pub fn share(v: Option<f64>) -> Value {
        Value::num(v, 2)
    }

    /// An amount in USD million shown in USD billion, with `decimals`.
    pub fn usd_bn(million: Option<f64>, decimals: usize) -> Value {
        Value::num(crate::units::bn(million), decimals)
    }

    /// Optional text: missing when `None`.
    pub fn opt_text(s: Option<impl Into<String>>) -> Value {
        s.map_or(Value::Missing, |s| Value::Text(s.into()))
    }

    pub(crate) fn display(&self) -> String {
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

    pub(crate) fn csv(&self) -> String {
        match self {
            Value::Text(s) => s.clone(),
            Value::Number(v, _) => trim_float(*v),
            Value::Int(i) => i.to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Missing => String::new(),
        }
    }

    pub(crate) fn json(&self) -> Json {
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
pub(crate) fn round6(v: f64) -> f64 {
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

/// A column of a table whose rows are `T`s: its key, its header and how a
/// row gives its value, written together so that they cannot drift apart.
pub struct Column<'a, T: ?Sized> {
    pub key: String,
    pub header: String,
    value: Box<dyn Fn(&T) -> Value + 'a>,
}

/// A column: `key` in CSV and JSON, `header` in tables, `value` of each row.
pub fn column<'a, T: ?Sized>(
    key: impl Into<String>,
    header: impl Into<String>,
    value: impl Fn(&T) -> Value + 'a,
) -> Column<'a, T> {
    Column {
        key: key.into(),
        header: header.into(),
        value: Box::new(value),
    }
}

impl<'a, T: ?Sized> Column<'a, T> {
    /// The value of this column for `row`.
    pub fn of(&self, row: &T) -> Value {
        (self.value)(row)
    }

    fn spec(&self) -> ColumnSpec {
        ColumnSpec {
            key: self.key.clone(),
            header: self.header.clone(),
        }
    }

    /// The same column read from a `U` that holds a `T` (`part` finds it).
    pub fn on<U: ?Sized>(self, part: impl Fn(&U) -> &T + 'a) -> Column<'a, U>
    where
        T: 'a,
    {
        let value = self.value;
        Column {
            key: self.key,
            header: self.header,
            value: Box::new(move |u| value(part(u))),
        }
    }
}

#[derive(Debug, Clone, Default)]
pub struct Table {
    columns: Vec<ColumnSpec>,
    rows: Vec<Vec<Value>>,
}

impl Table {
    /// A table of `rows`, one per item, with `columns`.
    pub fn of<'r, T: 'r + ?Sized>(
        columns: &[Column<'_, T>],
        rows: impl IntoIterator<Item = &'r T>,
    ) -> Self {
        let mut table = Table::with_columns(columns);
        table.extend(columns, rows);
        table
    }

    /// A table with `columns` and no rows yet.
    pub fn with_columns<T: ?Sized>(columns: &[Column<'_, T>]) -> Self {
        Table {
            columns: columns.iter().map(Column::spec).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds one row per item of `rows`, read by `columns` (this table's).
    pub fn extend<'r, T: 'r + ?Sized>(
        &mut self,
        columns: &[Column<'_, T>],
        rows: impl IntoIterator<Item = &'r T>,
    ) {
        debug_assert_eq!(columns.len(), self.columns.len());
        for row in rows {
            self.rows.push(columns.iter().map(|c| c.of(row)).collect());
        }
    }

    /// The columns, in order.
    pub fn columns(&self) -> &[ColumnSpec] {
        &self.columns
    }

    /// The rows, each a value per column.
    pub fn rows(&self) -> &[Vec<Value>] {
        &self.rows
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The position of the column `key`.
    pub fn index(&self, key: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.key == key)
    }

    pub(crate) fn json_rows(&self) -> Json {
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

impl Report {
    /// Whether any of its texts marks a parameter for a front to spell
    /// ([`crate::param`]); most reports have none, and are said as they are.
    pub fn has_marks(&self) -> bool {
        let marked = crate::param::has_marks;
        let table = |t: &Table| {
            t.columns.iter().any(|c| marked(&c.header))
                || t.rows
                    .iter()
                    .flatten()
                    .any(|v| matches!(v, Value::Text(s) if marked(s)))
        };
        marked(&self.title)
            || self.summary.iter().any(|s| marked(s))
            || self.notes.iter().any(|s| marked(s))
            || marked(&self.citation)
            || self
                .metadata
                .values()
                .any(|v| matches!(v, Json::String(s) if marked(s)))
            || self
                .sections
                .iter()
                .any(|s| marked(&s.title) || table(&s.table))
            || table(&self.tidy)
    }

    /// The same report with every text passed through `f` (a front spells
    /// the parameters the text marks: [`crate::param`]); numbers and keys
    /// are left as they are.
    pub fn map_text(mut self, f: &dyn Fn(&str) -> String) -> Report {
        let text = |s: &mut String| *s = f(s);
        text(&mut self.title);
        self.summary.iter_mut().for_each(text);
        self.notes.iter_mut().for_each(text);
        text(&mut self.citation);
        for v in self.metadata.values_mut() {
            if let Json::String(s) = v {
                text(s);
            }
        }
        for section in &mut self.sections {
            text(&mut section.title);
            section.table.map_text(f);
        }
        self.tidy.map_text(f);
        self
    }
}

impl Table {
    fn map_text(&mut self, f: &dyn Fn(&str) -> String) {
        for c in &mut self.columns {
            c.header = f(&c.header);
        }
        for row in &mut self.rows {
            for v in row {
                if let Value::Text(s) = v {
                    *s = f(s);
                }
            }
        }
    }
}

/// A constant-dollar column's key naming its price base year:
/// `gap_usd_constant_bn` of an edition in 2021 prices is
/// `gap_usd_constant_2021_bn`, so that a CSV column says its prices.
pub fn based(key: &str, price_base_year: i32) -> String {
    key.replacen("constant", &format!("constant_{price_base_year}"), 1)
}

/// One output format: renders a whole report.
pub trait Exporter {
    fn render(&self, report: &Report) -> String;

    /// A binary format (a workbook) that must go to a file.
    fn binary(&self) -> bool {
        false
    }

    /// The bytes of the output file; a format that can fail to build (a
    /// workbook) says why.
    fn bytes(&self, report: &Report) -> crate::error::Result<Vec<u8>> {
        Ok(self.render(report).into_bytes())
    }
}

impl Format {
    pub fn exporter(self) -> &'static dyn Exporter {
        match self {
            Format::Table => &table::TableExporter,
            Format::Csv => &csv::CsvExporter,
            Format::Json => &json::JsonExporter,
            Format::Markdown => &markdown::MarkdownExporter,
            Format::Xlsx => &xlsx::XlsxExporter,
        }
    }
}

pub fn render(report: &Report, format: Format) -> String {
    format.exporter().render(report)
}

/// A table as tidy CSV with its keys as the header.
pub fn render_table_csv(table: &Table) -> String {
    csv::tidy(table)
}

/// Tables and Markdown right-align a column that holds numbers.
pub(crate) fn is_numeric_column(table: &Table, i: usize) -> bool {
    table
        .rows
        .iter()
        .any(|r| matches!(r[i], Value::Number(..) | Value::Int(_)))
}

/// Is a row about an estimate year? Its `estimate` column says so, or its year reads "2024e".
pub(crate) fn is_estimate(table: &Table, row: &[Value]) -> bool {
    table
        .columns
        .iter()
        .zip(row)
        .any(|(c, v)| match (c.key.as_str(), v) {
            ("estimate", Value::Bool(b)) => *b,
            ("year", Value::Text(t)) => t.ends_with('e'),
            _ => false,
        })
}

/// A table as a terminal shows it and its tidy twin for CSV, whose rows carry
/// `prefix` columns (edition, year, …) before the same values.
pub struct Paired {
    pub table: Table,
    pub tidy: Table,
}

impl Paired {
    /// `rows` read by `columns` for the terminal, and by `prefix` then
    /// `columns` for the tidy output.
    pub fn of<T>(prefix: Vec<Column<'_, T>>, columns: Vec<Column<'_, T>>, rows: &[T]) -> Self {
        let table = Table::of(&columns, rows);
        let mut all = prefix;
        all.extend(columns);
        Paired {
            table,
            tidy: Table::of(&all, rows),
        }
    }
}
