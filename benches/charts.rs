//! Chart rendering: preparing a chart's data and drawing it to PNG and SVG.

use criterion::{criterion_group, criterion_main, Criterion};
use defspend::chart::{self, ImageFormat};
use defspend::cli::{ChartKind, ChartOptions};
use defspend::cmd::chart::prepare;
use defspend::data::{Catalog, DataSource};

fn options() -> ChartOptions {
    ChartOptions {
        edition: None,
        year: None,
        targets: Vec::new(),
        allies: Vec::new(),
        groups: Vec::new(),
        scenario: None,
        width: 1600,
        height: 1000,
        scale: 1,
        title: None,
    }
}

fn charts(c: &mut Criterion) {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let data = catalog.load_edition(None).unwrap();
    for (name, kind) in [
        ("shares", ChartKind::Shares),
        ("burden", ChartKind::Burden),
        ("trajectory", ChartKind::Trajectory),
    ] {
        c.bench_function(&format!("prepare {name}"), |b| {
            b.iter(|| prepare(&catalog, &data, kind, &options()).unwrap())
        });
        let (chart, _) = prepare(&catalog, &data, kind, &options()).unwrap();
        c.bench_function(&format!("render {name} PNG 1600x1000"), |b| {
            b.iter(|| chart::render(&chart, ImageFormat::Png, 1600, 1000).unwrap())
        });
        c.bench_function(&format!("render {name} SVG 1600x1000"), |b| {
            b.iter(|| chart::render(&chart, ImageFormat::Svg, 1600, 1000).unwrap())
        });
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = charts
}
criterion_main!(benches);
