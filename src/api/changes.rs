//! A scenario changed for one run: its target, target year, path shape and
//! allies' own targets set by the request, as if its file said so. The file
//! is read and checked as it is first (its errors at its own lines), then
//! its keys are replaced and it is read again, so that a changed scenario is
//! exactly the file one would write with those keys.

use crate::calc::path::PathShape;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;

/// What a request changes in a scenario (nothing, by default).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Changes {
    /// The target, or the core target of a core + related scenario.
    pub target: Option<f64>,
    /// The year the target must be reached.
    pub by: Option<i32>,
    /// The scenario's path shape (an ally the file gives its own keeps it).
    pub path: Option<String>,
    /// Allies' own targets, `ALLY=PCT` (names or codes).
    pub ally_target: Vec<String>,
}

/// `ALLY=PCT`, the ally as its NATO code.
fn ally_target(catalog: &Catalog, item: &str) -> Result<(String, f64)> {
    let (ally, pct) = item.rsplit_once('=').ok_or_else(|| {
        Error::usage(
            Param::AllyTarget,
            format!("'{item}' is not ALLY=PCT (e.g. ES=2.1)"),
        )
    })?;
    let pct: f64 = pct.trim().parse().map_err(|_| {
        Error::usage(
            Param::AllyTarget,
            format!("'{}' in '{item}' is not a share of GDP", pct.trim()),
        )
    })?;
    let code = catalog
        .ally(ally.trim())
        .map_err(|e| e.from_param(Param::AllyTarget))?
        .nato_code
        .clone();
    Ok((code, super::check_target(Param::AllyTarget, pct)?))
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        *self == Changes::default()
    }

    /// The parameter a changed scenario's own error is said to come from:
    /// the allies' targets where given (the other changes are checked on
    /// their own), else the first change made.
    pub fn blamed(&self) -> Param {
        match self {
            c if !c.ally_target.is_empty() => Param::AllyTarget,
            c if c.target.is_some() => Param::Target,
            c if c.by.is_some() => Param::By,
            _ => Param::Path,
        }
    }

    /// The path shape asked for.
    fn shape(&self) -> Result<Option<PathShape>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        PathShape::from_key(path.trim()).map(Some).ok_or_else(|| {
            Error::usage(
                Param::Path,
                format!(
                    "'{path}' is not a path shape; available: {}",
                    PathShape::ALL.map(|p| p.key()).join(", ")
                ),
            )
        })
    }

    /// The scenario's text with its keys changed (a file already read and
    /// checked, `display` naming it).
    pub fn apply(&self, catalog: &Catalog, display: &str, text: &str) -> Result<String> {
        let mut doc: toml::Table = text
            .parse()
            .map_err(|e: toml::de::Error| Error::data(display, e.message().trim().to_string()))?;
        let mut said: Vec<String> = Vec::new();
        let key = match doc.contains_key("core") {
            true => "core",
            false => "target",
        };
        if let Some(t) = self.target {
            let t = super::check_target(Param::Target, t)?;
            let related = doc.get("related").and_then(number).unwrap_or(0.0);
            if t + related >= 100.0 {
                return Err(Error::usage(
                    Param::Target,
                    format!("{t} + the scenario's related {related} must be below 100"),
                ));
            }
            doc.insert(key.into(), toml::Value::Float(t));
            said.push(format!("{key} {t}%"));
        }
        if let Some(by) = self.by {
            self.year(&mut doc, by)?;
            said.push(format!("by {by}"));
        }
        if let Some(shape) = self.shape()? {
            doc.insert("path".into(), toml::Value::String(shape.key().into()));
            said.push(format!("{} path", shape.key()));
        }
        for item in &self.ally_target {
            let (code, pct) = ally_target(catalog, item)?;
            own_target(catalog, &mut doc, key, &code, pct);
            said.push(format!("{code} {pct}%"));
        }
        if let Some(toml::Value::String(name)) = doc.get_mut("name") {
            name.push_str(" (changed)");
        }
        if let Some(toml::Value::String(d)) = doc.get_mut("description") {
            *d = format!(
                "Changed for this run: {}. The scenario: {d}",
                said.join(", ")
            );
        }
        toml::to_string(&doc).map_err(|e| Error::data(display, e.to_string()))
    }

    /// Sets the target year, after the baseline; a review year beyond it goes.
    fn year(&self, doc: &mut toml::Table, by: i32) -> Result<()> {
        let baseline = doc
            .get("baseline_year")
            .and_then(toml::Value::as_integer)
            .unwrap_or(i64::MIN);
        if let Some(why) = crate::scenario::by_refused(by, baseline) {
            return Err(Error::usage(Param::By, why));
        }
        doc.insert("target_year".into(), toml::Value::Integer(by.into()));
        let review = doc.get("review_year").and_then(toml::Value::as_integer);
        if review.is_some_and(|r| r > i64::from(by)) {
            doc.remove("review_year");
        }
        Ok(())
    }
}

fn number(v: &toml::Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64))
}

/// Gives the ally `code` its own target: its entry of `[allies]`, whatever
/// name the file gives it, or a new one; the file's note about its own
/// target goes with the target it explained.
fn own_target(catalog: &Catalog, doc: &mut toml::Table, key: &str, code: &str, pct: f64) {
    let allies = doc
        .entry("allies")
        .or_insert_with(|| toml::Value::Table(toml::map::Map::new()));
    let Some(allies) = allies.as_table_mut() else {
        return;
    };
    let name = allies
        .keys()
        .find(|k| catalog.ally(k).is_ok_and(|a| a.nato_code == code))
        .cloned()
        .unwrap_or_else(|| code.to_string());
    let entry = allies
        .entry(name)
        .or_insert_with(|| toml::Value::Table(toml::map::Map::new()));
    if let Some(entry) = entry.as_table_mut() {
        entry.insert(key.into(), toml::Value::Float(pct));
        entry.remove("note");
        entry.remove("excluded");
    }
}
