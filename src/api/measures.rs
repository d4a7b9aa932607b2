//! Like for like: the three definitions of defence side by side.

use serde::Deserialize;

use crate::calc::definitions;
use crate::data::{sipri::Measure, Catalog};
use crate::error::{Error, Result};
use crate::export::Report;
use crate::param::Param;
use crate::view;

/// NATO's, SIPRI's (where installed) and Eurostat's measures for each
/// ally-year, the gaps and the breaks.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DefinitionsRequest {
    /// An edition's id (default: the latest).
    pub edition: Option<String>,
    /// Allies by name or code (default: the EU member states among them).
    pub allies: Vec<String>,
    /// First and last year (default: Eurostat's years within the edition's):
    /// `[2021, 2025]` or, as on the command line, `"2021-2025"`.
    #[serde(deserialize_with = "years")]
    pub years: Option<(i32, i32)>,
}

/// A span of years given as a pair or as "FROM-TO" (or one year).
fn years<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<(i32, i32)>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Span {
        Pair(i32, i32),
        Text(String),
    }
    match Option::<Span>::deserialize(d)? {
        None => Ok(None),
        Some(Span::Pair(a, b)) if a <= b => Ok(Some((a, b))),
        Some(Span::Pair(a, b)) => Err(serde::de::Error::custom(format!(
            "{a}-{b}: the first year comes after the last"
        ))),
        Some(Span::Text(t)) => crate::cli::parse_years(&t)
            .map(Some)
            .map_err(serde::de::Error::custom),
    }
}

pub fn definitions(catalog: &Catalog, r: &DefinitionsRequest) -> Result<Report> {
    let data = catalog.load_edition(r.edition.as_deref())?;
    let edition = &data.edition;
    let (gov_ev, gov_ev_source) = catalog.gov_ev()?;
    let eu_years = gov_ev
        .years()
        .unwrap_or((edition.first_year, edition.last_year));
    let years = match r.years {
        Some((from, to)) => {
            if from < edition.first_year || to > edition.last_year {
                return Err(Error::usage(
                    Param::Years,
                    format!(
                        "{from}-{to} is outside edition {} ({}-{})",
                        edition.id, edition.first_year, edition.last_year
                    ),
                ));
            }
            (from, to)
        }
        None => (
            eu_years.0.max(edition.first_year),
            eu_years.1.min(edition.last_year),
        ),
    };
    let allies: Vec<&crate::data::Ally> = if r.allies.is_empty() {
        catalog.allies.iter().filter(|a| a.eu_member).collect()
    } else {
        let codes = catalog
            .ally_codes(&r.allies)
            .map_err(super::asked_by(Param::Allies))?;
        catalog
            .allies
            .iter()
            .filter(|a| codes.contains(&a.nato_code))
            .collect()
    };
    let sipri = installed_sipri(catalog, &[Measure::ShareOfGdp])?;
    let calc = crate::calc::Calculator::for_edition(&data, &catalog.allies)?;
    let rows = definitions::by_ally_year(
        &calc.histories()?,
        &allies,
        years,
        &gov_ev,
        sipri.as_ref().and_then(|s| s.table(Measure::ShareOfGdp)),
    );
    let breaks = definitions::breaks(&rows);
    Ok(view::definitions::report(
        &view::definitions::Sources {
            edition,
            gov_ev: &gov_ev,
            gov_ev_source: &gov_ev_source,
            sipri: sipri.as_ref().map(|s| &s.release),
        },
        years,
        &rows,
        &breaks,
    ))
}

/// The rivals table for `year` of `edition` (SIPRI's last year when it
/// ends before: both sides in the same year).
pub(crate) fn rivals(
    catalog: &Catalog,
    edition: Option<&str>,
    year: i32,
) -> Result<crate::calc::ppp::Rivals> {
    use crate::data::groups as keys;
    let data = catalog.load_edition(edition)?;
    let sipri = installed_sipri(catalog, &[Measure::CurrentUsd])?;
    let rivals = crate::calc::ppp::rivals(
        &data,
        &catalog.allies,
        (
            catalog.group(keys::EUROPE)?,
            catalog.group(keys::UNITED_STATES)?,
        ),
        catalog.ppp()?,
        sipri.as_ref(),
        year,
    )?;
    crate::context::check_ppp_year(&rivals.rates, &catalog.allies, rivals.year)?;
    Ok(rivals)
}

/// SIPRI's latest installed release with `measures`, or `None` when none is
/// installed (an installed release that cannot be read is an error).
fn installed_sipri(
    catalog: &Catalog,
    measures: &[Measure],
) -> Result<Option<crate::data::sipri::Sipri>> {
    match catalog.sipri_installed() {
        true => catalog.load_sipri(None, measures).map(Some),
        false => Ok(None),
    }
}
