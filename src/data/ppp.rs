//! Purchasing power: the IMF's implied PPP conversion rate (`PPPEX`,
//! national currency per international dollar) and the market exchange rate
//! its outlook implies (`NGDP` / `NGDPD`, national currency per USD), for the
//! allies and the comparators (Russia, Ukraine, China), by year.
//!
//! A figure in current USD converts to international dollars at GDP-based
//! PPP by multiplying it by market rate / PPPEX, each country by its own
//! ratio. GDP-based PPP prices a whole economy's basket: it is not a military
//! PPP, and overstates what buys imported, dollar-priced equipment.
//!
//! Tidy table `ppp/imf-weo-YYYY-MM.csv`, the layout of the IMF rows
//! (`iso3,year,market_rate_ncu_per_usd,pppex_ncu_per_intl_dollar`), imported
//! by `defspend import imf-ppp`: every rate above zero, no country-year
//! twice, every ally of allies.csv in every year the table covers.

use std::collections::BTreeMap;

use super::allies::Ally;
use super::csv::{parse_number, parse_year_in, read_records, Record};
use super::filesets::{FileSet, Ppp};
use super::source::SourceFile;
use crate::error::{Error, Result};

const COLUMNS: &[&str] = &[
    "iso3",
    "year",
    "market_rate_ncu_per_usd",
    "pppex_ncu_per_intl_dollar",
];

/// One country-year's two rates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rates {
    pub market: f64,
    pub pppex: f64,
}

impl Rates {
    /// International dollars per current USD: market rate / PPPEX.
    pub fn ratio(&self) -> f64 {
        self.market / self.pppex
    }
}

/// The table, by (ISO 3166 alpha-3 code, year).
pub type ByCountryYear = BTreeMap<(String, i32), Rates>;

/// A release of the rates, as loaded.
#[derive(Debug, Clone)]
pub struct PppRates {
    pub id: String,
    pub title: String,
    pub citation: String,
    /// The manifest's record of the file imported.
    pub source: String,
    pub rates: ByCountryYear,
}

impl PppRates {
    pub fn new(entry: &FileSet<Ppp>, rates: ByCountryYear) -> Self {
        PppRates {
            id: entry.id.clone(),
            title: entry.title.clone(),
            citation: entry.citation.clone(),
            source: entry.source.clone(),
            rates,
        }
    }

    pub fn get(&self, iso3: &str, year: i32) -> Option<Rates> {
        self.rates.get(&(iso3.to_string(), year)).copied()
    }

    /// First and last year.
    pub fn years(&self) -> (i32, i32) {
        let years = self.rates.keys().map(|(_, y)| *y);
        (years.clone().min().unwrap_or(0), years.max().unwrap_or(0))
    }
}

fn rate(record: &Record, column: &str) -> Result<f64> {
    let text = record.field(column);
    match parse_number(text).map_err(|p| Error::data(record.place(column), p))? {
        Some(v) if v > 0.0 => Ok(v),
        Some(_) => Err(Error::data(
            record.place(column),
            format!("'{text}' is not a rate: a conversion rate is above zero"),
        )),
        None => Err(Error::data(
            record.place(column),
            "empty: every row has both rates",
        )),
    }
}

