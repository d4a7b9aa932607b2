//! The questions answered from one edition's tables: who falls short, by how
//! much at several targets, the burden, SIPRI beside NATO, why shares
//! moved, how far apart the allies are; and what the catalog holds.

use serde::Deserialize;

use super::{asked_by, check_target, groups, scope};
use crate::calc::ppp::{Currency, Prices};
use crate::calc::targets::{COMPARE, GUIDELINE};
use crate::calc::Calculator;
use crate::calc::{crosscheck as cross, decompose as decomp, dispersion as spread, percapita};
use crate::context::{resolve_year, Context};
use crate::data::sipri::Measure;
use crate::data::{groups as group_keys, Catalog};
use crate::error::{Error, Result};
use crate::export::Report;
use crate::param::Param;
use crate::view;

/// The first year of SIPRI's series `dispersion` reads.
pub const SIPRI_FROM: i32 = 1990;

/// Who meets a target share of GDP in a year, and what the others fall
/// short by.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ShortfallRequest {
    /// An edition's id (default: the latest).
    pub edition: Option<String>,
    /// A year of the edition (default: its last).
    pub year: Option<i32>,
    /// % of GDP.
    pub target: f64,
    /// Groups by key (default: the standard groups).
    pub groups: Vec<String>,
    /// Money at market rates (default) or at GDP-based PPP.
    pub prices: Prices,
    /// Money in USD (default) or in each ally's own currency.
    pub currency: Currency,
}

impl Default for ShortfallRequest {
    fn default() -> Self {
        ShortfallRequest {
            edition: None,
            year: None,
            target: GUIDELINE,
            groups: Vec::new(),
            prices: Prices::Market,
            currency: Currency::Usd,
        }
    }
}

pub fn shortfall(catalog: &Catalog, r: &ShortfallRequest) -> Result<Report> {
    let target = check_target(Param::Target, r.target)?;
    let basis = crate::context::money_basis(r.prices, r.currency)?;
    let ctx = Context::at_prices(catalog, r.edition.as_deref(), r.year, basis)?;
    let groups = groups(catalog, &r.groups)?;
    let standings = ctx.calc.standing(ctx.year, target)?;
    // Group totals in one currency: in national currency, from the USD figures.
    let in_usd = match basis {
        Prices::National => Some(
            Context::new(catalog, r.edition.as_deref(), Some(ctx.year))?
                .calc
                .standing(ctx.year, target)?,
        ),
        _ => None,
    };
    view::shortfall::report(
        &scope(&ctx),
        (&standings, in_usd.as_ref().unwrap_or(&standings)),
        &groups,
    )
}

/// Several targets side by side.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CompareRequest {
    pub targets: Vec<f64>,
    pub edition: Option<String>,
    pub year: Option<i32>,
    pub groups: Vec<String>,
    /// Also each ally's gap per person (population from the outlook).
    pub per_capita: bool,
    /// The outlook giving population (default: the latest).
    pub economy: Option<String>,
    /// Money at market rates (default) or at GDP-based PPP, with Europe
    /// against Russia and China at both.
    pub prices: crate::calc::ppp::Prices,
    /// Money in USD (default) or in each ally's own currency.
    pub currency: Currency,
}

impl Default for CompareRequest {
    fn default() -> Self {
        CompareRequest {
            targets: COMPARE.to_vec(),
            edition: None,
            year: None,
            groups: Vec::new(),
            per_capita: false,
            economy: None,
            prices: crate::calc::ppp::Prices::Market,
            currency: Currency::Usd,
        }
    }
}

