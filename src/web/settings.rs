//! A page's settings: named parameters from its query, only those the page
//! takes, typed as its request takes them and bounded.

use super::Page;
use crate::error::{Error, Result};
use crate::param::Param;

/// The longest query a page takes (a page's settings are a few dozen bytes).
pub const MAX_QUERY: usize = 2048;
/// The largest scenario a page takes as posted text (a scenario file is a
/// few kilobytes).
pub const MAX_POSTED: usize = 64 * 1024;
/// The most draws a page may ask of the outlook (the command line allows
/// more): a page's draws are bounded so that it answers in about a second.
pub const MAX_DRAWS: u64 = 100_000;

/// A page's settings, parsed from its query and checked against the
/// parameters it takes.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Settings {
    /// In the order of the page's parameters; a setting given twice is its last.
    pub values: Vec<(Param, String)>,
    /// A scenario posted as text (the scenario page's second form).
    pub posted: Option<String>,
}

impl Settings {
    pub fn parse(page: Page, query: Option<&str>) -> Result<Settings> {
        let query = query.unwrap_or("");
        if query.len() > MAX_QUERY {
            return Err(Error::data(
                page.path(),
                format!(
                    "the page's settings are {} bytes, more than the {MAX_QUERY} a page takes",
                    query.len()
                ),
            ));
        }
        let mut values: Vec<(Param, String)> = Vec::new();
        for (key, value) in url_pairs(query) {
            let Some(param) = page.params().iter().copied().find(|p| p.id() == key) else {
                return Err(Error::data(
                    page.path(),
                    format!(
                        "unknown setting '{key}'; this page takes {}",
                        page.params()
                            .iter()
                            .map(|p| p.id())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                ));
            };
            let value = value.trim().to_string();
            values.retain(|(p, _)| *p != param);
            if !value.is_empty() {
                values.push((param, value));
            }
        }
        let order = |p: &Param| page.params().iter().position(|q| q == p);
        values.sort_by_key(|(p, _)| order(p));
        Ok(Settings {
            values,
            posted: None,
        })
    }

    /// The value of a setting, if given.
    pub fn get(&self, param: Param) -> Option<&str> {
        self.values
            .iter()
            .find(|(p, _)| *p == param)
            .map(|(_, v)| v.as_str())
    }

    /// The request's named parameters, typed as the request takes them.
    pub fn params(&self) -> Result<serde_json::Value> {
        let mut out = serde_json::Map::new();
        for (param, value) in &self.values {
            out.insert(param.id().replace('-', "_"), typed(*param, value)?);
        }
        if let Some(text) = &self.posted {
            out.insert("text".into(), serde_json::Value::from(text.clone()));
        }
        Ok(serde_json::Value::Object(out))
    }

    /// The query that gives these settings again.
    pub fn query(&self) -> String {
        self.values
            .iter()
            .map(|(p, v)| {
                format!(
                    "{}={}",
                    p.id(),
                    form_urlencoded::byte_serialize(v.as_bytes()).collect::<String>()
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

/// A share of GDP as typed into a form.
fn number(param: Param, text: &str) -> Result<f64> {
    text.trim()
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
        .ok_or_else(|| Error::data(param.id(), format!("'{text}' is not a share of GDP")))
}

/// A comma-separated list, its items trimmed.
fn list(text: &str) -> Vec<String> {
    text.split(',')
        .map(|g| g.trim().to_string())
        .filter(|g| !g.is_empty())
        .collect()
}

/// A setting's value as the request takes it. A scenario is one of the
/// shipped ones, by name: never a file.
fn typed(param: Param, value: &str) -> Result<serde_json::Value> {
    Ok(match param {
        Param::Year | Param::By => serde_json::Value::from(
            value
                .parse::<i32>()
                .map_err(|_| Error::data(param.id(), format!("'{value}' is not a year")))?,
        ),
        Param::Target | Param::GrowthThreshold => serde_json::Value::from(number(param, value)?),
        Param::Targets => serde_json::Value::from(
            list(value)
                .iter()
                .map(|t| number(param, t))
                .collect::<Result<Vec<f64>>>()?,
        ),
        Param::Groups | Param::Allies | Param::AllyTarget => serde_json::Value::from(list(value)),
        Param::Seed => serde_json::Value::from(value.parse::<u64>().map_err(|_| {
            Error::data(
                param.id(),
                format!("'{value}' is not a seed (a whole number)"),
            )
        })?),
        Param::Draws => {
            let draws = value.parse::<u64>().map_err(|_| {
                Error::data(param.id(), format!("'{value}' is not a number of draws"))
            })?;
            if !(1..=MAX_DRAWS).contains(&draws) {
                return Err(Error::data(
                    param.id(),
                    format!("{draws} is not in 1..={MAX_DRAWS}, what a page may ask for (the command line allows more)"),
                ));
            }
            serde_json::Value::from(draws)
        }
        Param::Scenario => {
            let shipped: Vec<&str> = crate::data::source::SCENARIOS
                .iter()
                .map(|(name, _)| *name)
                .collect();
            if !shipped.contains(&value) {
                return Err(Error::data(
                    param.id(),
                    format!(
                        "'{value}' is not a shipped scenario; available: {}",
                        shipped.join(", ")
                    ),
                ));
            }
            serde_json::Value::from(value)
        }
        _ => serde_json::Value::from(value),
    })
}

/// `key=value` pairs of a query, percent-decoded (`+` is a space).
pub(super) fn url_pairs(query: &str) -> Vec<(String, String)> {
    form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

impl Settings {
    /// The scenario page's posted form: its settings, and the scenario's
    /// text (required, at most [`MAX_POSTED`] bytes, the body included).
    pub fn posted(body: &[u8]) -> Result<Settings> {
        let mut text = None;
        let mut rest = form_urlencoded::Serializer::new(String::new());
        for (key, value) in form_urlencoded::parse(body) {
            if key == "text" {
                text = Some(value.into_owned());
            } else {
                rest.append_pair(&key, &value);
            }
        }
        let text = text.filter(|t| !t.trim().is_empty()).ok_or_else(|| {
            Error::data(
                crate::api::POSTED_SCENARIO,
                "nothing posted: paste a scenario (the layout of scenarios/*.toml)",
            )
        })?;
        let mut settings = Settings::parse(Page::Scenario, Some(&rest.finish()))?;
        settings.values.retain(|(p, _)| *p != Param::Scenario);
        settings.posted = Some(text);
        Ok(settings)
    }
}
