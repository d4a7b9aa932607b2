//! Reading a calculator frame into typed values: each column is asked for by
//! name once, here, and a missing or mistyped column is an error, never a
//! silent blank. Non-finite floats (0/0) come back as `None`.

use polars::prelude::*;

pub(super) struct Reader<'a> {
    df: &'a DataFrame,
}

impl<'a> Reader<'a> {
    pub fn new(df: &'a DataFrame) -> Self {
        Reader { df }
    }

    pub fn len(&self) -> usize {
        self.df.height()
    }

    pub fn f64(&self, name: &str) -> PolarsResult<Vec<Option<f64>>> {
        let column = self.df.column(name)?.f64()?;
        Ok(column.iter().map(|v| v.filter(|x| x.is_finite())).collect())
    }

    /// A float column whose nulls are zero (sums over no rows).
    pub fn f64_or_zero(&self, name: &str) -> PolarsResult<Vec<f64>> {
        Ok(self
            .f64(name)?
            .into_iter()
            .map(|v| v.unwrap_or(0.0))
            .collect())
    }

    pub fn str(&self, name: &str) -> PolarsResult<Vec<Option<String>>> {
        let column = self.df.column(name)?.str()?;
        Ok(column.iter().map(|v| v.map(String::from)).collect())
    }

    pub fn string(&self, name: &str) -> PolarsResult<Vec<String>> {
        Ok(self
            .str(name)?
            .into_iter()
            .map(Option::unwrap_or_default)
            .collect())
    }

    pub fn bool(&self, name: &str) -> PolarsResult<Vec<Option<bool>>> {
        Ok(self.df.column(name)?.bool()?.iter().collect())
    }

    pub fn i32(&self, name: &str) -> PolarsResult<Vec<Option<i32>>> {
        Ok(self.df.column(name)?.i32()?.iter().collect())
    }

    pub fn u32(&self, name: &str) -> PolarsResult<Vec<u32>> {
        let column = self.df.column(name)?;
        let column = column.cast(&DataType::UInt32)?;
        Ok(column.u32()?.iter().map(|v| v.unwrap_or(0)).collect())
    }
}