pub fn compare(catalog: &Catalog, r: &CompareRequest) -> Result<Report> {
    let basis = crate::context::money_basis(r.prices, r.currency)?;
    if basis == Prices::National && r.per_capita {
        return Err(Error::usage(
            Param::PerCapita,
            format!(
                "a gap per person is in USD: not with {} national",
                Param::Currency
            ),
        ));
    }
    let ctx = Context::at_prices(catalog, r.edition.as_deref(), r.year, basis)?;
    if r.targets.is_empty() {
        return Err(Error::usage(Param::Targets, "give at least one target"));
    }
    for (i, t) in r.targets.iter().enumerate() {
        check_target(Param::Targets, *t)?;
        if r.targets[..i].contains(t) {
            return Err(Error::usage(
                Param::Targets,
                format!("{} is given twice", crate::units::pct(*t)),
            ));
        }
    }
    let standings = ctx.calc.standings(ctx.year, &r.targets)?;
    let groups = groups(catalog, &r.groups)?;
    let outlook = match r.per_capita {
        true => Some(catalog.load_outlook(r.economy.as_deref())?),
        false => None,
    };
    let rivals = match r.prices {
        crate::calc::ppp::Prices::Ppp => Some(super::measures::rivals(
            catalog,
            r.edition.as_deref(),
            ctx.year,
        )?),
        _ => None,
    };
    // Group totals in one currency: in national currency, from the USD figures.
    let in_usd = match basis {
        Prices::National => Some(
            Context::new(catalog, r.edition.as_deref(), Some(ctx.year))?
                .calc
                .standings(ctx.year, &r.targets)?,
        ),
        _ => None,
    };
    view::compare::report(
        &scope(&ctx),
        (&standings, in_usd.as_deref().unwrap_or(&standings)),
        &groups,
        outlook.as_deref(),
        rivals.as_ref(),
    )
}

/// Each ally's share of allied spending against its share of allied GDP.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct BurdenRequest {
    pub edition: Option<String>,
    pub year: Option<i32>,
    pub per_capita: bool,
    pub economy: Option<String>,
    /// Money at market rates (default) or at GDP-based PPP, every year.
    pub prices: Prices,
}

pub fn burden(catalog: &Catalog, r: &BurdenRequest) -> Result<Report> {
    if r.prices == Prices::Ppp && r.per_capita {
        return Err(Error::usage(
            Param::PerCapita,
            format!(
                "spending per person is NATO's constant-price figure or current USD over population: not at {} ppp",
                Param::Prices
            ),
        ));
    }
    let ctx = Context::at_prices(catalog, r.edition.as_deref(), r.year, r.prices)?;
    if r.prices == Prices::Ppp {
        // The US against Europe covers every year of the edition.
        let rates = catalog.ppp()?;
        for year in ctx.edition().years() {
            crate::context::check_ppp_year(&rates, &catalog.allies, year)?;
        }
    }
    let burden = ctx.calc.burden(ctx.year)?;
    let history = ctx.calc.us_vs_europe(
        catalog.required_group(group_keys::UNITED_STATES),
        catalog.required_group(group_keys::EUROPE_CANADA),
    )?;
    let per_capita = match r.per_capita {
        true => {
            let outlook = catalog.load_outlook(r.economy.as_deref())?;
            Some(percapita::for_year(
                &ctx.calc,
                &ctx.data,
                &catalog.allies,
                &outlook,
                ctx.year,
            )?)
        }
        false => None,
    };
    let per_person = per_capita
        .as_ref()
        .map(|(basis, rows, allied)| view::burden::PerPerson {
            basis,
            rows,
            allied: *allied,
        });
    view::burden::report(&scope(&ctx), &burden, &history, per_person)
}

/// NATO's shares against SIPRI's for one year.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CrosscheckRequest {
    pub edition: Option<String>,
    /// Default: the latest year both sources cover.
    pub year: Option<i32>,
}

