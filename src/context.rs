//! Arguments resolved into what a command works on, in one step: the edition
//! loaded (only the one asked for), the year checked against it, the
//! calculator ready. Plain values: what a run computes and keeps is
//! [`crate::results::Results`]'.

use crate::calc::ppp::{self, Prices};
use crate::calc::Calculator;
use crate::data::{Catalog, EditionData};
use crate::error::{Error, Result};
use crate::param::Param;

/// One year of one edition, ready to calculate on.
pub struct Context<'c> {
    pub catalog: &'c Catalog,
    pub data: EditionData,
    pub year: i32,
    pub calc: Calculator,
    /// The price basis of its money (market unless asked for PPP).
    pub prices: Prices,
}

impl<'c> Context<'c> {
    /// `edition`: an id, or the latest; `year`: the edition's latest by default.
    pub fn new(catalog: &'c Catalog, edition: Option<&str>, year: Option<i32>) -> Result<Self> {
        let data = catalog.load_edition(edition)?;
        let year = resolve_year(&data, year)?;
        Self::for_year(catalog, data, year)
    }

    pub fn for_year(catalog: &'c Catalog, data: EditionData, year: i32) -> Result<Self> {
        let calc = Calculator::for_edition(&data, &catalog.allies)?;
        Ok(Context {
            catalog,
            data,
            year,
            calc,
            prices: Prices::Market,
        })
    }

    /// As [`Context::new`], its money at `prices`: at PPP, every ally-year's
    /// current-USD spending and GDP converted at its own ratio (the IMF's
    /// rates must cover the year for every ally: a one-line error if not).
    pub fn at_prices(
        catalog: &'c Catalog,
        edition: Option<&str>,
        year: Option<i32>,
        prices: Prices,
    ) -> Result<Self> {
        if prices == Prices::Market {
            return Self::new(catalog, edition, year);
        }
        let mut data = catalog.load_edition(edition)?;
        let year = resolve_year(&data, year)?;
        data.expenditure = match prices {
            Prices::National => ppp::frame_in_national(&data.expenditure)?,
            _ => {
                let rates = catalog.ppp()?;
                check_ppp_year(&rates, &catalog.allies, year)?;
                ppp::frame_at_ppp(&data.expenditure, &catalog.allies, &rates)?
            }
        };
        let mut ctx = Self::for_year(catalog, data, year)?;
        ctx.prices = prices;
        Ok(ctx)
    }

    pub fn edition(&self) -> &crate::data::Edition {
        &self.data.edition
    }
}

/// The year asked for, or the edition's latest; an error if outside the edition.
pub fn resolve_year(data: &EditionData, year: Option<i32>) -> Result<i32> {
    let edition = &data.edition;
    let year = year.unwrap_or(edition.last_year);
    if !edition.years().contains(&year) {
        return Err(Error::usage(
            Param::Year,
            format!(
                "{year} is outside edition {} ({}-{})",
                edition.id, edition.first_year, edition.last_year
            ),
        ));
    }
    Ok(year)
}

/// The money basis asked: `prices`, or each ally's own currency; national
/// currency at PPP is refused.
pub fn money_basis(prices: Prices, currency: ppp::Currency) -> Result<Prices> {
    match (currency, prices) {
        (ppp::Currency::Usd, p) => Ok(p),
        (ppp::Currency::National, Prices::Market) => Ok(Prices::National),
        (ppp::Currency::National, _) => Err(Error::usage(
            Param::Currency,
            format!(
                "national currency is at market prices: not with {} ppp",
                Param::Prices
            ),
        )),
    }
}

/// A one-line error unless `rates` cover `year` for every ally.
pub fn check_ppp_year(
    rates: &crate::data::ppp::PppRates,
    allies: &[crate::data::Ally],
    year: i32,
) -> Result<()> {
    let (first, last) = rates.years();
    if let Some(a) = allies.iter().find(|a| rates.get(&a.iso3, year).is_none()) {
        return Err(Error::usage(
            Param::Prices,
            format!(
                "the IMF's PPP rates ({}) have no {year} for {} (they cover {first}-{last})",
                rates.id, a.name
            ),
        ));
    }
    Ok(())
}
