//! Reading single values out of calculator frames for output.

use polars::prelude::*;

pub fn f64_at(df: &DataFrame, column: &str, row: usize) -> Option<f64> {
    df.column(column).ok()?.f64().ok()?.get(row)
}

pub fn str_at<'a>(df: &'a DataFrame, column: &str, row: usize) -> Option<&'a str> {
    df.column(column).ok()?.str().ok()?.get(row)
}

pub fn bool_at(df: &DataFrame, column: &str, row: usize) -> Option<bool> {
    df.column(column).ok()?.bool().ok()?.get(row)
}

pub fn i32_at(df: &DataFrame, column: &str, row: usize) -> Option<i32> {
    df.column(column).ok()?.i32().ok()?.get(row)
}

pub fn u32_at(df: &DataFrame, column: &str, row: usize) -> Option<u32> {
    df.column(column).ok()?.u32().ok()?.get(row)
}
