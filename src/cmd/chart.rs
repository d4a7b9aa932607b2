//! `defspend chart KIND`: one publication-ready chart, PNG or SVG.

use crate::chart::{self, kinds, ImageFormat};
use crate::cli::ChartArgs;
use crate::data::Catalog;
use crate::error::Result;
use crate::export::write_atomic;
use crate::results::Results;

pub fn run(catalog: &Catalog, args: &ChartArgs) -> Result<()> {
    let format = ImageFormat::from_path(&args.output)?;
    let kind = args.kind.kind()?;
    let spec = args.options.spec.spec();
    kinds::check_options(kind, &spec)?;
    let ctx = args.options.at.resolve(catalog)?;
    let prepared = kinds::prepare(kind, &Results::new(&ctx), &spec)?;
    let (width, height) = args.options.size.size().pixels();
    let bytes = chart::render(prepared.chart.as_ref(), format, width, height)?;
    write_atomic(&args.output, &bytes)
}
