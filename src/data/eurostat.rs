//! The EU's own measure of defence spending: Eurostat's `gov_ev`
//! (`expend=DEF`, general government expenditure on defence, COFOG division
//! 02), % of GDP, for the allies that are EU member states: the total
//! (`na_item=TE`) and gross fixed capital formation (`na_item=P51G`), one
//! decimal as published. It is the measure the EU's national escape clause
//! is read against; NATO's core definition and SIPRI's differ from it.
//!
//! Tidy table `eurostat/gov-ev-YYYY-MM.csv` (`ally,year,total_pct_gdp,gfcf_pct_gdp`),
//! imported by `defspend import eurostat-gov-ev` from the decoded API
//! response (`geo,year,defence_total_expenditure_pct_gdp,defence_gfcf_pct_gdp`,
//! Eurostat's codes): the EU27 aggregate and member states that are not
//! allies are left out, and said. An empty cell is not published (Italy and
//! Cyprus publish no total).

use super::allies::Ally;
use super::csv::{parse_number, parse_year_in, read_records, Record};
use super::source::SourceFile;
use crate::error::{Error, Result};

const COLUMNS: &[&str] = &["ally", "year", "total_pct_gdp", "gfcf_pct_gdp"];
const SOURCE_COLUMNS: &[&str] = &[
    "geo",
    "year",
    "defence_total_expenditure_pct_gdp",
    "defence_gfcf_pct_gdp",
];

/// Eurostat's codes that are not allies and may appear in its responses: the
/// EU aggregates and the member states outside NATO.
const NOT_ALLIES: [&str; 6] = ["EU27_2020", "EA20", "AT", "CY", "IE", "MT"];

/// One ally-year of `gov_ev`.
#[derive(Debug, Clone, PartialEq)]
pub struct GovEvYear {
    pub ally: String,
    pub year: i32,
    /// Total defence expenditure, % of GDP (`None`: not published).
    pub total_pct_gdp: Option<f64>,
    /// Its gross fixed capital formation, % of GDP.
    pub gfcf_pct_gdp: Option<f64>,
}

/// A release of `gov_ev`, as loaded.
#[derive(Debug, Clone, Default)]
pub struct GovEv {
    pub id: String,
    pub rows: Vec<GovEvYear>,
    pub citation: String,
}

impl GovEv {
    pub fn year(&self, ally: &str, year: i32) -> Option<&GovEvYear> {
        self.rows.iter().find(|r| r.ally == ally && r.year == year)
    }

    /// The total, % of GDP, where published.
    pub fn total(&self, ally: &str, year: i32) -> Option<f64> {
        self.year(ally, year).and_then(|r| r.total_pct_gdp)
    }

    /// An ally's published totals: (year, % of GDP), in year order.
    pub fn for_ally(&self, ally: &str) -> Vec<(i32, f64)> {
        self.rows
            .iter()
            .filter(|r| r.ally == ally)
            .filter_map(|r| Some((r.year, r.total_pct_gdp?)))
            .collect()
    }

    /// First and last year of the table.
    pub fn years(&self) -> Option<(i32, i32)> {
        let years = self.rows.iter().map(|r| r.year);
        Some((years.clone().min()?, years.max()?))
    }
}

/// A share of GDP in `range`: a total is never below zero; investment is
/// net of sales of assets, and can be (Slovakia's in 2022-2023).
fn share(record: &Record, column: &str, range: std::ops::Range<f64>) -> Result<Option<f64>> {
    let v = parse_number(record.field(column)).map_err(|p| Error::data(record.place(column), p))?;
    match v {
        Some(v) if !range.contains(&v) => Err(Error::data(
            record.place(column),
            format!(
                "'{}' is not a share of GDP ({} to {}%)",
                record.field(column),
                range.start,
                range.end
            ),
        )),
        v => Ok(v),
    }
}

