//! A report's tables as polars frames, for callers inside the process (the
//! Python module): one typed column per column of the table, the values the
//! CSV writes (numbers to six decimals, flags as booleans, missing as null).

use polars::prelude::*;

use super::{round6, Table, Value};

/// What a column holds, from its values (all missing: text).
fn kind(table: &Table, i: usize) -> DataType {
    let mut kind: Option<DataType> = None;
    for row in &table.rows {
        let k = match &row[i] {
            Value::Missing => continue,
            Value::Number(..) => DataType::Float64,
            Value::Int(_) => DataType::Int64,
            Value::Bool(_) => DataType::Boolean,
            Value::Text(_) => DataType::String,
        };
        kind = Some(match (kind, k) {
            (None, k) => k,
            (Some(a), b) if a == b => a,
            // Whole and fractional numbers in one column: numbers.
            (Some(DataType::Int64), DataType::Float64)
            | (Some(DataType::Float64), DataType::Int64) => DataType::Float64,
            _ => DataType::String,
        });
    }
    kind.unwrap_or(DataType::String)
}

/// The table as a frame: column names are the CSV's keys.
pub fn to_frame(table: &Table) -> PolarsResult<DataFrame> {
    let mut columns = Vec::with_capacity(table.columns.len());
    for (i, spec) in table.columns.iter().enumerate() {
        let name: PlSmallStr = spec.key.as_str().into();
        let cells = table.rows.iter().map(|r| &r[i]);
        let column = match kind(table, i) {
            DataType::Float64 => Column::new(
                name,
                cells
                    .map(|v| match v {
                        Value::Number(x, _) => Some(round6(*x)),
                        Value::Int(x) => Some(*x as f64),
                        _ => None,
                    })
                    .collect::<Vec<Option<f64>>>(),
            ),
            DataType::Int64 => Column::new(
                name,
                cells
                    .map(|v| match v {
                        Value::Int(x) => Some(*x),
                        _ => None,
                    })
                    .collect::<Vec<Option<i64>>>(),
            ),
            DataType::Boolean => Column::new(
                name,
                cells
                    .map(|v| match v {
                        Value::Bool(x) => Some(*x),
                        _ => None,
                    })
                    .collect::<Vec<Option<bool>>>(),
            ),
            _ => Column::new(
                name,
                cells
                    .map(|v| match v {
                        Value::Missing => None,
                        other => Some(other.csv()),
                    })
                    .collect::<Vec<Option<String>>>(),
            ),
        };
        columns.push(column);
    }
    DataFrame::new_infer_height(columns)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::column;

    #[test]
    fn columns_are_typed_as_their_values_and_rounded_as_the_csv() {
        let rows = [
            (
                Value::Number(1.23456789, 2),
                Value::Int(2024),
                Value::Bool(true),
                Value::text("a"),
            ),
            (
                Value::Missing,
                Value::Int(2025),
                Value::Missing,
                Value::Missing,
            ),
        ];
        type R = (Value, Value, Value, Value);
        let t = Table::of(
            &[
                column("x", "X", |r: &R| r.0.clone()),
                column("year", "Year", |r: &R| r.1.clone()),
                column("flag", "Flag", |r: &R| r.2.clone()),
                column("name", "Name", |r: &R| r.3.clone()),
            ],
            &rows,
        );
        let df = to_frame(&t).unwrap();
        assert_eq!(df.column("x").unwrap().dtype(), &DataType::Float64);
        assert_eq!(df.column("year").unwrap().dtype(), &DataType::Int64);
        assert_eq!(df.column("flag").unwrap().dtype(), &DataType::Boolean);
        assert_eq!(df.column("name").unwrap().dtype(), &DataType::String);
        let x = df.column("x").unwrap().f64().unwrap().get(0).unwrap();
        assert_eq!(x, 1.234568);
        assert_eq!(df.column("x").unwrap().null_count(), 1);
    }
}
