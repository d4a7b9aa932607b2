//! Any bytes as a dataset file: expenditure and aggregate tables, allies.csv and
//! editions.toml parse or fail with an error, never panic.
#![no_main]

use std::sync::OnceLock;

use defspend::data::expenditure::{parse_table, to_frame, TableKind};
use defspend::data::source::SourceFile;
use defspend::data::{allies, editions, Catalog, DataSource};
use libfuzzer_sys::fuzz_target;

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| Catalog::load(DataSource::Embedded).expect("embedded datasets load"))
}

fuzz_target!(|data: &[u8]| {
    let catalog = catalog();
    let file = SourceFile {
        display: "fuzz.csv".into(),
        text: String::from_utf8_lossy(data).into_owned(),
    };
    let edition = &catalog.editions[0];
    for kind in [TableKind::Allies, TableKind::Aggregates] {
        if let Ok(rows) = parse_table(&file, kind, edition, &catalog.allies) {
            let frame = to_frame(&rows).expect("parsed rows make a frame");
            let calc = defspend::calc::Calculator::new(&frame, &catalog.allies).unwrap();
            let _ = calc.standing(edition.last_year, 2.0);
        }
    }
    let _ = allies::parse_allies(&file);
    let _ = defspend::data::groups::parse_groups(&file, &catalog.allies);
    let _ = editions::parse_manifest(&file);
});
