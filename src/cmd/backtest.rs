//! `defspend backtest`: the odds' models and baselines scored on history.

use crate::cli::BacktestArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::scenario::backtest::{self, Name};
use crate::view;

pub fn run(catalog: &Catalog, args: &BacktestArgs) -> Result<()> {
    let names: Vec<Name> = if args.names.is_empty() {
        Name::ALL.to_vec()
    } else {
        args.names
            .iter()
            .map(|n| {
                Name::ALL
                    .into_iter()
                    .find(|k| k.key() == n.trim())
                    .ok_or_else(|| {
                        Error::usage(
                            "NAME",
                            format!(
                                "unknown backtest '{}'; expected {}",
                                n.trim(),
                                Name::ALL.map(|k| k.key()).join(", ")
                            ),
                        )
                    })
            })
            .collect::<Result<_>>()?
    };
    let outcomes = names
        .iter()
        .map(|n| backtest::run(catalog, *n, args.spread))
        .collect::<Result<Vec<_>>>()?;
    let edition = catalog.edition(Some("nato-2024"))?;
    let mut citation = edition.citation.clone();
    if outcomes
        .iter()
        .any(|o| o.model("random-walk").is_some() && o.name == Name::Wales2014)
    {
        if let Ok(r) = catalog.sipri_release(None) {
            citation = format!("{citation}\n{}", r.citation);
        }
    }
    args.output
        .emit(&view::backtest::report(&outcomes, &citation))
}