/// The table: the tidy layout, or (`source_layout`) the decoded response,
/// whose non-allies are left out (counted in the second value).
pub fn parse(
    file: &SourceFile,
    allies: &[Ally],
    source_layout: bool,
) -> Result<(Vec<GovEvYear>, usize)> {
    let (columns, code_column, total, gfcf) = if source_layout {
        (
            SOURCE_COLUMNS,
            "geo",
            "defence_total_expenditure_pct_gdp",
            "defence_gfcf_pct_gdp",
        )
    } else {
        (COLUMNS, "ally", "total_pct_gdp", "gfcf_pct_gdp")
    };
    let (mut rows, mut left_out): (Vec<GovEvYear>, usize) = (Vec::new(), 0);
    read_records(file, columns, |record| {
        let code = record.field(code_column);
        let ally = match allies.iter().find(|a| a.nato_code == code) {
            Some(a) if a.eu_member => a,
            Some(a) => {
                return Err(Error::data(
                    record.place(code_column),
                    format!("{} ({code}) is not an EU member state", a.name),
                ))
            }
            None if source_layout && NOT_ALLIES.contains(&code) => {
                left_out += 1;
                return Ok(());
            }
            None => {
                return Err(Error::data(
                    record.place(code_column),
                    format!(
                    "unknown code '{code}': not an ally of allies.csv that is an EU member state"
                ),
                ))
            }
        };
        let year = parse_year_in(
            record.field("year"),
            || record.place("year"),
            1995..=2100,
            || "Eurostat's series".into(),
        )?;
        if rows
            .iter()
            .any(|r| r.ally == ally.nato_code && r.year == year)
        {
            return Err(Error::data(
                record.place("year"),
                format!("{code} {year} appears twice"),
            ));
        }
        rows.push(GovEvYear {
            ally: ally.nato_code.clone(),
            year,
            total_pct_gdp: share(&record, total, 0.0..20.0)?,
            gfcf_pct_gdp: share(&record, gfcf, -5.0..20.0)?,
        });
        Ok(())
    })?;
    if rows.is_empty() {
        return Err(Error::data(
            &file.display,
            "no rows for an ally: the table has its header only, or non-allies only",
        ));
    }
    rows.sort_by(|a, b| (&a.ally, a.year).cmp(&(&b.ally, b.year)));
    Ok((rows, left_out))
}

/// The tidy table, as [`parse`] reads it.
pub fn write(rows: &[GovEvYear]) -> String {
    let cell = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for r in rows {
        out.push_str(&format!(
            "{},{},{},{}\n",
            r.ally,
            r.year,
            cell(r.total_pct_gdp),
            cell(r.gfcf_pct_gdp)
        ));
    }
    out
}

impl super::Catalog {
    /// Eurostat's `gov_ev` (`eurostat.toml`'s latest release), with the
    /// release's source record.
    pub fn gov_ev(&self) -> Result<(GovEv, String)> {
        let manifest = self.fileset_manifest::<super::filesets::Eurostat>()?;
        let entry = manifest.latest();
        let [table] = super::files_of(entry, ["gov_ev table"])?;
        let (rows, _) = parse(&self.read(table)?, &self.allies, false)?;
        Ok((
            GovEv {
                id: entry.id.clone(),
                rows,
                citation: entry.citation.clone(),
            },
            entry.source.clone(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::test_support::allies;

    fn file(text: &str) -> SourceFile {
        crate::data::test_support::file("gov_ev.csv", text)
    }

    const HEAD: &str = "geo,year,defence_total_expenditure_pct_gdp,defence_gfcf_pct_gdp\n";

    #[test]
    fn the_source_layout_leaves_non_allies_out_and_reads_back() {
        let text = format!(
            "{HEAD}EU27_2020,2021,1.3,0.3\nPL,2021,1.6,0.3\nIT,2021,,0.4\nAT,2021,0.6,0.1\n"
        );
        let (rows, left_out) = parse(&file(&text), &allies(), true).unwrap();
        assert_eq!((rows.len(), left_out), (2, 2));
        assert_eq!(rows[0].ally, "IT");
        assert_eq!(rows[0].total_pct_gdp, None);
        let (again, _) = parse(&file(&write(&rows)), &allies(), false).unwrap();
        assert_eq!(again, rows);
    }

    #[test]
    fn bad_rows_are_refused_naming_the_cell() {
        let cases = [
            (
                "PL,2021,1.6,0.3\nPL,2021,1.7,0.3\n",
                "gov_ev.csv:3: column year: PL 2021 appears twice",
            ),
            (
                "NO,2021,1.6,0.3\n",
                "gov_ev.csv:2: column geo: Norway (NO) is not an EU member state",
            ),
            (
                "XX,2021,1.6,0.3\n",
                "gov_ev.csv:2: column geo: unknown code 'XX'",
            ),
            (
                "PL,2021,-1,0.3\n",
                "gov_ev.csv:2: column defence_total_expenditure_pct_gdp: '-1' is not a share",
            ),
            (
                "PL,20x1,1.6,0.3\n",
                "gov_ev.csv:2: column year: '20x1' is not a year",
            ),
        ];
        for (rows, message) in cases {
            let e = parse(&file(&format!("{HEAD}{rows}")), &allies(), true).unwrap_err();
            assert!(e.to_string().starts_with(message), "{e}");
        }
        let e = parse(
            &file(&format!("{HEAD}EU27_2020,2021,1.3,0.3\n")),
            &allies(),
            true,
        )
        .unwrap_err();
        assert!(e.to_string().contains("no rows for an ally"), "{e}");
    }
}
