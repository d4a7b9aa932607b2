//! A scenario file's keys read and checked, each error at its line and column.

use std::collections::BTreeMap;

use toml::Spanned;

use crate::data::source::line_col;
use crate::data::{allies, Catalog, Edition, Group};
use crate::error::{Asked, Error, Result};

use super::{yearly_growth, AllyEntry, AllyPlan, EconomyUse, File, GroupEntry, LAST_TARGET_YEAR};

/// Reads a scenario file's keys, each error at its line and column.
pub(super) struct Reader<'a> {
    pub(super) display: &'a str,
    pub(super) text: &'a str,
    pub(super) catalog: &'a Catalog,
}

impl<'a> Reader<'a> {
    pub(super) fn at(&self, span: std::ops::Range<usize>, problem: String) -> Error {
        let (line, col) = line_col(self.text, span.start);
        Error::data(format!("{}:{line}:{col}", self.display), problem)
    }

    pub(super) fn edition(&self, file: &File) -> Result<&'a Edition> {
        let (at, catalog) = (|span, problem| self.at(span, problem), self.catalog);
        catalog
            .editions
            .iter()
            .find(|e| e.id == *file.edition.get_ref())
            .ok_or_else(|| {
                at(
                    file.edition.span(),
                    format!(
                        "unknown edition '{}'; available: {}",
                        file.edition.get_ref(),
                        catalog
                            .editions
                            .iter()
                            .map(|e| e.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
            })
    }

    /// The baseline, target and review years.
    pub(super) fn years(&self, file: &File, edition: &Edition) -> Result<(i32, i32, Option<i32>)> {
        let at = |span, problem| self.at(span, problem);
        let baseline = *file.baseline_year.get_ref();
        if !edition.years().contains(&baseline) {
            return Err(at(
                file.baseline_year.span(),
                format!(
                    "baseline_year {baseline} is outside edition {} ({}-{})",
                    edition.id, edition.first_year, edition.last_year
                ),
            ));
        }
        let target_year = *file.target_year.get_ref();
        if target_year <= baseline {
            return Err(at(
                file.target_year.span(),
                format!("target_year {target_year} must come after baseline_year {baseline}"),
            ));
        }
        if target_year > LAST_TARGET_YEAR {
            return Err(at(
                file.target_year.span(),
                format!("target_year {target_year} is beyond {LAST_TARGET_YEAR}"),
            ));
        }
        let review_year = match &file.review_year {
            Some(r) if !(baseline..=target_year).contains(r.get_ref()) => {
                return Err(at(
                    r.span(),
                    format!(
                        "review_year {} is outside {baseline}-{target_year}",
                        r.get_ref()
                    ),
                ))
            }
            r => r.as_ref().map(|r| *r.get_ref()),
        };

        Ok((baseline, target_year, review_year))
    }

    fn share(&self, value: &Spanned<f64>, key: &str) -> Result<f64> {
        let v = *value.get_ref();
        if !v.is_finite() || v <= 0.0 || v >= 100.0 {
            return Err(self.at(
                value.span(),
                format!("{key} = {v} is not a share of GDP: it must be above 0 and below 100"),
            ));
        }
        Ok(v)
    }

    /// The target, or the core target and the related spending.
    pub(super) fn targets(&self, file: &File) -> Result<(f64, Option<f64>)> {
        let (at, display) = (|span, problem| self.at(span, problem), self.display);
        let check_share = |value: &Spanned<f64>, key: &str| self.share(value, key);
        Ok(match (&file.target, &file.core, &file.related) {
            (Some(t), None, None) => (check_share(t, "target")?, None),
            (None, Some(core), related) => {
                let core = check_share(core, "core")?;
                let related = related
                    .as_ref()
                    .map(|r| check_share(r, "related"))
                    .transpose()?;
                if core + related.unwrap_or(0.0) >= 100.0 {
                    return Err(Error::data(display, "core + related must be below 100"));
                }
                (core, related)
            }
            (Some(t), _, _) => {
                return Err(at(
                    t.span(),
                    "give either target or core (+ related), not both".into(),
                ));
            }
            (None, None, Some(r)) => {
                return Err(at(r.span(), "related needs a core target beside it".into()))
            }
            (None, None, None) => {
                return Err(Error::data(
                    format!("{display}:1:1"),
                    "no target: give target = PCT, or core = PCT with optional related = PCT",
                ))
            }
        })
    }

    /// A rate in % a year within `range`, `default` when not given.
    pub(super) fn rate(
        &self,
        value: &Option<Spanned<f64>>,
        key: &str,
        default: f64,
        range: (f64, f64),
    ) -> Result<f64> {
        match value {
            None => Ok(default),
            Some(v) => {
                let x = *v.get_ref();
                if !x.is_finite() || x <= range.0 || x >= range.1 {
                    return Err(self.at(
                        v.span(),
                        format!(
                            "{key} = {x} is outside {} to {} (% a year)",
                            range.0, range.1
                        ),
                    ));
                }
                Ok(x)
            }
        }
    }

    /// Per-ally overrides, keyed by any name or code the catalog knows.
    pub(super) fn overrides<'f>(
        &self,
        file: &'f File,
        baseline: i32,
    ) -> Result<BTreeMap<String, &'f AllyEntry>> {
        let (at, catalog) = (|span, problem| self.at(span, problem), self.catalog);
        let check_share = |value: &Spanned<f64>, key: &str| self.share(value, key);
        let check_rate =
            |value: &Option<Spanned<f64>>, key: &str, default: f64, range: (f64, f64)| {
                self.rate(value, key, default, range)
            };
        let mut overrides: BTreeMap<String, &AllyEntry> = BTreeMap::new();
        for (key, entry) in &file.allies {
            let ally = allies::find(&catalog.allies, key.get_ref()).ok_or_else(|| {
                let hint = allies::suggest(&catalog.allies, key.get_ref());
                at(
                    key.span(),
                    format!(
                        "unknown ally '{}'{}",
                        key.get_ref(),
                        if hint.is_empty() {
                            String::new()
                        } else {
                            format!("; closest: {}", hint.join(", "))
                        }
                    ),
                )
            })?;
            // A target for an ally that no target applies to is a mistake, not a
            // setting to ignore: Iceland has no armed forces; an ally that joined
            // after the baseline year is not on the path.
            let settings = entry.target.is_some()
                || entry.core.is_some()
                || entry.real_gdp_growth.is_some()
                || entry.path.is_some();
            if settings && !ally.has_armed_forces {
                return Err(at(
                    key.span(),
                    format!(
                        "{} has no armed forces and no target applies to it: remove the entry",
                        ally.name
                    ),
                ));
            }
            if settings && !ally.is_member_in(baseline) {
                return Err(at(
                key.span(),
                format!(
                    "{} was not a member in the baseline year {baseline}: it is not on this scenario's path",
                    ally.name
                ),
            ));
            }
            if let Some(t) = &entry.target {
                check_share(t, "target")?;
                if file.core.is_some() {
                    return Err(at(
                        t.span(),
                        "this scenario sets core targets: give the ally core = PCT".into(),
                    ));
                }
            }
            if let Some(c) = &entry.core {
                check_share(c, "core")?;
                if file.core.is_none() {
                    return Err(at(
                        c.span(),
                        "this scenario sets a single target: give the ally target = PCT".into(),
                    ));
                }
            }
            check_rate(
                &entry.real_gdp_growth,
                "real_gdp_growth",
                0.0,
                (-50.0, 100.0),
            )?;
            if overrides.insert(ally.nato_code.clone(), entry).is_some() {
                return Err(at(key.span(), format!("{} is listed twice", ally.name)));
            }
        }

        Ok(overrides)
    }

