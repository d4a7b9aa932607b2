//! `defspend calibrate`: the outlook model's parameters re-estimated.

use crate::cli::CalibrateArgs;
use crate::data::Catalog;
use crate::error::{Error, Result};
use crate::export;
use crate::forecast::calibrate;

pub fn run(catalog: &Catalog, args: &CalibrateArgs) -> Result<()> {
    let text = crate::forecast::backtest::estimate_model(catalog)?.to_toml();
    if args.check {
        let committed = catalog.source.read(calibrate::PATH)?;
        if committed.text != text {
            return Err(Error::data(
                committed.display,
                "differs from the parameters re-estimated from the installed sources (defspend calibrate --output FILE writes them)",
            ));
        }
        crate::export::say(&format!(
            "{}: reproduced from the installed sources",
            committed.display
        ))?;
        return Ok(());
    }
    export::emit(&text, args.output.as_deref())
}
