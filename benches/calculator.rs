//! The calculator on the embedded datasets: shares and gaps for a year, group
//! totals, aggregates across years, and a scenario's paths to 2035.

use criterion::{criterion_group, criterion_main, Criterion};
use defspend::calc::Calculator;
use defspend::data::{groups, Catalog, DataSource};

fn calculator(c: &mut Criterion) {
    let catalog = Catalog::load(DataSource::Embedded).unwrap();
    let data = catalog.load_edition(Some("nato-2026")).unwrap();
    let calc = Calculator::for_edition(&data, &catalog.allies).unwrap();

    c.bench_function("load embedded edition", |b| {
        b.iter(|| catalog.load_edition(Some("nato-2026")).unwrap())
    });
    c.bench_function("standing (shares and gaps, one year)", |b| {
        b.iter(|| calc.standing(2026, 3.5).unwrap())
    });
    let standing = calc.standing(2026, 3.5).unwrap();
    c.bench_function("group gaps (four groups)", |b| {
        b.iter(|| {
            for g in catalog.standard_groups() {
                standing.group_total(g).unwrap();
            }
        })
    });
    let europe = catalog.required_group(groups::EUROPE_CANADA);
    c.bench_function("aggregate (all years, Europe and Canada)", |b| {
        b.iter(|| calc.aggregate(europe).unwrap())
    });
    let scenario = defspend::scenario::load("hague-2035", &catalog).unwrap();
    c.bench_function("scenario paths (31 allies, 2025-2035)", |b| {
        b.iter(|| scenario.paths(&calc).unwrap())
    });
}

criterion_group!(benches, calculator);
criterion_main!(benches);
