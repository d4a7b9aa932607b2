//! The IMF's SDMX 3.0 API answers in SDMX-JSON 2.0: series keyed by the
//! positions of their dimensions (`COUNTRY:INDICATOR:FREQUENCY`), each with
//! its observations by the position of `TIME_PERIOD`; attributes as
//! positions in their definition's `values`, or literal values in a list.
//! The World Economic Outlook (`IMF.RES/WEO`) attaches each series' scale
//! (`SCALE`, a power of ten) to the series, and each country and
//! indicator's last year of actual data (`LATEST_ACTUAL_ANNUAL_DATA`) to a
//! dimension group; the release's date is the data set's `PUBLICATION_DATE`.
//! This reads such an answer into the layout of the WEO extract that
//! [`super::outlook::import_weo_text`] checks, with each series' last
//! actual year from the metadata instead of assumed.

use chrono::NaiveDate;
use serde_json::Value;

use super::allies::Ally;
use super::source::SourceFile;
use crate::error::{Error, Result};

/// One series of the answer.
#[derive(Debug, Clone, PartialEq)]
pub struct WeoSeries {
    pub country: String,
    pub indicator: String,
    /// Values are in units of 10^scale (6: millions).
    pub scale: i32,
    pub last_actual: Option<i32>,
    /// (year, value in the series' scale).
    pub values: Vec<(i32, f64)>,
}

/// A WEO answer: its publication date and its series.
#[derive(Debug, Clone, PartialEq)]
pub struct WeoAnswer {
    pub published: Option<NaiveDate>,
    pub series: Vec<WeoSeries>,
}

fn problem(file: &SourceFile, what: impl Into<String>) -> Error {
    Error::data(&file.display, what)
}

/// An attribute's value: a position in its definition's values, or a
/// literal in a list (`["2024"]`, `[{"en": "…"}]`).
fn attribute(definition: &Value, value: &Value) -> Option<String> {
    match value {
        Value::Number(n) => {
            let at = n.as_u64()? as usize;
            let v = &definition["values"][at];
            v["id"]
                .as_str()
                .or_else(|| v["value"].as_str())
                .map(str::to_string)
        }
        Value::Array(items) => match items.first()? {
            Value::String(s) => Some(s.clone()),
            Value::Object(o) => o.get("en").and_then(Value::as_str).map(str::to_string),
            other => Some(other.to_string()),
        },
        Value::String(s) => Some(s.clone()),
        _ => None,
    }
}

/// The position of attribute `id` among the definitions of `level`.
fn attribute_at(structure: &Value, level: &str, id: &str) -> Option<usize> {
    structure["attributes"][level]
        .as_array()?
        .iter()
        .position(|a| a["id"] == id)
}

/// The codes of a series dimension, and its position in a series key.
fn dimension(file: &SourceFile, structure: &Value, id: &str) -> Result<(usize, Vec<String>)> {
    let dims = structure["dimensions"]["series"]
        .as_array()
        .ok_or_else(|| problem(file, "not an SDMX-JSON data message: no series dimensions"))?;
    let (at, dim) = dims
        .iter()
        .enumerate()
        .find(|(_, d)| d["id"] == id)
        .ok_or_else(|| problem(file, format!("no dimension '{id}': not a WEO answer")))?;
    let position = dim["keyPosition"].as_u64().map_or(at, |p| p as usize);
    let codes = dim["values"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|c| c["id"].as_str().unwrap_or("").to_string())
                .collect()
        })
        .unwrap_or_default();
    Ok((position, codes))
}

