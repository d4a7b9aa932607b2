//! `defspend backtest`: the odds' models and baselines scored on history.

use crate::cli::BacktestArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::forecast::backtest::{self, Name};
use crate::param::Param;
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
                            Param::Name,
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
    if names.contains(&Name::NatoOneYear) {
        let latest = catalog.edition(Some("nato-2026"))?;
        citation = format!("{citation}\n{}", latest.citation);
    }
    // SIPRI's release where a model or baseline drew on it.
    if outcomes.iter().any(|o| {
        o.name == Name::SipriRolling
            || o.model("adjust").is_some()
            || (o.model("random-walk").is_some() && o.name != Name::Nato2019)
    }) {
        if let Ok(r) = catalog.sipri_release(None) {
            citation = format!("{citation}\n{}", r.citation);
        }
    }
    args.output
        .emit(&view::backtest::report(&outcomes, &citation))
}