/// The table, checked: rates above zero, a known layout of codes (three
/// capital letters), no country-year twice, every ally in every year.
pub fn parse(file: &SourceFile, allies: &[Ally]) -> Result<ByCountryYear> {
    let mut table = ByCountryYear::new();
    read_records(file, COLUMNS, |record| {
        let code = record.field("iso3");
        if code.len() != 3 || !code.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(Error::data(
                record.place("iso3"),
                format!("'{code}' is not an ISO 3166 alpha-3 code (three capital letters)"),
            ));
        }
        let year = parse_year_in(
            record.field("year"),
            || record.place("year"),
            1980..=2100,
            || "the IMF's outlook".into(),
        )?;
        let rates = Rates {
            market: rate(&record, "market_rate_ncu_per_usd")?,
            pppex: rate(&record, "pppex_ncu_per_intl_dollar")?,
        };
        if table.insert((code.to_string(), year), rates).is_some() {
            return Err(Error::data(
                record.place("year"),
                format!("{code} {year} appears twice"),
            ));
        }
        Ok(())
    })?;
    let mut years: Vec<i32> = table.keys().map(|(_, y)| *y).collect();
    years.sort_unstable();
    years.dedup();
    if years.is_empty() {
        return Err(Error::data(
            &file.display,
            "no rows: the table has its header only",
        ));
    }
    for ally in allies {
        if let Some(y) = years
            .iter()
            .find(|y| !table.contains_key(&(ally.iso3.clone(), **y)))
        {
            return Err(Error::data(
                &file.display,
                format!(
                    "{} ({}) has no rates for {y}: every ally needs them in every year the table covers ({}-{})",
                    ally.name,
                    ally.iso3,
                    years[0],
                    years[years.len() - 1]
                ),
            ));
        }
    }
    Ok(table)
}

/// The tidy table, as [`parse`] reads it.
pub fn write(table: &ByCountryYear) -> String {
    let mut out = COLUMNS.join(",");
    out.push('\n');
    for ((code, year), r) in table {
        out.push_str(&format!("{code},{year},{},{}\n", r.market, r.pppex));
    }
    out
}

impl super::Catalog {
    /// The IMF's purchasing-power rates (`ppp.toml`'s latest).
    pub fn ppp(&self) -> Result<PppRates> {
        let manifest = self.fileset_manifest::<super::filesets::Ppp>()?;
        let entry = manifest.latest();
        let [table] = super::files_of(entry, ["PPP table"])?;
        let rows = parse(&self.read(table)?, &self.allies)?;
        Ok(PppRates::new(entry, rows))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::test_support::allies;

    fn file(text: String) -> SourceFile {
        crate::data::test_support::file("ppp.csv", &text)
    }

    /// Every ally in 2024 at market 2, PPPEX 1, and `extra` rows.
    fn table(extra: &str) -> String {
        let mut t = format!("{}\n", COLUMNS.join(","));
        for a in allies() {
            t.push_str(&format!("{},2024,2,1\n", a.iso3));
        }
        t + extra
    }

    #[test]
    fn rates_read_back_and_convert() {
        let parsed = parse(&file(table("RUS,2024,92.5593,29.033\n")), &allies()).unwrap();
        let again = parse(&file(write(&parsed)), &allies()).unwrap();
        assert_eq!(parsed, again);
        // weo-2026-04-ppp.csv: Russia 2024, the ratio of IISS's anchor (3.17).
        let r = parsed[&("RUS".to_string(), 2024)].ratio();
        assert!((r - 3.188).abs() < 0.001, "{r}");
    }

    #[test]
    fn a_bad_table_is_refused_naming_the_place() {
        let n = allies().len() + 2;
        let cases = [
            (
                table("RUS,2024,0,29.033\n"),
                format!("ppp.csv:{n}: column market_rate_ncu_per_usd: '0' is not a rate"),
            ),
            (
                table("RUS,2024,92.5,-1\n"),
                format!("ppp.csv:{n}: column pppex_ncu_per_intl_dollar: '-1' is not a rate"),
            ),
            (
                table("ITA,2024,2,1\n"),
                format!("ppp.csv:{n}: column year: ITA 2024 appears twice"),
            ),
            (
                table("Rus,2024,2,1\n"),
                format!("ppp.csv:{n}: column iso3: 'Rus' is not an ISO"),
            ),
            (
                table("RUS,2025,2,1\n"),
                "ppp.csv: Albania (ALB) has no rates for 2025".to_string(),
            ),
        ];
        for (text, message) in cases {
            let e = parse(&file(text), &allies()).unwrap_err();
            assert!(
                e.to_string().starts_with(&message),
                "{e}\nexpected {message}"
            );
        }
    }
}