/// Reads the IMF's SDMX-JSON answer for the WEO.
pub fn weo_answer(file: &SourceFile) -> Result<WeoAnswer> {
    let doc: Value =
        serde_json::from_str(&file.text).map_err(|e| problem(file, format!("not JSON: {e}")))?;
    let structure = &doc["data"]["structures"][0];
    let set = &doc["data"]["dataSets"][0];
    if !set["series"].is_object() {
        return Err(problem(
            file,
            "not an SDMX-JSON data message: no data set with series",
        ));
    }
    let (country_at, countries) = dimension(file, structure, "COUNTRY")?;
    let (indicator_at, indicators) = dimension(file, structure, "INDICATOR")?;
    let time = structure["dimensions"]["observation"]
        .as_array()
        .and_then(|o| o.iter().find(|d| d["id"] == "TIME_PERIOD"))
        .ok_or_else(|| problem(file, "no observation dimension 'TIME_PERIOD'"))?;
    let years: Vec<Option<i32>> = time["values"]
        .as_array()
        .map(|v| {
            v.iter()
                .map(|y| {
                    y["value"]
                        .as_str()
                        .or(y["id"].as_str())
                        .and_then(|t| t.get(..4)?.parse().ok())
                })
                .collect()
        })
        .unwrap_or_default();
    let published = attribute_at(structure, "dataSet", "PUBLICATION_DATE")
        .and_then(|at| {
            attribute(
                &structure["attributes"]["dataSet"][at],
                &set["attributes"][at],
            )
        })
        .and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok());
    let last_actual = last_actual_years(structure, set, country_at, indicator_at);
    let layout = Layout {
        structure,
        country_at,
        countries,
        indicator_at,
        indicators,
        years,
        scale_at: attribute_at(structure, "series", "SCALE"),
    };
    let mut series = Vec::new();
    for (key, s) in set["series"].as_object().into_iter().flatten() {
        let mut one = layout.series(file, key, s)?;
        one.last_actual = last_actual
            .iter()
            .find(|(c, i, _)| *c == one.country && *i == one.indicator)
            .map(|(_, _, y)| *y);
        series.push(one);
    }
    Ok(WeoAnswer { published, series })
}

/// Where a message's series find their country, indicator, years and scale.
struct Layout<'a> {
    structure: &'a Value,
    country_at: usize,
    countries: Vec<String>,
    indicator_at: usize,
    indicators: Vec<String>,
    years: Vec<Option<i32>>,
    scale_at: Option<usize>,
}

impl Layout<'_> {
    /// The series under `key` (`0:3:0`), without its last actual year.
    fn series(&self, file: &SourceFile, key: &str, s: &Value) -> Result<WeoSeries> {
        let parts: Vec<usize> = key.split(':').filter_map(|p| p.parse().ok()).collect();
        let code = |at: usize, codes: &[String]| parts.get(at).and_then(|&p| codes.get(p)).cloned();
        let (Some(country), Some(indicator)) = (
            code(self.country_at, &self.countries),
            code(self.indicator_at, &self.indicators),
        ) else {
            return Err(problem(
                file,
                format!("series '{key}': its key names no country and indicator"),
            ));
        };
        let scale = match self.scale_at {
            Some(at) => attribute(
                &self.structure["attributes"]["series"][at],
                &s["attributes"][at],
            )
            .map(|t| {
                t.trim().parse::<i32>().map_err(|_| {
                    problem(
                        file,
                        format!("{country} {indicator}: SCALE '{t}' is not a power of ten"),
                    )
                })
            })
            .transpose()?
            .unwrap_or(0),
            None => 0,
        };
        let mut values = Vec::new();
        for (t, obs) in s["observations"].as_object().into_iter().flatten() {
            let year = t
                .parse::<usize>()
                .ok()
                .and_then(|i| self.years.get(i).copied().flatten())
                .ok_or_else(|| {
                    problem(
                        file,
                        format!("{country} {indicator}: observation '{t}' has no year"),
                    )
                })?;
            let text = match &obs[0] {
                Value::String(s) => s.clone(),
                Value::Number(n) => n.to_string(),
                _ => continue,
            };
            let v: f64 = text.trim().parse().map_err(|_| {
                problem(
                    file,
                    format!("{country} {indicator} {year}: '{text}' is not a number"),
                )
            })?;
            values.push((year, v));
        }
        values.sort_by_key(|(y, _)| *y);
        Ok(WeoSeries {
            country,
            indicator,
            scale,
            last_actual: None,
            values,
        })
    }
}