pub fn crosscheck(catalog: &Catalog, r: &CrosscheckRequest) -> Result<Report> {
    let sipri = catalog.load_sipri(None, &[Measure::ShareOfGdp])?;
    let data = catalog.load_edition(r.edition.as_deref())?;
    let year = match r.year {
        Some(y) => y,
        None => data.edition.last_year.min(sipri.release.last_year),
    };
    let year = resolve_year(&data, Some(year))?;
    if year > sipri.release.last_year || year < sipri.release.first_year {
        return Err(Error::usage(
            Param::Year,
            format!(
                "{year} is outside SIPRI's {}-{}",
                sipri.release.first_year, sipri.release.last_year
            ),
        ));
    }
    let ctx = Context::for_year(catalog, data, year)?;
    let standings = ctx.calc.standing(year, GUIDELINE)?;
    let table = sipri.table(Measure::ShareOfGdp).ok_or_else(|| {
        Error::data(
            sipri.release.id.as_str(),
            "the share of GDP table was not loaded",
        )
    })?;
    let rows = cross::crosscheck(
        &standings.rows,
        table,
        &catalog.allies,
        year,
        ctx.edition().is_estimate(year),
        GUIDELINE,
    );
    Ok(view::crosscheck::report(
        &scope(&ctx),
        &sipri,
        &rows,
        GUIDELINE,
    ))
}

/// Why shares moved between two years: spending against GDP.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DecomposeRequest {
    /// Default: the edition's first year.
    pub from: Option<i32>,
    /// Default: the edition's last year.
    pub to: Option<i32>,
    pub edition: Option<String>,
    pub groups: Vec<String>,
}

pub fn decompose(catalog: &Catalog, r: &DecomposeRequest) -> Result<Report> {
    let data = catalog.load_edition(r.edition.as_deref())?;
    let from_year = resolve_year(&data, Some(r.from.unwrap_or(data.edition.first_year)))
        .map_err(asked_by(Param::From))?;
    let to = resolve_year(&data, r.to).map_err(asked_by(Param::To))?;
    if from_year >= to {
        return Err(Error::usage(
            Param::From,
            format!("{from_year} must come before {} {to}", Param::To),
        ));
    }
    let groups = groups(catalog, &r.groups)?;
    let ctx = Context::for_year(catalog, data, to)?;
    // The target does not matter here: only shares, spending and GDP are read.
    // The allies of the later year, with their own figures in the earlier one.
    let before = ctx.calc.standing_all(from_year, GUIDELINE)?;
    let after = ctx.calc.standing(to, GUIDELINE)?;
    let allies = decomp::allies(&before, &after);
    let totals: Vec<_> = groups
        .iter()
        .filter_map(|g| decomp::group(&before, &after, g))
        .collect();
    Ok(view::decompose::report(
        &scope(&ctx),
        from_year,
        &allies,
        &totals,
    ))
}

/// Whose shares a dispersion reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// An edition of NATO's tables.
    #[default]
    Nato,
    /// SIPRI's installed release.
    Sipri,
}

/// How far apart the European allies' shares are, year by year.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DispersionRequest {
    pub source: Source,
    pub edition: Option<String>,
    /// The two groups set against each other.
    pub groups: Vec<String>,
}

impl Default for DispersionRequest {
    fn default() -> Self {
        DispersionRequest {
            source: Source::Nato,
            edition: None,
            groups: spread::DEFAULT_PAIR.map(String::from).to_vec(),
        }
    }
}

pub fn dispersion(catalog: &Catalog, r: &DispersionRequest) -> Result<Report> {
    if r.groups.len() != 2 {
        return Err(Error::usage(
            Param::Groups,
            format!(
                "give two groups to set against each other, not {}",
                r.groups.len()
            ),
        ));
    };
    let pair = group_keys::pair(catalog.groups_named(&r.groups)?, &r.groups)?;
    let over = catalog.group(group_keys::EUROPE)?;
    let groups = view::dispersion::Groups { over, pair };
    if r.source == Source::Sipri {
        if r.edition.is_some() {
            return Err(Error::usage(
                Param::Edition,
                format!(
                    "{} sipri reads SIPRI's installed release, not a NATO edition",
                    Param::Source
                ),
            ));
        }
        let sipri = catalog.load_sipri(None, &[Measure::ShareOfGdp, Measure::CurrentUsd])?;
        let years = spread::by_year_sipri(&sipri, &catalog.allies, SIPRI_FROM, over, pair)?;
        return Ok(view::dispersion::report(
            view::dispersion::Shares::Sipri(&sipri.release),
            &groups,
            &years,
        ));
    }
    let data = catalog.load_edition(r.edition.as_deref())?;
    let last = data.edition.last_year;
    let ctx = Context::for_year(catalog, data, last)?;
    let edition = ctx.edition();
    let years = spread::by_year(&ctx.calc, &catalog.allies, edition.years(), over, pair)?;
    Ok(view::dispersion::report(
        view::dispersion::Shares::Nato(edition),
        &groups,
        &years,
    ))
}

