//! Chart rendering: preparing a chart's data and drawing it to PNG and SVG.

use criterion::{criterion_group, criterion_main, Criterion};
use defspend::chart::{self, kinds, ChartSpec, ImageFormat};
use defspend::context::Context;
use defspend::data::{Catalog, DataSource};
use defspend::results::Results;

fn charts(c: &mut Criterion) {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let ctx = Context::new(&catalog, None, None).unwrap();
    let options = ChartSpec::default();
    for name in ["shares", "burden", "trajectory"] {
        let kind = kinds::find(name).unwrap();
        c.bench_function(&format!("prepare {name}"), |b| {
            // A fresh results set each time: nothing computed is kept between runs.
            b.iter(|| kinds::prepare(kind, &Results::new(&ctx), &options).unwrap())
        });
        let prepared = kinds::prepare(kind, &Results::new(&ctx), &options).unwrap();
        let chart = prepared.chart.as_ref();
        c.bench_function(&format!("render {name} PNG 1600x1000"), |b| {
            b.iter(|| chart::render(chart, ImageFormat::Png, 1600, 1000).unwrap())
        });
        c.bench_function(&format!("render {name} SVG 1600x1000"), |b| {
            b.iter(|| chart::render(chart, ImageFormat::Svg, 1600, 1000).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = charts
}
criterion_main!(benches);
