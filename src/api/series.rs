//! The questions over long series and between vintages: a country's or a
//! group's history (SIPRI since 1949, or a NATO edition), how one edition
//! revised another, and the economic outlook behind money paths.

use serde::Deserialize;

use super::asked_by;
use crate::calc::longrun::{self, Measure, Source as Series_};
use crate::calc::revisions::{self, Causes};
use crate::calc::Calculator;
use crate::data::outlook::{Outlook, Series};
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::export::Report;
use crate::param::Param;
use crate::view;

use super::tables::Source;

/// Long series for countries and groups.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HistoryRequest {
    /// Countries (SIPRI's names), allies or groups.
    pub names: Vec<String>,
    pub source: Source,
    /// Only years from this one.
    pub since: Option<i32>,
    pub measure: Measure,
    /// A NATO edition (with the NATO source).
    pub edition: Option<String>,
}

impl Default for HistoryRequest {
    fn default() -> Self {
        HistoryRequest {
            names: Vec::new(),
            source: Source::Sipri,
            since: None,
            measure: Measure::Share,
            edition: None,
        }
    }
}

pub fn history(catalog: &Catalog, r: &HistoryRequest) -> Result<Report> {
    let measure = r.measure;
    let names = catalog.sipri_countries()?;
    let subjects = r
        .names
        .iter()
        .map(|n| catalog.subject(n, &names))
        .collect::<Result<Vec<_>>>()?;
    match r.source {
        Source::Sipri => {
            if r.edition.is_some() {
                return Err(Error::usage(
                    Param::Edition,
                    format!("names a NATO edition; add {} nato to use it", Param::Source),
                ));
            }
            let sipri = catalog.load_sipri(None, &measure.sipri_tables())?;
            let source = Series_::Sipri(&sipri);
            let series = all_series(catalog, &source, &subjects, measure, r.since)?;
            Ok(view::history::sipri_report(&sipri, &series, measure))
        }
        Source::Nato => {
            let data = catalog.load_edition(r.edition.as_deref())?;
            let calc = Calculator::for_edition(&data, &catalog.allies)?;
            let source = Series_::Nato(&calc, &data.edition.id);
            let series = all_series(catalog, &source, &subjects, measure, r.since)?;
            view::history::nato_report(&data.edition, &series, measure)
        }
    }
}

fn all_series(
    catalog: &Catalog,
    source: &Series_,
    subjects: &[crate::data::Subject],
    measure: longrun::Measure,
    since: Option<i32>,
) -> Result<Vec<longrun::Series>> {
    let series = subjects
        .iter()
        .map(|s| {
            longrun::series(source, s, &catalog.allies, measure)
                .map(|x| x.since(since.unwrap_or(i32::MIN)))
        })
        .collect::<Result<Vec<_>>>()?;
    if let Some(year) = since {
        if series.iter().all(|s| s.points.is_empty()) {
            return Err(Error::usage(
                Param::Since,
                format!("{year} is after the last year of the series"),
            ));
        }
    }
    Ok(series)
}

/// How one edition revised another's figures.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RevisionsRequest {
    /// Default: the edition published before the later one.
    pub from_edition: Option<String>,
    /// Default: the latest edition.
    pub to_edition: Option<String>,
    pub measure: Measure,
    pub allies: Vec<String>,
}

impl Default for RevisionsRequest {
    fn default() -> Self {
        RevisionsRequest {
            from_edition: None,
            to_edition: None,
            measure: Measure::Share,
            allies: Vec::new(),
        }
    }
}

pub fn revisions(catalog: &Catalog, r: &RevisionsRequest) -> Result<Report> {
    // The defaults come from the manifest: the latest edition against the
    // one published before it.
    let to = catalog
        .edition(r.to_edition.as_deref())
        .map_err(asked_by(Param::ToEdition))?
        .clone();
    let from = match &r.from_edition {
        Some(id) => id.clone(),
        None => catalog
            .editions
            .before(&to)
            .map(|e| e.id.clone())
            .ok_or_else(|| {
                Error::usage(
                    Param::FromEdition,
                    format!(
                        "no edition was published before {}; give {}",
                        to.id,
                        Param::FromEdition
                    ),
                )
            })?,
    };
    let (from, to) = load_pair(catalog, &from, &to.id)?;
    let measure = r.measure;
    let codes = catalog.ally_codes(&r.allies)?;
    let allies: Vec<_> = catalog
        .allies
        .iter()
        .filter(|a| codes.is_empty() || codes.contains(&a.nato_code))
        .collect();
    let rows = revisions::between(
        &Calculator::for_edition(&from, &catalog.allies)?,
        &Calculator::for_edition(&to, &catalog.allies)?,
        &allies,
        measure,
    )?;
    let causes = Causes::between(&from.edition, &to.edition);
    Ok(view::revisions::report(
        &from.edition,
        &to.edition,
        &causes.for_measure(measure),
        measure,
        &rows,
    ))
}