/// The editions defspend carries.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct EditionsRequest {}

pub fn editions(catalog: &Catalog, _r: &EditionsRequest) -> Result<Report> {
    view::catalog::editions(catalog)
}

/// The allies, with their codes and accession dates.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AlliesRequest {}

pub fn allies(catalog: &Catalog, _r: &AlliesRequest) -> Result<Report> {
    Ok(view::catalog::allies(catalog))
}

/// One ally across all years of an edition, with its spending per person.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AllyRequest {
    /// A name, NATO code or ISO code, in any case.
    pub ally: String,
    /// An edition's id (default: the latest).
    pub edition: Option<String>,
    /// The outlook giving population (default: the latest).
    pub economy: Option<String>,
    /// Money in USD (default) or in the ally's own currency.
    pub currency: Currency,
}

pub fn ally(catalog: &Catalog, r: &AllyRequest) -> Result<Report> {
    let ally = catalog.ally(&r.ally)?;
    let data = catalog.load_edition(r.edition.as_deref())?;
    let histories = Calculator::for_edition(&data, &catalog.allies)?.histories()?;
    let history = histories.get(&ally.nato_code).cloned().unwrap_or_default();
    let outlook = catalog.load_outlook(r.economy.as_deref())?;
    // The edition decides the basis, so that every ally's figure is on the same one.
    let basis = percapita::Basis::for_edition(&data, &histories, &outlook);
    let per_person: Vec<Option<f64>> = history
        .iter()
        .map(|y| basis.value(&ally.nato_code, y, &outlook))
        .collect();
    // In national currency: the same years, their money converted (per
    // person stays NATO's USD figure, computed above).
    let history = match r.currency {
        Currency::Usd => history,
        Currency::National => {
            let national = crate::calc::ppp::frame_in_national(&data.expenditure)?;
            Calculator::new(&national, &catalog.allies)?
                .histories()?
                .remove(&ally.nato_code)
                .unwrap_or_default()
        }
    };
    Ok(view::ally::report(
        ally,
        &data.edition,
        &history,
        (&basis, &per_person),
        r.currency,
    ))
}

/// Military personnel and spending per soldier, by ally and group, in a year
/// against an earlier one.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PersonnelRequest {
    /// An edition's id (default: the latest).
    pub edition: Option<String>,
    /// A year of the edition (default: its last).
    pub year: Option<i32>,
    /// The earlier year (default: the edition's first).
    pub since: Option<i32>,
    /// Groups by key (default: the standard groups).
    pub groups: Vec<String>,
}

pub fn personnel(catalog: &Catalog, r: &PersonnelRequest) -> Result<Report> {
    use crate::calc::personnel;
    let ctx = Context::new(catalog, r.edition.as_deref(), r.year)?;
    let edition = &ctx.data.edition;
    let since = match r.since {
        None => edition.first_year,
        Some(y) => resolve_year(&ctx.data, Some(y)).map_err(asked_by(Param::Since))?,
    };
    if since >= ctx.year {
        return Err(Error::usage(
            Param::Since,
            format!("{since} is not before the year, {}", ctx.year),
        ));
    }
    let histories = ctx.calc.histories()?;
    let allies = personnel::by_ally(&histories, &catalog.allies, ctx.year, since);
    let groups: Vec<personnel::GroupForce> = groups(catalog, &r.groups)?
        .into_iter()
        .map(|g| personnel::by_group(&allies, g))
        .collect();
    Ok(view::personnel::report(
        edition,
        (ctx.year, since),
        &allies,
        &groups,
    ))
}
