//! Eurostat's dissemination API answers in JSON-stat 2.0: one flat `value`
//! (an object of positions, or an array) over the dimensions `id` lists, in
//! that order, each of `size` categories whose positions `dimension.*.
//! category.index` gives. This reads a `gov_ev` response (`expend=DEF`,
//! `na_item` TE and P51G, `unit` PC_GDP among others) into the source layout
//! of [`super::eurostat`]'s table, which [`super::eurostat::parse`] then
//! checks as it checks the decoded CSV: the same rules, the same messages.

use serde_json::Value;

use super::source::SourceFile;
use crate::error::{Error, Result};

/// The categories of one dimension, by position.
struct Dimension {
    id: String,
    /// Category codes, ordered by their index.
    codes: Vec<String>,
}

fn problem(file: &SourceFile, what: impl Into<String>) -> Error {
    Error::data(&file.display, what)
}

fn dimensions(file: &SourceFile, doc: &Value) -> Result<Vec<Dimension>> {
    let ids = doc["id"]
        .as_array()
        .ok_or_else(|| problem(file, "not a JSON-stat 2.0 dataset: no 'id' list"))?;
    let sizes = doc["size"]
        .as_array()
        .ok_or_else(|| problem(file, "not a JSON-stat 2.0 dataset: no 'size' list"))?;
    if ids.len() != sizes.len() {
        return Err(problem(file, "'id' and 'size' differ in length"));
    }
    ids.iter()
        .zip(sizes)
        .map(|(id, size)| {
            let id = id.as_str().unwrap_or_default().to_string();
            let size = size.as_u64().unwrap_or(0) as usize;
            let index = &doc["dimension"][&id]["category"]["index"];
            let mut codes = vec![String::new(); size];
            match index {
                Value::Object(map) => {
                    for (code, at) in map {
                        let at = at.as_u64().map(|a| a as usize).filter(|a| *a < size);
                        let Some(at) = at else {
                            return Err(problem(
                                file,
                                format!("dimension '{id}': category '{code}' is outside its size {size}"),
                            ));
                        };
                        codes[at] = code.clone();
                    }
                }
                Value::Array(list) if list.len() == size => {
                    for (at, code) in list.iter().enumerate() {
                        codes[at] = code.as_str().unwrap_or_default().to_string();
                    }
                }
                _ => {
                    return Err(problem(
                        file,
                        format!("dimension '{id}' has no category index of {size} categories"),
                    ))
                }
            }
            if codes.iter().any(String::is_empty) {
                return Err(problem(file, format!("dimension '{id}': a category has no code")));
            }
            Ok(Dimension { id, codes })
        })
        .collect()
}

/// The value at `position`, `None` where the response has none.
fn value(file: &SourceFile, doc: &Value, position: usize) -> Result<Option<f64>> {
    let v = match &doc["value"] {
        Value::Object(map) => map.get(&position.to_string()),
        Value::Array(list) => list.get(position),
        _ => return Err(problem(file, "no 'value' in the dataset")),
    };
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(problem(
            file,
            format!("value {position} is not a number: {other}"),
        )),
    }
}

/// The day a response's data were last updated (its `updated` field,
/// `2026-04-27T23:00:00+0200`), if it gives one.
pub fn updated(file: &SourceFile) -> Result<Option<chrono::NaiveDate>> {
    let doc: Value =
        serde_json::from_str(&file.text).map_err(|e| problem(file, format!("not JSON: {e}")))?;
    let Some(text) = doc["updated"].as_str() else {
        return Ok(None);
    };
    let day = text.get(..10).unwrap_or(text);
    chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| problem(file, format!("'updated' is not a date: '{text}'")))
}

