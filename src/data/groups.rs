//! Groups of allies (`datasets/groups.toml`, and a user's `--groups-file`):
//! Europe and Canada, EU allies, the United States, all allies, and named
//! groups. Each is resolved to a list of NATO codes when it is loaded, so the
//! calculator only ever sees lists.

use serde::Deserialize;

use super::allies::{self, Ally};
use super::source::{line_col, SourceFile};
use crate::error::{Error, Result};

/// The key of every ally (NATO's "NATO Total").
pub const ALL: &str = "all";
/// The key of every ally but the United States (NATO's "NATO Europe and Canada").
pub const EUROPE_CANADA: &str = "europe-canada";
/// The key of the United States alone.
pub const UNITED_STATES: &str = "us";
/// The European allies (every ally but the United States and Canada).
pub const EUROPE: &str = "europe";
/// The Bucharest Nine.
pub const EASTERN_FLANK: &str = "eastern-flank";
/// Spain, Italy and Portugal.
pub const SOUTH: &str = "south";

/// A set of allies to total over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// What users type (`--groups europe-canada`) and what CSV rows carry.
    pub key: String,
    pub label: String,
    pub description: String,
    /// Members' NATO codes, in allies.csv order. Membership in a year is
    /// checked separately, by accession date.
    pub codes: Vec<String>,
    /// Reported by default.
    pub standard: bool,
    /// NATO's own aggregate row (aggregates.csv) this group reproduces.
    pub nato_aggregate: Option<String>,
}

impl Group {
    pub fn contains(&self, code: &str) -> bool {
        self.codes.iter().any(|c| c == code)
    }

    /// A group of the given allies, for tests and ad-hoc lists.
    pub fn list(key: &str, codes: &[&str]) -> Group {
        Group {
            key: key.into(),
            label: key.into(),
            description: String::new(),
            codes: codes.iter().map(|c| c.to_string()).collect(),
            standard: false,
            nato_aggregate: None,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    group: Vec<toml::Spanned<Entry>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    key: String,
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    allies: Option<Vec<String>>,
    #[serde(default)]
    all: bool,
    #[serde(default)]
    except: Option<Vec<String>>,
    #[serde(default)]
    eu_members: bool,
    #[serde(default)]
    standard: bool,
    #[serde(default)]
    nato_aggregate: Option<String>,
}

/// Parses a groups file and resolves every group against `allies`; errors carry
/// `file:line:column`.
pub fn parse_groups(file: &SourceFile, allies: &[Ally]) -> Result<Vec<Group>> {
    let at = |offset: usize, problem: String| {
        let (line, col) = line_col(&file.text, offset);
        Error::data(format!("{}:{line}:{col}", file.display), problem)
    };
    let parsed: File = file.parse_toml()?;
    let mut groups: Vec<Group> = Vec::new();
    for spanned in &parsed.group {
        let start = spanned.span().start;
        let entry = spanned.get_ref();
        let key = entry.key.trim();
        if key.is_empty()
            || !key
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        {
            return Err(at(
                start,
                format!("group key '{key}' must be lower-case letters, digits and '-'"),
            ));
        }
        if groups.iter().any(|g| g.key == key) {
            return Err(at(start, format!("group '{key}' is defined twice")));
        }
        let resolve = |names: &[String]| -> Result<Vec<String>> {
            names
                .iter()
                .map(|n| {
                    allies::find(allies, n)
                        .map(|a| a.nato_code.clone())
                        .ok_or_else(|| at(start, format!("group '{key}': unknown ally '{n}'")))
                })
                .collect()
        };
        let rules = usize::from(entry.allies.is_some())
            + usize::from(entry.all)
            + usize::from(entry.except.is_some())
            + usize::from(entry.eu_members);
        if rules != 1 {
            return Err(at(
                start,
                format!("group '{key}': give exactly one of allies = [...], all = true, except = [...], eu_members = true"),
            ));
        }
        let codes: Vec<String> = if let Some(list) = &entry.allies {
            let listed = resolve(list)?;
            if listed.is_empty() {
                return Err(at(start, format!("group '{key}' lists no allies")));
            }
            // allies.csv order, whatever the order listed.
            allies
                .iter()
                .filter(|a| listed.contains(&a.nato_code))
                .map(|a| a.nato_code.clone())
                .collect()
        } else if let Some(list) = &entry.except {
            let left_out = resolve(list)?;
            allies
                .iter()
                .filter(|a| !left_out.contains(&a.nato_code))
                .map(|a| a.nato_code.clone())
                .collect()
        } else if entry.eu_members {
            allies
                .iter()
                .filter(|a| a.eu_member)
                .map(|a| a.nato_code.clone())
                .collect()
        } else {
            allies.iter().map(|a| a.nato_code.clone()).collect()
        };
        groups.push(Group {
            key: key.to_string(),
            label: entry.label.clone(),
            description: entry.description.clone(),
            codes,
            standard: entry.standard,
            nato_aggregate: entry.nato_aggregate.clone(),
        });
    }
    if groups.is_empty() {
        return Err(Error::data(&file.display, "no [[group]] entries"));
    }
    Ok(groups)
}

/// Two different groups to set against each other, from the groups the
/// user named (`asked`, as given) once each.
pub fn pair<'g>(
    named: Vec<&'g Group>,
    asked: &[String],
) -> crate::error::Result<(&'g Group, &'g Group)> {
    use crate::error::{Asked, Error};
    match named[..] {
        [a, b] => Ok((a, b)),
        _ if asked.len() == 2 => Err(Error::request(
            Asked::Group,
            asked.join(","),
            format!(
                "give two different groups to set against each other: {} and {} are the same group",
                asked[0].trim(),
                asked[1].trim()
            ),
        )),
        _ => Err(Error::request(
            Asked::Group,
            asked.join(","),
            format!(
                "give two groups to set against each other, not {}",
                asked.len()
            ),
        )),
    }
}