/// Each (country, indicator)'s `LATEST_ACTUAL_ANNUAL_DATA`, from the
/// dimension-group attributes keyed by partial keys (`0:3::`).
fn last_actual_years(
    structure: &Value,
    set: &Value,
    country_at: usize,
    indicator_at: usize,
) -> Vec<(String, String, i32)> {
    let Some(at) = attribute_at(structure, "dimensionGroup", "LATEST_ACTUAL_ANNUAL_DATA") else {
        return Vec::new();
    };
    let codes = |dim: &str| -> Vec<String> {
        structure["dimensions"]["series"]
            .as_array()
            .and_then(|d| d.iter().find(|x| x["id"] == dim))
            .and_then(|d| d["values"].as_array())
            .map(|v| {
                v.iter()
                    .map(|c| c["id"].as_str().unwrap_or("").to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    let (countries, indicators) = (codes("COUNTRY"), codes("INDICATOR"));
    let definition = &structure["attributes"]["dimensionGroup"][at];
    let mut out = Vec::new();
    for (key, values) in set["dimensionGroupAttributes"]
        .as_object()
        .into_iter()
        .flatten()
    {
        let parts: Vec<&str> = key.split(':').collect();
        let position = |at: usize| parts.get(at).and_then(|p| p.parse::<usize>().ok());
        let (Some(c), Some(i)) = (position(country_at), position(indicator_at)) else {
            continue;
        };
        let year = attribute(definition, &values[at]).and_then(|t| {
            t.chars()
                .filter(char::is_ascii_digit)
                .take(4)
                .collect::<String>()
                .parse()
                .ok()
        });
        if let (Some(country), Some(indicator), Some(year)) =
            (countries.get(c), indicators.get(i), year)
        {
            out.push((country.clone(), indicator.clone(), year));
        }
    }
    out
}

/// The answer's series for the allies and `codes`, as the WEO extract's
/// text (one row per ally and series, `years` as columns, values in the
/// series' scale, `estimates_start_after` the metadata's last actual year).
/// A series without its last actual year is refused: projections would be
/// taken for data.
pub fn weo_extract(
    file: &SourceFile,
    answer: &WeoAnswer,
    allies: &[Ally],
    codes: &[String],
    years: (i32, i32),
) -> Result<SourceFile> {
    let mut text = String::from("weo_country_code,iso3,country,subject_code,units,scale");
    for y in years.0..=years.1 {
        text.push_str(&format!(",{y}"));
    }
    text.push_str(",estimates_start_after\n");
    for ally in allies {
        for code in codes {
            let Some(s) = answer
                .series
                .iter()
                .find(|s| s.country == ally.iso3 && s.indicator == *code)
            else {
                continue;
            };
            let last = s.last_actual.ok_or_else(|| {
                problem(
                    file,
                    format!(
                        "{} {code}: no LATEST_ACTUAL_ANNUAL_DATA: which years are projections is not said",
                        ally.iso3
                    ),
                )
            })?;
            text.push_str(&format!(
                ",{},\"{}\",{code},,1e{}",
                ally.iso3, ally.name, s.scale
            ));
            for y in years.0..=years.1 {
                text.push(',');
                if let Some((_, v)) = s.values.iter().find(|(year, _)| *year == y) {
                    text.push_str(&(v / 10f64.powi(s.scale)).to_string());
                }
            }
            text.push_str(&format!(",{last}\n"));
        }
    }
    Ok(SourceFile {
        display: file.display.clone(),
        text,
    })
}

/// The PPP release's source layout (`iso3, year, market_rate_ncu_per_usd,
/// pppex_ncu_per_intl_dollar`) from an answer holding NGDP, NGDPD and PPPEX:
/// every country-year from `first_year` on with all three.
pub fn ppp_rates(file: &SourceFile, answer: &WeoAnswer, first_year: i32) -> Result<SourceFile> {
    let value = |country: &str, code: &str, year: i32| {
        answer
            .series
            .iter()
            .find(|s| s.country == country && s.indicator == code)
            .and_then(|s| {
                let v = s.values.iter().find(|(y, _)| *y == year)?.1;
                Some(v / 10f64.powi(s.scale))
            })
    };
    let mut countries: Vec<&str> = answer.series.iter().map(|s| s.country.as_str()).collect();
    countries.sort_unstable();
    countries.dedup();
    let last = answer
        .series
        .iter()
        .flat_map(|s| s.values.iter().map(|(y, _)| *y))
        .max()
        .unwrap_or(first_year);
    let mut text = String::from("iso3,year,market_rate_ncu_per_usd,pppex_ncu_per_intl_dollar\n");
    for country in countries {
        for year in first_year..=last {
            let (Some(ncu), Some(usd), Some(pppex)) = (
                value(country, "NGDP", year),
                value(country, "NGDPD", year),
                value(country, "PPPEX", year),
            ) else {
                continue;
            };
            if usd == 0.0 {
                return Err(problem(file, format!("{country} {year}: NGDPD is 0")));
            }
            text.push_str(&format!("{country},{year},{},{pppex}\n", ncu / usd));
        }
    }
    Ok(SourceFile {
        display: file.display.clone(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The IMF's answer for the United States' population
    /// (`IMF.RES:WEO(9.0.0)`, published 14 April 2026), cut down: its
    /// structure and keys as the API gives them, the data set's publication
    /// and update dates, the observations of 2014, 2015, 2030 and 2031 as
    /// given, the series' SCALE (position 0 of its values: "6"), and
    /// LATEST_ACTUAL_ANNUAL_DATA ["2024"]; the other attribute definitions
    /// (the answer has 36 in the dimension group, LATEST_ACTUAL_ANNUAL_DATA
    /// the 24th) and the descriptions are left out.
    const USA_LP: &str = r#"{"meta":{},"data":{"dataSets":[{"structure":0,"action":"Replace",
        "attributes":[null,null,null,0,0,null,0,null,0,["2026-04-14T13:00:00Z"],["2026-04-15T13:00:00Z"]],
        "series":{"0:0:0":{"attributes":[0,0,0,"9/30/2025"],"observations":{"34":["318619417"],"35":["320925917"],"50":["346751928"],"51":["347742318"]}}},
        "dimensionGroupAttributes":{"0:0::":[null,null,["2024"]]}}],
        "structures":[{"dimensions":{"series":[{"id":"COUNTRY","keyPosition":0,"values":[{"id":"USA"}]},{"id":"INDICATOR","keyPosition":1,"values":[{"id":"LP"}]},{"id":"FREQUENCY","keyPosition":2,"values":[{"id":"A"}]}],
        "observation":[{"id":"TIME_PERIOD","keyPosition":3,"values":[{"value":"1980"},{"value":"1981"},{"value":"1982"},{"value":"1983"},{"value":"1984"},{"value":"1985"},{"value":"1986"},{"value":"1987"},{"value":"1988"},{"value":"1989"},{"value":"1990"},{"value":"1991"},{"value":"1992"},{"value":"1993"},{"value":"1994"},{"value":"1995"},{"value":"1996"},{"value":"1997"},{"value":"1998"},{"value":"1999"},{"value":"2000"},{"value":"2001"},{"value":"2002"},{"value":"2003"},{"value":"2004"},{"value":"2005"},{"value":"2006"},{"value":"2007"},{"value":"2008"},{"value":"2009"},{"value":"2010"},{"value":"2011"},{"value":"2012"},{"value":"2013"},{"value":"2014"},{"value":"2015"},{"value":"2016"},{"value":"2017"},{"value":"2018"},{"value":"2019"},{"value":"2020"},{"value":"2021"},{"value":"2022"},{"value":"2023"},{"value":"2024"},{"value":"2025"},{"value":"2026"},{"value":"2027"},{"value":"2028"},{"value":"2029"},{"value":"2030"},{"value":"2031"}]}]},
        "attributes":{"dataSet":[{"id":"DOI"},{"id":"FULL_DESCRIPTION"},{"id":"AUTHOR"},{"id":"PUBLISHER","values":[{"id":"IMF"}]},{"id":"DEPARTMENT","values":[{"id":"RES"}]},{"id":"CONTACT_POINT"},{"id":"TOPIC_DATASET"},{"id":"KEYWORDS_DATASET"},{"id":"LANGUAGE","values":[{"id":"EN"}]},{"id":"PUBLICATION_DATE","values":[]},{"id":"UPDATE_DATE","values":[]}],
        "dimensionGroup":[{"id":"METHODOLOGY","values":[]},{"id":"SERIES_NAME","values":[]},{"id":"LATEST_ACTUAL_ANNUAL_DATA","values":[]}],
        "series":[{"id":"SCALE","values":[{"id":"6"}]},{"id":"DECIMALS_DISPLAYED","values":[{"id":"3"}]},{"id":"OVERLAP","values":[{"id":"OL"}]},{"id":"COUNTRY_UPDATE_DATE","values":[]}]}}]}}"#;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            display: "answer.json".into(),
            text: text.into(),
        }
    }

    #[test]
    fn the_imf_s_answer_reads_with_its_scale_and_last_actual_year() {
        let answer = weo_answer(&file(USA_LP)).unwrap();
        assert_eq!(answer.published, NaiveDate::from_ymd_opt(2026, 4, 14));
        let s = &answer.series[0];
        assert_eq!((s.country.as_str(), s.indicator.as_str()), ("USA", "LP"));
        assert_eq!(s.scale, 6);
        assert_eq!(s.last_actual, Some(2024));
        assert_eq!(s.values[0], (2014, 318_619_417.0));
        assert_eq!(s.values[3], (2031, 347_742_318.0));
    }

    #[test]
    fn an_answer_of_another_shape_is_refused() {
        let err = weo_answer(&file(r#"{"data":{"dataSets":[{}]}}"#)).unwrap_err();
        assert!(err.to_string().contains("no data set with series"), "{err}");
        let err = weo_answer(&file("<html>")).unwrap_err();
        assert!(
            err.to_string().starts_with("answer.json: not JSON"),
            "{err}"
        );
    }
}