    /// The groups the file names or lists, else the standard ones.
    pub(super) fn groups(&self, file: &File) -> Result<Vec<Group>> {
        let (at, catalog) = (|span, problem| self.at(span, problem), self.catalog);
        Ok(match &file.groups {
        None => catalog.standard_groups().into_iter().cloned().collect(),
        Some(entries) => entries
            .get_ref()
            .iter()
            .map(|entry| match entry {
                GroupEntry::Named(name) => catalog.group(name).cloned().map_err(|_| {
                    at(
                        entries.span(),
                        format!(
                            "unknown group '{name}'; expected {} or {{ name = \"…\", allies = [\"…\"] }}",
                            catalog
                                .groups
                                .iter()
                                .map(|g| g.key.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    )
                }),
                GroupEntry::List { name, allies: members } => {
                    if members.is_empty() {
                        return Err(at(
                            entries.span(),
                            format!("group {name} lists no allies: a group's totals need at least one"),
                        ));
                    }
                    let codes = members
                        .iter()
                        .map(|m| {
                            allies::find(&catalog.allies, m)
                                .map(|a| a.nato_code.clone())
                                .ok_or_else(|| at(entries.span(), format!("unknown ally '{m}' in group {name}")))
                        })
                        .collect::<Result<Vec<_>>>()?;
                    let armed = |code: &String| {
                        catalog
                            .allies
                            .iter()
                            .any(|a| &a.nato_code == code && a.has_armed_forces)
                    };
                    if !codes.iter().any(armed) {
                        return Err(at(
                            entries.span(),
                            format!("group {name} has no ally with armed forces: it has no share of GDP to total"),
                        ));
                    }
                    Ok(Group {
                        key: name.clone(),
                        label: name.clone(),
                        description: String::new(),
                        codes,
                        standard: false,
                        nato_aggregate: None,
                    })
                }
            })
            .collect::<Result<Vec<_>>>()?,
    })
    }

    /// The outlook the file names (or `chosen` instead): each ally's yearly
    /// growth that the file does not set itself.
    pub(super) fn economy(
        &self,
        id: &Spanned<String>,
        economy: Option<&str>,
        plans: &mut [AllyPlan],
        overrides: &BTreeMap<String, &AllyEntry>,
        (baseline, target_year): (i32, i32),
        inflation: f64,
    ) -> Result<EconomyUse> {
        let (at, catalog) = (|span, problem| self.at(span, problem), self.catalog);
        let outlook = match economy {
            Some(chosen) => catalog.load_outlook(Some(chosen))?,
            None => catalog
                .load_outlook(Some(id.get_ref()))
                .map_err(|e| match e {
                    Error::Request {
                        id: asked,
                        available,
                        ..
                    } if !available.is_empty() => at(
                        id.span(),
                        format!(
                            "unknown economy '{asked}'; available: {}",
                            available.join(", ")
                        ),
                    ),
                    Error::Request { problem, .. } => at(id.span(), problem),
                    other => other,
                })?,
        };
        for plan in plans.iter_mut() {
            let own = overrides
                .get(&plan.code)
                .is_some_and(|e| e.real_gdp_growth.is_some());
            if !own {
                plan.yearly = Some(
                    yearly_growth(&outlook, &plan.code, baseline, target_year, inflation).map_err(
                        |problem| match economy {
                            Some(chosen) => Error::request(Asked::Outlook, chosen, problem),
                            None => at(id.span(), problem),
                        },
                    )?,
                );
            }
        }
        Ok(EconomyUse {
            id: outlook.info.id.clone(),
            title: format!("{}, {}", outlook.info.publisher, outlook.info.title),
            citation: outlook.info.citation.clone(),
            last_year: outlook.info.last_year,
        })
    }
}
