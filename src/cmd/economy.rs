//! `defspend economy`: the economic outlook behind money paths, by ally and
//! year, and with `--compare`, how it moved from another outlook.

use crate::cli::EconomyArgs;
use crate::data::outlook::{Outlook, Series};
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::param::Param;
use crate::view;

pub fn run(catalog: &Catalog, args: &EconomyArgs) -> Result<()> {
    let outlook = catalog.load_outlook(args.economy.as_deref())?;
    let other = match &args.compare {
        Some(id) => Some(catalog.load_outlook(Some(id)).map_err(|e| match e {
            e @ (Error::Usage { .. } | Error::Request { .. }) => e.from_param(Param::Compare),
            other => other,
        })?),
        None => None,
    };
    let allies = if args.allies.is_empty() {
        catalog.allies.iter().collect()
    } else {
        args.allies
            .iter()
            .map(|a| catalog.ally(a))
            .collect::<Result<Vec<_>>>()?
    };
    let both: Vec<&Outlook> = std::iter::once(&*outlook).chain(other.as_deref()).collect();
    let series = series(args, &both)?;
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
    let years = args.years.unwrap_or((first, last));
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
    args.output.emit(&report)
}

/// The series asked for (keys or IMF codes), each held by every outlook
/// shown; by default every series they share.
fn series(args: &EconomyArgs, outlooks: &[&Outlook]) -> Result<Vec<Series>> {
    let shared: Vec<Series> = Series::ALL
        .into_iter()
        .filter(|s| outlooks.iter().all(|o| o.info.has(*s)))
        .collect();
    if args.series.is_empty() {
        return Ok(shared);
    }
    let mut chosen = Vec::new();
    for name in &args.series {
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