/// A `gov_ev` response as the source layout's CSV text
/// (`geo,year,defence_total_expenditure_pct_gdp,defence_gfcf_pct_gdp`).
pub fn gov_ev_table(file: &SourceFile) -> Result<SourceFile> {
    let doc: Value =
        serde_json::from_str(&file.text).map_err(|e| problem(file, format!("not JSON: {e}")))?;
    if doc["class"] != "dataset" {
        return Err(problem(
            file,
            "not a JSON-stat dataset (class is not 'dataset')",
        ));
    }
    let dims = dimensions(file, &doc)?;
    let find = |id: &str| {
        dims.iter()
            .position(|d| d.id == id)
            .ok_or_else(|| problem(file, format!("no dimension '{id}': not a gov_ev response")))
    };
    let (geo, time, item, unit) = (find("geo")?, find("time")?, find("na_item")?, find("unit")?);
    let category = |dim: usize, code: &str| {
        dims[dim]
            .codes
            .iter()
            .position(|c| c == code)
            .ok_or_else(|| {
                problem(
                    file,
                    format!("dimension '{}' has no category '{code}'", dims[dim].id),
                )
            })
    };
    let (total, gfcf, pc_gdp) = (
        category(item, "TE")?,
        category(item, "P51G")?,
        category(unit, "PC_GDP")?,
    );
    // Any other dimension (freq, expend) must hold one category.
    if let Some(d) = dims
        .iter()
        .enumerate()
        .find(|(i, d)| ![geo, time, item, unit].contains(i) && d.codes.len() != 1)
    {
        return Err(problem(
            file,
            format!(
                "dimension '{}' has {} categories: one expected",
                d.1.id,
                d.1.codes.len()
            ),
        ));
    }
    let position = |at: &[usize]| -> usize {
        dims.iter()
            .zip(at)
            .fold(0, |acc, (d, i)| acc * d.codes.len() + i)
    };
    let mut text =
        String::from("geo,year,defence_total_expenditure_pct_gdp,defence_gfcf_pct_gdp\n");
    for (g, code) in dims[geo].codes.iter().enumerate() {
        for (t, year) in dims[time].codes.iter().enumerate() {
            let mut at = vec![0; dims.len()];
            (at[geo], at[time], at[unit]) = (g, t, pc_gdp);
            at[item] = total;
            let te = value(file, &doc, position(&at))?;
            at[item] = gfcf;
            let p51g = value(file, &doc, position(&at))?;
            let cell = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
            text.push_str(&format!("{code},{year},{},{}\n", cell(te), cell(p51g)));
        }
    }
    Ok(SourceFile {
        display: format!("{} (decoded: one row per geo and year)", file.display),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> SourceFile {
        crate::data::test_support::file("gov_ev.json", text)
    }

    #[test]
    fn positions_follow_the_dimensions_order() {
        // Two geos, one year, both items, two units: PC_GDP is unit 1.
        let doc = r#"{"class":"dataset","id":["na_item","unit","geo","time"],"size":[2,2,2,1],
            "dimension":{"na_item":{"category":{"index":{"P51G":0,"TE":1}}},
            "unit":{"category":{"index":{"MIO_EUR":0,"PC_GDP":1}}},
            "geo":{"category":{"index":{"PL":0,"EE":1}}},
            "time":{"category":{"index":{"2021":0}}}},
            "value":{"2":0.3,"3":0.7,"6":1.6,"7":2.0}}"#;
        let table = gov_ev_table(&file(doc)).unwrap();
        assert_eq!(
            table.text,
            "geo,year,defence_total_expenditure_pct_gdp,defence_gfcf_pct_gdp\nPL,2021,1.6,0.3\nEE,2021,2,0.7\n"
        );
    }

    #[test]
    fn a_response_of_another_shape_is_refused() {
        let e = gov_ev_table(&file(
            r#"{"class":"dataset","id":["geo"],"size":[1],
            "dimension":{"geo":{"category":{"index":{"PL":0}}}},"value":{}}"#,
        ))
        .unwrap_err();
        assert_eq!(
            e.to_string(),
            "gov_ev.json: no dimension 'time': not a gov_ev response"
        );
        let e = gov_ev_table(&file("<html>blocked</html>")).unwrap_err();
        assert!(e.to_string().starts_with("gov_ev.json: not JSON"), "{e}");
    }
}