/// Both editions, loaded; the same edition twice is refused.
fn load_pair(catalog: &Catalog, from: &str, to: &str) -> Result<(EditionData, EditionData)> {
    if from == to {
        return Err(Error::usage(
            Param::ToEdition,
            format!("is the same edition as {} ({from})", Param::FromEdition),
        ));
    }
    let a = catalog
        .load_edition(Some(from))
        .map_err(asked_by(Param::FromEdition))?;
    let b = catalog
        .load_edition(Some(to))
        .map_err(asked_by(Param::ToEdition))?;
    Ok((a, b))
}

/// The economic outlook's series for allies, or how it moved from another.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EconomyRequest {
    /// Default: every ally.
    pub allies: Vec<String>,
    /// The outlook (default: the latest).
    pub economy: Option<String>,
    /// Another outlook to show the changes from.
    pub compare: Option<String>,
    /// Series by key or IMF code (default: every one the outlooks share).
    pub series: Vec<String>,
    /// First and last year (default: the years the outlooks share).
    pub years: Option<(i32, i32)>,
}

/// What `compare` names to mean the outlook published before the one shown.
pub const PREVIOUS: &str = "previous";

pub fn economy(catalog: &Catalog, r: &EconomyRequest) -> Result<Report> {
    if let Some((a, b)) = r.years {
        if a > b {
            return Err(Error::usage(
                Param::Years,
                format!("{a}-{b}: the first year comes after the last"),
            ));
        }
    }
    let outlook = catalog.load_outlook(r.economy.as_deref())?;
    let other = match r.compare.as_deref() {
        // The vintage published before the one shown: what an update changed.
        Some(PREVIOUS) => {
            let outlooks = catalog.outlooks()?;
            let before = outlooks.before(&outlook.info).ok_or_else(|| {
                Error::usage(
                    Param::Compare,
                    format!("no outlook was published before {}", outlook.info.id),
                )
            })?;
            Some(catalog.load_outlook(Some(&before.id))?)
        }
        Some(id) => Some(
            catalog
                .load_outlook(Some(id))
                .map_err(asked_by(Param::Compare))?,
        ),
        None => None,
    };
    let allies = if r.allies.is_empty() {
        catalog.allies.iter().collect()
    } else {
        r.allies
            .iter()
            .map(|a| catalog.ally(a))
            .collect::<Result<Vec<_>>>()?
    };
    let both: Vec<&Outlook> = std::iter::once(&*outlook).chain(other.as_deref()).collect();
    let series = series(r, &both)?;
    let first = both
        .iter()
        .map(|o| o.info.first_year)
        .max()
        .unwrap_or_default();
    let last = both
        .iter()
        .map(|o| o.info.last_year)
        .min()
        .unwrap_or_default();
    let years = r.years.unwrap_or((first, last));
    if years.0 < first || years.1 > last {
        let which = both
            .iter()
            .map(|o| format!("{} ({}-{})", o.info.id, o.info.first_year, o.info.last_year))
            .collect::<Vec<_>>()
            .join(" and ");
        return Err(Error::usage(
            Param::Years,
            format!("{}-{} is outside outlook {which}", years.0, years.1),
        ));
    }
    let report = match &other {
        // Revision = later less earlier, whichever of the two was asked with
        // --compare: the later is the one published later.
        Some(other) => {
            let (then, now) = if other.info.published.date <= outlook.info.published.date {
                (&**other, &*outlook)
            } else {
                (&*outlook, &**other)
            };
            view::economy::changes(now, then, &allies, &series, years)
        }
        None => view::economy::report(&outlook, &allies, &series, years),
    };
    Ok(report)
}

/// The series asked for (keys or IMF codes), each held by every outlook
/// shown; by default every series they share.
fn series(r: &EconomyRequest, outlooks: &[&Outlook]) -> Result<Vec<Series>> {
    let shared: Vec<Series> = Series::ALL
        .into_iter()
        .filter(|s| outlooks.iter().all(|o| o.info.has(*s)))
        .collect();
    if r.series.is_empty() {
        return Ok(shared);
    }
    let mut chosen = Vec::new();
    for name in &r.series {
        let s = Series::find(name).ok_or_else(|| {
            Error::usage(
                Param::Series,
                format!(
                    "unknown series '{}'; expected one of {}",
                    name.trim(),
                    shared
                        .iter()
                        .map(|s| s.weo_code())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
        })?;
        if let Some(o) = outlooks.iter().find(|o| !o.info.has(s)) {
            return Err(Error::usage(
                Param::Series,
                format!(
                    "outlook {} has no {} ({})",
                    o.info.id,
                    s.weo_code(),
                    s.key()
                ),
            ));
        }
        if !chosen.contains(&s) {
            chosen.push(s);
        }
    }
    Ok(chosen)
}
